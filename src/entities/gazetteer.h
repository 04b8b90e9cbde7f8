/*
 * gazetteer.h - phrase tables of the entity tagger: what a sequence of tokens is known to be
 * (a country, a given name, a title, a month, ...), looked up by a hash of its case-folded tokens.
 *
 * A phrase's key is the 64-bit FNV-1a hash of its tokens (as sift_tokenizer_next cuts them),
 * each case-folded, joined by one space: "Bank of England" -> hash("bank of england"). Every
 * proper prefix of a phrase is stored too, with the flag SIFT_GAZ_PREFIX, so that a longest-match scan
 * knows when to go on. Two tables are looked up: the built-in one (generated/gazetteer_data.c,
 * made by tools/gen_gazetteer_data.lua) and an optional user table built in memory the caller provides.
 */
#ifndef SIFT_GAZETTEER_H
#define SIFT_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

/* Categories, one bit each in a slot's cats. tools/gen_gazetteer_data.lua reads the names below from
 * this enum (SIFT_GAZ_NAME = N,), so the data files name categories as they are spelt here. */
enum sift_gaz_category {
    SIFT_GAZ_COUNTRY = 0,      /* a country, current or former (iso-codes 3166-1, 3166-3, WordNet) */
    SIFT_GAZ_REGION = 1,       /* a country's subdivision (iso-codes 3166-2, WordNet) */
    SIFT_GAZ_CITY = 2,         /* a city or town (WordNet) */
    SIFT_GAZ_LOCATION = 3,     /* a continent, sea, river, mountain, island, region (WordNet) */
    SIFT_GAZ_NORP = 4,         /* a nationality or demonym (WordNet adjectives of places) */
    SIFT_GAZ_GIVEN = 5,        /* a given name (US census 1990, via Text::Names) */
    SIFT_GAZ_SURNAME = 6,      /* a surname (US census 1990, via Text::Names) */
    SIFT_GAZ_CN_SURNAME = 7,   /* a Chinese surname in pinyin (Unihan) */
    SIFT_GAZ_PERSON_NAME = 8,  /* a person's name (WordNet instances of person) */
    SIFT_GAZ_ORG_NAME = 9,     /* an organisation's name (WordNet instances of organization) */
    SIFT_GAZ_TITLE = 10,       /* a title or role before a name: Mr, President, Vice Premier */
    SIFT_GAZ_ORG_HEAD = 11,    /* the last word of an organisation's name: Committee, Bank */
    SIFT_GAZ_ORG_SUFFIX = 12,  /* a company form: Inc, Ltd, Plc */
    SIFT_GAZ_FAC_HEAD = 13,    /* the last word of a facility's name: Airport, Bridge */
    SIFT_GAZ_LOC_HEAD = 14,    /* the last word of a place's name: River, Mountains */
    SIFT_GAZ_EVENT_HEAD = 15,  /* the last word of an event's name: Games, Cup, Congress */
    SIFT_GAZ_CONNECTOR = 16,   /* a word that joins the parts of a name: of, and, de, van */
    SIFT_GAZ_MONTH = 17,
    SIFT_GAZ_WEEKDAY = 18,
    SIFT_GAZ_NUMWORD = 19,     /* a cardinal number word: two, dozen */
    SIFT_GAZ_ORDWORD = 20,     /* an ordinal word: second */
    SIFT_GAZ_MAGNITUDE = 21,   /* million, bn */
    SIFT_GAZ_UNIT = 22,        /* a unit of measure: km, tonnes */
    SIFT_GAZ_CURRENCY = 23,    /* a currency: $, euros, yuan, USD */
    SIFT_GAZ_TIME_WORD = 24,   /* a.m., GMT, noon */
    SIFT_GAZ_DATE_WORD = 25,   /* yesterday, week, year */
    SIFT_GAZ_DATE_MOD = 26,    /* last, next, early: words that make a date of a date word */
    SIFT_GAZ_PERCENT_WORD = 27,/* %, per cent, percentage points */
    SIFT_GAZ_COMMON = 28,      /* a word of the English dictionary in lower case (wamerican, wbritish):
                                * set on capitalised tokens only, from the set below */
    SIFT_GAZ__COUNT
};

