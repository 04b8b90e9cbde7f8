/*
 * test_extract.c - the article of a page (extract/article.h) on small hand-written pages: the
 * navigation, footer and side bar removed, the article's paragraphs kept in order, hidden elements
 * dropped, headings with their levels, list items, captions, table rows, code, the source spans,
 * a page with no article, the page scope, 100,000 nested divs (it completes) and other hostile
 * pages.
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
#include "html/dom.h"

static struct sift_article *extract_opts(const char *html, const struct sift_extract_opts *opts)
{
    struct sift_html_doc *doc = NULL;
    struct sift_article *a = NULL;
    assert_int_equal(sift_html_parse(html, strlen(html), &doc), SIFT_OK);
    assert_int_equal(sift_extract_article(doc, opts, &a), SIFT_OK);
    assert_non_null(a);
    sift_html_free(doc);
    return a;
}

static struct sift_article *extract(const char *html)
{
    return extract_opts(html, NULL);
}

static int has(const struct sift_article *a, const char *s)
{
    return strstr(a->text, s) != NULL;
}

/* The block whose text is s, or NULL. */
static const struct sift_block *block(const struct sift_article *a, const char *s)
{
    size_t k;
    for (k = 0; k < a->n_blocks; k++)
        if (a->blocks[k].len == strlen(s) && memcmp(a->text + a->blocks[k].i, s, a->blocks[k].len) == 0)
            return &a->blocks[k];
    return NULL;
}

#define P1 "Der Sturm kam in der Nacht, und er traf die K\xC3\xBCste mit voller Wucht, sodass viele D\xC3\xA4""cher fehlen."
#define P2 "Am Morgen begannen die Aufr\xC3\xA4umarbeiten, die Feuerwehr war mit allen Kr\xC3\xA4""ften im Einsatz, sagte ein Sprecher."
#define P3 "Die Sch\xC3\xA4""den werden auf mehrere Millionen gesch\xC3\xA4tzt, die Versicherungen rechnen mit vielen Meldungen."

static const char page[] =
    "<!doctype html><html><head><title>Sturm an der K\xC3\xBCste | Tagblatt</title>"
    "<script>var x = 'Skript';</script><style>p { color: red }</style></head><body>"
    "<header class=\"site-header\"><a href=\"/\">Tagblatt</a> <a href=\"/login\">Anmelden</a></header>"
    "<nav><ul><li><a href=\"/politik\">Politik</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav>"
    "<div class=\"breadcrumb\"><a href=\"/\">Start</a> &gt; <a href=\"/k\">Kultur</a></div>"
    "<div id=\"main\"><article>"
    "<header class=\"article-header\"><h1>Sturm an der K\xC3\xBCste</h1></header>"
    "<p>" P1 "</p>"
    "<div class=\"share-buttons\"><a href=\"/fb\">Teilen</a></div>"
    "<p>" P2 "</p>"
    "<h2>Die Sch\xC3\xA4""den</h2>"
    "<p hidden>Versteckter Absatz, der nie gezeigt wird, mit Kommas, und noch mehr Text.</p>"
    "<p style=\"color: red; display : none\">Unsichtbar, per Stil, auch mit Kommas, lang genug.</p>"
    "<p aria-hidden=\"true\">Ebenfalls, versteckt, f\xC3\xBCr Vorleser, und lang genug zum Z\xC3\xA4hlen.</p>"
    "<p>" P3 "</p>"
    "<ul><li>Erster Punkt</li><li>Zweiter <b>Punkt</b></li></ul>"
    "<figure><img src=\"a.jpg\"><figcaption>Ein umgest\xC3\xBCrzter Baum</figcaption></figure>"
    "<blockquote><p>Wir sind noch einmal davongekommen, sagte sie.</p></blockquote>"
    "<pre>  a = 1\n  b = 2</pre>"
    "<table><tr><th>Ort</th><th>Sch\xC3\xA4""den</th></tr><tr><td>Kiel</td><td>12</td></tr></table>"
    "</article>"
    "<aside class=\"sidebar\"><h3>Meistgelesen</h3><p>Ein ganz anderer Artikel, mit Kommas, und Text, der lang ist.</p></aside>"
    "<div class=\"related-articles\"><a href=\"/a\">Mehr zum Thema: Hochwasser, Regen, Wind, und Sturm</a></div>"
    "<div id=\"comments\"><p>Toller Artikel, danke, weiter so, ich lese das gern, wirklich.</p></div>"
    "</div>"
    "<footer><p>Impressum, Datenschutz, Kontakt, AGB, und alles andere auch noch hier.</p></footer>"
    "<div class=\"cookie-consent\">Wir nutzen Cookies, damit, die Seite, funktioniert, wirklich.</div>"
    "</body></html>";

