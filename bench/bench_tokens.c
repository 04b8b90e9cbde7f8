/*
 * bench_tokens.c - throughput of the C tokenizer against a raw byte scan and ICU4C.
 *
 * usage: bench_tokens CORPUS [MIN_MB [REPS]]
 *
 * The corpus file is read once and repeated in memory (with a blank line between copies) until
 * the buffer holds at least MIN_MB megabytes (1 MB = 10^6 bytes; default 20), so every timed pass
 * walks a buffer far larger than the caches. Each measurement is one pass over that buffer,
 * repeated REPS times (default 5); the table shows the best and the median pass. Ratios use the
 * best times. Time is CLOCK_MONOTONIC wall time.
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
#include "text/tokens.h"

#define MAX_REPS 100

struct ctx {
    const char *s;       /* the repeated UTF-8 buffer */
    size_t len;
    UChar *u16;          /* the same text as UTF-16, converted beforehand */
    int32_t u16len;
    int32_t u16cap;
    UBreakIterator *bi;  /* opened once, outside the timed region */
    unsigned long long extra; /* a second count some runs report (ICU boundaries) */
};

struct result {
    const char *name;
    const char *unit;    /* what the count counts; NULL: no tokens/s column */
    double best, median; /* seconds per pass */
    unsigned long long count, extra;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *msg)
{
    fprintf(stderr, "bench_tokens: %s\n", msg);
    exit(1);
}

/* (c) the cost of touching every byte once: count bytes < 0x21 through a 256-entry table. */
static unsigned long long run_raw(struct ctx *c)
{
    static unsigned char low[256];
    const unsigned char *p = (const unsigned char *)c->s;
    unsigned long long n = 0;
    size_t k;
    if (!low[0])
        for (k = 0; k < 0x21; k++)
            low[k] = 1;
    for (k = 0; k < c->len; k++)
        n += low[p[k]];
    return n;
}

/* (a) the engine tokenizer, default flags, built-in abbreviations. */
static unsigned long long run_tokens(struct ctx *c)
{
    struct sift_tokenizer t;
    struct sift_token tok;
    unsigned long long n = 0;
    size_t last = 0;
    sift_tokenizer_init(&t, c->s, c->len, 0, NULL);
    while (sift_tokenizer_next(&t, &tok)) {
        /* Cheap sanity check so a broken engine fails loudly instead of looping or lying. */
        if (tok.j <= tok.i || tok.i < last || tok.j > c->len)
            die("sift_tokenizer_next returned an empty, overlapping or out-of-range token");
        last = tok.j;
        n++;
    }
    if (n == 0 && c->len > 0)
        die("sift_tokenizer_next found no tokens in a non-empty text");
    return n;
}

/* (b) UAX #29 word boundaries alone: every boundary, spaces and punctuation included. */
static unsigned long long run_breaks(struct ctx *c)
{
    unsigned long long n = 0;
    size_t pos = 0, next;
    while (pos < c->len) {
        next = sift_word_break_next(c->s, c->len, pos);
        if (next <= pos || next > c->len)
            die("sift_word_break_next did not advance");
        pos = next;
        n++;
    }
    return n;
}

/* ICU iteration over c->u16: returns the words (rule status not NONE), stores boundaries. */
static unsigned long long icu_iterate(struct ctx *c)
{
    UErrorCode st = U_ZERO_ERROR;
    unsigned long long words = 0, bounds = 0;
    ubrk_setText(c->bi, c->u16, c->u16len, &st);
    if (U_FAILURE(st))
        die(u_errorName(st));
    ubrk_first(c->bi);
    while (ubrk_next(c->bi) != UBRK_DONE) {
        bounds++;
        if (ubrk_getRuleStatus(c->bi) >= UBRK_WORD_NONE_LIMIT)
            words++;
    }
    c->extra = bounds;
    return words;
}

/* (d) ICU4C word break iterator, text already in UTF-16. */
static unsigned long long run_icu(struct ctx *c)
{
    return icu_iterate(c);
}

