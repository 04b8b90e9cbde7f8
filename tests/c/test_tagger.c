/*
 * test_tagger.c - the entity tagger of the C engine, without Lua: type names, the gazetteers, user
 * tables and the public tagger of sift.h, names, titles, acronyms, dates and amounts, linking, the
 * allocator contract, and the shape of the result on real and random input.
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

#include "entities/tagger.h"

/* The memory of each call: test_util.h's arena of malloc'd blocks. */
struct tagged {
    struct test_arena arena;
    struct sift_tag_result r;
    const char *text;
};

static struct tagged *tag_with(const char *text, const struct sift_tagger *tagger)
{
    struct tagged *t = calloc(1, sizeof *t);
    assert_non_null(t);
    t->text = text;
    assert_int_equal(sift_tag(tagger, text, strlen(text), test_alloc, &t->arena, &t->r), 0);
    return t;
}

static struct tagged *tag(const char *text)
{
    return tag_with(text, NULL);
}

static void untag(struct tagged *t)
{
    test_arena_free(&t->arena);
    free(t);
}

/* The entity whose text is want, or NULL. */
static const struct sift_entity *find(const struct tagged *t, const char *want)
{
    size_t k, len = strlen(want);
    for (k = 0; k < t->r.n; k++) {
        const struct sift_entity *e = &t->r.entities[k];
        if (e->j - e->i == len && memcmp(t->text + e->i, want, len) == 0)
            return e;
    }
    return NULL;
}

static void expect_entity(const struct tagged *t, const char *want, int type)
{
    const struct sift_entity *e = find(t, want);
    if (!e)
        fail_msg("no entity '%s' in '%s'", want, t->text);
    if (e->type != type)
        fail_msg("'%s' is %s, not %s", want, sift_entity_type_name(e->type), sift_entity_type_name(type));
}

static void expect_canonical(const struct tagged *t, const struct sift_entity *e, const char *want)
{
    const struct sift_entity_cluster *c = &t->r.clusters[e->cluster];
    if (c->canon_len != strlen(want) || memcmp(c->canon, want, c->canon_len) != 0)
        fail_msg("canonical of '%.*s' is '%.*s', not '%s'", (int)(e->j - e->i), t->text + e->i,
                 (int)c->canon_len, c->canon, want);
}

/* Sorted, inside the text, not overlapping; every cluster index valid; counts add up. */
static void check_shape(const struct tagged *t, size_t len)
{
    size_t k, total = 0, prev_end = 0;
    for (k = 0; k < t->r.n; k++) {
        const struct sift_entity *e = &t->r.entities[k];
        assert_true(e->i < e->j);
        assert_true(e->j <= len);
        assert_true(e->i >= prev_end);
        assert_true(e->type > SIFT_ENT_NONE && e->type < SIFT_ENT__COUNT);
        assert_true(e->cluster < t->r.nclusters);
        assert_true(e->role_i <= e->role_j && e->role_j <= e->i);
        prev_end = e->j;
    }
    for (k = 0; k < t->r.nclusters; k++) {
        const struct sift_entity_cluster *c = &t->r.clusters[k];
        assert_true(c->count >= 1);
        assert_true(c->first < t->r.n);
        assert_int_equal(t->r.entities[c->first].cluster, k);
        total += c->count;
    }
    assert_int_equal(total, t->r.n);
}

/* ---- tests ---- */

static void test_type_names(void **state)
{
    int type;
    (void)state;
    for (type = 1; type < SIFT_ENT__COUNT; type++) {
        const char *name = sift_entity_type_name(type);
        assert_non_null(name);
        assert_int_equal(sift_entity_type_from_name(name, strlen(name)), type);
    }
    assert_null(sift_entity_type_name(0));
    assert_null(sift_entity_type_name(SIFT_ENT__COUNT));
    assert_int_equal(sift_entity_type_from_name("person", 6), SIFT_ENT_NONE);
    assert_int_equal(sift_entity_type_from_name("PERSONS", 7), SIFT_ENT_NONE);
    assert_string_equal(sift_entity_type_conll(SIFT_ENT_PERSON), "PER");
    assert_string_equal(sift_entity_type_conll(SIFT_ENT_GPE), "LOC");
    assert_string_equal(sift_entity_type_conll(SIFT_ENT_FAC), "LOC");
    assert_string_equal(sift_entity_type_conll(SIFT_ENT_NORP), "MISC");
    assert_null(sift_entity_type_conll(SIFT_ENT_DATE));
}

