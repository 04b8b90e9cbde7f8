/*
 * ner.h - the parts of the entity tagger, shared by tagger.c, features.c, perceptron.c, numex.c,
 * linker.c and the training tool (tools/train_ner.c). Not part of the public interface: the
 * public one is tagger.h.
 *
 * A document is its tokens, each with what the later steps need: hashes of its text, its
 * gazetteer categories, flags about its letters and place, and the labels the steps give it.
 */
#ifndef SIFT_NER_H
#define SIFT_NER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gazetteer.h"
#include "tagger.h"
#include "tokens.h"

/* Token flags. */
enum {
    SIFT_NF_UPPER_INIT = 1u << 0,  /* the first letter is upper case */
    SIFT_NF_ALL_UPPER = 1u << 1,   /* letters, all upper case */
    SIFT_NF_HAS_LOWER = 1u << 2,
    SIFT_NF_HAS_DIGIT = 1u << 3,
    SIFT_NF_ALPHA = 1u << 4,       /* at least one letter */
    SIFT_NF_LINE_START = 1u << 5,  /* first token of a line */
    SIFT_NF_SENT_START = 1u << 6,  /* first token of a sentence (a line start, or after . ! ?) */
    SIFT_NF_LINE_UPPER = 1u << 7,  /* on a line whose letters are all upper case (a headline) */
    SIFT_NF_LOWER_SEEN = 1u << 8,  /* the same word appears in lower case elsewhere in the text */
    SIFT_NF_CANDIDATE = 1u << 9,   /* may start or be inside a name: the model looks at it */
    SIFT_NF_NEWLINE_AFTER = 1u << 10 /* a line break follows it */
};

/* The model's labels: O, then B- and I- of CoNLL's four classes. */
enum sift_ner_label {
    SIFT_NL_O = 0,
    SIFT_NL_B_PER, SIFT_NL_I_PER,
    SIFT_NL_B_ORG, SIFT_NL_I_ORG,
    SIFT_NL_B_LOC, SIFT_NL_I_LOC,
    SIFT_NL_B_MISC, SIFT_NL_I_MISC,
    SIFT_NL__COUNT
};

#define SIFT_NL_CLASS(label) (((label) + 1) / 2) /* 0 O, 1 PER, 2 ORG, 3 LOC, 4 MISC */
#define SIFT_NL_IS_B(label) ((label) % 2 == 1)

struct sift_ntok {
    size_t i, j;    /* [i, j) in the text */
    uint64_t fold;  /* hash of the case-folded text */
    uint32_t cats;  /* gazetteer categories of the token on its own */
    uint32_t mcats; /* categories of the longest phrase (2 tokens or more) starting here */
    uint16_t flags; /* SIFT_NF_... */
    uint8_t kind;   /* enum sift_token_kind */
    uint8_t mlen;   /* tokens of that phrase, or 0 */
    uint8_t mpos;   /* 0: in no phrase of 2 tokens or more; 1: begins one; 2: inside one */
    uint8_t label;  /* enum sift_ner_label */
    uint8_t utype;  /* user type of the longest typed user phrase starting here, or 0 */
    uint8_t ulen;   /* its tokens */
    uint32_t pcats; /* categories of the phrase covering this token (with mpos) */
};

struct sift_ndoc {
    const char *s;
    size_t len;
    struct sift_ntok *t;
    size_t n;
};

/* Memory from the caller's allocator, or NULL. */
void *sift_ner_alloc(sift_alloc_fn alloc, void *ud, size_t size);

/* Tokenizes s, looks every token up in the gazetteers and sets its flags. Returns 0 or -1. */
int sift_ner_prepare(struct sift_ndoc *d, const char *s, size_t len, const struct sift_gazetteer *user,
                     sift_alloc_fn alloc, void *ud);

/* 1 if token k is the ASCII word w (lower case), in any case. Inline: the rules call it with
 * literals, whose length the compiler then knows, so most calls end at the length test. */
