/*
 * extract/article.c - the main article of a page (article.h says how): what is removed, the
 * scores, the best candidate and the siblings that belong to it; then blocks.c makes the blocks.
 *
 * Every pass is a loop over the nodes: the DOM's nodes are in document order, each one's parent
 * before it, so a loop forward sees a node's ancestors first (top-down: a flag inherited) and a
 * loop backward its descendants first (bottom-up: counts summed into the parent). Nothing
 * recurses, and the time is linear in the number of nodes (a unit's score goes up five levels at
 * most).
 */
#include <stdlib.h>
#include <string.h>
#ifdef SIFT_EXTRACT_DEBUG
#include <stdio.h>
#endif

#include "extract/article.h"
#include "extract/internal.h"

static const char *attr(const struct sift_html_doc *doc, uint32_t id, const char *name, size_t *len)
{
    return sift_html_attr_value(doc, id, name, strlen(name), len);
}

/* Whether v[0..len) holds word (ASCII case folded) after removing white space: "display: none". */
static int style_has(const char *v, size_t len, const char *want)
{
    size_t k, m = 0, wl = strlen(want);
    for (k = 0; k < len; k++) {
        int c = sift_ex_lower((unsigned char)v[k]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
            continue;
        if (c == want[m]) {
            if (++m == wl)
                return 1;
        } else {
            /* the words searched have no repeated prefix: restarting at this byte is enough */
            m = c == want[0] ? 1 : 0;
        }
    }
    return 0;
}

static int value_is(const char *v, size_t len, const char *want)
{
    return v && len == strlen(want) && sift_ex_in_list(v, len, (const char *const[]){ want, NULL });
}

/* ---- the tags ---- */

/* Never shown, or not text: removed with what they hold. */
static int never_shown(int tag)
{
    switch (tag) {
    case SIFT_TAG_SCRIPT: case SIFT_TAG_STYLE: case SIFT_TAG_TEMPLATE:
    case SIFT_TAG_SVG: case SIFT_TAG_MATH: case SIFT_TAG_HEAD: case SIFT_TAG_TITLE: case SIFT_TAG_META:
    case SIFT_TAG_LINK: case SIFT_TAG_BASE: case SIFT_TAG_IFRAME: case SIFT_TAG_OBJECT:
    case SIFT_TAG_EMBED: case SIFT_TAG_CANVAS: case SIFT_TAG_SELECT: case SIFT_TAG_OPTION:
    case SIFT_TAG_OPTGROUP: case SIFT_TAG_BUTTON: case SIFT_TAG_INPUT: case SIFT_TAG_TEXTAREA:
    case SIFT_TAG_DATALIST: case SIFT_TAG_DIALOG: case SIFT_TAG_MAP: case SIFT_TAG_AUDIO:
    case SIFT_TAG_VIDEO: case SIFT_TAG_SOURCE: case SIFT_TAG_TRACK: case SIFT_TAG_NOEMBED:
    case SIFT_TAG_NOFRAMES: case SIFT_TAG_PARAM: case SIFT_TAG_APPLET: case SIFT_TAG_FRAMESET:
    case SIFT_TAG_FRAME: case SIFT_TAG_KEYGEN: case SIFT_TAG_OUTPUT: case SIFT_TAG_PROGRESS:
    case SIFT_TAG_METER: case SIFT_TAG_BGSOUND: case SIFT_TAG_PICTURE: case SIFT_TAG_IMG:
    case SIFT_TAG_RP:
        return 1;
    default:
        return 0;
    }
}

/* Block-level: text inside starts a block of its own (what a browser lays out as a block). */
static int block_level(int tag)
{
    switch (tag) {
    case SIFT_TAG_ADDRESS: case SIFT_TAG_ARTICLE: case SIFT_TAG_ASIDE: case SIFT_TAG_BLOCKQUOTE:
    case SIFT_TAG_BODY: case SIFT_TAG_CAPTION: case SIFT_TAG_CENTER: case SIFT_TAG_DD:
    case SIFT_TAG_DETAILS: case SIFT_TAG_DIR: case SIFT_TAG_DIV: case SIFT_TAG_DL: case SIFT_TAG_DT:
    case SIFT_TAG_FIELDSET: case SIFT_TAG_FIGCAPTION: case SIFT_TAG_FIGURE: case SIFT_TAG_FOOTER:
    case SIFT_TAG_FORM: case SIFT_TAG_H1: case SIFT_TAG_H2: case SIFT_TAG_H3: case SIFT_TAG_H4:
    case SIFT_TAG_H5: case SIFT_TAG_H6: case SIFT_TAG_HEADER: case SIFT_TAG_HGROUP: case SIFT_TAG_HR:
    case SIFT_TAG_HTML: case SIFT_TAG_LEGEND: case SIFT_TAG_LI: case SIFT_TAG_LISTING:
    case SIFT_TAG_MAIN: case SIFT_TAG_MENU: case SIFT_TAG_NAV: case SIFT_TAG_OL: case SIFT_TAG_P:
    case SIFT_TAG_PLAINTEXT: case SIFT_TAG_PRE: case SIFT_TAG_SEARCH: case SIFT_TAG_SECTION:
    case SIFT_TAG_SUMMARY: case SIFT_TAG_TABLE: case SIFT_TAG_TBODY: case SIFT_TAG_TD:
    case SIFT_TAG_TFOOT: case SIFT_TAG_TH: case SIFT_TAG_THEAD: case SIFT_TAG_TR: case SIFT_TAG_UL:
    case SIFT_TAG_XMP:
        return 1;
    default:
        return 0;
    }
}

/* Readability's weights of a candidate by its tag. */
static int tag_weight(int tag)
{
    switch (tag) {
    case SIFT_TAG_DIV: case SIFT_TAG_ARTICLE: case SIFT_TAG_MAIN: case SIFT_TAG_SECTION:
        return 5;
    case SIFT_TAG_PRE: case SIFT_TAG_TD: case SIFT_TAG_BLOCKQUOTE:
        return 3;
    case SIFT_TAG_ADDRESS: case SIFT_TAG_OL: case SIFT_TAG_UL: case SIFT_TAG_DL: case SIFT_TAG_DD:
    case SIFT_TAG_DT: case SIFT_TAG_LI: case SIFT_TAG_FORM:
        return -3;
    case SIFT_TAG_H1: case SIFT_TAG_H2: case SIFT_TAG_H3: case SIFT_TAG_H4: case SIFT_TAG_H5:
    case SIFT_TAG_H6: case SIFT_TAG_TH:
        return -5;
    default:
        return 0;
    }
}

/* ---- the passes ---- */

/* Whether element id is never shown: its tag, hidden, aria-hidden, its style. */
static int hidden_element(const struct sift_html_doc *doc, uint32_t id, const struct sift_html_node *x)
{
    const char *v;
    size_t len;

    if (x->ns != SIFT_NS_HTML || never_shown(x->tag))
        return 1;
    if (x->n_attr == 0)
        return 0;
    if (attr(doc, id, "hidden", &len))
        return 1;
    v = attr(doc, id, "aria-hidden", &len);
    if (value_is(v, len, "true"))
        return 1;
    v = attr(doc, id, "style", &len);
    if (v && (style_has(v, len, "display:none") || style_has(v, len, "visibility:hidden")))
        return 1;
    return 0;
}

/* The roles of boilerplate. */
static const char *const boiler_roles[] = {
    "navigation", "menu", "menubar", "banner", "contentinfo", "complementary", "search", "dialog",
    "alertdialog", "alert", "toolbar", "tablist", NULL
};

/* Whether element id is boilerplate by its tag, role, class or id (before the safety of
 * removable()); *weight gets its class and id weight. */
/* Whether an id is a slug of words (four or more): made of a heading, not a name. */
static int slug(const char *v, size_t len)
{
    size_t k, words = 0;
    int in = 0;
    for (k = 0; k < len; k++) {
        int alnum = (v[k] >= 'a' && v[k] <= 'z') || (v[k] >= 'A' && v[k] <= 'Z') || (v[k] >= '0' && v[k] <= '9') ||
                    ((unsigned char)v[k] >= 0x80);
        if (alnum && !in)
            words++;
        in = alnum;
    }
    return words >= 4;
}

/* Whether the weak words ("header", "head") may remove an element of tag: a container's, not a
 * table's ("table-header"), a list's, a paragraph's or a heading's. */
static int weak_applies(int tag)
{
    switch (tag) {
    case SIFT_TAG_DIV: case SIFT_TAG_SECTION: case SIFT_TAG_HEADER: case SIFT_TAG_ASIDE: case SIFT_TAG_SPAN:
    case SIFT_TAG_NAV: case SIFT_TAG_FOOTER: case SIFT_TAG_CENTER: case SIFT_TAG_UNKNOWN:
        return 1;
    default:
        return 0;
    }
}

/* The prose (characters) under which a paywall's name marks a notice rather than the gated text
 * of the article that a site wraps in its paywall's container. */
#define GATE_PROSE 500

/* Whether an element of tag is a run of phrasing inside a block, that class words may not
 * remove once it holds a paragraph's text (below). */
static int phrasing(int tag)
{
    switch (tag) {
    case SIFT_TAG_SPAN: case SIFT_TAG_FONT: case SIFT_TAG_EM: case SIFT_TAG_STRONG: case SIFT_TAG_B:
    case SIFT_TAG_I: case SIFT_TAG_U: case SIFT_TAG_MARK:
        return 1;
    default:
        return 0;
    }
}

/* The text (characters, with few links) from which a run of phrasing is a paragraph's text rather
 * than a label, whatever its class says: a byline, a date, a share button or a tag list in a
 * <span> is short, but some editors wrap whole paragraphs in spans whose classes they pasted from
 * elsewhere ("_fbReactionComponent__eventDetailsContentTags"). */
#define PHRASING_TEXT 200

/* The CL_ bits of element id's class or id value v[0..len), as they apply to it: weak words on
 * containers, a paywall's name on a notice (little prose), and no boilerplate name on a run of
 * phrasing that holds a paragraph's text. */
static int name_bits(const struct ex_work *w, uint32_t id, const struct sift_html_node *x, const char *v, size_t len)
{
    const struct ex_node *e = &w->n[id];
    int bits = sift_ex_classify(v, len, w->opts->comments);
    if ((bits & CL_WEAK) && weak_applies(x->tag))
        bits |= CL_NEG;
    if ((bits & CL_GATE) && e->prose < GATE_PROSE)
        bits |= CL_NEG;
    if (phrasing(x->tag) && e->chars >= PHRASING_TEXT && e->links * 3 < e->chars)
        bits &= ~CL_NEG;
    return bits;
}

static int boiler_element(const struct ex_work *w, uint32_t id, const struct sift_html_node *x, int *weight)
{
    const struct sift_html_doc *doc = w->doc;
    const char *v;
    size_t len;
    int bits, boiler = 0;

    *weight = 0;
    switch (x->tag) {
    case SIFT_TAG_FORM: /* a form of controls; a page or a shop's product wrapped in one is not */
        boiler = w->n[id].chars < 300;
        break;
    case SIFT_TAG_NAV: case SIFT_TAG_ASIDE: case SIFT_TAG_FOOTER:
    case SIFT_TAG_MENU: case SIFT_TAG_SEARCH:
    case SIFT_TAG_NOSCRIPT: /* (not a hidden element: a page whose <noscript><div> is never closed
                             * is whole inside it, as the parser without scripting builds it) */
        boiler = 1;
        break;
    case SIFT_TAG_HEADER: /* the page's header, not an article's (which holds its headline) */
        boiler = !(w->n[id].flags & (EX_INART | EX_H1));
        break;
    default:
        break;
    }
    if (x->n_attr == 0)
        return boiler;
    v = attr(doc, id, "role", &len);
    if (v && sift_ex_in_list(v, len, boiler_roles))
        boiler = 1;
    v = attr(doc, id, "class", &len);
    if (v) {
        bits = name_bits(w, id, x, v, len);
        if (bits & (CL_NEG | CL_HIDDEN))
            boiler = bits & CL_COMMENT && !w->opts->comments ? 2 : 1;
        *weight += (bits & CL_POS ? 25 : 0) - (bits & CL_NEG ? 25 : 0);
        if ((bits & CL_WEAKPOS) && x->tag == SIFT_TAG_HEADER)
            boiler = 0;
    }
    /* a heading's id is often made from its words (an anchor: "nav_nur_die_folie"), not a name */
    v = x->tag >= SIFT_TAG_H1 && x->tag <= SIFT_TAG_H6 ? NULL : attr(doc, id, "id", &len);
    if (v && slug(v, len))
        v = NULL; /* so is a section's made of its heading: "sharing-with-a-single-developer" */
    if (v) {
        bits = name_bits(w, id, x, v, len);
        if (bits & (CL_NEG | CL_HIDDEN))
            boiler = bits & CL_COMMENT && !w->opts->comments ? 2 : boiler ? boiler : 1;
        *weight += (bits & CL_POS ? 25 : 0) - (bits & CL_NEG ? 25 : 0);
    }
    return boiler;
}

/* Whether id holds the article's marker itself: <main>, role=main or article, itemprop articleBody
 * or text. */
static int marker_element(const struct sift_html_doc *doc, uint32_t id, const struct sift_html_node *x)
{
    const char *v;
    size_t len;
    if (x->tag == SIFT_TAG_MAIN)
        return 1;
    if (x->n_attr == 0)
        return 0;
    v = attr(doc, id, "role", &len);
    if (value_is(v, len, "main"))
        return 1;
    v = attr(doc, id, "itemprop", &len);
    if (v && (value_is(v, len, "articlebody") || value_is(v, len, "text")))
        return 1;
    return 0;
}

/* Whether element id is marked as a standfirst: itemprop description or abstract, or a class
 * word intro, lead, standfirst, abstract, summary. */
static int intro_element(const struct sift_html_doc *doc, uint32_t id)
{
    static const char *const words[] = { "intro", "lead", "standfirst", "abstract", "summary", NULL };
    const char *v;
    size_t len, p = 0;
    v = attr(doc, id, "itemprop", &len);
    if (v && (value_is(v, len, "description") || value_is(v, len, "abstract")))
        return 1;
    v = attr(doc, id, "class", &len);
    if (len > SIFT_EX_NAMES_MAX)
        len = SIFT_EX_NAMES_MAX;
    while (v && p < len) { /* word by word */
        size_t q;
        while (p < len && !((v[p] >= 'a' && v[p] <= 'z') || (v[p] >= 'A' && v[p] <= 'Z')))
            p++;
        for (q = p; q < len && ((v[q] >= 'a' && v[q] <= 'z') || (v[q] >= 'A' && v[q] <= 'Z')); q++)
            ;
        if (q > p && sift_ex_in_list(v + p, q - p, words))
            return 1;
        p = q;
    }
    return 0;
}

/* Counts of the text below each node (what is removed left out), summed bottom-up; own counts
 * into each text's nearest block. */
static void count_text(struct ex_work *w, uint16_t removed)
{
    const struct sift_html_doc *doc = w->doc;
    uint32_t id, count = sift_html_count(doc);

    for (id = 0; id < count; id++) {
        struct ex_node *e = &w->n[id];
        e->chars = e->links = e->commas = e->own_chars = e->own_commas = e->own_links = e->ends = e->prose = 0;
    }
    for (id = count; id-- > 1;) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        struct ex_node *e = &w->n[id];
        uint32_t p = x->parent;
        if (e->flags & removed)
            continue;
        if (x->kind == SIFT_HTML_TEXT) {
            uint32_t chars, commas, ends, b;
            size_t len;
            const char *s = sift_html_text(doc, id, &len);
            sift_ex_count(s, len, &chars, &commas, &ends);
            e->chars = chars;
            e->commas = commas;
            e->ends = ends;
            e->links = e->flags & EX_LINK ? chars : 0;
            b = e->owner;
            if (b != SIFT_HTML_NONE) {
                w->n[b].own_chars += chars;
                w->n[b].own_commas += commas;
                w->n[b].own_links += e->links;
            }
        }
        if ((e->flags & EX_BLOCK) && e->own_chars >= 50 && e->own_links * 3 < e->own_chars)
            e->prose += e->own_chars; /* all its own text is below it: it comes after them */
        if (p != SIFT_HTML_NONE) {
            w->n[p].prose += e->prose;
            w->n[p].chars += e->chars;
            w->n[p].links += e->links;
            w->n[p].commas += e->commas;
            w->n[p].ends += e->ends;
        }
    }
}

