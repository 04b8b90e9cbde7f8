/*
 * test_html.c - the HTML5 parser behind html/dom.h (html/myhtml.c) and the DOM's own part
 * (html/dom.c): the tree the standard builds from small pages (implied tags, misnested formatting,
 * tables, unclosed everything, NUL bytes, comments, doctypes, attributes with character
 * references), the source offsets of every start tag, end tag and text, and hostile pages
 * (100,000 nested elements, a 10 MB attribute). Uses ../shared's web pages when they are there.
 */
#define _POSIX_C_SOURCE 200809L /* popen */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test_util.h"

#include "html/dom.h"

static struct sift_html_doc *parse(const char *s, size_t len)
{
    struct sift_html_doc *doc = NULL;
    assert_int_equal(sift_html_parse(s, len, &doc), SIFT_OK);
    assert_non_null(doc);
    return doc;
}

/* The tree under node id as "name(children)", text as "text" in quotes, comments as <!--c-->,
 * doctypes as <!name>; into out. */
static void shape(const struct sift_html_doc *doc, uint32_t root, char *out, size_t cap)
{
    struct sift_html_walk w;
    uint32_t id;
    int ev;
    size_t n = 0;

    out[0] = '\0';
    sift_html_walk_init(&w, doc, root);
    while (sift_html_walk_next(&w, &id, &ev)) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        size_t len;
        const char *s;
        int k = 0;
        if (x->kind == SIFT_HTML_DOCUMENT)
            continue;
        if (ev == SIFT_HTML_LEAVE) {
            k = snprintf(out + n, cap - n, ")");
        } else if (x->kind == SIFT_HTML_ELEMENT) {
            s = sift_html_name(doc, id, &len);
            k = snprintf(out + n, cap - n, "%.*s(", (int)len, s);
        } else {
            s = sift_html_text(doc, id, &len);
            k = snprintf(out + n, cap - n, x->kind == SIFT_HTML_TEXT ? "\"%.*s\"" : x->kind == SIFT_HTML_COMMENT ? "<!--%.*s-->" : "<!%.*s>",
                         (int)len, s);
        }
        assert_true(k >= 0 && (size_t)k < cap - n);
        n += (size_t)k;
    }
}

static void expect_shape(const char *html, const char *want)
{
    struct sift_html_doc *doc = parse(html, strlen(html));
    char got[4096];
    shape(doc, 0, got, sizeof got);
    assert_string_equal(got, want);
    sift_html_free(doc);
}

/* The first node of kind (and, for elements, tag) from node `from` on, in document order. */
static uint32_t find(const struct sift_html_doc *doc, int kind, int tag, uint32_t from)
{
    uint32_t id;
    for (id = from; id < sift_html_count(doc); id++) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        if (x->kind == kind && (kind != SIFT_HTML_ELEMENT || x->tag == tag))
            return id;
    }
    fail_msg("no node of kind %d tag %d", kind, tag);
    return SIFT_HTML_NONE;
}

/* The bytes of src at [i, j) are want. */
static void expect_bytes(const char *src, uint32_t i, uint32_t j, const char *want)
{
    assert_true(i <= j);
    assert_int_equal(j - i, strlen(want));
    assert_memory_equal(src + i, want, j - i);
}

/* What holds of every parse: spans inside the page and well formed; a start tag's bytes are
 * "<name ...>", an end tag's "</name ...>"; a text node's bytes are its text where they hold no
 * character reference, carriage return, NUL or non-ASCII byte; the tree links agree. */
