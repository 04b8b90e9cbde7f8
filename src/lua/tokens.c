/*
 * lua/tokens.c - the tokenizer's functions of sift.core (the public tokenizer of sift.h):
 * sift.tokens, sift.each_token and sift.kinds.
 */
#include <lua.h>
#include <lauxlib.h>

#include "lua/util.h"
#include "sift.h"

/* Upvalue indexes shared by the functions that report token kinds: the kind names, pre-made. */
#define KIND_UPVALUE(k) lua_upvalueindex(1 + (k))

static void push_kind(lua_State *L, int kind)
{
    lua_pushvalue(L, KIND_UPVALUE(kind));
}

/*
 * Reads the tokenizer options of the table at idx (or none): spaces, abbreviations. Always pushes
 * one value: the word set of the extra abbreviations, built in a userdata, or nil. The caller keeps
 * it on the stack (or as an upvalue) while the tokenizer runs.
 */
static const struct sift_wordset *tokenizer_options(lua_State *L, int idx, unsigned *flags)
{
    static const char *const names[] = { "spaces", "abbreviations", NULL };
    const struct sift_wordset *set;
    int t;

    *flags = 0;
    if (lua_isnoneornil(L, idx)) {
        lua_pushnil(L);
        return NULL;
    }
    luaL_checktype(L, idx, LUA_TTABLE);
    sift_lua_check_options(L, idx, names);
    if (sift_lua_opt_boolean(L, idx, "spaces"))
        *flags |= SIFT_TOKENS_SPACES;
    t = lua_getfield(L, idx, "abbreviations");
    if (t == LUA_TNIL)
        return NULL;
    if (t != LUA_TTABLE)
        luaL_argerror(L, idx, lua_pushfstring(L, "option 'abbreviations' must be a table, got %s", lua_typename(L, t)));
    set = sift_lua_wordset(L, lua_gettop(L), idx, "abbreviations[%d] must be a string, got %s",
                           "too many abbreviations");
    lua_replace(L, -2); /* the set takes the list's place */
    return set;
}

/* sift.tokens(text [, opts]) -> { {text=, kind=, i=, j=}, ... } */
static int l_tokens(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    unsigned flags;
    const struct sift_wordset *abbrevs = tokenizer_options(L, 2, &flags);
    struct sift_tokenizer *t = lua_newuserdata(L, sizeof *t);
    struct sift_token tok;
    lua_Integer n = 0;

    sift_tokenizer_init(t, s, len, flags, abbrevs);
    lua_createtable(L, (int)(len / 6 < 1 << 24 ? len / 6 : 1 << 24), 0);
    while (sift_tokenizer_next(t, &tok)) {
        lua_createtable(L, 0, 4);
        lua_pushlstring(L, s + tok.i, tok.j - tok.i);
        lua_setfield(L, -2, "text");
        push_kind(L, tok.kind);
        lua_setfield(L, -2, "kind");
        lua_pushinteger(L, (lua_Integer)tok.i + 1);
        lua_setfield(L, -2, "i");
        lua_pushinteger(L, (lua_Integer)tok.j);
        lua_setfield(L, -2, "j");
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* The iterator of each_token: upvalues are the kind names, then the text, the tokenizer
 * userdata and the options' word set (or nil), which it keeps alive. */
static int each_token_step(lua_State *L)
{
    struct sift_tokenizer *t = lua_touserdata(L, lua_upvalueindex(SIFT_TOK__COUNT + 2));
    struct sift_token tok;

    if (!sift_tokenizer_next(t, &tok))
        return 0;
    lua_pushinteger(L, (lua_Integer)tok.i + 1);
    lua_pushinteger(L, (lua_Integer)tok.j);
    push_kind(L, tok.kind);
    return 3;
}

/* for i, j, kind in sift.each_token(text [, opts]) do ... end */
static int l_each_token(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    unsigned flags;
    const struct sift_wordset *abbrevs;
    struct sift_tokenizer *t;
    int k;

    lua_settop(L, 2);
    abbrevs = tokenizer_options(L, 2, &flags);
    lua_replace(L, 2); /* the word set (or nil) replaces the options table */
    for (k = 0; k < SIFT_TOK__COUNT; k++)
        push_kind(L, k);
    lua_pushvalue(L, 1);
    t = lua_newuserdata(L, sizeof *t);
    sift_tokenizer_init(t, s, len, flags, abbrevs);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, each_token_step, SIFT_TOK__COUNT + 3);
    return 1;
}

static const luaL_Reg token_functions[] = {
    { "tokens", l_tokens },
    { "each_token", l_each_token },
    { NULL, NULL }
};

void sift_lua_open_tokens(lua_State *L)
{
    int k;

    for (k = 0; k < SIFT_TOK__COUNT; k++)
        lua_pushstring(L, sift_token_kind_name(k));
    luaL_setfuncs(L, token_functions, SIFT_TOK__COUNT);
    /* kinds: the list of token kinds, in the engine's order */
    lua_createtable(L, SIFT_TOK__COUNT, 0);
    for (k = 0; k < SIFT_TOK__COUNT; k++) {
        lua_pushstring(L, sift_token_kind_name(k));
        lua_rawseti(L, -2, k + 1);
    }
    lua_setfield(L, -2, "kinds");
}