static float link_density(const struct ex_node *e)
{
    return e->chars ? (float)e->links / (float)e->chars : 0.0f;
}

/* The flags that go down (a forward loop) and up (a backward loop) before anything is removed. */
static void first_flags(struct ex_work *w)
{
    const struct sift_html_doc *doc = w->doc;
    uint32_t id, count = sift_html_count(doc);

    w->body = 0;
    w->n[0].owner = SIFT_HTML_NONE;
    w->n[0].kind = SIFT_BLOCK_PARAGRAPH;
    for (id = 1; id < count; id++) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        struct ex_node *e = &w->n[id];
        uint16_t up = w->n[x->parent].flags;
        e->flags = up & (EX_HIDDEN | EX_LINK | EX_INART);
        e->owner = w->n[x->parent].owner;
        e->kind = w->n[x->parent].kind;
        e->level = w->n[x->parent].level;
        if (x->kind != SIFT_HTML_ELEMENT)
            continue;
        if (x->tag == SIFT_TAG_BODY && w->body == 0)
            w->body = id;
        if (hidden_element(doc, id, x))
            e->flags |= EX_HIDDEN;
        if (block_level(x->tag) && x->ns == SIFT_NS_HTML) {
            e->flags |= EX_BLOCK;
            e->owner = id;
        }
        if (x->tag == SIFT_TAG_A && x->n_attr && attr(doc, id, "href", &(size_t){ 0 }))
            e->flags |= EX_LINK;
        if (x->tag == SIFT_TAG_ARTICLE || marker_element(doc, id, x))
            e->flags |= EX_INART;
        if (marker_element(doc, id, x))
            e->flags |= EX_MARKER;
        if (x->tag == SIFT_TAG_H1)
            e->flags |= EX_H1;
        if (x->n_attr && intro_element(doc, id))
            e->flags |= EX_INTRO;
        switch (x->tag) {
        case SIFT_TAG_H1: case SIFT_TAG_H2: case SIFT_TAG_H3: case SIFT_TAG_H4: case SIFT_TAG_H5:
        case SIFT_TAG_H6:
            e->kind = SIFT_BLOCK_HEADING;
            e->level = (uint8_t)(x->tag - SIFT_TAG_H1 + 1);
            e->flags |= EX_NOTDATA;
            break;
        case SIFT_TAG_LI: case SIFT_TAG_DT: case SIFT_TAG_DD:
            e->kind = SIFT_BLOCK_LIST_ITEM;
            e->level = 0;
            break;
        case SIFT_TAG_BLOCKQUOTE:
            e->kind = SIFT_BLOCK_QUOTE;
            e->level = 0;
            e->flags |= EX_NOTDATA;
            break;
        case SIFT_TAG_FIGCAPTION: case SIFT_TAG_CAPTION:
            e->kind = SIFT_BLOCK_CAPTION;
            e->level = 0;
            break;
        case SIFT_TAG_PRE: case SIFT_TAG_LISTING: case SIFT_TAG_XMP: case SIFT_TAG_PLAINTEXT:
            e->kind = SIFT_BLOCK_CODE;
            e->level = 0;
            break;
        case SIFT_TAG_UL: case SIFT_TAG_OL: case SIFT_TAG_DL: case SIFT_TAG_ARTICLE:
        case SIFT_TAG_SECTION: case SIFT_TAG_FORM:
            e->flags |= EX_NOTDATA;
            break;
        default:
            break;
        }
    }
    for (id = count; id-- > 1;) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        w->n[x->parent].flags |= w->n[id].flags & (EX_MARKER | EX_H1 | EX_NOTDATA);
        if (w->n[id].last < id)
            w->n[id].last = id;
        if (w->n[x->parent].last < w->n[id].last)
            w->n[x->parent].last = w->n[id].last;
        if (x->tag == SIFT_TAG_TABLE && x->kind == SIFT_HTML_ELEMENT)
            w->n[x->parent].flags |= EX_NOTDATA; /* a table holding a table lays it out */
    }
}

