/*
 * encoding.c - streaming conversion between any iconv encoding and UTF-8.
 *
 * iconv only ever sees input it can convert: replacement and skipping are done here, by stepping
 * over what iconv rejects, because glibc's "//IGNORE" reports failure after the fact and loses
 * the position, and iconv's own UTF-8 decoder does not follow the Unicode "maximal subpart" rule.
 * For the same reason UTF-8 input to from_utf8 is validated here before iconv reads it, and
 * UTF-8 -> UTF-8 never touches iconv at all.
 *
 * Linking: glibc provides iconv in libc; elsewhere (macOS, BSDs with GNU libiconv) add -liconv.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "encoding/encoding.h"
#include "unicode/unicode.h"

/* span() stopped at an incomplete sequence at the end of a non-final input. */
#define NEED_MORE 2

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

const char *sift_enc_errmsg(int code)
{
    return sift_strerror(code);
}

int sift_enc_format_error(int code, const char *encoding, size_t errpos, char *buf, size_t size)
{
    if (code == SIFT_ENC_EUNKNOWN)
        return snprintf(buf, size, "unknown encoding '%s'", encoding ? encoding : "");
    return snprintf(buf, size, "%s at byte %lu", sift_enc_errmsg(code), (unsigned long)errpos + 1);
}