static void test_boilerplate_removed(void **state)
{
    struct sift_article *a = extract(page);
    (void)state;
    assert_true(a->found);
    assert_true(has(a, P1));
    assert_true(has(a, P2));
    assert_true(has(a, P3));
    assert_false(has(a, "Politik"));
    assert_false(has(a, "Anmelden"));
    assert_false(has(a, "Kultur"));
    assert_false(has(a, "Teilen"));
    assert_false(has(a, "Meistgelesen"));
    assert_false(has(a, "anderer Artikel"));
    assert_false(has(a, "Mehr zum Thema"));
    assert_false(has(a, "Toller Artikel"));
    assert_false(has(a, "Impressum"));
    assert_false(has(a, "Cookies"));
    assert_false(has(a, "Skript"));
    assert_false(has(a, "color"));
    sift_article_free(a);
}

/* Rules met on real pages (the trafilatura-eval set of ../shared), each on a page made to show it:
 * the gated text of an article in its paywall's container stays while the paywall's notice goes;
 * a paragraph wrapped whole in a <span> whose class holds a boilerplate word ("...ContentTags")
 * stays; a <main> that holds the headline alone, the body after it, is not taken as the article;
 * the names a blog engine makes of a post's categories and tags ("category-no-newsletter-rss") are
 * not read as its layout. */
static void test_rules_from_real_pages(void **state)
{
    static const char paywall[] =
        "<html><body><nav><a href=/>Start</a></nav>"
        "<article class=\"post has-paywall steady-paywall-container\"><h1>Sturm</h1>"
        "<p>" P1 "</p><p>" P2 "</p><p>" P3 "</p><p>" P1 " " P3 "</p><p>" P2 " " P1 "</p>"
        "<div class=\"paywall-notice\"><p>Jetzt abonnieren, und weiterlesen, f\xC3\xBCr nur einen Euro, im ersten Monat.</p></div>"
        "</article>"
        "<div id=comments><p>Ein Kommentar, lang, mit Kommas, und noch mehr Text, und mehr.</p>"
        "<p>" P2 " " P3 " " P1 " " P2 " " P3 "</p><p>" P1 " " P2 " " P3 " " P1 " " P2 "</p></div>"
        "</body></html>";
    static const char span[] =
        "<html><body><div class=content><h1>Sturm</h1>"
        "<p><span class=\"_x _fbReactionComponent__eventDetailsContentTags\">" P1 " " P2 " " P1 "</span></p>"
        "<p>" P3 "</p><p><span class=tags><a href=/t/sturm>Sturm</a></span></p></div></body></html>";
    static const char main_headline[] =
        "<html><body><div id=top><main role=main class=content><h1>Sturm an der K\xC3\xBCste in der Nacht</h1></main></div>"
        "<div id=after><div class=entry><p>" P1 "</p><h2>Folgen</h2><p>" P2 "</p><p>" P3 "</p></div></div>"
        "</body></html>";
    static const char taxonomy[] =
        "<html><body><nav><a href=/>Start</a></nav>"
        "<article class=\"post-7 post type-post category-no-newsletter-rss tag-social-media entry\"><h1>Sturm</h1>"
        "<p>" P1 "</p><p>" P2 "</p><p>" P3 "</p></article><footer>Impressum</footer></body></html>";
    struct sift_article *a;
    (void)state;

    a = extract(taxonomy);
    assert_true(has(a, P1));
    assert_true(has(a, P3));
    assert_false(has(a, "Impressum"));
    sift_article_free(a);

    a = extract(paywall);
    assert_true(has(a, P1));
    assert_true(has(a, P3));
    assert_false(has(a, "abonnieren"));
    assert_false(has(a, "Kommentar"));
    sift_article_free(a);

    a = extract(span);
    assert_true(has(a, P1 " " P2 " " P1));
    assert_true(has(a, P3));
    sift_article_free(a);

    a = extract(main_headline);
    assert_true(a->found);
    assert_true(has(a, P1));
    assert_true(has(a, P2));
    assert_true(has(a, P3));
    sift_article_free(a);
}

