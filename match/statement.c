/* statement.c -- find reported speech and its speaker in news text
 *
 * Speed matters because the matcher runs this on every matched item.  The
 * text is read once, looking only at the bytes below 0x40 (white space and
 * punctuation: where sentences end and words start), 16 at a time; a word
 * is looked at only when its first two letters can begin a reporting verb,
 * and the speaker and quote only around such a verb.  Nothing is allocated
 * until the winner is copied out (statement_locate: not even then). */
#include "match/statement.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "match/statement_impl.h"

const unsigned char statement_cls[256] = {
	['\t'] = C_SPACE | C_BEFORE | C_AFTER,
	['\n'] = C_SPACE | C_BEFORE | C_AFTER | C_STOP,
	['\r'] = C_SPACE | C_BEFORE | C_AFTER,
	[' '] = C_SPACE | C_BEFORE | C_AFTER,
	['"'] = C_BEFORE | C_SEP,
	['\''] = C_BEFORE | C_SEP,
	[','] = C_BEFORE | C_AFTER | C_SEP,
	['.'] = C_AFTER | C_STOP,
	[':'] = C_AFTER,
	['!'] = C_STOP,
	['?'] = C_STOP,
	['s'] = C_VERB,
	['t'] = C_VERB,
	['a'] = C_VERB,
	['w'] = C_VERB,
	['d'] = C_VERB,
	[0x98] = C_SEP, /* ‘ ’ ‚ ‛ “ ” „ ‟ end in 0x98..0x9f */
	[0x99] = C_SEP,
	[0x9a] = C_SEP,
	[0x9b] = C_SEP,
	[0x9c] = C_SEP,
	[0x9d] = C_SEP,
	[0x9e] = C_SEP,
	[0x9f] = C_SEP,
};

void
statement_init(struct statement *st)
{
	st->quote = NULL;
	st->speaker = NULL;
	st->quoted = 0;
}

void
statement_clear(struct statement *st)
{
	free(st->quote);
	free(st->speaker);
	statement_init(st);
}

/* If the stop character at p (. ! ? or a newline) ends the sentence that
 * starts at a, where the next one starts; else NULL. */
static const char *
stop_at(const char *a, const char *p, const char *end)
{
	const char *q = p + 1;

	if (*p == '\n')
		return q;
	if (q >= end)
		return NULL;
	if (*p == '.' && p - 1 >= a && p[-1] >= 'A' && p[-1] <= 'Z' &&
	    (p - 2 < a || p[-2] == '.' || is_space(p[-2])))
		return NULL; /* "U.S. President", "John F. Kennedy" */
	q += quote_mark(q, end);
	if (q < end && is_space(*q) && q + 1 < end &&
	    ((q[1] >= 'A' && q[1] <= 'Z') || quote_mark(q + 1, end)))
		return q + 1;
	return NULL;
}

/*
 * Bit i set when byte i of the n (at most 16) at p is below 0x40: white
 * space, punctuation, digits.  Every byte that can end a sentence or come
 * before a word is one of them, and letters and UTF-8 sequences, most of
 * a text, are not, so the scans below step over them 16 at a time.
 */
static unsigned
low_bytes(const char *p, size_t n)
{
	unsigned m = 0;

#ifdef __SSE2__
	if (n == 16) {
		__m128i x = _mm_loadu_si128((const void *)p);
		__m128i lo = _mm_min_epu8(x, _mm_set1_epi8(0x3f));

		return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(lo, x));
	}
#endif
	for (size_t i = 0; i < n; i++)
		m |= (unsigned)((unsigned char)p[i] < 0x40) << i;
	return m;
}

static size_t
block(const char *p, const char *lim)
{
	return lim - p < 16 ? (size_t)(lim - p) : 16;
}

static const char *
sentence_end(const char *a, const char *p, const char *end)
{
	const char *b;

	for (; p < end; p += 16) {
		unsigned m = low_bytes(p, block(p, end));

		for (; m != 0; m &= m - 1) {
			const char *q = p + __builtin_ctz(m);

			if ((CLS(*q) & C_STOP) &&
			    (b = stop_at(a, q, end)) != NULL)
				return b;
		}
	}
	return end;
}

/* Could a verb start at p?  The first two letters, looked at inline, leave
 * out nearly every word ("the", "and", "with") before verb_at is called. */
