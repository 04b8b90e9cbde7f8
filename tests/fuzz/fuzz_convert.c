/*
 * fuzz_convert.c - conversion to and from UTF-8 (encoding.h: sift_conv_*), in every mode, for the
 * encodings of news and a few stateful ones, on any bytes.
 *
 * The first byte of the input picks the encoding, the second the direction and the mode
 * (error, replace, skip); the rest is the text. Each input is converted twice: in one go, the way
 * sift.to_utf8 / sift.from_utf8 do (SIFT_CONV_CHUNK of output room at a time), and in small
 * pieces of input fed with final = 0 into little output room (chunk sizes drawn from the input).
 *
 * Properties, beyond not crashing:
 *   - both ways give the same status, the same error position, and on success the same bytes;
 *   - every conversion to UTF-8 that succeeds gives well-formed UTF-8, so replace and skip always
 *     do; UTF-8 -> UTF-8 in replace mode is exactly sift_utf8_clean;
 *   - on success from UTF-8 to a Unicode encoding or ISO-8859-1, converting back gives the input;
 *   - an error position lies inside the input; the error message formats.
 */
#include <string.h>

#include "fuzz.h"
#include "encoding/encoding.h"

static const char *const encodings[] = {
    "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE", "UTF-32BE", "WINDOWS-1252", "GB18030",
    "BIG5", "SHIFT_JIS", "CP932", "EUC-JP", "EUC-KR", "CP949", "KOI8-R", "WINDOWS-1251",
    "ISO-8859-7", "WINDOWS-1250", "WINDOWS-1255", "ISO-2022-JP", "ISO-2022-KR", "UTF-7",
    "ISO-8859-1", "BIG5-HKSCS", "utf8", "UCS-2LE", "no-such-encoding", "UTF-8//IGNORE"
};
#define NENC (sizeof encodings / sizeof encodings[0])

/* Encodings in which UTF-8 -> X -> UTF-8 gives back every character X can represent. */
static int round_trips(const char *name)
{
    return strncmp(name, "UTF-16", 6) == 0 || strncmp(name, "UTF-32", 6) == 0 || strcmp(name, "UTF-8") == 0
           || strcmp(name, "utf8") == 0 || strcmp(name, "ISO-8859-1") == 0 || strcmp(name, "GB18030") == 0;
}

/* a[0..n) == b[0..m), with no pointer needed when empty */
static int same(const char *a, size_t n, const char *b, size_t m)
{
    return n == m && (n == 0 || memcmp(a, b, n) == 0);
}

struct result {
    int rc;
    size_t errpos;
    char *out;
    size_t len, cap;
};

static void append(struct result *r, const char *p, size_t n)
{
    if (n == 0)
        return;
    if (r->len + n > r->cap) {
        r->cap = (r->len + n) * 2 + 64;
        r->out = realloc(r->out, r->cap);
        FUZZ_CHECK(r->out != NULL, "out of memory");
    }
    memcpy(r->out + r->len, p, n);
    r->len += n;
}

/* Converts in[0..len); with rng, in pieces into little room, else in one go into big room. */
static void convert(const char *enc, int dir, int mode, const char *in, size_t len, uint64_t *rng,
                    struct result *r)
{
    static char buf[SIFT_CONV_CHUNK];
    struct sift_conv c;
    int rc, rounds = 0;

