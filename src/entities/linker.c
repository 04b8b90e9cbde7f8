/*
 * linker.c - mentions of one thing in one text, made one entity: "Xi" and "President Xi" are the
 * "Xi Jinping" named before (or after); "CPC" is the "Communist Party of China (CPC)" it was
 * introduced with; "the Party" is the one party the text named; a repeated name is the same
 * entity. Linking never crosses texts: the evidence is the text's own.
 *
 * Both steps below know the text's names through the same tables: full names, the first and last
 * words of people's names, acronyms defined in parentheses, and the head words of organisations.
 */
#include "entities/linker.h"

#include <string.h>

#include "entities/doc.h"
#include "entities/gazetteer.h"
#include "entities/marks.h"
#include "text/tokens.h"

#define MAX_NAME_TOKENS 8
#define AMBIGUOUS ((uint64_t)-1)
#define NONE ((uint64_t)-2)

enum { K_FULL = 1, K_FIRST_PART, K_LAST_PART, K_ACRONYM, K_HEAD, K_CLUSTER, K_VOTE, K_ORG_PREFIX, K_ORG_FIRST, K_PREFIX };

struct lmap {
    uint64_t *keys;
    uint64_t *vals; /* an index, a type, or the hash of a name */
    size_t mask;
};

static int lmap_init(struct lmap *m, size_t n, sift_alloc_fn alloc, void *ud)
{
    size_t size = 16;
    while (size < 2 * n + 2)
        size *= 2;
    m->mask = size - 1;
    m->keys = sift_ner_alloc(alloc, ud, size * sizeof *m->keys);
    m->vals = sift_ner_alloc(alloc, ud, size * sizeof *m->vals);
    if (!m->keys || !m->vals)
        return -1;
    memset(m->keys, 0, size * sizeof *m->keys);
    return 0;
}

static uint64_t lkey(int kind, uint64_t h)
{
    return sift_ner_mix(h ^ ((uint64_t)kind * 0x9e3779b97f4a7c15u));
}

static uint64_t lmap_get(const struct lmap *m, int kind, uint64_t h)
{
    uint64_t key = lkey(kind, h);
    size_t k;
    for (k = (size_t)key & m->mask; m->keys[k]; k = (k + 1) & m->mask)
        if (m->keys[k] == key)
            return m->vals[k];
    return NONE;
}

/* Stores val under (kind, h); a different value already there makes it AMBIGUOUS when
 * mark_conflict, and stays otherwise (the first one wins). */
static void lmap_put(struct lmap *m, int kind, uint64_t h, uint64_t val, int mark_conflict)
{
    uint64_t key = lkey(kind, h);
    size_t k;
    for (k = (size_t)key & m->mask; m->keys[k]; k = (k + 1) & m->mask)
        if (m->keys[k] == key) {
            if (m->vals[k] != val && mark_conflict)
                m->vals[k] = AMBIGUOUS;
            return;
        }
    m->keys[k] = key;
    m->vals[k] = val;
}

static void lmap_set(struct lmap *m, int kind, uint64_t h, uint64_t val)
{
    uint64_t key = lkey(kind, h);
    size_t k;
    for (k = (size_t)key & m->mask; m->keys[k] && m->keys[k] != key; k = (k + 1) & m->mask)
        ;
    m->keys[k] = key;
    m->vals[k] = val;
}

static uint64_t phrase_hash(const struct sift_ndoc *d, size_t a, size_t b)
{
    uint64_t h = d->t[a].fold;
    size_t k;
    for (k = a + 1; k < b; k++) {
        h = sift_gaz_hash_bytes(h, " ", 1);
        h = sift_gaz_hash_folded(h, d->s + d->t[k].i, d->t[k].j - d->t[k].i);
    }
    return h;
}

static int is_org_head(const struct sift_ndoc *d, size_t k)
{
    return (d->t[k].cats & SIFT_GAZ_BIT(SIFT_GAZ_ORG_HEAD)) && (d->t[k].flags & SIFT_NF_UPPER_INIT);
}

