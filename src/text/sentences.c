/*
 * sentences.c - the news-aware sentence splitter (sentences.h).
 *
 * Most of a text cannot end a sentence, so a byte loop runs over it until it meets a possible end:
 * a terminator (. ! ?), a line break, or the lead byte of a multi-byte character (which may be a
 * full-width terminator, an ellipsis or a Unicode line separator). Only there does the splitter
 * look closer, and it does so with the tokenizer: the token that holds the terminator tells an
 * abbreviation ("U.S.", "Mr."), a number ("3.5"), a URL or a plain full stop apart, and the first
 * word after it tells whether a sentence starts there. The tokenizer restarts at any token
 * boundary, so each look starts at the white space before the terminator, and a scan never
 * reads the same text more than a few times: the whole walk is linear in the length of the text.
 */
#include <stdint.h>
#include <string.h>

#include "text/sentences.h"
#include "text/tokens.h"
#include "text/abbrevs.h"
#include "unicode/unicode.h"
#include "common/ascii.h" /* SIFT_SWAR, SIFT_BYTE_TABLE, sift_ascii_alnum */

/* Byte classes of the scan loop, as a constant table built by the preprocessor. */
enum {
    B_TERM = 1,  /* . ! ? */
    B_BREAK = 2, /* \n \v \f \r */
    B_LEAD = 4,  /* starts a multi-byte UTF-8 character */
    B_SPACE = 8  /* ASCII white space */
};
#define B_STOP (B_TERM | B_BREAK | B_LEAD)

#define BC(c) ((((c) == '.' || (c) == '!' || (c) == '?') ? B_TERM : 0) \
    | (((c) >= 0x0A && (c) <= 0x0D) ? B_BREAK : 0) \
    | (((c) >= 0xC2 && (c) <= 0xF4) ? B_LEAD : 0) \
    | (((c) == ' ' || ((c) >= 0x09 && (c) <= 0x0D)) ? B_SPACE : 0))
static const unsigned char bytecls[256] = SIFT_BYTE_TABLE(BC);

#define ASCII_SPACE(c) ((bytecls[(unsigned char)(c)] & B_SPACE) != 0)

#ifdef SIFT_SWAR
/* The high bit of each byte of the result is set where x holds a byte the scan must stop at
 * ('.', '!', '?', LF VT FF CR) or any byte of a multi-byte character. The equality tests can also
 * flag a byte above a true hit (a borrow), never below one, so the lowest flag is exact. */
static inline uint64_t stop_bytes(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t dot = x ^ ('.' * ones), bang = x ^ ('!' * ones), query = x ^ ('?' * ones);
    uint64_t x7 = x & ~high;
    uint64_t brk = (x7 + (0x80 - 0x0A) * ones) & ~(x7 + (0x80 - 0x0E) * ones);
    return (((dot - ones) & ~dot) | ((bang - ones) & ~bang) | ((query - ones) & ~query) | brk | x) & high;
}
#endif

/* The first byte at or after p that the scan must look at (see B_STOP), or len. */
static size_t scan_stop(const unsigned char *s, size_t p, size_t len)
{
#ifdef SIFT_SWAR
    while (len - p >= 8) {
        uint64_t x, m;
        memcpy(&x, s + p, 8);
        m = stop_bytes(x);
        if (m)
            return p + ((size_t)__builtin_ctzll(m) >> 3);
        p += 8;
    }
#endif
    while (p < len && !(bytecls[s[p]] & B_STOP))
        p++;
    return p;
}

/*
 * Hard-wrapped text: lines of at most WRAP_MAX characters, the longest at least WRAP_MIN. A text
 * with a longer line near a line break is not wrapped there (news text that is not wrapped has
 * one paragraph a line, and its paragraphs are longer than any wrapping width); one whose lines
 * are all narrower than WRAP_MIN is a list of short lines, not prose.
 */
#define WRAP_MIN 40
#define WRAP_MAX 100

/* How many opening quotes and brackets may stand before the word that starts a sentence. */
#define MAX_OPENERS 4

void sift_sentences_init(struct sift_sentences *st, const char *s, size_t len, unsigned flags,
                         const struct sift_wordset *abbrevs)
{
    st->s = (const unsigned char *)s;
    st->len = len;
    st->pos = 0;
    st->paragraph = 0;
    st->started = 0;
    st->new_paragraph = 0;
    st->flags = flags;
    st->abbrevs = abbrevs;
    sift_tokenizer_init(&st->tok, s, len, 0, abbrevs);
}

