/*
 * tokens.c - the news tokenizer.
 *
 * Each token starts where the previous one ended. At a token start the tokenizer first tries the
 * forms that UAX #29 would cut into pieces (URLs, e-mail addresses, @handles, #hashtags, signed
 * numbers), then takes the UAX #29 word segment that starts there and adjusts it the way a reader
 * of news expects: a full stop joins abbreviations and initials, hyphens join compounds, '%' and
 * ordinal or magnitude suffixes join numbers, runs of dots and dashes stay together, and clitics
 * are split off words. Runs of ASCII letters or digits that end in plain punctuation or space are
 * recognised without going through the general machinery; they are most of any English text.
 */
#include <string.h>

#include "text/tokens.h"
#include "text/abbrevs.h"
#include "unicode/breaks.h"
#include "unicode/unicode.h"
#include "common/ascii.h"

static const char *const kind_names[SIFT_TOK__COUNT] = {
    "word", "number", "abbrev", "clitic", "punct", "symbol", "url", "email", "mention",
    "hashtag", "emoji", "ideograph", "space", "invalid", "other"
};

const char *sift_token_kind_name(int kind)
{
    return (kind >= 0 && kind < SIFT_TOK__COUNT) ? kind_names[kind] : NULL;
}

/* ASCII character classes, as constant tables built by the preprocessor (no start-up work, no
 * shared mutable state). */
enum {
    A_ALPHA = 1,
    A_DIGIT = 2,
    A_SPACE = 4,
    A_SIMPLE = 8,   /* ends a letter run with nothing more to decide: not . : ' - @ _ + % # & */
    A_LOCAL = 16,   /* may stand in the local part of an e-mail address */
    A_URLSTOP = 32, /* never inside a URL */
    A_SYMBOL = 64,  /* general category S*: $ + < = > ^ ` | ~ */
    A_PUNCT = 128   /* general category P* */
};

#define C_ALPHA(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define C_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define C_SPACE(c) ((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))
#define C_SYMBOL(c) ((c) == '$' || (c) == '+' || (c) == '<' || (c) == '=' || (c) == '>' || (c) == '^' \
                     || (c) == '`' || (c) == '|' || (c) == '~')
#define C_PUNCT(c) ((c) > ' ' && (c) < 0x7F && !C_ALPHA(c) && !C_DIGIT(c) && !C_SYMBOL(c))
#define C_SIMPLE(c) (C_SPACE(c) || (C_PUNCT(c) && (c) != '.' && (c) != ':' && (c) != '\'' && (c) != '-' \
                     && (c) != '@' && (c) != '_' && (c) != '%' && (c) != '#' && (c) != '&') \
                     || ((c) != '+' && C_SYMBOL(c)))
#define C_LOCAL(c) (C_ALPHA(c) || C_DIGIT(c) || (c) == '.' || (c) == '_' || (c) == '%' || (c) == '+' || (c) == '-')
#define C_URLSTOP(c) ((c) <= ' ' || (c) == 0x7F || (c) == '"' || (c) == '<' || (c) == '>' || (c) == '`' \
                      || (c) == '{' || (c) == '}' || (c) == '|' || (c) == '\\' || (c) == '^')
#define CLS(c) ((c) >= 0x80 ? 0 : \
    (C_ALPHA(c) ? A_ALPHA : 0) | (C_DIGIT(c) ? A_DIGIT : 0) | (C_SPACE(c) ? A_SPACE : 0) \
    | (C_SIMPLE(c) ? A_SIMPLE : 0) | (C_LOCAL(c) ? A_LOCAL : 0) | (C_URLSTOP(c) ? A_URLSTOP : 0) \
    | (C_SYMBOL(c) ? A_SYMBOL : 0) | (C_PUNCT(c) ? A_PUNCT : 0))

static const unsigned char ascii[256] = SIFT_BYTE_TABLE(CLS);

#define IS(c, k) (ascii[(unsigned char)(c)] & (k))

void sift_tokenizer_init(struct sift_tokenizer *t, const char *s, size_t len, unsigned flags,
                         const struct sift_wordset *abbrevs)
{
    t->s = (const unsigned char *)s;
    t->len = len;
    t->pos = 0;
    t->flags = flags;
    t->abbrevs = abbrevs;
    t->has_pending = 0;
}

