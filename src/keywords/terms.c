/*
 * terms.c - the content words of a text for keyword counting and summaries (see terms.h).
 *
 * It walks the news tokenizer's tokens. Word tokens that are not stop words become terms, keyed
 * by their case folding with the Porter stem applied (to the last part of a hyphenated compound:
 * "state-owned" keys as "state-own"); abbreviations other than titles, months and the like
 * (U.S., U.K.) become terms as they are, folded; hashtags and @handles too. Everything else - stop
 * words, numbers, punctuation, clitics, titles - only breaks the run of terms, so that callers can
 * build key phrases from terms that stand next to each other.
 */
#include <stdlib.h>
#include <string.h>

#include "text/abbrevs.h"
#include "keywords/stem.h"
#include "keywords/terms.h"
#include "unicode/unicode.h"

void sift_terms_init(struct sift_terms *t, const char *s, size_t len, const struct sift_wordset *stop,
                     struct sift_stem_cached *cache)
{
    sift_tokenizer_init(&t->tok, s, len, 0, NULL);
    t->s = s;
    t->len = len;
    t->stop = stop;
    t->prev_end = 0;
    t->pending = SIFT_TERM_BREAK | SIFT_TERM_START;
    t->cache = cache;
}

/* Flags from the white space between two tokens: a line break, a blank line. */
static unsigned gap_flags(const char *s, size_t from, size_t to)
{
    unsigned flags = 0;
    int newlines = 0;
    size_t k;

    for (k = from; k < to; k++)
        if (s[k] == '\n' && ++newlines == 2)
            break;
    if (newlines >= 1)
        flags |= SIFT_TERM_BREAK | SIFT_TERM_START;
    if (newlines >= 2)
        flags |= SIFT_TERM_PARAGRAPH;
    return flags;
}

/* CAPITAL and UPPER for the word w[0..len): a code point is a capital when case folding changes it. */
static unsigned case_flags(const char *w, size_t len)
{
    const unsigned char *u = (const unsigned char *)w;
    size_t pos = 0, next;
    unsigned flags = 0;
    int capitals = 0, lower = 0, first = 1;

    while (pos < len) {
        uint32_t cp = sift_utf8_decode(u, len, pos, &next), folded[3];
        int capital;
        if (cp < 0x80) {
            capital = cp >= 'A' && cp <= 'Z';
            lower += cp >= 'a' && cp <= 'z';
        } else {
            capital = cp != SIFT_INVALID_CP && sift_fold_cp(cp, folded) >= 1 && folded[0] != cp;
            lower += !capital;
        }
        if (first && capital)
            flags |= SIFT_TERM_CAPITAL;
        capitals += capital;
        first = 0;
        pos = next;
    }
    if (capitals >= 2 && lower == 0)
        flags |= SIFT_TERM_UPPER;
    return flags;
}

/* 1 if k[0..n) holds only the letters a-z. */
static int lower_ascii(const char *k, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (k[i] < 'a' || k[i] > 'z')
            return 0;
    return 1;
}

/* Stems a folded word in place: the whole word, or the part after its last hyphen. */
static size_t stem_key(char *key, size_t n);

/* stem_key through the cache of recent words. */
static size_t stem_cached(struct sift_terms *t, char *key, size_t n)
{
    struct sift_stem_cached *c;
    unsigned h = 2166136261u;
    size_t i, m;

    if (n > SIFT_STEM_CACHE_LEN || !t->cache)
        return stem_key(key, n);
    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    c = &t->cache[(h ^ (h >> 15)) % SIFT_STEM_CACHE];
    if (c->len == n && memcmp(c->word, key, n) == 0) {
        memcpy(key, c->stem, c->stemlen);
        return c->stemlen;
    }
    c->len = (unsigned char)n;
    memcpy(c->word, key, n);
    m = stem_key(key, n);
    c->stemlen = (unsigned char)m;
    memcpy(c->stem, key, m);
    return m;
}