/* Data tables: a table that holds no table, heading, list or section, whose cells are short. Its
 * rows are table_row blocks; a table that lays a page out is a container like a div. */
static void find_tables(struct ex_work *w)
{
    const struct sift_html_doc *doc = w->doc;
    uint32_t id, count = sift_html_count(doc);

    for (id = 1; id < count; id++) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        struct ex_node *e = &w->n[id];
        uint16_t up = w->n[x->parent].flags & EX_DATA;
        if (x->kind == SIFT_HTML_ELEMENT && x->tag == SIFT_TAG_TABLE) {
            up = (e->flags & EX_NOTDATA) || e->chars > 20000 ? 0 : EX_DATA;
            if (!w->opts->tables && up)
                e->flags |= EX_BOILER;
        }
        e->flags = (uint16_t)((e->flags & ~EX_DATA) | up);
        if (up && x->kind == SIFT_HTML_ELEMENT) {
            if (x->tag == SIFT_TAG_TR) {
                e->kind = SIFT_BLOCK_TABLE_ROW;
                e->level = 0;
            } else if (x->tag == SIFT_TAG_CAPTION) {
                e->kind = SIFT_BLOCK_CAPTION;
            } else {
                e->kind = w->n[x->parent].kind;
                e->level = w->n[x->parent].level;
            }
        } else if (up) {
            e->kind = w->n[x->parent].kind; /* a cell's text: the row's */
            e->level = w->n[x->parent].level;
        }
    }
}

