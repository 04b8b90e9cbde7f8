/*
 * test_sentences.c - the sentence splitter of the C engine, without Lua: what it cuts, that it
 * loses nothing on random and hostile input, that large inputs run (time is printed, not
 * asserted), the abbreviation classes and the generated tables behind them.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "test_util.h"

#include "sift.h"
#include "text/abbrevs.h"
#include "text/sentences.h"
#include "text/tokens.h"
#include "unicode/breaks.h"
#include "unicode/unicode.h"

/* Is the character at pos white space (Unicode White_Space)? *next is set past it. */
static int space_at(const char *s, size_t len, size_t pos, size_t *next)
{
    return (sift_uprop_at((const unsigned char *)s, len, pos, next)->flags & SIFT_UF_WHITE_SPACE) != 0;
}

/* Does [a, b) hold only white space? */
static int all_space(const char *s, size_t len, size_t a, size_t b)
{
    while (a < b) {
        size_t next;
        if (!space_at(s, len, a, &next))
            return 0;
        a = next;
    }
    return 1;
}

/*
 * The splitter's promises on any input: spans in order, not empty, not overlapping, starting and
 * ending on a character that is not white space, only white space between and around them, and
 * paragraph numbers that start at 0 and grow by one exactly where a sentence opens a paragraph.
 * Returns the number of sentences.
 */
static size_t check_lossless(const char *s, size_t len, unsigned flags, const struct sift_wordset *abbrevs)
{
    struct sift_sentences st;
    struct sift_sentence se;
    size_t pos = 0, n = 0, para = 0;

    sift_sentences_init(&st, s, len, flags, abbrevs);
    while (sift_sentences_next(&st, &se)) {
        size_t next, last;
        assert_true(se.i >= pos && se.i < se.j && se.j <= len);
        assert_true(all_space(s, len, pos, se.i));
        assert_false(space_at(s, len, se.i, &next));
        /* the last character: back to its first byte, then it must end exactly at j */
        last = se.j - 1;
        while (last > se.i && ((unsigned char)s[last] & 0xC0) == 0x80 && se.j - last < 4)
            last--;
        if (space_at(s, len, last, &next))
            assert_true(next != se.j);
        if (n == 0) {
            assert_int_equal(se.paragraph, 0);
            assert_true(se.starts_paragraph);
        } else {
            assert_int_equal(se.paragraph, para + (se.starts_paragraph ? 1 : 0));
        }
        para = se.paragraph;
        pos = se.j;
        n++;
    }
    assert_true(all_space(s, len, pos, len));
    /* once done, it stays done */
    assert_false(sift_sentences_next(&st, &se));
    return n;
}

/* "[sentence][sentence]...", with "|" before each sentence that opens a paragraph but the first. */
static void show(const char *s, unsigned flags, const struct sift_wordset *abbrevs, char *out, size_t cap)
{
    struct sift_sentences st;
    struct sift_sentence se;
    size_t n = 0;

    out[0] = '\0';
    sift_sentences_init(&st, s, strlen(s), flags, abbrevs);
    while (sift_sentences_next(&st, &se)) {
        int w = snprintf(out + n, cap - n, "%s[%.*s]", (se.starts_paragraph && se.i > 0 && n > 0) ? "|" : "",
                         (int)(se.j - se.i), s + se.i);
        assert_true(w > 0 && (size_t)w < cap - n);
        n += (size_t)w;
    }
}

static void expect(const char *s, const char *want)
{
    char got[4096];
    show(s, 0, NULL, got, sizeof got);
    assert_string_equal(got, want);
    check_lossless(s, strlen(s), 0, NULL);
}

