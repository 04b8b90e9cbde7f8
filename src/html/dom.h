/*
 * html/dom.h - the engine's own view of an HTML page: a tree in flat arrays, built by an HTML5
 * parser behind one adapter file (html/myhtml.c today; moving to lexbor is writing one file like
 * it), so that nothing else in the engine sees the parser.
 *
 * A document is nodes 0..n-1, node 0 the document itself; each node has its parent, first and
 * last child and next sibling as indices (SIFT_HTML_NONE for none), in document order. An
 * element has a tag from enum sift_html_tag (SIFT_TAG_UNKNOWN, with its name kept, for others and
 * for SVG and MathML elements below <svg> and <math>) and attributes; a text, comment or doctype
 * node has its text (character references decoded, as the HTML standard's tokenizer decodes
 * them).
 *
 * Source offsets: 0-based byte offsets into the caller's UTF-8, half-open [i, j), for splicing
 * into the page's bytes:
 *   - an element's start tag is [src_i, src_j) ("<p class=x>"), its end tag [end_i, end_j)
 *     ("</p>"). An element with no start tag in the page (the <html>, <head>, <body> and <tbody>
 *     the standard implies, the copies it makes of misnested formatting elements, the <p> of a
 *     stray "</p>") has SIFT_HTML_IMPLIED_START and src_i == src_j where its content begins; one
 *     that no end tag of its own closed (closed by another tag, by the end of the page, or void)
 *     has SIFT_HTML_IMPLIED_END and end_i == end_j where its content ends;
 *   - a text node's bytes are [src_i, src_j): the page's bytes that its text came from, so that
 *     "&amp;" in the page is "&" in the text and 5 bytes of source. The parser joins the text
 *     that the standard puts together (around a stray end tag it ignores, say: "a</span>b" is the
 *     text "ab"); the DOM keeps one text node per run of source bytes, so that each one's bytes
 *     are exactly its text's source. A text node whose source the adapter could not follow
 *     exactly has SIFT_HTML_APPROX (its span is then from its first to its last byte);
 *   - a comment or doctype is its whole construct, "<!-- ... -->";
 *   - the document is [0, 0) and its end [len, len).
 *
 * Limits: a page of up to UINT32_MAX - 1 bytes. Elements nested deeper than SIFT_HTML_MAX_DEPTH
 * become siblings of the deepest one instead of its children, as browsers do (Blink at 512), so
 * that no step of the parser scans a stack as deep as a hostile page makes it; real pages nest
 * far less (at most 42 deep on the 1120 pages of ../shared/data/web-pages). Memory: the DOM holds about
 * 56 bytes a node, 32 an attribute and the decoded text (at most 3 bytes of text a byte of page).
 * The parser's own tree (about 7 bytes a byte of page for myhtml) is freed as the DOM is written,
 * every MB of the page, where the tree construction can no longer change it (html/myhtml.c): a
 * 100 MB page peaks at 6.8 times its size in sift.extract (tests/hostile/extract_memory.sh),
 * except under an element that stays open through it (a table, a formatting element, SVG).
 *
 * Ownership: sift_html_parse allocates the document with malloc (the parser allocates its own
 * memory too, and frees it before returning) and the caller frees it with sift_html_free. The
 * document holds copies of everything it needs: the caller's buffer may be freed once
 * sift_html_parse returns. Every pointer an accessor returns points into the document and lives
 * as long as it. Nothing is shared between documents: parses may run in parallel threads.
 */
#ifndef SIFT_HTML_DOM_H
#define SIFT_HTML_DOM_H

#include <stddef.h>
#include <stdint.h>

#include "sift.h" /* enum sift_status, SIFT_API */

#define SIFT_HTML_NONE UINT32_MAX
#define SIFT_HTML_MAX_DEPTH 512

enum sift_html_kind {
    SIFT_HTML_DOCUMENT = 0,
    SIFT_HTML_ELEMENT,
    SIFT_HTML_TEXT,
    SIFT_HTML_COMMENT,
    SIFT_HTML_DOCTYPE
};

enum sift_html_ns {
    SIFT_NS_HTML = 0,
    SIFT_NS_SVG,
    SIFT_NS_MATHML,
    SIFT_NS_OTHER
};

enum sift_html_flags {
    SIFT_HTML_IMPLIED_START = 1u << 0, /* no start tag in the page: src_i == src_j */
    SIFT_HTML_IMPLIED_END = 1u << 1,   /* no end tag of its own: end_i == end_j */
    SIFT_HTML_APPROX = 1u << 2         /* a text node whose span is not exactly its source */
};

/* The tag names the engine knows: the HTML standard's elements and the obsolete ones that pages
 * still hold, in byte order of their names (sift_html_tag_by_name searches the table built from
 * this list: tests/c/test_html.c checks the order). */
