/*
 * keytable.h - a table of strings -> ids (unsigned, from 1) for counting the keys of a text: a key
 * already seen costs a hash and a compare. Open addressing (linear probing, at most half full)
 * over an arena that holds the keys' bytes one after another.
 *
 * It grows through the caller's allocator (alloc.h): a full table or arena is copied into a block
 * twice as large and the old block is left to the caller, who drops them all at once.
 */
#ifndef SIFT_KEYTABLE_H
#define SIFT_KEYTABLE_H

#include <stddef.h>

#include "common/alloc.h"

struct sift_key_slot {
    size_t off;       /* where the key's bytes start in the arena */
    unsigned len, id; /* id 0: an empty slot */
    unsigned long hash;
};

struct sift_keytable {
    struct sift_key_slot *slots;
    size_t cap, used;      /* slots: a power of two; filled ones */
    char *bytes;           /* the arena: nbytes used of room */
    size_t nbytes, room;
    sift_alloc_fn alloc;
    void *ud;
};

/* The hash of k[0..len) that the table uses: FNV-1a's offset basis and prime, in unsigned long. */
unsigned long sift_key_hash(const char *k, size_t len);

/* Starts an empty table with room for slots slots (rounded up to a power of two, at least 2) and
 * bytes bytes of keys. Returns 0, or -1 when the allocator returned NULL. */
int sift_keytable_init(struct sift_keytable *kt, size_t slots, size_t bytes, sift_alloc_fn alloc, void *ud);

/* The id of k[0..len) (h its sift_key_hash), or 0 when it is not in the table. */
unsigned sift_keytable_find(const struct sift_keytable *kt, const char *k, size_t len, unsigned long h);

/* Adds k[0..len) (not in the table yet; h its sift_key_hash) with id (not 0). Its bytes go to the
 * arena at offset kt->nbytes as it was before the call. Returns 0, or -1 when the allocator
 * returned NULL (the table is unchanged and still usable). */
int sift_keytable_insert(struct sift_keytable *kt, const char *k, size_t len, unsigned long h, unsigned id);

#endif