static void check_offsets(const struct sift_html_doc *doc, const char *src, size_t len)
{
    uint32_t id, n = sift_html_count(doc);
    for (id = 0; id < n; id++) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        assert_true(x->src_i <= x->src_j && x->src_j <= len);
        if (x->parent != SIFT_HTML_NONE)
            assert_true(x->parent < id);
        if (x->kind == SIFT_HTML_ELEMENT) {
            size_t nl, k;
            const char *name = sift_html_name(doc, id, &nl);
            assert_true(x->end_i <= x->end_j && x->end_j <= len);
            if (!(x->flags & SIFT_HTML_IMPLIED_START)) {
                assert_true(x->src_j - x->src_i >= nl + 2);
                assert_int_equal(src[x->src_i], '<');
                assert_int_equal(src[x->src_j - 1], '>');
                for (k = 0; k < nl; k++)
                    assert_int_equal(src[x->src_i + 1 + k] | 0x20, name[k] | 0x20);
            } else {
                assert_int_equal(x->src_i, x->src_j);
            }
            if (!(x->flags & SIFT_HTML_IMPLIED_END)) {
                assert_true(x->end_j - x->end_i >= nl + 3);
                assert_int_equal(src[x->end_i], '<');
                assert_int_equal(src[x->end_i + 1], '/');
                for (k = 0; k < nl; k++)
                    assert_int_equal(src[x->end_i + 2 + k] | 0x20, name[k] | 0x20);
            } else {
                assert_int_equal(x->end_i, x->end_j);
            }
        } else if (x->kind == SIFT_HTML_TEXT && !(x->flags & SIFT_HTML_APPROX)) {
            size_t tl, k;
            const char *t = sift_html_text(doc, id, &tl);
            int plain = 1;
            assert_true(tl > 0);
            for (k = x->src_i; k < x->src_j; k++)
                if (src[k] == '&' || src[k] == '\r' || src[k] == '\0' || (unsigned char)src[k] >= 0x80)
                    plain = 0;
            if (plain) {
                assert_int_equal(tl, x->src_j - x->src_i);
                assert_memory_equal(t, src + x->src_i, tl);
            }
        }
    }
}

static void test_tag_table(void **state)
{
    int t;
    (void)state;
    for (t = 2; t < SIFT_TAG__COUNT; t++)
        assert_true(strcmp(sift_html_tag_name(t - 1), sift_html_tag_name(t)) < 0);
    for (t = 1; t < SIFT_TAG__COUNT; t++)
        assert_int_equal(sift_html_tag_by_name(sift_html_tag_name(t), strlen(sift_html_tag_name(t))), t);
    assert_int_equal(sift_html_tag_by_name("p", 1), SIFT_TAG_P);
    assert_int_equal(sift_html_tag_by_name("pre", 3), SIFT_TAG_PRE);
    assert_int_equal(sift_html_tag_by_name("pr", 2), SIFT_TAG_UNKNOWN);
    assert_int_equal(sift_html_tag_by_name("blockquote", 10), SIFT_TAG_BLOCKQUOTE);
    assert_int_equal(sift_html_tag_by_name("x-widget", 8), SIFT_TAG_UNKNOWN);
    assert_int_equal(sift_html_tag_by_name("", 0), SIFT_TAG_UNKNOWN);
    assert_null(sift_html_tag_name(SIFT_TAG_UNKNOWN));
    assert_null(sift_html_tag_name(SIFT_TAG__COUNT));
}

static void test_implied_tags(void **state)
{
    (void)state;
    expect_shape("", "html(head()body())");
    expect_shape("hello", "html(head()body(\"hello\"))");
    expect_shape("<title>T</title><p>a<p>b<li>c<li>d",
                 "html(head(title(\"T\"))body(p(\"a\")p(\"b\")li(\"c\")li(\"d\")))");
    expect_shape("<ul><li>one<li>two</ul><dl><dt>t<dd>d</dl>",
                 "html(head()body(ul(li(\"one\")li(\"two\"))dl(dt(\"t\")dd(\"d\"))))");
    expect_shape("<html> <head> <title>T&lt;</title> x <body>",
                 "html(head(\" \"title(\"T<\")\" \")body(\"x \"))");
}

static void test_implied_offsets(void **state)
{
    const char *s = "<title>T</title><p>a<p>b";
    struct sift_html_doc *doc = parse(s, strlen(s));
    const struct sift_html_node *html = sift_html_node(doc, find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_HTML, 0));
    const struct sift_html_node *body = sift_html_node(doc, find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_BODY, 0));
    uint32_t p1 = find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_P, 0), p2 = find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_P, p1 + 1);
    (void)state;
    assert_true(html->flags & SIFT_HTML_IMPLIED_START);
    assert_true(html->flags & SIFT_HTML_IMPLIED_END);
    assert_int_equal(html->src_i, 0);
    assert_int_equal(html->end_i, strlen(s));
    assert_true(body->flags & SIFT_HTML_IMPLIED_START);
    assert_int_equal(body->src_i, 16); /* where its first content, <p>, begins */
    expect_bytes(s, sift_html_node(doc, p1)->src_i, sift_html_node(doc, p1)->src_j, "<p>");
    /* the first <p> is closed by the second: its end is where the second begins */
    assert_true(sift_html_node(doc, p1)->flags & SIFT_HTML_IMPLIED_END);
    assert_int_equal(sift_html_node(doc, p1)->end_i, 20);
    assert_int_equal(sift_html_node(doc, p2)->end_i, strlen(s));
    assert_int_equal(sift_html_node(doc, 0)->end_j, strlen(s));
    check_offsets(doc, s, strlen(s));
    sift_html_free(doc);
}

