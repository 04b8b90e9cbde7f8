/*
 * detect.c - guessing the encoding of a byte string. docs/encodings.md describes the decision
 * order and the scoring; the comments here explain the mechanics.
 *
 * No frequency data: single-byte code pages are scored with byte-class tables derived at run time
 * from iconv's own mapping plus Unicode range logic (script and case of each code point), and the
 * CJK encodings with the row structure of their standards (GB 2312 level-1 hanzi rows, JIS X 0208
 * kana rows, KS X 1001 hangul rows, Big5 frequent-character block).
 */
#include <stdint.h>
#include <string.h>

#include "encoding/encoding.h"
#include "unicode/unicode.h"

/* Statistics look at no more than this much input, and each scorer stops after HIGH_LIMIT bytes
 * >= 0x80: a few thousand non-ASCII bytes settle every case, and detection stays O(1) on big
 * inputs. */
#define SAMPLE_LEN 65536
#define HIGH_LIMIT 4096
/* Declarations are searched for in the head of the document only, as browsers do. */
#define DECL_LEN 4096

#define HIGH_BITS 0x8080808080808080ull

static size_t ascii_run(const unsigned char *s, size_t len)
{
    size_t i = 0;
    uint64_t a;

    while (i + 8 <= len) {
        memcpy(&a, s + i, 8);
        if (a & HIGH_BITS)
            break;
        i += 8;
    }
    while (i < len && s[i] < 0x80)
        i++;
    return i;
}

/* ------------------------------------------------------------------------------------------ */
/* Single-byte code pages                                                                      */

/* Byte class: kind in the low 3 bits, script above. */
enum { K_UNDEF = 0, K_SYM, K_JOIN, K_MARK, K_UPPER, K_LOWER, K_CASELESS };
enum { S_NONE = 0, S_LATIN = 1, S_CYRILLIC = 2, S_GREEK = 3, S_HEBREW = 4 };
#define KIND(c) ((c) & 7)
#define SCRIPT(c) ((c) >> 3)
#define CLS(k, s) ((unsigned char)((k) | ((s) << 3)))

struct sbcp {
    const char *name;
    int ok;                       /* iconv knows the code page */
    unsigned char cls[128];       /* class of bytes 0x80..0xFF */
};

/* Listed in order of preference: ties go to the earlier, more widespread code page. */
static struct sbcp sbcps[] = {
    {"WINDOWS-1252", 0, {0}},
    {"WINDOWS-1250", 0, {0}},
    {"WINDOWS-1251", 0, {0}},
    {"KOI8-R", 0, {0}},
    {"ISO-8859-7", 0, {0}},
    {"WINDOWS-1255", 0, {0}},
};
#define NSB (sizeof sbcps / sizeof sbcps[0])

static int inited;

/* Script and case of a code point from the layout of the Unicode blocks involved. */
static unsigned char classify(uint32_t u)
{
    if (u < 0xA0)
        return K_UNDEF; /* C1 controls: no text uses them */
    if (u == 0xD7 || u == 0xF7)
        return K_SYM;
    if (u >= 0xC0 && u <= 0xDE)
        return CLS(K_UPPER, S_LATIN);
    if (u >= 0xDF && u <= 0xFF)
        return CLS(K_LOWER, S_LATIN);
    if (u >= 0x100 && u <= 0x17F) {
        /* Latin Extended-A pairs upper/lower, with the parity flipping at U+0139 and U+014A
         * and again at U+0179. */
        int upper;
        if (u == 0x138 || u == 0x149 || u == 0x17F)
            upper = 0;
        else if (u == 0x178)
            upper = 1;
        else if (u < 0x138 || (u >= 0x14A && u < 0x178))
            upper = (u & 1) == 0;
        else
            upper = (u & 1) == 1;
        return CLS(upper ? K_UPPER : K_LOWER, S_LATIN);
    }
    if (u >= 0x180 && u <= 0x24F)
        return CLS(K_LOWER, S_LATIN);
    if (u >= 0x300 && u <= 0x36F)
        return K_MARK;
    if (u == 0x386 || (u >= 0x388 && u <= 0x38F) || (u >= 0x391 && u <= 0x3AB))
        return CLS(K_UPPER, S_GREEK);
    if (u == 0x390 || (u >= 0x3AC && u <= 0x3CE))
        return CLS(K_LOWER, S_GREEK);
    if (u >= 0x400 && u <= 0x42F)
        return CLS(K_UPPER, S_CYRILLIC);
    if (u >= 0x430 && u <= 0x45F)
        return CLS(K_LOWER, S_CYRILLIC);
    if (u >= 0x460 && u <= 0x4FF)
        return CLS((u & 1) ? K_LOWER : K_UPPER, S_CYRILLIC);
    if ((u >= 0x5D0 && u <= 0x5EA) || (u >= 0x5F0 && u <= 0x5F2))
        return CLS(K_CASELESS, S_HEBREW);
    if (u == 0x5F3 || u == 0x5F4 || u == 0x2019 || u == 0x2BC)
        return K_JOIN; /* geresh, gershayim, apostrophes: inside words */
    if (u >= 0x591 && u <= 0x5C7 && u != 0x5BE && u != 0x5C0 && u != 0x5C3 && u != 0x5C6)
        return K_MARK;
    return K_SYM;
}

