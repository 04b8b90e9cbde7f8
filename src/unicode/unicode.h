/*
 * unicode.h - Unicode character properties and UTF-8 decoding for the sift engine.
 *
 * The property tables live in generated/unicode_data.c, which tools/gen_unicode_data.lua generates
 * from Debian's unicode-data package (run `make unicode`). Lookups are two-stage: the high bits of a
 * code point select a 256-entry block, the low byte selects a record index inside it, and the
 * record holds every property the engine needs, so one lookup serves the word, grapheme and
 * sentence break rules, the tokenizer and the shape function alike.
 */
#ifndef SIFT_UNICODE_H
#define SIFT_UNICODE_H

#include <stddef.h>
#include <stdint.h>

#include "sift.h" /* SIFT_UNICODE_VERSION, sift_fold and sift_shape are public */

/* Word_Break property values (UAX #29, WordBreakProperty.txt). */
enum sift_wb {
    SIFT_WB_OTHER = 0,
    SIFT_WB_CR,
    SIFT_WB_LF,
    SIFT_WB_NEWLINE,
    SIFT_WB_EXTEND,
    SIFT_WB_ZWJ,
    SIFT_WB_REGIONAL_INDICATOR,
    SIFT_WB_FORMAT,
    SIFT_WB_KATAKANA,
    SIFT_WB_HEBREW_LETTER,
    SIFT_WB_ALETTER,
    SIFT_WB_SINGLE_QUOTE,
    SIFT_WB_DOUBLE_QUOTE,
    SIFT_WB_MIDNUMLET,
    SIFT_WB_MIDLETTER,
    SIFT_WB_MIDNUM,
    SIFT_WB_NUMERIC,
    SIFT_WB_EXTENDNUMLET,
    SIFT_WB_WSEGSPACE
};

/* Grapheme_Cluster_Break property values (GraphemeBreakProperty.txt). */
enum sift_gb {
    SIFT_GB_OTHER = 0,
    SIFT_GB_CR,
    SIFT_GB_LF,
    SIFT_GB_CONTROL,
    SIFT_GB_EXTEND,
    SIFT_GB_ZWJ,
    SIFT_GB_REGIONAL_INDICATOR,
    SIFT_GB_PREPEND,
    SIFT_GB_SPACINGMARK,
    SIFT_GB_L,
    SIFT_GB_V,
    SIFT_GB_T,
    SIFT_GB_LV,
    SIFT_GB_LVT
};

/* Sentence_Break property values (SentenceBreakProperty.txt). */
enum sift_sb {
    SIFT_SB_OTHER = 0,
    SIFT_SB_CR,
    SIFT_SB_LF,
    SIFT_SB_EXTEND,
    SIFT_SB_SEP,
    SIFT_SB_FORMAT,
    SIFT_SB_SP,
    SIFT_SB_LOWER,
    SIFT_SB_UPPER,
    SIFT_SB_OLETTER,
    SIFT_SB_NUMERIC,
    SIFT_SB_ATERM,
    SIFT_SB_SCONTINUE,
    SIFT_SB_STERM,
    SIFT_SB_CLOSE
};

/* General_Category values (DerivedGeneralCategory.txt); Cn, the default, is 0. */
enum sift_gc {
    SIFT_GC_CN = 0,
    SIFT_GC_LU, SIFT_GC_LL, SIFT_GC_LT, SIFT_GC_LM, SIFT_GC_LO,
    SIFT_GC_MN, SIFT_GC_MC, SIFT_GC_ME,
    SIFT_GC_ND, SIFT_GC_NL, SIFT_GC_NO,
    SIFT_GC_PC, SIFT_GC_PD, SIFT_GC_PS, SIFT_GC_PE, SIFT_GC_PI, SIFT_GC_PF, SIFT_GC_PO,
    SIFT_GC_SM, SIFT_GC_SC, SIFT_GC_SK, SIFT_GC_SO,
    SIFT_GC_ZS, SIFT_GC_ZL, SIFT_GC_ZP,
    SIFT_GC_CC, SIFT_GC_CF, SIFT_GC_CS, SIFT_GC_CO
};

/* Binary properties packed in sift_uprop.flags. */
enum sift_uflag {
    SIFT_UF_EXTPICT = 1u << 0,    /* Extended_Pictographic (emoji-data.txt) */
    SIFT_UF_WHITE_SPACE = 1u << 1, /* White_Space (PropList.txt) */
    SIFT_UF_IDEOGRAPHIC = 1u << 2, /* Ideographic (PropList.txt) */
    SIFT_UF_EMOJI_PRESENTATION = 1u << 3, /* Emoji_Presentation (emoji-data.txt) */
    SIFT_UF_EMOJI_MODIFIER = 1u << 4,     /* Emoji_Modifier (emoji-data.txt) */
    SIFT_UF_EMOJI = 1u << 5,              /* Emoji (emoji-data.txt) */
    SIFT_UF_ALPHABETIC = 1u << 6,         /* Alphabetic (DerivedCoreProperties.txt) */
    SIFT_UF_DASH = 1u << 7                /* Dash (PropList.txt) */
};