#define SIFT_HTML_TAGS(X) \
    X(A, "a") X(ABBR, "abbr") X(ACRONYM, "acronym") X(ADDRESS, "address") X(APPLET, "applet") \
    X(AREA, "area") X(ARTICLE, "article") X(ASIDE, "aside") X(AUDIO, "audio") X(B, "b") \
    X(BASE, "base") X(BASEFONT, "basefont") X(BDI, "bdi") X(BDO, "bdo") X(BGSOUND, "bgsound") \
    X(BIG, "big") X(BLINK, "blink") X(BLOCKQUOTE, "blockquote") X(BODY, "body") X(BR, "br") \
    X(BUTTON, "button") X(CANVAS, "canvas") X(CAPTION, "caption") X(CENTER, "center") \
    X(CITE, "cite") X(CODE, "code") X(COL, "col") X(COLGROUP, "colgroup") X(DATA, "data") \
    X(DATALIST, "datalist") X(DD, "dd") X(DEL, "del") X(DETAILS, "details") X(DFN, "dfn") \
    X(DIALOG, "dialog") X(DIR, "dir") X(DIV, "div") X(DL, "dl") X(DT, "dt") X(EM, "em") \
    X(EMBED, "embed") X(FIELDSET, "fieldset") X(FIGCAPTION, "figcaption") X(FIGURE, "figure") \
    X(FONT, "font") X(FOOTER, "footer") X(FORM, "form") X(FRAME, "frame") \
    X(FRAMESET, "frameset") X(H1, "h1") X(H2, "h2") X(H3, "h3") X(H4, "h4") X(H5, "h5") \
    X(H6, "h6") X(HEAD, "head") X(HEADER, "header") X(HGROUP, "hgroup") X(HR, "hr") \
    X(HTML, "html") X(I, "i") X(IFRAME, "iframe") X(IMAGE, "image") X(IMG, "img") \
    X(INPUT, "input") X(INS, "ins") X(ISINDEX, "isindex") X(KBD, "kbd") X(KEYGEN, "keygen") \
    X(LABEL, "label") X(LEGEND, "legend") X(LI, "li") X(LINK, "link") X(LISTING, "listing") \
    X(MAIN, "main") X(MAP, "map") X(MARK, "mark") X(MARQUEE, "marquee") X(MATH, "math") \
    X(MENU, "menu") X(MENUITEM, "menuitem") X(META, "meta") X(METER, "meter") X(NAV, "nav") \
    X(NOBR, "nobr") X(NOEMBED, "noembed") X(NOFRAMES, "noframes") X(NOSCRIPT, "noscript") \
    X(OBJECT, "object") X(OL, "ol") X(OPTGROUP, "optgroup") X(OPTION, "option") \
    X(OUTPUT, "output") X(P, "p") X(PARAM, "param") X(PICTURE, "picture") \
    X(PLAINTEXT, "plaintext") X(PRE, "pre") X(PROGRESS, "progress") X(Q, "q") X(RB, "rb") \
    X(RP, "rp") X(RT, "rt") X(RTC, "rtc") X(RUBY, "ruby") X(S, "s") X(SAMP, "samp") \
    X(SCRIPT, "script") X(SEARCH, "search") X(SECTION, "section") X(SELECT, "select") \
    X(SLOT, "slot") X(SMALL, "small") X(SOURCE, "source") X(SPAN, "span") X(STRIKE, "strike") \
    X(STRONG, "strong") X(STYLE, "style") X(SUB, "sub") X(SUMMARY, "summary") X(SUP, "sup") \
    X(SVG, "svg") X(TABLE, "table") X(TBODY, "tbody") X(TD, "td") X(TEMPLATE, "template") \
    X(TEXTAREA, "textarea") X(TFOOT, "tfoot") X(TH, "th") X(THEAD, "thead") X(TIME, "time") \
    X(TITLE, "title") X(TR, "tr") X(TRACK, "track") X(TT, "tt") X(U, "u") X(UL, "ul") \
    X(VAR, "var") X(VIDEO, "video") X(WBR, "wbr") X(XMP, "xmp")

enum sift_html_tag {
    SIFT_TAG_UNKNOWN = 0, /* not in the list, or a foreign element: its name is kept */
#define SIFT_HTML_TAG_ENUM(id, name) SIFT_TAG_##id,
    SIFT_HTML_TAGS(SIFT_HTML_TAG_ENUM)
#undef SIFT_HTML_TAG_ENUM
    SIFT_TAG__COUNT
};

/* One node. The fields are read directly; the adapter fills them. */
struct sift_html_node {
    uint32_t parent, first_child, last_child, next_sibling; /* indices, or SIFT_HTML_NONE */
    uint16_t tag;                                           /* enum sift_html_tag (elements) */
    uint8_t kind;                                           /* enum sift_html_kind */
    uint8_t ns;                                             /* enum sift_html_ns (elements) */
    uint32_t flags;                                         /* enum sift_html_flags */
    uint32_t str, str_len; /* text of a text, comment or doctype node; an unknown element's name */
    uint32_t attr, n_attr; /* the element's attributes: attrs[attr .. attr + n_attr) */
    uint32_t src_i, src_j; /* start tag, text, comment or doctype bytes (see above) */
    uint32_t end_i, end_j; /* an element's end tag bytes */
};

