/*
 * analysis.c - one pass over a text's terms for keyword ranking and summaries (see analysis.h).
 */
#include <math.h>
#include <string.h>

#include "keywords/analysis.h"
#include "text/tokens.h"

/* The distinct written forms of a key kept to find its most frequent one ("Elections", "elected"). */
#define TERM_FORMS 4

struct sift_key_stats {
    unsigned count, capital, first, last; /* terms; capitalised ones; term indexes, 0-based */
    size_t key_off, key_len;              /* the key's bytes in the key table's arena */
    size_t form_i[TERM_FORMS], form_len[TERM_FORMS];
    unsigned form_weight[TERM_FORMS], nforms;
};

/* Counts the written form s[i..i+len) for st: twice, or once at a sentence start or in the headline,
 * where a capital is not the word's own. */
static void count_form(struct sift_key_stats *st, const char *s, size_t i, size_t len, unsigned weight)
{
    unsigned f;

    for (f = 0; f < st->nforms; f++)
        if (st->form_len[f] == len && memcmp(s + st->form_i[f], s + i, len) == 0) {
            st->form_weight[f] += weight;
            return;
        }
    if (st->nforms < TERM_FORMS) {
        st->form_i[f] = i;
        st->form_len[f] = len;
        st->form_weight[f] = weight;
        st->nforms++;
    }
}

/* A copy of the block *p (used elements of elem bytes) with room for cap; -1 without memory. */
static int regrow(void **p, size_t used, size_t cap, size_t elem, sift_alloc_fn alloc, void *ud)
{
    void *np = alloc(ud, cap * elem);

    if (!np)
        return -1;
    if (used)
        memcpy(np, *p, used * elem);
    *p = np;
    return 0;
}

/* Room for n + 1 terms in the four per-term arrays. */
static int grow_terms(struct sift_analyse_work *w, sift_alloc_fn alloc, void *ud)
{
    size_t cap = w->cap;

    if (w->n + 1 <= cap)
        return 0;
    while (cap < w->n + 1)
        cap *= 2;
    if (regrow((void **)&w->ids, w->n, cap, sizeof *w->ids, alloc, ud)
        || regrow((void **)&w->flags, w->n, cap, sizeof *w->flags, alloc, ud)
        || regrow((void **)&w->term_len, w->n, cap, sizeof *w->term_len, alloc, ud)
        || regrow((void **)&w->term_i, w->n, cap, sizeof *w->term_i, alloc, ud))
        return -1;
    w->cap = cap;
    return 0;
}

/* A new key: id nkeys + 1, its bytes at key_off in the key table, first seen at term w->n. */
static int new_key(struct sift_analyse_work *w, size_t key_off, size_t key_len, sift_alloc_fn alloc, void *ud)
{
    struct sift_key_stats *st;

    if (w->nkeys + 1 > w->stats_cap) {
        size_t cap = w->stats_cap * 2;
        if (regrow((void **)&w->stats, w->nkeys, cap, sizeof *w->stats, alloc, ud))
            return -1;
        w->stats_cap = cap;
    }
    st = &w->stats[w->nkeys++];
    st->count = 0, st->first = (unsigned)w->n, st->capital = 0;
    st->key_off = key_off, st->key_len = key_len;
    st->nforms = 0;
    return 0;
}

/* The id of the term's key, added when new (a British stem takes the id of its American one);
 * 0 without memory. */
static unsigned key_id(struct sift_analyse_work *w, const char *key, size_t keylen, const struct sift_analyse_opts *o,
                       sift_alloc_fn alloc, void *ud)
{
    unsigned long h = sift_key_hash(key, keylen);
    unsigned id = sift_keytable_find(&w->kt, key, keylen, h);
    const char *a;
    size_t alen;

    if (id)
        return id;
    if (o->spelling && (a = o->spelling(o->ud, key, keylen, &alen)) != NULL) {
        unsigned long ah = sift_key_hash(a, alen);
        id = sift_keytable_find(&w->kt, a, alen, ah);
        if (id == 0) { /* the American key is new too: it takes a new id */
            if (new_key(w, w->kt.nbytes, alen, alloc, ud))
                return 0;
            id = (unsigned)w->nkeys;
            if (sift_keytable_insert(&w->kt, a, alen, ah, id))
                return 0;
        }
    }
    if (id == 0) {
        if (new_key(w, w->kt.nbytes, keylen, alloc, ud))
            return 0;
        id = (unsigned)w->nkeys;
    }
    return sift_keytable_insert(&w->kt, key, keylen, h, id) ? 0 : id;
}