static void test_misnested_formatting(void **state)
{
    const char *s = "<b>1<p>2</b>3</p>";
    struct sift_html_doc *doc;
    uint32_t b1, b2;
    (void)state;
    expect_shape(s, "html(head()body(b(\"1\")p(b(\"2\")\"3\")))");
    expect_shape("<b>bold<i>both</b>italic</i>", "html(head()body(b(\"bold\"i(\"both\"))i(\"italic\")))");
    expect_shape("<a href=1>x<a href=2>y", "html(head()body(a(\"x\")a(\"y\")))");
    doc = parse(s, strlen(s));
    b1 = find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_B, 0);
    b2 = find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_B, b1 + 1);
    /* the original keeps the start tag and takes the end tag; the copy has neither */
    expect_bytes(s, sift_html_node(doc, b1)->src_i, sift_html_node(doc, b1)->src_j, "<b>");
    expect_bytes(s, sift_html_node(doc, b1)->end_i, sift_html_node(doc, b1)->end_j, "</b>");
    assert_true(sift_html_node(doc, b2)->flags & SIFT_HTML_IMPLIED_START);
    assert_true(sift_html_node(doc, b2)->flags & SIFT_HTML_IMPLIED_END);
    expect_bytes(s, sift_html_node(doc, find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_P, 0))->end_i,
                 sift_html_node(doc, find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_P, 0))->end_j, "</p>");
    check_offsets(doc, s, strlen(s));
    sift_html_free(doc);
    /* a stray </p> makes an empty <p>, with no start tag of its own */
    s = "x</p>y";
    doc = parse(s, strlen(s));
    assert_true(sift_html_node(doc, find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_P, 0))->flags & SIFT_HTML_IMPLIED_START);
    check_offsets(doc, s, strlen(s));
    sift_html_free(doc);
}

static void test_tables(void **state)
{
    const char *s = "<table>a<tr>b<td>c</td>d</tr>e</table>f";
    struct sift_html_doc *doc;
    uint32_t id;
    const char *want[] = { "a", "b", "d", "e", "c", "f" };
    size_t k = 0;
    (void)state;
    expect_shape("<table><tr><td>1<td>2<tr><td>3</table>",
                 "html(head()body(table(tbody(tr(td(\"1\")td(\"2\"))tr(td(\"3\"))))))");
    expect_shape("<table><caption>c<tr><th>h</table>",
                 "html(head()body(table(caption(\"c\")tbody(tr(th(\"h\"))))))");
    /* text that a table may not hold goes before it ("foster parenting"): the standard joins it
     * into one text, the DOM keeps one node a run of source bytes, each exactly its bytes */
    expect_shape(s, "html(head()body(\"a\"\"b\"\"d\"\"e\"table(tbody(tr(td(\"c\"))))\"f\"))");
    doc = parse(s, strlen(s));
    for (id = 0; id < sift_html_count(doc); id++) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        if (x->kind != SIFT_HTML_TEXT)
            continue;
        assert_false(x->flags & SIFT_HTML_APPROX);
        expect_bytes(s, x->src_i, x->src_j, want[k++]);
    }
    assert_int_equal(k, 6);
    id = find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_TABLE, 0);
    expect_bytes(s, sift_html_node(doc, id)->end_i, sift_html_node(doc, id)->end_j, "</table>");
    id = find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_TBODY, 0);
    assert_true(sift_html_node(doc, id)->flags & SIFT_HTML_IMPLIED_START);
    check_offsets(doc, s, strlen(s));
    sift_html_free(doc);
}

static void test_unclosed(void **state)
{
    const char *s = "<div><p>unclosed <b>bold <i>it <a href=\"x\">link";
    struct sift_html_doc *doc;
    uint32_t id;
    (void)state;
    expect_shape(s, "html(head()body(div(p(\"unclosed \"b(\"bold \"i(\"it \"a(\"link\")))))))");
    doc = parse(s, strlen(s));
    for (id = 1; id < sift_html_count(doc); id++) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        if (x->kind == SIFT_HTML_ELEMENT && x->tag != SIFT_TAG_HEAD) {
            assert_true(x->flags & SIFT_HTML_IMPLIED_END);
            assert_int_equal(x->end_i, strlen(s));
        }
    }
    check_offsets(doc, s, strlen(s));
    sift_html_free(doc);
    /* a page cut inside a tag, a comment, an attribute, a script */
    {
        /* cut in a tag name, myhtml keeps what it read (as text, or as an element named "a<"
         * where the standard drops it): whatever it is, it has no start tag in the page */
        static const char *const cut[] = { "<p>a<", "<p>a<b", "<p>a</", "<p>a</b", "<p>a<!", "<p>a<!-" };
        size_t k;
        for (k = 0; k < sizeof cut / sizeof cut[0]; k++) {
            doc = parse(cut[k], strlen(cut[k]));
            check_offsets(doc, cut[k], strlen(cut[k]));
            sift_html_free(doc);
        }
    }
    expect_shape("<p>a<!-- open", "html(head()body(p(\"a\"<!-- open-->)))");
    expect_shape("<p title=\"open", "html(head()body())");
    expect_shape("x</br>y", "html(head()body(\"x\"br()\"y\"))");
    expect_shape("<script>var x = '</scr", "html(head(script(\"var x = '</scr\"))body())");
    expect_shape("<textarea>t&amp;<b>", "html(head()body(textarea(\"t&<b>\")))");
}

