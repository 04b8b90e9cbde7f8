/*
 * fuzz_api_lua.c - the Lua API (the sift module and the C binding) when memory runs out: each
 * input picks a public function and an allocation that is to fail, and holds the text to call
 * the function on. Embeds Lua 5.4 (lua_embed.h) with an allocator that can fail.
 *
 * Input: byte 0 picks the function (FUNCTIONS below), bytes 1-2 the allocation that fails, the
 * rest is the text. The function runs once without failure (which counts its allocations), then
 * again with allocation number 1 + (bytes 1-2) % count refused.
 *
 * The target fails when
 *   - anything crashes, or ASan/UBSan reports, or LeakSanitizer finds malloc'd memory lost (the
 *     binding must hold no malloc'd memory across a call that can raise: an allocation failure
 *     raises in the middle of it);
 *   - the failing call raises anything but Lua's memory error ("not enough memory"), or its
 *     normal run raises at all: a module that catches the memory error and goes on in a broken
 *     state shows here;
 *   - memory stays allocated on the Lua heap after a full collection (every 256 inputs), beyond
 *     what the first runs left (caches of the modules): something was anchored and never let go.
 *
 * An input that starts with "SWEEP" (tests/fuzz/corpus/api_lua/sweep) is run differently in the
 * replay build (tests/fuzz/run.sh replay, in make test): every function, with every one of its
 * allocations failing in turn, on the rest of the input, in a fresh state closed at the end
 * (lua_close must give back every byte).
 *
 * An input that starts with "FIRST" (tests/fuzz/corpus/api_lua/first), in the replay build: every
 * function's first call in a fresh state, with one allocation failing (every one of them, or
 * FUZZ_FIRST_TRIES spread over them), then a normal call, whose results must be those of a state
 * that never failed. What a module builds on its first call (a metatable, a cache) must not be
 * left half made by a memory error: the binding once registered the tagger's metatable before
 * giving it its methods, and sift.terms kept part of its weak words.
 */
/* Lua line coverage (lua_embed.h) would cost half the speed here, where what matters is C: off. */
#define FUZZ_NO_LUA_COVERAGE
#include "lua_embed.h"

static const char harness[] =
    "local sift = require 'sift'\n"
    "local merge = require 'sift.merge'\n"
    "local xliff = sift.write_segments(sift.segment('One sentence. Another one.', { id = 'a' }), 'xliff2')\n"
    "local F = {\n"
    "  function(s) return sift.tokens(s) end,\n"
    "  function(s) return sift.tokens(s, { spaces = true, abbreviations = { 'Xinhua', 'Gov' } }) end,\n"
    "  function(s) local n = 0 for _ in sift.each_token(s) do n = n + 1 end return n end,\n"
    "  function(s) return sift.breaks(s, 'word') end,\n"
    "  function(s) return sift.breaks(s, 'sentence') end,\n"
    "  function(s) return sift.breaks(s, 'grapheme') end,\n"
    "  function(s) return sift.words(s) end,\n"
    "  function(s) return sift.fold(s), sift.shape(s), sift.stem(s) end,\n"
    "  function(s) return sift.to_utf8(s, 'GB18030', { invalid = 'replace' }) end,\n"
    "  function(s) return sift.to_utf8(s, 'UTF-8', { invalid = 'skip' }) end,\n"
    "  function(s) return sift.from_utf8(s, 'WINDOWS-1252', { invalid = 'replace' }) end,\n"
    "  function(s) return sift.to_utf8(s, 'UTF-16LE') end,\n"
    "  function(s) return sift.detect_encoding(s), sift.valid_utf8(s), sift.clean_utf8(s) end,\n"
    "  function(s) return sift.decode(s) end,\n"
    "  function(s) return sift.sentences(s, { abbreviations = { 'Xinhua', Gov = 'title' } }) end,\n"
    "  function(s) local n = 0 for _ in sift.each_sentence(s, { lines = 'break' }) do n = n + 1 end return n end,\n"
    "  function(s) return sift.paragraphs(s) end,\n"
    "  function(s) return sift.entities(s) end,\n"
    "  function(s) return sift.entity_index(s) end,\n"
    "  function(s) return sift.tagger({ entities = { { 'Xinhua News', 'ORG' } }, titles = { 'Envoy' } }):entities(s) end,\n"
    "  function(s) return sift.keywords(s) end,\n"
    "  function(s) return sift.keywords({ s, s .. ' again' }) end,\n"
    "  function(s) return sift.summarize(s) end,\n"
    "  function(s) return sift.write_segments(sift.segment(s, { id = 'x' }), 'xliff2') end,\n"
    "  function(s) return sift.write_segments(sift.segment(s, { id = 'x' }), 'po', { revision_date = '2026-01-01 00:00+0000' }) end,\n"
    "  function(s) return sift.write_segments(sift.segment(s, { id = 'x' }), 'tmx') end,\n"
    "  function(s) return sift.write_segments(sift.segment(s, { id = 'x' }), 'jsonl') end,\n"
    "  function(s) return sift.merge_translation('One sentence. Another one.', xliff, { id = 'a' }), merge.read(s) end,\n"
    "}\n"
    "local function dump(v, seen)\n"
    "  local t = type(v)\n"
    "  if t == 'string' then return string.format('%q', v) end\n"
    "  if t ~= 'table' then return (t == 'number' or t == 'boolean') and tostring(v) or '<' .. t .. '>' end\n"
    "  if seen[v] then return '<cycle>' end\n"
    "  seen[v] = true\n"
    "  local keys, out = {}, {}\n"
    "  for k in pairs(v) do keys[#keys + 1] = k end\n"
    "  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)\n"
    "  for _, k in ipairs(keys) do out[#out + 1] = dump(k, seen) .. '=' .. dump(v[k], seen) end\n"
    "  seen[v] = nil\n"
    "  return '{' .. table.concat(out, ',') .. '}'\n"
    "end\n"
    "local function dump_all(...)\n"
    "  local out = {}\n"
    "  for i = 1, select('#', ...) do out[i] = dump((select(i, ...)), {}) end\n"
    "  return table.concat(out, ';')\n"
    "end\n"
    "return function(which, s, as_string)\n"
    "  if as_string then return dump_all(F[which % #F + 1](s)) end\n"
    "  return F[which % #F + 1](s)\n"
    "end\n";

