/*
 * lua/meta.c - a web page's metadata for sift.core: sift.core._metadata(utf8_html) and
 * sift_lua_push_meta (which sift.core.extract calls on the DOM it parsed), over html/dom.h (the
 * parser) and extract/meta.h (sift_page_meta); sift.extract merges it into the article table.
 * Internal headers, as extract.c includes them: the DOM and the metadata are not in sift.h yet
 * (docs/c-api.md says why).
 *
 * The DOM is malloc'd by the engine and the metadata's strings come from the arena, whose
 * allocator raises: the DOM is held by a userdata on the stack whose __gc frees it, so that the
 * raise leaves nothing behind; it is freed at once when the table is built.
 */
#include <lua.h>
#include <lauxlib.h>

#include "extract/meta.h"
#include "html/dom.h"
#include "lua/util.h"

#define DOC_META "sift.meta_doc"

struct doc_box {
    struct sift_html_doc *doc;
};

static int doc_gc(lua_State *L)
{
    struct doc_box *b = luaL_checkudata(L, 1, DOC_META);
    sift_html_free(b->doc);
    b->doc = NULL;
    return 0;
}

/* Sets t[key] = the field's value and sources[key] = where it came from, when it has one; t at -2
 * and sources at -1 on entry. */
static void set_field(lua_State *L, const char *key, const struct sift_meta_field *f)
{
    if (!f->s)
        return;
    lua_pushstring(L, sift_meta_src_name(f->src));
    lua_setfield(L, -2, key);
    lua_pushlstring(L, f->s, f->len);
    lua_setfield(L, -3, key);
}

/* Pushes the metadata table of doc (borrowed: its caller keeps it, and frees it when an error
 * raised here unwinds): {title =, title_raw =, byline =, authors = {...}, date =, modified =,
 * lang =, site =, url =, description =, section =, image =, sources = {FIELD =
 * "jsonld"|"og"|...}} (fields without a value absent; authors always an array). The strings are
 * copied into the table, from an arena that the stack holds while the table is built. */
void sift_lua_push_meta(lua_State *L, const struct sift_html_doc *doc)
{
    size_t k;
    struct sift_lua_arena a;
    struct sift_meta m;

    sift_lua_arena_init(L, &a); /* the arena's anchor, under the result */
    if (sift_page_meta(doc, sift_lua_alloc, &a, &m) != SIFT_OK)
        luaL_error(L, "not enough memory");
    lua_createtable(L, 0, 12); /* the result */
    lua_createtable(L, 0, 12); /* its sources */
    set_field(L, "title", &m.title);
    set_field(L, "title_raw", &m.title_raw);
    set_field(L, "byline", &m.byline);
    set_field(L, "date", &m.published);
    set_field(L, "modified", &m.modified);
    set_field(L, "lang", &m.lang);
    set_field(L, "site", &m.site);
    set_field(L, "url", &m.url);
    set_field(L, "description", &m.description);
    set_field(L, "section", &m.section);
    set_field(L, "image", &m.image);
    set_field(L, "base", &m.base);
    if (m.n_authors > 0) {
        lua_pushstring(L, sift_meta_src_name(m.authors[0].src));
        lua_setfield(L, -2, "authors");
    }
    lua_setfield(L, -2, "sources");
    lua_createtable(L, (int)m.n_authors, 0);
    for (k = 0; k < m.n_authors; k++) {
        lua_pushlstring(L, m.authors[k].s, m.authors[k].len);
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    lua_setfield(L, -2, "authors");
    lua_remove(L, -2); /* the arena's anchor: the strings are in the table now */
}

/* sift.core._metadata(utf8_html) -> the table of sift_lua_push_meta: the metadata alone (tests,
 * and callers that want no article; sift.extract gets both from one parse through
 * sift.core.extract's option meta). */
static int l_metadata(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    struct doc_box *b;
    int st;

    lua_settop(L, 1);
    b = lua_newuserdata(L, sizeof *b); /* 2 */
    b->doc = NULL;
    luaL_setmetatable(L, DOC_META);
    st = sift_html_parse(s, len, &b->doc);
    if (st != SIFT_OK)
        return luaL_error(L, "cannot parse the page: %s", sift_strerror(st));
    sift_lua_push_meta(L, b->doc);
    /* the strings are copied: the DOM can go now rather than at the next collection */
    sift_html_free(b->doc);
    b->doc = NULL;
    return 1;
}

static const luaL_Reg meta_functions[] = {
    { "_metadata", l_metadata },
    { NULL, NULL }
};

void sift_lua_open_meta(lua_State *L)
{
    if (luaL_newmetatable(L, DOC_META)) {
        lua_pushcfunction(L, doc_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    luaL_setfuncs(L, meta_functions, 0);
}