static void test_nul_bytes(void **state)
{
    static const char s[] = "a\0b<p>c\0\0d</p><script>x\0</script><textarea>\0</textarea>";
    struct sift_html_doc *doc = parse(s, sizeof s - 1);
    uint32_t id;
    size_t len;
    const char *t;
    (void)state;
    id = find(doc, SIFT_HTML_TEXT, 0, 0);
    t = sift_html_text(doc, id, &len);
    assert_int_equal(len, 2);
    assert_memory_equal(t, "ab", 2); /* in body, NUL characters are dropped */
    assert_int_equal(sift_html_node(doc, id)->src_i, 0);
    assert_int_equal(sift_html_node(doc, id)->src_j, 3);
    id = find(doc, SIFT_HTML_TEXT, 0, id + 1);
    t = sift_html_text(doc, id, &len);
    assert_int_equal(len, 2);
    assert_memory_equal(t, "cd", 2);
    assert_int_equal(sift_html_node(doc, id)->src_j - sift_html_node(doc, id)->src_i, 4);
    /* in script and textarea text, each becomes U+FFFD */
    id = find(doc, SIFT_HTML_TEXT, 0, find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_SCRIPT, 0));
    t = sift_html_text(doc, id, &len);
    assert_int_equal(len, 4);
    assert_memory_equal(t, "x\xEF\xBF\xBD", 4);
    id = find(doc, SIFT_HTML_TEXT, 0, find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_TEXTAREA, 0));
    t = sift_html_text(doc, id, &len);
    assert_int_equal(len, 3);
    assert_memory_equal(t, "\xEF\xBF\xBD", 3);
    check_offsets(doc, s, sizeof s - 1);
    sift_html_free(doc);
}

static void test_comments_doctype(void **state)
{
    const char *s = "<!DOCTYPE html><!-- top --><html><p>x<!--in-->y</p></html><!--after-->";
    struct sift_html_doc *doc;
    uint32_t id;
    size_t len;
    (void)state;
    /* a comment after </html> belongs to the document */
    expect_shape(s, "<!html><!-- top -->html(head()body(p(\"x\"<!--in-->\"y\")))<!--after-->");
    doc = parse(s, strlen(s));
    id = find(doc, SIFT_HTML_DOCTYPE, 0, 0);
    assert_string_equal(sift_html_text(doc, id, &len), "html");
    expect_bytes(s, sift_html_node(doc, id)->src_i, sift_html_node(doc, id)->src_j, "<!DOCTYPE html>");
    id = find(doc, SIFT_HTML_COMMENT, 0, 0);
    assert_string_equal(sift_html_text(doc, id, &len), " top ");
    expect_bytes(s, sift_html_node(doc, id)->src_i, sift_html_node(doc, id)->src_j, "<!-- top -->");
    id = find(doc, SIFT_HTML_COMMENT, 0, id + 1);
    expect_bytes(s, sift_html_node(doc, id)->src_i, sift_html_node(doc, id)->src_j, "<!--in-->");
    /* "x" and "y" are apart: the comment is between them */
    id = find(doc, SIFT_HTML_TEXT, 0, 0);
    expect_bytes(s, sift_html_node(doc, id)->src_i, sift_html_node(doc, id)->src_j, "x");
    check_offsets(doc, s, strlen(s));
    sift_html_free(doc);
    expect_shape("<!doctype html public \"-//W3C//DTD HTML 4.01//EN\"><p>", "<!html>html(head()body(p()))");
}

