/*
 * features.c - what the entity model sees of a token: its text, shape, affixes, neighbours,
 * place in the line, gazetteer categories and the labels given to the two tokens before it.
 *
 * Each feature is a 64-bit hash of a template number and a value; the model (perceptron.c) keeps
 * weights for the features it met in training and ignores the others. The training tool calls
 * the same function, so the features seen in training and in tagging cannot drift apart.
 */
#include "entities/model.h"

#include "text/tokens.h"
#include "unicode/unicode.h"

/* Template numbers. Only their being distinct matters; changing one needs a retrained model. */
enum {
    T_BIAS = 1,
    T_FOLD, T_RAW, T_SHAPE,
    T_PRE1, T_PRE2, T_PRE3, T_SUF1, T_SUF2, T_SUF3, T_SUF4,
    T_FOLD_M1, T_FOLD_P1, T_FOLD_M2, T_FOLD_P2,
    T_SHAPE_M1, T_SHAPE_P1, T_SHAPE_M1_0, T_SHAPE_0_P1,
    T_FOLD_M1_0, T_FOLD_0_P1,
    T_PREV, T_PREV2, T_PREV_SHAPE, T_PREV_FOLD,
    T_FLAGS, T_SENT_LOWER, T_LINE_UPPER_SHAPE, T_KIND, T_KIND_M1, T_KIND_P1,
    T_CAT = 64,        /* + category: the token's own categories */
    T_PCAT = 96,       /* + category * 4 + position: the covering phrase's categories */
    T_CAT_M1 = 256,    /* + category: the previous token's */
    T_CAT_P1 = 288,    /* + category: the next token's */
    T_PREV_CAT = 320   /* + category: with the previous label */
};

#define BOUNDARY 0x5eed5eed5eed5eedu /* the value of a neighbour beyond the text */

static uint64_t feat(unsigned tmpl, uint64_t value)
{
    return sift_ner_mix(value ^ ((uint64_t)tmpl * 0x9e3779b97f4a7c15u));
}

static uint64_t pair(uint64_t a, uint64_t b)
{
    return sift_ner_mix(a) ^ b;
}

/* Hash of a token's shape (of its first 64 bytes): computed here, for the few tokens the model
 * looks at and their neighbours, rather than for every token. */
static uint64_t shape_hash(const struct sift_ndoc *d, const struct sift_ntok *t)
{
    char shape[64];
    size_t len = t->j - t->i < sizeof shape ? t->j - t->i : sizeof shape;
    return sift_gaz_hash_bytes(SIFT_GAZ_HASH_INIT, shape, sift_shape(d->s + t->i, len, shape));
}

/* Hash of the first or last n bytes of the token, folded for ASCII letters. Affixes of
 * non-ASCII words may cut a character in two; that only makes a rarer feature. */
static uint64_t affix(const struct sift_ndoc *d, const struct sift_ntok *t, size_t n, int suffix)
{
    size_t len = t->j - t->i;
    if (n > len)
        return 0;
    return sift_gaz_hash_folded(SIFT_GAZ_HASH_INIT + n, d->s + (suffix ? t->j - n : t->i), n);
}

