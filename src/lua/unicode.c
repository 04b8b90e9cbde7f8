/*
 * lua/unicode.c - the Unicode functions of sift.core (sift_break_next, sift_fold and sift_shape of
 * sift.h): sift.breaks, sift.fold and sift.shape.
 */
#include <lua.h>
#include <lauxlib.h>

#include "lua/util.h"
#include "sift.h"

/* sift.breaks(text, kind) -> { 1, ..., #text + 1 } */
static int l_breaks(lua_State *L)
{
    static const char *const kinds[] = { "grapheme", "word", "sentence", NULL };
    size_t len, pos = 0;
    const char *s = luaL_checklstring(L, 1, &len);
    enum sift_break_kind kind = (enum sift_break_kind)luaL_checkoption(L, 2, NULL, kinds);
    lua_Integer n = 1;

    lua_newtable(L);
    lua_pushinteger(L, 1);
    lua_rawseti(L, -2, 1);
    while (pos < len) {
        pos = sift_break_next(kind, s, len, pos);
        lua_pushinteger(L, (lua_Integer)pos + 1);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* sift.fold(s) -> s with full Unicode case folding */
static int l_fold(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;
    char *out;

    luaL_argcheck(L, len <= ((size_t)-1) / 3, 1, "string too long");
    out = luaL_buffinitsize(L, &b, len * 3 + 1);
    luaL_pushresultsize(&b, sift_fold(s, len, out));
    return 1;
}

/* sift.shape(word) -> "Xxxx" */
static int l_shape(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;
    char *out = luaL_buffinitsize(L, &b, len + 1);
    luaL_pushresultsize(&b, sift_shape(s, len, out));
    return 1;
}

static const luaL_Reg unicode_functions[] = {
    { "breaks", l_breaks },
    { "fold", l_fold },
    { "shape", l_shape },
    { NULL, NULL }
};

void sift_lua_open_unicode(lua_State *L)
{
    luaL_setfuncs(L, unicode_functions, 0);
}