static size_t stem_key(char *key, size_t n)
{
    size_t h = n;

    if (lower_ascii(key, n))
        return sift_porter_stem(key, n);
    while (h > 0 && key[h - 1] != '-')
        h--;
    if (h > 0 && h < n && lower_ascii(key + h, n - h))
        return h + sift_porter_stem(key + h, n - h);
    return n;
}

/* 1 for the punctuation that ends a sentence: . ! ? and the ellipsis, alone or in runs. */
static int sentence_end(const char *p, size_t n)
{
    return (n >= 1 && (p[0] == '.' || p[0] == '!' || p[0] == '?'))
        || (n == 3 && memcmp(p, "\xE2\x80\xA6", 3) == 0);
}

/*
 * Whether a word or abbreviation token can be a term, by the built-in abbreviation list
 * (abbrevs.h). Of the abbreviations, acronyms with inner full stops (U.S., Ph.D.), places (Calif.)
 * and ones not on the list are; initials, titles, months, days, company forms and the rest
 * (etc., Jr.) are not. Of the words, titles written without their full stop (Mr, Dr) are not.
 */
static int is_term(int kind, const char *w, size_t n)
{
    int cls;

    if (kind == SIFT_TOK_ABBREV) {
        if (n <= 2)
            return 0;
        cls = sift_is_builtin_abbrev(w, n - 1);
        return cls == SIFT_ABBREV_NONE || cls == SIFT_ABBREV_PLACE || memchr(w, '.', n - 1) != NULL;
    }
    /* titles start with a capital (Mr, Dr, Gen) */
    if (kind == SIFT_TOK_WORD && n <= 15 && w[0] >= 'A' && w[0] <= 'Z')
        return sift_is_builtin_abbrev(w, n) != SIFT_ABBREV_TITLE;
    return 1;
}

/*
 * Folds an ASCII word into key (lower case) and works out its case flags in the same pass; returns
 * 0 when w has a byte above 0x7F, for the general path (sift_fold, case_flags) to take it.
 */
static int fold_ascii(const char *w, size_t n, char *key, unsigned *flags)
{
    size_t i;
    int capitals = 0, lower = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0x80)
            return 0;
        if (c >= 'A' && c <= 'Z') {
            capitals++;
            c = (unsigned char)(c + ('a' - 'A'));
        } else if (c >= 'a' && c <= 'z') {
            lower++;
        }
        key[i] = (char)c;
    }
    *flags = 0;
    if (w[0] >= 'A' && w[0] <= 'Z')
        *flags |= SIFT_TERM_CAPITAL;
    if (capitals >= 2 && lower == 0)
        *flags |= SIFT_TERM_UPPER;
    return 1;
}

int sift_terms_next(struct sift_terms *t, struct sift_term *term, char *key)
{
    struct sift_token tok;

    while (sift_tokenizer_next(&t->tok, &tok)) {
        const char *w = t->s + tok.i;
        size_t n = tok.j - tok.i, keylen;
        unsigned flags;

        t->pending |= gap_flags(t->s, t->prev_end, tok.i);
        t->prev_end = tok.j;
        switch (tok.kind) {
        case SIFT_TOK_WORD:
        case SIFT_TOK_ABBREV:
        case SIFT_TOK_HASHTAG:
        case SIFT_TOK_MENTION:
            break;
        case SIFT_TOK_PUNCT:
            t->pending |= SIFT_TERM_BREAK;
            if (sentence_end(w, n))
                t->pending |= SIFT_TERM_START;
            continue;
        case SIFT_TOK_NUMBER:
            t->pending = (t->pending | SIFT_TERM_BREAK) & ~(unsigned)SIFT_TERM_START;
            continue;
        default:
            t->pending |= SIFT_TERM_BREAK;
            continue;
        }
        if (n > SIFT_TERM_MAX) {
            t->pending |= SIFT_TERM_BREAK;
            continue;
        }
        if (!is_term(tok.kind, w, n)) {
            t->pending = (t->pending | SIFT_TERM_BREAK) & ~(unsigned)SIFT_TERM_START;
            continue;
        }
        if (fold_ascii(w, n, key, &flags)) {
            keylen = n;
        } else {
            keylen = sift_fold(w, n, key);
            flags = case_flags(w, n);
        }
        if (keylen < 2 || (t->stop && sift_wordset_has(t->stop, key, keylen))) {
            t->pending = (t->pending | SIFT_TERM_BREAK) & ~(unsigned)SIFT_TERM_START;
            continue;
        }
        flags |= t->pending;
        if (tok.kind == SIFT_TOK_WORD)
            keylen = stem_cached(t, key, keylen);
        else if (tok.kind == SIFT_TOK_ABBREV)
            flags |= SIFT_TERM_ABBREV;
        t->pending = 0;
        term->i = tok.i;
        term->j = tok.j;
        term->flags = flags;
        term->keylen = keylen;
        return 1;
    }
    return 0;
}

