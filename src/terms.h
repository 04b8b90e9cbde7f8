/*
 * terms.h - the content words of a text, as keyword counting and summaries see them: each word
 * token that is not a stop word, with a key that groups its forms (case-folded, then Porter-stemmed:
 * "Elections" and "elected" both give "elect"), and flags that tell where key phrases may run.
 *
 * Like the tokenizer, a state struct over one buffer: nothing is allocated.
 */
#ifndef SIFT_TERMS_H
#define SIFT_TERMS_H

#include <stddef.h>

#include "tokens.h"

enum sift_term_flags {
    SIFT_TERM_BREAK = 1u << 0,   /* something other than a space or hyphen stands between this
                                    term and the previous one: a stop word, a number, punctuation,
                                    a line break. A key phrase does not run across it. */
    SIFT_TERM_CAPITAL = 1u << 1, /* the first letter is a capital */
    SIFT_TERM_UPPER = 1u << 2,   /* every letter is a capital, and there are at least two (CPC) */
    SIFT_TERM_START = 1u << 3,   /* first word of the text, of a line, or after . ! ? - so a
                                    capital says nothing about a name */
    SIFT_TERM_ABBREV = 1u << 4,  /* an abbreviation such as U.S. (not stemmed) */
    SIFT_TERM_PARAGRAPH = 1u << 5 /* a blank line stands before this term */
};

/* The longest word that counts as a term, in bytes; longer ones are breaks. */
#define SIFT_TERM_MAX 64
/* The room the key of a term needs: full case folding can triple a word. */
#define SIFT_TERM_KEY_MAX (3 * SIFT_TERM_MAX)

struct sift_term {
    size_t i, j;    /* [i, j), 0-based byte offsets of the word in the text */
    unsigned flags; /* enum sift_term_flags */
    size_t keylen;  /* the key's length; the key itself is written to the caller's buffer */
};

/* Stems of recent words, by a hash of the word: news repeats its words, and a Porter stem costs
 * some hundred comparisons. Words longer than SIFT_STEM_CACHE_LEN bytes are not kept. */
#define SIFT_STEM_CACHE 4096
#define SIFT_STEM_CACHE_LEN 22

struct sift_stem_cached {
    unsigned char len, stemlen; /* len 0: an empty entry */
    char word[SIFT_STEM_CACHE_LEN], stem[SIFT_STEM_CACHE_LEN];
};

struct sift_terms {
    struct sift_tokenizer tok;
    struct sift_stem_cached *cache; /* SIFT_STEM_CACHE entries, or NULL: no cache */
    const char *s;
    size_t len;
    const struct sift_wordset *stop; /* case-folded stop words, or NULL for none */
    size_t prev_end;                 /* where the previous token ended */
    unsigned pending;                /* flags gathered for the next term */
};

/* Starts walking s[0..len). stop (may be NULL) holds stop words, case-folded. cache (may be NULL)
 * holds SIFT_STEM_CACHE entries, zeroed before their first use; a cache may serve any number of
 * walks, one at a time, since a stem depends on its word only. */
void sift_terms_init(struct sift_terms *t, const char *s, size_t len, const struct sift_wordset *stop,
                     struct sift_stem_cached *cache);

/* Finds the next term: stores it in *term, its key in key (at least SIFT_TERM_KEY_MAX bytes) and
 * returns 1, or returns 0 at the end of the text. */
int sift_terms_next(struct sift_terms *t, struct sift_term *term, char *key);

#endif

/*
 * Key phrases. The callers number the distinct keys of a text (ids, from 1) and keep each term's
 * flags; these find the names and count the recurring runs over those arrays.
 */

/* Names: runs of 2 to max_words adjacent terms (no SIFT_TERM_BREAK inside) that are all
 * capitalised (SIFT_TERM_CAPITAL or SIFT_TERM_UPPER), such as "Central Military Commission". The
 * first `skip` terms (a headline in title case) start none. Sets in_name[k] to 1 for the terms of
 * a name (0 for the others) and writes each name's first and last term index to spans (room for
 * n entries); returns the number of names. */
size_t sift_name_spans(const unsigned *flags, size_t n, size_t skip, int max_words, unsigned char *in_name,
                       size_t *spans);

/* A run of two or three terms, by the ids of its terms: (id1 << 40 | id2 << 20 | id3), id3 0 for
 * two terms. Ids must be below 2^20. */
struct sift_gram {
    unsigned long long code; /* 0: empty slot */
    unsigned count;
    unsigned first; /* index of its first term, where it first occurs */
};

#define SIFT_GRAM_ID_MAX ((1u << 20) - 1)

/* The slots a gram table needs for n terms: a power of two, at least 1.5 times the 2n grams there
 * can be. Texts must have fewer than 2^32 terms. */
size_t sift_gram_slots(size_t n);

/* Counts the runs of two and three adjacent terms that stand outside names (in_name may be NULL)
 * into table (nslots from sift_gram_slots(n), zeroed by the caller). Terms whose id is 0 or above
 * SIFT_GRAM_ID_MAX end a run. */
void sift_count_grams(struct sift_gram *table, size_t nslots, const unsigned *ids, const unsigned *flags,
                      const unsigned char *in_name, size_t n);
