/*
 * lua/sentences.c - the sentence functions of sift.core (the public sentence splitter and
 * abbreviations of sift.h): sift.sentences, sift.each_sentence, sift.paragraphs,
 * sift.abbreviations and sift.sentence_starters.
 */
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "lua/util.h"
#include "sift.h"

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
    const struct sift_wordset *set;
    struct sift_lua_words w;
    size_t nmap = 0, k;
    lua_Integer narr;
    int t, list;

    *flags = 0;
    if (lua_isnoneornil(L, idx)) {
        lua_pushnil(L);
        return NULL;
    }
    luaL_checktype(L, idx, LUA_TTABLE);
    sift_lua_check_options(L, idx, names);
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
    sift_lua_words_room(L, &w, nmap + (size_t)narr, 1);
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
        sift_lua_words_add(L, &w, -2, cls);
        lua_pop(L, 1);
    }
    sift_lua_words_add_list(L, &w, list, narr, idx, "abbreviations[%d] must be a string, got %s",
                            SIFT_ABBREV_OTHER);
    set = sift_lua_words_set(L, &w);
    lua_replace(L, list); /* the set takes the list's place ... */
    lua_settop(L, list);  /* ... and the scratch goes */
    return set;
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
    size_t k, n, len;
    const char *word;
    int cls;

    for (n = 0; sift_builtin_abbrev(n, NULL, NULL) != SIFT_ABBREV_NONE; n++)
        ;
    lua_createtable(L, 0, (int)n);
    for (k = 0; (cls = sift_builtin_abbrev(k, &word, &len)) != SIFT_ABBREV_NONE; k++) {
        lua_pushlstring(L, word, len);
        lua_pushstring(L, sift_abbrev_class_name(cls));
        lua_rawset(L, -3);
    }
    return 1;
}

/* sift.sentence_starters() -> { word, ... }: the words that, after an abbreviation, start a sentence */
static int l_sentence_starters(lua_State *L)
{
    size_t k, n;
    const char *word;

    for (n = 0; sift_sentence_starter(n); n++)
        ;
    lua_createtable(L, (int)n, 0);
    for (k = 0; (word = sift_sentence_starter(k)) != NULL; k++) {
        lua_pushstring(L, word);
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    return 1;
}

static const luaL_Reg sentence_functions[] = {
    { "sentences", l_sentences },
    { "each_sentence", l_each_sentence },
    { "paragraphs", l_paragraphs },
    { "abbreviations", l_abbreviations },
    { "sentence_starters", l_sentence_starters },
    { NULL, NULL }
};

void sift_lua_open_sentences(lua_State *L)
{
    luaL_setfuncs(L, sentence_functions, 0);
}
