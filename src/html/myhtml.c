/*
 * html/myhtml.c - sift_html_parse over myhtml (Debian 12's libmodest-dev), the only file that
 * includes a myhtml header: it runs myhtml's HTML5 tree construction and turns its tree into the
 * engine's DOM (html/dom.h). Another parser (lexbor) is another file like this one.
 *
 * What myhtml does not give, and how it is got here:
 *   - exact source offsets. myhtml keeps each node's first token, and a token its bytes, but it
 *     joins a text token to the text node before it (the standard's "append to the Text node"),
 *     forgetting the second token's bytes, and it keeps no end tag. The callbacks that myhtml
 *     calls for each token before its tree step (single mode runs each token's tree step right
 *     after them: myhtml_queue_add) see the tree as the previous token left it, so each text
 *     token is followed to the text node it created or grew, and each end tag to the element it
 *     took off the stack of open elements;
 *   - a bound on depth. The standard's tree construction scans the stack of open elements for
 *     most start and end tags ("has a p element in button scope"), so 100,000 nested <div>s took
 *     myhtml 21 s (and 100,000 "<i>x" 5 s); from SIFT_HTML_MAX_DEPTH open elements on, the
 *     current element is closed before a start tag is built, so that the new element becomes its
 *     sibling, as browsers do, and no scan is longer than that;
 *   - end tags and text at the edges: an element made of "</br>", a page cut inside a tag, the
 *     "</script>" after escaped script text, the line break after <pre>, text split where white
 *     space must stay in <head>, NUL characters dropped: each handled where it is met below, and
 *     a text whose span still does not check out is marked SIFT_HTML_APPROX, never trusted;
 *   - threads: myhtml's default mode parses in threads of its own; the engine makes none and must
 *     run in the caller's thread (and the callbacks above need the single mode's order), so
 *     MyHTML_OPTIONS_PARSE_MODE_SINGLE.
 * This reads myhtml's structs (myhtml/tree.h: the stack of open elements, the insertion mode,
 * tokens' raw spans), not only its API functions: they are what the above needs, and Debian's
 * package installs them. Link with -lmodest -lm (libmodest.so uses log10 without linking libm).
 */
#include <stdlib.h>
#include <string.h>

#include <myhtml/myhtml.h>
#include <myhtml/callback.h>
#include <myhtml/tree.h>

#include "html/dom.h"

/* One text token, and the myhtml text node it went into (NULL: none yet, or dropped). */
struct piece {
    myhtml_token_node_t *tok;
    myhtml_tree_node_t *node;
    uint32_t src_i, src_j, len; /* its bytes in the page; the length of its decoded text */
    uint32_t next;              /* the next piece of the same text node, or SIFT_HTML_NONE */
};

/* What a myhtml node's data points to (index + 1, and the kind in the low bit): a text node's
 * pieces, or an element's end tag. */
struct text_rec {
    uint32_t first, last; /* pieces */
    size_t assigned;      /* the text length its pieces account for */
};
struct end_rec {
    uint32_t end_i, end_j;
};

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
};

#define DATA_TEXT 0u
#define DATA_END 1u

static void *data_of(size_t index, unsigned kind)
{
    return (void *)(uintptr_t)(((index + 1) << 1) | kind);
}

static int data_get(myhtml_tree_node_t *node, unsigned kind, size_t *index)
{
    uintptr_t d = (uintptr_t)myhtml_node_get_data(node);
    if (!d || (d & 1u) != kind)
        return 0;
    *index = (size_t)(d >> 1) - 1;
    return 1;
}

/* Room for one more of n items of size sz in *arr (of *cap); 0 when memory ran out. */
static int grow(void **arr, size_t *cap, size_t n, size_t sz)
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

static size_t text_len(myhtml_tree_node_t *node)
{
    return node->token ? node->token->str.length : 0;
}

/* The text node that a text token may have grown: the current node's last child (text is
 * appended there); or, for text that a table may not hold and that goes before the table
 * ("foster parenting") to join the text there, the node before the last table of the stack, or
 * before the current node's last child when that is the table (its end tag flushed the text and
 * closed it in one step). */
