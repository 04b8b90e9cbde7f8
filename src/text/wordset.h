/*
 * text/wordset.h - word sets (wordset.c): read-only sets of short strings, each with an optional
 * one-byte tag, in one block of memory that the caller provides (a Lua userdata, say), so nothing
 * is allocated behind its back. The tokenizer takes one of extra abbreviations (tokens.h), the
 * sentence splitter one of abbreviations tagged with their class (sentences.h, abbrevs.h), the
 * keyword counter the stop words and the weak words (keywords/terms.h, keywords/analysis.h).
 */
#ifndef SIFT_WORDSET_H
#define SIFT_WORDSET_H

#include <stddef.h>

#include "sift.h" /* the word set functions are public */

#endif