int sift_analyse_count(struct sift_analyse_work *w, const char *s, size_t len, const struct sift_analyse_opts *o,
                       sift_alloc_fn alloc, void *ud)
{
    struct sift_terms t;
    struct sift_term term;
    char key[SIFT_TERM_KEY_MAX];
    size_t guess, slots, k, skip = 0;

    memset(w, 0, sizeof *w);
    /* sized for the usual news text, a term every 6 bytes or so and half of them distinct, so
     * that most articles need no growing */
    guess = len / 6 + 16;
    for (slots = 64; slots < guess; slots *= 2)
        ;
    w->cap = guess, w->stats_cap = guess / 2;
    w->ids = alloc(ud, guess * sizeof *w->ids);
    w->flags = alloc(ud, guess * sizeof *w->flags);
    w->term_len = alloc(ud, guess * sizeof *w->term_len);
    w->term_i = alloc(ud, guess * sizeof *w->term_i);
    w->stats = alloc(ud, w->stats_cap * sizeof *w->stats);
    if (!w->ids || !w->flags || !w->term_len || !w->term_i || !w->stats
        || sift_keytable_init(&w->kt, slots, guess * 4, alloc, ud))
        return SIFT_ENOMEM;
    sift_terms_init(&t, s, len, o->stop, o->cache);
    while (sift_terms_next(&t, &term, key)) {
        struct sift_key_stats *st;
        unsigned id;
        int in_head = (long long)term.i + 1 <= o->head_end;
        if (w->n >= 0xFFFFFFFFu)
            return SIFT_ETOOBIG;
        if (grow_terms(w, alloc, ud) || (id = key_id(w, key, term.keylen, o, alloc, ud)) == 0)
            return SIFT_ENOMEM;
        st = &w->stats[id - 1];
        st->count++;
        st->last = (unsigned)w->n;
        if ((term.flags & SIFT_TERM_UPPER)
            || ((term.flags & SIFT_TERM_CAPITAL) && !(term.flags & SIFT_TERM_START)))
            st->capital++;
        count_form(st, s, term.i, term.j - term.i, (term.flags & SIFT_TERM_START) || in_head ? 1 : 2);
        w->ids[w->n] = id;
        w->flags[w->n] = term.flags;
        w->term_i[w->n] = term.i;
        w->term_len[w->n] = (unsigned)((term.j - term.i) & 0xFFFF);
        if (in_head) {
            w->head_terms++;
            w->head_caps += (term.flags & (SIFT_TERM_CAPITAL | SIFT_TERM_UPPER)) != 0;
        }
        w->n++;
    }
    /* a headline in title case starts no names: its capitals say nothing */
    if (w->head_terms >= 3 && 10 * w->head_caps >= 7 * w->head_terms)
        skip = w->head_terms;
    w->in_name = alloc(ud, w->n + 1);
    w->spans = alloc(ud, (w->n + 1) * sizeof *w->spans);
    w->nslots = o->phrases ? sift_gram_slots(w->n) : 1;
    w->grams = alloc(ud, w->nslots * sizeof *w->grams);
    if (!w->in_name || !w->spans || !w->grams)
        return SIFT_ENOMEM;
    memset(w->in_name, 0, w->n + 1);
    w->nnames = w->n && o->phrases ? sift_name_spans(w->flags, w->n, skip, o->max_words, w->in_name, w->spans) : 0;
    memset(w->grams, 0, w->nslots * sizeof *w->grams);
    if (w->n && o->phrases)
        sift_count_grams(w->grams, w->nslots, w->ids, w->flags, w->in_name, w->n);
    for (k = 0; k < w->nslots; k++)
        w->recurring += w->grams[k].code && w->grams[k].count >= 2;
    w->tslots = sift_kw_table_slots(w->nnames, w->recurring);
    return 0;
}