static const struct sift_gaz_slot *builtin_slot(const char *phrase)
{
    /* single words and phrases of words separated by one space, as the keys are made */
    uint64_t h = sift_gaz_hash_folded(SIFT_GAZ_HASH_INIT, phrase, strlen(phrase));
    return sift_gaz_find(&sift_gaz_builtin, sift_gaz_key(h));
}

static uint32_t builtin_cats(const char *phrase)
{
    const struct sift_gaz_slot *slot = builtin_slot(phrase);
    return slot ? slot->cats : 0;
}

static void test_builtin_gazetteer(void **state)
{
    (void)state;
    assert_true(builtin_cats("China") & SIFT_GAZ_BIT(SIFT_GAZ_COUNTRY));
    assert_true(builtin_cats("CHINA") & SIFT_GAZ_BIT(SIFT_GAZ_COUNTRY)); /* case folded */
    assert_true(builtin_cats("Chinese") & SIFT_GAZ_BIT(SIFT_GAZ_NORP));
    assert_true(builtin_cats("Xinjiang") & SIFT_GAZ_BIT(SIFT_GAZ_REGION));
    assert_true(builtin_cats("Zhang") & SIFT_GAZ_BIT(SIFT_GAZ_CN_SURNAME));
    assert_true(builtin_cats("Premier") & SIFT_GAZ_BIT(SIFT_GAZ_TITLE));
    assert_true(builtin_cats("Committee") & SIFT_GAZ_BIT(SIFT_GAZ_ORG_HEAD));
    assert_true(builtin_cats("September") & SIFT_GAZ_BIT(SIFT_GAZ_MONTH));
    assert_true(builtin_cats("Vice Premier") & SIFT_GAZ_BIT(SIFT_GAZ_TITLE));
    assert_true(builtin_slot("Vice")->flags & SIFT_GAZ_PREFIX);
    assert_int_equal(builtin_cats("Xyzzyplugh"), 0);
    assert_true(sift_gaz_is_common(sift_gaz_key(sift_gaz_hash_folded(SIFT_GAZ_HASH_INIT, "speaking", 8))));
    assert_false(sift_gaz_is_common(sift_gaz_key(sift_gaz_hash_folded(SIFT_GAZ_HASH_INIT, "jinping", 7))));
}

static void test_user_gazetteer(void **state)
{
    void *mem = malloc(sift_gaz_user_size(8));
    struct sift_gazetteer *g = sift_gaz_user_init(mem, 8);
    uint64_t h;
    const struct sift_gaz_slot *slot;
    (void)state;

    assert_int_equal(sift_gaz_phrase_tokens("Great Hall of the People", 24), 5);
    assert_int_equal(sift_gaz_user_add(g, "Zhongnanhai", 11, 0, SIFT_ENT_FAC), 0);
    assert_int_equal(sift_gaz_user_add(g, "Great  Hall", 11, 0, SIFT_ENT_FAC), 0);
    assert_int_equal(sift_gaz_user_add(g, "   ", 3, 0, SIFT_ENT_FAC), -1);
    assert_int_equal(g->maxlen, 2);
    h = sift_gaz_hash_folded(SIFT_GAZ_HASH_INIT, "zhongnanhai", 11);
    slot = sift_gaz_find(g, sift_gaz_key(h));
    assert_non_null(slot);
    assert_int_equal(slot->type, SIFT_ENT_FAC);
    h = sift_gaz_hash_folded(SIFT_GAZ_HASH_INIT, "great", 5);
    slot = sift_gaz_find(g, sift_gaz_key(h));
    assert_non_null(slot);
    assert_true(slot->flags & SIFT_GAZ_PREFIX);
    assert_int_equal(slot->cats, 0);
    assert_int_equal(slot->type, 0);
    h = sift_gaz_hash_folded(SIFT_GAZ_HASH_INIT, "great hall", 10);
    slot = sift_gaz_find(g, sift_gaz_key(h));
    assert_non_null(slot);
    assert_int_equal(slot->type, SIFT_ENT_FAC);
    free(mem);
}