static myhtml_tree_node_t *grown_text(struct ctx *c, size_t need, int which)
{
    myhtml_tree_list_t *st = c->tree->open_elements;
    myhtml_tree_node_t *n = NULL, *cur = st->length ? st->list[st->length - 1] : NULL;
    size_t k, i;

    if (which == 0) {
        n = cur ? cur->last_child : NULL;
    } else if (which == 1) {
        for (k = st->length; k > 0; k--)
            if (st->list[k - 1]->tag_id == MyHTML_TAG_TABLE) {
                n = st->list[k - 1]->prev;
                break;
            }
    } else if (cur && cur->last_child && cur->last_child->tag_id == MyHTML_TAG_TABLE) {
        n = cur->last_child->prev;
    }
    if (!n || n->tag_id != MyHTML_TAG__TEXT || !data_get(n, DATA_TEXT, &i))
        return NULL;
    return text_len(n) >= c->texts[i].assigned + need ? n : NULL;
}

static void add_piece_to(struct ctx *c, size_t p, myhtml_tree_node_t *node, size_t t)
{
    struct text_rec *r = &c->texts[t];
    c->pieces[p].node = node;
    c->pieces[r->last].next = (uint32_t)p;
    r->last = (uint32_t)p;
    r->assigned += c->pieces[p].len;
}

/* What the last tree step did: the text tokens it placed, the element its end tag closed. */
static void settle(struct ctx *c)
{
    myhtml_tree_list_t *st = c->tree->open_elements;

    /* text in a table waits in myhtml's list until a token other than text comes */
    if (c->tree->insert_mode != MyHTML_INSERTION_MODE_IN_TABLE_TEXT) {
        for (; c->settled < c->n_pieces; c->settled++) {
            struct piece *p = &c->pieces[c->settled];
            myhtml_tree_node_t *n;
            size_t t;
            if (p->node)
                continue; /* made a node of its own (on_insert) */
            /* its text as the tree step left it (NUL characters dropped): myhtml appended that */
            p->len = (uint32_t)p->tok->str.length;
            if (p->len == 0)
                continue;
            n = grown_text(c, p->len, 0);
            if (!n)
                n = grown_text(c, p->len, 1);
            if (!n)
                n = grown_text(c, p->len, 2);
            if (n && data_get(n, DATA_TEXT, &t))
                add_piece_to(c, c->settled, n, t);
            /* else the standard drops it (white space before <html>, say): no node */
        }
    }
    if (c->end_tok) {
        if (c->end_el && (st->length <= c->end_at || st->list[c->end_at] != c->end_el) &&
            !myhtml_node_get_data(c->end_el)) {
            if (grow((void **)&c->ends, &c->cap_ends, c->n_ends, sizeof *c->ends)) {
                size_t i = c->end_tok->element_begin, j = i + c->end_tok->element_length;
                /* an end tag that ends escaped script text ("<!-- ... </script>") begins, for
                 * myhtml, where that text does: the tag is the last "</" of it */
                if (j - i >= 2 && j <= c->len && !(c->src[i] == '<' && c->src[i + 1] == '/')) {
                    size_t k = j - 2;
                    while (k > i && !(c->src[k] == '<' && c->src[k + 1] == '/'))
                        k--;
                    i = k;
                }
                c->ends[c->n_ends].end_i = (uint32_t)i;
                c->ends[c->n_ends].end_j = (uint32_t)j;
                myhtml_node_set_data(c->end_el, data_of(c->n_ends++, DATA_END));
            } else {
                c->failed = 1;
            }
        }
        c->end_tok = NULL;
    }
}

/* Elements that the depth bound may close: an ordinary one, whose closing leaves the insertion
 * mode (in body) right; not the ones that tables, templates, selects, frames and the scope
 * markers of formatting elements keep their state in. */
static int may_close(const myhtml_tree_node_t *n)
{
    if (n->ns != MyHTML_NAMESPACE_HTML)
        return 0;
    switch (n->tag_id) {
    case MyHTML_TAG_HTML: case MyHTML_TAG_HEAD: case MyHTML_TAG_BODY: case MyHTML_TAG_TABLE:
    case MyHTML_TAG_TBODY: case MyHTML_TAG_THEAD: case MyHTML_TAG_TFOOT: case MyHTML_TAG_TR:
    case MyHTML_TAG_TD: case MyHTML_TAG_TH: case MyHTML_TAG_CAPTION: case MyHTML_TAG_COLGROUP:
    case MyHTML_TAG_TEMPLATE: case MyHTML_TAG_SELECT: case MyHTML_TAG_FRAMESET:
    case MyHTML_TAG_APPLET: case MyHTML_TAG_OBJECT: case MyHTML_TAG_MARQUEE:
        return 0;
    default:
        return 1;
    }
}