/* Where "X (A)" inside [a, b) puts its "(": X is [a, p), A is p + 1; or 0. */
static size_t inner_acronym(const struct sift_ndoc *d, size_t a, size_t b)
{
    size_t p;
    for (p = a + 1; p + 2 < b; p++)
        if (sift_ner_is(d, p, "(") && sift_ner_is(d, p + 2, ")") && sift_ner_acronym_of(d, p + 1, a, p))
            return p;
    return 0;
}

/* The head word of an organisation's name: the last head word before "of", "for" or "(" ("Party"
 * in "Communist Party of China"); after the parenthesis of "X (A) Y", Y's. Or NONE. */
static size_t org_head(const struct sift_ndoc *d, size_t a, size_t b)
{
    size_t k, head = (size_t)NONE, p = inner_acronym(d, a, b);
    if (p)
        a = p + 3;
    for (k = a; k < b; k++) {
        if (sift_ner_is(d, k, "of") || sift_ner_is(d, k, "for") || sift_ner_is(d, k, "("))
            break;
        if (is_org_head(d, k))
            head = k;
    }
    return head;
}

static int is_name_type(int type)
{
    return type >= SIFT_ENT_PERSON && type <= SIFT_ENT_MISC;
}

/* What a mention [a, b) of type tells about the text's names. The value stored for an acronym
 * or a head word is the hash of the full name it stands for. */
static void learn(const struct sift_ndoc *d, struct lmap *names, size_t a, size_t b, int type)
{
    size_t p, head;

    if (!is_name_type(type))
        return;
    if (b - a <= MAX_NAME_TOKENS) {
        /* the name, and its beginnings, so that a scan for names stops as soon as it can */
        uint64_t h = d->t[a].fold;
        size_t x;
        for (x = a + 1; x < b; x++) {
            lmap_put(names, K_PREFIX, h, 1, 0);
            h = sift_gaz_hash_bytes(h, " ", 1);
            h = sift_gaz_hash_folded(h, d->s + d->t[x].i, d->t[x].j - d->t[x].i);
        }
        lmap_put(names, K_FULL, h, (size_t)type, 0);
    }
    if (type == SIFT_ENT_PERSON && b - a >= 2) {
        lmap_put(names, K_FIRST_PART, d->t[a].fold, 1, 0);
        lmap_put(names, K_LAST_PART, d->t[b - 1].fold, 1, 0);
    }
    if (type == SIFT_ENT_ORG && b - a >= 2)
        lmap_put(names, K_ORG_FIRST, d->t[a].fold, 1, 0);
    p = inner_acronym(d, a, b);
    if (p) {
        lmap_put(names, K_ACRONYM, d->t[p + 1].fold, (size_t)type, 0);
        head = org_head(d, a, p);
        if (head != (size_t)NONE)
            lmap_put(names, K_HEAD, d->t[head].fold, phrase_hash(d, a, p), 1);
    } else if (b + 2 < d->n && sift_ner_is(d, b, "(") && sift_ner_is(d, b + 2, ")")
               && sift_ner_acronym_of(d, b + 1, a, b)) {
        lmap_put(names, K_ACRONYM, d->t[b + 1].fold, (size_t)type, 0);
    }
    if (type == SIFT_ENT_ORG && b - a > 1 && (head = org_head(d, a, b)) != (size_t)NONE)
        lmap_put(names, K_HEAD, d->t[head].fold, phrase_hash(d, a, b), 1);
}

/* A mention's weight in the vote on a name's type: one in a short line (a headline, a dateline,
 * a caption), where the model has little context, two in running text. */
static uint64_t vote_weight(const struct sift_ndoc *d, size_t a, size_t b)
{
    size_t first = a, last = b - 1;
    while (first > 0 && !(d->t[first].flags & SIFT_NF_LINE_START) && a - first < 12)
        first--;
    while (last + 1 < d->n && !(d->t[last].flags & SIFT_NF_NEWLINE_AFTER) && last - b < 12)
        last++;
    return last - first + 1 >= 12 ? 2 : 1;
}

