/*
 * extract/jsonld.c - the JSON reader and the JSON-LD items of the page metadata (jsonld.h).
 *
 * Bounded: the reader's stack is SIFT_JSON_MAX_DEPTH containers, JSON-LD keeps one record a level
 * of that stack, and every step moves forward in the buffer: time linear in the script, memory
 * fixed (a few kilobytes of the caller's stack).
 */
#include <string.h>

#include "extract/jsonld.h"

enum {
    E_VALUE,          /* a value (top level, after ':', after ',' in an array) */
    E_VALUE_OR_END,   /* after '[' */
    E_KEY_OR_END,     /* after '{' */
    E_KEY,            /* after ',' in an object */
    E_COLON,          /* after a key */
    E_COMMA_OR_END,   /* after a value in a container */
    E_DONE,           /* the top-level value is complete */
    E_FAIL
};

void sift_json_init(struct sift_json *j, const char *s, size_t len)
{
    j->s = s;
    j->len = len;
    j->pos = 0;
    j->depth = 0;
    j->expect = E_VALUE;
}

int sift_json_in(const struct sift_json *j)
{
    return j->depth ? j->stack[j->depth - 1] : 0;
}

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int fail(struct sift_json *j)
{
    j->expect = E_FAIL;
    return SIFT_JSON_ERROR;
}

/* After a complete value. */
static void after_value(struct sift_json *j)
{
    j->expect = j->depth ? E_COMMA_OR_END : E_DONE;
}

int sift_json_next(struct sift_json *j, size_t *i, size_t *n)
{
    const char *s = j->s;
    size_t p;
    unsigned char c;

    *i = *n = 0;
    for (;;) {
        if (j->expect == E_FAIL)
            return SIFT_JSON_ERROR;
        while (j->pos < j->len && is_ws((unsigned char)s[j->pos]))
            j->pos++;
        if (j->expect == E_DONE)
            return SIFT_JSON_END;
        if (j->pos >= j->len)
            return fail(j);
        c = (unsigned char)s[j->pos];
        switch (j->expect) {
        case E_COLON:
            if (c != ':')
                return fail(j);
            j->pos++;
            j->expect = E_VALUE;
            continue;
        case E_COMMA_OR_END:
            if (c == ',') {
                j->pos++;
                j->expect = sift_json_in(j) == '{' ? E_KEY : E_VALUE;
                continue;
            }
            if (c != (sift_json_in(j) == '{' ? '}' : ']'))
                return fail(j);
            j->pos++;
            j->depth--;
            after_value(j);
            return c == '}' ? SIFT_JSON_OBJ_END : SIFT_JSON_ARR_END;
        case E_KEY_OR_END:
        case E_KEY:
            if (c == '}' && j->expect == E_KEY_OR_END) {
                j->pos++;
                j->depth--;
                after_value(j);
                return SIFT_JSON_OBJ_END;
            }
            if (c != '"')
                return fail(j);
            break;
        case E_VALUE_OR_END:
            if (c == ']') {
                j->pos++;
                j->depth--;
                after_value(j);
                return SIFT_JSON_ARR_END;
            }
            break;
        default:
            break;
        }
        break;
    }
    /* a key or a value starts at c */
    if (c == '"') {
        int key = j->expect == E_KEY || j->expect == E_KEY_OR_END;
        p = j->pos + 1;
        while (p < j->len && s[p] != '"') {
            if (s[p] == '\\')
                p++;
            p++;
        }
        if (p >= j->len)
            return fail(j);
        *i = j->pos + 1;
        *n = p - *i;
        j->pos = p + 1;
        if (key) {
            j->expect = E_COLON;
            return SIFT_JSON_KEY;
        }
        after_value(j);
        return SIFT_JSON_STR;
    }
    if (c == '{' || c == '[') {
        if (j->depth >= SIFT_JSON_MAX_DEPTH)
            return fail(j);
        j->stack[j->depth++] = c;
        j->pos++;
        j->expect = c == '{' ? E_KEY_OR_END : E_VALUE_OR_END;
        return c == '{' ? SIFT_JSON_OBJ : SIFT_JSON_ARR;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        int digits = 0;
        p = j->pos;
        while (p < j->len) {
            unsigned char d = (unsigned char)s[p];
            if (d >= '0' && d <= '9')
                digits++;
            else if (d != '-' && d != '+' && d != '.' && d != 'e' && d != 'E')
                break;
            p++;
        }
        if (!digits)
            return fail(j);
        *i = j->pos;
        *n = p - j->pos;
        j->pos = p;
        after_value(j);
        return SIFT_JSON_NUM;
    }
    p = j->pos;
    while (p < j->len && p - j->pos < 6 && s[p] >= 'a' && s[p] <= 'z')
        p++;
    if ((p - j->pos == 4 && (!memcmp(s + j->pos, "true", 4) || !memcmp(s + j->pos, "null", 4))) ||
        (p - j->pos == 5 && !memcmp(s + j->pos, "false", 5))) {
        *i = j->pos;
        *n = p - j->pos;
        j->pos = p;
        after_value(j);
        return SIFT_JSON_LIT;
    }
    return fail(j);
}

