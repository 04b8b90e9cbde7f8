/*
 * sift.h - the public C interface of the sift engine: pure C99, no Lua.
 *
 * A C program includes this header alone (compile with -Iinclude) and links build/libsift.a
 * (and -lm). It declares the status codes, the allocator the growing parts take, the tokenizer,
 * the sentence splitter and the abbreviations, the word sets they take, UTF-8 validation and
 * repair, encoding detection and conversion, case folding, word shapes and UAX #29 boundaries,
 * the Porter stemmer, the entity tagger and the keywords of a text; examples/tokens.c and
 * examples/entities.c use it. Every function declared here is marked SIFT_API; everything else
 * of the engine (the headers of src/) is internal and may change. The objects are built with
 * -fvisibility=hidden, so a shared library built from them with -DSIFT_BUILD_SHARED exports
 * exactly the SIFT_API functions; the Lua module sift.core exports only luaopen_sift_core.
 *
 * Ownership, in general: the engine never calls malloc (iconv_open, behind sift_conv_open and
 * sift_detect_init, has its own). Iterators (struct sift_tokenizer, struct sift_sentences) are
 * caller-owned structs that point into the caller's text, which must outlive them; they hold
 * nothing to free. Word sets and taggers live in memory the caller provides and frees. The
 * entity tagger and the keywords take their results' memory from the caller's allocator
 * (sift_alloc_fn) and never free it: the caller drops it all at once. Every returned string is
 * static unless its declaration says otherwise. A struct sift_conv holds an iconv descriptor: the
 * caller closes it with sift_conv_close. Each declaration says what it owns.
 *
 * Failures: every function that can fail returns an enum sift_status (SIFT_OK, or a negative
 * failure; sift_strerror gives its message). The others cannot fail, and say what they return:
 * the iterators' *_next 1 (got one) or 0 (the end), yes/no checks 1 or 0, lookups a sentinel
 * (NULL, SIFT_ENT_NONE, SIFT_ABBREV_NONE) for "none".
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

/* ---- memory: the caller's allocator (src/common/alloc.h) -------------------------------------
 * The parts whose results grow with the text (sift_tag, sift_keywords) get their memory from an
 * allocator the caller passes with its ud, which they pass back to it unchanged. The contract:
 *   - it returns a block of at least size bytes (size may be 0), aligned for any type as malloc's
 *     are, or NULL;
 *   - a block stays valid until the caller drops it: the engine never frees, moves or reuses one,
 *     and keeps none after the call returns except those its results point into, so the caller
 *     frees all the blocks of a call at once when done with its results (an arena, or malloc'd
 *     blocks on a list: examples/entities.c);
 *   - when it returns NULL, the call returns SIFT_ENOMEM and its results are not to be read;
 *   - it may also not return at all (longjmp, a Lua error): the engine holds no other resource,
 *     so nothing leaks beyond the blocks, which are the caller's to free as always.
 * A call asks for many blocks, some of them larger copies of earlier ones (growing arrays). */
typedef void *(*sift_alloc_fn)(void *ud, size_t size);

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
 * set built with sift_wordset_init_tagged, each word tagged with its class (enum
 * sift_abbrev_class, below; 0 means "other"). Borrows s and abbrevs, which must outlive st;
 * allocates nothing. */
SIFT_API void sift_sentences_init(struct sift_sentences *st, const char *s, size_t len,
                                  unsigned flags, const struct sift_wordset *abbrevs);

/* Stores the next sentence in *out (caller-owned) and returns 1, or returns 0 at the end. */
SIFT_API int sift_sentences_next(struct sift_sentences *st, struct sift_sentence *out);

/* ---- abbreviations (src/text/abbrevs.c, sentences.c) -------------------------------------------
 * The abbreviations that keep their full stop, and their classes: what each does to the end of a
 * sentence. The built-in list is data/abbreviations.tsv (sift.abbreviations in Lua); a word set
 * given to the tokenizer or the sentence splitter adds to it. Words are looked up without their
 * final full stop ("Mr", "U.S"), byte for byte. */
enum sift_abbrev_class {
    SIFT_ABBREV_NONE = 0,  /* not an abbreviation */
    SIFT_ABBREV_TITLE,     /* before a name, never a sentence end: Mr. Dr. Gen. St. */
    SIFT_ABBREV_REFERENCE, /* before a number or an example, never a sentence end: No. e.g. vs. */
    SIFT_ABBREV_MONTH,     /* Jan. Sept. */
    SIFT_ABBREV_DAY,       /* Tue. Thurs. */
    SIFT_ABBREV_COMPANY,   /* Inc. Ltd. Corp. Co. */
    SIFT_ABBREV_PLACE,     /* Ave. Rd. Calif. */
    SIFT_ABBREV_OTHER,     /* etc. Jr. U.S. */
    SIFT_ABBREV_INITIAL,   /* one capital letter: J. in J. K. Rowling (never listed, by shape) */
    SIFT_ABBREV__COUNT
};

