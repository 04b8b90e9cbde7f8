/*
 * tools/gen_ner_model.c - trains the entity tagger's averaged perceptron on CoNLL-2003's eng.train and
 * writes it as C (src/entities/generated/ner_model.c). `make ner-model` builds and runs it.
 *
 * usage: build/gen_ner_model ENG_TRAIN OUT.c [EPOCHS [PRUNE [SHA256]]]
 *   PRUNE: features whose largest rounded weight is below this are dropped (default 1: only zeros)
 *
 * Each article of the training file becomes one text as the tagger will see it: tokens joined by
 * single spaces, sentences by newlines (the same as eval/ner.lua does with eng.testa). The
 * text goes through the engine's own preparation and feature code, so training and tagging see
 * the same features; the gold IOB1 tags are projected onto sift's tokens by byte offsets. Training
 * is greedy, left to right, on the model's own previous labels, as tagging is; the order of the
 * articles is shuffled each epoch by a fixed generator, so a run is repeatable. The averaged
 * weights are rounded to 16-bit integers, and features whose weights all round to 0 are dropped.
 *
 * Nothing from eng.testa is used here.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entities/doc.h"
#include "entities/model.h"
#include "text/tokens.h"

#define NL SIFT_NL__COUNT

/* ---- memory for the engine: malloc'd blocks, freed together ---- */

struct arena {
    void **blocks;
    size_t n, cap;
};

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "gen_ner_model: out of memory\n");
        exit(1);
    }
    return p;
}

static void *arena_alloc(void *ud, size_t size)
{
    struct arena *a = ud;
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 64;
        a->blocks = realloc(a->blocks, a->cap * sizeof *a->blocks);
        if (!a->blocks) {
            fprintf(stderr, "gen_ner_model: out of memory\n");
            exit(1);
        }
    }
    return a->blocks[a->n++] = xmalloc(size);
}

/* ---- reading CoNLL-2003 ---- */

struct doc {
    char *text;
    size_t len;
    struct sift_ndoc nd;
    uint8_t *gold; /* per sift token */
};

struct span {
    size_t i, j;
    int cls; /* 1 PER, 2 ORG, 3 LOC, 4 MISC */
};

static int class_of(const char *tag)
{
    if (strcmp(tag + 2, "PER") == 0)
        return 1;
    if (strcmp(tag + 2, "ORG") == 0)
        return 2;
    if (strcmp(tag + 2, "LOC") == 0)
        return 3;
    if (strcmp(tag + 2, "MISC") == 0)
        return 4;
    return 0;
}

/* Reads the articles of path: their texts and gold spans. */
static struct doc *read_conll(const char *path, size_t *ndocs, struct span ***spans_out, size_t **nspans_out)
{
    FILE *f = fopen(path, "rb");
    char line[4096];
    struct doc *docs = NULL;
    struct span **spans = NULL;
    size_t *nspans = NULL, n = 0, cap = 0;
    char *text = NULL;
    size_t len = 0, tcap = 0, ns = 0, scap = 0;
    struct span *sp = NULL;
    int in_sentence = 0, prev_cls = 0, eof = 0;

    if (!f) {
        perror(path);
        exit(1);
    }
    while (!eof) {
        char word[1024], pos[64], chunk[64], tag[64];
        int docstart;
        eof = !fgets(line, sizeof line, f);
        docstart = !eof && strncmp(line, "-DOCSTART-", 10) == 0;
        if (eof || docstart) {
            if (len > 0) {
                if (n == cap) {
                    cap = cap ? 2 * cap : 256;
                    docs = realloc(docs, cap * sizeof *docs);
                    spans = realloc(spans, cap * sizeof *spans);
                    nspans = realloc(nspans, cap * sizeof *nspans);
                    if (!docs || !spans || !nspans)
                        exit(1);
                }
                memset(&docs[n], 0, sizeof docs[n]);
                docs[n].text = text;
                docs[n].len = len;
                spans[n] = sp;
                nspans[n] = ns;
                n++;
                text = NULL;
                len = tcap = ns = scap = 0;
                sp = NULL;
            }
            in_sentence = 0;
            prev_cls = 0;
            continue;
        }
        if (sscanf(line, "%1023s %63s %63s %63s", word, pos, chunk, tag) != 4) {
            /* a blank line ends a sentence */
            if (in_sentence) {
                in_sentence = 0;
            }
            prev_cls = 0;
            continue;
        }
        {
            size_t wl = strlen(word);
            int cls = tag[0] == 'O' ? 0 : class_of(tag);
            if (len + wl + 2 > tcap) {
                tcap = 2 * (len + wl + 2) + 4096;
                text = realloc(text, tcap);
                if (!text)
                    exit(1);
            }
            if (len > 0)
                text[len++] = in_sentence ? ' ' : '\n';
            if (cls && (cls != prev_cls || tag[0] == 'B')) {
                if (ns == scap) {
                    scap = scap ? 2 * scap : 64;
                    sp = realloc(sp, scap * sizeof *sp);
                    if (!sp)
                        exit(1);
                }
                sp[ns].i = len;
                sp[ns].cls = cls;
                ns++;
            }
            memcpy(text + len, word, wl);
            len += wl;
            if (cls)
                sp[ns - 1].j = len;
            prev_cls = cls;
            in_sentence = 1;
        }
    }
    fclose(f);
    *ndocs = n;
    *spans_out = spans;
    *nspans_out = nspans;
    return docs;
}

