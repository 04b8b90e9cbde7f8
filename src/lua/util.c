/*
 * lua/util.c - what the files of the Lua binding share (util.h): option checking, word lists made
 * word sets, the arena.
 */
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "lua/util.h"
#include "sift.h"

/* ---- options ---- */

void sift_lua_check_options(lua_State *L, int idx, const char *const *names)
{
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        const char *const *n;
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
            const char *key = lua_tostring(L, -1);
            for (n = names; *n; n++)
                if (strcmp(*n, key) == 0)
                    break;
            if (*n)
                continue;
            luaL_argerror(L, idx, lua_pushfstring(L, "unknown option '%s'", key));
        }
        luaL_argerror(L, idx, lua_pushfstring(L, "option names must be strings, got %s", luaL_typename(L, -1)));
    }
}

int sift_lua_opt_boolean(lua_State *L, int idx, const char *name)
{
    int v, t = lua_getfield(L, idx, name);
    if (t != LUA_TNIL && t != LUA_TBOOLEAN)
        luaL_argerror(L, idx, lua_pushfstring(L, "option '%s' must be a boolean, got %s", name, lua_typename(L, t)));
    v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

/* ---- word lists made word sets ---- */

void sift_lua_words_room(lua_State *L, struct sift_lua_words *w, size_t cap, int tagged)
{
    size_t each = sizeof *w->words + sizeof *w->lens + (tagged ? 1 : 0);

    w->words = lua_newuserdata(L, cap * each + 1);
    w->lens = (size_t *)(void *)(w->words + cap);
    w->tags = tagged ? (unsigned char *)(w->lens + cap) : NULL;
    w->n = 0;
    w->total = 0;
}

void sift_lua_words_add(lua_State *L, struct sift_lua_words *w, int idx, int tag)
{
    w->words[w->n] = lua_tolstring(L, idx, &w->lens[w->n]);
    if (w->tags)
        w->tags[w->n] = (unsigned char)tag;
    w->total += w->lens[w->n];
    w->n++;
}

void sift_lua_words_add_list(lua_State *L, struct sift_lua_words *w, int list, lua_Integer n, int arg,
                             const char *bad_item, int tag)
{
    lua_Integer k;

    for (k = 1; k <= n; k++) {
        if (lua_rawgeti(L, list, k) != LUA_TSTRING)
            luaL_argerror(L, arg, lua_pushfstring(L, bad_item, (int)k, luaL_typename(L, -1)));
        sift_lua_words_add(L, w, -1, tag);
        lua_pop(L, 1);
    }
}

const struct sift_wordset *sift_lua_words_set(lua_State *L, const struct sift_lua_words *w)
{
    void *mem = lua_newuserdata(L, sift_wordset_size(w->n, w->total));

    if (w->tags)
        return sift_wordset_init_tagged(mem, w->words, w->lens, w->tags, w->n);
    return sift_wordset_init(mem, w->words, w->lens, w->n);
}

const struct sift_wordset *sift_lua_wordset(lua_State *L, int list, int arg, const char *bad_item,
                                            const char *too_many)
{
    lua_Integer n = (lua_Integer)luaL_len(L, list);
    struct sift_lua_words w;
    const struct sift_wordset *set;

    luaL_argcheck(L, n >= 0 && (size_t)n < ((size_t)-1) / 64, arg, too_many);
    sift_lua_words_room(L, &w, (size_t)n, 0);
    sift_lua_words_add_list(L, &w, list, n, arg, bad_item, 0);
    set = sift_lua_words_set(L, &w);
    lua_remove(L, -2); /* the scratch goes */
    return set;
}

/* ---- the arena ---- */

void sift_lua_arena_init(lua_State *L, struct sift_lua_arena *a)
{
    lua_newtable(L);
    a->L = L;
    a->anchor = lua_gettop(L);
    a->n = 0;
    a->next = NULL;
    a->left = 0;
}

void *sift_lua_alloc(void *ud, size_t size)
{
    struct sift_lua_arena *a = ud;
    void *p;

    if (size > ((size_t)-1) - 15)
        return lua_newuserdata(a->L, size); /* too big: raises */
    size = size ? (size + 15) & ~(size_t)15 : 16; /* 0: a block all the same, never NULL */
    if (size > a->left) {
        size_t block = size > SIFT_LUA_BLOCK / 4 ? size : SIFT_LUA_BLOCK;
        p = lua_newuserdata(a->L, block); /* raises rather than return NULL */
        lua_rawseti(a->L, a->anchor, ++a->n);
        if (block > size) {
            a->next = (char *)p + size;
            a->left = block - size;
        }
        return p;
    }
    p = a->next;
    a->next += size;
    a->left -= size;
    return p;
}
