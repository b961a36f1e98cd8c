/* text.c -- tokenise, fold, respell and stem: the words both profiles and items
 * are made of */
#include "alerts/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

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
#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

uint64_t
text_hash(const char *s, size_t len)
{
	uint64_t h = FNV_BASIS;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= FNV_PRIME;
	}
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

static const uint8_t byte_class[256] = { T_64(T_CLASS, 0), T_64(T_CLASS, 64),
	T_64(T_CLASS, 128), T_64(T_CLASS, 192) };
static const uint8_t byte_word[256] = { T_64(T_FOLD, 0), T_64(T_FOLD, 64),
	T_64(T_FOLD, 128), T_64(T_FOLD, 192) };

/* ---- the word cache ----------------------------------------------------- */

static void
cache_reset(struct text *t)
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

/* Internal flag of a token whose stem is in the spill (see text_tokenize). */
#define TOK_SPILLED 0x80

static void
put_token(struct text *t, uint64_t hash, const char *stem, size_t slen,
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
 * The token of a word not in the cache: stem word w (folded, or ASCII as
 * written if fold) and remember it in the empty slot s its key leads to,
 * or spill the stem when the cache is full until the next call.  Out of
 * line: a cache miss is rare.  0 or -ENOMEM.
 */
static __attribute__((noinline)) int
push_new(struct text *t, struct cache_slot *s, const char *w, size_t len,
    uint64_t key, int flags, int fold, size_t start)
{
	char buf[TEXT_MAX_WORD + 4], low[TEXT_MAX_WORD];
	const sb_symbol *st;
	size_t n, slen, off;
	int rc;

	if (fold) {
		for (size_t k = 0; k < len; k++)
			low[k] = (char)byte_word[(unsigned char)w[k]];
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
		put_token(t, text_hash((const char *)st, slen),
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
	put_token(t, s->stem_hash, t->arena + s->stem_off, slen, flags, key,
	    start);
	return 0;
}

static __attribute__((noinline)) int
toks_grow(struct text *t)
{
	size_t cap = t->captok ? t->captok * 2 : 256;
	struct text_token *v = realloc(t->toks, cap * sizeof(*v));

	if (v == NULL)
		return -ENOMEM;
	t->toks = v;
	t->captok = cap;
	return 0;
}

/*
 * Add the token of word w (len bytes; folded, or ASCII as written if fold)
 * at offset start, with key = text_hash of the folded word and flags
 * TEXT_ACRONYM or 0.  The cache hit is the common case, inline and without
 * buffers.  0 or -ENOMEM.
 */
static inline int
push_token(struct text *t, const char *w, size_t len, uint64_t key, int flags,
    int fold, size_t start)
{
	size_t i = key & (CACHE_SLOTS - 1);
	const struct cache_slot *s;

	if (t->ntok == t->captok && toks_grow(t) < 0)
		return -ENOMEM;
	for (;; i = (i + 1) & (CACHE_SLOTS - 1)) {
		s = &t->slots[i];
		/* 64-bit keys: a false hit among 32k words is ~1e-11. */
		if (s->key == key && s->word_len == len)
			break;
		if (s->key == 0)
			return push_new(t, &t->slots[i], w, len, key, flags,
			    fold, start);
	}
	put_token(t, s->stem_hash, t->arena + s->stem_off, s->stem_len, flags,
	    key, start);
	return 0;
}

/* ---- words -------------------------------------------------------------- */

/* A word that needs more than the fast path of text_tokenize. */
struct word {
	char raw[TEXT_MAX_WORD]; /* the word's bytes, apostrophes dropped */
	uint64_t key; /* ASCII words: text_hash of the folded bytes so far */
	size_t len;
	size_t start; /* offset in the input */
	int ascii;    /* every character < 0x80 */
	int all_caps; /* every character an ASCII capital */
	int too_long; /* a character did not fit: the word is dropped */
};

static int
is_apostrophe(int32_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02bc;
}

static int
is_hyphen(int32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

/* Whether code point c >= 0x80 (or -1, invalid) is part of a word. */
static int
is_word_cp(int32_t c)
{
	if (c < 0x80)
		return 0;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/* The code point at s[i] >= 0x80 and its length; an invalid byte reads as
 * -1. */
static int32_t
decode(const char *s, size_t len, size_t i, size_t *n)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	    (utf8proc_ssize_t)(len - i), &c);
	if (k <= 0) {
		*n = 1;
		return -1;
	}
	*n = (size_t)k;
	return c;
}

/* Add the n bytes of a word character >= 0x80 at s. */
static void
word_add_high(struct word *w, const char *s, size_t n)
{
	if (w->len + n > TEXT_MAX_WORD) {
		w->too_long = 1;
		return;
	}
	memcpy(w->raw + w->len, s, n);
	w->len += n;
	w->ascii = w->all_caps = 0;
}

/*
 * Copy the ASCII letters and digits at the start of s[0..max) to out and
 * hash their folded bytes into *h (FNV-1a, as text_hash); returns how many.
 * The inner loop of the tokeniser, unrolled: one bound check per 4 bytes.
 */
static inline size_t
scan_run(const char *s, size_t max, char *out, uint64_t *h)
{
	uint64_t x = *h;
	size_t j = 0;

#define SCAN_BYTE(k)                                                           \
	do {                                                                   \
		unsigned char b = (unsigned char)s[j + (k)];                   \
		unsigned f = byte_word[b];                                     \
		if (f == 0) {                                                  \
			j += (k);                                              \
			goto done;                                             \
		}                                                              \
		out[j + (k)] = (char)b;                                        \
		x = (x ^ f) * FNV_PRIME;                                       \
	} while (0)
	for (; j + 4 <= max; j += 4) {
		SCAN_BYTE(0);
		SCAN_BYTE(1);
		SCAN_BYTE(2);
		SCAN_BYTE(3);
	}
	for (; j < max; j++)
		SCAN_BYTE(0);
#undef SCAN_BYTE
done:
	*h = x;
	return j;
}

static inline int
all_caps(const char *w, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		if ((unsigned)((unsigned char)w[j] - 'A') >= 26)
			return 0;
	}
	return 1;
}

/*
 * Add the ASCII letters and digits from s[i] to w and return where they
 * end.  Those past TEXT_MAX_WORD bytes make the word too long.
 */
static size_t
word_add_ascii(struct word *w, const char *s, size_t len, size_t i)
{
	size_t room = TEXT_MAX_WORD - w->len;
	size_t n = scan_run(s + i, len - i < room ? len - i : room,
	    w->raw + w->len, &w->key);

	w->all_caps = w->all_caps && all_caps(w->raw + w->len, n);
	w->len += n;
	for (i += n; i < len && byte_word[(unsigned char)s[i]] != 0; i++)
		w->too_long = 1;
	return i;
}

/* Fold w to lower case (NFKC, case fold, no marks) into out. */
static size_t
fold_word(const struct word *w, char *out)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t n;
	size_t len = 0;

	n = utf8proc_map((const utf8proc_uint8_t *)w->raw,
	    (utf8proc_ssize_t)w->len, &m,
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
	        UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
	if (n > 0 && (size_t)n <= TEXT_MAX_WORD) {
		memcpy(out, m, (size_t)n);
		len = (size_t)n;
	}
	free(m);
	return len;
}

static int
emit_word(struct text *t, const struct word *w)
{
	char buf[TEXT_MAX_WORD];
	size_t len;
	int acronym = w->all_caps && w->len >= 2 && w->len <= 5;

	if (w->len == 0 || w->too_long)
		return 0;
	if (w->ascii)
		return push_token(t, w->raw, w->len, w->key != 0 ? w->key : 1,
		    acronym ? TEXT_ACRONYM : 0, 1, w->start);
	len = fold_word(w, buf);
	if (len == 0)
		return 0;
	return push_token(t, buf, len, text_hash(buf, len), 0, 0, w->start);
}

/* Prefixes that stay joined to the rest of a hyphenated word. */
static int
joining_prefix(const struct word *w)
{
	static const char *const pre[] = { "co", "re", "pre", "non" };

	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		size_t n = strlen(pre[i]);

		if (w->len == n && strncasecmp(w->raw, pre[i], n) == 0)
			return 1;
	}
	return 0;
}

static int
is_letter_at(const char *s, size_t len, size_t i)
{
	size_t n;

	if (i >= len)
		return 0;
	if ((unsigned char)s[i] < 0x80)
		return byte_word[(unsigned char)s[i]] != 0;
	return is_word_cp(decode(s, len, i, &n));
}

static int
is_upper_at(const char *s, size_t len, size_t i)
{
	return i < len && s[i] >= 'A' && s[i] <= 'Z';
}

/*
 * What follows a word character that is not one (c, n bytes at s[i]): keep
 * the word going (joined), end it, or end it and skip a possessive s.
 * Returns how many bytes to skip and sets *join.
 */
static size_t
inner_punct(const struct word *w, const char *s, size_t len, size_t i,
    int32_t c, size_t n, int *join)
{
	*join = 0;
	if (is_apostrophe(c) && is_letter_at(s, len, i + n)) {
		if ((s[i + n] == 's' || s[i + n] == 'S') &&
		    !is_letter_at(s, len, i + n + 1))
			return n + 1; /* possessive: drop 's */
		*join = 1;
		return n;
	}
	if (is_hyphen(c) && joining_prefix(w) && is_letter_at(s, len, i + n)) {
		*join = 1;
		return n;
	}
	/* Dotted initials: U.S., U.K. */
	if (c == '.' && w->all_caps && is_upper_at(s, len, i + 1) &&
	    i + 2 < len && s[i + 2] == '.' &&
	    (w->len == 1 || (i >= 2 && s[i - 2] == '.'))) {
		*join = 1;
		return 1;
	}
	return 0;
}

/*
 * Read the rest of word w from s[*pos] to the first character that ends
 * it, emit w and move *pos past that character (or past a possessive).
 */
static int
word_rest(struct text *t, struct word *w, const char *s, size_t len,
    size_t *pos)
{
	size_t i = *pos, n, skip;
	int32_t c;
	int join;

	for (;;) {
		i = word_add_ascii(w, s, len, i);
		if (i >= len)
			break;
		c = (unsigned char)s[i];
		n = 1;
		if (c >= 0x80) {
			c = decode(s, len, i, &n);
			if (is_word_cp(c)) {
				word_add_high(w, s + i, n);
				i += n;
				continue;
			}
		}
		skip = 0;
		if (byte_class[(unsigned char)s[i]] & (T_HIGH | T_PUNCT)) {
			skip = inner_punct(w, s, len, i, c, n, &join);
			if (join) {
				i += skip;
				continue;
			}
		}
		i += skip > 0 ? skip : n;
		break;
	}
	*pos = i;
	return emit_word(t, w);
}

/*
 * A word that starts with a character >= 0x80, if the one at s[*pos] is a
 * word character; else *pos moves past it.
 */
static int
high_word(struct text *t, struct word *w, const char *s, size_t len,
    size_t *pos)
{
	size_t n;

	if (!is_word_cp(decode(s, len, *pos, &n))) {
		*pos += n;
		return 0;
	}
	w->len = 0;
	w->key = FNV_BASIS;
	w->start = *pos;
	w->ascii = w->all_caps = 1;
	w->too_long = 0;
	word_add_high(w, s + *pos, n);
	*pos += n;
	return word_rest(t, w, s, len, pos);
}

/*
 * The fast path reads a run of ASCII letters and digits, folding and
 * hashing as it goes; if a plain separator (space, comma...) or the end
 * follows, that is the whole word.  Anything else (' - . or a byte >=
 * 0x80 after the run, a run too long) continues in word_rest.
 */
int
text_tokenize(struct text *t, const char *s, size_t len,
    const struct text_token **toks)
{
	struct word w;
	size_t i = 0;
	int rc;

	*toks = NULL;
	t->ntok = 0;
	t->spill_len = 0;
	t->nspilled = 0;
	/* Tokens of this call point into the arena: reset only between calls.
	 */
	if (t->used >= CACHE_MAX * 7 / 8 || t->alen + 4096 >= ARENA_MAX)
		cache_reset(t);
	while (i < len) {
		uint64_t h = FNV_BASIS;
		size_t n;

		if (byte_word[(unsigned char)s[i]] == 0) {
			if ((unsigned char)s[i] < 0x80)
				i++;
			else if ((rc = high_word(t, &w, s, len, &i)) < 0)
				return rc;
			continue;
		}
		n = scan_run(s + i,
		    len - i < TEXT_MAX_WORD ? len - i : TEXT_MAX_WORD, w.raw,
		    &h);
		if (i + n == len || byte_class[(unsigned char)s[i + n]] == 0) {
			int acronym = n >= 2 && n <= 5 && all_caps(w.raw, n);

			rc = push_token(t, w.raw, n, h != 0 ? h : 1,
			    acronym ? TEXT_ACRONYM : 0, 1, i);
			i += n + 1; /* the separator (or past the end) */
		} else {
			w.len = n;
			w.key = h;
			w.start = i;
			w.ascii = 1;
			w.all_caps = all_caps(w.raw, n);
			w.too_long = 0;
			i += n;
			rc = word_rest(t, &w, s, len, &i);
		}
		if (rc < 0)
			return rc;
	}
	if (t->nspilled > 0) {
		for (size_t k = 0; k < t->ntok; k++) {
			struct text_token *tok = &t->toks[k];

			if (tok->flags & TOK_SPILLED) {
				tok->stem = t->spill + (uintptr_t)tok->stem;
				tok->flags &= ~TOK_SPILLED;
			}
		}
	}
	*toks = t->toks;
	return (int)t->ntok;
}