/* Gold labels of the sift tokens: a token that starts a span is B-, one inside it I-. */
static void project(struct doc *doc, const struct span *sp, size_t ns)
{
    size_t k, s = 0;
    doc->gold = xmalloc(doc->nd.n + 1);
    for (k = 0; k < doc->nd.n; k++) {
        const struct sift_ntok *t = &doc->nd.t[k];
        while (s < ns && sp[s].j <= t->i)
            s++;
        if (s < ns && sp[s].i <= t->i && t->j <= sp[s].j)
            doc->gold[k] = (uint8_t)(t->i == sp[s].i ? 2 * sp[s].cls - 1 : 2 * sp[s].cls);
        else
            doc->gold[k] = SIFT_NL_O;
    }
}

/* ---- the perceptron being trained ---- */

struct wrow {
    uint64_t key;
    float w[NL], total[NL];
    long stamp[NL];
};

static struct wrow *rows;
static size_t rmask, nrows;
static long now;

static struct wrow *row(uint64_t key, int create)
{
    size_t k;
    if (create && 2 * (nrows + 1) > rmask + 1) {
        size_t old = rmask + 1, x;
        struct wrow *o = rows;
        rmask = old * 2 - 1;
        rows = calloc(rmask + 1, sizeof *rows);
        if (!rows)
            exit(1);
        for (x = 0; x < old; x++)
            if (o[x].key) {
                for (k = (size_t)o[x].key & rmask; rows[k].key; k = (k + 1) & rmask)
                    ;
                rows[k] = o[x];
            }
        free(o);
    }
    for (k = (size_t)key & rmask; rows[k].key; k = (k + 1) & rmask)
        if (rows[k].key == key)
            return &rows[k];
    if (!create)
        return NULL;
    rows[k].key = key;
    nrows++;
    return &rows[k];
}

static void update(uint64_t key, int label, float delta)
{
    struct wrow *r = row(key, 1);
    r->total[label] += (float)(now - r->stamp[label]) * r->w[label];
    r->stamp[label] = now;
    r->w[label] += delta;
}

static void scores(const uint64_t *f, size_t n, float *s)
{
    size_t x;
    int l;
    for (l = 0; l < NL; l++)
        s[l] = 0;
    for (x = 0; x < n; x++) {
        const struct wrow *r = row(f[x], 0);
        if (r)
            for (l = 0; l < NL; l++)
                s[l] += r->w[l];
    }
}


/* One pass over a document: decode as the tagger does, update where the label is wrong.
 * Returns the number of mistakes. */
static size_t train_doc(struct doc *doc)
{
    struct sift_ndoc *d = &doc->nd;
    uint64_t feats[SIFT_NER_MAX_FEATURES];
    int prev1 = 0, prev2 = 0;
    size_t k, wrong = 0;

    for (k = 0; k < d->n; k++) {
        const struct sift_ntok *t = &d->t[k];
        int best = SIFT_NL_O, l;
        if (t->flags & SIFT_NF_LINE_START)
            prev1 = prev2 = SIFT_NL_O;
        if ((t->flags & SIFT_NF_CANDIDATE) || (prev1 != SIFT_NL_O && sift_ner_may_continue(d, k))) {
            size_t n = sift_ner_features(d, k, prev1, prev2, feats), x;
            float s[NL];
            int gold = doc->gold[k];
            now++;
            scores(feats, n, s);
            for (l = 1; l < NL; l++) {
                if (!sift_ner_label_allowed(l, prev1, (t->flags & SIFT_NF_CANDIDATE) != 0))
                    continue;
                if (s[l] > s[best])
                    best = l;
            }
            if (best != gold) {
                wrong++;
                for (x = 0; x < n; x++) {
                    update(feats[x], gold, 1.0f);
                    update(feats[x], best, -1.0f);
                }
            }
        }
        prev2 = prev1;
        prev1 = best;
    }
    return wrong;
}

static uint64_t rng = 0x853c49e6748fea9bu;
static size_t next_rand(size_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (size_t)(rng % n);
}

