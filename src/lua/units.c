/*
 * lua/units.c - sift.core._page_units(utf8_html, scope): the translation units of a web page
 * (extract/units.h) for sift.page. The DOM and the units are held by a userdata whose __gc frees
 * them, so that a memory error raised while the tables are built leaves nothing behind.
 */
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "extract/article.h"
#include "extract/units.h"
#include "html/dom.h"
#include "lua/util.h"

#define BOX_META "sift.units_box"

struct box {
    struct sift_html_doc *doc;
    struct sift_units *units;
};

static int box_gc(lua_State *L)
{
    struct box *b = luaL_checkudata(L, 1, BOX_META);
    sift_units_free(b->units);
    sift_html_free(b->doc);
    b->units = NULL;
    b->doc = NULL;
    return 0;
}

static void set_int(lua_State *L, const char *k, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

static void set_name(lua_State *L, const struct sift_html_doc *doc, uint32_t node, const char *k)
{
    size_t n;
    const char *s;

    if (node == SIFT_HTML_NONE)
        return;
    s = sift_html_name(doc, node, &n);
    if (n == 0) {
        const struct sift_html_node *nd = sift_html_node(doc, node);
        s = nd->kind == SIFT_HTML_COMMENT ? "#comment" : nd->kind == SIFT_HTML_DOCTYPE ? "#doctype" : "";
        n = strlen(s);
    }
    if (n > 0) {
        lua_pushlstring(L, s, n);
        lua_setfield(L, -2, k);
    }
}

/* -> units, {html_i =, html_j =, lang_i =, lang_j =, no_article =}: offsets 1-based and inclusive, as
 * everywhere in sift's Lua API (i > j for an empty span: lang_i = lang_j + 1 for lang="") */
static int l_page_units(lua_State *L)
{
    static const char *const kinds[] = { "text", "attribute" };
    static const char *const escapes[] = { "text", "double", "single", "unquoted" };
    static const char *const code_kinds[] = { "open", "close", "empty" };
    static const char *const scopes[] = { "article", "page", NULL };
    size_t len, k, c;
    const char *s = luaL_checklstring(L, 1, &len);
    int scope = luaL_checkoption(L, 2, "article", scopes) == 1 ? SIFT_EXTRACT_PAGE : SIFT_EXTRACT_ARTICLE;
    struct box *b;
    enum sift_status st;
    const struct sift_units *u;

    b = lua_newuserdata(L, sizeof *b);
    b->doc = NULL;
    b->units = NULL;
    luaL_setmetatable(L, BOX_META);
    st = sift_html_parse(s, len, &b->doc);
    if (st == SIFT_OK)
        st = sift_page_units(b->doc, s, len, scope, &b->units);
    if (st != SIFT_OK) {
        if (st == SIFT_ENOMEM)
            return luaL_error(L, "not enough memory");
        return luaL_error(L, "cannot read the page: %s", sift_strerror(st));
    }
    u = b->units;
    lua_createtable(L, u->n_units < 1u << 24 ? (int)u->n_units : 0, 0);
    for (k = 0; k < u->n_units; k++) {
        const struct sift_unit *un = &u->units[k];
        lua_createtable(L, 0, 8);
        lua_pushstring(L, kinds[un->kind]);
        lua_setfield(L, -2, "kind");
        lua_pushstring(L, escapes[un->escape]);
        lua_setfield(L, -2, "escape");
        lua_pushlstring(L, u->text + un->text, un->len);
        lua_setfield(L, -2, "text");
        set_int(L, "i", (lua_Integer)un->src_i + 1);
        set_int(L, "j", (lua_Integer)un->src_j);
        set_name(L, b->doc, un->node, "element");
        if (un->kind == SIFT_UNIT_ATTRIBUTE) {
            const struct sift_html_attr *a = sift_html_attr(b->doc, un->node, un->attr);
            lua_pushstring(L, sift_html_string(b->doc, a->name));
            lua_setfield(L, -2, "attribute");
        }
        lua_createtable(L, un->n_codes < 1u << 24 ? (int)un->n_codes : 0, 0);
        for (c = 0; c < un->n_codes; c++) {
            const struct sift_code *co = &u->codes[un->code + c];
            lua_createtable(L, 0, 6);
            lua_pushstring(L, code_kinds[co->kind]);
            lua_setfield(L, -2, "kind");
            set_int(L, "at", co->at);
            set_int(L, "i", (lua_Integer)co->src_i + 1);
            set_int(L, "j", (lua_Integer)co->src_j);
            if (co->partner != SIFT_HTML_NONE)
                set_int(L, "partner", (lua_Integer)co->partner + 1);
            set_name(L, b->doc, co->node, "element");
            lua_rawseti(L, -2, (lua_Integer)c + 1);
        }
        lua_setfield(L, -2, "codes");
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    lua_createtable(L, 0, 4);
    if (u->html != SIFT_HTML_NONE) {
        const struct sift_html_node *h = sift_html_node(b->doc, u->html);
        set_int(L, "html_i", (lua_Integer)h->src_i + 1);
        set_int(L, "html_j", (lua_Integer)h->src_j);
    }
    if (u->no_article) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, "no_article");
    }
    if (u->lang_i != SIFT_HTML_NONE) {
        set_int(L, "lang_i", (lua_Integer)u->lang_i + 1);
        set_int(L, "lang_j", (lua_Integer)u->lang_j);
    }
    sift_units_free(b->units);
    b->units = NULL;
    sift_html_free(b->doc);
    b->doc = NULL;
    return 2;
}

/* sift.core._page_outline(utf8_html) -> string: the page's elements in document order, a line
 * each, its depth and name ("3 p"): what a merge must not change (tests/pages/roundtrip.lua). */
static int l_page_outline(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    struct box *b = lua_newuserdata(L, sizeof *b);
    struct sift_html_walk w;
    luaL_Buffer out;
    uint32_t id;
    int ev;

    b->doc = NULL;
    b->units = NULL;
    luaL_setmetatable(L, BOX_META);
    if (sift_html_parse(s, len, &b->doc) != SIFT_OK)
        return luaL_error(L, "not enough memory");
    luaL_buffinit(L, &out);
    sift_html_walk_init(&w, b->doc, 0);
    while (sift_html_walk_next(&w, &id, &ev)) {
        size_t n;
        const char *name;
        if (ev != SIFT_HTML_ENTER || sift_html_node(b->doc, id)->kind != SIFT_HTML_ELEMENT)
            continue;
        name = sift_html_name(b->doc, id, &n);
        lua_pushfstring(L, "%d ", (int)w.depth);
        luaL_addvalue(&out);
        luaL_addlstring(&out, name, n);
        luaL_addchar(&out, '\n');
    }
    luaL_pushresult(&out);
    sift_html_free(b->doc);
    b->doc = NULL;
    return 1;
}

void sift_lua_open_units(lua_State *L)
{
    luaL_newmetatable(L, BOX_META);
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    lua_pushcfunction(L, l_page_units);
    lua_setfield(L, -2, "_page_units");
    lua_pushcfunction(L, l_page_outline);
    lua_setfield(L, -2, "_page_outline");
}
