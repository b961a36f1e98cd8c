/* statement.c -- find reported speech and its speaker in news text */
#include "alerts/statement.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SPEAKER_WORDS 10

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

static const char *const verbs[] = { "said", "says", "told", "added", "warned",
	"stated", "declared" };

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
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
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

static size_t
count_words(struct span s)
{
	size_t n = 0;
	int in = 0;

	for (size_t i = 0; i < s.n; i++) {
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
word_is(struct span s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == s.n &&
		    strncasecmp(s.p, list[i], s.n) == 0)
			return 1;
	return 0;
}

static int
is_pronoun(struct span s)
{
	return word_is(s, pronouns, sizeof(pronouns) / sizeof(pronouns[0]));
}

/* A speaker: a name ("Defence Secretary Michael Fallon"), "the paper", a
 * pronoun; not a clause. */
static int
plausible_speaker(struct span s)
{
	size_t w = count_words(s);

	if (w == 0 || w > MAX_SPEAKER_WORDS)
		return 0;
	if (is_pronoun(s))
		return 1;
	if (s.p[0] >= 'A' && s.p[0] <= 'Z')
		return 1;
	if ((unsigned char)s.p[0] >= 0xc0)
		return 1;
	return s.n > 4 && strncmp(s.p, "the ", 4) == 0 && w <= 5;
}

static int
named(struct span s)
{
	return s.n > 0 && !is_pronoun(s) && strncmp(s.p, "the ", 4) != 0 &&
	    strncmp(s.p, "The ", 4) != 0;
}

/* Does the whole word w start at p (within [start, end))? */
static int
word_at(const char *start, const char *end, const char *p, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(end - p) < n || memcmp(p, w, n) != 0)
		return 0;
	if (p > start && !is_space(p[-1]) && !quote_mark(p - 1, end) &&
	    p[-1] != ',')
		return 0;
	return p + n == end || is_space(p[n]) || p[n] == ',' || p[n] == '.' ||
	    p[n] == ':';
}

/* Skip "in a statement", "reporters", "that" and similar after a verb. */
static const char *
skip_after_verb(const char *p, const char *end, int *formal)
{
	static const char *const fill[] = { " in a statement", " reporters",
		" on Monday", " on Tuesday", " on Wednesday", " on Thursday",
		" on Friday", " on Saturday", " on Sunday", " on Twitter",
		" that", "," };
	int again = 1;

	while (again) {
		again = 0;
		for (size_t i = 0; i < sizeof(fill) / sizeof(fill[0]); i++) {
			size_t n = strlen(fill[i]);

			if ((size_t)(end - p) >= n &&
			    memcmp(p, fill[i], n) == 0) {
				*formal |= i == 0;
				p += n;
				again = 1;
			}
		}
	}
	return p;
}

/* The last separator (comma or closing quote) before v, or NULL. */
static const char *
last_separator(const char *a, const char *v)
{
	for (const char *p = v; p > a; p--) {
		if (p[-1] == ',')
			return p - 1;
		if (quote_mark(p - 1, v) == 1 ||
		    (p - a >= 3 && quote_mark(p - 3, v) == 3))
			return p[-1] == '"' || p[-1] == '\'' ? p - 1 : p - 3;
	}
	return NULL;
}

/* The candidates for a verb at v in sentence [a, b). */
static void
read_verb(const char *a, const char *b, const char *v, const char *verb,
    struct cand *c)
{
	const char *sep = last_separator(a, v), *after;
	int quoted = 0, formal = 0;
	struct span left, sp;

	c->score = -1;
	after = skip_after_verb(v + strlen(verb), b, &formal);
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
	    count_words(left) <= 6) {
		/* SPEAKER said WORDS */
		c->speaker = left;
		c->quote = strip((struct span){ after, (size_t)(b - after) },
		    &quoted);
	} else {
		return;
	}
	if (count_words(c->quote) < 3)
		return;
	c->score = 2 * quoted + 2 * named(c->speaker) + formal;
}

static const char *
sentence_end(const char *p, const char *end)
{
	for (; p < end; p++) {
		if (*p == '\n')
			return p + 1;
		if ((*p == '.' || *p == '!' || *p == '?') && p + 1 < end) {
			const char *q = p + 1;

			q += quote_mark(q, end);
			if (q < end && is_space(*q) && q + 1 < end &&
			    ((q[1] >= 'A' && q[1] <= 'Z') ||
			        quote_mark(q + 1, end)))
				return q + 1;
		}
	}
	return end;
}

static char *
span_dup(struct span s, size_t max)
{
	char *r;

	if (s.n > max) {
		size_t n = max;

		while (n > 0 && !is_space(s.p[n]))
			n--;
		s.n = n > 0 ? n : max;
		while (s.n > 0 && ((unsigned char)s.p[s.n] & 0xc0) == 0x80)
			s.n--; /* never cut a UTF-8 sequence */
	}
	r = malloc(s.n + 4);
	if (r == NULL)
		return NULL;
	memcpy(r, s.p, s.n);
	r[s.n] = '\0';
	return r;
}

int
statement_find(const char *text, size_t len, struct statement *st)
{
	const char *end = text + len, *a = text, *b;
	struct cand best = { .score = -1 }, c;
	struct span last_named = { NULL, 0 };

	statement_clear(st);
	for (; a < end; a = b) {
		b = sentence_end(a, end);
		for (const char *p = a; p < b; p++) {
			for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]);
			     i++) {
				if (*p != verbs[i][0] ||
				    !word_at(a, b, p, verbs[i]))
					continue;
				read_verb(a, b, p, verbs[i], &c);
				if (c.score < 0)
					continue;
				if (is_pronoun(c.speaker)) {
					if (last_named.p == NULL)
						continue;
					c.speaker = last_named;
					c.score += 2;
				} else if (named(c.speaker)) {
					last_named = c.speaker;
				}
				if (c.score > best.score)
					best = c;
				p = b; /* one statement per sentence */
				break;
			}
		}
	}
	if (best.score < 0)
		return 0;
	st->quote = span_dup(best.quote, STATEMENT_MAX_QUOTE);
	st->speaker = span_dup(best.speaker, 200);
	if (st->quote == NULL || st->speaker == NULL) {
		statement_clear(st);
		return -ENOMEM;
	}
	return 1;
}
