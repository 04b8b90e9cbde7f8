/*
 * utf8.c - UTF-8 validation and repair (encoding/utf8.h).
 *
 * Decoding goes through sift_utf8_decode (unicode.h) so that validation, repair and the rest of
 * the engine agree byte for byte on what a maximal ill-formed subpart is.
 */
#include <stdint.h>
#include <string.h>

#include "encoding/utf8.h"
#include "unicode/unicode.h"

#define HIGH_BITS 0x8080808080808080ull

/*
 * Length of the ASCII run starting at s[0], checked 16 bytes per step. memcpy keeps the loads
 * legal at any alignment and compiles to plain unaligned loads; news text is mostly ASCII, so
 * this loop is where the time goes.
 */
static size_t ascii_run(const unsigned char *s, size_t len)
{
    size_t i = 0;
    uint64_t a, b;

    while (i + 16 <= len) {
        memcpy(&a, s + i, 8);
        memcpy(&b, s + i + 8, 8);
        if ((a | b) & HIGH_BITS)
            break;
        i += 16;
    }
    if (i + 8 <= len) {
        memcpy(&a, s + i, 8);
        if (!(a & HIGH_BITS))
            i += 8;
    }
    while (i < len && s[i] < 0x80)
        i++;
    return i;
}

int sift_utf8_valid(const char *str, size_t len, size_t *errpos)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t pos = 0, next;

    while (pos < len) {
        pos += ascii_run(s + pos, len - pos);
        /* Decode a whole run of non-ASCII characters before going back to the wide loop, so
         * CJK text does not pay for a failed 16-byte probe per character. */
        while (pos < len && s[pos] >= 0x80) {
            if (sift_utf8_decode(s, len, pos, &next) == SIFT_INVALID_CP) {
                if (errpos)
                    *errpos = pos;
                return 0;
            }
            pos = next;
        }
    }
    return 1;
}

size_t sift_utf8_clean_size(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t pos = 0, next, n = 0, run;

    while (pos < len) {
        run = ascii_run(s + pos, len - pos);
        pos += run;
        n += run;
        while (pos < len && s[pos] >= 0x80) {
            if (sift_utf8_decode(s, len, pos, &next) == SIFT_INVALID_CP)
                n += 3;
            else
                n += next - pos;
            pos = next;
        }
    }
    return n;
}

size_t sift_utf8_clean(const char *str, size_t len, char *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t pos = 0, next, n = 0, start;

    while (pos < len) {
        /* Copy valid stretches in one memcpy rather than byte by byte. */
        start = pos;
        for (;;) {
            pos += ascii_run(s + pos, len - pos);
            if (pos >= len || sift_utf8_decode(s, len, pos, &next) == SIFT_INVALID_CP)
                break;
            pos = next;
        }
        memcpy(out + n, s + start, pos - start);
        n += pos - start;
        if (pos < len) {
            memcpy(out + n, "\xEF\xBF\xBD", 3);
            n += 3;
            pos = next;
        }
    }
    return n;
}