static uint64_t vote_key(uint64_t h, int type)
{
    return h ^ ((uint64_t)type * 0xc2b2ae3d27d4eb4fu);
}

/* One type for one name in one text: the type most of its mentions got. */
static int vote_types(const struct sift_ndoc *d, struct sift_nmarks *m, size_t n, sift_alloc_fn alloc, void *ud)
{
    struct lmap votes;
    size_t k;

    if (lmap_init(&votes, n, alloc, ud) != 0)
        return -1;
    for (k = 0; k < d->n; k++)
        if (m->type[k] && m->begin[k]) {
            size_t e = sift_marks_end(d, m, k);
            if (is_name_type(m->type[k]) && e - k <= MAX_NAME_TOKENS) {
                uint64_t key = vote_key(phrase_hash(d, k, e), m->type[k]);
                uint64_t v = lmap_get(&votes, K_VOTE, key);
                lmap_set(&votes, K_VOTE, key, (v == NONE ? 0 : v) + vote_weight(d, k, e));
            }
            k = e - 1;
        }
    for (k = 0; k < d->n; k++)
        if (m->type[k] && m->begin[k]) {
            size_t e = sift_marks_end(d, m, k), x;
            if (is_name_type(m->type[k]) && e - k <= MAX_NAME_TOKENS) {
                uint64_t h = phrase_hash(d, k, e), best = lmap_get(&votes, K_VOTE, vote_key(h, m->type[k]));
                int t, best_type = m->type[k];
                for (t = SIFT_ENT_PERSON; t <= SIFT_ENT_MISC; t++) {
                    uint64_t v = lmap_get(&votes, K_VOTE, vote_key(h, t));
                    if (v != NONE && v > best) {
                        best = v;
                        best_type = t;
                    }
                }
                for (x = k; x < e; x++)
                    m->type[x] = (uint8_t)best_type;
            }
            k = e - 1;
        }
    return 0;
}

int sift_link_propagate(const struct sift_ndoc *d, struct sift_nmarks *m, sift_alloc_fn alloc, void *ud)
{
    struct lmap names;
    size_t k, n = 0, ntok = 0;

    for (k = 0; k < d->n; k++) {
        n += m->type[k] && m->begin[k];
        ntok += m->type[k] != 0;
    }
    if (n == 0)
        return 0;
    /* learn() stores at most a key per token of a name and five more per name */
    if (vote_types(d, m, n, alloc, ud) != 0 || lmap_init(&names, ntok + 5 * n, alloc, ud) != 0)
        return -1;
    for (k = 0; k < d->n; k++)
        if (m->type[k] && m->begin[k]) {
            size_t e = sift_marks_end(d, m, k);
            learn(d, &names, k, e, m->type[k]);
            k = e - 1;
        }

    for (k = 0; k < d->n; k++) {
        const struct sift_ntok *t = &d->t[k];
        size_t e, best = 0, cur_end = k;
        uint64_t v;
        int best_type = 0;
        uint64_t h;

        if (m->type[k]) {
            if (!m->begin[k])
                continue;
            cur_end = sift_marks_end(d, m, k);
        } else if ((t->flags & SIFT_NF_SENT_START) && (t->flags & SIFT_NF_LOWER_SEEN)) {
            continue;
        }
        if (!sift_ner_cap_word(d, k)) {
            if (cur_end > k)
                k = cur_end - 1;
            continue;
        }
        /* the longest name of the text that starts here, longer than what is marked here, and
         * taking in whole entities only ("Xi" + "Jinping" -> "Xi Jinping") */
        h = t->fold;
        for (e = k + 1; e <= d->n && e - k <= MAX_NAME_TOKENS; e++) {
            v = lmap_get(&names, K_FULL, h);
            if (v != NONE && v != AMBIGUOUS && e > cur_end && (e == d->n || !m->type[e] || m->begin[e])) {
                best = e;
                best_type = (int)v;
            }
            if (e == d->n || (d->t[e - 1].flags & SIFT_NF_NEWLINE_AFTER) || lmap_get(&names, K_PREFIX, h) == NONE)
                break;
            h = sift_gaz_hash_bytes(h, " ", 1);
            h = sift_gaz_hash_folded(h, d->s + d->t[e].i, d->t[e].j - d->t[e].i);
        }
        if (best) {
            sift_marks_set(d, m, k, best, best_type);
            k = best - 1;
        } else if (cur_end > k) {
            /* "Grenholt's problems" after "Grenholt Coffee Group": the company, not a person */
            if (cur_end == k + 1 && m->type[k] == SIFT_ENT_PERSON && lmap_get(&names, K_ORG_FIRST, t->fold) == 1
                && lmap_get(&names, K_FIRST_PART, t->fold) == NONE && lmap_get(&names, K_LAST_PART, t->fold) == NONE)
                m->type[k] = SIFT_ENT_ORG;
            k = cur_end - 1;
        } else if (lmap_get(&names, K_FIRST_PART, t->fold) == 1 || lmap_get(&names, K_LAST_PART, t->fold) == 1) {
            sift_marks_set(d, m, k, k + 1, SIFT_ENT_PERSON);
        } else if ((v = lmap_get(&names, K_ACRONYM, t->fold)) != NONE && v != AMBIGUOUS
                   && (t->flags & SIFT_NF_ALL_UPPER)) {
            sift_marks_set(d, m, k, k + 1, (int)v);
        } else if (is_org_head(d, k) && (v = lmap_get(&names, K_HEAD, t->fold)) != NONE && v != AMBIGUOUS
                   && !(t->flags & SIFT_NF_LINE_UPPER)) {
            sift_marks_set(d, m, k, k + 1, SIFT_ENT_ORG);
        }
    }
    return 0;
}