static int hex4(const char *s, size_t n, size_t k, unsigned *out)
{
    unsigned v = 0;
    size_t e;
    if (k + 4 > n)
        return 0;
    for (e = k; e < k + 4; e++) {
        char c = s[e];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

/* Writes code point cp as UTF-8 at out + o if it fits in cap; returns the new o, or cap + 1 when
 * it does not fit. */
static size_t put_utf8(char *out, size_t o, size_t cap, unsigned cp)
{
    unsigned char b[4];
    size_t k, m;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        m = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        m = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        m = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | (cp >> 18));
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F));
        m = 4;
    }
    if (o + m > cap)
        return cap + 1;
    for (k = 0; k < m; k++)
        out[o + k] = (char)b[k];
    return o + m;
}

size_t sift_json_unescape(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0, o = 0, r;
    while (k < n) {
        unsigned char c = (unsigned char)s[k];
        unsigned cp;
        if (c != '\\') {
            /* copy one whole UTF-8 sequence, or stop */
            size_t m = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (k + m > n)
                m = n - k;
            if (o + m > cap)
                break;
            memcpy(out + o, s + k, m);
            o += m;
            k += m;
            continue;
        }
        if (k + 1 >= n)
            break;
        c = (unsigned char)s[k + 1];
        k += 2;
        switch (c) {
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u':
            if (!hex4(s, n, k, &cp)) {
                cp = 0xFFFD;
                break;
            }
            k += 4;
            if (cp >= 0xD800 && cp < 0xDC00) {
                unsigned lo;
                if (k + 1 < n && s[k] == '\\' && s[k + 1] == 'u' && hex4(s, n, k + 2, &lo) && lo >= 0xDC00 &&
                    lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    k += 6;
                } else {
                    cp = 0xFFFD;
                }
            } else if (cp >= 0xDC00 && cp < 0xE000) {
                cp = 0xFFFD;
            } else if (cp == 0) {
                cp = 0xFFFD;
            }
            break;
        default: cp = c; break; /* \" \\ \/ and anything else as itself */
        }
        r = put_utf8(out, o, cap, cp);
        if (r > cap)
            break;
        o = r;
    }
    return o;
}

/* ---- JSON-LD ---- */

enum {
    K_OTHER = 0, K_TYPE, K_GRAPH, K_HEADLINE, K_NAME, K_PUBLISHED, K_CREATED, K_MODIFIED,
    K_DESCRIPTION, K_SECTION, K_URL, K_ID, K_IMAGE, K_CONTENTURL, K_LANG, K_PUBLISHER, K_AUTHOR,
    K_MAINENTITY, K_CREATOR, K_NONE
};