int sift_detect_init(void)
{
    size_t k;
    int rc = SIFT_ENC_OK;

    if (inited)
        return SIFT_ENC_OK;
    for (k = 0; k < NSB; k++) {
        struct sbcp *cp = &sbcps[k];
        iconv_t cd = iconv_open("UTF-8", cp->name);
        unsigned b;

        if (cd == (iconv_t)-1) {
            rc = SIFT_ENC_ESYSTEM;
            continue;
        }
        for (b = 0x80; b <= 0xFF; b++) {
            char in = (char)b, out[8], *ip = &in, *op = out;
            size_t il = 1, ol = sizeof out, next;
            uint32_t u;

            iconv(cd, NULL, NULL, NULL, NULL);
            cp->cls[b - 0x80] = K_UNDEF;
            if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
                continue;
            /* glibc's CP1255 holds a letter back in case a point follows: flush it out. */
            iconv(cd, NULL, NULL, &op, &ol);
            if (op == out)
                continue;
            u = sift_utf8_decode((const unsigned char *)out, (size_t)(op - out), 0, &next);
            if (u != SIFT_INVALID_CP)
                cp->cls[b - 0x80] = classify(u);
        }
        iconv_close(cd);
        cp->ok = 1;
    }
    inited = 1;
    return rc;
}

static int ascii_case(unsigned b)
{
    if (b >= 'a' && b <= 'z')
        return 1;
    if (b >= 'A' && b <= 'Z')
        return 2;
    return 0;
}

struct sbstat {
    long good, bad, undef, inword_sym, upper, lower, high;
};

/*
 * Reads one word starting at s[i] (ASCII letters, high letters, marks and joiners) and judges
 * it: a word is plausible when its letters are of one script, when Latin accented letters come
 * with plain ones, when case does not go lower -> upper, and when it does not touch digits.
 * Returns the index after the word's terminator.
 */
static size_t sb_word(const unsigned char *cls, const unsigned char *s, size_t i, size_t n,
                      struct sbstat *st)
{
    int na = 0, nh = 0, prevcase = 0, camel = 0, digit = 0, scripts = 0;
    size_t start = i;

