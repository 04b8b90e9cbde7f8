/*
 * lua/encoding.c - the encoding functions of sift.core: sift.to_utf8, sift.from_utf8,
 * sift.detect_encoding, sift.valid_utf8, sift.clean_utf8 and sift.core._sniff_html (which
 * sift.page_encoding wraps), over the public functions of sift.h
 * alone (the comment of encoding/encoding.h spells out the contract they follow).
 */
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "lua/util.h"
#include "sift.h"

#define CONV_METATABLE "sift.conv"

/* The iconv descriptor is the one malloc'd resource of a conversion: it lives in a userdata whose
 * __close (Lua 5.4: the slot is to-be-closed) closes it as soon as an error unwinds the call, and
 * whose __gc closes it otherwise. __gc alone is not enough when memory runs out: a finalizer
 * that Lua fails to call (for want of memory, say) is a warning and is never called again, and
 * fuzz_api_lua saw a descriptor lost that way. The metatable is built whole at load, by
 * sift_lua_open_encoding (see core.c). */
static int conv_gc(lua_State *L)
{
    sift_conv_close(luaL_checkudata(L, 1, CONV_METATABLE));
    return 0;
}

static const luaL_Reg conv_meta[] = {
    { "__gc", conv_gc },
    { "__close", conv_gc },
    { NULL, NULL }
};

static struct sift_conv *new_conv(lua_State *L)
{
    struct sift_conv *c = lua_newuserdata(L, sizeof *c);
    memset(c, 0, sizeof *c);
    c->cd = (iconv_t)-1;
    luaL_setmetatable(L, CONV_METATABLE);
#if LUA_VERSION_NUM >= 504
    lua_toclose(L, -1);
#endif
    return c;
}

/* opts.invalid: "error" (default), "replace" or "skip". */
static int invalid_mode(lua_State *L, int idx)
{
    static const char *const names[] = { "invalid", NULL };
    static const char *const modes[] = { "error", "replace", "skip", NULL };
    int mode = SIFT_INVALID_ERROR;

    if (lua_isnoneornil(L, idx))
        return mode;
    luaL_checktype(L, idx, LUA_TTABLE);
    sift_lua_check_options(L, idx, names);
    if (lua_getfield(L, idx, "invalid") != LUA_TNIL) {
        const char *m = lua_tostring(L, -1);
        for (mode = 0; modes[mode] && !(m && strcmp(m, modes[mode]) == 0); mode++)
            ;
        if (!modes[mode])
            luaL_argerror(L, idx, lua_pushfstring(L, "option 'invalid' must be 'error', 'replace' or 'skip', got '%s'",
                                                  m ? m : luaL_typename(L, -1)));
    }
    lua_pop(L, 1);
    return mode;
}

/* Shared by to_utf8 and from_utf8: converts argument 1 between argument 2's encoding and UTF-8
 * in SIFT_CONV_CHUNK pieces straight into a luaL_Buffer. */
static int convert(lua_State *L, int dir)
{
    size_t len, room;
    const char *in = luaL_checklstring(L, 1, &len);
    const char *encoding = luaL_checkstring(L, 2);
    int mode = invalid_mode(L, 3), rc;
    struct sift_conv *c;
    luaL_Buffer b;

    lua_settop(L, 3);
    c = new_conv(L); /* index 4, below the buffer */
    rc = sift_conv_open(c, encoding, dir, mode);
    if (rc == SIFT_EUNKNOWN) {
        lua_pushnil(L);
        lua_pushfstring(L, "unknown encoding '%s'", encoding);
        return 2;
    }
    if (rc != SIFT_OK) {
        lua_pushnil(L);
        lua_pushfstring(L, "cannot convert between '%s' and UTF-8: %s", encoding, sift_strerror(rc));
        return 2;
    }
    luaL_buffinit(L, &b);
    do {
        char *out = luaL_prepbuffsize(&b, SIFT_CONV_CHUNK);
        room = SIFT_CONV_CHUNK;
        rc = sift_conv_feed(c, &in, &len, &out, &room, 1);
        luaL_addsize(&b, SIFT_CONV_CHUNK - room);
    } while (rc == SIFT_FULL);
    sift_conv_close(c);
    if (rc < 0) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s (%s) at byte %I", sift_strerror(rc), encoding, (lua_Integer)c->errpos + 1);
        lua_pushinteger(L, (lua_Integer)c->errpos + 1);
        return 3;
    }
    luaL_pushresult(&b);
    /* "replace" and "skip" also say how many parts they replaced or dropped, and where the first
     * was, so that a caller can warn */
    if (mode == SIFT_INVALID_ERROR)
        return 1;
    lua_pushinteger(L, (lua_Integer)c->nbad);
    if (c->nbad == 0)
        return 2;
    lua_pushinteger(L, (lua_Integer)c->firstbad + 1);
    return 3;
}

