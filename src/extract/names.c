/*
 * extract/names.c - class and id names read word by word (extract/article.h says why): each name
 * (between white space) is cut into words at anything that is not a letter or a digit and where a
 * lower-case letter meets an upper-case one ("relatedArticles": "related", "articles"), and the
 * words are compared with the lists below, whole, or as the start or end of words run together
 * ("relatedposts", "topnav"). A word that marks boilerplate is never searched for as a substring:
 * "ad" would catch "shadow", "head" and "download", "nav" "canvas", "header" "subheader".
 */
#include <string.h>

#include "extract/internal.h"

/* Words of a class or id name that mark boilerplate whatever else the name says ("main-nav",
 * "article-footer", "comment-body" are not the article's text). */
static const char *const strong_words[] = {
    "nav", "navbar", "navi", "navigation", "menu", "menus", "menubar", "submenu", "megamenu",
    "footer", "sidebar", "sidebars", "related", "share", "shares", "sharing", "sharebar",
    "social", "socials", "subscribe", "subscription", "newsletter", "newsletters", "cookie",
    "cookies", "consent", "gdpr", "ad", "ads", "advert", "adverts", "advertisement",
    "advertising", "adsense", "promo", "promos", "promotion", "promoted", "sponsor", "sponsors",
    "sponsored", "breadcrumb", "breadcrumbs", "readmore", "popup", "modal", "skiplink",
    "skiplinks", "pagination", "pager", "toolbar", "byline", "meta", "metadata", "postmeta",
    "tags", "tagcloud", "outbrain", "taboola", "recommended", "recommendations", "masthead",
    "topbar", "login", "signin", "signup", "rating", "ratings", "disqus", "comment", "comments",
    "commentlist", "respond", "shoutbox", "sitemap", "copyright", "imprint", "credit", "credits",
    "avatar", "timestamp", "pubdate", "dateline", "postdate",
    "entrydate", NULL
};
/* The words that name comment sections: kept with opts->comments. */
static const char *const comment_words[] = { "comment", "comments", "commentlist", "respond", "disqus", NULL };
/* Words that only place an element, or name who wrote it: boilerplate unless the same name also
 * names the article ("site-header" goes, "article-header" stays), and only on containers (a
 * table's "table-header" is its own; WordPress puts "author-NAME" on the post's <article>). */
static const char *const weak_words[] = {
    "header", "head", "foot", "banner", "teaser", "author", "authors", "bio", NULL
};
/* Words that name the article's content. */
static const char *const pos_words[] = {
    "article", "content", "main", "body", "story", "entry", "text", "post", "blog", "hentry",
    "prose", "richtext", "articlebody", NULL
};
/* The first words of names that say a state, not a kind; and of the names that blog engines make
 * of a post's categories and tags ("category-no-newsletter-rss", "tag-social-media" on
 * WordPress's <article>): words the site chose for the post's subject, not for its layout. */
static const char *const state_words[] = {
    "has", "is", "no", "not", "with", "without", "show", "hide", "enable", "enabled", "disable",
    "category", "tag", NULL
};
/* Whole class names that hide what they are on. */
static const char *const hidden_classes[] = {
    "hidden", "d-none", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
    "element-invisible", "invisible", NULL
};

/* Words run together ("relatedposts", "sharedaddy", "topnav", "mainmenu"): the parts that mark
 * boilerplate as a word's start or its end. Only parts that no other common word starts (or
 * ends) with: "nav" as a start would catch "navy", "related" as an end "unrelated". */
static const char *const strong_prefixes[] = {
    "related", "share", "social", "sidebar", "footer", "newsletter", "cookie", "sponsor",
    "advert", "breadcrumb", "subscri", "navigation", "menu", "promo", NULL
};
/* A paywall's words: its notice is a few lines, but a site also wraps the gated text of the
 * article in its paywall's container ("steady-paywall-container"), so that the words alone do not
 * say which (CL_GATE: the caller decides by the element's prose). */
static const char *const gate_prefixes[] = { "paywall", NULL };
static const char *const gate_words[] = { "paywall", NULL };
static const char *const strong_suffixes[] = { "nav", "navigation", "menu", "footer", "sidebar", "share", "sharing", NULL };
static const char *const comment_prefixes[] = { "comment", NULL };
/* The words that start so and are an article's kind: an opinion piece. */
static const char *const not_comments[] = {
    "commentary", "commentaries", "commentator", "commentators", "commented", "commentable", NULL
};
static const char *const comment_suffixes[] = { "comments", NULL };