static void *before_token(myhtml_tree_t *tree, myhtml_token_node_t *tok, void *ud)
{
    struct ctx *c = ud;
    myhtml_tree_list_t *st = tree->open_elements;
    myhtml_tag_id_t id = tok->tag_id;

    settle(c);
    if (id == MyHTML_TAG__TEXT || id == MyHTML_TAG__COMMENT || id == MyHTML_TAG__DOCTYPE ||
        id == MyHTML_TAG__END_OF_FILE)
        return ud;
    if (tok->type & MyHTML_TOKEN_TYPE_CLOSE) {
        /* the element this end tag closes, if it does: the nearest open one of its name (the
         * stack is at most about SIFT_HTML_MAX_DEPTH deep) */
        size_t k;
        c->end_tok = tok;
        c->end_el = NULL;
        for (k = st->length; k > 0; k--)
            if (st->list[k - 1]->tag_id == id) {
                c->end_el = st->list[k - 1];
                c->end_at = k - 1;
                break;
            }
    } else if (st->length >= SIFT_HTML_MAX_DEPTH && tree->insert_mode == MyHTML_INSERTION_MODE_IN_BODY &&
               may_close(st->list[st->length - 1])) {
        /* a formatting element (<b>, <i>, ...) closed so stays on the list of active formatting
         * elements, and the next text would open a copy of it again ("reconstruct the active
         * formatting elements"), as deep as before: it is closed as its end tag would close it */
        myhtml_tree_node_t *cur = st->list[st->length - 1];
        myhtml_tree_open_elements_pop(tree);
        myhtml_tree_active_formatting_remove(tree, cur);
    }
    return ud;
}

static void *after_token(myhtml_tree_t *tree, myhtml_token_node_t *tok, void *ud)
{
    struct ctx *c = ud;
    struct piece *p;
    (void)tree;
    if (tok->tag_id != MyHTML_TAG__TEXT)
        return ud;
    if (!grow((void **)&c->pieces, &c->cap_pieces, c->n_pieces, sizeof *c->pieces)) {
        c->failed = 1;
        return ud;
    }
    p = &c->pieces[c->n_pieces++];
    p->tok = tok;
    p->node = NULL;
    /* a text token's raw span, not its element span: at the end of the page in RCDATA
     * ("<textarea>t<b"), myhtml's element span starts at the last "<" */
    p->src_i = (uint32_t)tok->raw_begin;
    p->src_j = (uint32_t)(tok->raw_begin + tok->raw_length);
    p->len = (uint32_t)tok->str.length;
    p->next = SIFT_HTML_NONE;
    return ud;
}

/* A new text node made of pieces[k] (its token); returns 0 when memory ran out. */
static int new_text(struct ctx *c, myhtml_tree_node_t *node, size_t k)
{
    if (!grow((void **)&c->texts, &c->cap_texts, c->n_texts, sizeof *c->texts))
        return 0;
    c->texts[c->n_texts].first = c->texts[c->n_texts].last = (uint32_t)k;
    c->texts[c->n_texts].assigned = c->pieces[k].len;
    c->pieces[k].node = node;
    myhtml_node_set_data(node, data_of(c->n_texts++, DATA_TEXT));
    return 1;
}

/* A node inserted: a new text node starts its list of pieces with the token it was made of (a
 * text node moved by the adoption agency comes here again, with its data already set). */
