/*
 * binding.c - the Lua binding of the sift engine: the only file that includes the Lua headers.
 *
 * It stays thin: check the arguments, run the engine, build the Lua values. Scratch memory (the
 * tokenizer state, the abbreviation set) lives in userdata on the Lua stack, so an error raised
 * in the middle of a call (a bad argument, out of memory) leaves nothing to free.
 * Works with Lua 5.3 and 5.4.
 */
#include <stdlib.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "sift.h"
#include "encoding.h"
#include "analysis.h"
#include "stem.h"
#include "terms.h"
#include "textrank.h"

/* How the module was built, for sift.core._build.flavour: the Makefile defines it ("plain", or the
 * sanitizers of CFLAGS such as "asan+ubsan"); a build by other means (the rockspec) says so. */
#ifndef SIFT_BUILD_FLAVOUR
#define SIFT_BUILD_FLAVOUR "unknown"
#endif

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
 * __close (Lua 5.4: the slot is to-be-closed) closes it as soon as an error unwinds the call, and
 * whose __gc closes it otherwise. __gc alone is not enough when memory runs out: a finalizer
 * that Lua fails to call (for want of memory, say) is a warning and is never called again, and
 * fuzz_api_lua saw a descriptor lost that way. The metatable is built whole by luaopen_sift_core. */
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

/* ---- keywords and summaries (stem.c, terms.c, keytable.c, analysis.c, textrank.c) ---- */

#include <stdint.h>

#define WORDSET_META "sift.wordset"

/* The stem cache that every walk over terms shares (terms.h): kept in the registry, made on first
 * use. Stems depend on their words only, so the cache never goes stale. */
static struct sift_stem_cached *stem_cache(lua_State *L)
{
    static const char key = 0; /* its address is the registry key */
    struct sift_stem_cached *c;

    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &key) == LUA_TUSERDATA) {
        c = lua_touserdata(L, -1);
    } else {
        c = lua_newuserdata(L, SIFT_STEM_CACHE * sizeof *c);
        memset(c, 0, SIFT_STEM_CACHE * sizeof *c);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &key);
        lua_remove(L, -2);
    }
    lua_pop(L, 1); /* the registry holds it */
    return c;
}

/* sift.stem(word) -> the Porter stem of a lower-case ASCII word; any other word unchanged */
static int l_stem(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;
    char *out = luaL_buffinitsize(L, &b, len + 1);

    memcpy(out, s, len);
    luaL_pushresultsize(&b, sift_porter_stem(out, len));
    return 1;
}

/* sift._wordset(list) -> a set of the strings of list, as a userdata that sift._terms reads */
static int l_wordset(lua_State *L)
{
    const char **words;
    size_t *lens, total = 0;
    lua_Integer n, k;

    luaL_checktype(L, 1, LUA_TTABLE);
    n = (lua_Integer)luaL_len(L, 1);
    luaL_argcheck(L, n >= 0 && (size_t)n < ((size_t)-1) / 64, 1, "too many words");
    words = lua_newuserdata(L, (size_t)n * (sizeof *words + sizeof *lens) + 1);
    lens = (size_t *)(void *)(words + n);
    for (k = 1; k <= n; k++) {
        if (lua_rawgeti(L, 1, k) != LUA_TSTRING)
            luaL_argerror(L, 1, lua_pushfstring(L, "word %d must be a string, got %s", (int)k,
                                                luaL_typename(L, -1)));
        words[k - 1] = lua_tolstring(L, -1, &lens[k - 1]);
        total += lens[k - 1];
        lua_pop(L, 1);
    }
    sift_wordset_init(lua_newuserdata(L, sift_wordset_size((size_t)n, total)), words, lens, (size_t)n);
    luaL_setmetatable(L, WORDSET_META);
    return 1;
}

/*
 * sift._terms(text [, stopset]) -> keys, info: the content words of text (terms.h), as two arrays
 * rather than a table per word, because keyword counting and summaries walk every word of every
 * article. keys[n] is the n-th term's key; info[n] packs its 1-based first byte, byte length and
 * flags as first << 24 | length << 8 | flags.
 */
static int l_terms(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    const struct sift_wordset *stop = NULL;
    struct sift_terms *t;
    struct sift_term term;
    char key[SIFT_TERM_KEY_MAX];
    lua_Integer n = 0;
    int hint = (int)(len / 10 < 1 << 22 ? len / 10 : 1 << 22);

    if (!lua_isnoneornil(L, 2))
        stop = luaL_checkudata(L, 2, WORDSET_META);
    t = lua_newuserdata(L, sizeof *t);
    sift_terms_init(t, s, len, stop, stem_cache(L));
    lua_createtable(L, hint, 0);
    lua_createtable(L, hint, 0);
    while (sift_terms_next(t, &term, key)) {
        n++;
        lua_pushlstring(L, key, term.keylen);
        lua_rawseti(L, -3, n);
        lua_pushinteger(L, (lua_Integer)(term.i + 1) << 24 | (lua_Integer)(term.j - term.i) << 8
                               | (lua_Integer)term.flags);
        lua_rawseti(L, -2, n);
    }
    return 2;
}

/*
 * The memory of sift._analyse's first step (analysis.h): userdata left on the Lua stack, so that
 * it lives while the engine works and is garbage after the call, even when an error cuts in (out
 * of memory, or in a callback below). The engine grows an array by asking for a block twice as
 * large and copying: the old blocks stay on the stack until the call returns, at most as much
 * again as the final arrays, and a dozen blocks or so for a news article. (The callbacks push
 * and pop above them.) ud is the lua_State.
 */
static void *stack_alloc(void *ud, size_t size)
{
    lua_State *L = ud;

    luaL_checkstack(L, 2, "too many blocks");
    return lua_newuserdata(L, size ? size : 1); /* raises rather than return NULL */
}

/* The callbacks of sift._analyse (ud is the lua_State): the spelling table is argument 3 and the
 * headset argument 8. A string the spelling table gives stays valid: the table holds it. */
static const char *spelling_of(void *ud, const char *key, size_t len, size_t *alen)
{
    lua_State *L = ud;
    const char *a = NULL;

    lua_pushlstring(L, key, len);
    if (lua_rawget(L, 3) == LUA_TSTRING)
        a = lua_tolstring(L, -1, alen);
    lua_pop(L, 1);
    return a;
}

