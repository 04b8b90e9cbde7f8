/*
 * extract/internal.h - what the files of the article extraction share: the work space of one
 * extraction (one record a node of the DOM) and the steps each file gives. article.c finds the
 * article (what is removed, the scores, the best candidate and its siblings), blocks.c turns the
 * nodes chosen into blocks of text, title.c finds the page's title.
 */
#ifndef SIFT_EXTRACT_INTERNAL_H
#define SIFT_EXTRACT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "extract/article.h"
#include "html/dom.h"

/* A node's flags in the work space. */
enum {
    EX_HIDDEN = 1u << 0,  /* never shown: removed with everything below it */
    EX_BOILER = 1u << 1,  /* boilerplate: removed with everything below it */
    EX_LINK = 1u << 2,    /* inside an <a href> */
    EX_BLOCK = 1u << 3,   /* a block-level element: text inside it is a block of its own */
    EX_MARKER = 1u << 4,  /* holds the article's marker (main, role=main, itemprop=articleBody) */
    EX_H1 = 1u << 5,      /* holds an <h1> */
    EX_SCORED = 1u << 6,  /* received a content score: a candidate */
    EX_TAKEN = 1u << 7,   /* a root of the article: the best candidate or a sibling that belongs */
    EX_DROPPED = 1u << 8, /* a container inside the article dropped for its links */
    EX_DATA = 1u << 9,    /* a data table (not one that lays a page out) */
    EX_NOTDATA = 1u << 10, /* holds what no data table holds: a table, a heading, a list */
    EX_INART = 1u << 11,  /* inside an <article>, <main> or the marker */
    EX_POS = 1u << 12,    /* its class or id names the article's content */
    EX_INTRO = 1u << 13   /* the article's standfirst: itemprop description, class intro, lead */
};

/* What the work space keeps of one node. Text lengths are in characters (code points) that are
 * not white space; "own" counts are those of the text whose nearest block is this node. */
struct ex_node {
    uint32_t chars, links, commas, own_chars, own_commas, own_links, ends;
    uint32_t last;  /* its last descendant (itself when it has none): its subtree is [id, last] */
    uint32_t owner; /* the nearest block-level element at or above it */
    uint32_t prose; /* the characters of the blocks below it that read as prose (own text of 50 or more, few links) */
    float score;
    uint16_t flags;
    uint8_t kind, level; /* the block kind its text has (enum sift_block_kind), a heading's level */
};

struct ex_work {
    const struct sift_html_doc *doc;
    const struct sift_extract_opts *opts;
    struct ex_node *n; /* one a node */
    uint32_t body;     /* the <body> (or the document) */
};

/* A growable byte buffer and block list: the article being made (blocks.c). */
struct ex_out {
    char *text;
    size_t len, cap;
    struct sift_block *blocks;
    size_t n_blocks, cap_blocks;
    int failed; /* memory ran out */
};

/* A block's kind while it is being made: or'ed with EX_LINKY when it is mostly a link (the
 * tidying decides). */
#define EX_LINKY 0x100

/* What sift_ex_classify finds in a class or id value. */
enum {
    CL_NEG = 1,     /* a boilerplate name */
    CL_POS = 2,     /* a name of the content */
    CL_HIDDEN = 4,  /* a class that hides it */
    CL_COMMENT = 8, /* a name of comments */
    CL_WEAKPOS = 16, /* a weak boilerplate word cancelled by a content word */
    CL_WEAK = 32,    /* a weak boilerplate word alone */
    CL_GATE = 64     /* a paywall's name: its notice, or the container of the gated text */
};

/* names.c: the CL_ bits of a class or id value v[0..len) (comments: comment words are not
 * boilerplate); whether s[0..len) is one of words (NULL-ended, lower case; ASCII case folded);
 * ASCII lower case. */
int sift_ex_classify(const char *v, size_t len, int comments);
#define SIFT_EX_NAMES_MAX 2048 /* the bytes of a class or id value read */
int sift_ex_in_list(const char *s, size_t len, const char *const *words);
int sift_ex_lower(int c);

/* blocks.c: after the blocks are made, drops the same short text three times or more and the
 * headings that head nothing, rebuilding the text in place. */
void sift_ex_tidy(struct ex_out *o);

/* blocks.c: appends the blocks of the subtree of root (nodes that are hidden, boilerplate or
 * dropped left out) to out. */
void sift_ex_emit(const struct ex_work *w, uint32_t root, struct ex_out *out);

/* title.c: the page's title into a new malloc'd 0-ended string (*len its length), NULL when memory
 * ran out. */
char *sift_ex_title(const struct sift_html_doc *doc, size_t *len);

/* UTF-8 helpers (blocks.c): how many characters of s[0..len) are not white space, and how many are
 * commas and sentence ends (in any script). */
void sift_ex_count(const char *s, size_t len, uint32_t *chars, uint32_t *commas, uint32_t *ends);

#endif