static void on_insert(myhtml_tree_t *tree, myhtml_tree_node_t *node, void *ud)
{
    struct ctx *c = ud;
    size_t k, len;
    (void)tree;
    if (node->tag_id != MyHTML_TAG__TEXT || myhtml_node_get_data(node) || !node->token)
        return;
    for (k = c->n_pieces; k > c->settled; k--)
        if (c->pieces[k - 1].tok == node->token)
            break;
    len = node->token->str.length;
    if (k > c->settled) {
        struct piece *p = &c->pieces[k - 1];
        myhtml_tree_node_t *up = node->parent;
        /* its text as the tree step left it: NUL characters dropped */
        p->len = (uint32_t)len;
        /* the line break just after <pre>, <listing> or <textarea> is not text (the standard
         * drops it): the text's bytes begin after it */
        if (up && up->ns == MyHTML_NAMESPACE_HTML && up->token && !up->child->next &&
            (up->tag_id == MyHTML_TAG_PRE || up->tag_id == MyHTML_TAG_LISTING || up->tag_id == MyHTML_TAG_TEXTAREA) &&
            p->src_i == up->token->element_begin + up->token->element_length) {
            if (p->src_i < p->src_j && c->src[p->src_i] == '\n')
                p->src_i++;
            else if (p->src_i + 1 < p->src_j && c->src[p->src_i] == '\r' && c->src[p->src_i + 1] == '\n')
                p->src_i += 2;
        }
        c->failed |= !new_text(c, node, k - 1);
        return;
    }
    /* A token that myhtml made by splitting ours: the white space that leads a text token where
     * only white space may stay (in <head>, say) goes there, the rest of the text on. When its
     * text is what the current token's bytes begin with, that prefix is its source. */
    if (c->n_pieces > c->settled && len > 0) {
        struct piece *p = &c->pieces[c->n_pieces - 1];
        if (!p->node && p->src_j - p->src_i > len && memcmp(c->src + p->src_i, node->token->str.data, len) == 0) {
            if (!grow((void **)&c->pieces, &c->cap_pieces, c->n_pieces, sizeof *c->pieces)) {
                c->failed = 1;
                return;
            }
            p = &c->pieces[c->n_pieces - 1];
            c->pieces[c->n_pieces] = *p;
            c->pieces[c->n_pieces].tok = node->token;
            c->pieces[c->n_pieces].src_j = p->src_i + (uint32_t)len;
            c->pieces[c->n_pieces].len = (uint32_t)len;
            p->src_i += (uint32_t)len;
            c->n_pieces++;
            c->failed |= !new_text(c, node, c->n_pieces - 1);
        }
    }
    /* else: left without pieces, and marked SIFT_HTML_APPROX */
}

/* ---- building the DOM from myhtml's tree ------------------------------------------------------ */

struct build {
    struct ctx *c;
    struct sift_html_doc *doc;
    uint16_t tags[MyHTML_TAG_LAST_ENTRY]; /* myhtml's tag id -> ours + 1; 0: not looked up */
    unsigned char *claimed;               /* start tag offsets taken by an element already */
    size_t n_nodes, n_attrs, n_strings;   /* counted, then filled */
    int fill;
    int input_utf8;                       /* the page is well-formed UTF-8 */
};

static uint32_t add_string(struct build *b, const char *s, size_t len)
{
    size_t at = b->n_strings;
    if (b->fill) {
        if (len)
            memcpy(b->doc->strings + at, s, len);
        b->doc->strings[at + len] = '\0';
    }
    b->n_strings += len + 1;
    return (uint32_t)at;
}

/* Drops the ill-formed bytes of s[0..len) in place and returns the new length; for pages that are
 * well-formed UTF-8 only (b->input_utf8), whose text must then be too. myhtml (libmodest 0.0.6)
 * writes a stray continuation byte after the U+FFFD of an unterminated numeric reference that a
 * NUL follows, once NULs it dropped came before ("\0\0&#0\0x" gives EF BF BD BF; found by
 * fuzz_extract). Bytes of a page that was not UTF-8 stay as they came (the caller decodes pages
 * first). Each sift_utf8_valid stops at the next error, so the whole is linear. */
static size_t drop_ill_formed(const struct build *b, char *s, size_t len)
{
    size_t in = 0, out = 0, e;
    if (!b->input_utf8)
        return len;
    while (!sift_utf8_valid(s + in, len - in, &e)) {
        memmove(s + out, s + in, e);
        out += e;
        in += e + 1;
    }
    memmove(s + out, s + in, len - in);
    out += len - in;
    s[out] = '\0';
    return out;
}

