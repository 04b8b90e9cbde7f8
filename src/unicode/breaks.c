/*
 * breaks.c - one entry point for the three kinds of UAX #29 boundaries, so that callers (the Lua
 * binding, the benchmarks) can take the kind as data.
 */
#include "unicode/breaks.h"

size_t sift_break_next(enum sift_break_kind kind, const char *s, size_t len, size_t pos)
{
    switch (kind) {
    case SIFT_BREAK_GRAPHEME:
        return sift_grapheme_break_next(s, len, pos);
    case SIFT_BREAK_WORD:
        return sift_word_break_next(s, len, pos);
    case SIFT_BREAK_SENTENCE:
        return sift_sentence_break_next(s, len, pos);
    }
    return len + 1;
}