/* ---- characters -------------------------------------------------------------------------- */

/* The code point at pos (U+FFFD for an ill-formed subpart); *next is set just past it. */
static uint32_t cp_at(const struct sift_sentences *st, size_t pos, size_t *next)
{
    uint32_t cp;
    if (st->s[pos] < 0x80) {
        *next = pos + 1;
        return st->s[pos];
    }
    cp = sift_utf8_decode(st->s, st->len, pos, next);
    return cp == SIFT_INVALID_CP ? 0xFFFDu : cp;
}

static int gc_of(uint32_t cp)
{
    return sift_uprop(cp)->gc;
}

/* A terminator: Sentence_Break STerm or ATerm (UAX #29), or U+2026 HORIZONTAL ELLIPSIS. */
static int is_terminator_cp(uint32_t cp)
{
    int sb;
    if (cp < 0x80)
        return cp == '.' || cp == '!' || cp == '?';
    sb = sift_uprop(cp)->sb;
    return sb == SIFT_SB_STERM || sb == SIFT_SB_ATERM || cp == 0x2026;
}

/* Terminators of scripts written without spaces (。！？．｡ and the rest of the CJK and full-width
 * blocks): a sentence ends right after them. */
static int is_unspaced_terminator_cp(uint32_t cp)
{
    return cp >= 0x3000 && is_terminator_cp(cp);
}

enum { LB_NONE = 0, LB_LINE, LB_PARA };

/* A line break at pos: LB_LINE for LF, CR, CR LF, VT, NEL and U+2028 LINE SEPARATOR; LB_PARA for
 * FF and U+2029 PARAGRAPH SEPARATOR. *next is set just past it. */
static int linebreak_at(const struct sift_sentences *st, size_t pos, size_t *next)
{
    const unsigned char *s = st->s;
    unsigned c = s[pos];

    if (c == '\n' || c == 0x0B) {
        *next = pos + 1;
        return LB_LINE;
    }
    if (c == '\r') {
        *next = (pos + 1 < st->len && s[pos + 1] == '\n') ? pos + 2 : pos + 1;
        return LB_LINE;
    }
    if (c == 0x0C) {
        *next = pos + 1;
        return LB_PARA;
    }
    if (c == 0xC2 && pos + 1 < st->len && s[pos + 1] == 0x85) {
        *next = pos + 2;
        return LB_LINE;
    }
    if (c == 0xE2 && pos + 2 < st->len && s[pos + 1] == 0x80 && (s[pos + 2] == 0xA8 || s[pos + 2] == 0xA9)) {
        *next = pos + 3;
        return s[pos + 2] == 0xA8 ? LB_LINE : LB_PARA;
    }
    return LB_NONE;
}

/* Does a line break end just before pos? (The last byte of LF, CR, VT, FF, NEL, LS or PS.) */
static int linebreak_before(const struct sift_sentences *st, size_t pos)
{
    const unsigned char *s = st->s;
    unsigned c;
    if (pos == 0)
        return 0;
    c = s[pos - 1];
    if (c >= 0x0A && c <= 0x0D)
        return 1;
    if (c == 0x85)
        return pos >= 2 && s[pos - 2] == 0xC2;
    if (c == 0xA8 || c == 0xA9)
        return pos >= 3 && s[pos - 3] == 0xE2 && s[pos - 2] == 0x80;
    return 0;
}

/* Is the character at pos white space (Unicode White_Space)? *next is set just past it. */
static int space_at(const struct sift_sentences *st, size_t pos, size_t *next)
{
    if (st->s[pos] < 0x80) {
        *next = pos + 1;
        return ASCII_SPACE(st->s[pos]);
    }
    return (sift_uprop_at(st->s, st->len, pos, next)->flags & SIFT_UF_WHITE_SPACE) != 0;
}

/* The start of the character that ends just before b (b > a), not before a. */
static size_t char_before(const struct sift_sentences *st, size_t a, size_t b)
{
    size_t k = b - 1;
    while (k > a && (st->s[k] & 0xC0) == 0x80 && b - k < 4)
        k--;
    return k;
}

