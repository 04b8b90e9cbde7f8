/*
 * test_tokens.c - the tokenizer and word sets of the C engine, without Lua: token kinds, offsets
 * tiling real and random input, restarting, user abbreviations.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test_util.h"

#include "sift.h"
#include "text/abbrevs.h"
#include "text/sentences.h"
#include "text/tokens.h"
#include "unicode/breaks.h"
#include "unicode/unicode.h"

/* "kind:text kind:text ..." of s, into out. */
static void show(const char *s, unsigned flags, const struct sift_wordset *abbrevs, char *out, size_t cap)
{
    struct sift_tokenizer t;
    struct sift_token tok;
    size_t n = 0;

    out[0] = '\0';
    sift_tokenizer_init(&t, s, strlen(s), flags, abbrevs);
    while (sift_tokenizer_next(&t, &tok)) {
        int w = snprintf(out + n, cap - n, "%s%s:%.*s", n ? " " : "", sift_token_kind_name(tok.kind),
                         (int)(tok.j - tok.i), s + tok.i);
        assert_true(w > 0 && (size_t)w < cap - n);
        n += (size_t)w;
    }
}

static void expect(const char *s, const char *want)
{
    char got[2048];
    show(s, 0, NULL, got, sizeof got);
    assert_string_equal(got, want);
}

static void test_kinds(void **state)
{
    (void)state;
    expect("Xi Jinping\xE2\x80\x99s don't", "word:Xi word:Jinping clitic:\xE2\x80\x99s word:do clitic:n't");
    expect("1,000.50 -3.5% 25th 10:30", "number:1,000.50 number:-3.5% number:25th number:10:30");
    expect("U.S. Mr. J. K. Rowling e.g.", "abbrev:U.S. abbrev:Mr. abbrev:J. abbrev:K. word:Rowling abbrev:e.g.");
    expect("state-owned (CPC) \xE2\x80\x93 ...", "word:state-owned punct:( word:CPC punct:) punct:\xE2\x80\x93 punct:...");
    expect("http://a.example/x, a@b.example @who #what",
           "url:http://a.example/x punct:, email:a@b.example mention:@who hashtag:#what");
    expect("\xE4\xB8\xAD\xE5\x9B\xBD \xF0\x9F\x87\xA8\xF0\x9F\x87\xB3 $5",
           "ideograph:\xE4\xB8\xAD ideograph:\xE5\x9B\xBD emoji:\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3 symbol:$ number:5");
    expect("a\xFF" "b", "word:a invalid:\xFF word:b");
    expect("", "");
    expect("   ", "");
}

static void test_kind_names(void **state)
{
    int k;
    (void)state;
    for (k = 0; k < SIFT_TOK__COUNT; k++)
        assert_non_null(sift_token_kind_name(k));
    assert_null(sift_token_kind_name(SIFT_TOK__COUNT));
    assert_null(sift_token_kind_name(-1));
    assert_string_equal(sift_token_kind_name(SIFT_TOK_WORD), "word");
}

static void test_wordset(void **state)
{
    static const char *const words[] = { "Xinhua", "Sec", "Xinhua", "" };
    size_t lens[] = { 6, 3, 6, 0 };
    void *mem = malloc(sift_wordset_size(4, 15));
    struct sift_wordset *set;
    char got[256];
    (void)state;

    assert_non_null(mem);
    set = sift_wordset_init(mem, words, lens, 4);
    assert_true(sift_wordset_has(set, "Xinhua", 6));
    assert_true(sift_wordset_has(set, "Sec", 3));
    assert_true(sift_wordset_has(set, "", 0));
    assert_false(sift_wordset_has(set, "Xinhu", 5));
    assert_false(sift_wordset_has(set, "sec", 3));
    show("Xinhua. Sec. Mr.", 0, set, got, sizeof got);
    assert_string_equal(got, "abbrev:Xinhua. abbrev:Sec. abbrev:Mr.");
    free(mem);
    assert_true(sift_is_builtin_abbrev("Sept", 4));
    assert_false(sift_is_builtin_abbrev("Septem", 6));
    assert_false(sift_is_builtin_abbrev("no", 2));
}

/* With SIFT_TOKENS_SPACES the tokens tile the input: no gap, no overlap, no empty token. */
static void check_tiling(const char *s, size_t len)
{
    struct sift_tokenizer t;
    struct sift_token tok;
    size_t pos = 0;

    sift_tokenizer_init(&t, s, len, SIFT_TOKENS_SPACES, NULL);
    while (sift_tokenizer_next(&t, &tok)) {
        assert_int_equal(tok.i, pos);
        assert_true(tok.j > tok.i && tok.j <= len);
        assert_true(tok.kind >= 0 && tok.kind < SIFT_TOK__COUNT);
        pos = tok.j;
    }
    assert_int_equal(pos, len);
}

static void test_tiling_random(void **state)
{
    /* pieces that meet the tokenizer's special cases, glued at random */
    static const char *const pieces[] = {
        "a", "Z", "1", ".", ",", "-", "'", "\xE2\x80\x99", "@", "#", "%", ":", "/", "http://", "www.",
        " ", "\n", "\xE2\x80\x93", "\xF0\x9F\x91\x8D", "\xE2\x80\x8D", "\xEF\xB8\x8F", "\xE2\x83\xA3",
        "\xF0\x9F\x87\xA8", "\xCC\x88", "\xE4\xB8\xAD", "\xFF", "\xE2\x80", "\xED\xA0\x80", "s", "t", "n",
        "\xE2\x88\x92", "(", ")", "_", "+", "\xC2\xA0", "\0"
    };
    size_t np = sizeof pieces / sizeof *pieces, round;
    char buf[512];
    (void)state;
    srand(7);
    for (round = 0; round < 20000; round++) {
        size_t len = 0, k, count = (size_t)(rand() % 24);
        for (k = 0; k < count; k++) {
            size_t p = (size_t)rand() % np, pl = pieces[p][0] ? strlen(pieces[p]) : 1;
            memcpy(buf + len, pieces[p], pl);
            len += pl;
        }
        check_tiling(buf, len);
    }
    for (round = 0; round < 5000; round++) {
        size_t len = (size_t)(rand() % 64), k;
        for (k = 0; k < len; k++)
            buf[k] = (char)(rand() & 0xFF);
        check_tiling(buf, len);
    }
}

/* The seed article of ../shared (or $SIFT_SHARED): tiles, and what tokens it holds. */
static void test_seed_article(void **state)
{
    const char *shared = test_shared_dir();
    char path[512];
    size_t len = 0;
    char *s;
    struct sift_tokenizer t;
    struct sift_token tok;
    int clitics = 0, ordinals = 0;
    (void)state;

    snprintf(path, sizeof path, "%s/data/seed/new-industrialisation.txt", shared);
    s = test_read_file(path, &len);
    if (!s)
        fail_msg("cannot read %s (set SIFT_SHARED to the shared data folder)", path);
    check_tiling(s, len);
    sift_tokenizer_init(&t, s, len, 0, NULL);
    while (sift_tokenizer_next(&t, &tok)) {
        if (tok.kind == SIFT_TOK_CLITIC)
            clitics++;
        if (tok.kind == SIFT_TOK_NUMBER && (memcmp(s + tok.i, "25th", 4) == 0 || memcmp(s + tok.i, "18th", 4) == 0))
            ordinals++;
    }
    assert_true(clitics >= 5);
    assert_true(ordinals >= 2);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_wordset),
        cmocka_unit_test(test_tiling_random),
        cmocka_unit_test(test_seed_article),
    };
    return cmocka_run_group_tests_name("tokens", tests, NULL, NULL);
}
