/*
 * html/myhtml.c - sift_html_parse over myhtml (Debian 12's libmodest-dev): it runs myhtml's
 * HTML5 tree construction, and html/myhtml_dom.c turns its tree into the engine's DOM
 * (html/dom.h). These two and html/myhtml_adapter.h are the only files that include a myhtml
 * header: another parser (lexbor) is another adapter like them.
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
 *   - memory: myhtml's tree takes about 7 bytes a byte of page; the DOM is written at
 *     checkpoints as the parse goes, and what it holds freed from myhtml's tree (checkpoint(),
 *     below), so that a page of 100 MB is not in memory as both at once;
 *   - threads: myhtml's default mode parses in threads of its own; the engine makes none and must
 *     run in the caller's thread (and the callbacks above need the single mode's order), so
 *     MyHTML_OPTIONS_PARSE_MODE_SINGLE.
 * This reads myhtml's structs (myhtml/tree.h: the stack of open elements, the insertion mode,
 * tokens' raw spans), not only its API functions: they are what the above needs, and Debian's
 * package installs them. Link with -lmodest -lm (libmodest.so uses log10 without linking libm).
 */
#include "html/myhtml_adapter.h"

static void checkpoint(struct ctx *c);

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

/* Attributes that myhtml copied (onto a copy of an element, or from a later <html> or <body> tag
 * onto that element) have no raw span: myhtml leaves its fields unset, so that what they read
 * depended on the memory they were given (fuzz_html: a DOM parsed with checkpoints differed).
 * They are set to none, as the tokenizer's own always have one. */
static void no_raw_spans(myhtml_token_attr_t *a)
{
    for (; a; a = a->next)
        a->raw_key_begin = a->raw_key_length = a->raw_value_begin = a->raw_value_length = 0;
}

/* The attributes a tree step copied onto <html> or <body> from a later tag of theirs. */
static void watch_merges(struct ctx *c)
{
    myhtml_tree_node_t *els[2];
    unsigned k;
    els[0] = c->tree->node_html;
    els[1] = c->tree->node_body;
    for (k = 0; k < 2; k++) {
        myhtml_token_node_t *tok = els[k] ? els[k]->token : NULL;
        if (!tok)
            continue;
        if (tok != c->merge_tok[k]) {
            c->merge_tok[k] = tok;
        } else {
            myhtml_token_attr_t *a = c->merge_last[k] ? c->merge_last[k]->next : tok->attr_first;
            no_raw_spans(a);
        }
        c->merge_last[k] = tok->attr_last;
    }
}

/* What the last tree step did: the text tokens it placed, the element its end tag closed, the
 * attributes it copied. */
