/*
 * test_units.c - the translation units of a page (extract/units.h) on small hand-written pages: a
 * text unit's codes and texts tile its bytes, with the codes' kinds, pairs and places in the text;
 * a pair around the whole unit left in the page; what is never offered (scripts, styles, pre, code,
 * translate="no", class="notranslate"), as blocks and as one code inside a paragraph; attribute
 * units with their quoting; the order of the units and the <html> element's lang; the article's
 * scope; and, on a messy page, the invariants every unit keeps.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test_util.h"

#include "extract/article.h"
#include "extract/units.h"
#include "html/dom.h"

/* A parsed page and its units; both freed by done(). */
struct page_units {
    const char *page;
    size_t len;
    struct sift_html_doc *doc;
    struct sift_units *u;
};

static void check_invariants(const struct page_units *p);

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void units_of(struct page_units *p, const char *page, int scope)
{
    p->page = page;
    p->len = strlen(page);
    p->doc = NULL;
    p->u = NULL;
    assert_int_equal(sift_html_parse(page, p->len, &p->doc), SIFT_OK);
    assert_int_equal(sift_page_units(p->doc, page, p->len, scope, &p->u), SIFT_OK);
    assert_non_null(p->u);
    check_invariants(p);
}

static void done(struct page_units *p)
{
    sift_units_free(p->u);
    sift_html_free(p->doc);
    p->u = NULL;
    p->doc = NULL;
}

static const char *text_of(const struct page_units *p, const struct sift_unit *un)
{
    return p->u->text + un->text;
}

static int text_is(const struct page_units *p, const struct sift_unit *un, const char *s)
{
    return un->len == strlen(s) && memcmp(text_of(p, un), s, un->len) == 0;
}

/* Whether page[i..j) is s. */
static int bytes_are(const struct page_units *p, uint32_t i, uint32_t j, const char *s)
{
    return i <= j && j <= p->len && j - i == strlen(s) && memcmp(p->page + i, s, j - i) == 0;
}

/* The unit whose text is s, or NULL. */
static const struct sift_unit *unit(const struct page_units *p, const char *s)
{
    size_t k;
    for (k = 0; k < p->u->n_units; k++)
        if (text_is(p, &p->u->units[k], s))
            return &p->u->units[k];
    return NULL;
}

/* Whether some unit's text holds s. */
static int offered(const struct page_units *p, const char *s)
{
    size_t k, n = strlen(s);
    for (k = 0; k < p->u->n_units; k++) {
        const struct sift_unit *un = &p->u->units[k];
        size_t q;
        for (q = 0; q + n <= un->len; q++)
            if (memcmp(text_of(p, un) + q, s, n) == 0)
                return 1;
    }
    return 0;
}

static size_t count_kind(const struct page_units *p, int kind)
{
    size_t k, n = 0;
    for (k = 0; k < p->u->n_units; k++)
        n += p->u->units[k].kind == kind;
    return n;
}

/* The offset of the first s in the page (fails when it is not there). */
static uint32_t at_of(const struct page_units *p, const char *s)
{
    const char *f = strstr(p->page, s);
    assert_non_null(f);
    return (uint32_t)(f - p->page);
}

/* The tag name of element id, or "" (not an element, or NONE). */
static const char *name_of(const struct page_units *p, uint32_t id)
{
    size_t n;
    if (id == SIFT_HTML_NONE || !sift_html_node(p->doc, id))
        return "";
    return sift_html_name(p->doc, id, &n);
}

static const struct sift_code *code_of(const struct page_units *p, const struct sift_unit *un, size_t k)
{
    assert_true(k < un->n_codes);
    return &p->u->codes[un->code + k];
}

/* What every unit keeps, whatever the page: spans in the page, units in the order of their bytes,
 * a text unit's codes inside its bytes, in order and not overlapping, their places in its text in
 * order, pairs that name each other (a start tag before its end tag, of the same node), and the
 * codes' and texts' bytes in order giving back the unit's bytes; an attribute unit with no codes
 * and the bytes of its attribute's value. */
