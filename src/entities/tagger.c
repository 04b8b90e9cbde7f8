/*
 * tagger.c - the entity tagger's pipeline (see tagger.h): tokens and their gazetteer categories,
 * the model's labels, then the rules that know what the model cannot (a title before a name, the
 * head word of an organisation, an acronym beside its expansion, the finer OntoNotes types, the
 * user's own names), numbers and dates, and finally the linking of mentions into entities.
 */
#include "entities/tagger.h"

#include <string.h>

#include "entities/doc.h"
#include "entities/linker.h"
#include "entities/marks.h"
#include "entities/model.h"
#include "entities/numex.h"
#include "text/tokens.h"

static const char *const type_names[SIFT_ENT__COUNT] = {
    NULL, "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "MISC",
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"
};

/* CoNLL-2003 has no facility or political-entity class: facilities and places are its LOC,
 * nationalities and events its MISC, and it leaves numbers and dates out. */
static const char *const conll_names[SIFT_ENT__COUNT] = {
    NULL, "PER", "MISC", "LOC", "ORG", "LOC", "LOC", "MISC", "MISC",
    NULL, NULL, NULL, NULL, NULL, NULL, NULL
};

const char *sift_entity_type_name(int type)
{
    return type > 0 && type < SIFT_ENT__COUNT ? type_names[type] : NULL;
}

const char *sift_entity_type_conll(int type)
{
    return type > 0 && type < SIFT_ENT__COUNT ? conll_names[type] : NULL;
}

int sift_entity_type_from_name(const char *name, size_t len)
{
    int t;
    for (t = 1; t < SIFT_ENT__COUNT; t++)
        if (strlen(type_names[t]) == len && memcmp(type_names[t], name, len) == 0)
            return t;
    return SIFT_ENT_NONE;
}

/* ---- the caller's tagger: one block, the struct and then its user gazetteer ---- */

#if SIFT_TAGGER_MAX_TOKENS != SIFT_GAZ_MAX_TOKENS
#error "sift.h's SIFT_TAGGER_MAX_TOKENS is the gazetteer's SIFT_GAZ_MAX_TOKENS"
#endif

/* Where the gazetteer starts in the block: after the struct, aligned for its 64-bit keys. */
#define TAGGER_HEAD ((sizeof(struct sift_tagger) + 15) / 16 * 16)

size_t sift_tagger_name_tokens(const char *name, size_t len)
{
    return sift_gaz_phrase_tokens(name, len);
}

size_t sift_tagger_size(size_t ntokens)
{
    return TAGGER_HEAD + sift_gaz_user_size(ntokens);
}

struct sift_tagger *sift_tagger_init(void *mem, size_t ntokens)
{
    struct sift_tagger *tagger = mem;
    tagger->user = sift_gaz_user_init((char *)mem + TAGGER_HEAD, ntokens);
    return tagger;
}

/* Adds a name with categories cats and type (0: none) to the tagger's gazetteer. */
static int tagger_add(struct sift_tagger *tagger, const char *name, size_t len, uint32_t cats, uint32_t type)
{
    size_t nt = sift_gaz_phrase_tokens(name, len);
    if (nt == 0 || nt > SIFT_TAGGER_MAX_TOKENS)
        return SIFT_EINVALID;
    /* the name's tokens are right, so the gazetteer refuses it only when full */
    if (sift_gaz_user_add((struct sift_gazetteer *)(void *)((char *)tagger + TAGGER_HEAD), name, len, cats,
                          type) != 0)
        return SIFT_ETOOBIG;
    return SIFT_OK;
}

int sift_tagger_add_entity(struct sift_tagger *tagger, const char *name, size_t len, int type)
{
    if (type <= SIFT_ENT_NONE || type >= SIFT_ENT__COUNT)
        return SIFT_EINVALID;
    return tagger_add(tagger, name, len, 0, (uint32_t)type);
}

int sift_tagger_add_word(struct sift_tagger *tagger, int list, const char *name, size_t len)
{
    switch (list) {
    case SIFT_TAGGER_TITLE:
        return tagger_add(tagger, name, len, SIFT_GAZ_BIT(SIFT_GAZ_TITLE), 0);
    case SIFT_TAGGER_ORG_HEAD:
        return tagger_add(tagger, name, len, SIFT_GAZ_BIT(SIFT_GAZ_ORG_HEAD), 0);
    }
    return SIFT_EINVALID;
}

/* 1 if no entity overlapping [a, b) reaches outside it and every one there is of an allowed
 * type (a bit set of types; 0 allows all). */
