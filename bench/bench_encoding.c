/*
 * bench_encoding.c - throughput of valid_utf8, detection and conversion.
 *
 * Input: the BBC articles in $SIFT_SHARED/data/bbc-news-summary/articles (SIFT_SHARED defaults to
 * ../shared), concatenated and repeated to >= 100 MB; conversion is compared with the iconv
 * command on the same bytes written to a temporary file.
 *
 * cc -std=c99 -O2 -Isrc bench/bench_encoding.c src/encoding/encoding.c src/encoding/utf8.c src/encoding/detect.c
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "encoding/encoding.h"

#define TARGET (100u << 20)

struct buf {
    char *p;
    size_t n, cap;
};

static void add(struct buf *b, const char *s, size_t n)
{
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p) {
            perror("realloc");
            exit(1);
        }
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void add_file(struct buf *b, const char *path)
{
    char tmp[65536];
    size_t n;
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        add(b, tmp, n);
    fclose(f);
}

/* Every regular file one or two levels below dir (articles/<category>/<n>.txt). */
static void add_tree(struct buf *b, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[1024];

    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (depth > 0)
            add_tree(b, path, depth - 1);
        add_file(b, path);
    }
    closedir(d);
}

static int convert(const char *enc, int dir, int mode, const char *in, size_t len, struct buf *out)
{
    struct sift_conv c;
    static char window[SIFT_CONV_CHUNK];
    int rc = sift_conv_open(&c, enc, dir, mode);

    out->n = 0;
    while (rc == SIFT_ENC_OK || rc == SIFT_CONV_FULL) {
        char *op = window;
        size_t ol = sizeof window;
        rc = sift_conv_feed(&c, &in, &len, &op, &ol, 1);
        add(out, window, sizeof window - ol);
        if (rc == SIFT_ENC_OK)
            break;
    }
    sift_conv_close(&c);
    return rc;
}

static void row(const char *what, size_t bytes, double secs, const char *note)
{
    printf("%-40s %10.1f MB/s  %s\n", what, (double)bytes / secs / 1e6, note);
}

