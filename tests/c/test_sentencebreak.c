/*
 * test_sentencebreak.c - sift_sentence_break_next against Unicode's SentenceBreakTest.txt, a
 * literal second reading of the rules, ill-formed UTF-8, and long degenerate inputs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "test_util.h"

#include "unicode/breaks.h"
#include "unicode/unicode.h"

static size_t encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Walks every boundary from 0; returns how many were stored in out (at most max). Fails the test
 * if the walk does not strictly advance or overshoots len. */
static size_t walk(const char *s, size_t len, size_t *out, size_t max)
{
    size_t n = 0, pos = 0;
    while (pos < len) {
        size_t b = sift_sentence_break_next(s, len, pos);
        assert_true(b > pos);
        assert_true(b <= len);
        if (n < max)
            out[n] = b;
        n++;
        pos = b;
    }
    return n;
}

/* --- A literal reading of the rules, quadratic and slow, used as a second opinion. --------- */

#define REF_MAX 64

static int is_parasep(unsigned c)
{
    return c == SIFT_SB_SEP || c == SIFT_SB_CR || c == SIFT_SB_LF;
}

static int is_saterm(unsigned c)
{
    return c == SIFT_SB_ATERM || c == SIFT_SB_STERM;
}

/* Is there a boundary before code point k (0 < k < n) of the class sequence cls? */
static int ref_break_before(const unsigned *cls, size_t n, size_t k)
{
    size_t eff[REF_MAX], m = 0, j;
    size_t e;
    unsigned r0 = cls[k];

    if (cls[k - 1] == SIFT_SB_CR && r0 == SIFT_SB_LF)
        return 0; /* SB3 */
    if (is_parasep(cls[k - 1]))
        return 1; /* SB4 */
    if (r0 == SIFT_SB_EXTEND || r0 == SIFT_SB_FORMAT)
        return 0; /* SB5 */
    /* The left context as SB5 leaves it: Extend and Format vanish unless they start the text or
     * follow a separator, where they stand for themselves. */
    for (j = 0; j < k; j++) {
        if ((cls[j] != SIFT_SB_EXTEND && cls[j] != SIFT_SB_FORMAT) || j == 0 ||
            is_parasep(cls[j - 1]))
            eff[m++] = cls[j];
    }
    if (eff[m - 1] == SIFT_SB_ATERM && r0 == SIFT_SB_NUMERIC)
        return 0; /* SB6 */
    if (m >= 2 && (eff[m - 2] == SIFT_SB_UPPER || eff[m - 2] == SIFT_SB_LOWER) &&
        eff[m - 1] == SIFT_SB_ATERM && r0 == SIFT_SB_UPPER)
        return 0; /* SB7 */

    /* Left: SATerm Close* Sp* (and SATerm Close*). */
    e = m;
    while (e > 0 && eff[e - 1] == SIFT_SB_SP)
        e--;
    {
        size_t after_sp = e; /* eff[after_sp..m) are the Sp */
        int sp_seen = after_sp < m;
        while (e > 0 && eff[e - 1] == SIFT_SB_CLOSE)
            e--;
        if (e == 0 || !is_saterm(eff[e - 1]))
            return 0; /* SB998 */
        if (eff[e - 1] == SIFT_SB_ATERM) {
            /* SB8: ( not(OLetter|Upper|Lower|ParaSep|SATerm) )* Lower on the right. */
            for (j = k; j < n; j++) {
                unsigned c = cls[j];
                if (j > k && (c == SIFT_SB_EXTEND || c == SIFT_SB_FORMAT))
                    continue;
                if (c == SIFT_SB_LOWER)
                    return 0;
                if (c == SIFT_SB_OLETTER || c == SIFT_SB_UPPER || is_parasep(c) || is_saterm(c))
                    break;
            }
        }
        if (r0 == SIFT_SB_SCONTINUE || is_saterm(r0))
            return 0; /* SB8a */
        if (!sp_seen && (r0 == SIFT_SB_CLOSE || r0 == SIFT_SB_SP || is_parasep(r0)))
            return 0; /* SB9 */
        if (r0 == SIFT_SB_SP || is_parasep(r0))
            return 0; /* SB10 */
        return 1; /* SB11 */
    }
}

/*
 * Checks sift_sentence_break_next from every code point start of s against the reference applied
 * to the text from that start on (the function reads s[pos] as start of text).
 */