static void test_user_gazetteer_full(void **state)
{
    void *mem = malloc(sift_gaz_user_size(1));
    struct sift_gazetteer *g = sift_gaz_user_init(mem, 1);
    char word[16];
    int k, failed = 0;
    (void)state;
    /* room for 1 token was asked: the table (16 slots, half full at most) refuses the ninth */
    for (k = 0; k < 20; k++) {
        snprintf(word, sizeof word, "w%d", k);
        failed |= sift_gaz_user_add(g, word, strlen(word), SIFT_GAZ_BIT(SIFT_GAZ_TITLE), 0) != 0;
    }
    assert_true(failed);
    free(mem);
}

static void test_people_and_titles(void **state)
{
    struct tagged *t = tag("Chinese President Xi Jinping met Premier Li Qiang in Beijing on 25th September 2023. "
                           "Xi said the talks went well, and Premier Li agreed.");
    const struct sift_entity *e;
    (void)state;
    check_shape(t, strlen(t->text));
    expect_entity(t, "Chinese", SIFT_ENT_NORP);
    expect_entity(t, "Xi Jinping", SIFT_ENT_PERSON);
    expect_entity(t, "Li Qiang", SIFT_ENT_PERSON);
    expect_entity(t, "Beijing", SIFT_ENT_GPE);
    expect_entity(t, "25th September 2023", SIFT_ENT_DATE);
    e = find(t, "Xi Jinping");
    assert_int_equal(e->role_j - e->role_i, 9);
    assert_memory_equal(t->text + e->role_i, "President", 9);
    e = find(t, "Xi");
    assert_non_null(e);
    assert_int_equal(e->type, SIFT_ENT_PERSON);
    expect_canonical(t, e, "Xi Jinping");
    assert_int_equal(e->cluster, find(t, "Xi Jinping")->cluster);
    e = find(t, "Li");
    assert_non_null(e);
    expect_canonical(t, e, "Li Qiang");
    assert_memory_equal(t->text + e->role_i, "Premier", 7);
    untag(t);
}

static void test_acronyms(void **state)
{
    struct tagged *t = tag("The Communist Party of China (CPC) met on Monday. The CPC said it would meet again.");
    const struct sift_entity *first, *later;
    (void)state;
    check_shape(t, strlen(t->text));
    expect_entity(t, "Communist Party of China", SIFT_ENT_ORG);
    first = find(t, "CPC");
    assert_non_null(first);
    later = &t->r.entities[t->r.n - 1];
    assert_memory_equal(t->text + later->i, "CPC", 3);
    assert_int_equal(first->cluster, later->cluster);
    assert_int_equal(later->cluster, find(t, "Communist Party of China")->cluster);
    expect_canonical(t, later, "Communist Party of China");
    untag(t);

    t = tag("He spoke to the Communist Party of China (CPC) Central Committee. The CPC Central Committee agreed.");
    first = find(t, "Communist Party of China (CPC) Central Committee");
    assert_non_null(first);
    assert_int_equal(first->type, SIFT_ENT_ORG);
    expect_canonical(t, first, "CPC Central Committee");
    later = find(t, "CPC Central Committee");
    assert_non_null(later);
    assert_int_equal(first->cluster, later->cluster);
    untag(t);
}

static void test_heads(void **state)
{
    struct tagged *t = tag("Officials of the Xinjiang Production and Construction Corps and the Central Military "
                           "Commission met at the Political Bureau of the CPC Central Committee.");
    (void)state;
    expect_entity(t, "Xinjiang Production and Construction Corps", SIFT_ENT_ORG);
    expect_entity(t, "Central Military Commission", SIFT_ENT_ORG);
    expect_entity(t, "Political Bureau of the CPC Central Committee", SIFT_ENT_ORG);
    untag(t);
    t = tag("Delegates to the 18th CPC National Congress gathered.");
    expect_entity(t, "18th CPC National Congress", SIFT_ENT_EVENT);
    untag(t);
}