static void test_order_and_hidden(void **state)
{
    struct sift_article *a = extract(page);
    const char *p1, *p2, *p3;
    (void)state;
    p1 = strstr(a->text, P1);
    p2 = strstr(a->text, P2);
    p3 = strstr(a->text, P3);
    assert_non_null(p1);
    assert_true(p1 < p2 && p2 < p3);
    assert_false(has(a, "Versteckter"));
    assert_false(has(a, "Unsichtbar"));
    assert_false(has(a, "Vorleser"));
    /* blocks are joined by a blank line */
    assert_non_null(strstr(a->text, P1 "\n\n" P2));
    sift_article_free(a);
}

static void test_kinds(void **state)
{
    struct sift_article *a = extract(page);
    const struct sift_block *b;
    (void)state;
    b = block(a, "Sturm an der K\xC3\xBCste");
    assert_non_null(b);
    assert_int_equal(b->kind, SIFT_BLOCK_HEADING);
    assert_int_equal(b->level, 1);
    b = block(a, "Die Sch\xC3\xA4""den");
    assert_non_null(b);
    assert_int_equal(b->kind, SIFT_BLOCK_HEADING);
    assert_int_equal(b->level, 2);
    b = block(a, P1);
    assert_non_null(b);
    assert_int_equal(b->kind, SIFT_BLOCK_PARAGRAPH);
    assert_int_equal(b->level, 0);
    /* the span of a whole <p>: its start tag to its end tag */
    assert_int_equal(b->src_j - b->src_i, strlen("<p>" P1 "</p>"));
    assert_memory_equal(page + b->src_i, "<p>" P1 "</p>", b->src_j - b->src_i);
    b = block(a, "Zweiter Punkt");
    assert_non_null(b);
    assert_int_equal(b->kind, SIFT_BLOCK_LIST_ITEM);
    assert_non_null(block(a, "Erster Punkt"));
    b = block(a, "Ein umgest\xC3\xBCrzter Baum");
    assert_non_null(b);
    assert_int_equal(b->kind, SIFT_BLOCK_CAPTION);
    b = block(a, "Wir sind noch einmal davongekommen, sagte sie.");
    assert_non_null(b);
    assert_int_equal(b->kind, SIFT_BLOCK_QUOTE);
    b = block(a, "a = 1\n  b = 2");
    assert_non_null(b);
    assert_int_equal(b->kind, SIFT_BLOCK_CODE);
    b = block(a, "Kiel\t12");
    assert_non_null(b);
    assert_int_equal(b->kind, SIFT_BLOCK_TABLE_ROW);
    assert_non_null(block(a, "Ort\tSch\xC3\xA4""den"));
    assert_string_equal(a->title, "Sturm an der K\xC3\xBCste");
    sift_article_free(a);
}

static void test_tables_option(void **state)
{
    struct sift_extract_opts o = { SIFT_EXTRACT_ARTICLE, 0, 0 };
    struct sift_article *a = extract_opts(page, &o);
    (void)state;
    assert_false(has(a, "Kiel"));
    assert_true(has(a, P3));
    sift_article_free(a);
}

static void test_white_space(void **state)
{
    struct sift_article *a = extract(
        "<body><div><p>  Eins,\n\n   zwei,\t drei <b>vier</b>f\xC3\xBCnf<br>sechs, sieben, acht, neun, zehn, elf, zw\xC3\xB6lf.  </p></div></body>");
    (void)state;
    assert_int_equal(a->n_blocks, 1);
    assert_string_equal(a->text, "Eins, zwei, drei vierf\xC3\xBCnf\nsechs, sieben, acht, neun, zehn, elf, zw\xC3\xB6lf.");
    assert_int_equal(a->blocks[0].i, 0);
    assert_int_equal(a->blocks[0].len, strlen(a->text));
    sift_article_free(a);
}

static void test_no_article(void **state)
{
    struct sift_article *a = extract("<html><body><nav><a href=/>Start</a><a href=/b>B</a></nav>"
                                     "<footer>Impressum</footer><script>x()</script></body></html>");
    (void)state;
    assert_false(a->found);
    assert_int_equal(a->n_blocks, 0);
    assert_string_equal(a->text, "");
    sift_article_free(a);
    a = extract("");
    assert_false(a->found);
    assert_int_equal(a->n_blocks, 0);
    sift_article_free(a);
}