static void settle(struct ctx *c)
{
    myhtml_tree_list_t *st = c->tree->open_elements;

    watch_merges(c);

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
        /* the element's record (every element has one from its insertion, on_insert) takes the
         * first end tag that closed it */
        struct end_rec *r = NULL;
        if (c->end_el && (st->length <= c->end_at || st->list[c->end_at] != c->end_el)) {
            if (!(r = sift_myhtml_rec_of(c, c->end_el)))
                c->failed = 1;
        }
        if (r && !r->has_end) {
            size_t i = c->end_tok->element_begin, j = i + c->end_tok->element_length;
            /* an end tag that ends escaped script text ("<!-- ... </script>") begins, for
             * myhtml, where that text does: the tag is the last "</" of it */
            if (j - i >= 2 && j <= c->len && !(c->src[i] == '<' && c->src[i + 1] == '/')) {
                size_t k = j - 2;
                while (k > i && !(c->src[k] == '<' && c->src[k + 1] == '/'))
                    k--;
                i = k;
            }
            r->end_i = (uint32_t)i;
            r->end_j = (uint32_t)j;
            r->has_end = 1;
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
    c->cur_tok = tok;
    if (c->every && c->b && !c->failed && tok->raw_begin >= c->next_check && tok->raw_begin <= c->len) {
        checkpoint(c); /* (sets c->failed when memory ran out) */
        c->next_check = tok->raw_begin + c->every;
    }
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
    if (node->tag_id != MyHTML_TAG__TEXT && node->tag_id != MyHTML_TAG__COMMENT && node->tag_id != MyHTML_TAG__DOCTYPE) {
        /* an element inserted for the first time (it gets its record; the adoption agency moves
         * elements, which come here again) that is made of another token than the one whose step
         * this is: a copy (reconstructed formatting, the adoption agency's) or one the standard
         * implies */
        size_t e;
        if (!data_get(node, DATA_END, &e)) {
            if (!sift_myhtml_rec_of(c, node))
                c->failed = 1;
            else if (node->token && node->token != c->cur_tok)
                no_raw_spans(node->token->attr_first);
        }
        return;
    }
    if (myhtml_node_get_data(node) || !node->token)
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

/* ---- checkpoints: what is finished goes into the DOM, and out of myhtml's tree -----------------
 *
 * Between two tokens (before_token), every CHECK_BYTES of the page, the nodes that no later step
 * of the standard's tree construction can change are written to the DOM and freed from myhtml's
 * tree (with their tokens). Which ones: the stack of open elements is walked from <html> down
 * while its elements are "plain" (below): each is the parent of the next, and the children of
 * each that come before the next one are closed, so that the standard only ever appends after
 * them. Those children go, in document order, with their open ancestors (which go in open and get
 * their end tags later), except:
 *   - the last child of the deepest plain element, and a text just before the first element that
 *     is not plain: text may still be appended to them ("insert a character"; before a table,
 *     foster parenting);
 *   - a subtree that holds a node myhtml keeps a pointer to: an open element (foster parenting
 *     puts elements before a table, as children of a plain element), an entry of the list of
 *     active formatting elements (reconstructed later as a copy of it), the form element pointer,
 *     the head element pointer until <body> exists, other_elements; the walk stops there, so that
 *     the DOM stays in document order. A climb from each of those to the walk finds the subtree
 *     (pin()), marking what it passes so that no node is climbed twice.
 * The stack's walk stops at the first element that is not plain: a formatting element (the
 * adoption agency moves the children of the block below it), a table's (foster parenting inserts
 * before it), <template>, <select>, a scope marker's (<applet>, <object>, <marquee>), <frameset>,
 * foreign content. Under those nothing is freed until they close: a page made of one open table
 * keeps myhtml's whole tree until its end, as before. No checkpoint while the frameset-ok flag
 * stands, nor with a stack deeper than SIFT_HTML_MAX_DEPTH (SVG or tables: only they nest past
 * the bound). The DOM is the same as without checkpoints: tests/c/test_html.c and fuzz_html check
 * it with one before every token. */

static int plain_open(const myhtml_tree_node_t *n)
{
    if (n->ns != MyHTML_NAMESPACE_HTML)
        return 0;
    switch (n->tag_id) {
    case MyHTML_TAG_A: case MyHTML_TAG_B: case MyHTML_TAG_BIG: case MyHTML_TAG_CODE: case MyHTML_TAG_EM:
    case MyHTML_TAG_FONT: case MyHTML_TAG_I: case MyHTML_TAG_NOBR: case MyHTML_TAG_S: case MyHTML_TAG_SMALL:
    case MyHTML_TAG_STRIKE: case MyHTML_TAG_STRONG: case MyHTML_TAG_TT: case MyHTML_TAG_U:
    case MyHTML_TAG_TABLE: case MyHTML_TAG_TBODY: case MyHTML_TAG_THEAD: case MyHTML_TAG_TFOOT:
    case MyHTML_TAG_TR: case MyHTML_TAG_TD: case MyHTML_TAG_TH: case MyHTML_TAG_CAPTION:
    case MyHTML_TAG_COLGROUP: case MyHTML_TAG_TEMPLATE: case MyHTML_TAG_SELECT:
    case MyHTML_TAG_APPLET: case MyHTML_TAG_OBJECT: case MyHTML_TAG_MARQUEE: case MyHTML_TAG_FRAMESET:
        return 0;
    default:
        return 1;
    }
}

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (myhtml_tree_node_t *const *)a, y = (uintptr_t) * (myhtml_tree_node_t *const *)b;
    return x < y ? -1 : x > y;
}

static int pinned(const struct ctx *c, myhtml_tree_node_t *n)
{
    return c->n_pins && bsearch(&n, c->pins, c->n_pins, sizeof *c->pins, cmp_ptr) != NULL;
}

/* (myhtml_adapter.h) */
struct end_rec *sift_myhtml_rec_of(struct ctx *c, myhtml_tree_node_t *n)
{
    size_t e;
    if (data_get(n, DATA_END, &e))
        return &c->ends[e];
    if (myhtml_node_get_data(n) || !grow((void **)&c->ends, &c->cap_ends, c->n_ends, sizeof *c->ends))
        return NULL;
    e = c->n_ends++;
    memset(&c->ends[e], 0, sizeof c->ends[e]);
    myhtml_node_set_data(n, data_of(e, DATA_END));
    return &c->ends[e];
}

/* The marks of this checkpoint in an element's record: one of the walk's open elements, or an
 * element already climbed from a pinned node. */
#define MARK_WALK(c) (2 * (c)->n_checks)
#define MARK_SEEN(c) (2 * (c)->n_checks + 1)

/* Pins the child of a walk's element that holds x (x itself, or an ancestor), when x is not an
 * element of the walk: climbs from x until an element of the walk or one climbed before, so that
 * all the climbs of a checkpoint cost the nodes they pass once. 0 when memory ran out. */
static int pin(struct ctx *c, myhtml_tree_node_t *x)
{
    myhtml_tree_node_t *n, *below = NULL;
    for (n = x; n && n != c->tree->document; below = n, n = n->parent) {
        struct end_rec *r;
        if (n->tag_id == MyHTML_TAG__TEXT || n->tag_id == MyHTML_TAG__COMMENT || n->tag_id == MyHTML_TAG__DOCTYPE)
            continue;
        if (!(r = sift_myhtml_rec_of(c, n)))
            return 0;
        if (r->chk == MARK_WALK(c))
            break;
        if (r->chk == MARK_SEEN(c))
            return 1;
        r->chk = MARK_SEEN(c);
    }
    if (!below)
        return 1;
    if (!grow((void **)&c->pins, &c->cap_pins, c->n_pins, sizeof *c->pins))
        return 0;
    c->pins[c->n_pins++] = below;
    return 1;
}

/* The pins of a checkpoint whose walk goes through the first `depth` open elements (marked
 * MARK_WALK). 0 when memory ran out. */
static int make_pins(struct ctx *c, size_t depth)
{
    myhtml_tree_t *t = c->tree;
    myhtml_tree_list_t *lists[3];
    size_t k, i;

    /* the open elements below the walk too: one that foster parenting put before a table is the
     * child of an element of the walk, before the next one, and not closed */
    lists[0] = t->open_elements;
    lists[1] = t->active_formatting;
    lists[2] = t->other_elements;
    c->n_pins = 0;
    for (k = 0; k < 3; k++)
        for (i = k == 0 ? depth : 0; lists[k] && i < lists[k]->length; i++)
            if (lists[k]->list[i] && !pin(c, lists[k]->list[i]))
                return 0;
    /* the head element pointer takes elements into <head> again only before <body> exists
     * ("after head": <meta> between </head> and <body>) */
    if ((!t->node_body && t->node_head && !pin(c, t->node_head)) || (t->node_form && !pin(c, t->node_form)))
        return 0;
    if (c->n_pins)
        qsort(c->pins, c->n_pins, sizeof *c->pins, cmp_ptr);
    return 1;
}

/* Frees node n and its token to myhtml's pools of nodes, tokens and attributes, which reuse
 * them. Not their strings: myhtml_tree_node_free gives those back to its string allocator too,
 * whose cache of freed blocks is searched in a line (mchar_async_cache_add and _delete took 98%
 * of the time, 0.4 s became 75 s on a 10 MB page); they stay until the tree goes. */
static void free_node(myhtml_tree_t *t, myhtml_tree_node_t *n)
{
    myhtml_token_node_t *tok = n->token;
    /* each zeroed first: myhtml leaves fields of the copies it makes unset (an attribute copied by
     * the adoption agency has no raw span), so that a reused object must read as new memory
     * does, or the DOM would differ from the one of a parse without checkpoints (fuzz_html) */
    if (tok) {
        myhtml_token_attr_t *a = tok->attr_first, *next;
        for (; a; a = next) {
            next = a->next;
            memset(a, 0, sizeof *a);
            mcobject_async_free(t->token->attr_obj, a);
        }
        memset(tok, 0, sizeof *tok);
        mcobject_async_free(t->token->nodes_obj, tok);
    }
    memset(n, 0, sizeof *n);
    mcobject_async_free(t->tree_obj, n);
}

/* Takes the subtree of root out of myhtml's tree and frees its nodes and their tokens, leaves
 * first, without recursion. */
static void free_subtree(myhtml_tree_t *t, myhtml_tree_node_t *root)
{
    myhtml_tree_node_t *n = myhtml_tree_node_remove(root);
    for (;;) {
        myhtml_tree_node_t *up, *next;
        while (n->child)
            n = n->child;
        if (n == root) {
            free_node(t, n);
            return;
        }
        up = n->parent;
        next = n->next;
        up->child = next;
        if (next)
            next->prev = NULL;
        else
            up->last_child = NULL;
        free_node(t, n);
        n = next ? next : up;
    }
}

static void checkpoint(struct ctx *c)
{
    myhtml_tree_t *t = c->tree;
    myhtml_tree_list_t *st = t->open_elements;
    struct build *b = c->b;
    myhtml_tree_node_t *parent = t->document;
    uint32_t parent_id = 0;
    size_t depth = 0, k;

    /* while the frameset-ok flag stands, a <frameset> takes <body> (and all in it) out of the
     * tree: nothing goes until the page has shown it is no frameset (text, most elements); a
     * stack deeper than the bound is one of SVG or tables, whose climbs would cost its depth for
     * each of its elements */
    if (t->insert_mode == MyHTML_INSERTION_MODE_IN_TABLE_TEXT || t->fragment ||
        (t->flags & MyHTML_TREE_FLAGS_FRAMESET_OK) || st->length > SIFT_HTML_MAX_DEPTH)
        return;
    while (depth < st->length && plain_open(st->list[depth]) &&
           st->list[depth]->parent == (depth ? st->list[depth - 1] : t->document))
        depth++;
    c->n_checks++;
    for (k = 0; k < depth; k++) {
        struct end_rec *r = sift_myhtml_rec_of(c, st->list[k]);
        if (!r) {
            c->failed = 1;
            return;
        }
        r->chk = MARK_WALK(c);
    }
    if (!make_pins(c, depth)) {
        c->failed = 1;
        return;
    }
    for (k = 0;; k++) {
        /* the next open element: a plain one to go into, or (k == depth) the first that is
         * not, where this checkpoint ends */
        myhtml_tree_node_t *open = k < st->length ? st->list[k] : NULL, *ch = parent->child;
        if (open && open->parent != parent)
            return; /* (an element the adoption agency or foster parenting put elsewhere) */
        while (ch && ch != open) {
            myhtml_tree_node_t *next = ch->next;
            if (!next && !open)
                return; /* the deepest element's last child */
            if (next == open && k == depth && ch->tag_id == MyHTML_TAG__TEXT)
                return; /* text before a table, where foster parenting appends */
            if (pinned(c, ch))
                return;
            if (!sift_myhtml_emit(b, ch, parent_id)) {
                c->failed = 1;
                return;
            }
            free_subtree(t, ch);
            ch = next;
        }
        if (!open || k == depth)
            return;
        parent_id = sift_myhtml_add_open(b, open, parent_id);
        if (parent_id == SIFT_HTML_NONE) {
            c->failed = 1;
            return;
        }
        parent = open;
    }
}

enum sift_status sift_html_parse(const char *utf8, size_t len, struct sift_html_doc **out)
{
    return sift_html_parse_every(utf8, len, CHECK_BYTES, out);
}

enum sift_status sift_html_parse_every(const char *utf8, size_t len, size_t every, struct sift_html_doc **out)
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
    c.b = sift_myhtml_build_begin(&c);
    if (!c.b)
        goto done;
    c.every = c.next_check = every;
    /* the bytes are UTF-8 already: no detection, no <meta charset> switch */
    if (myhtml_parse(c.tree, MyENCODING_UTF_8, utf8 ? utf8 : "", len) != MyHTML_STATUS_OK)
        goto done;
    settle(&c);
    if (!c.failed) {
        rc = sift_myhtml_build_end(c.b, out);
        c.b = NULL;
    } else {
        rc = sift_myhtml_build_status(c.b);
    }
done:
    if (c.tree)
        myhtml_tree_destroy(c.tree);
    myhtml_destroy(myhtml);
    sift_myhtml_build_free(c.b);
    free(c.pieces);
    free(c.texts);
    free(c.ends);
    free(c.pins);
    return rc;
}
