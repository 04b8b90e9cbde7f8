/*
 * extract/blocks.c - the blocks of the article: the text of the nodes chosen (extract/article.c),
 * as a browser lays it out. A block-level element starts a block and ends it; white space runs
 * become one space and none at the block's ends, except in <pre>, whose text is kept as it is;
 * <br> is a newline; the cells of a data table's row are one block, separated by tabs. Blocks are
 * joined by a blank line. Each block knows the page's bytes it came from: its element's, when it
 * is the whole of one element, else from its first text to its last.
 *
 * One pass of the DOM's iterative walk over each root; memory is the text (grown by doubling) and
 * the block list.
 */
#include <stdlib.h>
#include <string.h>

#include "extract/article.h"
#include "extract/internal.h"

static int grow(struct ex_out *o, size_t more)
{
    if (o->failed)
        return 0;
    if (o->cap - o->len < more + 1) {
        size_t cap = o->cap ? o->cap : 4096;
        char *t;
        while (cap - o->len < more + 1) {
            if (cap > ((size_t)-1) / 2) {
                o->failed = 1;
                return 0;
            }
            cap *= 2;
        }
        t = realloc(o->text, cap);
        if (!t) {
            o->failed = 1;
            return 0;
        }
        o->text = t;
        o->cap = cap;
    }
    return 1;
}

static void put(struct ex_out *o, const char *s, size_t n)
{
    if (!grow(o, n))
        return;
    memcpy(o->text + o->len, s, n);
    o->len += n;
    o->text[o->len] = '\0';
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

void sift_ex_count(const char *s, size_t len, uint32_t *chars, uint32_t *commas, uint32_t *ends)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = 0, k = 0, e = 0;
    size_t p;

    for (p = 0; p < len; p++) {
        unsigned b = u[p];
        if (is_space((int)b) || (b & 0xC0) == 0x80)
            continue;
        c++;
        if (b == ',') {
            k++;
        } else if (b == '.' || b == '!' || b == '?') {
            /* a full stop that ends a sentence: followed by space or the end, not after a digit
             * ("31. Mai" is a date) */
            if ((p + 1 == len || is_space(u[p + 1])) && !(p > 0 && u[p - 1] >= '0' && u[p - 1] <= '9'))
                e++;
        } else if (p + 1 < len && b == 0xD8 && (u[p + 1] == 0x8C)) {
            k++; /* U+060C ، */
        } else if (p + 1 < len && b == 0xD8 && u[p + 1] == 0x9F) {
            e++; /* U+061F ؟ */
        } else if (p + 2 < len && b == 0xE3 && u[p + 1] == 0x80 && u[p + 2] == 0x81) {
            k++; /* U+3001 、 */
        } else if (p + 2 < len && b == 0xE3 && u[p + 1] == 0x80 && u[p + 2] == 0x82) {
            e++; /* U+3002 。 */
        } else if (p + 2 < len && b == 0xEF && u[p + 1] == 0xBC && u[p + 2] == 0x8C) {
            k++; /* U+FF0C ， */
        } else if (p + 2 < len && b == 0xEF && u[p + 1] == 0xBC && (u[p + 2] == 0x81 || u[p + 2] == 0x9F)) {
            e++; /* U+FF01 ！, U+FF1F ？ */
        } else if (p + 2 < len && b == 0xE0 && u[p + 1] == 0xA5 && u[p + 2] == 0xA4) {
            e++; /* U+0964 । */
        }
    }
    *chars = c;
    *commas = k;
    *ends = e;
}

/* The block being made. */
struct ex_cur {
    int open;       /* some text is in it */
    size_t start;   /* its first byte in the text */
    int kind, level;
    int space;      /* a space is pending */
    int newlines;   /* newlines pending (<br>) */
    int tab;        /* a cell separator pending */
    uint32_t elem;  /* the element whose start began it, while no other block cut in */
    int page;              /* the page's scope: nothing dropped */
    uint32_t chars, links; /* its characters that are not white space, and those in links */
    size_t src_i, src_j;
};

/* Whether the block is a link alone, or nearly (a "read more" or "to the shop" link, a teaser's
 * title): paragraphs and list items under 200 characters, 60% of them link text. */
static int drop_links(const struct ex_cur *c)
{
    if (c->page)
        return 0;
    if (c->kind != SIFT_BLOCK_PARAGRAPH && c->kind != SIFT_BLOCK_LIST_ITEM)
        return 0;
    return c->chars > 0 && c->chars < 200 && (double)c->links >= 0.6 * (double)c->chars;
}

