/*
 * text_impl.h -- private to alerts/text*.c: the stem cache and the byte
 * tables shared by the cache (text.c) and the tokeniser (text_scan.c).
 */
#ifndef UKEUWATCH_MATCH_TEXT_IMPL_H
#define UKEUWATCH_MATCH_TEXT_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "match/text.h"

#define CACHE_SLOTS  65536 /* power of two */
#define CACHE_MAX    (CACHE_SLOTS / 2)
#define ARENA_MAX    (CACHE_MAX * 24)
#define ACRONYM_SALT 0x5bd1e9955bd1e995ULL

struct cache_slot {
	uint64_t key; /* hash of the folded word; 0: empty */
	uint64_t stem_hash;
	uint32_t word_off; /* into arena */
	uint32_t stem_off;
	uint8_t word_len;
	uint8_t stem_len;
};

struct text {
	struct sb_stemmer *stemmer; /* owned */
	struct cache_slot *slots;   /* owned: CACHE_SLOTS */
	size_t used;
	char *arena; /* owned: folded words and stems */
	size_t alen;
	struct text_token *toks; /* owned */
	size_t ntok, captok;
	/* Stems of words that did not fit in the cache during this call. */
	char *spill; /* owned */
	size_t spill_len, spill_cap;
	size_t nspilled; /* tokens of this call whose stem is in the spill */
};

#define SPILL_MAX 0x80000000u /* bytes of spilled stems in one call */

/*
 * What each byte can be in a word, looked up once per byte so that only
 * bytes >= 0x80 are decoded as UTF-8.  Built by macros: constant data.
 * byte_word is the folded letter or digit, 0 for any other byte.
 */
#define T_WORD  0x01 /* A-Z, a-z, 0-9 */
#define T_HIGH  0x02 /* >= 0x80 */
#define T_PUNCT 0x04 /* ' - . can join a word to what follows */

#define IS_ALNUM(b)                                                            \
	(((b) >= 'a' && (b) <= 'z') || ((b) >= 'A' && (b) <= 'Z') ||           \
	    ((b) >= '0' && (b) <= '9'))
#define T_CLASS(b)                                                             \
	((b) >= 0x80                                      ? T_HIGH :           \
	        IS_ALNUM(b)                               ? T_WORD :           \
	        ((b) == '\'' || (b) == '-' || (b) == '.') ? T_PUNCT :          \
	                                                    0)
#define T_FOLD(b)  (IS_ALNUM(b) ? (b) | 0x20 : 0) /* digits have 0x20 set */
#define T_4(m, b)  m(b), m((b) + 1), m((b) + 2), m((b) + 3)
#define T_16(m, b) T_4(m, b), T_4(m, (b) + 4), T_4(m, (b) + 8), T_4(m, (b) + 12)
#define T_64(m, b)                                                             \
	T_16(m, b), T_16(m, (b) + 16), T_16(m, (b) + 32), T_16(m, (b) + 48)

extern const uint8_t text_byte_class[256]; /* T_* of each byte */
extern const uint8_t text_byte_word[256];  /* folded, 0 if not alnum */

/* Internal flag of a token whose stem is in the spill (see text_tokenize). */
#define TOK_SPILLED 0x80

static inline void
text_put_token(struct text *t, uint64_t hash, const char *stem, size_t slen,
    int flags, uint64_t key, size_t start)
{
	struct text_token *tok = &t->toks[t->ntok++];

	tok->hash = hash;
	tok->acronym_hash = (flags & TEXT_ACRONYM) ? key ^ ACRONYM_SALT : 0;
	tok->stem = stem;
	tok->stem_len = (uint16_t)slen;
	tok->flags = (uint8_t)flags;
	tok->offset = (uint32_t)start;
}

/*
 * The token of a word not in the cache (text.c): stem it and remember it in
 * the empty slot s, or spill the stem when the cache is full.  0 or -ENOMEM.
 */
int text_push_new(struct text *t, struct cache_slot *s, const char *w,
    size_t len, uint64_t key, int flags, int fold, size_t start);
int text_toks_grow(struct text *t);
/* Empty the cache (between calls only: tokens point into the arena). */
void text_cache_reset(struct text *t);

/*
 * Add the token of word w (len bytes; folded, or ASCII as written if fold)
 * at offset start, with key = text_hash of the folded word and flags
 * TEXT_ACRONYM or 0.  The cache hit is the common case, inline and without
 * buffers.  0 or -ENOMEM.
 */
static inline int
text_push_token(struct text *t, const char *w, size_t len, uint64_t key,
    int flags, int fold, size_t start)
{
	size_t i = key & (CACHE_SLOTS - 1);
	const struct cache_slot *s;

	if (t->ntok == t->captok && text_toks_grow(t) < 0)
		return -ENOMEM;
	for (;; i = (i + 1) & (CACHE_SLOTS - 1)) {
		s = &t->slots[i];
		/* 64-bit keys: a false hit among 32k words is ~1e-11. */
		if (s->key == key && s->word_len == len)
			break;
		if (s->key == 0)
			return text_push_new(t, &t->slots[i], w, len, key,
			    flags, fold, start);
	}
	text_put_token(t, s->stem_hash, t->arena + s->stem_off, s->stem_len,
	    flags, key, start);
	return 0;
}

#endif /* UKEUWATCH_MATCH_TEXT_IMPL_H */
