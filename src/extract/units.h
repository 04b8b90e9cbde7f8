/*
 * extract/units.h - what a translator translates in a web page, and where it lies in the page's
 * bytes, so that a translation can be spliced back into the page without re-writing the rest.
 *
 * A unit is either
 *   - a run of text (SIFT_UNIT_TEXT): the text of a block (a paragraph, a heading, a list item, a
 *     cell, a link of a menu, the <title>) with its inline markup (a, b, em, span, br, img, ...)
 *     kept as codes: each code is the page's bytes of one start tag, end tag or empty element, at a
 *     place in the text. White space is collapsed as a browser shows it (a run of ASCII white space
 *     is one space; none at either end of the unit, but next to a code that stands for words, such
 *     as <code>, which keeps the space between it and the text); a <br> counts as white space;
 *   - an attribute's value (SIFT_UNIT_ATTRIBUTE): alt, title, placeholder, aria-label, label (of
 *     <option> and <optgroup>; a <track>'s inside a <video> is not reached), the
 *     value of a button's <input>, and the content of the <meta> elements that describe the page
 *     (description, keywords, og:title, og:description, twitter:title, ...).
 *
 * Never offered, and kept in the page as they are: scripts, styles, templates, code (pre, code,
 * kbd, samp), embedded content (svg, math, iframe, object, video, ...), form fields' contents, and
 * every element with translate="no" or the class "notranslate" with what it holds. Inside a run
 * of text such an element is one code (its whole bytes), that the translator moves but never sees
 * the inside of; so are comments and the bytes the parser dropped (a stray end tag).
 *
 * Lossless: a text unit's codes and texts tile its bytes [src_i, src_j): writing its codes' bytes
 * and its text (escaped) in order gives the page's markup around the text, so a merge replaces
 * [src_i, src_j) by the translation and its codes. An attribute unit's bytes are its value,
 * without quotes; `escape` says how text must be escaped there. A code inside a unit's bytes may
 * hold an attribute unit (a link's title): the merge writes the translated attribute in it.
 *
 * Codes come in pairs (an element's start and end tags, both in the unit: `partner`) or alone (an
 * empty element, a start tag whose end is elsewhere, an opaque element). The pairs nest.
 *
 * Ownership: sift_page_units allocates the result; the caller frees it with sift_units_free.
 */
#ifndef SIFT_EXTRACT_UNITS_H
#define SIFT_EXTRACT_UNITS_H

#include <stddef.h>
#include <stdint.h>

#include "html/dom.h"

enum sift_unit_kind {
    SIFT_UNIT_TEXT = 0,
    SIFT_UNIT_ATTRIBUTE
};

/* How the translated text of a unit is written in the page. */
enum sift_unit_escape {
    SIFT_ESCAPE_TEXT = 0, /* text of an element: & and < as references */
    SIFT_ESCAPE_DOUBLE,   /* an attribute value in "...": & and " */
    SIFT_ESCAPE_SINGLE,   /* in '...': & and ' */
    SIFT_ESCAPE_UNQUOTED  /* unquoted: & and every character that would end the value */
};

enum sift_code_kind {
    SIFT_CODE_OPEN = 0, /* the start tag of a pair */
    SIFT_CODE_CLOSE,    /* the end tag of a pair */
    SIFT_CODE_EMPTY     /* a code alone */
};

struct sift_code {
    int kind;              /* enum sift_code_kind */
    uint32_t at;           /* the bytes of the unit's text before it */
    uint32_t src_i, src_j; /* its bytes in the page, 0-based, half-open */
    uint32_t partner;      /* the other half of a pair (index in the unit's codes), or SIFT_HTML_NONE */
    uint32_t node;         /* the DOM node it comes from; SIFT_HTML_NONE for bytes of no node */
};

struct sift_unit {
    int kind;              /* enum sift_unit_kind */
    int escape;            /* enum sift_unit_escape */
    uint32_t node;         /* the block's element (a text unit), or the attribute's element */
    uint32_t attr;         /* an attribute unit's attribute: sift_html_attr(doc, node, attr) */
    size_t text, len;      /* its text: units->text[text .. text + len) */
    uint32_t src_i, src_j; /* its bytes in the page, 0-based, half-open */
    size_t code, n_codes;  /* its codes: units->codes[code .. code + n_codes) */
};

struct sift_units {
    struct sift_unit *units; /* in the order of their bytes in the page */
    size_t n_units;
    struct sift_code *codes;
    size_t n_codes;
    char *text;
    size_t text_len;
    uint32_t html;           /* the <html> element when the page has its start tag, else NONE */
    uint32_t lang_i, lang_j; /* the bytes of its lang attribute's value; NONE when it has none */
    int no_article;          /* SIFT_EXTRACT_ARTICLE found no article: every unit is kept */
};

/* The units of doc, parsed from page[0..len) (both borrowed: the page is read for the quotes
 * around attribute values and the white space at a unit's ends). scope: SIFT_EXTRACT_PAGE for
 * every unit, SIFT_EXTRACT_ARTICLE (extract/article.h) for the article sift_extract_article finds,
 * with the page's <title> and its description: the text units that meet one of the article's
 * blocks, the attribute units from its first block to its last, and the <meta> units (a page without
 * an article keeps every unit, and says so in no_article). Stores the
 * result in *out; returns SIFT_OK or SIFT_ENOMEM (then *out is NULL). */
enum sift_status sift_page_units(const struct sift_html_doc *doc, const char *page, size_t len, int scope,
                                 struct sift_units **out);

/* Frees u and everything in it; NULL is fine. */
void sift_units_free(struct sift_units *u);

#endif
