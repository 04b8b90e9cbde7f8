/*
 * encoding/sniff.c - a web page's encoding, found as the HTML standard's "encoding sniffing
 * algorithm" finds it (HTML, 13.2.3.2 "Determining the character encoding"), with the labels of
 * the Encoding Standard (generated/labels.c).
 *
 * The prescan reads bytes, not characters: a page's declaration is ASCII in every encoding a page
 * may declare itself in, so nothing is decoded before the encoding is known. Every loop moves
 * forward and stops at the end of its window, so the cost is linear in the bytes scanned, and at
 * most PRESCAN_MAX bytes are scanned whatever the page.
 */
#include <string.h>

#include "sift.h"
#include "encoding/sniff.h"

/* The standard prescans 1024 bytes. A <meta charset> further down the <head> makes a browser
 * re-read the page in that encoding (the tree builder's "change the encoding"), and 144 of the
 * 1,120 saved pages of ../shared declare theirs after byte 1024 (up to byte 58,128), so the scan
 * carries on, with the same rules, until a <body> tag or this many bytes. */
#define PRESCAN_STANDARD 1024
#define PRESCAN_MAX 65536

/* The longest label worth looking up ("iso_8859-1:1987" has 15 bytes); longer ones are unknown. */
#define LABEL_MAX 40