static int emit(struct sift_tokenizer *t, struct sift_token *tok, size_t i, size_t j, int kind)
{
    tok->i = i;
    tok->j = j;
    tok->kind = kind;
    t->pos = j;
    return 1;
}

static const struct sift_uprop *prop(const struct sift_tokenizer *t, size_t pos, size_t *next)
{
    return sift_uprop_at(t->s, t->len, pos, next);
}

static int is_letter_gc(int gc)
{
    return gc >= SIFT_GC_LU && gc <= SIFT_GC_LO;
}

/* Does a word-like UAX #29 segment start here: letters, digits, joiners of words? */
static int wordlike(const struct sift_uprop *p)
{
    switch (p->wb) {
    case SIFT_WB_ALETTER:
    case SIFT_WB_HEBREW_LETTER:
    case SIFT_WB_KATAKANA:
    case SIFT_WB_NUMERIC:
        return 1;
    default:
        return is_letter_gc(p->gc) && !(p->flags & SIFT_UF_IDEOGRAPHIC);
    }
}

static int wordlike_at(const struct sift_tokenizer *t, size_t pos)
{
    size_t next;
    if (pos >= t->len)
        return 0;
    if (t->s[pos] < 0x80)
        return IS(t->s[pos], A_ALPHA | A_DIGIT) != 0;
    return wordlike(prop(t, pos, &next));
}

static int has_letter(const struct sift_tokenizer *t, size_t i, size_t j)
{
    while (i < j) {
        size_t next;
        if (t->s[i] < 0x80) {
            if (IS(t->s[i], A_ALPHA))
                return 1;
            i++;
            continue;
        }
        if (is_letter_gc(prop(t, i, &next)->gc))
            return 1;
        i = next;
    }
    return 0;
}

/* Length of a hyphen joining a compound at pos: '-' or U+2010 HYPHEN or U+2011 NON-BREAKING HYPHEN. */
static size_t hyphen_at(const struct sift_tokenizer *t, size_t pos)
{
    const unsigned char *s = t->s;
    if (pos < t->len && s[pos] == '-')
        return 1;
    if (pos + 2 < t->len && s[pos] == 0xE2 && s[pos + 1] == 0x80 && (s[pos + 2] == 0x90 || s[pos + 2] == 0x91))
        return 3;
    return 0;
}

/* Length of an apostrophe at pos: ' or U+2019 RIGHT SINGLE QUOTATION MARK. */
static size_t apostrophe_at(const struct sift_tokenizer *t, size_t pos)
{
    const unsigned char *s = t->s;
    if (pos < t->len && s[pos] == '\'')
        return 1;
    if (pos + 2 < t->len && s[pos] == 0xE2 && s[pos + 1] == 0x80 && s[pos + 2] == 0x99)
        return 3;
    return 0;
}

static int ieq(const unsigned char *a, const char *lower, size_t n)
{
    size_t k;
    for (k = 0; k < n; k++)
        if ((a[k] | 0x20) != (unsigned char)lower[k])
            return 0;
    return 1;
}

/* name@example.org: ASCII local part and a domain of at least two labels, the last alphabetic. */
static size_t match_email(const struct sift_tokenizer *t, size_t a)
{
    const unsigned char *s = t->s;
    size_t i = a, j, label, labels = 0;

    if (!IS(s[i], A_ALPHA | A_DIGIT))
        return 0;
    while (i < t->len && i - a < 64 && IS(s[i], A_LOCAL)) /* RFC 5321: 64 at most; keeps "1-1-1-..." linear */
        i++;
    if (i >= t->len || s[i] != '@' || s[i - 1] == '.')
        return 0;
    j = i + 1;
    for (;;) {
        label = j;
        while (j < t->len && (IS(s[j], A_ALPHA | A_DIGIT) || s[j] == '-'))
            j++;
        if (j == label)
            return 0;
        labels++;
        if (j + 1 < t->len && s[j] == '.' && IS(s[j + 1], A_ALPHA | A_DIGIT)) {
            j++;
            continue;
        }
        break;
    }
    if (labels < 2 || j - label < 2)
        return 0;
    for (i = label; i < j; i++)
        if (!IS(s[i], A_ALPHA))
            return 0;
    return j;
}

/* http://, https://, ftp:// or www. followed by anything up to white space or a character that
 * cannot stand in a URL; trailing punctuation is the sentence's, and so is a closing bracket that
 * the URL did not open. */
