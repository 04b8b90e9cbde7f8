/*
 * extract/meta.c - a web page's metadata from its DOM (meta.h): one walk of the DOM that reads
 * <meta>, <link>, <title>, <html lang>, JSON-LD scripts, itemprop, <time> and the visible byline,
 * each value kept with its source and replaced only by a more trusted one; then the title's site
 * part, the byline and the authors.
 */
#include <string.h>

#include "extract/meta.h"
#include "extract/jsonld.h"
#include "html/dom.h"

#define MAXF SIFT_META_MAX_FIELD
#define GATHER_NODES 4096 /* nodes a gathered element's text may span */
#define MAX_GATHERS 48    /* elements whose text is gathered (bylines, itemprop, headings) */
#define MAX_HEADINGS 8
#define MAX_SCRIPTS 64    /* JSON-LD scripts read */

enum { FT_TITLE, FT_SITE, FT_DESC, FT_PUB, FT_MOD, FT_AUTHOR, FT_SECTION, FT_URL, FT_IMAGE, FT_LANG, FT_BASE };

struct ctx {
    const struct sift_html_doc *doc;
    sift_alloc_fn alloc;
    void *ud;
    struct sift_meta *out;
    int oom, jsonld_kind, force;
    int gathers, scripts, in_article, in_aside, in_body, seen_html, seen_title;
    int time_rank;
    char time_best[32];
    char doc_title[MAXF + 1];
    size_t doc_title_len;
    char headings[MAX_HEADINGS][256];
    unsigned n_headings, n_h1;
    char h1[512];
    char site_fb[512];
    char byline_vis[MAXF + 1];
    size_t byline_vis_len;
    char created[32];     /* JSON-LD's dateCreated, normalised */
    char creators[512];   /* JSON-LD's creators, joined with ", " */
    size_t creators_len;
    char author_raw[MAXF + 1];
    size_t author_raw_len;
    char tmp[MAXF * 2 + 8];
};

const char *sift_meta_src_name(int src)
{
    static const char *const names[] = { "none", "jsonld", "og", "twitter", "meta", "itemprop", "time", "document", "byline" };
    return src >= 0 && src <= SIFT_META_BYLINE ? names[src] : "none";
}

/* ---- strings ---- */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int ieq(const char *a, size_t n, const char *b)
{
    size_t k;
    if (strlen(b) != n)
        return 0;
    for (k = 0; k < n; k++)
        if (lower((unsigned char)a[k]) != (unsigned char)b[k])
            return 0;
    return 1;
}

/* b (lower case) in a[0..n), ignoring case. */
static int icontains(const char *a, size_t n, const char *b)
{
    size_t m = strlen(b), k, e;
    for (k = 0; k + m <= n; k++) {
        for (e = 0; e < m && lower((unsigned char)a[k + e]) == (unsigned char)b[e]; e++)
            ;
        if (e == m)
            return 1;
    }
    return 0;
}

/* The text under element root (scripts and styles left out), joined, tidied, into buf (cap
 * bytes at least 1): at most GATHER_NODES nodes are visited. */
static size_t gather_cut(const struct sift_html_doc *doc, uint32_t root, char *buf, size_t cap, int *cut)
{
    struct sift_html_walk w;
    uint32_t id;
    int ev, more = 1;
    size_t n = 0, visits = 0;

    sift_html_walk_init(&w, doc, root);
    while ((more = sift_html_walk_next(&w, &id, &ev)) && ++visits < GATHER_NODES && n + 1 < cap) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        if (ev != SIFT_HTML_ENTER)
            continue;
        if (x->kind == SIFT_HTML_ELEMENT) {
            if (x->tag == SIFT_TAG_SCRIPT || x->tag == SIFT_TAG_STYLE || x->tag == SIFT_TAG_NOSCRIPT ||
                x->tag == SIFT_TAG_TEMPLATE || x->tag == SIFT_TAG_BUTTON)
                sift_html_walk_skip(&w);
            else if (n && (x->tag == SIFT_TAG_BR || x->tag == SIFT_TAG_P || x->tag == SIFT_TAG_DIV || x->tag == SIFT_TAG_LI))
                buf[n++] = ' ';
        } else if (x->kind == SIFT_HTML_TEXT) {
            size_t len, m;
            const char *t = sift_html_text(doc, id, &len);
            m = len < cap - 1 - n ? len : cap - 1 - n;
            m = sift_meta_cut(t, len, m);
            memcpy(buf + n, t, m);
            n += m;
        }
    }
    *cut = more && (visits >= GATHER_NODES || n + 1 >= cap);
    n = sift_meta_tidy(buf, n, 0);
    buf[n] = '\0';
    return n;
}

static size_t gather(const struct sift_html_doc *doc, uint32_t root, char *buf, size_t cap)
{
    int cut;
    return gather_cut(doc, root, buf, cap, &cut);
}

/* ---- keeping values ---- */

