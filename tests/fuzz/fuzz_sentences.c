/*
 * fuzz_sentences.c - the sentence splitter (sentences.h) on any bytes, with each line-break mode
 * and with user abbreviations of every class taken from the input's own words.
 *
 * Properties, beyond not crashing (sentences.h promises them):
 *   - each sentence [i, j) is inside the text, after the previous one, and starts and ends on a
 *     character that is not white space; only white space lies between sentences and around them,
 *     so every other byte of the text is in exactly one sentence;
 *   - the sentences' characters decode exactly from i to j (no sentence cuts a character);
 *   - paragraph numbers never go down, and starts_paragraph is set exactly when the paragraph
 *     number changes (and on the first sentence);
 *   - the classes of sift_abbrev_class are in range.
 */
#include <string.h>

#include "fuzz.h"
#include "sift.h"
#include "text/abbrevs.h"
#include "text/sentences.h"
#include "text/tokens.h"
#include "unicode/breaks.h"
#include "unicode/unicode.h"

static int space_at(const uint8_t *s, size_t len, size_t pos, size_t *next)
{
    return (sift_uprop_at(s, len, pos, next)->flags & SIFT_UF_WHITE_SPACE) != 0;
}

/* Checks that s[from..to) is all white space, decoding whole characters up to `to` exactly. */
static void only_space(const uint8_t *s, size_t len, size_t from, size_t to, const char *where)
{
    size_t next;
    while (from < to) {
        FUZZ_CHECK(space_at(s, len, from, &next), "non-space at %lu %s", (unsigned long)from, where);
        FUZZ_CHECK(next <= to, "a white-space character crosses %lu %s", (unsigned long)to, where);
        from = next;
    }
}

static void split(const uint8_t *data, size_t size, unsigned flags, const struct sift_wordset *abbrevs)
{
    struct sift_sentences st;
    struct sift_sentence se;
    size_t prev_j = 0, n = 0, paragraph = 0;

    sift_sentences_init(&st, (const char *)data, size, flags, abbrevs);
    while (sift_sentences_next(&st, &se)) {
        size_t pos, next;
        int last_space = 1;
        FUZZ_CHECK(se.i >= prev_j && se.i < se.j && se.j <= size, "sentence %lu is [%lu, %lu) after %lu, of %lu",
                   (unsigned long)n, (unsigned long)se.i, (unsigned long)se.j, (unsigned long)prev_j,
                   (unsigned long)size);
        only_space(data, size, prev_j, se.i, "before a sentence");
        FUZZ_CHECK(!space_at(data, size, se.i, &next), "sentence %lu starts with white space", (unsigned long)n);
        for (pos = se.i; pos < se.j; pos = next)
            last_space = space_at(data, size, pos, &next);
        FUZZ_CHECK(pos == se.j, "sentence %lu [%lu, %lu) cuts a character", (unsigned long)n, (unsigned long)se.i,
                   (unsigned long)se.j);
        FUZZ_CHECK(!last_space, "sentence %lu ends with white space", (unsigned long)n);
        FUZZ_CHECK(n == 0 || se.paragraph >= paragraph, "paragraph %lu after %lu",
                   (unsigned long)se.paragraph, (unsigned long)paragraph);
        FUZZ_CHECK(se.starts_paragraph == (n == 0 || se.paragraph != paragraph),
                   "sentence %lu: starts_paragraph %d, paragraph %lu after %lu", (unsigned long)n,
                   se.starts_paragraph, (unsigned long)se.paragraph, (unsigned long)paragraph);
        paragraph = se.paragraph;
        prev_j = se.j;
        n++;
        FUZZ_CHECK(n <= size, "more sentences than bytes");
    }
    only_space(data, size, prev_j, size, "after the last sentence");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static size_t setmem[1024]; /* aligned for the set's header */
    const char *words[16];
    size_t lens[16], nwords, total = 0, i;
    unsigned char tags[16];

    if (size > 1 << 16)
        return 0;
    split(data, size, 0, NULL);
    split(data, size, SIFT_SENTENCES_LINES_BREAK, NULL);
    split(data, size, SIFT_SENTENCES_LINES_JOIN, NULL);

    /* the input's first words as abbreviations, each of a class drawn from its first byte */
    nwords = fuzz_first_words(data, size, words, lens, 16, &total);
    for (i = 0; i < nwords; i++) {
        int cls = sift_abbrev_class(NULL, words[i], lens[i]);
        FUZZ_CHECK(cls >= 0 && cls < SIFT_ABBREV__COUNT, "class %d", cls);
        tags[i] = (unsigned char)((unsigned char)words[i][0] % SIFT_ABBREV__COUNT);
    }
    if (nwords && sift_wordset_size(nwords, total) <= sizeof setmem) {
        const struct sift_wordset *set = sift_wordset_init_tagged(setmem, words, lens, tags, nwords);
        for (i = 0; i < nwords; i++) {
            int cls = sift_abbrev_class(set, words[i], lens[i]);
            FUZZ_CHECK(cls >= 0 && cls < SIFT_ABBREV__COUNT, "class %d", cls);
        }
        split(data, size, 0, set);
    }
    return 0;
}
