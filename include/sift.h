/*
 * sift.h - the public C interface of the sift engine: pure C99, no Lua.
 *
 * A C program includes this header alone (compile with -Iinclude) and links build/libsift.a
 * (and -lm). It declares the tokenizer, the sentence splitter, the word sets they take, UTF-8
 * validation and repair, and encoding detection and conversion; examples/tokens.c uses it.
 * Every function declared here is marked SIFT_API; everything else of the engine (the headers of src/)
 * is internal and may change. The objects are built with -fvisibility=hidden, so a shared
 * library built from them with -DSIFT_BUILD_SHARED exports exactly the SIFT_API functions; the
 * Lua module sift.core exports only luaopen_sift_core.
 *
 * Ownership, in general: the engine never allocates behind the caller's back in the functions
 * declared here. Iterators (struct sift_tokenizer, struct sift_sentences) are caller-owned
 * structs that point into the caller's text, which must outlive them; they hold nothing to free.
 * Word sets live in memory the caller provides and frees. Every returned string is static.
 * A struct sift_conv holds an iconv descriptor: the caller closes it with sift_conv_close.
 * Each declaration says what it owns.
 *
 * Offsets are 0-based byte offsets into the caller's buffer; spans are half-open, [i, j).
 */
#ifndef SIFT_H
#define SIFT_H

#include <stddef.h>
#include <iconv.h>

#define SIFT_VERSION "0.1.0"