/* ---- clusters ---- */

struct linker {
    const struct sift_ndoc *d;
    struct lmap names, clusters_by_key;
    struct sift_entity_cluster *clusters;
    size_t nclusters;
};

static size_t cluster_for(struct linker *L, uint64_t h, int type, const char *canon, size_t canon_len, size_t first)
{
    uint64_t key = h ^ ((uint64_t)type << 56);
    uint64_t found = lmap_get(&L->clusters_by_key, K_CLUSTER, key);
    size_t c = (size_t)found;
    if (found == NONE) {
        struct sift_entity_cluster *cl = &L->clusters[L->nclusters];
        cl->canon = canon;
        cl->canon_len = canon_len;
        cl->type = type;
        cl->count = 0;
        cl->first = first;
        c = L->nclusters++;
        lmap_set(&L->clusters_by_key, K_CLUSTER, key, c);
    }
    return c;
}

/* The text of the mention or name that defined an acronym or a head word: found again by its
 * hash among the mentions. */
struct defn {
    uint64_t h;
    int type;
    size_t a, b; /* tokens */
};

int sift_link(const struct sift_ndoc *d, struct sift_nent *ents, size_t n, sift_alloc_fn alloc, void *ud,
              struct sift_entity_cluster **clusters, size_t *nclusters)
{
    struct linker L;
    struct lmap first_part, last_part, defs_by_hash;
    struct defn *defs;
    size_t k, len, ndefs = 0, ntok = 0;

    for (k = 0; k < n; k++)
        ntok += ents[k].b - ents[k].a;

    L.d = d;
    L.nclusters = 0;
    L.clusters = sift_ner_alloc(alloc, ud, (n + 1) * sizeof *L.clusters);
    defs = sift_ner_alloc(alloc, ud, (2 * n + 1) * sizeof *defs);
    /* learn()'s keys, and the beginnings of organisations' names */
    if (!L.clusters || !defs || lmap_init(&L.names, 2 * ntok + 5 * n, alloc, ud) != 0
        || lmap_init(&L.clusters_by_key, n, alloc, ud) != 0 || lmap_init(&first_part, 2 * n, alloc, ud) != 0
        || lmap_init(&last_part, 2 * n, alloc, ud) != 0 || lmap_init(&defs_by_hash, 2 * n, alloc, ud) != 0)
        return -1;