static int is_space(unsigned char c)
{
    return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

int sift_encoding_label(const char *label, size_t len, const char **name, const char **iconv)
{
    const unsigned char *p = (const unsigned char *)label;
    char key[LABEL_MAX + 1];
    size_t lo = 0, hi = sift_enc_nlabels, n, k;

    /* "Get an encoding": strip leading and trailing ASCII white space, compare case-insensitively */
    while (len > 0 && is_space(*p)) {
        p++;
        len--;
    }
    while (len > 0 && is_space(p[len - 1]))
        len--;
    if (len == 0 || len > LABEL_MAX)
        return SIFT_EUNKNOWN;
    for (n = 0; n < len; n++) {
        if (p[n] == 0)
            return SIFT_EUNKNOWN;
        key[n] = (char)lower(p[n]);
    }
    key[n] = 0;
    while (lo < hi) {
        int c;
        k = lo + (hi - lo) / 2;
        c = strcmp(key, sift_enc_labels[k].label);
        if (c == 0) {
            const struct sift_enc_name *e = &sift_enc_names[sift_enc_labels[k].encoding];
            if (!e->iconv)
                return SIFT_EUNKNOWN;
            if (name)
                *name = e->name;
            if (iconv)
                *iconv = e->iconv;
            return SIFT_OK;
        }
        if (c < 0)
            hi = k;
        else
            lo = k + 1;
    }
    return SIFT_EUNKNOWN;
}

/* The prescan's state: the window and the position in it. */
struct scan {
    const unsigned char *s;
    size_t len, pos;
};

/* One attribute as "get an attribute" returns it: the name lower-cased (cut at NAME_MAX, longer
 * names being no name the prescan looks for) and the value as a span of the page. Values are
 * compared case-insensitively where they matter, so they need no copy. */
#define ATTR_NAME_MAX 16
struct attr {
    char name[ATTR_NAME_MAX + 1];
    size_t nlen;
    size_t vi, vj; /* the value: s[vi..vj) */
};

static void name_add(struct attr *a, unsigned char c)
{
    if (a->nlen < ATTR_NAME_MAX)
        a->name[a->nlen] = (char)lower(c);
    a->nlen++;
}

/* "Get an attribute" (HTML, 13.2.3.2): returns 1 with *a filled, 0 at a '>', or END when the
 * window ends first, which ends the prescan: a tag cut by the window declares nothing. A value
 * keeps its case here: the caller folds it. */
#define END (-1)
static int get_attribute(struct scan *sc, struct attr *a)
{
    const unsigned char *s = sc->s;
    size_t len = sc->len;

    while (sc->pos < len && (is_space(s[sc->pos]) || s[sc->pos] == '/'))
        sc->pos++;
    if (sc->pos >= len)
        return END;
    if (s[sc->pos] == '>')
        return 0;
    a->nlen = 0;
    a->vi = a->vj = sc->pos;
    /* attribute name: up to '=' (not as the first byte), white space, '/' or '>' */
    for (;; sc->pos++) {
        unsigned char c;
        if (sc->pos >= len)
            return END;
        c = s[sc->pos];
        if (c == '=' && a->nlen > 0) {
            sc->pos++;
            goto value;
        }
        if (is_space(c))
            break;
        if (c == '/' || c == '>')
            goto done_empty;
        name_add(a, c);
    }
    /* spaces after the name: an '=' may follow them, else the attribute has no value */
    while (sc->pos < len && is_space(s[sc->pos]))
        sc->pos++;
    if (sc->pos >= len)
        return END;
    if (s[sc->pos] != '=')
        goto done_empty;
    sc->pos++;
value:
    while (sc->pos < len && is_space(s[sc->pos]))
        sc->pos++;
    if (sc->pos >= len)
        return END;
    if (s[sc->pos] == '"' || s[sc->pos] == '\'') {
        /* a quoted value runs to the same quote */
        unsigned char q = s[sc->pos++];
        a->vi = sc->pos;
        while (sc->pos < len && s[sc->pos] != q)
            sc->pos++;
        if (sc->pos >= len)
            return END;
        a->vj = sc->pos++;
        goto done;
    }
    if (s[sc->pos] == '>')
        goto done_empty;
    /* an unquoted value runs to white space or '>' */
    a->vi = sc->pos;
    while (sc->pos < len && !is_space(s[sc->pos]) && s[sc->pos] != '>')
        sc->pos++;
    if (sc->pos >= len)
        return END;
    a->vj = sc->pos;
    goto done;
done_empty:
    a->vi = a->vj = sc->pos;
done:
    if (a->nlen <= ATTR_NAME_MAX)
        a->name[a->nlen] = 0;
    else
        a->name[0] = 0; /* too long to be a name the prescan looks for */
    return 1;
}

static int attr_is(const struct attr *a, const char *name)
{
    return a->nlen <= ATTR_NAME_MAX && strcmp(a->name, name) == 0;
}

/* Whether s[i..j) is `word`, ignoring ASCII case. */
static int span_is(const unsigned char *s, size_t i, size_t j, const char *word)
{
    size_t n = strlen(word), k;
    if (j - i != n)
        return 0;
    for (k = 0; k < n; k++)
        if (lower(s[i + k]) != (unsigned char)word[k])
            return 0;
    return 1;
}

/* "Extracting a character encoding from a meta element" over content="..." = s[i..j): finds
 * "charset", optional white space, '=', optional white space and the label, quoted or running to
 * white space or ';'. Returns 1 with the label's span, or 0. */
static int charset_in_content(const unsigned char *s, size_t i, size_t j, size_t *li, size_t *lj)
{
    size_t p = i;
    for (;;) {
        size_t k;
        /* the next "charset", ignoring case */
        for (; p + 7 <= j; p++)
            if (span_is(s, p, p + 7, "charset"))
                break;
        if (p + 7 > j)
            return 0;
        k = p + 7;
        while (k < j && is_space(s[k]))
            k++;
        if (k >= j || s[k] != '=') {
            /* not followed by '=': look again from where this one ended */
            p = k;
            continue;
        }
        k++;
        while (k < j && is_space(s[k]))
            k++;
        if (k >= j)
            return 0;
        if (s[k] == '"' || s[k] == '\'') {
            unsigned char q = s[k];
            size_t e = k + 1;
            while (e < j && s[e] != q)
                e++;
            if (e >= j)
                return 0; /* an unmatched quote gives nothing */
            *li = k + 1;
            *lj = e;
            return 1;
        }
        *li = k;
        while (k < j && !is_space(s[k]) && s[k] != ';')
            k++;
        *lj = k;
        return 1;
    }
}

/* The attributes of a <meta> (the prescan's step for "<meta" and a space or '/'), from sc->pos.
 * Returns 1 with the label's span when the element declares an encoding, END when the window ends
 * inside it, else 0; sc->pos is then past what was read. Only the first http-equiv, content and charset count, as the standard
 * skips an attribute name already seen. */
static int meta_charset(struct scan *sc, size_t *li, size_t *lj)
{
    struct attr a;
    int got_pragma = 0, need_pragma = -1, seen_equiv = 0, seen_content = 0, seen_charset = 0;
    size_t ci = 0, cj = 0;
    int have = 0, r;

    while ((r = get_attribute(sc, &a)) == 1) {
        if (attr_is(&a, "http-equiv")) {
            if (seen_equiv++)
                continue;
            if (span_is(sc->s, a.vi, a.vj, "content-type"))
                got_pragma = 1;
        } else if (attr_is(&a, "content")) {
            size_t i, j;
            if (seen_content++)
                continue;
            if (!have && charset_in_content(sc->s, a.vi, a.vj, &i, &j)) {
                ci = i;
                cj = j;
                have = 1;
                need_pragma = 1;
            }
        } else if (attr_is(&a, "charset")) {
            if (seen_charset++)
                continue;
            ci = a.vi;
            cj = a.vj;
            have = 1;
            need_pragma = 0;
        }
    }
    if (r == END)
        return END;
    if (need_pragma == -1 || (need_pragma == 1 && !got_pragma) || !have)
        return 0;
    *li = ci;
    *lj = cj;
    return 1;
}

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Moves sc->pos to the first '>' at or after it (or the end). */
static void skip_to_gt(struct scan *sc)
{
    const unsigned char *g = memchr(sc->s + sc->pos, '>', sc->len - sc->pos);
    sc->pos = g ? (size_t)(g - sc->s) : sc->len;
}

/*
 * The prescan (HTML, "prescan a byte stream to determine its encoding") over s[0..len): returns 1
 * with the label's span of the first <meta> that declares a known encoding, else 0. The window
 * ends at PRESCAN_STANDARD bytes, or carries on to a <body> tag or PRESCAN_MAX (see above).
 */
static int prescan(const unsigned char *s, size_t len, struct sift_page_encoding *out)
{
    struct scan sc;
    int seen_body = 0;
    sc.s = s;
    sc.len = len < PRESCAN_MAX ? len : PRESCAN_MAX;
    sc.pos = 0;
    while (sc.pos < sc.len) {
        const unsigned char *p = s + sc.pos;
        size_t left = sc.len - sc.pos;
        if (seen_body && sc.pos >= PRESCAN_STANDARD)
            return 0; /* the head is over: past the standard's window no browser looks further */
        if (p[0] != '<') {
            const unsigned char *lt = memchr(p, '<', left);
            sc.pos = lt ? (size_t)(lt - s) : sc.len;
            continue;
        }
        if (left >= 4 && memcmp(p, "<!--", 4) == 0) {
            /* a comment: to the first "-->" whose '>' comes after the "<!" ("<!-->" ends it) */
            size_t k = sc.pos + 2;
            while (k + 2 < sc.len && !(s[k] == '-' && s[k + 1] == '-' && s[k + 2] == '>'))
                k++;
            sc.pos = k + 3;
            continue;
        }
        if (left >= 6 && span_is(s, sc.pos, sc.pos + 5, "<meta") && (is_space(p[5]) || p[5] == '/')) {
            size_t li, lj;
            const char *name, *iconv;
            int r;
            sc.pos += 6;
            r = meta_charset(&sc, &li, &lj);
            if (r == END)
                return 0;
            if (r == 1 && sift_encoding_label((const char *)s + li, lj - li, &name, &iconv) == SIFT_OK) {
                /* a page that says UTF-16 is being read as ASCII bytes, so it is not UTF-16; the
                 * standard reads a declared x-user-defined as windows-1252 */
                if (strcmp(name, "utf-16le") == 0 || strcmp(name, "utf-16be") == 0)
                    (void)sift_encoding_label("utf-8", 5, &name, &iconv);
                else if (strcmp(name, "x-user-defined") == 0)
                    (void)sift_encoding_label("windows-1252", 12, &name, &iconv);
                out->name = name;
                out->iconv = iconv;
                out->source = SIFT_ENC_FROM_META;
                out->at = li;
                out->len = lj - li;
                return 1;
            }
            continue;
        }
        if (left >= 2 && (is_alpha(p[1]) || (left >= 3 && p[1] == '/' && is_alpha(p[2])))) {
            /* another tag: its name, then its attributes, read by the same rules so that a '>'
             * inside a quoted value does not end it */
            struct attr a;
            int body = left >= 5 && span_is(s, sc.pos + 1, sc.pos + 5, "body") &&
                       (left == 5 || is_space(p[5]) || p[5] == '>' || p[5] == '/');
            seen_body |= body;
            while (sc.pos < sc.len && !is_space(s[sc.pos]) && s[sc.pos] != '>')
                sc.pos++;
            int r;
            while ((r = get_attribute(&sc, &a)) == 1)
                ;
            if (r == END)
                return 0;
            sc.pos++;
            continue;
        }
        if (left >= 2 && (p[1] == '!' || p[1] == '/' || p[1] == '?')) {
            /* <!DOCTYPE ...>, </ not followed by a letter, <?...>: to the next '>' */
            skip_to_gt(&sc);
            sc.pos++;
            continue;
        }
        sc.pos++;
    }
    return 0;
}

/* "Get an XML encoding": a page that starts with "<?xml" and says encoding="..." before its
 * first '>'. Returns 1 with the label. */
static int xml_encoding(const unsigned char *s, size_t len, struct sift_page_encoding *out)
{
    size_t end, k;
    const char *name, *iconv;
    if (len < 5 || memcmp(s, "<?xml", 5) != 0)
        return 0;
    for (end = 5; end < len && end < PRESCAN_STANDARD && s[end] != '>'; end++)
        ;
    if (end >= len || s[end] != '>')
        return 0;
    for (k = 5; k + 8 <= end; k++) {
        size_t q, e;
        if (memcmp(s + k, "encoding", 8) != 0)
            continue;
        q = k + 8;
        while (q < end && s[q] <= 0x20)
            q++;
        if (q >= end || s[q] != '=')
            return 0;
        q++;
        while (q < end && s[q] <= 0x20)
            q++;
        if (q >= end || (s[q] != '"' && s[q] != '\''))
            return 0;
        for (e = q + 1; e < end && s[e] != s[q]; e++)
            ;
        if (e >= end || sift_encoding_label((const char *)s + q + 1, e - q - 1, &name, &iconv) != SIFT_OK)
            return 0;
        if (strcmp(name, "utf-16le") == 0 || strcmp(name, "utf-16be") == 0)
            (void)sift_encoding_label("utf-8", 5, &name, &iconv);
        out->name = name;
        out->iconv = iconv;
        out->source = SIFT_ENC_FROM_XML;
        out->at = q + 1;
        out->len = e - q - 1;
        return 1;
    }
    return 0;
}

/* A label that names a legacy encoding over bytes that are well-formed UTF-8 with non-ASCII in
 * them: the bytes win (sift_sniff_html's comment in sift.h says why). A label of UTF-8, or a page
 * of ASCII alone, which every label reads the same, is left as it is. */
static void utf8_despite_label(const unsigned char *s, size_t len, struct sift_page_encoding *out)
{
    size_t k, bad;
    if (strcmp(out->name, "utf-8") == 0)
        return;
    for (k = 0; k < len && s[k] < 0x80; k++)
        ;
    if (k == len || !sift_utf8_valid((const char *)s, len, &bad))
        return;
    out->declared = out->name;
    (void)sift_encoding_label("utf-8", 5, &out->name, &out->iconv);
}

void sift_sniff_html(const char *page, size_t len, const char *given, size_t given_len,
                     struct sift_page_encoding *out)
{
    const unsigned char *s = (const unsigned char *)page;
    const char *detected;
    char key[LABEL_MAX + 1];
    size_t n;

    out->at = out->len = 0;
    out->bom = 0;
    out->declared = NULL;
    /* 1. a byte order mark wins over everything */
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        (void)sift_encoding_label("utf-8", 5, &out->name, &out->iconv);
        out->bom = 3;
        out->source = SIFT_ENC_FROM_BOM;
        return;
    }
    if (len >= 2 && ((s[0] == 0xFE && s[1] == 0xFF) || (s[0] == 0xFF && s[1] == 0xFE))) {
        (void)sift_encoding_label(s[0] == 0xFE ? "utf-16be" : "utf-16le", 8, &out->name, &out->iconv);
        out->bom = 2;
        out->source = SIFT_ENC_FROM_BOM;
        return;
    }
    /* 2. the transport layer's (the caller's) label, when the standard knows it */
    if (given && sift_encoding_label(given, given_len, &out->name, &out->iconv) == SIFT_OK) {
        out->source = SIFT_ENC_FROM_CALLER;
        utf8_despite_label(s, len, out);
        return;
    }
    /* 3. the page's own declaration */
    if (prescan(s, len, out) || xml_encoding(s, len, out)) {
        utf8_despite_label(s, len, out);
        return;
    }
    /* 4. no declaration: the detector's guess, under its standard name when it has one */
    detected = sift_detect_encoding(page, len, NULL);
    for (n = 0; detected[n] && n < LABEL_MAX; n++)
        key[n] = (char)lower((unsigned char)detected[n]);
    key[n] = 0;
    out->source = SIFT_ENC_DETECTED;
    if (sift_encoding_label(key, n, &out->name, &out->iconv) != SIFT_OK) {
        out->name = detected;
        out->iconv = detected;
    }
}
