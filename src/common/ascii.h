/*
 * common/ascii.h - byte-level helpers of the hot loops of the tokenizer, the sentence splitter
 * and the word breaker: ASCII letters and digits, word-at-a-time scanning of ASCII text (most
 * news text is runs of ASCII letters, and finding where a run ends eight bytes at a time avoids
 * both the per-byte loop and most of its mispredicted exits), and constant tables of byte
 * classes built by the preprocessor.
 */
#ifndef SIFT_ASCII_H
#define SIFT_ASCII_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SIFT_SWAR 1
#endif

/*
 * A 256-entry table of byte classes as a constant initializer, made by the preprocessor from a
 * macro F(c) that gives the class of byte c (an integer constant expression):
 *     #define CLS(c) (((c) == '.') ? DOT : 0)
 *     static const unsigned char cls[256] = SIFT_BYTE_TABLE(CLS);
 */
#define SIFT_BYTES4(F, c) F(c), F((c) + 1), F((c) + 2), F((c) + 3)
#define SIFT_BYTES16(F, c) SIFT_BYTES4(F, c), SIFT_BYTES4(F, (c) + 4), SIFT_BYTES4(F, (c) + 8), SIFT_BYTES4(F, (c) + 12)
#define SIFT_BYTES64(F, c) SIFT_BYTES16(F, c), SIFT_BYTES16(F, (c) + 16), SIFT_BYTES16(F, (c) + 32), \
    SIFT_BYTES16(F, (c) + 48)
#define SIFT_BYTE_TABLE(F) { SIFT_BYTES64(F, 0), SIFT_BYTES64(F, 64), SIFT_BYTES64(F, 128), SIFT_BYTES64(F, 192) }

/* 1 if c is an ASCII letter or digit. */
static inline int sift_ascii_alnum(unsigned c)
{
    return (c | 0x20) - 'a' < 26 || c - '0' < 10;
}

#ifdef SIFT_SWAR
/* The high bit of each byte of the result is set when that byte of x is [A-Za-z0-9]. Each byte
 * stays below 0x100 in every sum, so no carry crosses into the next byte. */
static inline uint64_t sift_swar_alnum(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t x7 = x & ~high;
    uint64_t lower = x7 | (0x20 * ones); /* A-Z -> a-z; nothing else lands in a-z */
    uint64_t letter = (lower + (0x80 - 'a') * ones) & ~(lower + (0x80 - 'z' - 1) * ones);
    uint64_t digit = (x7 + (0x80 - '0') * ones) & ~(x7 + (0x80 - '9' - 1) * ones);
    return (letter | digit) & ~x & high;
}
#endif

/* The end of the run of ASCII letters and digits that starts at or before b. */
static inline size_t sift_ascii_alnum_run(const unsigned char *s, size_t b, size_t len)
{
#ifdef SIFT_SWAR
    while (len - b >= 8) {
        uint64_t x, stop;
        memcpy(&x, s + b, 8);
        stop = ~sift_swar_alnum(x) & 0x8080808080808080u;
        if (stop)
            return b + ((size_t)__builtin_ctzll(stop) >> 3);
        b += 8;
    }
#endif
    while (b < len && sift_ascii_alnum(s[b]))
        b++;
    return b;
}

#endif