static void check_invariants(const struct page_units *p)
{
    const struct sift_units *u = p->u;
    size_t k, c;

    assert_true(u->text_len == 0 || u->text != NULL);
    for (k = 0; k < u->n_units; k++) {
        const struct sift_unit *un = &u->units[k];
        assert_true(un->src_i < un->src_j);
        assert_true(un->src_j <= p->len);
        assert_true(un->len > 0);
        assert_true(un->text + un->len <= u->text_len);
        assert_true(un->code + un->n_codes <= u->n_codes);
        if (k > 0)
            assert_true(u->units[k - 1].src_i <= un->src_i);
        if (un->kind == SIFT_UNIT_ATTRIBUTE) {
            const struct sift_html_attr *a = sift_html_attr(p->doc, un->node, un->attr);
            assert_int_equal(un->n_codes, 0);
            assert_non_null(a);
            assert_int_equal(a->value_i, un->src_i);
            assert_int_equal(a->value_j, un->src_j);
            assert_true(un->escape == SIFT_ESCAPE_DOUBLE || un->escape == SIFT_ESCAPE_SINGLE ||
                        un->escape == SIFT_ESCAPE_UNQUOTED);
            continue;
        }
        assert_int_equal(un->kind, SIFT_UNIT_TEXT);
        assert_int_equal(un->escape, SIFT_ESCAPE_TEXT);
        /* no white space at either end of the text but beside a code there (a <code> that is a
         * word of the sentence), nor at either end of its bytes when they are text's */
        if (text_of(p, un)[0] == ' ')
            assert_true(un->n_codes > 0 && code_of(p, un, 0)->at == 0);
        if (text_of(p, un)[un->len - 1] == ' ')
            assert_true(un->n_codes > 0 && code_of(p, un, un->n_codes - 1)->at == un->len);
        {
            uint32_t pos = un->src_i, prev_at = 0;
            char *joined = malloc(un->src_j - un->src_i + 1);
            size_t n = 0;
            assert_non_null(joined);
            for (c = 0; c < un->n_codes; c++) {
                const struct sift_code *cd = code_of(p, un, c);
                assert_true(cd->kind == SIFT_CODE_OPEN || cd->kind == SIFT_CODE_CLOSE ||
                            cd->kind == SIFT_CODE_EMPTY);
                assert_true(cd->src_i >= pos); /* in order, not overlapping */
                assert_true(cd->src_i < cd->src_j);
                assert_true(cd->src_j <= un->src_j);
                assert_true(cd->at >= prev_at);
                assert_true(cd->at <= un->len);
                /* the bytes between codes are text: no markup in them */
                assert_null(memchr(p->page + pos, '<', cd->src_i - pos));
                memcpy(joined + n, p->page + pos, cd->src_i - pos);
                n += cd->src_i - pos;
                memcpy(joined + n, p->page + cd->src_i, cd->src_j - cd->src_i);
                n += cd->src_j - cd->src_i;
                pos = cd->src_j;
                prev_at = cd->at;
                if (cd->kind == SIFT_CODE_EMPTY) {
                    assert_int_equal(cd->partner, SIFT_HTML_NONE);
                } else {
                    const struct sift_code *other;
                    assert_true(cd->partner < un->n_codes);
                    other = code_of(p, un, cd->partner);
                    assert_int_equal(other->partner, c);
                    assert_int_equal(other->node, cd->node);
                    assert_int_equal(other->kind, cd->kind == SIFT_CODE_OPEN ? SIFT_CODE_CLOSE : SIFT_CODE_OPEN);
                    if (cd->kind == SIFT_CODE_OPEN)
                        assert_true(cd->partner > c);
                    else
                        assert_true(cd->partner < c);
                }
            }
            assert_null(memchr(p->page + pos, '<', un->src_j - pos));
            memcpy(joined + n, p->page + pos, un->src_j - pos);
            n += un->src_j - pos;
            assert_int_equal(n, un->src_j - un->src_i);
            assert_memory_equal(joined, p->page + un->src_i, n);
            free(joined);
            if (un->n_codes == 0 || code_of(p, un, 0)->src_i > un->src_i)
                assert_false(is_space(p->page[un->src_i]));
            if (un->n_codes == 0 || code_of(p, un, un->n_codes - 1)->src_j < un->src_j)
                assert_false(is_space(p->page[un->src_j - 1]));
        }
    }
}

/* The text between a text unit's codes comes from the page's bytes between them: the same
 * characters but for white space (for a page with no character references). */
