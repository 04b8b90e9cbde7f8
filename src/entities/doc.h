/*
 * entities/doc.h - the document the entity tagger works on (doc.c): a text's tokens, each with
 * what the later steps need (hashes of its text, its gazetteer categories, flags about its
 * letters and place, and the label the model gives it), and the helpers every step shares. Not
 * part of the public interface, which is tagger.h.
 *
 * The tagger's files stand on floors, each calling only the floors below it:
 *   1. gazetteer.c (and generated/gazetteer_data.c): the phrase tables
 *   2. doc.c (this header): the tokens, prepared; marks.c (marks.h): entities while being found
 *   3. features.c, perceptron.c (model.h, generated/ner_model.c): the model's labels;
 *      numex.c (numex.h): numbers and dates; linker.c (linker.h): mentions made entities
 *   4. tagger.c (tagger.h): the pipeline, the rules and the public interface
 * The training tool (tools/gen_ner_model.c) uses floors 1 to 3.
 */
#ifndef SIFT_NER_DOC_H
#define SIFT_NER_DOC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/alloc.h"
#include "entities/gazetteer.h"
#include "text/tokens.h"

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

/* 1 if token k is a capitalised word that may be part of a name. */
static inline int sift_ner_cap_word(const struct sift_ndoc *d, size_t k)
{
    const struct sift_ntok *t = &d->t[k];
    return (t->kind == SIFT_TOK_WORD || t->kind == SIFT_TOK_ABBREV)
           && (t->flags & (SIFT_NF_UPPER_INIT | SIFT_NF_ALPHA)) == (SIFT_NF_UPPER_INIT | SIFT_NF_ALPHA);
}

/* 1 if token acr is an acronym of the capitalised words of tokens [a, b). */
int sift_ner_acronym_of(const struct sift_ndoc *d, size_t acr, size_t a, size_t b);

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
