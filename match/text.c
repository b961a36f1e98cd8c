/*
 * text.c -- the words both profiles and items are made of: hashing,
 * British spellings, Snowball stems and the word -> stem cache.  The
 * tokeniser that feeds the cache is in text_scan.c.
 */
#include "match/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

#include "lib/hash.h"
#include "match/text_impl.h"

uint64_t
text_hash(const char *s, size_t len)
{
	uint64_t h = hash_fnv(HASH_FNV_BASIS, s, len);

	return h != 0 ? h : 1;
}

uint64_t
text_acronym_key(const char *w, size_t len)
{
	return text_hash(w, len) ^ ACRONYM_SALT;
}

int
text_new(struct text **out)
{
	struct text *t;

	*out = NULL;
	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return -ENOMEM;
	t->stemmer = sb_stemmer_new("english", NULL);
	t->slots = calloc(CACHE_SLOTS, sizeof(*t->slots));
	t->arena = malloc(ARENA_MAX);
	if (t->slots == NULL || t->arena == NULL || t->stemmer == NULL) {
		int rc = t->stemmer == NULL && t->slots != NULL ? -ENOENT :
		                                                  -ENOMEM;
		text_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

void
text_free(struct text *t)
{
	if (t == NULL)
		return;
	if (t->stemmer != NULL)
		sb_stemmer_delete(t->stemmer);
	free(t->slots);
	free(t->arena);
	free(t->toks);
	free(t->spill);
	free(t);
}

/* ---- spelling ----------------------------------------------------------- */

static const char *const respell[][2] = {
	{ "defense", "defence" },
	{ "defenses", "defences" },
	{ "offense", "offence" },
	{ "offenses", "offences" },
	{ "program", "programme" },
	{ "programs", "programmes" },
	{ "center", "centre" },
	{ "centers", "centres" },
	{ "labor", "labour" },
	{ "favor", "favour" },
	{ "honor", "honour" },
	{ "behavior", "behaviour" },
	{ "counterterrorism", "counter-terrorism" },
};

static int
ends_with(const char *w, size_t len, const char *suf, size_t *base)
{
	size_t n = strlen(suf);

	if (len < n || memcmp(w + len - n, suf, n) != 0)
		return 0;
	*base = len - n;
	return 1;
}

/*
 * American to British spelling, in place; w has room for 3 more bytes.
 * -ize words need a base of three letters or more so that size, prize and
 * seize stay as they are.
 */
static void
britishise(char *w, size_t *len)
{
	static const char *const ize[] = { "ization", "izations", "ize", "izes",
		"ized", "izing", "izer", "izers", "yze", "yzes", "yzed",
		"yzing" };
	size_t base;

	for (size_t i = 0; i < sizeof(respell) / sizeof(respell[0]); i++) {
		size_t n = strlen(respell[i][0]);
		size_t m = strlen(respell[i][1]);

		if (n == *len && memcmp(w, respell[i][0], n) == 0 &&
		    m < TEXT_MAX_WORD) {
			memcpy(w, respell[i][1], m);
			*len = m;
			return;
		}
	}
	for (size_t i = 0; i < sizeof(ize) / sizeof(ize[0]); i++) {
		if (ends_with(w, *len, ize[i], &base) && base >= 3 &&
		    !(base == 4 && memcmp(w, "caps", 4) == 0)) {
			w[base + 1] = 's'; /* i[z] or y[z] */
			return;
		}
	}
}

/*
 * Words Snowball conflates with a different sense: "secure" (safe, to
 * obtain) would become "secur", the stem of "security", and make "UK says
 * democracy secure" a security story.
 */
static int
own_stem(const char *w, size_t n, const sb_symbol **st, size_t *len)
{
	static const char *const secure[] = { "secure", "secures", "secured",
		"securing", "securely" };

	for (size_t i = 0; i < sizeof(secure) / sizeof(secure[0]); i++) {
		if (strlen(secure[i]) == n && memcmp(w, secure[i], n) == 0) {
			*st = (const sb_symbol *)"secure";
			*len = 6;
			return 1;
		}
	}
	return 0;
}

const uint8_t text_byte_word[256] = { T_64(T_FOLD, 0), T_64(T_FOLD, 64),
	T_64(T_FOLD, 128), T_64(T_FOLD, 192) };
const uint8_t text_byte_class[256] = { T_64(T_CLASS, 0), T_64(T_CLASS, 64),
	T_64(T_CLASS, 128), T_64(T_CLASS, 192) };

/* ---- the word cache ----------------------------------------------------- */

void
text_cache_reset(struct text *t)
{
	memset(t->slots, 0, CACHE_SLOTS * sizeof(*t->slots));
	t->used = 0;
	t->alen = 0;
}

/* Copy n bytes of p to the spill; *off is where.  0, -ENOMEM or -EFBIG. */
static int
spill(struct text *t, const void *p, size_t n, size_t *off)
{
	if (t->spill_len + n > t->spill_cap) {
		size_t cap = t->spill_cap ? t->spill_cap * 2 : 4096;
		char *v;

		while (cap < t->spill_len + n)
			cap *= 2;
		if (cap >= SPILL_MAX)
			return -EFBIG;
		v = realloc(t->spill, cap);
		if (v == NULL)
			return -ENOMEM;
		t->spill = v;
		t->spill_cap = cap;
	}
	memcpy(t->spill + t->spill_len, p, n);
	*off = t->spill_len;
	t->spill_len += n;
	return 0;
}

/*
 * The token of a word not in the cache: stem word w (folded, or ASCII as
 * written if fold) and remember it in the empty slot s its key leads to,
 * or spill the stem when the cache is full until the next call.  Out of
 * line: a cache miss is rare.  0 or -ENOMEM.
 */
__attribute__((noinline)) int
text_push_new(struct text *t, struct cache_slot *s, const char *w, size_t len,
    uint64_t key, int flags, int fold, size_t start)
{
	char buf[TEXT_MAX_WORD + 4], low[TEXT_MAX_WORD];
	const sb_symbol *st;
	size_t n, slen, off;
	int rc;

	if (fold) {
		for (size_t k = 0; k < len; k++)
			low[k] = (char)text_byte_word[(unsigned char)w[k]];
		w = low;
	}
	memcpy(buf, w, len);
	n = len;
	britishise(buf, &n);
	if (own_stem(buf, n, &st, &slen))
		goto stemmed;
	st = sb_stemmer_stem(t->stemmer, (const sb_symbol *)buf, (int)n);
	if (st == NULL)
		return -ENOMEM;
	slen = (size_t)sb_stemmer_length(t->stemmer);
stemmed:
	if (slen > TEXT_MAX_WORD)
		slen = TEXT_MAX_WORD;
	if (t->used >= CACHE_MAX || t->alen + len + slen > ARENA_MAX) {
		rc = spill(t, st, slen, &off);
		if (rc < 0)
			return rc;
		/* The spill may still move: its offset until the call ends. */
		t->nspilled++;
		text_put_token(t, text_hash((const char *)st, slen),
		    (const char *)(uintptr_t)off, slen, flags | TOK_SPILLED,
		    key, start);
		return 0;
	}
	s->key = key;
	s->word_off = (uint32_t)t->alen;
	s->word_len = (uint8_t)len;
	memcpy(t->arena + t->alen, w, len);
	t->alen += len;
	s->stem_off = (uint32_t)t->alen;
	s->stem_len = (uint8_t)slen;
	memcpy(t->arena + t->alen, st, slen);
	t->alen += slen;
	s->stem_hash = text_hash((const char *)st, slen);
	t->used++;
	text_put_token(t, s->stem_hash, t->arena + s->stem_off, slen, flags,
	    key, start);
	return 0;
}

__attribute__((noinline)) int
text_toks_grow(struct text *t)
{
	size_t cap = t->captok ? t->captok * 2 : 256;
	struct text_token *v = realloc(t->toks, cap * sizeof(*v));

	if (v == NULL)
		return -ENOMEM;
	t->toks = v;
	t->captok = cap;
	return 0;
}