static int covers_whole(const struct sift_ndoc *d, const struct sift_nmarks *m, size_t a, size_t b,
                        unsigned allowed)
{
    size_t k;
    if (m->type[a] && !m->begin[a])
        return 0;
    if (b < d->n && m->type[b] && !m->begin[b])
        return 0;
    for (k = a; k < b; k++)
        if (m->type[k] && allowed && !(allowed & (1u << m->type[k])))
            return 0;
    return 1;
}

/* ---- rules ---- */

#define CAT(t, c) (((t)->cats & SIFT_GAZ_BIT(SIFT_GAZ_##c)) != 0)

static int newline_after(const struct sift_ndoc *d, size_t k)
{
    return (d->t[k].flags & SIFT_NF_NEWLINE_AFTER) != 0;
}

static int is_ordinal(const struct sift_ndoc *d, size_t k)
{
    const struct sift_ntok *t = &d->t[k];
    size_t len = t->j - t->i;
    const char *e = d->s + t->j;
    if (CAT(t, ORDWORD))
        return 1;
    if (t->kind != SIFT_TOK_NUMBER || len < 3 || !(d->s[t->i] >= '0' && d->s[t->i] <= '9'))
        return 0;
    return (e[-2] == 's' && e[-1] == 't') || (e[-2] == 'n' && e[-1] == 'd') || (e[-2] == 'r' && e[-1] == 'd')
           || (e[-2] == 't' && e[-1] == 'h');
}

/* The model's labels as entities of a first type (LOC and MISC are refined later). */
static void marks_from_labels(const struct sift_ndoc *d, struct sift_nmarks *m)
{
    static const uint8_t class_type[5] = { 0, SIFT_ENT_PERSON, SIFT_ENT_ORG, SIFT_ENT_LOC, SIFT_ENT_MISC };
    size_t k;
    int prev = 0;

    for (k = 0; k < d->n; k++) {
        int l = d->t[k].label, cls = SIFT_NL_CLASS(l);
        m->type[k] = class_type[cls];
        m->begin[k] = cls && (SIFT_NL_IS_B(l) || prev != cls || (d->t[k].flags & SIFT_NF_LINE_START));
        prev = cls;
    }
}

/* What the model takes in that names leave out: a leading "The" ("The Communist Party of China",
 * but not the gazetteer's "The Hague"), and a month or a weekday alone ("Sept.", "Monday"), which
 * are dates. */
static void rule_trim(const struct sift_ndoc *d, struct sift_nmarks *m)
{
    const uint32_t dates = SIFT_GAZ_BIT(SIFT_GAZ_MONTH) | SIFT_GAZ_BIT(SIFT_GAZ_WEEKDAY);
    size_t k;

    for (k = 0; k < d->n; k++) {
        size_t e;
        if (!m->type[k] || !m->begin[k])
            continue;
        e = sift_marks_end(d, m, k);
        if (e - k > 1 && sift_ner_is(d, k, "the") && d->t[k].mlen != e - k)
            sift_marks_set(d, m, k + 1, e, m->type[k]);
        else if (e - k == 1 && (d->t[k].cats & dates) && m->type[k] != SIFT_ENT_PERSON)
            m->type[k] = m->begin[k] = 0;
        k = e - 1;
    }
}

/* The tokens of a title at k ("President", "Vice Premier"), or 0. */
static size_t title_len(const struct sift_ndoc *d, size_t k)
{
    const struct sift_ntok *t = &d->t[k];
    if (t->mlen >= 2 && (t->mcats & SIFT_GAZ_BIT(SIFT_GAZ_TITLE)))
        return t->mlen;
    return CAT(t, TITLE) ? 1 : 0;
}

/* A word that can be part of a name after a title. */
static int name_word(const struct sift_ndoc *d, size_t k)
{
    const struct sift_ntok *t = &d->t[k];
    const uint32_t not_name = SIFT_GAZ_BIT(SIFT_GAZ_TITLE) | SIFT_GAZ_BIT(SIFT_GAZ_ORG_HEAD)
                              | SIFT_GAZ_BIT(SIFT_GAZ_MONTH) | SIFT_GAZ_BIT(SIFT_GAZ_WEEKDAY)
                              | SIFT_GAZ_BIT(SIFT_GAZ_NORP) | SIFT_GAZ_BIT(SIFT_GAZ_COUNTRY)
                              | SIFT_GAZ_BIT(SIFT_GAZ_FAC_HEAD) | SIFT_GAZ_BIT(SIFT_GAZ_EVENT_HEAD)
                              | SIFT_GAZ_BIT(SIFT_GAZ_ORG_SUFFIX);
    return sift_ner_cap_word(d, k) && !(t->cats & not_name) && !(t->flags & SIFT_NF_LINE_UPPER);
}

