/*
 * test_keywords.c - the C engine under keyword counting and summaries, without Lua: the Porter
 * stemmer, the walk over a text's terms (keys and flags), names and recurring runs, and TextRank.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "sift.h"
#include "stem.h"
#include "terms.h"
#include "textrank.h"

static void expect_stem(const char *word, const char *want)
{
    char buf[64];
    size_t n = strlen(word);

    memcpy(buf, word, n);
    buf[sift_porter_stem(buf, n)] = '\0';
    assert_string_equal(buf, want);
}

static void test_porter(void **state)
{
    (void)state;
    /* examples of each step from the paper */
    expect_stem("caresses", "caress");
    expect_stem("ponies", "poni");
    expect_stem("agreed", "agre");
    expect_stem("hopping", "hop");
    expect_stem("filing", "file");
    expect_stem("happy", "happi");
    expect_stem("relational", "relat");
    expect_stem("conditional", "condit");
    expect_stem("hopefulness", "hope");
    expect_stem("electrical", "electr");
    expect_stem("adjustment", "adjust");
    expect_stem("controlling", "control");
    expect_stem("generalizations", "gener");
    /* left alone: short words, capitals, other letters */
    expect_stem("is", "is");
    expect_stem("News", "News");
    expect_stem("caf\xC3\xA9s", "caf\xC3\xA9s");
    expect_stem("covid19", "covid19");
}

/* The Porter reference vocabulary, when Debian's snowball-data is installed (the Lua specs
 * require it; here it is a bonus). */
static void test_porter_vocabulary(void **state)
{
    FILE *voc = fopen("/usr/share/snowball/data/porter/voc.txt", "r");
    FILE *out = fopen("/usr/share/snowball/data/porter/output.txt", "r");
    char w[128], want[128];
    size_t n = 0, bad = 0;

    (void)state;
    if (!voc || !out) {
        if (voc)
            fclose(voc);
        if (out)
            fclose(out);
        return;
    }
    while (fgets(w, sizeof w, voc) && fgets(want, sizeof want, out)) {
        size_t len;
        w[strcspn(w, "\n")] = '\0';
        want[strcspn(want, "\n")] = '\0';
        len = strlen(w);
        if (len <= 2)
            continue;
        w[sift_porter_stem(w, len)] = '\0';
        bad += strcmp(w, want) != 0;
        n++;
    }
    fclose(voc);
    fclose(out);
    assert_true(n > 30000);
    assert_int_equal(bad, 0);
}

/* "key/flags key/flags ..." of the terms of s (flags as letters: B break, C capital, U upper, S
 * start, A abbreviation, P paragraph). */
static void show_terms(const char *s, const struct sift_wordset *stop, char *out, size_t cap)
{
    static struct sift_stem_cached cache[SIFT_STEM_CACHE];
    struct sift_terms t;
    struct sift_term term;
    char key[SIFT_TERM_KEY_MAX];
    size_t n = 0;

    out[0] = '\0';
    sift_terms_init(&t, s, strlen(s), stop, cache);
    while (sift_terms_next(&t, &term, key)) {
        char f[8];
        int k = 0, w;
        if (term.flags & SIFT_TERM_BREAK)
            f[k++] = 'B';
        if (term.flags & SIFT_TERM_CAPITAL)
            f[k++] = 'C';
        if (term.flags & SIFT_TERM_UPPER)
            f[k++] = 'U';
        if (term.flags & SIFT_TERM_START)
            f[k++] = 'S';
        if (term.flags & SIFT_TERM_ABBREV)
            f[k++] = 'A';
        if (term.flags & SIFT_TERM_PARAGRAPH)
            f[k++] = 'P';
        f[k] = '\0';
        w = snprintf(out + n, cap - n, "%s%.*s/%s", n ? " " : "", (int)term.keylen, key, f);
        assert_true(w > 0 && (size_t)w < cap - n);
        n += (size_t)w;
    }
}

static void test_terms(void **state)
{
    static const char *const stop_words[] = { "the", "of", "on", "a", "was" };
    size_t lens[5], k;
    char got[1024];
    void *mem;
    struct sift_wordset *stop;

    (void)state;
    for (k = 0; k < 5; k++)
        lens[k] = strlen(stop_words[k]);
    mem = malloc(sift_wordset_size(5, 15));
    stop = sift_wordset_init(mem, stop_words, lens, 5);
    show_terms("The Central Military Commission met on Monday. Elections of the CPC, Mr. Xi said.\n\n"
               "U.S. talks: state-owned firms", stop, got, sizeof got);
    assert_string_equal(got, "central/BC militari/C commiss/C met/ mondai/BC elect/BCS cpc/BCU xi/BC said/ "
                             "u.s./BCUSAP talk/ state-own/B firm/");
    /* a number, a clitic, a title without its full stop and an initial break a run */
    show_terms("Okafor's 12 new jobs, Dr Ames and J. Smith", stop, got, sizeof got);
    assert_string_equal(got, "okafor/BCS new/B job/ am/BC and/ smith/BC");
    free(mem);
}