static void close_block(struct ex_out *o, struct ex_cur *c, uint32_t leaving, const struct sift_html_node *x)
{
    if (c->open && !o->failed) {
        struct sift_block *b;
        while (o->len > c->start && is_space((unsigned char)o->text[o->len - 1]))
            o->len--;
        o->text[o->len] = '\0';
        if (o->n_blocks == o->cap_blocks) {
            size_t cap = o->cap_blocks ? 2 * o->cap_blocks : 64;
            struct sift_block *t = cap < ((size_t)-1) / sizeof *t ? realloc(o->blocks, cap * sizeof *t) : NULL;
            if (!t) {
                o->failed = 1;
                return;
            }
            o->blocks = t;
            o->cap_blocks = cap;
        }
        b = &o->blocks[o->n_blocks++];
        b->kind = c->kind | (drop_links(c) ? EX_LINKY : 0);
        b->level = c->level;
        b->i = c->start;
        b->len = o->len - c->start;
        if (leaving != SIFT_HTML_NONE && c->elem == leaving && x) {
            b->src_i = x->src_i;
            b->src_j = x->end_j;
        } else {
            b->src_i = c->src_i;
            b->src_j = c->src_j;
        }
    }
    c->open = 0;
    c->chars = c->links = 0;
    c->space = c->newlines = c->tab = 0;
    c->elem = SIFT_HTML_NONE;
}

/* Appends the text of text node id. */
static void add_text(const struct ex_work *w, struct ex_out *o, struct ex_cur *c, uint32_t id,
                     const struct sift_html_node *x)
{
    size_t len, p, run;
    const char *s = sift_html_text(w->doc, id, &len);
    const struct ex_node *e = &w->n[id];
    int code = e->kind == SIFT_BLOCK_CODE;

    for (p = 0; p < len;) {
        if (is_space((unsigned char)s[p]) && !(code && c->open)) {
            c->space = 1;
            p++;
            continue;
        }
        if (!c->open) {
            if (o->len > 0)
                put(o, "\n\n", 2);
            c->open = 1;
            c->start = o->len;
            c->kind = e->kind;
            c->level = e->kind == SIFT_BLOCK_HEADING ? e->level : 0;
            c->src_i = x->src_i;
            c->space = c->newlines = c->tab = 0;
        } else if (c->newlines) {
            size_t k;
            while (o->len > c->start && (o->text[o->len - 1] == ' ' || o->text[o->len - 1] == '\t'))
                o->len--;
            for (k = 0; k < (size_t)c->newlines && k < 2; k++)
                put(o, "\n", 1);
            c->newlines = c->space = c->tab = 0;
        } else if (c->tab) {
            put(o, "\t", 1);
            c->tab = c->space = 0;
        } else if (c->space && !code) {
            put(o, " ", 1);
            c->space = 0;
        }
        /* the run up to the next white space (all of it in code) */
        run = p;
        if (code) {
            run = len;
        } else {
            while (run < len && !is_space((unsigned char)s[run]))
                run++;
        }
        put(o, s + p, run - p);
        {
            uint32_t ch, cm, en;
            sift_ex_count(s + p, run - p, &ch, &cm, &en);
            c->chars += ch;
            if (e->flags & EX_LINK)
                c->links += ch;
        }
        p = run;
        c->src_j = x->src_j;
    }
}