static inline int
maybe_verb(const char *p, const char *end)
{
	if (!(CLS(*p) & C_VERB) || end - p < 4)
		return 0;
	switch (p[0]) {
	case 's':
		return p[1] == 'a' || p[1] == 't';
	case 't':
		return p[1] == 'o';
	case 'a':
		return p[1] == 'd';
	case 'w':
		return p[1] == 'a';
	default:
		return p[1] == 'e'; /* d */
	}
}

/* Does a verb at word start p, in the sentence that starts at a, give a
 * statement?  *b is the end of the sentence, found here if still NULL. */
static int
try_verb(const char *a, const char *p, const char *end, const char **b,
    struct span *last_named, struct cand *c)
{
	size_t n;

	if (!maybe_verb(p, end) || statement_verb_at(p, end) == 0)
		return 0;
	if (*b == NULL)
		*b = sentence_end(a, p, end);
	if ((n = statement_verb_at(p, *b)) == 0)
		return 0;
	statement_read_verb(a, *b, end, p, n, c);
	if (c->score < 0)
		return 0;
	if (statement_is_pronoun(c->speaker)) {
		if (last_named->p == NULL)
			return 0;
		c->speaker = *last_named;
		c->score += 2;
	} else if (statement_named(c->speaker, end)) {
		*last_named = c->speaker;
	}
	return 1;
}

/*
 * Read the sentence that starts at a; return where the next one starts.
 * *found says whether c holds the sentence's statement: that of the first
 * verb that gives one.  Words start at a and after the C_BEFORE bytes; the
 * end of the sentence is looked for in the same pass, as only a verb,
 * which is rare, needs it sooner.
 */
static const char *
read_sentence(const char *a, const char *end, struct span *last_named,
    struct cand *c, int *found)
{
	const char *b = NULL, *lim, *q;

	*found = try_verb(a, a, end, &b, last_named, c);
	if (*found)
		return b;
	lim = b != NULL ? b : end;
	for (const char *p = a; p < lim; p += 16) {
		unsigned m = low_bytes(p, block(p, lim));

		for (; m != 0; m &= m - 1) {
			const char *w = p + __builtin_ctz(m);
			unsigned char k = CLS(*w);

			if (w >= lim)
				break; /* the sentence ended before */
			if ((k & C_STOP) && b == NULL &&
			    (q = stop_at(a, w, end)) != NULL)
				return q;
			if (!(k & C_BEFORE) || w + 1 >= lim ||
			    !maybe_verb(w + 1, end))
				continue;
			if ((*found = try_verb(a, w + 1, end, &b, last_named,
			         c)))
				return b;
			if (b != NULL)
				lim = b;
		}
	}
	return b != NULL ? b : end;
}

/* How much of s to keep within max bytes: cut at a word, never inside a
 * UTF-8 sequence. */
static size_t
cut(struct span s, size_t max)
{
	size_t n = max;

	if (s.n <= max)
		return s.n;
	while (n > 0 && !is_space(s.p[n]))
		n--;
	s.n = n > 0 ? n : max;
	while (s.n > 0 && ((unsigned char)s.p[s.n] & 0xc0) == 0x80)
		s.n--;
	return s.n;
}

int
statement_locate(const char *text, size_t len, struct statement_span *out)
{
	const char *end = text + len, *a = text, *b;
	struct cand best = { .score = -1 }, c;
	struct span last_named = { NULL, 0 };
	int found;

	for (; a < end && best.score < BEST_SCORE; a = b) {
		b = read_sentence(a, end, &last_named, &c, &found);
		if (found && c.score > best.score)
			best = c;
	}
	if (best.score < 0)
		return 0;
	out->quote_off = (size_t)(best.quote.p - text);
	out->quote_len = cut(best.quote, STATEMENT_MAX_QUOTE);
	out->speaker_off = (size_t)(best.speaker.p - text);
	out->speaker_len = cut(best.speaker, MAX_SPEAKER_BYTES);
	out->quoted = best.quoted;
	return 1;
}

int
statement_find(const char *text, size_t len, struct statement *st)
{
	struct statement_span sp;

	statement_clear(st);
	if (statement_locate(text, len, &sp) == 0)
		return 0;
	st->quote = strndup(text + sp.quote_off, sp.quote_len);
	st->speaker = strndup(text + sp.speaker_off, sp.speaker_len);
	st->quoted = sp.quoted;
	if (st->quote == NULL || st->speaker == NULL) {
		statement_clear(st);
		return -ENOMEM;
	}
	return 1;
}