static inline int sift_ner_is(const struct sift_ndoc *d, size_t k, const char *w)
{
    const struct sift_ntok *t = &d->t[k];
    size_t len = strlen(w), x;

    if (t->j - t->i != len)
        return 0;
    for (x = 0; x < len; x++) {
        unsigned char c = (unsigned char)d->s[t->i + x];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (c != (unsigned char)w[x])
            return 0;
    }
    return 1;
}

/* 1 if token k may go on a name the token before it began although it has no capital: a joining
 * word of the lexicon ("of", "de", "van"), a number, "&", "-", "/" or a clitic. The model is asked
 * about such tokens only after a name; the tagger and the training tool both use this. */
static inline int sift_ner_may_continue(const struct sift_ndoc *d, size_t k)
{
    const struct sift_ntok *t = &d->t[k];
    char c = d->s[t->i];
    switch (t->kind) {
    case SIFT_TOK_WORD:
    case SIFT_TOK_ABBREV:
        return (t->cats & SIFT_GAZ_BIT(SIFT_GAZ_CONNECTOR)) != 0;
    case SIFT_TOK_NUMBER:
    case SIFT_TOK_CLITIC:
        return 1;
    case SIFT_TOK_PUNCT:
    case SIFT_TOK_SYMBOL:
        return t->j - t->i == 1 && (c == '&' || c == '-' || c == '/');
    default:
        return 0;
    }
}

/* 1 if label may follow prev: I-X only goes on an X; a token the model sees only because it
 * follows a name (not a candidate) can only go on with it, or be O. */
static inline int sift_ner_label_allowed(int label, int prev, int candidate)
{
    if (SIFT_NL_IS_B(label))
        return candidate;
    return label == SIFT_NL_O || SIFT_NL_CLASS(prev) == SIFT_NL_CLASS(label);
}

/* 1 if token acr is an acronym of the capitalised words of tokens [a, b). */
int sift_ner_acronym_of(const struct sift_ndoc *d, size_t acr, size_t a, size_t b);

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

/*
 * Entities while they are being found: one byte of type per token (0: none) and one that marks
 * the first token of each entity, so that a rule can replace what it overlaps in place. role[k]
 * counts the tokens of the title just before a person that starts at k.
 */
struct sift_nmarks {
    uint8_t *type;
    uint8_t *begin;
    uint8_t *role;
};

/* The end (exclusive) of the entity that token k is in. */
size_t sift_marks_end(const struct sift_ndoc *d, const struct sift_nmarks *m, size_t k);

/* Makes tokens [a, b) one entity of type, removing every entity it overlaps. */
void sift_marks_set(const struct sift_ndoc *d, struct sift_nmarks *m, size_t a, size_t b, int type);

/* Marks dates, times, money, percentages, quantities, ordinals and cardinals among the tokens
 * that no entity covers yet. */
void sift_numex(const struct sift_ndoc *d, struct sift_nmarks *m);

/* Adds the mentions that only the rest of the text reveals: a later "Xi" of "Xi Jinping", "CPC"
 * after "Communist Party of China (CPC)", "the Party" when one party was named, a repeated name.
 * Returns 0 or -1. */
int sift_link_propagate(const struct sift_ndoc *d, struct sift_nmarks *m, sift_alloc_fn alloc, void *ud);

/* A mention while linking: tokens [a, b), its role tokens [a - role, a). */
struct sift_nent {
    size_t a, b;
    int type;
    int role;
    size_t cluster;
};

/* Groups the mentions (sorted, not overlapping) into canonical entities: sets each one's
 * cluster and fills clusters (allocated). Returns 0 or -1. */
int sift_link(const struct sift_ndoc *d, struct sift_nent *ents, size_t n, sift_alloc_fn alloc, void *ud,
              struct sift_entity_cluster **clusters, size_t *nclusters);

/* Mixes a feature template number and a value hash into a feature key (never 0). */
static inline uint64_t sift_ner_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9u;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebu;
    x ^= x >> 31;
    return x ? x : 1;
}

#endif
