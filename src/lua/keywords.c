/*
 * lua/keywords.c - the functions of sift.core behind keywords and summaries: sift.stem (the
 * public sift_porter_stem of sift.h), and the internal sift._wordset, sift._terms, sift._analyse,
 * sift._rank, sift._phrase_keys, sift._keys and sift._textrank that the Lua modules
 * (lua/sift/keywords.lua, summary.lua, terms.lua) call.
 *
 * The `_` functions use the engine's internal headers (keywords/terms.h, analysis.h, textrank.h)
 * on purpose: they are the steps of a multi-step protocol (one analysis of a text, kept as a
 * userdata, then ranked, weighed with a collection's idf, packed, or handed to TextRank with the
 * summary's sentences and signals) that only sift's own Lua modules drive, and that may change
 * with them. A C user has the one-call sift_keywords of sift.h instead, built on the same steps
 * (docs/c-api.md says why the steps themselves stay internal).
 */
#include <stdint.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "keywords/analysis.h" /* internal: sift._analyse's two steps, the analysis that _rank,
                                  * _phrase_keys, _keys and _textrank read */
#include "keywords/terms.h"    /* internal: sift._terms' walk, the stem cache, the ranking */
#include "keywords/textrank.h" /* internal: sift._textrank */
#include "lua/util.h"
#include "sift.h" /* sift_porter_stem, enum sift_status */

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
    luaL_checktype(L, 1, LUA_TTABLE);
    sift_lua_wordset(L, 1, 1, "word %d must be a string, got %s", "too many words");
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
    struct sift_lua_arena arena;
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
    /* the memory of the first step: the arena's blocks, anchored at 9, live while the engine
     * works and are garbage after the call, even when an error cuts in (out of memory, or in a
     * callback, which pushes and pops above them). The engine grows an array by asking for a
     * block twice as large and copying: the old blocks stay until the call returns, at most as
     * much again as the final arrays. */
    sift_lua_arena_init(L, &arena);
    rc = sift_analyse_count(&w, s, len, &o, sift_lua_alloc, &arena);
    luaL_argcheck(L, rc != SIFT_ETOOBIG, 1, "too many words");
    if (rc != SIFT_OK)
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

static const luaL_Reg keyword_functions[] = {
    { "stem", l_stem },
    { "_wordset", l_wordset },
    { "_terms", l_terms },
    { "_analyse", l_analyse },
    { "_rank", l_rank },
    { "_phrase_keys", l_phrase_keys },
    { "_keys", l_keys },
    { "_textrank", l_textrank },
    { NULL, NULL }
};

void sift_lua_open_keywords(lua_State *L)
{
    luaL_newmetatable(L, WORDSET_META); /* sift._wordset sets; sift._terms checks it */
    luaL_newmetatable(L, ANALYSIS_META);
    lua_pop(L, 2);
    luaL_setfuncs(L, keyword_functions, 0);
}
