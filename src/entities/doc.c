/*
 * doc.c - the document the entity tagger works on (doc.h): the text's tokens with their letter
 * flags, their place in lines and sentences, the words also seen in lower case, and the longest
 * gazetteer phrases that start at each; and the helpers every step of the tagger shares.
 */
#include "entities/doc.h"

#include <string.h>

#include "entities/gazetteer.h"
#include "text/tokens.h"
#include "unicode/unicode.h"

void *sift_ner_alloc(sift_alloc_fn alloc, void *ud, size_t size)
{
    return alloc(ud, size ? size : 1);
}

/* ---- preparing the tokens ---- */

/* Letter flags of s[i..j): upper-case initial, all upper, lower, digit, any letter, any upper;
 * and the hash of its folded text. Most tokens are ASCII, done here in one pass; the others go
 * through the Unicode tables. */
static unsigned letter_flags(const char *s, size_t i, size_t j, int *has_upper, uint64_t *fold)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned f = 0;
    int first = 1, upper = 0, lower = 0;
    size_t pos = i;
    uint64_t h = SIFT_GAZ_HASH_INIT;

    while (pos < j && u[pos] < 0x80) {
        unsigned c = u[pos++];
        if (c - 'A' < 26u) {
            if (first)
                f |= SIFT_NF_UPPER_INIT;
            first = 0;
            upper = 1;
            c += 32;
        } else if (c - 'a' < 26u) {
            first = 0;
            lower = 1;
        } else if (c - '0' < 10u) {
            f |= SIFT_NF_HAS_DIGIT;
        }
        h = (h ^ c) * 0x100000001b3u;
    }
    if (pos < j)
        h = sift_gaz_hash_folded(h, s + pos, j - pos);
    *fold = h;
    while (pos < j) {
        size_t next;
        const struct sift_uprop *p = sift_uprop_at(u, j, pos, &next);
        int up = p->gc == SIFT_GC_LU || p->gc == SIFT_GC_LT;
        int low = p->gc == SIFT_GC_LL;
        int letter = up || low || p->gc == SIFT_GC_LM || p->gc == SIFT_GC_LO;
        if (p->gc == SIFT_GC_ND)
            f |= SIFT_NF_HAS_DIGIT;
        if (letter) {
            if (first && up)
                f |= SIFT_NF_UPPER_INIT;
            first = 0;
            upper |= up;
            lower |= low;
        }
        pos = next;
    }
    if (!first)
        f |= SIFT_NF_ALPHA;
    if (lower)
        f |= SIFT_NF_HAS_LOWER;
    else if (upper)
        f |= SIFT_NF_ALL_UPPER;
    *has_upper = upper;
    return f;
}

static int ends_sentence(const struct sift_ndoc *d, size_t k)
{
    const struct sift_ntok *t = &d->t[k];
    if (t->kind != SIFT_TOK_PUNCT)
        return 0;
    return d->s[t->i] == '.' || d->s[t->i] == '!' || d->s[t->i] == '?';
}

static int opens_quote(const struct sift_ndoc *d, size_t k)
{
    const struct sift_ntok *t = &d->t[k];
    const unsigned char *u = (const unsigned char *)d->s + t->i;
    size_t len = t->j - t->i;
    return t->kind == SIFT_TOK_PUNCT
           && ((len == 1 && (u[0] == '"' || u[0] == '\'' || u[0] == '('))
               || (len == 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x9C || u[2] == 0x98)));
}

/* A set of word hashes, for "this word appears in lower case somewhere in the text". */
struct hset {
    uint64_t *slots;
    size_t mask;
};

static void hset_add(struct hset *h, uint64_t key)
{
    size_t k;
    key = sift_gaz_key(key);
    for (k = (size_t)key & h->mask; h->slots[k] && h->slots[k] != key; k = (k + 1) & h->mask)
        ;
    h->slots[k] = key;
}

static int hset_has(const struct hset *h, uint64_t key)
{
    size_t k;
    key = sift_gaz_key(key);
    for (k = (size_t)key & h->mask; h->slots[k]; k = (k + 1) & h->mask)
        if (h->slots[k] == key)
            return 1;
    return 0;
}

/* The categories and user type of key, built-in and user's; returns 1 when some phrase goes on
 * from it. */
