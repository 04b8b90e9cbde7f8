/*
 * test_encoding.c - encodings: UTF-8 validation and repair, iconv conversion, detection.
 *
 * The data-driven tests read the 24 samples in $SIFT_SHARED/data/encodings (SIFT_SHARED defaults
 * to ../shared, relative to the repository root the Makefile runs tests from) and compare with
 * what the iconv command prints for each file's true encoding. Missing data is a failure.
 */
/* popen, strtok_r */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_util.h"

#include "encoding/encoding.h"

#define FFFD "\xEF\xBF\xBD"

/* ------------------------------------------------------------------------------------------ */
/* helpers                                                                                     */

struct buf {
    char *p;
    size_t n, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

/*
 * Converts in[0..len) feeding `piece` bytes at a time and draining through an output window of
 * `chunk` bytes, as the binding does with luaL_Buffer. Returns the final status; the output so
 * far is in *out (malloc'd, NUL-terminated), the failure position in *errpos.
 */
static int convert(const char *enc, int dir, int mode, const char *in, size_t len, size_t piece,
                   size_t chunk, struct buf *out, size_t *errpos)
{
    struct sift_conv c;
    char *window = malloc(chunk);
    size_t off = 0;
    int rc;

    assert_non_null(window);
    memset(out, 0, sizeof *out);
    buf_add(out, "", 0);
    rc = sift_conv_open(&c, enc, dir, mode);
    while (rc == SIFT_ENC_OK) {
        size_t take = len - off < piece ? len - off : piece;
        const char *ip = in + off;
        size_t il = take;
        int final = off + take == len;

        do {
            char *op = window;
            size_t ol = chunk;
            rc = sift_conv_feed(&c, &ip, &il, &op, &ol, final);
            buf_add(out, window, chunk - ol);
        } while (rc == SIFT_CONV_FULL);
        if (rc != SIFT_ENC_OK)
            break;
        assert_int_equal(il, 0);
        off += take;
        if (final)
            break;
    }
    if (errpos)
        *errpos = c.errpos;
    sift_conv_close(&c);
    free(window);
    return rc;
}

/* One-shot conversion that must succeed; returns the malloc'd result. */
static char *must(const char *enc, int dir, int mode, const char *in, size_t len, size_t *outlen)
{
    struct buf b;
    size_t pos;
    int rc = convert(enc, dir, mode, in, len, len ? len : 1, SIFT_CONV_CHUNK, &b, &pos);
    if (rc != SIFT_ENC_OK)
        fail_msg("%s conversion failed: %s at %lu", enc, sift_enc_errmsg(rc), (unsigned long)pos);
    *outlen = b.n;
    return b.p;
}

static void expect(const char *enc, int dir, int mode, const char *in, size_t len,
                   const char *want, size_t wantlen)
{
    size_t n;
    char *got = must(enc, dir, mode, in, len, &n);
    assert_int_equal(n, wantlen);
    assert_memory_equal(got, want, wantlen);
    free(got);
}

static void expect_err(const char *enc, int dir, const char *in, size_t len, int code, size_t at)
{
    struct buf b;
    size_t pos = 12345;
    int rc = convert(enc, dir, SIFT_INVALID_ERROR, in, len, len ? len : 1, SIFT_CONV_CHUNK, &b,
                     &pos);
    free(b.p);
    assert_int_equal(rc, code);
    assert_int_equal(pos, at);
}

#define TO SIFT_CONV_TO_UTF8
#define FROM SIFT_CONV_FROM_UTF8
#define S(lit) lit, sizeof(lit) - 1

/* What `iconv -f enc -t UTF-8 path` prints. */
static char *iconv_command(const char *enc, const char *path, size_t *len)
{
    char cmd[1024];
    FILE *p;
    struct buf b;
    char tmp[8192];
    size_t n;

    snprintf(cmd, sizeof cmd, "iconv -f '%s' -t UTF-8 '%s'", enc, path);
    p = popen(cmd, "r");
    assert_non_null(p);
    memset(&b, 0, sizeof b);
    buf_add(&b, "", 0);
    while ((n = fread(tmp, 1, sizeof tmp, p)) > 0)
        buf_add(&b, tmp, n);
    if (pclose(p) != 0)
        fail_msg("`%s` failed", cmd);
    *len = b.n;
    return b.p;
}

/* ------------------------------------------------------------------------------------------ */
/* the 24 samples                                                                              */

struct sample {
    char path[512];
    char enc[32];
};

/* MANIFEST.tsv names Python codecs; these are their iconv names. */
static const char *iconv_name(const char *codec)
{
    static const char *const map[][2] = {
        {"big5", "BIG5"}, {"cp932", "CP932"}, {"euc_jp", "EUC-JP"}, {"euc_kr", "EUC-KR"},
        {"gb18030", "GB18030"}, {"koi8_r", "KOI8-R"}, {"shift_jis", "SHIFT_JIS"},
        {"utf-16-be", "UTF-16BE"}, {"utf-16-le", "UTF-16LE"}, {"latin-1", "ISO-8859-1"},
        {"iso8859_7", "ISO-8859-7"}, {"utf-8-sig", "UTF-8"}, {"cp1250", "WINDOWS-1250"},
        {"cp1251", "WINDOWS-1251"}, {"cp1252", "WINDOWS-1252"}, {"cp1255", "WINDOWS-1255"},
    };
    size_t i;
    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], codec) == 0)
            return map[i][1];
    fail_msg("MANIFEST.tsv names codec '%s' this test does not know", codec);
    return NULL;
}

