/*
 * tests/c/test_util.h - what the C tests share: reading a whole file, where the test data is
 * (../shared, the Unicode Character Database) and an allocator of malloc'd blocks for the engine
 * calls that take one (common/alloc.h). Include it after <cmocka.h>. Every function is static
 * inline, so a test that uses only some of them builds without warnings.
 */
#ifndef SIFT_TEST_UTIL_H
#define SIFT_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole file at path, malloc'd and 0-ended (*len its length without the 0), or NULL (and
 * *len 0) when it cannot be opened. */
static inline char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;

    *len = 0;
    if (!f)
        return NULL;
    do {
        if (cap - n < 8192) {
            cap = cap ? 2 * cap : 65536;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* The shared test data: $SIFT_SHARED, or ../shared (beside the checkout) when unset or empty. */
static inline const char *test_shared_dir(void)
{
    const char *d = getenv("SIFT_SHARED");
    return d && *d ? d : "../shared";
}

/* The Unicode Character Database: $SIFT_UNICODE_DIR, or /usr/share/unicode (Debian's
 * unicode-data package) when unset or empty. */
static inline const char *test_unicode_dir(void)
{
    const char *d = getenv("SIFT_UNICODE_DIR");
    return d && *d ? d : "/usr/share/unicode";
}

/* The file rel of the Unicode Character Database, opened for reading; fails the test when it
 * cannot be opened. */
static inline FILE *test_open_unicode(const char *rel)
{
    char path[1024];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", test_unicode_dir(), rel);
    f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s (install Debian's unicode-data package, or set SIFT_UNICODE_DIR)", path);
    return f;
}

/* A test allocator (a sift_alloc_fn, ud the arena): malloc'd blocks in a list, freed all at once
 * by test_arena_free; it fails (returns NULL) from the fail_at-th call on (0: never), and calls
 * counts the calls since the arena was last freed. Start from a zeroed struct. */
struct test_arena {
    void *blocks[4096];
    size_t n, calls, fail_at;
};

static inline void *test_alloc(void *ud, size_t size)
{
    struct test_arena *a = ud;
    void *p;

    a->calls++;
    if (a->fail_at && a->calls >= a->fail_at)
        return NULL;
    assert_true(a->n < sizeof a->blocks / sizeof a->blocks[0]);
    p = malloc(size);
    assert_non_null(p);
    a->blocks[a->n++] = p;
    return p;
}

static inline void test_arena_free(struct test_arena *a)
{
    while (a->n)
        free(a->blocks[--a->n]);
    a->calls = 0;
}

#endif
