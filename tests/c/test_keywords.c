/*
 * test_keywords.c - the C engine under keyword counting and summaries, without Lua: the Porter
 * stemmer, the walk over a text's terms (keys and flags), names and recurring runs, and TextRank;
 * the key table and the one-pass analysis (with an allocator that fails on purpose); the public
 * sift_keywords, against what the Lua binding's steps give.
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

#include "test_util.h"

#include "sift.h"
#include "text/abbrevs.h"
#include "text/sentences.h"
#include "text/tokens.h"
#include "unicode/breaks.h"
#include "unicode/unicode.h"
#include "keywords/stem.h"
#include "keywords/terms.h"
#include "keywords/textrank.h"
#include "keywords/keytable.h"
#include "keywords/analysis.h"

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

/* The test allocator (test_alloc, struct test_arena) is test_util.h's. */

static void test_keytable(void **state)
{
    struct test_arena *a = calloc(1, sizeof *a);
    struct sift_keytable kt;
    char k[32];
    unsigned i;

    (void)state;
    assert_int_equal(sift_key_hash("", 0), 2166136261u);
    assert_int_equal(sift_key_hash("a", 1), (2166136261ul ^ 'a') * 16777619ul);
    /* tiny to start with: the slots and the arena grow many times */
    assert_int_equal(sift_keytable_init(&kt, 3, 1, test_alloc, a), 0);
    assert_int_equal(kt.cap, 4);
    for (i = 1; i <= 1000; i++) {
        size_t n = (size_t)sprintf(k, "key%u", i);
        unsigned long h = sift_key_hash(k, n);
        size_t off = kt.nbytes;
        assert_int_equal(sift_keytable_find(&kt, k, n, h), 0);
        assert_int_equal(sift_keytable_insert(&kt, k, n, h, i), 0);
        assert_memory_equal(kt.bytes + off, k, n);
        assert_true(2 * kt.used <= kt.cap);
        assert_int_equal(kt.cap & (kt.cap - 1), 0);
    }
    assert_int_equal(kt.used, 1000);
    for (i = 1; i <= 1000; i++) {
        size_t n = (size_t)sprintf(k, "key%u", i);
        assert_int_equal(sift_keytable_find(&kt, k, n, sift_key_hash(k, n)), i);
    }
    assert_int_equal(sift_keytable_find(&kt, "key0", 4, sift_key_hash("key0", 4)), 0);
    assert_int_equal(sift_keytable_find(&kt, "key1", 3, sift_key_hash("key", 3)), 0); /* a prefix */
    test_arena_free(a);

    /* collisions: every key with the same hash still finds its own id, through a rehash */
    assert_int_equal(sift_keytable_init(&kt, 2, 4, test_alloc, a), 0);
    for (i = 1; i <= 40; i++) {
        size_t n = (size_t)sprintf(k, "c%u", i);
        assert_int_equal(sift_keytable_insert(&kt, k, n, 12345, i), 0);
    }
    for (i = 1; i <= 40; i++) {
        size_t n = (size_t)sprintf(k, "c%u", i);
        assert_int_equal(sift_keytable_find(&kt, k, n, 12345), i);
        assert_int_equal(sift_keytable_find(&kt, k, n, 54321), 0); /* another hash: not the same key */
    }
    assert_int_equal(sift_keytable_find(&kt, "c41", 3, 12345), 0);
    test_arena_free(a);

    /* out of memory: init fails; a growth that fails leaves the table as it was, and usable */
    a->fail_at = 1;
    assert_int_equal(sift_keytable_init(&kt, 8, 8, test_alloc, a), -1);
    test_arena_free(a);
    a->fail_at = 3; /* the slots and the arena are calls 1 and 2 */
    assert_int_equal(sift_keytable_init(&kt, 4, 64, test_alloc, a), 0);
    assert_int_equal(sift_keytable_insert(&kt, "one", 3, sift_key_hash("one", 3), 1), 0);
    assert_int_equal(sift_keytable_insert(&kt, "two", 3, sift_key_hash("two", 3), 2), 0);
    assert_int_equal(sift_keytable_insert(&kt, "six", 3, sift_key_hash("six", 3), 3), -1); /* 3 slots of 4 */
    assert_int_equal(kt.used, 2);
    assert_int_equal(sift_keytable_find(&kt, "one", 3, sift_key_hash("one", 3)), 1);
    assert_int_equal(sift_keytable_find(&kt, "two", 3, sift_key_hash("two", 3)), 2);
    assert_int_equal(sift_keytable_find(&kt, "six", 3, sift_key_hash("six", 3)), 0);
    a->fail_at = 0;
    assert_int_equal(sift_keytable_insert(&kt, "six", 3, sift_key_hash("six", 3), 3), 0);
    assert_int_equal(sift_keytable_find(&kt, "six", 3, sift_key_hash("six", 3)), 3);
    test_arena_free(a);
    free(a);
}