/* Boilerplate, top-down: an element is removed when its tag, role or names say so, unless it
 * holds the article's marker or half of the page's text (so that a page wrapped whole in a <form>
 * or in <div class="page has-sidebar"> keeps its article); comment sections are not saved by
 * their size (a blog's comments often outweigh its post). */
static void find_boilerplate(struct ex_work *w, int *weights)
{
    const struct sift_html_doc *doc = w->doc;
    uint32_t id, count = sift_html_count(doc);
    uint32_t total = w->n[w->body].chars, prose = w->n[w->body].prose;

    for (id = 1; id < count; id++) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        struct ex_node *e = &w->n[id];
        int weight = 0, kind;
        if (w->n[x->parent].flags & EX_BOILER)
            e->flags |= EX_BOILER;
        if (x->kind != SIFT_HTML_ELEMENT || (e->flags & (EX_HIDDEN | EX_BOILER)))
            continue;
        if (x->tag == SIFT_TAG_BODY || x->tag == SIFT_TAG_HTML)
            continue;
        kind = boiler_element(w, id, x, &weight);
        if (kind) {
            int safe = (e->flags & EX_MARKER) ||
                       (kind == 1 && ((total > 0 && e->chars * 2 >= total && e->chars >= 500) ||
                                      (prose > 0 && e->prose * 2 >= prose && e->prose >= 200)));
            if (!safe)
                e->flags |= EX_BOILER;
#ifdef SIFT_EXTRACT_DEBUG
            if (!safe && e->chars > 200) {
                size_t cl = 0, il = 0;
                const char *c = attr(doc, id, "class", &cl), *i = attr(doc, id, "id", &il);
                fprintf(stderr, "removed %u <%s class=%.*s id=%.*s> chars %u prose %u\n", id,
                        sift_html_name(doc, id, &(size_t){ 0 }), (int)cl, c ? c : "", (int)il, i ? i : "",
                        e->chars, e->prose);
            }
#endif
        }
        if (weight > 0)
            e->flags |= EX_POS;
        weights[id] = weight;
    }
}

