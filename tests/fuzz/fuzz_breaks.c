/*
 * fuzz_breaks.c - the UAX #29 boundaries (breaks.h): grapheme, word and sentence, on any bytes.
 *
 * Properties, beyond not crashing:
 *   - walking from 0, each boundary is after the previous one and the last is the input's length
 *     (so sift.breaks always ends at #text + 1 and never loops);
 *   - started at any position, not only a boundary (breaks.h allows it), the next boundary is
 *     after it and within the input;
 *   - on well-formed UTF-8 no boundary falls inside a character;
 *   - every word boundary and every sentence boundary is also a grapheme boundary, on input where
 *     the property files agree: no Prepend character (WB4 and SB5 attach a Prepend format
 *     character such as U+0600 to what precedes it, GB9b to what follows), no regional indicator
 *     for words (WB4 pairs them across an Extend, GB12/13 do not), and no character that extends a
 *     grapheme cluster without being Extend or Format for the word or sentence rules (the emoji
 *     modifiers U+1F3FB..U+1F3FF are Other for sentences, so "x." and U+1F3FD may be cut);
 *   - an unknown kind gives len + 1.
 */
#include <string.h>

#include "fuzz.h"
#include "sift.h"
#include "text/abbrevs.h"
#include "text/sentences.h"
#include "text/tokens.h"
#include "unicode/breaks.h"
#include "unicode/unicode.h"

#define MAX_LEN 65536

static unsigned char is_grapheme_break[MAX_LEN + 1];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = { "grapheme", "word", "sentence" };
    const char *s = (const char *)data;
    int utf8 = fuzz_utf8_ok(data, size), kind;
    uint64_t rng = fuzz_seed(data, size);
    size_t pos, next, k;
    int subset[3] = { 1, 1, 1 };

    if (size > MAX_LEN)
        return 0;
    for (pos = 0; pos < size; pos = next) {
        const struct sift_uprop *p = sift_uprop_at(data, size, pos, &next);
        int extends = p->gb == SIFT_GB_EXTEND || p->gb == SIFT_GB_ZWJ || p->gb == SIFT_GB_SPACINGMARK;
        if (p->gb == SIFT_GB_PREPEND)
            subset[SIFT_BREAK_WORD] = subset[SIFT_BREAK_SENTENCE] = 0;
        if (p->gb == SIFT_GB_REGIONAL_INDICATOR
            || (extends && p->wb != SIFT_WB_EXTEND && p->wb != SIFT_WB_ZWJ && p->wb != SIFT_WB_FORMAT))
            subset[SIFT_BREAK_WORD] = 0;
        if (extends && p->sb != SIFT_SB_EXTEND && p->sb != SIFT_SB_FORMAT)
            subset[SIFT_BREAK_SENTENCE] = 0;
    }
    memset(is_grapheme_break, 0, size + 1);
    is_grapheme_break[0] = 1;
    for (kind = SIFT_BREAK_GRAPHEME; kind <= SIFT_BREAK_SENTENCE; kind++) {
        pos = 0;
        while (pos < size) {
            next = sift_break_next((enum sift_break_kind)kind, s, size, pos);
            FUZZ_CHECK(next > pos && next <= size, "%s break after %lu is %lu (of %lu bytes)", names[kind],
                       (unsigned long)pos, (unsigned long)next, (unsigned long)size);
            if (utf8)
                FUZZ_CHECK(next == size || (data[next] & 0xC0) != 0x80, "%s break at %lu cuts a character",
                           names[kind], (unsigned long)next);
            if (kind == SIFT_BREAK_GRAPHEME)
                is_grapheme_break[next] = 1;
            else if (subset[kind])
                FUZZ_CHECK(is_grapheme_break[next], "%s break at %lu is inside a grapheme cluster", names[kind],
                           (unsigned long)next);
            pos = next;
        }
        /* restarts anywhere: a few positions chosen from the input */
        for (k = 0; size && k < 8; k++) {
            pos = fuzz_rand(&rng) % size;
            next = sift_break_next((enum sift_break_kind)kind, s, size, pos);
            FUZZ_CHECK(next > pos && next <= size, "%s break restarted at %lu gives %lu (of %lu bytes)",
                       names[kind], (unsigned long)pos, (unsigned long)next, (unsigned long)size);
        }
    }
    FUZZ_CHECK(sift_break_next((enum sift_break_kind)7, s, size, 0) == size + 1, "unknown kind");
    return 0;
}
