/*
 * textrank.h - ranking the sentences of an article for an extractive summary: TextRank (Mihalcea
 * and Tarau, 2004), PageRank over a graph whose nodes are sentences and whose edges are their
 * similarities. A sentence that shares much with many others ranks high.
 */
#ifndef SIFT_TEXTRANK_H
#define SIFT_TEXTRANK_H

#include <stddef.h>

/*
 * The input: the terms of a text by id (ids[k], from 1 to nids) and the sentence each belongs to
 * (sent[k], from 0 to nsent - 1, non-decreasing; -1 for a term in no sentence). Two optional
 * weights per id (wa, wb: arrays of nids + 1 doubles, index 0 unused; NULL for none) are summed
 * over each sentence's distinct ids.
 */
struct sift_rank_in {
    const unsigned *ids;
    const int *sent;
    size_t nterms, nids, nsent;
    const double *wa, *wb;
};

/*
 * The output, arrays of nsent (sim: nsent * nsent) that the caller provides:
 *   rank      PageRank (damping 0.85) of each sentence; they sum to 1
 *   sim       the cosine similarity of two sentences' sets of ids, each id weighted by its inverse
 *             sentence frequency log(1 + nsent / sentences holding it); sim[x * nsent + y]
 *   nterms    terms of the sentence; nkeys: its distinct ids
 *   suma,sumb the sums of wa and wb over its distinct ids (0 when wa or wb is NULL)
 */
struct sift_rank_out {
    double *rank, *sim, *suma, *sumb;
    size_t *nterms, *nkeys;
};

/* Bytes of scratch memory sift_textrank needs. */
size_t sift_textrank_scratch(size_t nterms, size_t nids, size_t nsent);

/* Ranks the sentences; scratch holds sift_textrank_scratch(...) bytes. Returns the number of
 * PageRank iterations it took (at most 100; it stops when the ranks move by less than 1e-5 in
 * all). */
int sift_textrank(const struct sift_rank_in *in, struct sift_rank_out *out, void *scratch);

#endif