    if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
        digit = 1;
    for (; i < n; i++) {
        unsigned b = s[i], c, kind;
        int cs;

        if (b < 0x80) {
            cs = ascii_case(b);
            if (!cs) {
                if (b >= '0' && b <= '9')
                    digit = 1;
                break;
            }
            na++;
        } else {
            c = cls[b - 0x80];
            kind = KIND(c);
            if (kind == K_UNDEF) {
                st->undef++;
                st->high++;
                break;
            }
            if (kind == K_SYM) {
                st->high++;
                /* A symbol between two letters is really a letter of another code page. */
                if (i > start && i + 1 < n) {
                    unsigned nb = s[i + 1];
                    if (ascii_case(nb) || (nb >= 0x80 && KIND(cls[nb - 0x80]) >= K_UPPER))
                        st->inword_sym++;
                }
                break;
            }
            st->high++;
            if (kind == K_MARK || kind == K_JOIN)
                continue;
            nh++;
            scripts |= 1 << SCRIPT(c);
            cs = kind == K_LOWER ? 1 : kind == K_UPPER ? 2 : 0;
            if (cs == 1)
                st->lower++;
            else if (cs == 2)
                st->upper++;
        }
        if (prevcase == 1 && cs == 2)
            camel = 1;
        prevcase = cs;
    }
    if (nh > 0) {
        int ok = !camel && !digit;
        if (scripts & ~(1 << S_LATIN)) {
            if (na > 0 || (scripts & (scripts - 1)))
                ok = 0;
        } else if (na == 0 && nh >= 2) {
            ok = 0; /* Latin-script words are never all accented letters */
        }
        if (ok)
            st->good += nh;
        else
            st->bad += nh;
    }
    return i + 1;
}

static double score_sb(const struct sbcp *cp, const unsigned char *s, size_t n)
{
    struct sbstat st;
    size_t i = 0, j, w;
    long total;
    double score;

    memset(&st, 0, sizeof st);
    while (i < n && st.high < HIGH_LIMIT) {
        j = i + ascii_run(s + i, n - i);
        if (j >= n)
            break;
        w = j;
        while (w > i && ascii_case(s[w - 1]))
            w--;
        i = sb_word(cp->cls, s, w, n, &st);
    }
    total = st.good + st.bad + st.undef + st.inword_sym;
    if (total == 0)
        return 0.5; /* only symbols: nothing speaks for or against */
    score = (double)(st.good - st.bad - 3 * st.undef - st.inword_sym) / (double)total;
    if (st.upper + st.lower >= 20) {
        double up = (double)st.upper / (double)(st.upper + st.lower);
        /* Running text in a cased script is mostly lower case ... */
        if (up > 0.5)
            score -= 2.0 * (up - 0.5);
        /* ... but not entirely: sentences and names start upper case. A caseless script
         * (Hebrew) read through a cased code page shows no capitals at all. */
        if (st.lower >= 100 && st.upper * 100 < st.lower)
            score -= 0.3;
    }
    return score;
}

/* ------------------------------------------------------------------------------------------ */
/* Multibyte CJK encodings                                                                     */

struct mbstat {
    long n, common, kana, sym, rare, bad, hirows;
    int uhc;
};

enum { C_COMMON, C_KANA, C_SYM, C_RARE, C_BAD };

static void count(struct mbstat *m, int c)
{
    m->n++;
    switch (c) {
    case C_COMMON: m->common++; break;
    case C_KANA: m->kana++; break;
    case C_SYM: m->sym++; break;
    case C_RARE: m->rare++; break;
    default: m->bad++; break;
    }
}

/* GB18030 (superset of GBK and GB 2312). */
static int gb_class(unsigned b, unsigned t, struct mbstat *m)
{
    if (t >= 0xA1) {
        if (b >= 0xA1 && b <= 0xA9)
            return (b == 0xA4 || b == 0xA5) ? C_KANA : C_SYM;
        if (b >= 0xB0 && b <= 0xD7) {
            if (b >= 0xC9)
                m->hirows++; /* level-1 hanzi spread over all rows 16-55 in Chinese text */
            return C_COMMON;
        }
        if (b >= 0xD8 && b <= 0xF7) {
            m->hirows++;
            return C_RARE;
        }
        if (b < 0xA1)
            return C_RARE;
        return C_BAD; /* user-defined rows AA-AF, F8-FE */
    }
    if (b >= 0xA1 && b <= 0xA7)
        return C_BAD;
    return C_RARE;
}