static int cmp_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    struct span **spans;
    size_t *nspans, ndocs, k, *order, ntok = 0, nent = 0;
    struct doc *docs;
    struct arena arena = { NULL, 0, 0 };
    int epochs = argc > 3 ? atoi(argv[3]) : 10, e;
    int prune = argc > 4 ? atoi(argv[4]) : 1;
    const char *sha = argc > 5 ? argv[5] : "not given";
    FILE *out;
    float maxw = 0, scale;
    size_t kept = 0, slots;
    uint64_t *keys;
    int16_t (*qw)[NL];

    if (argc < 3 || epochs < 1) {
        fprintf(stderr, "usage: %s ENG_TRAIN OUT.c [EPOCHS [PRUNE [SHA256]]]\n", argv[0]);
        return 2;
    }
    docs = read_conll(argv[1], &ndocs, &spans, &nspans);
    for (k = 0; k < ndocs; k++) {
        if (sift_ner_prepare(&docs[k].nd, docs[k].text, docs[k].len, NULL, arena_alloc, &arena) != 0)
            return 1;
        project(&docs[k], spans[k], nspans[k]);
        ntok += docs[k].nd.n;
        nent += nspans[k];
    }
    fprintf(stderr, "gen_ner_model: %zu articles, %zu tokens, %zu entities\n", ndocs, ntok, nent);

    rmask = (1u << 16) - 1;
    rows = calloc(rmask + 1, sizeof *rows);
    order = xmalloc(ndocs * sizeof *order);
    for (k = 0; k < ndocs; k++)
        order[k] = k;
    for (e = 0; e < epochs; e++) {
        size_t wrong = 0;
        for (k = ndocs; k > 1; k--) {
            size_t r = next_rand(k), tmp = order[k - 1];
            order[k - 1] = order[r];
            order[r] = tmp;
        }
        for (k = 0; k < ndocs; k++)
            wrong += train_doc(&docs[order[k]]);
        fprintf(stderr, "gen_ner_model: epoch %d: %zu mistakes, %zu features\n", e + 1, wrong, nrows);
    }

    /* averaged weights, in place of the last ones */
    for (k = 0; k <= rmask; k++)
        if (rows[k].key) {
            int l;
            for (l = 0; l < NL; l++) {
                float avg = (rows[k].total[l] + (float)(now - rows[k].stamp[l]) * rows[k].w[l]) / (float)now;
                rows[k].w[l] = avg;
                if (fabsf(avg) > maxw)
                    maxw = fabsf(avg);
            }
        }
    scale = maxw > 0 ? 32000.0f / maxw : 1;
    keys = xmalloc((nrows + 1) * sizeof *keys);
    for (k = 0; k <= rmask; k++)
        if (rows[k].key) {
            int l, any = 0;
            for (l = 0; l < NL; l++)
                any |= labs(lrintf(rows[k].w[l] * scale)) >= prune;
            if (any)
                keys[kept++] = rows[k].key;
        }
    qsort(keys, kept, sizeof *keys, cmp_key);
    slots = 1024;
    while (slots < kept + kept / 2)
        slots *= 2;
    {
        uint64_t *table = calloc(slots, sizeof *table);
        qw = calloc(slots, sizeof *qw);
        if (!table || !qw)
            return 1;
        for (k = 0; k < kept; k++) {
            size_t s = (size_t)keys[k] & (slots - 1);
            const struct wrow *r = row(keys[k], 0);
            int l;
            while (table[s])
                s = (s + 1) & (slots - 1);
            table[s] = keys[k];
            for (l = 0; l < NL; l++)
                qw[s][l] = (int16_t)lrintf(r->w[l] * scale);
        }
        out = fopen(argv[2], "wb");
        if (!out) {
            perror(argv[2]);
            return 1;
        }
        fprintf(out,
                "/*\n"
                " * entities/generated/ner_model.c - the entity tagger's averaged perceptron (see\n"
                " * entities/model.h, perceptron.c, features.c).\n"
                " *\n"
                " * GENERATED by tools/gen_ner_model.c - do not edit; run `make ner-model` to retrain.\n"
                " * Trained on CoNLL-2003 eng.train, sha256 %s:\n"
                " * %zu articles, %zu tokens, %zu entities; tokens joined by spaces, sentences by newlines;\n"
                " * %d epochs, greedy decoding,"
                " articles shuffled by a fixed xorshift generator. Weights: averaged, times %.3f, rounded;\n"
                " * %zu of %zu features kept (the others' weights all round below %d).\n"
                " * Gazetteer: src/entities/generated/gazetteer_data.c (tools/gen_gazetteer_data.lua).\n"
                " */\n"
                "#include \"entities/model.h\"\n\n"
                "static const struct sift_pslot slots[%zu] = {\n",
                sha, ndocs, ntok, nent, epochs, (double)scale, kept, nrows, prune, slots);
        for (k = 0; k < slots; k++) {
            int l;
            if (!table[k]) {
                fputs("{0,{0}},\n", out);
                continue;
            }
            fprintf(out, "{0x%016llxu,{", (unsigned long long)table[k]);
            for (l = 0; l < NL; l++)
                fprintf(out, l ? ",%d" : "%d", qw[k][l]);
            fputs("}},\n", out);
        }
        fprintf(out, "};\n\nconst struct sift_model sift_ner_model = { %zu, slots, %zu };\n", slots - 1, kept);
        fclose(out);
        free(table);
    }
    fprintf(stderr, "gen_ner_model: wrote %s: %zu features, %zu slots\n", argv[2], kept, slots);
    for (k = 0; k < arena.n; k++)
        free(arena.blocks[k]);
    free(arena.blocks);
    return 0;
}
