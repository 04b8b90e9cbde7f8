/*
 * entities/marks.h - the entities of a text while they are being found (marks.c): the rules of
 * tagger.c, the numbers and dates of numex.c and the mentions linker.c adds all read and change
 * them through these two functions.
 */
#ifndef SIFT_NER_MARKS_H
#define SIFT_NER_MARKS_H

#include <stddef.h>
#include <stdint.h>

#include "entities/doc.h"
#include "entities/tagger.h" /* enum sift_entity_type: what marks hold */

/*
 * Entities while they are being found: one byte of type per token (0: none) and one that marks
 * the first token of each entity, so that a rule can replace what it overlaps in place. role[k]
 * counts the tokens of the title just before a person that starts at k.
 */
struct sift_nmarks {
    uint8_t *type;
    uint8_t *begin;
    uint8_t *role;
};

/* The end (exclusive) of the entity that token k is in. */
size_t sift_marks_end(const struct sift_ndoc *d, const struct sift_nmarks *m, size_t k);

/* Makes tokens [a, b) one entity of type, removing every entity it overlaps. */
void sift_marks_set(const struct sift_ndoc *d, struct sift_nmarks *m, size_t a, size_t b, int type);

#endif