static int our_tag(struct build *b, myhtml_tree_node_t *n)
{
    size_t len;
    const char *name;
    if (n->ns != MyHTML_NAMESPACE_HTML)
        return n->tag_id == MyHTML_TAG_SVG ? SIFT_TAG_SVG : n->tag_id == MyHTML_TAG_MATH ? SIFT_TAG_MATH
                                                                                         : SIFT_TAG_UNKNOWN;
    if (n->tag_id >= MyHTML_TAG_LAST_ENTRY)
        return SIFT_TAG_UNKNOWN; /* a tag name myhtml learnt from this page */
    if (!b->tags[n->tag_id]) {
        name = myhtml_tag_name_by_id(b->c->tree, n->tag_id, &len);
        b->tags[n->tag_id] = (uint16_t)(1 + (name ? sift_html_tag_by_name(name, len) : SIFT_TAG_UNKNOWN));
    }
    return b->tags[n->tag_id] - 1;
}

/* Appends a node under parent (its index); the index of the new node. */
static uint32_t add_node(struct build *b, uint32_t parent, int kind)
{
    uint32_t id = (uint32_t)b->n_nodes++;
    struct sift_html_node *x, *p;
    if (!b->fill)
        return id;
    x = &b->doc->nodes[id];
    memset(x, 0, sizeof *x);
    x->kind = (uint8_t)kind;
    x->parent = parent;
    x->first_child = x->last_child = x->next_sibling = SIFT_HTML_NONE;
    if (parent != SIFT_HTML_NONE) {
        p = &b->doc->nodes[parent];
        if (p->last_child == SIFT_HTML_NONE)
            p->first_child = id;
        else
            b->doc->nodes[p->last_child].next_sibling = id;
        p->last_child = id;
    }
    return id;
}

static void set_span(struct build *b, uint32_t id, size_t i, size_t j)
{
    if (b->fill) {
        b->doc->nodes[id].src_i = (uint32_t)i;
        b->doc->nodes[id].src_j = (uint32_t)j;
    }
}

/* A last check of a piece's span: bytes that hold no character reference, carriage return, NUL
 * or non-ASCII byte are the text itself, so where they are not (myhtml's tokenizer has corners
 * where its positions are off), the node is marked SIFT_HTML_APPROX rather than trusted. */
static int plain_match(const struct ctx *c, const struct piece *p, const char *text)
{
    size_t k;
    for (k = p->src_i; k < p->src_j; k++) {
        unsigned char ch = (unsigned char)c->src[k];
        if (ch == '&' || ch == '\r' || ch == 0 || ch >= 0x80)
            return 1;
    }
    return p->src_j - p->src_i == p->len && memcmp(c->src + p->src_i, text, p->len) == 0;
}

static void add_text(struct build *b, myhtml_tree_node_t *n, uint32_t parent)
{
    struct ctx *c = b->c;
    size_t len, t, off = 0, sum = 0;
    const char *s = myhtml_node_text(n, &len);
    uint32_t p, id;

    if (!s)
        s = "", len = 0;
    if (data_get(n, DATA_TEXT, &t)) {
        for (p = c->texts[t].first; p != SIFT_HTML_NONE; p = c->pieces[p].next)
            sum += c->pieces[p].len;
        if (sum == len) {
            /* one node a run of source bytes: each one's text is a slice of the joined text */
            for (p = c->texts[t].first; p != SIFT_HTML_NONE; p = c->pieces[p].next) {
                if (c->pieces[p].len == 0)
                    continue;
                id = add_node(b, parent, SIFT_HTML_TEXT);
                set_span(b, id, c->pieces[p].src_i, c->pieces[p].src_j);
                if (b->fill) {
                    b->doc->nodes[id].str = add_string(b, s + off, c->pieces[p].len);
                    b->doc->nodes[id].str_len = (uint32_t)drop_ill_formed(
                        b, b->doc->strings + b->doc->nodes[id].str, c->pieces[p].len);
                    if (!plain_match(c, &c->pieces[p], s + off))
                        b->doc->nodes[id].flags |= SIFT_HTML_APPROX;
                } else {
                    add_string(b, NULL, c->pieces[p].len);
                }
                off += c->pieces[p].len;
            }
            return;
        }
    }
    /* pieces that do not add up: one node, its span from the first piece to the last */
    id = add_node(b, parent, SIFT_HTML_TEXT);
    p = add_string(b, s, len);
    if (b->fill) {
        size_t i = n->token ? n->token->element_begin : 0, j = i;
        if (data_get(n, DATA_TEXT, &t))
            i = c->pieces[c->texts[t].first].src_i, j = c->pieces[c->texts[t].last].src_j;
        set_span(b, id, i, j < i ? i : j);
        b->doc->nodes[id].flags |= SIFT_HTML_APPROX;
        b->doc->nodes[id].str = p;
        b->doc->nodes[id].str_len = (uint32_t)drop_ill_formed(b, b->doc->strings + p, len);
    }
}

