/*
 * analysis.h - what keyword ranking and summaries need from a text's terms, worked out in one pass
 * (the engine under sift._analyse, sift._rank, sift._phrase_keys, sift._keys and sift._textrank).
 *
 * The terms' keys are numbered by first appearance (ids from 1); a key that the spelling callback
 * maps (British stem -> American stem) takes the id of the key it maps to. Per key: its counts,
 * first and last place, capitals, most frequent written form (a form at a sentence start or in the
 * headline counts half; ties go to the first seen), whether it is weak or a word of a headline
 * given apart. Names and recurring runs become phrases (terms.h).
 *
 * Two steps, so that the caller owns every byte: sift_analyse_count walks the text into a struct
 * sift_analyse_work whose growable arrays come from the caller's allocator (alloc.h; blocks are
 * never freed, the caller drops them all after the call); sift_analysis_build then lays out the
 * result, a struct sift_analysis, in ONE block of sift_analysis_size bytes that the caller gives
 * (pointers into the same block: it must not move). The result holds no pointer to the text.
 *
 * This protocol is internal: the Lua binding's sift._analyse, _rank, _textrank, ... run its steps
 * one by one, with what only the Lua modules have (idf tables, the spelling map, a headline given
 * apart, packed results for a collection). A C user calls sift_keywords (include/sift.h, defined
 * at the end of analysis.c), which runs the same steps for one text with default weights.
 */
#ifndef SIFT_ANALYSIS_H
#define SIFT_ANALYSIS_H

#include <stddef.h>

#include "sift.h" /* enum sift_status */
#include "common/alloc.h"
#include "keywords/keytable.h"
#include "keywords/terms.h"

struct sift_analysis {
    struct sift_kw_text kw;    /* the ranking engine's view (terms.h) */
    size_t len;                /* the text's length, for callers to check they get the same text */
    long long head_end;        /* last byte (1-based) of a headline at the top of the text, or 0 */
    size_t *term_i;            /* per term: first byte, 0-based */
    unsigned *term_len;        /* per term: bytes */
    size_t *form_i, *key_off;  /* per key: its most frequent written form; its bytes in `bytes` */
    unsigned *form_len, *key_len;
    char *bytes;
    size_t maxkey;             /* the longest key, in bytes */
    int phrases;               /* names and runs were looked for */
};

struct sift_analyse_opts {
    const struct sift_wordset *stop;     /* stop words, case-folded, or NULL */
    const struct sift_wordset *weak;     /* weak keys ("said"), or NULL */
    struct sift_stem_cached *cache;      /* SIFT_STEM_CACHE entries (terms.h), or NULL */
    long long head_end;                  /* as in struct sift_analysis */
    int max_words;                       /* longest name: 2 to SIFT_KW_MAX_WORDS */
    int phrases;                         /* 0: no names nor runs */
    /* Each may be NULL. spelling: the key that key[0..len) maps to (*alen bytes, valid until the
     * call ends), or NULL; headline: 1 if the key is a word of a headline given apart. */
    const char *(*spelling)(void *ud, const char *key, size_t len, size_t *alen);
    int (*headline)(void *ud, const char *key, size_t len);
    void *ud;
};

struct sift_key_stats; /* per key counts, private to analysis.c */

/* The first step's results: the terms' ids, flags and places, the keys' counts and the phrase
 * candidates. Fields are for analysis.c and tests. */
struct sift_analyse_work {
    size_t n, cap;                 /* terms, and room in the four per-term arrays */
    unsigned *ids, *flags, *term_len;
    size_t *term_i;
    size_t nkeys, stats_cap;
    struct sift_key_stats *stats;
    struct sift_keytable kt;       /* keys -> ids; kt.bytes holds every key */
    size_t head_terms, head_caps;  /* terms of the headline at the top, capitalised ones */
    unsigned char *in_name;        /* per term: inside a name */
    size_t *spans, nnames;
    struct sift_gram *grams;
    size_t nslots, recurring, tslots;
};

/* The old names of the analysis's failures (enum sift_status, include/sift.h). */
#define SIFT_ANALYSE_NOMEM SIFT_ENOMEM      /* the allocator returned NULL */
#define SIFT_ANALYSE_TOO_MANY SIFT_ETOOBIG  /* 2^32 - 1 terms or more */

/* Step one: walks s[0..len). Returns SIFT_OK, SIFT_ENOMEM or SIFT_ETOOBIG. */
int sift_analyse_count(struct sift_analyse_work *w, const char *s, size_t len, const struct sift_analyse_opts *o,
                       sift_alloc_fn alloc, void *ud);

/* The bytes of the block step two needs. */
size_t sift_analysis_size(const struct sift_analyse_work *w);

/* Step two: builds the analysis of the text s[0..len) that w counted into block (sift_analysis_size
 * bytes, aligned for any type, such as malloc or lua_newuserdata give); returns it (at block). */
struct sift_analysis *sift_analysis_build(const struct sift_analyse_work *w, void *block, size_t len,
                                          const struct sift_analyse_opts *o);

/* The room a phrase key needs in the buffer of sift_analysis_run_key and sift_analysis_entry_key. */
size_t sift_analysis_key_room(const struct sift_analysis *an);

/* The key of the run of `words` terms from term `first` (their keys joined by spaces) into buf;
 * returns its length. */
size_t sift_analysis_run_key(const struct sift_analysis *an, size_t first, size_t words, char *buf);

/* The key of key index k (id - 1): *len bytes, in the analysis. */
const char *sift_analysis_key(const struct sift_analysis *an, size_t k, size_t *len);

/* The key of a ranked entry (terms.h): in the analysis or in buf; *len bytes. */
const char *sift_analysis_entry_key(const struct sift_analysis *an, const struct sift_kw_entry *e, char *buf,
                                    size_t *len);

/*
 * How a ranked entry shows, in the text s[0..len) that was analysed: s[*from, *to). A word shows
 * as its most frequent written form, a phrase as its first occurrence; returns 1 when the first
 * letter is to be shown in lower case: a phrase that is no name, stands at a sentence start or in
 * the headline and whose first word is mostly written in lower case ("Harbour bridge" in a
 * headline is "harbour bridge").
 */
int sift_analysis_label(const struct sift_analysis *an, const char *s, size_t len, const struct sift_kw_entry *e,
                        size_t *from, size_t *to);

/* TextRank's weights per id (nkeys + 1 entries, index 0 unused): wa 0, wb the log of the key's
 * count when it is said more than once, else 0. */
void sift_analysis_weights(const struct sift_analysis *an, double *wa, double *wb);

/* Raises wa of the keys of the terms whose first byte (1-based) lies in [i, j] to at least w. */
void sift_analysis_part(const struct sift_analysis *an, long long i, long long j, double w, double *wa);

/* The sentence of each term (sent: nterms entries, -1 for none) given the sentences' byte ranges
 * span (i1, j1, i2, j2, ...: 2 * nsent, 1-based, inclusive, in text order). */
void sift_analysis_sentences(const struct sift_analysis *an, const long long *span, size_t nsent, int *sent);

#endif
