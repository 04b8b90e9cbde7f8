/*
 * lua/extract.c - the article extraction's function of sift.core: sift.core.extract(utf8_html
 * [, opts]), over html/dom.h (the parser) and extract/article.h (the article). Internal headers,
 * as keywords.c includes the keyword analysis's: the DOM and the article are not in sift.h yet.
 *
 * The DOM and the article are malloc'd by the engine: both are held by a userdata on the stack
 * whose __gc frees them, so that an error raised while the result is built (out of memory) leaves
 * nothing behind; they are freed at once when the result is made.
 */
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "extract/article.h"
#include "html/dom.h"
#include "lua/util.h"

#define BOX_META "sift.extract_box"

struct box {
    struct sift_html_doc *doc;
    struct sift_article *art;
};

static int box_gc(lua_State *L)
{
    struct box *b = luaL_checkudata(L, 1, BOX_META);
    sift_article_free(b->art);
    sift_html_free(b->doc);
    b->art = NULL;
    b->doc = NULL;
    return 0;
}

static void set_int(lua_State *L, const char *k, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

/* Reads the options at idx (a table, or none) into o. */
static void read_options(lua_State *L, int idx, struct sift_extract_opts *o)
{
    static const char *const names[] = { "scope", "tables", "comments", "meta", NULL };
    int t;

    o->scope = SIFT_EXTRACT_ARTICLE;
    o->tables = 1;
    o->comments = 0;
    if (lua_isnoneornil(L, idx))
        return;
    luaL_checktype(L, idx, LUA_TTABLE);
    sift_lua_check_options(L, idx, names);
    t = lua_getfield(L, idx, "scope");
    if (t == LUA_TSTRING) {
        const char *s = lua_tostring(L, -1);
        if (strcmp(s, "page") == 0)
            o->scope = SIFT_EXTRACT_PAGE;
        else if (strcmp(s, "article") != 0)
            luaL_argerror(L, idx, lua_pushfstring(L, "option 'scope' must be \"article\" or \"page\", got \"%s\"", s));
    } else if (t != LUA_TNIL) {
        luaL_argerror(L, idx, lua_pushfstring(L, "option 'scope' must be a string, got %s", lua_typename(L, t)));
    }
    lua_pop(L, 1);
    t = lua_getfield(L, idx, "tables");
    lua_pop(L, 1);
    if (t != LUA_TNIL)
        o->tables = sift_lua_opt_boolean(L, idx, "tables");
    o->comments = sift_lua_opt_boolean(L, idx, "comments");
}

/* sift.core.extract(utf8_html [, opts]) -> {text =, title =, found =, blocks = {{kind =, level =,
 * text =, i =, j =, src_i =, src_j =}, ...}, warnings = {}[, meta = {...}]}: with opts.meta, the
 * page's metadata too (the table of sift.core._metadata), from the same parse. */
static int l_extract(lua_State *L)
{
    size_t len, k;
    const char *s = luaL_checklstring(L, 1, &len);
    struct sift_extract_opts opts;
    struct box *b;
    enum sift_status st;
    const struct sift_article *a;
    int want_meta;

    read_options(L, 2, &opts);
    want_meta = lua_istable(L, 2) && sift_lua_opt_boolean(L, 2, "meta");
    b = lua_newuserdata(L, sizeof *b);
    b->doc = NULL;
    b->art = NULL;
    luaL_setmetatable(L, BOX_META);
    st = sift_html_parse(s, len, &b->doc);
    if (st == SIFT_OK)
        st = sift_extract_article(b->doc, &opts, &b->art);
    if (st != SIFT_OK) {
        if (st == SIFT_ENOMEM)
            return luaL_error(L, "not enough memory");
        return luaL_error(L, "cannot read the page: %s", sift_strerror(st));
    }
    if (want_meta)
        sift_lua_push_meta(L, b->doc); /* above the box, which frees the DOM if this raises */
    sift_html_free(b->doc);
    b->doc = NULL;
    a = b->art;
    lua_createtable(L, 0, 5);
    lua_pushlstring(L, a->text, a->text_len);
    lua_setfield(L, -2, "text");
    lua_pushlstring(L, a->title, a->title_len);
    lua_setfield(L, -2, "title");
    lua_pushboolean(L, a->found);
    lua_setfield(L, -2, "found");
    lua_createtable(L, a->n_blocks < 1u << 24 ? (int)a->n_blocks : 0, 0);
    for (k = 0; k < a->n_blocks; k++) {
        const struct sift_block *bl = &a->blocks[k];
        lua_createtable(L, 0, 7);
        lua_pushstring(L, sift_block_kind_name(bl->kind));
        lua_setfield(L, -2, "kind");
        set_int(L, "level", bl->level);
        lua_pushlstring(L, a->text + bl->i, bl->len);
        lua_setfield(L, -2, "text");
        set_int(L, "i", (lua_Integer)bl->i + 1);
        set_int(L, "j", (lua_Integer)(bl->i + bl->len));
        set_int(L, "src_i", (lua_Integer)bl->src_i + 1);
        set_int(L, "src_j", (lua_Integer)bl->src_j);
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    lua_setfield(L, -2, "blocks");
    lua_createtable(L, 0, 0);
    lua_setfield(L, -2, "warnings");
    if (want_meta) {
        lua_pushvalue(L, -2);
        lua_setfield(L, -2, "meta");
    }
    sift_article_free(b->art);
    b->art = NULL;
    return 1;
}

void sift_lua_open_extract(lua_State *L)
{
    luaL_newmetatable(L, BOX_META);
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    lua_pushcfunction(L, l_extract);
    lua_setfield(L, -2, "extract");
}
