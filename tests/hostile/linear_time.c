/*
 * linear_time.c - the C engine on hostile input: degenerate megabyte-long runs must take time in
 * proportion to their length, and inputs that once crashed a fuzz target must not crash again.
 *
 * Linear time is tested by ratio, not by absolute time: each function runs on 1 MB and on 10 MB
 * of the same pattern, and the 10 MB run must take less than 20 times as long as the 1 MB one
 * (10 times is linear; a quadratic scan takes 100 times, and hours in absolute terms, which the
 * alarm below turns into a failure). Times are CPU times of this process, the 1 MB time is the
 * best of two runs, and a ratio over the limit is measured once more before it fails, so that a
 * busy machine does not fail the test; runs under MIN_TIME at 10 MB pass without a ratio. The
 * times are printed.
 *
 * The Lua half of sift is timed by tests/hostile/linear_time.lua, which test_linear_lua runs.
 *
 * The fuzz targets' own regression inputs (tests/fuzz/regressions/) are replayed by
 * tests/fuzz/run.sh replay; crashes found there are also pinned here, by name, with the input inline.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "sift.h"
#include "text/abbrevs.h"
#include "text/sentences.h"
#include "text/tokens.h"
#include "unicode/breaks.h"
#include "unicode/unicode.h"
#include "encoding/encoding.h"
#include "entities/tagger.h"

/*
 * Under AddressSanitizer (tests/sanitize.sh runs every C test so) the sizes are ten times
 * smaller, and the ratio is not asked of the two conversions through iconv: ASan's iconv
 * interceptor checks the whole remaining input on every call, and sift calls iconv once per
 * undecodable byte, which makes the sanitized run quadratic where the real one is linear.
 */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifdef UNDER_ASAN
#define SMALL 100000
#else
#define UNDER_ASAN 0
#define SMALL 1000000
#endif
#define MAX_RATIO 20.0
/* The tagger's tables outgrow the caches between 200 KB and 2 MB of one-token-a-byte input
 * ("@@@...": 90 MB of hash tables and arrays at 200 KB), which triples its time per byte there
 * (measured: 31 ns/byte at 50 KB, 96 at 6.4 MB, flat beyond), so its ratio may reach 30 while
 * linear; quadratic is still 100. */
#define MAX_RATIO_TAGGER 40.0
/* Below this much CPU time for the larger input, no ratio is asked for: caches make small runs
 * time unevenly (1 MB fits in the cache, 10 MB does not), and no quadratic run is that fast. */
#define MIN_TIME 0.05
/* A run that takes longer than this is not linear (10 MB take well under a second per function). */
#define ALARM_SECONDS 300

/* CPU time of this process: other processes on a busy machine do not count. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void on_alarm(int sig)
{
    static const char msg[] = "\nlinear_time: a run took longer than the alarm: not linear time\n";
    (void)sig;
    if (write(2, msg, sizeof msg - 1) < 0)
        _exit(3);
    _exit(2);
}

/* ---- the functions under test: each runs over s[0..n) and returns a count ---- */

static size_t run_tokens(const char *s, size_t n)
{
    struct sift_tokenizer t;
    struct sift_token tok;
    size_t count = 0;
    sift_tokenizer_init(&t, s, n, SIFT_TOKENS_SPACES, NULL);
    while (sift_tokenizer_next(&t, &tok))
        count++;
    return count;
}

static size_t run_breaks(enum sift_break_kind kind, const char *s, size_t n)
{
    size_t pos = 0, count = 0;
    while (pos < n) {
        pos = sift_break_next(kind, s, n, pos);
        count++;
    }
    return count;
}

static size_t run_words(const char *s, size_t n)
{
    return run_breaks(SIFT_BREAK_WORD, s, n);
}

static size_t run_graphemes(const char *s, size_t n)
{
    return run_breaks(SIFT_BREAK_GRAPHEME, s, n);
}

static size_t run_sentence_breaks(const char *s, size_t n)
{
    return run_breaks(SIFT_BREAK_SENTENCE, s, n);
}

static size_t run_sentences(const char *s, size_t n)
{
    struct sift_sentences st;
    struct sift_sentence se;
    size_t count = 0;
    sift_sentences_init(&st, s, n, 0, NULL);
    while (sift_sentences_next(&st, &se))
        count++;
    return count;
}

/* The tagger's allocator: a list of malloc'd blocks, freed all at once. */
struct blocks {
    void **p;
    size_t n, cap;
};

static void *block_alloc(void *ud, size_t size)
{
    struct blocks *b = ud;
    void *m;
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        void **p = realloc(b->p, cap * sizeof *p);
        if (!p)
            return NULL;
        b->p = p;
        b->cap = cap;
    }
    m = malloc(size ? size : 1);
    if (m)
        b->p[b->n++] = m;
    return m;
}

static void blocks_free(struct blocks *b)
{
    size_t k;
    for (k = 0; k < b->n; k++)
        free(b->p[k]);
    free(b->p);
    memset(b, 0, sizeof *b);
}