static size_t match_url(const struct sift_tokenizer *t, size_t a)
{
    const unsigned char *s = t->s;
    size_t rest = t->len - a, i, end;
    int depth_round = 0, depth_square = 0;

    if (rest > 8 && ieq(s + a, "https://", 8))
        i = a + 8;
    else if (rest > 7 && ieq(s + a, "http://", 7))
        i = a + 7;
    else if (rest > 6 && ieq(s + a, "ftp://", 6))
        i = a + 6;
    else if (rest > 4 && ieq(s + a, "www.", 4) && IS(s[a + 4], A_ALPHA | A_DIGIT))
        i = a + 4;
    else
        return 0;
    end = i;
    while (end < t->len) {
        size_t next;
        const struct sift_uprop *p;
        if (s[end] < 0x80) {
            if (IS(s[end], A_URLSTOP))
                break;
            end++;
            continue;
        }
        if (sift_utf8_decode(s, t->len, end, &next) == SIFT_INVALID_CP)
            break;
        p = prop(t, end, &next);
        if ((p->flags & SIFT_UF_WHITE_SPACE) || (p->gc >= SIFT_GC_PC && p->gc <= SIFT_GC_PO))
            break;
        end = next;
    }
    for (size_t k = i; k < end; k++) {
        depth_round += (s[k] == '(') - (s[k] == ')');
        depth_square += (s[k] == '[') - (s[k] == ']');
    }
    while (end > i) {
        unsigned c = s[end - 1];
        if (c == ')' && depth_round < 0)
            depth_round++;
        else if (c == ']' && depth_square < 0)
            depth_square++;
        else if (!strchr(".,;:!?'\"", (int)c))
            break;
        end--;
    }
    return end > i ? end : 0;
}

/* The character before pos allows a token that starts with @, # or a sign: start of text, space,
 * an opening bracket or quote. */
static int opens_token(const struct sift_tokenizer *t, size_t pos)
{
    const unsigned char *s = t->s;
    size_t k, next;
    const struct sift_uprop *p;

    if (pos == 0)
        return 1;
    if (s[pos - 1] < 0x80)
        return IS(s[pos - 1], A_SPACE) || (s[pos - 1] != 0 && strchr("([{\"'/=<:", s[pos - 1]) != NULL);
    k = pos - 1;
    while (k > 0 && (s[k] & 0xC0) == 0x80 && pos - k < 4)
        k--;
    p = prop(t, k, &next);
    if (next != pos)
        return 0;
    return (p->flags & SIFT_UF_WHITE_SPACE) || p->gc == SIFT_GC_PS || p->gc == SIFT_GC_PI;
}

static size_t match_mention(const struct sift_tokenizer *t, size_t a)
{
    size_t j = a + 1;
    while (j < t->len && j - a <= 50 && (IS(t->s[j], A_ALPHA | A_DIGIT) || t->s[j] == '_'))
        j++;
    return (j > a + 1 && j - a <= 50) ? j : 0;
}

/* #tag: letters, marks, digits and underscores of any script, with at least one letter. */
static size_t match_hashtag(const struct sift_tokenizer *t, size_t a)
{
    size_t j = a + 1;
    int letters = 0;

    while (j < t->len) {
        size_t next;
        const struct sift_uprop *p;
        if (t->s[j] < 0x80) {
            if (IS(t->s[j], A_ALPHA))
                letters = 1;
            else if (!IS(t->s[j], A_DIGIT) && t->s[j] != '_')
                break;
            j++;
            continue;
        }
        if (sift_utf8_decode(t->s, t->len, j, &next) == SIFT_INVALID_CP)
            break;
        p = prop(t, j, &next);
        if (is_letter_gc(p->gc))
            letters = 1;
        else if (!(p->gc >= SIFT_GC_MN && p->gc <= SIFT_GC_ND) && p->wb != SIFT_WB_ZWJ)
            break;
        j = next;
    }
    return letters ? j : 0;
}

/* A.B, e.g, U.S.A, Ph.D: parts of one or two ASCII letters joined by full stops. */
static int is_dotted(const unsigned char *s, size_t i, size_t j)
{
    size_t run = 0;
    int dots = 0;
    for (; i < j; i++) {
        if (IS(s[i], A_ALPHA)) {
            if (++run > 2)
                return 0;
        } else if (s[i] == '.' && run > 0) {
            run = 0;
            dots++;
        } else {
            return 0;
        }
    }
    return dots > 0 && run > 0;
}

