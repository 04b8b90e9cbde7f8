/*
 * sentences.h - the news-aware sentence splitter, built on the tokenizer.
 *
 * An explicit state struct over one buffer, like the tokenizer: no allocation, no callbacks.
 * sift_sentences_next returns the sentences in order as 0-based half-open spans [i, j) that start
 * and end on a character that is not white space; they never overlap, and only white space lies
 * between them, so every other byte of the text belongs to exactly one sentence.
 *
 * A sentence ends
 *   - after a terminator (. ! ? ... and the full-width 。！？), with the closing quotes and brackets
 *     that follow it, when white space and a word that does not start in lower case come next
 *     (the full-width terminators need no space after them);
 *   - after an abbreviation only when its class allows it (abbrevs.h) and the next word usually
 *     starts a sentence (sift_is_sentence_starter): "in the U.S. The next day" but "the U.S.
 *     Senate", "Mr. Smith", "J. K. Rowling", "on Jan. 5";
 *   - at a line break after a line that stands alone (a headline, a caption, a dateline, a list
 *     item), but not inside running prose that is merely wrapped (see sift_sentences_init);
 *   - at a blank line, always.
 * Numbers, times and versions (3.5, 10:30, v2.0.1), URLs and e-mail addresses keep their dots;
 * ellipses and runs of ! and ? are one terminator; "1." at the start of a line is a list marker.
 *
 * Paragraphs: sentences are numbered by paragraph. A new paragraph starts after a blank line (or
 * U+2029 PARAGRAPH SEPARATOR, or a form feed), and after a line break that ends a sentence on a
 * line that stands alone: a headline, a list item, a line of text that puts one paragraph a line.
 */
#ifndef SIFT_SENTENCES_H
#define SIFT_SENTENCES_H

#include <stddef.h>

#include "sift.h"
#include "text/tokens.h"
#include "text/abbrevs.h"

/* The splitter itself (flags, struct sift_sentence, struct sift_sentences, sift_sentences_init
 * and sift_sentences_next) is public: include/sift.h. Line breaks, unless a flag says otherwise:
 * a single line break ends the sentence when the line before it has no final punctuation, the
 * next line does not start in lower case, the line does not end in a comma, a semicolon, an
 * opening bracket or a hyphen, and the line does not look hard-wrapped (see sentences.c). The
 * next line starting a list item always ends it. */

/* sift_abbrev_class (what the splitter makes of a word before a full stop), sift_is_sentence_starter
 * and sift_sentence_starter are public too: include/sift.h. */

/* The generated list behind sift_is_sentence_starter and sift_sentence_starter
 * (generated/starters_data.c), sorted by byte value. */
extern const char *const sift_starter_table[];
extern const size_t sift_starter_count;

#endif
