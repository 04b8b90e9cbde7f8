/*
 * wordset.c - a read-only set of short strings in one caller-provided block (open addressing,
 * FNV-1a), each with a one-byte tag (the sentence splitter keeps abbreviation classes there).
 * The built-in abbreviation list is in abbrevs.c and generated/abbrev_data.c.
 *
 * The block layout is: the header, then nslots 32-bit slots (0 = empty, otherwise 1 + the offset of
 * an entry in the string area), then the entries, each a 16-bit length and the tag, then the bytes.
 * Keeping it in one block lets the Lua binding place it in a userdata: nothing to free, nothing to
 * leak if an error is raised while it is being built.
 */
#include <string.h>
#include <stdint.h>

#include "text/wordset.h"

struct sift_wordset {
    size_t nslots; /* a power of two, at least twice the number of words */
    size_t n;
};

static uint32_t fnv1a(const char *w, size_t len)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < len; i++) {
        h ^= (unsigned char)w[i];
        h *= 16777619u;
    }
    return h;
}

static size_t slots_for(size_t n)
{
    size_t k = 8;
    while (k < 2 * n + 1)
        k *= 2;
    return k;
}

static uint32_t *slots(const struct sift_wordset *set)
{
    return (uint32_t *)(void *)((char *)(void *)(uintptr_t)set + sizeof *set);
}

static const unsigned char *strings(const struct sift_wordset *set)
{
    return (const unsigned char *)(slots(set) + set->nslots);
}

size_t sift_wordset_size(size_t n, size_t total_len)
{
    return sizeof(struct sift_wordset) + slots_for(n) * sizeof(uint32_t) + 3 * n + total_len;
}

/* Words longer than 65535 bytes cannot be stored and are left out: no abbreviation is that long.
 * A word given twice keeps its first tag. */
struct sift_wordset *sift_wordset_init_tagged(void *mem, const char *const *words, const size_t *lens,
                                              const unsigned char *tags, size_t n)
{
    struct sift_wordset *set = mem;
    uint32_t *slot;
    unsigned char *str;
    size_t k, off = 0;

    set->nslots = slots_for(n);
    set->n = 0;
    slot = slots(set);
    memset(slot, 0, set->nslots * sizeof *slot);
    str = (unsigned char *)(slot + set->nslots);
    for (k = 0; k < n; k++) {
        size_t h;
        if (lens[k] > 0xFFFF || sift_wordset_find(set, words[k], lens[k]) >= 0)
            continue;
        h = fnv1a(words[k], lens[k]) & (set->nslots - 1);
        while (slot[h])
            h = (h + 1) & (set->nslots - 1);
        slot[h] = (uint32_t)(off + 1);
        str[off] = (unsigned char)(lens[k] >> 8);
        str[off + 1] = (unsigned char)(lens[k] & 0xFF);
        str[off + 2] = tags ? tags[k] : 0;
        memcpy(str + off + 3, words[k], lens[k]);
        off += 3 + lens[k];
        set->n++;
    }
    return set;
}

struct sift_wordset *sift_wordset_init(void *mem, const char *const *words, const size_t *lens, size_t n)
{
    return sift_wordset_init_tagged(mem, words, lens, NULL, n);
}

int sift_wordset_find(const struct sift_wordset *set, const char *w, size_t len)
{
    const uint32_t *slot = slots(set);
    const unsigned char *str = strings(set);
    size_t h = fnv1a(w, len) & (set->nslots - 1);

    while (slot[h]) {
        const unsigned char *e = str + slot[h] - 1;
        size_t elen = ((size_t)e[0] << 8) | e[1];
        if (elen == len && memcmp(e + 3, w, len) == 0)
            return e[2];
        h = (h + 1) & (set->nslots - 1);
    }
    return -1;
}

int sift_wordset_has(const struct sift_wordset *set, const char *w, size_t len)
{
    return sift_wordset_find(set, w, len) >= 0;
}
