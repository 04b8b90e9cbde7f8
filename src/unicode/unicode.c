/*
 * unicode.c - property lookup, case folding, word shapes and UTF-8 encoding over the generated
 * tables in generated/unicode_data.c (see unicode.h for the contract).
 */
#include "unicode/unicode.h"

#include <string.h>

#define REPLACEMENT_CHARACTER 0xFFFDu

/* Index of cp's row in sift_fold_data, 0 when cp folds to itself. */
static unsigned fold_row(uint32_t cp)
{
    return sift_fold_stage2[((size_t)sift_fold_stage1[cp >> 8] << 8) | (cp & 0xFF)];
}

int sift_fold_cp(uint32_t cp, uint32_t out[3])
{
    unsigned row;
    int n;

    if (cp > 0x10FFFF) {
        out[0] = cp;
        return 1;
    }
    row = fold_row(cp);
    if (row == 0) {
        out[0] = cp;
        return 1;
    }
    /* No folding target is U+0000, so the zero padding marks the end unambiguously. */
    for (n = 0; n < 3 && sift_fold_data[row][n] != 0; n++)
        out[n] = sift_fold_data[row][n];
    return n;
}

size_t sift_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;

    /* Surrogates and values past U+10FFFF (SIFT_INVALID_CP among them) have no UTF-8 form;
     * writing U+FFFD keeps the output well-formed, the same choice the decoder's callers make. */
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = REPLACEMENT_CHARACTER;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t sift_fold(const char *s, size_t len, char *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t pos = 0, w = 0;

    while (pos < len) {
        unsigned c = u[pos];
        size_t next;
        uint32_t cp;
        unsigned row;
        int k;

        if (c < 0x80) {
            /* No ASCII letter folds outside ASCII under statuses C and F (only Turkic T does),
             * so plain arithmetic is exact here. */
            out[w++] = (char)(c - 'A' < 26u ? c + ('a' - 'A') : c);
            pos++;
            continue;
        }
        cp = sift_utf8_decode(u, len, pos, &next);
        row = cp == SIFT_INVALID_CP ? 0 : fold_row(cp);
        if (row == 0) {
            /* Unchanged code points and ill-formed bytes are copied as they stand. */
            memcpy(out + w, s + pos, next - pos);
            w += next - pos;
        } else {
            for (k = 0; k < 3 && sift_fold_data[row][k] != 0; k++)
                w += sift_utf8_encode(sift_fold_data[row][k], out + w);
        }
        pos = next;
    }
    return w;
}

size_t sift_shape(const char *s, size_t len, char *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t pos = 0, w = 0;
    /* The previous shape unit, as bytes (a copied character can be up to 4), and how many
     * times in a row it has been seen, so that runs can be cut at 4. */
    unsigned char prev[4];
    size_t prev_len = 0;
    int run = 0;

    while (pos < len) {
        unsigned char unit[4];
        size_t unit_len = 1, next;
        unsigned c = u[pos];

        if (c < 0x80) {
            if (c - 'A' < 26u)
                unit[0] = 'X';
            else if (c - 'a' < 26u)
                unit[0] = 'x';
            else if (c - '0' < 10u)
                unit[0] = 'd';
            else
                unit[0] = (unsigned char)c;
            next = pos + 1;
        } else {
            uint32_t cp = sift_utf8_decode(u, len, pos, &next);

            if (cp == SIFT_INVALID_CP) {
                unit[0] = '?';
            } else {
                switch (sift_uprop(cp)->gc) {
                case SIFT_GC_LU:
                case SIFT_GC_LT: /* titlecase digraphs (Dž) start a capitalised word */
                    unit[0] = 'X';
                    break;
                case SIFT_GC_LL:
                case SIFT_GC_LM:
                case SIFT_GC_LO:
                    unit[0] = 'x';
                    break;
                case SIFT_GC_ND:
                    unit[0] = 'd';
                    break;
                case SIFT_GC_MN:
                case SIFT_GC_MC:
                case SIFT_GC_ME:
                    /* Dropped, and invisible to run cutting, so that "Łódź" has one shape
                     * whether it comes precomposed or decomposed. */
                    pos = next;
                    continue;
                default:
                    unit_len = next - pos;
                    memcpy(unit, u + pos, unit_len);
                    break;
                }
            }
        }
        pos = next;
        if (unit_len == prev_len && memcmp(unit, prev, unit_len) == 0) {
            if (++run > 4)
                continue;
        } else {
            memcpy(prev, unit, unit_len);
            prev_len = unit_len;
            run = 1;
        }
        /* Each unit is no longer than the bytes it came from, so out never needs more than len. */
        memcpy(out + w, unit, unit_len);
        w += unit_len;
    }
    return w;
}
