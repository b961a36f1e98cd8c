/*
 * statement_read.c -- around one reporting verb: who spoke (a plausible
 * speaker, trimmed of what follows a name), what follows the verb, and
 * the words said, with whether they stood in quotation marks.  The scanner
 * in statement.c calls statement_read_verb only where a verb may start.
 */
#include <stddef.h>
#include <string.h>

#include "match/statement.h"
#include "match/statement_impl.h"

static const char *const pronouns[] = { "he", "she", "they", "it", "we" };

/* A double quotation mark (" “ ” „ ‟) at p?  Single ones are not counted:
 * they are also apostrophes ("Britain’s"). */
static int
double_mark(const char *p, const char *end)
{
	size_t q = quote_mark(p, end);

	return (q == 1 && *p == '"') || (q == 3 && (unsigned char)p[2] >= 0x9c);
}

/* A single closing mark at p, not an apostrophe: ' or ’ followed by
 * a blank or punctuation ("'The Pitt' reflects", not "Britain’s"). */
static int
single_close(const char *p, const char *end)
{
	size_t q = quote_mark(p, end);

	if (!((q == 1 && *p == '\'') ||
	        (q == 3 && (unsigned char)p[2] == 0x99)))
		return 0;
	return p + q < end && (is_space(p[q]) || p[q] == ',' || p[q] == '.');
}

/* Trim white space at both ends, a leading colon ("said: ...") and a
 * trailing comma, colon or full stop. */
static void
trim(const char **a, const char **b)
{
	while (*a < *b && (is_space(**a) || **a == ':'))
		(*a)++;
	while (*b > *a &&
	    (is_space((*b)[-1]) || (*b)[-1] == ',' || (*b)[-1] == ':' ||
	        (*b)[-1] == '.'))
		(*b)--;
}

/*
 * Trim s; when it opens with a quotation mark and lies within that one
 * quotation (no other double mark inside; the closing mark may be the
 * separator before the verb, or past a cut), drop the marks and set
 * *quoted.  A mark that does not open the span stays: "the deal was
 * "historic"" is reported speech around a quoted word, and showing it as a
 * quotation would put words in the speaker's mouth.
 */
static struct span
strip(struct span s, int *quoted)
{
	const char *a = s.p, *b = s.p + s.n, *in;
	size_t qa, qb = 0;

	trim(&a, &b);
	qa = quote_mark(a, b);
	if (qa == 0)
		return (struct span){ a, (size_t)(b - a) };
	if (b - a > (ptrdiff_t)qa + 3 && quote_mark(b - 3, b) == 3)
		qb = 3;
	else if (b - a > (ptrdiff_t)qa && (b[-1] == '"' || b[-1] == '\''))
		qb = 1;
	for (in = a + qa; in < b - qb; in++)
		if (double_mark(in, b - qb) ||
		    (single_close(in, b - qb) && !double_mark(a, b)))
			return (struct span){ a, (size_t)(b - a) };
	a += qa;
	b -= qb;
	trim(&a, &b);
	*quoted = 1;
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

int
statement_is_pronoun(struct span s)
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
	if (statement_is_pronoun(s))
		return 1;
	if ((s.n == 1 && s.p[0] == 'I') ||
	    (s.n == 3 && memcmp(s.p, "You", 3) == 0))
		return 0; /* a first-person story, not a statement */
	if (s.p[0] >= 'A' && s.p[0] <= 'Z')
		return 1;
	if ((unsigned char)s.p[0] >= 0xc0)
		return 1;
	return s.n > 4 && memcmp(s.p, "the ", 4) == 0 && w <= 5;
}

int
statement_named(struct span s, const char *end)
{
	return s.n > 0 && !statement_is_pronoun(s) &&
	    !starts4(s.p, end, "the ") && !starts4(s.p, end, "The ");
}

/* The length of the reporting verb that starts at p, a word start, if one
 * does and ends as a word before end; else 0.  The verbs are said, says,
 * told, added, warned, stated, declared. */
size_t
statement_verb_at(const char *p, const char *end)
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

/* What came right after a reporting verb. */
struct after {
	int formal; /* "in a statement" */
	int speech; /* "that", a colon or a quotation mark: words follow */
};

