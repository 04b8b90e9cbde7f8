/*
 * encoding/utf8.h - UTF-8 validation and repair (utf8.c), for the encodings part (encoding.h,
 * which includes this header) and its Lua functions sift.valid_utf8 and sift.clean_utf8. The
 * decoding they share with the rest of the engine is sift_utf8_decode (unicode/unicode.h).
 */
#ifndef SIFT_UTF8_H
#define SIFT_UTF8_H

#include <stddef.h>

/* 1 if s[0..len) is well-formed UTF-8; else 0 and *errpos = offset of the first bad byte. */
int sift_utf8_valid(const char *s, size_t len, size_t *errpos);

/* Exact length of sift_utf8_clean's output (never more than 3 * len). */
size_t sift_utf8_clean_size(const char *s, size_t len);

/*
 * Copies s to out replacing each maximal ill-formed subpart with U+FFFD; out must hold
 * sift_utf8_clean_size(s, len) bytes (3 * len always suffices). Returns the length written.
 */
size_t sift_utf8_clean(const char *s, size_t len, char *out);

#endif
