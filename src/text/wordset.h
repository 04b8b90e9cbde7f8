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

struct sift_wordset;

/* sift_wordset_size gives the bytes needed for n words of total length total_len;
 * sift_wordset_init builds the set there and returns it. */
size_t sift_wordset_size(size_t n, size_t total_len);
struct sift_wordset *sift_wordset_init(void *mem, const char *const *words, const size_t *lens, size_t n);
int sift_wordset_has(const struct sift_wordset *set, const char *w, size_t len);
/* The same with a one-byte tag per word (tags may be NULL: all 0); find gives the tag, or -1 when
 * w is not in the set. The sentence splitter tags abbreviations with their class (abbrevs.h). */
struct sift_wordset *sift_wordset_init_tagged(void *mem, const char *const *words, const size_t *lens,
                                              const unsigned char *tags, size_t n);
int sift_wordset_find(const struct sift_wordset *set, const char *w, size_t len);

#endif
