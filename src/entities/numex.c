/*
 * numex.c - dates, times, money, percentages, quantities, ordinals and cardinals: token patterns
 * over the words of data/ner/lexicon.tsv (months, weekdays, units, currencies, ...), tried where no
 * name was found. Each pattern returns the end of its match (exclusive), or 0.
 *
 *   DATE      25th September 2023, 22nd to 23rd September, Sept. 25, 2023, 2023-09-25,
 *             September 2023, Monday, in 1996, the 1990s, last week, two years ago
 *   TIME      10:30 a.m., 3 pm, noon, five hours, this morning
 *   MONEY     $1.2bn, US$5m, 20 million euros, USD 300
 *   PERCENT   -3.5%, 20 per cent, two percentage points
 *   QUANTITY  5 km, 20,000 tonnes, 5km
 *   ORDINAL   18th, second
 *   CARDINAL  1,200, three million, 1.2bn
 */
#include "entities/numex.h"

#include "entities/doc.h"
#include "entities/gazetteer.h"
#include "entities/marks.h"
#include "text/tokens.h"

#define CAT(d, k, c) (((d)->t[k].cats & SIFT_GAZ_BIT(SIFT_GAZ_##c)) != 0)

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_number(const struct sift_ndoc *d, size_t k)
{
    return k < d->n && d->t[k].kind == SIFT_TOK_NUMBER;
}

/* Number of leading ASCII digits of token k. */
static size_t digits(const struct sift_ndoc *d, size_t k)
{
    size_t x = d->t[k].i;
    while (x < d->t[k].j && digit(d->s[x]))
        x++;
    return x - d->t[k].i;
}

static int plain_digits(const struct sift_ndoc *d, size_t k, size_t n)
{
    return is_number(d, k) && d->t[k].j - d->t[k].i == n && digits(d, k) == n;
}

static int ordinal_suffix(const struct sift_ndoc *d, size_t k)
{
    const char *e = d->s + d->t[k].j;
    size_t len = d->t[k].j - d->t[k].i, nd = digits(d, k);
    if (nd == 0 || len != nd + 2)
        return 0;
    return (e[-2] == 's' && e[-1] == 't') || (e[-2] == 'n' && e[-1] == 'd') || (e[-2] == 'r' && e[-1] == 'd')
           || (e[-2] == 't' && e[-1] == 'h');
}

static int cap(const struct sift_ndoc *d, size_t k)
{
    return (d->t[k].flags & SIFT_NF_UPPER_INIT) != 0;
}

static int adjacent(const struct sift_ndoc *d, size_t k)
{
    return k + 1 < d->n && d->t[k].j == d->t[k + 1].i;
}

static int same_line(const struct sift_ndoc *d, size_t k)
{
    return k + 1 < d->n && !(d->t[k].flags & SIFT_NF_NEWLINE_AFTER);
}

/* The value of a day of the month (1-31), with or without an ordinal suffix, or 0. */
static int day_number(const struct sift_ndoc *d, size_t k)
{
    size_t nd, len;
    int v;
    if (!is_number(d, k))
        return 0;
    nd = digits(d, k);
    len = d->t[k].j - d->t[k].i;
    if (nd == 0 || nd > 2 || (len != nd && !ordinal_suffix(d, k)))
        return 0;
    v = d->s[d->t[k].i] - '0';
    if (nd == 2)
        v = v * 10 + d->s[d->t[k].i + 1] - '0';
    return v >= 1 && v <= 31 ? v : 0;
}

static int year(const struct sift_ndoc *d, size_t k)
{
    int v;
    if (!plain_digits(d, k, 4))
        return 0;
    v = (d->s[d->t[k].i] - '0') * 1000 + (d->s[d->t[k].i + 1] - '0') * 100;
    return v >= 1000 && v <= 2100;
}

static int month(const struct sift_ndoc *d, size_t k)
{
    return k < d->n && CAT(d, k, MONTH) && cap(d, k);
}

static int range_word(const struct sift_ndoc *d, size_t k)
{
    return k < d->n && (sift_ner_is(d, k, "to") || sift_ner_is(d, k, "-") || sift_ner_is(d, k, "and")
                        || sift_ner_is(d, k, "through") || sift_ner_is(d, k, "until")
                        || (d->t[k].kind == SIFT_TOK_PUNCT && d->t[k].j - d->t[k].i == 3
                            && (unsigned char)d->s[d->t[k].i] == 0xE2)); /* – or — */
}