/* sift.to_utf8(bytes, encoding [, opts]) -> string[, replaced[, first]] | nil, message[, position] */
static int l_to_utf8(lua_State *L)
{
    return convert(L, SIFT_CONV_TO_UTF8);
}

/* sift.from_utf8(s, encoding [, opts]) -> string[, replaced[, first]] | nil, message[, position] */
static int l_from_utf8(lua_State *L)
{
    return convert(L, SIFT_CONV_FROM_UTF8);
}

/* sift.detect_encoding(bytes) -> name, confidence */
static int l_detect_encoding(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    double confidence = 0;
    lua_pushstring(L, sift_detect_encoding(s, len, &confidence));
    lua_pushnumber(L, (lua_Number)confidence);
    return 2;
}

/* sift.valid_utf8(s) -> true | false, position */
static int l_valid_utf8(lua_State *L)
{
    size_t len, pos;
    const char *s = luaL_checklstring(L, 1, &len);
    if (sift_utf8_valid(s, len, &pos)) {
        lua_pushboolean(L, 1);
        return 1;
    }
    lua_pushboolean(L, 0);
    lua_pushinteger(L, (lua_Integer)pos + 1);
    return 2;
}

/* sift.clean_utf8(s) -> s itself when valid, else a copy with U+FFFD for each ill-formed part */
static int l_clean_utf8(lua_State *L)
{
    size_t len, pos;
    const char *s = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;

    if (sift_utf8_valid(s, len, &pos)) {
        lua_settop(L, 1);
        return 1;
    }
    luaL_pushresultsize(&b, sift_utf8_clean(s, len, luaL_buffinitsize(L, &b, sift_utf8_clean_size(s, len))));
    return 1;
}

/* sift.core._sniff_html(page [, label]) -> name, iconv, source, bom, declared[, i, j]: the page's
 * encoding as a browser finds it (sift_sniff_html); declared the label's encoding when the page's
 * bytes overruled it (else nil); i, j (1-based, inclusive) the declared label's bytes. */
static int l_sniff_html(lua_State *L)
{
    static const char *const sources[] = { "", "bom", "caller", "meta", "xml", "detected" };
    size_t len, glen = 0;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *given = luaL_optlstring(L, 2, NULL, &glen);
    struct sift_page_encoding e;

    sift_sniff_html(s, len, given, glen, &e);
    lua_pushstring(L, e.name);
    lua_pushstring(L, e.iconv);
    lua_pushstring(L, sources[e.source]);
    lua_pushinteger(L, (lua_Integer)e.bom);
    if (e.declared)
        lua_pushstring(L, e.declared);
    else
        lua_pushnil(L);
    if (e.len == 0)
        return 5;
    lua_pushinteger(L, (lua_Integer)e.at + 1);
    lua_pushinteger(L, (lua_Integer)(e.at + e.len));
    return 7;
}

static const luaL_Reg encoding_functions[] = {
    { "to_utf8", l_to_utf8 },
    { "from_utf8", l_from_utf8 },
    { "detect_encoding", l_detect_encoding },
    { "valid_utf8", l_valid_utf8 },
    { "clean_utf8", l_clean_utf8 },
    { "_sniff_html", l_sniff_html },
    { NULL, NULL }
};

void sift_lua_open_encoding(lua_State *L)
{
    sift_detect_init(); /* once, before any thread could race to build detect.c's tables */
    luaL_newmetatable(L, CONV_METATABLE);
    luaL_setfuncs(L, conv_meta, 0);
    lua_pop(L, 1);
    luaL_setfuncs(L, encoding_functions, 0);
}