static size_t load_samples(struct sample *out, size_t max)
{
    const char *shared = test_shared_dir();
    char dir[400], path[512], *text, *line, *save = NULL;
    size_t len, n = 0;

    snprintf(dir, sizeof dir, "%s/data/encodings", shared);
    snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
    text = test_read_file(path, &len);
    if (!text)
        fail_msg("cannot read %s: set SIFT_SHARED to the shared/ directory (the one holding "
                 "data/encodings)", path);
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *f[3], *p = line;
        int k;
        if (strncmp(line, "files/", 6) != 0)
            continue;
        for (k = 0; k < 3; k++) {
            f[k] = p;
            p = strchr(p, '\t');
            assert_non_null(p);
            *p++ = '\0';
        }
        assert_true(n < max);
        snprintf(out[n].path, sizeof out[n].path, "%s/%s", dir, f[0]);
        snprintf(out[n].enc, sizeof out[n].enc, "%s", iconv_name(f[2]));
        n++;
    }
    free(text);
    return n;
}

static void test_samples_convert_like_iconv(void **state)
{
    struct sample sm[40];
    size_t n = load_samples(sm, 40), i;
    (void)state;

    assert_int_equal(n, 24);
    for (i = 0; i < n; i++) {
        size_t len, rlen, pos;
        char *raw = test_read_file(sm[i].path, &len);
        char *ref = iconv_command(sm[i].enc, sm[i].path, &rlen);
        struct buf got;
        int rc;

        assert_non_null(raw);
        /* Odd pieces and a small window split characters across feeds and drains. */
        rc = convert(sm[i].enc, TO, SIFT_INVALID_ERROR, raw, len, 997, 61, &got, &pos);
        if (rc != SIFT_ENC_OK)
            fail_msg("%s as %s: %s at %lu", sm[i].path, sm[i].enc, sift_enc_errmsg(rc),
                     (unsigned long)pos);
        if (got.n != rlen || memcmp(got.p, ref, rlen) != 0)
            fail_msg("%s as %s differs from the iconv command", sm[i].path, sm[i].enc);
        assert_true(sift_utf8_valid(got.p, got.n, NULL));
        free(got.p);
        free(ref);
        free(raw);
    }
}

