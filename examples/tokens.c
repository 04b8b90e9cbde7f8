/*
 * examples/tokens.c - the sift engine from C: reads a text from a file (or stdin), prints the
 * encoding it detects, then the tokens and the sentences with their offsets.
 *
 *   make c-example && build/examples/tokens samples/coffee-prices.txt
 *   cc -std=c99 -Iinclude examples/tokens.c build/libsift.a -lm -o tokens
 *
 * Uses only include/sift.h. Output, one record a line, tab-separated:
 *   encoding NAME CONFIDENCE
 *   token    I J KIND TEXT      (I, J: 1-based, inclusive byte offsets, as `sift tokens` prints)
 *   sentence I J PARAGRAPH      (the same offsets; PARAGRAPH counts from 1)
 * A text that is not UTF-8 is tokenized after sift_utf8_clean has repaired it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sift.h"

/* Reads all of f into a malloc'd buffer (the caller frees it); NULL on failure. */
static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 65536, n = 0, got;
    char *buf = malloc(cap), *p;

    if (!buf)
        return NULL;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                return NULL;
            }
            buf = p;
            cap *= 2;
        }
    }
    if (ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    FILE *f = stdin;
    char *text, *clean = NULL;
    const char *name;
    size_t len, bad;
    double confidence;
    struct sift_tokenizer t;
    struct sift_token tok;
    struct sift_sentences st;
    struct sift_sentence sen;

    if (argc > 2) {
        fprintf(stderr, "usage: %s [FILE]\n", argv[0]);
        return 2;
    }
    if (argc == 2 && !(f = fopen(argv[1], "rb"))) {
        perror(argv[1]);
        return 1;
    }
    text = read_all(f, &len);
    if (f != stdin)
        fclose(f);
    if (!text) {
        fprintf(stderr, "%s: cannot read the text\n", argc == 2 ? argv[1] : "stdin");
        return 1;
    }

    /* The name is a static string; confidence is ours. */
    name = sift_detect_encoding(text, len, &confidence);
    printf("encoding\t%s\t%.2f\n", name, confidence);

    /* The tokenizer reads text in place: repair ill-formed UTF-8 into a buffer of our own first. */
    if (!sift_utf8_valid(text, len, &bad)) {
        clean = malloc(sift_utf8_clean_size(text, len) + 1);
        if (!clean) {
            free(text);
            fprintf(stderr, "out of memory\n");
            return 1;
        }
        len = sift_utf8_clean(text, len, clean);
        free(text);
        text = clean;
    }

    /* Both iterators borrow text and allocate nothing: no cleanup but freeing text. */
    sift_tokenizer_init(&t, text, len, 0, NULL);
    while (sift_tokenizer_next(&t, &tok))
        printf("token\t%zu\t%zu\t%s\t%.*s\n", tok.i + 1, tok.j, sift_token_kind_name(tok.kind),
               (int)(tok.j - tok.i), text + tok.i);

    sift_sentences_init(&st, text, len, 0, NULL);
    while (sift_sentences_next(&st, &sen))
        printf("sentence\t%zu\t%zu\t%zu\n", sen.i + 1, sen.j, sen.paragraph + 1);

    free(text);
    return 0;
}