/* Whether s[0..len) starts (prefix) or ends (else) with one of parts, and is longer than it. */
static int affix(const char *s, size_t len, const char *const *parts, int prefix)
{
    const char *const *w;
    for (w = parts; *w; w++) {
        size_t k, n = strlen(*w);
        const char *t = prefix ? s : s + len - n;
        if (n >= len)
            continue;
        for (k = 0; k < n && sift_ex_lower((unsigned char)t[k]) == (*w)[k]; k++)
            ;
        if (k == n)
            return 1;
    }
    return 0;
}

int sift_ex_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether s[0..len) is one of words, case folded (ASCII). */
int sift_ex_in_list(const char *s, size_t len, const char *const *words)
{
    const char *const *w;
    for (w = words; *w; w++) {
        size_t k;
        if (strlen(*w) != len)
            continue;
        for (k = 0; k < len && sift_ex_lower((unsigned char)s[k]) == (*w)[k]; k++)
            ;
        if (k == len)
            return 1;
    }
    return 0;
}


/* The classes of one class or id value: each name (between white space) cut into words at
 * anything that is not a letter or a digit and where a lower-case letter meets an upper-case one
 * ("relatedArticles": "related", "articles"). */
int sift_ex_classify(const char *v, size_t len, int comments)
{
    int bits = 0;
    size_t p = 0;

    if (len > SIFT_EX_NAMES_MAX)
        len = SIFT_EX_NAMES_MAX; /* names are short: a 10 MB class is read no further */

    while (p < len) {
        size_t q, a;
        int strong = 0, weak = 0, pos = 0, comment = 0, first = 1, state = 0, gate = 0;
        while (p < len && (v[p] == ' ' || v[p] == '\t' || v[p] == '\n' || v[p] == '\r' || v[p] == '\f'))
            p++;
        q = p;
        while (q < len && !(v[q] == ' ' || v[q] == '\t' || v[q] == '\n' || v[q] == '\r' || v[q] == '\f'))
            q++;
        if (q == p)
            break;
        if (sift_ex_in_list(v + p, q - p, hidden_classes))
            bits |= CL_HIDDEN;
        a = p;
        while (a < q) {
            size_t b;
            while (a < q && !is_alnum((unsigned char)v[a])) {
                /* a BEM modifier ("TestReport__Section--Ads", "card--sidebar") says how the
                 * element looks or where it is, not what it is: the rest of the name is ignored */
                if (a + 1 < q && v[a] == '-' && v[a + 1] == '-')
                    state = 1;
                a++;
            }
            b = a;
            while (b < q && is_alnum((unsigned char)v[b])) {
                b++;
                if (b < q && v[b - 1] >= 'a' && v[b - 1] <= 'z' && v[b] >= 'A' && v[b] <= 'Z')
                    break;
            }
            if (b > a && first) {
                /* a name that starts "has-", "is-", "no-", "with-" says a state of the element
                 * ("has-ads", "isPaywall", "no-sidebar"), not what it is */
                state = sift_ex_in_list(v + a, b - a, state_words);
                first = 0;
            }
            if (b > a && !state) {
                int c = (affix(v + a, b - a, comment_prefixes, 1) && !sift_ex_in_list(v + a, b - a, not_comments)) ||
                        affix(v + a, b - a, comment_suffixes, 0);
                if (sift_ex_in_list(v + a, b - a, gate_words) || affix(v + a, b - a, gate_prefixes, 1)) {
                    gate = 1;
                } else if (sift_ex_in_list(v + a, b - a, strong_words) || affix(v + a, b - a, strong_prefixes, 1) ||
                    affix(v + a, b - a, strong_suffixes, 0) || c) {
                    if (c || sift_ex_in_list(v + a, b - a, comment_words))
                        comment = 1;
                    if (!comments || !sift_ex_in_list(v + a, b - a, comment_words))
                        strong = 1;
                } else if (sift_ex_in_list(v + a, b - a, weak_words)) {
                    weak = 1;
                } else if (sift_ex_in_list(v + a, b - a, pos_words)) {
                    pos = 1;
                }
            }
            a = b;
        }
        if (strong)
            bits |= CL_NEG;
        if (gate && !strong)
            bits |= CL_GATE;
        if (weak && !pos)
            bits |= CL_WEAK;
        if (weak && pos)
            bits |= CL_WEAKPOS;
        if (pos && !strong)
            bits |= CL_POS;
        if (comment)
            bits |= CL_COMMENT;
        p = q;
    }
    return bits;
}