static void test_page_scope(void **state)
{
    struct sift_extract_opts o = { SIFT_EXTRACT_PAGE, 1, 0 };
    struct sift_article *a = extract_opts(page, &o);
    (void)state;
    assert_true(has(a, "Politik"));
    assert_true(has(a, "Impressum"));
    assert_true(has(a, P1));
    assert_false(has(a, "Versteckter"));
    assert_false(has(a, "Skript"));
    sift_article_free(a);
}

static void test_comments_option(void **state)
{
    struct sift_extract_opts o = { SIFT_EXTRACT_ARTICLE, 1, 1 };
    struct sift_article *a = extract_opts(
        "<body><div id=main><div class=text><p>" P1 "</p><p>" P2 "</p><p>" P3 "</p></div>"
        "<div class=comments><p>Toller Artikel, danke, weiter so, ich lese das gern, wirklich, sehr.</p></div></div></body>",
        &o);
    (void)state;
    assert_true(has(a, P1));
    assert_true(has(a, "Toller Artikel"));
    sift_article_free(a);
}

static void test_deep_nesting(void **state)
{
    size_t n = 100000, k, len = 0;
    char *html = malloc(n * 11 + 200);
    struct sift_article *a;
    (void)state;
    assert_non_null(html);
    len += (size_t)sprintf(html + len, "<body>");
    for (k = 0; k < n; k++) {
        memcpy(html + len, "<div>", 5);
        len += 5;
    }
    len += (size_t)sprintf(html + len, "%s", "Text, tief unten, mit Kommas, und lang genug, um zu z\xC3\xA4hlen.");
    for (k = 0; k < n; k++) {
        memcpy(html + len, "</div>", 6);
        len += 6;
    }
    html[len] = '\0';
    a = extract(html);
    assert_true(has(a, "tief unten"));
    sift_article_free(a);
    free(html);
}

/* Hostile pages: a 10 MB class, a page that is one script, NUL bytes, the same paragraph
 * 10,000 times, unclosed everything: no crash, and what is text stays text. */
static void test_hostile(void **state)
{
    size_t n = 10u << 20, k, len;
    char *html = malloc(n + 200);
    struct sift_article *a;
    (void)state;
    assert_non_null(html);
    len = (size_t)sprintf(html, "<body><p class='");
    for (k = 0; k < n / 2; k++) {
        html[len++] = 'a';
        html[len++] = '-';
    }
    len += (size_t)sprintf(html + len, "'>%s</p></body>", P1);
    a = extract(html);
    assert_true(has(a, P1));
    sift_article_free(a);

    len = (size_t)sprintf(html, "<script>");
    for (k = 0; len + 20 < n; k++)
        len += (size_t)sprintf(html + len, "var a = '<p>x</p>';\n");
    a = extract(html);
    assert_false(a->found);
    assert_int_equal(a->n_blocks, 0);
    sift_article_free(a);

    len = 0;
    for (k = 0; k < 10000; k++)
        len += (size_t)sprintf(html + len, "<div><p><li><table><tr><td>Text, mit Kommas, und lang genug");
    a = extract(html);
    assert_true(a->found);
    assert_true(has(a, "Text, mit Kommas, und lang genug"));
    sift_article_free(a);
    free(html);

    {
        static const char nul[] = "<p>Ein\0Absatz, mit\0Nullen, und lang genug zum Z\xC3\xA4hlen.</p>";
        struct sift_html_doc *doc = NULL;
        assert_int_equal(sift_html_parse(nul, sizeof nul - 1, &doc), SIFT_OK);
        assert_int_equal(sift_extract_article(doc, NULL, &a), SIFT_OK);
        assert_true(a->found);
        assert_true(has(a, "Absatz, mit"));
        sift_article_free(a);
        sift_html_free(doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boilerplate_removed),
        cmocka_unit_test(test_order_and_hidden),
        cmocka_unit_test(test_rules_from_real_pages),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_tables_option),
        cmocka_unit_test(test_white_space),
        cmocka_unit_test(test_no_article),
        cmocka_unit_test(test_page_scope),
        cmocka_unit_test(test_comments_option),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