static void check_text_from_bytes(const struct page_units *p, const struct sift_unit *un)
{
    size_t c;

    for (c = 0; c <= un->n_codes; c++) {
        uint32_t bi = c == 0 ? un->src_i : code_of(p, un, c - 1)->src_j;
        uint32_t bj = c == un->n_codes ? un->src_j : code_of(p, un, c)->src_i;
        uint32_t ti = c == 0 ? 0 : code_of(p, un, c - 1)->at;
        uint32_t tj = c == un->n_codes ? (uint32_t)un->len : code_of(p, un, c)->at;
        char a[256], b[256];
        size_t na = 0, nb = 0, k;
        for (k = bi; k < bj; k++)
            if (!is_space(p->page[k])) {
                assert_true(na < sizeof a);
                a[na++] = p->page[k];
            }
        for (k = ti; k < tj; k++)
            if (text_of(p, un)[k] != ' ') {
                assert_true(nb < sizeof b);
                b[nb++] = text_of(p, un)[k];
            }
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, na);
    }
}

/* ---- 1. the codes and texts tile the unit's bytes -------------------------------------------- */

static void test_tiling(void **state)
{
    static const char page[] =
        "<p>The <b>storm</b> hit <a href=\"x\">the coast</a>.<br>It was<!-- c --> bad.</p>";
    static const struct {
        int kind;
        uint32_t at;
        const char *bytes, *name;
        uint32_t partner;
    } want[] = {
        { SIFT_CODE_OPEN, 4, "<b>", "b", 1 },
        { SIFT_CODE_CLOSE, 9, "</b>", "b", 0 },
        { SIFT_CODE_OPEN, 14, "<a href=\"x\">", "a", 3 },
        { SIFT_CODE_CLOSE, 23, "</a>", "a", 2 },
        { SIFT_CODE_EMPTY, 24, "<br>", "br", SIFT_HTML_NONE },
        { SIFT_CODE_EMPTY, 31, "<!-- c -->", "", SIFT_HTML_NONE },
    };
    struct page_units p;
    const struct sift_unit *un;
    size_t k;
    (void)state;

    units_of(&p, page, SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, 1);
    un = &p.u->units[0];
    assert_int_equal(un->kind, SIFT_UNIT_TEXT);
    assert_int_equal(un->escape, SIFT_ESCAPE_TEXT);
    assert_string_equal(name_of(&p, un->node), "p");
    assert_true(text_is(&p, un, "The storm hit the coast. It was bad."));
    /* from "The" to "bad.": the <p>'s content, without its tags */
    assert_int_equal(un->src_i, at_of(&p, "The"));
    assert_int_equal(un->src_j, at_of(&p, "</p>"));
    assert_int_equal(un->n_codes, sizeof want / sizeof want[0]);
    for (k = 0; k < un->n_codes; k++) {
        const struct sift_code *c = code_of(&p, un, k);
        assert_int_equal(c->kind, want[k].kind);
        assert_int_equal(c->at, want[k].at);
        assert_true(bytes_are(&p, c->src_i, c->src_j, want[k].bytes));
        assert_int_equal(c->partner, want[k].partner);
        assert_string_equal(name_of(&p, c->node), want[k].name);
    }
    /* the comment's code is the comment node */
    assert_int_equal(sift_html_node(p.doc, code_of(&p, un, 5)->node)->kind, SIFT_HTML_COMMENT);
    /* the places: "The |storm| hit |the coast|.|<br> It was|<!-- c --> bad." */
    assert_memory_equal(text_of(&p, un) + 4, "storm", 5);
    assert_memory_equal(text_of(&p, un) + 14, "the coast", 9);
    check_text_from_bytes(&p, un);
    done(&p);

    /* the bytes the parser dropped (a stray end tag) are a code of no node */
    units_of(&p, "<div>Stray <i>end</i></span> tag here</div>", SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, 1);
    un = &p.u->units[0];
    assert_true(text_is(&p, un, "Stray end tag here"));
    assert_int_equal(un->n_codes, 3);
    assert_true(bytes_are(&p, code_of(&p, un, 2)->src_i, code_of(&p, un, 2)->src_j, "</span>"));
    assert_int_equal(code_of(&p, un, 2)->kind, SIFT_CODE_EMPTY);
    assert_int_equal(code_of(&p, un, 2)->node, SIFT_HTML_NONE);
    assert_int_equal(code_of(&p, un, 2)->at, 9);
    check_text_from_bytes(&p, un);
    done(&p);

    /* white space collapsed, a space before an end tag moved after it, and none at the ends */
    units_of(&p, "<p>\n  <b>Hello </b>\t\n world  \n</p>", SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, 1);
    un = &p.u->units[0];
    assert_true(text_is(&p, un, "Hello world"));
    assert_int_equal(un->src_i, at_of(&p, "<b>"));
    assert_true(bytes_are(&p, un->src_i, un->src_j, "<b>Hello </b>\t\n world"));
    assert_int_equal(un->n_codes, 2);
    assert_int_equal(code_of(&p, un, 0)->at, 0);
    assert_int_equal(code_of(&p, un, 1)->at, 5);
    check_text_from_bytes(&p, un);
    done(&p);
}

