/*
 * fuzz_detect.c - encoding detection (sift_detect_encoding) and UTF-8 validation and repair
 * (sift_utf8_valid, sift_utf8_clean_size, sift_utf8_clean), on any bytes.
 *
 * Properties, beyond not crashing:
 *   - the detected name is never NULL, iconv (or sift itself) can open it, and the confidence is
 *     a number in [0, 1];
 *   - decoding the input from the detected encoding in replace mode succeeds;
 *   - sift_sniff_html (a web page's encoding) gives a name and a decoder iconv opens, a declared
 *     label inside the input that sift_encoding_label knows, and a byte order mark that is there;
 *   - sift_utf8_valid agrees with an independent checker; on failure the prefix before the error
 *     position is valid and the position is inside the input;
 *   - sift_utf8_clean writes exactly sift_utf8_clean_size bytes, at most 3 per input byte, of
 *     well-formed UTF-8, the input itself when it is valid; cleaning twice changes nothing.
 */
#include <string.h>

#include "fuzz.h"
#include "encoding/encoding.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    double conf = -1;
    const char *name;
    struct sift_conv c;
    size_t errpos = 0, n, m;
    int valid, rc;
    char *clean, *again;

    if (size > 1 << 20)
        return 0;
    name = sift_detect_encoding(s, size, &conf);
    FUZZ_CHECK(name != NULL, "no name");
    FUZZ_CHECK(conf >= 0.0 && conf <= 1.0, "confidence %g for %s", conf, name);
    rc = sift_conv_open(&c, name, SIFT_CONV_TO_UTF8, SIFT_INVALID_REPLACE);
    FUZZ_CHECK(rc == SIFT_ENC_OK, "cannot open the detected encoding %s (%d)", name, rc);
    {
        static char buf[SIFT_CONV_CHUNK];
        const char *in = s;
        size_t il = size;
        do {
            char *op = buf;
            size_t room = sizeof buf;
            rc = sift_conv_feed(&c, &in, &il, &op, &room, 1);
        } while (rc == SIFT_CONV_FULL);
        FUZZ_CHECK(rc == SIFT_ENC_OK, "decoding from the detected %s in replace mode fails (%d)", name, rc);
    }
    sift_conv_close(&c);

    {
        struct sift_page_encoding e;
        sift_sniff_html(s, size, NULL, 0, &e);
        FUZZ_CHECK(e.name && e.iconv, "sniffing gave no name");
        FUZZ_CHECK(e.bom <= size, "a byte order mark of %lu bytes", (unsigned long)e.bom);
        if (e.len > 0) {
            FUZZ_CHECK(e.source == SIFT_ENC_FROM_META || e.source == SIFT_ENC_FROM_XML, "a label from %d", e.source);
            FUZZ_CHECK(e.at + e.len <= size, "label at %lu+%lu", (unsigned long)e.at, (unsigned long)e.len);
            FUZZ_CHECK(sift_encoding_label(s + e.at, e.len, NULL, NULL) == SIFT_OK, "an unknown label");
        }
        rc = sift_conv_open(&c, e.iconv, SIFT_CONV_TO_UTF8, SIFT_INVALID_REPLACE);
        FUZZ_CHECK(rc == SIFT_OK, "cannot open the sniffed %s (%d)", e.iconv, rc);
        sift_conv_close(&c);
    }

    valid = sift_utf8_valid(s, size, &errpos);
    FUZZ_CHECK(valid == fuzz_utf8_ok(data, size), "sift_utf8_valid says %d", valid);
    FUZZ_CHECK(sift_utf8_valid(s, size, NULL) == valid, "sift_utf8_valid with a NULL position");
    if (!valid) {
        FUZZ_CHECK(errpos < size, "error at %lu of %lu", (unsigned long)errpos, (unsigned long)size);
        FUZZ_CHECK(fuzz_utf8_ok(data, errpos), "the part before the error at %lu is not valid",
                   (unsigned long)errpos);
        FUZZ_CHECK(!fuzz_utf8_ok(data + errpos, size - errpos), "the part after the error is valid");
    }

    n = sift_utf8_clean_size(s, size);
    FUZZ_CHECK(n <= 3 * size, "clean size %lu for %lu bytes", (unsigned long)n, (unsigned long)size);
    clean = malloc(n + 1);
    FUZZ_CHECK(clean != NULL, "out of memory");
    FUZZ_CHECK(sift_utf8_clean(s, size, clean) == n, "sift_utf8_clean wrote other than its size");
    FUZZ_CHECK(fuzz_utf8_ok((const unsigned char *)clean, n), "sift_utf8_clean output is not UTF-8");
    if (valid)
        FUZZ_CHECK(n == size && memcmp(clean, s, size) == 0, "sift_utf8_clean changed valid input");
    m = sift_utf8_clean_size(clean, n);
    again = malloc(m + 1);
    FUZZ_CHECK(again && m == n && sift_utf8_clean(clean, n, again) == n && memcmp(again, clean, n) == 0,
               "cleaning twice changes the text");
    free(again);
    free(clean);
    return 0;
}