static size_t run_entities(const char *s, size_t n)
{
    struct blocks b = { NULL, 0, 0 };
    struct sift_tag_result r;
    size_t count, k;
    assert_int_equal(sift_tag(NULL, s, n, block_alloc, &b, &r), 0);
    for (k = 0; k < r.n; k++) {
        /* inside the text, in order, not overlapping */
        assert_true(r.entities[k].i < r.entities[k].j && r.entities[k].j <= n);
        assert_true(k == 0 || r.entities[k - 1].j <= r.entities[k].i);
    }
    count = r.n;
    blocks_free(&b);
    return count;
}

static size_t run_fold(const char *s, size_t n)
{
    char *out = malloc(3 * n + 1);
    size_t r;
    assert_non_null(out);
    r = sift_fold(s, n, out);
    free(out);
    return r;
}

static size_t run_shape(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    size_t r;
    assert_non_null(out);
    r = sift_shape(s, n, out);
    free(out);
    return r;
}

static size_t run_clean(const char *s, size_t n)
{
    size_t m = sift_utf8_clean_size(s, n), r;
    char *out = malloc(m + 1);
    assert_non_null(out);
    r = sift_utf8_clean(s, n, out);
    assert_int_equal(r, m);
    free(out);
    return r;
}

static size_t run_detect(const char *s, size_t n)
{
    double conf;
    return strlen(sift_detect_encoding(s, n, &conf));
}

static size_t convert(const char *enc, int dir, const char *s, size_t n)
{
    static char buf[SIFT_CONV_CHUNK];
    struct sift_conv c;
    size_t total = 0;
    int rc;
    assert_int_equal(sift_conv_open(&c, enc, dir, SIFT_INVALID_REPLACE), SIFT_ENC_OK);
    do {
        char *op = buf;
        size_t room = sizeof buf;
        rc = sift_conv_feed(&c, &s, &n, &op, &room, 1);
        total += sizeof buf - room;
    } while (rc == SIFT_CONV_FULL);
    assert_int_equal(rc, SIFT_ENC_OK);
    sift_conv_close(&c);
    return total;
}

static size_t run_decode_utf8(const char *s, size_t n)
{
    return convert("UTF-8", SIFT_CONV_TO_UTF8, s, n);
}

static size_t run_decode_gb18030(const char *s, size_t n)
{
    return convert("GB18030", SIFT_CONV_TO_UTF8, s, n);
}

static size_t run_encode_1252(const char *s, size_t n)
{
    return convert("WINDOWS-1252", SIFT_CONV_FROM_UTF8, s, n);
}

struct func {
    const char *name;
    size_t (*run)(const char *s, size_t n);
    size_t small; /* the smaller size; the larger is ten times that */
    double max_ratio;
    int iconv; /* converts through iconv */
};

/*
 * 1 MB and 10 MB, except where that would take too long or too much memory for `make test`:
 * the tagger keeps about 30 bytes per byte of news text, and 430 per byte of "-1-1-1..." (a
 * token per byte), so it gets 200 KB and 2 MB; iconv takes about half a microsecond over each
 * character it cannot represent, so from_utf8 gets 100 KB and 1 MB. A quadratic run still shows
 * as a ratio near 100 at those sizes.
 */
static const struct func text_functions[] = {
    { "tokens", run_tokens, SMALL, MAX_RATIO, 0 },
    { "word breaks", run_words, SMALL, MAX_RATIO, 0 },
    { "grapheme breaks", run_graphemes, SMALL, MAX_RATIO, 0 },
    { "sentence breaks", run_sentence_breaks, SMALL, MAX_RATIO, 0 },
    { "sentences", run_sentences, SMALL, MAX_RATIO, 0 },
    { "entities", run_entities, SMALL / 5, MAX_RATIO_TAGGER, 0 },
};

static const struct func byte_functions[] = {
    { "fold", run_fold, SMALL, MAX_RATIO, 0 },
    { "shape", run_shape, SMALL, MAX_RATIO, 0 },
    { "clean_utf8", run_clean, SMALL, MAX_RATIO, 0 },
    { "detect", run_detect, SMALL, MAX_RATIO, 0 },
    { "to_utf8 UTF-8", run_decode_utf8, SMALL, MAX_RATIO, 0 },
    { "to_utf8 GB18030", run_decode_gb18030, SMALL, MAX_RATIO, 1 },
    { "from_utf8 1252", run_encode_1252, SMALL / 10, MAX_RATIO, 1 },
};

/* n bytes of pattern repeated; the last copy is cut at a character boundary, padded with spaces. */
static char *repeat(const char *pattern, size_t plen, size_t n)
{
    char *s = malloc(n);
    size_t k = 0;
    assert_non_null(s);
    while (k + plen <= n) {
        memcpy(s + k, pattern, plen);
        k += plen;
    }
    memset(s + k, ' ', n - k);
    return s;
}

static double time_run(const struct func *f, const char *s, size_t n)
{
    double t0 = now();
    volatile size_t sink = f->run(s, n);
    (void)sink;
    return now() - t0;
}

static double best_of(int runs, const struct func *f, const char *s, size_t n)
{
    double best = 1e9;
    while (runs-- > 0) {
        double t = time_run(f, s, n);
        if (t < best)
            best = t;
    }
    return best;
}

