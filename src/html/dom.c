/*
 * html/dom.c - the part of the DOM that no parser sees (dom.h): the tag table, the accessors,
 * the walk and freeing. The adapter (html/myhtml.c) fills the arrays.
 */
#include <stdlib.h>
#include <string.h>

#include "html/dom.h"

static const char *const tag_names[SIFT_TAG__COUNT] = {
    NULL,
#define SIFT_HTML_TAG_NAME(id, name) name,
    SIFT_HTML_TAGS(SIFT_HTML_TAG_NAME)
#undef SIFT_HTML_TAG_NAME
};

/* name[0..len) against the 0-ended s, as memcmp orders bytes */
static int name_cmp(const char *name, size_t len, const char *s)
{
    size_t k;
    for (k = 0; k < len && s[k]; k++)
        if (name[k] != s[k])
            return (unsigned char)name[k] < (unsigned char)s[k] ? -1 : 1;
    if (k < len)
        return 1;
    return s[k] ? -1 : 0;
}

int sift_html_tag_by_name(const char *name, size_t len)
{
    int lo = 1, hi = SIFT_TAG__COUNT - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2, c = name_cmp(name, len, tag_names[mid]);
        if (c == 0)
            return mid;
        if (c < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return SIFT_TAG_UNKNOWN;
}

const char *sift_html_tag_name(int tag)
{
    return tag > 0 && tag < SIFT_TAG__COUNT ? tag_names[tag] : NULL;
}

void sift_html_free(struct sift_html_doc *doc)
{
    if (!doc)
        return;
    free(doc->nodes);
    free(doc->attrs);
    free(doc->strings);
    free(doc);
}

uint32_t sift_html_count(const struct sift_html_doc *doc)
{
    return doc->n_nodes;
}

const struct sift_html_node *sift_html_node(const struct sift_html_doc *doc, uint32_t id)
{
    return id < doc->n_nodes ? &doc->nodes[id] : NULL;
}

const char *sift_html_string(const struct sift_html_doc *doc, uint32_t off)
{
    return off < doc->n_strings ? doc->strings + off : "";
}

const char *sift_html_text(const struct sift_html_doc *doc, uint32_t id, size_t *len)
{
    const struct sift_html_node *n = sift_html_node(doc, id);
    if (!n || n->kind == SIFT_HTML_ELEMENT || n->kind == SIFT_HTML_DOCUMENT) {
        *len = 0;
        return "";
    }
    *len = n->str_len;
    return sift_html_string(doc, n->str);
}

const char *sift_html_name(const struct sift_html_doc *doc, uint32_t id, size_t *len)
{
    const struct sift_html_node *n = sift_html_node(doc, id);
    const char *name;
    if (!n || n->kind != SIFT_HTML_ELEMENT) {
        *len = 0;
        return "";
    }
    if (n->tag == SIFT_TAG_UNKNOWN) {
        *len = n->str_len;
        return sift_html_string(doc, n->str);
    }
    name = tag_names[n->tag];
    *len = strlen(name);
    return name;
}

const struct sift_html_attr *sift_html_attr(const struct sift_html_doc *doc, uint32_t id, uint32_t k)
{
    const struct sift_html_node *n = sift_html_node(doc, id);
    return n && n->kind == SIFT_HTML_ELEMENT && k < n->n_attr ? &doc->attrs[n->attr + k] : NULL;
}

const char *sift_html_attr_value(const struct sift_html_doc *doc, uint32_t id, const char *name,
                                 size_t name_len, size_t *len)
{
    const struct sift_html_attr *a;
    uint32_t k;
    for (k = 0; (a = sift_html_attr(doc, id, k)) != NULL; k++)
        if (a->name_len == name_len && memcmp(doc->strings + a->name, name, name_len) == 0) {
            *len = a->value_len;
            return doc->strings + a->value;
        }
    *len = 0;
    return NULL;
}

/* The walk's states: the node is to be entered, to be left, or the walk is over. */
enum { WALK_ENTER, WALK_LEAVE, WALK_DONE };

void sift_html_walk_init(struct sift_html_walk *w, const struct sift_html_doc *doc, uint32_t root)
{
    w->doc = doc;
    w->root = root;
    w->node = root;
    w->last = SIFT_HTML_NONE;
    w->depth = w->next_depth = 0;
    w->state = root < doc->n_nodes ? WALK_ENTER : WALK_DONE;
}

/* After node n is done: its next sibling, or its parent's leave; the root ends the walk. */
static void walk_after(struct sift_html_walk *w, uint32_t n)
{
    const struct sift_html_node *x = &w->doc->nodes[n];
    if (n == w->root) {
        w->state = WALK_DONE;
    } else if (x->next_sibling != SIFT_HTML_NONE) {
        w->node = x->next_sibling;
        w->state = WALK_ENTER;
    } else {
        w->node = x->parent;
        w->next_depth--;
        w->state = WALK_LEAVE;
    }
}

int sift_html_walk_next(struct sift_html_walk *w, uint32_t *id, int *event)
{
    const struct sift_html_node *x;
    uint32_t n = w->node;

    if (w->state == WALK_DONE)
        return 0;
    x = &w->doc->nodes[n];
    *id = n;
    w->depth = w->next_depth;
    if (w->state == WALK_LEAVE) {
        *event = SIFT_HTML_LEAVE;
        w->last = SIFT_HTML_NONE;
        walk_after(w, n);
        return 1;
    }
    *event = SIFT_HTML_ENTER;
    w->last = n;
    if (x->first_child != SIFT_HTML_NONE) {
        w->node = x->first_child;
        w->next_depth++;
    } else if (x->kind == SIFT_HTML_ELEMENT || x->kind == SIFT_HTML_DOCUMENT) {
        w->state = WALK_LEAVE;
    } else {
        walk_after(w, n);
    }
    return 1;
}

void sift_html_walk_skip(struct sift_html_walk *w)
{
    const struct sift_html_node *x;
    if (w->last == SIFT_HTML_NONE)
        return;
    x = &w->doc->nodes[w->last];
    /* only a node that gives a LEAVE has children to skip; a text node's walk has moved on */
    if (x->kind == SIFT_HTML_ELEMENT || x->kind == SIFT_HTML_DOCUMENT) {
        w->node = w->last;
        w->next_depth = w->depth;
        w->state = WALK_LEAVE;
    }
    w->last = SIFT_HTML_NONE;
}

int sift_html_equal(const struct sift_html_doc *a, const struct sift_html_doc *b)
{
    uint32_t id, k;
    if (a->n_nodes != b->n_nodes || a->src_len != b->src_len)
        return 0;
    for (id = 0; id < a->n_nodes; id++) {
        const struct sift_html_node *x = &a->nodes[id], *y = &b->nodes[id];
        size_t lx, ly;
        const char *tx = sift_html_text(a, id, &lx), *ty = sift_html_text(b, id, &ly);
        if (x->parent != y->parent || x->first_child != y->first_child || x->last_child != y->last_child ||
            x->next_sibling != y->next_sibling || x->tag != y->tag || x->kind != y->kind || x->ns != y->ns ||
            x->flags != y->flags || x->src_i != y->src_i || x->src_j != y->src_j || x->end_i != y->end_i ||
            x->end_j != y->end_j || x->n_attr != y->n_attr || lx != ly || memcmp(tx, ty, lx) != 0)
            return 0;
        tx = sift_html_name(a, id, &lx);
        ty = sift_html_name(b, id, &ly);
        if (lx != ly || memcmp(tx, ty, lx) != 0)
            return 0;
        for (k = 0; k < x->n_attr; k++) {
            const struct sift_html_attr *p = sift_html_attr(a, id, k), *q = sift_html_attr(b, id, k);
            if (p->name_len != q->name_len || p->value_len != q->value_len || p->name_i != q->name_i ||
                p->name_j != q->name_j || p->value_i != q->value_i || p->value_j != q->value_j ||
                memcmp(sift_html_string(a, p->name), sift_html_string(b, q->name), p->name_len) != 0 ||
                memcmp(sift_html_string(a, p->value), sift_html_string(b, q->value), p->value_len) != 0)
                return 0;
        }
    }
    return 1;
}