/* (d') the same, converting UTF-8 to UTF-16 inside the timed region (buffer preallocated). */
static unsigned long long run_icu_conv(struct ctx *c)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8WithSub(c->u16, c->u16cap, &n, c->s, (int32_t)c->len, 0xFFFD, NULL, &st);
    if (U_FAILURE(st) || n != c->u16len)
        die("UTF-8 to UTF-16 conversion failed");
    return icu_iterate(c);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static struct result measure(const char *name, const char *unit,
                             unsigned long long (*fn)(struct ctx *), struct ctx *c, int reps)
{
    struct result r;
    double times[MAX_REPS], t0;
    int k;
    r.name = name;
    r.unit = unit;
    r.count = 0;
    r.extra = 0;
    for (k = 0; k < reps; k++) {
        unsigned long long n;
        c->extra = 0;
        t0 = now();
        n = fn(c);
        times[k] = now() - t0;
        if (k > 0 && n != r.count)
            die("count changed between passes");
        r.count = n;
        r.extra = c->extra;
    }
    qsort(times, (size_t)reps, sizeof times[0], cmp_double);
    r.best = times[0];
    r.median = reps % 2 ? times[reps / 2] : (times[reps / 2 - 1] + times[reps / 2]) / 2;
    return r;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (!f)
        return NULL;
    do {
        if (n == cap) {
            char *nb;
            cap = cap ? cap * 2 : 1 << 20;
            nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    struct ctx c;
    struct result r[5];
    const struct result *raw, *icu;
    size_t clen, copies, k, off;
    char *corpus, *buf;
    double min_mb = 20;
    int reps = 5, nr = 0, i;
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

    /* Repeat the corpus, a blank line between copies so no token spans a seam. */
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
    c.extra = 0;

    /* UTF-16 copy for ICU, converted before any timing. */
    u_strFromUTF8WithSub(NULL, 0, &c.u16len, c.s, (int32_t)c.len, 0xFFFD, NULL, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        die("cannot measure the UTF-16 length");
    st = U_ZERO_ERROR;
    c.u16cap = c.u16len + 1;
    c.u16 = malloc((size_t)c.u16cap * sizeof(UChar));
    if (!c.u16)
        die("out of memory");
    u_strFromUTF8WithSub(c.u16, c.u16cap, &c.u16len, c.s, (int32_t)c.len, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        die("UTF-8 to UTF-16 conversion failed");
    c.bi = ubrk_open(UBRK_WORD, "en", NULL, 0, &st);
    if (U_FAILURE(st))
        die(u_errorName(st));

    u_getVersion(iv);
    u_versionToString(iv, ivs);
    printf("C: %.2f MB per pass (%zu x %zu-byte corpus), %d passes each, ICU %s\n\n",
           (double)c.len / 1e6, copies, clen, reps, ivs);

    r[nr++] = measure("raw byte scan (bytes < 0x21)", NULL, run_raw, &c, reps);
    r[nr++] = measure("sift_tokenizer_next", "tokens", run_tokens, &c, reps);
    r[nr++] = measure("sift_word_break_next", "boundaries", run_breaks, &c, reps);
    r[nr++] = measure("ICU ubrk word (UTF-16 given)", "words", run_icu, &c, reps);
    r[nr++] = measure("ICU ubrk word + UTF-8->16", "words", run_icu_conv, &c, reps);
    raw = &r[0];
    icu = &r[3];

    printf("%-30s %9s %9s %9s %12s  %-10s %7s %7s\n", "", "MB/s", "MB/s", "Mtok/s", "count",
           "counted", "vs ICU", "vs raw");
    printf("%-30s %9s %9s %9s %12s  %-10s %7s %7s\n", "", "best", "median", "best", "per pass",
           "", "", "");
    for (i = 0; i < nr; i++) {
        const struct result *x = &r[i];
        char tps[32];
        if (x->unit)
            snprintf(tps, sizeof tps, "%9.2f", (double)x->count / x->best / 1e6);
        else
            snprintf(tps, sizeof tps, "%9s", "-");
        printf("%-30s %9.1f %9.1f %s %12llu  %-10s %6.2fx %6.2fx\n", x->name,
               (double)c.len / x->best / 1e6, (double)c.len / x->median / 1e6, tps, x->count,
               x->unit ? x->unit : "bytes<0x21", icu->best / x->best, raw->best / x->best);
    }
    printf("\nICU boundaries per pass: %llu (words = boundaries whose rule status is not NONE).\n",
           r[3].extra);
    printf("vs ICU / vs raw: how many times faster than the ICU row with UTF-16 given / the raw "
           "scan (>1 = faster).\n");

    ubrk_close(c.bi);
    u_cleanup();
    free(c.u16);
    free(buf);
    free(corpus);
    return 0;
}