static void scan_gb(const unsigned char *s, size_t n, int cut, struct mbstat *m)
{
    size_t i = 0;
    while (i < n && m->n < HIGH_LIMIT) {
        unsigned b, t;
        i += ascii_run(s + i, n - i);
        if (i >= n)
            break;
        b = s[i];
        if (b == 0x80 || b == 0xFF) {
            count(m, C_BAD);
            i++;
            continue;
        }
        if (i + 1 >= n) {
            if (!cut)
                count(m, C_BAD);
            break;
        }
        t = s[i + 1];
        if (t >= 0x30 && t <= 0x39) {
            if (i + 3 >= n) {
                if (!cut)
                    count(m, C_BAD);
                break;
            }
            if (s[i + 2] >= 0x81 && s[i + 2] <= 0xFE && s[i + 3] >= 0x30 && s[i + 3] <= 0x39) {
                count(m, C_RARE);
                i += 4;
            } else {
                count(m, C_BAD);
                i++;
            }
        } else if (t >= 0x40 && t <= 0xFE && t != 0x7F) {
            count(m, gb_class(b, t, m));
            i += 2;
        } else {
            count(m, C_BAD);
            i++;
        }
    }
}

static void scan_big5(const unsigned char *s, size_t n, int cut, struct mbstat *m)
{
    size_t i = 0;
    while (i < n && m->n < HIGH_LIMIT) {
        unsigned b, t, code;
        i += ascii_run(s + i, n - i);
        if (i >= n)
            break;
        b = s[i];
        if (b < 0xA1 || b > 0xF9) {
            count(m, C_BAD);
            i++;
            continue;
        }
        if (i + 1 >= n) {
            if (!cut)
                count(m, C_BAD);
            break;
        }
        t = s[i + 1];
        if (!((t >= 0x40 && t <= 0x7E) || (t >= 0xA1 && t <= 0xFE))) {
            count(m, C_BAD);
            i++;
            continue;
        }
        code = b << 8 | t;
        if (code <= 0xA3BF)
            count(m, C_SYM);
        else if (code < 0xA440)
            count(m, C_BAD);
        else if (code <= 0xC67E)
            count(m, C_COMMON); /* level 1: the 5401 frequent characters */
        else if (code < 0xC940)
            count(m, C_BAD);
        else
            count(m, C_RARE);
        i += 2;
    }
}

static int sjis_class(unsigned code)
{
    unsigned b = code >> 8;
    if (b == 0x81)
        return C_SYM;
    if (b == 0x82)
        return code >= 0x829F && code <= 0x82F1 ? C_KANA
             : code >= 0x824F && code <= 0x829A ? C_SYM : C_BAD;
    if (b == 0x83)
        return code <= 0x8396 ? C_KANA : code <= 0x83D6 ? C_SYM : C_BAD;
    if (b == 0x84 || b == 0x87)
        return C_SYM;
    if (b >= 0x88 && b <= 0x98)
        return code >= 0x889F && code <= 0x9872 ? C_COMMON : code < 0x889F ? C_BAD : C_RARE;
    if ((b >= 0x99 && b <= 0x9F) || (b >= 0xE0 && b <= 0xEA) || b == 0xED || b == 0xEE ||
        (b >= 0xFA && b <= 0xFC))
        return C_RARE;
    return C_BAD; /* 85-86 unassigned, EB-EC, F0-F9 user-defined */
}

static void scan_sjis(const unsigned char *s, size_t n, int cut, struct mbstat *m)
{
    size_t i = 0;
    while (i < n && m->n < HIGH_LIMIT) {
        unsigned b, t;
        i += ascii_run(s + i, n - i);
        if (i >= n)
            break;
        b = s[i];
        if (b >= 0xA1 && b <= 0xDF) {
            count(m, C_RARE); /* half-width katakana */
            i++;
            continue;
        }
        if (b == 0x80 || b == 0xA0 || b >= 0xFD) {
            count(m, C_BAD);
            i++;
            continue;
        }
        if (i + 1 >= n) {
            if (!cut)
                count(m, C_BAD);
            break;
        }
        t = s[i + 1];
        if (t < 0x40 || t == 0x7F || t > 0xFC) {
            count(m, C_BAD);
            i++;
            continue;
        }
        count(m, sjis_class(b << 8 | t));
        i += 2;
    }
}

