/*
 * encoding/encoding.h - input encodings: iconv conversion (encoding.c), detection (detect.c), and
 * UTF-8 validation and repair (utf8.c, declared in encoding/utf8.h, which this header includes).
 *
 * ---------------------------------------------------------------------------------------------
 * Lua-facing contract (src/lua/encoding.c implements it with exactly these functions)
 * ---------------------------------------------------------------------------------------------
 * Positions given to Lua are 1-based: the binding adds 1 to every 0-based position below.
 * opts.invalid is "error" (default), "replace" or "skip"; anything else is a Lua argument error.
 *
 * sift.to_utf8(bytes, encoding [, opts]) -> string | nil, message, position
 *   Userdata U holding a struct sift_conv, with a __gc that calls sift_conv_close (the iconv_t is
 *   the only malloc'd resource; it lives in U, so an error raised by the Lua API cannot leak it).
 *   rc = sift_conv_open(U, encoding, SIFT_CONV_TO_UTF8, mode)
 *     SIFT_ENC_EUNKNOWN -> return nil, "unknown encoding 'X'" (sift_enc_format_error builds it),
 *                          no position.
 *   luaL_buffinit; loop { p = luaL_prepbuffsize(&b, SIFT_CONV_CHUNK); room = SIFT_CONV_CHUNK;
 *     rc = sift_conv_feed(U, &in, &inleft, &p, &room, 1); luaL_addsize(&b, CHUNK - room);
 *     rc == SIFT_CONV_FULL -> again; rc == SIFT_ENC_OK -> done; rc < 0 -> error }
 *   On error: return nil, sift_enc_format_error(rc, encoding, U->errpos) message, U->errpos + 1.
 *   On success: sift_conv_close(U) right away (do not wait for the GC), push the buffer.
 *
 * sift.from_utf8(s, encoding [, opts]) -> string | nil, message, position
 *   Same, with SIFT_CONV_FROM_UTF8. Ill-formed UTF-8 in s is SIFT_ENC_EINVALID; a character the
 *   target cannot represent is SIFT_ENC_EUNREPRESENTABLE. "replace" writes the target's '?' for
 *   either (one per maximal ill-formed subpart / per character), "skip" drops them.
 *
 * sift.detect_encoding(bytes) -> name, confidence
 *   name = sift_detect_encoding(bytes, len, &confidence): a static iconv name, never NULL;
 *   confidence is a number in [0, 1]. Call sift_detect_init() once from luaopen_sift_core.
 *
 * sift.valid_utf8(s) -> true | false, position
 *   sift_utf8_valid(s, len, &pos): 1 -> true; 0 -> false, pos + 1.
 *
 * sift.clean_utf8(s) -> string
 *   If sift_utf8_valid: return the argument itself (lua_pushvalue, no copy). Otherwise
 *   n = sift_utf8_clean_size(s, len); p = luaL_buffinitsize(L, &b, n);
 *   luaL_pushresultsize(&b, sift_utf8_clean(s, len, p)).
 * ---------------------------------------------------------------------------------------------
 *
 * iconv: glibc has it in libc; on platforms whose C library has none (macOS, the BSDs with GNU
 * libiconv from ports, Windows) the build must link -liconv. encoding.c and detect.c are the only
 * files that call iconv.
 */
#ifndef SIFT_ENCODING_H
#define SIFT_ENCODING_H

#include <stddef.h>
#include <iconv.h>

#include "sift.h"
#include "encoding/utf8.h"

/* The status codes, the modes, struct sift_conv and every function of this part are public:
 * include/sift.h declares them, with who owns what. */

#endif
