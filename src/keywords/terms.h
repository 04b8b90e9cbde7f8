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

#include "text/tokens.h"

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

/*
 * Keyword ranking (lua/sift/keywords.lua describes the scores). The caller counts a text's keys
 * (struct sift_kw_key, indexed by id - 1) and finds its names and recurring runs as above;
 * sift_kw_phrases groups those into phrases, and sift_kw_rank scores every key and phrase and
 * lists the best. Nothing is allocated: the callers give every array.
 */

/* The longest phrase, in words (a name of max_words). */
#define SIFT_KW_MAX_WORDS 8

struct sift_kw_key {
    /* filled in by the caller */
    unsigned count;       /* terms with this key */
    unsigned capital;     /* of them capitalised away from a sentence start, or all capitals */
    unsigned first, last; /* term indexes (0-based) of the first and the last of them */
    unsigned chars;       /* the key's length in code points */
    unsigned char weak;   /* a common word that is seldom a noun ("said") */
    unsigned char head;   /* a word of a headline given apart from the text */
    double weight;        /* the caller's weight, such as an idf; 1 for none */
    /* worked out by sift_kw_phrases */
    unsigned named;       /* terms inside names */
    unsigned heads;       /* terms that end a name ("York" in "New York") */
    long name;            /* the phrase index of the one name it starts or ends; -1 none, -2 more */
    /* worked out by sift_kw_rank */
    double score;         /* 0 for a key below the minimum count */
};

struct sift_kw_phrase {
    unsigned first;       /* term index (0-based) where it first occurs */
    unsigned count;       /* its occurrences */
    unsigned extra;       /* mentions of its surname alone, counted for it (sift_kw_rank) */
    unsigned char words;  /* 2 to SIFT_KW_MAX_WORDS */
    unsigned char name;   /* a name rather than a recurring run of words */
    double weight;        /* the caller's weight; 1 for none */
    double score;         /* sift_kw_rank */
};

/* A text as ranking sees it. The caller fills keys, nkeys, ids, flags, in_name (from
 * sift_name_spans, or all 0) and n; sift_kw_phrases fills the rest. */
struct sift_kw_text {
    struct sift_kw_key *keys;
    size_t nkeys;
    const unsigned *ids;         /* per term: its key's id, 1 to nkeys */
    const unsigned *flags;       /* per term: enum sift_term_flags */
    const unsigned char *in_name;
    size_t n;                    /* terms */
    struct sift_kw_phrase *phrases;
    size_t nphrases;
    size_t *table;               /* phrase index + 1 by a hash of its ids; 0 empty */
    size_t tslots;               /* a power of two */
};

/* The room sift_kw_phrases needs for nspans names and ngrams recurring runs: phrases (at most
 * nspans + ngrams) and table slots. */
size_t sift_kw_table_slots(size_t nspans, size_t ngrams);

/*
 * Groups the names (spans: first and last term index of each, nspans of them, at most
 * SIFT_KW_MAX_WORDS words) and the runs of grams counted twice or more (nslots slots, as
 * sift_count_grams leaves them) into t->phrases (room for nspans + the runs) through t->table
 * (tslots from sift_kw_table_slots, any content), and counts named, heads and name of each key.
 * Names come first: a run that is also a name adds its count to the name's.
 */
void sift_kw_phrases(struct sift_kw_text *t, const size_t *spans, size_t nspans, const struct sift_gram *grams,
                     size_t nslots, struct sift_kw_phrase *phrases, size_t *table, size_t tslots);

/* What a ranked entry is. */
enum sift_kw_kind {
    SIFT_KW_WORD,   /* a key: index is its id - 1 */
    SIFT_KW_PHRASE, /* a phrase: index into t->phrases */
    SIFT_KW_PAIR    /* two adjacent words said once, listed when a text has too few keywords:
                       index is the first term's index */
};

struct sift_kw_entry {
    enum sift_kw_kind kind;
    size_t index;
    unsigned count, words;
    unsigned first; /* term index (0-based) of its first occurrence */
    double score;
};

/* The entries sift_kw_rank needs as scratch for t. */
size_t sift_kw_scratch(const struct sift_kw_text *t);

/*
 * Scores the keys and phrases of t and writes the best `top` entries to out, best first; returns
 * how many. Keys and phrases said fewer than min_count times are left out (a name may stand once;
 * other phrases must recur). First come the words and the phrases that score above each of their
 * words, then the other phrases, then - when pairs is set, min_count is at most 1 and there are
 * still fewer than top - the pairs of adjacent words outside names said once. Ties go to the
 * earlier, then to the shorter. scratch has sift_kw_scratch(t) entries.
 */
size_t sift_kw_rank(struct sift_kw_text *t, unsigned min_count, size_t top, int pairs, struct sift_kw_entry *out,
                    struct sift_kw_entry *scratch);

#endif