static void add_attrs(struct build *b, myhtml_tree_node_t *n, uint32_t id)
{
    myhtml_tree_attr_t *a;
    uint32_t first = (uint32_t)b->n_attrs, count = 0;

    for (a = myhtml_node_attribute_first(n); a; a = myhtml_attribute_next(a)) {
        /* myhtml fills an attribute's strings only when it had bytes in the page (valgrind saw
         * the others' pointers uninitialised): the raw lengths say which */
        size_t kl = a->raw_key_length ? a->key.length : 0, vl = a->raw_value_length ? a->value.length : 0;
        const char *k = kl ? a->key.data : "", *v = vl ? a->value.data : "";
        struct sift_html_attr *x;
        if (!k)
            k = "", kl = 0;
        if (!v)
            v = "", vl = 0;
        if (!b->fill) {
            add_string(b, NULL, kl);
            add_string(b, NULL, vl);
            b->n_attrs++;
            continue;
        }
        x = &b->doc->attrs[b->n_attrs++];
        x->name = add_string(b, k, kl);
        x->name_len = (uint32_t)kl;
        x->value = add_string(b, v, vl);
        x->value_len = (uint32_t)vl;
        {
            /* spans outside the tag's own (myhtml gives some after a run of "<" in a tag)
             * become empty at the tag's start */
            size_t lo = n->token ? n->token->element_begin : 0, hi = n->token ? lo + n->token->element_length : 0;
            size_t ki = a->raw_key_begin, kj = ki + a->raw_key_length;
            size_t vi = a->raw_value_begin, vj = vi + a->raw_value_length;
            if (ki < lo || kj > hi || kj < ki)
                ki = kj = lo;
            if (!a->raw_value_length || vi < kj || vj > hi)
                vi = vj = kj;
            x->name_i = (uint32_t)ki;
            x->name_j = (uint32_t)kj;
            x->value_i = (uint32_t)vi;
            x->value_j = (uint32_t)vj;
        }
        count++;
    }
    if (b->fill) {
        b->doc->nodes[id].attr = first;
        b->doc->nodes[id].n_attr = count;
    }
}

/* Whether [i, i + len) holds a start tag: not the "</br>" that myhtml makes a <br> of, nor what
 * it makes an element of when the page ends inside a tag ("<p>a<" gives an element "a<"). */
static int start_tag_at(const struct ctx *c, size_t i, size_t len)
{
    unsigned char ch;
    if (len < 3 || i + len > c->len || c->src[i] != '<' || c->src[i + len - 1] != '>')
        return 0;
    ch = (unsigned char)c->src[i + 1];
    return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
}

static void add_element(struct build *b, myhtml_tree_node_t *n, uint32_t id)
{
    myhtml_token_node_t *tok = n->token;
    int tag = our_tag(b, n), real;
    size_t e;

    if (tag == SIFT_TAG_UNKNOWN) {
        size_t len;
        const char *name = myhtml_tag_name_by_id(b->c->tree, n->tag_id, &len);
        uint32_t at;
        if (!name)
            name = "", len = 0;
        at = add_string(b, name, len);
        if (b->fill) {
            b->doc->nodes[id].str = at;
            b->doc->nodes[id].str_len = (uint32_t)len;
        }
    }
    real = tok && !(tok->type & MyHTML_TOKEN_TYPE_CLOSE) && start_tag_at(b->c, tok->element_begin, tok->element_length) &&
           !(b->claimed[tok->element_begin >> 3] & (1u << (tok->element_begin & 7)));
    /* a copy's attributes are copies whose spans (and some strings) myhtml leaves unset
     * (valgrind): only an element with its own start tag gives its attributes */
    if (real) {
        b->claimed[tok->element_begin >> 3] |= (unsigned char)(1u << (tok->element_begin & 7));
        add_attrs(b, n, id);
    }
    if (!b->fill)
        return;
    b->doc->nodes[id].tag = (uint16_t)tag;
    b->doc->nodes[id].ns = n->ns == MyHTML_NAMESPACE_HTML ? SIFT_NS_HTML
                           : n->ns == MyHTML_NAMESPACE_SVG ? SIFT_NS_SVG
                           : n->ns == MyHTML_NAMESPACE_MATHML ? SIFT_NS_MATHML : SIFT_NS_OTHER;
    /* a copy of a misnested formatting element shares its start tag: the first in document
     * order (the original) keeps it; an element made for "</p>" or "</br>" has no start tag */
    if (real) {
        set_span(b, id, tok->element_begin, tok->element_begin + tok->element_length);
    } else {
        b->doc->nodes[id].flags |= SIFT_HTML_IMPLIED_START;
    }
    if (data_get(n, DATA_END, &e)) {
        b->doc->nodes[id].end_i = b->c->ends[e].end_i;
        b->doc->nodes[id].end_j = b->c->ends[e].end_j;
    } else {
        b->doc->nodes[id].flags |= SIFT_HTML_IMPLIED_END;
    }
}

