/*
 * extract/meta.h - a web page's metadata: title, authors and byline, published and modified
 * dates, language, site name, canonical URL, description, section and image, from the page's DOM
 * (html/dom.h).
 *
 * Sources, in order of trust (enum sift_meta_src; each field says which one it came from):
 *   1. JSON-LD: <script type="application/ld+json">, schema.org items of an article type
 *      (NewsArticle, Article, BlogPosting, ReportageNewsArticle, ...), else of a page type
 *      (WebPage, ...), @graph arrays included (extract/jsonld.h);
 *   2. OpenGraph: og:title, og:site_name, og:description, og:url, og:image, og:locale,
 *      article:published_time, article:modified_time, article:author, article:section;
 *   3. Twitter cards: twitter:title, twitter:description, twitter:image, twitter:creator;
 *   4. <meta name=...>: author, description, date, pubdate, dc.* and dcterms.*, citation_*,
 *      parsely-*, sailthru.*, and <meta http-equiv=content-language>;
 *   5. itemprop: datePublished, dateModified, author (and its name), headline, inLanguage;
 *   6. <time datetime>: one with pubdate, else the first in <article> or <main>, else the first;
 *   7. the page itself: <title> (its site part taken off), <html lang>, <link rel=canonical>;
 *   8. the visible byline: the first short element whose rel, class or id says author or byline
 *      (only when no other source gives an author).
 * A field takes the most trusted source that gives it; among the values of one source, the first
 * in the page. The language is the exception: <html lang> first, then content-language,
 * og:locale, JSON-LD's inLanguage. The canonical URL is <link rel=canonical> first, then og:url,
 * then JSON-LD.
 *
 * Values: UTF-8, white space collapsed, trimmed, character references decoded (those the HTML
 * parser left, as in "&amp;amp;"), each cut at SIFT_META_MAX_FIELD bytes (on a character
 * boundary). Dates are ISO 8601: "YYYY-MM-DD", or "YYYY-MM-DDThh:mm:ss" with "Z" or "+hh:mm"
 * when the page gives them (no conversion between zones); a date the reader cannot read is not
 * taken. The language is a BCP 47 tag ("en", "en-GB", "pt-BR": "en_gb" becomes "en-GB"). The
 * title loses a " | Site", " - Site", " — Site", ": Site" suffix or a "Site | ", "Site: " prefix
 * when that part is the site's name (or its host name), and <title> alone also a trailing part
 * after the last separator when what stays is long enough to be a headline.
 *
 * Bounded: one walk of the DOM, no recursion, a fixed number of elements whose text is gathered
 * (each at most a few thousand nodes), JSON-LD read by a bounded reader: time linear in the page.
 * Memory: the strings of *out, at most SIFT_META_MAX_FIELD + 1 bytes each and a few allocations a
 * field, come from the caller's allocator (sift_alloc_fn; never freed by the engine), plus a few
 * kilobytes of stack.
 */
#ifndef SIFT_EXTRACT_META_H
#define SIFT_EXTRACT_META_H

#include <stddef.h>

#include "sift.h" /* sift_alloc_fn, enum sift_status */

struct sift_html_doc;

#define SIFT_META_MAX_AUTHORS 8
#define SIFT_META_MAX_FIELD 2048

/* Where a field came from; the order is the order of trust. */
enum sift_meta_src {
    SIFT_META_NONE = 0,  /* the field is empty */
    SIFT_META_JSONLD,    /* <script type="application/ld+json"> */
    SIFT_META_OG,        /* <meta property="og:..."> and article:... */
    SIFT_META_TWITTER,   /* <meta name="twitter:..."> */
    SIFT_META_NAME,      /* <meta name=...> (and http-equiv) */
    SIFT_META_ITEMPROP,  /* itemprop=... */
    SIFT_META_TIME,      /* <time datetime=...> */
    SIFT_META_DOCUMENT,  /* <title>, <html lang>, <link rel=canonical> */
    SIFT_META_BYLINE     /* the visible byline */
};

/* One value: s[0..len), 0-ended, from the caller's allocator; s is NULL (len 0, src
 * SIFT_META_NONE) when nothing gave it. */
struct sift_meta_field {
    const char *s;
    size_t len;
    int src; /* enum sift_meta_src */
};

struct sift_meta {
    /* title_raw: the title as its source gives it, the site's part kept (from <title>: the part
     * Readability.js takes); title: the same with the site's part taken off */
    struct sift_meta_field title, title_raw, byline, published, modified, lang, site, url, description,
        section, image;
    struct sift_meta_field base; /* the href of the page's first <base>, as written */
    struct sift_meta_field authors[SIFT_META_MAX_AUTHORS]; /* all from one source: authors[0].src */
    size_t n_authors;
};

/* The metadata of the page parsed into doc (borrowed), stored in *out (the caller's; zeroed
 * first). The strings come from alloc(ud, size) and live until the caller drops its blocks.
 * Returns SIFT_OK, or SIFT_ENOMEM when alloc returned NULL (*out then holds what was found
 * before). */
int sift_page_meta(const struct sift_html_doc *doc, sift_alloc_fn alloc, void *ud, struct sift_meta *out);

/* The name of src ("jsonld", "og", "twitter", "meta", "itemprop", "time", "document", "byline",
 * "none"): static. */
const char *sift_meta_src_name(int src);

/* Normalises the date s[0..n) into out (at least 26 bytes): ISO 8601 as above, 0-ended. Reads
 * ISO 8601 and its common variants ("2015-07-24 05:36:09", "2015/07/24", "20150724"), RFC 2822
 * ("Fri, 24 Jul 2015 05:36:09 GMT"), "July 24, 2015", "24 July 2015", "24.07.2015". Returns the
 * length written, 0 when it cannot read one (out is then ""). */
size_t sift_meta_date(const char *s, size_t n, char *out);

/* Normalises a language tag s[0..n) ("en_us", "EN-gb", "de-DE,en") into out (at least 36
 * bytes) as BCP 47 ("en-US", "en-GB", "de-DE"); returns its length, 0 when it is no tag. */
size_t sift_meta_lang(const char *s, size_t n, char *out);

/* ---- shared by meta.c and metavalue.c (not for the binding) ---- */

/* The longest prefix of s[0..n) of at most cap bytes that ends on a character boundary. */
size_t sift_meta_cut(const char *s, size_t n, size_t cap);

/* In place: character references decoded (when refs), NBSP as a space, white space collapsed,
 * trimmed, cut at SIFT_META_MAX_FIELD bytes; returns the new length. */
size_t sift_meta_tidy(char *s, size_t n, int refs);

/* Takes the site's part off the title t[*off .. *off + *n) (m's site name and URL say what the
 * site is): a suffix after the last separator, then a prefix before the first; 1 when it did. */
int sift_meta_strip_site(const struct sift_meta *m, const char *t, size_t *off, size_t *n);

/* The headline in a page's <title> t[0..len), as Readability.js finds it: (*rt)[0..*rn), in t or
 * in h1 (the text of the page's <h1> when it has exactly one, else NULL); headings: the texts of
 * its first <h1> and <h2>, which keep a title with ": " whole when one equals it. */
void sift_meta_headline(const char *t, size_t len, const char *const *headings, unsigned n_headings,
                        const char *h1, const char **rt, size_t *rn);

#endif
