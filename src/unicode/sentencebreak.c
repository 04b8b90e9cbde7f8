/*
 * sentencebreak.c - sentence boundaries after UAX #29 (Unicode 15.0), rules SB1-SB998.
 *
 * A sentence can only end in two places: right after a paragraph separator (SB4) or right after
 * SATerm Close* Sp* ParaSep? (SB11). Everything else is SB998 (no break), so the scanner runs a
 * cheap loop until it meets a terminator or a separator and only then works through the
 * terminator rules. SB8 needs unbounded lookahead; the lookahead stops at the first SATerm, so no
 * later lookahead ever reads the same text again and a whole walk over the text stays linear.
 */
#include <stdint.h>

#include "unicode/breaks.h"
#include "unicode/unicode.h"

#define BIT(c) (1u << (c))

/* Sets of Sentence_Break values, as bit masks over enum sift_sb. */
#define PARASEP_SET (BIT(SIFT_SB_SEP) | BIT(SIFT_SB_CR) | BIT(SIFT_SB_LF))
#define SATERM_SET (BIT(SIFT_SB_ATERM) | BIT(SIFT_SB_STERM))
#define IGNORED_SET (BIT(SIFT_SB_EXTEND) | BIT(SIFT_SB_FORMAT))
#define CASED_SET (BIT(SIFT_SB_UPPER) | BIT(SIFT_SB_LOWER))
/* What the main loop has to stop for: everything else is SB998. */
#define STOP_SET (PARASEP_SET | SATERM_SET)
/* What ends SB8's lookahead: ATerm Close* Sp* x ( not(these) )* Lower. */
#define SB8_STOP_SET (BIT(SIFT_SB_OLETTER) | CASED_SET | PARASEP_SET | SATERM_SET)

#define IN(set, c) ((((set) >> (c)) & 1u) != 0)

/*
 * Sentence_Break of each ASCII byte, so plain ASCII never reaches the two-stage tables. Copied by
 * hand from SentenceBreakProperty.txt (15.0); the test suite checks it against the tables.
 */
#define O SIFT_SB_OTHER
#define SP SIFT_SB_SP
#define LO SIFT_SB_LOWER
#define UP SIFT_SB_UPPER
#define NU SIFT_SB_NUMERIC
#define CL SIFT_SB_CLOSE
#define SC SIFT_SB_SCONTINUE
static const uint8_t ascii_sb[128] = {
    /* 00 */ O, O, O, O, O, O, O, O, O, SP, SIFT_SB_LF, SP, SP, SIFT_SB_CR, O, O,
    /* 10 */ O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    /* 20 */ SP, SIFT_SB_STERM, CL, O, O, O, O, CL, CL, CL, O, O, SC, SC, SIFT_SB_ATERM, O,
    /* 30 */ NU, NU, NU, NU, NU, NU, NU, NU, NU, NU, SC, O, O, O, O, SIFT_SB_STERM,
    /* 40 */ O, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP,
    /* 50 */ UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, CL, O, CL, O, O,
    /* 60 */ O, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO,
    /* 70 */ LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, CL, O, CL, O, O
};
#undef O
#undef SP
#undef LO
#undef UP
#undef NU
#undef CL
#undef SC

/* Sentence_Break of a non-ASCII code point at s[i]; ill-formed bytes read as U+FFFD. */
static unsigned sb_slow(const unsigned char *s, size_t len, size_t i, size_t *next)
{
    uint32_t cp = sift_utf8_decode(s, len, i, next);
    if (cp == SIFT_INVALID_CP)
        cp = 0xFFFD;
    return sift_uprop(cp)->sb;
}

/* Sentence_Break of the character at s[i] (i < len); *next is set just past it. */
static inline unsigned sb_at(const unsigned char *s, size_t len, size_t i, size_t *next)
{
    if (s[i] < 0x80) {
        *next = i + 1;
        return ascii_sb[s[i]];
    }
    return sb_slow(s, len, i, next);
}

/* The offset just past a paragraph separator of class c that ends just before i: SB3 keeps an LF
 * that follows a CR with it, SB4 breaks right after. */
