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

/*
 * Keyword ranking over "Dennis Rodman arrived. Reporters followed Dennis Rodman; Rodman said little.
 * New industry, new industry, sleepy town" as terms:
 *   0 Dennis 1 Rodman 2 arrived | 3 Reporters 4 followed 5 Dennis 6 Rodman | 7 Rodman 8 said 9 little |
 *   10 new 11 industry | 12 new 13 industry | 14 sleepy 15 town
 * Keys by id: 1 denni 2 rodman 3 arriv 4 report 5 follow 6 said 7 littl 8 new 9 industri 10 sleepi
 * 11 town.
 */
struct kw_fixture {
    unsigned ids[16], flags[16];
    unsigned char in_name[16];
    size_t spans[32], nspans, nslots;
    struct sift_gram *grams;
    struct sift_kw_key keys[11];
    struct sift_kw_phrase phrases[16];
    size_t table[64];
    struct sift_kw_text t;
    struct sift_kw_entry out[32], scratch[128];
};

static void kw_setup(struct kw_fixture *f)
{
    static const unsigned ids[16] = { 1, 2, 3, 4, 5, 1, 2, 2, 6, 7, 8, 9, 8, 9, 10, 11 };
    static const unsigned C = SIFT_TERM_CAPITAL, B = SIFT_TERM_BREAK, S = SIFT_TERM_START;
    const unsigned flags[16] = { B | C | S, C, 0, B | C | S, 0, C, C, B | C, 0, 0, B | S, 0, B, 0, B, 0 };
    static const unsigned chars[11] = { 5, 6, 5, 6, 6, 4, 5, 3, 8, 6, 4 };
    size_t k;

    memset(f, 0, sizeof *f);
    memcpy(f->ids, ids, sizeof ids);
    memcpy(f->flags, flags, sizeof flags);
    for (k = 0; k < 11; k++) {
        f->keys[k].chars = chars[k];
        f->keys[k].weight = 1;
        f->keys[k].first = 16;
    }
    for (k = 0; k < 16; k++) {
        struct sift_kw_key *key = &f->keys[ids[k] - 1];
        if (key->first == 16)
            key->first = (unsigned)k;
        key->last = (unsigned)k;
        key->count++;
        key->capital += (flags[k] & SIFT_TERM_CAPITAL) && !(flags[k] & SIFT_TERM_START);
    }
    f->keys[5].weak = 1; /* said */
    f->nspans = sift_name_spans(f->flags, 16, 0, 4, f->in_name, f->spans);
    f->nslots = sift_gram_slots(16);
    f->grams = calloc(f->nslots, sizeof *f->grams);
    sift_count_grams(f->grams, f->nslots, f->ids, f->flags, f->in_name, 16);
    f->t.keys = f->keys;
    f->t.nkeys = 11;
    f->t.ids = f->ids;
    f->t.flags = f->flags;
    f->t.in_name = f->in_name;
    f->t.n = 16;
    assert_true(sift_kw_table_slots(f->nspans, 1) <= 64);
    sift_kw_phrases(&f->t, f->spans, f->nspans, f->grams, f->nslots, f->phrases, f->table, 64);
    assert_true(sift_kw_scratch(&f->t) <= 128);
}

static void test_kw_phrases(void **state)
{
    struct kw_fixture *f = malloc(sizeof *f);

    (void)state;
    kw_setup(f);
    /* two names "Dennis Rodman" (one phrase), and "new industry", which recurs */
    assert_int_equal(f->nspans, 2);
    assert_int_equal(f->t.nphrases, 2);
    assert_int_equal(f->phrases[0].words, 2);
    assert_int_equal(f->phrases[0].name, 1);
    assert_int_equal(f->phrases[0].count, 2);
    assert_int_equal(f->phrases[0].first, 0);
    assert_int_equal(f->phrases[1].name, 0);
    assert_int_equal(f->phrases[1].count, 2);
    assert_int_equal(f->phrases[1].first, 10);
    /* Rodman: three terms, two in names and ending them; Dennis and Rodman stand for the name */
    assert_int_equal(f->keys[1].named, 2);
    assert_int_equal(f->keys[1].heads, 2);
    assert_int_equal(f->keys[1].name, 0);
    assert_int_equal(f->keys[0].name, 0);
    assert_int_equal(f->keys[0].heads, 0);
    assert_int_equal(f->keys[2].name, -1);
    free(f->grams);
    free(f);
}

