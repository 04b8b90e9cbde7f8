/*
 * lua_embed.h - a Lua 5.4 state for the fuzz targets written as Lua calls (fuzz_*_lua.c): the
 * project's Lua modules from lua/ (the targets run from the repository root, as tests/fuzz/run.sh
 * does), the C module sift.core linked in (the instrumented engine and binding), and an allocator
 * that counts what is live and can be told to fail.
 *
 * Coverage: libFuzzer sees the C code it instruments, not which Lua lines ran. When built for
 * libFuzzer (FUZZ_LIBFUZZER), a line hook turns each pair (previous line, line) of Lua code into a
 * counter in libFuzzer's extra-counters section, so that inputs reaching new Lua branches are kept.
 */
#ifndef SIFT_LUA_EMBED_H
#define SIFT_LUA_EMBED_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#include "fuzz.h"

int luaopen_sift_core(lua_State *L);

/* ---- the allocator ---- */

struct fuzz_heap {
    size_t live;       /* bytes allocated and not freed */
    size_t count;      /* allocations so far */
    size_t fail_after; /* the allocation with this number fails (0: none does) */
    int failed;        /* an allocation was refused */
};

static inline void *fuzz_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    struct fuzz_heap *h = ud;
    void *p;
    if (ptr == NULL)
        osize = 0;
    if (nsize == 0) {
        free(ptr);
        h->live -= osize;
        return NULL;
    }
    if (nsize > osize) {
        h->count++;
        if (h->fail_after && h->count >= h->fail_after) {
            h->failed = 1;
            return NULL;
        }
    }
    p = realloc(ptr, nsize);
    if (p) {
        h->live -= osize;
        h->live += nsize;
    }
    return p;
}

/* ---- Lua line coverage for libFuzzer ---- */

#if defined(FUZZ_LIBFUZZER) && !defined(FUZZ_NO_LUA_COVERAGE)
#define FUZZ_LUA_COUNTERS 65536
__attribute__((used, section("__libfuzzer_extra_counters"))) static uint8_t fuzz_lua_counters[FUZZ_LUA_COUNTERS];
static uintptr_t fuzz_lua_prev;

static void fuzz_line_hook(lua_State *L, lua_Debug *ar)
{
    uintptr_t here;
    if (!lua_getinfo(L, "S", ar))
        return;
    here = ((uintptr_t)ar->source * 31u + (uintptr_t)ar->currentline) * 2654435761u;
    fuzz_lua_counters[(here ^ fuzz_lua_prev) % FUZZ_LUA_COUNTERS]++;
    fuzz_lua_prev = here >> 1;
}
#endif

/* ---- leaks ----
 *
 * The Lua state lives from one input to the next, so libFuzzer's own leak check (after each input
 * whose mallocs and frees differ, which is nearly every one here) would run all the time:
 * tests/fuzz/run.sh turns it off (-detect_leaks=0) for these targets, and they call LeakSanitizer
 * themselves every FUZZ_LEAK_EVERY inputs and at exit. Anything reachable from the state is not a
 * leak; a block that nothing points to is.
 */
#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_HAVE_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_HAVE_LSAN 1
#endif
#endif
#ifdef FUZZ_HAVE_LSAN
#include <sanitizer/lsan_interface.h>
#endif
#define FUZZ_LEAK_EVERY 4096

static inline void fuzz_leak_check(void)
{
#ifdef FUZZ_HAVE_LSAN
    FUZZ_CHECK(__lsan_do_recoverable_leak_check() == 0, "LeakSanitizer found leaks (see above)");
#endif
}

/* ---- the state ---- */

/*
 * A new state with the standard libraries, lua/ on package.path (and nothing else: no module is
 * found outside the checkout) and sift.core preloaded. Never NULL: failing here is a setup error.
 */
static inline lua_State *fuzz_lua_new(struct fuzz_heap *heap)
{
    lua_State *L;
    memset(heap, 0, sizeof *heap);
    L = lua_newstate(fuzz_alloc, heap);
    FUZZ_CHECK(L != NULL, "cannot create a Lua state");
    luaL_openlibs(L);
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    lua_pushcfunction(L, luaopen_sift_core);
    lua_setfield(L, -2, "sift.core");
    lua_pop(L, 1);
    lua_getglobal(L, "package");
    lua_pushliteral(L, "./lua/?.lua;./lua/?/init.lua");
    lua_setfield(L, -2, "path");
    lua_pushliteral(L, "");
    lua_setfield(L, -2, "cpath");
    lua_pop(L, 1);
#if defined(FUZZ_LIBFUZZER) && !defined(FUZZ_NO_LUA_COVERAGE)
    lua_sethook(L, fuzz_line_hook, LUA_MASKLINE, 0);
#endif
    return L;
}

/* Runs a chunk that returns the function under test, and leaves that function in the registry
 * under `name`. The chunk runs with the standard message handler: a failure aborts the target. */
static inline void fuzz_lua_load(lua_State *L, const char *name, const char *chunk)
{
    if (luaL_loadbuffer(L, chunk, strlen(chunk), name) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK) {
        fprintf(stderr, "fuzz harness %s: %s\n", name, lua_tostring(L, -1));
        abort();
    }
    FUZZ_CHECK(lua_isfunction(L, -1), "harness %s returns no function", name);
    lua_setfield(L, LUA_REGISTRYINDEX, name);
}

/* The message handler of fuzz_lua_call: the message with a traceback; non-strings are kept. */
static inline int fuzz_traceback(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TSTRING)
        luaL_traceback(L, L, lua_tostring(L, 1), 1);
    else
        lua_settop(L, 1);
    return 1;
}

/*
 * Calls the function registered as `name` with the input as a string. Returns the status of the
 * protected call; on an error the error value (with a traceback when a string) is on top.
 */
static inline int fuzz_lua_call(lua_State *L, const char *name, const uint8_t *data, size_t size)
{
    int rc;
    lua_settop(L, 0);
    lua_pushcfunction(L, fuzz_traceback);
    lua_getfield(L, LUA_REGISTRYINDEX, name);
    lua_pushlstring(L, (const char *)data, size);
    rc = lua_pcall(L, 1, 0, 1);
    return rc;
}

#endif