/* "title", "reference", ... for a class other than SIFT_ABBREV_NONE: a static string; NULL when
 * cls is out of range. */
SIFT_API const char *sift_abbrev_class_name(int cls);

/* The class named name[0..len) ("title", ...; borrowed), or SIFT_ABBREV_NONE when none is. */
SIFT_API int sift_abbrev_class_by_name(const char *name, size_t len);

/* The class of w[0..len) (borrowed) in the built-in list, or SIFT_ABBREV_NONE when it is not on it. */
SIFT_API int sift_builtin_abbrev_class(const char *w, size_t len);

/* Entry k (from 0) of the built-in list, in byte order: stores its word in *word (static, not
 * 0-ended) and its length in *len (either pointer may be NULL) and returns its class (never
 * SIFT_ABBREV_NONE); past the end it returns SIFT_ABBREV_NONE and stores nothing. So
 * `for (k = 0; (cls = sift_builtin_abbrev(k, &w, &n)) != SIFT_ABBREV_NONE; k++)` walks the list. */
SIFT_API int sift_builtin_abbrev(size_t k, const char **word, size_t *len);

/* The class the sentence splitter gives w[0..len): the one user gives it (a set built with
 * sift_wordset_init_tagged, as sift_sentences_init takes; a tag that is no class counts as
 * SIFT_ABBREV_OTHER; NULL: none), else the built-in list's, else by its shape (one capital
 * letter: SIFT_ABBREV_INITIAL; letters between full stops: SIFT_ABBREV_OTHER), else
 * SIFT_ABBREV_NONE. Borrows both; keeps neither. */
SIFT_API int sift_abbrev_class(const struct sift_wordset *user, const char *w, size_t len);

/* 1 if w[0..len) (borrowed) is a capitalised word that usually opens a sentence ("The",
 * "However"; sift.sentence_starters in Lua): after an abbreviation that may end a sentence, such
 * a word ends it. Else 0. */
SIFT_API int sift_is_sentence_starter(const char *w, size_t len);

/* Word k (from 0) of that list, in byte order: a static 0-ended string, or NULL past the end. */
SIFT_API const char *sift_sentence_starter(size_t k);

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
    size_t nbad;            /* "replace" and "skip": how many ill-formed or unconvertible parts
                             * were replaced or dropped so far */
    size_t firstbad;        /* ... and the 0-based input offset of the first (when nbad > 0) */
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

/* ---- web pages: the encoding a browser would use (src/encoding/sniff.c) ---------------------- */

/* Where sift_sniff_html found the encoding, in the order it looks. */
enum sift_enc_source {
    SIFT_ENC_FROM_BOM = 1,  /* a UTF-8, UTF-16LE or UTF-16BE byte order mark */
    SIFT_ENC_FROM_CALLER,   /* the label the caller gave (a Content-Type header's charset) */
    SIFT_ENC_FROM_META,     /* <meta charset> or <meta http-equiv="Content-Type" content=...> */
    SIFT_ENC_FROM_XML,      /* an XML declaration's encoding="..." at the very start */
    SIFT_ENC_DETECTED       /* none of these: sift_detect_encoding's guess */
};

/* The encoding of a page: names are static strings. */
struct sift_page_encoding {
    const char *name;   /* the Encoding Standard's name: "utf-8", "windows-1252", ... */
    const char *iconv;  /* the iconv decoder to give sift_conv_open: "UTF-8", "CP1252", ... */
    int source;         /* enum sift_enc_source */
    size_t bom;         /* bytes of byte order mark at the start (0, 2 or 3), to skip */
    size_t at, len;     /* FROM_META / FROM_XML: the declared label's bytes in the page
                         * (0-based), for rewriting it; 0 and 0 otherwise */
    const char *declared; /* the declared (or the caller's) encoding when it was not used because
                           * the page is well-formed UTF-8 with non-ASCII in it; else NULL */
};

/* Looks a label up in the Encoding Standard's table, ignoring ASCII case and surrounding ASCII
 * white space ("latin1" -> "windows-1252", "x-sjis" -> "shift_jis"). Sets *name and *iconv (either
 * may be NULL) to static strings and returns SIFT_OK, or returns SIFT_EUNKNOWN for a label the
 * standard does not have or one this machine's iconv cannot decode. label is borrowed. */
