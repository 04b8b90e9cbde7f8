/*
 * html/myhtml_adapter.h - what the two files of the myhtml adapter share (html/myhtml.c: the
 * parse and its callbacks; html/myhtml_dom.c: the DOM written from myhtml's tree): the records
 * the callbacks keep about myhtml's nodes, the parse's state, and the DOM writer's functions.
 * Nothing else includes it, nor a myhtml header. A lexbor adapter replaces the three.
 */
#ifndef SIFT_HTML_MYHTML_ADAPTER_H
#define SIFT_HTML_MYHTML_ADAPTER_H

#include <stdlib.h>
#include <string.h>

#include <myhtml/myhtml.h>
#include <myhtml/callback.h>
#include <myhtml/tree.h>
#include <myhtml/token.h>
#include <mycore/utils/mcobject_async.h>

#include "html/dom.h"

struct piece {
    myhtml_token_node_t *tok;
    myhtml_tree_node_t *node;
    uint32_t src_i, src_j, len; /* its bytes in the page; the length of its decoded text */
    uint32_t next;              /* the next piece of the same text node, or SIFT_HTML_NONE */
};

/* What a myhtml node's data points to (index + 1, and the kind in the low bit): a text node's
 * pieces, or an element's record: its end tag, and its node in the DOM once it is there. */
struct text_rec {
    uint32_t first, last; /* pieces */
    size_t assigned;      /* the text length its pieces account for */
};
struct end_rec {
    uint32_t end_i, end_j;
    uint32_t id;     /* its DOM node + 1, when it went in while still open; else 0 */
    uint32_t chk;    /* a checkpoint's mark (html/myhtml.c) */
    uint8_t has_end; /* end_i, end_j are its end tag's */
};

struct build; /* html/myhtml_dom.c */

struct ctx {
    myhtml_tree_t *tree;
    const char *src;
    size_t len;
    struct piece *pieces;
    size_t n_pieces, cap_pieces, settled; /* pieces[settled..n_pieces) await their node */
    struct text_rec *texts;
    size_t n_texts, cap_texts;
    struct end_rec *ends;
    size_t n_ends, cap_ends;
    myhtml_token_node_t *end_tok; /* the end tag whose tree step ran last, */
    myhtml_tree_node_t *end_el;   /* the element it would close, */
    size_t end_at;                /* at that index of the stack */
    int failed;                   /* memory ran out in a callback */
    struct build *b;              /* the DOM being built */
    size_t every, next_check;     /* checkpoints: every this many bytes, the next one from there */
    myhtml_tree_node_t **pins;    /* (checkpoint) the nodes that must stay, sorted */
    size_t n_pins, cap_pins;
    uint32_t n_checks;            /* checkpoints so far (the marks of end_rec.chk) */
    myhtml_token_node_t *cur_tok; /* the token whose tree step runs next */
    myhtml_token_node_t *merge_tok[2];   /* the tokens of <html> and <body> as last seen, */
    myhtml_token_attr_t *merge_last[2];  /* and their last attribute then */
};

/* How often the parse stops to move what is finished into the DOM and free it from myhtml's tree
 * (a checkpoint, below): every this many bytes of the page. Below it a page is parsed whole and
 * then copied; above, the peak is the DOM and what is still open, not myhtml's whole tree
 * (about 7 bytes a byte of page) beside the whole DOM. */
#define CHECK_BYTES ((size_t)1 << 20)

#define DATA_TEXT 0u
#define DATA_END 1u

static inline void *data_of(size_t index, unsigned kind)
{
    return (void *)(uintptr_t)(((index + 1) << 1) | kind);
}

static inline int data_get(myhtml_tree_node_t *node, unsigned kind, size_t *index)
{
    uintptr_t d = (uintptr_t)myhtml_node_get_data(node);
    if (!d || (d & 1u) != kind)
        return 0;
    *index = (size_t)(d >> 1) - 1;
    return 1;
}

/* Room for one more of n items of size sz in *arr (of *cap); 0 when memory ran out. */
static inline int grow(void **arr, size_t *cap, size_t n, size_t sz)
{
    void *p;
    size_t c;
    if (n < *cap)
        return 1;
    c = *cap ? 2 * *cap : 256;
    if (c > SIZE_MAX / sz || !(p = realloc(*arr, c * sz)))
        return 0;
    *arr = p;
    *cap = c;
    return 1;
}


/* ---- html/myhtml.c ---- */

/* The record of element n (its end tag, its DOM node once it is written, a checkpoint's mark),
 * made with none of those when it has none yet; NULL when memory ran out, or when n is a text
 * node (whose data is its pieces). */
struct end_rec *sift_myhtml_rec_of(struct ctx *c, myhtml_tree_node_t *n);

/* ---- html/myhtml_dom.c: the DOM, written in document order --------------------------------- */

/* A DOM begun for the parse c (its document node 0); NULL when memory ran out. */
struct build *sift_myhtml_build_begin(struct ctx *c);

/* Frees b and the DOM in it; NULL is fine. */
void sift_myhtml_build_free(struct build *b);

/* Writes node root of myhtml's tree and all below it into b's DOM under parent (the document
 * node: its children under node 0). Elements that went in open are not written again: what they
 * hold now is. Returns 0 when memory ran out (b is then failed for good). */
int sift_myhtml_emit(struct build *b, myhtml_tree_node_t *root, uint32_t parent);

/* Writes element n into b's DOM under parent while it is open (a checkpoint's ancestor): its
 * start tag now, its end tag when the DOM is finished. Returns its node, or SIFT_HTML_NONE when
 * memory ran out. */
uint32_t sift_myhtml_add_open(struct build *b, myhtml_tree_node_t *n, uint32_t parent);

/* Writes the rest of myhtml's tree, places the implied tags and stores the DOM in *out; frees b
 * in any case. SIFT_OK, SIFT_ENOMEM or SIFT_ETOOBIG. */
enum sift_status sift_myhtml_build_end(struct build *b, struct sift_html_doc **out);

/* Why b failed: SIFT_ETOOBIG when the DOM outgrew its 32-bit indices, else SIFT_ENOMEM. */
enum sift_status sift_myhtml_build_status(const struct build *b);

#endif