#define NFUNCTIONS 28

static int is_memory_error(lua_State *L, int rc)
{
    const char *msg;
    if (rc == LUA_ERRMEM)
        return 1;
    if (rc != LUA_ERRRUN || lua_type(L, -1) != LUA_TSTRING)
        return 0;
    msg = lua_tostring(L, -1);
    return strstr(msg, "not enough memory") != NULL;
}

/* Calls function `which` on the text with allocation number fail_after refused (0: none). Returns
 * the status; the error value is on top of the stack when not LUA_OK, and with as_string, the
 * results written out as one string when LUA_OK. */
static int call(lua_State *L, struct fuzz_heap *heap, int which, const uint8_t *text, size_t len,
                size_t fail_after, int as_string)
{
    int rc;
    lua_settop(L, 0);
    lua_pushcfunction(L, fuzz_traceback);
    lua_getfield(L, LUA_REGISTRYINDEX, "api");
    lua_pushinteger(L, which);
    lua_pushlstring(L, (const char *)text, len);
    if (as_string)
        lua_pushboolean(L, 1);
    heap->count = 0;
    heap->failed = 0;
    heap->fail_after = fail_after;
    rc = lua_pcall(L, as_string ? 3 : 2, as_string ? 1 : 0, 1);
    heap->fail_after = 0;
    return rc;
}

static void fail_report(lua_State *L, int which, size_t fail_after, int rc)
{
    fprintf(stderr, "\nfunction %d, allocation %lu failing: status %d, error %s\n", which, (unsigned long)fail_after,
            rc, lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, -1));
    abort();
}

static void check_call(lua_State *L, struct fuzz_heap *heap, int which, const uint8_t *text, size_t len,
                       size_t fail_after)
{
    int rc = call(L, heap, which, text, len, fail_after, 0);
    if (rc != LUA_OK && !(heap->failed && is_memory_error(L, rc)))
        fail_report(L, which, fail_after, rc);
}

#ifndef FUZZ_LIBFUZZER
/* How many of a first call's allocations FIRST makes fail, spread over them (make test: 40; the
 * whole sweep, -DFUZZ_FIRST_TRIES=1000000, takes minutes) */
#ifndef FUZZ_FIRST_TRIES
#define FUZZ_FIRST_TRIES 40
#endif

/* The results of a normal call of function `which`, written out as a malloc'd string. */
static char *results(lua_State *L, struct fuzz_heap *heap, int which, const uint8_t *text, size_t len)
{
    size_t n;
    const char *r;
    char *copy;
    int rc = call(L, heap, which, text, len, 0, 1);
    if (rc != LUA_OK)
        fail_report(L, which, 0, rc);
    r = lua_tolstring(L, -1, &n);
    copy = malloc(n + 1);
    FUZZ_CHECK(copy != NULL, "out of memory");
    memcpy(copy, r, n + 1);
    lua_settop(L, 0);
    return copy;
}