/* The end of [a, b) without its trailing white space. */
static size_t trim_end(const struct sift_sentences *st, size_t a, size_t b)
{
    while (b > a) {
        size_t k, next;
        if (st->s[b - 1] < 0x80) {
            if (!ASCII_SPACE(st->s[b - 1]))
                break;
            b--;
            continue;
        }
        k = char_before(st, a, b);
        if (!space_at(st, k, &next) || next != b)
            break;
        b = k;
    }
    return b;
}

/* Characters (not bytes) in [a, b): what a line's width is measured in. */
static size_t width(const struct sift_sentences *st, size_t a, size_t b)
{
    size_t n = 0;
    for (; a < b; a++)
        n += (st->s[a] & 0xC0) != 0x80;
    return n;
}

/* ---- the white space between two pieces of text ------------------------------------------ */

struct gap {
    size_t end;         /* the first character that is not white space, or len */
    size_t first_break; /* where its first line break is (when lines > 0) */
    int lines;          /* line breaks in it */
    int paragraph;      /* a blank line, FF or PS in it */
};

static void scan_gap(const struct sift_sentences *st, size_t pos, struct gap *g)
{
    g->lines = 0;
    g->paragraph = 0;
    g->first_break = pos;
    while (pos < st->len) {
        size_t next;
        int lb = (bytecls[st->s[pos]] & (B_BREAK | B_LEAD)) ? linebreak_at(st, pos, &next) : LB_NONE;
        if (lb != LB_NONE) {
            if (g->lines++ == 0)
                g->first_break = pos;
            if (lb == LB_PARA || g->lines >= 2)
                g->paragraph = 1; /* two line breaks with only white space between: a blank line */
            pos = next;
            continue;
        }
        if (!space_at(st, pos, &next))
            break;
        pos = next;
    }
    g->end = pos;
}

/* ---- lines ------------------------------------------------------------------------------- */

/* The start of the line that holds pos. */
static size_t line_start(const struct sift_sentences *st, size_t pos)
{
    while (pos > 0 && !linebreak_before(st, pos))
        pos--;
    return pos;
}

/* Where the line that holds pos ends (its line break, or len). */
static size_t line_end(const struct sift_sentences *st, size_t pos)
{
    while (pos < st->len) {
        size_t next;
        if ((bytecls[st->s[pos]] & (B_BREAK | B_LEAD)) && linebreak_at(st, pos, &next) != LB_NONE)
            break;
        pos++;
    }
    return pos;
}

/* Is only white space before pos on its line? */
static int at_line_start(const struct sift_sentences *st, size_t pos)
{
    while (pos > 0 && !linebreak_before(st, pos)) {
        if (!ASCII_SPACE(st->s[pos - 1]))
            return 0;
        pos--;
    }
    return 1;
}

/*
 * A list marker at pos, followed by a space: a bullet (- * + • ‣ ◦ ⁃ ▪ ■ ● – —), or a number of up
 * to three digits, a lower-case letter or a roman numeral followed by "." or ")", or any of those
 * and a capital letter in brackets ("(a)", "(1)", "A)", "IV."). Returns the marker's length
 * without the space, or 0. A capital letter with a full stop is an initial ("J. K. Rowling"),
 * not a marker.
 */
static size_t list_marker_len(const struct sift_sentences *st, size_t pos)
{
    const unsigned char *s = st->s;
    size_t k, n, next;
    uint32_t cp;

    if (pos >= st->len)
        return 0;
    cp = cp_at(st, pos, &next);
    if (cp == '-' || cp == '*' || cp == '+' || cp == 0x2022 || cp == 0x2023 || cp == 0x25E6
        || cp == 0x2043 || cp == 0x25AA || cp == 0x25A0 || cp == 0x25CF || cp == 0x2013 || cp == 0x2014) {
        k = next;
    } else {
        int paren = s[pos] == '(', upper = 0;
        k = n = pos + (size_t)paren;
        while (k < st->len && k - n < 4 && s[k] >= '0' && s[k] <= '9')
            k++;
        if (k == n) {
            while (k < st->len && k - n < 5 && (s[k] == 'i' || s[k] == 'v' || s[k] == 'x'))
                k++;
            /* capital roman numerals of two letters or more: "II.", "IV." (a lone "I." or "V." is
             * the pronoun or an initial) */
            if (k == n) {
                while (k < st->len && k - n < 5 && (s[k] == 'I' || s[k] == 'V' || s[k] == 'X'))
                    k++;
                if (k == n + 1)
                    k = n;
            }
            if (k == n && k < st->len && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) {
                upper = s[k] <= 'Z';
                k++;
            }
        }
        if (k == n || k - n > (s[n] <= '9' ? 3u : 4u) || k >= st->len)
            return 0;
        if (s[k] == ')' || (s[k] == '.' && !paren && !upper))
            k++;
        else
            return 0;
    }
    if (k < st->len && (s[k] == ' ' || s[k] == '\t'))
        return k - pos;
    return 0;
}