static void test_attributes(void **state)
{
    const char *s = "<a href=\"?a=1&amp;b=2\" TITLE='x &lt; y' data-q=&quot;q hidden class=\"a  b\">l</a>";
    struct sift_html_doc *doc = parse(s, strlen(s));
    uint32_t a = find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_A, 0);
    const struct sift_html_attr *at;
    size_t len;
    (void)state;
    assert_string_equal(sift_html_attr_value(doc, a, "href", 4, &len), "?a=1&b=2");
    assert_int_equal(len, 8);
    assert_string_equal(sift_html_attr_value(doc, a, "title", 5, &len), "x < y");
    assert_string_equal(sift_html_attr_value(doc, a, "data-q", 6, &len), "\"q");
    assert_string_equal(sift_html_attr_value(doc, a, "hidden", 6, &len), "");
    assert_string_equal(sift_html_attr_value(doc, a, "class", 5, &len), "a  b");
    assert_null(sift_html_attr_value(doc, a, "id", 2, &len));
    assert_int_equal(len, 0);
    at = sift_html_attr(doc, a, 0);
    assert_string_equal(sift_html_string(doc, at->name), "href");
    expect_bytes(s, at->name_i, at->name_j, "href");
    expect_bytes(s, at->value_i, at->value_j, "?a=1&amp;b=2");
    at = sift_html_attr(doc, a, 1);
    expect_bytes(s, at->name_i, at->name_j, "TITLE");
    expect_bytes(s, at->value_i, at->value_j, "x &lt; y");
    at = sift_html_attr(doc, a, 2);
    expect_bytes(s, at->value_i, at->value_j, "&quot;q");
    at = sift_html_attr(doc, a, 3);
    assert_int_equal(at->value_i, at->value_j);
    assert_int_equal(at->value_i, at->name_j);
    assert_null(sift_html_attr(doc, a, 5));
    expect_bytes(s, sift_html_node(doc, a)->src_i, sift_html_node(doc, a)->src_j,
                 "<a href=\"?a=1&amp;b=2\" TITLE='x &lt; y' data-q=&quot;q hidden class=\"a  b\">");
    expect_bytes(s, sift_html_node(doc, a)->end_i, sift_html_node(doc, a)->end_j, "</a>");
    /* a duplicate attribute: the first one counts */
    sift_html_free(doc);
    s = "<p id=1 id=2>";
    doc = parse(s, strlen(s));
    assert_string_equal(sift_html_attr_value(doc, find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_P, 0), "id", 2, &len), "1");
    sift_html_free(doc);
}

static void test_text_offsets(void **state)
{
    const char *s = "<p>Fish &amp; chips\r\ncost &pound;5</p><pre>\ncode\n</pre><p>a</span>b</p>";
    struct sift_html_doc *doc = parse(s, strlen(s));
    uint32_t id = find(doc, SIFT_HTML_TEXT, 0, 0);
    size_t len;
    (void)state;
    assert_string_equal(sift_html_text(doc, id, &len), "Fish & chips\ncost \xC2\xA3" "5");
    expect_bytes(s, sift_html_node(doc, id)->src_i, sift_html_node(doc, id)->src_j, "Fish &amp; chips\r\ncost &pound;5");
    /* the line break after <pre> is not text */
    id = find(doc, SIFT_HTML_TEXT, 0, find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_PRE, 0));
    assert_string_equal(sift_html_text(doc, id, &len), "code\n");
    expect_bytes(s, sift_html_node(doc, id)->src_i, sift_html_node(doc, id)->src_j, "code\n");
    /* the standard joins "a" and "b" around the stray </span>: two runs of bytes, two nodes */
    id = find(doc, SIFT_HTML_TEXT, 0, id + 1);
    expect_bytes(s, sift_html_node(doc, id)->src_i, sift_html_node(doc, id)->src_j, "a");
    id = find(doc, SIFT_HTML_TEXT, 0, id + 1);
    expect_bytes(s, sift_html_node(doc, id)->src_i, sift_html_node(doc, id)->src_j, "b");
    check_offsets(doc, s, strlen(s));
    sift_html_free(doc);
    /* the end tag of script text that hides in a comment */
    s = "<script><!-- x = 1; // --></script><p>z";
    doc = parse(s, strlen(s));
    id = find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_SCRIPT, 0);
    expect_bytes(s, sift_html_node(doc, id)->end_i, sift_html_node(doc, id)->end_j, "</script>");
    id = find(doc, SIFT_HTML_TEXT, 0, id);
    expect_bytes(s, sift_html_node(doc, id)->src_i, sift_html_node(doc, id)->src_j, "<!-- x = 1; // -->");
    check_offsets(doc, s, strlen(s));
    sift_html_free(doc);
}