/* An initial: one upper-case letter ("J." in J. K. Rowling), except the pronoun I, which ends
 * sentences far more often than it abbreviates a name. */
static int is_initial(const struct sift_tokenizer *t, size_t i, size_t j)
{
    size_t next;
    const struct sift_uprop *p = prop(t, i, &next);
    return next == j && (p->gc == SIFT_GC_LU || p->gc == SIFT_GC_LT) && !(j == i + 1 && t->s[i] == 'I');
}

static int is_abbrev(const struct sift_tokenizer *t, size_t i, size_t j)
{
    const char *w = (const char *)t->s + i;
    if (t->abbrevs && sift_wordset_has(t->abbrevs, w, j - i))
        return 1;
    return sift_is_builtin_abbrev(w, j - i);
}

/* Suffixes that keep a number a number: ordinals, magnitudes, decades. */
static int number_suffix(const unsigned char *s, size_t i, size_t j)
{
    static const char *const suffixes[] = { "st", "nd", "rd", "th", "s", "k", "m", "bn", "tn", "mn", "b" };
    size_t k;
    for (k = 0; k < sizeof suffixes / sizeof *suffixes; k++) {
        size_t n = strlen(suffixes[k]);
        if (n == j - i && ieq(s + i, suffixes[k], n))
            return 1;
    }
    return 0;
}

/* Kind of a numeric UAX #29 segment [i, j): digits and separators, then perhaps letters. */
static int numeric_kind(const struct sift_tokenizer *t, size_t i, size_t j)
{
    const unsigned char *s = t->s;
    size_t k = i;
    while (k < j && (IS(s[k], A_DIGIT) || (!IS(s[k], A_ALPHA) && s[k] < 0x80)))
        k++;
    if (k == j)
        return SIFT_TOK_NUMBER;
    if (IS(s[k - 1], A_DIGIT) && number_suffix(s, k, j))
        return SIFT_TOK_NUMBER;
    return has_letter(t, k, j) ? SIFT_TOK_WORD : SIFT_TOK_NUMBER;
}

static int all_digits(const unsigned char *s, size_t i, size_t j)
{
    for (; i < j; i++)
        if (!IS(s[i], A_DIGIT))
            return 0;
    return 1;
}

static int is_emoji_mark(uint32_t cp)
{
    return cp == 0xFE0F || cp == 0x200D || cp == 0x20E3 || (cp >= 0x1F3FB && cp <= 0x1F3FF);
}

/* An emoji sequence: emoji-presentation characters and flags, or any emoji character that a
 * variation selector, a ZWJ, a keycap mark or a skin tone makes one. */
static int is_emoji_segment(const struct sift_tokenizer *t, size_t a, size_t b)
{
    size_t next;
    const struct sift_uprop *p = prop(t, a, &next);
    if (p->wb == SIFT_WB_REGIONAL_INDICATOR || (p->flags & SIFT_UF_EMOJI_PRESENTATION))
        return 1;
    if (!(p->flags & (SIFT_UF_EMOJI | SIFT_UF_EXTPICT)))
        return 0;
    while (next < b) {
        size_t n2;
        uint32_t cp = sift_utf8_decode(t->s, t->len, next, &n2);
        if (is_emoji_mark(cp))
            return 1;
        next = n2;
    }
    return 0;
}

/*
 * A word or number that UAX #29 found at [a, b), with `first` where its digits or letters begin
 * (after a sign). Grows it by the news rules, then splits off a clitic.
 */
