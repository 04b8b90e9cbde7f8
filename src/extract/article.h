/*
 * extract/article.h - the main article of a parsed web page (html/dom.h), as blocks of text in
 * reading order: headings (with their level), paragraphs, list items, quotes, captions, table rows
 * and code, each with its text as a browser renders it (white space collapsed, <br> a newline)
 * and the bytes of the page it came from.
 *
 * How (article.c, blocks.c):
 *   1. what a reader never sees goes: script, style, noscript, template, svg, form controls,
 *      elements with the hidden attribute, aria-hidden="true", display:none or visibility:hidden
 *      in their style;
 *   2. boilerplate goes: nav, aside, footer, form, the header that is not an article's, and the
 *      elements whose role, class or id name navigation, menus, footers, side bars, comments,
 *      related links, share and subscribe boxes, cookie and consent notices, paywalls, ads,
 *      breadcrumbs, bylines and "read more" teasers. Class and id names are cut into words
 *      (at '-', '_', spaces and camelCase humps), and compared word by word, never as substrings:
 *      "header" must not catch "subheader" nor "ad" catch "shadow" or "download"; and a word that
 *      only places an element ("header") is outweighed by one that names the article in the same
 *      class name ("article-header" is the article's own header, "site-header" is not). An element
 *      that holds the article's marker (<main>, role=main, itemprop=articleBody) or half of the
 *      page's text is never removed so: a page wrapped whole in <form> or in
 *      <div class="has-sidebar"> keeps its article;
 *   3. candidates are scored as Readability does, with nothing that depends on the page's
 *      language: each run of text of 25 characters or more that a block holds scores 1, one for
 *      each comma (',', '،', '、', '，') and one for each 100 characters (at most 3), added to the
 *      block's parent, half to its grandparent and a third of a level to the three above; a
 *      candidate's score gets its tag's weight, its class and id names' (+25 article, content,
 *      ...; -25 the boilerplate words that did not remove it), bonuses for <article>, <main>,
 *      role=main and itemprop=articleBody, and is scaled by 1 - its link density;
 *   4. the best candidate is taken (or its parent, when it scores more), with the siblings that
 *      belong to it: those that score a fifth of it, those with its class, and paragraphs of
 *      prose (long with few links, or short ending a sentence without links);
 *   5. inside it, containers that are mostly links (lists of related stories, tag clouds) go.
 *
 * Time and memory are linear in the page: every step is a loop over the nodes (the DOM's nodes
 * are in document order, a parent before its children, so one loop forward goes top-down and one
 * loop backward bottom-up) or the DOM's iterative walk; nothing recurses. The work space is about
 * 40 bytes a node, and the result holds the text (at most the page's text and 3 bytes a block).
 */
#ifndef SIFT_EXTRACT_ARTICLE_H
#define SIFT_EXTRACT_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "html/dom.h"

enum sift_block_kind {
    SIFT_BLOCK_HEADING = 0, /* h1-h6: level 1-6 */
    SIFT_BLOCK_PARAGRAPH,
    SIFT_BLOCK_LIST_ITEM, /* li, dt, dd */
    SIFT_BLOCK_QUOTE,     /* what a blockquote holds */
    SIFT_BLOCK_CAPTION,   /* figcaption, a table's caption */
    SIFT_BLOCK_TABLE_ROW, /* a data table's row: its cells separated by tabs */
    SIFT_BLOCK_CODE,      /* pre: its white space kept */
    SIFT_BLOCK__COUNT
};

/* One block: its text is text[i .. i + len) of the article (no white space at either end), and it
 * came from the page's bytes [src_i, src_j) (0-based, half-open): the element it is when it is one
 * whole element (a <p> with its tags), else the first to the last byte of its text. */
struct sift_block {
    int kind;  /* enum sift_block_kind */
    int level; /* 1-6 for a heading, else 0 */
    size_t i, len;
    size_t src_i, src_j;
};

enum sift_extract_scope {
    SIFT_EXTRACT_ARTICLE = 0, /* the main article */
    SIFT_EXTRACT_PAGE         /* every visible block of the page */
};

struct sift_extract_opts {
    int scope;    /* enum sift_extract_scope */
    int tables;   /* nonzero: a data table's rows are blocks; zero: data tables are left out */
    int comments; /* nonzero: comment sections are not removed as boilerplate */
};

/* The article: blocks in reading order, and the text of them all, joined by a blank line ("\n\n"),
 * 0-ended. title: the page's title (og:title, else <title>, else the first <h1>), "" when it has
 * none; its site's suffix cut when the first <h1> shows what it is ("Storm hits coast | Daily
 * News" with <h1>Storm hits coast</h1>). found: nonzero when an article was found. */
struct sift_article {
    struct sift_block *blocks;
    size_t n_blocks;
    char *text;
    size_t text_len;
    char *title;
    size_t title_len;
    int found;
};

/* Fills *out with a new article of doc (borrowed; opts NULL for the defaults: the article, tables
 * kept, comments removed), that the caller frees with sift_article_free. A page without an article
 * gives no blocks and found == 0: not an error. Returns SIFT_OK, or SIFT_ENOMEM (then *out is NULL
 * and nothing is left allocated). */
enum sift_status sift_extract_article(const struct sift_html_doc *doc, const struct sift_extract_opts *opts,
                                      struct sift_article **out);

/* Frees a and everything in it; NULL is fine. */
void sift_article_free(struct sift_article *a);

/* The name of a block kind ("heading", "paragraph", "list_item", "quote", "caption", "table_row",
 * "code"), or NULL out of range. */
const char *sift_block_kind_name(int kind);

#endif
