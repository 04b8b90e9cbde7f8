/*
 * stem.c - the Porter stemmer, written from the 1980 paper's description of its five steps.
 *
 * The word is w[0..end). "The stem" below is w[0..cut) when a suffix w[cut..end) is being
 * considered; the paper's measure m counts the vowel-consonant sequences of the stem, written
 * [C](VC)^m[V] with 'y' a vowel when it follows a consonant.
 */
#include <string.h>

#include "keywords/stem.h"

struct word {
    char *w;
    size_t end; /* the word is w[0..end) */
    size_t cut; /* set by ends(): where the matched suffix starts */
};

/* 1 if w[i] is a consonant: not a, e, i, o, u, and a 'y' only after a vowel or at the start. */
static int consonant(const struct word *x, size_t i)
{
    switch (x->w[i]) {
    case 'a': case 'e': case 'i': case 'o': case 'u':
        return 0;
    case 'y':
        return i == 0 ? 1 : !consonant(x, i - 1);
    default:
        return 1;
    }
}

/* The measure m of w[0..n). */
static int measure(const struct word *x, size_t n)
{
    size_t i = 0;
    int m = 0;

    while (i < n && consonant(x, i))
        i++;
    for (;;) {
        while (i < n && !consonant(x, i))
            i++;
        if (i >= n)
            return m;
        while (i < n && consonant(x, i))
            i++;
        m++;
    }
}

/* 1 if w[0..n) holds a vowel. */
static int has_vowel(const struct word *x, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!consonant(x, i))
            return 1;
    return 0;
}

/* 1 if w[0..n) ends with a double consonant. */
static int double_consonant(const struct word *x, size_t n)
{
    return n >= 2 && x->w[n - 1] == x->w[n - 2] && consonant(x, n - 1);
}

/* 1 if w[0..n) ends consonant-vowel-consonant and the last consonant is not w, x or y: the
 * paper's *o, which tells short words (hop, fil) whose 'e' comes back or stays. */
static int cvc(const struct word *x, size_t n)
{
    char c;

    if (n < 3 || !consonant(x, n - 1) || consonant(x, n - 2) || !consonant(x, n - 3))
        return 0;
    c = x->w[n - 1];
    return c != 'w' && c != 'x' && c != 'y';
}

/* 1 if the word ends with the suffix s of length n; sets cut to where it starts. The last
 * letters are compared first: most suffixes fail there, and this runs for every word of every
 * article. */
static inline int ends_n(struct word *x, const char *s, size_t n)
{
    if (n > x->end || x->w[x->end - 1] != s[n - 1] || memcmp(x->w + x->end - n, s, n - 1) != 0)
        return 0;
    x->cut = x->end - n;
    return 1;
}

#define ends(x, s) ends_n((x), (s), sizeof(s) - 1)

/* A rule of steps 2 to 4: a suffix, its length, and what replaces it. */
struct rule {
    const char *suffix;
    size_t len;
    const char *by;
};

#define RULE(s, by) { s, sizeof(s) - 1, by }

/* Replaces the suffix found by ends() with s. s is never longer than the suffix it replaces plus
 * one letter (at -> ate, bl -> ble, iz -> ize, or an 'e' after a stem), and those cases only grow
 * a word that lost a longer suffix first ("ed", "ing"), so the word never outgrows its buffer. */
static void set_to(struct word *x, const char *s)
{
    size_t n = strlen(s);

    memcpy(x->w + x->cut, s, n);
    x->end = x->cut + n;
}

/* Replaces the suffix with s when the stem's measure is above 0. */
static void replace_if_m(struct word *x, const char *s)
{
    if (measure(x, x->cut) > 0)
        set_to(x, s);
}

/* Step 1a: plurals. Step 1b: -ed and -ing, with the repairs after them. Step 1c: y -> i. */
static void step1(struct word *x)
{
    int again = 0;

    if (x->w[x->end - 1] == 's') {
        if (ends(x, "sses"))
            x->end -= 2;
        else if (ends(x, "ies"))
            set_to(x, "i");
        else if (x->w[x->end - 2] != 's')
            x->end--;
    }
    if (ends(x, "eed")) {
        if (measure(x, x->cut) > 0)
            x->end--;
    } else if ((ends(x, "ed") || ends(x, "ing")) && has_vowel(x, x->cut)) {
        x->end = x->cut;
        again = 1;
    }
    if (again) {
        if (ends(x, "at") || ends(x, "bl") || ends(x, "iz")) {
            x->w[x->end++] = 'e';
        } else if (double_consonant(x, x->end)) {
            char c = x->w[x->end - 1];
            if (c != 'l' && c != 's' && c != 'z')
                x->end--;
        } else if (measure(x, x->end) == 1 && cvc(x, x->end)) {
            x->w[x->end++] = 'e';
        }
    }
    if (x->w[x->end - 1] == 'y' && has_vowel(x, x->end - 1))
        x->w[x->end - 1] = 'i';
}

