/*
 * fuzz_merge_lua.c - the reader of `sift merge` (lua/sift/merge.lua: merge.read, with sift.xml and
 * sift.po underneath), which is Lua: this target embeds Lua 5.4 (lua_embed.h) and calls it in a
 * protected call on each input, as a translated XLIFF 2.0, XLIFF 1.2 or PO file.
 *
 * merge.read returns the translation, or nil, a message that starts "line N:", and N; it raises
 * only for a wrong argument. So the target fails when
 *   - the engine or Lua crashes (ASan, UBSan, a signal), or a run takes longer than libFuzzer's
 *     -timeout;
 *   - merge.read raises an error (of any type: a string from a Lua bug such as indexing nil, a
 *     table that was meant to be caught, a stack overflow on deep nesting);
 *   - the return values break the contract above, or a target text is not well-formed UTF-8;
 *   - merge.apply, given what was read and a small article, raises instead of returning.
 */
#include "lua_embed.h"

static const char harness[] =
    "local merge = require 'sift.merge'\n"
    "local article = 'First sentence. Second one!\\n\\nA new paragraph.\\n'\n"
    "local function check(data, opts)\n"
    "  local r, msg, line = merge.read(data, opts)\n"
    "  if r == nil then\n"
    "    if type(msg) ~= 'string' then error('merge.read: the message is a ' .. type(msg), 0) end\n"
    "    local n = msg:match('^line (%d+): ')\n"
    "    if not n then error('merge.read: message without its line: ' .. msg, 0) end\n"
    "    if math.type(line) ~= 'integer' or line ~= tonumber(n) then\n"
    "      error('merge.read: line ' .. tostring(line) .. ' for the message ' .. msg, 0)\n"
    "    end\n"
    "    return\n"
    "  end\n"
    "  if type(r) ~= 'table' or type(r.articles) ~= 'table' or #r.articles == 0 then\n"
    "    error('merge.read: a result without articles', 0)\n"
    "  end\n"
    "  for _, a in ipairs(r.articles) do\n"
    "    for id, text in pairs(a.targets) do\n"
    "      if type(id) ~= 'string' or type(text) ~= 'string' or not utf8.len(text) then\n"
    "        error('merge.read: a target that is not UTF-8 text', 0)\n"
    "      end\n"
    "    end\n"
    "  end\n"
    "  local out, err = merge.apply(article, r, { id = r.articles[1].id })\n"
    "  if out == nil and type(err) ~= 'string' then error('merge.apply: no message', 0) end\n"
    "end\n"
    "return function(data)\n"
    "  check(data)\n"
    "  check(data, { fuzzy = true })\n"
    "end\n";

static lua_State *L;
static struct fuzz_heap heap;
static size_t runs;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!L) {
        L = fuzz_lua_new(&heap);
        fuzz_lua_load(L, "merge_read", harness);
    }
    if (size > 65536)
        return 0;
    if (fuzz_lua_call(L, "merge_read", data, size) != LUA_OK) {
        fprintf(stderr, "\nmerge reader raised: %s\n",
                lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, -1));
        abort();
    }
    if (++runs % FUZZ_LEAK_EVERY == 0)
        fuzz_leak_check();
    return 0;
}
