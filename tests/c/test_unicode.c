/*
 * test_unicode.c - conformance and behaviour tests for src/unicode/unicode.c and the generated
 * tables (src/unicode/generated/unicode_data.c).
 *
 * The property and folding checks read the Unicode Character Database files themselves at test
 * time (Debian's unicode-data package, /usr/share/unicode, or $SIFT_UNICODE_DIR) with a parser
 * independent of tools/gen_unicode_data.lua, and compare every code point, listed or not, with what
 * the tables return.
 *
 * cc -std=c99 -Wall -Wextra -Werror -Isrc -Itests/c tests/c/test_unicode.c src/unicode/unicode.c \
 *     src/unicode/generated/unicode_data.c -lcmocka
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

#include "unicode/unicode.h"

#define NCP 0x110000u
#define MAX_REPORTED 5

/* ------------------------------------------------------------------------------------------ */
/* Reading UCD files */

/*
 * Splits a data line "XXXX..YYYY ; field ; field # comment" into its range and the text after
 * the first ';' (comment cut off). Returns 0 for comment and blank lines.
 */
static int parse_line(char *line, uint32_t *lo, uint32_t *hi, char **rest)
{
    char *p, *end;
    unsigned long a, b;

    p = strchr(line, '#');
    if (p)
        *p = '\0';
    for (p = line; *p == ' ' || *p == '\t'; p++)
        ;
    if (*p == '\0' || *p == '\n' || *p == '\r')
        return 0;
    a = strtoul(p, &end, 16);
    assert_true(end != p);
    b = a;
    if (end[0] == '.' && end[1] == '.') {
        p = end + 2;
        b = strtoul(p, &end, 16);
        assert_true(end != p);
    }
    assert_true(a <= b && b < NCP);
    p = strchr(end, ';');
    assert_non_null(p);
    *lo = (uint32_t)a;
    *hi = (uint32_t)b;
    *rest = p + 1;
    return 1;
}

/* Copies the first field of rest (trimmed) into buf. */
static void first_field(const char *rest, char *buf, size_t size)
{
    size_t n = 0;

    while (*rest == ' ' || *rest == '\t')
        rest++;
    while (rest[n] && rest[n] != ';' && rest[n] != ' ' && rest[n] != '\t' && rest[n] != '\n' &&
           rest[n] != '\r')
        n++;
    assert_true(n > 0 && n < size);
    memcpy(buf, rest, n);
    buf[n] = '\0';
}

static int read_line(FILE *f, char *buf, size_t size)
{
    size_t n;

    if (!fgets(buf, (int)size, f))
        return 0;
    n = strlen(buf);
    /* A line longer than the buffer would be split and its tail misread as data. */
    assert_true(n + 1 < size || buf[n - 1] == '\n');
    return 1;
}

/*
 * Fills expected[cp] from an enumerated property file, with every unlisted code point at 0 (the
 * @missing default, which each of these enums puts first). names[] is in enum order. Returns the
 * number of code points the file lists.
 */
static size_t load_enum(const char *rel, const char *const *names, size_t nnames, uint8_t *expected)
{
    FILE *f = test_open_unicode(rel);
    char line[4096], value[64];
    size_t listed = 0;

    memset(expected, 0, NCP);
    while (read_line(f, line, sizeof line)) {
        uint32_t lo, hi, cp;
        char *rest;
        size_t v;

        if (!parse_line(line, &lo, &hi, &rest))
            continue;
        first_field(rest, value, sizeof value);
        for (v = 0; v < nnames && strcmp(names[v], value) != 0; v++)
            ;
        if (v == nnames)
            fail_msg("%s: unknown value %s", rel, value);
        for (cp = lo; cp <= hi; cp++)
            expected[cp] = (uint8_t)v;
        listed += hi - lo + 1;
    }
    fclose(f);
    return listed;
}

/* Which field of struct sift_uprop a check reads. */
enum field { F_WB, F_GB, F_SB, F_GC, F_FLAGS };

static unsigned field_of(const struct sift_uprop *p, enum field which)
{
    switch (which) {
    case F_WB: return p->wb;
    case F_GB: return p->gb;
    case F_SB: return p->sb;
    case F_GC: return p->gc;
    default: return p->flags;
    }
}

