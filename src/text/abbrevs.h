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

/* The classes of data/abbreviations.tsv, in the order of their names (sift_abbrev_class_name). */
enum sift_abbrev_class {
    SIFT_ABBREV_NONE = 0,  /* not an abbreviation */
    SIFT_ABBREV_TITLE,     /* before a name, never a sentence end: Mr. Dr. Gen. St. */
    SIFT_ABBREV_REFERENCE, /* before a number or an example, never a sentence end: No. e.g. vs. */
    SIFT_ABBREV_MONTH,     /* Jan. Sept. */
    SIFT_ABBREV_DAY,       /* Tue. Thurs. */
    SIFT_ABBREV_COMPANY,   /* Inc. Ltd. Corp. Co. */
    SIFT_ABBREV_PLACE,     /* Ave. Rd. Calif. */
    SIFT_ABBREV_OTHER,     /* etc. Jr. U.S. */
    SIFT_ABBREV_INITIAL,   /* one capital letter: J. in J. K. Rowling (never listed, by shape) */
    SIFT_ABBREV__COUNT
};

/* "title", "reference", ... for a class other than NONE; NULL when out of range. */
const char *sift_abbrev_class_name(int cls);

/* The class named name[0..len), or SIFT_ABBREV_NONE when there is none of that name. */
int sift_abbrev_class_by_name(const char *name, size_t len);

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

/* The class of w[0..len) (without its full stop) in the built-in list, or SIFT_ABBREV_NONE. */
int sift_builtin_abbrev_class(const char *w, size_t len);

/* The same for the tokenizer, which asks only whether a word is on the list: the class of w
 * (without its full stop), or 0 when it is not on the list. */
int sift_is_builtin_abbrev(const char *w, size_t len);

#endif