/* Title + name: "President Xi", "Vice Premier Zhang Guoqing", "Mr. Okafor". */
static void rule_titles(const struct sift_ndoc *d, struct sift_nmarks *m)
{
    const unsigned person = 1u << SIFT_ENT_PERSON;
    size_t k;

    for (k = 0; k < d->n; k++) {
        size_t tl = title_len(d, k), b, c, x;
        int ok = 1;

        if (!tl || k + tl >= d->n || newline_after(d, k + tl - 1))
            continue;
        b = k + tl;
        for (c = b; c < d->n && c - b < 4 && name_word(d, c);) {
            c++;
            if (newline_after(d, c - 1))
                break;
        }
        if (c == b)
            continue;
        /* a person the model found: keep its extent, take the title out of it */
        if (m->type[b] == SIFT_ENT_PERSON) {
            size_t e = sift_marks_end(d, m, b);
            if (!m->begin[b])
                sift_marks_set(d, m, b, e, SIFT_ENT_PERSON);
            m->role[b] = (uint8_t)tl;
            k = e - 1;
            continue;
        }
        for (x = k; x < c; x++)
            if (m->type[x] && m->type[x] != SIFT_ENT_PERSON)
                ok = 0;
        if (!ok || !covers_whole(d, m, k, c, person))
            continue;
        sift_marks_set(d, m, b, c, SIFT_ENT_PERSON);
        m->role[b] = (uint8_t)tl;
        k = c - 1;
    }
}

/* A word that may begin or go on an organisation's name to the left of its head. */
static int name_part_left(const struct sift_ndoc *d, size_t k)
{
    const struct sift_ntok *t = &d->t[k];
    if (!sift_ner_cap_word(d, k) || CAT(t, TITLE) || CAT(t, CONNECTOR))
        return 0;
    /* "Yesterday Central Bank ...": a sentence's first word that is also written in lower case */
    return !((t->flags & SIFT_NF_SENT_START) && (t->flags & SIFT_NF_LOWER_SEEN));
}

#define MAX_NAME_LEFT 8   /* words before a head word */
#define MAX_NAME_RIGHT 16 /* words after it: "of the Political Bureau of the CPC Central Committee" */

/* A capitalised run after "of"/"for" that continues a name: words, with "and" or "&" between. */
static size_t cap_run(const struct sift_ndoc *d, size_t q)
{
    size_t r = q;
    while (r < d->n && r - q < MAX_NAME_LEFT && (sift_ner_cap_word(d, r) || ((sift_ner_is(d, r, "and") || sift_ner_is(d, r, "&")) && r > q
                                           && r + 1 < d->n && sift_ner_cap_word(d, r + 1)))) {
        r++;
        if (newline_after(d, r - 1))
            break;
    }
    return r;
}

/* Head words: "Central Military Commission", "Xinjiang Production and Construction Corps",
 * "Political Bureau of the CPC Central Committee", "the 18th CPC National Congress". */