/* Step 2: double suffixes to single ones (-ization -> -ize), when the stem's measure is above 0.
 * The first suffix of the list that the word ends with is the one tried, as in the paper: a
 * longer one always stands before the shorter ones it ends with. */
static void step2(struct word *x)
{
    static const struct rule rules[] = {
        RULE("ational", "ate"), RULE("tional", "tion"), RULE("enci", "ence"), RULE("anci", "ance"),
        RULE("izer", "ize"), RULE("abli", "able"), RULE("alli", "al"), RULE("entli", "ent"), RULE("eli", "e"),
        RULE("ousli", "ous"), RULE("ization", "ize"), RULE("ation", "ate"), RULE("ator", "ate"),
        RULE("alism", "al"), RULE("iveness", "ive"), RULE("fulness", "ful"), RULE("ousness", "ous"),
        RULE("aliti", "al"), RULE("iviti", "ive"), RULE("biliti", "ble"),
    };
    size_t r;
    char last = x->w[x->end - 1], before = x->end >= 2 ? x->w[x->end - 2] : 0;

    /* the last two letters first, without a call: most words have none of these suffixes */
    for (r = 0; r < sizeof rules / sizeof rules[0]; r++)
        if (rules[r].suffix[rules[r].len - 1] == last && rules[r].suffix[rules[r].len - 2] == before
            && ends_n(x, rules[r].suffix, rules[r].len)) {
            replace_if_m(x, rules[r].by);
            return;
        }
}

/* Step 3: -ic-, -full, -ness and the like, when the stem's measure is above 0. */
static void step3(struct word *x)
{
    static const struct rule rules[] = {
        RULE("icate", "ic"), RULE("ative", ""), RULE("alize", "al"), RULE("iciti", "ic"), RULE("ical", "ic"),
        RULE("ful", ""), RULE("ness", ""),
    };
    size_t r;
    char last = x->w[x->end - 1], before = x->end >= 2 ? x->w[x->end - 2] : 0;

    /* the last two letters first, without a call: most words have none of these suffixes */
    for (r = 0; r < sizeof rules / sizeof rules[0]; r++)
        if (rules[r].suffix[rules[r].len - 1] == last && rules[r].suffix[rules[r].len - 2] == before
            && ends_n(x, rules[r].suffix, rules[r].len)) {
            replace_if_m(x, rules[r].by);
            return;
        }
}

/* Step 4: -ant, -ence, -ment and the others go when the stem's measure is above 1; -ion only
 * after s or t. The longest suffix the word ends with decides, whether it goes or not. */
static void step4(struct word *x)
{
    static const struct rule suffixes[] = {
        RULE("al", ""), RULE("ance", ""), RULE("ence", ""), RULE("er", ""), RULE("ic", ""), RULE("able", ""),
        RULE("ible", ""), RULE("ant", ""), RULE("ement", ""), RULE("ment", ""), RULE("ent", ""), RULE("ion", ""),
        RULE("ou", ""), RULE("ism", ""), RULE("ate", ""), RULE("iti", ""), RULE("ous", ""), RULE("ive", ""),
        RULE("ize", ""),
    };
    size_t r, best = 0, found = 0;
    char last = x->w[x->end - 1], before = x->end >= 2 ? x->w[x->end - 2] : 0;

    for (r = 0; r < sizeof suffixes / sizeof suffixes[0]; r++)
        if (suffixes[r].suffix[suffixes[r].len - 1] == last && suffixes[r].suffix[suffixes[r].len - 2] == before
            && ends_n(x, suffixes[r].suffix, suffixes[r].len) && (!found || x->cut < best)) {
            best = x->cut;
            found = 1;
        }
    if (!found)
        return;
    x->cut = best;
    if (measure(x, best) <= 1)
        return;
    if (x->end - best == 3 && memcmp(x->w + best, "ion", 3) == 0
        && x->w[best - 1] != 's' && x->w[best - 1] != 't')
        return;
    x->end = best;
}

/* Step 5: a final -e goes (m > 1, or m == 1 and not *o); -ll becomes -l when m > 1. */
static void step5(struct word *x)
{
    if (x->w[x->end - 1] == 'e') {
        int m = measure(x, x->end - 1);
        if (m > 1 || (m == 1 && !cvc(x, x->end - 1)))
            x->end--;
    }
    if (x->end >= 2 && x->w[x->end - 1] == 'l' && x->w[x->end - 2] == 'l' && measure(x, x->end) > 1)
        x->end--;
}

size_t sift_porter_stem(char *w, size_t len)
{
    struct word x;
    size_t i;

    if (len <= 2)
        return len;
    for (i = 0; i < len; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return len;
    x.w = w;
    x.end = len;
    x.cut = len;
    step1(&x);
    step2(&x);
    step3(&x);
    step4(&x);
    step5(&x);
    return x.end;
}