/* British -> American for the analysis test: "harbour" -> "harbor". */
static const char *test_spelling(void *ud, const char *key, size_t len, size_t *alen)
{
    (void)ud;
    if (len == 7 && memcmp(key, "harbour", 7) == 0) {
        *alen = 6;
        return "harbor";
    }
    return NULL;
}

static int test_headline(void *ud, const char *key, size_t len)
{
    (void)ud;
    return len == 5 && memcmp(key, "ferri", 5) == 0;
}

static const char analysed[] = "Harbour bridge reopens\n\n"
                               "The harbor bridge opened today. Ferries and elections: elected Sydney Harbour "
                               "officials said the elections were over. Sydney Harbour bridge traffic, bridge "
                               "traffic.";

static void check_key(const struct sift_analysis *an, size_t k, const char *want)
{
    size_t len;
    const char *key = sift_analysis_key(an, k, &len);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(key, want, len);
}

/* The index of the key named want, or fails. */
static size_t key_index(const struct sift_analysis *an, const char *want)
{
    size_t k, len;

    for (k = 0; k < an->kw.nkeys; k++) {
        const char *key = sift_analysis_key(an, k, &len);
        if (len == strlen(want) && memcmp(key, want, len) == 0)
            return k;
    }
    fail_msg("no key %s", want);
    return 0;
}