static int lookup(const struct sift_gazetteer *user, uint64_t key, uint32_t *cats, uint32_t *type)
{
    const struct sift_gaz_slot *b = sift_gaz_maybe_builtin(key) ? sift_gaz_find(&sift_gaz_builtin, key) : NULL;
    const struct sift_gaz_slot *u = sift_gaz_find(user, key);
    *cats = (b ? b->cats : 0) | (u ? u->cats : 0);
    *type = u ? u->type : 0;
    return ((b ? b->flags : 0) | (u ? u->flags : 0)) & SIFT_GAZ_PREFIX;
}

/* The longest phrases of the gazetteers that start at each token. */
static void match_phrases(struct sift_ndoc *d, const struct sift_gazetteer *user)
{
    int maxlen = sift_gaz_builtin.maxlen;
    size_t k, covered_to = 0;

    if (user && user->maxlen > maxlen)
        maxlen = user->maxlen;
    for (k = 0; k < d->n; k++) {
        struct sift_ntok *t = &d->t[k];
        uint32_t cats, type;
        uint64_t h;
        size_t m;
        int more;

        /* punctuation has no category, and is a fifth of the tokens: no need to look */
        if (t->kind == SIFT_TOK_PUNCT && (t->j - t->i > 1 || !strchr("&-%", d->s[t->i]))
            && !user)
            continue;
        more = lookup(user, sift_gaz_key(t->fold), &cats, &type);
        if ((t->flags & SIFT_NF_CANDIDATE) && sift_gaz_is_common(sift_gaz_key(t->fold)))
            cats |= SIFT_GAZ_BIT(SIFT_GAZ_COMMON);
        t->cats = cats;
        if (type) {
            t->utype = (uint8_t)type;
            t->ulen = 1;
        }
        h = t->fold;
        for (m = k + 1; more && m < d->n && m - k < (size_t)maxlen; m++) {
            if (d->t[m - 1].flags & SIFT_NF_NEWLINE_AFTER)
                break;
            h = sift_gaz_hash_bytes(h, " ", 1);
            h = sift_gaz_hash_folded(h, d->s + d->t[m].i, d->t[m].j - d->t[m].i);
            more = lookup(user, sift_gaz_key(h), &cats, &type);
            if (cats) {
                t->mlen = (uint8_t)(m - k + 1);
                t->mcats = cats;
            }
            if (type) {
                t->utype = (uint8_t)type;
                t->ulen = (uint8_t)(m - k + 1);
            }
        }
        /* greedy, left to right: which phrase covers each token, for the model's features */
        if (k >= covered_to && t->mlen >= 2) {
            size_t x;
            for (x = k; x < k + t->mlen; x++) {
                d->t[x].mpos = x == k ? 1 : 2;
                d->t[x].pcats = t->mcats;
            }
            covered_to = k + t->mlen;
        }
    }
}

