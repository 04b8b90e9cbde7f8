/*
 * entities/model.h - the statistical layer of the entity tagger: the features of a token
 * (features.c) and the averaged perceptron that labels the tokens with them (perceptron.c), whose
 * weights are generated/ner_model.c (tools/gen_ner_model.c, which uses these functions too).
 */
#ifndef SIFT_NER_MODEL_H
#define SIFT_NER_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "entities/doc.h"

/* 1 if label may follow prev: I-X only goes on an X; a token the model sees only because it
 * follows a name (not a candidate) can only go on with it, or be O. */
static inline int sift_ner_label_allowed(int label, int prev, int candidate)
{
    if (SIFT_NL_IS_B(label))
        return candidate;
    return label == SIFT_NL_O || SIFT_NL_CLASS(prev) == SIFT_NL_CLASS(label);
}

/* Features of token k given the labels of the two tokens before it: writes at most
 * SIFT_NER_MAX_FEATURES hashes to out and returns how many. */
#define SIFT_NER_MAX_FEATURES 80
size_t sift_ner_features(const struct sift_ndoc *d, size_t k, int prev1, int prev2, uint64_t *out);

/* The model: an open-addressing table of feature hashes with their weights per label. */
struct sift_pslot {
    uint64_t key; /* 0: empty */
    int16_t w[SIFT_NL__COUNT];
};

struct sift_model {
    size_t mask;
    const struct sift_pslot *slots;
    size_t nfeatures;
};

extern const struct sift_model sift_ner_model;

/* Adds the weights of the n features to scores[SIFT_NL__COUNT]. */
void sift_perceptron_score(const struct sift_model *m, const uint64_t *features, size_t n, int32_t *scores);

/* Labels every candidate token with the model, left to right (greedy). */
void sift_perceptron_decode(const struct sift_model *m, struct sift_ndoc *d);

#endif