size_t sift_ner_features(const struct sift_ndoc *d, size_t k, int prev1, int prev2, uint64_t *out)
{
    const struct sift_ntok *t = &d->t[k];
    const struct sift_ntok *m1 = k > 0 ? &d->t[k - 1] : NULL;
    const struct sift_ntok *m2 = k > 1 ? &d->t[k - 2] : NULL;
    const struct sift_ntok *p1 = k + 1 < d->n ? &d->t[k + 1] : NULL;
    const struct sift_ntok *p2 = k + 2 < d->n ? &d->t[k + 2] : NULL;
    uint64_t fm1 = m1 ? m1->fold : BOUNDARY, fp1 = p1 ? p1->fold : BOUNDARY;
    uint64_t shape = shape_hash(d, t);
    uint64_t sm1 = m1 ? shape_hash(d, m1) : BOUNDARY, sp1 = p1 ? shape_hash(d, p1) : BOUNDARY;
    size_t n = 0, c;
    uint32_t cats;
    unsigned flags;

    /* a line break cuts the context: the words beyond it belong to another line */
    if (m1 && (m1->flags & SIFT_NF_NEWLINE_AFTER)) {
        fm1 = sm1 = BOUNDARY;
        m2 = NULL;
        m1 = NULL;
    }
    if (t->flags & SIFT_NF_NEWLINE_AFTER) {
        fp1 = sp1 = BOUNDARY;
        p1 = p2 = NULL;
    }
    if (p1 && (p1->flags & SIFT_NF_NEWLINE_AFTER))
        p2 = NULL;

    out[n++] = feat(T_BIAS, 0);
    out[n++] = feat(T_FOLD, t->fold);
    out[n++] = feat(T_RAW, sift_gaz_hash_bytes(SIFT_GAZ_HASH_INIT, d->s + t->i, t->j - t->i));
    out[n++] = feat(T_SHAPE, shape);
    if (t->flags & SIFT_NF_ALPHA) {
        out[n++] = feat(T_PRE3, affix(d, t, 3, 0));
        out[n++] = feat(T_SUF3, affix(d, t, 3, 1));
        out[n++] = feat(T_SUF4, affix(d, t, 4, 1));
    }
    out[n++] = feat(T_FOLD_M1, fm1);
    out[n++] = feat(T_FOLD_P1, fp1);
    out[n++] = feat(T_FOLD_M2, m2 ? m2->fold : BOUNDARY);
    out[n++] = feat(T_FOLD_P2, p2 ? p2->fold : BOUNDARY);
    out[n++] = feat(T_SHAPE_M1, sm1);
    out[n++] = feat(T_SHAPE_P1, sp1);
    out[n++] = feat(T_SHAPE_M1_0, pair(sm1, shape));
    out[n++] = feat(T_SHAPE_0_P1, pair(shape, sp1));
    out[n++] = feat(T_FOLD_M1_0, pair(fm1, t->fold));
    out[n++] = feat(T_FOLD_0_P1, pair(t->fold, fp1));
    out[n++] = feat(T_PREV, (uint64_t)prev1);
    out[n++] = feat(T_PREV2, (uint64_t)(prev1 * 16 + prev2));
    out[n++] = feat(T_PREV_SHAPE, pair((uint64_t)prev1, shape));
    out[n++] = feat(T_PREV_FOLD, pair((uint64_t)prev1, t->fold));
    flags = t->flags & (SIFT_NF_UPPER_INIT | SIFT_NF_ALL_UPPER | SIFT_NF_LINE_START | SIFT_NF_SENT_START
                        | SIFT_NF_LINE_UPPER | SIFT_NF_LOWER_SEEN);
    out[n++] = feat(T_FLAGS, flags);
    out[n++] = feat(T_SENT_LOWER, pair(t->flags & (SIFT_NF_SENT_START | SIFT_NF_LOWER_SEEN), t->fold));
    if (t->flags & SIFT_NF_LINE_UPPER)
        out[n++] = feat(T_LINE_UPPER_SHAPE, pair(shape, t->fold));
    out[n++] = feat(T_KIND, t->kind);

    cats = t->cats;
    for (c = 0; cats && c < SIFT_GAZ__COUNT; c++)
        if (cats & SIFT_GAZ_BIT(c)) {
            out[n++] = feat(T_CAT + (unsigned)c, 0);
            if (n >= SIFT_NER_MAX_FEATURES - 24)
                break;
        }
    cats = t->mpos ? t->pcats : 0;
    for (c = 0; cats && c < SIFT_GAZ__COUNT; c++)
        if (cats & SIFT_GAZ_BIT(c)) {
            out[n++] = feat(T_PCAT + (unsigned)c * 4 + t->mpos, 0);
            out[n++] = feat(T_PREV_CAT + (unsigned)c, (uint64_t)prev1);
            if (n >= SIFT_NER_MAX_FEATURES - 16)
                break;
        }
    cats = m1 ? m1->cats : 0;
    for (c = 0; cats && c < SIFT_GAZ__COUNT; c++)
        if (cats & SIFT_GAZ_BIT(c)) {
            out[n++] = feat(T_CAT_M1 + (unsigned)c, 0);
            if (n >= SIFT_NER_MAX_FEATURES - 8)
                break;
        }
    cats = p1 ? p1->cats : 0;
    for (c = 0; cats && c < SIFT_GAZ__COUNT; c++)
        if (cats & SIFT_GAZ_BIT(c)) {
            out[n++] = feat(T_CAT_P1 + (unsigned)c, 0);
            if (n >= SIFT_NER_MAX_FEATURES)
                break;
        }
    return n;
}
