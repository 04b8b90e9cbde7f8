/*
 * fuzz_extract.c - the whole C path a web page takes (issue 14, item 9): sift_html_parse
 * (html/dom.h, myhtml), the article (sift_extract_article, extract/article.h) in both scopes, and
 * the metadata (sift_page_meta, extract/meta.h), on any bytes: the page is untrusted input.
 *
 * Each input is extracted twice, as the article with the defaults (tables kept, comments removed)
 * and as the whole page without tables and with comments (src/lua/extract.c's options); the
 * metadata is read with a malloc'd allocator freed after, and once more with its allocator failing
 * after a number of allocations taken from the input (it must say SIFT_ENOMEM, leave what it
 * stored consistent and lose nothing).
 *
 * Properties, beyond not crashing, no sanitizer report and no leak:
 *   - the parse and the extraction succeed (SIFT_OK);
 *   - the article's text is 0-ended; each block's text lies inside it, after the previous block's;
 *     kinds and levels in range (a level 1-6 for a heading, else 0); found == 0 means no blocks;
 *   - every block's source span is inside the page and ordered (src_i <= src_j). The blocks come
 *     in the DOM's order, which is not always the bytes': text in a table is foster-parented
 *     before it ("<table><caption>c</caption><tr><td>x</td><.tr></table>" gives "<.tr>" first),
 *     so the spans of successive blocks may go backward;
 *   - when the page is valid UTF-8 (sift_utf8_valid): the text, each block's text and the title
 *     are valid UTF-8 (checked by fuzz.h's own checker), and so is every metadata string;
 *   - the translation units (sift_page_units, extract/units.h) in both scopes: sorted by their
 *     bytes, inside the page; a text unit's codes inside its bytes, in order, not overlapping, at
 *     text offsets that do not go back or past its text; a pair's halves point at each other, the
 *     start first (issue 15);
 *   - every metadata string is 0-ended and at most SIFT_META_MAX_FIELD bytes; a field without a
 *     value is NULL, 0 long, from SIFT_META_NONE, and one with a value names a source; at most
 *     SIFT_META_MAX_AUTHORS authors, each with a value.
 */
#include <string.h>

#include "fuzz.h"
#include "sift.h"
#include "html/dom.h"
#include "extract/units.h"
#include "extract/article.h"
#include "extract/meta.h"

/* The metadata's allocator: each block malloc'd on a list, freed at once after; once it has made
 * `limit` allocations, the next ones fail. */
struct fuzz_arena {
    void *head;
    size_t n, limit;
};

static void *arena_alloc(void *ud, size_t size)
{
    struct fuzz_arena *a = ud;
    void **b;
    if (a->n >= a->limit)
        return NULL;
    b = malloc(sizeof(void *) * 2 + size);
    if (!b)
        return NULL;
    b[0] = a->head;
    a->head = b;
    a->n++;
    return b + 2;
}

static void arena_free(struct fuzz_arena *a)
{
    while (a->head) {
        void **b = a->head;
        a->head = b[0];
        free(b);
    }
    a->n = 0;
}