/* ---- words ------------------------------------------------------------------------------- */

/* The splitter's tokenizer, restarted at pos (a token boundary). One tokenizer serves every look
 * at the text, so whatever it keeps about the text from one look to the next stays with it. */
static struct sift_tokenizer *tokenizer_at(struct sift_sentences *st, size_t pos)
{
    st->tok.pos = pos;
    st->tok.has_pending = 0;
    return &st->tok;
}

enum { W_END = 0, W_LOWER, W_UPPER, W_DIGIT, W_OTHER };

struct next_word {
    int shape;      /* W_* */
    int kind;       /* the token's kind (enum sift_token_kind), -1 for none */
    int opened;     /* an opening quote or bracket stood before it */
    size_t i, j;    /* the word, without the full stop of an abbreviation */
};

/* An opening quote or bracket: ( [ { " ' ` and general categories Ps and Pi, and ¿ ¡. */
static int is_opener(const struct sift_sentences *st, const struct sift_token *t)
{
    size_t next;
    uint32_t cp;
    if (t->kind != SIFT_TOK_PUNCT)
        return 0;
    cp = cp_at(st, t->i, &next);
    if (cp < 0x80)
        return cp != 0 && strchr("([{\"'`", (int)cp) != NULL;
    return gc_of(cp) == SIFT_GC_PS || gc_of(cp) == SIFT_GC_PI || cp == 0xBF || cp == 0xA1;
}

/* The first word at pos, after at most MAX_OPENERS opening quotes and brackets. */
static void next_word(struct sift_sentences *st, size_t pos, struct next_word *w)
{
    struct sift_tokenizer *t = tokenizer_at(st, pos);
    struct sift_token tok;
    int k;

    w->shape = W_END;
    w->kind = -1;
    w->opened = 0;
    w->i = w->j = pos;
    for (k = 0; k <= MAX_OPENERS; k++) {
        size_t next;
        int gc;
        if (!sift_tokenizer_next(t, &tok))
            return;
        if (k < MAX_OPENERS && is_opener(st, &tok)) {
            w->opened = 1;
            continue;
        }
        w->i = tok.i;
        w->j = tok.j;
        w->kind = tok.kind;
        switch (tok.kind) {
        case SIFT_TOK_NUMBER:
            w->shape = W_DIGIT;
            return;
        case SIFT_TOK_ABBREV:
            w->j--; /* its full stop */
            /* fall through */
        case SIFT_TOK_WORD:
            gc = gc_of(cp_at(st, tok.i, &next));
            w->shape = (gc == SIFT_GC_LU || gc == SIFT_GC_LT) ? W_UPPER : gc == SIFT_GC_LL ? W_LOWER : W_OTHER;
            return;
        default:
            w->shape = W_OTHER;
            return;
        }
    }
    w->shape = W_OTHER; /* only openers */
}