static void scan_eucjp(const unsigned char *s, size_t n, int cut, struct mbstat *m)
{
    size_t i = 0;
    while (i < n && m->n < HIGH_LIMIT) {
        unsigned b, t;
        size_t need;
        i += ascii_run(s + i, n - i);
        if (i >= n)
            break;
        b = s[i];
        need = b == 0x8F ? 3 : 2;
        if (!(b == 0x8E || b == 0x8F || (b >= 0xA1 && b <= 0xFE))) {
            count(m, C_BAD);
            i++;
            continue;
        }
        if (i + need > n) {
            if (!cut)
                count(m, C_BAD);
            break;
        }
        t = s[i + 1];
        if (b == 0x8E) {
            count(m, t >= 0xA1 && t <= 0xDF ? C_RARE : C_BAD);
            i += t >= 0xA1 && t <= 0xDF ? 2 : 1;
            continue;
        }
        if (t < 0xA1 || t > 0xFE || (b == 0x8F && (s[i + 2] < 0xA1 || s[i + 2] > 0xFE))) {
            count(m, C_BAD);
            i++;
            continue;
        }
        if (b == 0x8F)
            count(m, C_RARE); /* JIS X 0212 */
        else if (b == 0xA4 || b == 0xA5)
            count(m, C_KANA);
        else if (b <= 0xA8)
            count(m, C_SYM);
        else if (b == 0xAD)
            count(m, C_RARE); /* NEC row 13 */
        else if (b < 0xB0 || b >= 0xF5)
            count(m, C_BAD);
        else
            count(m, b <= 0xCF ? C_COMMON : C_RARE);
        i += need;
    }
}

static void scan_euckr(const unsigned char *s, size_t n, int cut, struct mbstat *m)
{
    size_t i = 0;
    while (i < n && m->n < HIGH_LIMIT) {
        unsigned b, t;
        i += ascii_run(s + i, n - i);
        if (i >= n)
            break;
        b = s[i];
        if (b < 0x81 || b == 0xFF) {
            count(m, C_BAD);
            i++;
            continue;
        }
        if (i + 1 >= n) {
            if (!cut)
                count(m, C_BAD);
            break;
        }
        t = s[i + 1];
        if (b >= 0xA1 && t >= 0xA1 && t <= 0xFE) {
            if (b <= 0xAC)
                count(m, C_SYM);
            else if (b >= 0xB0 && b <= 0xC8)
                count(m, C_COMMON); /* the 2350 KS X 1001 hangul syllables */
            else if (b >= 0xCA && b <= 0xFD)
                count(m, C_RARE);   /* hanja */
            else
                count(m, C_BAD);
            i += 2;
        } else if (b <= 0xC6 && ((t >= 0x41 && t <= 0x5A) || (t >= 0x61 && t <= 0x7A) ||
                                 (t >= 0x81 && t <= 0xFE))) {
            /* CP949 (UHC) extension: the remaining 8822 hangul syllables. */
            m->uhc = 1;
            count(m, C_RARE);
            i += 2;
        } else {
            count(m, C_BAD);
            i++;
        }
    }
}

enum { MB_GB, MB_BIG5, MB_SJIS, MB_EUCJP, MB_EUCKR, NMB };

static double score_mb(int which, const struct mbstat *m)
{
    int japanese = which == MB_SJIS || which == MB_EUCJP;
    double kana_w = japanese ? 1.0 : 0.1;
    double score;

    if (m->n == 0)
        return -1.0;
    score = ((double)m->common + 0.5 * (double)m->sym + kana_w * (double)m->kana +
             0.3 * (double)m->rare - 3.0 * (double)m->bad) / (double)m->n;
    /* Japanese prose is a third to a half kana; kanji-only "Japanese" is Chinese or Korean. */
    if (japanese && m->n >= 20 && (double)m->kana < 0.05 * (double)m->n)
        score -= 0.5;
    /* Korean hangul read as GB 2312 lands in rows 16-40 only; Chinese uses rows 16-87. */
    if (which == MB_GB && m->common + m->rare >= 30 &&
        (double)m->hirows < 0.08 * (double)(m->common + m->rare))
        score -= 0.4;
    return score;
}

