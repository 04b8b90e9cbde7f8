/*
 * sift.h - the sift engine's public interface: pure C, no Lua. Every external symbol is prefixed
 * sift_. The engine is one folder a part (unicode/, encoding/, text/, entities/, keywords/, with
 * common/ and each part's generated/ tables); a caller compiles with -Isrc and includes a part's
 * header with its folder ("encoding/encoding.h", "entities/tagger.h", "keywords/analysis.h").
 * This header gathers the tokenizer's and the sentence splitter's. The Lua binding (src/lua/) is
 * the only code that includes the Lua headers.
 */
#ifndef SIFT_H
#define SIFT_H

#define SIFT_VERSION "0.1.0"

#include "unicode/unicode.h"
#include "unicode/breaks.h"
#include "text/tokens.h"
#include "text/abbrevs.h"   /* sentences */
#include "text/sentences.h" /* sentences */

#endif