int sift_is_sentence_starter(const char *w, size_t len)
{
    size_t lo = 0, hi = sift_starter_count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *e = sift_starter_table[mid];
        size_t elen = strlen(e);
        int c = memcmp(e, w, elen < len ? elen : len);
        if (c == 0)
            c = (elen > len) - (elen < len);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

const char *sift_sentence_starter(size_t k)
{
    return k < sift_starter_count ? sift_starter_table[k] : NULL;
}

int sift_abbrev_class(const struct sift_wordset *user, const char *w, size_t len)
{
    int cls;
    size_t next, k;
    const unsigned char *u = (const unsigned char *)w;

    if (len == 0)
        return SIFT_ABBREV_NONE;
    if (user && (cls = sift_wordset_find(user, w, len)) >= 0)
        return (cls > SIFT_ABBREV_NONE && cls < SIFT_ABBREV__COUNT) ? cls : SIFT_ABBREV_OTHER;
    if ((cls = sift_builtin_abbrev_class(w, len)) != SIFT_ABBREV_NONE)
        return cls;
    {
        uint32_t cp = sift_utf8_decode(u, len, 0, &next);
        if (next == len && cp != SIFT_INVALID_CP && (gc_of(cp) == SIFT_GC_LU || gc_of(cp) == SIFT_GC_LT))
            return SIFT_ABBREV_INITIAL;
    }
    for (k = 0; k < len; k++)
        if (u[k] == '.')
            return SIFT_ABBREV_OTHER; /* U.N, a.m, Ph.D */
    return SIFT_ABBREV_NONE;
}

/* ---- decisions --------------------------------------------------------------------------- */

struct decision {
    int brk;          /* the sentence ends here */
    size_t end;       /* ... at this offset */
    size_t resume;    /* where the scan (or the next sentence) goes on */
    int new_paragraph;
};

/* Does the last character of [ls, le) ask for the line to go on: , ; an opening bracket or quote,
 * a hyphen right after a letter ("well-" / "known")? */
static int line_goes_on(const struct sift_sentences *st, size_t ls, size_t le)
{
    size_t k = char_before(st, ls, le), next;
    uint32_t cp = cp_at(st, k, &next);
    int gc;

    if (cp == ';') {
        /* not the end of an HTML entity (&#039; &amp;) left in text taken from the web */
        size_t b = k;
        while (b > ls && k - b < 10 && sift_ascii_alnum(st->s[b - 1]))
            b--;
        if (b > ls && st->s[b - 1] == '#')
            b--;
        return !(b < k && b > ls && st->s[b - 1] == '&');
    }
    if (cp == ',' || cp == '(' || cp == '[')
        return 1;
    if (cp == '-' || cp == 0x2010)
        return k > ls && sift_ascii_alnum(st->s[k - 1]) && !(st->s[k - 1] >= '0' && st->s[k - 1] <= '9');
    gc = gc_of(cp);
    return cp >= 0x80 && (gc == SIFT_GC_PS || gc == SIFT_GC_PI);
}

/* A headline in title case: at least two capitalised words and three in four words capitalised,
 * no lower-case word of four letters or more (title case leaves only short words such as "of",
 * "to", "and" alone), not ending in a lower-case word, and at most one comma (a line of names in
 * running prose has several). */
static int title_case(const struct sift_sentences *st, size_t a, size_t b)
{
    int upper = 0, words = 0, commas = 0, last_lower = 0;
    while (a < b) {
        size_t w = a, next;
        int gc;
        while (w < b && ASCII_SPACE(st->s[w]))
            w++;
        if (w >= b)
            break;
        a = w;
        while (a < b && !ASCII_SPACE(st->s[a]))
            commas += st->s[a++] == ',';
        gc = gc_of(cp_at(st, w, &next));
        words++;
        last_lower = gc == SIFT_GC_LL;
        if (gc == SIFT_GC_LU || gc == SIFT_GC_LT)
            upper++;
        else if (last_lower && width(st, w, a) >= 4)
            return 0;
    }
    return upper >= 2 && 4 * upper >= 3 * words && !last_lower && commas <= 1;
}

/*
 * Is the line break at nl (its first, and only, line break before the text at c) the end of a
 * line that stands alone, rather than a break inside wrapped prose? It is not when the next line
 * starts in lower case or the line ends in a way that asks for more (line_goes_on). Otherwise the
 * line's width decides: greedy wrapping at a width W ends a line only where the next word would
 * not fit, so a line followed by a word that would have fitted was ended on purpose. W is taken
 * as the widest of the line, the one before and the one after; widths outside [WRAP_MIN,
 * WRAP_MAX] mean the text is not wrapped. Two things overrule the width: a list item on the next
 * line (unless the line was full and the dash that starts the next one is prose: "decline\n- means")
 * and a headline in title case on the first line of its paragraph.
 */
static int hard_line(const struct sift_sentences *st, size_t nl, size_t c, const struct next_word *w)
{
    size_t ls, le, ce, pw = 0, lw, nw, first, wmax, k;
    int marker, first_line = 1;

    if (st->flags & SIFT_SENTENCES_LINES_BREAK)
        return 1;
    if (st->flags & SIFT_SENTENCES_LINES_JOIN)
        return 0;
    marker = list_marker_len(st, c) != 0;
    if (!marker && w->shape == W_LOWER)
        return 0;
    ls = line_start(st, nl);
    le = trim_end(st, ls, nl);
    if (le == ls)
        return 1;
    if (!marker && line_goes_on(st, ls, le))
        return 0;
    lw = width(st, ls, le);
    ce = line_end(st, c);
    nw = width(st, c, trim_end(st, c, ce));
    first = c;
    while (first < ce && !ASCII_SPACE(st->s[first]))
        first++;
    if (ls > 0) {
        /* the line before, back over the one line break that ends it (CR LF is one) */
        size_t pe = (ls >= 2 && st->s[ls - 1] == '\n' && st->s[ls - 2] == '\r') ? ls - 2 : char_before(st, 0, ls);
        size_t ps = line_start(st, pe);
        pw = width(st, ps, trim_end(st, ps, pe));
        first_line = pw == 0;
    }
    wmax = lw > nw ? lw : nw;
    wmax = wmax > pw ? wmax : pw;
    if (wmax > WRAP_MAX || wmax < WRAP_MIN)
        return 1;
    if (lw + 1 + width(st, c, first) <= wmax)
        return 1;
    /* the line is full: wrapped prose, unless ... */
    if (marker) {
        for (k = ls; k < le && ASCII_SPACE(st->s[k]); k++)
            ;
        return st->s[le - 1] == ':' || list_marker_len(st, k) != 0; /* a list after "...:" or an item */
    }
    return first_line && title_case(st, ls, le);
}

/* After a terminator that ends at e: closing quotes and brackets, and more terminators, with no
 * space between ("?)" ".”" "!’)."). Sets *unspaced when one of them is a full-width terminator. */
static size_t closers(const struct sift_sentences *st, size_t e, int *unspaced)
{
    while (e < st->len) {
        unsigned c = st->s[e];
        size_t next;
        uint32_t cp;
        int gc;
        if (c < 0x80) {
            if (c == ')' || c == ']' || c == '}' || c == '"' || c == '\'' || c == '.' || c == '!' || c == '?') {
                e++;
                continue;
            }
            break;
        }
        cp = cp_at(st, e, &next);
        gc = gc_of(cp);
        if (gc != SIFT_GC_PE && gc != SIFT_GC_PF && !is_terminator_cp(cp))
            break;
        if (is_unspaced_terminator_cp(cp))
            *unspaced = 1;
        e = next;
    }
    return e;
}

/* The end of the emoji token at pos, or pos when none starts there. */
static size_t emoji_at(struct sift_sentences *st, size_t pos)
{
    struct sift_token tok;

    if (sift_tokenizer_next(tokenizer_at(st, pos), &tok) && tok.i == pos && tok.kind == SIFT_TOK_EMOJI)
        return tok.j;
    return pos;
}

/* Japanese quotative particles after a closing quote: と, って (the quote is part of the sentence). */
static int quotative_at(const struct sift_sentences *st, size_t pos)
{
    const unsigned char *s = st->s + pos;
    size_t n = st->len - pos;
    return (n >= 3 && s[0] == 0xE3 && s[1] == 0x81 && s[2] == 0xA8)                      /* と */
        || (n >= 6 && memcmp(s, "\xE3\x81\xA3\xE3\x81\xA6", 6) == 0);                  /* って */
}

/* The token that holds byte p, tokenizing from `from`, a token boundary at or before p; *prev is
 * the token before it (kind -1 when it is the first from `from`). */
static int token_at(struct sift_sentences *st, size_t from, size_t p, struct sift_token *tok,
                    struct sift_token *prev)
{
    struct sift_tokenizer *t = tokenizer_at(st, from);

    prev->kind = -1;
    prev->i = prev->j = from;
    while (sift_tokenizer_next(t, tok)) {
        if (tok->j > p)
            return tok->i <= p;
        *prev = *tok;
    }
    return 0;
}

/* The straight double quotes of a sentence, counted up to some point; counting on from the last
 * point keeps the count linear however often it is asked. */
struct quote_count {
    size_t pos;
    size_t n;
};

static size_t count_quotes(const struct sift_sentences *st, struct quote_count *qc, size_t upto)
{
    const unsigned char *q;
    while (qc->pos < upto && (q = memchr(st->s + qc->pos, '"', upto - qc->pos)) != NULL) {
        qc->n++;
        qc->pos = (size_t)(q - st->s) + 1;
    }
    if (qc->pos < upto)
        qc->pos = upto;
    return qc->n;
}

/*
 * A terminator at p, in the sentence that starts at a; floor is a token boundary at or before p
 * from which nothing has been read yet. Decides whether the sentence ends after it.
 */
static void at_terminator(struct sift_sentences *st, size_t a, size_t floor, size_t p, struct quote_count *qc,
                          struct decision *d)
{
    struct sift_token tok, prev;
    struct next_word w;
    struct gap g;
    size_t from = p, e, next;
    int unspaced = 0, abbrev, cls = SIFT_ABBREV_NONE;

    d->brk = 0;
    d->new_paragraph = 0;
    while (from > floor && !ASCII_SPACE(st->s[from - 1]))
        from--;
    if (!token_at(st, from, p, &tok, &prev)) {
        d->resume = p + 1; /* not reached: every byte that is not white space is in a token */
        return;
    }
    abbrev = tok.kind == SIFT_TOK_ABBREV;
    if (!abbrev && !(tok.kind == SIFT_TOK_PUNCT && is_terminator_cp(cp_at(st, tok.i, &next)))) {
        d->resume = tok.j; /* a full stop inside a number, a URL, an e-mail address, a word */
        return;
    }
    if (!abbrev)
        unspaced = is_unspaced_terminator_cp(cp_at(st, tok.i, &next));
    e = closers(st, tok.j, &unspaced);
    scan_gap(st, e, &g);
    /* a spaced ellipsis ". . ." is one terminator */
    while (!abbrev && g.lines == 0 && g.end > e && g.end < st->len && st->s[g.end] == '.'
           && st->s[tok.i] == '.') {
        e = g.end;
        while (e < st->len && st->s[e] == '.')
            e++;
        e = closers(st, e, &unspaced);
        scan_gap(st, e, &g);
    }
    /* A closing quote set off by a space: '"... a great year. "', French '« Bonjour. »'. A straight
     * quote closes when the sentence holds an odd number of them before it; otherwise it opens
     * the next sentence (text tokenized for NLP sets every quote off: 'he said . " I know'). And
     * emoji after the terminator close the sentence rather than open the next ("Won! 🎉 Next").
     * Each turn moves e forward. */
    while (g.lines == 0 && g.end > e && g.end < st->len) {
        size_t q = g.end, qe;
        uint32_t cp = cp_at(st, q, &qe);
        if ((cp == 0x201D || cp == 0xBB || (cp == '"' && count_quotes(st, qc, q) % 2 == 1))
            && (qe == st->len || space_at(st, qe, &next))) {
            e = closers(st, qe, &unspaced);
        } else if (cp >= 0x80 && (qe = emoji_at(st, q)) > q) {
            e = closers(st, qe, &unspaced);
        } else {
            break;
        }
        scan_gap(st, e, &g);
    }
    d->end = e;
    d->resume = g.end;
    if (g.end >= st->len) {
        d->brk = 1;
        return;
    }
    if (g.end == e) {
        /* no space after it: "3.5" was taken care of, so this is "end.Next" or a full-width one,
         * which ends the sentence unless a closing quote is followed by the quotative particle
         * that carries the quote on into its sentence (「行こう。」と彼は言った。) */
        d->brk = unspaced && !(e > tok.j && quotative_at(st, e));
        return;
    }
    if (g.paragraph) {
        d->brk = 1; /* rule: a blank line always ends a sentence */
        d->new_paragraph = 1;
        return;
    }
    {
        /* rule: "1." at the start of a line is a list marker */
        size_t m = list_marker_len(st, a);
        if (m && a + m == tok.j && at_line_start(st, a))
            return;
    }
    next_word(st, g.end, &w);
    if (g.lines > 0 && list_marker_len(st, g.end)) {
        d->brk = 1; /* rule: a list item on the next line */
    } else if (!abbrev) {
        /* rule: a terminator ends the sentence unless a lower-case word follows ("What?" she
         * asked) or nothing came before it in this sentence (a leading "...") */
        d->brk = w.shape != W_LOWER && tok.i > a;
        /* rule: "I." before an initial is one too ("I. M. Pei"; the tokenizer reads a lone "I."
         * as the pronoun) */
        if (d->brk && prev.kind == SIFT_TOK_WORD && prev.j == tok.i && tok.j == tok.i + 1 && st->s[tok.i] == '.'
            && w.kind == SIFT_TOK_ABBREV && w.opened == 0
            && sift_abbrev_class(NULL, (const char *)st->s + prev.i, prev.j - prev.i) == SIFT_ABBREV_INITIAL
            && sift_abbrev_class(NULL, (const char *)st->s + w.i, w.j - w.i) == SIFT_ABBREV_INITIAL)
            d->brk = 0;
    } else {
        size_t ks = tok.i, k;
        for (k = tok.i; k + 1 < tok.j; k++)
            if (st->s[k] == '-')
                ks = k + 1; /* ex-Gov. */
        cls = sift_abbrev_class(st->abbrevs, (const char *)st->s + ks, tok.j - 1 - ks);
        if (cls == SIFT_ABBREV_TITLE || cls == SIFT_ABBREV_REFERENCE)
            d->brk = 0; /* rule: titles and references never end a sentence but at a paragraph end */
        else if (w.shape == W_UPPER && (w.opened || sift_is_sentence_starter((const char *)st->s + w.i, w.j - w.i)))
            d->brk = 1; /* rule: an abbreviation ends a sentence before a word that usually starts one */
        else if (g.lines > 0 && w.shape != W_LOWER && hard_line(st, g.first_break, g.end, &w))
            d->brk = 1; /* rule: an abbreviation at the end of a line that stands alone */
    }
    if (d->brk && g.lines > 0)
        d->new_paragraph = hard_line(st, g.first_break, g.end, &w);
}

/* A line break at p, in the sentence that starts at a, with no terminator decision before it. */
static void at_line_break(struct sift_sentences *st, size_t a, size_t p, struct decision *d)
{
    struct gap g;
    struct next_word w;

    scan_gap(st, p, &g);
    d->end = trim_end(st, a, p);
    d->resume = g.end;
    d->brk = 1;
    d->new_paragraph = 1;
    if (g.end >= st->len || g.paragraph)
        return; /* rule: the end of the text, a blank line */
    next_word(st, g.end, &w);
    if (!hard_line(st, g.first_break, g.end, &w)) {
        d->brk = 0; /* rule: a line break inside running prose */
        d->new_paragraph = 0;
    }
}

int sift_sentences_next(struct sift_sentences *st, struct sift_sentence *out)
{
    const unsigned char *s = st->s;
    size_t len = st->len, a, p, floor;
    struct gap g;
    struct decision d;
    struct quote_count qc;

    scan_gap(st, st->pos, &g);
    a = g.end;
    if (a >= len) {
        st->pos = len;
        return 0;
    }
    out->starts_paragraph = !st->started || st->new_paragraph || g.paragraph;
    if (st->started && out->starts_paragraph)
        st->paragraph++;
    st->started = 1;
    out->paragraph = st->paragraph;
    out->i = a;

    floor = p = a;
    qc.pos = a;
    qc.n = 0;
    for (;;) {
        size_t next;
        uint32_t cp;

        p = scan_stop(s, p, len);
        if (p >= len) {
            d.end = trim_end(st, a, len);
            d.resume = len;
            d.new_paragraph = 0;
            break;
        }
        if (!(bytecls[s[p]] & B_STOP)) {
            p++; /* a continuation byte, or one that starts no character */
            continue;
        }
        if (bytecls[s[p]] & B_TERM) {
            at_terminator(st, a, floor, p, &qc, &d);
        } else if (bytecls[s[p]] & B_BREAK) {
            at_line_break(st, a, p, &d);
        } else if (linebreak_at(st, p, &next) != LB_NONE) {
            at_line_break(st, a, p, &d);
        } else {
            cp = cp_at(st, p, &next);
            if (!is_terminator_cp(cp)) {
                p = next;
                continue;
            }
            at_terminator(st, a, floor, p, &qc, &d);
        }
        if (d.brk)
            break;
        floor = p = d.resume;
    }
    out->j = d.end;
    st->pos = d.resume;
    st->new_paragraph = d.new_paragraph;
    return 1;
}
