/*
 * test_breaks.c - UAX #29 word and grapheme boundaries against the Unicode conformance files
 * WordBreakTest.txt and GraphemeBreakTest.txt (Unicode 15.0.0), every line, no skip list; plus the
 * properties the tokenizer relies on (restarting at a boundary, ill-formed input, linear time).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test_util.h"

#include "unicode/breaks.h"
#include "unicode/unicode.h"

/*
 * Runs every test line of one conformance file: "÷ 0041 × 0308 ÷ 0020 ÷  # comment". The boundary
 * set expected is the byte offsets where ÷ stands; the one found is every result of walking the
 * break function from 0.
 */
static void run_conformance(const char *name, enum sift_break_kind kind, int expected_lines)
{
    char rel[512], line[4096];
    FILE *f;
    int lines = 0, failures = 0;

    snprintf(rel, sizeof rel, "auxiliary/%s", name);
    f = test_open_unicode(rel);
    while (fgets(line, sizeof line, f)) {
        char text[1024];
        size_t expected[256], nexp = 0, len = 0, pos, got[256], ngot = 0, k;
        char *p = line, *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '\n')
            continue;
        while (*p) {
            if (strncmp(p, "\xC3\xB7", 2) == 0) { /* ÷ */
                expected[nexp++] = len;
                p += 2;
            } else if (strncmp(p, "\xC3\x97", 2) == 0) { /* × */
                p += 2;
            } else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
                char *end;
                unsigned long cp = strtoul(p, &end, 16);
                len += sift_utf8_encode((uint32_t)cp, text + len);
                p = end;
            } else {
                p++;
            }
        }
        lines++;
        got[ngot++] = 0;
        for (pos = 0; pos < len;) {
            size_t nb = sift_break_next(kind, text, len, pos);
            assert_true(nb > pos && nb <= len);
            got[ngot++] = nb;
            pos = nb;
        }
        if (ngot != nexp || memcmp(got, expected, ngot * sizeof *got) != 0) {
            failures++;
            if (failures <= 10) {
                print_message("%s line %d differs:", name, lines);
                for (k = 0; k < ngot; k++)
                    print_message(" %zu", got[k]);
                print_message("  (expected");
                for (k = 0; k < nexp; k++)
                    print_message(" %zu", expected[k]);
                print_message(")\n  %s\n", line);
            }
        }
    }
    fclose(f);
    print_message("%s: %d of %d lines pass\n", name, lines - failures, lines);
    assert_int_equal(lines, expected_lines);
    assert_int_equal(failures, 0);
}

static void test_word_conformance(void **state)
{
    (void)state;
    run_conformance("WordBreakTest.txt", SIFT_BREAK_WORD, 1823);
}

static void test_grapheme_conformance(void **state)
{
    (void)state;
    run_conformance("GraphemeBreakTest.txt", SIFT_BREAK_GRAPHEME, 602);
}

static void walk(enum sift_break_kind kind, const char *s, size_t len, size_t *out, size_t *n)
{
    size_t pos = 0;
    *n = 0;
    while (pos < len) {
        size_t nb = sift_break_next(kind, s, len, pos);
        assert_true(nb > pos && nb <= len);
        out[(*n)++] = nb;
        pos = nb;
    }
}

static void test_word_examples(void **state)
{
    static const char text[] = "Xi Jinping\xE2\x80\x99s 1,000.50 U.S. can't";
    size_t got[64], n;
    static const size_t want[] = { 2, 3, 14, 15, 23, 24, 27, 28, 29, 34 };
    (void)state;
    walk(SIFT_BREAK_WORD, text, strlen(text), got, &n);
    assert_int_equal(n, sizeof want / sizeof *want);
    assert_memory_equal(got, want, sizeof want);
}

/* Ill-formed bytes are read as U+FFFD: boundaries still advance and stay inside the text. */
static void test_ill_formed(void **state)
{
    static const char text[] = "a\xFF" "b\xE2\x80" "c\xED\xA0\x80\xF4\x90\x80\x80\xC0\xAF\xE2";
    size_t got[64], n, k;
    enum sift_break_kind kinds[] = { SIFT_BREAK_WORD, SIFT_BREAK_GRAPHEME };
    (void)state;
    for (k = 0; k < 2; k++) {
        walk(kinds[k], text, sizeof text - 1, got, &n);
        assert_true(n >= 6);
        assert_int_equal(got[n - 1], sizeof text - 1);
    }
    /* "a" ÷ FF ÷ "b" ÷ E2 80 (one maximal subpart) ÷ "c" */
    walk(SIFT_BREAK_WORD, text, 6, got, &n);
    assert_int_equal(n, 5);
    assert_int_equal(got[0], 1);
    assert_int_equal(got[1], 2);
    assert_int_equal(got[2], 3);
    assert_int_equal(got[3], 5);
    assert_int_equal(got[4], 6);
}

/* Long runs that the rules look ahead over (letters and full stops, digits and commas, regional
 * indicators, extend characters) finish, and walking them gives boundaries in order. */
static void test_degenerate_runs(void **state)
{
    static const char *const units[] = { "a.", "1,", ".", "\xF0\x9F\x87\xBA", "\xCC\x88", "a", " " };
    size_t size = 4u << 20, k;
    char *buf = malloc(size);
    (void)state;
    assert_non_null(buf);
    for (k = 0; k < sizeof units / sizeof *units; k++) {
        size_t ul = strlen(units[k]), len = 0, pos = 0, count = 0;
        while (len + ul <= size) {
            memcpy(buf + len, units[k], ul);
            len += ul;
        }
        while (pos < len) {
            size_t nb = sift_word_break_next(buf, len, pos);
            assert_true(nb > pos);
            pos = nb;
            count++;
        }
        assert_true(count >= 1);
        pos = 0;
        while (pos < len)
            pos = sift_grapheme_break_next(buf, len, pos);
        assert_int_equal(pos, len);
    }
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_conformance),
        cmocka_unit_test(test_grapheme_conformance),
        cmocka_unit_test(test_word_examples),
        cmocka_unit_test(test_ill_formed),
        cmocka_unit_test(test_degenerate_runs),
    };
    return cmocka_run_group_tests_name("breaks", tests, NULL, NULL);
}
