/*
 * test_sniff.c - a web page's encoding as browsers find it (encoding/sniff.c): byte order marks,
 * the caller's label, the prescan's <meta> and XML declarations, the labels of the Encoding
 * Standard, and what the prescan must not be fooled by.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_util.h"

#include "sift.h"
#include "encoding/sniff.h"

static struct sift_page_encoding sniff(const char *page, const char *given)
{
    struct sift_page_encoding e;
    memset(&e, 0xAB, sizeof e);
    sift_sniff_html(page, strlen(page), given, given ? strlen(given) : 0, &e);
    return e;
}

/* The page's encoding is `name` from a <meta> whose label is the text `label` in the page. */
static void assert_meta(const char *page, const char *name, const char *label)
{
    struct sift_page_encoding e = sniff(page, NULL);
    const char *at = strstr(page, label);
    assert_non_null(at);
    assert_string_equal(e.name, name);
    assert_int_equal(e.source, SIFT_ENC_FROM_META);
    assert_int_equal(e.at, (size_t)(at - page));
    assert_int_equal(e.len, strlen(label));
    assert_int_equal(e.bom, 0);
}

static void assert_detected(const char *page)
{
    struct sift_page_encoding e = sniff(page, NULL);
    assert_int_equal(e.source, SIFT_ENC_DETECTED);
    assert_int_equal(e.at, 0);
    assert_int_equal(e.len, 0);
}

static void test_bom(void **state)
{
    struct sift_page_encoding e;
    (void)state;
    e = sniff("\xEF\xBB\xBF<meta charset=koi8-r>", "iso-8859-2");
    assert_string_equal(e.name, "utf-8");
    assert_int_equal(e.source, SIFT_ENC_FROM_BOM);
    assert_int_equal(e.bom, 3);
    sift_sniff_html("\xFF\xFE<\0p\0", 6, NULL, 0, &e);
    assert_string_equal(e.name, "utf-16le");
    assert_string_equal(e.iconv, "UTF-16LE");
    assert_int_equal(e.bom, 2);
    sift_sniff_html("\xFE\xFF\0<\0p", 6, NULL, 0, &e);
    assert_string_equal(e.name, "utf-16be");
}

static void test_caller_label(void **state)
{
    struct sift_page_encoding e;
    (void)state;
    /* the transport layer's label wins over the page's own declaration */
    e = sniff("<meta charset=utf-8>", " ISO-8859-1 ");
    assert_string_equal(e.name, "windows-1252");
    assert_string_equal(e.iconv, "CP1252");
    assert_int_equal(e.source, SIFT_ENC_FROM_CALLER);
    /* a label the standard does not know is no information */
    e = sniff("<meta charset=utf-8>", "text/html");
    assert_string_equal(e.name, "utf-8");
    assert_int_equal(e.source, SIFT_ENC_FROM_META);
}

static void test_meta(void **state)
{
    (void)state;
    assert_meta("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title>", "utf-8", "utf-8");
    assert_meta("<META CHARSET='Windows-1250'>", "windows-1250", "Windows-1250");
    assert_meta("<meta charset=latin1>", "windows-1252", "latin1");
    assert_meta("<meta/charset=us-ascii>", "windows-1252", "us-ascii");
    assert_meta("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\">",
                "iso-8859-2", "iso-8859-2");
    /* the attributes in any order, the pragma's value in any case */
    assert_meta("<meta content='text/html;charset=\"gb2312\"' http-equiv=CONTENT-TYPE>", "gbk", "gb2312");
    assert_meta("<meta content=\"text/html; CHARSET = x-sjis ; x=y\" http-equiv=\"content-type\">",
                "shift_jis", "x-sjis");
    /* UTF-16 declared in bytes that are read as ASCII is UTF-8; x-user-defined is windows-1252 */
    assert_meta("<meta charset=utf-16>", "utf-8", "utf-16");
    assert_meta("<meta charset=x-user-defined>", "windows-1252", "x-user-defined");
    /* the first meta with a known label counts */
    assert_meta("<meta charset=nonsense><meta charset=koi8-u><meta charset=utf-8>", "koi8-u", "koi8-u");
}