/* ---- 2. a pair around the whole unit stays in the page --------------------------------------- */

static void test_enclosing_pair(void **state)
{
    struct page_units p;
    const struct sift_unit *un;
    (void)state;

    units_of(&p, "<ul><li><a href=\"/\">Home</a></li></ul>", SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, 1);
    un = &p.u->units[0];
    assert_true(text_is(&p, un, "Home"));
    assert_int_equal(un->n_codes, 0);
    assert_true(bytes_are(&p, un->src_i, un->src_j, "Home"));
    assert_int_equal(un->src_i, at_of(&p, "Home"));
    assert_string_equal(name_of(&p, un->node), "li");
    done(&p);

    /* nested pairs, white space and an icon inside the link: still only the text */
    units_of(&p, "<ul><li> <a href=\"/\"><b><img src=\"i.png\"> News </b></a> </li></ul>", SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, 1);
    un = &p.u->units[0];
    assert_true(text_is(&p, un, "News"));
    assert_int_equal(un->n_codes, 0);
    assert_true(bytes_are(&p, un->src_i, un->src_j, "News"));
    done(&p);

    /* a pair around part of the unit is kept */
    units_of(&p, "<p><a href=\"/\">Home</a> page</p>", SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, 1);
    un = &p.u->units[0];
    assert_true(text_is(&p, un, "Home page"));
    assert_int_equal(un->n_codes, 2);
    assert_int_equal(un->src_i, at_of(&p, "<a"));
    assert_int_equal(code_of(&p, un, 0)->kind, SIFT_CODE_OPEN);
    assert_int_equal(code_of(&p, un, 1)->kind, SIFT_CODE_CLOSE);
    assert_int_equal(code_of(&p, un, 1)->at, 4);
    done(&p);

    /* two pairs side by side are not one around it all */
    units_of(&p, "<p><b>A</b><i>B</i></p>", SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, 1);
    un = &p.u->units[0];
    assert_true(text_is(&p, un, "AB"));
    assert_int_equal(un->n_codes, 4);
    assert_true(bytes_are(&p, un->src_i, un->src_j, "<b>A</b><i>B</i>"));
    done(&p);
}

/* ---- 3. what is not offered ------------------------------------------------------------------ */

