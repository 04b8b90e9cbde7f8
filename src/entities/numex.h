/*
 * entities/numex.h - dates, times, money, percentages, quantities, ordinals and cardinals
 * (numex.c).
 */
#ifndef SIFT_NER_NUMEX_H
#define SIFT_NER_NUMEX_H

#include "entities/doc.h"
#include "entities/marks.h"

/* Marks dates, times, money, percentages, quantities, ordinals and cardinals among the tokens
 * that no entity covers yet. */
void sift_numex(const struct sift_ndoc *d, struct sift_nmarks *m);

#endif