/* ------------------------------------------------------------------------------------------ */
/* Declarations                                                                                */

struct alias {
    const char *label; /* squashed: upper case, letters and digits only */
    const char *name;
};

/* Labels as pages use them (mostly the WHATWG Encoding Standard's), mapped to the iconv name
 * that decodes them best; supersets win because pages mislabel GBK as GB2312 and so on. */
static const struct alias aliases[] = {
    {"USASCII", "WINDOWS-1252"}, {"ASCII", "WINDOWS-1252"}, {"ISO88591", "WINDOWS-1252"},
    {"LATIN1", "WINDOWS-1252"}, {"L1", "WINDOWS-1252"}, {"WINDOWS1252", "WINDOWS-1252"},
    {"CP1252", "WINDOWS-1252"}, {"XCP1252", "WINDOWS-1252"}, {"CP819", "WINDOWS-1252"},
    {"ISO88592", "ISO-8859-2"}, {"LATIN2", "ISO-8859-2"}, {"ISO88593", "ISO-8859-3"},
    {"ISO88594", "ISO-8859-4"}, {"ISO88595", "ISO-8859-5"}, {"ISO88596", "ISO-8859-6"},
    {"ISO88597", "ISO-8859-7"}, {"GREEK", "ISO-8859-7"}, {"ISO88598", "ISO-8859-8"},
    {"ISO88598I", "ISO-8859-8"}, {"ISO88599", "WINDOWS-1254"}, {"LATIN5", "WINDOWS-1254"},
    {"ISO885910", "ISO-8859-10"}, {"ISO885913", "ISO-8859-13"}, {"ISO885915", "ISO-8859-15"},
    {"LATIN9", "ISO-8859-15"}, {"ISO885916", "ISO-8859-16"},
    {"WINDOWS1250", "WINDOWS-1250"}, {"CP1250", "WINDOWS-1250"}, {"XCP1250", "WINDOWS-1250"},
    {"WINDOWS1251", "WINDOWS-1251"}, {"CP1251", "WINDOWS-1251"}, {"XCP1251", "WINDOWS-1251"},
    {"WINDOWS1253", "WINDOWS-1253"}, {"WINDOWS1254", "WINDOWS-1254"},
    {"WINDOWS1255", "WINDOWS-1255"}, {"CP1255", "WINDOWS-1255"},
    {"WINDOWS1256", "WINDOWS-1256"}, {"WINDOWS1257", "WINDOWS-1257"},
    {"WINDOWS1258", "WINDOWS-1258"}, {"WINDOWS874", "WINDOWS-874"}, {"TIS620", "WINDOWS-874"},
    {"KOI8R", "KOI8-R"}, {"KOI8", "KOI8-R"}, {"KOI8U", "KOI8-U"}, {"KOI8RU", "KOI8-U"},
    {"IBM866", "IBM866"}, {"CP866", "IBM866"},
    {"GB2312", "GB18030"}, {"GBK", "GB18030"}, {"XGBK", "GB18030"}, {"GB18030", "GB18030"},
    {"CHINESE", "GB18030"}, {"CSGB2312", "GB18030"}, {"EUCCN", "GB18030"}, {"CP936", "GB18030"},
    {"BIG5", "BIG5"}, {"CNBIG5", "BIG5"}, {"XXBIG5", "BIG5"}, {"CP950", "BIG5"},
    {"BIG5HKSCS", "BIG5-HKSCS"},
    {"SHIFTJIS", "CP932"}, {"SJIS", "CP932"}, {"XSJIS", "CP932"}, {"MSKANJI", "CP932"},
    {"WINDOWS31J", "CP932"}, {"CSSHIFTJIS", "CP932"}, {"CP932", "CP932"}, {"MS932", "CP932"},
    {"EUCJP", "EUC-JP"}, {"XEUCJP", "EUC-JP"}, {"ISO2022JP", "ISO-2022-JP"},
    {"EUCKR", "EUC-KR"}, {"KSC56011987", "EUC-KR"}, {"KSC5601", "EUC-KR"}, {"KOREAN", "EUC-KR"},
    {"CSEUCKR", "EUC-KR"}, {"WINDOWS949", "CP949"}, {"CP949", "CP949"}, {"UHC", "CP949"},
};

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Case-insensitive search for a lower-case needle. */
static const unsigned char *find(const unsigned char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle), i, j;
    for (i = 0; i + m <= n; i++) {
        for (j = 0; j < m && lower(s[i + j]) == needle[j]; j++)
            ;
        if (j == m)
            return s + i;
    }
    return NULL;
}

