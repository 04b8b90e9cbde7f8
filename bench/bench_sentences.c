/*
 * bench_sentences.c - throughput of the C sentence splitter against the plain UAX #29 sentence
 * boundaries of the same engine (the baseline) and ICU4C's sentence break iterator.
 *
 * usage: bench_sentences CORPUS [MIN_MB [REPS]]
 *
 * As bench_tokens.c: the corpus is repeated in memory (a blank line between copies) until the
 * buffer holds at least MIN_MB megabytes (10^6 bytes; default 20); each measurement is one pass
 * over it, repeated REPS times (default 5); the table shows the best and the median pass, and the
 * ratios use the best. Time is CLOCK_MONOTONIC wall time.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

#include "unicode/breaks.h"
#include "text/sentences.h"

#define MAX_REPS 100

struct ctx {
    const char *s;
    size_t len;
    UChar *u16; /* the same text as UTF-16, converted beforehand */
    int32_t u16len;
    UBreakIterator *bi;
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

static void die(const char *msg)
{
    fprintf(stderr, "bench_sentences: %s\n", msg);
    exit(1);
}

/* The splitter, default flags and abbreviations. */
static unsigned long long run_sentences(struct ctx *c)
{
    struct sift_sentences st;
    struct sift_sentence se;
    unsigned long long n = 0;
    size_t last = 0;
    sift_sentences_init(&st, c->s, c->len, 0, NULL);
    while (sift_sentences_next(&st, &se)) {
        /* a broken engine fails loudly instead of looping or lying */
        if (se.j <= se.i || se.i < last || se.j > c->len)
            die("sift_sentences_next returned an empty, overlapping or out-of-range sentence");
        last = se.j;
        n++;
    }
    if (n == 0 && c->len > 0)
        die("sift_sentences_next found no sentence in a non-empty text");
    return n;
}

/* The baseline: UAX #29 sentence boundaries, walked from 0 to the end. */
static unsigned long long run_uax29(struct ctx *c)
{
    unsigned long long n = 0;
    size_t pos = 0, next;
    while (pos < c->len) {
        next = sift_sentence_break_next(c->s, c->len, pos);
        if (next <= pos || next > c->len)
            die("sift_sentence_break_next did not advance");
        pos = next;
        n++;
    }
    return n;
}

/* ICU4C's sentence iterator ("en"), opened once outside the timer, text already in UTF-16. */
static unsigned long long run_icu(struct ctx *c)
{
    UErrorCode st = U_ZERO_ERROR;
    unsigned long long n = 0;
    ubrk_setText(c->bi, c->u16, c->u16len, &st);
    if (U_FAILURE(st))
        die(u_errorName(st));
    ubrk_first(c->bi);
    while (ubrk_next(c->bi) != UBRK_DONE)
        n++;
    return n;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static struct result measure(const char *name, unsigned long long (*fn)(struct ctx *), struct ctx *c, int reps)
{
    struct result r;
    double times[MAX_REPS], t0;
    int k;
    r.name = name;
    r.count = 0;
    for (k = 0; k < reps; k++) {
        unsigned long long n;
        t0 = now();
        n = fn(c);
        times[k] = now() - t0;
        if (k > 0 && n != r.count)
            die("count changed between passes");
        r.count = n;
    }
    qsort(times, (size_t)reps, sizeof times[0], cmp_double);
    r.best = times[0];
    r.median = reps % 2 ? times[reps / 2] : (times[reps / 2 - 1] + times[reps / 2]) / 2;
    return r;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
        fclose(f);
        return NULL;
    }
    rewind(f);
    buf = malloc((size_t)n + 1);
    if (buf)
        *len = fread(buf, 1, (size_t)n, f);
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    struct ctx c;
    struct result r[3];
    size_t clen = 0, copies, k, off;
    char *corpus, *buf;
    double min_mb = 20;
    int reps = 5, i;
    UErrorCode st = U_ZERO_ERROR;
    UVersionInfo iv;
    char ivs[U_MAX_VERSION_STRING_LENGTH];

    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: %s CORPUS [MIN_MB [REPS]]\n", argv[0]);
        return 2;
    }
    if (argc > 2)
        min_mb = atof(argv[2]);
    if (argc > 3)
        reps = atoi(argv[3]);
    if (min_mb <= 0 || reps < 1 || reps > MAX_REPS)
        die("MIN_MB must be > 0 and REPS within 1..100");
    corpus = read_file(argv[1], &clen);
    if (!corpus || clen == 0)
        die("cannot read the corpus (missing or empty)");

    copies = (size_t)(min_mb * 1e6 / (double)(clen + 2)) + 1;
    if ((double)copies * (double)(clen + 2) > 2e9)
        die("buffer would exceed 2 GB (ICU takes int32_t lengths)");
    buf = malloc(copies * (clen + 2));
    if (!buf)
        die("out of memory");
    for (k = 0, off = 0; k < copies; k++) {
        memcpy(buf + off, corpus, clen);
        off += clen;
        buf[off++] = '\n';
        buf[off++] = '\n';
    }
    c.s = buf;
    c.len = off;

    u_strFromUTF8WithSub(NULL, 0, &c.u16len, c.s, (int32_t)c.len, 0xFFFD, NULL, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        die("cannot measure the UTF-16 length");
    st = U_ZERO_ERROR;
    c.u16 = malloc(((size_t)c.u16len + 1) * sizeof(UChar));
    if (!c.u16)
        die("out of memory");
    u_strFromUTF8WithSub(c.u16, c.u16len + 1, &c.u16len, c.s, (int32_t)c.len, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        die("UTF-8 to UTF-16 conversion failed");
    c.bi = ubrk_open(UBRK_SENTENCE, "en", NULL, 0, &st);
    if (U_FAILURE(st))
        die(u_errorName(st));

    u_getVersion(iv);
    u_versionToString(iv, ivs);
    printf("C: %.2f MB per pass (%zu x %zu-byte corpus), %d passes each, ICU %s\n\n",
           (double)c.len / 1e6, copies, clen, reps, ivs);

    r[0] = measure("sift_sentence_break_next", run_uax29, &c, reps);
    r[1] = measure("sift_sentences_next", run_sentences, &c, reps);
    r[2] = measure("ICU ubrk sentence (UTF-16)", run_icu, &c, reps);

    printf("%-30s %9s %9s %12s  %-10s %9s\n", "", "MB/s", "MB/s", "count", "", "vs UAX29");
    printf("%-30s %9s %9s %12s  %-10s %9s\n", "", "best", "median", "per pass", "", "baseline");
    for (i = 0; i < 3; i++)
        printf("%-30s %9.1f %9.1f %12llu  %-10s %8.2fx\n", r[i].name, (double)c.len / r[i].best / 1e6,
               (double)c.len / r[i].median / 1e6, r[i].count, i == 1 ? "sentences" : "segments",
               r[0].best / r[i].best);
    printf("\nvs UAX29: the time of the plain UAX #29 boundaries (sift_sentence_break_next, the\n"
           "baseline) divided by the line's time (>1 = faster). UAX #29 and ICU count every\n"
           "segment (a blank line ends one); the splitter counts sentences.\n");

    ubrk_close(c.bi);
    u_cleanup();
    free(c.u16);
    free(buf);
    free(corpus);
    return 0;
}