static void test_not_offered(void **state)
{
    static const char blocks[] =
        "<html><head><style>p { color: red }</style><script>var s = \"Scripted\";</script></head><body>"
        "<script>document.write('Written')</script>"
        "<style>.x { content: 'Styled' }</style>"
        "<pre>Preformatted text</pre>"
        "<div translate=\"no\"><p>Untranslated</p><img alt=\"Hidden picture\"></div>"
        "<p translate=\"NO\">Shouting no</p>"
        "<p class=\"lead notranslate big\">Classed out</p>"
        "<p class=\"notranslated\">Kept one</p>"
        "<p translate=\"yes\">Kept two</p>"
        "</body></html>";
    static const char inline_page[] =
        "<p>Run <code>make all</code> now.</p>"
        "<p>Buy<span translate=\"no\">Brand</span>, today.</p>"
        "<p>Press <kbd>q</kbd></p>";
    struct page_units p;
    const struct sift_unit *un;
    const struct sift_code *c;
    (void)state;

    units_of(&p, blocks, SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, 2);
    assert_non_null(unit(&p, "Kept one"));
    assert_non_null(unit(&p, "Kept two"));
    assert_false(offered(&p, "Scripted"));
    assert_false(offered(&p, "color"));
    assert_false(offered(&p, "Written"));
    assert_false(offered(&p, "Styled"));
    assert_false(offered(&p, "Preformatted"));
    assert_false(offered(&p, "Untranslated"));
    assert_false(offered(&p, "Hidden picture"));
    assert_false(offered(&p, "Shouting"));
    assert_false(offered(&p, "Classed"));
    done(&p);

    units_of(&p, inline_page, SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, 3);
    assert_false(offered(&p, "make"));
    assert_false(offered(&p, "Brand"));

    /* <code> inside a sentence: one code, its whole bytes */
    un = &p.u->units[0];
    assert_int_equal(un->n_codes, 1);
    c = code_of(&p, un, 0);
    assert_int_equal(c->kind, SIFT_CODE_EMPTY);
    assert_int_equal(c->partner, SIFT_HTML_NONE);
    assert_true(bytes_are(&p, c->src_i, c->src_j, "<code>make all</code>"));
    assert_string_equal(name_of(&p, c->node), "code");
    assert_int_equal(c->at, 4);
    assert_memory_equal(text_of(&p, un), "Run ", 4);
    assert_true(bytes_are(&p, un->src_i, un->src_j, "Run <code>make all</code> now."));

    /* translate="no" inside a sentence: the same */
    un = &p.u->units[1];
    assert_true(text_is(&p, un, "Buy, today."));
    assert_int_equal(un->n_codes, 1);
    c = code_of(&p, un, 0);
    assert_int_equal(c->kind, SIFT_CODE_EMPTY);
    assert_true(bytes_are(&p, c->src_i, c->src_j, "<span translate=\"no\">Brand</span>"));
    assert_string_equal(name_of(&p, c->node), "span");
    assert_int_equal(c->at, 3);

    /* a code that ends the sentence is a word of it: inside the unit, at the end of its text */
    un = &p.u->units[2];
    assert_true(un->len >= 5 && memcmp(text_of(&p, un), "Press", 5) == 0);
    assert_int_equal(un->n_codes, 1);
    assert_int_equal(code_of(&p, un, 0)->at, un->len);
    assert_true(bytes_are(&p, un->src_i, un->src_j, "Press <kbd>q</kbd>"));
    assert_true(bytes_are(&p, code_of(&p, un, 0)->src_i, code_of(&p, un, 0)->src_j, "<kbd>q</kbd>"));
    done(&p);

    /* a paragraph of code alone has nothing to translate */
    units_of(&p, "<p><code>x = 1</code></p><p> <script>1</script> </p>", SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, 0);
    done(&p);
}

/* ---- 4. attribute units ---------------------------------------------------------------------- */

/* The attribute unit whose text is s: its escape, its bytes (the value's, without quotes, at
 * the first `value` in the page) and its attribute's name. */
static void check_attr(const struct page_units *p, const char *s, int escape, const char *value,
                       const char *attr_name, const char *tag)
{
    const struct sift_unit *un = unit(p, s);
    const struct sift_html_attr *a;
    uint32_t i;

    if (!un)
        fail_msg("no unit \"%s\"", s);
    assert_int_equal(un->kind, SIFT_UNIT_ATTRIBUTE);
    assert_int_equal(un->escape, escape);
    assert_int_equal(un->n_codes, 0);
    i = at_of(p, value);
    assert_int_equal(un->src_i, i);
    assert_int_equal(un->src_j, i + strlen(value));
    assert_string_equal(name_of(p, un->node), tag);
    a = sift_html_attr(p->doc, un->node, un->attr);
    assert_non_null(a);
    assert_string_equal(sift_html_string(p->doc, a->name), attr_name);
}

