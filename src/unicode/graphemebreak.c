/*
 * graphemebreak.c - UAX #29 extended grapheme cluster boundaries (Unicode 15.0, GB1-GB999).
 *
 * State carried along one cluster: the previous character's class, whether the cluster so far is
 * Extended_Pictographic Extend* (ZWJ)? for GB11, and the length of the run of regional indicators
 * for GB12/GB13.
 */
#include "unicode/breaks.h"
#include "unicode/unicode.h"

enum emoji_state {
    EMO_NONE,  /* GB11 cannot apply */
    EMO_PICT,  /* after \p{Extended_Pictographic} Extend* */
    EMO_ZWJ    /* after \p{Extended_Pictographic} Extend* ZWJ */
};

size_t sift_grapheme_break_next(const char *text, size_t len, size_t pos)
{
    const unsigned char *s = (const unsigned char *)text;
    const struct sift_uprop *p;
    size_t i;
    int prev, ri_run;
    enum emoji_state emo;

    if (pos >= len)
        return len;
    p = sift_uprop_at(s, len, pos, &i);
    prev = p->gb;
    /* GB3: CR × LF; GB4: break after controls */
    if (prev == SIFT_GB_CR)
        return (i < len && s[i] == '\n') ? i + 1 : i;
    if (prev == SIFT_GB_LF || prev == SIFT_GB_CONTROL)
        return i;
    emo = (p->flags & SIFT_UF_EXTPICT) ? EMO_PICT : EMO_NONE;
    ri_run = prev == SIFT_GB_REGIONAL_INDICATOR;

    while (i < len) {
        size_t next;
        int gb;

        /* Two ASCII characters other than CR LF never join (GB999), which is most text. */
        if (s[i] < 0x80 && s[i - 1] < 0x80 && s[i] != '\n')
            return i;
        p = sift_uprop_at(s, len, i, &next);
        gb = p->gb;

        /* GB5: break before controls */
        if (gb == SIFT_GB_CONTROL || gb == SIFT_GB_CR || gb == SIFT_GB_LF)
            return i;
        /* GB6-GB8: Hangul syllable sequences */
        if ((prev == SIFT_GB_L && (gb == SIFT_GB_L || gb == SIFT_GB_V || gb == SIFT_GB_LV || gb == SIFT_GB_LVT))
            || ((prev == SIFT_GB_LV || prev == SIFT_GB_V) && (gb == SIFT_GB_V || gb == SIFT_GB_T))
            || ((prev == SIFT_GB_LVT || prev == SIFT_GB_T) && gb == SIFT_GB_T))
            goto join;
        /* GB9: × (Extend | ZWJ); GB9a: × SpacingMark; GB9b: Prepend × */
        if (gb == SIFT_GB_EXTEND || gb == SIFT_GB_ZWJ || gb == SIFT_GB_SPACINGMARK || prev == SIFT_GB_PREPEND)
            goto join;
        /* GB11: \p{Extended_Pictographic} Extend* ZWJ × \p{Extended_Pictographic} */
        if (emo == EMO_ZWJ && (p->flags & SIFT_UF_EXTPICT))
            goto join;
        /* GB12, GB13: regional indicators pair up */
        if (prev == SIFT_GB_REGIONAL_INDICATOR && gb == SIFT_GB_REGIONAL_INDICATOR && (ri_run & 1)) {
            ri_run++;
            goto join;
        }
        /* GB999 */
        return i;
    join:
        if (p->flags & SIFT_UF_EXTPICT)
            emo = EMO_PICT;
        else if (gb == SIFT_GB_ZWJ && emo == EMO_PICT)
            emo = EMO_ZWJ;
        else if (!(gb == SIFT_GB_EXTEND && emo == EMO_PICT))
            emo = EMO_NONE;
        if (gb != SIFT_GB_REGIONAL_INDICATOR)
            ri_run = 0;
        prev = gb;
        i = next;
    }
    return len;
}