SIFT_API int sift_encoding_label(const char *label, size_t len, const char **name, const char **iconv);

/* Finds the encoding of the page s[0..len) as the HTML standard's sniffing does: a byte order mark;
 * else the caller's label (given[0..given_len), NULL for none; ignored when unknown); else a
 * declaration found by the standard's prescan of the first 1024 bytes, which sift carries on to
 * the end of the <head> (at most 64 KiB) as browsers honour a later <meta charset> by re-reading
 * the page; else sift_detect_encoding's guess. A declared UTF-16 means UTF-8, as the standard
 * says (the bytes being ASCII-compatible). One departure from browsers: a page whose label or
 * declaration names a legacy encoding but whose bytes are well-formed UTF-8 with some non-ASCII
 * is read as UTF-8 (out->declared keeps the other name), since legacy text with bytes above 0x7F
 * is almost never well-formed UTF-8 and such pages are UTF-8 copies that kept an old <meta>.
 * Never fails; the page and label are borrowed. */
SIFT_API void sift_sniff_html(const char *s, size_t len, const char *given, size_t given_len,
                              struct sift_page_encoding *out);

/* ---- Unicode: case folding, word shapes, boundaries (src/unicode/unicode.c, breaks.c) ----------
 * Over UTF-8 text, after the tables of Unicode SIFT_UNICODE_VERSION; ill-formed bytes are never
 * rejected (each function says what becomes of them). Nothing is allocated: the output buffers
 * are the caller's, and none is 0-ended. */
#define SIFT_UNICODE_VERSION "15.0.0"

/* Full case folding (CaseFolding.txt, statuses C and F) of s[0..len) into out, which must hold
 * 3 * len bytes (no code point folds to more than three times its UTF-8 length); ill-formed bytes
 * are copied unchanged. Returns the length written. Borrows s. */
SIFT_API size_t sift_fold(const char *s, size_t len, char *out);

/* The shape of a word, as a tagger's feature: upper-case letters become X, other letters x,
 * decimal digits d, every other character stays itself; a run of the same shape character is cut
 * to 4 ("Jinping" -> "Xxxxx", "CPC" -> "XXX", "25th" -> "ddxx", "Mr." -> "Xx."). Combining marks
 * are dropped, ill-formed bytes become '?'. out must hold len bytes; returns the length written.
 * Borrows s. */
SIFT_API size_t sift_shape(const char *s, size_t len, char *out);

/* The boundaries of UAX #29 (Unicode Text Segmentation). */
enum sift_break_kind {
    SIFT_BREAK_GRAPHEME = 0, /* user-perceived characters */
    SIFT_BREAK_WORD,         /* words (and the spaces and punctuation between them) */
    SIFT_BREAK_SENTENCE      /* UAX #29's sentences (the news splitter is sift_sentences_*) */
};

/* The byte offset of the first boundary of kind after pos in s[0..len), reading s[pos] as if it
 * began the text (rule WB1/GB1/SB1). That is exact when pos is itself a boundary, so calling it
 * again from each result, from 0 until it returns len, walks every boundary of the text. Returns
 * len when pos >= len, and len + 1 (no boundary) when kind is not an enum sift_break_kind.
 * Ill-formed UTF-8 is read as U+FFFD, one maximal subpart at a time. Borrows s. */
SIFT_API size_t sift_break_next(enum sift_break_kind kind, const char *s, size_t len, size_t pos);

/* ---- the Porter stemmer (src/keywords/stem.c) ---------------------------------------------------
 * M. F. Porter's original algorithm ("An algorithm for suffix stripping", 1980), which the keywords
 * use to group inflections: "elections", "elected" and "election" all become "elect". */

/* Stems the word w[0..len) in place (the caller's, writable) and returns the stem's length, never
 * more than len: the stem is w[0..returned), not 0-ended. Only words made of the ASCII letters a-z
 * are stemmed; any other word (capitals, digits, apostrophes, non-ASCII letters) and words of one
 * or two letters come back unchanged. */
SIFT_API size_t sift_porter_stem(char *w, size_t len);

/* ---- entities (src/entities/tagger.c) -----------------------------------------------------------
 * The entity tagger: people, organisations, places, dates and numbers in a news text, linked
 * within the text ("Xi" and "President Xi" are the "Xi Jinping" of the first paragraph). */