int main(void)
{
    const char *shared = getenv("SIFT_SHARED");
    char dir[512], cmd[1200], tmpl[] = "/tmp/sift-bench-XXXXXX";
    struct buf one = {0}, big = {0}, cp = {0}, out = {0}, samples = {0};
    size_t pos, i, reps, files_bytes = 0;
    double t, tv, conf, t_sift, t_cmd;
    const char *name = NULL;
    FILE *f;
    int fd;

    if (!shared || !*shared)
        shared = "../shared";
    snprintf(dir, sizeof dir, "%s/data/bbc-news-summary/articles", shared);
    add_tree(&one, dir, 1);
    if (one.n == 0) {
        fprintf(stderr, "no articles under %s (set SIFT_SHARED)\n", dir);
        return 1;
    }
    while (big.n < TARGET)
        add(&big, one.p, one.n);
    printf("input: %lu bytes of BBC articles repeated to %lu bytes\n\n", (unsigned long)one.n,
           (unsigned long)big.n);

    /* valid_utf8 */
    t = now();
    for (i = 0; i < 5; i++)
        if (!sift_utf8_valid(big.p, big.n, &pos))
            printf("(invalid at %lu)\n", (unsigned long)pos);
    tv = (now() - t) / 5;
    row("valid_utf8, mostly-ASCII news", big.n, tv, "target >= 1000 MB/s");

    /* detection: whole UTF-8 input (dominated by the validity pass) */
    t = now();
    name = sift_detect_encoding(big.p, big.n, &conf);
    row("detect, 100 MB UTF-8", big.n, now() - t, name);

    /* conversion input: the same text in Windows-1252 */
    if (convert("WINDOWS-1252", SIFT_CONV_FROM_UTF8, SIFT_INVALID_REPLACE, big.p, big.n, &cp)
        != SIFT_ENC_OK) {
        fprintf(stderr, "cannot make the Windows-1252 input\n");
        return 1;
    }
    /* a legacy guess scores only the first 64 KB, so time it on exactly that much */
    t = now();
    name = sift_detect_encoding(cp.p, 65536, &conf);
    row("detect, first 64 KB of Windows-1252", 65536, now() - t, name);

    /* detection on the 24 small samples, each detected from scratch */
    snprintf(dir, sizeof dir, "%s/data/encodings/files", shared);
    {
        struct buf all = {0};
        size_t offs[64], nf = 0, start = 0;
        DIR *d = opendir(dir);
        struct dirent *e;
        char sub[1024];
        while (d && (e = readdir(d)) != NULL) {
            DIR *d2;
            struct dirent *e2;
            if (e->d_name[0] == '.')
                continue;
            snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
            d2 = opendir(sub);
            while (d2 && (e2 = readdir(d2)) != NULL && nf < 63) {
                char path[1400];
                if (e2->d_name[0] == '.')
                    continue;
                snprintf(path, sizeof path, "%s/%s", sub, e2->d_name);
                add_file(&all, path);
                offs[nf++] = start;
                start = all.n;
            }
            if (d2)
                closedir(d2);
        }
        if (d)
            closedir(d);
        offs[nf] = all.n;
        reps = 200;
        t = now();
        for (i = 0; i < reps; i++) {
            size_t k;
            for (k = 0; k < nf; k++)
                name = sift_detect_encoding(all.p + offs[k], offs[k + 1] - offs[k], &conf);
        }
        files_bytes = all.n * reps;
        snprintf(sub, sizeof sub, "%lu files, %lu bytes, x%lu", (unsigned long)nf,
                 (unsigned long)all.n, (unsigned long)reps);
        row("detect, 24 sample files one by one", files_bytes, now() - t, sub);
        samples = all;
    }

    /* conversion vs the iconv command */
    fd = mkstemp(tmpl);
    f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f || fwrite(cp.p, 1, cp.n, f) != cp.n) {
        perror("temporary file");
        return 1;
    }
    fclose(f);
    /* Best of five for both; the first sift run also sizes the output buffer, so the timed runs
     * measure conversion rather than page faults (the iconv command writes to /dev/null). */
    convert("WINDOWS-1252", SIFT_CONV_TO_UTF8, SIFT_INVALID_ERROR, cp.p, cp.n, &out);
    snprintf(cmd, sizeof cmd, "iconv -f WINDOWS-1252 -t UTF-8 %s > /dev/null", tmpl);
    t_sift = t_cmd = 1e9;
    for (i = 0; i < 5; i++) {
        t = now();
        convert("WINDOWS-1252", SIFT_CONV_TO_UTF8, SIFT_INVALID_ERROR, cp.p, cp.n, &out);
        t = now() - t;
        if (t < t_sift)
            t_sift = t;
        t = now();
        if (system(cmd) != 0)
            fprintf(stderr, "`%s` failed\n", cmd);
        t = now() - t;
        if (t < t_cmd)
            t_cmd = t;
    }
    remove(tmpl);
    row("to_utf8 WINDOWS-1252, 64 KB chunks", cp.n, t_sift, "");
    row("iconv -f WINDOWS-1252 -t UTF-8 (command)", cp.n, t_cmd, "");
    printf("%-40s %10.2f x     target <= 1.5 x\n", "sift time / iconv command time",
           t_sift / t_cmd);

    t = now();
    convert("UTF-8", SIFT_CONV_TO_UTF8, SIFT_INVALID_REPLACE, big.p, big.n, &out);
    row("to_utf8 UTF-8 (in-house copy)", big.n, now() - t, "");
    t = now();
    convert("WINDOWS-1252", SIFT_CONV_FROM_UTF8, SIFT_INVALID_REPLACE, big.p, big.n, &out);
    row("from_utf8 WINDOWS-1252", big.n, now() - t, "");

    free(one.p);
    free(big.p);
    free(cp.p);
    free(out.p);
    free(samples.p);
    return 0;
}