static int in_headset(void *ud, const char *key, size_t len)
{
    lua_State *L = ud;
    int in;

    lua_pushlstring(L, key, len);
    in = lua_rawget(L, 8) != LUA_TNIL;
    lua_pop(L, 1);
    return in;
}

#define ANALYSIS_META "sift.analysis"

/*
 * sift._analyse(text, stopset, spelling, head_end, max_words [, phrases [, weak [, headset]]]) ->
 * {state = userdata}: what keyword counting and summaries need from a text's terms, worked out in
 * one pass (analysis.h), for sift._rank, sift._phrase_keys, sift._keys and sift._textrank. spelling
 * is a table British stem -> American stem, or nil; weak a word set; headset a table whose keys
 * are the keys of a headline given apart. head_end is the last byte of a headline at the top of
 * the text (names start in none in title case); max_words the longest name; with phrases false
 * there are no phrases. The state holds no reference to the text: the functions that need it take
 * it again.
 */
static int l_analyse(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_Integer head_end = luaL_optinteger(L, 4, 0), max_words = luaL_optinteger(L, 5, 4);
    struct sift_analyse_opts o;
    struct sift_analyse_work w;
    int rc;

    memset(&o, 0, sizeof o);
    if (!lua_isnoneornil(L, 2))
        o.stop = luaL_checkudata(L, 2, WORDSET_META);
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        o.spelling = spelling_of;
    }
    luaL_argcheck(L, (int)max_words >= 2 && (int)max_words <= SIFT_KW_MAX_WORDS, 5, "max_words must be 2 to 8");
    o.phrases = lua_isnoneornil(L, 6) || lua_toboolean(L, 6);
    if (!lua_isnoneornil(L, 7))
        o.weak = luaL_checkudata(L, 7, WORDSET_META);
    if (!lua_isnoneornil(L, 8)) {
        luaL_checktype(L, 8, LUA_TTABLE);
        o.headline = in_headset;
    }
    lua_settop(L, 8);
    o.head_end = (long long)head_end;
    o.max_words = (int)max_words;
    o.cache = stem_cache(L);
    o.ud = L;
    rc = sift_analyse_count(&w, s, len, &o, stack_alloc, L);
    luaL_argcheck(L, rc != SIFT_ANALYSE_TOO_MANY, 1, "too many words");
    if (rc != 0)
        return luaL_error(L, "not enough memory");
    lua_newuserdata(L, sift_analysis_size(&w));
    luaL_setmetatable(L, ANALYSIS_META);
    sift_analysis_build(&w, lua_touserdata(L, -1), len, &o);
    lua_createtable(L, 0, 2);
    lua_insert(L, -2);
    lua_setfield(L, -2, "state");
    return 1;
}

static struct sift_analysis *check_analysis(lua_State *L, int idx)
{
    return (struct sift_analysis *)luaL_checkudata(L, idx, ANALYSIS_META);
}

/* The weight of the key at the top of the stack in the table at idf (1 when it has none); pops
 * the key. */
static double weight_of(lua_State *L, int idf)
{
    double w = 1;

    lua_pushvalue(L, -1);
    if (lua_rawget(L, idf) != LUA_TNIL) {
        int isnum;
        w = lua_tonumberx(L, -1, &isnum);
        if (!isnum)
            luaL_argerror(L, idf, lua_pushfstring(L, "the weight of '%s' must be a number, got %s",
                                                  lua_tostring(L, -2), luaL_typename(L, -1)));
    }
    lua_pop(L, 2);
    return w;
}

/* Pushes the key and the term of entry e of the text s (see l_rank); buf has
 * sift_analysis_key_room bytes. */
static void push_entry(lua_State *L, const struct sift_analysis *an, const char *s, size_t len,
                       const struct sift_kw_entry *e, char *buf)
{
    size_t klen, from, to;
    const char *key = sift_analysis_entry_key(an, e, buf, &klen);

    lua_pushlstring(L, key, klen);
    if (sift_analysis_label(an, s, len, e, &from, &to)) {
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        luaL_addchar(&b, (char)(s[from] + ('a' - 'A')));
        luaL_addlstring(&b, s + from + 1, to - from - 1);
        luaL_pushresult(&b);
    } else {
        lua_pushlstring(L, s + from, to - from);
    }
}

/* The number of the string at the top of the stack in the dictionary of sift._rank (number: string
 * -> number, strings: the array of them), added when new; pops the string. */
static uint32_t intern(lua_State *L, int number, int strings)
{
    lua_Integer n;

    lua_pushvalue(L, -1);
    if (lua_rawget(L, number) == LUA_TNUMBER) {
        n = lua_tointeger(L, -1);
        lua_pop(L, 2);
        return (uint32_t)n;
    }
    lua_pop(L, 1);
    n = (lua_Integer)lua_rawlen(L, strings) + 1;
    luaL_argcheck(L, n <= 0xFFFFFFFF, strings, "too many strings");
    lua_pushvalue(L, -1);
    lua_rawseti(L, strings, n);
    lua_pushinteger(L, n);
    lua_rawset(L, number);
    return (uint32_t)n;
}

/* Bytes of an entry packed by sift._rank. */
#define PACKED_ENTRY (3 * sizeof(uint32_t) + sizeof(double))

/*
 * sift._rank(state, text, top [, min_count [, idf [, pairs [, number, strings]]]]) -> { {term =,
 * key =, count =, score =, words =}, ... }, number of pairs: the best `top` keywords of the text
 * that sift._analyse gave state for (sift_kw_rank: words, phrases, then pairs of words when pairs
 * is true; the pairs are the last entries). idf, a table key -> weight, weighs keys and phrases. A
 * word shows as its most frequent written form, a phrase as its first occurrence, with the first
 * letter in lower case when it stands at a sentence start or in the headline and its first word
 * is mostly written so ("Harbour bridge" in a headline is "harbour bridge"); a name as written.
 * Given a dictionary (number: string -> number, strings: array), it returns instead one string
 * of the entries packed as string.pack("=I4I4I4d", key, term, count, score) with key and term by
 * their numbers there (new strings are added): a collection keeps that rather than tables.
 */
