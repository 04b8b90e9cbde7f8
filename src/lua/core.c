/*
 * lua/core.c - the Lua module sift.core: luaopen_sift_core, which opens the parts of the binding
 * (one file of src/lua/ each, listed in parts[] below) into one table, with the module's version,
 * its Unicode version and _build. The files of src/lua/ are the only ones that include the Lua
 * headers (util.h says what they share).
 */
#include <lua.h>
#include <lauxlib.h>

#include "lua/util.h"
#include "sift.h" /* SIFT_VERSION, SIFT_UNICODE_VERSION */

/* How the module was built, for sift.core._build.flavour: the Makefile defines it ("plain", or the
 * sanitizers of CFLAGS such as "asan+ubsan"); a build by other means (the rockspec) says so. */
#ifndef SIFT_BUILD_FLAVOUR
#define SIFT_BUILD_FLAVOUR "unknown"
#endif

void sift_lua_open_extract(lua_State *L); /* extract.c: extract (issue 14, item 3) */
void sift_lua_open_units(lua_State *L);   /* units.c: _page_units (issue 15) */
/* The parts, opened in this order; each registers its functions in the module table. */
static const struct {
    const char *name;
    void (*open)(lua_State *L);
} parts[] = {
    { "keywords", sift_lua_open_keywords },   /* stem, _wordset, _terms, _analyse, _rank, ... */
    { "unicode", sift_lua_open_unicode },     /* breaks, fold, shape */
    { "encoding", sift_lua_open_encoding },   /* to_utf8, from_utf8, detect_encoding, ... */
    { "sentences", sift_lua_open_sentences }, /* sentences, each_sentence, paragraphs, ... */
    { "entities", sift_lua_open_entities },   /* entities, entity_index, tagger */
    { "tokens", sift_lua_open_tokens },       /* tokens, each_token, kinds */
    { "extract", sift_lua_open_extract },     /* extract */
    { "meta", sift_lua_open_meta },           /* _metadata */
    { "units", sift_lua_open_units },         /* _page_units */
};
#define N_PARTS (sizeof parts / sizeof parts[0])

/* The one symbol core.so exports: the objects are built with -fvisibility=hidden (Makefile). */
#if defined(__GNUC__) || defined(__clang__)
#define SIFT_LUAMOD __attribute__((visibility("default")))
#else
#define SIFT_LUAMOD
#endif

SIFT_LUAMOD int luaopen_sift_core(lua_State *L);

SIFT_LUAMOD int luaopen_sift_core(lua_State *L)
{
    size_t k;

    /* lauxlib makes the metatable of a luaL_Buffer's box lazily, on the first large buffer of the
     * state (Lua 5.3 and 5.4.4), and a memory error in the middle leaves it without its
     * metamethods for good (in 5.4 every later large buffer of the state would then raise "got a
     * non-closable value"): one large buffer here, before any sift function can run, makes it,
     * so that a sift call cannot be the one whose memory error breaks it */
    {
        luaL_Buffer b;
        luaL_buffinitsize(L, &b, 2 * LUAL_BUFFERSIZE);
        luaL_pushresultsize(&b, 0);
        lua_pop(L, 1);
    }
    /* Every metatable is built whole here, by the part that uses it before it registers its
     * functions, rather than on a function's first call: a memory error in the middle of building
     * one there left it registered and half made for good (a tagger without methods, a conversion
     * without __gc). Fields are set even when the table exists, so that a require retried after
     * such an error here completes it; and no function is reachable before luaopen_sift_core has
     * returned, by which time every part has made its metatables. */
    lua_createtable(L, 0, 32);
    for (k = 0; k < N_PARTS; k++)
        parts[k].open(L);
    lua_pushliteral(L, SIFT_VERSION);
    lua_setfield(L, -2, "version");
    lua_pushliteral(L, SIFT_UNICODE_VERSION);
    lua_setfield(L, -2, "unicode_version");
    /* _build: which module this is (internal, for the checks of tests/lua/build_spec.lua and for
     * bin/sift --version): flavour, and file, the path require found it at (its second argument,
     * in Lua 5.3 and 5.4; absent when the module is opened otherwise, as the fuzz targets do) */
    lua_createtable(L, 0, 2);
    lua_pushliteral(L, SIFT_BUILD_FLAVOUR);
    lua_setfield(L, -2, "flavour");
    if (lua_type(L, 2) == LUA_TSTRING) {
        lua_pushvalue(L, 2);
        lua_setfield(L, -2, "file");
    }
    lua_setfield(L, -2, "_build");
    return 1;
}