static void check_against_reference(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned cls[REF_MAX];
    size_t start[REF_MAX + 1], n = 0, i = 0, a, k;

    while (i < len) {
        size_t next;
        uint32_t cp = sift_utf8_decode(u, len, i, &next);
        assert_true(n < REF_MAX);
        cls[n] = sift_uprop(cp == SIFT_INVALID_CP ? 0xFFFD : cp)->sb;
        start[n++] = i;
        i = next;
    }
    start[n] = len;
    for (a = 0; a < n; a++) {
        size_t want = len;
        for (k = a + 1; k < n; k++) {
            if (ref_break_before(cls + a, n - a, k - a)) {
                want = start[k];
                break;
            }
        }
        if (sift_sentence_break_next(s, len, start[a]) != want) {
            print_error("text of %zu bytes, from %zu: got %zu, want %zu\n", len, start[a],
                        sift_sentence_break_next(s, len, start[a]), want);
            fail();
        }
    }
}

/* --- Tests ------------------------------------------------------------------------------- */

static void test_unicode_suite(void **state)
{
    FILE *f = test_open_unicode("auxiliary/SentenceBreakTest.txt");
    char line[4096];
    size_t passed = 0, failed = 0, lines = 0;
    (void)state;

    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        char text[1024];
        size_t want[256], got[256], nwant = 0, ngot, len = 0;
        char *p = line, *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '\n')
            continue;
        lines++;
        /* "÷ 0041 × 0020 ÷": the markers are U+00F7 and U+00D7 in UTF-8. */
        while (*p) {
            if ((unsigned char)p[0] == 0xC3 && (unsigned char)p[1] == 0xB7) {
                if (len > 0)
                    want[nwant++] = len;
                p += 2;
            } else if ((unsigned char)p[0] == 0xC3 && (unsigned char)p[1] == 0x97) {
                p += 2;
            } else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
                char *end;
                unsigned long cp = strtoul(p, &end, 16);
                len += encode((uint32_t)cp, text + len);
                p = end;
            } else {
                p++;
            }
        }
        ngot = walk(text, len, got, 256);
        if (ngot == nwant && memcmp(got, want, ngot * sizeof got[0]) == 0) {
            passed++;
        } else {
            size_t i;
            failed++;
            print_error("failed: %s\n  want:", line);
            for (i = 0; i < nwant; i++)
                print_error(" %zu", want[i]);
            print_error("\n  got:");
            for (i = 0; i < ngot && i < 256; i++)
                print_error(" %zu", got[i]);
            print_error("\n");
        }
    }
    fclose(f);
    print_message("SentenceBreakTest.txt: %zu of %zu lines passed\n", passed, lines);
    assert_int_equal(lines, 502);
    assert_int_equal(failed, 0);
}

/* Units for building texts: at least one of every Sentence_Break value, ASCII and not, plus
 * ill-formed fragments that may or may not join their neighbours. */
static const char *const units[] = {
    "a", "A", "1", " ", ".", "!", "?", "\"", "(", ")", ",", "-", ":", "\r", "\n", "#",
    "\xC2\x85",     /* U+0085 NEL, Sep */
    "\xE2\x80\xA8", /* U+2028, Sep */
    "\xCC\x80",     /* U+0300, Extend */
    "\xE2\x80\x8D", /* U+200D ZWJ, Extend */
    "\xC2\xAD",     /* U+00AD, Format */
    "\xD7\x90",     /* U+05D0, OLetter */
    "\xC3\xA9",     /* U+00E9, Lower */
    "\xC3\x89",     /* U+00C9, Upper */
    "\xE3\x80\x82", /* U+3002, STerm */
    "\xE2\x80\xA4", /* U+2024, ATerm */
    "\xC2\xBB",     /* U+00BB, Close */
    "\xC2\xA0",     /* U+00A0, Sp */
    "\xD9\xA1",     /* U+0661, Numeric */
    "\xEF\xBC\x8C", /* U+FF0C, SContinue */
    "\xEF\xBF\xBD", /* U+FFFD, Other */
    "\xFF", "\x80", "\xE2\x80", "\xF0\x9F"
};
#define NUNITS (sizeof units / sizeof units[0])

/* Every ASCII byte between every pair of units, against the reference: this also checks the
 * engine's ASCII table against the generated property tables. */