static int rank(int fld, int src)
{
    if (fld == FT_LANG) {
        switch (src) {
        case SIFT_META_DOCUMENT: return 1;
        case SIFT_META_NAME: return 2;
        case SIFT_META_OG: return 3;
        case SIFT_META_JSONLD: return 4;
        default: return 5 + src;
        }
    }
    if (fld == FT_URL) {
        switch (src) {
        case SIFT_META_DOCUMENT: return 1;
        case SIFT_META_OG: return 2;
        case SIFT_META_JSONLD: return 3;
        default: return 4 + src;
        }
    }
    return src;
}

static struct sift_meta_field *field(struct sift_meta *m, int fld)
{
    switch (fld) {
    case FT_TITLE: return &m->title;
    case FT_SITE: return &m->site;
    case FT_DESC: return &m->description;
    case FT_PUB: return &m->published;
    case FT_MOD: return &m->modified;
    case FT_SECTION: return &m->section;
    case FT_URL: return &m->url;
    case FT_IMAGE: return &m->image;
    case FT_LANG: return &m->lang;
    case FT_BASE: return &m->base;
    default: return NULL;
    }
}

static const char *copy(struct ctx *c, const char *s, size_t n)
{
    char *p = c->oom ? NULL : c->alloc(c->ud, n + 1);
    if (!p) {
        c->oom = 1;
        return NULL;
    }
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void store(struct ctx *c, struct sift_meta_field *f, int src, const char *s, size_t n)
{
    const char *p = copy(c, s, n);
    if (p) {
        f->s = p;
        f->len = n;
        f->src = src;
    }
}

static int better(struct ctx *c, int fld, int src, int old)
{
    if (old == SIFT_META_NONE)
        return 1;
    if (rank(fld, src) < rank(fld, old))
        return 1;
    return c->force && src == SIFT_META_JSONLD && old == SIFT_META_JSONLD;
}

static void add_author(struct ctx *c, int src, const char *s, size_t n);

/* Value s[0..n) (tidy already) of field fld from src. */
static void offer(struct ctx *c, int fld, int src, const char *s, size_t n)
{
    struct sift_meta_field *f;
    char buf[40];
    if (!n)
        return;
    if (fld == FT_AUTHOR) {
        add_author(c, src, s, n);
        return;
    }
    f = field(c->out, fld);
    if (!better(c, fld, src, f->src))
        return;
    if (fld == FT_PUB || fld == FT_MOD) {
        n = sift_meta_date(s, n, buf);
        s = buf;
    } else if (fld == FT_LANG) {
        n = sift_meta_lang(s, n, buf);
        s = buf;
    }
    if (n)
        store(c, f, src, s, n);
}

/* s[0..n) raw (JSON-escaped when json): tidied into c->tmp, then offered. */
static void offer_raw(struct ctx *c, int fld, int src, const char *s, size_t n, int json)
{
    size_t m;
    if (!n)
        return;
    if (json) {
        m = sift_json_unescape(s, n, c->tmp, sizeof c->tmp - 1);
    } else {
        m = sift_meta_cut(s, n, sizeof c->tmp - 1);
        memcpy(c->tmp, s, m);
    }
    m = sift_meta_tidy(c->tmp, m, 1);
    c->tmp[m] = '\0';
    offer(c, fld, src, c->tmp, m);
}

static int is_urlish(const char *s, size_t n)
{
    return (n >= 4 && !memcmp(s, "http", 4)) || (n >= 1 && s[0] == '/') || (n >= 4 && !memcmp(s, "www.", 4));
}

/* One author's name from src: a more trusted source replaces the authors, the same one adds. */
static void add_author(struct ctx *c, int src, const char *s, size_t n)
{
    struct sift_meta *m = c->out;
    size_t k;
    if (!n || is_urlish(s, n) || n > 200)
        return;
    if (m->n_authors && rank(FT_AUTHOR, src) > rank(FT_AUTHOR, m->authors[0].src))
        return;
    if (m->n_authors && rank(FT_AUTHOR, src) < rank(FT_AUTHOR, m->authors[0].src)) {
        m->n_authors = 0;
        c->author_raw_len = 0;
    }
    for (k = 0; k < m->n_authors; k++)
        if (m->authors[k].len == n && !memcmp(m->authors[k].s, s, n))
            return;
    if (c->author_raw_len + n + 2 < sizeof c->author_raw) {
        if (c->author_raw_len) {
            memcpy(c->author_raw + c->author_raw_len, ", ", 2);
            c->author_raw_len += 2;
        }
        memcpy(c->author_raw + c->author_raw_len, s, n);
        c->author_raw_len += n;
    }
    for (k = 0; k < m->n_authors; k++)
        if (m->authors[k].len == n && !memcmp(m->authors[k].s, s, n))
            return;
    if (m->n_authors < SIFT_META_MAX_AUTHORS) {
        store(c, &m->authors[m->n_authors], src, s, n);
        if (m->authors[m->n_authors].s)
            m->n_authors++;
    }
}

/* ---- <meta> names ---- */

static const struct {
    const char *key;
    unsigned char fld, src;
} meta_keys[] = {
    { "og:title", FT_TITLE, SIFT_META_OG }, { "twitter:title", FT_TITLE, SIFT_META_TWITTER },
    { "title", FT_TITLE, SIFT_META_NAME }, { "dc.title", FT_TITLE, SIFT_META_NAME },
    { "dc:title", FT_TITLE, SIFT_META_NAME }, { "dcterms.title", FT_TITLE, SIFT_META_NAME },
    { "dcterm:title", FT_TITLE, SIFT_META_NAME }, { "citation_title", FT_TITLE, SIFT_META_NAME },
    { "parsely-title", FT_TITLE, SIFT_META_NAME }, { "sailthru.title", FT_TITLE, SIFT_META_NAME },
    { "og:site_name", FT_SITE, SIFT_META_OG },
    { "og:description", FT_DESC, SIFT_META_OG }, { "twitter:description", FT_DESC, SIFT_META_TWITTER },
    { "description", FT_DESC, SIFT_META_NAME }, { "dc.description", FT_DESC, SIFT_META_NAME },
    { "dc:description", FT_DESC, SIFT_META_NAME }, { "dcterms.description", FT_DESC, SIFT_META_NAME },
    { "dcterm:description", FT_DESC, SIFT_META_NAME }, { "sailthru.description", FT_DESC, SIFT_META_NAME },
    { "article:published_time", FT_PUB, SIFT_META_OG }, { "og:article:published_time", FT_PUB, SIFT_META_OG },
    { "article:published", FT_PUB, SIFT_META_OG }, { "og:published_time", FT_PUB, SIFT_META_OG },
    { "date", FT_PUB, SIFT_META_NAME }, { "pubdate", FT_PUB, SIFT_META_NAME },
    { "publishdate", FT_PUB, SIFT_META_NAME }, { "publish_date", FT_PUB, SIFT_META_NAME },
    { "publish-date", FT_PUB, SIFT_META_NAME }, { "published_time", FT_PUB, SIFT_META_NAME },
    { "published-date", FT_PUB, SIFT_META_NAME }, { "date.published", FT_PUB, SIFT_META_NAME },
    { "dc.date", FT_PUB, SIFT_META_NAME }, { "dc:date", FT_PUB, SIFT_META_NAME },
    { "dc.date.issued", FT_PUB, SIFT_META_NAME }, { "dc.date.created", FT_PUB, SIFT_META_NAME },
    { "dcterms.date", FT_PUB, SIFT_META_NAME }, { "dcterms.issued", FT_PUB, SIFT_META_NAME },
    { "dcterms.created", FT_PUB, SIFT_META_NAME }, { "citation_publication_date", FT_PUB, SIFT_META_NAME },
    { "citation_date", FT_PUB, SIFT_META_NAME }, { "citation_online_date", FT_PUB, SIFT_META_NAME },
    { "parsely-pub-date", FT_PUB, SIFT_META_NAME }, { "sailthru.date", FT_PUB, SIFT_META_NAME },
    { "article.published", FT_PUB, SIFT_META_NAME }, { "original-publish-date", FT_PUB, SIFT_META_NAME },
    { "datepublished", FT_PUB, SIFT_META_NAME }, { "article_date_original", FT_PUB, SIFT_META_NAME },
    { "article:modified_time", FT_MOD, SIFT_META_OG }, { "og:updated_time", FT_MOD, SIFT_META_OG },
    { "og:article:modified_time", FT_MOD, SIFT_META_OG }, { "article:modified", FT_MOD, SIFT_META_OG },
    { "dcterms.modified", FT_MOD, SIFT_META_NAME }, { "dc.date.modified", FT_MOD, SIFT_META_NAME },
    { "last-modified", FT_MOD, SIFT_META_NAME }, { "lastmod", FT_MOD, SIFT_META_NAME },
    { "article.updated", FT_MOD, SIFT_META_NAME }, { "modified_time", FT_MOD, SIFT_META_NAME },
    { "datemodified", FT_MOD, SIFT_META_NAME },
    { "article:author", FT_AUTHOR, SIFT_META_OG }, { "og:article:author", FT_AUTHOR, SIFT_META_OG },
    { "author", FT_AUTHOR, SIFT_META_NAME }, { "dc.creator", FT_AUTHOR, SIFT_META_NAME },
    { "dc:creator", FT_AUTHOR, SIFT_META_NAME }, { "dcterms.creator", FT_AUTHOR, SIFT_META_NAME },
    { "dcterm:creator", FT_AUTHOR, SIFT_META_NAME }, { "citation_author", FT_AUTHOR, SIFT_META_NAME },
    { "parsely-author", FT_AUTHOR, SIFT_META_NAME }, { "sailthru.author", FT_AUTHOR, SIFT_META_NAME },
    { "byl", FT_AUTHOR, SIFT_META_NAME }, { "article.author", FT_AUTHOR, SIFT_META_NAME },
    { "byline", FT_AUTHOR, SIFT_META_NAME },
    { "article:section", FT_SECTION, SIFT_META_OG }, { "parsely-section", FT_SECTION, SIFT_META_NAME },
    { "section", FT_SECTION, SIFT_META_NAME }, { "article.section", FT_SECTION, SIFT_META_NAME },
    { "og:url", FT_URL, SIFT_META_OG }, { "twitter:url", FT_URL, SIFT_META_TWITTER },
    { "parsely-link", FT_URL, SIFT_META_NAME },
    { "og:image", FT_IMAGE, SIFT_META_OG }, { "og:image:url", FT_IMAGE, SIFT_META_OG },
    { "og:image:secure_url", FT_IMAGE, SIFT_META_OG }, { "twitter:image", FT_IMAGE, SIFT_META_TWITTER },
    { "twitter:image:src", FT_IMAGE, SIFT_META_TWITTER }, { "thumbnail", FT_IMAGE, SIFT_META_NAME },
    { "parsely-image-url", FT_IMAGE, SIFT_META_NAME },
    { "og:locale", FT_LANG, SIFT_META_OG }, { "dc.language", FT_LANG, SIFT_META_NAME },
    { "dc:language", FT_LANG, SIFT_META_NAME }, { "language", FT_LANG, SIFT_META_NAME },
    { "content-language", FT_LANG, SIFT_META_NAME },
};

static void meta_key(struct ctx *c, const char *key, size_t n, const char *content, size_t len)
{
    size_t k;
    for (k = 0; k < sizeof meta_keys / sizeof meta_keys[0]; k++)
        if (ieq(key, n, meta_keys[k].key)) {
            offer_raw(c, meta_keys[k].fld, meta_keys[k].src, content, len, 0);
            return;
        }
}

/* Each white-space separated word of s[0..n) through meta_key. */
static void meta_keys_of(struct ctx *c, const char *s, size_t n, const char *content, size_t len)
{
    size_t i = 0, j, words = 0;
    while (i < n && words < 8) { /* the first 8 words: a hostile attribute costs no more */
        while (i < n && is_space((unsigned char)s[i]))
            i++;
        j = i;
        while (j < n && !is_space((unsigned char)s[j]))
            j++;
        if (j > i && j - i < 64) /* no key is longer */
            meta_key(c, s + i, j - i, content, len);
        words++;
        i = j;
    }
}

/* ---- JSON-LD ---- */

/* needle[0..m) in hay[0..n) (m > 0), comparing at most 256 bytes of the needle. */
static int memmem_ok(const char *hay, size_t n, const char *needle, size_t m)
{
    size_t k;
    if (m > 256)
        m = 256;
    for (k = 0; k + m <= n; k++)
        if (hay[k] == needle[0] && !memcmp(hay + k, needle, m))
            return 1;
    return 0;
}

static void jsonld(struct ctx *c, const char *s, size_t n)
{
    struct sift_jsonld ld;
    const struct sift_jsonld_span *title;
    unsigned k;

    sift_jsonld_read(s, n, &ld);
    if (ld.site.n && !c->site_fb[0]) {
        size_t m = sift_json_unescape(s + ld.site.i, ld.site.n, c->site_fb, sizeof c->site_fb - 1);
        m = sift_meta_tidy(c->site_fb, m, 1);
        c->site_fb[m] = '\0';
    }
    if (ld.kind == SIFT_JSONLD_NONE)
        return;
    c->force = ld.kind > c->jsonld_kind;
    if (ld.kind > c->jsonld_kind)
        c->jsonld_kind = ld.kind;
    else if (ld.kind < c->jsonld_kind)
        return;
    /* Readability.js: the name, unless the headline is the one like the page's <title>; here
     * also the headline when the name is the publisher's */
    title = ld.name.n ? &ld.name : &ld.headline;
    if (ld.name.n && ld.headline.n) {
        size_t a = sift_json_unescape(s + ld.headline.i, ld.headline.n, c->tmp, MAXF);
        int head_in = a && a <= c->doc_title_len && memmem_ok(c->doc_title, c->doc_title_len, c->tmp, a);
        size_t b = sift_json_unescape(s + ld.name.i, ld.name.n, c->tmp, MAXF);
        int name_in = b && b <= c->doc_title_len && memmem_ok(c->doc_title, c->doc_title_len, c->tmp, b);
        int name_is_site = (ld.publisher.n == ld.name.n && !memcmp(s + ld.publisher.i, s + ld.name.i, ld.name.n)) ||
                           (ld.site.n == ld.name.n && !memcmp(s + ld.site.i, s + ld.name.i, ld.name.n));
        if ((head_in && (!name_in || a > b)) || name_is_site)
            title = &ld.headline;
    }
    offer_raw(c, FT_TITLE, SIFT_META_JSONLD, s + title->i, title->n, 1);
    offer_raw(c, FT_PUB, SIFT_META_JSONLD, s + ld.published.i, ld.published.n, 1);
    offer_raw(c, FT_MOD, SIFT_META_JSONLD, s + ld.modified.i, ld.modified.n, 1);
    offer_raw(c, FT_DESC, SIFT_META_JSONLD, s + ld.description.i, ld.description.n, 1);
    offer_raw(c, FT_SECTION, SIFT_META_JSONLD, s + ld.section.i, ld.section.n, 1);
    offer_raw(c, FT_URL, SIFT_META_JSONLD, s + ld.url.i, ld.url.n, 1);
    offer_raw(c, FT_IMAGE, SIFT_META_JSONLD, s + ld.image.i, ld.image.n, 1);
    offer_raw(c, FT_LANG, SIFT_META_JSONLD, s + ld.lang.i, ld.lang.n, 1);
    offer_raw(c, FT_SITE, SIFT_META_JSONLD, s + ld.publisher.i, ld.publisher.n, 1);
    if (c->force && ld.n_authors && c->out->n_authors && c->out->authors[0].src == SIFT_META_JSONLD) {
        c->out->n_authors = 0;
        c->author_raw_len = 0;
    }
    for (k = 0; k < ld.n_authors; k++)
        offer_raw(c, FT_AUTHOR, SIFT_META_JSONLD, s + ld.authors[k].i, ld.authors[k].n, 1);
    if (ld.created.n && !c->created[0]) {
        size_t m = sift_json_unescape(s + ld.created.i, ld.created.n, c->tmp, 64);
        sift_meta_date(c->tmp, m, c->created);
    }
    for (k = 0; k < ld.n_creators && !c->creators_len; k++) {
        size_t m = sift_json_unescape(s + ld.creators[k].i, ld.creators[k].n, c->tmp, 200);
        m = sift_meta_tidy(c->tmp, m, 1);
        memcpy(c->creators, c->tmp, m);
        c->creators_len = m;
    }
    c->force = 0;
}

/* ---- the walk ---- */

static const char *attr(const struct ctx *c, uint32_t id, const char *name, size_t *len)
{
    return sift_html_attr_value(c->doc, id, name, strlen(name), len);
}

/* Whether word w (lower case) is one of the white-space separated words of s[0..n), any case. */
static int has_word(const char *s, size_t n, const char *w)
{
    size_t i = 0, j;
    while (i < n) {
        while (i < n && is_space((unsigned char)s[i]))
            i++;
        j = i;
        while (j < n && !is_space((unsigned char)s[j]))
            j++;
        if (j > i && ieq(s + i, j - i, w))
            return 1;
        i = j;
    }
    return 0;
}

/* The element under root (root included) whose itemprop says name, or root. */
static uint32_t itemprop_name(const struct ctx *c, uint32_t root)
{
    struct sift_html_walk w;
    uint32_t id;
    int ev;
    size_t visits = 0, len;
    sift_html_walk_init(&w, c->doc, root);
    while (sift_html_walk_next(&w, &id, &ev) && ++visits < GATHER_NODES) {
        const char *v;
        if (ev == SIFT_HTML_ENTER && id != root && (v = attr(c, id, "itemprop", &len)) && has_word(v, len, "name"))
            return id;
    }
    return root;
}

static int lead_punct(unsigned char c)
{
    return c == ' ' || c == '|' || c == '/' || c == '~' || c == '-' || c == ':' || c == ',' || c == '.' || c == '*' ||
           c == '@' || c == '>';
}

/* The names in a byline s[0..n): s[*off .. *off + returned length). The words that introduce
 * them ("By", "Posted by", "von", "Autor:", ...) and what follows them (" am 26/10/13", " | ",
 * " - ", a date) are left out; 0 when no name is left ("Posted on", "By"). */
static size_t byline_name(const char *s, size_t n, size_t *off)
{
    static const char *const lead[] = { "article by", "posted by", "published by", "written by", "words by", "story by",
                                        "ver\303\266ffentlicht von", "geschrieben von", "post author",
                                        "autorin", "author", "autor", "text von", "text:", "von", "by", "par",
                                        "por", "door", "di", "ver\303\266ffentlicht", "publiziert", "published",
                                        "posted", "geschrieben", "written" };
    static const char *const tail[] = { " am ", " on ", " at ", " um ", " le ", " | ", " - ", " \xE2\x80\x93 ",
                                        " \xE2\x80\x94 ", " / ", " \xC2\xB7 ", " \xE2\x80\xA2 " };
    size_t i = 0, e, k, t, letters = 0;
    int again = 1;
    while (again) {
        again = 0;
        while (i < n && lead_punct((unsigned char)s[i]))
            i++;
        for (k = 0; k < sizeof lead / sizeof lead[0]; k++) {
            size_t m = strlen(lead[k]);
            if (n - i >= m && ieq(s + i, m, lead[k]) &&
                (i + m == n || s[i + m] == ' ' || s[i + m] == ':' || (s[i + m] >= 'A' && s[i + m] <= 'Z'))) {
                i += m;
                again = 1;
                break;
            }
        }
    }
    e = n;
    for (k = i; k < e; k++) {
        if (k > i && s[k - 1] == ' ' && s[k] >= '0' && s[k] <= '9') {
            e = k;
            break;
        }
        for (t = 0; t < sizeof tail / sizeof tail[0]; t++) {
            size_t m = strlen(tail[t]);
            if (k + m <= e && ieq(s + k, m, tail[t])) {
                e = k;
                break;
            }
        }
    }
    while (e > i && (lead_punct((unsigned char)s[e - 1]) || s[e - 1] == '('))
        e--;
    for (t = 0; t < 5; t++) /* "am 26/10/13" left when the lead word went: no name */
        if (e - i >= 2 && lower((unsigned char)s[i]) == (unsigned char)tail[t][1] &&
            lower((unsigned char)s[i + 1]) == (unsigned char)tail[t][2] && (e - i == 2 || s[i + 2] == ' '))
            return 0;
    for (k = i; k < e; k++)
        letters += ((unsigned char)s[k] >= 0x80 || ((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z')) ? 1u : 0u;
    *off = i;
    return letters >= 2 ? e - i : 0;
}

/* The names of a byline: split at ",", ";", " and ", " & ", " | " when it has several. */
static void byline_authors(struct ctx *c, int src, const char *s, size_t n)
{
    size_t off, i, k;
    n = byline_name(s, n, &off);
    s += off;
    for (i = k = 0; k <= n; k++) {
        size_t cut = 0;
        if (k == n)
            cut = 1;
        else if (s[k] == ',' || s[k] == ';' || s[k] == '|')
            cut = 1;
        else if (k + 5 <= n && !memcmp(s + k, " and ", 5))
            cut = 5;
        else if (k + 3 <= n && !memcmp(s + k, " & ", 3))
            cut = 3;
        if (cut) {
            size_t a = i, b = k;
            while (a < b && s[a] == ' ')
                a++;
            while (b > a && s[b - 1] == ' ')
                b--;
            if (b - a >= 2)
                add_author(c, src, s + a, b - a);
            i = k + cut;
            k = i - 1;
            if (k + 1 > n)
                break;
        }
    }
}

static void on_itemprop(struct ctx *c, uint32_t id, const char *v, size_t vlen)
{
    size_t len;
    const char *content = attr(c, id, "content", &len);
    char *buf = c->byline_vis + 0; /* reused below only through gather's own buffer */
    static const struct {
        const char *name;
        int fld;
    } props[] = { { "datepublished", FT_PUB }, { "datecreated", FT_PUB }, { "datemodified", FT_MOD },
                  { "author", FT_AUTHOR }, { "creator", FT_AUTHOR }, { "headline", FT_TITLE },
                  { "inlanguage", FT_LANG }, { "articlesection", FT_SECTION }, { "description", FT_DESC } };
    size_t k;
    (void)buf;
    for (k = 0; k < sizeof props / sizeof props[0]; k++) {
        int fld = props[k].fld;
        struct sift_meta_field *f;
        if (!has_word(v, vlen, props[k].name) || (k > 0 && props[k].fld == props[k - 1].fld && has_word(v, vlen, props[k - 1].name)))
            continue;
        if (fld == FT_AUTHOR) {
            if (c->out->n_authors && rank(fld, c->out->authors[0].src) < SIFT_META_ITEMPROP)
                continue;
        } else if ((f = field(c->out, fld))->src && rank(fld, f->src) <= rank(fld, SIFT_META_ITEMPROP)) {
            continue;
        }
        if (!content && (fld == FT_PUB || fld == FT_MOD))
            content = attr(c, id, "datetime", &len);
        if (content) {
            if (fld == FT_AUTHOR) {
                size_t m = sift_meta_cut(content, len, MAXF);
                memcpy(c->tmp, content, m);
                m = sift_meta_tidy(c->tmp, m, 1);
                byline_authors(c, SIFT_META_ITEMPROP, c->tmp, m);
            } else {
                offer_raw(c, fld, SIFT_META_ITEMPROP, content, len, 0);
            }
        } else if (fld != FT_LANG && fld != FT_DESC && c->gathers < MAX_GATHERS) {
            char text[512];
            size_t m;
            c->gathers++;
            m = gather(c->doc, fld == FT_AUTHOR ? itemprop_name(c, id) : id, text, sizeof text);
            if (fld == FT_AUTHOR) {
                if (m && m < 200)
                    byline_authors(c, SIFT_META_ITEMPROP, text, m);
            } else {
                offer(c, fld, SIFT_META_ITEMPROP, text, m);
            }
        }
    }
}

/* Whether s[0..n) has "byline", "writtenby", or "author" not followed by a letter (but
 * "authors", "authorname"): "author-name", "byauthor", not "authorization". */
static int byline_word(const char *s, size_t n)
{
    size_t k;
    if (icontains(s, n, "byline") || icontains(s, n, "writtenby"))
        return 1;
    for (k = 0; k + 6 <= n; k++) {
        size_t e = k + 6;
        if (!ieq(s + k, 6, "author"))
            continue;
        if (e == n || !((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z')))
            return 1;
        if ((s[e] == 's' || s[e] == 'S') && (e + 1 == n || !((s[e + 1] | 32) >= 'a' && (s[e + 1] | 32) <= 'z')))
            return 1;
        if (e + 4 <= n && ieq(s + e, 4, "name"))
            return 1;
    }
    return 0;
}

/* Whether element id looks like a visible byline (Readability.js's test: rel=author, or a
 * class or id with byline, author, writtenby; not a comment's, not a whole page's part). */
static int byline_like(const struct ctx *c, uint32_t id, const struct sift_html_node *x)
{
    size_t a, b;
    const char *rel = attr(c, id, "rel", &a), *cls, *ident;
    if (x->tag == SIFT_TAG_BODY || x->tag == SIFT_TAG_ARTICLE || x->tag == SIFT_TAG_MAIN || x->tag == SIFT_TAG_SECTION ||
        x->tag == SIFT_TAG_IMG || x->tag == SIFT_TAG_UL || x->tag == SIFT_TAG_FORM)
        return 0;
    if (rel && has_word(rel, a, "author"))
        return 1;
    cls = attr(c, id, "class", &a);
    ident = attr(c, id, "id", &b);
    if ((cls && (icontains(cls, a, "comment") || icontains(cls, a, "avatar") || icontains(cls, a, "bio"))) ||
        (ident && icontains(ident, b, "comment")))
        return 0;
    return (cls && byline_word(cls, a)) || (ident && byline_word(ident, b));
}

static void on_element(struct ctx *c, struct sift_html_walk *w, uint32_t id, const struct sift_html_node *x)
{
    size_t len, n2;
    const char *v, *v2;

    switch (x->tag) {
    case SIFT_TAG_HTML:
        if (!c->seen_html) {
            c->seen_html = 1;
            if ((v = attr(c, id, "lang", &len)) || (v = attr(c, id, "xml:lang", &len)))
                offer_raw(c, FT_LANG, SIFT_META_DOCUMENT, v, len, 0);
        }
        break;
    case SIFT_TAG_TITLE:
        if (x->ns == SIFT_NS_HTML && !c->seen_title) {
            c->seen_title = 1;
            c->doc_title_len = gather(c->doc, id, c->doc_title, sizeof c->doc_title);
            sift_html_walk_skip(w);
        }
        break;
    case SIFT_TAG_META:
        if (!(v = attr(c, id, "content", &len)))
            break;
        if ((v2 = attr(c, id, "property", &n2)))
            meta_keys_of(c, v2, n2, v, len);
        if ((v2 = attr(c, id, "name", &n2)))
            meta_keys_of(c, v2, n2, v, len);
        if ((v2 = attr(c, id, "http-equiv", &n2)) && ieq(v2, n2, "content-language"))
            offer_raw(c, FT_LANG, SIFT_META_NAME, v, len, 0);
        break;
    case SIFT_TAG_LINK:
        if ((v = attr(c, id, "rel", &len)) && has_word(v, len, "canonical") && (v = attr(c, id, "href", &len)))
            offer_raw(c, FT_URL, SIFT_META_DOCUMENT, v, len, 0);
        break;
    case SIFT_TAG_BASE: /* the first <base> with an href is the page's base URL (the first offer stays) */
        if ((v = attr(c, id, "href", &len)))
            offer_raw(c, FT_BASE, SIFT_META_DOCUMENT, v, len, 0);
        break;
    case SIFT_TAG_SCRIPT:
        if ((v = attr(c, id, "type", &len)) && icontains(v, len, "ld+json") && c->scripts < MAX_SCRIPTS &&
            x->first_child != SIFT_HTML_NONE) {
            const char *t = sift_html_text(c->doc, x->first_child, &len);
            c->scripts++;
            jsonld(c, t, len);
        }
        sift_html_walk_skip(w);
        return;
    case SIFT_TAG_STYLE:
    case SIFT_TAG_TEMPLATE:
        sift_html_walk_skip(w);
        return;
    case SIFT_TAG_TIME: {
        int r = attr(c, id, "pubdate", &len) ? 1 : c->in_article ? 2 : 3;
        if ((!c->time_rank || r < c->time_rank) && (v = attr(c, id, "datetime", &len))) {
            char d[32];
            if (sift_meta_date(v, len, d)) {
                memcpy(c->time_best, d, sizeof d);
                c->time_rank = r;
            }
        }
        break;
    }
    case SIFT_TAG_ARTICLE:
    case SIFT_TAG_MAIN:
        c->in_article++;
        break;
    case SIFT_TAG_NAV:
    case SIFT_TAG_FOOTER:
    case SIFT_TAG_ASIDE:
        c->in_aside++;
        break;
    case SIFT_TAG_BODY:
        c->in_body = 1;
        break;
    case SIFT_TAG_H1:
    case SIFT_TAG_H2:
        if (c->n_headings < MAX_HEADINGS && c->gathers < MAX_GATHERS) {
            c->gathers++;
            gather(c->doc, id, c->headings[c->n_headings], sizeof c->headings[0]);
            if (x->tag == SIFT_TAG_H1 && !c->n_h1++)
                memcpy(c->h1, c->headings[c->n_headings], sizeof c->headings[0]);
            c->n_headings++;
        } else if (x->tag == SIFT_TAG_H1) {
            c->n_h1++;
        }
        break;
    default:
        break;
    }
    if ((v = attr(c, id, "itemprop", &len)))
        on_itemprop(c, id, v, len);
    if (c->in_body && !c->byline_vis_len && !c->in_aside && c->gathers < MAX_GATHERS && byline_like(c, id, x)) {
        char text[512];
        size_t m;
        int cut;
        c->gathers++;
        size_t off;
        m = gather_cut(c->doc, id, text, sizeof text, &cut);
        if (m > 0 && m < 100 && !cut && byline_name(text, m, &off)) {
            memcpy(c->byline_vis, text, m);
            c->byline_vis_len = m;
        }
    }
}

static void on_leave(struct ctx *c, const struct sift_html_node *x)
{
    if ((x->tag == SIFT_TAG_ARTICLE || x->tag == SIFT_TAG_MAIN) && c->in_article)
        c->in_article--;
    if ((x->tag == SIFT_TAG_NAV || x->tag == SIFT_TAG_FOOTER || x->tag == SIFT_TAG_ASIDE) && c->in_aside)
        c->in_aside--;
}

/* After the walk: the title from <title> when nothing else gave one, the site part off, the
 * site from JSON-LD's WebSite, the byline, the date of <time>. */
static void finish(struct ctx *c)
{
    struct sift_meta *m = c->out;
    size_t off = 0, n;

    if (!m->site.len && c->site_fb[0])
        store(c, &m->site, SIFT_META_JSONLD, c->site_fb, strlen(c->site_fb));
    if (!m->title.len && c->doc_title_len) {
        const char *hs[MAX_HEADINGS], *t;
        unsigned e;
        for (e = 0; e < c->n_headings; e++)
            hs[e] = c->headings[e];
        sift_meta_headline(c->doc_title, c->doc_title_len, hs, c->n_headings, c->n_h1 == 1 && c->h1[0] ? c->h1 : NULL,
                           &t, &n);
        if (n)
            store(c, &m->title_raw, SIFT_META_DOCUMENT, t, n);
        n = c->doc_title_len;
        if (sift_meta_strip_site(m, c->doc_title, &off, &n) && n >= 3)
            store(c, &m->title, SIFT_META_DOCUMENT, c->doc_title + off, n);
        else if (m->title_raw.len)
            m->title = m->title_raw;
    } else if (m->title.len) {
        m->title_raw = m->title;
        n = m->title.len;
        if (sift_meta_strip_site(m, m->title.s, &off, &n) && n >= 3)
            store(c, &m->title, m->title_raw.src, m->title_raw.s + off, n);
    }
    if (!m->n_authors && !c->byline_vis_len && c->creators_len)
        byline_authors(c, SIFT_META_JSONLD, c->creators, c->creators_len);
    if (m->n_authors) {
        store(c, &m->byline, m->authors[0].src, c->author_raw, c->author_raw_len);
    } else if (c->byline_vis_len) {
        store(c, &m->byline, SIFT_META_BYLINE, c->byline_vis, c->byline_vis_len);
        byline_authors(c, SIFT_META_BYLINE, c->byline_vis, c->byline_vis_len);
    }
    if (!m->published.len && c->created[0])
        offer(c, FT_PUB, SIFT_META_JSONLD, c->created, strlen(c->created));
    if (c->time_rank)
        offer(c, FT_PUB, SIFT_META_TIME, c->time_best, strlen(c->time_best));
}

int sift_page_meta(const struct sift_html_doc *doc, sift_alloc_fn alloc, void *ud, struct sift_meta *out)
{
    struct ctx *c, local;
    struct sift_html_walk w;
    uint32_t id;
    int ev;

    memset(out, 0, sizeof *out);
    c = &local;
    memset(c, 0, sizeof *c);
    c->doc = doc;
    c->alloc = alloc;
    c->ud = ud;
    c->out = out;
    sift_html_walk_init(&w, doc, 0);
    while (sift_html_walk_next(&w, &id, &ev)) {
        const struct sift_html_node *x = sift_html_node(doc, id);
        if (x->kind != SIFT_HTML_ELEMENT)
            continue;
        if (ev == SIFT_HTML_LEAVE)
            on_leave(c, x);
        else
            on_element(c, &w, id, x);
    }
    finish(c);
    return c->oom ? SIFT_ENOMEM : SIFT_OK;
}
