/*
 * wordbreak.c - UAX #29 word boundaries (Unicode 15.0, rules WB1-WB999).
 *
 * The scan keeps the class of the last character that WB4 does not ignore ("prev"), the raw class
 * of the character just before (WB3c and WB3d look at raw neighbours), and the length of the
 * current run of regional indicators (WB15/WB16). WB6/WB7 and WB11/WB12 need one character of
 * lookahead past the middle punctuation; when it succeeds the scan takes both characters at once,
 * so every byte is read a bounded number of times and the scan is linear.
 */
#include "unicode/breaks.h"
#include "unicode/unicode.h"
#include "common/ascii.h"

static int is_ahletter(int wb)
{
    return wb == SIFT_WB_ALETTER || wb == SIFT_WB_HEBREW_LETTER;
}

static int is_ignorable(int wb) /* WB4 */
{
    return wb == SIFT_WB_EXTEND || wb == SIFT_WB_FORMAT || wb == SIFT_WB_ZWJ;
}

static int is_midletter_q(int wb) /* MidLetter | MidNumLetQ */
{
    return wb == SIFT_WB_MIDLETTER || wb == SIFT_WB_MIDNUMLET || wb == SIFT_WB_SINGLE_QUOTE;
}

static int is_midnum_q(int wb) /* MidNum | MidNumLetQ */
{
    return wb == SIFT_WB_MIDNUM || wb == SIFT_WB_MIDNUMLET || wb == SIFT_WB_SINGLE_QUOTE;
}

/* The first character at or after pos that WB4 does not ignore; sets *wb to its class (or -1 at
 * the end of the text) and returns the offset just past it. */
static size_t next_significant(const unsigned char *s, size_t len, size_t pos, int *wb)
{
    while (pos < len) {
        size_t next;
        const struct sift_uprop *p = sift_uprop_at(s, len, pos, &next);
        if (!is_ignorable(p->wb)) {
            *wb = p->wb;
            return next;
        }
        pos = next;
    }
    *wb = -1;
    return pos;
}

size_t sift_word_break_next(const char *text, size_t len, size_t pos)
{
    const unsigned char *s = (const unsigned char *)text;
    const struct sift_uprop *p;
    size_t i;
    int prev, raw, ri_run;

    if (pos >= len)
        return len;
    p = sift_uprop_at(s, len, pos, &i);
    prev = raw = p->wb;
    /* WB3: CR × LF; WB3a: break after CR, LF and Newline */
    if (prev == SIFT_WB_CR)
        return (i < len && s[i] == '\n') ? i + 1 : i;
    if (prev == SIFT_WB_LF || prev == SIFT_WB_NEWLINE)
        return i;
    ri_run = prev == SIFT_WB_REGIONAL_INDICATOR;

    while (i < len) {
        size_t next;
        int wb;

        /* Runs of ASCII letters and digits decide nothing new: WB5, WB8, WB9, WB10. */
        if ((prev == SIFT_WB_ALETTER || prev == SIFT_WB_NUMERIC) && sift_ascii_alnum(s[i])) {
            i = sift_ascii_alnum_run(s, i + 1, len);
            prev = raw = (s[i - 1] >= 'A') ? SIFT_WB_ALETTER : SIFT_WB_NUMERIC;
            continue;
        }
        p = sift_uprop_at(s, len, i, &next);
        wb = p->wb;

        /* WB3b: break before CR, LF and Newline */
        if (wb == SIFT_WB_CR || wb == SIFT_WB_LF || wb == SIFT_WB_NEWLINE)
            return i;
        /* WB3c: ZWJ × \p{Extended_Pictographic} */
        if (raw == SIFT_WB_ZWJ && (p->flags & SIFT_UF_EXTPICT)) {
            prev = raw = wb;
            ri_run = 0;
            i = next;
            continue;
        }
        /* WB3d: WSegSpace × WSegSpace */
        if (raw == SIFT_WB_WSEGSPACE && wb == SIFT_WB_WSEGSPACE) {
            i = next;
            continue;
        }
        /* WB4: X (Extend | Format | ZWJ)* → X */
        if (is_ignorable(wb)) {
            raw = wb;
            i = next;
            continue;
        }
        raw = wb;

        if (is_ahletter(prev)) {
            /* WB5: AHLetter × AHLetter */
            if (is_ahletter(wb))
                goto join;
            /* WB6, WB7: AHLetter × (MidLetter | MidNumLetQ) AHLetter */
            if (is_midletter_q(wb)) {
                int after;
                size_t end = next_significant(s, len, next, &after);
                if (is_ahletter(after)) {
                    prev = raw = after;
                    i = end;
                    continue;
                }
            }
            /* WB7a: Hebrew_Letter × Single_Quote */
            if (prev == SIFT_WB_HEBREW_LETTER && wb == SIFT_WB_SINGLE_QUOTE)
                goto join;
            /* WB7b, WB7c: Hebrew_Letter × Double_Quote Hebrew_Letter */
            if (prev == SIFT_WB_HEBREW_LETTER && wb == SIFT_WB_DOUBLE_QUOTE) {
                int after;
                size_t end = next_significant(s, len, next, &after);
                if (after == SIFT_WB_HEBREW_LETTER) {
                    prev = raw = after;
                    i = end;
                    continue;
                }
            }
            /* WB9: AHLetter × Numeric; WB13a: AHLetter × ExtendNumLet */
            if (wb == SIFT_WB_NUMERIC || wb == SIFT_WB_EXTENDNUMLET)
                goto join;
            return i;
        }
        switch (prev) {
        case SIFT_WB_NUMERIC:
            /* WB8: Numeric × Numeric; WB10: Numeric × AHLetter; WB13a: Numeric × ExtendNumLet */
            if (wb == SIFT_WB_NUMERIC || is_ahletter(wb) || wb == SIFT_WB_EXTENDNUMLET)
                goto join;
            /* WB11, WB12: Numeric × (MidNum | MidNumLetQ) Numeric */
            if (is_midnum_q(wb)) {
                int after;
                size_t end = next_significant(s, len, next, &after);
                if (after == SIFT_WB_NUMERIC) {
                    prev = raw = after;
                    i = end;
                    continue;
                }
            }
            return i;
        case SIFT_WB_KATAKANA:
            /* WB13: Katakana × Katakana; WB13a: Katakana × ExtendNumLet */
            if (wb == SIFT_WB_KATAKANA || wb == SIFT_WB_EXTENDNUMLET)
                goto join;
            return i;
        case SIFT_WB_EXTENDNUMLET:
            /* WB13a: ExtendNumLet × ExtendNumLet; WB13b: ExtendNumLet × (AHLetter | Numeric | Katakana) */
            if (wb == SIFT_WB_EXTENDNUMLET || is_ahletter(wb) || wb == SIFT_WB_NUMERIC || wb == SIFT_WB_KATAKANA)
                goto join;
            return i;
        case SIFT_WB_REGIONAL_INDICATOR:
            /* WB15, WB16: regional indicators pair up, counting from the start of the run */
            if (wb == SIFT_WB_REGIONAL_INDICATOR && (ri_run & 1)) {
                ri_run++;
                goto join;
            }
            return i;
        default:
            /* WB999: otherwise, break everywhere */
            return i;
        }
    join:
        prev = wb;
        if (wb != SIFT_WB_REGIONAL_INDICATOR)
            ri_run = 0;
        i = next;
    }
    return len;
}
