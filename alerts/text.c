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
};

/* Where emit_word left a token's stem until the call ends. */
#define SPILLED 0x80000000u

uint64_t
text_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
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

/* ---- the word cache ----------------------------------------------------- */

static void
cache_reset(struct text *t)
{
	memset(t->slots, 0, CACHE_SLOTS * sizeof(*t->slots));
	t->used = 0;
	t->alen = 0;
}

struct stem {
	uint64_t hash;
	uint32_t off; /* into the arena, or SPILLED | into spill */
	uint8_t len;
};

static int
spill(struct text *t, const void *p, size_t n, struct stem *out)
{
	if (t->spill_len + n > t->spill_cap) {
		size_t cap = t->spill_cap ? t->spill_cap * 2 : 4096;
		char *v;

		while (cap < t->spill_len + n)
			cap *= 2;
		if (cap >= SPILLED)
			return -EFBIG;
		v = realloc(t->spill, cap);
		if (v == NULL)
			return -ENOMEM;
		t->spill = v;
		t->spill_cap = cap;
	}
	memcpy(t->spill + t->spill_len, p, n);
	out->off = SPILLED | (uint32_t)t->spill_len;
	t->spill_len += n;
	return 0;
}

/*
 * The stem of folded word w: from the cache, else stemmed and remembered
 * (or spilled when the cache is full until the next call).  0 or -ENOMEM.
 */
static int
stem_word(struct text *t, const char *w, size_t len, uint64_t key,
    struct stem *out)
{
	size_t i = key & (CACHE_SLOTS - 1);
	char buf[TEXT_MAX_WORD + 4];
	const sb_symbol *st;
	struct cache_slot *s;
	size_t n, slen;