/* The length of a day's name (or "Twitter") at p, else 0. */
static size_t
day_at(const char *p, const char *end)
{
	static const char *const days[] = { "Monday", "Tuesday", "Wednesday",
		"Thursday", "Friday", "Saturday", "Sunday", "Twitter" };
	size_t n;

	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		n = strlen(days[i]);
		if ((size_t)(end - p) >= n && memcmp(p, days[i], n) == 0 &&
		    ((size_t)(end - p) == n || !(p[n] >= 'a' && p[n] <= 'z')))
			return n;
	}
	return 0;
}

/* The end of the word at p (p itself if none). */
static const char *
word_end(const char *p, const char *end)
{
	while (p < end && !is_space(*p) && *p != ',' && *p != '.')
		p++;
	return p;
}

/*
 * Skip "in a statement", "reporters", "that", "on Monday", "Tuesday" and
 * after "told" whom it was told to ("told Newsweek", "told the BBC"), as
 * often as they come, and say in *af what was seen.
 */
static const char *
skip_after_verb(const char *p, const char *end, int told, struct after *af)
{
	size_t n;

	while (p < end) {
		if (*p == ',' || *p == ':') {
			af->speech |= *p == ':';
			p++;
			continue;
		}
		if (*p != ' ' || end - p < 2)
			break;
		if (p[1] == 'i' && FILL(p, end, " in a statement")) {
			af->formal = 1;
			p += sizeof(" in a statement") - 1;
		} else if (p[1] == 'r' && FILL(p, end, " reporters")) {
			p += sizeof(" reporters") - 1;
			told = 0;
		} else if (p[1] == 't' && FILL(p, end, " that ")) {
			p += sizeof(" that") - 1;
			af->speech = 1;
		} else if (p[1] == 'o' && end - p >= 4 && p[2] == 'n' &&
		    p[3] == ' ' && (n = day_at(p + 4, end)) > 0) {
			p += 4 + n;
		} else if ((n = day_at(p + 1, end)) > 0) {
			p += 1 + n;
		} else if (told && quote_mark(p + 1, end) == 0) {
			/* whom: "him", "Newsweek", "the BBC", "Sky News" */
			const char *w = p + 1;

			p = word_end(w, end);
			if (p - w == 3 && (*w == 't' || *w == 'T') &&
			    memcmp(w + 1, "he", 2) == 0)
				w = p + 1;
			while (w < end && *w >= 'A' && *w <= 'Z' && p < end &&
			    *p == ' ') {
				p = word_end(w, end);
				w = p + 1;
			}
			told = 0;
		} else {
			break;
		}
	}
	if (p < end && quote_mark(p + (*p == ' '), end) > 0)
		af->speech = 1;
	if (p + 1 < end && *p == ' ' &&
	    statement_is_pronoun(
	        (struct span){ p + 1, (size_t)(word_end(p + 1, end) - p - 1) }))
		af->speech = 1; /* "warned he will", not "warned millions" */
	return p;
}

/*
 * After "QUOTE, SPEAKER said" the sentence ends or says when or where; a
 * clause ("declared its intention to ...") means the comma before was not
 * the end of a quotation.
 */
static int
clause_follows(const char *p, const char *b)
{
	static const char *const ok[] = { "at", "in", "on", "during", "after",
		"before", "while", "when", "from", "as", "according", "adding",
		"late", "earlier", "last", "this", "to", "of", "about", "via",
		"with", "citing", "referring", "speaking", "told", "and" };
	const char *e;

	while (p < b && is_space(*p))
		p++;
	if (p >= b || !(*p >= 'a' && *p <= 'z'))
		return 0;
	e = word_end(p, b);
	if (e - p > 2 && e[-2] == 'l' && e[-1] == 'y')
		return 0; /* "said firmly" */
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strlen(ok[i]) == (size_t)(e - p) &&
		    memcmp(p, ok[i], (size_t)(e - p)) == 0)
			return 0;
	return 1;
}

/* The last separator (comma or closing quote) before v, or NULL. */
static const char *
last_separator(const char *a, const char *v)
{
	for (const char *p = v; p > a; p--) {
		unsigned char c = (unsigned char)p[-1];

		if (!(statement_cls[c] & C_SEP))
			continue;
		if (c == ',' || c == '"' || c == '\'')
			return p - 1;
		if (p - a >= 3 && (unsigned char)p[-3] == 0xe2 &&
		    (unsigned char)p[-2] == 0x80)
			return p - 3;
	}
	return NULL;
}

/* Drop what follows a name before the verb: "Donald Trump now says",
 * "Karoline Leavitt on Monday said". */