static void test_meta_not_declaring(void **state)
{
    (void)state;
    /* content= without the pragma, http-equiv of another kind, an unmatched quote */
    assert_detected("<meta content=\"text/html; charset=koi8-r\">");
    assert_detected("<meta http-equiv=refresh content=\"0; charset=koi8-r\">");
    assert_detected("<meta http-equiv=content-type content=\"text/html; charset='koi8-r\">");
    /* only the first charset attribute of an element counts */
    assert_detected("<meta charset=bogus charset=koi8-r>");
    /* not a meta element */
    assert_detected("<metadata charset=koi8-r>");
    assert_detected("<p>meta charset=koi8-r</p>");
}

static void test_prescan_skips(void **state)
{
    (void)state;
    /* comments, including "<!-->", and bogus comments are skipped */
    assert_detected("<!-- <meta charset=koi8-r> -->");
    assert_meta("<!--><meta charset=koi8-r>", "koi8-r", "koi8-r");
    assert_detected("<!DOCTYPE <meta charset=koi8-r>");
    assert_detected("<?php <meta charset=koi8-r ?>");
    /* a '>' inside another tag's quoted attribute value does not end that tag */
    assert_detected("<a title='><meta charset=koi8-r>'>");
    assert_meta("<a title='>'><meta charset=koi8-r>", "koi8-r", "koi8-r");
    /* an end tag's attributes are read the same way */
    assert_detected("</a title='><meta charset=koi8-r>'>");
}

/* A <head> longer than the standard's 1024 bytes, then a declaration. */
static char *long_head(const char *before_meta, size_t pad)
{
    size_t n = strlen(before_meta);
    char *p = malloc(n + pad + 64);
    assert_non_null(p);
    memcpy(p, before_meta, n);
    memset(p + n, 'x', pad);
    strcpy(p + n + pad, "\"><meta charset=iso-8859-15>");
    return p;
}

static void test_late_meta(void **state)
{
    char *p;
    (void)state;
    /* after byte 1024 in the head: found, as a browser re-reads the page in it */
    p = long_head("<html><head><title>t</title><link rel=stylesheet href=\"", 5000);
    assert_meta(p, "iso-8859-15", "iso-8859-15");
    free(p);
    /* after a <body> and past byte 1024: no browser reads it */
    p = long_head("<html><head></head><body><a href=\"", 5000);
    assert_detected(p);
    free(p);
    /* past the scan's 64 KiB: not read */
    p = long_head("<html><head><title>t</title><link href=\"", 70000);
    assert_detected(p);
    free(p);
}

static void test_xml_declaration(void **state)
{
    struct sift_page_encoding e;
    (void)state;
    e = sniff("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><html>", NULL);
    assert_string_equal(e.name, "iso-8859-15");
    assert_int_equal(e.source, SIFT_ENC_FROM_XML);
    assert_int_equal(e.at, 30);
    assert_int_equal(e.len, 11);
    /* a <meta> comes first */
    e = sniff("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><meta charset=utf-8>", NULL);
    assert_string_equal(e.name, "utf-8");
    assert_int_equal(e.source, SIFT_ENC_FROM_META);
}

static void test_utf8_despite_label(void **state)
{
    struct sift_page_encoding e;
    (void)state;
    /* a legacy declaration over well-formed UTF-8 with non-ASCII: the bytes win */
    e = sniff("<meta charset=iso-8859-1><p>Caf\xC3\xA9</p>", NULL);
    assert_string_equal(e.name, "utf-8");
    assert_string_equal(e.declared, "windows-1252");
    assert_int_equal(e.source, SIFT_ENC_FROM_META);
    assert_int_equal(e.at, 14);
    e = sniff("<p>Caf\xC3\xA9</p>", "gb2312");
    assert_string_equal(e.name, "utf-8");
    assert_string_equal(e.declared, "gbk");
    assert_int_equal(e.source, SIFT_ENC_FROM_CALLER);
    /* ASCII alone reads the same in either: the declaration stands */
    e = sniff("<meta charset=iso-8859-1><p>Cafe</p>", NULL);
    assert_string_equal(e.name, "windows-1252");
    assert_null(e.declared);
    /* bytes that are not UTF-8: the declaration stands */
    e = sniff("<meta charset=iso-8859-1><p>Caf\xE9</p>", NULL);
    assert_string_equal(e.name, "windows-1252");
    assert_null(e.declared);
    /* a byte order mark is never overruled */
    e = sniff("\xFF\xFE<\0\xC3\xA9", NULL);
    assert_string_equal(e.name, "utf-16le");
}

