/*
 * perceptron.c - the statistical layer of the entity tagger: an averaged perceptron over the
 * features of features.c, trained by tools/gen_ner_model.c on CoNLL-2003's eng.train, whose weights
 * generated/ner_model.c holds. Decoding is greedy, left to right, over the tokens that can be part
 * of a name; all others are O without a look, which is what keeps tagging fast.
 */
#include "entities/model.h"

#include <string.h>

#include "text/tokens.h"

void sift_perceptron_score(const struct sift_model *m, const uint64_t *features, size_t n, int32_t *scores)
{
    int32_t acc[SIFT_NL__COUNT] = { 0 };
    size_t f;
    int l;

#if defined(__GNUC__)
    /* the slots are spread over megabytes: ask for all of them before summing any */
    for (f = 0; f < n; f++)
        __builtin_prefetch(&m->slots[(size_t)features[f] & m->mask]);
#endif
    for (f = 0; f < n; f++) {
        size_t k;
        for (k = (size_t)features[f] & m->mask;; k = (k + 1) & m->mask) {
            const struct sift_pslot *slot = &m->slots[k];
            if (slot->key == features[f]) {
                for (l = 0; l < SIFT_NL__COUNT; l++)
                    acc[l] += slot->w[l];
                break;
            }
            if (slot->key == 0)
                break;
        }
    }
    for (l = 0; l < SIFT_NL__COUNT; l++)
        scores[l] += acc[l];
}


void sift_perceptron_decode(const struct sift_model *m, struct sift_ndoc *d)
{
    uint64_t feats[SIFT_NER_MAX_FEATURES];
    int prev1 = SIFT_NL_O, prev2 = SIFT_NL_O;
    size_t k;

    for (k = 0; k < d->n; k++) {
        struct sift_ntok *t = &d->t[k];
        int32_t scores[SIFT_NL__COUNT];
        int best = SIFT_NL_O, l;

        if (t->flags & SIFT_NF_LINE_START)
            prev1 = prev2 = SIFT_NL_O;
        if ((t->flags & SIFT_NF_CANDIDATE) || (prev1 != SIFT_NL_O && sift_ner_may_continue(d, k))) {
            size_t n = sift_ner_features(d, k, prev1, prev2, feats);
            memset(scores, 0, sizeof scores);
            sift_perceptron_score(m, feats, n, scores);
            for (l = 1; l < SIFT_NL__COUNT; l++) {
                if (!sift_ner_label_allowed(l, prev1, (t->flags & SIFT_NF_CANDIDATE) != 0))
                    continue;
                if (scores[l] > scores[best])
                    best = l;
            }
        }
        t->label = (uint8_t)best;
        prev2 = prev1;
        prev1 = best;
    }
}