static void test_analyse(void **state)
{
    struct test_arena *a = calloc(1, sizeof *a);
    struct sift_analyse_opts o;
    struct sift_analyse_work w;
    struct sift_analysis *an;
    struct sift_kw_entry e;
    void *block;
    size_t len = strlen(analysed), k, from, to, klen, harbor, bridge, elect;
    char buf[256];
    const char *key;
    double wa[64], wb[64];
    long long span[4];
    int sent[64];

    (void)state;
    memset(&o, 0, sizeof o);
    o.max_words = 4, o.phrases = 1, o.head_end = 22;
    o.spelling = test_spelling, o.headline = test_headline;
    assert_int_equal(sift_analyse_count(&w, analysed, len, &o, test_alloc, a), 0);
    block = malloc(sift_analysis_size(&w));
    an = sift_analysis_build(&w, block, len, &o);
    assert_ptr_equal(an, block);
    test_arena_free(a); /* the analysis needs none of the work's memory */

    /* no stop words given: every word is a term; ids by first appearance */
    check_key(an, 0, "harbor"); /* "Harbour" mapped to the American key */
    check_key(an, 1, "bridg");
    check_key(an, 2, "reopen");
    assert_int_equal(an->kw.ids[0], 1);
    assert_int_equal(an->kw.n, 26);
    harbor = key_index(an, "harbor"), bridge = key_index(an, "bridg"), elect = key_index(an, "elect");
    /* counts: Harbour, harbor, Harbour, Harbour; first and last term; capitals off a sentence start */
    assert_int_equal(an->kw.keys[harbor].count, 4);
    assert_int_equal(an->kw.keys[harbor].first, 0);
    assert_int_equal(an->kw.keys[harbor].capital, 2);
    assert_int_equal(an->kw.keys[bridge].count, 4);
    assert_int_equal(an->kw.keys[bridge].last, 24);
    assert_int_equal(an->kw.keys[elect].count, 3); /* elections, elected, elections */
    assert_int_equal(an->kw.keys[harbor].chars, 6);
    /* the most frequent written form: "Harbour" twice off the headline beats "harbor" once */
    assert_int_equal(an->form_len[harbor], 7);
    assert_memory_equal(analysed + an->form_i[harbor], "Harbour", 7);
    assert_memory_equal(analysed + an->form_i[elect], "elections", 9);
    /* the headline callback */
    assert_int_equal(an->kw.keys[key_index(an, "ferri")].head, 1);
    assert_int_equal(an->kw.keys[bridge].head, 0);
    assert_int_equal(an->maxkey, 7); /* traffic */
    /* the headline (three terms, capitalised one: not title case) */
    assert_int_equal(w.head_terms, 3);
    /* phrases: "Sydney Harbour" is a name (twice); "bridge traffic" a recurring run */
    assert_true(an->kw.nphrases >= 2);
    for (k = 0; k < an->kw.nphrases; k++) {
        size_t n = sift_analysis_run_key(an, an->kw.phrases[k].first, an->kw.phrases[k].words, buf);
        buf[n] = '\0';
        if (an->kw.phrases[k].name)
            assert_string_equal(buf, "sydnei harbor");
    }
    assert_true(sift_analysis_key_room(an) >= SIFT_KW_MAX_WORDS * 7);

    /* entries: a word shows as its form; a run at a sentence start in lower case when its first
     * word is mostly so written ("The" once at a start, "the" once elsewhere) */
    memset(&e, 0, sizeof e);
    e.kind = SIFT_KW_WORD, e.index = harbor;
    key = sift_analysis_entry_key(an, &e, buf, &klen);
    assert_int_equal(klen, 6);
    assert_memory_equal(key, "harbor", 6);
    assert_int_equal(sift_analysis_label(an, analysed, len, &e, &from, &to), 0);
    assert_memory_equal(analysed + from, "Harbour", to - from);
    e.kind = SIFT_KW_PAIR, e.index = 0, e.first = 0, e.words = 2;
    key = sift_analysis_entry_key(an, &e, buf, &klen);
    assert_int_equal(klen, 12);
    assert_memory_equal(key, "harbor bridg", 12);
    assert_int_equal(sift_analysis_label(an, analysed, len, &e, &from, &to), 0); /* "Harbour" mostly */
    assert_int_equal(to - from, 14);
    assert_memory_equal(analysed + from, "Harbour bridge", 14);
    e.first = 3;
    assert_int_equal(sift_analysis_label(an, analysed, len, &e, &from, &to), 1);
    assert_int_equal(to - from, 10);
    assert_memory_equal(analysed + from, "The harbor", 10);
    assert_int_equal(sift_analysis_label(an, analysed, 30, &e, &from, &to), 0); /* beyond the text */
    assert_int_equal(to, from);

    /* TextRank's inputs */
    sift_analysis_weights(an, wa, wb);
    assert_true(wa[harbor + 1] == 0 && fabs(wb[harbor + 1] - log(4.0)) < 1e-12);
    assert_true(wb[3] == 0); /* reopens: once */
    sift_analysis_part(an, 1, 22, 2.5, wa); /* the headline's terms */
    assert_true(wa[1] == 2.5 && wa[2] == 2.5 && wa[3] == 2.5);
    assert_true(wa[elect + 1] == 0);
    sift_analysis_part(an, 1, 22, 1.5, wa); /* raises only */
    assert_true(wa[1] == 2.5);
    span[0] = 25, span[1] = 55, span[2] = 57, span[3] = 60; /* "The harbor ... today." and a piece */
    sift_analysis_sentences(an, span, 2, sent);
    assert_int_equal(sent[0], -1);
    assert_int_equal(sent[3], 0); /* The */
    assert_int_equal(sent[7], 0); /* today */
    assert_int_equal(sent[8], 1); /* Ferries */
    assert_int_equal(sent[9], -1);
    free(block);

    /* without phrases: none */
    o.phrases = 0;
    assert_int_equal(sift_analyse_count(&w, analysed, len, &o, test_alloc, a), 0);
    block = malloc(sift_analysis_size(&w));
    an = sift_analysis_build(&w, block, len, &o);
    assert_int_equal(an->kw.nphrases, 0);
    free(block);
    test_arena_free(a);
    free(a);
}

/* Every allocation that fails makes sift_analyse_count return SIFT_ANALYSE_NOMEM, and then the
 * caller's blocks are all there is to free (the test arena; ASan and valgrind check the rest). A
 * long text grows every array. */