void sift_ex_emit(const struct ex_work *w, uint32_t root, struct ex_out *o)
{
    const struct sift_html_doc *doc = w->doc;
    struct sift_html_walk walk;
    struct ex_cur c;
    uint32_t id;
    int ev;

    memset(&c, 0, sizeof c);
    c.elem = SIFT_HTML_NONE;
    c.page = w->opts->scope == SIFT_EXTRACT_PAGE;
    sift_html_walk_init(&walk, doc, root);
    while (!o->failed && sift_html_walk_next(&walk, &id, &ev)) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        const struct ex_node *e = &w->n[id];
        int boundary;
        if (ev == SIFT_HTML_ENTER && (e->flags & (EX_HIDDEN | EX_BOILER | EX_DROPPED))) {
            if (x->kind == SIFT_HTML_ELEMENT) {
                sift_html_walk_skip(&walk);
                /* what was removed separates the words around it, as its box did */
                if (c.open)
                    c.space = 1;
            }
            continue;
        }
        if (x->kind == SIFT_HTML_TEXT) {
            add_text(w, o, &c, id, x);
            continue;
        }
        if (x->kind != SIFT_HTML_ELEMENT)
            continue;
        if (x->tag == SIFT_TAG_BR) {
            if (ev == SIFT_HTML_ENTER && c.open) {
                c.newlines++;
                c.src_j = x->src_j;
            }
            continue;
        }
        boundary = (e->flags & EX_BLOCK) != 0;
        if ((e->flags & EX_DATA) && x->tag != SIFT_TAG_TABLE && x->tag != SIFT_TAG_TR && x->tag != SIFT_TAG_CAPTION &&
            x->tag != SIFT_TAG_TBODY && x->tag != SIFT_TAG_THEAD && x->tag != SIFT_TAG_TFOOT) {
            /* inside a data table's row: cells are separated, their blocks are not blocks */
            if (ev == SIFT_HTML_ENTER && c.open) {
                if (x->tag == SIFT_TAG_TD || x->tag == SIFT_TAG_TH)
                    c.tab = 1;
                else if (boundary)
                    c.space = 1;
            }
            continue;
        }
        if (!boundary) {
            if (ev == SIFT_HTML_ENTER && c.open && (x->tag == SIFT_TAG_IMG || x->tag == SIFT_TAG_WBR))
                c.space = c.space || x->tag == SIFT_TAG_IMG;
            continue;
        }
        if (ev == SIFT_HTML_ENTER) {
            close_block(o, &c, SIFT_HTML_NONE, NULL);
            c.elem = id;
        } else {
            close_block(o, &c, id, x);
        }
    }
    close_block(o, &c, SIFT_HTML_NONE, NULL);
}

/* Whether block b is a fragment: short (under 60 bytes) and ending no sentence, in any script
 * (its last character, before closing quotes and brackets, is no full stop, question or
 * exclamation mark, ellipsis or colon). */
static int fragment(const struct ex_out *o, const struct sift_block *b)
{
    const unsigned char *t = (const unsigned char *)o->text + b->i;
    size_t n = b->len;
    if (n >= 60)
        return 0;
    for (;;) {
        if (n == 0)
            return 1;
        if (t[n - 1] == ')' || t[n - 1] == '"' || t[n - 1] == '\'' || t[n - 1] == ']') {
            n--;
        } else if (n >= 3 && t[n - 3] == 0xE2 && t[n - 2] == 0x80 && (t[n - 1] == 0x9D || t[n - 1] == 0x99)) {
            n -= 3; /* ” ’ */
        } else if (n >= 2 && t[n - 2] == 0xC2 && t[n - 1] == 0xBB) {
            n -= 2; /* » */
        } else {
            break;
        }
    }
    switch (t[n - 1]) {
    case '.': case '!': case '?': case ':': case ';':
        return 0;
    default:
        break;
    }
    if (n >= 3 && ((t[n - 3] == 0xE3 && t[n - 2] == 0x80 && t[n - 1] == 0x82) ||                         /* 。 */
                   (t[n - 3] == 0xEF && t[n - 2] == 0xBC && (t[n - 1] == 0x81 || t[n - 1] == 0x9F)) || /* ！？ */
                   (t[n - 3] == 0xE2 && t[n - 2] == 0x80 && t[n - 1] == 0xA6) ||                      /* … */
                   (t[n - 3] == 0xE0 && t[n - 2] == 0xA5 && t[n - 1] == 0xA4)))                       /* । */
        return 0;
    if (n >= 2 && t[n - 2] == 0xD8 && t[n - 1] == 0x9F) /* ؟ */
        return 0;
    return 1;
}

/* For each block of o, in first[k] the first block with its text, and in cnt[first] how many
 * blocks have it: a hash table of the texts, 2 to 4 slots a block. */
static int count_repeats(const struct ex_out *o, size_t *first, uint32_t *cnt)
{
    size_t cap = 16, k, *slot;
    while (cap < 2 * o->n_blocks)
        cap *= 2;
    slot = malloc(cap * sizeof *slot);
    if (!slot)
        return 0;
    for (k = 0; k < cap; k++)
        slot[k] = (size_t)-1;
    for (k = 0; k < o->n_blocks; k++) {
        const struct sift_block *b = &o->blocks[k];
        uint32_t h = 2166136261u;
        size_t m, at;
        for (m = 0; m < b->len; m++)
            h = (h ^ (unsigned char)o->text[b->i + m]) * 16777619u;
        cnt[k] = 0;
        for (at = h & (cap - 1);; at = (at + 1) & (cap - 1)) {
            const struct sift_block *c;
            if (slot[at] == (size_t)-1) {
                slot[at] = k;
                break;
            }
            c = &o->blocks[slot[at]];
            if (c->len == b->len && memcmp(o->text + c->i, o->text + b->i, b->len) == 0)
                break;
        }
        first[k] = slot[at];
        cnt[first[k]]++;
    }
    free(slot);
    return 1;
}

