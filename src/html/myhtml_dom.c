/*
 * html/myhtml_dom.c - the engine's DOM (html/dom.h) written from myhtml's tree, for the adapter
 * of html/myhtml.c (whose callbacks keep the records this reads: each text token's bytes, each
 * element's end tag; html/myhtml_adapter.h). The DOM is written in document order: part of it at
 * each checkpoint of the parse (what is finished, and the open elements above it, which go in
 * open and get their end tags at the end), the rest once the page is parsed. Its arrays grow by
 * half and are cut to their size at the end.
 */
#include "html/myhtml_adapter.h"

struct build {
    struct ctx *c;
    struct sift_html_doc *doc;
    uint16_t tags[MyHTML_TAG_LAST_ENTRY]; /* myhtml's tag id -> ours + 1; 0: not looked up */
    unsigned char *claimed;               /* start tag offsets taken by an element already */
    size_t n_nodes, n_attrs, n_strings;
    size_t cap_nodes, cap_attrs, cap_strings;
    int failed;                           /* memory ran out, or the DOM outgrew its indices */
    int input_utf8;                       /* the page is well-formed UTF-8 */
};

/* Room for n + more items of sz bytes in *arr (of *cap items): grown by half; 0 (and
 * b->failed) when memory ran out or the count would not fit an index. */
static int room(struct build *b, void **arr, size_t *cap, size_t n, size_t more, size_t sz)
{
    size_t c;
    void *p;
    if (b->failed)
        return 0;
    if (n + more <= *cap)
        return 1;
    c = *cap + *cap / 2 + 64;
    if (c < n + more)
        c = n + more;
    if (c >= UINT32_MAX || c > SIZE_MAX / sz || !(p = realloc(*arr, c * sz))) {
        b->failed = 1;
        return 0;
    }
    *arr = p;
    *cap = c;
    return 1;
}

/* Copies s[0..len) and a 0 byte into the strings; its offset (0, "", and b->failed, when memory
 * ran out: the caller writes nothing more). */
static uint32_t add_string(struct build *b, const char *s, size_t len)
{
    size_t at = b->n_strings;
    if (!room(b, (void **)&b->doc->strings, &b->cap_strings, b->n_strings, len + 1, 1))
        return 0;
    if (len)
        memcpy(b->doc->strings + at, s, len);
    b->doc->strings[at + len] = '\0';
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

/* Appends a node under parent (its index); the index of the new node. When memory ran out
 * (b->failed) it is a spare slot past the nodes, which the caller may write and which is never
 * part of the DOM. */
static uint32_t add_node(struct build *b, uint32_t parent, int kind)
{
    uint32_t id;
    struct sift_html_node *x, *p;
    if (!room(b, (void **)&b->doc->nodes, &b->cap_nodes, b->n_nodes, 2, sizeof *b->doc->nodes)) {
        /* the spare: the arrays always keep one slot past their nodes (or are made with it) */
        id = (uint32_t)b->n_nodes;
        memset(&b->doc->nodes[id], 0, sizeof b->doc->nodes[id]);
        return id;
    }
    id = (uint32_t)b->n_nodes++;
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
    b->doc->nodes[id].src_i = (uint32_t)i;
    b->doc->nodes[id].src_j = (uint32_t)j;
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
                uint32_t at;
                id = add_node(b, parent, SIFT_HTML_TEXT);
                set_span(b, id, c->pieces[p].src_i, c->pieces[p].src_j);
                at = add_string(b, s + off, c->pieces[p].len);
                if (b->failed)
                    return;
                b->doc->nodes[id].str = at;
                b->doc->nodes[id].str_len = (uint32_t)drop_ill_formed(b, b->doc->strings + at, c->pieces[p].len);
                if (!plain_match(c, &c->pieces[p], s + off))
                    b->doc->nodes[id].flags |= SIFT_HTML_APPROX;
                off += c->pieces[p].len;
            }
            return;
        }
    }
    /* pieces that do not add up: one node, its span from the first piece to the last */
    id = add_node(b, parent, SIFT_HTML_TEXT);
    p = add_string(b, s, len);
    if (b->failed)
        return;
    {
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
        uint32_t name, value;
        if (!room(b, (void **)&b->doc->attrs, &b->cap_attrs, b->n_attrs, 1, sizeof *b->doc->attrs))
            return;
        name = add_string(b, k, kl);
        value = add_string(b, v, vl);
        if (b->failed)
            return;
        x = &b->doc->attrs[b->n_attrs++];
        x->name = name;
        x->name_len = (uint32_t)kl;
        x->value = value;
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
    b->doc->nodes[id].attr = first;
    b->doc->nodes[id].n_attr = count;
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
        if (b->failed)
            return;
        b->doc->nodes[id].str = at;
        b->doc->nodes[id].str_len = (uint32_t)len;
    }
    real = tok && !(tok->type & MyHTML_TOKEN_TYPE_CLOSE) && start_tag_at(b->c, tok->element_begin, tok->element_length) &&
           !(b->claimed[tok->element_begin >> 3] & (1u << (tok->element_begin & 7)));
    /* a copy's attributes are copies whose spans (and some strings) myhtml leaves unset
     * (valgrind): only an element with its own start tag gives its attributes */
    if (real) {
        b->claimed[tok->element_begin >> 3] |= (unsigned char)(1u << (tok->element_begin & 7));
        add_attrs(b, n, id);
    }
    if (b->failed)
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
    if (data_get(n, DATA_END, &e) && b->c->ends[e].has_end) {
        b->doc->nodes[id].end_i = b->c->ends[e].end_i;
        b->doc->nodes[id].end_j = b->c->ends[e].end_j;
    } else {
        b->doc->nodes[id].flags |= SIFT_HTML_IMPLIED_END;
    }
}

