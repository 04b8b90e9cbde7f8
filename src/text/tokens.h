/*
 * text/tokens.h - the news tokenizer: UAX #29 words plus what a reader of news expects (URLs, e-mail
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

#include "text/wordset.h" /* the extra abbreviations the tokenizer takes */

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


struct sift_token {
    size_t i, j; /* [i, j), 0-based byte offsets */
    int kind;    /* enum sift_token_kind */
};

struct sift_tokenizer {
    const unsigned char *s;
    size_t len;
    size_t pos;                         /* where the next token starts */
    unsigned flags;                     /* enum sift_token_flags */
    const struct sift_wordset *abbrevs; /* words (without their full stop) that take a following
                                         * '.' into the token; NULL: the built-in list only */
    struct sift_token pending;          /* second half of a split (word + clitic) */
    int has_pending;
};

void sift_tokenizer_init(struct sift_tokenizer *t, const char *s, size_t len, unsigned flags,
                         const struct sift_wordset *abbrevs);

/* Stores the next token in *tok and returns 1, or returns 0 at the end of the text. */
int sift_tokenizer_next(struct sift_tokenizer *t, struct sift_token *tok);

#endif
