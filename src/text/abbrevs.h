/*
 * text/abbrevs.h - abbreviations that keep their full stop, and what each does to the end of a
 * sentence (abbrevs.c).
 *
 * The built-in list is data: data/abbreviations.tsv, turned into generated/abbrev_data.c by
 * tools/gen_abbrev_data.lua (`make abbrevs`). The tokenizer asks only whether a word is on it; the
 * sentence splitter (sentences.h) also asks for its class.
 */
#ifndef SIFT_ABBREVS_H
#define SIFT_ABBREVS_H

#include <stddef.h>

/* The classes (enum sift_abbrev_class, in the order of their names), their names and the lookups
 * of the built-in list (sift_builtin_abbrev_class, sift_builtin_abbrev) are public: include/sift.h. */
#include "sift.h"

/* One entry of the built-in list. */
struct sift_abbrev {
    const char *word; /* without its final full stop */
    unsigned char len;
    unsigned char cls; /* enum sift_abbrev_class */
};

/* The built-in list, sorted by byte value (generated/abbrev_data.c); the entries that start with
 * byte b are sift_abbrev_table[sift_abbrev_index[b] .. sift_abbrev_index[b + 1] - 1]. */
extern const struct sift_abbrev sift_abbrev_table[];
extern const size_t sift_abbrev_count;
extern const unsigned short sift_abbrev_index[257];

/* The same for the tokenizer, which asks only whether a word is on the list: the class of w
 * (without its full stop), or 0 when it is not on the list. */
int sift_is_builtin_abbrev(const char *w, size_t len);

#endif