int sift_ner_prepare(struct sift_ndoc *d, const char *s, size_t len, const struct sift_gazetteer *user,
                     sift_alloc_fn alloc, void *ud)
{
    struct sift_tokenizer tz;
    struct sift_token tok;
    struct hset lower;
    size_t n, k, nlower = 0, line_first = 0, cap;
    int line_has_lower = 0, line_has_upper = 0;

    /* room for a token every 4 bytes, which English text stays under; doubled when it does not */
    cap = len / 4 + 16;
    d->s = s;
    d->len = len;
    d->t = sift_ner_alloc(alloc, ud, cap * sizeof *d->t);
    if (!d->t)
        return -1;
    sift_tokenizer_init(&tz, s, len, 0, NULL);
    for (k = 0; sift_tokenizer_next(&tz, &tok); k++) {
        struct sift_ntok *t;
        size_t prev_end = k ? d->t[k - 1].j : 0, x;
        int has_upper, newline = k == 0;

        if (k + 1 >= cap) {
            struct sift_ntok *more = sift_ner_alloc(alloc, ud, 2 * cap * sizeof *more);
            if (!more)
                return -1;
            memcpy(more, d->t, k * sizeof *more);
            d->t = more;
            cap *= 2;
        }
        t = &d->t[k];
        memset(t, 0, sizeof *t);
        t->i = tok.i;
        t->j = tok.j;
        t->kind = (uint8_t)tok.kind;
        for (x = prev_end; x < tok.i && !newline; x++)
            newline = s[x] == '\n' || s[x] == '\r';
        t->flags = (uint16_t)letter_flags(s, tok.i, tok.j, &has_upper, &t->fold);
        if (newline) {
            size_t y;
            if (k > 0)
                d->t[k - 1].flags |= SIFT_NF_NEWLINE_AFTER;
            /* the line before: a headline in capitals when it has capitals and no lower case */
            if (line_has_upper && !line_has_lower)
                for (y = line_first; y < k; y++)
                    d->t[y].flags |= SIFT_NF_LINE_UPPER;
            line_first = k;
            line_has_lower = line_has_upper = 0;
            t->flags |= SIFT_NF_LINE_START | SIFT_NF_SENT_START;
        } else if (ends_sentence(d, k - 1) || (k > 1 && opens_quote(d, k - 1) && ends_sentence(d, k - 2))) {
            t->flags |= SIFT_NF_SENT_START;
        }
        line_has_lower |= (t->flags & SIFT_NF_HAS_LOWER) != 0;
        line_has_upper |= has_upper;
        if (has_upper && (t->kind == SIFT_TOK_WORD || t->kind == SIFT_TOK_ABBREV))
            t->flags |= SIFT_NF_CANDIDATE;
        if ((t->flags & SIFT_NF_ALPHA) && !has_upper)
            nlower++;
    }
    n = d->n = k;
    memset(&d->t[n], 0, sizeof d->t[n]);
    if (n > 0) {
        d->t[n - 1].flags |= SIFT_NF_NEWLINE_AFTER;
        if (line_has_upper && !line_has_lower)
            for (k = line_first; k < n; k++)
                d->t[k].flags |= SIFT_NF_LINE_UPPER;
    }

    /* words that also appear in lower case: a capital at the start of a sentence says less */
    lower.mask = 15;
    while (lower.mask + 1 < 2 * nlower + 2)
        lower.mask = lower.mask * 2 + 1;
    lower.slots = sift_ner_alloc(alloc, ud, (lower.mask + 1) * sizeof *lower.slots);
    if (!lower.slots)
        return -1;
    memset(lower.slots, 0, (lower.mask + 1) * sizeof *lower.slots);
    for (k = 0; k < n; k++)
        if ((d->t[k].flags & (SIFT_NF_ALPHA | SIFT_NF_UPPER_INIT | SIFT_NF_ALL_UPPER)) == SIFT_NF_ALPHA
            && !(d->t[k].flags & SIFT_NF_CANDIDATE))
            hset_add(&lower, d->t[k].fold);
    for (k = 0; k < n; k++)
        if ((d->t[k].flags & SIFT_NF_CANDIDATE) && hset_has(&lower, d->t[k].fold)) {
            d->t[k].flags |= SIFT_NF_LOWER_SEEN;
            /* "The", "He", "In" opening a sentence: the text itself says they are plain words, and
             * not asking the model about them saves a third of its work */
            if (d->t[k].flags & SIFT_NF_SENT_START)
                d->t[k].flags &= (uint16_t)~SIFT_NF_CANDIDATE;
        }

    match_phrases(d, user);
    return 0;
}

/* ---- shared by the rules and the linker ---- */

/* The letters of an acronym (upper case ASCII) against the initials of a name's capitalised
 * words: "CPC" and "Communist Party of China". */
int sift_ner_acronym_of(const struct sift_ndoc *d, size_t acr, size_t a, size_t b)
{
    const struct sift_ntok *t = &d->t[acr];
    char initials[16];
    size_t n = 0, k, len = t->j - t->i;

    if (!(t->flags & SIFT_NF_ALL_UPPER) || len < 2 || len > sizeof initials)
        return 0;
    if (b - a > 1 && sift_ner_is(d, a, "the"))
        a++;
    for (k = a; k < b && n < sizeof initials; k++) {
        unsigned char c = (unsigned char)d->s[d->t[k].i];
        if (c >= 'A' && c <= 'Z')
            initials[n++] = (char)c;
    }
    return n == len && memcmp(initials, d->s + t->i, len) == 0;
}