#if defined(SIFT_BUILD_SHARED) && (defined(__GNUC__) || defined(__clang__))
#define SIFT_API __attribute__((visibility("default")))
#else
#define SIFT_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- status codes (src/common/status.c) -------------------------------------------------------
 * The one status scheme of the functions that can fail: SIFT_OK, or a negative failure.
 * SIFT_FULL is not a failure: sift_conv_feed ran out of output room; drain it and call again.
 * (Iterators' *_next and the yes/no checks such as sift_utf8_valid return 1/0 instead.) */
enum sift_status {
    SIFT_OK = 0,
    SIFT_FULL = 1,              /* output buffer full: drain it and call again */
    SIFT_EINVALID = -1,         /* undecodable byte sequence at errpos */
    SIFT_ETRUNCATED = -2,       /* input ends inside a multibyte sequence starting at errpos */
    SIFT_EUNREPRESENTABLE = -3, /* character at errpos has no form in the target encoding */
    SIFT_EUNKNOWN = -4,         /* iconv does not know the encoding name */
    SIFT_ESYSTEM = -5,          /* iconv failed for another reason (errno-level trouble) */
    SIFT_ENOMEM = -6,           /* an allocator returned NULL */
    SIFT_ETOOBIG = -7           /* the input has more words than the engine counts (2^32 - 1) */
};

/* A message for a status ("success", "invalid byte sequence", ...): a static string, never
 * NULL ("unknown error" for a value that is no status). */
SIFT_API const char *sift_strerror(int status);

/* ---- word sets (src/text/wordset.c) ----------------------------------------------------------
 * Read-only sets of short strings, each with an optional one-byte tag, in one block of memory
 * that the caller provides: the tokenizer takes one of extra abbreviations, the sentence splitter
 * one of abbreviations tagged with their class. */
struct sift_wordset;

/* Bytes of memory that sift_wordset_init needs for n words of total length total_len. */
SIFT_API size_t sift_wordset_size(size_t n, size_t total_len);
/* Builds the set in mem (caller-owned, sift_wordset_size bytes, suitably aligned as malloc's) and
 * returns it (a pointer into mem; the words are copied, so words and lens may be freed after).
 * The set lives as long as mem; there is nothing else to free. */
SIFT_API struct sift_wordset *sift_wordset_init(void *mem, const char *const *words,
                                                const size_t *lens, size_t n);
/* The same with a one-byte tag per word (tags may be NULL: all 0). */
SIFT_API struct sift_wordset *sift_wordset_init_tagged(void *mem, const char *const *words,
                                                       const size_t *lens,
                                                       const unsigned char *tags, size_t n);
/* 1 if w[0..len) is in the set, else 0. Borrows both; keeps neither. */
SIFT_API int sift_wordset_has(const struct sift_wordset *set, const char *w, size_t len);
/* The tag of w[0..len), or -1 when w is not in the set. Borrows both; keeps neither. */
SIFT_API int sift_wordset_find(const struct sift_wordset *set, const char *w, size_t len);

/* ---- tokens (src/text/tokens.c) --------------------------------------------------------------
 * UAX #29 words plus what a reader of news expects (URLs, e-mail addresses, @handles, #hashtags,
 * numbers, abbreviations, clitics, emoji). With SIFT_TOKENS_SPACES the tokens tile the input. */
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

/* The kind's name as the Lua API shows it ("word", "number", ...): a static string, or NULL when
 * kind is out of range. */
SIFT_API const char *sift_token_kind_name(int kind);

enum sift_token_flags {
    SIFT_TOKENS_SPACES = 1u << 0 /* return white space as SIFT_TOK_SPACE tokens */
};

struct sift_token {
    size_t i, j; /* [i, j), 0-based byte offsets */
    int kind;    /* enum sift_token_kind */
};

/* Caller-owned iterator state; the fields are private. */
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

/* Starts t over s[0..len). Borrows s and abbrevs (NULL: the built-in list only), which must
 * outlive t; allocates nothing, so t needs no cleanup. */
SIFT_API void sift_tokenizer_init(struct sift_tokenizer *t, const char *s, size_t len,
                                  unsigned flags, const struct sift_wordset *abbrevs);

/* Stores the next token in *tok (caller-owned) and returns 1, or returns 0 at the end. */
SIFT_API int sift_tokenizer_next(struct sift_tokenizer *t, struct sift_token *tok);

/* ---- sentences (src/text/sentences.c) ---------------------------------------------------------
 * The news-aware sentence splitter: sentences in order as spans that start and end on a
 * character that is not white space, numbered by paragraph. */
enum sift_sentences_flags {
    /* Every line break ends a sentence and a paragraph (text with one sentence or item a line). */
    SIFT_SENTENCES_LINES_BREAK = 1u << 0,
    /* A single line break never ends a sentence: only terminators and blank lines do. */
    SIFT_SENTENCES_LINES_JOIN = 1u << 1
};

struct sift_sentence {
    size_t i, j;          /* [i, j), 0-based byte offsets */
    size_t paragraph;     /* 0-based number of its paragraph */
    int starts_paragraph; /* 1 when it is the first sentence of its paragraph */
};

/* Caller-owned iterator state; the fields are private. */
struct sift_sentences {
    const unsigned char *s;
    size_t len;
    size_t pos;                         /* where the search for the next sentence starts */
    size_t paragraph;                   /* paragraph of the last sentence returned */
    int started;                        /* a sentence has been returned */
    int new_paragraph;                  /* the previous sentence ended its paragraph */
    unsigned flags;                     /* enum sift_sentences_flags */
    const struct sift_wordset *abbrevs; /* user abbreviations (tags: classes), or NULL */
    struct sift_tokenizer tok;          /* reads the text around each possible sentence end */
};

/* Starts st over s[0..len). abbrevs, when not NULL, adds abbreviations to the built-in list: a
 * set built with sift_wordset_init_tagged, each word tagged with its class (src/text/abbrevs.h;
 * 0 means "other"). Borrows s and abbrevs, which must outlive st; allocates nothing. */
SIFT_API void sift_sentences_init(struct sift_sentences *st, const char *s, size_t len,
                                  unsigned flags, const struct sift_wordset *abbrevs);

/* Stores the next sentence in *out (caller-owned) and returns 1, or returns 0 at the end. */
SIFT_API int sift_sentences_next(struct sift_sentences *st, struct sift_sentence *out);

/* ---- UTF-8 (src/encoding/utf8.c) ------------------------------------------------------------ */

/* 1 if s[0..len) is well-formed UTF-8; else 0 and *errpos = offset of the first bad byte
 * (errpos may be NULL). Borrows s. */
SIFT_API int sift_utf8_valid(const char *s, size_t len, size_t *errpos);

/* Exact length of sift_utf8_clean's output (never more than 3 * len). */
SIFT_API size_t sift_utf8_clean_size(const char *s, size_t len);

/* Copies s to out replacing each maximal ill-formed subpart with U+FFFD; out is caller-owned and
 * must hold sift_utf8_clean_size(s, len) bytes (3 * len always suffices). Returns the length
 * written; out is not NUL-terminated. */
SIFT_API size_t sift_utf8_clean(const char *s, size_t len, char *out);

/* ---- encodings (src/encoding/encoding.c, detect.c) -------------------------------------------- */

/* The old names of the conversion's statuses (enum sift_status above). */
#define SIFT_ENC_OK SIFT_OK
#define SIFT_CONV_FULL SIFT_FULL
#define SIFT_ENC_EINVALID SIFT_EINVALID
#define SIFT_ENC_ETRUNCATED SIFT_ETRUNCATED
#define SIFT_ENC_EUNREPRESENTABLE SIFT_EUNREPRESENTABLE
#define SIFT_ENC_EUNKNOWN SIFT_EUNKNOWN
#define SIFT_ENC_ESYSTEM SIFT_ESYSTEM

/* What to do with input that cannot be converted. */
enum sift_invalid_mode {
    SIFT_INVALID_ERROR = 0,
    SIFT_INVALID_REPLACE,   /* U+FFFD when decoding, '?' when encoding */
    SIFT_INVALID_SKIP
};

enum sift_conv_dir {
    SIFT_CONV_TO_UTF8 = 0,  /* named encoding -> UTF-8 */
    SIFT_CONV_FROM_UTF8     /* UTF-8 -> named encoding */
};

/* A good output chunk size for sift_conv_feed; any size >= SIFT_CONV_MIN_OUT works. */
#define SIFT_CONV_CHUNK 65536
/* Below this much output room sift_conv_feed may make no progress (it returns SIFT_CONV_FULL). */
#define SIFT_CONV_MIN_OUT 32

/* Streaming conversion state, caller-owned (a local, a malloc'd block, a Lua userdata). The
 * fields are public only so that it can be placed anywhere; treat them as read-only except
 * errpos, which is the result of a failure. */
struct sift_conv {
    iconv_t cd;             /* (iconv_t)-1 when the conversion is UTF-8 -> UTF-8 (done in-house) */
    int dir;                /* enum sift_conv_dir */
    int mode;               /* enum sift_invalid_mode */
    int status;             /* sticky failure, or SIFT_OK */
    int unit;               /* code unit size of the legacy side: 2 for UTF-16, 4 for UTF-32 */
    size_t pos;             /* absolute input offset of pend[0] (or of the next input byte) */
    size_t errpos;          /* 0-based input offset of the failure */
    size_t npend;           /* bytes of an incomplete sequence held back between feeds */
    unsigned char pend[16];
};

/* The same as sift_strerror (its old name). */
SIFT_API const char *sift_enc_errmsg(int code);

/* Formats "unknown encoding 'X'" for SIFT_EUNKNOWN, else "<errmsg> at byte N" (N 1-based),
 * into buf (caller-owned, always NUL-terminated when size > 0) and returns the length snprintf
 * would have written. */
SIFT_API int sift_enc_format_error(int code, const char *encoding, size_t errpos, char *buf,
                                   size_t size);

/* Opens a conversion between `encoding` (any name iconv knows; borrowed, not kept) and UTF-8 in
 * the caller's c. Returns SIFT_OK, SIFT_EUNKNOWN or SIFT_ESYSTEM. Whatever it
 * returns, the caller calls sift_conv_close(c) when done: c then owns an iconv descriptor. */
SIFT_API int sift_conv_open(struct sift_conv *c, const char *encoding, int dir, int mode);

/* Releases c's iconv descriptor; idempotent, safe after a failed open. c itself is the caller's. */
SIFT_API void sift_conv_close(struct sift_conv *c);

/* Forgets all state (pending bytes, failure, position) but keeps the descriptor. */
SIFT_API void sift_conv_reset(struct sift_conv *c);

/* Converts from *in (*inleft bytes) into *out (*outleft bytes of room), advancing all four; both
 * buffers are the caller's. `final` says no input follows this call's. Returns SIFT_OK when
 * all input is consumed (and, if final, flushed), SIFT_CONV_FULL when output room ran out first
 * (drain and call again), or a negative enum sift_status with c->errpos set; failures are
 * sticky. */
SIFT_API int sift_conv_feed(struct sift_conv *c, const char **in, size_t *inleft, char **out,
                            size_t *outleft, int final);

/* Guesses the encoding of s[0..len) (borrowed): returns a static iconv name ("UTF-8",
 * "WINDOWS-1252", ...), never NULL, and stores a confidence in [0, 1] in *confidence (which may
 * be NULL). docs/encodings.md explains the decision order. */
SIFT_API const char *sift_detect_encoding(const char *s, size_t len, double *confidence);

/* Builds the detector's tables from iconv, once (sift_detect_encoding calls it itself; a
 * multi-threaded program calls it before starting threads). Returns SIFT_OK, or
 * SIFT_ESYSTEM when a code page is missing from iconv. Static tables: nothing to free. */
SIFT_API int sift_detect_init(void);

#ifdef __cplusplus
}
#endif

#endif
