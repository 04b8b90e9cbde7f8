/*
 * extract/title.c - the page's title, for now: og:title, else <title>, else the first <h1>, with
 * the site's name cut off when the <h1> shows which part is the article's ("Storm hits coast |
 * Daily News" with <h1>Storm hits coast</h1>), or, without such an <h1>, the part before the last
 * " | ", " - ", " – ", " — ", " :: ", " » " or " · " when it keeps at least three words. The
 * page's metadata (JSON-LD, OpenGraph, <meta>, bylines, dates) is another part's; sift.extract
 * takes its title over this one when it has one.
 */
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The text of s[0..len) with white space collapsed and trimmed, appended to buf (of cap bytes,
 * *n used); what does not fit is cut. */
static void collapse(char *buf, size_t cap, size_t *n, const char *s, size_t len)
{
    size_t p;
    for (p = 0; p < len && *n + 1 < cap; p++) {
        if (is_space((unsigned char)s[p])) {
            if (*n > 0 && buf[*n - 1] != ' ')
                buf[(*n)++] = ' ';
        } else {
            buf[(*n)++] = s[p];
        }
    }
}

#define TITLE_CAP 1024

/* The text of element id, collapsed, into buf (TITLE_CAP bytes); its length. The walk stops once
 * buf is full. */
static size_t text_of(const struct sift_html_doc *doc, uint32_t id, char *buf)
{
    struct sift_html_walk w;
    uint32_t k;
    int ev;
    size_t n = 0;

    sift_html_walk_init(&w, doc, id);
    while (n + 1 < TITLE_CAP && sift_html_walk_next(&w, &k, &ev)) {
        const struct sift_html_node *x = sift_html_node(doc, k);
        if (x->kind == SIFT_HTML_ELEMENT && ev == SIFT_HTML_ENTER &&
            (x->tag == SIFT_TAG_SCRIPT || x->tag == SIFT_TAG_STYLE || x->tag == SIFT_TAG_TEMPLATE))
            sift_html_walk_skip(&w);
        if (x->kind == SIFT_HTML_TEXT) {
            size_t len;
            const char *s = sift_html_text(doc, k, &len);
            collapse(buf, TITLE_CAP, &n, s, len);
        } else if (x->kind == SIFT_HTML_ELEMENT && n > 0 && buf[n - 1] != ' ' && n + 1 < TITLE_CAP &&
                   x->tag == SIFT_TAG_BR) {
            buf[n++] = ' ';
        }
    }
    while (n > 0 && buf[n - 1] == ' ')
        n--;
    buf[n] = '\0';
    return n;
}

static const char *const separators[] = { " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB ", " \xC2\xB7 ", " / ", NULL };

/* The length of the title t[0..n) once the site's part is cut (see the top). */
static size_t cut_site(const char *t, size_t n, const char *h1, size_t h1_len)
{
    const char *const *sep;
    size_t best = 0, k, words = 1;
    int found = 0;

    if (h1_len > 0 && h1_len < n && memcmp(t, h1, h1_len) == 0)
        return h1_len;
    for (sep = separators; *sep; sep++) {
        size_t sl = strlen(*sep);
        for (k = 0; k + sl <= n; k++)
            if (memcmp(t + k, *sep, sl) == 0 && k > best) {
                best = k;
                found = 1;
            }
    }
    if (!found)
        return n;
    for (k = 0; k < best; k++)
        if (t[k] == ' ')
            words++;
    return words >= 3 ? best : n;
}

char *sift_ex_title(const struct sift_html_doc *doc, size_t *len)
{
    char buf[TITLE_CAP], h1[TITLE_CAP];
    size_t n = 0, h1_len = 0, k;
    uint32_t id, count = sift_html_count(doc), title = SIFT_HTML_NONE, first_h1 = SIFT_HTML_NONE;
    const char *og = NULL;
    size_t og_len = 0;
    char *out;

    for (id = 1; id < count; id++) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        if (x->kind != SIFT_HTML_ELEMENT || x->ns != SIFT_NS_HTML)
            continue;
        if (x->tag == SIFT_TAG_TITLE && title == SIFT_HTML_NONE) {
            title = id;
        } else if (x->tag == SIFT_TAG_H1 && first_h1 == SIFT_HTML_NONE) {
            first_h1 = id;
        } else if (x->tag == SIFT_TAG_META && !og) {
            size_t pl;
            const char *p = sift_html_attr_value(doc, id, "property", 8, &pl);
            if (!p)
                p = sift_html_attr_value(doc, id, "name", 4, &pl);
            if (p && pl == 8 && memcmp(p, "og:title", 8) == 0)
                og = sift_html_attr_value(doc, id, "content", 7, &og_len);
        }
    }
    if (first_h1 != SIFT_HTML_NONE)
        h1_len = text_of(doc, first_h1, h1);
    if (og && og_len > 0) {
        collapse(buf, TITLE_CAP, &n, og, og_len);
        while (n > 0 && buf[n - 1] == ' ')
            n--;
    }
    if (n == 0 && title != SIFT_HTML_NONE)
        n = text_of(doc, title, buf);
    if (n == 0 && h1_len > 0) {
        memcpy(buf, h1, h1_len);
        n = h1_len;
    }
    if (n > 0 && buf[0] == ' ') {
        memmove(buf, buf + 1, n - 1);
        n--;
    }
    if (n + 1 >= TITLE_CAP) { /* cut at the buffer's end: no half character left */
        while (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
            n--;
        if (n > 0 && (unsigned char)buf[n - 1] >= 0xC0)
            n--;
    }
    n = cut_site(buf, n, h1, h1_len);
    /* cut_site never leaves half a UTF-8 character: it cuts at a separator's space or an h1's end */
    out = malloc(n + 1);
    if (!out)
        return NULL;
    for (k = 0; k < n; k++)
        out[k] = buf[k];
    out[n] = '\0';
    *len = n;
    return out;
}