/* Readability's content scores: each block's own text of 25 characters or more is a unit. */
static void score(struct ex_work *w, const int *weights)
{
    const struct sift_html_doc *doc = w->doc;
    uint32_t id, count = sift_html_count(doc);

    for (id = 0; id < count; id++)
        w->n[id].score = 0;
    for (id = 1; id < count; id++) {
        const struct ex_node *e = &w->n[id];
        uint32_t a, level;
        float s;
        if (!(e->flags & EX_BLOCK) || (e->flags & (EX_HIDDEN | EX_BOILER)) || e->own_chars < 25)
            continue;
        s = 1.0f + (float)e->own_commas + (e->own_chars / 100 < 3 ? (float)(e->own_chars / 100) : 3.0f);
        a = sift_html_node(doc, id)->parent;
        for (level = 0; level < 5 && a != SIFT_HTML_NONE && a != 0; level++) {
            struct ex_node *c = &w->n[a];
            if (!(c->flags & EX_SCORED)) {
                const struct sift_html_node *y = sift_html_node(doc, a);
                c->flags |= EX_SCORED;
                c->score = (float)tag_weight(y->tag) + (float)weights[a];
                /* the marks of an article count on an element that holds prose: a <main> or
                 * <article> of the headline alone, the body after it, is not the article */
                if (y->tag == SIFT_TAG_ARTICLE && c->prose > 0)
                    c->score += 10.0f;
                if ((c->flags & EX_MARKER) && c->prose > 0) /* a bonus only to the marker itself */
                    c->score += marker_element(doc, a, y) ? 25.0f : 0.0f;
            }
            c->score += s / (level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f);
            a = sift_html_node(doc, a)->parent;
        }
    }
    for (id = 1; id < count; id++) {
        struct ex_node *e = &w->n[id];
        if (e->flags & EX_SCORED)
            e->score *= 1.0f - link_density(e);
    }
}