static void compare_all(const char *what, const uint8_t *expected, enum field which)
{
    uint32_t cp;
    size_t bad = 0;

    for (cp = 0; cp < NCP; cp++) {
        unsigned got = field_of(sift_uprop(cp), which);
        if (got != expected[cp]) {
            if (bad < MAX_REPORTED)
                print_error("%s: U+%04X is %u, file says %u\n", what, (unsigned)cp, got,
                            (unsigned)expected[cp]);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Properties */

static const char *const wb_names[] = {
    "Other", "CR", "LF", "Newline", "Extend", "ZWJ", "Regional_Indicator", "Format", "Katakana",
    "Hebrew_Letter", "ALetter", "Single_Quote", "Double_Quote", "MidNumLet", "MidLetter",
    "MidNum", "Numeric", "ExtendNumLet", "WSegSpace"};
static const char *const gb_names[] = {
    "Other", "CR", "LF", "Control", "Extend", "ZWJ", "Regional_Indicator", "Prepend",
    "SpacingMark", "L", "V", "T", "LV", "LVT"};
static const char *const sb_names[] = {
    "Other", "CR", "LF", "Extend", "Sep", "Format", "Sp", "Lower", "Upper", "OLetter", "Numeric",
    "ATerm", "SContinue", "STerm", "Close"};
static const char *const gc_names[] = {
    "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps",
    "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_enum_file(const char *rel, const char *const *names, size_t n, enum field which,
                           size_t min_listed)
{
    uint8_t *expected = malloc(NCP);
    size_t listed;

    assert_non_null(expected);
    listed = load_enum(rel, names, n, expected);
    /* Guards against a parser that silently reads nothing and so "agrees" with the defaults. */
    assert_true(listed >= min_listed);
    compare_all(rel, expected, which);
    free(expected);
}

static void test_word_break_file(void **state)
{
    (void)state;
    test_enum_file("auxiliary/WordBreakProperty.txt", wb_names, COUNT(wb_names), F_WB, 10000);
}

static void test_grapheme_break_file(void **state)
{
    (void)state;
    test_enum_file("auxiliary/GraphemeBreakProperty.txt", gb_names, COUNT(gb_names), F_GB, 10000);
}

static void test_sentence_break_file(void **state)
{
    (void)state;
    test_enum_file("auxiliary/SentenceBreakProperty.txt", sb_names, COUNT(sb_names), F_SB, 10000);
}

static void test_general_category_file(void **state)
{
    (void)state;
    /* DerivedGeneralCategory lists every code point, Cn included. */
    test_enum_file("extracted/DerivedGeneralCategory.txt", gc_names, COUNT(gc_names), F_GC, NCP);
}

/* Ors bit into expected[cp] for every code point the file gives property prop. */
static size_t load_binary(const char *rel, const char *prop, uint8_t bit, uint8_t *expected)
{
    FILE *f = test_open_unicode(rel);
    char line[4096], value[64];
    size_t listed = 0;

    while (read_line(f, line, sizeof line)) {
        uint32_t lo, hi, cp;
        char *rest;

        if (!parse_line(line, &lo, &hi, &rest))
            continue;
        first_field(rest, value, sizeof value);
        if (strcmp(value, prop) != 0)
            continue;
        for (cp = lo; cp <= hi; cp++)
            expected[cp] |= bit;
        listed += hi - lo + 1;
    }
    fclose(f);
    return listed;
}

static void test_binary_properties(void **state)
{
    static const struct {
        const char *file, *prop;
        uint8_t bit;
        size_t min_listed;
    } props[] = {
        {"emoji/emoji-data.txt", "Extended_Pictographic", SIFT_UF_EXTPICT, 3000},
        {"PropList.txt", "White_Space", SIFT_UF_WHITE_SPACE, 25},
        {"PropList.txt", "Ideographic", SIFT_UF_IDEOGRAPHIC, 90000},
        {"emoji/emoji-data.txt", "Emoji_Presentation", SIFT_UF_EMOJI_PRESENTATION, 1000},
        {"emoji/emoji-data.txt", "Emoji_Modifier", SIFT_UF_EMOJI_MODIFIER, 5},
        {"emoji/emoji-data.txt", "Emoji", SIFT_UF_EMOJI, 1000},
        {"DerivedCoreProperties.txt", "Alphabetic", SIFT_UF_ALPHABETIC, 100000},
        {"PropList.txt", "Dash", SIFT_UF_DASH, 25},
    };
    uint8_t *expected = calloc(NCP, 1);
    size_t i;

    (void)state;
    assert_non_null(expected);
    for (i = 0; i < COUNT(props); i++) {
        size_t listed = load_binary(props[i].file, props[i].prop, props[i].bit, expected);
        if (listed < props[i].min_listed)
            fail_msg("%s: only %zu code points with %s", props[i].file, listed, props[i].prop);
    }
    compare_all("flags", expected, F_FLAGS);
    free(expected);
}

static void test_property_spot_checks(void **state)
{
    (void)state;
    /* A few values known independently of the files, so a test does not merely agree with a
     * parser that shares a misreading with the generator. */
    assert_int_equal(sift_uprop('A')->wb, SIFT_WB_ALETTER);
    assert_int_equal(sift_uprop('A')->sb, SIFT_SB_UPPER);
    assert_int_equal(sift_uprop('A')->gc, SIFT_GC_LU);
    assert_true(sift_uprop('A')->flags & SIFT_UF_ALPHABETIC);
    assert_int_equal(sift_uprop('7')->wb, SIFT_WB_NUMERIC);
    assert_int_equal(sift_uprop('7')->gc, SIFT_GC_ND);
    assert_int_equal(sift_uprop('\'')->wb, SIFT_WB_SINGLE_QUOTE);
    assert_int_equal(sift_uprop('.')->wb, SIFT_WB_MIDNUMLET);
    assert_int_equal(sift_uprop('.')->sb, SIFT_SB_ATERM);
    assert_int_equal(sift_uprop('\r')->gb, SIFT_GB_CR);
    assert_int_equal(sift_uprop(' ')->wb, SIFT_WB_WSEGSPACE);
    assert_true(sift_uprop(' ')->flags & SIFT_UF_WHITE_SPACE);
    assert_int_equal(sift_uprop(0x05D0)->wb, SIFT_WB_HEBREW_LETTER);
    assert_int_equal(sift_uprop(0x30A2)->wb, SIFT_WB_KATAKANA);
    assert_int_equal(sift_uprop(0x200D)->gb, SIFT_GB_ZWJ);
    assert_int_equal(sift_uprop(0x1F1E6)->gb, SIFT_GB_REGIONAL_INDICATOR);
    assert_int_equal(sift_uprop(0xAC00)->gb, SIFT_GB_LV);
    assert_int_equal(sift_uprop(0xAC01)->gb, SIFT_GB_LVT);
    assert_true(sift_uprop(0x4E2D)->flags & SIFT_UF_IDEOGRAPHIC);
    assert_true(sift_uprop(0x1F600)->flags & SIFT_UF_EXTPICT);
    assert_true(sift_uprop(0x1F600)->flags & SIFT_UF_EMOJI_PRESENTATION);
    assert_true(sift_uprop(0x1F3FB)->flags & SIFT_UF_EMOJI_MODIFIER);
    assert_true(sift_uprop(0x2014)->flags & SIFT_UF_DASH);
    assert_int_equal(sift_uprop(0xFFFD)->gc, SIFT_GC_SO);
    /* Unassigned code points use record 0, the all-default one. */
    assert_ptr_equal(sift_uprop(0x0378), &sift_uprop_records[0]);
    assert_ptr_equal(sift_uprop(0x10FFFF), &sift_uprop_records[0]);
    assert_int_equal(sift_uprop_records[0].wb, SIFT_WB_OTHER);
    assert_int_equal(sift_uprop_records[0].gb, SIFT_GB_OTHER);
    assert_int_equal(sift_uprop_records[0].sb, SIFT_SB_OTHER);
    assert_int_equal(sift_uprop_records[0].gc, SIFT_GC_CN);
    assert_int_equal(sift_uprop_records[0].flags, 0);
}

static void test_uprop_at(void **state)
{
    static const unsigned char s[] = "a\xC3\xA9\xFF\xE2\x82z\xF0\x9F\x98\x80";
    const struct sift_uprop *fffd = sift_uprop(0xFFFD);
    size_t len = sizeof s - 1, next = 0;

    (void)state;
    assert_ptr_equal(sift_uprop_at(s, len, 0, &next), sift_uprop('a'));
    assert_int_equal(next, 1);
    assert_ptr_equal(sift_uprop_at(s, len, 1, &next), sift_uprop(0xE9));
    assert_int_equal(next, 3);
    assert_ptr_equal(sift_uprop_at(s, len, 3, &next), fffd);
    assert_int_equal(next, 4);
    assert_ptr_equal(sift_uprop_at(s, len, 4, &next), fffd);
    assert_int_equal(next, 6);
    assert_ptr_equal(sift_uprop_at(s, len, 6, &next), sift_uprop('z'));
    assert_int_equal(next, 7);
    assert_ptr_equal(sift_uprop_at(s, len, 7, &next), sift_uprop(0x1F600));
    assert_int_equal(next, 11);
    /* A lone continuation byte in the middle of a character. */
    assert_ptr_equal(sift_uprop_at(s, len, 2, &next), fffd);
    assert_int_equal(next, 3);
    /* Truncated by len. */
    assert_ptr_equal(sift_uprop_at(s, 9, 7, &next), fffd);
    assert_int_equal(next, 9);
}

/* ------------------------------------------------------------------------------------------ */
/* UTF-8 */

struct piece {
    uint32_t cp; /* SIFT_INVALID_CP for one maximal subpart */
    size_t len;
};

#define BAD SIFT_INVALID_CP

static void check_decode(const char *bytes, size_t n, const struct piece *want, size_t count)
{
    const unsigned char *s = (const unsigned char *)bytes;
    size_t pos = 0, i = 0;

    while (pos < n) {
        size_t next = 0;
        uint32_t cp = sift_utf8_decode(s, n, pos, &next);
        if (i >= count)
            fail_msg("decoding gave more than %zu pieces", count);
        if (cp != want[i].cp || next - pos != want[i].len)
            fail_msg("piece %zu at byte %zu: got %08X/%zu, want %08X/%zu", i, pos, (unsigned)cp,
                     next - pos, (unsigned)want[i].cp, want[i].len);
        pos = next;
        i++;
    }
    assert_int_equal(pos, n);
    assert_int_equal(i, count);
}

#define DECODE(str, ...)                                                                         \
    do {                                                                                         \
        static const struct piece want_[] = {__VA_ARGS__};                                       \
        check_decode(str, sizeof(str) - 1, want_, COUNT(want_));                                 \
    } while (0)

static void test_utf8_decode_ill_formed(void **state)
{
    (void)state;
    /* Truncated sequences: the whole valid prefix is one maximal subpart. */
    DECODE("\xC3", {BAD, 1});
    DECODE("\xE2\x82", {BAD, 2});
    DECODE("\xF0\x9F\x98", {BAD, 3});
    DECODE("\xE2\x82x", {BAD, 2}, {'x', 1});
    DECODE("\xF0\x9F\x98x", {BAD, 3}, {'x', 1});
    DECODE("\xC3\xC3\xA9", {BAD, 1}, {0xE9, 2});
    /* Overlong forms: the lead byte alone is the subpart, then each continuation byte. */
    DECODE("\xC0\x80", {BAD, 1}, {BAD, 1});
    DECODE("\xC1\xBF", {BAD, 1}, {BAD, 1});
    DECODE("\xE0\x80\x80", {BAD, 1}, {BAD, 1}, {BAD, 1});
    DECODE("\xE0\x9F\xBF", {BAD, 1}, {BAD, 1}, {BAD, 1});
    DECODE("\xF0\x80\x80\x80", {BAD, 1}, {BAD, 1}, {BAD, 1}, {BAD, 1});
    DECODE("\xF0\x8F\xBF\xBF", {BAD, 1}, {BAD, 1}, {BAD, 1}, {BAD, 1});
    /* Surrogates. */
    DECODE("\xED\xA0\x80", {BAD, 1}, {BAD, 1}, {BAD, 1});
    DECODE("\xED\xBF\xBF", {BAD, 1}, {BAD, 1}, {BAD, 1});
    /* Above U+10FFFF. */
    DECODE("\xF4\x90\x80\x80", {BAD, 1}, {BAD, 1}, {BAD, 1}, {BAD, 1});
    DECODE("\xF5\x80\x80\x80", {BAD, 1}, {BAD, 1}, {BAD, 1}, {BAD, 1});
    DECODE("\xF7\xBF\xBF\xBF", {BAD, 1}, {BAD, 1}, {BAD, 1}, {BAD, 1});
    /* Lone continuation bytes and bytes that never occur. */
    DECODE("\x80", {BAD, 1});
    DECODE("\xBF\x80", {BAD, 1}, {BAD, 1});
    DECODE("\xFE", {BAD, 1});
    DECODE("\xFF", {BAD, 1});
    DECODE("\xFE\xFF", {BAD, 1}, {BAD, 1});
    DECODE("\xF8\x88\x80\x80\x80", {BAD, 1}, {BAD, 1}, {BAD, 1}, {BAD, 1}, {BAD, 1});
    /* The example of Unicode 15.0 section 3.9, table 3-8. */
    DECODE("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", {'a', 1}, {BAD, 3}, {BAD, 2},
           {BAD, 1}, {'b', 1}, {BAD, 1}, {'c', 1}, {BAD, 1}, {BAD, 1}, {'d', 1});
    /* The edges of the valid ranges decode. */
    DECODE("\xC2\x80", {0x80, 2});
    DECODE("\xDF\xBF", {0x7FF, 2});
    DECODE("\xE0\xA0\x80", {0x800, 3});
    DECODE("\xED\x9F\xBF", {0xD7FF, 3});
    DECODE("\xEE\x80\x80", {0xE000, 3});
    DECODE("\xEF\xBF\xBF", {0xFFFF, 3});
    DECODE("\xF0\x90\x80\x80", {0x10000, 4});
    DECODE("\xF4\x8F\xBF\xBF", {0x10FFFF, 4});
}

static void test_utf8_encode(void **state)
{
    char buf[4];

    (void)state;
    assert_int_equal(sift_utf8_encode('$', buf), 1);
    assert_memory_equal(buf, "$", 1);
    assert_int_equal(sift_utf8_encode(0xA2, buf), 2);
    assert_memory_equal(buf, "\xC2\xA2", 2);
    assert_int_equal(sift_utf8_encode(0x20AC, buf), 3);
    assert_memory_equal(buf, "\xE2\x82\xAC", 3);
    assert_int_equal(sift_utf8_encode(0x10348, buf), 4);
    assert_memory_equal(buf, "\xF0\x90\x8D\x88", 4);
    /* No UTF-8 form: U+FFFD instead. */
    assert_int_equal(sift_utf8_encode(0xD800, buf), 3);
    assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
    assert_int_equal(sift_utf8_encode(0x110000, buf), 3);
    assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
    assert_int_equal(sift_utf8_encode(SIFT_INVALID_CP, buf), 3);
    assert_memory_equal(buf, "\xEF\xBF\xBD", 3);
}

static void test_utf8_round_trip(void **state)
{
    uint32_t cp;

    (void)state;
    for (cp = 0; cp < NCP; cp++) {
        unsigned char buf[4];
        size_t n, next = 0;
        size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        n = sift_utf8_encode(cp, (char *)buf);
        if (n != want || sift_utf8_decode(buf, n, 0, &next) != cp || next != n)
            fail_msg("U+%04X does not round-trip", (unsigned)cp);
        /* Every proper prefix is one truncated subpart. */
        if (n > 1 && (sift_utf8_decode(buf, n - 1, 0, &next) != SIFT_INVALID_CP || next != n - 1))
            fail_msg("U+%04X truncated is not one subpart", (unsigned)cp);
    }
}

static void test_utf8_decode_random(void **state)
{
    /* Random bytes, weighted towards the interesting ones: the walk must see every byte once,
     * and whatever decodes must re-encode to exactly the bytes it came from. */
    static const unsigned char pool[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                         0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0,
                                         0xF1, 0xF4, 0xF5, 0xFE, 0xFF};
    enum { N = 1 << 20 };
    unsigned char *s = malloc(N);
    uint32_t x = 12345;
    size_t pos = 0, i, valid = 0, invalid = 0;

    (void)state;
    assert_non_null(s);
    for (i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        s[i] = (x >> 16) & 1 ? pool[(x >> 17) % COUNT(pool)] : (unsigned char)(x >> 24);
    }
    while (pos < N) {
        size_t next = 0;
        uint32_t cp = sift_utf8_decode(s, N, pos, &next);
        assert_true(next > pos && next <= pos + 4 && next <= N);
        if (cp == SIFT_INVALID_CP) {
            invalid++;
        } else {
            char buf[4];
            assert_int_equal(sift_utf8_encode(cp, buf), next - pos);
            assert_memory_equal(buf, s + pos, next - pos);
            valid++;
        }
        pos = next;
    }
    assert_true(valid > 1000 && invalid > 1000);
    free(s);
}

/* ------------------------------------------------------------------------------------------ */
/* Case folding */

static void test_fold_case_folding_file(void **state)
{
    FILE *f = test_open_unicode("CaseFolding.txt");
    uint32_t(*map)[3] = calloc(NCP, sizeof *map);
    char line[4096];
    size_t lines = 0, bad = 0;
    uint32_t cp;

    (void)state;
    assert_non_null(map);
    while (read_line(f, line, sizeof line)) {
        uint32_t lo, hi;
        char *rest, *p, *end;
        char status;
        int k = 0;

        if (!parse_line(line, &lo, &hi, &rest))
            continue;
        assert_int_equal(lo, hi);
        for (p = rest; *p == ' '; p++)
            ;
        status = *p;
        if (status != 'C' && status != 'F')
            continue; /* S and T are not what sift folds with */
        p = strchr(p, ';');
        assert_non_null(p);
        p++;
        for (;;) {
            unsigned long v = strtoul(p, &end, 16);
            if (end == p)
                break;
            assert_true(k < 3);
            map[lo][k++] = (uint32_t)v;
            p = end;
        }
        assert_true(k >= 1);
        lines++;
    }
    fclose(f);
    assert_true(lines >= 1400);

    for (cp = 0; cp < NCP; cp++) {
        uint32_t out[3] = {0, 0, 0};
        uint32_t want[3] = {cp, 0, 0};
        int n = sift_fold_cp(cp, out), wn = 1;
        char in8[4], got8[16], want8[16];
        size_t inlen, gotlen, wantlen = 0;
        int k;

        if (map[cp][0] != 0) {
            memcpy(want, map[cp], sizeof want);
            wn = want[2] ? 3 : want[1] ? 2 : 1;
        }
        if (n != wn || memcmp(out, want, (size_t)n * sizeof out[0]) != 0) {
            if (bad++ < MAX_REPORTED)
                print_error("fold_cp U+%04X: got %d code points, first %04X\n", (unsigned)cp, n,
                            (unsigned)out[0]);
            continue;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        /* The same folding through the string interface, which must also stay inside the
         * 3 * len output bound it promises. */
        inlen = sift_utf8_encode(cp, in8);
        gotlen = sift_fold(in8, inlen, got8);
        for (k = 0; k < wn; k++)
            wantlen += sift_utf8_encode(want[k], want8 + wantlen);
        if (gotlen != wantlen || memcmp(got8, want8, wantlen) != 0 || gotlen > 3 * inlen) {
            if (bad++ < MAX_REPORTED)
                print_error("fold U+%04X: %zu bytes, want %zu\n", (unsigned)cp, gotlen, wantlen);
        }
    }
    assert_int_equal(bad, 0);
    free(map);
}

static void check_fold(const char *in, size_t inlen, const char *want, size_t wantlen)
{
    /* Exactly the promised 3 * len, so that ASan or valgrind catch any write past it. */
    char *out = malloc(3 * inlen + 1);
    size_t n;

    assert_non_null(out);
    n = sift_fold(in, inlen, out);
    assert_int_equal(n, wantlen);
    assert_memory_equal(out, want, wantlen);
    free(out);
}

#define FOLD(in, want) check_fold(in, sizeof(in) - 1, want, sizeof(want) - 1)

static void test_fold_strings(void **state)
{
    (void)state;
    FOLD("", "");
    FOLD("HELLO World 123!", "hello world 123!");
    FOLD("@[`{", "@[`{"); /* the neighbours of A-Z and a-z */
    FOLD("Stra\xC3\x9F" "e", "strasse");                           /* ß -> ss */
    FOLD("\xCE\xA3\xCE\x8A\xCE\xA3\xCE\xA5\xCE\xA6\xCE\x9F\xCE\xA3", /* ΣΊΣΥΦΟΣ */
         "\xCF\x83\xCE\xAF\xCF\x83\xCF\x85\xCF\x86\xCE\xBF\xCF\x83"); /* σίσυφοσ */
    FOLD("\xC4\xB0stanbul", "i\xCC\x87stanbul");                     /* İ -> i + U+0307 */
    FOLD("\xEF\xAC\x83", "ffi");                                     /* ﬃ */
    FOLD("\xE2\x84\xAA", "k");                                       /* KELVIN SIGN */
    FOLD("\xCE\x90", "\xCE\xB9\xCC\x88\xCC\x81");                    /* ΐ: 2 bytes -> 6 */
    FOLD("\xC5\x81\xC3\x93" "D\xC5\xB9", "\xC5\x82\xC3\xB3" "d\xC5\xBA"); /* ŁÓDŹ */
    FOLD("\xF0\x90\x90\x80", "\xF0\x90\x90\xA8");                    /* DESERET CAPITAL LONG I */
    FOLD("\xE4\xB8\xAD\xF0\x9F\x98\x80", "\xE4\xB8\xAD\xF0\x9F\x98\x80"); /* no case */
    /* Ill-formed bytes pass through unchanged, and do not swallow what follows. */
    FOLD("A\xFF" "B", "a\xFF" "b");
    FOLD("A\xC3" "B", "a\xC3" "b");
    FOLD("\xC3\x84\x80", "\xC3\xA4\x80");
    FOLD("\xE2\x82" "A", "\xE2\x82" "a");
    FOLD("\xED\xA0\x80Q", "\xED\xA0\x80q");
    FOLD("X\xF0\x9F\x98", "x\xF0\x9F\x98");
}

/* ------------------------------------------------------------------------------------------ */
/* Shapes */

static void check_shape(const char *in, size_t inlen, const char *want, size_t wantlen)
{
    /* Exactly the promised len bytes (at least one for malloc's sake). */
    char *out = malloc(inlen ? inlen : 1);
    size_t n;

    assert_non_null(out);
    n = sift_shape(in, inlen, out);
    if (n != wantlen || memcmp(out, want, n) != 0)
        fail_msg("shape of \"%.*s\" is \"%.*s\", want \"%s\"", (int)inlen, in, (int)n, out, want);
    free(out);
}

#define SHAPE(in, want) check_shape(in, sizeof(in) - 1, want, sizeof(want) - 1)

static void test_shape(void **state)
{
    (void)state;
    SHAPE("", "");
    SHAPE("Jinping", "Xxxxx");
    SHAPE("CPC", "XXX");
    SHAPE("25th", "ddxx");
    SHAPE("Mr.", "Xx.");
    SHAPE("U.S.", "X.X.");
    SHAPE("NATO", "XXXX");
    SHAPE("UNESCO", "XXXX");
    SHAPE("1999", "dddd");
    SHAPE("2024-25", "dddd-dd");
    SHAPE("......", "....");
    SHAPE("iPhone", "xXxxxx");
    SHAPE("e-mail", "x-xxxx");
    SHAPE("$3.5bn", "$d.dxx");
    SHAPE("\xC5\x81\xC3\xB3" "d\xC5\xBA", "Xxxx");              /* Łódź, precomposed */
    SHAPE("\xC5\x81o\xCC\x81" "dz\xCC\x81", "Xxxx");            /* Łódź, decomposed */
    SHAPE("Mu\xCC\x88ller", "Xxxxx");                           /* marks do not break runs */
    SHAPE("\xC7\x85" "emal", "Xxxxx");                          /* ǅ is titlecase */
    SHAPE("\xE6\x9D\xB1\xE4\xBA\xAC", "xx");                    /* 東京 */
    SHAPE("\xD9\xA3\xD9\xA4", "dd");                            /* Arabic-Indic digits */
    SHAPE("\xE2\x82\xAC" "5", "\xE2\x82\xAC" "d");              /* €5 */
    SHAPE("\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94",
          "\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94"); /* six em dashes cut to four */
    SHAPE("\xF0\x9F\x98\x80!", "\xF0\x9F\x98\x80!");            /* emoji stays itself */
    SHAPE("\xFF", "?");
    SHAPE("a\xE2\x82" "b", "x?x");                              /* one ? per maximal subpart */
    SHAPE("\xED\xA0\x80", "???");
    SHAPE("\xFF\xFF\xFF\xFF\xFF\xFF", "????");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_break_file),
        cmocka_unit_test(test_grapheme_break_file),
        cmocka_unit_test(test_sentence_break_file),
        cmocka_unit_test(test_general_category_file),
        cmocka_unit_test(test_binary_properties),
        cmocka_unit_test(test_property_spot_checks),
        cmocka_unit_test(test_uprop_at),
        cmocka_unit_test(test_utf8_decode_ill_formed),
        cmocka_unit_test(test_utf8_encode),
        cmocka_unit_test(test_utf8_round_trip),
        cmocka_unit_test(test_utf8_decode_random),
        cmocka_unit_test(test_fold_case_folding_file),
        cmocka_unit_test(test_fold_strings),
        cmocka_unit_test(test_shape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