/* One pass over myhtml's tree, in document order and without recursion: counts (fill 0) or
 * fills (fill 1). */
static void build_pass(struct build *b)
{
    myhtml_tree_node_t *root = b->c->tree->document, *n = root->child;
    uint32_t parent = 0, id;

    b->n_nodes = b->n_attrs = b->n_strings = 0;
    id = add_node(b, SIFT_HTML_NONE, SIFT_HTML_DOCUMENT);
    (void)id;
    add_string(b, "", 0); /* offset 0 is "" */
    while (n) {
        int descend = 0;
        switch (n->tag_id) {
        case MyHTML_TAG__TEXT:
            add_text(b, n, parent);
            break;
        case MyHTML_TAG__COMMENT:
        case MyHTML_TAG__DOCTYPE: {
            size_t len = 0;
            const char *s;
            uint32_t at;
            if (n->tag_id == MyHTML_TAG__COMMENT) {
                s = myhtml_node_text(n, &len);
            } else {
                myhtml_tree_attr_t *a = myhtml_node_attribute_first(n);
                s = a ? myhtml_attribute_key(a, &len) : NULL;
            }
            if (!s)
                s = "", len = 0;
            id = add_node(b, parent, n->tag_id == MyHTML_TAG__COMMENT ? SIFT_HTML_COMMENT : SIFT_HTML_DOCTYPE);
            at = add_string(b, s, len);
            if (b->fill) {
                b->doc->nodes[id].str = at;
                b->doc->nodes[id].str_len = (uint32_t)len;
                if (n->token)
                    set_span(b, id, n->token->element_begin, n->token->element_begin + n->token->element_length);
                else
                    b->doc->nodes[id].flags |= SIFT_HTML_APPROX;
            }
            break;
        }
        default:
            id = add_node(b, parent, SIFT_HTML_ELEMENT);
            add_element(b, n, id);
            descend = 1;
            break;
        }
        if (descend && n->child) {
            parent = id;
            n = n->child;
            continue;
        }
        while (n != root && !n->next) {
            n = n->parent;
            if (b->fill && n != root)
                parent = b->doc->nodes[parent].parent;
            else if (n != root)
                parent = 0; /* counting: parents are not kept */
        }
        n = n != root ? n->next : NULL;
    }
}

/* Where the implied tags are: an element without a start tag begins where the first of its
 * children in the page does (or, empty, where the page was before it), one without an end tag ends after its content. */