/* What goes once the blocks are made: the same short text three times or more (a button's or a
 * teaser's: "To the shop"; unless it is half the blocks or more: then it is what the page says),
 * and headings that head nothing. */
void sift_ex_tidy(struct ex_out *o)
{
    size_t k, kept = 0, len = 0;
    int prose;
    size_t *first = o->n_blocks ? malloc(o->n_blocks * sizeof *first) : NULL;
    uint32_t *cnt = o->n_blocks ? malloc(o->n_blocks * sizeof *cnt) : NULL;

    if (first && cnt && count_repeats(o, first, cnt)) {
        for (k = 0; k < o->n_blocks; k++)
            if (cnt[first[k]] >= 3 && o->blocks[k].len < 100 && cnt[first[k]] * 2 <= o->n_blocks)
                o->blocks[k].kind = -1; /* marked: dropped below */
    }
    free(first);
    free(cnt);
    /* a block that is mostly a link goes (a link the article gives between two paragraphs, too:
     * measured, keeping those finds fewer passages than it lets boilerplate in) */
    for (k = 0; k < o->n_blocks; k++)
        if (o->blocks[k].kind >= 0 && (o->blocks[k].kind & EX_LINKY))
            o->blocks[k].kind = -1;
    /* the article's edges: short paragraphs that end no sentence before its first paragraph of
     * prose (a date, a byline, a section's name) and after its last one (a credit, a "share",
     * a tag list); headings between them are left for the next step */
    for (k = 0; k < o->n_blocks; k++)
        if (o->blocks[k].kind > SIFT_BLOCK_HEADING && !fragment(o, &o->blocks[k]))
            break;
    prose = k < o->n_blocks; /* (with none but fragments, a short article is left whole) */
    for (k = 0; prose && k < o->n_blocks; k++) {
        struct sift_block *b = &o->blocks[k];
        if (b->kind == SIFT_BLOCK_HEADING || b->kind < 0)
            continue;
        if (b->kind != SIFT_BLOCK_PARAGRAPH || !fragment(o, b))
            break;
        b->kind = -1;
    }
    for (k = o->n_blocks; prose && k-- > 0;) {
        struct sift_block *b = &o->blocks[k];
        if (b->kind == SIFT_BLOCK_HEADING || b->kind < 0)
            continue;
        if ((b->kind != SIFT_BLOCK_PARAGRAPH && b->kind != SIFT_BLOCK_CAPTION) || !fragment(o, b))
            break;
        b->kind = -1;
    }
    for (k = 0; k < o->n_blocks; k++)
        if (o->blocks[k].kind < 0)
            continue;
        else
            o->blocks[kept++] = o->blocks[k];
    o->n_blocks = kept;
    kept = 0;

    for (k = 0; k < o->n_blocks; k++) {
        const struct sift_block *b = &o->blocks[k];
        int heads_nothing;
        size_t m;
        if (b->kind != SIFT_BLOCK_HEADING) {
            heads_nothing = 0;
        } else {
            for (m = k + 1; m < o->n_blocks && o->blocks[m].kind == SIFT_BLOCK_HEADING && o->blocks[m].level > b->level; m++)
                ;
            heads_nothing = m == o->n_blocks || (o->blocks[m].kind == SIFT_BLOCK_HEADING && o->blocks[m].level <= b->level);
            if (m == k + 1 && m < o->n_blocks && o->blocks[m].kind == SIFT_BLOCK_HEADING && k == 0)
                heads_nothing = 0; /* the headline over a first subheading */
        }
        if (heads_nothing)
            continue;
        if (kept > 0) {
            memcpy(o->text + len, "\n\n", 2);
            len += 2;
        }
        memmove(o->text + len, o->text + b->i, b->len);
        o->blocks[kept] = *b;
        o->blocks[kept].i = len;
        len += b->len;
        kept++;
    }
    o->n_blocks = kept;
    o->len = len;
    if (o->text)
        o->text[len] = '\0';
}