/* One attribute: its name (lower case) and value (character references decoded), both in the
 * document's strings, and where the value's bytes are in the page, without quotes (an attribute
 * without a value has value_i == value_j, just after its name). */
struct sift_html_attr {
    uint32_t name, name_len, value, value_len;
    uint32_t name_i, name_j, value_i, value_j;
};

/* The document: its fields belong to dom.c and the adapter; read it through the functions below.
 * Every string of strings is followed by a 0 byte. */
struct sift_html_doc {
    struct sift_html_node *nodes;
    struct sift_html_attr *attrs;
    char *strings;
    uint32_t n_nodes, n_attrs;
    size_t n_strings;
    size_t src_len; /* the length of the page it was parsed from */
};

/* Parses utf8[0..len) (borrowed, not kept; UTF-8, and any bytes are safe: ill-formed ones become
 * U+FFFD in the text, as NUL bytes do) as a whole HTML page with the HTML standard's tree
 * construction, and stores in *out a new document that the caller frees with sift_html_free.
 * Returns SIFT_OK; SIFT_ENOMEM when memory ran out (the parser's or the DOM's); SIFT_ETOOBIG for
 * a page of UINT32_MAX bytes or more. On failure *out is NULL and nothing is left allocated.
 * Defined by the adapter (html/myhtml.c). */
enum sift_status sift_html_parse(const char *utf8, size_t len, struct sift_html_doc **out);

/* sift_html_parse with a checkpoint (html/myhtml.c: what is finished goes into the DOM and out of
 * the parser's tree) every `every` bytes of the page instead of every MB; 0 for none. The DOM is
 * the same whatever `every` is: the tests and fuzz_html check it. */
enum sift_status sift_html_parse_every(const char *utf8, size_t len, size_t every, struct sift_html_doc **out);

/* Whether a and b are the same DOM: node for node, each one's fields, text, name and attributes
 * (not where these lie in the arrays). */
int sift_html_equal(const struct sift_html_doc *a, const struct sift_html_doc *b);

/* Frees doc and everything in it; NULL is fine. */
void sift_html_free(struct sift_html_doc *doc);

/* How many nodes doc has, the document node 0 included. */
uint32_t sift_html_count(const struct sift_html_doc *doc);

/* Node id of doc (id < sift_html_count), pointing into doc; NULL when id is out of range. */
const struct sift_html_node *sift_html_node(const struct sift_html_doc *doc, uint32_t id);

/* The text of node id (a text node's text, a comment's, a doctype's name) and its length in
 * *len: 0-ended, pointing into doc; "" for other nodes. */
const char *sift_html_text(const struct sift_html_doc *doc, uint32_t id, size_t *len);

/* The lower-case tag name of element id ("p", or an unknown tag's own name), in *len its
 * length: 0-ended, static or pointing into doc; "" when id is no element. */
const char *sift_html_name(const struct sift_html_doc *doc, uint32_t id, size_t *len);

/* Attribute k (from 0) of element id, pointing into doc; NULL past the last one. */
const struct sift_html_attr *sift_html_attr(const struct sift_html_doc *doc, uint32_t id, uint32_t k);

/* The value of element id's attribute name[0..name_len) (lower case; borrowed), 0-ended and
 * pointing into doc, its length in *len; NULL (and *len 0) when the element has none. */
const char *sift_html_attr_value(const struct sift_html_doc *doc, uint32_t id, const char *name,
                                 size_t name_len, size_t *len);

/* The string at offset off of doc's strings (an attribute's name or value): 0-ended, in doc. */
const char *sift_html_string(const struct sift_html_doc *doc, uint32_t off);

/* The tag called name[0..len) (lower case; borrowed), or SIFT_TAG_UNKNOWN. */
int sift_html_tag_by_name(const char *name, size_t len);

/* The name of tag ("p"): a static string; NULL for SIFT_TAG_UNKNOWN and out of range. */
const char *sift_html_tag_name(int tag);

/* ---- the walk: every node under a root in document order, without recursion ----------------
 * Each node gives SIFT_HTML_ENTER; the document and elements give SIFT_HTML_LEAVE too, after
 * their children. The state is the caller's (a local); it holds nothing to free. */
enum sift_html_event {
    SIFT_HTML_ENTER = 1,
    SIFT_HTML_LEAVE = 2
};

struct sift_html_walk {
    const struct sift_html_doc *doc;
    unsigned depth; /* of the node just given: 0 for the root */
    /* private */
    uint32_t root, node, last;
    unsigned next_depth;
    int state;
};

/* Starts w over the subtree of root (0: the whole document); borrows doc. */
void sift_html_walk_init(struct sift_html_walk *w, const struct sift_html_doc *doc, uint32_t root);

/* Stores the next node in *id and its event in *event and returns 1, or returns 0 at the end. */
int sift_html_walk_next(struct sift_html_walk *w, uint32_t *id, int *event);

/* Called after an ENTER: the walk does not go into that node's children; its LEAVE comes next
 * (for an element). */
void sift_html_walk_skip(struct sift_html_walk *w);

#endif