static void test_attributes(void **state)
{
    static const char page[] =
        "<html><head><title>Page</title>"
        "<meta name=\"description\" content=\"All about storms\">"
        "<meta property=\"og:title\" content='Storm &amp; sea'>"
        "<meta name=\"viewport\" content=\"width=device-width\">"
        "</head><body>"
        "<img alt=\"A tree\" src=\"tree.jpg\">"
        "<div title='x y'>Boxed</div>"
        "<input placeholder=Search name=q>"
        "<input type=\"submit\" value=\"Send\">"
        "<input type=RESET value=Clear>"
        "<input type=\"text\" value=\"Typed text\">"
        "<input type=\"hidden\" value=\"Secret\">"
        "<img alt=\"\" src=\"spacer.gif\"><img alt=\"   \"><img alt>"
        "<div><button aria-label=\"Close the menu\">X</button></div>"
        "<div><a href=\"/\" title=\"  Go \n  home \">Start</a></div>"
        "<img src=\"x.png\" data-caption=\"Not for reading\" class=\"Photo\" id=\"Main\">"
        "</body></html>";
    struct page_units p;
    const struct sift_unit *un;
    (void)state;

    units_of(&p, page, SIFT_EXTRACT_PAGE);
    check_attr(&p, "All about storms", SIFT_ESCAPE_DOUBLE, "All about storms", "content", "meta");
    check_attr(&p, "Storm & sea", SIFT_ESCAPE_SINGLE, "Storm &amp; sea", "content", "meta");
    check_attr(&p, "A tree", SIFT_ESCAPE_DOUBLE, "A tree", "alt", "img");
    check_attr(&p, "x y", SIFT_ESCAPE_SINGLE, "x y", "title", "div");
    check_attr(&p, "Search", SIFT_ESCAPE_UNQUOTED, "Search", "placeholder", "input");
    check_attr(&p, "Send", SIFT_ESCAPE_DOUBLE, "Send", "value", "input");
    check_attr(&p, "Clear", SIFT_ESCAPE_UNQUOTED, "Clear", "value", "input");
    check_attr(&p, "Close the menu", SIFT_ESCAPE_DOUBLE, "Close the menu", "aria-label", "button");
    /* white space collapsed in the text; the bytes are the whole value */
    check_attr(&p, "Go home", SIFT_ESCAPE_DOUBLE, "  Go \n  home ", "title", "a");
    assert_int_equal(count_kind(&p, SIFT_UNIT_ATTRIBUTE), 9);
    /* a text field's value, a hidden one, empty and blank alts, other attributes: none */
    assert_false(offered(&p, "Typed"));
    assert_false(offered(&p, "Secret"));
    assert_false(offered(&p, "width"));
    assert_false(offered(&p, "Not for reading"));
    assert_false(offered(&p, "Photo"));
    assert_false(offered(&p, "Main"));
    assert_false(offered(&p, "tree.jpg"));
    /* the text units are there too */
    un = unit(&p, "Boxed");
    assert_non_null(un);
    assert_int_equal(un->kind, SIFT_UNIT_TEXT);
    assert_non_null(unit(&p, "Page"));
    assert_non_null(unit(&p, "Start"));
    assert_non_null(unit(&p, "X"));
    assert_int_equal(count_kind(&p, SIFT_UNIT_TEXT), 4);
    done(&p);

    /* the only attribute of an image alone */
    units_of(&p, "<img alt=\"A tree\">", SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, 1);
    check_attr(&p, "A tree", SIFT_ESCAPE_DOUBLE, "A tree", "alt", "img");
    done(&p);
    units_of(&p, "<img alt=\"\"><input type=\"text\" value=\"x\">", SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, 0);
    done(&p);
}

/* ---- 5. the order of the units; <html> and its lang ------------------------------------------ */