static const struct {
    const char *name;
    int key;
} keys[] = {
    { "@type", K_TYPE }, { "@graph", K_GRAPH }, { "headline", K_HEADLINE }, { "name", K_NAME },
    { "datePublished", K_PUBLISHED }, { "dateCreated", K_CREATED }, { "uploadDate", K_CREATED },
    { "dateModified", K_MODIFIED }, { "description", K_DESCRIPTION }, { "articleSection", K_SECTION },
    { "url", K_URL }, { "@id", K_ID }, { "image", K_IMAGE }, { "thumbnailUrl", K_IMAGE },
    { "contentUrl", K_CONTENTURL }, { "inLanguage", K_LANG }, { "publisher", K_PUBLISHER },
    { "author", K_AUTHOR }, { "creator", K_CREATOR }, { "mainEntityOfPage", K_MAINENTITY },
};

static int key_id(const char *s, size_t n)
{
    size_t k;
    for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
        if (strlen(keys[k].name) == n && !memcmp(keys[k].name, s, n))
            return keys[k].key;
    return K_OTHER;
}

enum { T_ARTICLE = 1, T_PAGE = 2, T_SITE = 4, T_ORG = 8 };

/* The types Readability.js takes as articles, and kin. */
static const char *const article_types[] = {
    "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
    "AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle",
    "ReviewNewsArticle", "Report", "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle",
    "SocialMediaPosting", "BlogPosting", "LiveBlogPosting", "DiscussionForumPosting", "TechArticle",
    "APIReference",
};
static const char *const page_types[] = {
    "WebPage", "ItemPage", "AboutPage", "CheckoutPage", "CollectionPage", "ContactPage",
    "FAQPage", "ProfilePage", "QAPage", "RealEstateListing", "SearchResultsPage", "MedicalWebPage",
};

static int in_list(const char *s, size_t n, const char *const *list, size_t count)
{
    size_t k;
    /* "schema:NewsArticle", "http://schema.org/NewsArticle" */
    size_t e = n;
    while (e > 0 && s[e - 1] != '/' && s[e - 1] != ':')
        e--;
    s += e;
    n -= e;
    for (k = 0; k < count; k++)
        if (strlen(list[k]) == n && !memcmp(list[k], s, n))
            return 1;
    return 0;
}

static unsigned type_bits(const char *s, size_t n)
{
    unsigned t = 0;
    if (in_list(s, n, article_types, sizeof article_types / sizeof article_types[0]))
        t |= T_ARTICLE;
    if (in_list(s, n, page_types, sizeof page_types / sizeof page_types[0]))
        t |= T_PAGE;
    if (in_list(s, n, (const char *const[]){ "WebSite" }, 1))
        t |= T_SITE;
    if (in_list(s, n, (const char *const[]){ "Organization", "NewsMediaOrganization", "Corporation" }, 3))
        t |= T_ORG;
    return t;
}

enum { F_HEADLINE, F_NAME, F_PUBLISHED, F_MODIFIED, F_DESCRIPTION, F_SECTION, F_URL, F_IMAGE,
       F_LANG, F_PUBLISHER, F_ID, F_CONTENTURL, F_CREATED, F__COUNT };

struct rec {
    unsigned types;
    struct sift_jsonld_span f[F__COUNT];
    struct sift_jsonld_span authors[SIFT_JSONLD_MAX_AUTHORS];
    unsigned n_authors;
    struct sift_jsonld_span creators[SIFT_JSONLD_MAX_AUTHORS];
    unsigned n_creators;
};

struct level {
    int key;  /* an object's current key; an array's is its parent's key */
    int top;  /* objects in it are top-level items (the top-level array, @graph) */
    int obj;  /* the level of the nearest object at or below it, or -1 */
};

static void set(struct sift_jsonld_span *sp, size_t i, size_t n)
{
    if (!sp->n && n) {
        sp->i = (uint32_t)i;
        sp->n = (uint32_t)n;
    }
}

static int is_url(const char *s, size_t n)
{
    return (n >= 4 && !memcmp(s, "http", 4)) || (n >= 1 && s[0] == '/');
}

