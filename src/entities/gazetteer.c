/*
 * gazetteer.c - lookups in the phrase tables and the building of user tables (see gazetteer.h).
 */
#include "entities/gazetteer.h"

#include <string.h>

#include "text/tokens.h"
#include "unicode/unicode.h"

#define FNV_PRIME 0x100000001b3u

uint64_t sift_gaz_hash_bytes(uint64_t h, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k;

    for (k = 0; k < len; k++) {
        h ^= u[k];
        h *= FNV_PRIME;
    }
    return h;
}

/* The same bytes as sift_fold writes, fed to the hash without a buffer: the generator folds
 * with sift.fold, so the two must agree byte for byte (ill-formed bytes pass unchanged). */
uint64_t sift_gaz_hash_folded(uint64_t h, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t pos = 0;

    while (pos < len) {
        unsigned c = u[pos];
        size_t next;
        uint32_t cp, f[3];
        int n, k;
        char enc[4];

        if (c < 0x80) {
            h ^= (c >= 'A' && c <= 'Z') ? c + 32 : c;
            h *= FNV_PRIME;
            pos++;
            continue;
        }
        cp = sift_utf8_decode(u, len, pos, &next);
        if (cp == SIFT_INVALID_CP) {
            h = sift_gaz_hash_bytes(h, s + pos, next - pos);
            pos = next;
            continue;
        }
        n = sift_fold_cp(cp, f);
        for (k = 0; k < n; k++)
            h = sift_gaz_hash_bytes(h, enc, sift_utf8_encode(f[k], enc));
        pos = next;
    }
    return h;
}

const struct sift_gaz_slot *sift_gaz_find(const struct sift_gazetteer *g, uint64_t key)
{
    size_t k;

    if (!g || !g->slots)
        return NULL;
    for (k = (size_t)key & g->mask;; k = (k + 1) & g->mask) {
        const struct sift_gaz_slot *slot = &g->slots[k];
        if (slot->key == key)
            return slot;
        if (slot->key == 0)
            return NULL;
    }
}

int sift_gaz_is_common(uint64_t key)
{
    uint32_t fp = (uint32_t)(key >> 32) | 1u;
    size_t k;
    for (k = (size_t)key & sift_gaz_common_mask; sift_gaz_common_slots[k]; k = (k + 1) & sift_gaz_common_mask)
        if (sift_gaz_common_slots[k] == fp)
            return 1;
    return 0;
}

/* At most half full, so that a probe for a missing key ends soon. */
static size_t user_slots(size_t ntokens)
{
    size_t k = 16;
    while (k < 2 * ntokens + 2)
        k *= 2;
    return k;
}

size_t sift_gaz_user_size(size_t ntokens)
{
    return sizeof(struct sift_gazetteer) + sizeof(size_t) + user_slots(ntokens) * sizeof(struct sift_gaz_slot);
}

struct sift_gazetteer *sift_gaz_user_init(void *mem, size_t ntokens)
{
    struct sift_gazetteer *g = mem;
    size_t n = user_slots(ntokens);
    /* the slots start after the header and a count of used slots, aligned for uint64_t */
    size_t *used = (size_t *)(void *)(g + 1);
    struct sift_gaz_slot *slots = (struct sift_gaz_slot *)(void *)(used + 1);

    memset(slots, 0, n * sizeof *slots);
    *used = 0;
    g->mask = n - 1;
    g->slots = slots;
    g->maxlen = 0;
    return g;
}

static int user_put(struct sift_gazetteer *g, uint64_t key, uint32_t cats, uint32_t type, unsigned flags)
{
    size_t *used = (size_t *)(void *)(g + 1);
    struct sift_gaz_slot *slots = (struct sift_gaz_slot *)(void *)(uintptr_t)g->slots;
    size_t k;

    for (k = (size_t)key & g->mask;; k = (k + 1) & g->mask) {
        if (slots[k].key == key)
            break;
        if (slots[k].key == 0) {
            if (2 * (*used + 1) > g->mask + 1)
                return -1;
            (*used)++;
            slots[k].key = key;
            break;
        }
    }
    slots[k].cats |= cats;
    slots[k].flags = (uint16_t)(slots[k].flags | flags);
    if (type)
        slots[k].type = (uint16_t)type;
    return 0;
}

size_t sift_gaz_phrase_tokens(const char *phrase, size_t len)
{
    struct sift_tokenizer t;
    struct sift_token tok;
    size_t n = 0;

    sift_tokenizer_init(&t, phrase, len, 0, NULL);
    while (sift_tokenizer_next(&t, &tok))
        n++;
    return n;
}

int sift_gaz_user_add(struct sift_gazetteer *g, const char *phrase, size_t len, uint32_t cats, uint32_t type)
{
    struct sift_tokenizer t;
    struct sift_token tok;
    uint64_t h = SIFT_GAZ_HASH_INIT, prev_key = 0;
    int n = 0;

    sift_tokenizer_init(&t, phrase, len, 0, NULL);
    if (sift_gaz_phrase_tokens(phrase, len) > SIFT_GAZ_MAX_TOKENS)
        return -1;
    while (sift_tokenizer_next(&t, &tok)) {
        if (n > 0) {
            if (user_put(g, prev_key, 0, 0, SIFT_GAZ_PREFIX) != 0)
                return -1;
            h = sift_gaz_hash_bytes(h, " ", 1);
        }
        h = sift_gaz_hash_folded(h, phrase + tok.i, tok.j - tok.i);
        prev_key = sift_gaz_key(h);
        n++;
    }
    if (n == 0)
        return -1;
    if (user_put(g, prev_key, cats, type, 0) != 0)
        return -1;
    if (n > g->maxlen)
        g->maxlen = n;
    return 0;
}