static void test_kw_rank(void **state)
{
    struct kw_fixture *f = malloc(sizeof *f);
    size_t m, k;
    /* Rodman: 3 mentions (alone and ending names), first at term 1 of 16, last at 7, 6 letters */
    double rodman = 3 * (1 + 1 / (1 + 1 * 10.0 / 16)) * (1 + 6.0 / 16) * 6;

    (void)state;
    kw_setup(f);
    m = sift_kw_rank(&f->t, 1, 32, 1, f->out, f->scratch);
    /* ten words (not Dennis, said only inside a name), the two phrases, which score below their
     * words, then four pairs said once */
    assert_int_equal(m, 16);
    for (k = 0; k < 10; k++)
        assert_int_equal(f->out[k].kind, SIFT_KW_WORD);
    assert_int_equal(f->out[0].index, 1);
    assert_int_equal(f->out[0].count, 3);
    assert_true(fabs(f->out[0].score - rodman) < 1e-9);
    assert_int_equal(f->out[1].index, 8); /* industry */
    for (k = 1; k < m; k++)
        if (f->out[k].kind == f->out[k - 1].kind)
            assert_true(f->out[k].score <= f->out[k - 1].score);
    /* the name counts the mention of its surname alone: 3 */
    assert_int_equal(f->out[10].kind, SIFT_KW_PHRASE);
    assert_int_equal(f->out[10].index, 0);
    assert_int_equal(f->out[10].count, 3);
    assert_true(fabs(f->out[10].score - 3 * 2 * 5.5) < 1e-9);
    assert_int_equal(f->out[11].index, 1);
    /* the pairs: reporters followed, rodman said, sleepy town, said little; not new industry */
    assert_int_equal(f->out[12].kind, SIFT_KW_PAIR);
    assert_int_equal(f->out[12].index, 3);
    assert_int_equal(f->out[13].index, 7);
    assert_int_equal(f->out[14].index, 14);
    assert_int_equal(f->out[15].index, 8);
    assert_int_equal(f->out[15].count, 1);
    assert_int_equal(f->out[15].words, 2);
    /* said, a weak word never capitalised, counts a quarter */
    for (k = 0; k < 10; k++)
        if (f->out[k].index == 5)
            assert_true(fabs(f->out[k].score - 1 * (1 + 1 / (1 + 8 * 10.0 / 16)) * 1 * 4 * 0.25) < 1e-9);

    /* no pairs when asked for none, nor under a minimum count; fewer when the top is smaller */
    assert_int_equal(sift_kw_rank(&f->t, 1, 32, 0, f->out, f->scratch), 12);
    m = sift_kw_rank(&f->t, 2, 32, 1, f->out, f->scratch);
    assert_int_equal(m, 5); /* rodman, industry, new; the two phrases */
    assert_int_equal(sift_kw_rank(&f->t, 1, 1, 1, f->out, f->scratch), 1);
    assert_int_equal(f->out[0].index, 1);
    assert_int_equal(sift_kw_rank(&f->t, 1, 0, 1, f->out, f->scratch), 0);

    /* a surname said alone once in lower case does not count for the name */
    f->keys[1].capital = 2;
    sift_kw_rank(&f->t, 1, 32, 1, f->out, f->scratch);
    assert_int_equal(f->out[10].count, 2);
    f->keys[1].capital = 3;

    /* a phrase that scores above each of its words ranks among them: a short surname */
    f->keys[1].chars = 1;
    sift_kw_rank(&f->t, 1, 32, 1, f->out, f->scratch);
    assert_int_equal(f->out[0].index, 8);
    assert_int_equal(f->out[1].kind, SIFT_KW_PHRASE);
    assert_true(fabs(f->out[1].score - 3 * 2 * 3.0) < 1e-9);

    /* weights (an idf) multiply */
    f->keys[1].chars = 6;
    f->keys[8].weight = 0.5;
    f->phrases[0].weight = 10;
    sift_kw_rank(&f->t, 1, 32, 1, f->out, f->scratch);
    assert_int_equal(f->out[0].kind, SIFT_KW_PHRASE);
    assert_true(fabs(f->out[0].score - 330) < 1e-9);
    free(f->grams);
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_porter),
        cmocka_unit_test(test_porter_vocabulary),
        cmocka_unit_test(test_terms),
        cmocka_unit_test(test_names_and_grams),
        cmocka_unit_test(test_textrank),
        cmocka_unit_test(test_kw_phrases),
        cmocka_unit_test(test_kw_rank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