static struct span
trim_speaker(struct span s)
{
	static const char *const tail[] = { "now", "also", "later", "again",
		"previously", "earlier", "then", "still", "reportedly",
		"repeatedly", "recently", "publicly", "privately", "once",
		"separately", "further", "has", "had", "have", "Monday",
		"Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
		"Sunday", "on" };
	const char *w;
	int again = 1;

	while (again && s.n > 0) {
		again = 0;
		for (w = s.p + s.n; w > s.p && !is_space(w[-1]); w--)
			;
		if (w == s.p)
			break;
		for (size_t i = 0; i < sizeof(tail) / sizeof(tail[0]); i++)
			if (strlen(tail[i]) == (size_t)(s.p + s.n - w) &&
			    memcmp(w, tail[i], strlen(tail[i])) == 0) {
				s.n = (size_t)(w - s.p);
				while (s.n > 0 && is_space(s.p[s.n - 1]))
					s.n--;
				again = 1;
				break;
			}
	}
	return s;
}

/* Double quotation marks in [a, b). */
static size_t
count_double(const char *a, const char *b)
{
	size_t n = 0;

	for (const char *p = a; p < b; p++)
		n += double_mark(p, b);
	return n;
}

/*
 * The quote before the separator sep (QUOTE, SPEAKER said).  Ending at a
 * closing mark with no mark before it in the sentence, it is the end of a
 * quotation that began sentences earlier ("No more pressure. No more
 * fantasies," said ...): its words stood in quotation marks.  With one
 * mark before it, the quotation is a part ("are “unstoppable,” Xi said"),
 * and the closing mark stays with it so the marks pair up.
 */
static struct span
quote_before(const char *a, const char *sep, const char *v, int *quoted)
{
	size_t m = double_mark(sep, v) ? quote_mark(sep, v) : 0;
	size_t k = m > 0 ? count_double(a, sep) : 0;
	struct span q;

	*quoted = 0;
	if (m > 0 && k % 2 == 1 && quote_mark(a, sep) == 0)
		return strip((struct span){ a, (size_t)(sep + m - a) }, quoted);
	q = strip((struct span){ a, (size_t)(sep - a) }, quoted);
	if (m > 0 && k == 0)
		*quoted = 1;
	return q;
}

/* The candidates for a verb of n bytes at v in sentence [a, b) of a text
 * that ends at end. */
void
statement_read_verb(const char *a, const char *b, const char *end,
    const char *v, size_t n, struct cand *c)
{
	const char *sep = last_separator(a, v), *after, *l;
	int told = *v == 't', say = *v == 's' && n == 4, quoted = 0;
	struct after af = { 0, 0 };
	struct span left, sp;

	c->score = -1;
	after = skip_after_verb(v + n, b, told, &af);
	/* past the whole separator: a curly mark is three bytes */
	l = sep == NULL ? a : sep + (quote_mark(sep, v) == 3 ? 3 : 1);
	left = trim_speaker(
	    strip((struct span){ l, (size_t)(v - l) }, &quoted));
	if (sep != NULL && left.n > 0 && plausible_speaker(left)) {
		/* QUOTE, SPEAKER said */
		if (!told && clause_follows(after, b))
			return;
		c->quote = quote_before(a, sep, v, &quoted);
		c->speaker = left;
	} else if (sep != NULL && left.n == 0) {
		/* QUOTE, said SPEAKER */
		const char *e = after;

		while (e < b && *e != ',' && *e != '.')
			e++;
		sp = strip((struct span){ after, (size_t)(e - after) },
		    &quoted);
		if (!plausible_speaker(sp) || statement_is_pronoun(sp))
			return;
		c->quote = quote_before(a, sep, v, &quoted);
		c->speaker = sp;
	} else if (sep == NULL && plausible_speaker(left) &&
	    count_words(left, 7) <= 6 && (say || told || af.speech)) {
		/* SPEAKER said WORDS, or SPEAKER said: "QUOTE"; "added",
		 * "warned" and the rest need "that" or a quotation, as
		 * "Employers added 50,000 jobs" reports no speech */
		c->speaker = left;
		quoted = 0;
		c->quote = strip((struct span){ after, (size_t)(b - after) },
		    &quoted);
	} else {
		return;
	}
	if (count_words(c->quote, 3) < 3)
		return;
	c->quoted = quoted;
	c->score = 2 * quoted + 2 * statement_named(c->speaker, end) +
	    af.formal;
}
