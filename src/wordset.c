/*
 * wordset.c - a read-only set of short strings in one caller-provided block (open addressing,
 * FNV-1a), and the built-in list of abbreviations that keep their full stop.
 *
 * The block layout is: the header, then nslots 32-bit slots (0 = empty, otherwise 1 + the offset of
 * an entry in the string area), then the entries, each a 16-bit length followed by the bytes.
 * Keeping it in one block lets the Lua binding place it in a userdata: nothing to free, nothing to
 * leak if an error is raised while it is being built.
 */
#include <string.h>
#include <stdint.h>
#include <stdlib.h>

#include "tokens.h"

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
    return sizeof(struct sift_wordset) + slots_for(n) * sizeof(uint32_t) + 2 * n + total_len;
}

/* Words longer than 65535 bytes cannot be stored and are left out: no abbreviation is that long. */
struct sift_wordset *sift_wordset_init(void *mem, const char *const *words, const size_t *lens, size_t n)
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
        if (lens[k] > 0xFFFF || sift_wordset_has(set, words[k], lens[k]))
            continue;
        h = fnv1a(words[k], lens[k]) & (set->nslots - 1);
        while (slot[h])
            h = (h + 1) & (set->nslots - 1);
        slot[h] = (uint32_t)(off + 1);
        str[off] = (unsigned char)(lens[k] >> 8);
        str[off + 1] = (unsigned char)(lens[k] & 0xFF);
        memcpy(str + off + 2, words[k], lens[k]);
        off += 2 + lens[k];
        set->n++;
    }
    return set;
}

int sift_wordset_has(const struct sift_wordset *set, const char *w, size_t len)
{
    const uint32_t *slot = slots(set);
    const unsigned char *str = strings(set);
    size_t h = fnv1a(w, len) & (set->nslots - 1);

    while (slot[h]) {
        const unsigned char *e = str + slot[h] - 1;
        size_t elen = ((size_t)e[0] << 8) | e[1];
        if (elen == len && memcmp(e + 2, w, len) == 0)
            return 1;
        h = (h + 1) & (set->nslots - 1);
    }
    return 0;
}

/*
 * Abbreviations of English news that are written with a full stop and are not sentence ends by
 * themselves: titles, months, days, company forms, and Latin and reference forms. Sorted by byte
 * value for bsearch; the case matters ("No." is "number", "no." ends "he said no.").
 */
static const char *const builtin_abbrevs[] = {
    "Adm", "Apr", "Aug", "Ave", "Blvd", "Brig", "Bros", "Capt", "Cdr", "Cmdr", "Co", "Col", "Corp",
    "Cpl", "Dec", "Dept", "Det", "Dr", "Drs", "Esq", "Feb", "Fig", "Fr", "Fri", "Ft", "Gen",
    "Gens", "Gov", "Govt", "Hon", "Inc", "Insp", "Jan", "Jr", "Jul", "Jun", "Lieut", "Lt", "Ltd",
    "Maj", "Mar", "Messrs", "Mlle", "Mme", "Mon", "Mr", "Mrs", "Ms", "Msgr", "Mt", "No", "Nos",
    "Nov", "Oct", "Op", "Plc", "Pres", "Prof", "Pte", "Pty", "Rd", "Rep", "Reps", "Rev", "Rt",
    "Sat", "Sen", "Sens", "Sept", "Sgt", "Sq", "Sr", "St", "Supt", "Thu", "Thurs", "Tue", "Tues",
    "Univ", "Vol", "Wed", "approx", "cf", "dept", "est", "etc", "ft", "pp", "vol", "vs"
};

static int cmp_abbrev(const void *key, const void *elem)
{
    const char *const *k = key;
    return strcmp(*k, *(const char *const *)elem);
}

int sift_is_builtin_abbrev(const char *w, size_t len)
{
    char buf[8];
    const char *key = buf;

    if (len == 0 || len >= sizeof buf)
        return 0;
    memcpy(buf, w, len);
    buf[len] = '\0';
    return bsearch(&key, builtin_abbrevs, sizeof builtin_abbrevs / sizeof *builtin_abbrevs,
                   sizeof *builtin_abbrevs, cmp_abbrev) != NULL;
}
