/*
 * tokens.h - the news tokenizer: UAX #29 words plus what a reader of news expects (URLs, e-mail
 * addresses, @handles, #hashtags, signed and formatted numbers, abbreviations, hyphenated
 * compounds, clitics split off, emoji sequences, runs of dots and dashes).
 *
 * The tokenizer is an explicit state struct over one buffer: no allocation, no callbacks, so the
 * caller decides where tokens go. Token offsets are 0-based and half-open, [i, j); with
 * SIFT_TOKENS_SPACES set, the tokens tile the whole input.
 */
#ifndef SIFT_TOKENS_H
#define SIFT_TOKENS_H

#include <stddef.h>

enum sift_token_kind {
    SIFT_TOK_WORD = 0,  /* letters, with digits, inner apostrophes, hyphens, underscores */
    SIFT_TOK_NUMBER,    /* 42, 1,000.50, -3.5%, 25th, 10:30 */
    SIFT_TOK_ABBREV,    /* a word with its full stop: U.S., Mr., e.g., J. */
    SIFT_TOK_CLITIC,    /* a split-off possessive or contraction: 's, ’s, n't, 're, 'll */
    SIFT_TOK_PUNCT,     /* one punctuation mark, or a run such as ... -- !! ?! */
    SIFT_TOK_SYMBOL,    /* a symbol that is not an emoji: $ £ + = © */
    SIFT_TOK_URL,       /* http://..., https://..., www.... */
    SIFT_TOK_EMAIL,     /* name@example.org */
    SIFT_TOK_MENTION,   /* @handle */
    SIFT_TOK_HASHTAG,   /* #tag */
    SIFT_TOK_EMOJI,     /* an emoji sequence: ZWJ sequences, flags, skin tones, keycaps */
    SIFT_TOK_IDEOGRAPH, /* one CJK ideograph */
    SIFT_TOK_SPACE,     /* a run of white space (only with SIFT_TOKENS_SPACES) */
    SIFT_TOK_INVALID,   /* one maximal ill-formed UTF-8 subpart */
    SIFT_TOK_OTHER,     /* anything else: controls, lone combining marks, unassigned */
    SIFT_TOK__COUNT
};

/* The kind's name as the Lua API shows it ("word", "number", ...), or NULL when out of range. */
const char *sift_token_kind_name(int kind);

enum sift_token_flags {
    SIFT_TOKENS_SPACES = 1u << 0 /* return white space as SIFT_TOK_SPACE tokens */
};

/* A set of abbreviations (without their full stop) that take a following '.' into the token. */
struct sift_wordset;

struct sift_token {
    size_t i, j; /* [i, j), 0-based byte offsets */
    int kind;    /* enum sift_token_kind */
};

struct sift_tokenizer {
    const unsigned char *s;
    size_t len;
    size_t pos;                         /* where the next token starts */
    unsigned flags;                     /* enum sift_token_flags */
    const struct sift_wordset *abbrevs; /* NULL: the built-in list only */
    struct sift_token pending;          /* second half of a split (word + clitic) */
    int has_pending;
};

void sift_tokenizer_init(struct sift_tokenizer *t, const char *s, size_t len, unsigned flags,
                         const struct sift_wordset *abbrevs);

/* Stores the next token in *tok and returns 1, or returns 0 at the end of the text. */
int sift_tokenizer_next(struct sift_tokenizer *t, struct sift_token *tok);

/*
 * Word sets: one block of memory that the caller provides (a Lua userdata, say), so nothing is
 * allocated behind its back. sift_wordset_size gives the bytes needed for n words of total
 * length total_len; sift_wordset_init builds the set there and returns it.
 */
size_t sift_wordset_size(size_t n, size_t total_len);
struct sift_wordset *sift_wordset_init(void *mem, const char *const *words, const size_t *lens, size_t n);
int sift_wordset_has(const struct sift_wordset *set, const char *w, size_t len);
/* The same with a one-byte tag per word (tags may be NULL: all 0); find gives the tag, or -1 when
 * w is not in the set. The sentence splitter tags abbreviations with their class (abbrevs.h). */
struct sift_wordset *sift_wordset_init_tagged(void *mem, const char *const *words, const size_t *lens,
                                              const unsigned char *tags, size_t n);
int sift_wordset_find(const struct sift_wordset *set, const char *w, size_t len);

/* The class of w (without its full stop) in the built-in abbreviation list (enum
 * sift_abbrev_class, abbrevs.h: data/abbreviations.tsv), or 0 when it is not on the list. */
int sift_is_builtin_abbrev(const char *w, size_t len);

#endif
