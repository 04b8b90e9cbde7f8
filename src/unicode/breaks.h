/*
 * breaks.h - text boundaries after UAX #29 (Unicode Text Segmentation).
 *
 * Each function returns the byte offset of the first boundary after pos (pos < len), reading
 * s[pos] as if it began the text (rule WB1/GB1/SB1). That is exact when pos is itself a boundary,
 * so calling them again from each result walks every boundary of the text, and callers may also
 * restart at any position of their own choosing (a token end, a URL end). Ill-formed UTF-8 is
 * read as U+FFFD, one maximal subpart at a time.
 */
#ifndef SIFT_BREAKS_H
#define SIFT_BREAKS_H

#include <stddef.h>

#include "sift.h" /* enum sift_break_kind and sift_break_next, which dispatches on it, are public */

/* One kind each, for the engine's own callers (the tokenizer, the splitter, the benchmarks). */
size_t sift_word_break_next(const char *s, size_t len, size_t pos);
size_t sift_grapheme_break_next(const char *s, size_t len, size_t pos);
size_t sift_sentence_break_next(const char *s, size_t len, size_t pos);

#endif