    /* what the text defines: names, acronyms, head words, and people's first mentions */
    for (k = 0; k < n; k++) {
        const struct sift_nent *e = &ents[k];
        size_t p;
        learn(d, &L.names, e->a, e->b, e->type);
        if (e->type == SIFT_ENT_PERSON && e->b - e->a >= 2) {
            lmap_put(&first_part, K_FIRST_PART, d->t[e->a].fold, k, 0);
            lmap_put(&first_part, K_LAST_PART, d->t[e->b - 1].fold, k, 0);
        }
        /* the names that acronyms and head words stand for, by hash */
        p = is_name_type(e->type) ? inner_acronym(d, e->a, e->b) : 0;
        if (p) {
            struct defn *f = &defs[ndefs];
            f->h = phrase_hash(d, e->a, p);
            f->type = e->type;
            f->a = e->a;
            f->b = p;
            lmap_put(&defs_by_hash, K_FULL, f->h, ndefs++, 0);
            lmap_put(&defs_by_hash, K_ACRONYM, d->t[p + 1].fold, ndefs - 1, 0);
        } else if (is_name_type(e->type)) {
            struct defn *f = &defs[ndefs];
            f->h = phrase_hash(d, e->a, e->b);
            f->type = e->type;
            f->a = e->a;
            f->b = e->b;
            lmap_put(&defs_by_hash, K_FULL, f->h, ndefs++, 0);
            if (e->b + 2 < d->n && sift_ner_is(d, e->b, "(") && sift_ner_is(d, e->b + 2, ")")
                && sift_ner_acronym_of(d, e->b + 1, e->a, e->b))
                lmap_put(&defs_by_hash, K_ACRONYM, d->t[e->b + 1].fold, ndefs - 1, 0);
        }
    }
    /* "Grenholt Coffee" and "Grenholt" are the "Grenholt Coffee Group" named in full: the
     * beginnings of organisations' names, longest names first, so that a shorter name that is
     * itself the beginning of a longer one goes with it; two different names make it ambiguous */
    for (len = MAX_NAME_TOKENS; len >= 2; len--)
        for (k = 0; k < n; k++) {
            const struct sift_nent *e = &ents[k];
            uint64_t h, full, to;
            size_t x;
            if (e->type != SIFT_ENT_ORG || e->b - e->a != len)
                continue;
            full = phrase_hash(d, e->a, e->b);
            to = lmap_get(&L.names, K_ORG_PREFIX, full);
            if (to == NONE)
                to = full;
            h = d->t[e->a].fold;
            for (x = e->a + 1; x < e->b; x++) {
                uint64_t was = lmap_get(&L.names, K_ORG_PREFIX, h);
                if (was == NONE && sift_ner_cap_word(d, x - 1))
                    lmap_set(&L.names, K_ORG_PREFIX, h, to);
                else if (was != NONE && was != to)
                    lmap_set(&L.names, K_ORG_PREFIX, h, AMBIGUOUS);
                h = sift_gaz_hash_bytes(h, " ", 1);
                h = sift_gaz_hash_folded(h, d->s + d->t[x].i, d->t[x].j - d->t[x].i);
            }
        }