static void test_foreign_and_unknown(void **state)
{
    const char *s = "<x-card a=1>c</x-card><svg><title>t</title><path d=M0/></svg><math><mi>x</mi></math>";
    struct sift_html_doc *doc = parse(s, strlen(s));
    uint32_t id;
    size_t len;
    (void)state;
    id = find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_UNKNOWN, 0);
    assert_string_equal(sift_html_name(doc, id, &len), "x-card");
    assert_int_equal(sift_html_node(doc, id)->ns, SIFT_NS_HTML);
    expect_bytes(s, sift_html_node(doc, id)->end_i, sift_html_node(doc, id)->end_j, "</x-card>");
    id = find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_SVG, 0);
    assert_int_equal(sift_html_node(doc, id)->ns, SIFT_NS_SVG);
    /* an SVG <title> is not the page's title */
    assert_int_equal(sift_html_node(doc, sift_html_node(doc, id)->first_child)->tag, SIFT_TAG_UNKNOWN);
    assert_string_equal(sift_html_name(doc, sift_html_node(doc, id)->first_child, &len), "title");
    id = find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_MATH, 0);
    assert_int_equal(sift_html_node(doc, id)->ns, SIFT_NS_MATHML);
    check_offsets(doc, s, strlen(s));
    sift_html_free(doc);
}

static void test_walk(void **state)
{
    const char *s = "<div><p>a<b>b</b></p><p>c</p></div>d";
    struct sift_html_doc *doc = parse(s, strlen(s));
    struct sift_html_walk w;
    uint32_t id, div = find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_DIV, 0);
    int ev;
    char got[512];
    size_t n = 0, len;
    (void)state;
    /* the subtree of <div>, skipping the first <p>'s children */
    sift_html_walk_init(&w, doc, div);
    while (sift_html_walk_next(&w, &id, &ev)) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        const char *name = x->kind == SIFT_HTML_ELEMENT ? sift_html_name(doc, id, &len) : sift_html_text(doc, id, &len);
        n += (size_t)snprintf(got + n, sizeof got - n, "%s%.*s%u ", ev == SIFT_HTML_ENTER ? "+" : "-", (int)len, name, w.depth);
        if (ev == SIFT_HTML_ENTER && x->tag == SIFT_TAG_P && sift_html_node(doc, x->first_child)->kind == SIFT_HTML_TEXT &&
            sift_html_text(doc, x->first_child, &len)[0] == 'a')
            sift_html_walk_skip(&w);
    }
    assert_string_equal(got, "+div0 +p1 -p1 +p1 +c2 -p1 -div0 ");
    /* a text node as the root gives itself alone */
    sift_html_walk_init(&w, doc, find(doc, SIFT_HTML_TEXT, 0, 0));
    assert_int_equal(sift_html_walk_next(&w, &id, &ev), 1);
    assert_int_equal(ev, SIFT_HTML_ENTER);
    assert_int_equal(sift_html_walk_next(&w, &id, &ev), 0);
    sift_html_walk_init(&w, doc, sift_html_count(doc));
    assert_int_equal(sift_html_walk_next(&w, &id, &ev), 0);
    assert_null(sift_html_node(doc, sift_html_count(doc)));
    sift_html_free(doc);
    sift_html_free(NULL);
}

/* n copies of open then n of close, malloc'd */
static char *repeat(const char *open, const char *close, size_t n, size_t *len)
{
    size_t ol = strlen(open), cl = strlen(close), k, at = 0;
    char *s = malloc(n * (ol + cl) + 1);
    assert_non_null(s);
    for (k = 0; k < n; k++, at += ol)
        memcpy(s + at, open, ol);
    for (k = 0; k < n; k++, at += cl)
        memcpy(s + at, close, cl);
    s[at] = '\0';
    *len = at;
    return s;
}