static void check_article(const struct sift_article *a, size_t size, int valid, const char *how)
{
    size_t k, end = 0;
    FUZZ_CHECK(a && a->text && a->text[a->text_len] == '\0', "%s: text not 0-ended", how);
    FUZZ_CHECK(a->title && a->title[a->title_len] == '\0', "%s: title not 0-ended", how);
    FUZZ_CHECK(a->found || a->n_blocks == 0, "%s: %lu blocks but no article", how, (unsigned long)a->n_blocks);
    for (k = 0; k < a->n_blocks; k++) {
        const struct sift_block *b = &a->blocks[k];
        FUZZ_CHECK(b->kind >= 0 && b->kind < SIFT_BLOCK__COUNT && sift_block_kind_name(b->kind),
                   "%s: block %lu has kind %d", how, (unsigned long)k, b->kind);
        FUZZ_CHECK(b->kind == SIFT_BLOCK_HEADING ? b->level >= 1 && b->level <= 6 : b->level == 0,
                   "%s: block %lu (%s) has level %d", how, (unsigned long)k, sift_block_kind_name(b->kind),
                   b->level);
        FUZZ_CHECK(b->i >= end && b->len <= a->text_len && b->i <= a->text_len - b->len,
                   "%s: block %lu's text [%lu, +%lu) of %lu, the previous ending at %lu", how, (unsigned long)k,
                   (unsigned long)b->i, (unsigned long)b->len, (unsigned long)a->text_len, (unsigned long)end);
        end = b->i + b->len;
        FUZZ_CHECK(b->src_i <= b->src_j && b->src_j <= size, "%s: block %lu spans [%lu, %lu) of a %lu-byte page",
                   how, (unsigned long)k, (unsigned long)b->src_i, (unsigned long)b->src_j, (unsigned long)size);
        if (valid)
            FUZZ_CHECK(fuzz_utf8_ok((const unsigned char *)a->text + b->i, b->len),
                       "%s: block %lu's text is not valid UTF-8", how, (unsigned long)k);
    }
    if (valid) {
        FUZZ_CHECK(fuzz_utf8_ok((const unsigned char *)a->text, a->text_len), "%s: text not valid UTF-8", how);
        FUZZ_CHECK(fuzz_utf8_ok((const unsigned char *)a->title, a->title_len), "%s: title not valid UTF-8", how);
    }
}

static void check_field(const struct sift_meta_field *f, const char *name, int valid)
{
    if (!f->s) {
        FUZZ_CHECK(f->len == 0 && f->src == SIFT_META_NONE, "meta %s: no value, but len %lu, src %d", name,
                   (unsigned long)f->len, f->src);
        return;
    }
    FUZZ_CHECK(f->src > SIFT_META_NONE && f->src <= SIFT_META_BYLINE, "meta %s: source %d", name, f->src);
    FUZZ_CHECK(f->len <= SIFT_META_MAX_FIELD, "meta %s: %lu bytes", name, (unsigned long)f->len);
    FUZZ_CHECK(f->s[f->len] == '\0', "meta %s: not 0-ended", name);
    if (valid)
        FUZZ_CHECK(fuzz_utf8_ok((const unsigned char *)f->s, f->len), "meta %s: not valid UTF-8: \"%.*s\"", name,
                   (int)(f->len > 200 ? 200 : f->len), f->s);
}

static void check_meta(const struct sift_meta *m, int valid)
{
    size_t k;
    check_field(&m->title, "title", valid);
    check_field(&m->title_raw, "title_raw", valid);
    check_field(&m->byline, "byline", valid);
    check_field(&m->published, "published", valid);
    check_field(&m->modified, "modified", valid);
    check_field(&m->lang, "lang", valid);
    check_field(&m->site, "site", valid);
    check_field(&m->url, "url", valid);
    check_field(&m->description, "description", valid);
    check_field(&m->section, "section", valid);
    check_field(&m->image, "image", valid);
    FUZZ_CHECK(m->n_authors <= SIFT_META_MAX_AUTHORS, "%lu authors", (unsigned long)m->n_authors);
    for (k = 0; k < m->n_authors; k++) {
        check_field(&m->authors[k], "author", valid);
        FUZZ_CHECK(m->authors[k].s != NULL, "author %lu of %lu has no value", (unsigned long)k,
                   (unsigned long)m->n_authors);
    }
}