/* Whether a sibling that scores little is a paragraph of prose: long with few links, or short,
 * without links and ending a sentence (any script's full stop). */
static int prose(const struct ex_work *w, uint32_t id)
{
    const struct ex_node *e = &w->n[id];
    float ld = link_density(e);
    if (!(e->flags & EX_BLOCK) || e->chars == 0)
        return 0;
    if (e->chars > 80 && ld < 0.25f)
        return 1;
    return e->chars <= 80 && e->links == 0 && e->ends > 0;
}

#define N_ALT 5

/* The standfirst: an element marked as the article's description or introduction that comes
 * before the article chosen, close to it (under one of its four nearest ancestors, or in the
 * same <article>), is taken too: sites put it in the article's header, apart from the body. */
static void take_intro(struct ex_work *w, uint32_t top, uint32_t parent)
{
    const struct sift_html_doc *doc = w->doc;
    uint32_t id, near = top, a;
    unsigned k, taken = 0;

    for (k = 0, a = top; k < 4 && a != SIFT_HTML_NONE && a != 0 && a != w->body; k++) {
        near = a;
        if (sift_html_node(doc, a)->tag == SIFT_TAG_ARTICLE)
            break;
        a = sift_html_node(doc, a)->parent;
    }
    for (id = near + 1; id < top && taken < 4; id++) {
        struct ex_node *e = &w->n[id];
        uint32_t b;
        if (!(e->flags & EX_INTRO) || (e->flags & (EX_HIDDEN | EX_BOILER)) || e->chars < 30 ||
            link_density(e) > 0.3f || e->last >= top)
            continue;
        /* not inside a sibling already taken */
        for (b = id; b != SIFT_HTML_NONE && sift_html_node(doc, b)->parent != parent; b = sift_html_node(doc, b)->parent)
            ;
        if (b != SIFT_HTML_NONE && (w->n[b].flags & EX_TAKEN))
            continue;
        e->flags |= EX_TAKEN;
        taken++;
        id = e->last; /* past what it holds */
    }
}

/* The best candidate, climbed to a parent that scores more, and the siblings that belong to it:
 * they get EX_TAKEN. Returns 0 when there is none. */
