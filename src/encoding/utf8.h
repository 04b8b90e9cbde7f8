/*
 * encoding/utf8.h - UTF-8 validation and repair (utf8.c), for the encodings part (encoding.h,
 * which includes this header) and its Lua functions sift.valid_utf8 and sift.clean_utf8. The
 * decoding they share with the rest of the engine is sift_utf8_decode (unicode/unicode.h).
 */
#ifndef SIFT_UTF8_H
#define SIFT_UTF8_H

#include <stddef.h>

#include "sift.h" /* sift_utf8_valid, sift_utf8_clean_size, sift_utf8_clean are public */

#endif