static void test_ascii_triples(void **state)
{
    unsigned b;
    size_t x, y;
    (void)state;
    for (b = 0; b < 128; b++) {
        for (x = 0; x < NUNITS; x++) {
            for (y = 0; y < NUNITS; y++) {
                char t[32];
                size_t lx = strlen(units[x]), ly = strlen(units[y]);
                /* x b y, b x y, x y b */
                memcpy(t, units[x], lx);
                t[lx] = (char)b;
                memcpy(t + lx + 1, units[y], ly);
                check_against_reference(t, lx + 1 + ly);
                t[0] = (char)b;
                memcpy(t + 1, units[x], lx);
                memcpy(t + 1 + lx, units[y], ly);
                check_against_reference(t, lx + 1 + ly);
                memcpy(t, units[x], lx);
                memcpy(t + lx, units[y], ly);
                t[lx + ly] = (char)b;
                check_against_reference(t, lx + 1 + ly);
            }
        }
    }
}

/* Random texts of up to 14 units against the reference, from every start. */
static void test_random_against_reference(void **state)
{
    uint32_t seed = 12345;
    int iter;
    (void)state;
    for (iter = 0; iter < 200000; iter++) {
        char t[64];
        size_t len = 0;
        int n, k;
        seed = seed * 1103515245u + 12345u;
        n = 1 + (int)((seed >> 16) % 14);
        for (k = 0; k < n; k++) {
            const char *u;
            seed = seed * 1103515245u + 12345u;
            u = units[(seed >> 16) % NUNITS];
            memcpy(t + len, u, strlen(u));
            len += strlen(u);
        }
        check_against_reference(t, len);
    }
}

#define WALK(lit, out) walk(lit, strlen(lit), out, sizeof out / sizeof out[0])

static void test_edges(void **state)
{
    size_t b[8];
    (void)state;
    /* Nothing after pos: len itself. */
    assert_int_equal(sift_sentence_break_next("abc", 3, 3), 3);
    assert_int_equal(sift_sentence_break_next("", 0, 0), 0);
    /* One character texts. */
    assert_int_equal(sift_sentence_break_next(".", 1, 0), 1);
    assert_int_equal(sift_sentence_break_next("\r", 1, 0), 1);
    assert_int_equal(sift_sentence_break_next("\n", 1, 0), 1);
    assert_int_equal(sift_sentence_break_next("\xCC\x80", 2, 0), 2);
    /* SB3 and SB4 at the very end and start. */
    assert_int_equal(sift_sentence_break_next("\r\n", 2, 0), 2);
    assert_int_equal(sift_sentence_break_next("\r\n", 2, 1), 2);
    assert_int_equal(sift_sentence_break_next("\n\r", 2, 0), 1);
    assert_int_equal(sift_sentence_break_next("\r\r\n", 3, 0), 1);
    /* A terminator as the last character, and trailing spaces and closers. */
    assert_int_equal(sift_sentence_break_next("Hi.", 3, 0), 3);
    assert_int_equal(sift_sentence_break_next("Hi. ) ", 6, 0), 4);
    assert_int_equal(sift_sentence_break_next("Hi.)  ", 6, 0), 6);
    /* The classic cases. */
    assert_int_equal(WALK("Mr. Smith went home. He slept.", b), 3);
    assert_int_equal(b[0], 4);
    assert_int_equal(b[1], 21);
    assert_int_equal(b[2], 30);
    assert_int_equal(WALK("etc. and so on. Then 3.5 U.S.A. stuff.", b), 2);
    assert_int_equal(b[0], 16); /* SB8 keeps "etc. and", SB6 "3.5", SB7 "U.S.A", SB8 "A. stuff" */
    assert_int_equal(WALK("\"Go!\" he said. (Yes.) Fine?!\r\nNext", b), 5);
    assert_int_equal(b[0], 6); /* SB8 is for ATerm only: "!\" he" breaks */
    assert_int_equal(b[1], 15);
    assert_int_equal(b[2], 22);
    assert_int_equal(b[3], 30); /* the CR LF stays with "Fine?!" */
    assert_int_equal(b[4], 34);
    /* Restarting in the middle of a text reads s[pos] as start of text: SB7 needs the letter. */
    assert_int_equal(sift_sentence_break_next("A.B", 3, 0), 3);
    assert_int_equal(sift_sentence_break_next("A.B", 3, 1), 2);
}