static int choose(struct ex_work *w, const int *weights)
{
    const struct sift_html_doc *doc = w->doc;
    uint32_t id, count = sift_html_count(doc), top = SIFT_HTML_NONE, p, c;
    float best = 0, threshold;
    uint32_t alt[N_ALT];
    unsigned n_alt = 0;
    const char *cls;
    size_t cls_len = 0;

    for (id = 1; id < count; id++) {
        const struct ex_node *e = &w->n[id];
        unsigned k;
        if (!(e->flags & EX_SCORED) || (e->flags & (EX_HIDDEN | EX_BOILER)))
            continue;
        if (top == SIFT_HTML_NONE || e->score > best) {
            top = id;
            best = e->score;
        }
        /* the five best, best first */
        for (k = n_alt; k > 0 && w->n[alt[k - 1]].score < e->score; k--)
            if (k < N_ALT)
                alt[k] = alt[k - 1];
        if (k < N_ALT) {
            alt[k] = id;
            if (n_alt < N_ALT)
                n_alt++;
        }
    }
    /* Readability's climb: when three of the other best candidates that score 3/4 of the best
     * lie under one ancestor of it, the article is that ancestor (one split in parts) */
    if (top != SIFT_HTML_NONE) {
        unsigned k, n_close = 0;
        uint32_t a;
        for (k = 1; k < n_alt; k++)
            if (w->n[alt[k]].score >= 0.75f * best)
                n_close++;
        if (n_close >= 3)
            for (a = sift_html_node(doc, top)->parent; a != SIFT_HTML_NONE && a != 0 && a != w->body;
                 a = sift_html_node(doc, a)->parent) {
                unsigned under = 0;
                for (k = 1; k < n_alt; k++)
                    if (w->n[alt[k]].score >= 0.75f * best && alt[k] > a && alt[k] <= w->n[a].last)
                        under++;
                if (under >= 3) {
                    if (!(w->n[a].flags & EX_SCORED)) {
                        w->n[a].flags |= EX_SCORED;
                        w->n[a].score = 0;
                    }
                    top = a;
                    if (w->n[a].score > best)
                        best = w->n[a].score;
                    break;
                }
            }
    }
    if (top == SIFT_HTML_NONE) {
        /* no run of text long enough to score: the whole body, when it shows anything */
        if (w->n[w->body].chars == 0)
            return 0;
        w->n[w->body].flags |= EX_TAKEN;
        return 1;
    }
    /* up while a parent scores more, or is the only child. The walk goes on while each ancestor
     * scores a third of the one below it; the one it stops at is taken when it scores a third of
     * the best too, or when it holds twice the prose of the best (an article split in parts: the
     * parent of "story-text" blocks); a wrapper that scores little and adds no prose
     * is not (it brought a page's teasers in: 0046 of trafilatura-eval) */
    {
        float last = best;
        uint32_t a = sift_html_node(doc, top)->parent;
        while (a != SIFT_HTML_NONE && a != 0 && a != w->body) {
            const struct ex_node *e = &w->n[a];
            if (!(e->flags & EX_SCORED)) {
                a = sift_html_node(doc, a)->parent;
                continue;
            }
            if (e->score < last / 3.0f)
                break;
            if (e->score > last) {
                if (e->score >= best / 3.0f || (uint64_t)e->prose * 1 >= (uint64_t)w->n[top].prose * 2) {
                    top = a;
                    best = e->score;
                }
                break;
            }
            last = e->score;
            a = sift_html_node(doc, a)->parent;
        }
        for (;;) {
            const struct sift_html_node *x = sift_html_node(doc, top);
            const struct sift_html_node *y;
            if (x->parent == SIFT_HTML_NONE || x->parent == 0 || x->parent == w->body)
                break;
            y = sift_html_node(doc, x->parent);
            if (w->n[x->parent].chars != w->n[top].chars || y->tag == SIFT_TAG_BODY)
                break;
            top = x->parent; /* the parent holds no other text: the same article, whole */
        }
    }
    (void)weights;
#ifdef SIFT_EXTRACT_DEBUG
    {
        size_t cl = 0, il = 0;
        const char *c = attr(doc, top, "class", &cl), *i = attr(doc, top, "id", &il);
        fprintf(stderr, "top %u <%s class=%.*s id=%.*s> score %.1f chars %u links %u\n", top,
                sift_html_name(doc, top, &(size_t){ 0 }), (int)cl, c ? c : "", (int)il, i ? i : "", best,
                w->n[top].chars, w->n[top].links);
    }
#endif
    threshold = best * 0.2f > 10.0f ? best * 0.2f : 10.0f;
    p = sift_html_node(doc, top)->parent;
    cls = attr(doc, top, "class", &cls_len);
    if (p == SIFT_HTML_NONE) {
        w->n[top].flags |= EX_TAKEN;
        return 1;
    }
    for (c = sift_html_node(doc, p)->first_child; c != SIFT_HTML_NONE; c = sift_html_node(doc, c)->next_sibling) {
        const struct sift_html_node *x = sift_html_node(doc, c);
        struct ex_node *e = &w->n[c];
        float bonus = 0;
        size_t len;
        const char *v;
        if (e->flags & (EX_HIDDEN | EX_BOILER))
            continue;
        if (c == top) {
            e->flags |= EX_TAKEN;
            continue;
        }
        if (x->kind != SIFT_HTML_ELEMENT || e->chars == 0)
            continue;
        v = attr(doc, c, "class", &len);
        if (v && cls && len == cls_len && len > 0 && memcmp(v, cls, len) == 0)
            bonus = best * 0.2f;
        /* the paragraph rule: a <p>, or (a standfirst in a <div>) any block before the article;
         * after it, blocks of prose that are not paragraphs are mostly an author's biography,
         * a newsletter's pitch, a notice (measured) */
        if (((e->flags & EX_SCORED) && e->score + bonus >= threshold) ||
            (prose(w, c) && (x->tag == SIFT_TAG_P || c < top)))
            e->flags |= EX_TAKEN;
    }
    take_intro(w, top, p);
    return 1;
}

