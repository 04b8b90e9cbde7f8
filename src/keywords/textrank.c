/*
 * textrank.c - TextRank over the sentences of an article (see textrank.h).
 *
 * Scratch layout: mark[nids + 1] (the last sentence an id was seen in, plus one), sf[nids + 1]
 * (sentences holding each id), w[nids + 1] (its weight), list[nterms] (the distinct ids of each
 * sentence, one sentence after another), start[nsent + 1] (where each sentence's ids begin),
 * outw[nsent] (a node's total edge weight), next[nsent] (the next ranks).
 */
#include <math.h>
#include <string.h>

#include "keywords/textrank.h"

size_t sift_textrank_scratch(size_t nterms, size_t nids, size_t nsent)
{
    return (nids + 1) * (2 * sizeof(size_t) + sizeof(double)) + (nterms + 1) * sizeof(unsigned)
           + (nsent + 1) * sizeof(size_t) + 2 * (nsent + 1) * sizeof(double) + 64;
}

int sift_textrank(const struct sift_rank_in *in, struct sift_rank_out *out, void *scratch)
{
    size_t n = in->nsent, nids = in->nids, k, x, y;
    double *w = scratch, *outw = w + nids + 1, *next = outw + n + 1;
    size_t *mark = (size_t *)(void *)(next + n + 1), *sf = mark + nids + 1, *start = sf + nids + 1;
    unsigned *list = (unsigned *)(void *)(start + n + 1);
    size_t nlist = 0;
    int iter;

    if (n == 0)
        return 0;
    memset(mark, 0, (nids + 1) * sizeof *mark);
    memset(sf, 0, (nids + 1) * sizeof *sf);
    for (x = 0; x < n; x++) {
        out->nterms[x] = out->nkeys[x] = 0;
        out->suma[x] = out->sumb[x] = 0;
    }
    /* each sentence's distinct ids, contiguous in list */
    for (x = 0, k = 0; x < n; x++) {
        start[x] = nlist;
        while (k < in->nterms && in->sent[k] < (int)x)
            k++;
        for (; k < in->nterms && in->sent[k] == (int)x; k++) {
            unsigned id = in->ids[k];
            out->nterms[x]++;
            if (id == 0 || id > nids || mark[id] == x + 1)
                continue;
            mark[id] = x + 1;
            list[nlist++] = id;
            sf[id]++;
        }
        out->nkeys[x] = nlist - start[x];
    }
    start[n] = nlist;
    for (k = 1; k <= nids; k++)
        w[k] = sf[k] ? log(1.0 + (double)n / (double)sf[k]) : 0;

    /* dot products through the sentences' id lists: sim[x][y] += w^2 for each shared id */
    memset(out->sim, 0, n * n * sizeof *out->sim);
    memset(mark, 0, (nids + 1) * sizeof *mark);
    for (x = 0; x < n; x++) {
        double norm = 0, a = 0, b = 0;
        for (k = start[x]; k < start[x + 1]; k++) {
            unsigned id = list[k];
            norm += w[id] * w[id];
            if (in->wa)
                a += in->wa[id];
            if (in->wb)
                b += in->wb[id];
        }
        out->sim[x * n + x] = norm; /* the squared norm, for now */
        out->suma[x] = a;
        out->sumb[x] = b;
    }
    for (x = 0; x < n; x++)
        for (y = x + 1; y < n; y++) {
            /* both lists are short: walk x's ids against a marker of y's */
            double dot = 0;
            for (k = start[y]; k < start[y + 1]; k++)
                mark[list[k]] = y + 1;
            for (k = start[x]; k < start[x + 1]; k++)
                if (mark[list[k]] == y + 1)
                    dot += w[list[k]] * w[list[k]];
            out->sim[x * n + y] = dot;
        }
    for (x = 0; x < n; x++)
        for (y = x + 1; y < n; y++) {
            double d = sqrt(out->sim[x * n + x] * out->sim[y * n + y]);
            double s = d > 0 ? out->sim[x * n + y] / d : 0;
            out->sim[x * n + y] = out->sim[y * n + x] = s;
        }
    for (x = 0; x < n; x++)
        out->sim[x * n + x] = out->nkeys[x] ? 1 : 0;

    /* PageRank: a node passes its rank to its neighbours in proportion to the edges' weights */
    for (x = 0; x < n; x++) {
        double s = 0;
        for (y = 0; y < n; y++)
            if (y != x)
                s += out->sim[x * n + y];
        outw[x] = s;
        out->rank[x] = 1.0 / (double)n;
    }
    for (iter = 1; iter <= 100; iter++) {
        double delta = 0;
        for (y = 0; y < n; y++) {
            double acc = 0;
            for (x = 0; x < n; x++)
                if (x != y && outw[x] > 0)
                    acc += out->sim[x * n + y] / outw[x] * out->rank[x];
            next[y] = 0.15 / (double)n + 0.85 * acc;
            delta += fabs(next[y] - out->rank[y]);
        }
        memcpy(out->rank, next, n * sizeof *next);
        if (delta < 1e-5)
            break;
    }
    return iter > 100 ? 100 : iter;
}
