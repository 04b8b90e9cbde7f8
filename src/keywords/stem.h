/*
 * stem.h - the Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", 1980), the
 * original algorithm, which keyword counting uses to group inflections: "elections", "elected" and
 * "election" all become "elect".
 */
#ifndef SIFT_STEM_H
#define SIFT_STEM_H

#include <stddef.h>

#include "sift.h" /* the stemmer, sift_porter_stem, is public: its declaration is there */

#endif
