/*
 * extract/jsonld.h - a small JSON reader and what the page metadata takes from JSON-LD
 * (<script type="application/ld+json">, schema.org).
 *
 * The reader (struct sift_json) is a pull parser over one buffer: no allocation, no recursion, a
 * fixed stack of SIFT_JSON_MAX_DEPTH containers (deeper input is an error), linear time. It checks
 * the grammar as it goes (a value where a value may be, commas and colons in their places) and
 * gives SIFT_JSON_ERROR at the first byte that breaks it; what it gave before stays valid.
 *
 * sift_jsonld_read reads one script with it and keeps the spans (into the script's text, still
 * JSON-escaped: sift_json_unescape decodes them) of the best item it holds: the first of an
 * article type (Article, NewsArticle, BlogPosting, ReportageNewsArticle, ... : the types
 * Readability.js takes, and their kin), else the first of a page type (WebPage, ItemPage,
 * AboutPage, ...), with its authors (strings, Person or Organization objects, arrays of them), its
 * publisher's name, its image (a string, an ImageObject, an array) and the rest; items of @graph
 * arrays and of a top-level array count as top-level items. The name of a top-level WebSite or
 * Organization is kept apart, as a site name for when no item has a publisher.
 */
#ifndef SIFT_EXTRACT_JSONLD_H
#define SIFT_EXTRACT_JSONLD_H

#include <stddef.h>
#include <stdint.h>

#define SIFT_JSON_MAX_DEPTH 32

enum sift_json_tok {
    SIFT_JSON_END = 0, /* the value is complete (trailing white space only) */
    SIFT_JSON_ERROR,
    SIFT_JSON_OBJ,     /* { */
    SIFT_JSON_OBJ_END, /* } */
    SIFT_JSON_ARR,     /* [ */
    SIFT_JSON_ARR_END, /* ] */
    SIFT_JSON_KEY,     /* an object's key: span of the string's bytes, without quotes */
    SIFT_JSON_STR,     /* a string value: likewise */
    SIFT_JSON_NUM,     /* a number: its bytes */
    SIFT_JSON_LIT      /* true, false, null: its bytes */
};

struct sift_json {
    const char *s;
    size_t len, pos;
    unsigned depth;
    int expect; /* private: what may come next */
    unsigned char stack[SIFT_JSON_MAX_DEPTH];
};

/* Starts j over s[0..len) (borrowed). */
void sift_json_init(struct sift_json *j, const char *s, size_t len);

/* The next token; for KEY, STR, NUM and LIT its bytes are s[*i .. *i + *n). After END or ERROR
 * every call gives the same again. */
int sift_json_next(struct sift_json *j, size_t *i, size_t *n);

/* The container the last token is in: '{', '[' or 0 (top level); the depth is j->depth. */
int sift_json_in(const struct sift_json *j);

/* Decodes the JSON string bytes s[0..n) (escapes, \u with surrogate pairs; a lone surrogate or a
 * bad escape gives U+FFFD) into out[0..cap), stopping before a character that would not fit;
 * returns the bytes written. No 0 is added. */
size_t sift_json_unescape(const char *s, size_t n, char *out, size_t cap);

/* ---- JSON-LD ---- */
#define SIFT_JSONLD_MAX_AUTHORS 8

struct sift_jsonld_span {
    uint32_t i, n; /* bytes of the script's text, JSON-escaped; n == 0: none */
};

enum sift_jsonld_kind {
    SIFT_JSONLD_NONE = 0,
    SIFT_JSONLD_PAGE,   /* WebPage and kin */
    SIFT_JSONLD_ARTICLE /* Article and kin */
};

struct sift_jsonld {
    int kind; /* enum sift_jsonld_kind of the item kept */
    struct sift_jsonld_span headline, name, published, modified, description, section, url, image,
        lang, publisher, site; /* site: a top-level WebSite's or Organization's name */
    struct sift_jsonld_span created; /* dateCreated, uploadDate: for when nothing gives a published date */
    struct sift_jsonld_span authors[SIFT_JSONLD_MAX_AUTHORS];
    unsigned n_authors;
    struct sift_jsonld_span creators[SIFT_JSONLD_MAX_AUTHORS]; /* "creator": for when nothing names an author */
    unsigned n_creators;
    int error; /* 1 when the script is not well-formed JSON (what came before it is kept) */
};

/* Reads the JSON-LD script s[0..len) (borrowed; the spans of *out point into it) into *out,
 * zeroed first. Leading "<!--", "<![CDATA[" and "//" comments are skipped. */
void sift_jsonld_read(const char *s, size_t len, struct sift_jsonld *out);

#endif