static int check_linear(const struct func *f, const char *pattern, size_t plen)
{
    size_t n1 = f->small, n10 = 10 * f->small;
    char *small = repeat(pattern, plen, n1), *large = repeat(pattern, plen, n10);
    double t1, t10, ratio;
    int ok;
    char shown[24];
    size_t k, q = 0;

    alarm(ALARM_SECONDS);
    t1 = best_of(2, f, small, n1);
    t10 = time_run(f, large, n10);
    ratio = t10 / (t1 > 1e-6 ? t1 : 1e-6);
    if (t10 >= MIN_TIME && ratio >= f->max_ratio && !(UNDER_ASAN && f->iconv)) {
        /* once more, in case the machine was busy */
        t1 = best_of(5, f, small, n1);
        t10 = best_of(2, f, large, n10);
        ratio = t10 / (t1 > 1e-6 ? t1 : 1e-6);
    }
    alarm(0);
    ok = t10 < MIN_TIME || ratio < f->max_ratio || (UNDER_ASAN && f->iconv);
    for (k = 0; k < plen && q + 5 < sizeof shown; k++) {
        unsigned char c = (unsigned char)pattern[k];
        if (c >= 0x20 && c < 0x7F) {
            shown[q++] = (char)c;
        } else {
            snprintf(shown + q, sizeof shown - q, "\\x%02X", c);
            q += 4;
        }
    }
    shown[q] = '\0';
    printf("  %-16s %-22s %5lu KB %8.2f ms  %6lu KB %9.2f ms  x%5.1f%s\n", f->name, shown,
           (unsigned long)(n1 / 1000), t1 * 1e3, (unsigned long)(n10 / 1000), t10 * 1e3, ratio,
           !ok ? "  NOT LINEAR" : (UNDER_ASAN && f->iconv) ? "  (no ratio under ASan)" : "");
    free(small);
    free(large);
    return ok;
}

/* The degenerate inputs: each is repeated to 1 MB and 10 MB. */
static const char *const text_patterns[] = {
    ".", "a", "Mr.", "Mr. ", "e.g. ", "U.S.", "a'", "a-", "@", "#a", "a.", "1,", "1.", "-1", "'",
    "www.", "http://a", "a@a.", "A. ", "(", "\xE2\x80\x9C", "\xE2\x80\x99", "\xE3\x80\x82", "!?",
    "\n", "A\n", "\r\n", " ", "\xCC\x81", "\xE2\x80\x8D", "\xF0\x9F\x98\x80\xE2\x80\x8D",
    "\xF0\x9F\x87\xAC", "\xFF", "\xE2\x88\x92", "a\xC2\xAD", "$1", "1%", "1st", "a_", "Xi Jinping ",
};

static const char *const byte_patterns[] = {
    "a", "A", "\xFF", "\xE2\x80", "\xC3\xA9", "\xCC\x81", "\xF0\x9F\x98\x80", "\xE1\xBA\x9E", "charset=",
    "<?xml encoding=", "\x1B$B", "\x81\x30", "\0",
};

/* Each function of the table on each pattern; a pattern "" stands for the byte 0. */
static int check_table(const struct func *funcs, size_t nfuncs, const char *const *patterns, size_t npatterns)
{
    size_t f, p;
    int ok = 1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    signal(SIGALRM, on_alarm);
    for (f = 0; f < nfuncs; f++)
        for (p = 0; p < npatterns; p++)
            ok &= check_linear(&funcs[f], patterns[p], patterns[p][0] ? strlen(patterns[p]) : 1);
    return ok;
}

#define COUNT(a) (sizeof(a) / sizeof *(a))

static void test_linear_text(void **state)
{
    (void)state;
    assert_true(check_table(text_functions, COUNT(text_functions), text_patterns, COUNT(text_patterns)));
}

static void test_linear_bytes(void **state)
{
    (void)state;
    assert_true(check_table(byte_functions, COUNT(byte_functions), byte_patterns, COUNT(byte_patterns)));
}

/*
 * The functions written in Lua (sift.article.parse, the segment writers, sift.words, keywords,
 * summarize, merge_translation) are timed the same way by tests/hostile/linear_time.lua, run
 * here with $LUA (lua5.4 by default) from the repository root, where `make linear-time` runs.
 * Not under AddressSanitizer: a plain Lua cannot load the sanitized module.
 */
static void test_linear_lua(void **state)
{
    const char *lua = getenv("LUA");
    char cmd[512];
    int rc;
    (void)state;
    if (UNDER_ASAN)
        skip();
    if (!lua || !*lua)
        lua = "lua5.4";
    snprintf(cmd, sizeof cmd, "%s tests/hostile/linear_time.lua", lua);
    fflush(stdout);
    rc = system(cmd);
    assert_int_equal(rc, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linear_text),
        cmocka_unit_test(test_linear_bytes),
        cmocka_unit_test(test_linear_lua),
    };
    return cmocka_run_group_tests_name("hostile", tests, NULL, NULL);
}