/* Carves n elements of size elem, aligned for any of them, from the block at *at. */
static void *carve(char **at, size_t n, size_t elem)
{
    void *p = *at;
    size_t size = (n * elem + 15) & ~(size_t)15;

    *at += size;
    return p;
}

static size_t carve_size(size_t n, size_t elem)
{
    return (n * elem + 15) & ~(size_t)15;
}

size_t sift_analysis_size(const struct sift_analyse_work *w)
{
    size_t n = w->n, nkeys = w->nkeys;

    return carve_size(1, sizeof(struct sift_analysis)) + carve_size(n, sizeof(unsigned)) * 3 + carve_size(n, 1)
           + carve_size(n, sizeof(size_t)) + carve_size(nkeys, sizeof(struct sift_kw_key))
           + carve_size(nkeys, sizeof(size_t)) * 2 + carve_size(nkeys, sizeof(unsigned)) * 2
           + carve_size(w->nnames + w->recurring, sizeof(struct sift_kw_phrase))
           + carve_size(w->tslots, sizeof(size_t)) + carve_size(w->kt.nbytes, 1);
}

/* Code points in s[0..len): bytes other than UTF-8 continuation bytes. */
static unsigned code_points(const char *s, size_t len)
{
    unsigned n = 0;
    size_t k;

    for (k = 0; k < len; k++)
        n += ((unsigned char)s[k] & 0xC0) != 0x80;
    return n;
}

struct sift_analysis *sift_analysis_build(const struct sift_analyse_work *w, void *block, size_t len,
                                          const struct sift_analyse_opts *o)
{
    char *at = block;
    struct sift_analysis *an = carve(&at, 1, sizeof *an);
    size_t n = w->n, nkeys = w->nkeys, k;

    an->kw.keys = carve(&at, nkeys, sizeof(struct sift_kw_key));
    an->kw.nkeys = nkeys;
    an->kw.ids = memcpy(carve(&at, n, sizeof(unsigned)), w->ids, n * sizeof(unsigned));
    an->kw.flags = memcpy(carve(&at, n, sizeof(unsigned)), w->flags, n * sizeof(unsigned));
    an->kw.in_name = memcpy(carve(&at, n, 1), w->in_name, n);
    an->kw.n = n;
    an->term_i = memcpy(carve(&at, n, sizeof(size_t)), w->term_i, n * sizeof(size_t));
    an->term_len = memcpy(carve(&at, n, sizeof(unsigned)), w->term_len, n * sizeof(unsigned));
    an->form_i = carve(&at, nkeys, sizeof(size_t));
    an->key_off = carve(&at, nkeys, sizeof(size_t));
    an->form_len = carve(&at, nkeys, sizeof(unsigned));
    an->key_len = carve(&at, nkeys, sizeof(unsigned));
    an->bytes = memcpy(carve(&at, w->kt.nbytes, 1), w->kt.bytes, w->kt.nbytes);
    an->len = len;
    an->head_end = o->head_end;
    an->phrases = o->phrases;
    an->maxkey = 0;
    for (k = 0; k < nkeys; k++) {
        const struct sift_key_stats *st = &w->stats[k];
        struct sift_kw_key *kk = &an->kw.keys[k];
        const char *kb = an->bytes + st->key_off;
        unsigned f, best = 0;
        kk->count = st->count, kk->capital = st->capital, kk->first = st->first, kk->last = st->last;
        kk->chars = code_points(kb, st->key_len);
        kk->weak = o->weak && sift_wordset_has(o->weak, kb, st->key_len);
        kk->head = o->headline ? o->headline(o->ud, kb, st->key_len) != 0 : 0;
        kk->weight = 1;
        /* each key's most frequent written form, ties to the first seen */
        for (f = 1; f < st->nforms; f++)
            if (st->form_weight[f] > st->form_weight[best])
                best = f;
        an->form_i[k] = st->form_i[best];
        an->form_len[k] = (unsigned)st->form_len[best];
        an->key_off[k] = st->key_off;
        an->key_len[k] = (unsigned)st->key_len;
        if (st->key_len > an->maxkey)
            an->maxkey = st->key_len;
    }
    sift_kw_phrases(&an->kw, w->spans, w->nnames, w->grams, w->nslots,
                    carve(&at, w->nnames + w->recurring, sizeof(struct sift_kw_phrase)),
                    carve(&at, w->tslots, sizeof(size_t)), w->tslots);
    return an;
}

