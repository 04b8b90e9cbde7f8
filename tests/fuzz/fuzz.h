/*
 * fuzz.h - shared by the fuzz targets of tests/fuzz/ (see tests/fuzz/run.sh).
 *
 * Each target defines LLVMFuzzerTestOneInput. Built with clang -fsanitize=fuzzer it is a libFuzzer
 * binary; built with standalone.c instead (any compiler) it replays the files or folders given on
 * its command line, which is how the corpora and the crash regressions run under gcc's ASan.
 * A property that does not hold prints what and where, then aborts: libFuzzer saves the input.
 */
#ifndef SIFT_FUZZ_H
#define SIFT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                              \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "\nproperty failed at %s:%d: %s\n  ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                                  \
            fputc('\n', stderr);                                                           \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

/* 1 if s[0..len) is well-formed UTF-8 (written here, not taken from the engine under test). */
static inline int fuzz_utf8_ok(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n, k;
        unsigned lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0;
            if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else
            return 0;
        if (len - i <= n)
            return 0;
        for (k = 1; k <= n; k++) {
            unsigned b = s[i + k];
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF))
                return 0;
        }
        i += n + 1;
    }
    return 1;
}

/* A small deterministic generator, seeded from the input, for chunk sizes and the like. */
static inline uint32_t fuzz_rand(uint64_t *state)
{
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*state >> 33);
}

static inline uint64_t fuzz_seed(const uint8_t *data, size_t size)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;
    for (i = 0; i < size; i++) {
        h ^= data[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* The input's first words (runs of bytes above the space, cut at 24 bytes), each without a final
 * full stop as the API takes abbreviations: up to `max` of them into words and lens. Returns how
 * many, and adds their lengths to *total. The tokenizer and sentence targets use them as the
 * user's abbreviations, so that mutations reach the abbreviation rules with words of the text. */
static inline size_t fuzz_first_words(const uint8_t *data, size_t size, const char **words, size_t *lens,
                                      size_t max, size_t *total)
{
    size_t i, n = 0;
    for (i = 0; i < size && n < max;) {
        size_t j = i;
        while (j < size && data[j] > ' ' && j - i < 24)
            j++;
        if (j > i) {
            words[n] = (const char *)data + i;
            lens[n] = j - i - (data[j - 1] == '.');
            *total += lens[n++];
        }
        i = j + 1;
    }
    return n;
}

#endif