static void add_name(struct sift_jsonld_span *names, unsigned *count, const char *s, size_t i, size_t n)
{
    unsigned k;
    if (!n || is_url(s + i, n) || *count >= SIFT_JSONLD_MAX_AUTHORS)
        return;
    for (k = 0; k < *count; k++)
        if (names[k].n == n && !memcmp(s + names[k].i, s + i, n))
            return;
    names[*count].i = (uint32_t)i;
    names[*count].n = (uint32_t)n;
    (*count)++;
}

static void add_author(struct rec *r, const char *s, size_t i, size_t n)
{
    add_name(r->authors, &r->n_authors, s, i, n);
}

/* A string value s[i..i+n) under key in record r. */
static void on_string(struct rec *r, int key, const char *s, size_t i, size_t n)
{
    switch (key) {
    case K_TYPE: r->types |= type_bits(s + i, n); break;
    case K_HEADLINE: set(&r->f[F_HEADLINE], i, n); break;
    case K_NAME: set(&r->f[F_NAME], i, n); break;
    case K_PUBLISHED: set(&r->f[F_PUBLISHED], i, n); break;
    case K_CREATED: set(&r->f[F_CREATED], i, n); break;
    case K_MODIFIED: set(&r->f[F_MODIFIED], i, n); break;
    case K_DESCRIPTION: set(&r->f[F_DESCRIPTION], i, n); break;
    case K_SECTION: set(&r->f[F_SECTION], i, n); break;
    case K_URL: set(&r->f[F_URL], i, n); break;
    case K_MAINENTITY:
    case K_ID:
        if (is_url(s + i, n))
            set(&r->f[F_ID], i, n);
        break;
    case K_IMAGE: set(&r->f[F_IMAGE], i, n); break;
    case K_CONTENTURL: set(&r->f[F_CONTENTURL], i, n); break;
    case K_LANG: set(&r->f[F_LANG], i, n); break;
    case K_PUBLISHER: set(&r->f[F_PUBLISHER], i, n); break;
    case K_AUTHOR: add_author(r, s, i, n); break;
    case K_CREATOR: add_name(r->creators, &r->n_creators, s, i, n); break;
    default: break;
    }
}

static void keep(struct sift_jsonld *out, const struct rec *r, int kind)
{
    unsigned k;
    out->kind = kind;
    out->headline = r->f[F_HEADLINE];
    out->name = r->f[F_NAME];
    out->published = r->f[F_PUBLISHED];
    out->created = r->f[F_CREATED];
    out->modified = r->f[F_MODIFIED];
    out->description = r->f[F_DESCRIPTION];
    out->section = r->f[F_SECTION];
    out->url = r->f[F_URL].n ? r->f[F_URL] : r->f[F_ID];
    out->image = r->f[F_IMAGE];
    out->lang = r->f[F_LANG];
    out->publisher = r->f[F_PUBLISHER];
    for (k = 0; k < r->n_authors; k++)
        out->authors[k] = r->authors[k];
    out->n_authors = r->n_authors;
    for (k = 0; k < r->n_creators; k++)
        out->creators[k] = r->creators[k];
    out->n_creators = r->n_creators;
}

