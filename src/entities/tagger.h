/*
 * tagger.h - the entity tagger: people, organisations, places, dates and numbers in a news text,
 * linked within the text ("Xi" and "President Xi" are the "Xi Jinping" of the first paragraph).
 *
 * The engine allocates nothing itself: every call gets its memory from an allocator the caller
 * passes, which hands out blocks that stay valid until the caller drops them all at once (the Lua
 * binding gives it userdata, a C caller an arena). The allocator may return NULL, and then the
 * call returns -1, or not return at all (longjmp): the engine holds nothing that would leak.
 */
#ifndef SIFT_TAGGER_H
#define SIFT_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "common/alloc.h"
#include "entities/gazetteer.h"

/* Entity types, with OntoNotes' names (sift_entity_type_name); MISC holds CoNLL's miscellaneous
 * names that are neither a nationality nor an event (products, works, laws, languages). */
enum sift_entity_type {
    SIFT_ENT_NONE = 0,
    SIFT_ENT_PERSON,
    SIFT_ENT_NORP,
    SIFT_ENT_FAC,
    SIFT_ENT_ORG,
    SIFT_ENT_GPE,
    SIFT_ENT_LOC,
    SIFT_ENT_EVENT,
    SIFT_ENT_MISC,
    SIFT_ENT_DATE,
    SIFT_ENT_TIME,
    SIFT_ENT_PERCENT,
    SIFT_ENT_MONEY,
    SIFT_ENT_QUANTITY,
    SIFT_ENT_ORDINAL,
    SIFT_ENT_CARDINAL,
    SIFT_ENT__COUNT
};

/* "PERSON", "ORG", ...; NULL when out of range (or SIFT_ENT_NONE). */
const char *sift_entity_type_name(int type);

/* The type named name[0..len) (exact, upper case), or SIFT_ENT_NONE. */
int sift_entity_type_from_name(const char *name, size_t len);

/* The CoNLL-2003 class of a type: "PER", "ORG", "LOC", "MISC", or NULL for the numeric types. */
const char *sift_entity_type_conll(int type);

/* sift_alloc_fn: alloc.h */

struct sift_entity {
    size_t i, j;           /* [i, j): 0-based byte offsets in the text */
    size_t role_i, role_j; /* the title before a person ("President"), or role_i == role_j */
    int type;              /* enum sift_entity_type */
    size_t cluster;        /* index of its canonical entity in sift_tag_result.clusters */
};

/* A canonical entity: the mentions of one thing in the text. */
struct sift_entity_cluster {
    const char *canon; /* its canonical name (in the text or in allocated memory), not 0-ended */
    size_t canon_len;
    int type;
    size_t count; /* mentions */
    size_t first; /* index of the first mention in sift_tag_result.entities */
};

struct sift_tag_result {
    struct sift_entity *entities; /* sorted by position, not overlapping */
    size_t n;
    struct sift_entity_cluster *clusters; /* in the order of their first mention */
    size_t nclusters;
};

/* Tagger options: a user table (or NULL) whose entries with a type are tagged as such, and whose
 * categories add to the built-in ones (a user's titles, organisation heads, ...). */
struct sift_tagger {
    const struct sift_gazetteer *user;
};

/* Tags s[0..len). Returns 0, or -1 when the allocator returned NULL. */
int sift_tag(const struct sift_tagger *tagger, const char *s, size_t len, sift_alloc_fn alloc, void *ud,
             struct sift_tag_result *out);

#endif
