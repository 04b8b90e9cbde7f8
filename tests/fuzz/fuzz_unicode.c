/*
 * fuzz_unicode.c - case folding and word shapes (unicode.h: sift_fold, sift_shape), the two
 * functions sift.fold and sift.shape hand a caller's buffer to, on any bytes.
 *
 * Properties, beyond not crashing:
 *   - sift_fold writes at most 3 bytes per input byte (the binding's buffer), sift_shape at most
 *     one (ASan sees any write past the exact-size buffers used here);
 *   - folding well-formed UTF-8 gives well-formed UTF-8, and folding is idempotent;
 *   - folding ASCII-only text lowers A-Z and changes nothing else;
 *   - a shape never holds a run of more than four X, x or d.
 */
#include <string.h>

#include "fuzz.h"
#include "unicode/unicode.h"

static int shape_char(char c)
{
    return c == 'X' || c == 'x' || c == 'd';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    char *fold, *again, *shape;
    size_t n, m, k, run;
    int ascii = 1;

    if (size > 1 << 16)
        return 0;
    fold = malloc(3 * size + 1);
    FUZZ_CHECK(fold != NULL, "out of memory");
    n = sift_fold(s, size, fold);
    FUZZ_CHECK(n <= 3 * size, "fold wrote %lu bytes for %lu", (unsigned long)n, (unsigned long)size);
    for (k = 0; k < size; k++)
        ascii &= data[k] < 0x80;
    if (ascii) {
        FUZZ_CHECK(n == size, "ASCII folds to another length");
        for (k = 0; k < size; k++)
            FUZZ_CHECK(fold[k] == (data[k] >= 'A' && data[k] <= 'Z' ? data[k] + 32 : data[k]),
                       "ASCII fold at %lu", (unsigned long)k);
    }
    if (fuzz_utf8_ok(data, size)) {
        FUZZ_CHECK(fuzz_utf8_ok((const unsigned char *)fold, n), "the fold of UTF-8 is not UTF-8");
        again = malloc(3 * n + 1);
        FUZZ_CHECK(again != NULL, "out of memory");
        m = sift_fold(fold, n, again);
        FUZZ_CHECK(m == n && memcmp(again, fold, n) == 0, "folding twice changes the text");
        free(again);
    }
    free(fold);

    shape = malloc(size + 1);
    FUZZ_CHECK(shape != NULL, "out of memory");
    n = sift_shape(s, size, shape);
    FUZZ_CHECK(n <= size, "shape wrote %lu bytes for %lu", (unsigned long)n, (unsigned long)size);
    for (k = 0, run = 0; k < n; k++) {
        run = (k > 0 && shape[k] == shape[k - 1] && shape_char(shape[k])) ? run + 1 : 1;
        FUZZ_CHECK(run <= 4 || !shape_char(shape[k]), "a run of %lu '%c' in a shape", (unsigned long)run,
                   shape[k]);
    }
    free(shape);
    return 0;
}