static int l_rank(lua_State *L)
{
    struct sift_analysis *an = check_analysis(L, 1);
    size_t len, k, m, top, cap, npairs = 0;
    const char *s = luaL_checklstring(L, 2, &len);
    lua_Integer top_arg = luaL_checkinteger(L, 3), min_arg = luaL_optinteger(L, 4, 1);
    int has_idf = !lua_isnoneornil(L, 5), pairs = lua_toboolean(L, 6), packed = !lua_isnoneornil(L, 7);
    struct sift_kw_entry *scratch, *out;
    char *buf;

    luaL_argcheck(L, len == an->len, 2, "not the text that was analysed");
    luaL_argcheck(L, top_arg >= 0, 3, "top must be >= 0");
    if (has_idf)
        luaL_checktype(L, 5, LUA_TTABLE);
    if (packed) {
        luaL_checktype(L, 7, LUA_TTABLE);
        luaL_checktype(L, 8, LUA_TTABLE);
    }
    lua_settop(L, 8);
    buf = lua_newuserdata(L, sift_analysis_key_room(an)); /* 9 */
    for (k = 0; k < an->kw.nkeys; k++) {
        an->kw.keys[k].weight = 1;
        if (has_idf) {
            size_t klen;
            const char *key = sift_analysis_key(an, k, &klen);
            lua_pushlstring(L, key, klen);
            an->kw.keys[k].weight = weight_of(L, 5);
        }
    }
    for (k = 0; k < an->kw.nphrases; k++) {
        struct sift_kw_phrase *p = &an->kw.phrases[k];
        p->weight = 1;
        if (has_idf) {
            lua_pushlstring(L, buf, sift_analysis_run_key(an, p->first, p->words, buf));
            p->weight = weight_of(L, 5);
        }
    }
    cap = sift_kw_scratch(&an->kw);
    top = (size_t)top_arg < cap ? (size_t)top_arg : cap;
    scratch = lua_newuserdata(L, cap * sizeof *scratch);
    out = lua_newuserdata(L, (top + 1) * sizeof *out);
    m = sift_kw_rank(&an->kw, min_arg < 0 ? 0 : min_arg > 0xFFFFFFF ? 0xFFFFFFF : (unsigned)min_arg, top,
                     pairs && an->phrases, out, scratch);
    if (packed) {
        char *p = lua_newuserdata(L, m * PACKED_ENTRY + 1), *at = p;
        for (k = 0; k < m; k++) {
            uint32_t v[3];
            push_entry(L, an, s, len, &out[k], buf);
            v[1] = intern(L, 7, 8);
            v[0] = intern(L, 7, 8);
            v[2] = out[k].count;
            memcpy(at, v, sizeof v);
            memcpy(at + sizeof v, &out[k].score, sizeof(double));
            at += PACKED_ENTRY;
        }
        lua_pushlstring(L, p, m * PACKED_ENTRY);
        return 1;
    }
    lua_createtable(L, (int)m, 0);
    for (k = 0; k < m; k++) {
        const struct sift_kw_entry *e = &out[k];
        lua_createtable(L, 0, 5);
        push_entry(L, an, s, len, e, buf);
        lua_setfield(L, -3, "term");
        lua_setfield(L, -2, "key");
        lua_pushinteger(L, (lua_Integer)e->count);
        lua_setfield(L, -2, "count");
        lua_pushnumber(L, e->score);
        lua_setfield(L, -2, "score");
        lua_pushinteger(L, (lua_Integer)e->words);
        lua_setfield(L, -2, "words");
        lua_rawseti(L, -2, (lua_Integer)k + 1);
        npairs += e->kind == SIFT_KW_PAIR;
    }
    lua_pushinteger(L, (lua_Integer)npairs);
    return 2;
}

/* sift._phrase_keys(state) -> { key, ... }: the keys of the text's phrases (names and recurring
 * runs), as sift._rank gives them. */