/* The DOM node of element n when it went in while still open (a checkpoint's ancestor), or
 * SIFT_HTML_NONE. */
static uint32_t open_id(const struct build *b, myhtml_tree_node_t *n)
{
    size_t e;
    if (data_get(n, DATA_END, &e) && b->c->ends[e].id)
        return b->c->ends[e].id - 1;
    return SIFT_HTML_NONE;
}

/* Element n (its DOM node id, which went in open) as it is now: its end tag, which it may have
 * had since; and the attributes that a later <html> or <body> tag added to the page's own (the
 * standard adds them to the element that is open). */
static void finish_element(struct build *b, myhtml_tree_node_t *n, uint32_t id)
{
    size_t e, count = 0;
    myhtml_tree_attr_t *a;
    struct sift_html_node *x = &b->doc->nodes[id];

    if (data_get(n, DATA_END, &e) && b->c->ends[e].has_end) {
        x->end_i = b->c->ends[e].end_i;
        x->end_j = b->c->ends[e].end_j;
        x->flags &= ~(uint32_t)SIFT_HTML_IMPLIED_END;
    }
    if (x->flags & SIFT_HTML_IMPLIED_START) {
        /* an <html> the page gave only after its content began (its attributes go to the
         * element the standard made for it): the element has that tag now */
        myhtml_token_node_t *tok = n->token;
        if (tok && !(tok->type & MyHTML_TOKEN_TYPE_CLOSE) && start_tag_at(b->c, tok->element_begin, tok->element_length) &&
            !(b->claimed[tok->element_begin >> 3] & (1u << (tok->element_begin & 7)))) {
            b->claimed[tok->element_begin >> 3] |= (unsigned char)(1u << (tok->element_begin & 7));
            x->flags &= ~(uint32_t)SIFT_HTML_IMPLIED_START;
            set_span(b, id, tok->element_begin, tok->element_begin + tok->element_length);
            add_attrs(b, n, id);
        }
        return;
    }
    for (a = myhtml_node_attribute_first(n); a; a = myhtml_attribute_next(a))
        count++;
    if (count != x->n_attr)
        add_attrs(b, n, id);
}

/* (myhtml_adapter.h) */
uint32_t sift_myhtml_add_open(struct build *b, myhtml_tree_node_t *n, uint32_t parent)
{
    struct end_rec *r;
    uint32_t id = open_id(b, n);
    if (id != SIFT_HTML_NONE)
        return id;
    if (!(r = sift_myhtml_rec_of(b->c, n))) {
        b->failed = 1;
        return SIFT_HTML_NONE;
    }
    id = add_node(b, parent, SIFT_HTML_ELEMENT);
    add_element(b, n, id); /* (which grows the DOM's arrays, not the records) */
    if (b->failed)
        return SIFT_HTML_NONE;
    r->id = id + 1;
    return id;
}

