/*
 * abbrevs.c - lookups in the built-in abbreviation list (generated/abbrev_data.c, generated from
 * data/abbreviations.tsv) and the names of the abbreviation classes.
 */
#include <string.h>

#include "text/abbrevs.h"

static const char *const class_names[SIFT_ABBREV__COUNT] = {
    NULL, "title", "reference", "month", "day", "company", "place", "other", "initial"
};

const char *sift_abbrev_class_name(int cls)
{
    return (cls > SIFT_ABBREV_NONE && cls < SIFT_ABBREV__COUNT) ? class_names[cls] : NULL;
}

int sift_abbrev_class_by_name(const char *name, size_t len)
{
    int k;
    for (k = SIFT_ABBREV_NONE + 1; k < SIFT_ABBREV__COUNT; k++)
        if (strlen(class_names[k]) == len && memcmp(class_names[k], name, len) == 0)
            return k;
    return SIFT_ABBREV_NONE;
}

/* Only the few entries that start with the same byte are compared, shortest test first. */
int sift_builtin_abbrev_class(const char *w, size_t len)
{
    size_t k, end;

    if (len == 0)
        return SIFT_ABBREV_NONE;
    k = sift_abbrev_index[(unsigned char)w[0]];
    end = sift_abbrev_index[(unsigned char)w[0] + 1];
    for (; k < end; k++) {
        const struct sift_abbrev *e = &sift_abbrev_table[k];
        if (e->len == len && memcmp(e->word, w, len) == 0)
            return e->cls;
    }
    return SIFT_ABBREV_NONE;
}

int sift_builtin_abbrev(size_t k, const char **word, size_t *len)
{
    if (k >= sift_abbrev_count)
        return SIFT_ABBREV_NONE;
    if (word)
        *word = sift_abbrev_table[k].word;
    if (len)
        *len = sift_abbrev_table[k].len;
    return sift_abbrev_table[k].cls;
}

int sift_is_builtin_abbrev(const char *w, size_t len)
{
    return sift_builtin_abbrev_class(w, len);
}