/* A few cases of each rule; tests/lua/sentences_spec.lua has many more. */
static void test_rules(void **state)
{
    (void)state;
    expect("", "");
    expect(" \n\t ", "");
    expect("No full stop", "[No full stop]");
    expect("Dr. Amara Osei joined Harlow Ltd. in March. She left in May.",
           "[Dr. Amara Osei joined Harlow Ltd. in March.][She left in May.]");
    expect("The firm opened an office in the U.S. The staff moved in a week later.",
           "[The firm opened an office in the U.S.][The staff moved in a week later.]");
    expect("The U.S. Treasury sold bonds.", "[The U.S. Treasury sold bonds.]");
    expect("P. D. Kessel wrote it. Rates rose 0.25 points at 9:45 on v3.1.",
           "[P. D. Kessel wrote it.][Rates rose 0.25 points at 9:45 on v3.1.]");
    expect("Really?! Yes... and no. Fine!!!", "[Really?!][Yes... and no.][Fine!!!]");
    expect("\"Go home.\" He went. (It was late.) Then it rained.",
           "[\"Go home.\"][He went.][(It was late.)][Then it rained.]");
    /* Japanese: "It rained." "(We) went home!" with 。 and ！ and no space */
#define RAINED "\xE9\x9B\xA8\xE3\x81\x8C\xE9\x99\x8D\xE3\x81\xA3\xE3\x81\x9F\xE3\x80\x82"
#define WENT_HOME "\xE5\xB8\xB0\xE3\x81\xA3\xE3\x81\x9F\xEF\xBC\x81"
    expect(RAINED WENT_HOME, "[" RAINED "][" WENT_HOME "]");
#undef RAINED
#undef WENT_HOME
    expect("Harbour bridge closes\n\nThe bridge shut at noon.", "[Harbour bridge closes]|[The bridge shut at noon.]");
    expect("Items:\n1. Bread.\n2. Milk\n- Eggs", "[Items:]|[1. Bread.]|[2. Milk]|[- Eggs]");
    expect("One\n\n\n\nTwo", "[One]|[Two]");
    expect("Mr.\n\nSmith", "[Mr.]|[Smith]");
    /* a wrapped line ends in the middle of a sentence: the next word would not have fitted */
    expect("The council said on Tuesday that the harbour bridge would stay shut until\n"
           "Engineers had checked every cable, which could take the rest of the month.",
           "[The council said on Tuesday that the harbour bridge would stay shut until\n"
           "Engineers had checked every cable, which could take the rest of the month.]");
}

static void test_flags(void **state)
{
    char got[1024];
    const char *s = "First line\nSecond line. Third\nfourth";
    (void)state;
    show(s, SIFT_SENTENCES_LINES_BREAK, NULL, got, sizeof got);
    assert_string_equal(got, "[First line]|[Second line.][Third]|[fourth]");
    show(s, SIFT_SENTENCES_LINES_JOIN, NULL, got, sizeof got);
    assert_string_equal(got, "[First line\nSecond line.][Third\nfourth]");
    check_lossless(s, strlen(s), SIFT_SENTENCES_LINES_BREAK, NULL);
    check_lossless(s, strlen(s), SIFT_SENTENCES_LINES_JOIN, NULL);
}

static void test_user_abbreviations(void **state)
{
    static const char *const words[] = { "Cllr", "Xin", "Gen" };
    static const size_t lens[] = { 4, 3, 3 };
    static const unsigned char tags[] = { SIFT_ABBREV_TITLE, 0, SIFT_ABBREV_OTHER };
    void *mem = malloc(sift_wordset_size(3, 10));
    struct sift_wordset *set;
    char got[1024];
    (void)state;

    assert_non_null(mem);
    set = sift_wordset_init_tagged(mem, words, lens, tags, 3);
    assert_int_equal(sift_wordset_find(set, "Cllr", 4), SIFT_ABBREV_TITLE);
    assert_int_equal(sift_wordset_find(set, "Xin", 3), 0);
    assert_int_equal(sift_wordset_find(set, "Cll", 3), -1);
    assert_int_equal(sift_abbrev_class(set, "Cllr", 4), SIFT_ABBREV_TITLE);
    assert_int_equal(sift_abbrev_class(set, "Xin", 3), SIFT_ABBREV_OTHER);
    /* the user's class wins over the built-in one */
    assert_int_equal(sift_abbrev_class(set, "Gen", 3), SIFT_ABBREV_OTHER);
    assert_int_equal(sift_abbrev_class(NULL, "Gen", 3), SIFT_ABBREV_TITLE);
    show("Cllr. Okafor spoke. Cllr. The end.", 0, set, got, sizeof got);
    assert_string_equal(got, "[Cllr. Okafor spoke.][Cllr. The end.]");
    show("Cllr. Okafor spoke. Cllr. The end.", 0, NULL, got, sizeof got);
    assert_string_equal(got, "[Cllr. Okafor spoke.][Cllr. The end.]");
    show("We met Xin. The talks went well.", 0, set, got, sizeof got);
    assert_string_equal(got, "[We met Xin.][The talks went well.]");
    show("We met Xin. Okafor came too.", 0, set, got, sizeof got);
    assert_string_equal(got, "[We met Xin. Okafor came too.]");
    show("We met Xin. Okafor came too.", 0, NULL, got, sizeof got);
    assert_string_equal(got, "[We met Xin.][Okafor came too.]");
    check_lossless("Cllr. Xin. Gen. x", 17, 0, set);
    free(mem);
}