/* Inside the article, containers that are mostly links go: lists of related stories, tag clouds,
 * link boxes. A forward loop: a container dropped takes what it holds. */
static void clean(struct ex_work *w, const int *weights)
{
    const struct sift_html_doc *doc = w->doc;
    uint32_t id, count = sift_html_count(doc), taken = 0;

    for (id = 1; id < count; id++)
        if (w->n[id].flags & EX_TAKEN)
            taken += w->n[id].chars;
    for (id = 1; id < count; id++) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        struct ex_node *e = &w->n[id];
        float ld;
        if (x->kind != SIFT_HTML_ELEMENT || (e->flags & EX_TAKEN))
            continue;
        switch (x->tag) {
        case SIFT_TAG_DIV: case SIFT_TAG_SECTION: case SIFT_TAG_UL: case SIFT_TAG_OL: case SIFT_TAG_DL:
        case SIFT_TAG_TABLE: case SIFT_TAG_CENTER: case SIFT_TAG_HEADER: case SIFT_TAG_ARTICLE:
        case SIFT_TAG_FIGURE: case SIFT_TAG_P:
            break;
        default:
            continue;
        }
        if (e->commas >= 10 || e->chars == 0 || e->chars * 2 > taken)
            continue;
        ld = link_density(e);
        if (x->tag == SIFT_TAG_P ? ld > 0.9f && e->chars < 60 && w->n[x->parent].links * 2 > w->n[x->parent].chars
                                : (weights[id] >= 25 ? ld > 0.5f : ld > 0.33f))
            e->flags |= EX_DROPPED;
    }
}

/* Headings that head nothing go: one at the end, or followed by a heading of its level or
 * above (the title of a box of related links whose links were removed: "Related stories",
 * "Auch interessant"). The text is rebuilt without them, in place. */
/* ---- the article ---- */

static const char *const kind_names[SIFT_BLOCK__COUNT] = {
    "heading", "paragraph", "list_item", "quote", "caption", "table_row", "code"
};

const char *sift_block_kind_name(int kind)
{
    return kind >= 0 && kind < SIFT_BLOCK__COUNT ? kind_names[kind] : NULL;
}

void sift_article_free(struct sift_article *a)
{
    if (!a)
        return;
    free(a->blocks);
    free(a->text);
    free(a->title);
    free(a);
}

enum sift_status sift_extract_article(const struct sift_html_doc *doc, const struct sift_extract_opts *opts,
                                      struct sift_article **out)
{
    static const struct sift_extract_opts defaults = { SIFT_EXTRACT_ARTICLE, 1, 0 };
    struct ex_work w;
    struct ex_out o;
    struct sift_article *a;
    uint32_t count = sift_html_count(doc), id;
    int *weights;

    *out = NULL;
    if (!opts)
        opts = &defaults;
    a = calloc(1, sizeof *a);
    w.doc = doc;
    w.opts = opts;
    w.n = calloc(count ? count : 1, sizeof *w.n);
    weights = calloc(count ? count : 1, sizeof *weights);
    memset(&o, 0, sizeof o);
    if (!a || !w.n || !weights) {
        free(a);
        free(w.n);
        free(weights);
        return SIFT_ENOMEM;
    }
    a->title = sift_ex_title(doc, &a->title_len);
    if (!a->title)
        o.failed = 1;
    if (count > 1) {
        first_flags(&w);
        count_text(&w, EX_HIDDEN);
        find_tables(&w);
        if (opts->scope == SIFT_EXTRACT_PAGE) {
            if (w.n[w.body].chars > 0) {
                w.n[w.body].flags |= EX_TAKEN;
                a->found = 1;
            }
        } else {
            find_boilerplate(&w, weights);
            count_text(&w, EX_HIDDEN | EX_BOILER);
            score(&w, weights);
            a->found = choose(&w, weights);
            if (a->found)
                clean(&w, weights);
        }
        if (a->found)
            for (id = 1; id < count && !o.failed; id++)
                if (w.n[id].flags & EX_TAKEN)
                    sift_ex_emit(&w, id, &o);
        if (!o.failed && opts->scope != SIFT_EXTRACT_PAGE)
            sift_ex_tidy(&o);
    }
    free(w.n);
    free(weights);
    if (!o.failed && !o.text) {
        o.text = malloc(1);
        if (o.text)
            o.text[0] = '\0';
        else
            o.failed = 1;
    }
    a->text = o.text;
    a->text_len = o.len;
    a->blocks = o.blocks;
    a->n_blocks = o.n_blocks;
    if (o.failed) {
        sift_article_free(a);
        return SIFT_ENOMEM;
    }
    if (a->n_blocks == 0)
        a->found = 0;
    *out = a;
    return SIFT_OK;
}