static void rule_heads(const struct sift_ndoc *d, struct sift_nmarks *m)
{
    const uint32_t heads = SIFT_GAZ_BIT(SIFT_GAZ_ORG_HEAD) | SIFT_GAZ_BIT(SIFT_GAZ_FAC_HEAD)
                           | SIFT_GAZ_BIT(SIFT_GAZ_LOC_HEAD) | SIFT_GAZ_BIT(SIFT_GAZ_EVENT_HEAD);
    size_t h;

    for (h = 0; h < d->n; h++) {
        const struct sift_ntok *t = &d->t[h];
        size_t a = h, b = h + 1;
        int type;

        if (!(t->cats & heads) || !sift_ner_cap_word(d, h) || (t->flags & SIFT_NF_LINE_UPPER))
            continue;
        /* names have a few words: the bounds keep a run of capitals from costing its square */
        while (a > 0 && !newline_after(d, a - 1) && h - a < MAX_NAME_LEFT) {
            if (name_part_left(d, a - 1)) {
                a--;
            } else if (a >= 2 && a == h && d->t[a - 2].j == d->t[a - 1].i && name_part_left(d, a - 2)
                       && (d->t[a - 1].kind == SIFT_TOK_CLITIC || sift_ner_is(d, a - 1, "'")
                           || sift_ner_is(d, a - 1, "\xE2\x80\x99"))) {
                a -= 2; /* "Mariners' Hall", "People's Bank" */
            } else if (a >= 2 && (sift_ner_is(d, a - 1, "and") || sift_ner_is(d, a - 1, "&"))
                       && name_part_left(d, a - 2) && !newline_after(d, a - 2)) {
                a -= 2;
            } else {
                break;
            }
        }
        while (b - h < MAX_NAME_RIGHT) {
            size_t q = b, r;
            if (q >= d->n || newline_after(d, q - 1)
                || !(sift_ner_is(d, q, "of") || sift_ner_is(d, q, "for") || sift_ner_is(d, q, "on")))
                break;
            q++;
            if (q < d->n && sift_ner_is(d, q, "the") && !newline_after(d, q - 1))
                q++;
            if (q >= d->n || newline_after(d, q - 1) || !sift_ner_cap_word(d, q) || CAT(&d->t[q], TITLE))
                break;
            r = cap_run(d, q);
            b = r;
        }
        while (b < d->n && !newline_after(d, b - 1) && CAT(&d->t[b], ORG_SUFFIX))
            b++;
        if (b - a < 2)
            continue;
        if (CAT(t, ORG_HEAD) || CAT(&d->t[b - 1], ORG_SUFFIX))
            type = SIFT_ENT_ORG;
        else if (CAT(t, FAC_HEAD))
            type = SIFT_ENT_FAC;
        else if (CAT(t, LOC_HEAD))
            type = SIFT_ENT_LOC;
        else
            type = SIFT_ENT_EVENT;
        /* "the 18th CPC National Congress": a numbered meeting is an event */
        if (a > 0 && CAT(t, EVENT_HEAD) && is_ordinal(d, a - 1) && !newline_after(d, a - 1)) {
            a--;
            type = SIFT_ENT_EVENT;
        }
        if (covers_whole(d, m, a, b, 0)) {
            /* "Tom Hall said", "Mr. Bank": a person's full name, or a title before, is no head's */
            size_t x;
            int person = a > 0 && title_len(d, a - 1) > 0;
            for (x = a; x + 1 < b; x++)
                person |= m->type[x] == SIFT_ENT_PERSON && m->type[x + 1] == SIFT_ENT_PERSON && !m->begin[x + 1];
            if (!person)
                sift_marks_set(d, m, a, b, type);
        }
        h = b - 1;
    }
}

/* "Communist Party of China (CPC) Central Committee" is one organisation; "(CPC)" alone after a
 * name is an organisation of its own, which linking joins to the name. */
static void rule_acronyms(const struct sift_ndoc *d, struct sift_nmarks *m)
{
    size_t k;

    for (k = 0; k + 3 < d->n; k++) {
        size_t a, e;
        int type;
        if (!m->type[k] || !m->begin[k])
            continue;
        a = k;
        e = sift_marks_end(d, m, k);
        type = m->type[k];
        k = e - 1;
        if (e + 2 >= d->n || !sift_ner_is(d, e, "(") || !sift_ner_is(d, e + 2, ")") || newline_after(d, e)
            || newline_after(d, e + 1) || !sift_ner_acronym_of(d, e + 1, a, e))
            continue;
        if (type != SIFT_ENT_ORG && type != SIFT_ENT_MISC && type != SIFT_ENT_LOC && type != SIFT_ENT_EVENT)
            continue;
        if (e + 3 < d->n && m->type[e + 3] == SIFT_ENT_ORG && m->begin[e + 3] && !newline_after(d, e + 2)) {
            size_t f = sift_marks_end(d, m, e + 3);
            sift_marks_set(d, m, a, f, SIFT_ENT_ORG);
            k = f - 1;
        } else if (!m->type[e + 1] || m->begin[e + 1]) {
            sift_marks_set(d, m, e + 1, e + 2, type == SIFT_ENT_LOC ? SIFT_ENT_GPE : type);
            k = e + 2;
        }
    }
}

