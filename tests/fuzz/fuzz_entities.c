/*
 * fuzz_entities.c - the entity tagger (tagger.h: sift_tag) on any bytes, with and without a user
 * table made from the input's own lines, and with allocation failures.
 *
 * Properties, beyond not crashing:
 *   - the entities lie inside the text, sorted and not overlapping, each non-empty, with a type
 *     in range and a cluster that exists; a role (the title before a person) lies inside the text
 *     before its entity;
 *   - every cluster has a type in range, at least one mention, a first mention that is one of its
 *     own, and a canonical name when it has a length; the mentions of the clusters add up to the
 *     entities;
 *   - when the allocator returns NULL (at a point drawn from the input), sift_tag returns
 *     SIFT_ENOMEM, and when it does not return (longjmp), nothing is left allocated: every block
 *     came from the allocator, which frees them all (LeakSanitizer would see anything else).
 */
#include <setjmp.h>
#include <string.h>

#include "fuzz.h"
#include "sift.h"
#include "text/abbrevs.h"
#include "text/sentences.h"
#include "text/tokens.h"
#include "unicode/breaks.h"
#include "unicode/unicode.h"
#include "entities/tagger.h"

struct arena {
    void **blocks;
    size_t n, cap;
    size_t fail_at; /* the allocation with this number fails (0: none does) */
    int jump;       /* fail by longjmp rather than NULL */
    jmp_buf env;
};

static void *arena_alloc(void *ud, size_t size)
{
    struct arena *a = ud;
    void *p;
    if (a->fail_at && a->n + 1 >= a->fail_at) {
        if (a->jump)
            longjmp(a->env, 1);
        return NULL;
    }
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 32;
        void **b = realloc(a->blocks, cap * sizeof *b);
        FUZZ_CHECK(b != NULL, "out of memory");
        a->blocks = b;
        a->cap = cap;
    }
    p = malloc(size ? size : 1);
    FUZZ_CHECK(p != NULL, "out of memory (%lu bytes asked)", (unsigned long)size);
    a->blocks[a->n++] = p;
    return p;
}

static void arena_free(struct arena *a)
{
    size_t k;
    for (k = 0; k < a->n; k++)
        free(a->blocks[k]);
    free(a->blocks);
    a->blocks = NULL;
    a->n = a->cap = 0;
}