static void test_invalid_utf8(void **state)
{
    static const struct {
        const char *s;
        size_t len;
    } cases[] = {
        {"\xFF", 1}, {"\x80\x80\x80", 3}, {"Hi.\xE2\x80", 5}, {"Hi. \xF0\x9F\x98", 7},
        {"\xED\xA0\x80. a", 6}, {"\xC0\xAF. A", 5}, {"a.\xF4\x90\x80\x80 B", 8},
        {"\xE2\x80\xA8\xE2\x80", 5}, {"\r\xCC", 2}, {".\xC2", 2}, {"\xF5\xF6\xF7\xF8", 4}
    };
    size_t i, b[16];
    uint32_t seed = 99;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = walk(cases[i].s, cases[i].len, b, 16);
        assert_true(n >= 1);
        assert_int_equal(b[n - 1], cases[i].len);
    }
    /* An ill-formed byte reads as U+FFFD: the same boundaries as the real thing. */
    {
        size_t b2[16];
        size_t n1 = walk("a. \xFF" "b. C", 8, b, 16);
        size_t n2 = walk("a. \xEF\xBF\xBD" "b. C", 10, b2, 16);
        /* U+FFFD is Other, which SB8 looks past to the Lower b. */
        assert_int_equal(n1, 2);
        assert_int_equal(n2, 2);
        assert_int_equal(b[0], 7);
        assert_int_equal(b2[0], 9);
    }
    /* Random bytes: from every offset the result advances and stays inside the text. */
    for (i = 0; i < 20000; i++) {
        unsigned char t[24];
        size_t len, p, k;
        seed = seed * 1103515245u + 12345u;
        len = 1 + (seed >> 16) % 24;
        for (k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            t[k] = (unsigned char)(seed >> 16);
        }
        for (p = 0; p < len; p++) {
            size_t r = sift_sentence_break_next((const char *)t, len, p);
            assert_true(r > p && r <= len);
        }
    }
}

/* Fills a buffer of about size bytes with copies of pat; returns its length. */
static size_t fill(char *buf, size_t size, const char *pat)
{
    size_t pl = strlen(pat), len = 0;
    while (len + pl <= size) {
        memcpy(buf + len, pat, pl);
        len += pl;
    }
    return len;
}

/* Long runs that would make a careless SB8 lookahead quadratic. Times are printed, not asserted;
 * the harness's timeout is the guard. */
static void test_degenerate_long(void **state)
{
    static const struct {
        const char *name;
        const char *pat;
        const char *tail;
        size_t want; /* boundaries, or 0 to skip the count */
    } cases[] = {
        {"\". \"", ". ", "", 1},
        {"\"a\"", "a", "", 1},
        {"\" \"", " ", "", 1},
        {"\".\"", ".", "", 1},
        {"\"a. \"", "a. ", "", 1},
        {"\"a. \" 1* A", "1", "A", 1},
        {"\". 1 \"", ". 1 ", "", 0},
        {"\". , \"", ". , ", "", 1},
        {"U+0300", "\xCC\x80", "", 1},
        {"\".\" U+0300 \" \"", ".\xCC\x80 ", "", 1},
        {"\"a.) \"", "a.) ", "", 1},
        {"U+00E9 \". \"", "\xC3\xA9. ", "", 1}
    };
    const size_t size = 5u << 20;
    char *buf = malloc(size + 8);
    size_t i;
    (void)state;
    assert_non_null(buf);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len, n, pos = 0;
        clock_t t0;
        if (strcmp(cases[i].pat, "1") == 0) {
            /* One ATerm, then 5 MB of digits and an Upper: a single lookahead that fails. */
            buf[0] = 'a';
            buf[1] = '.';
            buf[2] = ' ';
            len = 3 + fill(buf + 3, size - 3, "1");
        } else {
            len = fill(buf, size, cases[i].pat);
        }
        memcpy(buf + len, cases[i].tail, strlen(cases[i].tail));
        len += strlen(cases[i].tail);
        t0 = clock();
        n = 0;
        while (pos < len) {
            size_t b = sift_sentence_break_next(buf, len, pos);
            assert_true(b > pos && b <= len);
            pos = b;
            n++;
        }
        print_message("%-22s %zu bytes: %zu boundaries, %.1f ms\n", cases[i].name, len, n,
                      1000.0 * (double)(clock() - t0) / CLOCKS_PER_SEC);
        if (strcmp(cases[i].pat, "1") == 0)
            assert_int_equal(n, 2); /* "a. ", then the digits and the A */
        else if (cases[i].want)
            assert_int_equal(n, cases[i].want);
        else
            assert_int_equal(n, len / strlen(cases[i].pat) + 1); /* before each 1, and len */
    }
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unicode_suite),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_ascii_triples),
        cmocka_unit_test(test_random_against_reference),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_degenerate_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