/* OntoNotes types for the model's LOC, ORG and MISC, from the gazetteers and head words. */
static void rule_types(const struct sift_ndoc *d, struct sift_nmarks *m)
{
    const uint32_t gpe = SIFT_GAZ_BIT(SIFT_GAZ_COUNTRY) | SIFT_GAZ_BIT(SIFT_GAZ_REGION) | SIFT_GAZ_BIT(SIFT_GAZ_CITY);
    size_t k;

    for (k = 0; k < d->n; k++) {
        size_t e;
        uint32_t cats;
        const struct sift_ntok *last;
        int type = m->type[k], t2 = type;

        if (!type || !m->begin[k])
            continue;
        e = sift_marks_end(d, m, k);
        last = &d->t[e - 1];
        cats = e - k == 1 ? d->t[k].cats : (d->t[k].mlen == e - k ? d->t[k].mcats : 0);
        if (type == SIFT_ENT_LOC) {
            if (cats & gpe)
                t2 = SIFT_ENT_GPE;
            else if ((cats & SIFT_GAZ_BIT(SIFT_GAZ_LOCATION)) || CAT(last, LOC_HEAD))
                t2 = SIFT_ENT_LOC;
            else if (CAT(last, FAC_HEAD))
                t2 = SIFT_ENT_FAC;
            else
                t2 = SIFT_ENT_GPE;
        } else if (type == SIFT_ENT_ORG) {
            if (CAT(last, FAC_HEAD) && !CAT(last, ORG_HEAD) && e - k > 1)
                t2 = SIFT_ENT_FAC;
        } else if (type == SIFT_ENT_MISC) {
            if (cats & SIFT_GAZ_BIT(SIFT_GAZ_NORP))
                t2 = SIFT_ENT_NORP;
            else if (CAT(last, EVENT_HEAD) && e - k > 1)
                t2 = SIFT_ENT_EVENT;
        }
        if (t2 != type)
            for (; k < e; k++)
                m->type[k] = (uint8_t)t2;
        k = e - 1;
    }
    /* a nationality the model left out */
    for (k = 0; k < d->n; k++)
        if (!m->type[k] && sift_ner_cap_word(d, k) && CAT(&d->t[k], NORP) && !(d->t[k].flags & SIFT_NF_ALL_UPPER))
            sift_marks_set(d, m, k, k + 1, SIFT_ENT_NORP);
}

/* The user's names win over everything else. */
static void rule_user(const struct sift_ndoc *d, struct sift_nmarks *m)
{
    size_t k;
    for (k = 0; k < d->n; k++)
        if (d->t[k].utype) {
            size_t e = k + d->t[k].ulen;
            sift_marks_set(d, m, k, e, d->t[k].utype);
            k = e - 1;
        }
}

/* ---- the pipeline ---- */

int sift_tag(const struct sift_tagger *tagger, const char *s, size_t len, sift_alloc_fn alloc, void *ud,
             struct sift_tag_result *out)
{
    struct sift_ndoc d;
    struct sift_nmarks m;
    struct sift_nent *ents;
    size_t k, n = 0;
    const struct sift_gazetteer *user = tagger ? tagger->user : NULL;

    memset(out, 0, sizeof *out);
    if (sift_ner_prepare(&d, s, len, user, alloc, ud) != 0)
        return SIFT_ENOMEM;
    m.type = sift_ner_alloc(alloc, ud, 3 * (d.n + 1));
    if (!m.type)
        return SIFT_ENOMEM;
    memset(m.type, 0, 3 * (d.n + 1));
    m.begin = m.type + d.n + 1;
    m.role = m.begin + d.n + 1;

    sift_perceptron_decode(&sift_ner_model, &d);
    marks_from_labels(&d, &m);
    rule_trim(&d, &m);
    rule_heads(&d, &m);
    rule_titles(&d, &m);
    rule_acronyms(&d, &m);
    rule_types(&d, &m);
    if (sift_link_propagate(&d, &m, alloc, ud) != 0)
        return SIFT_ENOMEM;
    rule_user(&d, &m);
    sift_numex(&d, &m);

    for (k = 0; k < d.n; k++)
        n += m.type[k] && m.begin[k];
    ents = sift_ner_alloc(alloc, ud, (n + 1) * sizeof *ents);
    out->entities = sift_ner_alloc(alloc, ud, (n + 1) * sizeof *out->entities);
    if (!ents || !out->entities)
        return SIFT_ENOMEM;
    n = 0;
    for (k = 0; k < d.n; k++)
        if (m.type[k] && m.begin[k]) {
            struct sift_nent *e = &ents[n++];
            e->a = k;
            e->b = sift_marks_end(&d, &m, k);
            e->type = m.type[k];
            e->role = m.role[k];
            e->cluster = 0;
        }
    if (sift_link(&d, ents, n, alloc, ud, &out->clusters, &out->nclusters) != 0)
        return SIFT_ENOMEM;
    for (k = 0; k < n; k++) {
        struct sift_entity *o = &out->entities[k];
        const struct sift_nent *e = &ents[k];
        o->i = d.t[e->a].i;
        o->j = d.t[e->b - 1].j;
        o->role_i = o->role_j = o->i;
        if (e->role) {
            o->role_i = d.t[e->a - (size_t)e->role].i;
            o->role_j = d.t[e->a - 1].j;
        }
        o->type = e->type;
        o->cluster = e->cluster;
    }
    out->n = n;
    return SIFT_OK;
}