/* The label after `key` ("charset" or "encoding"): optional spaces, '=', optional quote. */
static const char *label_after(const unsigned char *p, const unsigned char *end, const char *key)
{
    char sq[24];
    size_t n = 0, k;

    p += strlen(key);
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p != '=')
        return NULL;
    p++;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '"' || *p == '\''))
        p++;
    for (; p < end && n + 1 < sizeof sq; p++) {
        int c = *p;
        if (c >= 'a' && c <= 'z')
            sq[n++] = (char)(c - 'a' + 'A');
        else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            sq[n++] = (char)c;
        else if (c != '-' && c != '_' && c != '.' && c != ':')
            break;
    }
    sq[n] = '\0';
    for (k = 0; k < sizeof aliases / sizeof aliases[0]; k++)
        if (strcmp(aliases[k].label, sq) == 0)
            return aliases[k].name;
    return NULL;
}

/* The charset an XML declaration or HTML meta declares, mapped to an iconv name, or NULL. */
static const char *declared(const unsigned char *s, size_t n)
{
    const unsigned char *p, *end;
    const char *name;

    if (n > DECL_LEN)
        n = DECL_LEN;
    end = s + n;
    if ((p = find(s, n, "<?xml")) != NULL) {
        const unsigned char *q = find(p, (size_t)(end - p), "?>");
        const unsigned char *e = find(p, (size_t)((q ? q : end) - p), "encoding");
        if (e && (name = label_after(e, q ? q : end, "encoding")) != NULL)
            return name;
    }
    for (p = s; (p = find(p, (size_t)(end - p), "charset")) != NULL; p++)
        if ((name = label_after(p, end, "charset")) != NULL)
            return name;
    return NULL;
}

/* Whether iconv decodes s[0..n) under name without error (a sequence cut by the end of the
 * sample is fine). */
static int decodes(const char *name, const unsigned char *s, size_t n)
{
    struct sift_conv c;
    const char *in = (const char *)s;
    size_t il = n;
    char buf[4096];
    int rc;

    if (sift_conv_open(&c, name, SIFT_CONV_TO_UTF8, SIFT_INVALID_ERROR) != SIFT_ENC_OK) {
        sift_conv_close(&c);
        return 0;
    }
    do {
        char *op = buf;
        size_t ol = sizeof buf;
        rc = sift_conv_feed(&c, &in, &il, &op, &ol, 0);
    } while (rc == SIFT_CONV_FULL);
    sift_conv_close(&c);
    return rc == SIFT_ENC_OK;
}

/* ------------------------------------------------------------------------------------------ */

static const char *nul_pattern(const unsigned char *s, size_t n, double *conf)
{
    size_t z[4] = {0, 0, 0, 0}, i;

    if (n < 8 || !memchr(s, 0, n))
        return NULL;
    for (i = 0; i < n; i++)
        if (s[i] == 0)
            z[i & 3]++;
    *conf = 0.9;
    /* Latin text in UTF-32 has three zero bytes per character, in UTF-16 one: demand zeros in
     * over 80% of those slots and almost none (under 5%) in the others. */
    if (z[1] * 5 > n && z[2] * 5 > n && z[3] * 5 > n && z[0] * 80 < n)
        return "UTF-32LE";
    if (z[0] * 5 > n && z[1] * 5 > n && z[2] * 5 > n && z[3] * 80 < n)
        return "UTF-32BE";
    if ((z[1] + z[3]) * 5 > 2 * n && (z[0] + z[2]) * 40 < n)
        return "UTF-16LE";
    if ((z[0] + z[2]) * 5 > 2 * n && (z[1] + z[3]) * 40 < n)
        return "UTF-16BE";
    return NULL;
}