static void check_units(const struct sift_html_doc *doc, const char *s, size_t size, int scope)
{
    struct sift_units *u = NULL;
    size_t k, c;
    int rc = sift_page_units(doc, s, size, scope, &u);

    FUZZ_CHECK(rc == SIFT_OK && u, "sift_page_units gave %d", rc);
    for (k = 0; k < u->n_units; k++) {
        const struct sift_unit *un = &u->units[k];
        uint32_t pos = un->src_i, at = 0;
        FUZZ_CHECK(un->src_i <= un->src_j && un->src_j <= size, "unit %lu: bytes %u..%u of %lu", (unsigned long)k,
                   un->src_i, un->src_j, (unsigned long)size);
        FUZZ_CHECK(k == 0 || u->units[k - 1].src_i <= un->src_i, "unit %lu before the previous one", (unsigned long)k);
        FUZZ_CHECK(un->text + un->len <= u->text_len && un->code + un->n_codes <= u->n_codes, "unit %lu out of range",
                   (unsigned long)k);
        for (c = 0; c < un->n_codes; c++) {
            const struct sift_code *co = &u->codes[un->code + c];
            FUZZ_CHECK(co->src_i >= pos && co->src_j >= co->src_i && co->src_j <= un->src_j,
                       "unit %lu code %lu: bytes %u..%u after %u, unit ends at %u", (unsigned long)k, (unsigned long)c,
                       co->src_i, co->src_j, pos, un->src_j);
            FUZZ_CHECK(co->at >= at && co->at <= un->len, "unit %lu code %lu at %u", (unsigned long)k, (unsigned long)c,
                       co->at);
            if (co->partner != SIFT_HTML_NONE) {
                const struct sift_code *o;
                FUZZ_CHECK(co->partner < un->n_codes, "unit %lu code %lu: partner %u of %lu", (unsigned long)k,
                           (unsigned long)c, co->partner, (unsigned long)un->n_codes);
                o = &u->codes[un->code + co->partner];
                FUZZ_CHECK(o->partner == c &&
                           (co->kind == SIFT_CODE_OPEN) == (co->partner > c),
                           "unit %lu code %lu: partner %u", (unsigned long)k, (unsigned long)c, co->partner);
            }
            pos = co->src_j;
            at = co->at;
        }
    }
    sift_units_free(u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct sift_html_doc *doc = NULL;
    struct sift_article *art = NULL;
    struct sift_extract_opts page = { SIFT_EXTRACT_PAGE, 0, 1 };
    struct fuzz_arena arena = { NULL, 0, (size_t)-1 };
    struct sift_meta m;
    size_t errpos, used;
    int valid, rc;

    if (size > 1 << 20)
        return 0;
    valid = sift_utf8_valid(s, size, &errpos);
    rc = sift_html_parse(s, size, &doc);
    FUZZ_CHECK(rc == SIFT_OK && doc, "sift_html_parse gave %d", rc);

    rc = sift_extract_article(doc, NULL, &art);
    FUZZ_CHECK(rc == SIFT_OK && art, "sift_extract_article (article) gave %d", rc);
    check_article(art, size, valid, "article");
    sift_article_free(art);
    art = NULL;
    rc = sift_extract_article(doc, &page, &art);
    FUZZ_CHECK(rc == SIFT_OK && art, "sift_extract_article (page) gave %d", rc);
    check_article(art, size, valid, "page");
    sift_article_free(art);

    check_units(doc, s, size, SIFT_EXTRACT_PAGE);
    check_units(doc, s, size, SIFT_EXTRACT_ARTICLE);

    rc = sift_page_meta(doc, arena_alloc, &arena, &m);
    FUZZ_CHECK(rc == SIFT_OK, "sift_page_meta gave %d", rc);
    check_meta(&m, valid);
    used = arena.n;
    arena_free(&arena);
    /* again, with the allocator failing part way: the count from the input's bytes */
    if (used > 0) {
        arena.limit = (size_t)(fuzz_seed(data, size) % used);
        rc = sift_page_meta(doc, arena_alloc, &arena, &m);
        FUZZ_CHECK(rc == SIFT_ENOMEM, "sift_page_meta gave %d with allocation %lu of %lu failing", rc,
                   (unsigned long)arena.limit + 1, (unsigned long)used);
        check_meta(&m, valid);
        arena_free(&arena);
    }
    sift_html_free(doc);
    return 0;
}