/* Upper-cased name without punctuation, so "utf-8", "UTF8" and "utf_8" compare equal. */
static void squash(const char *name, char *out, size_t size)
{
    size_t n = 0;
    for (; *name && n + 1 < size; name++) {
        char ch = *name;
        if (ch >= 'a' && ch <= 'z')
            out[n++] = (char)(ch - 'a' + 'A');
        else if ((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
            out[n++] = ch;
    }
    out[n] = '\0';
}

int sift_conv_open(struct sift_conv *c, const char *encoding, int dir, int mode)
{
    char sq[32];

    memset(c, 0, sizeof *c);
    c->cd = (iconv_t)-1;
    c->dir = dir;
    c->mode = mode;
    c->unit = 1;
    /* Suffixes like //TRANSLIT or //IGNORE would change the error semantics under our feet. */
    if (!encoding || !*encoding || strchr(encoding, '/') || strlen(encoding) > 64) {
        c->status = SIFT_ENC_EUNKNOWN;
        return c->status;
    }
    squash(encoding, sq, sizeof sq);
    if (strcmp(sq, "UTF8") == 0)
        return SIFT_ENC_OK;
    if (strncmp(sq, "UTF16", 5) == 0 || strncmp(sq, "UCS2", 4) == 0)
        c->unit = 2;
    else if (strncmp(sq, "UTF32", 5) == 0 || strncmp(sq, "UCS4", 4) == 0)
        c->unit = 4;
    c->cd = dir == SIFT_CONV_TO_UTF8 ? iconv_open("UTF-8", encoding) : iconv_open(encoding, "UTF-8");
    if (c->cd == (iconv_t)-1) {
        c->status = errno == EINVAL ? SIFT_ENC_EUNKNOWN : SIFT_ENC_ESYSTEM;
        return c->status;
    }
    return SIFT_ENC_OK;
}

void sift_conv_close(struct sift_conv *c)
{
    if (c->cd != (iconv_t)-1) {
        iconv_close(c->cd);
        c->cd = (iconv_t)-1;
    }
}

void sift_conv_reset(struct sift_conv *c)
{
    if (c->cd != (iconv_t)-1)
        iconv(c->cd, NULL, NULL, NULL, NULL);
    c->status = SIFT_ENC_OK;
    c->pos = c->errpos = c->npend = 0;
    c->nbad = c->firstbad = 0;
}

static int fail(struct sift_conv *c, int code, size_t offset)
{
    c->status = code;
    c->errpos = c->pos + offset;
    return code;
}

/* Writes the replacement for one bad unit; SIFT_CONV_FULL if it does not fit yet. */
static int put_replacement(struct sift_conv *c, char **out, size_t *outleft)
{
    if (c->dir == SIFT_CONV_TO_UTF8 || c->cd == (iconv_t)-1) {
        if (*outleft < 3)
            return SIFT_CONV_FULL;
        memcpy(*out, REPLACEMENT, 3);
        *out += 3;
        *outleft -= 3;
        return SIFT_ENC_OK;
    }
    /* '?' goes through iconv so UTF-16 targets get a whole unit and stateful targets (ISO-2022)
     * switch back to ASCII first. */
    {
        char q = '?', *qp = &q;
        size_t ql = 1;
        if (iconv(c->cd, &qp, &ql, out, outleft) == (size_t)-1 && errno == E2BIG)
            return SIFT_CONV_FULL;
        return SIFT_ENC_OK;
    }
}

/*
 * Handles the bad bytes at in[pos] according to the mode: code is the error for error mode,
 * skip the number of bytes a replacement stands for. Returns OK (and advances *pos), FULL, or
 * the error.
 */
static int bad_unit(struct sift_conv *c, int code, size_t *pos, size_t skip, char **out,
                    size_t *outleft)
{
    if (c->mode == SIFT_INVALID_ERROR)
        return fail(c, code, *pos);
    if (c->mode == SIFT_INVALID_REPLACE && put_replacement(c, out, outleft) == SIFT_CONV_FULL)
        return SIFT_CONV_FULL;
    if (c->nbad++ == 0)
        c->firstbad = c->pos + *pos;
    *pos += skip;
    return SIFT_ENC_OK;
}

/*
 * Ill-formed UTF-8 at in[pos]: an incomplete sequence at the end of non-final input waits for
 * more (NEED_MORE); otherwise one maximal subpart is an error, a replacement or nothing.
 */
static int bad_utf8(struct sift_conv *c, const unsigned char *in, size_t len, size_t *pos,
                    int final, char **out, size_t *outleft)
{
    size_t next;
    unsigned lead = in[*pos];

    (void)sift_utf8_decode(in, len, *pos, &next);
    /* sift_utf8_decode stops at len only when it ran out of bytes after a valid lead. */
    if (next == len && lead >= 0xC2 && lead <= 0xF4) {
        if (!final)
            return NEED_MORE;
        return bad_unit(c, SIFT_ENC_ETRUNCATED, pos, len - *pos, out, outleft);
    }
    return bad_unit(c, SIFT_ENC_EINVALID, pos, next - *pos, out, outleft);
}

/* Validation looks at most this far ahead, so each feed costs in proportion to its output. */
#define LOOKAHEAD 1024 /* glibc redoes up to this much on each character iconv cannot encode */

/*
 * Length of the well-formed UTF-8 prefix of in[pos..len), looking at about `limit` bytes. The
 * window is stretched over up to three continuation bytes so that it never cuts a character:
 * an error inside it is then a real error, at the same place a full scan would find it.
 */
static size_t valid_run(const unsigned char *in, size_t pos, size_t len, size_t limit)
{
    size_t w = len - pos < limit ? len - pos : limit, e, k;

    for (k = 0; k < 3 && pos + w < len && (in[pos + w] & 0xC0) == 0x80; k++)
        w++;
    return sift_utf8_valid((const char *)in + pos, w, &e) ? w : e;
}

/* UTF-8 -> UTF-8: copy valid stretches, treat the rest by mode. */
static int span_utf8(struct sift_conv *c, const unsigned char *in, size_t len, int final,
                     char **out, size_t *outleft, size_t *used)
{
    size_t pos = 0, run, n, next;
    int rc = SIFT_ENC_OK;

    while (pos < len) {
        run = valid_run(in, pos, len, *outleft + 1);
        n = run < *outleft ? run : *outleft;
        /* Cut at a character boundary: the next call must start on a lead byte. */
        if (n < run)
            while (n > 0 && (in[pos + n] & 0xC0) == 0x80)
                n--;
        memcpy(*out, in + pos, n);
        *out += n;
        *outleft -= n;
        pos += n;
        if (n < run) {
            rc = SIFT_CONV_FULL;
            break;
        }
        /* The run ends at an error or merely at the end of the look-ahead window. */
        if (pos < len && sift_utf8_decode(in, len, pos, &next) == SIFT_INVALID_CP &&
            (rc = bad_utf8(c, in, len, &pos, final, out, outleft)) != SIFT_ENC_OK)
            break;
    }
    *used = pos;
    return rc;
}

/* Legacy -> UTF-8 through iconv. */
static int span_decode(struct sift_conv *c, const unsigned char *in, size_t len, int final,
                       char **out, size_t *outleft, size_t *used)
{
    size_t pos = 0;
    int rc = SIFT_ENC_OK;

    while (pos < len) {
        char *ip = (char *)(in + pos);
        size_t il = len - pos;
        size_t r = iconv(c->cd, &ip, &il, out, outleft);
        int err = errno;

        pos = (size_t)((const unsigned char *)ip - in);
        if (r != (size_t)-1)
            break;
        if (err == E2BIG) {
            rc = SIFT_CONV_FULL;
        } else if (err == EINVAL) {
            if (!final)
                rc = NEED_MORE;
            else
                rc = bad_unit(c, SIFT_ENC_ETRUNCATED, &pos, len - pos, out, outleft);
        } else if (err == EILSEQ) {
            /* iconv does not say how long the bad sequence is: step one code unit, so a valid
             * byte hidden behind a bad lead (an ASCII trail byte, say) is decoded after all. */
            size_t skip = len - pos < (size_t)c->unit ? len - pos : (size_t)c->unit;
            rc = bad_unit(c, SIFT_ENC_EINVALID, &pos, skip, out, outleft);
        } else {
            rc = fail(c, SIFT_ENC_ESYSTEM, pos);
        }
        if (rc != SIFT_ENC_OK)
            break;
    }
    *used = pos;
    return rc;
}

/* UTF-8 -> legacy through iconv; iconv only sees well-formed UTF-8. */
static int span_encode(struct sift_conv *c, const unsigned char *in, size_t len, int final,
                       char **out, size_t *outleft, size_t *used)
{
    size_t pos = 0, run, next;
    int rc = SIFT_ENC_OK;

    while (pos < len) {
        run = valid_run(in, pos, len, LOOKAHEAD);
        while (run > 0) {
            char *ip = (char *)(in + pos);
            size_t il = run;
            size_t r = iconv(c->cd, &ip, &il, out, outleft);
            int err = errno;

            pos = (size_t)((const unsigned char *)ip - in);
            run = il;
            if (r != (size_t)-1)
                break;
            if (err == E2BIG) {
                rc = SIFT_CONV_FULL;
            } else if (err == EILSEQ) {
                (void)sift_utf8_decode(in, len, pos, &next);
                rc = bad_unit(c, SIFT_ENC_EUNREPRESENTABLE, &pos, next - pos, out, outleft);
                if (rc == SIFT_ENC_OK)
                    run -= next - (size_t)((const unsigned char *)ip - in);
            } else {
                rc = fail(c, SIFT_ENC_ESYSTEM, pos);
            }
            if (rc != SIFT_ENC_OK)
                goto done;
        }
        if (pos < len && sift_utf8_decode(in, len, pos, &next) == SIFT_INVALID_CP &&
            (rc = bad_utf8(c, in, len, &pos, final, out, outleft)) != SIFT_ENC_OK)
            break;
    }
done:
    *used = pos;
    return rc;
}

static int span(struct sift_conv *c, const unsigned char *in, size_t len, int final, char **out,
                size_t *outleft, size_t *used)
{
    *used = 0;
    if (len == 0)
        return SIFT_ENC_OK;
    if (c->cd == (iconv_t)-1)
        return span_utf8(c, in, len, final, out, outleft, used);
    if (c->dir == SIFT_CONV_TO_UTF8)
        return span_decode(c, in, len, final, out, outleft, used);
    return span_encode(c, in, len, final, out, outleft, used);
}

int sift_conv_feed(struct sift_conv *c, const char **inp, size_t *inleft, char **out,
                   size_t *outleft, int final)
{
    const unsigned char *in = (const unsigned char *)*inp;
    size_t il = *inleft, used;
    int rc = SIFT_ENC_OK;

    if (c->status != SIFT_ENC_OK)
        return c->status;

    /* Finish a sequence split across feeds: glue the held bytes to the start of this input. */
    while (c->npend > 0) {
        unsigned char tmp[sizeof c->pend];
        size_t k = sizeof tmp - c->npend;
        int last;

        if (k > il)
            k = il;
        last = final && k == il;
        memcpy(tmp, c->pend, c->npend);
        memcpy(tmp + c->npend, in, k);
        rc = span(c, tmp, c->npend + k, last, out, outleft, &used);
        if (rc < 0)
            return rc;
        if (used >= c->npend) {
            in += used - c->npend;
            il -= used - c->npend;
            c->pos += used;
            c->npend = 0;
            if (rc == SIFT_CONV_FULL)
                goto out;
            break;
        }
        c->pos += used;
        memmove(c->pend, c->pend + used, c->npend - used);
        c->npend -= used;
        if (rc == SIFT_CONV_FULL)
            goto out;
        if (rc == NEED_MORE) {
            if (k < il)   /* no encoding has sequences this long: the bytes are bad */
                return fail(c, SIFT_ENC_EINVALID, 0);
            memcpy(c->pend + c->npend, in, k);
            c->npend += k;
            in += k;
            il = 0;
            rc = SIFT_ENC_OK;
            goto out;
        }
    }

    rc = span(c, in, il, final, out, outleft, &used);
    if (rc < 0)
        return rc;
    c->pos += used;
    in += used;
    il -= used;
    if (rc == NEED_MORE) {
        if (il > sizeof c->pend)
            return fail(c, SIFT_ENC_EINVALID, 0);
        memcpy(c->pend, in, il);
        c->npend = il;
        in += il;
        il = 0;
        rc = SIFT_ENC_OK;
    }
    if (rc == SIFT_ENC_OK && final && c->cd != (iconv_t)-1) {
        /* Return a stateful target (ISO-2022-JP, UTF-7) to its initial shift state. */
        if (iconv(c->cd, NULL, NULL, out, outleft) == (size_t)-1)
            rc = errno == E2BIG ? SIFT_CONV_FULL : fail(c, SIFT_ENC_ESYSTEM, 0);
    }
out:
    *inp = (const char *)in;
    *inleft = il;
    return rc;
}
