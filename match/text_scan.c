/*
 * text_scan.c -- text_tokenize: split text into words (apostrophes,
 * possessives, hyphens, dotted initials, acronyms), fold them, and turn
 * each into a token through the stem cache of text.c.  ASCII runs take a
 * table-driven fast path; only bytes >= 0x80 are decoded as UTF-8.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "lib/hash.h"
#include "match/text.h"
#include "match/text_impl.h"

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

/*
 * Default-ignorable code points (soft hyphen, zero-width space and joiners,
 * word joiner, BOM, direction marks) render as nothing: inside a word they
 * are dropped, so "sanc&shy;tions" is the word "sanctions".
 */
static int
is_ignorable(int32_t c)
{
	return c >= 0x80 && utf8proc_get_property(c)->ignorable;
}

/*
 * The NFKC form of word character c >= 0x80 when it is ASCII letters or
 * digits (full-width "Ｅ", mathematical bold "𝐄"): written to out (at most
 * 4 bytes), and the count returned; 0 for any other character.  These go
 * the ASCII way, so that "ＥＵ" is the acronym EU.
 */
static size_t
compat_ascii(int32_t c, char out[4])
{
	utf8proc_int32_t d[4];
	utf8proc_ssize_t n;
	int bound = 0;

	n = utf8proc_decompose_char(c, d, 4,
	    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &bound);
	if (n <= 0 || n > 4)
		return 0;
	for (utf8proc_ssize_t k = 0; k < n; k++) {
		if (d[k] >= 0x80 || !IS_ALNUM(d[k]))
			return 0;
		out[k] = (char)d[k];
	}
	return (size_t)n;
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

/* Add the n bytes of word character c >= 0x80 at s. */
static void
word_add_high(struct word *w, int32_t c, const char *s, size_t n)
{
	char a[4];
	size_t k = compat_ascii(c, a);

	if (w->len + (k > 0 ? k : n) > TEXT_MAX_WORD) {
		w->too_long = 1;
		return;
	}
	if (k == 0) {
		memcpy(w->raw + w->len, s, n);
		w->len += n;
		w->ascii = w->all_caps = 0;
		return;
	}
	for (size_t j = 0; j < k; j++) {
		unsigned char b = (unsigned char)a[j];

		w->raw[w->len++] = (char)b;
		w->key = hash_fnv_byte(w->key, text_byte_word[b]);
		w->all_caps = w->all_caps && b >= 'A' && b <= 'Z';
	}
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
		unsigned f = text_byte_word[b];                                \
		if (f == 0) {                                                  \
			j += (k);                                              \
			goto done;                                             \
		}                                                              \
		out[j + (k)] = (char)b;                                        \
		x = hash_fnv_byte(x, (unsigned char)f);                        \
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
	for (i += n; i < len && text_byte_word[(unsigned char)s[i]] != 0; i++)
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
		return text_push_token(t, w->raw, w->len,
		    w->key != 0 ? w->key : 1, acronym ? TEXT_ACRONYM : 0, 1,
		    w->start);
	len = fold_word(w, buf);
	if (len == 0)
		return 0;
	return text_push_token(t, buf, len, text_hash(buf, len), 0, 0,
	    w->start);
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
		return text_byte_word[(unsigned char)s[i]] != 0;
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
				word_add_high(w, c, s + i, n);
				i += n;
				continue;
			}
			if (is_ignorable(c)) {
				i += n;
				continue;
			}
		}
		skip = 0;
		if (text_byte_class[(unsigned char)s[i]] & (T_HIGH | T_PUNCT)) {
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
	int32_t c = decode(s, len, *pos, &n);

	if (!is_word_cp(c)) {
		*pos += n;
		return 0;
	}
	w->len = 0;
	w->key = HASH_FNV_BASIS;
	w->start = *pos;
	w->ascii = w->all_caps = 1;
	w->too_long = 0;
	word_add_high(w, c, s + *pos, n);
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
		text_cache_reset(t);
	while (i < len) {
		uint64_t h = HASH_FNV_BASIS;
		size_t n;

		if (text_byte_word[(unsigned char)s[i]] == 0) {
			if ((unsigned char)s[i] < 0x80)
				i++;
			else if ((rc = high_word(t, &w, s, len, &i)) < 0)
				return rc;
			continue;
		}
		n = scan_run(s + i,
		    len - i < TEXT_MAX_WORD ? len - i : TEXT_MAX_WORD, w.raw,
		    &h);
		if (i + n == len ||
		    text_byte_class[(unsigned char)s[i + n]] == 0) {
			int acronym = n >= 2 && n <= 5 && all_caps(w.raw, n);

			rc = text_push_token(t, w.raw, n, h != 0 ? h : 1,
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