static void test_analyse_nomem(void **state)
{
    struct test_arena *a = calloc(1, sizeof *a);
    struct sift_analyse_opts o;
    struct sift_analyse_work w;
    size_t len = 0, calls, fail, size;
    char *text = malloc(40000);
    unsigned i;

    (void)state;
    for (i = 0; len < 39000; i++)
        len += (size_t)sprintf(text + len, "%c%c%c %c%c%c ", 'a' + i % 26, 'a' + i / 26 % 26, 'a' + i / 676 % 26,
                               'a' + (i + 9000) % 26, 'a' + (i + 9000) / 26 % 26, 'a' + (i + 9000) / 676 % 26);
    memset(&o, 0, sizeof o);
    o.max_words = 4, o.phrases = 1;
    o.spelling = test_spelling;
    assert_int_equal(sift_analyse_count(&w, text, len, &o, test_alloc, a), 0);
    calls = a->calls, size = sift_analysis_size(&w);
    assert_true(w.n > len / 6 && w.nkeys > len / 12 && w.kt.cap > 8192); /* every array grew */
    assert_true(calls > 14);
    test_arena_free(a);
    for (fail = 1; fail <= calls; fail++) {
        a->fail_at = fail;
        assert_int_equal(sift_analyse_count(&w, text, len, &o, test_alloc, a), SIFT_ANALYSE_NOMEM);
        assert_true(a->calls >= fail && a->calls <= fail + 5); /* it stops soon after the first failure */
        test_arena_free(a);
    }
    a->fail_at = calls + 1;
    assert_int_equal(sift_analyse_count(&w, text, len, &o, test_alloc, a), 0);
    assert_int_equal(sift_analysis_size(&w), size);
    test_arena_free(a);
    free(text);
    free(a);
}

/* ---- the public entry, sift_keywords (include/sift.h) ---- */

/* The words of a generated word list of lua/sift/data/ (return [[ w1 w2 ... ]]), each made key by
 * stem (1: stemmed, as sift.terms.weak does), as a malloc'd word set (*mem to free). */
static struct sift_wordset *data_words(const char *path, int stem, void **mem)
{
    size_t len, n = 0, total = 0, k;
    char *text = test_read_file(path, &len), *p, *end;
    const char **words;
    size_t *lens;
    struct sift_wordset *set;

    assert_non_null(text);
    p = strstr(text, "[[");
    end = p ? strstr(p, "]]") : NULL;
    assert_non_null(end);
    words = malloc(len * sizeof *words);
    lens = malloc(len * sizeof *lens);
    for (p += 2; p < end;) {
        while (p < end && (*p == ' ' || *p == '\n'))
            p++;
        for (k = 0; p + k < end && p[k] != ' ' && p[k] != '\n'; k++)
            ;
        if (k) {
            words[n] = p;
            lens[n] = stem ? sift_porter_stem(p, k) : k;
            total += lens[n++];
        }
        p += k;
    }
    *mem = malloc(sift_wordset_size(n, total));
    set = sift_wordset_init(*mem, words, lens, n);
    free(words);
    free(lens);
    free(text);
    return set;
}

struct kw_want {
    const char *key, *term;
    unsigned count, words;
    double score;
};

/* sift_keywords gives what sift.core._analyse and _rank give for the same text and word sets
 * (lua/sift/data/'s stop words and weak words, no spelling map, no idf): the tables below are
 * theirs, printed by sift.core._rank. */
static void expect_keywords(const char *s, size_t len, const struct sift_keywords_opts *o, const struct kw_want *want,
                            size_t nwant)
{
    struct test_arena *a = calloc(1, sizeof *a);
    struct sift_keyword *kw;
    size_t n, k;

    assert_int_equal(sift_keywords(s, len, o, test_alloc, a, &kw, &n), SIFT_OK);
    assert_int_equal(n, nwant);
    for (k = 0; k < n; k++) {
        assert_string_equal(kw[k].key, want[k].key);
        assert_int_equal(kw[k].key_len, strlen(want[k].key));
        assert_string_equal(kw[k].term, want[k].term);
        assert_int_equal(kw[k].term_len, strlen(want[k].term));
        assert_true(kw[k].i < kw[k].j && kw[k].j <= len && kw[k].j - kw[k].i == kw[k].term_len);
        assert_memory_equal(s + kw[k].i + 1, kw[k].term + 1, kw[k].term_len - 1);
        assert_int_equal(kw[k].count, want[k].count);
        assert_int_equal(kw[k].words, want[k].words);
        assert_true(fabs(kw[k].score - want[k].score) <= 1e-9 * want[k].score);
    }
    test_arena_free(a);
    free(a);
}

