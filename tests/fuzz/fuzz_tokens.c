/*
 * fuzz_tokens.c - the news tokenizer (tokens.h) on any bytes.
 *
 * Properties, beyond not crashing:
 *   - with SIFT_TOKENS_SPACES the tokens tile the input: the first starts at 0, each starts where
 *     the previous ended, none is empty, the last ends at the input's length;
 *   - every kind is in range, and a space token is only white space (ASCII or not);
 *   - on well-formed UTF-8 no token starts or ends inside a character;
 *   - without SIFT_TOKENS_SPACES the tokens are exactly those of the tiling minus the spaces;
 *   - with user abbreviations (taken from the input's own words) the tokens still tile it.
 */
#include <string.h>

#include "fuzz.h"
#include "sift.h"
#include "text/abbrevs.h"
#include "text/sentences.h"
#include "text/tokens.h"
#include "unicode/breaks.h"
#include "unicode/unicode.h"

#define MAX_TOKENS 100000

static struct sift_token toks[MAX_TOKENS];

/* Runs the tokenizer with SIFT_TOKENS_SPACES and checks the tiling; returns the token count
 * (stopping at MAX_TOKENS: the input is capped so that it never gets there). */
static size_t tile(const uint8_t *data, size_t size, const struct sift_wordset *abbrevs, int utf8)
{
    struct sift_tokenizer t;
    struct sift_token tok;
    size_t n = 0, pos = 0;

    sift_tokenizer_init(&t, (const char *)data, size, SIFT_TOKENS_SPACES, abbrevs);
    while (sift_tokenizer_next(&t, &tok)) {
        FUZZ_CHECK(n < MAX_TOKENS, "more tokens than bytes (%lu)", (unsigned long)size);
        FUZZ_CHECK(tok.i == pos, "token %lu starts at %lu, not at %lu", (unsigned long)n,
                   (unsigned long)tok.i, (unsigned long)pos);
        FUZZ_CHECK(tok.j > tok.i && tok.j <= size, "token %lu is [%lu, %lu) of %lu bytes", (unsigned long)n,
                   (unsigned long)tok.i, (unsigned long)tok.j, (unsigned long)size);
        FUZZ_CHECK(tok.kind >= 0 && tok.kind < SIFT_TOK__COUNT, "token %lu has kind %d", (unsigned long)n,
                   tok.kind);
        if (utf8)
            FUZZ_CHECK((data[tok.i] & 0xC0) != 0x80 && (tok.j == size || (data[tok.j] & 0xC0) != 0x80),
                       "token %lu [%lu, %lu) cuts a character", (unsigned long)n, (unsigned long)tok.i,
                       (unsigned long)tok.j);
        if (tok.kind == SIFT_TOK_SPACE) {
            size_t k = tok.i, next;
            while (k < tok.j) {
                const struct sift_uprop *p = sift_uprop_at((const unsigned char *)data, size, k, &next);
                FUZZ_CHECK(p->flags & SIFT_UF_WHITE_SPACE, "space token %lu holds a non-space at %lu",
                           (unsigned long)n, (unsigned long)k);
                FUZZ_CHECK(next > k && next <= tok.j, "space token %lu cuts a character", (unsigned long)n);
                k = next;
            }
        }
        toks[n++] = tok;
        pos = tok.j;
    }
    FUZZ_CHECK(pos == size, "the tokens stop at %lu of %lu", (unsigned long)pos, (unsigned long)size);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sift_tokenizer t;
    struct sift_token tok;
    size_t n, k = 0, m = 0;
    int utf8 = fuzz_utf8_ok(data, size);
    const char *words[16];
    size_t lens[16], nwords, total = 0;
    static size_t setmem[512]; /* aligned for the set's header */

    if (size > MAX_TOKENS / 2)
        return 0;
    n = tile(data, size, NULL, utf8);

    /* without spaces: the same tokens, less the space tokens */
    sift_tokenizer_init(&t, (const char *)data, size, 0, NULL);
    while (sift_tokenizer_next(&t, &tok)) {
        while (k < n && toks[k].kind == SIFT_TOK_SPACE)
            k++;
        FUZZ_CHECK(k < n, "more tokens without spaces than with (%lu)", (unsigned long)m);
        FUZZ_CHECK(tok.i == toks[k].i && tok.j == toks[k].j && tok.kind == toks[k].kind,
                   "token %lu differs without spaces: [%lu, %lu) %d vs [%lu, %lu) %d", (unsigned long)m,
                   (unsigned long)tok.i, (unsigned long)tok.j, tok.kind, (unsigned long)toks[k].i,
                   (unsigned long)toks[k].j, toks[k].kind);
        k++;
        m++;
    }
    while (k < n && toks[k].kind == SIFT_TOK_SPACE)
        k++;
    FUZZ_CHECK(k == n, "fewer tokens without spaces (%lu) than with", (unsigned long)m);

    /* the input's first words as user abbreviations */
    nwords = fuzz_first_words(data, size, words, lens, 16, &total);
    if (nwords && sift_wordset_size(nwords, total) <= sizeof setmem)
        tile(data, size, sift_wordset_init(setmem, words, lens, nwords), utf8);
    return 0;
}
