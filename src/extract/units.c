/*
 * extract/units.c - the translation units of a web page (units.h): one walk over the DOM that
 * gathers runs of inline content between block boundaries, then cuts each run to the text and the
 * codes a translator needs.
 */
#include <stdlib.h>
#include <string.h>

#include "extract/article.h"
#include "extract/units.h"

#define NONE SIFT_HTML_NONE

/* How an element takes part in a run of text. */
enum role {
    R_BLOCK = 0, /* a boundary: the run before it and the run inside it are units of their own */
    R_INLINE,    /* its tags are codes inside the run */
    R_OPAQUE,    /* one code, start tag to end tag: nothing inside is offered */
    R_SKIP       /* a boundary whose content is not offered (pre) */
};

static unsigned char roles[SIFT_TAG__COUNT];

static void init_roles(void)
{
    static const int inline_tags[] = {
        SIFT_TAG_A, SIFT_TAG_ABBR, SIFT_TAG_ACRONYM, SIFT_TAG_B, SIFT_TAG_BDI, SIFT_TAG_BDO, SIFT_TAG_BIG,
        SIFT_TAG_BLINK, SIFT_TAG_BR, SIFT_TAG_BUTTON, SIFT_TAG_CITE, SIFT_TAG_DATA, SIFT_TAG_DEL, SIFT_TAG_DFN,
        SIFT_TAG_EM, SIFT_TAG_FONT, SIFT_TAG_I, SIFT_TAG_IMG, SIFT_TAG_IMAGE, SIFT_TAG_INPUT, SIFT_TAG_INS,
        SIFT_TAG_LABEL, SIFT_TAG_MARK, SIFT_TAG_NOBR, SIFT_TAG_Q, SIFT_TAG_RB, SIFT_TAG_RP, SIFT_TAG_RT,
        SIFT_TAG_RTC, SIFT_TAG_RUBY, SIFT_TAG_S, SIFT_TAG_SMALL, SIFT_TAG_SPAN, SIFT_TAG_STRIKE,
        SIFT_TAG_STRONG, SIFT_TAG_SUB, SIFT_TAG_SUP, SIFT_TAG_TIME, SIFT_TAG_TT, SIFT_TAG_U, SIFT_TAG_VAR,
        SIFT_TAG_WBR, SIFT_TAG_METER, SIFT_TAG_OUTPUT, SIFT_TAG_PROGRESS, SIFT_TAG_PICTURE, SIFT_TAG_SOURCE,
        SIFT_TAG_MAP, SIFT_TAG_AREA, SIFT_TAG_SLOT, SIFT_TAG_UNKNOWN,
    };
    static const int opaque_tags[] = {
        SIFT_TAG_CODE, SIFT_TAG_KBD, SIFT_TAG_SAMP, SIFT_TAG_SCRIPT, SIFT_TAG_STYLE, SIFT_TAG_TEMPLATE,
        SIFT_TAG_NOSCRIPT, SIFT_TAG_SVG, SIFT_TAG_MATH, SIFT_TAG_IFRAME, SIFT_TAG_OBJECT, SIFT_TAG_EMBED,
        SIFT_TAG_APPLET, SIFT_TAG_AUDIO, SIFT_TAG_VIDEO, SIFT_TAG_CANVAS, SIFT_TAG_TEXTAREA, SIFT_TAG_NOEMBED, SIFT_TAG_NOFRAMES, SIFT_TAG_FRAME, SIFT_TAG_FRAMESET,
    };
    static const int skip_tags[] = { SIFT_TAG_PRE, SIFT_TAG_LISTING, SIFT_TAG_XMP, SIFT_TAG_PLAINTEXT };
    size_t k;

    for (k = 0; k < sizeof inline_tags / sizeof inline_tags[0]; k++)
        roles[inline_tags[k]] = R_INLINE;
    for (k = 0; k < sizeof opaque_tags / sizeof opaque_tags[0]; k++)
        roles[opaque_tags[k]] = R_OPAQUE;
    for (k = 0; k < sizeof skip_tags / sizeof skip_tags[0]; k++)
        roles[skip_tags[k]] = R_SKIP;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int same_ci(const char *a, size_t n, const char *b)
{
    size_t k;

    if (strlen(b) != n)
        return 0;
    for (k = 0; k < n; k++)
        if (lower((unsigned char)a[k]) != b[k])
            return 0;
    return 1;
}

static int is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* translate="no", or the class "notranslate" that Google's and other tools' page translators
 * honour: the element and everything in it stay as they are. */
static int not_for_translation(const struct sift_html_doc *doc, uint32_t id)
{
    size_t n, p = 0;
    const char *v = sift_html_attr_value(doc, id, "translate", 9, &n);

    if (v && same_ci(v, n, "no"))
        return 1;
    v = sift_html_attr_value(doc, id, "class", 5, &n);
    while (v && p < n) {
        size_t q;
        while (p < n && is_ws((unsigned char)v[p]))
            p++;
        q = p;
        while (q < n && !is_ws((unsigned char)v[q]))
            q++;
        if (q > p && same_ci(v + p, q - p, "notranslate"))
            return 1;
        p = q;
    }
    return 0;
}

static int role_of(const struct sift_html_doc *doc, uint32_t id)
{
    const struct sift_html_node *nd = sift_html_node(doc, id);
    int r;

    if (nd->ns != SIFT_NS_HTML)
        return R_OPAQUE; /* svg and math, whatever their tag */
    r = roles[nd->tag];
    if (not_for_translation(doc, id))
        return r == R_BLOCK || r == R_SKIP ? R_SKIP : R_OPAQUE;
    return r;
}

/* ---- the result being built ----------------------------------------------------------------- */

struct item {
    int text;              /* 1: a text node; 0: a code */
    uint32_t node;
    uint32_t src_i, src_j;
    int end;               /* a code: 1 for an end tag */
    int words;             /* a code read as part of the sentence (code, translate="no") */
    uint32_t partner;      /* a code: the index in the run of its pair's other half, or NONE */
};

struct build {
    const struct sift_html_doc *doc;
    const unsigned char *page;
    size_t len;
    struct sift_units *u;
    size_t cap_units, cap_codes, cap_text;
    struct item *run;
    size_t n_run, cap_run;
    int after_space; /* a space was written and nothing visible since */
    int failed;
};

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t c = *cap ? *cap : 16;
    void *q;

    if (need <= *cap)
        return 1;
    while (c < need)
        c *= 2;
    q = realloc(*p, c * size);
    if (!q)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

static void put_text(struct build *b, const char *s, size_t n)
{
    if (b->failed || !grow((void **)&b->u->text, &b->cap_text, b->u->text_len + n + 1, 1)) {
        b->failed = 1;
        return;
    }
    memcpy(b->u->text + b->u->text_len, s, n);
    b->u->text_len += n;
    b->u->text[b->u->text_len] = 0;
}

/* Appends s[0..n) with its white space collapsed: a run of it is one space, written only when a
 * word follows (*pending), something came before (*any) and no space was written since the last
 * word or visible code (a browser collapses "a <b> b" to "a b", but shows "a <img> b" and
 * "run <code>make</code> now" with both spaces). */
static void put_collapsed(struct build *b, const char *s, size_t n, int *pending, int *any)
{
    size_t p = 0;

    while (p < n) {
        size_t q;
        if (is_ws((unsigned char)s[p])) {
            *pending = 1;
            p++;
            continue;
        }
        q = p;
        while (q < n && !is_ws((unsigned char)s[q]))
            q++;
        if (*pending && *any && !b->after_space)
            put_text(b, " ", 1);
        *pending = 0;
        *any = 1;
        b->after_space = 0;
        put_text(b, s + p, q - p);
        p = q;
    }
}

static struct sift_unit *new_unit(struct build *b, int kind, uint32_t node)
{
    struct sift_unit *un;

    if (b->failed || !grow((void **)&b->u->units, &b->cap_units, b->u->n_units + 1, sizeof *un)) {
        b->failed = 1;
        return NULL;
    }
    un = &b->u->units[b->u->n_units++];
    memset(un, 0, sizeof *un);
    un->kind = kind;
    un->node = node;
    un->attr = NONE;
    un->text = b->u->text_len;
    un->code = b->u->n_codes;
    b->after_space = 0;
    return un;
}


/* ---- a run cut to a unit ----------------------------------------------------------------------
 * items [lo, hi] of the run become the unit: from its first text that is not white space to its
 * last, with the start tags before it whose end tags are inside or after it, and the end tags after
 * it whose start tags are inside it. A pair that encloses the whole unit (a menu's <a>) is left out
 * of it: the translator gets the link's text, the page keeps the link. */

static int has_words(const char *s, size_t n)
{
    size_t k;

    for (k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (is_ws(c))
            continue;
        if (c == 0xC2 && k + 1 < n && (unsigned char)s[k + 1] == 0xA0) { /* no-break space */
            k++;
            continue;
        }
        return 1;
    }
    return 0;
}

static int item_words(const struct build *b, const struct item *it)
{
    size_t n;
    const char *s;

    if (!it->text)
        return it->words;
    s = sift_html_text(b->doc, it->node, &n);
    return has_words(s, n);
}

static int find_bounds(const struct build *b, size_t lim_lo, size_t lim_hi, size_t *plo, size_t *phi)
{
    const struct item *r = b->run;
    size_t a = lim_lo, z = lim_hi, lo, hi, k;

    while (a <= lim_hi && !item_words(b, &r[a]))
        a++;
    if (a > lim_hi)
        return 0;
    while (z > a && !item_words(b, &r[z]))
        z--;
    lo = a;
    for (k = lim_lo; k < a; k++)
        if (!r[k].text && !r[k].end && r[k].partner != NONE && r[k].partner >= a && r[k].partner <= lim_hi) {
            lo = k;
            break;
        }
    hi = z;
    for (k = lim_hi; k > z; k--)
        if (!r[k].text && r[k].end && r[k].partner != NONE && r[k].partner >= lo && r[k].partner <= z) {
            hi = k;
            break;
        }
    *plo = lo;
    *phi = hi;
    return 1;
}

/* Whether the code of node id shows something between the words around it (an image, a field,
 * code): then the spaces on both sides of it stay. A tag, a comment, a script do not. */
static int visible(const struct sift_html_doc *doc, uint32_t id)
{
    const struct sift_html_node *nd;

    if (id == NONE)
        return 0;
    nd = sift_html_node(doc, id);
    if (nd->kind != SIFT_HTML_ELEMENT)
        return 0;
    if (nd->ns != SIFT_NS_HTML)
        return 1;
    switch (nd->tag) {
    case SIFT_TAG_BR: case SIFT_TAG_WBR: case SIFT_TAG_SCRIPT: case SIFT_TAG_STYLE: case SIFT_TAG_TEMPLATE:
    case SIFT_TAG_NOSCRIPT: case SIFT_TAG_SOURCE: case SIFT_TAG_MAP: case SIFT_TAG_AREA:
        return 0;
    default:
        return roles[nd->tag] != R_INLINE || nd->tag == SIFT_TAG_IMG || nd->tag == SIFT_TAG_IMAGE ||
               nd->tag == SIFT_TAG_INPUT || nd->tag == SIFT_TAG_METER || nd->tag == SIFT_TAG_PROGRESS ||
               not_for_translation(doc, id);
    }
}

/* Writes the text of items [lo, hi] with white space collapsed, and their codes. */
static void cut_unit(struct build *b, size_t lo, size_t hi)
{
    struct sift_unit *un = new_unit(b, SIFT_UNIT_TEXT, NONE);
    size_t k, first_code;
    int pending = 0, any = 0;
    uint32_t parent;

    if (!un)
        return;
    first_code = b->u->n_codes;
    for (k = lo; k <= hi && !b->failed; k++) {
        const struct item *it = &b->run[k];
        if (it->text) {
            size_t n;
            const char *s = sift_html_text(b->doc, it->node, &n);
            put_collapsed(b, s, n, &pending, &any);
        } else {
            struct sift_code *c;
            int kind = it->partner != NONE && it->partner >= lo && it->partner <= hi
                ? (it->end ? SIFT_CODE_CLOSE : SIFT_CODE_OPEN) : SIFT_CODE_EMPTY;
            const struct sift_html_node *nd = it->node != NONE ? sift_html_node(b->doc, it->node) : NULL;
            /* a space before a start tag or an empty element stays before it; one before an end
             * tag goes after it, where the next text takes it */
            if (pending && any && kind != SIFT_CODE_CLOSE) {
                if (!b->after_space)
                    put_text(b, " ", 1);
                b->after_space = 1;
                pending = 0;
            }
            if (b->failed || !grow((void **)&b->u->codes, &b->cap_codes, b->u->n_codes + 1, sizeof *c)) {
                b->failed = 1;
                return;
            }
            c = &b->u->codes[b->u->n_codes++];
            c->kind = kind;
            c->at = (uint32_t)(b->u->text_len - un->text);
            c->src_i = it->src_i;
            c->src_j = it->src_j;
            c->node = it->node;
            c->partner = NONE;
            if (kind == SIFT_CODE_CLOSE) {
                /* its start tag is the latest open code of the same node */
                size_t q = b->u->n_codes - 1;
                while (q-- > first_code)
                    if (b->u->codes[q].node == it->node && b->u->codes[q].kind == SIFT_CODE_OPEN) {
                        b->u->codes[q].partner = (uint32_t)(b->u->n_codes - 1 - first_code);
                        c->partner = (uint32_t)(q - first_code);
                        break;
                    }
            }
            any = 1;
            if (nd && nd->kind == SIFT_HTML_ELEMENT && nd->tag == SIFT_TAG_BR)
                pending = 1; /* a line break reads as white space between words */
            else if (kind == SIFT_CODE_EMPTY && visible(b->doc, it->node))
                b->after_space = 0;
        }
    }
    if (b->failed)
        return;
    un = &b->u->units[b->u->n_units - 1];
    un->len = b->u->text_len - un->text;
    if (!has_words(b->u->text + un->text, un->len)) { /* only codes: nothing to translate */
        b->u->text_len = un->text;
        b->u->n_codes = first_code;
        b->u->n_units--;
        return;
    }
    un->n_codes = b->u->n_codes - un->code;
    un->src_i = b->run[lo].src_i;
    un->src_j = b->run[hi].src_j;
    if (b->run[lo].text)
        while (un->src_i < un->src_j && is_ws(b->page[un->src_i]))
            un->src_i++;
    if (b->run[hi].text)
        while (un->src_j > un->src_i && is_ws(b->page[un->src_j - 1]))
            un->src_j--;
    /* the unit's block: the nearest ancestor of its first item that is no inline element */
    parent = b->run[lo].node != NONE ? sift_html_node(b->doc, b->run[lo].node)->parent : NONE;
    while (parent != NONE && parent != 0 && sift_html_node(b->doc, parent)->kind == SIFT_HTML_ELEMENT &&
           role_of(b->doc, parent) == R_INLINE)
        parent = sift_html_node(b->doc, parent)->parent;
    un->node = parent;
}

/* Pairs the run's tags, then cuts it to a unit. */
static void flush(struct build *b)
{
    size_t k, lo, hi, lim_lo, lim_hi;

    if (b->n_run == 0)
        return;
    for (k = 0; k < b->n_run; k++)
        b->run[k].partner = NONE;
    for (k = 0; k < b->n_run; k++) {
        struct item *it = &b->run[k];
        size_t q;
        if (it->text || !it->end || it->node == NONE)
            continue;
        for (q = k; q-- > 0;)
            if (!b->run[q].text && !b->run[q].end && b->run[q].node == it->node) {
                b->run[q].partner = (uint32_t)k;
                it->partner = (uint32_t)q;
                break;
            }
    }
    lim_lo = 0;
    lim_hi = b->n_run - 1;
    while (find_bounds(b, lim_lo, lim_hi, &lo, &hi)) {
        if (lo < hi && !b->run[lo].text && b->run[lo].partner == hi) {
            lim_lo = lo + 1; /* the pair around it all stays in the page */
            lim_hi = hi - 1;
            continue;
        }
        cut_unit(b, lo, hi);
        break;
    }
    b->n_run = 0;
}

/* Adds an item to the run; bytes between it and the previous item (a comment, a tag the parser
 * dropped) become a code of their own, and an item that goes back in the page (the parser moved
 * it, as it moves the text of a table's misplaced content) starts a new run. */
static void add_item(struct build *b, int text, uint32_t node, uint32_t i, uint32_t j, int end)
{
    struct item *it;

    if (b->failed)
        return;
    if (b->n_run > 0) {
        uint32_t last = b->run[b->n_run - 1].src_j;
        if (i < last)
            flush(b);
        else if (i > last)
            add_item(b, 0, NONE, last, i, 0);
    }
    if (!grow((void **)&b->run, &b->cap_run, b->n_run + 1, sizeof *it)) {
        b->failed = 1;
        return;
    }
    it = &b->run[b->n_run++];
    it->text = text;
    it->node = node;
    it->src_i = i;
    it->src_j = j;
    it->end = end;
    it->words = 0;
    it->partner = NONE;
}

/* ---- attributes -------------------------------------------------------------------------------- */

static int meta_described(const struct sift_html_doc *doc, uint32_t id)
{
    static const char *const names[] = {
        "description", "keywords", "og:title", "og:description", "og:image:alt", "twitter:title",
        "twitter:description", "twitter:image:alt", NULL,
    };
    size_t n, k;
    const char *v = sift_html_attr_value(doc, id, "name", 4, &n);

    if (!v)
        v = sift_html_attr_value(doc, id, "property", 8, &n);
    if (!v)
        return 0;
    for (k = 0; names[k]; k++)
        if (same_ci(v, n, names[k]))
            return 1;
    return 0;
}

/* Whether attribute a of element id is text for a reader. */
static int translatable_attr(const struct sift_html_doc *doc, uint32_t id, const struct sift_html_attr *a)
{
    const char *name = sift_html_string(doc, a->name);
    int tag = sift_html_node(doc, id)->tag;
    size_t n;
    const char *type;

    if (!strcmp(name, "title") || !strcmp(name, "aria-label") || !strcmp(name, "alt") ||
        !strcmp(name, "placeholder"))
        return 1;
    if (!strcmp(name, "label"))
        return tag == SIFT_TAG_OPTION || tag == SIFT_TAG_OPTGROUP || tag == SIFT_TAG_TRACK;
    if (!strcmp(name, "value") && tag == SIFT_TAG_INPUT) {
        type = sift_html_attr_value(doc, id, "type", 4, &n);
        return type && (same_ci(type, n, "button") || same_ci(type, n, "submit") || same_ci(type, n, "reset"));
    }
    if (!strcmp(name, "content") && tag == SIFT_TAG_META)
        return meta_described(doc, id);
    return 0;
}

static void attr_units(struct build *b, uint32_t id)
{
    const struct sift_html_node *nd = sift_html_node(b->doc, id);
    uint32_t k;

    if (nd->ns != SIFT_NS_HTML)
        return;
    for (k = 0; k < nd->n_attr && !b->failed; k++) {
        const struct sift_html_attr *a = sift_html_attr(b->doc, id, k);
        const char *v = sift_html_string(b->doc, a->value);
        struct sift_unit *un;
        int pending = 0, any = 0;
        unsigned char q;

        /* an attribute the parser copied (to <html> or <body> from a second tag) has no bytes */
        if (a->value_i >= a->value_j || !has_words(v, a->value_len) || !translatable_attr(b->doc, id, a))
            continue;
        un = new_unit(b, SIFT_UNIT_ATTRIBUTE, id);
        if (!un)
            return;
        un->attr = k;
        un->src_i = a->value_i;
        un->src_j = a->value_j;
        q = a->value_i > 0 ? b->page[a->value_i - 1] : 0;
        un->escape = q == '"' ? SIFT_ESCAPE_DOUBLE : q == '\'' ? SIFT_ESCAPE_SINGLE : SIFT_ESCAPE_UNQUOTED;
        put_collapsed(b, v, a->value_len, &pending, &any);
        if (b->failed)
            return;
        un = &b->u->units[b->u->n_units - 1];
        un->len = b->u->text_len - un->text;
    }
}

/* ---- the walk ----------------------------------------------------------------------------------- */

static void walk(struct build *b)
{
    struct sift_html_walk w;
    uint32_t id;
    int ev;

    sift_html_walk_init(&w, b->doc, 0);
    while (!b->failed && sift_html_walk_next(&w, &id, &ev)) {
        const struct sift_html_node *nd = sift_html_node(b->doc, id);
        int role;

        if (nd->kind == SIFT_HTML_TEXT) {
            if (nd->src_j > nd->src_i)
                add_item(b, 1, id, nd->src_i, nd->src_j, 0);
            continue;
        }
        if (nd->kind == SIFT_HTML_COMMENT || nd->kind == SIFT_HTML_DOCTYPE) {
            if (b->n_run > 0 && nd->src_j > nd->src_i)
                add_item(b, 0, id, nd->src_i, nd->src_j, 0);
            continue;
        }
        if (nd->kind != SIFT_HTML_ELEMENT)
            continue;
        role = role_of(b->doc, id);
        if (ev == SIFT_HTML_ENTER) {
            if (role == R_OPAQUE || role == R_SKIP) {
                uint32_t end = nd->end_j > nd->src_i ? nd->end_j : nd->src_j;
                if (role == R_SKIP) {
                    flush(b);
                } else if (end > nd->src_i) {
                    add_item(b, 0, id, nd->src_i, end, 0);
                    /* code and what is not for translation are words of the sentence; a script,
                     * an image or a video are not */
                    if (!b->failed)
                        b->run[b->n_run - 1].words = nd->ns == SIFT_NS_HTML &&
                            (nd->tag == SIFT_TAG_CODE || nd->tag == SIFT_TAG_KBD || nd->tag == SIFT_TAG_SAMP ||
                             not_for_translation(b->doc, id));
                }
                sift_html_walk_skip(&w);
                continue;
            }
            attr_units(b, id);
            if (role == R_BLOCK)
                flush(b);
            else if (nd->src_j > nd->src_i)
                add_item(b, 0, id, nd->src_i, nd->src_j, 0);
        } else {
            if (role == R_OPAQUE || role == R_SKIP)
                continue; /* its LEAVE after the skip */
            if (role == R_BLOCK)
                flush(b);
            else if (nd->end_j > nd->end_i)
                add_item(b, 0, id, nd->end_i, nd->end_j, 1);
        }
    }
    flush(b);
}

/* ---- the article's scope ------------------------------------------------------------------------ */

static int in_head(const struct sift_html_doc *doc, uint32_t id)
{
    while (id != NONE && id != 0) {
        const struct sift_html_node *nd = sift_html_node(doc, id);
        if (nd->kind == SIFT_HTML_ELEMENT && (nd->tag == SIFT_TAG_HEAD || nd->tag == SIFT_TAG_TITLE))
            return 1;
        id = nd->parent;
    }
    return 0;
}

/* Keeps the units of the article: those the article's blocks meet, and the page's own. */
struct span {
    size_t i, j;
};

static int by_start(const void *pa, const void *pb)
{
    const struct span *a = pa, *b = pb;

    return a->i < b->i ? -1 : a->i > b->i;
}

static enum sift_status keep_article(struct build *b)
{
    struct sift_article *art = NULL;
    struct sift_extract_opts o = { SIFT_EXTRACT_ARTICLE, 1, 0 };
    enum sift_status st = sift_extract_article(b->doc, &o, &art);
    struct sift_units *u = b->u;
    struct span *sp;
    size_t k, n = 0, nb;

    if (st != SIFT_OK)
        return st;
    nb = art->n_blocks;
    if (nb == 0) {
        /* no article (a page of links, a short page): the whole page, as sift's commands read
         * such a page's visible text */
        u->no_article = 1;
        sift_article_free(art);
        return SIFT_OK;
    }
    /* the blocks' bytes by where they start, each with the furthest end of those up to it: a unit
     * meets a block when, of the blocks that start before it ends, one ends after it starts (one
     * binary search a unit, where a scan of the blocks made a page of many units quadratic) */
    sp = malloc(nb * sizeof *sp);
    if (!sp) {
        sift_article_free(art);
        return SIFT_ENOMEM;
    }
    for (k = 0; k < nb; k++) {
        sp[k].i = art->blocks[k].src_i;
        sp[k].j = art->blocks[k].src_j;
    }
    sift_article_free(art);
    qsort(sp, nb, sizeof *sp, by_start);
    for (k = 1; k < nb; k++)
        if (sp[k].j < sp[k - 1].j)
            sp[k].j = sp[k - 1].j;
    for (k = 0; k < u->n_units; k++) {
        const struct sift_unit *un = &u->units[k];
        int keep = in_head(b->doc, un->node);
        if (!keep && un->kind == SIFT_UNIT_ATTRIBUTE) /* an image's alt between the paragraphs */
            keep = un->src_i >= sp[0].i && un->src_j <= sp[nb - 1].j;
        if (!keep) {
            size_t lo = 0, hi = nb; /* the blocks [0, lo) start before the unit ends */
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (sp[mid].i < un->src_j)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            keep = lo > 0 && sp[lo - 1].j > un->src_i;
        }
        if (keep)
            u->units[n++] = *un;
    }
    u->n_units = n;
    free(sp);
    return SIFT_OK;
}

static int by_position(const void *pa, const void *pb)
{
    const struct sift_unit *a = pa, *b = pb;

    if (a->src_i != b->src_i)
        return a->src_i < b->src_i ? -1 : 1;
    /* a unit inside another's bytes (a link's title inside its paragraph) after it */
    if (a->src_j != b->src_j)
        return a->src_j > b->src_j ? -1 : 1;
    return a->kind - b->kind;
}

enum sift_status sift_page_units(const struct sift_html_doc *doc, const char *page, size_t len, int scope,
                                 struct sift_units **out)
{
    struct build b;
    uint32_t k;

    *out = NULL;
    if (roles[SIFT_TAG_A] != R_INLINE)
        init_roles(); /* the same values whichever thread writes them first */
    memset(&b, 0, sizeof b);
    b.doc = doc;
    b.page = (const unsigned char *)page;
    b.len = len;
    b.u = calloc(1, sizeof *b.u);
    if (!b.u)
        return SIFT_ENOMEM;
    b.u->html = b.u->lang_i = b.u->lang_j = NONE;
    put_text(&b, "", 0);
    walk(&b);
    free(b.run);
    if (b.failed) {
        sift_units_free(b.u);
        return SIFT_ENOMEM;
    }
    if (b.u->n_units > 1)
        qsort(b.u->units, b.u->n_units, sizeof *b.u->units, by_position);
    if (scope == SIFT_EXTRACT_ARTICLE) {
        enum sift_status st = keep_article(&b);
        if (st != SIFT_OK) {
            sift_units_free(b.u);
            return st;
        }
    }
    for (k = 1; k < sift_html_count(doc); k++) {
        const struct sift_html_node *nd = sift_html_node(doc, k);
        if (nd->kind == SIFT_HTML_ELEMENT && nd->tag == SIFT_TAG_HTML) {
            uint32_t q;
            if (nd->flags & SIFT_HTML_IMPLIED_START)
                break;
            b.u->html = k;
            for (q = 0; q < nd->n_attr; q++) {
                const struct sift_html_attr *a = sift_html_attr(doc, k, q);
                if (!strcmp(sift_html_string(doc, a->name), "lang") && a->name_j > a->name_i) {
                    b.u->lang_i = a->value_i;
                    b.u->lang_j = a->value_j;
                }
            }
            break;
        }
    }
    *out = b.u;
    return SIFT_OK;
}

void sift_units_free(struct sift_units *u)
{
    if (!u)
        return;
    free(u->units);
    free(u->codes);
    free(u->text);
    free(u);
}