/* Entity types, with OntoNotes' names (sift_entity_type_name); MISC holds CoNLL's miscellaneous
 * names that are neither a nationality nor an event (products, works, laws, languages). */
enum sift_entity_type {
    SIFT_ENT_NONE = 0,
    SIFT_ENT_PERSON,
    SIFT_ENT_NORP,     /* nationalities, religious and political groups */
    SIFT_ENT_FAC,      /* buildings, airports, bridges */
    SIFT_ENT_ORG,
    SIFT_ENT_GPE,      /* countries, cities, states */
    SIFT_ENT_LOC,      /* other places: seas, mountains, regions */
    SIFT_ENT_EVENT,
    SIFT_ENT_MISC,
    SIFT_ENT_DATE,
    SIFT_ENT_TIME,
    SIFT_ENT_PERCENT,
    SIFT_ENT_MONEY,
    SIFT_ENT_QUANTITY,
    SIFT_ENT_ORDINAL,
    SIFT_ENT_CARDINAL,
    SIFT_ENT__COUNT
};

/* "PERSON", "ORG", ...: a static string; NULL when type is out of range or SIFT_ENT_NONE. */
SIFT_API const char *sift_entity_type_name(int type);

/* The type named name[0..len) (exact, upper case; borrowed), or SIFT_ENT_NONE. */
SIFT_API int sift_entity_type_from_name(const char *name, size_t len);

/* The CoNLL-2003 class of a type: "PER", "ORG", "LOC", "MISC" (static strings), or NULL for the
 * numeric types and out of range. */
SIFT_API const char *sift_entity_type_conll(int type);

/* One mention of an entity. */
struct sift_entity {
    size_t i, j;           /* [i, j): 0-based byte offsets in the text */
    size_t role_i, role_j; /* the title before a person ("President"), or role_i == role_j */
    int type;              /* enum sift_entity_type */
    size_t cluster;        /* index of its canonical entity in sift_tag_result.clusters */
};

/* A canonical entity: the mentions of one thing in the text. */
struct sift_entity_cluster {
    const char *canon; /* its canonical name, in the text or in the allocator's memory, not 0-ended */
    size_t canon_len;
    int type;          /* enum sift_entity_type */
    size_t count;      /* mentions */
    size_t first;      /* index of the first mention in sift_tag_result.entities */
};

/* What sift_tag finds; the arrays are in the memory of the allocator it was given. */
struct sift_tag_result {
    struct sift_entity *entities; /* sorted by position, not overlapping */
    size_t n;
    struct sift_entity_cluster *clusters; /* in the order of their first mention */
    size_t nclusters;
};

/* A tagger with names of the caller's own (sift.tagger in Lua): names to be tagged with a given
 * type wherever they stand, and words that add to the built-in titles and organisation heads.
 * Names are matched token by token, case-folded. A tagger lives in one block of memory that the
 * caller provides (sift_tagger_size bytes) and frees: it holds hashes of the names, not the names,
 * and allocates nothing. sift_tag only reads it, so one tagger serves any number of calls.
 * Where a tagger is taken, NULL means the built-in lists alone. */
struct sift_tagger;

/* The most tokens a name may have. */
#define SIFT_TAGGER_MAX_TOKENS 255

/* The lists of words a tagger adds to (sift_tagger_add_word). */
enum sift_tagger_words {
    SIFT_TAGGER_TITLE = 1, /* a title or role before a person's name: "Commissioner", "Vice Premier" */
    SIFT_TAGGER_ORG_HEAD   /* the last word of an organisation's name: "Authority" */
};

/* The tokens of name[0..len) (borrowed) as the tagger counts them (sift_tokenizer_next's): what
 * the name adds to the ntokens of sift_tagger_size. 0 for a name that has none. */
SIFT_API size_t sift_tagger_name_tokens(const char *name, size_t len);

/* Bytes of memory for a tagger whose names have ntokens tokens in all. */
SIFT_API size_t sift_tagger_size(size_t ntokens);

/* Makes a tagger with no names yet in mem (caller-owned, sift_tagger_size(ntokens) bytes,
 * aligned as malloc's) and returns it (a pointer into mem). It lives as long as mem; there is
 * nothing else to free. */
SIFT_API struct sift_tagger *sift_tagger_init(void *mem, size_t ntokens);

/* Adds name[0..len) (borrowed, not kept), to be tagged as type (SIFT_ENT_PERSON to
 * SIFT_ENT_CARDINAL); the caller's names win over everything the tagger finds itself. Returns
 * SIFT_OK; SIFT_EINVALID when type is no type or the name has no token or more than
 * SIFT_TAGGER_MAX_TOKENS; SIFT_ETOOBIG when the tagger is full. A tagger made for ntokens takes
 * names of ntokens tokens in all; beyond that it may take more, or be full. A failure leaves the
 * tagger usable, perhaps with some prefixes of the name noted, which change no result. */
