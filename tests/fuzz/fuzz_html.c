/*
 * fuzz_html.c - the HTML5 parser behind html/dom.h (sift_html_parse over myhtml, html/myhtml.c)
 * and the DOM's walk, on any bytes: the page is untrusted input.
 *
 * Properties, beyond not crashing:
 *   - the parse succeeds (SIFT_OK) and node 0 is the document;
 *   - the links agree: a node's parent comes before it, each child names its parent, the first
 *     and last child and the sibling chain match, and the walk enters every node once, leaving
 *     each element and the document after its children;
 *   - every span is inside the page and ordered; a start tag's bytes begin with '<' and end
 *     with '>', an end tag's begin with "</"; an element without a start tag has an empty span;
 *   - a text node's text is not empty, and where its bytes hold no character reference,
 *     carriage return, NUL or non-ASCII byte, they are its text;
 *   - attribute value spans are inside their element's start tag;
 *   - the DOM is the same, node for node, byte for byte, when the parse makes a checkpoint (what
 *     is finished goes into the DOM and out of myhtml's tree) before every token, as when it
 *     makes none (sift_html_parse_every 1 and 0; a page makes one each MB).
 */
#include <string.h>

#include "fuzz.h"
#include "html/dom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct sift_html_doc *doc = NULL;
    struct sift_html_walk w;
    uint32_t id, n, enters = 0, leaves = 0, c, k;
    int ev, rc;

    if (size > 1 << 20)
        return 0;
    rc = sift_html_parse(s, size, &doc);
    FUZZ_CHECK(rc == SIFT_OK && doc, "sift_html_parse gave %d", rc);
    n = sift_html_count(doc);
    FUZZ_CHECK(n >= 1 && sift_html_node(doc, 0)->kind == SIFT_HTML_DOCUMENT, "no document node");
    for (id = 0; id < n; id++) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        uint32_t last = SIFT_HTML_NONE;
        FUZZ_CHECK(x->src_i <= x->src_j && x->src_j <= size, "node %u spans [%u, %u) of %lu", id, x->src_i,
                   x->src_j, (unsigned long)size);
        FUZZ_CHECK(id == 0 ? x->parent == SIFT_HTML_NONE : x->parent < id, "node %u has parent %u", id, x->parent);
        for (c = x->first_child; c != SIFT_HTML_NONE; c = sift_html_node(doc, c)->next_sibling) {
            FUZZ_CHECK(c < n && c > id && sift_html_node(doc, c)->parent == id, "child %u of %u", c, id);
            last = c;
        }
        FUZZ_CHECK(last == x->last_child, "node %u: last child %u, chain ends at %u", id, x->last_child, last);
        if (x->kind == SIFT_HTML_ELEMENT) {
            FUZZ_CHECK(x->end_i <= x->end_j && x->end_j <= size, "element %u ends [%u, %u)", id, x->end_i, x->end_j);
            if (x->flags & SIFT_HTML_IMPLIED_START)
                FUZZ_CHECK(x->src_i == x->src_j, "implied element %u has a span", id);
            else
                FUZZ_CHECK(x->src_j - x->src_i >= 3 && s[x->src_i] == '<' && s[x->src_j - 1] == '>',
                           "element %u's start tag [%u, %u)", id, x->src_i, x->src_j);
            if (x->flags & SIFT_HTML_IMPLIED_END)
                FUZZ_CHECK(x->end_i == x->end_j, "implied end of %u has a span", id);
            else
                FUZZ_CHECK(x->end_j - x->end_i >= 3 && s[x->end_i] == '<' && s[x->end_i + 1] == '/',
                           "element %u's end tag [%u, %u)", id, x->end_i, x->end_j);
            for (k = 0; k < x->n_attr; k++) {
                const struct sift_html_attr *a = sift_html_attr(doc, id, k);
                FUZZ_CHECK(a && a->value_i <= a->value_j && a->value_j <= size, "attribute %u of %u", k, id);
                if (!(x->flags & SIFT_HTML_IMPLIED_START))
                    FUZZ_CHECK(a->value_i >= x->src_i && a->value_j <= x->src_j, "attribute %u of %u outside its tag", k, id);
            }
            FUZZ_CHECK(sift_html_attr(doc, id, x->n_attr) == NULL, "attribute past the last");
        } else if (x->kind == SIFT_HTML_TEXT) {
            size_t len, j;
            const char *t = sift_html_text(doc, id, &len);
            int plain = !(x->flags & SIFT_HTML_APPROX);
            FUZZ_CHECK(len > 0 && t[len] == '\0', "text node %u is empty or not 0-ended", id);
            for (j = x->src_i; plain && j < x->src_j; j++)
                if (s[j] == '&' || s[j] == '\r' || s[j] == '\0' || (unsigned char)s[j] >= 0x80)
                    plain = 0;
            if (plain)
                FUZZ_CHECK(len == x->src_j - x->src_i && memcmp(t, s + x->src_i, len) == 0,
                           "text node %u is not its bytes [%u, %u)", id, x->src_i, x->src_j);
        }
    }
    sift_html_walk_init(&w, doc, 0);
    while (sift_html_walk_next(&w, &id, &ev)) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        FUZZ_CHECK(x != NULL, "walk gave node %u of %u", id, n);
        if (ev == SIFT_HTML_ENTER) {
            enters++;
        } else {
            FUZZ_CHECK(x->kind == SIFT_HTML_ELEMENT || x->kind == SIFT_HTML_DOCUMENT, "leave of node %u", id);
            leaves++;
        }
    }
    FUZZ_CHECK(enters == n, "walk entered %u of %u nodes", enters, n);
    FUZZ_CHECK(leaves <= enters, "walk left %u nodes, entered %u", leaves, enters);
    {
        struct sift_html_doc *once = NULL, *every = NULL;
        FUZZ_CHECK(sift_html_parse_every(s, size, 0, &once) == SIFT_OK, "the parse without checkpoints failed");
        FUZZ_CHECK(sift_html_parse_every(s, size, 1, &every) == SIFT_OK, "the parse with checkpoints failed");
        FUZZ_CHECK(sift_html_equal(once, doc) && sift_html_equal(once, every), "checkpoints changed the DOM");
        sift_html_free(once);
        sift_html_free(every);
    }
    sift_html_free(doc);
    return 0;
}