static void test_numbers_and_dates(void **state)
{
    static const struct {
        const char *text, *entity;
        int type;
    } cases[] = {
        { "prices rose 3.5% last year", "3.5%", SIFT_ENT_PERCENT },
        { "prices rose 3.5% last year", "last year", SIFT_ENT_DATE },
        { "profits of $1.2bn were made", "$1.2bn", SIFT_ENT_MONEY },
        { "a loan of US$5m was signed", "US$5m", SIFT_ENT_MONEY },
        { "it cost 20 million euros in all", "20 million euros", SIFT_ENT_MONEY },
        { "sales were up 20 per cent again", "20 per cent", SIFT_ENT_PERCENT },
        { "it was signed on 2023-09-25 in the end", "2023-09-25", SIFT_ENT_DATE },
        { "it was signed on Sept. 25, 2023 in the end", "Sept. 25, 2023", SIFT_ENT_DATE },
        { "it was held from 22nd to 23rd September in town", "22nd to 23rd September", SIFT_ENT_DATE },
        { "it was held on 25th September 2023 in town", "25th September 2023", SIFT_ENT_DATE },
        { "they met on Monday and again in 1996", "Monday", SIFT_ENT_DATE },
        { "they met on Monday and again in 1996", "1996", SIFT_ENT_DATE },
        { "it opens at 10:30 a.m. each day", "10:30 a.m.", SIFT_ENT_TIME },
        { "a road of 5 km was built", "5 km", SIFT_ENT_QUANTITY },
        { "a road of 20,000 tonnes was built", "20,000 tonnes", SIFT_ENT_QUANTITY },
        { "for the 18th time it failed", "18th", SIFT_ENT_ORDINAL },
        { "it was the second time", "second", SIFT_ENT_ORDINAL },
        { "some 1,200 jobs went", "1,200", SIFT_ENT_CARDINAL },
        { "some three million people went", "three million", SIFT_ENT_CARDINAL },
    };
    size_t k;
    (void)state;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct tagged *t = tag(cases[k].text);
        check_shape(t, strlen(cases[k].text));
        expect_entity(t, cases[k].entity, cases[k].type);
        untag(t);
    }
}

static void test_user_tagger(void **state)
{
    void *mem = malloc(sift_gaz_user_size(16));
    struct sift_gazetteer *g = sift_gaz_user_init(mem, 16);
    struct sift_tagger tagger;
    struct tagged *t;
    const char *text = "Officials of the Harbour Fishing Syndicate visited Zhongnanhai and the Great Hall.";
    (void)state;

    t = tag(text);
    assert_true(find(t, "Zhongnanhai") == NULL || find(t, "Zhongnanhai")->type != SIFT_ENT_FAC);
    untag(t);

    assert_int_equal(sift_gaz_user_add(g, "Zhongnanhai", 11, 0, SIFT_ENT_FAC), 0);
    assert_int_equal(sift_gaz_user_add(g, "Syndicate", 9, SIFT_GAZ_BIT(SIFT_GAZ_ORG_HEAD), 0), 0);
    assert_int_equal(sift_gaz_user_add(g, "Great Hall", 10, 0, SIFT_ENT_FAC), 0);
    tagger.user = g;
    t = tag_with(text, &tagger);
    check_shape(t, strlen(text));
    expect_entity(t, "Zhongnanhai", SIFT_ENT_FAC);
    expect_entity(t, "Great Hall", SIFT_ENT_FAC);
    expect_entity(t, "Harbour Fishing Syndicate", SIFT_ENT_ORG);
    untag(t);
    free(mem);
}

/* The same through the public functions of sift.h: one block made by sift_tagger_init, the names
 * added by sift_tagger_add_entity and sift_tagger_add_word, and their failures. */
