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
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MAX_SPEAKER_WORDS 10
#define MAX_SPEAKER_BYTES 200
#define BEST_SCORE        5 /* quoted 2 + named 2 + formal 1 */

/* Byte classes. */
#define C_SPACE  0x01 /* ' ' \t \n \r */
#define C_BEFORE 0x02 /* may precede a verb: space, " ' , */
#define C_AFTER  0x04 /* may follow a verb: space , . : */
#define C_VERB   0x08 /* first letter of a verb */
#define C_STOP   0x10 /* may end a sentence: \n . ! ? */
#define C_SEP    0x20 /* , " ' or the last byte of a curly quote */

static const unsigned char cls[256] = {
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

#define CLS(c) cls[(unsigned char)(c)]

/* A span of the text. */
struct span {
	const char *p;
	size_t n;
};

struct cand {
	struct span quote;
	struct span speaker;
	int score;
};

static const char *const pronouns[] = { "he", "she", "they", "it", "we" };

void
statement_init(struct statement *st)
{
	st->quote = NULL;
	st->speaker = NULL;
}

void
statement_clear(struct statement *st)
{
	free(st->quote);
	free(st->speaker);
	statement_init(st);
}

static int
is_space(char c)
{
	return (CLS(c) & C_SPACE) != 0;
}

/* Length of a quotation mark or apostrophe-like quote at p, else 0. */
static size_t
quote_mark(const char *p, const char *end)
{
	if (p < end && (*p == '"' || *p == '\''))
		return 1;
	if (end - p >= 3 && (unsigned char)p[0] == 0xe2 &&
	    (unsigned char)p[1] == 0x80 &&
	    ((unsigned char)p[2] >= 0x98 && (unsigned char)p[2] <= 0x9f))
		return 3; /* ‘ ’ ‚ ‛ “ ” „ ‟ */
	return 0;
}

/* Trim white space, quotation marks and a trailing comma or colon. */
static struct span
strip(struct span s, int *quoted)
{
	const char *a = s.p, *b = s.p + s.n;
	size_t q;
	int changed = 1;

	while (changed) {
		changed = 0;
		while (a < b && is_space(*a))
			a++, changed = 1;
		while (b > a &&
		    (is_space(b[-1]) || b[-1] == ',' || b[-1] == ':' ||
		        b[-1] == '.'))
			b--, changed = 1;
		if ((q = quote_mark(a, b)) > 0) {
			a += q;
			changed = 1;
			*quoted = 1;
		}
		if (b - a >= 3 && quote_mark(b - 3, b) == 3) {
			b -= 3;
			changed = *quoted = 1;
		} else if (b > a && (b[-1] == '"' || b[-1] == '\'')) {
			b--;
			changed = *quoted = 1;
		}
	}
	return (struct span){ a, (size_t)(b - a) };
}

/* The number of words in s, counted up to max (callers only compare). */
static size_t
count_words(struct span s, size_t max)
{
	size_t n = 0;
	int in = 0;

	for (size_t i = 0; i < s.n && n < max; i++) {
		if (is_space(s.p[i]))
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

static int
is_pronoun(struct span s)
{
	if (s.n < 2 || s.n > 4)
		return 0;
	for (size_t i = 0; i < sizeof(pronouns) / sizeof(pronouns[0]); i++)
		if (strlen(pronouns[i]) == s.n &&
		    strncasecmp(s.p, pronouns[i], s.n) == 0)
			return 1;
	return 0;
}

/* Do the 4 bytes at p, which may run past a short span but not past the
 * text, read w? */
static int
starts4(const char *p, const char *end, const char *w)
{
	return end - p >= 4 && memcmp(p, w, 4) == 0;
}

/* A speaker: a name ("Defence Secretary Michael Fallon"), "the paper", a
 * pronoun; not a clause. */
static int
plausible_speaker(struct span s)
{
	size_t w = count_words(s, MAX_SPEAKER_WORDS + 1);

	if (w == 0 || w > MAX_SPEAKER_WORDS)
		return 0;
	if (is_pronoun(s))
		return 1;
	if (s.p[0] >= 'A' && s.p[0] <= 'Z')
		return 1;
	if ((unsigned char)s.p[0] >= 0xc0)
		return 1;
	return s.n > 4 && memcmp(s.p, "the ", 4) == 0 && w <= 5;
}

static int
named(struct span s, const char *end)
{
	return s.n > 0 && !is_pronoun(s) && !starts4(s.p, end, "the ") &&
	    !starts4(s.p, end, "The ");
}

/* The length of the reporting verb that starts at p, a word start, if one
 * does and ends as a word before end; else 0.  The verbs are said, says,
 * told, added, warned, stated, declared. */
static size_t
verb_at(const char *p, const char *end)
{
	size_t left = (size_t)(end - p), n;

	switch (*p) {
	case 's':
		if (left >= 4 && p[1] == 'a' && (p[2] == 'i' || p[2] == 'y') &&
		    p[3] == (p[2] == 'i' ? 'd' : 's'))
			n = 4;
		else if (left >= 6 && memcmp(p, "stated", 6) == 0)
			n = 6;
		else
			return 0;
		break;
	case 't':
		if (left < 4 || memcmp(p, "told", 4) != 0)
			return 0;
		n = 4;
		break;
	case 'a':
		if (left < 5 || memcmp(p, "added", 5) != 0)
			return 0;
		n = 5;
		break;
	case 'w':
		if (left < 6 || memcmp(p, "warned", 6) != 0)
			return 0;
		n = 6;
		break;
	case 'd':
		if (left < 8 || memcmp(p, "declared", 8) != 0)
			return 0;
		n = 8;
		break;
	default:
		return 0;
	}
	return n == left || (CLS(p[n]) & C_AFTER) ? n : 0;
}

/* Does the text at p start with w (n bytes, n > 1, w[0] a space)? */
static int
fill_at(const char *p, const char *end, const char *w, size_t n)
{
	return (size_t)(end - p) >= n && memcmp(p + 1, w + 1, n - 1) == 0;
}

#define FILL(p, end, lit) fill_at(p, end, lit, sizeof(lit) - 1)

/* Skip "in a statement", "reporters", "that" and similar after a verb, as
 * often as they come; *formal says "in a statement" was among them. */
static const char *
skip_after_verb(const char *p, const char *end, int *formal)
{
	static const char *const days[] = { "Monday", "Tuesday", "Wednesday",
		"Thursday", "Friday", "Saturday", "Sunday", "Twitter" };

	while (p < end) {
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p != ' ' || end - p < 2)
			break;
		if (p[1] == 'i' && FILL(p, end, " in a statement")) {
			*formal = 1;
			p += sizeof(" in a statement") - 1;
		} else if (p[1] == 'r' && FILL(p, end, " reporters")) {
			p += sizeof(" reporters") - 1;
		} else if (p[1] == 't' && FILL(p, end, " that")) {
			p += sizeof(" that") - 1;
		} else if (p[1] == 'o' && end - p >= 4 && p[2] == 'n' &&
		    p[3] == ' ') {
			size_t i, n = 0;

			for (i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
				n = strlen(days[i]);
				if ((size_t)(end - p) >= n + 4 &&
				    memcmp(p + 4, days[i], n) == 0)
					break;
			}
			if (i == sizeof(days) / sizeof(days[0]))
				break;
			p += 4 + n;
		} else {
			break;
		}
	}
	return p;
}

/* The last separator (comma or closing quote) before v, or NULL. */
static const char *
last_separator(const char *a, const char *v)
{
	for (const char *p = v; p > a; p--) {
		unsigned char c = (unsigned char)p[-1];

		if (!(cls[c] & C_SEP))
			continue;
		if (c == ',' || c == '"' || c == '\'')
			return p - 1;
		if (p - a >= 3 && (unsigned char)p[-3] == 0xe2 &&
		    (unsigned char)p[-2] == 0x80)
			return p - 3;
	}
	return NULL;
}

/* The candidates for a verb of n bytes at v in sentence [a, b) of a text
 * that ends at end. */
static void
read_verb(const char *a, const char *b, const char *end, const char *v,
    size_t n, struct cand *c)
{
	const char *sep = last_separator(a, v), *after;
	int quoted = 0, formal = 0;
	struct span left, sp;

	c->score = -1;
	after = skip_after_verb(v + n, b, &formal);
	left = strip((struct span){ sep ? sep + 1 : a,
	                 (size_t)(v - (sep ? sep + 1 : a)) },
	    &quoted);
	if (sep != NULL && left.n > 0 && plausible_speaker(left)) {
		/* QUOTE, SPEAKER said */
		quoted = 0;
		c->quote = strip((struct span){ a, (size_t)(sep - a) },
		    &quoted);
		c->speaker = left;
	} else if (sep != NULL && left.n == 0) {
		/* QUOTE, said SPEAKER */
		const char *e = after;

		while (e < b && *e != ',' && *e != '.')
			e++;
		sp = strip((struct span){ after, (size_t)(e - after) },
		    &quoted);
		if (!plausible_speaker(sp) || is_pronoun(sp))
			return;
		quoted = 0;
		c->quote = strip((struct span){ a, (size_t)(sep - a) },
		    &quoted);
		c->speaker = sp;
	} else if (sep == NULL && plausible_speaker(left) &&
	    count_words(left, 7) <= 6) {
		/* SPEAKER said WORDS */
		c->speaker = left;
		c->quote = strip((struct span){ after, (size_t)(b - after) },
		    &quoted);
	} else {
		return;
	}
	if (count_words(c->quote, 3) < 3)
		return;
	c->score = 2 * quoted + 2 * named(c->speaker, end) + formal;
}

/* If the stop character at p (. ! ? or a newline) ends a sentence, where
 * the next one starts; else NULL. */
static const char *
stop_at(const char *p, const char *end)
{
	const char *q = p + 1;

	if (*p == '\n')
		return q;
	if (q >= end)
		return NULL;
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
sentence_end(const char *p, const char *end)
{
	const char *b;

	for (; p < end; p += 16) {
		unsigned m = low_bytes(p, block(p, end));

		for (; m != 0; m &= m - 1) {
			const char *q = p + __builtin_ctz(m);

			if ((CLS(*q) & C_STOP) && (b = stop_at(q, end)) != NULL)
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

	if (!maybe_verb(p, end) || verb_at(p, end) == 0)
		return 0;
	if (*b == NULL)
		*b = sentence_end(p, end);
	if ((n = verb_at(p, *b)) == 0)
		return 0;
	read_verb(a, *b, end, p, n, c);
	if (c->score < 0)
		return 0;
	if (is_pronoun(c->speaker)) {
		if (last_named->p == NULL)
			return 0;
		c->speaker = *last_named;
		c->score += 2;
	} else if (named(c->speaker, end)) {
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
			    (q = stop_at(w, end)) != NULL)
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
	if (st->quote == NULL || st->speaker == NULL) {
		statement_clear(st);
		return -ENOMEM;
	}
	return 1;
}