    for (k = 0; k < n; k++) {
        struct sift_nent *e = &ents[k];
        const char *text = d->s + d->t[e->a].i;
        size_t len = d->t[e->b - 1].j - d->t[e->a].i, c = (size_t)NONE, p;
        uint64_t v;
        const struct sift_ntok *t = &d->t[e->a];

        if (e->type == SIFT_ENT_PERSON && e->b - e->a == 1) {
            /* the nearest full name before, or else the first after, with this word in it */
            v = lmap_get(&last_part, K_FIRST_PART, t->fold);
            if (v == NONE)
                v = lmap_get(&first_part, K_FIRST_PART, t->fold);
            if (v == NONE)
                v = lmap_get(&first_part, K_LAST_PART, t->fold);
            if (v != NONE) {
                const struct sift_nent *f = &ents[(size_t)v];
                c = cluster_for(&L, phrase_hash(d, f->a, f->b), SIFT_ENT_PERSON, d->s + d->t[f->a].i,
                                d->t[f->b - 1].j - d->t[f->a].i, k);
            }
        } else if (e->b - e->a == 1 && (t->flags & SIFT_NF_ALL_UPPER)
                   && (v = lmap_get(&defs_by_hash, K_ACRONYM, t->fold)) != NONE
                   && !(defs[(size_t)v].a <= e->a && e->a < defs[(size_t)v].b)) {
            const struct defn *f = &defs[(size_t)v];
            c = cluster_for(&L, f->h, f->type, d->s + d->t[f->a].i, d->t[f->b - 1].j - d->t[f->a].i, k);
        } else if (is_name_type(e->type) && (p = inner_acronym(d, e->a, e->b)) != 0 && p + 3 < e->b) {
            /* X (A) Y: the entity "A Y" */
            const char *a = d->s + d->t[p + 1].i, *y = d->s + d->t[p + 3].i;
            size_t alen = d->t[p + 1].j - d->t[p + 1].i, ylen = d->t[e->b - 1].j - d->t[p + 3].i;
            uint64_t h = sift_gaz_hash_bytes(d->t[p + 1].fold, " ", 1);
            size_t x;
            for (x = p + 3; x < e->b; x++) {
                if (x > p + 3)
                    h = sift_gaz_hash_bytes(h, " ", 1);
                h = sift_gaz_hash_folded(h, d->s + d->t[x].i, d->t[x].j - d->t[x].i);
            }
            if (lmap_get(&L.clusters_by_key, K_CLUSTER, h ^ ((uint64_t)e->type << 56)) == NONE) {
                char *canon = sift_ner_alloc(alloc, ud, alen + 1 + ylen);
                if (!canon)
                    return -1;
                memcpy(canon, a, alen);
                canon[alen] = ' ';
                memcpy(canon + alen + 1, y, ylen);
                c = cluster_for(&L, h, e->type, canon, alen + 1 + ylen, k);
            } else {
                c = cluster_for(&L, h, e->type, NULL, 0, k);
            }
        } else if (e->type == SIFT_ENT_ORG && e->b - e->a <= MAX_NAME_TOKENS
                   && (v = lmap_get(&L.names, K_ORG_PREFIX, phrase_hash(d, e->a, e->b))) != NONE && v != AMBIGUOUS
                   && (v = lmap_get(&defs_by_hash, K_FULL, v)) != NONE) {
            const struct defn *f = &defs[(size_t)v];
            c = cluster_for(&L, f->h, f->type, d->s + d->t[f->a].i, d->t[f->b - 1].j - d->t[f->a].i, k);
        } else if (e->type == SIFT_ENT_ORG && e->b - e->a == 1 && is_org_head(d, e->a)
                   && (v = lmap_get(&L.names, K_HEAD, t->fold)) != NONE && v != AMBIGUOUS
                   && (v = lmap_get(&defs_by_hash, K_FULL, v)) != NONE) {
            const struct defn *f = &defs[(size_t)v];
            c = cluster_for(&L, f->h, f->type, d->s + d->t[f->a].i, d->t[f->b - 1].j - d->t[f->a].i, k);
        }
        if (c == (size_t)NONE)
            c = cluster_for(&L, phrase_hash(d, e->a, e->b), e->type, text, len, k);
        if (e->type == SIFT_ENT_PERSON && e->b - e->a >= 2) {
            lmap_set(&last_part, K_FIRST_PART, d->t[e->a].fold, k);
            lmap_set(&last_part, K_FIRST_PART, d->t[e->b - 1].fold, k);
        }
        /* a person's canonical name is the longest of the text */
        if (e->type == SIFT_ENT_PERSON && L.clusters[c].type == SIFT_ENT_PERSON && len > L.clusters[c].canon_len) {
            L.clusters[c].canon = text;
            L.clusters[c].canon_len = len;
        }
        L.clusters[c].count++;
        e->cluster = c;
    }
    *clusters = L.clusters;
    *nclusters = L.nclusters;
    return 0;
}