static void check(size_t size, const struct sift_tag_result *r)
{
    size_t k, mentions = 0;
    for (k = 0; k < r->n; k++) {
        const struct sift_entity *e = &r->entities[k];
        FUZZ_CHECK(e->i < e->j && e->j <= size, "entity %lu is [%lu, %lu) of %lu", (unsigned long)k,
                   (unsigned long)e->i, (unsigned long)e->j, (unsigned long)size);
        FUZZ_CHECK(k == 0 || r->entities[k - 1].j <= e->i, "entity %lu overlaps or precedes the one before",
                   (unsigned long)k);
        FUZZ_CHECK(e->type > SIFT_ENT_NONE && e->type < SIFT_ENT__COUNT, "entity %lu has type %d", (unsigned long)k,
                   e->type);
        FUZZ_CHECK(sift_entity_type_name(e->type) != NULL, "type %d has no name", e->type);
        FUZZ_CHECK(e->cluster < r->nclusters, "entity %lu is in cluster %lu of %lu", (unsigned long)k,
                   (unsigned long)e->cluster, (unsigned long)r->nclusters);
        FUZZ_CHECK(e->role_i <= e->role_j && e->role_j <= size, "entity %lu has the role [%lu, %lu)",
                   (unsigned long)k, (unsigned long)e->role_i, (unsigned long)e->role_j);
        if (e->role_i != e->role_j)
            FUZZ_CHECK(e->role_j <= e->i, "entity %lu: its role [%lu, %lu) is not before it at %lu",
                       (unsigned long)k, (unsigned long)e->role_i, (unsigned long)e->role_j, (unsigned long)e->i);
    }
    for (k = 0; k < r->nclusters; k++) {
        const struct sift_entity_cluster *c = &r->clusters[k];
        FUZZ_CHECK(c->type > SIFT_ENT_NONE && c->type < SIFT_ENT__COUNT, "cluster %lu has type %d",
                   (unsigned long)k, c->type);
        FUZZ_CHECK(c->count >= 1 && c->first < r->n && r->entities[c->first].cluster == k,
                   "cluster %lu: %lu mentions, the first %lu", (unsigned long)k, (unsigned long)c->count,
                   (unsigned long)c->first);
        FUZZ_CHECK(c->canon_len == 0 || c->canon != NULL, "cluster %lu has no canonical name", (unsigned long)k);
        mentions += c->count;
    }
    FUZZ_CHECK(mentions == r->n, "the clusters hold %lu mentions of %lu entities", (unsigned long)mentions,
               (unsigned long)r->n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static size_t usermem[8192]; /* aligned for the table's 64-bit keys */
    static struct arena a; /* static: it lives across the longjmp below */
    struct sift_tag_result r;
    struct sift_tagger tagger;
    const char *s = (const char *)data;
    size_t ntokens = 0, i, lines = 0, calls;
    uint64_t rng = fuzz_seed(data, size);

    if (size > 1 << 14)
        return 0;
    memset(&a, 0, sizeof a);
    FUZZ_CHECK(sift_tag(NULL, s, size, arena_alloc, &a, &r) == 0, "sift_tag failed");
    check(size, &r);
    calls = a.n;
    arena_free(&a);

    /* the first lines of the input as the user's entities, each of a type from its first byte;
     * sift_gaz_user_add must refuse a phrase of more than SIFT_GAZ_MAX_TOKENS tokens (one of 256
     * once hung sift_tag: tests/fuzz/regressions/entities/) */
    for (i = 0; i < size && lines < 4; lines++) {
        size_t j = i;
        while (j < size && data[j] != '\n')
            j++;
        ntokens += sift_gaz_phrase_tokens(s + i, j - i);
        i = j + 1;
    }
    if (ntokens > 0 && sift_gaz_user_size(ntokens) <= sizeof usermem) {
        struct sift_gazetteer *user = sift_gaz_user_init(usermem, ntokens);
        for (i = 0, lines = 0; i < size && lines < 4; lines++) {
            size_t j = i;
            while (j < size && data[j] != '\n')
                j++;
            size_t nt = j > i ? sift_gaz_phrase_tokens(s + i, j - i) : 0;
            if (nt > 0)
                FUZZ_CHECK((sift_gaz_user_add(user, s + i, j - i, SIFT_GAZ_BIT(data[i] % SIFT_GAZ__COUNT),
                                              (uint32_t)(data[i] % SIFT_ENT__COUNT)) == 0)
                               == (nt <= SIFT_GAZ_MAX_TOKENS),
                           "a phrase does not fit the table sized for it, or a too long one was taken");
            i = j + 1;
        }
        tagger.user = user;
        memset(&a, 0, sizeof a);
        FUZZ_CHECK(sift_tag(&tagger, s, size, arena_alloc, &a, &r) == 0, "sift_tag with a user table failed");
        check(size, &r);
        arena_free(&a);
    }

    /* allocation failures: NULL, then longjmp, at the same point */
    if (calls > 0) {
        memset(&a, 0, sizeof a);
        a.fail_at = 1 + fuzz_rand(&rng) % calls;
        FUZZ_CHECK(sift_tag(NULL, s, size, arena_alloc, &a, &r) == SIFT_ENOMEM,
                   "no SIFT_ENOMEM when allocation %lu failed", (unsigned long)a.fail_at);
        arena_free(&a);
        memset(&a, 0, sizeof a);
        a.fail_at = 1 + fuzz_rand(&rng) % calls;
        a.jump = 1;
        if (setjmp(a.env) == 0) {
            sift_tag(NULL, s, size, arena_alloc, &a, &r);
            FUZZ_CHECK(0, "the allocator's longjmp came back");
        }
        arena_free(&a);
    }
    return 0;
}