static void test_classes_and_tables(void **state)
{
    size_t k;
    (void)state;
    assert_int_equal(sift_is_builtin_abbrev("Mr", 2), SIFT_ABBREV_TITLE);
    assert_int_equal(sift_is_builtin_abbrev("Sept", 4), SIFT_ABBREV_MONTH);
    assert_int_equal(sift_is_builtin_abbrev("Inc", 3), SIFT_ABBREV_COMPANY);
    assert_int_equal(sift_is_builtin_abbrev("e.g", 3), SIFT_ABBREV_REFERENCE);
    assert_int_equal(sift_is_builtin_abbrev("etc", 3), SIFT_ABBREV_OTHER);
    assert_int_equal(sift_is_builtin_abbrev("mr", 2), SIFT_ABBREV_NONE);
    assert_int_equal(sift_is_builtin_abbrev("Septe", 5), SIFT_ABBREV_NONE);
    assert_int_equal(sift_is_builtin_abbrev("", 0), SIFT_ABBREV_NONE);
    assert_int_equal(sift_abbrev_class(NULL, "K", 1), SIFT_ABBREV_INITIAL);
    assert_int_equal(sift_abbrev_class(NULL, "\xC3\x89", 2), SIFT_ABBREV_INITIAL); /* É */
    assert_int_equal(sift_abbrev_class(NULL, "a.m", 3), SIFT_ABBREV_OTHER);
    assert_int_equal(sift_abbrev_class(NULL, "word", 4), SIFT_ABBREV_NONE);
    for (k = SIFT_ABBREV_NONE + 1; k < SIFT_ABBREV__COUNT; k++) {
        const char *name = sift_abbrev_class_name((int)k);
        assert_non_null(name);
        assert_int_equal(sift_abbrev_class_by_name(name, strlen(name)), (int)k);
    }
    assert_null(sift_abbrev_class_name(SIFT_ABBREV_NONE));
    assert_null(sift_abbrev_class_name(SIFT_ABBREV__COUNT));
    assert_int_equal(sift_abbrev_class_by_name("titles", 6), SIFT_ABBREV_NONE);
    /* the generated tables are sorted (binary search depends on it) and every entry is found */
    assert_true(sift_abbrev_count > 50);
    for (k = 0; k < sift_abbrev_count; k++) {
        const struct sift_abbrev *e = &sift_abbrev_table[k];
        assert_int_equal(strlen(e->word), e->len);
        assert_int_equal(sift_is_builtin_abbrev(e->word, e->len), e->cls);
        assert_int_equal(sift_builtin_abbrev_class(e->word, e->len), e->cls);
        {
            /* the public walk gives the same entries */
            const char *w = NULL;
            size_t n = 0;
            assert_int_equal(sift_builtin_abbrev(k, &w, &n), e->cls);
            assert_ptr_equal(w, e->word);
            assert_int_equal(n, e->len);
            assert_int_equal(sift_builtin_abbrev(k, NULL, NULL), e->cls);
        }
        if (k > 0) {
            const struct sift_abbrev *p = &sift_abbrev_table[k - 1];
            size_t n = p->len < e->len ? p->len : e->len;
            int c = memcmp(p->word, e->word, n);
            assert_true(c < 0 || (c == 0 && p->len < e->len));
        }
    }
    assert_int_equal(sift_builtin_abbrev(sift_abbrev_count, NULL, NULL), SIFT_ABBREV_NONE);
    assert_true(sift_starter_count > 100);
    assert_null(sift_sentence_starter(sift_starter_count));
    for (k = 0; k < sift_starter_count; k++) {
        assert_ptr_equal(sift_sentence_starter(k), sift_starter_table[k]);
        assert_true(sift_is_sentence_starter(sift_starter_table[k], strlen(sift_starter_table[k])));
        if (k > 0)
            assert_true(strcmp(sift_starter_table[k - 1], sift_starter_table[k]) < 0);
    }
    assert_true(sift_is_sentence_starter("The", 3));
    assert_true(sift_is_sentence_starter("However", 7));
    assert_false(sift_is_sentence_starter("Senate", 6));
    assert_false(sift_is_sentence_starter("the", 3));
    assert_false(sift_is_sentence_starter("Th", 2));
    assert_false(sift_is_sentence_starter("", 0));
}