	for (;; i = (i + 1) & (CACHE_SLOTS - 1)) {
		s = &t->slots[i];
		if (s->key == 0)
			break;
		/* 64-bit keys: a false hit among 32k words is ~1e-11. */
		if (s->key == key && s->word_len == len) {
			out->hash = s->stem_hash;
			out->off = s->stem_off;
			out->len = s->stem_len;
			return 0;
		}
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
	out->hash = text_hash((const char *)st, slen);
	out->len = (uint8_t)slen;
	if (t->used >= CACHE_MAX || t->alen + len + slen > ARENA_MAX)
		return spill(t, st, slen, out);
	s->key = key;
	s->word_off = (uint32_t)t->alen;
	s->word_len = (uint8_t)len;
	memcpy(t->arena + t->alen, w, len);
	t->alen += len;
	s->stem_off = (uint32_t)t->alen;
	s->stem_len = (uint8_t)slen;
	memcpy(t->arena + t->alen, st, slen);
	t->alen += slen;
	s->stem_hash = out->hash;
	t->used++;
	out->off = s->stem_off;
	return 0;
}

/* ---- tokenising --------------------------------------------------------- */

struct word {
	char raw[TEXT_MAX_WORD * 2]; /* the word's bytes, apostrophes dropped */
	char
	    fold[TEXT_MAX_WORD * 2]; /* ASCII words: lower-cased as they come */
	uint64_t key; /* ASCII words: text_hash of fold, as they come */
	size_t len;
	size_t start; /* offset in the input */
	int ascii;    /* every byte < 0x80 */
	int upper;    /* capital letters so far */
	int lower;    /* other letters and digits so far */
	int too_long;
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

static int
is_word_char(int32_t c)
{
	if (c < 0x80)
		return ((unsigned)(c | 32) - 'a' < 26) ||
		    ((unsigned)c - '0' < 10);
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

/* The code point at s[i] and its length; invalid bytes read as -1. */
static int32_t
decode(const char *s, size_t len, size_t i, size_t *n)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	if ((unsigned char)s[i] < 0x80) {
		*n = 1;
		return (unsigned char)s[i];
	}
	k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	    (utf8proc_ssize_t)(len - i), &c);
	if (k <= 0) {
		*n = 1;
		return -1;
	}
	*n = (size_t)k;
	return c;
}

static void
word_add(struct word *w, const char *s, size_t n, int32_t c)
{
	if (w->len + n > TEXT_MAX_WORD) {
		w->too_long = 1;
		return;
	}
	if (c < 0x80) {
		char f = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : (char)c;

		w->raw[w->len] = (char)c;
		w->fold[w->len] = f;
		w->key = (w->key ^ (unsigned char)f) * 0x100000001b3ULL;
		w->len++;
		if (f != c)
			w->upper++;
		else
			w->lower++;
		return;
	}
	memcpy(w->raw + w->len, s, n);
	w->len += n;
	w->ascii = 0;
	w->lower++;
}

static int
push_token(struct text *t, const struct text_token *tok)
{
	if (t->ntok == t->captok) {
		size_t cap = t->captok ? t->captok * 2 : 256;
		struct text_token *v = realloc(t->toks, cap * sizeof(*v));

		if (v == NULL)
			return -ENOMEM;
		t->toks = v;
		t->captok = cap;
	}
	t->toks[t->ntok++] = *tok;
	return 0;
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
	char buf[TEXT_MAX_WORD + 4];
	struct text_token tok = { 0 };
	const char *folded = w->fold;
	uint64_t key = w->key != 0 ? w->key : 1;
	struct stem st;
	size_t len = w->len;
	int rc;

	if (w->len == 0 || w->too_long)
		return 0;
	if (!w->ascii) {
		len = fold_word(w, buf);
		if (len == 0)
			return 0;
		folded = buf;
		key = text_hash(buf, len);
	}
	rc = stem_word(t, folded, len, key, &st);
	if (rc < 0)
		return rc;
	tok.hash = st.hash;
	/* The offset for now: the spill may move until the call ends. */
	tok.stem = (const char *)(uintptr_t)st.off;
	tok.stem_len = st.len;
	tok.offset = (uint32_t)w->start;
	if (w->ascii && w->upper >= 2 && w->upper <= 5 && w->lower == 0) {
		tok.flags |= TEXT_ACRONYM;
		tok.acronym_hash = text_acronym_key(folded, len);
	}
	return push_token(t, &tok);
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

	return i < len && is_word_char(decode(s, len, i, &n));
}

static int
is_upper_at(const char *s, size_t len, size_t i)
{
	return i < len && s[i] >= 'A' && s[i] <= 'Z';
}

/*
 * What follows a word character that is not one: keep the word going
 * (joined), end it, or end it and skip a possessive s.  Returns how many
 * bytes to skip and sets *join.
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
	if (c == '.' && w->len == 1 && w->upper == 1 &&
	    is_upper_at(s, len, i + 1) && i + 2 < len && s[i + 2] == '.') {
		*join = 1;
		return 1;
	}
	if (c == '.' && w->upper >= 2 && w->lower == 0 && w->len > 1 &&
	    i >= 2 && s[i - 2] == '.' && is_upper_at(s, len, i + 1) &&
	    i + 2 < len && s[i + 2] == '.') {
		*join = 1;
		return 1;
	}
	return 0;
}

int
text_tokenize(struct text *t, const char *s, size_t len,
    const struct text_token **toks)
{
	struct word w;
	size_t i = 0, n;
	int in_word = 0, rc, join;

	*toks = NULL;
	t->ntok = 0;
	t->spill_len = 0;
	/* Tokens of this call point into the arena: reset only between calls.
	 */
	if (t->used >= CACHE_MAX * 7 / 8 || t->alen + 4096 >= ARENA_MAX)
		cache_reset(t);
	while (i < len) {
		int32_t c = decode(s, len, i, &n);

		if (c >= 0 && is_word_char(c)) {
			if (!in_word) {
				w.len = 0;
				w.key = 0xcbf29ce484222325ULL;
				w.start = i;
				w.ascii = 1;
				w.upper = w.lower = w.too_long = 0;
				in_word = 1;
			}
			word_add(&w, s + i, n, c);
			i += n;
			continue;
		}
		if (in_word) {
			size_t skip = inner_punct(&w, s, len, i, c, n, &join);

			if (join) {
				i += skip;
				continue;
			}
			rc = emit_word(t, &w);
			if (rc < 0)
				return rc;
			in_word = 0;
			if (skip > 0) {
				i += skip;
				continue;
			}
		}
		i += n;
	}
	if (in_word) {
		rc = emit_word(t, &w);
		if (rc < 0)
			return rc;
	}
	for (size_t k = 0; k < t->ntok; k++) {
		uint32_t off = (uint32_t)(uintptr_t)t->toks[k].stem;

		t->toks[k].stem = (off & SPILLED) ?
		    t->spill + (off & ~SPILLED) :
		    t->arena + off;
	}
	*toks = t->toks;
	return (int)t->ntok;
}
