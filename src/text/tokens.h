/*
 * text/tokens.h - the news tokenizer: UAX #29 words plus what a reader of news expects (URLs, e-mail
 * addresses, @handles, #hashtags, signed and formatted numbers, abbreviations, hyphenated
 * compounds, clitics split off, emoji sequences, runs of dots and dashes).
 *
 * The tokenizer is an explicit state struct over one buffer: no allocation, no callbacks, so the
 * caller decides where tokens go. Token offsets are 0-based and half-open, [i, j); with
 * SIFT_TOKENS_SPACES set, the tokens tile the whole input.
 */
#ifndef SIFT_TOKENS_H
#define SIFT_TOKENS_H

#include <stddef.h>

#include "sift.h" /* the tokenizer is public: its declarations are there */
#include "text/wordset.h" /* the extra abbreviations the tokenizer takes */

#endif
