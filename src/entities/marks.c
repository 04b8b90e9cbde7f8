/*
 * marks.c - the entities of a text while they are being found (marks.h).
 */
#include "entities/marks.h"

size_t sift_marks_end(const struct sift_ndoc *d, const struct sift_nmarks *m, size_t k)
{
    size_t e = k + 1;
    while (e < d->n && m->type[e] && !m->begin[e])
        e++;
    return e;
}

static size_t marks_start(const struct sift_nmarks *m, size_t k)
{
    while (k > 0 && !m->begin[k])
        k--;
    return k;
}

void sift_marks_set(const struct sift_ndoc *d, struct sift_nmarks *m, size_t a, size_t b, int type)
{
    size_t k, lo = a, hi = b;

    if (a >= b)
        return;
    if (m->type[a])
        lo = marks_start(m, a);
    if (m->type[b - 1])
        hi = sift_marks_end(d, m, b - 1);
    for (k = lo; k < hi; k++) {
        m->type[k] = 0;
        m->begin[k] = 0;
        m->role[k] = 0;
    }
    /* what was cut off beyond [a, b) is no entity of its own */
    for (k = a; k < b; k++) {
        m->type[k] = (uint8_t)type;
        m->begin[k] = k == a;
    }
}