/* ---- key phrases ---- */

static int capitalised(unsigned f)
{
    return (f & (SIFT_TERM_CAPITAL | SIFT_TERM_UPPER)) != 0;
}

size_t sift_name_spans(const unsigned *flags, size_t n, size_t skip, int max_words, unsigned char *in_name,
                       size_t *spans)
{
    size_t k = 0, count = 0;

    memset(in_name, 0, n);
    while (k < n) {
        size_t e = k;
        if (k >= skip && capitalised(flags[k])) {
            while (e + 1 < n && !(flags[e + 1] & SIFT_TERM_BREAK) && capitalised(flags[e + 1]))
                e++;
            if (e > k && e - k < (size_t)max_words) {
                size_t x;
                for (x = k; x <= e; x++)
                    in_name[x] = 1;
                spans[2 * count] = k;
                spans[2 * count + 1] = e;
                count++;
            }
        }
        k = e + 1;
    }
    return count;
}

size_t sift_gram_slots(size_t n)
{
    size_t slots = 16;

    while (slots < 3 * n + 1)
        slots *= 2;
    return slots;
}

static void add_gram(struct sift_gram *table, size_t nslots, unsigned long long code, size_t first)
{
    /* a multiplicative hash of the code; linear probing */
    size_t h = (size_t)((code * 0x9E3779B97F4A7C15ull) >> 20) & (nslots - 1);

    while (table[h].code && table[h].code != code)
        h = (h + 1) & (nslots - 1);
    if (!table[h].code) {
        table[h].code = code;
        table[h].first = (unsigned)first;
    }
    table[h].count++;
}

void sift_count_grams(struct sift_gram *table, size_t nslots, const unsigned *ids, const unsigned *flags,
                      const unsigned char *in_name, size_t n)
{
    size_t k;

    for (k = 0; k + 1 < n; k++) {
        size_t y;
        unsigned long long code;
        if ((in_name && in_name[k]) || ids[k] == 0 || ids[k] > SIFT_GRAM_ID_MAX)
            continue;
        code = ids[k];
        for (y = k + 1; y < n && y <= k + 2; y++) {
            if ((flags[y] & SIFT_TERM_BREAK) || (in_name && in_name[y]) || ids[y] == 0 || ids[y] > SIFT_GRAM_ID_MAX)
                break;
            code = code << 20 | ids[y];
            add_gram(table, nslots, code, k);
        }
    }
}

/* ---- keyword ranking ---- */

size_t sift_kw_table_slots(size_t nspans, size_t ngrams)
{
    size_t slots = 16;

    while (slots < 2 * (nspans + ngrams) + 2)
        slots *= 2;
    return slots;
}

static size_t run_hash(const unsigned *run, size_t words)
{
    size_t k, h = 2166136261u;

    for (k = 0; k < words; k++)
        h = (h ^ run[k]) * 16777619u;
    return h ^ (h >> 13);
}