SIFT_API int sift_tagger_add_entity(struct sift_tagger *tagger, const char *name, size_t len, int type);

/* Adds name[0..len) (borrowed, not kept) to the list of words `list` (enum sift_tagger_words).
 * Returns as sift_tagger_add_entity (SIFT_EINVALID also for a list that is none of those). */
SIFT_API int sift_tagger_add_word(struct sift_tagger *tagger, int list, const char *name, size_t len);

/* Tags s[0..len) with tagger (borrowed; NULL: the built-in lists alone) and stores what it finds
 * in *out (the caller's struct). The arrays of *out, and the canonical names that are not in the
 * text, come from alloc (see sift_alloc_fn): they live until the caller drops its blocks, and
 * canonical names may point into s, which must outlive them. Returns SIFT_OK, or SIFT_ENOMEM
 * when alloc returned NULL (then *out is not to be read). */
SIFT_API int sift_tag(const struct sift_tagger *tagger, const char *s, size_t len, sift_alloc_fn alloc,
                      void *ud, struct sift_tag_result *out);

/* ---- keywords (src/keywords/analysis.c) ---------------------------------------------------------
 * The keywords of one text, scored and ranked as sift.keywords ranks them (docs/lua-api.md says
 * how): the words grouped by key (case folding, then the Porter stem: "Elections" and "elected"
 * give "elect"), and the phrases (names: runs of capitalised words; runs of two or three words
 * that recur). Not here, because it is the Lua module's: its built-in stop words, weak words and
 * British -> American spellings (Lua data, lua/sift/data/: a C caller gives its own word sets or
 * none), the article's parts (sift.keywords finds a headline; here the caller says where one
 * ends), the entities and the idf weights of a collection. */
enum sift_keywords_flags {
    SIFT_KEYWORDS_NO_PHRASES = 1u << 0, /* words only: no names, no recurring runs */
    SIFT_KEYWORDS_NO_PAIRS = 1u << 1    /* a text with fewer keywords than top is not topped up
                                         * with the pairs of adjacent words it says once */
};

/* A zeroed struct (or NULL) means the defaults. */
struct sift_keywords_opts {
    const struct sift_wordset *stop; /* stop words, case-folded (sift_fold); NULL: none */
    const struct sift_wordset *weak; /* keys of words seldom used as nouns ("said"), case-folded
                                      * and stemmed (sift_porter_stem): their score is quartered
                                      * when they are never written with a capital; NULL: none */
    size_t top;                      /* the most keywords to give; 0: 20 */
    unsigned min_count;              /* leave out keys and phrases said fewer times; 0: 1 */
    int max_words;                   /* the longest name, in words: 2 to 8; 0: 4 */
    size_t head_end;                 /* bytes of a headline at the top of the text, which starts
                                      * no name; 0: none */
    unsigned flags;                  /* enum sift_keywords_flags */
};

struct sift_keyword {
    const char *key;   /* its key (a phrase's: its words' keys joined by spaces), 0-ended */
    size_t key_len;
    const char *term;  /* how it shows, 0-ended: a word's most frequent written form, a phrase's
                        * first occurrence (with its first letter in lower case when that stands
                        * at a sentence start or in the headline, is no name, and its first word
                        * is mostly written so) */
    size_t term_len;
    size_t i, j;       /* [i, j): where term is written in the text */
    unsigned count;    /* its mentions */
    unsigned words;    /* 1 for a word, 2 to 8 for a phrase */
    double score;
};

/* The best keywords of s[0..len) (borrowed, not kept), best first: stores an array of them in *out
 * and their number (at most opts->top) in *n. The array and its strings come from alloc (see
 * sift_alloc_fn) and live until the caller drops its blocks; they do not point into s. The word
 * sets of opts are borrowed. Returns SIFT_OK; SIFT_EINVALID for a max_words out of range;
 * SIFT_ENOMEM when alloc returned NULL; SIFT_ETOOBIG for a text of 2^32 - 1 words or more
 * (*out NULL and *n 0 on failure). */
SIFT_API int sift_keywords(const char *s, size_t len, const struct sift_keywords_opts *opts,
                           sift_alloc_fn alloc, void *ud, struct sift_keyword **out, size_t *n);

#ifdef __cplusplus
}
#endif

#endif