static int l_phrase_keys(lua_State *L)
{
    struct sift_analysis *an = check_analysis(L, 1);
    char *buf = lua_newuserdata(L, sift_analysis_key_room(an));
    size_t k;

    lua_createtable(L, (int)an->kw.nphrases, 0);
    for (k = 0; k < an->kw.nphrases; k++) {
        const struct sift_kw_phrase *p = &an->kw.phrases[k];
        lua_pushlstring(L, buf, sift_analysis_run_key(an, p->first, p->words, buf));
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    return 1;
}

static void push_double_array(lua_State *L, const double *v, size_t n)
{
    size_t k;

    lua_createtable(L, (int)n, 0);
    for (k = 0; k < n; k++) {
        lua_pushnumber(L, v[k]);
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
}

/* Reads the array at idx (n integers) into a fresh userdata; its entry k is v[k] (0 when not an
 * integer). */
static long long *read_integers(lua_State *L, int idx, size_t n)
{
    long long *v = lua_newuserdata(L, (n + 1) * sizeof *v);
    size_t k;

    for (k = 0; k < n; k++) {
        lua_rawgeti(L, idx, (lua_Integer)k + 1);
        v[k] = (long long)lua_tointeger(L, -1);
        lua_pop(L, 1);
    }
    return v;
}

/*
 * sift._textrank(state, spans [, parts [, signal]]) -> a table {rank =, sim =, nterms =, nkeys =,
 * suma =, sumb =} of arrays per sentence (sim: n * n, row by row): TextRank over the sentences whose
 * byte ranges spans gives (i1, j1, i2, j2, ..., 1-based, in text order), for the terms of the text
 * that sift._analyse gave state for. See textrank.h. suma sums over each sentence's distinct keys
 * their signal: the largest weight w of the parts (i1, j1, w1, ...: byte ranges, such as the
 * headline's, whose terms take weight w) and of signal (a table id -> weight); sumb sums the
 * log of the count of each that the text says more than once.
 */
static int l_textrank(lua_State *L)
{
    struct sift_analysis *an = check_analysis(L, 1);
    size_t nterms = an->kw.n, nids = an->kw.nkeys, nspans, nparts = 0, n, k;
    struct sift_rank_in in;
    struct sift_rank_out out;
    int *sent;
    double *wa, *wb, *doubles;
    size_t *sizes;
    long long *span;

    luaL_checktype(L, 2, LUA_TTABLE);
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        nparts = (size_t)luaL_len(L, 3);
        luaL_argcheck(L, nparts % 3 == 0, 3, "parts must hold triples");
    }
    if (!lua_isnoneornil(L, 4))
        luaL_checktype(L, 4, LUA_TTABLE);
    lua_settop(L, 4);
    nspans = (size_t)luaL_len(L, 2);
    luaL_argcheck(L, nspans % 2 == 0, 2, "spans must hold pairs");
    n = nspans / 2;
    luaL_argcheck(L, n <= 4096, 2, "too many sentences");
    span = read_integers(L, 2, nspans);
    wa = lua_newuserdata(L, (nids + 1) * sizeof *wa);
    wb = lua_newuserdata(L, (nids + 1) * sizeof *wb);
    sift_analysis_weights(an, wa, wb);
    for (k = 0; k < nparts; k += 3) {
        lua_rawgeti(L, 3, (lua_Integer)k + 1);
        lua_rawgeti(L, 3, (lua_Integer)k + 2);
        lua_rawgeti(L, 3, (lua_Integer)k + 3);
        sift_analysis_part(an, (long long)lua_tointeger(L, -3), (long long)lua_tointeger(L, -2), lua_tonumber(L, -1), wa);
        lua_pop(L, 3);
    }
    if (!lua_isnil(L, 4)) {
        lua_pushnil(L);
        while (lua_next(L, 4)) {
            lua_Integer id = lua_isinteger(L, -2) ? lua_tointeger(L, -2) : 0;
            double w = lua_tonumber(L, -1);
            if (id >= 1 && (size_t)id <= nids && w > wa[id])
                wa[id] = w;
            lua_pop(L, 1);
        }
    }
    sent = lua_newuserdata(L, (nterms + 1) * sizeof *sent);
    sift_analysis_sentences(an, span, n, sent);
    doubles = lua_newuserdata(L, (4 * n + n * n + 1) * sizeof *doubles);
    sizes = lua_newuserdata(L, (2 * n + 1) * sizeof *sizes);
    out.rank = doubles, out.suma = doubles + n, out.sumb = doubles + 2 * n, out.sim = doubles + 4 * n;
    out.nterms = sizes, out.nkeys = sizes + n;
    in.ids = an->kw.ids, in.sent = sent, in.nterms = nterms, in.nids = nids, in.nsent = n, in.wa = wa, in.wb = wb;
    sift_textrank(&in, &out, lua_newuserdata(L, sift_textrank_scratch(nterms, nids, n)));

    lua_createtable(L, 0, 6);
    push_double_array(L, out.rank, n);
    lua_setfield(L, -2, "rank");
    push_double_array(L, out.sim, n * n);
    lua_setfield(L, -2, "sim");
    push_double_array(L, out.suma, n);
    lua_setfield(L, -2, "suma");
    push_double_array(L, out.sumb, n);
    lua_setfield(L, -2, "sumb");
    lua_createtable(L, (int)n, 0);
    for (k = 0; k < n; k++) {
        lua_pushinteger(L, (lua_Integer)out.nterms[k]);
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    lua_setfield(L, -2, "nterms");
    lua_createtable(L, (int)n, 0);
    for (k = 0; k < n; k++) {
        lua_pushinteger(L, (lua_Integer)out.nkeys[k]);
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    lua_setfield(L, -2, "nkeys");
    return 1;
}

/* sift._keys(state) -> { key, ... }: the keys of the analysed text, by id. */
static int l_keys(lua_State *L)
{
    struct sift_analysis *an = check_analysis(L, 1);
    size_t k;

    lua_createtable(L, (int)an->kw.nkeys, 0);
    for (k = 0; k < an->kw.nkeys; k++) {
        size_t klen;
        const char *key = sift_analysis_key(an, k, &klen);
        lua_pushlstring(L, key, klen);
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    return 1;
}

/* ---- end of keywords and summaries ---- */

/* ---- sentences (sentences.c) ---- */

/*
 * Reads the options of sift.sentences, each_sentence and paragraphs at idx (a table or nothing):
 * abbreviations (words in the array part are of class "other"; word = "class" pairs give the
 * class), lines ("auto", "break", "join"). Always pushes one value: the abbreviations as a tagged
 * word set in a userdata, or nil; the caller keeps it alive while the splitter runs.
 */
static const struct sift_wordset *sentence_options(lua_State *L, int idx, unsigned *flags)
{
    static const char *const names[] = { "abbreviations", "lines", NULL };
    static const char *const lines[] = { "auto", "break", "join", NULL };
    static const unsigned line_flags[] = { 0, SIFT_SENTENCES_LINES_BREAK, SIFT_SENTENCES_LINES_JOIN };
    const char **words;
    size_t *lens, total = 0, n = 0, nmap = 0, k;
    unsigned char *tags;
    lua_Integer narr, a;
    int t, list;

    *flags = 0;
    if (lua_isnoneornil(L, idx)) {
        lua_pushnil(L);
        return NULL;
    }
    luaL_checktype(L, idx, LUA_TTABLE);
    check_option_names(L, idx, names);
    t = lua_getfield(L, idx, "lines");
    if (t != LUA_TNIL) {
        const char *v = lua_tostring(L, -1);
        for (k = 0; t == LUA_TSTRING && lines[k]; k++)
            if (strcmp(v, lines[k]) == 0)
                break;
        if (t != LUA_TSTRING || !lines[k])
            luaL_argerror(L, idx, "option 'lines' must be 'auto', 'break' or 'join'");
        *flags = line_flags[k];
    }
    lua_pop(L, 1);
    t = lua_getfield(L, idx, "abbreviations");
    if (t == LUA_TNIL)
        return NULL;
    if (t != LUA_TTABLE)
        luaL_argerror(L, idx, lua_pushfstring(L, "option 'abbreviations' must be a table, got %s", lua_typename(L, t)));
    list = lua_gettop(L);
    narr = (lua_Integer)luaL_len(L, list);
    luaL_argcheck(L, narr >= 0 && (size_t)narr < ((size_t)-1) / 64, idx, "too many abbreviations");
    /* the word = "class" pairs: every key that is not an index of the array part */
    lua_pushnil(L);
    while (lua_next(L, list)) {
        lua_pop(L, 1);
        if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1 && lua_tointeger(L, -1) <= narr)
            continue;
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_argerror(L, idx, lua_pushfstring(L, "abbreviations: unexpected key of type %s", luaL_typename(L, -1)));
        nmap++;
    }
    luaL_argcheck(L, nmap < ((size_t)-1) / 64 - (size_t)narr, idx, "too many abbreviations");
    /* scratch: pointers, lengths and classes; the strings stay referenced by the list meanwhile */
    n = nmap + (size_t)narr;
    words = lua_newuserdata(L, n * (sizeof *words + sizeof *lens + 1) + 1);
    lens = (size_t *)(void *)(words + n);
    tags = (unsigned char *)(lens + n);
    k = 0;
    /* explicit classes first: of a word given twice the first entry counts */
    lua_pushnil(L);
    while (lua_next(L, list)) {
        const char *cname;
        size_t clen;
        int cls;
        if (lua_isinteger(L, -2) && lua_tointeger(L, -2) >= 1 && lua_tointeger(L, -2) <= narr) {
            lua_pop(L, 1);
            continue;
        }
        cname = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &clen) : NULL;
        cls = cname ? sift_abbrev_class_by_name(cname, clen) : SIFT_ABBREV_NONE;
        if (cls == SIFT_ABBREV_NONE || cls == SIFT_ABBREV_INITIAL)
            luaL_argerror(L, idx, lua_pushfstring(L, "abbreviations['%s'] must be a class name (title, "
                                                  "reference, month, day, company, place, other)",
                                                  lua_tostring(L, -2)));
        words[k] = lua_tolstring(L, -2, &lens[k]);
        tags[k] = (unsigned char)cls;
        total += lens[k];
        k++;
        lua_pop(L, 1);
    }
    for (a = 1; a <= narr; a++, k++) {
        if (lua_rawgeti(L, list, a) != LUA_TSTRING)
            luaL_argerror(L, idx, lua_pushfstring(L, "abbreviations[%d] must be a string, got %s",
                                                  (int)a, luaL_typename(L, -1)));
        words[k] = lua_tolstring(L, -1, &lens[k]);
        tags[k] = SIFT_ABBREV_OTHER;
        total += lens[k];
        lua_pop(L, 1);
    }
    {
        const struct sift_wordset *set = sift_wordset_init_tagged(lua_newuserdata(L, sift_wordset_size(n, total)),
                                                                  words, lens, tags, n);
        lua_replace(L, list); /* the set takes the list's place ... */
        lua_settop(L, list);  /* ... and the scratch goes */
        return set;
    }
}

/* Pushes {text =, i =, j =, paragraph =} for a sentence of s (1-based, inclusive offsets). */
static void push_sentence(lua_State *L, const char *s, const struct sift_sentence *se)
{
    lua_createtable(L, 0, 4);
    lua_pushlstring(L, s + se->i, se->j - se->i);
    lua_setfield(L, -2, "text");
    lua_pushinteger(L, (lua_Integer)se->i + 1);
    lua_setfield(L, -2, "i");
    lua_pushinteger(L, (lua_Integer)se->j);
    lua_setfield(L, -2, "j");
    lua_pushinteger(L, (lua_Integer)se->paragraph + 1);
    lua_setfield(L, -2, "paragraph");
}

/* sift.sentences(text [, opts]) -> { {text=, i=, j=, paragraph=}, ... } */
static int l_sentences(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    unsigned flags;
    const struct sift_wordset *abbrevs = sentence_options(L, 2, &flags);
    struct sift_sentences *st = lua_newuserdata(L, sizeof *st);
    struct sift_sentence se;
    lua_Integer n = 0;

    sift_sentences_init(st, s, len, flags, abbrevs);
    lua_createtable(L, (int)(len / 128 < 1 << 20 ? len / 128 : 1 << 20), 0);
    while (sift_sentences_next(st, &se)) {
        push_sentence(L, s, &se);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* The iterator of each_sentence: upvalues are the text, the splitter and the word set (or nil). */
static int each_sentence_step(lua_State *L)
{
    struct sift_sentences *st = lua_touserdata(L, lua_upvalueindex(2));
    struct sift_sentence se;

    if (!sift_sentences_next(st, &se))
        return 0;
    lua_pushinteger(L, (lua_Integer)se.i + 1);
    lua_pushinteger(L, (lua_Integer)se.j);
    lua_pushinteger(L, (lua_Integer)se.paragraph + 1);
    return 3;
}

/* for i, j, paragraph in sift.each_sentence(text [, opts]) do ... end */
static int l_each_sentence(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    unsigned flags;
    const struct sift_wordset *abbrevs;
    struct sift_sentences *st;

    lua_settop(L, 2);
    abbrevs = sentence_options(L, 2, &flags);
    lua_pushvalue(L, 1);
    st = lua_newuserdata(L, sizeof *st);
    sift_sentences_init(st, s, len, flags, abbrevs);
    lua_pushvalue(L, 3); /* the word set (or nil) */
    lua_pushcclosure(L, each_sentence_step, 3);
    return 1;
}

/* sift.paragraphs(text [, opts]) -> { {text=, i=, j=, sentences = { sentence, ... }}, ... } */
static int l_paragraphs(lua_State *L)
{
    size_t len, first = 0, last = 0;
    const char *s = luaL_checklstring(L, 1, &len);
    unsigned flags;
    const struct sift_wordset *abbrevs = sentence_options(L, 2, &flags);
    struct sift_sentences *st = lua_newuserdata(L, sizeof *st);
    struct sift_sentence se;
    lua_Integer np = 0, ns = 0;
    int out;

    sift_sentences_init(st, s, len, flags, abbrevs);
    lua_newtable(L);
    out = lua_gettop(L);
    /* the open paragraph's sentences sit at out + 1 */
    for (;;) {
        int more = sift_sentences_next(st, &se);
        if (np > 0 && (!more || se.starts_paragraph)) {
            lua_createtable(L, 0, 4);
            lua_pushlstring(L, s + first, last - first);
            lua_setfield(L, -2, "text");
            lua_pushinteger(L, (lua_Integer)first + 1);
            lua_setfield(L, -2, "i");
            lua_pushinteger(L, (lua_Integer)last);
            lua_setfield(L, -2, "j");
            lua_insert(L, -2);
            lua_setfield(L, -2, "sentences");
            lua_rawseti(L, out, np);
        }
        if (!more)
            break;
        if (np == 0 || se.starts_paragraph) {
            np++;
            ns = 0;
            first = se.i;
            lua_newtable(L);
        }
        last = se.j;
        push_sentence(L, s, &se);
        lua_rawseti(L, -2, ++ns);
    }
    return 1;
}

/* sift.abbreviations() -> { word = class, ... }: the built-in list (words without their full stop) */
static int l_abbreviations(lua_State *L)
{
    size_t k;
    lua_createtable(L, 0, (int)sift_abbrev_count);
    for (k = 0; k < sift_abbrev_count; k++) {
        lua_pushlstring(L, sift_abbrev_table[k].word, sift_abbrev_table[k].len);
        lua_pushstring(L, sift_abbrev_class_name(sift_abbrev_table[k].cls));
        lua_rawset(L, -3);
    }
    return 1;
}

/* sift.sentence_starters() -> { word, ... }: the words that, after an abbreviation, start a sentence */
static int l_sentence_starters(lua_State *L)
{
    size_t k;
    lua_createtable(L, (int)sift_starter_count, 0);
    for (k = 0; k < sift_starter_count; k++) {
        lua_pushstring(L, sift_starter_table[k]);
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    return 1;
}

/* ---- end of sentences ---- */

/* ---- entities (tagger.c) ---- */
#include <stdio.h>

#include "tagger.h"

#define TAGGER_META "sift.tagger"

/* The engine's memory while it tags: blocks of userdata, each anchored in a table on the stack, so
 * that it lives until the results are built and is collected after, even when an error cuts in.
 * Small requests share blocks: a text asks for a dozen pieces. */
struct entity_arena {
    lua_State *L;
    int anchor;
    lua_Integer n;
    char *next;  /* free space in the current block */
    size_t left;
};

#define ENTITY_BLOCK 16384

static void *entity_alloc(void *ud, size_t size)
{
    struct entity_arena *a = ud;
    void *p;
    size = (size + 15) & ~(size_t)15;
    if (size > a->left) {
        size_t block = size > ENTITY_BLOCK / 4 ? size : ENTITY_BLOCK;
        p = lua_newuserdata(a->L, block);
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

/* The type named by the string at idx, or raises with what for the offending value. */
static int check_entity_type(lua_State *L, int arg, int idx, const char *what)
{
    size_t len;
    const char *name;
    int type;
    if (lua_type(L, idx) != LUA_TSTRING)
        luaL_argerror(L, arg, lua_pushfstring(L, "%s must be a type name, got %s", what, luaL_typename(L, idx)));
    name = lua_tolstring(L, idx, &len);
    type = sift_entity_type_from_name(name, len);
    if (type == SIFT_ENT_NONE)
        luaL_argerror(L, arg, lua_pushfstring(L, "%s: unknown entity type '%s'", what, name));
    return type;
}

/* Reads the options of sift.entities and sift.entity_index at idx: types (a list or a set of type
 * names to keep). keep[type] says which types to return. */
static void entity_options(lua_State *L, int idx, int *keep)
{
    static const char *const names[] = { "types", NULL };
    int t;

    for (t = 0; t < SIFT_ENT__COUNT; t++)
        keep[t] = 1;
    if (lua_isnoneornil(L, idx))
        return;
    luaL_checktype(L, idx, LUA_TTABLE);
    check_option_names(L, idx, names);
    t = lua_getfield(L, idx, "types");
    if (t != LUA_TNIL) {
        if (t != LUA_TTABLE)
            luaL_argerror(L, idx, lua_pushfstring(L, "option 'types' must be a table, got %s", lua_typename(L, t)));
        for (t = 0; t < SIFT_ENT__COUNT; t++)
            keep[t] = 0;
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            /* a list {"PERSON", ...} or a set {PERSON = true, ...} */
            int type = lua_type(L, -2) == LUA_TSTRING ? check_entity_type(L, idx, -2, "option 'types'")
                                                      : check_entity_type(L, idx, -1, "option 'types'");
            keep[type] = lua_type(L, -2) == LUA_TSTRING ? lua_toboolean(L, -1) : 1;
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
}

/* Tags s with tagger (NULL: the built-in names only). Leaves the anchor of the engine's memory on
 * the stack. */
static void run_tagger(lua_State *L, const struct sift_tagger *tagger, const char *s, size_t len,
                       struct sift_tag_result *res)
{
    struct entity_arena a;
    lua_newtable(L);
    a.L = L;
    a.anchor = lua_gettop(L);
    a.n = 0;
    a.next = NULL;
    a.left = 0;
    if (sift_tag(tagger, s, len, entity_alloc, &a, res) != 0)
        luaL_error(L, "not enough memory");
}

static void push_entity_text(lua_State *L, const char *s, size_t i, size_t j)
{
    lua_pushlstring(L, s + i, j - i);
}

/* Pushes the type names, so that each entity takes its own with lua_pushvalue; returns the stack
 * index of SIFT_ENT_NONE's place. */
static int push_type_names(lua_State *L)
{
    int t;
    luaL_checkstack(L, SIFT_ENT__COUNT, NULL);
    lua_pushnil(L);
    for (t = 1; t < SIFT_ENT__COUNT; t++)
        lua_pushstring(L, sift_entity_type_name(t));
    return lua_gettop(L) - SIFT_ENT__COUNT + 1;
}

/* {text=, type=, i=, j=, canonical=, role=} for each entity; returns 1. */
static int push_entities(lua_State *L, const char *s, const struct sift_tag_result *res, const int *keep)
{
    int names = push_type_names(L);
    size_t k;
    lua_Integer n = 0;

    lua_createtable(L, (int)(res->n < 1 << 24 ? res->n : 1 << 24), 0);
    for (k = 0; k < res->n; k++) {
        const struct sift_entity *e = &res->entities[k];
        const struct sift_entity_cluster *c = &res->clusters[e->cluster];
        if (!keep[e->type])
            continue;
        lua_createtable(L, 0, 6);
        push_entity_text(L, s, e->i, e->j);
        /* most entities are their own canonical name: one string serves both */
        if (c->canon_len == e->j - e->i && memcmp(c->canon, s + e->i, c->canon_len) == 0)
            lua_pushvalue(L, -1);
        else
            lua_pushlstring(L, c->canon, c->canon_len);
        lua_setfield(L, -3, "canonical");
        lua_setfield(L, -2, "text");
        lua_pushvalue(L, names + e->type);
        lua_setfield(L, -2, "type");
        lua_pushinteger(L, (lua_Integer)e->i + 1);
        lua_setfield(L, -2, "i");
        lua_pushinteger(L, (lua_Integer)e->j);
        lua_setfield(L, -2, "j");
        if (e->role_j > e->role_i) {
            push_entity_text(L, s, e->role_i, e->role_j);
            lua_setfield(L, -2, "role");
        }
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* {canonical=, type=, count=, mentions={ {i=, j=, text=[, role=]}, ... }} for each entity, in the
 * order of their first mention; returns 1. */
static int push_entity_index(lua_State *L, const char *s, const struct sift_tag_result *res, const int *keep)
{
    lua_Integer *pos = lua_newuserdata(L, (res->nclusters + 1) * sizeof *pos);
    int mentions;
    size_t k;
    lua_Integer n = 0;

    lua_createtable(L, (int)(res->nclusters < 1 << 24 ? res->nclusters : 1 << 24), 0); /* mentions lists */
    mentions = lua_gettop(L);
    lua_createtable(L, (int)(res->nclusters < 1 << 24 ? res->nclusters : 1 << 24), 0);
    for (k = 0; k < res->nclusters; k++) {
        const struct sift_entity_cluster *c = &res->clusters[k];
        pos[k] = 0;
        if (!keep[c->type])
            continue;
        pos[k] = ++n;
        lua_createtable(L, 0, 4);
        lua_pushlstring(L, c->canon, c->canon_len);
        lua_setfield(L, -2, "canonical");
        lua_pushstring(L, sift_entity_type_name(c->type));
        lua_setfield(L, -2, "type");
        lua_pushinteger(L, (lua_Integer)c->count);
        lua_setfield(L, -2, "count");
        lua_createtable(L, (int)(c->count < 1 << 24 ? c->count : 1 << 24), 0);
        lua_pushvalue(L, -1);
        lua_rawseti(L, mentions, n);
        lua_setfield(L, -2, "mentions");
        lua_rawseti(L, -2, n);
    }
    for (k = 0; k < res->n; k++) {
        const struct sift_entity *e = &res->entities[k];
        lua_Integer p = pos[e->cluster];
        if (!p)
            continue;
        lua_rawgeti(L, mentions, p);
        lua_createtable(L, 0, 4);
        lua_pushinteger(L, (lua_Integer)e->i + 1);
        lua_setfield(L, -2, "i");
        lua_pushinteger(L, (lua_Integer)e->j);
        lua_setfield(L, -2, "j");
        push_entity_text(L, s, e->i, e->j);
        lua_setfield(L, -2, "text");
        if (e->role_j > e->role_i) {
            push_entity_text(L, s, e->role_i, e->role_j);
            lua_setfield(L, -2, "role");
        }
        lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
        lua_pop(L, 1);
    }
    return 1;
}

/* The text at arg and the options at arg + 1, tagged; pushes the result of push. */
static int entities_call(lua_State *L, const struct sift_tagger *tagger, int arg,
                         int (*push)(lua_State *, const char *, const struct sift_tag_result *, const int *))
{
    size_t len;
    const char *s = luaL_checklstring(L, arg, &len);
    int keep[SIFT_ENT__COUNT];
    struct sift_tag_result res;

    entity_options(L, arg + 1, keep);
    run_tagger(L, tagger, s, len, &res);
    return push(L, s, &res, keep);
}

/* sift.entities(text [, opts]) */
static int l_entities(lua_State *L)
{
    return entities_call(L, NULL, 1, push_entities);
}

/* sift.entity_index(text [, opts]) */
static int l_entity_index(lua_State *L)
{
    return entities_call(L, NULL, 1, push_entity_index);
}

static const struct sift_tagger *check_tagger(lua_State *L)
{
    return luaL_checkudata(L, 1, TAGGER_META);
}

/* tagger:entities(text [, opts]) */
static int l_tagger_entities(lua_State *L)
{
    return entities_call(L, check_tagger(L), 2, push_entities);
}

/* tagger:entity_index(text [, opts]) */
static int l_tagger_entity_index(lua_State *L)
{
    return entities_call(L, check_tagger(L), 2, push_entity_index);
}

/* The user's lists of sift.tagger{...}: entities (pairs {name, type} or {name =, type =}), and
 * plain lists of words with a category. */
static const struct {
    const char *option;
    int category; /* -1: entities with a type */
} tagger_lists[] = {
    { "entities", -1 },
    { "titles", SIFT_GAZ_TITLE },
    { "org_heads", SIFT_GAZ_ORG_HEAD },
};
#define N_TAGGER_LISTS ((int)(sizeof tagger_lists / sizeof tagger_lists[0]))

/* Pushes the name (and returns the type, or 0) of item k of list at idx, raising on bad ones. */
static int tagger_item(lua_State *L, int list, lua_Integer k, int category)
{
    const char *opt = tagger_lists[list].option;
    int type = 0;
    if (category >= 0) {
        if (lua_rawgeti(L, -1, k) != LUA_TSTRING)
            luaL_argerror(L, 1, lua_pushfstring(L, "%s[%d] must be a string, got %s", opt, (int)k, luaL_typename(L, -1)));
        return 0;
    }
    if (lua_rawgeti(L, -1, k) != LUA_TTABLE)
        luaL_argerror(L, 1, lua_pushfstring(L, "%s[%d] must be a table {name, type}, got %s", opt, (int)k,
                                            luaL_typename(L, -1)));
    if (lua_rawgeti(L, -1, 1) == LUA_TNIL) {
        lua_pop(L, 1);
        lua_getfield(L, -1, "name");
    }
    if (lua_rawgeti(L, -2, 2) == LUA_TNIL) {
        lua_pop(L, 1);
        lua_getfield(L, -2, "type");
    }
    if (lua_type(L, -2) != LUA_TSTRING)
        luaL_argerror(L, 1, lua_pushfstring(L, "%s[%d]: the name must be a string, got %s", opt, (int)k,
                                            luaL_typename(L, -2)));
    {
        char what[64];
        snprintf(what, sizeof what, "%s[%d]", opt, (int)k);
        type = check_entity_type(L, 1, -1, what);
    }
    lua_pop(L, 1);     /* the type */
    lua_remove(L, -2); /* the item: the name stays */
    return type;
}

/* sift.tagger{ entities = { {"Zhongnanhai", "FAC"}, ... }, titles = {...}, org_heads = {...} } */
static int l_tagger(lua_State *L)
{
    static const char *const names[] = { "entities", "titles", "org_heads", NULL };
    size_t ntokens = 0, size;
    struct sift_tagger *tagger;
    struct sift_gazetteer *user;
    int pass, list;

    if (lua_isnoneornil(L, 1)) {
        lua_settop(L, 0);
        lua_newtable(L);
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    check_option_names(L, 1, names);
    lua_settop(L, 1);
    for (list = 0; list < N_TAGGER_LISTS; list++) {
        int t = lua_getfield(L, 1, tagger_lists[list].option);
        if (t != LUA_TNIL && t != LUA_TTABLE)
            luaL_argerror(L, 1, lua_pushfstring(L, "option '%s' must be a table, got %s", tagger_lists[list].option,
                                                lua_typename(L, t)));
    }
    /* stack: 1 opts, 2.. the lists (or nil) */
    tagger = NULL;
    user = NULL;
    for (pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            /* one block: the tagger, then the user table, aligned for its 64-bit keys */
            size_t head = (sizeof *tagger + 15) / 16 * 16;
            size = head + sift_gaz_user_size(ntokens);
            tagger = lua_newuserdata(L, size);
            user = sift_gaz_user_init((char *)tagger + head, ntokens);
            tagger->user = user;
        }
        for (list = 0; list < N_TAGGER_LISTS; list++) {
            int idx = 2 + list;
            lua_Integer k, n;
            if (lua_isnil(L, idx))
                continue;
            n = (lua_Integer)luaL_len(L, idx);
            for (k = 1; k <= n; k++) {
                size_t len;
                const char *name;
                int type;
                lua_pushvalue(L, idx);
                type = tagger_item(L, list, k, tagger_lists[list].category);
                name = lua_tolstring(L, -1, &len);
                if (pass == 0) {
                    size_t nt = sift_gaz_phrase_tokens(name, len);
                    if (nt == 0)
                        luaL_argerror(L, 1, lua_pushfstring(L, "%s[%d]: empty name", tagger_lists[list].option, (int)k));
                    if (nt > SIFT_GAZ_MAX_TOKENS)
                        luaL_argerror(L, 1, lua_pushfstring(L, "%s[%d]: name of %d tokens (at most %d)",
                                                            tagger_lists[list].option, (int)k, (int)nt,
                                                            SIFT_GAZ_MAX_TOKENS));
                    ntokens += nt;
                } else if (sift_gaz_user_add(user, name, len,
                                             tagger_lists[list].category >= 0
                                                 ? SIFT_GAZ_BIT(tagger_lists[list].category) : 0,
                                             (uint32_t)type) != 0) {
                    luaL_error(L, "tagger: cannot add '%s'", name);
                }
                lua_pop(L, 2); /* the name and the list copy */
            }
        }
    }
    luaL_setmetatable(L, TAGGER_META);
    return 1;
}

static const luaL_Reg tagger_methods[] = {
    { "entities", l_tagger_entities },
    { "entity_index", l_tagger_entity_index },
    { NULL, NULL }
};

/* ---- end of entities ---- */

static const luaL_Reg token_functions[] = {
    { "tokens", l_tokens },
    { "each_token", l_each_token },
    { NULL, NULL }
};

static const luaL_Reg plain_functions[] = {
    { "stem", l_stem },
    { "_wordset", l_wordset },
    { "_terms", l_terms },
    { "_analyse", l_analyse },
    { "_rank", l_rank },
    { "_phrase_keys", l_phrase_keys },
    { "_keys", l_keys },
    { "_textrank", l_textrank },
    { "breaks", l_breaks },
    { "fold", l_fold },
    { "shape", l_shape },
    { "to_utf8", l_to_utf8 },
    { "from_utf8", l_from_utf8 },
    { "detect_encoding", l_detect_encoding },
    { "valid_utf8", l_valid_utf8 },
    { "clean_utf8", l_clean_utf8 },
    { "sentences", l_sentences },           /* sentences */
    { "each_sentence", l_each_sentence },   /* sentences */
    { "paragraphs", l_paragraphs },         /* sentences */
    { "abbreviations", l_abbreviations },   /* sentences */
    { "sentence_starters", l_sentence_starters }, /* sentences */
    { "entities", l_entities },             /* entities */
    { "entity_index", l_entity_index },     /* entities */
    { "tagger", l_tagger },                 /* entities */
    { NULL, NULL }
};

int luaopen_sift_core(lua_State *L);

int luaopen_sift_core(lua_State *L)
{
    int k;

    sift_detect_init(); /* once, before any thread could race to build detect.c's tables */
    /* Every metatable, built whole here rather than on a function's first call: a memory error
     * in the middle of building one there left it registered and half made for good (a tagger
     * without methods, a conversion without __gc). Fields are set even when the table exists, so
     * that a require retried after such an error here completes it. */
    luaL_newmetatable(L, WORDSET_META); /* sift._wordset sets; sift._terms checks it */
    luaL_newmetatable(L, ANALYSIS_META);
    luaL_newmetatable(L, CONV_METATABLE);
    luaL_setfuncs(L, conv_meta, 0);
    luaL_newmetatable(L, TAGGER_META);
    luaL_newlib(L, tagger_methods);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 4);
    /* lauxlib makes the metatable of a luaL_Buffer's box the same lazy way (Lua 5.3 and 5.4.4):
     * one large buffer here makes it, so that a sift call cannot be the one whose memory error
     * leaves it without its metamethods (in 5.4 every later large buffer of the state would then
     * raise "got a non-closable value") */
    {
        luaL_Buffer b;
        luaL_buffinitsize(L, &b, 2 * LUAL_BUFFERSIZE);
        luaL_pushresultsize(&b, 0);
        lua_pop(L, 1);
    }
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