/* The slot of the phrase whose words are run[0..words), or the empty slot where it would go. */
static size_t run_slot(const struct sift_kw_text *t, const unsigned *run, size_t words)
{
    size_t mask = t->tslots - 1, i = run_hash(run, words) & mask;

    while (t->table[i]) {
        const struct sift_kw_phrase *p = &t->phrases[t->table[i] - 1];
        if (p->words == words && memcmp(t->ids + p->first, run, words * sizeof *run) == 0)
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

/* Counts one occurrence of the run of words terms from term index first (as a name or not). */
static size_t add_run(struct sift_kw_text *t, size_t first, size_t words, unsigned count, int name)
{
    size_t slot = run_slot(t, t->ids + first, words);
    struct sift_kw_phrase *p;

    if (!t->table[slot]) {
        p = &t->phrases[t->nphrases++];
        p->first = (unsigned)first;
        p->count = 0;
        p->extra = 0;
        p->words = (unsigned char)words;
        p->name = (unsigned char)name;
        p->weight = 1;
        p->score = 0;
        t->table[slot] = t->nphrases;
    }
    p = &t->phrases[t->table[slot] - 1];
    p->count += count;
    return t->table[slot] - 1;
}

void sift_kw_phrases(struct sift_kw_text *t, const size_t *spans, size_t nspans, const struct sift_gram *grams,
                     size_t nslots, struct sift_kw_phrase *phrases, size_t *table, size_t tslots)
{
    size_t k, x;

    t->phrases = phrases;
    t->nphrases = 0;
    t->table = table;
    t->tslots = tslots;
    memset(table, 0, tslots * sizeof *table);
    for (k = 0; k < t->nkeys; k++) {
        t->keys[k].named = t->keys[k].heads = 0;
        t->keys[k].name = -1;
    }
    for (k = 0; k < nspans; k++) {
        size_t from = spans[2 * k], to = spans[2 * k + 1], ph;
        unsigned ends[2];
        int e;
        if (to < from || to - from + 1 > SIFT_KW_MAX_WORDS || to >= t->n)
            continue;
        ph = add_run(t, from, to - from + 1, 1, 1);
        for (x = from; x <= to; x++)
            t->keys[t->ids[x] - 1].named++;
        t->keys[t->ids[to] - 1].heads++;
        /* the name that a word alone stands for: the one it starts or ends, if only one */
        ends[0] = t->ids[from], ends[1] = t->ids[to];
        for (e = 0; e < 2; e++) {
            struct sift_kw_key *key = &t->keys[ends[e] - 1];
            if (key->name == -1)
                key->name = (long)ph;
            else if (key->name != (long)ph)
                key->name = -2;
        }
    }
    for (k = 0; k < nslots; k++) {
        const struct sift_gram *g = &grams[k];
        if (g->code && g->count >= 2)
            add_run(t, g->first, g->code >= 1ull << 40 ? 3 : 2, g->count, 0);
    }
}

size_t sift_kw_scratch(const struct sift_kw_text *t)
{
    return t->nkeys + 2 * t->nphrases + t->n + 1;
}

/* Best first: the higher score, then the earlier, then the shorter. */
static int by_rank(const void *a, const void *b)
{
    const struct sift_kw_entry *x = a, *y = b;

    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return (x->words > y->words) - (x->words < y->words);
}

size_t sift_kw_rank(struct sift_kw_text *t, unsigned min_count, size_t top, int pairs, struct sift_kw_entry *out,
                    struct sift_kw_entry *scratch)
{
    struct sift_kw_entry *singles = scratch, *strong, *weaker, *fill;
    size_t nsingles = 0, nstrong = 0, nweaker = 0, nfill = 0, m = 0, a = 0, b = 0, k, x;
    double n = t->n > 0 ? (double)t->n : 1.0, tenth = 10.0 / n, nth = 1.0 / n;
    unsigned lo = min_count > 1 ? min_count : 1;

    if (top == 0)
        return 0;
    /* words: their mentions outside names and as the last word of one */
    for (k = 0; k < t->nkeys; k++) {
        struct sift_kw_key *key = &t->keys[k];
        unsigned c = key->count - key->named + key->heads;
        double s;
        key->score = 0;
        if (c < lo)
            continue;
        s = c * (1 + 1 / (1 + key->first * tenth)) * (1 + (key->last - key->first) * nth) * key->chars;
        if (key->capital == 0 && key->weak)
            s *= 0.25;
        if (key->head)
            s *= 1.5;
        s *= key->weight;
        key->score = s;
        singles[nsingles].kind = SIFT_KW_WORD;
        singles[nsingles].index = k;
        singles[nsingles].count = c;
        singles[nsingles].words = 1;
        singles[nsingles].first = key->first;
        singles[nsingles].score = s;
        nsingles++;
    }
    qsort(singles, nsingles, sizeof *singles, by_rank);
    /* the mentions of a surname alone count for its name */
    for (k = 0; k < t->nphrases; k++)
        t->phrases[k].extra = 0;
    for (k = 0; k < t->nkeys; k++) {
        const struct sift_kw_key *key = &t->keys[k];
        unsigned own = key->count - key->named;
        if (key->name >= 0 && own > 0 && key->capital >= key->count)
            t->phrases[key->name].extra += own;
    }
    /* phrases: their count, first place and the mean length of their words; those that do not
     * score above each of their words come after all the words */
    strong = singles + nsingles;
    weaker = strong + t->nphrases;
    for (k = 0; k < t->nphrases; k++) {
        struct sift_kw_phrase *p = &t->phrases[k];
        unsigned c = p->count + p->extra, chars = 0;
        double best = 0, s;
        int all_head = 1;
        struct sift_kw_entry *e;
        p->score = 0;
        if (c < min_count || (!p->name && c < 2))
            continue;
        for (x = p->first; x < (size_t)p->first + p->words; x++) {
            const struct sift_kw_key *key = &t->keys[t->ids[x] - 1];
            chars += key->chars;
            if (key->score > best)
                best = key->score;
            all_head = all_head && key->head;
        }
        s = c * (1 + 1 / (1 + p->first * tenth)) * chars / p->words;
        if (all_head)
            s *= 1.5;
        s *= p->weight;
        p->score = s;
        e = s > best ? &strong[nstrong++] : &weaker[nweaker++];
        e->kind = SIFT_KW_PHRASE;
        e->index = k;
        e->count = c;
        e->words = p->words;
        e->first = p->first;
        e->score = s;
    }
    qsort(strong, nstrong, sizeof *strong, by_rank);
    qsort(weaker, nweaker, sizeof *weaker, by_rank);
    while (m < top && (a < nsingles || b < nstrong)) {
        if (b < nstrong && (a >= nsingles || by_rank(&strong[b], &singles[a]) < 0))
            out[m++] = strong[b++];
        else
            out[m++] = singles[a++];
    }
    for (k = 0; m < top && k < nweaker; k++)
        out[m++] = weaker[k];
    if (m >= top || !pairs || min_count > 1)
        return m;
    /* a text with few words (a headline alone): the pairs of adjacent words said once */
    fill = weaker + t->nphrases;
    for (x = 0; x + 1 < t->n; x++) {
        const struct sift_kw_key *k1, *k2;
        if ((t->flags[x + 1] & SIFT_TERM_BREAK) || t->in_name[x] || t->in_name[x + 1])
            continue;
        if (t->table[run_slot(t, t->ids + x, 2)])
            continue; /* a recurring run, listed already */
        k1 = &t->keys[t->ids[x] - 1];
        k2 = &t->keys[t->ids[x + 1] - 1];
        fill[nfill].kind = SIFT_KW_PAIR;
        fill[nfill].index = x;
        fill[nfill].count = 1;
        fill[nfill].words = 2;
        fill[nfill].first = (unsigned)x;
        fill[nfill].score = (1 + 1 / (1 + x * tenth)) * (k1->chars + k2->chars) / 2;
        nfill++;
    }
    qsort(fill, nfill, sizeof *fill, by_rank);
    for (k = 0; m < top && k < nfill; k++)
        out[m++] = fill[k];
    return m;
}
