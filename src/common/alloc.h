/*
 * alloc.h - how the engine gets memory when it must grow: from an allocator the caller passes.
 *
 * The allocator hands out blocks that stay valid until the caller drops them all at once (the Lua
 * binding gives userdata anchored on the Lua stack, a C caller an arena or malloc with a list).
 * It may return NULL, and then the engine call returns an error, or not return at all (longjmp,
 * a Lua error): the engine never frees, so it holds nothing that would leak.
 */
#ifndef SIFT_ALLOC_H
#define SIFT_ALLOC_H

#include <stddef.h>

typedef void *(*sift_alloc_fn)(void *ud, size_t size);

#endif