static size_t after_parasep(const unsigned char *s, size_t len, size_t i, unsigned c)
{
    if (c == SIFT_SB_CR && i < len && s[i] == '\n')
        return i + 1;
    return i;
}

/*
 * SB8's lookahead from i: skips characters that are none of OLetter, Upper, Lower, ParaSep or
 * SATerm (Extend and Format included, SB5) and reports whether a Lower comes next. On success
 * *stop is the offset just past that Lower; on failure it is the offset of the character that
 * ended the scan (or len). No break lies inside a successful scan and no SATerm inside a failed
 * one, so the caller never needs to read the scanned text again.
 */
static int sb8_lookahead(const unsigned char *s, size_t len, size_t i, size_t *stop)
{
    while (i < len) {
        size_t next;
        unsigned c = sb_at(s, len, i, &next);
        if (IN(SB8_STOP_SET, c)) {
            *stop = c == SIFT_SB_LOWER ? next : i;
            return c == SIFT_SB_LOWER;
        }
        i = next;
    }
    *stop = len;
    return 0;
}

size_t sift_sentence_break_next(const char *str, size_t len, size_t pos)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = pos;
    /* Whether the last character not ignored by SB5 was Upper or Lower, for SB7. At sot (SB1)
     * there is none. */
    int cased = 0;

    if (pos >= len)
        return len;

    for (;;) {
        size_t next;
        unsigned c;

        /* Plain text: SB998 until a terminator or a separator. */
        for (;;) {
            if (i >= len)
                return len; /* SB2 */
            if (s[i] < 0x80) {
                c = ascii_sb[s[i]];
                next = i + 1;
            } else {
                c = sb_slow(s, len, i, &next);
            }
            if (IN(STOP_SET, c))
                break;
            /* SB5: Extend and Format take the place of neither SB7 letter. */
            if (!IN(IGNORED_SET, c))
                cased = IN(CASED_SET, c);
            i = next;
        }
        if (IN(PARASEP_SET, c))
            return after_parasep(s, len, next, c); /* SB3, SB4 */

        /* A terminator at i. Several may follow each other: SB8a keeps them together. */
        for (;;) {
            int seen_close = 0, seen_sp = 0;
            int aterm = c == SIFT_SB_ATERM;
            i = next;

            /* The characters right after the terminator, ignoring Extend and Format (SB5). */
            for (;;) {
                if (i >= len)
                    return len; /* SB2 */
                c = sb_at(s, len, i, &next);
                if (IN(IGNORED_SET, c)) {
                    i = next;
                    continue;
                }
                if (IN(PARASEP_SET, c))
                    return after_parasep(s, len, next, c); /* SB9, SB10, then SB4/SB11 */
                if (c == SIFT_SB_CLOSE && !seen_sp) {
                    seen_close = 1; /* SB9 */
                    i = next;
                    continue;
                }
                if (c == SIFT_SB_SP) {
                    seen_sp = 1; /* SB9, SB10 */
                    i = next;
                    continue;
                }
                break;
            }
            /* SB6: "3.4". SB7: "U.S.A.", a cased letter on both sides. Only directly after the
             * ATerm; plain text resumes with the character at i. */
            if (aterm && !seen_close && !seen_sp &&
                (c == SIFT_SB_NUMERIC || (cased && c == SIFT_SB_UPPER))) {
                cased = 0;
                break;
            }

            /* i is the first character after SATerm Close* Sp*. */
            if (aterm) {
                size_t stop;
                if (sb8_lookahead(s, len, i, &stop)) {
                    /* SB8: "etc. and so on"; plain text resumes after the Lower. */
                    i = stop;
                    cased = 1;
                    break;
                }
                if (c == SIFT_SB_SCONTINUE) {
                    /* SB8a, and nothing before stop can end the sentence: resume there. The
                     * character before stop is no letter (the scan would have stopped at it). */
                    i = stop;
                    cased = 0;
                    break;
                }
            } else if (c == SIFT_SB_SCONTINUE) {
                i = next; /* SB8a */
                cased = 0;
                break;
            }
            if (IN(SATERM_SET, c)) {
                /* SB8a: "?!", "... ." The new terminator follows no letter, so SB7 is off. */
                cased = 0;
                continue;
            }
            return i; /* SB11 */
        }
    }
}
