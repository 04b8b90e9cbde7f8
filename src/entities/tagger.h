/*
 * tagger.h - the entity tagger: people, organisations, places, dates and numbers in a news text,
 * linked within the text ("Xi" and "President Xi" are the "Xi Jinping" of the first paragraph).
 *
 * The engine allocates nothing itself: every call gets its memory from an allocator the caller
 * passes, which hands out blocks that stay valid until the caller drops them all at once (the Lua
 * binding gives it userdata, a C caller an arena). The allocator may return NULL, and then the
 * call returns SIFT_ENOMEM, or not return at all (longjmp): the engine holds nothing that would
 * leak. What a C user calls is declared in include/sift.h; this header adds what the engine's
 * other parts and the tests need.
 */
#ifndef SIFT_TAGGER_H
#define SIFT_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "sift.h"
#include "common/alloc.h"
#include "entities/gazetteer.h"

/* The entity types and their names, the results (struct sift_entity, struct sift_entity_cluster,
 * struct sift_tag_result), the tagger's making (sift_tagger_size, sift_tagger_init,
 * sift_tagger_add_entity, sift_tagger_add_word) and sift_tag are public: include/sift.h. */

/* The tagger, opaque in sift.h: the caller's names, as a user gazetteer whose entries with a type
 * are tagged as such and whose categories add to the built-in ones (SIFT_GAZ_TITLE,
 * SIFT_GAZ_ORG_HEAD). sift_tagger_init lays it out in the caller's block, the gazetteer after it;
 * the tests and the fuzz target may also point user at a gazetteer of their own. */
struct sift_tagger {
    const struct sift_gazetteer *user;
};

#endif