static void deep(const char *open, const char *close, unsigned max_depth)
{
    size_t len;
    char *s = repeat(open, close, 100000, &len);
    struct sift_html_doc *doc = parse(s, len);
    struct sift_html_walk w;
    uint32_t id, enters = 0;
    unsigned depth = 0;
    int ev;
    sift_html_walk_init(&w, doc, 0);
    while (sift_html_walk_next(&w, &id, &ev)) {
        if (ev == SIFT_HTML_ENTER)
            enters++;
        if (w.depth > depth)
            depth = w.depth;
    }
    assert_int_equal(enters, sift_html_count(doc));
    assert_true(sift_html_count(doc) >= 100000);
    assert_true(depth <= max_depth);
    check_offsets(doc, s, len);
    sift_html_free(doc);
    free(s);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    /* past SIFT_HTML_MAX_DEPTH the elements become siblings (each step of the standard's
     * algorithm would otherwise scan 100,000 open elements: 21 s for the <div>s) */
    deep("<div>", "</div>", SIFT_HTML_MAX_DEPTH + 2);
    deep("<div>", "", SIFT_HTML_MAX_DEPTH + 2);
    deep("<b>", "", SIFT_HTML_MAX_DEPTH + 2);
    deep("<i>x", "", SIFT_HTML_MAX_DEPTH + 3);
    deep("<span>", "</span>", SIFT_HTML_MAX_DEPTH + 2);
    deep("<div>", "</p>", SIFT_HTML_MAX_DEPTH + 3);
    /* SVG is not flattened: the DOM is 100,000 deep, and the walk does not recurse */
    deep("<svg><g>", "", 200003);
    /* nor tables in cells, whose steps scan only to the nearest table */
    deep("<table><tr><td>", "", 400003);
}

static void test_huge_attribute(void **state)
{
    size_t n = 10 * 1000 * 1000, len, k;
    char *s = malloc(n + 64);
    struct sift_html_doc *doc;
    const struct sift_html_attr *a;
    const char *v;
    uint32_t id;
    (void)state;
    assert_non_null(s);
    memcpy(s, "<p data-x=\"", 11);
    for (k = 0; k < n; k++)
        s[11 + k] = (char)('a' + k % 26);
    memcpy(s + 11 + n, "\">text</p>", 11);
    doc = parse(s, 11 + n + 10);
    id = find(doc, SIFT_HTML_ELEMENT, SIFT_TAG_P, 0);
    v = sift_html_attr_value(doc, id, "data-x", 6, &len);
    assert_int_equal(len, n);
    assert_memory_equal(v, s + 11, n);
    a = sift_html_attr(doc, id, 0);
    assert_int_equal(a->value_i, 11);
    assert_int_equal(a->value_j, 11 + n);
    assert_int_equal(sift_html_node(doc, id)->src_j, 11 + n + 2);
    check_offsets(doc, s, 11 + n + 10);
    sift_html_free(doc);
    free(s);
}

static void test_bytes_not_utf8(void **state)
{
    static const char s[] = "<p>caf\xE9 \xFF\xFE<b\xC3>x</b\xC3></p>\xF0\x9F";
    struct sift_html_doc *doc = parse(s, sizeof s - 1);
    (void)state;
    check_offsets(doc, s, sizeof s - 1);
    sift_html_free(doc);
}

/* Whether s[0..len) gives the same DOM with a checkpoint before every token (and every 7
 * bytes) as with none: what a checkpoint writes and frees must be what the whole parse writes. */
static void check_checkpoints(const char *s, size_t len)
{
    struct sift_html_doc *once = NULL, *every = NULL, *seven = NULL;
    assert_int_equal(sift_html_parse_every(s, len, 0, &once), SIFT_OK);
    assert_int_equal(sift_html_parse_every(s, len, 1, &every), SIFT_OK);
    assert_int_equal(sift_html_parse_every(s, len, 7, &seven), SIFT_OK);
    if (!sift_html_equal(once, every) || !sift_html_equal(once, seven))
        fail_msg("checkpoints changed the DOM of: %.200s", s);
    sift_html_free(once);
    sift_html_free(every);
    sift_html_free(seven);
}

/* The cases where the tree construction changes what it built before (tests/fuzz/regressions/html
 * holds three that fuzz_html found): each must come out the same through checkpoints. */
static void test_checkpoints(void **state)
{
    static const char *const pages[] = {
        /* foster parenting: text and elements put before an open table */
        "<div><p>a</p><table><tr><td>x</td></tr>text<b>bold</b><div>moved</div><tr><td>y</td></tr></table><p>b</p></div>",
        /* the adoption agency: misnested formatting, blocks moved under copies */
        "<body><p>one</p><a href=x><div><p>two</p>three</div></a><p>four</p><b><p>five<i>six</b>seven</i></p>",
        /* formatting elements reconstructed after their paragraph closed */
        "<p><b class=k><i>x</p><p>y</p><p>z</b> w</p><div>after</div>",
        /* <html> and <body> tags late, adding attributes; a frameset; comments after the body */
        "<p>a</p><html lang=de><body class=late><p>b</p></body><!-- end --></html><!-- last -->",
        "<p ti=1>x<frameset><frame></frameset>", "<!doctype html><frameset><frame src=a></frameset><p>no",
        /* the head taken up again before <body>, a form pointer left open, a template, a select */
        "<html><head><title>t</title></head><meta charset=utf-8><link rel=x><body><p>x</p>",
        "<div><form id=f><input name=a></div><p>between</p><input name=b></form><p>end</p>",
        "<template><p>in<b>side</template><p>out</p><select><option>1<option>2</select><p>z",
        /* <pre>'s first line break, text split in <head>, text at the end */
        "<pre>\nline</pre><head> <title>x</title>  </head> text \n more", "<p>a<p>b<p>c",
        /* SVG and MathML, and a <br> made of "</br>" */
        "<p>x<svg><g><text>t</text></g></svg><math><mi>i</mi></math></br></p>",
    };
    size_t k;
    (void)state;
    for (k = 0; k < sizeof pages / sizeof pages[0]; k++)
        check_checkpoints(pages[k], strlen(pages[k]));
}