static void test_public_tagger(void **state)
{
    const char *text = "Officials of the Harbour Fishing Syndicate visited Zhongnanhai and the Great Hall.";
    size_t ntokens = sift_tagger_name_tokens("Zhongnanhai", 11) + sift_tagger_name_tokens("Syndicate", 9)
                     + sift_tagger_name_tokens("Great  Hall", 11);
    void *mem = malloc(sift_tagger_size(ntokens));
    struct sift_tagger *tagger = sift_tagger_init(mem, ntokens);
    struct tagged *t;
    char word[16];
    int k, rc = SIFT_OK;
    (void)state;

    assert_int_equal(ntokens, 4);
    assert_int_equal(sift_tagger_name_tokens(" \t ", 3), 0);
    assert_ptr_equal(tagger, mem);
    assert_int_equal(sift_tagger_add_entity(tagger, "Zhongnanhai", 11, SIFT_ENT_FAC), SIFT_OK);
    assert_int_equal(sift_tagger_add_word(tagger, SIFT_TAGGER_ORG_HEAD, "Syndicate", 9), SIFT_OK);
    assert_int_equal(sift_tagger_add_entity(tagger, "Great  Hall", 11, SIFT_ENT_FAC), SIFT_OK);
    assert_int_equal(sift_tagger_add_entity(tagger, "   ", 3, SIFT_ENT_FAC), SIFT_EINVALID);
    assert_int_equal(sift_tagger_add_entity(tagger, "Xanadu", 6, SIFT_ENT_NONE), SIFT_EINVALID);
    assert_int_equal(sift_tagger_add_entity(tagger, "Xanadu", 6, SIFT_ENT__COUNT), SIFT_EINVALID);
    assert_int_equal(sift_tagger_add_word(tagger, 0, "Xanadu", 6), SIFT_EINVALID);
    t = tag_with(text, tagger);
    check_shape(t, strlen(text));
    expect_entity(t, "Zhongnanhai", SIFT_ENT_FAC);
    expect_entity(t, "Great Hall", SIFT_ENT_FAC);
    expect_entity(t, "Harbour Fishing Syndicate", SIFT_ENT_ORG);
    untag(t);
    /* a title of the caller's */
    t = tag_with("Harbourmaster Okafor spoke.", tagger);
    assert_true(find(t, "Okafor") == NULL || find(t, "Okafor")->role_j == 0);
    untag(t);
    free(mem);

    /* full: a tagger made for 1 token refuses words sooner or later, and stays usable */
    mem = malloc(sift_tagger_size(1));
    tagger = sift_tagger_init(mem, 1);
    assert_int_equal(sift_tagger_add_word(tagger, SIFT_TAGGER_TITLE, "Harbourmaster", 13), SIFT_OK);
    for (k = 0; k < 20 && rc == SIFT_OK; k++) {
        snprintf(word, sizeof word, "w%d", k);
        rc = sift_tagger_add_word(tagger, SIFT_TAGGER_TITLE, word, strlen(word));
    }
    assert_int_equal(rc, SIFT_ETOOBIG);
    t = tag_with("Harbourmaster Okafor spoke.", tagger);
    expect_entity(t, "Okafor", SIFT_ENT_PERSON);
    assert_int_equal(find(t, "Okafor")->role_j - find(t, "Okafor")->role_i, 13);
    untag(t);
    free(mem);
}

/* A name of 255 tokens is tagged whole; one of 256 is refused (its length would not fit the byte
 * the tagger keeps it in: it once wrapped to 0 and sift_tag never returned). */
