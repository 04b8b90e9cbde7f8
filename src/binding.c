/*
 * binding.c - the Lua binding of the sift engine: the only file that includes the Lua headers.
 *
 * It stays thin: check the arguments, run the engine, build the Lua values. Scratch memory (the
 * tokenizer state, the abbreviation set) lives in userdata on the Lua stack, so an error raised
 * in the middle of a call (a bad argument, out of memory) leaves nothing to free.
 * Works with Lua 5.3 and 5.4.
 */
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "sift.h"
#include "encoding.h"

/* Upvalue indexes shared by the functions that report token kinds: the kind names, pre-made. */
#define KIND_UPVALUE(k) lua_upvalueindex(1 + (k))

static void push_kind(lua_State *L, int kind)
{
    lua_pushvalue(L, KIND_UPVALUE(kind));
}

/* Raises unless every key of the options table at idx is one of the names given. */
static void check_option_names(lua_State *L, int idx, const char *const *names)
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

/* Reads opts.NAME as a boolean (absent or nil: false); anything else raises. */
static int opt_boolean(lua_State *L, int idx, const char *name)
{
    int v, t = lua_getfield(L, idx, name);
    if (t != LUA_TNIL && t != LUA_TBOOLEAN)
        luaL_argerror(L, idx, lua_pushfstring(L, "option '%s' must be a boolean, got %s", name, lua_typename(L, t)));
    v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
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
    const char **words;
    size_t *lens, total = 0;
    lua_Integer n, k;
    int t;

    *flags = 0;
    if (lua_isnoneornil(L, idx)) {
        lua_pushnil(L);
        return NULL;
    }
    luaL_checktype(L, idx, LUA_TTABLE);
    check_option_names(L, idx, names);
    if (opt_boolean(L, idx, "spaces"))
        *flags |= SIFT_TOKENS_SPACES;
    t = lua_getfield(L, idx, "abbreviations");
    if (t == LUA_TNIL)
        return NULL;
    if (t != LUA_TTABLE)
        luaL_argerror(L, idx, lua_pushfstring(L, "option 'abbreviations' must be a table, got %s", lua_typename(L, t)));
    n = (lua_Integer)luaL_len(L, -1);
    luaL_argcheck(L, n >= 0 && (size_t)n < ((size_t)-1) / 64, idx, "too many abbreviations");
    /* scratch: the word pointers and lengths; the strings stay referenced by the list meanwhile */
    words = lua_newuserdata(L, (size_t)n * (sizeof *words + sizeof *lens) + 1);
    lens = (size_t *)(void *)(words + n);
    for (k = 1; k <= n; k++) {
        if (lua_rawgeti(L, -2, k) != LUA_TSTRING)
            luaL_argerror(L, idx, lua_pushfstring(L, "abbreviations[%d] must be a string, got %s",
                                                  (int)k, luaL_typename(L, -1)));
        words[k - 1] = lua_tolstring(L, -1, &lens[k - 1]);
        total += lens[k - 1];
        lua_pop(L, 1);
    }
    set = sift_wordset_init(lua_newuserdata(L, sift_wordset_size((size_t)n, total)), words, lens, (size_t)n);
    lua_replace(L, -3); /* the set takes the list's place ... */
    lua_pop(L, 1);      /* ... and the scratch goes */
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

/* ---- encodings (encoding.c, detect.c, utf8.c) ---- */

#define CONV_METATABLE "sift.conv"

/* The iconv descriptor is the one malloc'd resource of a conversion: it lives in a userdata whose
 * __gc (and __close, in Lua 5.4) closes it, so an error raised mid-conversion cannot leak it. */
static int conv_gc(lua_State *L)
{
    sift_conv_close(luaL_checkudata(L, 1, CONV_METATABLE));
    return 0;
}

static struct sift_conv *new_conv(lua_State *L)
{
    struct sift_conv *c = lua_newuserdata(L, sizeof *c);
    memset(c, 0, sizeof *c);
    c->cd = (iconv_t)-1;
    if (luaL_newmetatable(L, CONV_METATABLE)) {
        lua_pushcfunction(L, conv_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, conv_gc);
        lua_setfield(L, -2, "__close");
    }
    lua_setmetatable(L, -2);
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
    check_option_names(L, idx, names);
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
    if (rc == SIFT_ENC_EUNKNOWN) {
        lua_pushnil(L);
        lua_pushfstring(L, "unknown encoding '%s'", encoding);
        return 2;
    }
    if (rc != SIFT_ENC_OK) {
        lua_pushnil(L);
        lua_pushfstring(L, "cannot convert between '%s' and UTF-8: %s", encoding, sift_enc_errmsg(rc));
        return 2;
    }
    luaL_buffinit(L, &b);
    do {
        char *out = luaL_prepbuffsize(&b, SIFT_CONV_CHUNK);
        room = SIFT_CONV_CHUNK;
        rc = sift_conv_feed(c, &in, &len, &out, &room, 1);
        luaL_addsize(&b, SIFT_CONV_CHUNK - room);
    } while (rc == SIFT_CONV_FULL);
    sift_conv_close(c);
    if (rc < 0) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s (%s) at byte %I", sift_enc_errmsg(rc), encoding, (lua_Integer)c->errpos + 1);
        lua_pushinteger(L, (lua_Integer)c->errpos + 1);
        return 3;
    }
    luaL_pushresult(&b);
    return 1;
}

/* sift.to_utf8(bytes, encoding [, opts]) -> string | nil, message[, position] */
static int l_to_utf8(lua_State *L)
{
    return convert(L, SIFT_CONV_TO_UTF8);
}

/* sift.from_utf8(s, encoding [, opts]) -> string | nil, message[, position] */
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

/* ---- end of encodings ---- */

static const luaL_Reg token_functions[] = {
    { "tokens", l_tokens },
    { "each_token", l_each_token },
    { NULL, NULL }
};

static const luaL_Reg plain_functions[] = {
    { "breaks", l_breaks },
    { "fold", l_fold },
    { "shape", l_shape },
    { "to_utf8", l_to_utf8 },
    { "from_utf8", l_from_utf8 },
    { "detect_encoding", l_detect_encoding },
    { "valid_utf8", l_valid_utf8 },
    { "clean_utf8", l_clean_utf8 },
    { NULL, NULL }
};

int luaopen_sift_core(lua_State *L);

int luaopen_sift_core(lua_State *L)
{
    int k;

    sift_detect_init(); /* once, before any thread could race to build detect.c's tables */
    luaL_newlib(L, plain_functions);
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
    lua_pushliteral(L, SIFT_VERSION);
    lua_setfield(L, -2, "version");
    lua_pushliteral(L, SIFT_UNICODE_VERSION);
    lua_setfield(L, -2, "unicode_version");
    return 1;
}