static int word_token(struct sift_tokenizer *t, struct sift_token *tok, size_t a, size_t first, size_t b)
{
    const unsigned char *s = t->s;
    size_t end = b, last = first;
    int kind;

    /* an e-mail address starts like a word */
    if (end < t->len && (s[end] == '@' || IS(s[end], A_LOCAL)) && a == first) {
        size_t e = match_email(t, a);
        if (e)
            return emit(t, tok, a, e, SIFT_TOK_EMAIL);
    }
    kind = (s[first] < 0x80 && IS(s[first], A_DIGIT)) ? numeric_kind(t, first, end) : SIFT_TOK_WORD;
    if (kind == SIFT_TOK_NUMBER) {
        /* times: 10:30, 9:05:59 */
        while (end + 3 <= t->len && s[end] == ':' && end - last <= 2 && all_digits(s, last, end)
               && IS(s[end + 1], A_DIGIT) && IS(s[end + 2], A_DIGIT)
               && (end + 3 == t->len || !IS(s[end + 3], A_DIGIT | A_ALPHA))) {
            last = end + 1;
            end += 3;
        }
        if (end < t->len && s[end] == '%')
            end++;
    }
    for (;;) {
        size_t h = hyphen_at(t, end);
        /* compounds: state-owned, COVID-19, 24-year-old; but not ranges of numbers (2010-2015) */
        if (h && s[end - 1] != '%' && wordlike_at(t, end + h)) {
            size_t e2 = sift_word_break_next((const char *)s, t->len, end + h);
            if (has_letter(t, first, end) || has_letter(t, end + h, e2)) {
                last = end + h;
                end = e2;
                kind = SIFT_TOK_WORD;
                continue;
            }
        }
        /* abbreviations and initials take their full stop: U.S., e.g., Mr., J. */
        if (kind == SIFT_TOK_WORD && end < t->len && s[end] == '.'
            && (is_dotted(s, last, end) || is_initial(t, last, end) || is_abbrev(t, last, end))) {
            end++;
            kind = SIFT_TOK_ABBREV;
            if (hyphen_at(t, end) && wordlike_at(t, end + hyphen_at(t, end))) {
                kind = SIFT_TOK_WORD;
                continue; /* U.S.-led */
            }
        }
        break;
    }
    /* clitics: Jinping’s -> Jinping ’s; don't -> do n't; they're -> they 're */
    if (kind == SIFT_TOK_WORD && end - last >= 3) {
        size_t k = end - 1, ap;
        while (k > last && IS(s[k], A_ALPHA) && end - k <= 2)
            k--;
        if (k > last && !IS(s[k], A_ALPHA)) {
            /* s[k] is the last byte of a possible apostrophe */
            size_t start = (s[k] == '\'') ? k : (k >= 2 ? k - 2 : k);
            ap = apostrophe_at(t, start);
            if (ap && start + ap == k + 1 && start > last) {
                const unsigned char *c = s + k + 1;
                size_t n = end - k - 1, split = 0;
                if ((n == 1 && strchr("sdmSDM", c[0])) || (n == 2 && (ieq(c, "re", 2) || ieq(c, "ve", 2) || ieq(c, "ll", 2))))
                    split = start;
                else if (n == 1 && (c[0] | 0x20) == 't' && start - 1 > last && (s[start - 1] | 0x20) == 'n')
                    split = start - 1;
                if (split) {
                    t->pending.i = split;
                    t->pending.j = end;
                    t->pending.kind = SIFT_TOK_CLITIC;
                    t->has_pending = 1;
                    emit(t, tok, a, split, SIFT_TOK_WORD);
                    t->pos = end;
                    return 1;
                }
            }
        }
    }
    return emit(t, tok, a, end, kind);
}

static size_t space_run(const struct sift_tokenizer *t, size_t i)
{
    while (i < t->len) {
        size_t next;
        if (t->s[i] < 0x80) {
            if (!IS(t->s[i], A_SPACE))
                break;
            i++;
            continue;
        }
        if (!(prop(t, i, &next)->flags & SIFT_UF_WHITE_SPACE))
            break;
        i = next;
    }
    return i;
}

/* Where a punctuation token that starts with c and ends at b ends after joining runs: ... -- !! ?! */
static size_t punct_run(const struct sift_tokenizer *t, unsigned c, size_t b)
{
    if (c == '.' || c == '-') {
        while (b < t->len && t->s[b] == c)
            b++;
    } else if (c == '!' || c == '?') {
        while (b < t->len && (t->s[b] == '!' || t->s[b] == '?'))
            b++;
    }
    return b;
}