/* Every function's first call in a fresh state with an allocation failing, then a normal call:
 * the results must be those of a state where nothing failed. */
static void first_calls(const uint8_t *text, size_t len)
{
    int which;
    for (which = 0; which < NFUNCTIONS; which++) {
        struct fuzz_heap heap;
        lua_State *S = fuzz_lua_new(&heap);
        size_t i, k, count, tries;
        char *expected, *got;
        fuzz_lua_load(S, "api", harness);
        check_call(S, &heap, which, text, len, 0);
        count = heap.count;
        expected = results(S, &heap, which, text, len);
        lua_close(S);
        tries = count < FUZZ_FIRST_TRIES ? count : FUZZ_FIRST_TRIES;
        for (i = 0; i < tries; i++) {
            k = 1 + i * count / tries;
            S = fuzz_lua_new(&heap);
            fuzz_lua_load(S, "api", harness);
            check_call(S, &heap, which, text, len, k);
            got = results(S, &heap, which, text, len);
            FUZZ_CHECK(strcmp(got, expected) == 0,
                       "function %d: after its first call failed at allocation %lu of %lu, a call gives\n  %.300s\n"
                       "instead of\n  %.300s",
                       which, (unsigned long)k, (unsigned long)count, got, expected);
            free(got);
            lua_close(S);
            FUZZ_CHECK(heap.live == 0, "function %d: %lu bytes left after lua_close", which, (unsigned long)heap.live);
        }
        free(expected);
        fprintf(stderr, "first calls: function %d, %lu of %lu allocations failed\n", which, (unsigned long)tries,
                (unsigned long)count);
    }
}

/* Every function, every allocation failing in turn, in a fresh state; lua_close gives back all. */
static void sweep(const uint8_t *text, size_t len)
{
    int which;
    for (which = 0; which < NFUNCTIONS; which++) {
        struct fuzz_heap heap;
        lua_State *S = fuzz_lua_new(&heap);
        size_t k, count;
        fuzz_lua_load(S, "api", harness);
        check_call(S, &heap, which, text, len, 0);
        count = heap.count;
        for (k = 1; k <= count; k++)
            check_call(S, &heap, which, text, len, k);
        lua_close(S);
        FUZZ_CHECK(heap.live == 0, "function %d: %lu bytes left after lua_close", which, (unsigned long)heap.live);
        fprintf(stderr, "sweep: function %d, %lu allocation failures\n", which, (unsigned long)count);
    }
}
#endif

static lua_State *L;
static struct fuzz_heap heap;
static size_t baseline, runs;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int which;
    size_t k, count;

    /* (tests/fuzz/run.sh gives libFuzzer a -max_len of 8192: programs on whole articles) */
    if (size < 3 || size > 65536)
        return 0;
#ifndef FUZZ_LIBFUZZER
    if (size >= 5 && memcmp(data, "SWEEP", 5) == 0) {
        sweep(data + 5, size - 5);
        return 0;
    }
    if (size >= 5 && memcmp(data, "FIRST", 5) == 0) {
        first_calls(data + 5, size - 5);
        return 0;
    }
#endif
    if (!L) {
        L = fuzz_lua_new(&heap);
        fuzz_lua_load(L, "api", harness);
        /* every function once, so that the modules and their caches are loaded */
        for (which = 0; which < NFUNCTIONS; which++)
            check_call(L, &heap, which, (const uint8_t *)"Mr. Xi met Joe Biden. It rained.", 32, 0);
        lua_gc(L, LUA_GCCOLLECT, 0);
        baseline = heap.live;
    }
    which = data[0] % NFUNCTIONS;
    check_call(L, &heap, which, data + 3, size - 3, 0);
    count = heap.count;
    if (count > 0) {
        k = 1 + (((size_t)data[1] << 8) | data[2]) % count;
        check_call(L, &heap, which, data + 3, size - 3, k);
    }
    lua_settop(L, 0);
    /* a full collection costs milliseconds with every module loaded: one every 256 inputs; the
     * modules' caches (the last article parsed, the stem cache...) may hold a few inputs */
    if (++runs % FUZZ_LEAK_EVERY == 0)
        fuzz_leak_check();
    if (runs % 256 == 0) {
        lua_gc(L, LUA_GCCOLLECT, 0);
        FUZZ_CHECK(heap.live < baseline + (1u << 20), "the Lua heap holds %lu bytes after a collection, %lu at start",
                   (unsigned long)heap.live, (unsigned long)baseline);
    }
    return 0;
}
