/*
 * lua/util.h - what the files of the Lua binding share (util.c): the opens of the parts of
 * sift.core that core.c calls, option checking, Lua lists of words made word sets, and the arena
 * that gives the engine its memory. The files of src/lua/ are the only ones that include the Lua
 * headers; the engine they bind is pure C.
 *
 * The binding stays thin: check the arguments, run the engine, build the Lua values. Scratch
 * memory (the tokenizer state, a word set, the engine's blocks) lives in userdata on the Lua stack,
 * so an error raised in the middle of a call (a bad argument, out of memory) leaves nothing to
 * free. Works with Lua 5.3 and 5.4.
 */
#ifndef SIFT_LUA_UTIL_H
#define SIFT_LUA_UTIL_H

#include <stddef.h>

#include <lua.h>
#include <lauxlib.h>

#include "sift.h" /* word sets, sift_alloc_fn */

/*
 * The parts of sift.core, one file each: each registers its functions in the table at the top of
 * the stack, and first makes whole (every field set, even when the table exists) the metatables
 * that they use, so that none is ever half made once the module has loaded (see core.c).
 */
void sift_lua_open_keywords(lua_State *L);  /* keywords.c */
void sift_lua_open_unicode(lua_State *L);   /* unicode.c */
void sift_lua_open_encoding(lua_State *L);  /* encoding.c */
void sift_lua_open_sentences(lua_State *L); /* sentences.c */
void sift_lua_open_entities(lua_State *L);  /* entities.c */
void sift_lua_open_tokens(lua_State *L);    /* tokens.c */
void sift_lua_open_meta(lua_State *L);      /* meta.c */
struct sift_html_doc;
void sift_lua_push_meta(lua_State *L, const struct sift_html_doc *doc); /* meta.c */

/* ---- options ---- */

/* Raises unless every key of the options table at idx is one of the names given (NULL-ended). */
void sift_lua_check_options(lua_State *L, int idx, const char *const *names);

/* Reads opts.NAME of the table at idx as a boolean (absent or nil: false); anything else raises. */
int sift_lua_opt_boolean(lua_State *L, int idx, const char *name);

/* ---- word lists made word sets (sift_wordset_*, sift.h) ---- */

/* The words of a set being made: pointers to Lua strings, their lengths and (when tagged) their
 * tags, in a scratch userdata; the strings must stay referenced (by their list) meanwhile. */
struct sift_lua_words {
    const char **words;
    size_t *lens;
    unsigned char *tags; /* NULL: untagged */
    size_t n, total;     /* words so far, and their bytes */
};

/* Pushes the scratch userdata for up to cap words (cap < SIZE_MAX / 64). */
void sift_lua_words_room(lua_State *L, struct sift_lua_words *w, size_t cap, int tagged);

/* Adds the string at idx with tag (ignored when untagged). */
void sift_lua_words_add(lua_State *L, struct sift_lua_words *w, int idx, int tag);

/* Adds the strings list[1..n] of the table at list (an absolute index), each with tag; an item
 * that is not a string raises an error about argument arg, bad_item formatting it from the item's
 * index (%d) and type name (%s). */
void sift_lua_words_add_list(lua_State *L, struct sift_lua_words *w, int list, lua_Integer n, int arg,
                             const char *bad_item, int tag);

/* Pushes the word set of the words added (a userdata) and returns it. */
const struct sift_wordset *sift_lua_words_set(lua_State *L, const struct sift_lua_words *w);

/* The word set of the strings of the list at list (an absolute index; #list of them), pushed
 * (nothing else is left on the stack) and returned: untagged, errors about argument arg, too_many
 * when the list is too long, bad_item as in sift_lua_words_add_list. */
const struct sift_wordset *sift_lua_wordset(lua_State *L, int list, int arg, const char *bad_item,
                                            const char *too_many);

/* ---- the arena: the engine's memory while it works (sift_alloc_fn, sift.h) ---- */

/* Blocks of userdata, each anchored in a table on the stack, so that they live until the results
 * are built and are collected after, even when an error cuts in. Small requests share blocks of
 * SIFT_LUA_BLOCK bytes: a text asks for a dozen pieces. */
struct sift_lua_arena {
    lua_State *L;
    int anchor; /* the stack index of the table */
    lua_Integer n;
    char *next; /* free space in the current block */
    size_t left;
};

#define SIFT_LUA_BLOCK 16384

/* Pushes the anchor table and readies the arena a. */
void sift_lua_arena_init(lua_State *L, struct sift_lua_arena *a);

/* A sift_alloc_fn (ud: the arena): raises a Lua error rather than return NULL. */
void *sift_lua_alloc(void *ud, size_t size);

#endif