static void test_order_and_lang(void **state)
{
    static const char page[] =
        "<!doctype html><html class=\"no-js\" lang=\"en-GB\"><head><title>The title</title></head><body>"
        "<p title=\"Tip\">Text<img alt=\"Pic\"> more <a href=\"/\" title=\"Link tip\">link</a> end.</p>"
        "<h2>After</h2></body></html>";
    static const char *const order[] = { "The title", "Tip", "Text more link end.", "Pic", "Link tip", "After" };
    struct page_units p;
    size_t k;
    (void)state;

    units_of(&p, page, SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, sizeof order / sizeof order[0]);
    for (k = 0; k < p.u->n_units; k++) {
        if (!text_is(&p, &p.u->units[k], order[k]))
            fail_msg("unit %zu is \"%.*s\", not \"%s\"", k, (int)p.u->units[k].len, text_of(&p, &p.u->units[k]),
                     order[k]);
        if (k > 0)
            assert_true(p.u->units[k - 1].src_i < p.u->units[k].src_i);
    }
    /* the attributes inside the paragraph's bytes, in the tags that are its codes */
    assert_true(p.u->units[2].src_i < p.u->units[3].src_i && p.u->units[3].src_j < p.u->units[2].src_j);
    assert_true(p.u->units[4].src_j < p.u->units[2].src_j);
    assert_string_equal(name_of(&p, p.u->html), "html");
    assert_true(bytes_are(&p, p.u->lang_i, p.u->lang_j, "en-GB"));
    done(&p);

    /* unquoted, and an <html> after other content */
    units_of(&p, "<!-- hi --><html lang=fr><p>Bonjour</p>", SIFT_EXTRACT_PAGE);
    assert_string_equal(name_of(&p, p.u->html), "html");
    assert_true(bytes_are(&p, p.u->lang_i, p.u->lang_j, "fr"));
    done(&p);

    /* <html> without lang */
    units_of(&p, "<html><p>Hello</p></html>", SIFT_EXTRACT_PAGE);
    assert_string_equal(name_of(&p, p.u->html), "html");
    assert_int_equal(p.u->lang_i, SIFT_HTML_NONE);
    assert_int_equal(p.u->lang_j, SIFT_HTML_NONE);
    done(&p);

    /* no <html> start tag: the element the parser implies is not reported; a lang elsewhere is
     * not the page's */
    units_of(&p, "<!doctype html><title>T</title><p lang=\"de\">Hallo</p>", SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->html, SIFT_HTML_NONE);
    assert_int_equal(p.u->lang_i, SIFT_HTML_NONE);
    assert_int_equal(p.u->lang_j, SIFT_HTML_NONE);
    assert_int_equal(p.u->n_units, 2);
    done(&p);

    /* nothing at all */
    units_of(&p, "", SIFT_EXTRACT_PAGE);
    assert_int_equal(p.u->n_units, 0);
    assert_int_equal(p.u->html, SIFT_HTML_NONE);
    done(&p);
}

/* ---- 6. the article's scope ------------------------------------------------------------------ */

#define S1 "The storm reached the northern coast late on Tuesday night, tearing roofs from houses, flooding " \
           "the harbour streets and leaving thousands of homes without power, while emergency crews worked " \
           "through the dark to clear the roads, reach the villages that had been cut off, and carry the old " \
           "and the sick to the shelters set up in the schools of the town."
#define S2 "By the morning the wind had fallen, and the people of the town came out to see what was left: " \
           "boats thrown onto the quay, cars under fallen trees, shop windows broken along the whole of the " \
           "main street, and the sea wall, built a century ago, breached in two places, so that the water " \
           "still ran into the lower streets with every tide."
#define S3 "The mayor said that the damage would cost many millions to repair, that the state had promised " \
           "help, and that the first task was to mend the sea wall before the next storm, which the " \
           "forecasters expect at the end of the week, although they cannot yet say how strong it will be, " \
           "or where exactly it will reach the land."

static void test_article_scope(void **state)
{
    static const char page[] =
        "<!doctype html><html lang=\"en\"><head><title>Storm hits the coast | Daily Paper</title>"
        "<meta name=\"description\" content=\"A storm hit the northern coast.\"></head><body>"
        "<nav><ul><li><a href=\"/\" title=\"Front page\">Home</a></li><li><a href=\"/news\">News</a></li>"
        "<li><a href=\"/sport\">Sport</a></li><li><a href=\"/weather\">Weather</a></li></ul>"
        "<input type=\"search\" placeholder=\"Search the site\"></nav>"
        "<article><h1>Storm hits the coast</h1>"
        "<p>" S1 "</p>"
        "<p>" S2 "</p>"
        "<img src=\"flood.jpg\" alt=\"A flooded street\">"
        "<p>" S3 "</p>"
        "</article>"
        "<footer><p>Copyright, the Daily Paper, all rights reserved, all over the world.</p></footer>"
        "</body></html>";
    struct page_units all, art;
    (void)state;

    units_of(&all, page, SIFT_EXTRACT_PAGE);
    units_of(&art, page, SIFT_EXTRACT_ARTICLE);
    /* the page has it all */
    assert_non_null(unit(&all, "Home"));
    assert_non_null(unit(&all, "Weather"));
    assert_non_null(unit(&all, "Front page"));
    assert_non_null(unit(&all, "Search the site"));
    assert_true(offered(&all, "Copyright"));
    assert_non_null(unit(&all, S1));
    /* the article: the page's title and description, the article's blocks and attributes */
    assert_non_null(unit(&art, "Storm hits the coast | Daily Paper"));
    check_attr(&art, "A storm hit the northern coast.", SIFT_ESCAPE_DOUBLE, "A storm hit the northern coast.",
               "content", "meta");
    assert_non_null(unit(&art, "Storm hits the coast"));
    assert_non_null(unit(&art, S1));
    assert_non_null(unit(&art, S2));
    assert_non_null(unit(&art, S3));
    check_attr(&art, "A flooded street", SIFT_ESCAPE_DOUBLE, "A flooded street", "alt", "img");
    /* not the menu, its attributes, nor the footer */
    assert_false(offered(&art, "Home"));
    assert_false(offered(&art, "News"));
    assert_false(offered(&art, "Sport"));
    assert_false(offered(&art, "Weather"));
    assert_false(offered(&art, "Front page"));
    assert_false(offered(&art, "Search the site"));
    assert_false(offered(&art, "Copyright"));
    assert_int_equal(art.u->n_units, 7);
    assert_true(art.u->n_units < all.u->n_units);
    /* the scope does not change <html> and its lang */
    assert_int_equal(art.u->html, all.u->html);
    assert_true(bytes_are(&art, art.u->lang_i, art.u->lang_j, "en"));
    done(&all);
    done(&art);

    /* a page with no article keeps every unit, as the commands read its visible text */
    units_of(&art, "<html><head><title>Menu only</title><meta name=\"description\" content=\"Links\"></head>"
                   "<body><nav><a href=\"/a\">A</a> <a href=\"/b\">B</a></nav></body></html>",
             SIFT_EXTRACT_ARTICLE);
    assert_non_null(unit(&art, "Menu only"));
    assert_non_null(unit(&art, "Links"));
    assert_non_null(unit(&art, "A B")); /* the menu: one run, its two links codes */
    assert_int_equal(art.u->n_units, 3);
    assert_int_equal(art.u->no_article, 1);
    done(&art);
}