static void test_detected(void **state)
{
    struct sift_page_encoding e;
    (void)state;
    /* no declaration: the detector's guess, under the standard's name */
    e = sniff("<p>Caf\xC3\xA9 cr\xC3\xA8me</p>", NULL);
    assert_int_equal(e.source, SIFT_ENC_DETECTED);
    assert_string_equal(e.name, "utf-8");
    e = sniff("<p>Caf\xE9 cr\xE8me br\xFBl\xE9" "e, \xE0 la fran\xE7" "aise</p>", NULL);
    assert_int_equal(e.source, SIFT_ENC_DETECTED);
    assert_string_equal(e.name, "windows-1252");
    assert_string_equal(e.iconv, "CP1252");
}

static void test_labels(void **state)
{
    const char *name, *iconv;
    size_t k;
    (void)state;
    assert_int_equal(sift_encoding_label("\t UTF8 \n", 8, &name, &iconv), SIFT_OK);
    assert_string_equal(name, "utf-8");
    assert_int_equal(sift_encoding_label("ks_c_5601-1987", 14, &name, &iconv), SIFT_OK);
    assert_string_equal(name, "euc-kr");
    assert_string_equal(iconv, "CP949");
    assert_int_equal(sift_encoding_label("utf-8x", 6, &name, NULL), SIFT_EUNKNOWN);
    assert_int_equal(sift_encoding_label("", 0, &name, NULL), SIFT_EUNKNOWN);
    assert_int_equal(sift_encoding_label("utf\0-8", 6, &name, NULL), SIFT_EUNKNOWN);
    /* the table is sorted (binary search needs it) and every decoder it names opens */
    for (k = 0; k < sift_enc_nlabels; k++) {
        if (k > 0)
            assert_true(strcmp(sift_enc_labels[k - 1].label, sift_enc_labels[k].label) < 0);
        if (sift_enc_names[sift_enc_labels[k].encoding].iconv) {
            struct sift_conv c;
            const char *l = sift_enc_labels[k].label;
            assert_int_equal(sift_encoding_label(l, strlen(l), &name, &iconv), SIFT_OK);
            assert_int_equal(sift_conv_open(&c, iconv, SIFT_CONV_TO_UTF8, SIFT_INVALID_REPLACE), SIFT_OK);
            sift_conv_close(&c);
        }
    }
}

static void test_hostile(void **state)
{
    /* a megabyte of unterminated attributes, quotes and comments: the scan ends, and reads no
     * more than its window */
    size_t n = 1 << 20, k;
    char *p = malloc(n + 1);
    struct sift_page_encoding e;
    (void)state;
    assert_non_null(p);
    for (k = 0; k < n; k++)
        p[k] = "<a b='<meta =\"<!--"[k % 18];
    p[n] = 0;
    sift_sniff_html(p, n, NULL, 0, &e);
    assert_int_equal(e.source, SIFT_ENC_DETECTED);
    for (k = 0; k < n; k++)
        p[k] = "<meta charset="[k % 14];
    sift_sniff_html(p, n, NULL, 0, &e);
    assert_int_equal(e.source, SIFT_ENC_DETECTED);
    free(p);
    /* cut anywhere, a declaration is either whole or absent */
    {
        const char *page = "<meta http-equiv=content-type content='text/html; charset=koi8-r'>";
        for (k = 0; k < strlen(page); k++) {
            sift_sniff_html(page, k, NULL, 0, &e);
            assert_int_equal(e.source, SIFT_ENC_DETECTED);
        }
        sift_sniff_html(page, strlen(page), NULL, 0, &e);
        assert_string_equal(e.name, "koi8-r");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_caller_label),
        cmocka_unit_test(test_meta),
        cmocka_unit_test(test_meta_not_declaring),
        cmocka_unit_test(test_prescan_skips),
        cmocka_unit_test(test_late_meta),
        cmocka_unit_test(test_xml_declaration),
        cmocka_unit_test(test_utf8_despite_label),
        cmocka_unit_test(test_detected),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