static void place_implied(struct sift_html_doc *doc)
{
    struct sift_html_walk w;
    uint32_t id, cursor = 0;
    int ev;

    sift_html_walk_init(&w, doc, 0);
    while (sift_html_walk_next(&w, &id, &ev)) {
        struct sift_html_node *x = &doc->nodes[id];
        if (x->kind == SIFT_HTML_DOCUMENT)
            continue;
        if (ev == SIFT_HTML_ENTER) {
            if (x->kind != SIFT_HTML_ELEMENT || !(x->flags & SIFT_HTML_IMPLIED_START))
                cursor = x->src_j;
            else
                x->src_i = x->src_j = cursor;
        } else {
            uint32_t c, end;
            if ((x->flags & SIFT_HTML_IMPLIED_START) && x->first_child != SIFT_HTML_NONE) {
                uint32_t begin = UINT32_MAX;
                for (c = x->first_child; c != SIFT_HTML_NONE; c = doc->nodes[c].next_sibling)
                    if (doc->nodes[c].src_i < begin)
                        begin = doc->nodes[c].src_i;
                x->src_i = x->src_j = begin;
            }
            if (!(x->flags & SIFT_HTML_IMPLIED_END)) {
                cursor = x->end_j;
                continue;
            }
            end = x->src_j;
            for (c = x->first_child; c != SIFT_HTML_NONE; c = doc->nodes[c].next_sibling) {
                const struct sift_html_node *y = &doc->nodes[c];
                uint32_t e = y->kind == SIFT_HTML_ELEMENT ? y->end_j : y->src_j;
                if (e > end)
                    end = e;
            }
            x->end_i = x->end_j = end;
        }
    }
    doc->nodes[0].end_i = doc->nodes[0].end_j = (uint32_t)doc->src_len;
}

static enum sift_status build(struct ctx *c, struct sift_html_doc **out)
{
    struct build *b = calloc(1, sizeof *b);
    struct sift_html_doc *doc = calloc(1, sizeof *doc);
    enum sift_status rc = SIFT_ENOMEM;

    if (!b || !doc || !(b->claimed = calloc(c->len / 8 + 1, 1)))
        goto done;
    b->c = c;
    b->doc = doc;
    b->input_utf8 = sift_utf8_valid(c->src, c->len, NULL);
    build_pass(b);
    if (b->n_nodes >= UINT32_MAX || b->n_attrs >= UINT32_MAX || b->n_strings >= UINT32_MAX) {
        rc = SIFT_ETOOBIG;
        goto done;
    }
    doc->nodes = malloc(b->n_nodes * sizeof *doc->nodes);
    doc->attrs = malloc((b->n_attrs ? b->n_attrs : 1) * sizeof *doc->attrs);
    doc->strings = malloc(b->n_strings);
    if (!doc->nodes || !doc->attrs || !doc->strings)
        goto done;
    doc->n_nodes = (uint32_t)b->n_nodes;
    doc->n_attrs = (uint32_t)b->n_attrs;
    doc->n_strings = b->n_strings;
    doc->src_len = c->len;
    b->fill = 1;
    memset(b->claimed, 0, c->len / 8 + 1);
    build_pass(b);
    place_implied(doc);
    *out = doc;
    doc = NULL;
    rc = SIFT_OK;
done:
    if (b)
        free(b->claimed);
    free(b);
    sift_html_free(doc);
    return rc;
}

enum sift_status sift_html_parse(const char *utf8, size_t len, struct sift_html_doc **out)
{
    myhtml_t *myhtml;
    struct ctx c;
    enum sift_status rc = SIFT_ENOMEM;

    *out = NULL;
    if (len >= UINT32_MAX)
        return SIFT_ETOOBIG;
    memset(&c, 0, sizeof c);
    c.src = utf8 ? utf8 : "";
    c.len = len;
    /* one parser a call: myhtml_t is not to be shared between threads, and making one costs
     * little beside a page */
    myhtml = myhtml_create();
    if (!myhtml)
        return SIFT_ENOMEM;
    if (myhtml_init(myhtml, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK)
        goto done;
    c.tree = myhtml_tree_create();
    if (!c.tree || myhtml_tree_init(c.tree, myhtml) != MyHTML_STATUS_OK)
        goto done;
    myhtml_callback_before_token_done_set(c.tree, before_token, &c);
    myhtml_callback_after_token_done_set(c.tree, after_token, &c);
    myhtml_callback_tree_node_insert_set(c.tree, on_insert, &c);
    /* the bytes are UTF-8 already: no detection, no <meta charset> switch */
    if (myhtml_parse(c.tree, MyENCODING_UTF_8, utf8 ? utf8 : "", len) != MyHTML_STATUS_OK)
        goto done;
    settle(&c);
    if (!c.failed)
        rc = build(&c, out);
done:
    if (c.tree)
        myhtml_tree_destroy(c.tree);
    myhtml_destroy(myhtml);
    free(c.pieces);
    free(c.texts);
    free(c.ends);
    return rc;
}