static void test_samples_round_trip(void **state)
{
    struct sample sm[40];
    size_t n = load_samples(sm, 40), i;
    (void)state;

    for (i = 0; i < n; i++) {
        size_t len, ulen, blen, back_len;
        char *raw = test_read_file(sm[i].path, &len);
        char *utf8 = must(sm[i].enc, TO, SIFT_INVALID_ERROR, raw, len, &ulen);
        char *bytes = must(sm[i].enc, FROM, SIFT_INVALID_ERROR, utf8, ulen, &blen);
        char *back = must(sm[i].enc, TO, SIFT_INVALID_ERROR, bytes, blen, &back_len);

        if (back_len != ulen || memcmp(back, utf8, ulen) != 0)
            fail_msg("%s: UTF-8 -> %s -> UTF-8 changed the text", sm[i].path, sm[i].enc);
        free(back);
        free(bytes);
        free(utf8);
        free(raw);
    }
}

static void test_samples_detect(void **state)
{
    struct sample sm[40];
    size_t n = load_samples(sm, 40), i, hits = 0;
    (void)state;

    for (i = 0; i < n; i++) {
        size_t len, rlen;
        char *raw = test_read_file(sm[i].path, &len);
        double conf = -1;
        const char *name = sift_detect_encoding(raw, len, &conf);
        int hit;

        assert_non_null(name);
        assert_true(conf >= 0.0 && conf <= 1.0);
        hit = strcmp(name, sm[i].enc) == 0;
        if (!hit) {
            /* A different name counts if it decodes the file to the same text. */
            char *ref = iconv_command(sm[i].enc, sm[i].path, &rlen);
            struct buf got;
            size_t pos;
            if (convert(name, TO, SIFT_INVALID_ERROR, raw, len, len, SIFT_CONV_CHUNK, &got,
                        &pos) == SIFT_ENC_OK)
                hit = got.n == rlen && memcmp(got.p, ref, rlen) == 0;
            free(got.p);
            free(ref);
        }
        if (hit)
            hits++;
        else
            printf("detect miss: %s (true %s) -> %s %.2f\n", sm[i].path, sm[i].enc, name, conf);
        free(raw);
    }
    printf("detection: %lu of %lu samples\n", (unsigned long)hits, (unsigned long)n);
    assert_true(hits >= 22);
}

/* ------------------------------------------------------------------------------------------ */
/* validation and repair                                                                       */