static void test_public_keywords(void **state)
{
    static const struct kw_want harbour[] = {
        { "bridg", "bridge", 4, 1, 71.801379310344828 },
        { "harbour", "harbour", 3, 1, 61.692 },
        { "councillor", "councillor", 2, 1, 57.462857142857153 },
        { "callowai", "Calloway", 3, 1, 54.420923076923067 },
        { "town", "town", 5, 1, 52.715384615384622 },
        { "trust", "trust", 3, 1, 33.531940298507472 },
        { "two-year", "two-year", 2, 1, 31.562666666666672 },
        { "final", "final", 3, 1, 28.043076923076921 },
        { "year", "year", 3, 1, 25.311030303030307 },
        { "council", "council", 2, 1, 25.187555555555551 },
        { "engin", "engineering", 2, 1, 23.595362318840579 },
        { "ferri", "ferry", 2, 1, 21.813333333333333 },
    };
    static const struct kw_want opening[] = {
        { "harbour", "harbour", 3, 1, 68.25 },
        { "bridg", "bridge", 4, 1, 55.441176470588232 },
        { "duart", "Duarte", 2, 1, 15.411255411255411 },
        { "traffic", "Traffic", 1, 1, 8.787234042553191 },
        { "mondai", "Monday", 1, 1, 7.7142857142857135 },
        { "builder", "builders", 1, 1, 7.6614173228346463 },
        { "thank", "thanked", 1, 1, 5.4918032786885238 },
        { "rose", "rose", 1, 1, 4.774193548387097 },
        { "cost", "cost", 1, 1, 4.4948453608247423 },
        { "plan", "planned", 1, 1, 4.4485981308411215 },
        { "open", "opened", 2, 1, 3.4772727272727271 },
        { "said", "said", 1, 1, 1.1463414634146341 },
        { "less", "less", 1, 1, 1.1176470588235294 },
        { "harbour bridg", "Harbour Bridge", 4, 2, 48 },
    };
    static const struct kw_want storm[] = {
        { "storm", "storm", 2, 1, 30 },
        { "coast", "coast", 2, 1, 18.461538461538463 },
        { "hit", "hits", 2, 1, 3.09375 },
        { "storm hit", "storm hits", 2, 2, 16 },
        { "hit coast", "hits coast", 1, 2, 5.5 },
    };
    const char *text2 = "Harbour Bridge opens\n\nThe harbour bridge opened on Monday. Traffic on the harbour bridge "
                        "rose, and Mayor Ana Duarte said the harbour bridge had cost less than planned. Ana Duarte "
                        "thanked the builders.";
    const char *text3 = "Storm hits coast\n\nA storm hit the coast.";
    struct sift_keywords_opts o;
    struct test_arena a;
    struct sift_keyword *kw;
    void *stop_mem, *weak_mem;
    size_t len, n, calls, fail;
    char *text = test_read_file("samples/harbour-bridge.txt", &len);

    (void)state;
    assert_non_null(text);
    memset(&o, 0, sizeof o);
    o.stop = data_words("lua/sift/data/stopwords.lua", 0, &stop_mem);
    o.weak = data_words("lua/sift/data/weakwords.lua", 1, &weak_mem);
    o.top = 12;
    o.head_end = 62;
    expect_keywords(text, len, &o, harbour, sizeof harbour / sizeof harbour[0]);
    o.top = 14;
    o.head_end = 20;
    expect_keywords(text2, strlen(text2), &o, opening, sizeof opening / sizeof opening[0]);
    o.top = 10;
    o.head_end = 0;
    expect_keywords(text3, strlen(text3), &o, storm, sizeof storm / sizeof storm[0]); /* with two pairs */
    o.flags = SIFT_KEYWORDS_NO_PAIRS;
    expect_keywords(text3, strlen(text3), &o, storm, 4);
    o.flags = SIFT_KEYWORDS_NO_PHRASES; /* no phrases, and then no pairs either */
    expect_keywords(text3, strlen(text3), &o, storm, 3);

    /* the defaults (NULL): no stop words, 20 keywords */
    memset(&a, 0, sizeof a);
    assert_int_equal(sift_keywords(text, len, NULL, test_alloc, &a, &kw, &n), SIFT_OK);
    assert_int_equal(n, 20);
    assert_string_equal(kw[0].key, "the");
    calls = a.calls;
    test_arena_free(&a);
    /* a bad option; and each failing allocation gives SIFT_ENOMEM and nothing */
    o.max_words = 9;
    assert_int_equal(sift_keywords(text, len, &o, test_alloc, &a, &kw, &n), SIFT_EINVALID);
    assert_null(kw);
    assert_int_equal(n, 0);
    for (fail = 1; fail <= calls; fail++) {
        a.fail_at = fail;
        assert_int_equal(sift_keywords(text, len, NULL, test_alloc, &a, &kw, &n), SIFT_ENOMEM);
        assert_null(kw);
        assert_int_equal(n, 0);
        test_arena_free(&a);
    }
    free(stop_mem);
    free(weak_mem);
    free(text);
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
        cmocka_unit_test(test_keytable),
        cmocka_unit_test(test_analyse),
        cmocka_unit_test(test_analyse_nomem),
        cmocka_unit_test(test_public_keywords),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