#define SIFT_GAZ_BIT(c) (1u << (c))
#define SIFT_GAZ_PREFIX 1u /* flag: a proper prefix of some phrase */

struct sift_gaz_slot {
    uint64_t key;   /* 0: empty */
    uint32_t cats;  /* SIFT_GAZ_BIT(...) */
    uint16_t type;  /* an entity type the user gave (enum sift_entity_type), or 0 */
    uint16_t flags; /* SIFT_GAZ_PREFIX */
};

struct sift_gazetteer {
    size_t mask; /* slots - 1; slots is a power of two */
    const struct sift_gaz_slot *slots;
    int maxlen;  /* tokens in the longest phrase */
};

/* The built-in table (generated/gazetteer_data.c). */
extern const struct sift_gazetteer sift_gaz_builtin;

/* A Bloom filter of the built-in table's keys (two bits a key, 2^18 bits): most tokens are in no
 * phrase, and this answers for them from 32 KB instead of a probe into the table's 1 MB. */
#define SIFT_GAZ_BLOOM_BITS 18
extern const uint64_t sift_gaz_builtin_bloom[1u << (SIFT_GAZ_BLOOM_BITS - 6)];

static inline int sift_gaz_maybe_builtin(uint64_t key)
{
    const uint64_t mask = (1u << SIFT_GAZ_BLOOM_BITS) - 1;
    uint64_t b1 = (key >> 20) & mask, b2 = (key >> 40) & mask;
    return (sift_gaz_builtin_bloom[b1 >> 6] >> (b1 & 63) & 1) && (sift_gaz_builtin_bloom[b2 >> 6] >> (b2 & 63) & 1);
}

/* The dictionary's lower-case words, as a set of 32-bit fingerprints (the high half of the key,
 * never 0) at the slot of the key's low bits: a capital on such a word says less than on a name.
 * Apart from the phrase table so that the few lookups it serves (capitalised tokens) do not make
 * every other lookup slower. */
extern const uint32_t sift_gaz_common_slots[];
extern const size_t sift_gaz_common_mask;

/* 1 if key (of a single folded token) is a dictionary word. */
int sift_gaz_is_common(uint64_t key);

#define SIFT_GAZ_HASH_INIT 0xcbf29ce484222325u

/* Adds the case-folded bytes of s[0..len) to the FNV-1a hash h. */
uint64_t sift_gaz_hash_folded(uint64_t h, const char *s, size_t len);

/* Adds the bytes of s[0..len), as they are, to h. */
uint64_t sift_gaz_hash_bytes(uint64_t h, const char *s, size_t len);

/* The key of a phrase whose folded text has hash h (0 is kept for empty slots). */
static inline uint64_t sift_gaz_key(uint64_t h)
{
    return h ? h : 1;
}

/* The slot of key, or NULL. g may be NULL. */
const struct sift_gaz_slot *sift_gaz_find(const struct sift_gazetteer *g, uint64_t key);

/* The most tokens a phrase may have: the tagger keeps a phrase's length in a byte. */
#define SIFT_GAZ_MAX_TOKENS 255

/*
 * User tables. sift_gaz_user_size gives the bytes of memory for phrases of up to ntokens tokens
 * in all (the length of all phrases in bytes is a safe bound); sift_gaz_user_init makes an empty
 * table there; sift_gaz_user_add tokenizes and adds one phrase. It returns 0, or -1 when the
 * phrase has no token or more than SIFT_GAZ_MAX_TOKENS, or the table is full.
 */
size_t sift_gaz_user_size(size_t ntokens);
struct sift_gazetteer *sift_gaz_user_init(void *mem, size_t ntokens);
int sift_gaz_user_add(struct sift_gazetteer *g, const char *phrase, size_t len, uint32_t cats, uint32_t type);

/* The number of tokens that phrase cuts into (white space not counted). */
size_t sift_gaz_phrase_tokens(const char *phrase, size_t len);

#endif
