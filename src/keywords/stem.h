/*
 * stem.h - the Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", 1980), the
 * original algorithm, which keyword counting uses to group inflections: "elections", "elected" and
 * "election" all become "elect".
 */
#ifndef SIFT_STEM_H
#define SIFT_STEM_H

#include <stddef.h>

/*
 * Stems the word w[0..len) in place and returns the stem's length (never more than len). Only
 * words made of the ASCII letters a-z are stemmed; any other word (capitals, digits, apostrophes,
 * non-ASCII letters) and words of one or two letters come back unchanged.
 */
size_t sift_porter_stem(char *w, size_t len);

#endif