/* Word before a bare year or month: "in 1996", "since May". */
static int date_preposition(const struct sift_ndoc *d, size_t k)
{
    static const char *const words[] = { "in", "since", "by", "until", "from", "of", "before", "after",
                                         "during", "between", "early", "late", "mid", "last", "next",
                                         "this", "through", "till", NULL };
    const char *const *w;
    for (w = words; *w; w++)
        if (sift_ner_is(d, k, *w))
            return 1;
    return 0;
}

/* k, or past a comma at k */
static size_t skip_comma(const struct sift_ndoc *d, size_t k)
{
    return k < d->n && sift_ner_is(d, k, ",") && same_line(d, k) ? k + 1 : k;
}

static size_t date_at(const struct sift_ndoc *d, size_t k)
{
    size_t e, x;
    int wd = 0;

    /* 2023-09-25 */
    if (year(d, k) && k + 4 < d->n && adjacent(d, k) && sift_ner_is(d, k + 1, "-") && adjacent(d, k + 1)
        && plain_digits(d, k + 2, 2) && adjacent(d, k + 2) && sift_ner_is(d, k + 3, "-") && adjacent(d, k + 3)
        && plain_digits(d, k + 4, 2))
        return k + 5;
    /* a weekday, alone or before a date: "Monday", "Monday, 25 September" */
    x = k;
    if (CAT(d, k, WEEKDAY) && cap(d, k)) {
        wd = 1;
        x = same_line(d, k) ? skip_comma(d, k + 1) : d->n;
    }
    /* 25th September 2023, 22nd to 23rd September */
    if (x < d->n && day_number(d, x)) {
        e = x + 1;
        if (same_line(d, x) && range_word(d, e) && same_line(d, e) && day_number(d, e + 1))
            e += 2;
        if (e < d->n && same_line(d, e - 1) && month(d, e)) {
            e++;
            if (e < d->n && same_line(d, e - 1)) {
                size_t y = skip_comma(d, e);
                if (year(d, y))
                    e = y + 1;
            }
            return e;
        }
    }
    /* Sept. 25, 2023; September 25; September 2023 */
    if (x < d->n && month(d, x)) {
        e = x + 1;
        if (e < d->n && same_line(d, x) && day_number(d, e)) {
            e++;
            if (same_line(d, e - 1) && range_word(d, e) && same_line(d, e) && day_number(d, e + 1))
                e += 2;
            if (e < d->n && same_line(d, e - 1)) {
                size_t y = skip_comma(d, e);
                if (year(d, y))
                    e = y + 1;
            }
            return e;
        }
        if (e < d->n && same_line(d, x) && year(d, e))
            return e + 1;
        /* a month alone; "May" only where a date is expected */
        if (!sift_ner_is(d, x, "may") || (x > 0 && date_preposition(d, x - 1)))
            return x + 1;
    }
    if (wd)
        return k + 1;
    /* in 1996 */
    if (year(d, k) && k > 0 && date_preposition(d, k - 1))
        return k + 1;
    /* the 1990s */
    if (is_number(d, k) && digits(d, k) == 4 && d->t[k].j - d->t[k].i == 5 && d->s[d->t[k].j - 1] == 's')
        return k + 1;
    if (sift_ner_is(d, k, "today") || sift_ner_is(d, k, "yesterday") || sift_ner_is(d, k, "tomorrow"))
        return k + 1;
    /* last week, earlier this year, two years ago */
    e = k;
    while (e < d->n && CAT(d, e, DATE_MOD) && e - k < 3)
        e++;
    {
        size_t mods = e - k, nums = 0;
        while (e < d->n && (is_number(d, e) || CAT(d, e, NUMWORD)) && nums < 2) {
            e++;
            nums++;
        }
        if (e < d->n && CAT(d, e, DATE_WORD) && (mods || nums)) {
            e++;
            if (e < d->n && sift_ner_is(d, e, "ago"))
                return e + 1;
            if (mods)
                return e;
        }
    }
    return 0;
}

