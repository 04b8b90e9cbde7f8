/*
 * alloc.h - how the engine gets memory when it must grow: from an allocator the caller passes.
 *
 * The type, sift_alloc_fn, and its contract are public: include/sift.h. In short, the allocator
 * hands out blocks that stay valid until the caller drops them all at once (the Lua binding gives
 * userdata anchored on the Lua stack, a C caller an arena or malloc with a list). It may return
 * NULL, and then the engine call returns SIFT_ENOMEM, or not return at all (longjmp, a Lua
 * error): the engine never frees, so it holds nothing that would leak.
 */
#ifndef SIFT_ALLOC_H
#define SIFT_ALLOC_H

#include <stddef.h>

#include "sift.h" /* sift_alloc_fn is public */

#endif
