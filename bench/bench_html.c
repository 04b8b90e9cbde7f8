/*
 * bench_html.c - throughput of the HTML5 parser behind html/dom.h (sift_html_parse over myhtml,
 * with the DOM built) against a raw byte scan, on real pages.
 *
 * usage: bench_html [REPS] PAGE...   (PAGE: a .html file, or .html.gz read through gzip -dc)
 *
 * Every page is read once, before any timing, as its bytes are (the pages of ../shared are
 * mostly UTF-8; the parser takes any bytes). One pass parses every page and frees its document;
 * the raw scan counts the '<' of every page through a 256-entry table, roughly the cheapest pass
 * that looks at every byte. Each is timed over REPS passes (default 5, CLOCK_MONOTONIC), and the
 * table shows the best and the median pass; the ratio uses the best. 1 MB = 10^6 bytes.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "html/dom.h"

#define MAX_REPS 100

struct page {
    char *s;
    size_t len;
};

struct result {
    const char *name;
    double best, median;
    unsigned long long count;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *msg, const char *what)
{
    fprintf(stderr, "bench_html: %s%s%s\n", msg, what ? ": " : "", what ? what : "");
    exit(1);
}

static char *read_page(const char *path, size_t *len)
{
    size_t n = strlen(path), cap = 0, got, at = 0;
    int gz = n > 3 && strcmp(path + n - 3, ".gz") == 0;
    char *buf = NULL, *cmd;
    FILE *f;

    if (gz) {
        if (!(cmd = malloc(n + 16)))
            die("out of memory", NULL);
        snprintf(cmd, n + 16, "gzip -dc '%s'", path);
        f = popen(cmd, "r");
        free(cmd);
    } else {
        f = fopen(path, "rb");
    }
    if (!f)
        die("cannot open", path);
    do {
        if (cap - at < 65536) {
            cap = cap ? 2 * cap : 1 << 20;
            if (!(buf = realloc(buf, cap)))
                die("out of memory", NULL);
        }
        got = fread(buf + at, 1, 65536, f);
        at += got;
    } while (got > 0);
    if (gz ? pclose(f) != 0 : fclose(f) != 0)
        die("cannot read", path);
    *len = at;
    return buf;
}

static unsigned long long run_raw(const struct page *p, size_t np)
{
    static unsigned char lt[256];
    unsigned long long n = 0;
    size_t k, i;
    lt['<'] = 1;
    for (k = 0; k < np; k++)
        for (i = 0; i < p[k].len; i++)
            n += lt[(unsigned char)p[k].s[i]];
    return n;
}

static unsigned long long run_parse(const struct page *p, size_t np)
{
    unsigned long long n = 0;
    size_t k;
    for (k = 0; k < np; k++) {
        struct sift_html_doc *doc;
        if (sift_html_parse(p[k].s, p[k].len, &doc) != SIFT_OK)
            die("sift_html_parse failed", NULL);
        /* a cheap check that the document is whole: its node count */
        n += sift_html_count(doc);
        sift_html_free(doc);
    }
    return n;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static struct result measure(const char *name, unsigned long long (*fn)(const struct page *, size_t),
                             const struct page *p, size_t np, int reps)
{
    struct result r;
    double times[MAX_REPS];
    int k;
    r.name = name;
    r.count = 0;
    for (k = 0; k < reps; k++) {
        double t0 = now();
        unsigned long long n = fn(p, np);
        times[k] = now() - t0;
        if (k > 0 && n != r.count)
            die("count changed between passes", name);
        r.count = n;
    }
    qsort(times, (size_t)reps, sizeof times[0], cmp_double);
    r.best = times[0];
    r.median = reps % 2 ? times[reps / 2] : (times[reps / 2 - 1] + times[reps / 2]) / 2;
    return r;
}

int main(int argc, char **argv)
{
    struct page *pages;
    struct result r[2];
    size_t np = 0, total = 0;
    int reps = 5, first = 1, i;

    if (argc > 1 && strspn(argv[1], "0123456789") == strlen(argv[1])) {
        reps = atoi(argv[1]);
        first = 2;
    }
    if (reps < 1 || reps > MAX_REPS || first >= argc) {
        fprintf(stderr, "usage: %s [REPS] PAGE...\n", argv[0]);
        return 2;
    }
    if (!(pages = calloc((size_t)(argc - first), sizeof *pages)))
        die("out of memory", NULL);
    for (i = first; i < argc; i++) {
        pages[np].s = read_page(argv[i], &pages[np].len);
        total += pages[np++].len;
    }
    printf("C: %zu pages, %.2f MB, %d passes each\n\n", np, (double)total / 1e6, reps);
    r[0] = measure("raw byte scan (count '<')", run_raw, pages, np, reps);
    r[1] = measure("sift_html_parse + free", run_parse, pages, np, reps);
    printf("%-28s %9s %9s %12s  %-10s %7s\n", "", "MB/s", "MB/s", "count", "counted", "vs raw");
    printf("%-28s %9s %9s %12s  %-10s %7s\n", "", "best", "median", "per pass", "", "");
    for (i = 0; i < 2; i++)
        printf("%-28s %9.1f %9.1f %12llu  %-10s %6.3fx\n", r[i].name, (double)total / r[i].best / 1e6,
               (double)total / r[i].median / 1e6, r[i].count, i ? "nodes" : "'<' bytes", r[0].best / r[i].best);
    printf("\nvs raw: the raw scan's time divided by the line's (>1 = faster than the scan).\n");
    for (i = 0; i < (int)np; i++)
        free(pages[i].s);
    free(pages);
    return 0;
}