/* (myhtml_adapter.h) In document order and without recursion. */
int sift_myhtml_emit(struct build *b, myhtml_tree_node_t *root, uint32_t parent)
{
    myhtml_tree_node_t *n = root;

    if (root == b->c->tree->document) {
        if (!root->child)
            return !b->failed;
        n = root->child;
    }
    while (n) {
        int descend = 0;
        uint32_t id = SIFT_HTML_NONE;
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
            if (b->failed)
                return 0;
            b->doc->nodes[id].str = at;
            b->doc->nodes[id].str_len = (uint32_t)len;
            if (n->token)
                set_span(b, id, n->token->element_begin, n->token->element_begin + n->token->element_length);
            else
                b->doc->nodes[id].flags |= SIFT_HTML_APPROX;
            break;
        }
        default:
            id = open_id(b, n);
            if (id != SIFT_HTML_NONE) {
                finish_element(b, n, id);
            } else {
                id = add_node(b, parent, SIFT_HTML_ELEMENT);
                add_element(b, n, id);
            }
            descend = 1;
            break;
        }
        if (b->failed)
            return 0;
        if (descend && n->child) {
            parent = id;
            n = n->child;
            continue;
        }
        while (n != root && !n->next) {
            n = n->parent;
            if (n != root && n != b->c->tree->document)
                parent = b->doc->nodes[parent].parent;
        }
        n = n != root ? n->next : NULL;
    }
    return 1;
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

/* (myhtml_adapter.h) Its document node 0, and the string "" at offset 0. */
struct build *sift_myhtml_build_begin(struct ctx *c)
{
    struct build *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->c = c;
    b->doc = calloc(1, sizeof *b->doc);
    b->claimed = calloc(c->len / 8 + 1, 1);
    if (!b->doc || !b->claimed) {
        free(b->claimed);
        free(b->doc);
        free(b);
        return NULL;
    }
    b->input_utf8 = sift_utf8_valid(c->src, c->len, NULL);
    (void)add_node(b, SIFT_HTML_NONE, SIFT_HTML_DOCUMENT);
    (void)add_string(b, "", 0);
    if (b->failed) { /* (from here on the node array has its spare slot: add_node) */
        sift_myhtml_build_free(b);
        return NULL;
    }
    return b;
}

void sift_myhtml_build_free(struct build *b)
{
    if (!b)
        return;
    free(b->claimed);
    sift_html_free(b->doc);
    free(b);
}

/* (myhtml_adapter.h) The DOM's arrays are cut to their size. */
enum sift_status sift_myhtml_build_end(struct build *b, struct sift_html_doc **out)
{
    struct sift_html_doc *doc = b->doc;
    void *p;

    if (!sift_myhtml_emit(b, b->c->tree->document, 0)) {
        enum sift_status rc = sift_myhtml_build_status(b);
        sift_myhtml_build_free(b);
        return rc;
    }
    /* (a failed realloc that shrinks leaves the block as it was: it is kept) */
    if ((p = realloc(doc->nodes, b->n_nodes * sizeof *doc->nodes)) != NULL)
        doc->nodes = p;
    if (b->n_attrs && (p = realloc(doc->attrs, b->n_attrs * sizeof *doc->attrs)) != NULL)
        doc->attrs = p;
    if ((p = realloc(doc->strings, b->n_strings)) != NULL)
        doc->strings = p;
    doc->n_nodes = (uint32_t)b->n_nodes;
    doc->n_attrs = (uint32_t)b->n_attrs;
    doc->n_strings = b->n_strings;
    doc->src_len = b->c->len;
    place_implied(doc);
    *out = doc;
    b->doc = NULL;
    sift_myhtml_build_free(b);
    return SIFT_OK;
}

/* (myhtml_adapter.h) */
enum sift_status sift_myhtml_build_status(const struct build *b)
{
    return b->n_nodes + 2 >= UINT32_MAX || b->n_strings + 1 >= UINT32_MAX || b->n_attrs + 1 >= UINT32_MAX
               ? SIFT_ETOOBIG
               : SIFT_ENOMEM;
}