/* ---- the invariants on a messy page ---------------------------------------------------------- */

static void test_messy_page(void **state)
{
    static const char page[] =
        "<!DOCTYPE html><HTML LANG='pt-BR'><HEAD><TITLE>Messy &amp; old</TITLE></HEAD><BODY>"
        "<P>One <B>two<P>three</B> four <I>five"
        "<table><tr><td>Cell <b>one</b></td>stray text<td>Cell two</td></tr></table>"
        "<div>Intro<p>Inner</p>Tail <span>end</div>"
        "<p>a<br><br>b &lt;c&gt; <!-- x --> <wbr>d<font color=red>e</font></p>"
        "<ul><li>First<li>Second <em>item</ul>"
        "<p>Unclosed <a href=/x title=\"Hint\">link";
    struct page_units p;
    size_t k;
    (void)state;

    units_of(&p, page, SIFT_EXTRACT_PAGE); /* units_of checks the invariants */
    assert_true(bytes_are(&p, p.u->lang_i, p.u->lang_j, "pt-BR"));
    assert_non_null(unit(&p, "Messy & old"));
    assert_non_null(unit(&p, "Cell one"));
    assert_non_null(unit(&p, "stray text"));
    assert_non_null(unit(&p, "Cell two"));
    assert_non_null(unit(&p, "Intro"));
    assert_non_null(unit(&p, "Inner"));
    assert_non_null(unit(&p, "First"));
    assert_non_null(unit(&p, "Hint"));
    assert_non_null(unit(&p, "Unclosed link"));
    /* what the page escaped is decoded in the text */
    assert_true(offered(&p, "<c>"));
    done(&p);

    /* the same page, the article's scope: fewer or as many units, each one of the page's */
    {
        struct page_units all, art;
        size_t q;
        units_of(&all, page, SIFT_EXTRACT_PAGE);
        units_of(&art, page, SIFT_EXTRACT_ARTICLE);
        assert_true(art.u->n_units <= all.u->n_units);
        for (k = 0; k < art.u->n_units; k++) {
            int found = 0;
            for (q = 0; q < all.u->n_units && !found; q++)
                found = art.u->units[k].src_i == all.u->units[q].src_i &&
                        art.u->units[k].src_j == all.u->units[q].src_j &&
                        art.u->units[k].kind == all.u->units[q].kind;
            assert_true(found);
        }
        done(&all);
        done(&art);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiling),
        cmocka_unit_test(test_enclosing_pair),
        cmocka_unit_test(test_not_offered),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_order_and_lang),
        cmocka_unit_test(test_article_scope),
        cmocka_unit_test(test_messy_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