static size_t time_at(const struct sift_ndoc *d, size_t k)
{
    size_t e;
    if (is_number(d, k)) {
        size_t x;
        int colon = 0;
        for (x = d->t[k].i; x < d->t[k].j; x++)
            colon |= d->s[x] == ':';
        e = k + 1;
        if (e < d->n && same_line(d, k) && CAT(d, e, TIME_WORD)
            && (sift_ner_is(d, e, "a.m.") || sift_ner_is(d, e, "p.m.") || sift_ner_is(d, e, "am")
                || sift_ner_is(d, e, "pm") || sift_ner_is(d, e, "gmt") || sift_ner_is(d, e, "o'clock")
                || (d->t[e].flags & SIFT_NF_ALL_UPPER))) {
            e++;
            if (e < d->n && same_line(d, e - 1) && (d->t[e].flags & SIFT_NF_ALL_UPPER) && CAT(d, e, TIME_WORD))
                e++;
            return e;
        }
        if (colon)
            return e;
    }
    if (sift_ner_is(d, k, "noon") || sift_ner_is(d, k, "midnight") || sift_ner_is(d, k, "tonight"))
        return k + 1;
    if (CAT(d, k, DATE_MOD) && same_line(d, k)
        && (sift_ner_is(d, k + 1, "morning") || sift_ner_is(d, k + 1, "afternoon")
            || sift_ner_is(d, k + 1, "evening") || sift_ner_is(d, k + 1, "night")))
        return k + 2;
    return 0;
}

/* A number and its magnitude word: "1.2", "20 million", "three", "twenty-five thousand". */
static size_t amount(const struct sift_ndoc *d, size_t k)
{
    size_t e = k;
    if (k >= d->n)
        return 0;
    if (is_number(d, k) && !ordinal_suffix(d, k) && digits(d, k) > 0)
        e = k + 1;
    else if (d->t[k].kind == SIFT_TOK_NUMBER && k + 1 < d->n && digit(d->s[d->t[k].i + 1]))
        e = k + 1; /* signed: -3 */
    else
        while (e < d->n && CAT(d, e, NUMWORD) && (e == k || same_line(d, e - 1)) && e - k < 8)
            e++;
    if (e == k)
        return 0;
    while (e < d->n && same_line(d, e - 1) && CAT(d, e, MAGNITUDE) && !CAT(d, e, UNIT)
           && d->t[e].kind == SIFT_TOK_WORD)
        e++;
    return e;
}

static int currency_symbol(const struct sift_ndoc *d, size_t k)
{
    return k < d->n && CAT(d, k, CURRENCY)
           && (d->t[k].kind == SIFT_TOK_SYMBOL || (d->t[k].flags & SIFT_NF_ALL_UPPER));
}

static size_t money_at(const struct sift_ndoc *d, size_t k)
{
    size_t x = k, e;
    /* US$, HK$ */
    if (k + 1 < d->n && (d->t[k].flags & SIFT_NF_ALL_UPPER) && adjacent(d, k) && d->t[k + 1].kind == SIFT_TOK_SYMBOL
        && CAT(d, k + 1, CURRENCY))
        x = k + 1;
    if (currency_symbol(d, x) && same_line(d, x)) {
        e = amount(d, x + 1);
        if (e)
            return e;
    }
    e = amount(d, k);
    if (e && e < d->n && same_line(d, e - 1) && CAT(d, e, CURRENCY) && d->t[e].kind == SIFT_TOK_WORD)
        return e + 1;
    /* 20 US dollars */
    if (e && e + 1 < d->n && same_line(d, e - 1) && same_line(d, e) && (d->t[e].flags & SIFT_NF_ALL_UPPER)
        && CAT(d, e + 1, CURRENCY) && d->t[e + 1].kind == SIFT_TOK_WORD)
        return e + 2;
    return 0;
}

static size_t phrase_with(const struct sift_ndoc *d, size_t k, unsigned cat)
{
    if (k >= d->n)
        return 0;
    if (d->t[k].mlen >= 2 && (d->t[k].mcats & SIFT_GAZ_BIT(cat)))
        return d->t[k].mlen;
    return (d->t[k].cats & SIFT_GAZ_BIT(cat)) ? 1 : 0;
}

static size_t percent_at(const struct sift_ndoc *d, size_t k)
{
    size_t e, p;
    if (is_number(d, k) && d->s[d->t[k].j - 1] == '%')
        return k + 1;
    e = amount(d, k);
    if (e && e < d->n && same_line(d, e - 1) && (p = phrase_with(d, e, SIFT_GAZ_PERCENT_WORD)) > 0)
        return e + p;
    return 0;
}