const char *sift_detect_encoding(const char *str, size_t len, double *confidence)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = len < SAMPLE_LEN ? len : SAMPLE_LEN;
    int cut = n < len;
    const char *name, *best = "WINDOWS-1252";
    double conf = 0.0, dummy, bestscore = -1e9, second = -1e9;
    struct mbstat mb[NMB];
    size_t k;

    if (!confidence)
        confidence = &dummy;
    if (!inited)
        sift_detect_init();

    /* 1. Byte order marks. */
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        *confidence = 1.0;
        return "UTF-8";
    }
    if (len >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0) {
        *confidence = 1.0;
        return "UTF-32LE";
    }
    if (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF) {
        *confidence = 1.0;
        return "UTF-32BE";
    }
    if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
        *confidence = 1.0;
        return "UTF-16LE";
    }
    if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
        *confidence = 1.0;
        return "UTF-16BE";
    }
    /* 2. UTF-16/32 without BOM: checked before UTF-8 because ASCII in UTF-16 is also valid
     * UTF-8 (NUL is a character), yet no real UTF-8 text is a third zero bytes. */
    if ((name = nul_pattern(s, n, confidence)) != NULL)
        return name;
    /* 3. Strict UTF-8. Pure ASCII is reported as UTF-8: every ASCII-compatible encoding decodes
     * it identically, and ISO-2022 escapes are the one 7-bit exception worth catching. */
    if (sift_utf8_valid(str, len, NULL)) {
        *confidence = 1.0;
        if (memchr(s, 0x1B, n)) {
            if (find(s, n, "\x1b$b") || find(s, n, "\x1b$@"))
                return "ISO-2022-JP";
            if (find(s, n, "\x1b$)c"))
                return "ISO-2022-KR";
        }
        if (ascii_run(s, len) < len)
            *confidence = 0.99;
        return "UTF-8";
    }
    /* 4. A declaration, if the bytes decode under it. */
    if ((name = declared(s, n)) != NULL && decodes(name, s, n)) {
        *confidence = 0.95;
        return name;
    }
    /* 5. Statistics. */
    for (k = 0; k < NSB; k++) {
        double sc;
        if (!sbcps[k].ok)
            continue;
        sc = score_sb(&sbcps[k], s, n);
        if (sc > bestscore) {
            second = bestscore;
            bestscore = sc;
            best = sbcps[k].name;
        } else if (sc > second) {
            second = sc;
        }
    }
    memset(mb, 0, sizeof mb);
    scan_gb(s, n, cut, &mb[MB_GB]);
    scan_big5(s, n, cut, &mb[MB_BIG5]);
    scan_sjis(s, n, cut, &mb[MB_SJIS]);
    scan_eucjp(s, n, cut, &mb[MB_EUCJP]);
    scan_euckr(s, n, cut, &mb[MB_EUCKR]);
    for (k = 0; k < NMB; k++) {
        static const char *const names[NMB] = {"GB18030", "BIG5", "CP932", "EUC-JP", "EUC-KR"};
        double sc = score_mb((int)k, &mb[k]);
        if (sc > bestscore) {
            second = bestscore;
            bestscore = sc;
            best = names[k];
            if (k == MB_EUCKR && mb[k].uhc)
                best = "CP949";
        } else if (sc > second) {
            second = sc;
        }
    }
    if (bestscore > 0) {
        double margin = bestscore - second;
        conf = bestscore > 1.0 ? 1.0 : bestscore;
        conf *= 0.5 + 0.5 * (margin > 0.5 ? 1.0 : margin / 0.5);
    }
    *confidence = conf;
    return best;
}