static void test_names_and_grams(void **state)
{
    /* terms: 0 Central 1 Military 2 Commission | 3 new 4 industrialisation | 5 new 6 industrialisation 7 path */
    unsigned flags[] = { SIFT_TERM_BREAK | SIFT_TERM_CAPITAL, SIFT_TERM_CAPITAL, SIFT_TERM_CAPITAL,
                         SIFT_TERM_BREAK, 0, SIFT_TERM_BREAK, 0, 0 };
    unsigned ids[] = { 1, 2, 3, 4, 5, 4, 5, 6 };
    unsigned char in_name[8];
    size_t spans[16], nslots, k, found = 0;
    struct sift_gram *table;

    (void)state;
    assert_int_equal(sift_name_spans(flags, 8, 0, 4, in_name, spans), 1);
    assert_int_equal(spans[0], 0);
    assert_int_equal(spans[1], 2);
    assert_int_equal(in_name[2], 1);
    assert_int_equal(in_name[3], 0);
    /* a headline in title case (the first three terms here) starts no name */
    assert_int_equal(sift_name_spans(flags, 8, 3, 4, in_name, spans), 0);
    /* too long a run of capitals is no name */
    assert_int_equal(sift_name_spans(flags, 8, 0, 2, in_name, spans), 0);

    sift_name_spans(flags, 8, 0, 4, in_name, spans);
    nslots = sift_gram_slots(8);
    table = calloc(nslots, sizeof *table);
    sift_count_grams(table, nslots, ids, flags, in_name, 8);
    for (k = 0; k < nslots; k++) {
        if (!table[k].code)
            continue;
        if (table[k].code == (4ull << 20 | 5)) { /* new industrialisation, twice, first at term 3 */
            assert_int_equal(table[k].count, 2);
            assert_int_equal(table[k].first, 3);
            found++;
        } else if (table[k].code == ((4ull << 20 | 5) << 20 | 6)) {
            assert_int_equal(table[k].count, 1);
            found++;
        } else if (table[k].code == (5ull << 20 | 6)) {
            found++;
        } else {
            fail_msg("unexpected gram %llx", table[k].code); /* none inside the name */
        }
    }
    assert_int_equal(found, 3);
    free(table);
}

static void test_textrank(void **state)
{
    /* three sentences: 0 shares id 1 with 1, and id 2 with 2; 1 and 2 share nothing. Sentence 0 is
     * the centre; 2, which has nothing else, is closer to it than 1. Term 6 is in no sentence. */
    unsigned ids[] = { 1, 2, 3, 1, 4, 2, 9 };
    int sent[] = { 0, 0, 0, 1, 1, 2, -1 };
    double wa[10] = { 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 }, rank[3], sim[9], suma[3], sumb[3];
    size_t nterms[3], nkeys[3];
    struct sift_rank_in in = { ids, sent, 7, 9, 3, wa, NULL };
    struct sift_rank_out out = { rank, sim, suma, sumb, nterms, nkeys };
    void *scratch = malloc(sift_textrank_scratch(7, 9, 3));
    int iterations;

    (void)state;
    iterations = sift_textrank(&in, &out, scratch);
    assert_true(iterations >= 1 && iterations <= 100);
    assert_true(rank[0] > rank[1] && rank[0] > rank[2]);
    assert_true(fabs(rank[0] + rank[1] + rank[2] - 1.0) < 1e-4);
    assert_true(sim[0 * 3 + 2] > sim[0 * 3 + 1] && rank[2] > rank[1]);
    assert_true(sim[0 * 3 + 1] > 0 && sim[0 * 3 + 1] == sim[1 * 3 + 0]);
    assert_true(sim[1 * 3 + 2] == 0);
    assert_true(sim[0] == 1);
    assert_int_equal(nterms[0], 3);
    assert_int_equal(nkeys[1], 2);
    assert_true(suma[0] == 1 && suma[1] == 1 && suma[2] == 0);
    assert_true(sumb[0] == 0);
    free(scratch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_porter),
        cmocka_unit_test(test_porter_vocabulary),
        cmocka_unit_test(test_terms),
        cmocka_unit_test(test_names_and_grams),
        cmocka_unit_test(test_textrank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