/* Object r (its level's role: the key it is the value of; top: a top-level item) has closed. */
static void on_close(struct sift_jsonld *out, const char *s, struct rec *r, int role, int top, struct rec *parent)
{
    if (parent && !top) {
        const struct sift_jsonld_span *nm = &r->f[F_NAME];
        switch (role) {
        case K_AUTHOR:
            if (nm->n)
                add_author(parent, s, nm->i, nm->n);
            break;
        case K_CREATOR:
            if (nm->n)
                add_name(parent->creators, &parent->n_creators, s, nm->i, nm->n);
            break;
        case K_PUBLISHER:
            if (nm->n)
                set(&parent->f[F_PUBLISHER], nm->i, nm->n);
            break;
        case K_IMAGE:
            if (r->f[F_URL].n)
                set(&parent->f[F_IMAGE], r->f[F_URL].i, r->f[F_URL].n);
            else if (r->f[F_CONTENTURL].n)
                set(&parent->f[F_IMAGE], r->f[F_CONTENTURL].i, r->f[F_CONTENTURL].n);
            break;
        case K_MAINENTITY:
            if (r->f[F_ID].n)
                set(&parent->f[F_ID], r->f[F_ID].i, r->f[F_ID].n);
            break;
        case K_LANG:
            if (nm->n)
                set(&parent->f[F_LANG], nm->i, nm->n);
            break;
        default:
            break;
        }
        if (role == K_AUTHOR || role == K_CREATOR || role == K_PUBLISHER || role == K_IMAGE)
            return; /* a Person, an Organization, an ImageObject: no item of its own */
    }
    if ((r->types & T_ARTICLE) && out->kind < SIFT_JSONLD_ARTICLE)
        keep(out, r, SIFT_JSONLD_ARTICLE);
    else if ((r->types & T_PAGE) && out->kind < SIFT_JSONLD_PAGE)
        keep(out, r, SIFT_JSONLD_PAGE);
    if ((top || !parent) && (r->types & (T_SITE | T_ORG)) && r->f[F_NAME].n) {
        /* a WebSite's name before an Organization's */
        if (!out->site.n || (r->types & T_SITE))
            out->site = r->f[F_NAME];
    }
}

void sift_jsonld_read(const char *s, size_t len, struct sift_jsonld *out)
{
    struct sift_json j;
    struct rec recs[SIFT_JSON_MAX_DEPTH + 1];
    struct level lv[SIFT_JSON_MAX_DEPTH + 1];
    size_t start = 0, i, n;
    int t;

    memset(out, 0, sizeof *out);
    for (;;) {
        /* the next value starts at the first '{' or '[' (after comments, CDATA, junk) */
        while (start < len && ((s[start] != '{' && s[start] != '[') ||
                               (len - start >= 7 && !memcmp(s + start, "[CDATA[", 7))))
            start++;
        if (start >= len)
            return;
        sift_json_init(&j, s + start, len - start);
        lv[0].key = K_NONE;
        lv[0].top = 1;
        lv[0].obj = -1;
        while ((t = sift_json_next(&j, &i, &n)) != SIFT_JSON_END && t != SIFT_JSON_ERROR) {
            unsigned d = j.depth; /* after the token */
            i += start;
            switch (t) {
            case SIFT_JSON_OBJ:
            case SIFT_JSON_ARR:
                /* the new container is level d; its parent level d - 1 */
                lv[d].key = t == SIFT_JSON_ARR ? lv[d - 1].key : K_NONE;
                lv[d].top = t == SIFT_JSON_ARR && (d == 1 || lv[d - 1].key == K_GRAPH);
                lv[d].obj = t == SIFT_JSON_OBJ ? (int)d : lv[d - 1].obj;
                if (t == SIFT_JSON_OBJ)
                    memset(&recs[d], 0, sizeof recs[d]);
                break;
            case SIFT_JSON_OBJ_END: {
                /* level d + 1 closed */
                int role = lv[d].key, top = d == 0 || lv[d].top || role == K_GRAPH;
                struct rec *parent = lv[d].obj >= 1 ? &recs[lv[d].obj] : NULL;
                if (d == 0)
                    parent = NULL;
                on_close(out, s, &recs[d + 1], role, top, parent);
                break;
            }
            case SIFT_JSON_ARR_END:
                break;
            case SIFT_JSON_KEY:
                lv[d].key = key_id(s + i, n);
                break;
            case SIFT_JSON_STR:
                if (d >= 1 && lv[d].obj >= 1)
                    on_string(&recs[lv[d].obj], lv[d].key, s, i, n);
                break;
            default:
                break;
            }
        }
        if (t == SIFT_JSON_ERROR) {
            out->error = 1;
            return;
        }
        start += j.pos;
    }
}
