/*
 * sift.h - the sift engine's public interface: pure C, no Lua. Every external symbol is prefixed
 * sift_. The Lua binding (binding.c) is the only file that includes the Lua headers.
 */
#ifndef SIFT_H
#define SIFT_H

#define SIFT_VERSION "0.1.0"

#include "unicode.h"
#include "breaks.h"
#include "tokens.h"
#include "abbrevs.h"   /* sentences */
#include "sentences.h" /* sentences */

#endif
