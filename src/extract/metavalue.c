/*
 * extract/metavalue.c - the values of the page metadata (meta.h): text tidied (white space,
 * the character references a parser left), dates read into ISO 8601, language tags into BCP 47,
 * and the site's part of a title found and taken off. No allocation, no recursion; each function
 * reads at most a fixed prefix of its input or walks it once.
 */
#include <stdint.h>
#include <string.h>

#include "extract/meta.h"

#define MAXF SIFT_META_MAX_FIELD

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* The length of the longest prefix of s[0..n) of at most cap bytes that ends on a character
 * boundary. */
size_t sift_meta_cut(const char *s, size_t n, size_t cap)
{
    if (n <= cap)
        return n;
    n = cap;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

static size_t put_cp(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* One character reference at s[0..n) (s[0] == '&'): its UTF-8 in o, the bytes read in *used;
 * 0 when it is none of those read here. The output is never longer than the reference. */
static size_t entity(const char *s, size_t n, char *o, size_t *used)
{
    static const struct {
        const char *name;
        const char *utf8;
    } named[] = { { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" }, { "apos;", "'" },
                  { "nbsp;", " " }, { "#39;", "'" } };
    size_t k, m;
    for (k = 0; k < sizeof named / sizeof named[0]; k++) {
        m = strlen(named[k].name);
        if (n > m && !memcmp(s + 1, named[k].name, m)) {
            *used = m + 1;
            memcpy(o, named[k].utf8, strlen(named[k].utf8));
            return strlen(named[k].utf8);
        }
    }
    if (n > 3 && s[1] == '#') {
        unsigned cp = 0;
        int hex = s[2] == 'x' || s[2] == 'X', digits = 0;
        for (k = hex ? 3 : 2; k < n && k < 12; k++) {
            char c = s[k];
            unsigned d;
            if (c >= '0' && c <= '9')
                d = (unsigned)(c - '0');
            else if (hex && lower((unsigned char)c) >= 'a' && lower((unsigned char)c) <= 'f')
                d = (unsigned)(lower((unsigned char)c) - 'a' + 10);
            else
                break;
            cp = cp * (hex ? 16 : 10) + d;
            digits++;
        }
        if (digits && k < n && s[k] == ';' && cp > 0 && cp < 0x110000 && !(cp >= 0xD800 && cp < 0xE000)) {
            *used = k + 1;
            return put_cp(o, cp);
        }
    }
    return 0;
}

/* In place: character references decoded (when refs), NBSP as a space, white space collapsed,
 * trimmed, cut at MAXF bytes; returns the new length. */
size_t sift_meta_tidy(char *s, size_t n, int refs)
{
    size_t r = 0, w = 0, used;
    int space = 1;
    while (r < n) {
        unsigned char c = (unsigned char)s[r];
        char e[4];
        size_t m;
        if (c == '&' && refs && (m = entity(s + r, n - r, e, &used)) > 0) {
            if (m == 1 && is_space((unsigned char)e[0])) {
                c = ' ';
            } else {
                memcpy(s + w, e, m);
                w += m;
                r += used;
                space = 0;
                continue;
            }
            r += used;
        } else if (c == 0xC2 && r + 1 < n && (unsigned char)s[r + 1] == 0xA0) {
            c = ' ';
            r += 2;
        } else {
            r++;
        }
        if (is_space(c)) {
            if (!space)
                s[w++] = ' ';
            space = 1;
        } else {
            s[w++] = (char)c;
            space = 0;
        }
    }
    while (w > 0 && s[w - 1] == ' ')
        w--;
    return sift_meta_cut(s, w, MAXF);
}

/* ---- dates and languages ---- */

static int num(const char *s, size_t n, size_t *k, int min, int max, int *v)
{
    int d = 0, x = 0;
    while (*k < n && d < max && s[*k] >= '0' && s[*k] <= '9') {
        x = x * 10 + (s[*k] - '0');
        (*k)++;
        d++;
    }
    if (d < min)
        return 0;
    *v = x;
    return 1;
}

static int month_word(const char *s, size_t n, size_t *k)
{
    static const char *const m[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
    static const struct {
        const char *w;
        int m;
    } other[] = { { "mai", 5 }, { "okt", 10 }, { "dez", 12 }, { "ene", 1 }, { "abr", 4 }, { "ago", 8 }, { "dic", 12 } };
    size_t b = *k, e = b, t;
    while (e < n && lower((unsigned char)s[e]) >= 'a' && lower((unsigned char)s[e]) <= 'z')
        e++;
    if (e - b < 3)
        return 0;
    *k = e;
    if (e < n && s[e] == '.')
        (*k)++;
    for (t = 0; t < 12; t++)
        if (lower((unsigned char)s[b]) == m[t][0] && lower((unsigned char)s[b + 1]) == m[t][1] &&
            lower((unsigned char)s[b + 2]) == m[t][2])
            return (int)t + 1;
    for (t = 0; t < sizeof other / sizeof other[0]; t++)
        if (lower((unsigned char)s[b]) == other[t].w[0] && lower((unsigned char)s[b + 1]) == other[t].w[1] &&
            lower((unsigned char)s[b + 2]) == other[t].w[2])
            return other[t].m;
    *k = b;
    return 0;
}

static void skip_spaces(const char *s, size_t n, size_t *k)
{
    while (*k < n && (is_space((unsigned char)s[*k]) || s[*k] == ','))
        (*k)++;
}

/* hh:mm[:ss[.frac]] [am|pm] [Z|GMT|UTC|+hh[:]mm] at s[*k..]: 1 with the time in t (0..2 fields
 * set) and the zone in zone ("" none, "Z", "+hh:mm"). */
static int read_time(const char *s, size_t n, size_t *k, int *hh, int *mi, int *ss, char *zone)
{
    size_t p = *k;
    int h, m, sec = 0, oh, om = 0;
    zone[0] = '\0';
    if (!num(s, n, &p, 1, 2, &h) || p >= n || s[p] != ':' || (p++, !num(s, n, &p, 2, 2, &m)))
        return 0;
    if (p < n && s[p] == ':') {
        p++;
        if (!num(s, n, &p, 2, 2, &sec))
            return 0;
        if (p < n && (s[p] == '.' || s[p] == ',')) {
            p++;
            while (p < n && s[p] >= '0' && s[p] <= '9')
                p++;
        }
    }
    while (p < n && s[p] == ' ')
        p++;
    if (p + 1 < n && (lower((unsigned char)s[p]) == 'a' || lower((unsigned char)s[p]) == 'p') &&
        lower((unsigned char)s[p + 1]) == 'm') {
        if (h == 12)
            h = 0;
        if (lower((unsigned char)s[p]) == 'p')
            h += 12;
        p += 2;
        while (p < n && s[p] == ' ')
            p++;
    }
    if (h > 23 || m > 59 || sec > 60)
        return 0;
    if (p < n && s[p] == 'Z') {
        strcpy(zone, "Z");
        p++;
    } else if (p + 2 < n && (!memcmp(s + p, "GMT", 3) || !memcmp(s + p, "UTC", 3))) {
        strcpy(zone, "Z");
        p += 3;
    }
    if (p < n && (s[p] == '+' || s[p] == '-')) {
        char sign = s[p];
        size_t q = p + 1;
        if (num(s, n, &q, 2, 2, &oh)) {
            if (q < n && s[q] == ':')
                q++;
            if (!num(s, n, &q, 2, 2, &om))
                om = 0;
            if (oh <= 14 && om < 60) {
                if (oh == 0 && om == 0)
                    strcpy(zone, "Z");
                else {
                    zone[0] = sign;
                    zone[1] = (char)('0' + oh / 10);
                    zone[2] = (char)('0' + oh % 10);
                    zone[3] = ':';
                    zone[4] = (char)('0' + om / 10);
                    zone[5] = (char)('0' + om % 10);
                    zone[6] = '\0';
                }
                p = q;
            }
        }
    }
    *hh = h;
    *mi = m;
    *ss = sec;
    *k = p;
    return 1;
}

static size_t put_date(char *out, int y, int mo, int d, int have_time, int h, int mi, int sec, const char *zone)
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    size_t k = 0;
    int parts[6], np, e;
    if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1]) {
        out[0] = '\0';
        return 0;
    }
    parts[0] = y;
    parts[1] = mo;
    parts[2] = d;
    parts[3] = h;
    parts[4] = mi;
    parts[5] = sec;
    np = have_time ? 6 : 3;
    for (e = 0; e < np; e++) {
        int v = parts[e];
        if (e == 0) {
            out[k++] = (char)('0' + v / 1000);
            out[k++] = (char)('0' + v / 100 % 10);
        } else {
            out[k++] = e == 3 ? 'T' : e < 3 ? '-' : ':';
        }
        out[k++] = (char)('0' + v / 10 % 10);
        out[k++] = (char)('0' + v % 10);
    }
    if (have_time) {
        strcpy(out + k, zone);
        k += strlen(zone);
    }
    out[k] = '\0';
    return k;
}

/* Days since 1970-01-01 to the civil date (H. Hinnant's algorithm). */
static void civil(long long z, int *y, int *m, int *d)
{
    long long era, doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

size_t sift_meta_date(const char *s, size_t n, char *out)
{
    size_t k = 0, b, nd;
    int y = 0, mo = 0, d = 0, a = 0, h = 0, mi = 0, sec = 0, t = 0;
    char zone[8] = "";

    out[0] = '\0';
    while (k < n && is_space((unsigned char)s[k]))
        k++;
    if (n > 64 + k)
        n = k + 64;
    b = k;
    while (k < n && s[k] >= '0' && s[k] <= '9')
        k++;
    nd = k - b;
    if ((nd == 10 || nd == 13) && (k == n || is_space((unsigned char)s[k]))) {
        long long v = 0;
        size_t e;
        for (e = b; e < b + 10; e++)
            v = v * 10 + (s[e] - '0');
        civil(v / 86400, &y, &mo, &d);
        v %= 86400;
        return put_date(out, y, mo, d, 1, (int)(v / 3600), (int)(v / 60 % 60), (int)(v % 60), "Z");
    }
    k = b;
    if (nd == 8) { /* 20150724 */
        num(s, n, &k, 4, 4, &y);
        num(s, n, &k, 2, 2, &mo);
        num(s, n, &k, 2, 2, &d);
        if (k < n && s[k] == 'T' && (k++, 1))
            t = read_time(s, n, &k, &h, &mi, &sec, zone);
        return put_date(out, y, mo, d, t, h, mi, sec, zone);
    }
    if (nd == 4) { /* 2015-07-24, 2015/07/24, 2015.07.24 */
        char sep;
        num(s, n, &k, 4, 4, &y);
        if (k >= n || (s[k] != '-' && s[k] != '/' && s[k] != '.'))
            return 0;
        sep = s[k++];
        if (!num(s, n, &k, 1, 2, &mo) || k >= n || s[k] != sep || (k++, !num(s, n, &k, 1, 2, &d)))
            return 0;
        if (k + 1 < n && (s[k] == 'T' || s[k] == ' ' || s[k] == 't')) {
            k++;
            t = read_time(s, n, &k, &h, &mi, &sec, zone);
        }
        return put_date(out, y, mo, d, t, h, mi, sec, zone);
    }
    if (nd == 1 || nd == 2) {
        num(s, n, &k, 1, 2, &a);
        if (k < n && (s[k] == '.' || s[k] == '/' || s[k] == '-') && k + 1 < n && s[k + 1] >= '0' && s[k + 1] <= '9') {
            char sep = s[k++];
            int second;
            if (!num(s, n, &k, 1, 2, &second) || k >= n || s[k] != sep || (k++, !num(s, n, &k, 4, 4, &y)))
                return 0;
            if (sep == '/' && a <= 12) {
                mo = a;
                d = second;
            } else {
                d = a;
                mo = second;
            }
        } else { /* 24 July 2015 */
            d = a;
            if (k < n && s[k] == '.')
                k++;
            skip_spaces(s, n, &k);
            if (!(mo = month_word(s, n, &k)))
                return 0;
            skip_spaces(s, n, &k);
            if (!num(s, n, &k, 4, 4, &y))
                return 0;
        }
    } else if (nd == 0) { /* [Fri,] Jul 24, 2015 | Fri, 24 Jul 2015 */
        size_t save;
        if (!(mo = month_word(s, n, &k))) {
            while (k < n && lower((unsigned char)s[k]) >= 'a' && lower((unsigned char)s[k]) <= 'z')
                k++;
            if (k < n && s[k] == '.')
                k++;
            skip_spaces(s, n, &k);
            mo = month_word(s, n, &k);
        }
        skip_spaces(s, n, &k);
        if (mo) {
            if (!num(s, n, &k, 1, 2, &d))
                return 0;
            while (k < n && lower((unsigned char)s[k]) >= 'a' && lower((unsigned char)s[k]) <= 'z')
                k++; /* 24th */
            skip_spaces(s, n, &k);
            if (!num(s, n, &k, 4, 4, &y))
                return 0;
        } else {
            if (!num(s, n, &k, 1, 2, &d))
                return 0;
            if (k < n && s[k] == '.')
                k++;
            skip_spaces(s, n, &k);
            if (!(mo = month_word(s, n, &k)))
                return 0;
            skip_spaces(s, n, &k);
            if (!num(s, n, &k, 4, 4, &y))
                return 0;
        }
        save = k;
        (void)save;
    } else {
        return 0;
    }
    skip_spaces(s, n, &k);
    if (k + 3 < n && s[k] == 'a' && s[k + 1] == 't' && s[k + 2] == ' ')
        k += 3;
    if (k < n && s[k] == 'T')
        k++;
    t = read_time(s, n, &k, &h, &mi, &sec, zone);
    return put_date(out, y, mo, d, t, h, mi, sec, zone);
}

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

size_t sift_meta_lang(const char *s, size_t n, char *out)
{
    size_t k = 0, o = 0, part = 0;
    while (k < n && is_space((unsigned char)s[k]))
        k++;
    for (;;) {
        size_t b = k, m, e, alpha = 1;
        while (k < n && is_alnum((unsigned char)s[k]) && k - b < 9)
            k++;
        m = k - b;
        for (e = b; e < k; e++)
            alpha &= is_alpha((unsigned char)s[e]) ? 1u : 0u;
        if (m == 0 || m > 8 || (part == 0 && (!alpha || m < 2 || m > 3)) || o + 1 + m > 35)
            break;
        if (part)
            out[o++] = '-';
        for (e = b; e < k; e++) {
            unsigned char c = (unsigned char)s[e];
            int up = part > 0 && ((m == 2 && alpha) || (m == 4 && alpha && e == b));
            out[o++] = (char)(up ? (c >= 'a' && c <= 'z' ? c - 32 : c) : lower(c));
        }
        part++;
        if (k >= n || (s[k] != '-' && s[k] != '_'))
            break;
        k++;
    }
    if (!part) {
        out[0] = '\0';
        return 0;
    }
    out[o] = '\0';
    return o;
}

/* ---- the title ---- */

/* Lower-case letters and digits of s[0..n) (ASCII; other bytes kept) into out (cap bytes). */
static size_t squash(const char *s, size_t n, char *out, size_t cap)
{
    size_t k, o = 0;
    for (k = 0; k < n && o < cap; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 0x80 || is_alnum(c))
            out[o++] = (char)lower(c);
    }
    return o;
}

static int contains(const char *a, size_t n, const char *b, size_t m)
{
    size_t k;
    for (k = 0; m && k + m <= n; k++)
        if (!memcmp(a + k, b, m))
            return 1;
    return 0;
}

/* Whether part[0..n) names the site: its name, or a label of the URL's host. */
static size_t word_count(const char *s, size_t n);

static int names_site(const struct sift_meta *m, const char *part, size_t n, int suffix)
{
    char p[256], q[256];
    size_t pn, qn;
    pn = squash(part, n, p, sizeof p);
    if (pn < 2 || n > 120)
        return 0;
    if (m->site.len) {
        qn = squash(m->site.s, m->site.len, q, sizeof q);
        if (qn && (pn == qn ? !memcmp(p, q, pn)
                          : (pn >= 3 && contains(q, qn, p, pn)) || (qn >= 3 && pn <= qn + 12 && contains(p, pn, q, qn))))
            return 1;
    }
    if (m->url.len > 8 && !memcmp(m->url.s, "http", 4)) {
        const char *h = memchr(m->url.s, '/', m->url.len);
        size_t k, e;
        if (h && (size_t)(h - m->url.s) + 2 < m->url.len && h[1] == '/') {
            h += 2;
            e = 0;
            while (h + e < m->url.s + m->url.len && h[e] != '/' && h[e] != ':')
                e++;
            for (k = 0; k < e;) {
                size_t b = k;
                while (k < e && h[k] != '.')
                    k++;
                qn = squash(h + b, k - b, q, sizeof q);
                if (qn >= 3 && qn == pn && !memcmp(p, q, pn) && memcmp(q, "www", 3))
                    return 1;
                /* a short suffix holding the host's name: "brand eins online", brandeins.de */
                if (suffix && qn >= 5 && pn > qn && pn <= qn + 12 && contains(p, pn, q, qn) && word_count(part, n) <= 4)
                    return 1;
                k++;
            }
        }
    }
    return 0;
}

static const char *const seps[] = { " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ", " :: ",
                                     " \xC2\xBB ", " / ", " // ", " \xE2\x80\xA2 ", ": " };

/* Takes a site part off title t[0..*n) (a suffix first, then a prefix); returns 1 when it did. */
int sift_meta_strip_site(const struct sift_meta *m, const char *t, size_t *off, size_t *n)
{
    size_t k, best = 0, blen = 0, first = SIZE_MAX, flen = 0, e;
    int did = 0;
    for (k = 0; k < sizeof seps / sizeof seps[0]; k++) {
        size_t sl = strlen(seps[k]);
        for (e = *off; e + sl <= *off + *n; e++)
            if (!memcmp(t + e, seps[k], sl)) {
                if (k + 1 < sizeof seps / sizeof seps[0] && e + sl > best + blen) {
                    best = e;
                    blen = sl;
                }
                if (e < first) {
                    first = e;
                    flen = sl;
                }
            }
    }
    if (blen && best > *off && names_site(m, t + best + blen, *off + *n - best - blen, 1)) {
        *n = best - *off;
        did = 1;
    }
    if (first != SIZE_MAX && first + flen < *off + *n && names_site(m, t + *off, first - *off, 0)) {
        *n -= first + flen - *off;
        *off = first + flen;
        did = 1;
    }
    return did;
}

static size_t word_count(const char *s, size_t n)
{
    size_t k, w = 0;
    int in = 0;
    for (k = 0; k < n; k++) {
        if (is_space((unsigned char)s[k])) {
            in = 0;
        } else if (!in) {
            in = 1;
            w++;
        }
    }
    return w;
}

/* The byte length of a title separator at s[k] (| - \ / > and the dashes, »), or 0. */
static size_t sep_at(const char *s, size_t n, size_t k, int *hier)
{
    unsigned char c = (unsigned char)s[k];
    *hier = 0;
    if (c == '|' || c == '-')
        return 1;
    if (c == '\\' || c == '/' || c == '>') {
        *hier = 1;
        return 1;
    }
    if (c == 0xC2 && k + 1 < n && (unsigned char)s[k + 1] == 0xBB) {
        *hier = 1;
        return 2;
    }
    if (c == 0xE2 && k + 2 < n && (unsigned char)s[k + 1] == 0x80 &&
        ((unsigned char)s[k + 2] == 0x93 || (unsigned char)s[k + 2] == 0x94))
        return 3;
    return 0;
}

/* The headline in the page's <title>, as Readability.js finds it: t[*i .. *i + *n). */
void sift_meta_headline(const char *t, size_t len, const char *const *headings, unsigned n_headings,
                        const char *h1, const char **rt, size_t *rn)
{
    const char *orig = t;
    size_t orig_len = len;
    size_t k, last = SIZE_MAX, first = SIZE_MAX, firstlen = 0, i = 0, n = len, orig_words_nosep = 0;
    int hier = 0, spaced = 0, h;
    for (k = 0; k < len; k++) {
        size_t sl = sep_at(t, len, k, &h);
        if (!sl)
            continue;
        if (first == SIZE_MAX) {
            first = k;
            firstlen = sl;
        }
        if (k > 0 && t[k - 1] == ' ' && k + sl < len && t[k + sl] == ' ') {
            spaced = 1;
            hier |= h;
        }
        if (k + sl < len && t[k + sl] == ' ')
            last = k;
        k += sl - 1;
    }
    if (spaced) {
        n = last;
        if (word_count(t, n) < 3) {
            i = first + firstlen;
            n = len - i;
        }
    } else {
        const char *colon = NULL;
        for (k = 0; k + 1 < len; k++)
            if (t[k] == ':' && t[k + 1] == ' ') {
                colon = t + k;
                break;
            }
        if (colon) {
            unsigned e;
            int match = 0;
            for (e = 0; e < n_headings; e++)
                if (strlen(headings[e]) == len && !memcmp(headings[e], t, len))
                    match = 1;
            if (!match) {
                size_t lastc = 0;
                for (k = 0; k < len; k++)
                    if (t[k] == ':')
                        lastc = k;
                i = lastc + 1;
                n = len - i;
                if (word_count(t + i, n) < 3) {
                    i = (size_t)(colon - t) + 1;
                    n = len - i;
                } else if (word_count(t, (size_t)(colon - t)) > 5) {
                    i = 0;
                    n = len;
                }
            }
        } else if ((len > 150 || len < 15) && h1) {
            t = h1; /* the page's one <h1> */
            n = strlen(h1);
        }
    }
    while (n > 0 && is_space((unsigned char)t[i])) {
        i++;
        n--;
    }
    while (n > 0 && is_space((unsigned char)t[i + n - 1]))
        n--;
    if (word_count(t + i, n) <= 4) {
        for (k = 0; k < orig_len; k++) {
            size_t sl = sep_at(orig, orig_len, k, &h);
            if (sl) {
                k += sl - 1;
                continue;
            }
            if (!is_space((unsigned char)orig[k]) &&
                (k == 0 || is_space((unsigned char)orig[k - 1]) || sep_at(orig, orig_len, k - 1, &h)))
                orig_words_nosep++;
        }
        if (!hier || word_count(t + i, n) != orig_words_nosep - 1) {
            t = orig;
            i = 0;
            n = orig_len;
        }
    }
    *rt = t + i;
    *rn = n;
}