struct sift_uprop {
    uint8_t wb;    /* enum sift_wb */
    uint8_t gb;    /* enum sift_gb */
    uint8_t sb;    /* enum sift_sb */
    uint8_t gc;    /* enum sift_gc */
    uint8_t flags; /* enum sift_uflag bits */
};

/* Generated tables (generated/unicode_data.c). */
extern const uint16_t sift_uprop_stage1[0x110000 >> 8];
extern const uint16_t sift_uprop_stage2[];
extern const struct sift_uprop sift_uprop_records[];

/* Full case folding (CaseFolding.txt, statuses C and F): stage2 holds 0 for "folds to itself",
 * otherwise an index into sift_fold_data, whose rows hold up to three code points, 0-padded. */
extern const uint16_t sift_fold_stage1[0x110000 >> 8];
extern const uint16_t sift_fold_stage2[];
extern const uint32_t sift_fold_data[][3];

/* The record for any code point; cp must be <= 0x10FFFF. */
static inline const struct sift_uprop *sift_uprop(uint32_t cp)
{
    return &sift_uprop_records[sift_uprop_stage2[((size_t)sift_uprop_stage1[cp >> 8] << 8) | (cp & 0xFF)]];
}

/* Returned by sift_utf8_decode for an ill-formed sequence. */
#define SIFT_INVALID_CP 0xFFFFFFFFu

/*
 * Decodes the code point at s[pos] (pos < len) and stores the index just after it in *next.
 * For ill-formed input it returns SIFT_INVALID_CP and *next skips one maximal subpart of an
 * ill-formed sequence (Unicode 15.0, section 3.9, "U+FFFD Substitution of Maximal Subparts"),
 * so a caller that goes on from *next sees every byte exactly once.
 */
static inline uint32_t sift_utf8_decode(const unsigned char *s, size_t len, size_t pos, size_t *next)
{
    unsigned c = s[pos];
    uint32_t cp;
    unsigned need, lo = 0x80, hi = 0xBF;
    size_t i;

    if (c < 0x80) {
        *next = pos + 1;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;        /* no overlong 3-byte forms */
        else if (c == 0xED) hi = 0x9F;   /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
        if (c == 0xF0) lo = 0x90;        /* no overlong 4-byte forms */
        else if (c == 0xF4) hi = 0x8F;   /* nothing above U+10FFFF */
    } else {
        *next = pos + 1;
        return SIFT_INVALID_CP;
    }
    for (i = 1; i <= need; i++) {
        unsigned b;
        if (pos + i >= len) {
            *next = pos + i;
            return SIFT_INVALID_CP;
        }
        b = s[pos + i];
        if (b < lo || b > hi) {
            *next = pos + i;
            return SIFT_INVALID_CP;
        }
        lo = 0x80;
        hi = 0xBF;
        cp = (cp << 6) | (b & 0x3F);
    }
    *next = pos + need + 1;
    return cp;
}

/*
 * Properties of the code point at s[pos] (pos < len); stores the index just after it in *next
 * (which may be NULL). Ill-formed bytes are read as U+FFFD, whose properties (Other for every
 * break property, gc So) make each maximal subpart a segment of its own, so the break rules never
 * need a case for "no code point here". Inline: every break rule and the tokenizer call it per
 * character.
 */
static inline const struct sift_uprop *sift_uprop_at(const unsigned char *s, size_t len, size_t pos, size_t *next)
{
    size_t after;
    uint32_t cp;

    if (s[pos] < 0x80) {
        if (next)
            *next = pos + 1;
        return &sift_uprop_records[sift_uprop_stage2[s[pos]]];
    }
    cp = sift_utf8_decode(s, len, pos, &after);
    if (next)
        *next = after;
    return sift_uprop(cp == SIFT_INVALID_CP ? 0xFFFDu : cp);
}

/* Folding of one code point: writes 1 to 3 code points to out and returns how many. */
int sift_fold_cp(uint32_t cp, uint32_t out[3]);

/* Encodes cp as UTF-8 into out (at least 4 bytes); returns the length. */
size_t sift_utf8_encode(uint32_t cp, char *out);

#endif