    memset(r, 0, sizeof *r);
    rc = sift_conv_open(&c, enc, dir, mode);
    if (rc != SIFT_ENC_OK) {
        sift_conv_close(&c);
        r->rc = rc;
        return;
    }
    for (;;) {
        size_t piece = len, room = SIFT_CONV_CHUNK, before;
        int final = 1;
        char *op = buf;
        const char *ip = in;

        if (rng) {
            piece = len ? fuzz_rand(rng) % (len + 1) : 0;
            final = piece == len;
            room = SIFT_CONV_MIN_OUT + fuzz_rand(rng) % 64;
        }
        before = piece;
        rc = sift_conv_feed(&c, &ip, &piece, &op, &room, final);
        append(r, buf, (size_t)(op - buf));
        FUZZ_CHECK((size_t)(ip - in) == before - piece, "input pointer and count disagree");
        in = ip;
        len -= before - piece;
        FUZZ_CHECK(++rounds < 10000000, "no progress");
        if (rc < 0)
            break;
        if (rc == SIFT_ENC_OK && final)
            break;
        /* OK on a non-final piece: all of it taken; FULL: drain and go on with what is left */
        if (rc == SIFT_ENC_OK)
            FUZZ_CHECK(piece == 0, "OK with %lu bytes left of a piece", (unsigned long)piece);
        else
            FUZZ_CHECK(rc == SIFT_CONV_FULL, "status %d", rc);
    }
    r->rc = rc;
    r->errpos = c.errpos;
    sift_conv_close(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *enc, *text;
    int dir, mode;
    size_t len;
    uint64_t rng;
    struct result one, pieces;
    char msg[128];

    /* over 16 KB of UTF-8 to UTF-32 fills the one-go output chunk (tests/fuzz/run.sh: -max_len) */
    if (size < 2 || size > 65536)
        return 0;
    enc = encodings[data[0] % NENC];
    dir = data[1] & 1;
    mode = (data[1] >> 1) % 3;
    text = (const char *)data + 2;
    len = size - 2;
    rng = fuzz_seed(data, size);

    convert(enc, dir, mode, text, len, NULL, &one);
    if (one.rc == SIFT_ENC_EUNKNOWN) {
        FUZZ_CHECK(strchr(enc, '/') || strcmp(enc, "no-such-encoding") == 0, "%s unknown", enc);
        free(one.out);
        return 0;
    }
    FUZZ_CHECK(one.rc == SIFT_ENC_OK || one.rc < 0, "final status %d", one.rc);
    FUZZ_CHECK(one.rc != SIFT_ENC_ESYSTEM, "iconv failed (%s)", enc);
    if (one.rc < 0) {
        FUZZ_CHECK(mode == SIFT_INVALID_ERROR, "%s: mode %d failed with %d", enc, mode, one.rc);
        FUZZ_CHECK(one.errpos < len, "%s: error at %lu of %lu", enc, (unsigned long)one.errpos,
                   (unsigned long)len);
        FUZZ_CHECK(sift_enc_format_error(one.rc, enc, one.errpos, msg, sizeof msg) > 0, "message");
    }
    if (one.rc == SIFT_ENC_OK && dir == SIFT_CONV_TO_UTF8)
        FUZZ_CHECK(fuzz_utf8_ok((const unsigned char *)one.out, one.len), "%s -> UTF-8 (mode %d) is not UTF-8",
                   enc, mode);
    if (dir == SIFT_CONV_TO_UTF8 && (strcmp(enc, "UTF-8") == 0 || strcmp(enc, "utf8") == 0)
        && mode == SIFT_INVALID_REPLACE) {
        size_t n = sift_utf8_clean_size(text, len);
        char *clean = malloc(n + 1);
        FUZZ_CHECK(clean && sift_utf8_clean(text, len, clean) == n, "sift_utf8_clean_size");
        FUZZ_CHECK(same(clean, n, one.out, one.len), "UTF-8 replace differs from sift_utf8_clean");
        free(clean);
    }

    convert(enc, dir, mode, text, len, &rng, &pieces);
    FUZZ_CHECK(pieces.rc == one.rc, "%s dir %d mode %d: status %d in one go, %d in pieces", enc, dir, mode,
               one.rc, pieces.rc);
    if (one.rc < 0)
        FUZZ_CHECK(pieces.errpos == one.errpos, "%s dir %d: error at %lu in one go, at %lu in pieces", enc, dir,
                   (unsigned long)one.errpos, (unsigned long)pieces.errpos);
    else
        FUZZ_CHECK(same(pieces.out, pieces.len, one.out, one.len),
                   "%s dir %d mode %d: output differs in pieces (%lu vs %lu bytes)", enc, dir, mode,
                   (unsigned long)pieces.len, (unsigned long)one.len);

    if (one.rc == SIFT_ENC_OK && dir == SIFT_CONV_FROM_UTF8 && mode == SIFT_INVALID_ERROR && round_trips(enc)) {
        struct result back;
        convert(enc, SIFT_CONV_TO_UTF8, SIFT_INVALID_ERROR, one.out ? one.out : "", one.len, NULL, &back);
        FUZZ_CHECK(back.rc == SIFT_ENC_OK, "%s: back to UTF-8 fails (%d at %lu)", enc, back.rc,
                   (unsigned long)back.errpos);
        FUZZ_CHECK(same(back.out, back.len, text, len), "%s: the round trip changes the text",
                   enc);
        free(back.out);
    }
    free(one.out);
    free(pieces.out);
    return 0;
}