/* A page of several MB, which sift_html_parse checkpoints every MB: the DOM is the one of the
 * parse without checkpoints. */
static void test_large_page(void **state)
{
    static const char part[] =
        "<div class=a><h2>Head</h2><p>Text, <b>bold <i>both</b> italic</i> &amp; more.</p>"
        "<table><tr><td>1</td></tr>stray<tr><td>2</td></tr></table><ul><li>x<li>y</ul></div>\n";
    size_t n = 40000, k, len = 0;
    char *page = malloc(n * (sizeof part - 1) + 64);
    struct sift_html_doc *once = NULL, *doc = NULL;
    (void)state;
    assert_non_null(page);
    len += (size_t)sprintf(page, "<!doctype html><body>");
    for (k = 0; k < n; k++) {
        memcpy(page + len, part, sizeof part - 1);
        len += sizeof part - 1;
    }
    assert_true(len > (size_t)3 << 20);
    assert_int_equal(sift_html_parse_every(page, len, 0, &once), SIFT_OK);
    assert_int_equal(sift_html_parse(page, len, &doc), SIFT_OK);
    assert_true(sift_html_equal(once, doc));
    assert_true(sift_html_count(doc) > n * 20);
    sift_html_free(once);
    sift_html_free(doc);
    free(page);
}

/* The shared pages, those that are there (gzip, read through gzip -dc): every offset holds, and
 * checkpoints leave the DOM as it is. */
static void test_shared_pages(void **state)
{
    static const char *const pages[] = { "readability/bbc-1/source.html.gz", "readability/nytimes-1/source.html.gz",
                                         "readability/guardian-1/source.html.gz", "trafilatura-eval/pages/0001.html.gz",
                                         "trafilatura-eval/pages/0135.html.gz", "trafilatura-eval/pages/0436.html.gz",
                                         "trafilatura-eval/pages/0572.html.gz" };
    size_t k, seen = 0;
    (void)state;
    for (k = 0; k < sizeof pages / sizeof pages[0]; k++) {
        char path[1024], cmd[1100], *buf = NULL;
        size_t cap = 0, n = 0, got;
        FILE *f;
        struct sift_html_doc *doc;
        snprintf(path, sizeof path, "%s/data/web-pages/%s", test_shared_dir(), pages[k]);
        if (!(f = fopen(path, "rb")))
            continue;
        fclose(f);
        snprintf(cmd, sizeof cmd, "gzip -dc '%s'", path);
        f = popen(cmd, "r");
        assert_non_null(f);
        do {
            if (cap - n < 65536) {
                cap = cap ? 2 * cap : 1 << 20;
                buf = realloc(buf, cap);
                assert_non_null(buf);
            }
            got = fread(buf + n, 1, 65536, f);
            n += got;
        } while (got > 0);
        assert_int_equal(pclose(f), 0);
        doc = parse(buf, n);
        assert_true(sift_html_count(doc) > 100);
        check_offsets(doc, buf, n);
        check_checkpoints(buf, n);
        sift_html_free(doc);
        free(buf);
        seen++;
    }
    if (!seen)
        skip();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tag_table),
        cmocka_unit_test(test_implied_tags),
        cmocka_unit_test(test_implied_offsets),
        cmocka_unit_test(test_misnested_formatting),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_unclosed),
        cmocka_unit_test(test_nul_bytes),
        cmocka_unit_test(test_comments_doctype),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_text_offsets),
        cmocka_unit_test(test_foreign_and_unknown),
        cmocka_unit_test(test_walk),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_huge_attribute),
        cmocka_unit_test(test_bytes_not_utf8),
        cmocka_unit_test(test_checkpoints),
        cmocka_unit_test(test_large_page),
        cmocka_unit_test(test_shared_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