static void test_user_tagger_long_names(void **state)
{
    size_t n, len;
    char *name = malloc(4 * 256 + 1), *text = malloc(4 * 256 + 16);
    void *mem = malloc(sift_gaz_user_size(2 * 256));
    struct sift_gazetteer *g = sift_gaz_user_init(mem, 2 * 256);
    struct sift_tagger tagger;
    struct tagged *t;
    (void)state;

    for (n = 0; n < 256; n++)
        memcpy(name + 4 * n, n == 0 ? "Zaa " : "zaa ", 4);
    len = 4 * 256 - 1;
    name[len] = '\0';
    assert_int_equal(sift_gaz_phrase_tokens(name, len), 256);
    assert_int_equal(sift_gaz_user_add(g, name, len, 0, SIFT_ENT_ORG), -1);
    assert_int_equal(sift_gaz_user_add(g, name, len - 4, 0, SIFT_ENT_ORG), 0);
    assert_int_equal(g->maxlen, SIFT_GAZ_MAX_TOKENS);
    tagger.user = g;
    /* the 256-token text: the first 255 are the name */
    memcpy(text, name, len);
    memcpy(text + len, ".", 2);
    t = tag_with(text, &tagger);
    check_shape(t, strlen(text));
    assert_true(t->r.n >= 1);
    assert_int_equal(t->r.entities[0].type, SIFT_ENT_ORG);
    assert_int_equal(t->r.entities[0].i, 0);
    assert_int_equal(t->r.entities[0].j, len - 4);
    untag(t);
    free(mem);
    free(text);
    free(name);
}

static void test_empty_and_odd_input(void **state)
{
    static const char *const texts[] = {
        "", " ", "\n\n", ".", "(", "( CPC )", "A", "US$", "25th", "September", "\xFF\xFE bad \xC3",
        "The", "Mr.", "of the", "President", "(ABC) (ABC)", "22nd to", "Sept. 25,", "2023-09-",
    };
    size_t k;
    (void)state;
    for (k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        struct tagged *t = tag(texts[k]);
        check_shape(t, strlen(texts[k]));
        untag(t);
    }
}

static void test_random_input(void **state)
{
    static const char *const pieces[] = {
        "Xi", "Jinping", "President", "the", "of", "Party", "(", ")", "CPC", "Bank", "and", ".", ",", "\n",
        "25th", "September", "2023", "$", "5m", "%", "3.5%", "Mr.", "Li", "Committee", "-", "’s", "\xE2\x80\x93",
        "Beijing", "China", "Chinese", "  ", "THE", "BANK", "\xFF", "é", "to", "22nd", "US", "Sept.", "\n\n",
    };
    uint32_t seed = 12345;
    char text[600];
    int round;
    (void)state;
    for (round = 0; round < 300; round++) {
        size_t len = 0;
        struct tagged *t;
        while (len < 500) {
            const char *p;
            seed = seed * 1103515245u + 12345u;
            p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
            if (len + strlen(p) + 2 >= sizeof text)
                break;
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
            if ((seed >> 8) & 1)
                text[len++] = ' ';
        }
        text[len] = '\0';
        t = tag(text);
        check_shape(t, len);
        untag(t);
    }
}

/* An allocator that gives up after any number of calls makes sift_tag fail cleanly. */
static void test_allocation_failure(void **state)
{
    const char *text = "Chinese President Xi Jinping met the Communist Party of China (CPC) on Monday. Xi spoke.";
    long budget;
    (void)state;
    for (budget = 0;; budget++) {
        struct test_arena a;
        struct sift_tag_result r;
        int rc;
        a.n = 0;
        a.calls = 0;
        a.fail_at = (size_t)budget + 1; /* budget calls succeed, the next fails */
        rc = sift_tag(NULL, text, strlen(text), test_alloc, &a, &r);
        test_arena_free(&a);
        if (rc == SIFT_OK)
            break;
        assert_int_equal(rc, SIFT_ENOMEM);
        assert_true(budget < 100);
    }
    assert_true(budget > 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_type_names),
        cmocka_unit_test(test_builtin_gazetteer),
        cmocka_unit_test(test_user_gazetteer),
        cmocka_unit_test(test_user_gazetteer_full),
        cmocka_unit_test(test_people_and_titles),
        cmocka_unit_test(test_acronyms),
        cmocka_unit_test(test_heads),
        cmocka_unit_test(test_numbers_and_dates),
        cmocka_unit_test(test_user_tagger),
        cmocka_unit_test(test_user_tagger_long_names),
        cmocka_unit_test(test_public_tagger),
        cmocka_unit_test(test_empty_and_odd_input),
        cmocka_unit_test(test_random_input),
        cmocka_unit_test(test_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