static void test_valid(void **state)
{
    size_t pos = 99;
    (void)state;

    assert_true(sift_utf8_valid(S(""), &pos));
    assert_true(sift_utf8_valid(S("plain ascii"), &pos));
    assert_true(sift_utf8_valid(S("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), &pos));
    assert_true(sift_utf8_valid("a\0b", 3, &pos)); /* NUL is a character */
    assert_true(sift_utf8_valid(S("\xEF\xBF\xBF\xF4\x8F\xBF\xBF"), &pos)); /* U+FFFF, U+10FFFF */

    assert_false(sift_utf8_valid(S("\x80" "abc"), &pos));
    assert_int_equal(pos, 0);
    assert_false(sift_utf8_valid(S("abc\xC3"), &pos)); /* truncated */
    assert_int_equal(pos, 3);
    assert_false(sift_utf8_valid(S("ab\xC0\xAF"), &pos)); /* overlong '/' */
    assert_int_equal(pos, 2);
    assert_false(sift_utf8_valid(S("\xE0\x80\xAF"), &pos)); /* overlong 3-byte */
    assert_int_equal(pos, 0);
    assert_false(sift_utf8_valid(S("\xF0\x80\x80\xAF"), &pos)); /* overlong 4-byte */
    assert_int_equal(pos, 0);
    assert_false(sift_utf8_valid(S("x\xED\xA0\x80"), &pos)); /* surrogate D800 */
    assert_int_equal(pos, 1);
    assert_false(sift_utf8_valid(S("\xF4\x90\x80\x80"), &pos)); /* above U+10FFFF */
    assert_int_equal(pos, 0);
    assert_false(sift_utf8_valid(S("\xFE\xFF"), &pos));
    assert_int_equal(pos, 0);
}

/* The error position must be exact wherever the bad byte sits relative to the 8/16-byte fast
 * path. */
static void test_valid_positions(void **state)
{
    char s[80];
    size_t i, pos;
    (void)state;

    for (i = 0; i < sizeof s; i++) {
        memset(s, 'a', sizeof s);
        s[i] = (char)0xFF;
        assert_false(sift_utf8_valid(s, sizeof s, &pos));
        assert_int_equal(pos, i);
        memset(s, 'a', sizeof s);
        if (i + 2 <= sizeof s) {
            memcpy(s + i, "\xC3\xA9", 2);
            assert_true(sift_utf8_valid(s, sizeof s, &pos));
        }
    }
}

static void check_clean(const char *in, size_t len, const char *want, size_t wantlen)
{
    char *out = malloc(3 * len + 1);
    size_t n;

    assert_non_null(out);
    assert_int_equal(sift_utf8_clean_size(in, len), wantlen);
    n = sift_utf8_clean(in, len, out);
    assert_int_equal(n, wantlen);
    assert_memory_equal(out, want, wantlen);
    assert_true(sift_utf8_valid(out, n, NULL));
    free(out);
}

static void test_clean(void **state)
{
    (void)state;
    check_clean(S("valid \xC3\xA9"), S("valid \xC3\xA9"));
    check_clean(S(""), S(""));
    /* Unicode 15.0 section 3.9, table 3-8: maximal subparts. */
    check_clean(S("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"),
                S("a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d"));
    check_clean(S("\xC0\xAF"), S(FFFD FFFD));                     /* overlong: two */
    check_clean(S("\xE0\x80\xAF"), S(FFFD FFFD FFFD));            /* overlong 3-byte */
    check_clean(S("\xED\xA0\x80z"), S(FFFD FFFD FFFD "z"));       /* surrogate */
    check_clean(S("\xF4\x90\x80\x80"), S(FFFD FFFD FFFD FFFD));   /* > U+10FFFF */
    check_clean(S("\xFFstart"), S(FFFD "start"));
    check_clean(S("mid\xFE" "dle"), S("mid" FFFD "dle"));
    check_clean(S("end\xE2\x82"), S("end" FFFD));                 /* truncated: one */
    check_clean("nul\0\x80", 5, "nul\0" FFFD, 7);
}

/* ------------------------------------------------------------------------------------------ */
/* conversion                                                                                  */

static void test_legacy_basics(void **state)
{
    (void)state;
    /* Windows-1252 curly quotes, pound, euro. */
    expect("WINDOWS-1252", TO, 0, S("\x93q\x94 \xA3" "5 \x80"),
           S("\xE2\x80\x9Cq\xE2\x80\x9D \xC2\xA3" "5 \xE2\x82\xAC"));
    expect("WINDOWS-1252", FROM, 0, S("\xE2\x80\x9Cq\xE2\x80\x9D \xC2\xA3" "5 \xE2\x82\xAC"),
           S("\x93q\x94 \xA3" "5 \x80"));
    /* Spellings of UTF-8 bypass iconv but behave the same. */
    expect("utf8", TO, 0, S("\xC3\xA9"), S("\xC3\xA9"));
    /* NUL bytes survive both directions. */
    expect("KOI8-R", TO, 0, "a\0\xC1", 3, "a\0\xD0\xB0", 4);
    expect("KOI8-R", FROM, 0, "a\0\xD0\xB0", 4, "a\0\xC1", 3);
    expect("UTF-8", TO, 0, "\0", 1, "\0", 1);
    expect("WINDOWS-1252", TO, 0, S(""), S(""));
}

static void test_invalid_positions(void **state)
{
    (void)state;
    /* UTF-8 source: start, middle, end. */
    expect_err("UTF-8", TO, S("\xFF" "abc"), SIFT_ENC_EINVALID, 0);
    expect_err("UTF-8", TO, S("ab\xC0\xAF" "cd"), SIFT_ENC_EINVALID, 2);
    expect_err("UTF-8", TO, S("abc\xED\xA0\x80"), SIFT_ENC_EINVALID, 3);
    expect_err("UTF-8", TO, S("abc\xE2\x82"), SIFT_ENC_ETRUNCATED, 3);
    /* Legacy sources: Windows-1252 leaves 0x81 undefined; Shift_JIS needs a trail byte. */
    expect_err("WINDOWS-1252", TO, S("\x81" "abc"), SIFT_ENC_EINVALID, 0);
    expect_err("WINDOWS-1252", TO, S("ab\x81" "cd"), SIFT_ENC_EINVALID, 2);
    expect_err("WINDOWS-1252", TO, S("abcd\x81"), SIFT_ENC_EINVALID, 4);
    expect_err("SHIFT_JIS", TO, S("ab\x82\x7Fx"), SIFT_ENC_EINVALID, 2);
    expect_err("SHIFT_JIS", TO, S("ab\x82"), SIFT_ENC_ETRUNCATED, 2);
    expect_err("GB18030", TO, S("\xD6\xD0\xB9"), SIFT_ENC_ETRUNCATED, 2);
    expect_err("GB18030", TO, S("\x81\x30\x81"), SIFT_ENC_ETRUNCATED, 0);
    /* UTF-8 -> legacy: ill-formed input vs. a character the target lacks. */
    expect_err("ISO-8859-1", FROM, S("a\xFF" "b"), SIFT_ENC_EINVALID, 1);
    expect_err("ISO-8859-1", FROM, S("ab\xE2\x82\xAC" "c"), SIFT_ENC_EUNREPRESENTABLE, 2);
    expect_err("ISO-8859-1", FROM, S("ab\xE2\x82"), SIFT_ENC_ETRUNCATED, 2);
    expect_err("KOI8-R", FROM, S("\xC3\xA9"), SIFT_ENC_EUNREPRESENTABLE, 0);
    /* Overlong forms and surrogates are ill-formed input for from_utf8 too. */
    expect_err("UTF-16LE", FROM, S("a\xED\xA0\x80"), SIFT_ENC_EINVALID, 1);
    expect_err("WINDOWS-1252", FROM, S("\xC0\xAF"), SIFT_ENC_EINVALID, 0);
}

static void test_replace_and_skip(void **state)
{
    (void)state;
    expect("UTF-8", TO, SIFT_INVALID_REPLACE, S("\xFF" "a\xC0\xAF" "b\xE2\x82"),
           S(FFFD "a" FFFD FFFD "b" FFFD));
    expect("UTF-8", TO, SIFT_INVALID_SKIP, S("\xFF" "a\xC0\xAF" "b\xE2\x82"), S("ab"));
    expect("WINDOWS-1252", TO, SIFT_INVALID_REPLACE, S("\x81" "a\x8D\x8F" "b\x9D"),
           S(FFFD "a" FFFD FFFD "b" FFFD));
    expect("WINDOWS-1252", TO, SIFT_INVALID_SKIP, S("\x81" "a\x8D" "b"), S("ab"));
    /* A bad Shift_JIS trail that is ASCII is kept: only the lead is replaced. */
    expect("SHIFT_JIS", TO, SIFT_INVALID_REPLACE, S("\x82\x20x\x82\x7F"), S(FFFD " x" FFFD "\x7F"));
    expect("GB18030", TO, SIFT_INVALID_REPLACE, S("\xD6\xD0\xB9"), S("\xE4\xB8\xAD" FFFD));
    expect("GB18030", TO, SIFT_INVALID_SKIP, S("\xD6\xD0\xB9"), S("\xE4\xB8\xAD"));
    /* UTF-16: the bad unit is two bytes, so the text after it stays aligned. */
    expect("UTF-16LE", TO, SIFT_INVALID_REPLACE, "\x00\xD8" "A\x00", 4, S(FFFD "A"));
    /* Encoding: '?' per unrepresentable character and per ill-formed subpart. */
    expect("ISO-8859-1", FROM, SIFT_INVALID_REPLACE, S("a\xE2\x82\xAC" "b\xC0\xAF" "c\xC3\xA9"),
           S("a?b??c\xE9"));
    expect("ISO-8859-1", FROM, SIFT_INVALID_SKIP, S("a\xE2\x82\xAC" "b\xC0\xAF" "c"), S("abc"));
    expect("UTF-16LE", FROM, SIFT_INVALID_REPLACE, S("a\xFF"), "a\0?\0", 4);
    /* UTF-8 target keeps U+FFFD. */
    expect("UTF-8", FROM, SIFT_INVALID_REPLACE, S("a\xFF"), S("a" FFFD));
}

static void test_unknown_encoding(void **state)
{
    struct sift_conv c;
    char msg[80];
    (void)state;

    assert_int_equal(sift_conv_open(&c, "NO-SUCH-ENCODING-42", TO, 0), SIFT_ENC_EUNKNOWN);
    sift_conv_close(&c);
    assert_int_equal(sift_conv_open(&c, "UTF-8//TRANSLIT", FROM, 0), SIFT_ENC_EUNKNOWN);
    sift_conv_close(&c);
    assert_int_equal(sift_conv_open(&c, "", TO, 0), SIFT_ENC_EUNKNOWN);
    sift_conv_close(&c);
    sift_enc_format_error(SIFT_ENC_EUNKNOWN, "X", 0, msg, sizeof msg);
    assert_string_equal(msg, "unknown encoding 'X'");
    sift_enc_format_error(SIFT_ENC_EINVALID, "X", 4, msg, sizeof msg);
    assert_string_equal(msg, "invalid byte sequence at byte 5");
    assert_string_equal(sift_enc_errmsg(SIFT_ENC_ETRUNCATED),
                        "truncated multibyte sequence at end of input");
}

/* One status scheme (include/sift.h): the old names are its values, and sift_strerror has a
 * message of its own for each status, the encoding part's unchanged (the Lua errors show them). */
static void test_status_strerror(void **state)
{
    static const int all[] = { SIFT_OK, SIFT_FULL, SIFT_EINVALID, SIFT_ETRUNCATED,
                               SIFT_EUNREPRESENTABLE, SIFT_EUNKNOWN, SIFT_ESYSTEM, SIFT_ENOMEM,
                               SIFT_ETOOBIG };
    size_t a, b;

    (void)state;
    assert_int_equal(SIFT_ENC_OK, SIFT_OK);
    assert_int_equal(SIFT_CONV_FULL, SIFT_FULL);
    assert_int_equal(SIFT_ENC_EUNKNOWN, SIFT_EUNKNOWN);
    assert_string_equal(sift_strerror(SIFT_EINVALID), "invalid byte sequence");
    assert_string_equal(sift_strerror(SIFT_ENOMEM), "not enough memory");
    assert_string_equal(sift_strerror(12345), "unknown error");
    for (a = 0; a < sizeof all / sizeof all[0]; a++) {
        assert_true(all[a] == SIFT_OK || all[a] == SIFT_FULL || all[a] < 0);
        assert_string_equal(sift_enc_errmsg(all[a]), sift_strerror(all[a]));
        for (b = 0; b < a; b++)
            assert_string_not_equal(sift_strerror(all[a]), sift_strerror(all[b]));
    }
}

/* Every split point and tiny windows give the same result as one feed. */
static void test_streaming_splits(void **state)
{
    static const struct {
        const char *enc;
        int dir;
        const char *in;
        size_t len;
    } cases[] = {
        {"UTF-8", TO, S("a\xE4\xB8\xAD\xF0\x9F\x98\x80z\xC3\xA9")},
        {"GB18030", TO, S("\xD6\xD0\xCE\xC4\x81\x30\x81\x30x\xB9\xFA")},
        {"CP932", TO, S("\x82\xA0\x83\x41\xB1z\x88\x9F")},
        {"UTF-16LE", TO, "a\0\x3D\xD8\x00\xDE" "b\0", 8},
        {"WINDOWS-1255", TO, S("\xF9\xC1\xE5\xED")}, /* glibc composes points with letters */
        {"ISO-2022-JP", FROM, S("a\xE3\x81\x82\xE3\x81\x84z")},
        {"GB18030", FROM, S("\xE4\xB8\xAD\xF0\x9F\x98\x80")},
    };
    size_t k, piece, chunk;
    (void)state;

    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t wantlen, pos;
        char *want = must(cases[k].enc, cases[k].dir, 0, cases[k].in, cases[k].len, &wantlen);
        for (piece = 1; piece <= cases[k].len; piece++) {
            for (chunk = SIFT_CONV_MIN_OUT; chunk <= SIFT_CONV_MIN_OUT + 3; chunk++) {
                struct buf got;
                int rc = convert(cases[k].enc, cases[k].dir, 0, cases[k].in, cases[k].len, piece,
                                 chunk, &got, &pos);
                if (rc != SIFT_ENC_OK)
                    fail_msg("%s piece %lu: %s at %lu", cases[k].enc, (unsigned long)piece,
                             sift_enc_errmsg(rc), (unsigned long)pos);
                assert_int_equal(got.n, wantlen);
                assert_memory_equal(got.p, want, wantlen);
                free(got.p);
            }
        }
        free(want);
    }
}

/* Errors found in a later feed report absolute positions. */
static void test_streaming_positions(void **state)
{
    struct buf got;
    size_t pos, piece;
    (void)state;

    for (piece = 1; piece <= 9; piece++) {
        assert_int_equal(convert("UTF-8", TO, 0, S("abcdefg\xE2\x82"), piece, 64, &got, &pos),
                         SIFT_ENC_ETRUNCATED);
        assert_int_equal(pos, 7);
        free(got.p);
        assert_int_equal(convert("SHIFT_JIS", TO, 0, S("abcdef\x82\x7F"), piece, 64, &got, &pos),
                         SIFT_ENC_EINVALID);
        assert_int_equal(pos, 6);
        free(got.p);
        assert_int_equal(convert("KOI8-R", FROM, 0, S("abcdef\xC3\xA9"), piece, 64, &got, &pos),
                         SIFT_ENC_EUNREPRESENTABLE);
        assert_int_equal(pos, 6);
        free(got.p);
    }
}

static void test_round_trips(void **state)
{
    static const struct {
        const char *enc;
        const char *utf8;
    } cases[] = {
        {"WINDOWS-1252", "\xE2\x80\x9CQuoted\xE2\x80\x9D \xC2\xA3" "12 \xE2\x80\x94 na\xC3\xAFve"},
        {"GB18030", "\xE4\xB8\xAD\xE5\x9B\xBD \xF0\x9F\x98\x80"},
        {"BIG5", "\xE8\x87\xBA\xE7\x81\xA3"},
        {"CP932", "\xE3\x81\x82\xE3\x82\xA2\xE6\xBC\xA2"},
        {"EUC-KR", "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4"},
        {"KOI8-R", "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"},
        {"ISO-8859-7", "\xCE\x9A\xCE\xB1\xCE\xBB\xCE\xB7\xCE\xBC\xCE\xAD\xCF\x81\xCE\xB1"},
        {"WINDOWS-1255", "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D"},
        {"UTF-16BE", "a\xE2\x82\xAC\xF0\x9F\x98\x80"},
        {"ISO-2022-JP", "\xE6\x97\xA5\xE6\x9C\xAC abc"},
    };
    size_t k;
    (void)state;

    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t len = strlen(cases[k].utf8), blen, ulen;
        char *bytes = must(cases[k].enc, FROM, 0, cases[k].utf8, len, &blen);
        char *back = must(cases[k].enc, TO, 0, bytes, blen, &ulen);
        assert_int_equal(ulen, len);
        assert_memory_equal(back, cases[k].utf8, len);
        free(back);
        free(bytes);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* detection                                                                                   */

static const char *detect(const char *s, size_t len, double *conf)
{
    const char *name = sift_detect_encoding(s, len, conf);
    assert_non_null(name);
    assert_true(*conf >= 0.0 && *conf <= 1.0);
    return name;
}

static void test_detect_rules(void **state)
{
    double c;
    (void)state;

    assert_string_equal(detect(S("\xEF\xBB\xBFhi"), &c), "UTF-8");
    assert_string_equal(detect(S("\xFF\xFEh\0i\0"), &c), "UTF-16LE");
    assert_string_equal(detect(S("\xFE\xFF\0h\0i"), &c), "UTF-16BE");
    assert_string_equal(detect("\xFF\xFE\0\0h\0\0\0", 8, &c), "UTF-32LE");
    assert_string_equal(detect(S("plain ascii"), &c), "UTF-8");
    assert_true(c == 1.0);
    assert_string_equal(detect(S(""), &c), "UTF-8");
    assert_string_equal(detect(S("caf\xC3\xA9 cr\xC3\xA8me"), &c), "UTF-8");
    assert_string_equal(detect("h\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0", 22, &c), "UTF-16LE");
    assert_string_equal(detect("\0h\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d", 22, &c), "UTF-16BE");
    assert_string_equal(detect(S("\x1b$B$3$s\x1b(B"), &c), "ISO-2022-JP");
    /* A declaration is used when the bytes decode under it ... */
    assert_string_equal(detect(S("<?xml version=\"1.0\" encoding=\"koi8-r\"?><a>\xE1\xC2</a>"), &c),
                        "KOI8-R");
    assert_string_equal(detect(S("<meta charset=gb2312><p>\xD6\xD0</p>"), &c), "GB18030");
    /* ... and ignored when they do not (0xFF is no Shift_JIS byte). */
    assert_string_not_equal(detect(S("<meta charset=shift_jis>caf\xE9 cr\xE8me \xFF"), &c),
                            "CP932");
    /* Statistics. */
    assert_string_equal(detect(S("Stra\xDF" "e, M\xFC" "nchen, \x93quoted\x94 \x80" "5"), &c),
                        "WINDOWS-1252");
    assert_string_equal(detect(S("\xcf\xd2\xc9\xd7\xc5\xd4, \xcb\xc1\xcb \xc4\xc5\xcc\xc1? "
                                 "\xf7\xd3\xc5 \xc8\xcf\xd2\xcf\xdb\xcf."), &c), "KOI8-R");
    assert_string_equal(detect(S("\xcf\xf0\xe8\xe2\xe5\xf2, \xea\xe0\xea \xe4\xe5\xeb\xe0? "
                                 "\xc2\xf1\xe5 \xf5\xee\xf0\xee\xf8\xee."), &c), "WINDOWS-1251");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_valid_positions),
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_legacy_basics),
        cmocka_unit_test(test_invalid_positions),
        cmocka_unit_test(test_replace_and_skip),
        cmocka_unit_test(test_unknown_encoding),
        cmocka_unit_test(test_streaming_splits),
        cmocka_unit_test(test_streaming_positions),
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_detect_rules),
        cmocka_unit_test(test_samples_convert_like_iconv),
        cmocka_unit_test(test_samples_round_trip),
        cmocka_unit_test(test_samples_detect),
        cmocka_unit_test(test_status_strerror),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