int sift_tokenizer_next(struct sift_tokenizer *t, struct sift_token *tok)
{
    const unsigned char *s = t->s;
    size_t a, b, next;
    const struct sift_uprop *p;
    unsigned c;

    if (t->has_pending) {
        t->has_pending = 0;
        *tok = t->pending;
        return 1;
    }
again:
    a = t->pos;
    if (a >= t->len)
        return 0;
    c = s[a];

    if (c < 0x80) {
        unsigned k = ascii[c];
        if (k & A_SPACE) {
            b = space_run(t, a + 1);
            if (!(t->flags & SIFT_TOKENS_SPACES)) {
                t->pos = b;
                goto again;
            }
            return emit(t, tok, a, b, SIFT_TOK_SPACE);
        }
        if (k & (A_ALPHA | A_DIGIT)) {
            /* fast path: a run of ASCII letters and digits ending in plain punctuation or space */
            b = sift_ascii_alnum_run(s, a + 1, t->len);
            if (b == t->len || (IS(s[b], A_SIMPLE) && !(s[b] == ',' && (k & A_DIGIT)))) {
                if (k & A_ALPHA)
                    return emit(t, tok, a, b, SIFT_TOK_WORD);
                if (all_digits(s, a, b))
                    return emit(t, tok, a, b, SIFT_TOK_NUMBER);
            }
            if ((c == 'h' || c == 'H' || c == 'w' || c == 'W' || c == 'f' || c == 'F') && (b = match_url(t, a)))
                return emit(t, tok, a, b, SIFT_TOK_URL);
            b = sift_word_break_next((const char *)s, t->len, a);
            if ((k & A_DIGIT) && b > a + 1 && s[a + 1] >= 0x80 && is_emoji_segment(t, a, b))
                return emit(t, tok, a, b, SIFT_TOK_EMOJI); /* keycaps: 1 U+FE0F U+20E3 */
            return word_token(t, tok, a, a, b);
        }
        if (c == '@' && opens_token(t, a) && (b = match_mention(t, a)))
            return emit(t, tok, a, b, SIFT_TOK_MENTION);
        if (c == '#' && opens_token(t, a) && (b = match_hashtag(t, a)))
            return emit(t, tok, a, b, SIFT_TOK_HASHTAG);
        if ((c == '-' || c == '+') && a + 1 < t->len && IS(s[a + 1], A_DIGIT) && opens_token(t, a))
            return word_token(t, tok, a, a + 1, sift_word_break_next((const char *)s, t->len, a + 1));
        /* One ASCII punctuation mark or symbol followed by ASCII is a UAX #29 segment of its own
         * (nothing joins it: WB999), except '_', which joins letters (WB13b). */
        if ((k & (A_PUNCT | A_SYMBOL)) && c != '_' && (a + 1 == t->len || s[a + 1] < 0x80))
            return emit(t, tok, a, punct_run(t, c, a + 1), (k & A_PUNCT) ? SIFT_TOK_PUNCT : SIFT_TOK_SYMBOL);
    } else if (sift_utf8_decode(s, t->len, a, &next) == SIFT_INVALID_CP) {
        return emit(t, tok, a, next, SIFT_TOK_INVALID);
    } else if (c == 0xE2 && a + 3 < t->len && s[a + 1] == 0x88 && s[a + 2] == 0x92
               && IS(s[a + 3], A_DIGIT) && opens_token(t, a)) {
        /* U+2212 MINUS SIGN before a number */
        return word_token(t, tok, a, a + 3, sift_word_break_next((const char *)s, t->len, a + 3));
    }

    p = prop(t, a, &next);
    if (p->flags & SIFT_UF_WHITE_SPACE) {
        b = space_run(t, next);
        if (!(t->flags & SIFT_TOKENS_SPACES)) {
            t->pos = b;
            goto again;
        }
        return emit(t, tok, a, b, SIFT_TOK_SPACE);
    }
    b = sift_word_break_next((const char *)s, t->len, a);
    if (b > next && is_emoji_segment(t, a, b))
        return emit(t, tok, a, b, SIFT_TOK_EMOJI);
    if (wordlike(p))
        return word_token(t, tok, a, a, b);
    if (p->flags & SIFT_UF_IDEOGRAPHIC)
        return emit(t, tok, a, b, SIFT_TOK_IDEOGRAPH);
    if (is_emoji_segment(t, a, b))
        return emit(t, tok, a, b, SIFT_TOK_EMOJI);
    if (p->gc >= SIFT_GC_PC && p->gc <= SIFT_GC_PO)
        return emit(t, tok, a, punct_run(t, c, b), SIFT_TOK_PUNCT);
    if (p->gc >= SIFT_GC_SM && p->gc <= SIFT_GC_SO)
        return emit(t, tok, a, b, SIFT_TOK_SYMBOL);
    if (p->gc >= SIFT_GC_ND && p->gc <= SIFT_GC_NO)
        return emit(t, tok, a, b, SIFT_TOK_NUMBER);
    return emit(t, tok, a, b, SIFT_TOK_OTHER);
}
