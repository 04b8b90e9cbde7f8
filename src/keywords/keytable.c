/*
 * keytable.c - strings -> ids for counting the keys of a text (see keytable.h).
 */
#include <string.h>

#include "keywords/keytable.h"

unsigned long sift_key_hash(const char *k, size_t len)
{
    unsigned long h = 2166136261u;
    size_t i;

    for (i = 0; i < len; i++)
        h = (h ^ (unsigned char)k[i]) * 16777619u;
    return h;
}

int sift_keytable_init(struct sift_keytable *kt, size_t slots, size_t bytes, sift_alloc_fn alloc, void *ud)
{
    size_t cap;

    for (cap = 2; cap < slots; cap *= 2)
        ;
    kt->alloc = alloc, kt->ud = ud;
    kt->used = kt->nbytes = 0;
    kt->slots = alloc(ud, cap * sizeof *kt->slots);
    kt->bytes = alloc(ud, bytes ? bytes : 1);
    if (!kt->slots || !kt->bytes)
        return -1;
    memset(kt->slots, 0, cap * sizeof *kt->slots);
    kt->cap = cap;
    kt->room = bytes ? bytes : 1;
    return 0;
}

unsigned sift_keytable_find(const struct sift_keytable *kt, const char *k, size_t len, unsigned long h)
{
    const struct sift_key_slot *slot = kt->slots;
    size_t mask = kt->cap - 1, i = h & mask;

    while (slot[i].id) {
        if (slot[i].hash == h && slot[i].len == len && memcmp(kt->bytes + slot[i].off, k, len) == 0)
            return slot[i].id;
        i = (i + 1) & mask;
    }
    return 0;
}

static void place(struct sift_key_slot *slot, size_t cap, const struct sift_key_slot *e)
{
    size_t i = e->hash & (cap - 1);

    while (slot[i].id)
        i = (i + 1) & (cap - 1);
    slot[i] = *e;
}

int sift_keytable_insert(struct sift_keytable *kt, const char *k, size_t len, unsigned long h, unsigned id)
{
    struct sift_key_slot e;

    if (2 * (kt->used + 1) > kt->cap) { /* keep it at most half full: rehash into twice the room */
        size_t cap = kt->cap * 2, i;
        struct sift_key_slot *slot = kt->alloc(kt->ud, cap * sizeof *slot);
        if (!slot)
            return -1;
        memset(slot, 0, cap * sizeof *slot);
        for (i = 0; i < kt->cap; i++)
            if (kt->slots[i].id)
                place(slot, cap, &kt->slots[i]);
        kt->slots = slot;
        kt->cap = cap;
    }
    if (kt->nbytes + len + 1 > kt->room) {
        size_t room = kt->room;
        char *bytes;
        while (room < kt->nbytes + len + 1)
            room *= 2;
        bytes = kt->alloc(kt->ud, room);
        if (!bytes)
            return -1;
        memcpy(bytes, kt->bytes, kt->nbytes);
        kt->bytes = bytes;
        kt->room = room;
    }
    memcpy(kt->bytes + kt->nbytes, k, len);
    e.off = kt->nbytes, e.len = (unsigned)len, e.id = id, e.hash = h;
    kt->nbytes += len;
    place(kt->slots, kt->cap, &e);
    kt->used++;
    return 0;
}
