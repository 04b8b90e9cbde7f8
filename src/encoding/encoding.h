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

#include "encoding/utf8.h"

/* Status codes. Negative values are failures; sift_enc_errmsg() describes each. */
enum sift_enc_status {
    SIFT_ENC_OK = 0,
    SIFT_CONV_FULL = 1,                /* output buffer full: drain it and call again */
    SIFT_ENC_EINVALID = -1,            /* undecodable byte sequence at errpos */
    SIFT_ENC_ETRUNCATED = -2,          /* input ends inside a multibyte sequence starting at errpos */
    SIFT_ENC_EUNREPRESENTABLE = -3,    /* character at errpos has no form in the target encoding */
    SIFT_ENC_EUNKNOWN = -4,            /* iconv does not know the encoding name */
    SIFT_ENC_ESYSTEM = -5              /* iconv failed for another reason (errno-level trouble) */
};

/* What to do with input that cannot be converted. */
enum sift_invalid_mode {
    SIFT_INVALID_ERROR = 0,
    SIFT_INVALID_REPLACE,   /* U+FFFD when decoding, '?' when encoding */
    SIFT_INVALID_SKIP
};

enum sift_conv_dir {
    SIFT_CONV_TO_UTF8 = 0,  /* named encoding -> UTF-8 */
    SIFT_CONV_FROM_UTF8     /* UTF-8 -> named encoding */
};

/* A good output chunk size for sift_conv_feed; any size >= SIFT_CONV_MIN_OUT works. */
#define SIFT_CONV_CHUNK 65536
/* Below this much output room sift_conv_feed may make no progress (it returns SIFT_CONV_FULL). */
#define SIFT_CONV_MIN_OUT 32

/*
 * Streaming conversion state. The fields are public only so the binding can place the struct in
 * a userdata; treat them as read-only except errpos, which is the result of a failure.
 */
struct sift_conv {
    iconv_t cd;             /* (iconv_t)-1 when the conversion is UTF-8 -> UTF-8 (done in-house) */
    int dir;                /* enum sift_conv_dir */
    int mode;               /* enum sift_invalid_mode */
    int status;             /* sticky failure, or SIFT_ENC_OK */
    int unit;               /* code unit size of the legacy side: 2 for UTF-16, 4 for UTF-32 */
    size_t pos;             /* absolute input offset of pend[0] (or of the next input byte) */
    size_t errpos;          /* 0-based input offset of the failure */
    size_t npend;           /* bytes of an incomplete sequence held back between feeds */
    unsigned char pend[16];
};

/* Human-readable message for a status code (static string). */
const char *sift_enc_errmsg(int code);

/*
 * Formats the full Lua-facing message into buf (always NUL-terminated when size > 0) and returns
 * the length snprintf would have written: "unknown encoding 'X'" for SIFT_ENC_EUNKNOWN, else
 * "<errmsg> at byte N" (N 1-based) - the binding may use its own wording for positions.
 */
int sift_enc_format_error(int code, const char *encoding, size_t errpos, char *buf, size_t size);

/*
 * Opens a conversion between `encoding` (any name iconv knows; "UTF-8" and spellings of it are
 * handled without iconv) and UTF-8. Returns SIFT_ENC_OK or SIFT_ENC_EUNKNOWN / SIFT_ENC_ESYSTEM;
 * on failure c is still safe to close.
 */
int sift_conv_open(struct sift_conv *c, const char *encoding, int dir, int mode);

/* Releases the iconv descriptor; idempotent, safe after a failed open. */
void sift_conv_close(struct sift_conv *c);

/* Forgets all state (pending bytes, failure, position) but keeps the descriptor. */
void sift_conv_reset(struct sift_conv *c);

/*
 * Converts from *in (*inleft bytes) into *out (*outleft bytes of room), advancing all four.
 * `final` says no input follows this call's; then an incomplete trailing sequence is an error
 * (SIFT_ENC_ETRUNCATED in error mode) and the shift state is flushed. Without `final`, an
 * incomplete trailing sequence is held in the state and completed by the next feed.
 * Returns SIFT_ENC_OK when all input is consumed (and, if final, flushed), SIFT_CONV_FULL when
 * output room ran out first (drain and call again with the remaining input), or a negative
 * status with c->errpos set; failures are sticky.
 */
int sift_conv_feed(struct sift_conv *c, const char **in, size_t *inleft, char **out,
                   size_t *outleft, int final);

/*
 * Guesses the encoding of s[0..len): returns a static iconv name ("UTF-8", "UTF-16LE",
 * "WINDOWS-1252", "GB18030", "CP932", ...) and stores a confidence in [0, 1]. Never NULL; when
 * nothing fits it returns "WINDOWS-1252" (every byte but five decodes) with a low confidence.
 * docs/encodings.md explains the decision order.
 */
const char *sift_detect_encoding(const char *s, size_t len, double *confidence);

/*
 * Builds detect.c's byte-class tables from iconv (once). sift_detect_encoding calls it itself;
 * a multi-threaded program calls it before starting threads. Returns SIFT_ENC_OK, or
 * SIFT_ENC_ESYSTEM when a code page is missing from iconv (that candidate is then never chosen).
 */
int sift_detect_init(void);

#endif