static size_t quantity_at(const struct sift_ndoc *d, size_t k)
{
    size_t e = amount(d, k), p;
    const struct sift_ntok *t = &d->t[k];
    if (e && e < d->n && same_line(d, e - 1) && (p = phrase_with(d, e, SIFT_GAZ_UNIT)) > 0)
        return e + p;
    /* 5km: digits and a unit in one word */
    if (t->kind == SIFT_TOK_WORD && digits(d, k) > 0) {
        size_t nd = digits(d, k);
        uint64_t h = sift_gaz_hash_folded(SIFT_GAZ_HASH_INIT, d->s + t->i + nd, t->j - t->i - nd);
        const struct sift_gaz_slot *slot = sift_gaz_find(&sift_gaz_builtin, sift_gaz_key(h));
        if (slot && (slot->cats & SIFT_GAZ_BIT(SIFT_GAZ_UNIT)))
            return k + 1;
    }
    return 0;
}

static size_t ordinal_at(const struct sift_ndoc *d, size_t k)
{
    if (is_number(d, k) && ordinal_suffix(d, k))
        return k + 1;
    if (CAT(d, k, ORDWORD) && d->t[k].kind == SIFT_TOK_WORD)
        return k + 1;
    return 0;
}

static size_t cardinal_at(const struct sift_ndoc *d, size_t k)
{
    return amount(d, k);
}

void sift_numex(const struct sift_ndoc *d, struct sift_nmarks *m)
{
    static const struct {
        size_t (*at)(const struct sift_ndoc *, size_t);
        int type;
    } patterns[] = {
        { money_at, SIFT_ENT_MONEY },       { percent_at, SIFT_ENT_PERCENT },
        { date_at, SIFT_ENT_DATE },         { time_at, SIFT_ENT_TIME },
        { quantity_at, SIFT_ENT_QUANTITY }, { ordinal_at, SIFT_ENT_ORDINAL },
        { cardinal_at, SIFT_ENT_CARDINAL },
    };
    const uint32_t starts = SIFT_GAZ_BIT(SIFT_GAZ_MONTH) | SIFT_GAZ_BIT(SIFT_GAZ_WEEKDAY)
                            | SIFT_GAZ_BIT(SIFT_GAZ_NUMWORD) | SIFT_GAZ_BIT(SIFT_GAZ_ORDWORD)
                            | SIFT_GAZ_BIT(SIFT_GAZ_CURRENCY) | SIFT_GAZ_BIT(SIFT_GAZ_TIME_WORD)
                            | SIFT_GAZ_BIT(SIFT_GAZ_DATE_WORD) | SIFT_GAZ_BIT(SIFT_GAZ_DATE_MOD);
    size_t k;

    for (k = 0; k < d->n; k++) {
        const struct sift_ntok *t = &d->t[k];
        size_t p;
        /* every pattern starts with a number, a symbol, a word of the lists, or a capital (US$) */
        /* "US$5m": the model may have taken "US" for a place; the amount takes it back */
        if (m->type[k] && m->begin[k] && k + 2 < d->n && (t->flags & SIFT_NF_ALL_UPPER) && adjacent(d, k)
            && sift_marks_end(d, m, k) == k + 1 && d->t[k + 1].kind == SIFT_TOK_SYMBOL && !m->type[k + 1]) {
            size_t e = money_at(d, k);
            if (e > k + 2) {
                sift_marks_set(d, m, k, e, SIFT_ENT_MONEY);
                k = e - 1;
                continue;
            }
        }
        if (m->type[k] || !(t->kind == SIFT_TOK_NUMBER || t->kind == SIFT_TOK_SYMBOL || (t->cats & starts)
                            || (t->flags & (SIFT_NF_ALL_UPPER | SIFT_NF_HAS_DIGIT))))
            continue;
        for (p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
            size_t e = patterns[p].at(d, k), x;
            int free = e > k;
            for (x = k; x < e && free; x++)
                free = !m->type[x];
            if (free) {
                sift_marks_set(d, m, k, e, patterns[p].type);
                k = e - 1;
                break;
            }
        }
    }
}
