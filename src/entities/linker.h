/*
 * entities/linker.h - the mentions of one thing in one text made one entity (linker.c): the
 * mentions only the rest of the text reveals, then the grouping into canonical entities.
 */
#ifndef SIFT_NER_LINKER_H
#define SIFT_NER_LINKER_H

#include <stddef.h>

#include "common/alloc.h"
#include "entities/doc.h"
#include "entities/marks.h"
#include "entities/tagger.h" /* struct sift_entity_cluster */

/* Adds the mentions that only the rest of the text reveals: a later "Xi" of "Xi Jinping", "CPC"
 * after "Communist Party of China (CPC)", "the Party" when one party was named, a repeated name.
 * Returns 0 or -1. */
int sift_link_propagate(const struct sift_ndoc *d, struct sift_nmarks *m, sift_alloc_fn alloc, void *ud);

/* A mention while linking: tokens [a, b), its role tokens [a - role, a). */
struct sift_nent {
    size_t a, b;
    int type;
    int role;
    size_t cluster;
};

/* Groups the mentions (sorted, not overlapping) into canonical entities: sets each one's
 * cluster and fills clusters (allocated). Returns 0 or -1. */
int sift_link(const struct sift_ndoc *d, struct sift_nent *ents, size_t n, sift_alloc_fn alloc, void *ud,
              struct sift_entity_cluster **clusters, size_t *nclusters);

#endif
