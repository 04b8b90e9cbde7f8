/*
 * lua/entities.c - the entity functions of sift.core (the public entity tagger of sift.h):
 * sift.entities, sift.entity_index, and sift.tagger with its methods.
 */
#include <stdio.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "lua/util.h"
#include "sift.h"

#define TAGGER_META "sift.tagger"

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
    sift_lua_check_options(L, idx, names);
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
    struct sift_lua_arena a;
    sift_lua_arena_init(L, &a);
    if (sift_tag(tagger, s, len, sift_lua_alloc, &a, res) != SIFT_OK)
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
 * plain lists of words (enum sift_tagger_words). */
static const struct {
    const char *option;
    int category; /* -1: entities with a type */
} tagger_lists[] = {
    { "entities", -1 },
    { "titles", SIFT_TAGGER_TITLE },
    { "org_heads", SIFT_TAGGER_ORG_HEAD },
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
    size_t ntokens = 0;
    struct sift_tagger *tagger;
    int pass, list;

    if (lua_isnoneornil(L, 1)) {
        lua_settop(L, 0);
        lua_newtable(L);
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    sift_lua_check_options(L, 1, names);
    lua_settop(L, 1);
    for (list = 0; list < N_TAGGER_LISTS; list++) {
        int t = lua_getfield(L, 1, tagger_lists[list].option);
        if (t != LUA_TNIL && t != LUA_TTABLE)
            luaL_argerror(L, 1, lua_pushfstring(L, "option '%s' must be a table, got %s", tagger_lists[list].option,
                                                lua_typename(L, t)));
    }
    /* stack: 1 opts, 2.. the lists (or nil) */
    tagger = NULL;
    for (pass = 0; pass < 2; pass++) {
        if (pass == 1) /* the tagger's one block, in the userdata */
            tagger = sift_tagger_init(lua_newuserdata(L, sift_tagger_size(ntokens)), ntokens);
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
                    size_t nt = sift_tagger_name_tokens(name, len);
                    if (nt == 0)
                        luaL_argerror(L, 1, lua_pushfstring(L, "%s[%d]: empty name", tagger_lists[list].option, (int)k));
                    if (nt > SIFT_TAGGER_MAX_TOKENS)
                        luaL_argerror(L, 1, lua_pushfstring(L, "%s[%d]: name of %d tokens (at most %d)",
                                                            tagger_lists[list].option, (int)k, (int)nt,
                                                            SIFT_TAGGER_MAX_TOKENS));
                    ntokens += nt;
                } else if ((tagger_lists[list].category >= 0
                                ? sift_tagger_add_word(tagger, tagger_lists[list].category, name, len)
                                : sift_tagger_add_entity(tagger, name, len, type)) != SIFT_OK) {
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

static const luaL_Reg entity_functions[] = {
    { "entities", l_entities },
    { "entity_index", l_entity_index },
    { "tagger", l_tagger },
    { NULL, NULL }
};

void sift_lua_open_entities(lua_State *L)
{
    luaL_newmetatable(L, TAGGER_META);
    luaL_newlib(L, tagger_methods);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_setfuncs(L, entity_functions, 0);
}