/* Random glue of the pieces that meet the splitter's rules, and random bytes. */
static void test_lossless_random(void **state)
{
    static const char *const pieces[] = {
        "a", "The", "Smith", "x", "1", "22", ".", "...", "!", "?", "?!", ",", ";", ":", "-", "- ", "* ",
        "\"", "'", "(", ")", "[", "]", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99", "\xE2\x80\xA6",
        "Mr.", "U.S.", "e.g.", "Inc.", "Jan.", "J.", "No.", "1.", "a)", "(i)", "3.5", "10:30",
        "www.example.org", "a@b.example", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\x0B", "\x0C",
        "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xC2\xA0", "\xE3\x80\x80", "\xE3\x80\x82",
        "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xE3\x80\x8D", "\xE3\x81\xA8", "\xE4\xB8\xAD", "\xC3\xA9",
        "\xC3\x89", "\xFF", "\xE2\x80", "\xED\xA0\x80", "\xF0\x9F\x91\x8D", "\xE2\x80\xA2 ", "\0",
        "\xD8\x9F", "\xE0\xA5\xA4"
    };
    size_t np = sizeof pieces / sizeof *pieces, round;
    char buf[1024];
    static const unsigned flags[] = { 0, SIFT_SENTENCES_LINES_BREAK, SIFT_SENTENCES_LINES_JOIN };
    (void)state;
    srand(11);
    for (round = 0; round < 60000; round++) {
        size_t len = 0, k, count = (size_t)(rand() % 40);
        for (k = 0; k < count; k++) {
            size_t p = (size_t)rand() % np, pl = pieces[p][0] ? strlen(pieces[p]) : 1;
            memcpy(buf + len, pieces[p], pl);
            len += pl;
        }
        check_lossless(buf, len, flags[round % 3], NULL);
    }
    for (round = 0; round < 20000; round++) {
        size_t len = (size_t)(rand() % 200), k;
        for (k = 0; k < len; k++)
            buf[k] = (char)(rand() & 0xFF);
        check_lossless(buf, len, 0, NULL);
    }
    /* bytes drawn from the ones that matter most */
    for (round = 0; round < 20000; round++) {
        static const char some[] = ". !?\n\r\"')(A a1\xE3\x80\x82";
        size_t len = (size_t)(rand() % 100), k;
        for (k = 0; k < len; k++)
            buf[k] = some[rand() % (int)(sizeof some - 1)];
        check_lossless(buf, len, 0, NULL);
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Fills n bytes with a repeated pattern (its last copy cut off). */
static char *repeat(const char *pattern, size_t n)
{
    size_t pl = strlen(pattern), k;
    char *s = malloc(n);
    assert_non_null(s);
    for (k = 0; k < n; k++)
        s[k] = pattern[k % pl];
    return s;
}

/*
 * Hostile inputs of 1 MB and 10 MB: the splitter must get through them, and its time must grow
 * with the length, not its square. The times are printed for the reader (a loaded machine must
 * not fail the test), the sentence counts asserted.
 */
static void test_large(void **state)
{
    static const struct {
        const char *pattern;
        int each; /* 1: a sentence per copy of the pattern; 0: one sentence in all */
    } cases[] = {
        { ".", 0 }, { "a", 0 }, { "Mr. ", 0 }, { "Go. ", 1 }, { ". ", 0 }, { "U.S. ", 0 },
        { "A\n", 1 }, { "\xE3\x80\x82", 0 }, { "x\xE3\x80\x82", 1 }, { "1. ", 1 },
        { "\"(", 0 }, { "a.a.", 0 }, { "Smith\n", 1 }, { "1-1.", 0 }, { "x@y.", 0 },
    };
    size_t c;
    (void)state;
    for (c = 0; c < sizeof cases / sizeof *cases; c++) {
        double t[2];
        size_t sizes[2] = { 1000000, 10000000 }, k;
        for (k = 0; k < 2; k++) {
            char *s = repeat(cases[c].pattern, sizes[k]);
            struct sift_sentences st;
            struct sift_sentence se;
            size_t n = 0, want;
            double t0 = now();
            sift_sentences_init(&st, s, sizes[k], 0, NULL);
            while (sift_sentences_next(&st, &se))
                n++;
            t[k] = now() - t0;
            want = cases[c].each ? (sizes[k] + strlen(cases[c].pattern) - 1) / strlen(cases[c].pattern) : 1;
            /* the ends (a cut-off last copy, a list marker first) may make one more or one less */
            if (n + 1 < want || n > want + 1)
                fail_msg("pattern \"%s\" x %zu bytes: %zu sentences, expected %zu", cases[c].pattern, sizes[k], n, want);
            free(s);
        }
        {
            char name[32];
            size_t q = 0;
            const char *p;
            for (p = cases[c].pattern; *p && q + 3 < sizeof name; p++) {
                if (*p == '\n') {
                    name[q++] = '\\';
                    name[q++] = 'n';
                } else {
                    name[q++] = *p;
                }
            }
            name[q] = '\0';
            printf("  \"%s\"%*s 1 MB %7.1f ms, 10 MB %7.1f ms (x%.1f)\n", name, (int)(14 - q), "", t[0] * 1e3,
                   t[1] * 1e3, t[1] / (t[0] > 0 ? t[0] : 1e-9));
        }
    }
    /* and the promises hold on a large input too */
    {
        char *s = repeat("Mr. J. Smith (Jr.) said: \"It fell 3.5%... Why?\" \xE3\x80\x82\n\n1. Item\n", 3000000);
        assert_true(check_lossless(s, 3000000, 0, NULL) > 10000);
        free(s);
    }
}

/* The seed article: its headline, caption and paragraphs. */
static void test_seed_article(void **state)
{
    const char *shared = test_shared_dir();
    char path[512];
    size_t len = 0, n = 0;
    char *s;
    struct sift_sentences st;
    struct sift_sentence se;
    (void)state;

    snprintf(path, sizeof path, "%s/data/seed/new-industrialisation.txt", shared);
    s = test_read_file(path, &len);
    if (!s)
        fail_msg("cannot read %s (set SIFT_SHARED to the shared data folder)", path);
    assert_true(check_lossless(s, len, 0, NULL) > 15);
    sift_sentences_init(&st, s, len, 0, NULL);
    while (sift_sentences_next(&st, &se)) {
        if (n == 0) {
            assert_int_equal(se.i, 0);
            assert_memory_equal(s + se.j - 7, "journey", 7); /* the headline, alone */
        } else if (n == 1) {
            assert_int_equal(se.j - se.i, 12);
            assert_memory_equal(s + se.i, "President Xi", 12); /* the caption, alone */
            assert_int_equal(se.paragraph, 1);
        } else if (n == 2) {
            assert_memory_equal(s + se.i, "25th September 2023", 19);
            assert_int_equal(se.paragraph, 2);
        }
        n++;
    }
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_user_abbreviations),
        cmocka_unit_test(test_classes_and_tables),
        cmocka_unit_test(test_lossless_random),
        cmocka_unit_test(test_large),
        cmocka_unit_test(test_seed_article),
    };
    return cmocka_run_group_tests_name("sentences", tests, NULL, NULL);
}