size_t sift_analysis_key_room(const struct sift_analysis *an)
{
    return SIFT_KW_MAX_WORDS * (an->maxkey + 1) + 1;
}

size_t sift_analysis_run_key(const struct sift_analysis *an, size_t first, size_t words, char *buf)
{
    size_t x, m = 0;

    for (x = first; x < first + words; x++) {
        unsigned id = an->kw.ids[x] - 1;
        if (x > first)
            buf[m++] = ' ';
        memcpy(buf + m, an->bytes + an->key_off[id], an->key_len[id]);
        m += an->key_len[id];
    }
    return m;
}

const char *sift_analysis_key(const struct sift_analysis *an, size_t k, size_t *len)
{
    *len = an->key_len[k];
    return an->bytes + an->key_off[k];
}

const char *sift_analysis_entry_key(const struct sift_analysis *an, const struct sift_kw_entry *e, char *buf,
                                    size_t *len)
{
    if (e->kind == SIFT_KW_WORD)
        return sift_analysis_key(an, e->index, len);
    *len = sift_analysis_run_key(an, e->first, e->words, buf);
    return buf;
}

int sift_analysis_label(const struct sift_analysis *an, const char *s, size_t len, const struct sift_kw_entry *e,
                        size_t *from, size_t *to)
{
    size_t f, l;
    unsigned id;
    int name;

    if (e->kind == SIFT_KW_WORD) {
        *from = an->form_i[e->index];
        *to = *from + an->form_len[e->index];
        return 0;
    }
    f = e->first, l = e->first + e->words - 1;
    *from = an->term_i[f], *to = an->term_i[l] + an->term_len[l];
    id = an->kw.ids[f] - 1;
    name = e->kind == SIFT_KW_PHRASE && an->kw.phrases[e->index].name;
    if (*to > len || *from > *to)
        *to = *from = 0;
    return *to > *from && !name && ((an->kw.flags[f] & SIFT_TERM_START) || (long long)*from + 1 <= an->head_end)
           && s[*from] >= 'A' && s[*from] <= 'Z' && s[an->form_i[id]] >= 'a' && s[an->form_i[id]] <= 'z';
}

void sift_analysis_weights(const struct sift_analysis *an, double *wa, double *wb)
{
    size_t k;

    wa[0] = wb[0] = 0;
    for (k = 1; k <= an->kw.nkeys; k++) {
        unsigned c = an->kw.keys[k - 1].count;
        wa[k] = 0;
        wb[k] = c > 1 ? log((double)c) : 0;
    }
}

void sift_analysis_part(const struct sift_analysis *an, long long i, long long j, double w, double *wa)
{
    size_t lo = 0, hi = an->kw.n, x;

    /* the first term at or after byte i: terms are in text order */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((long long)an->term_i[mid] + 1 < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (x = lo; x < an->kw.n && (long long)an->term_i[x] + 1 <= j; x++)
        if (w > wa[an->kw.ids[x]])
            wa[an->kw.ids[x]] = w;
}

void sift_analysis_sentences(const struct sift_analysis *an, const long long *span, size_t nsent, int *sent)
{
    size_t k, s;

    /* both lists are in text order */
    for (k = 0, s = 0; k < an->kw.n; k++) {
        long long i = (long long)an->term_i[k] + 1;
        sent[k] = -1;
        while (s < nsent && i > span[2 * s + 1])
            s++;
        if (s < nsent && i >= span[2 * s])
            sent[k] = (int)s;
    }
}

/* ---- the public entry: the keywords of one text, through the steps above (include/sift.h) ---- */

int sift_keywords(const char *s, size_t len, const struct sift_keywords_opts *opts, sift_alloc_fn alloc,
                  void *ud, struct sift_keyword **out, size_t *n)
{
    static const struct sift_keywords_opts defaults;
    struct sift_analyse_opts o;
    struct sift_analyse_work w;
    struct sift_analysis *an;
    struct sift_kw_entry *scratch, *ranked;
    struct sift_keyword *kw;
    void *block;
    char *buf;
    size_t k, m, cap, top;
    int rc;

    *out = NULL;
    *n = 0;
    if (!opts)
        opts = &defaults;
    if (opts->max_words != 0 && (opts->max_words < 2 || opts->max_words > SIFT_KW_MAX_WORDS))
        return SIFT_EINVALID;
    /* what sift.core._analyse does with no spelling table, no headline given apart, and no cache
     * (the stems are the same without one) */
    memset(&o, 0, sizeof o);
    o.stop = opts->stop;
    o.weak = opts->weak;
    o.head_end = (long long)opts->head_end;
    o.max_words = opts->max_words ? opts->max_words : 4;
    o.phrases = !(opts->flags & SIFT_KEYWORDS_NO_PHRASES);
    rc = sift_analyse_count(&w, s, len, &o, alloc, ud);
    if (rc != SIFT_OK)
        return rc;
    block = alloc(ud, sift_analysis_size(&w));
    if (!block)
        return SIFT_ENOMEM;
    an = sift_analysis_build(&w, block, len, &o);

    /* then what sift.core._rank does with no idf: every weight 1 */
    for (k = 0; k < an->kw.nkeys; k++)
        an->kw.keys[k].weight = 1;
    for (k = 0; k < an->kw.nphrases; k++)
        an->kw.phrases[k].weight = 1;
    cap = sift_kw_scratch(&an->kw);
    top = opts->top ? opts->top : 20;
    if (top > cap)
        top = cap;
    scratch = alloc(ud, (cap + 1) * sizeof *scratch);
    ranked = alloc(ud, (top + 1) * sizeof *ranked);
    buf = alloc(ud, sift_analysis_key_room(an));
    if (!scratch || !ranked || !buf)
        return SIFT_ENOMEM;
    m = sift_kw_rank(&an->kw, opts->min_count ? opts->min_count : 1, top,
                     !(opts->flags & SIFT_KEYWORDS_NO_PAIRS) && an->phrases, ranked, scratch);

    /* each keyword's key and term, copied out of the analysis and the text, 0-ended */
    kw = alloc(ud, (m + 1) * sizeof *kw);
    if (!kw)
        return SIFT_ENOMEM;
    for (k = 0; k < m; k++) {
        const struct sift_kw_entry *e = &ranked[k];
        size_t klen, from, to;
        const char *key = sift_analysis_entry_key(an, e, buf, &klen);
        int lower = sift_analysis_label(an, s, len, e, &from, &to);
        char *p = alloc(ud, klen + (to - from) + 2);
        if (!p)
            return SIFT_ENOMEM;
        memcpy(p, key, klen);
        p[klen] = '\0';
        kw[k].key = p;
        kw[k].key_len = klen;
        p += klen + 1;
        memcpy(p, s + from, to - from);
        p[to - from] = '\0';
        if (lower) /* the label's first byte is an ASCII capital */
            p[0] = (char)(p[0] + ('a' - 'A'));
        kw[k].term = p;
        kw[k].term_len = to - from;
        kw[k].i = from;
        kw[k].j = to;
        kw[k].count = e->count;
        kw[k].words = e->words;
        kw[k].score = e->score;
    }
    *out = kw;
    *n = m;
    return SIFT_OK;
}
