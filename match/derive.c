/* derive.c -- propose profile terms from seed articles against a background */
#include "match/derive.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "match/text.h"

struct stat_entry {
	char *key;      /* owned: the stem, or "stem stem" for a phrase */
	char *surface;  /* owned: the first word(s) as written, folded */
	uint64_t count; /* in the seeds (or the corpus) */
	uint64_t bg;    /* in the background */
	unsigned df;    /* seeds it occurs in */
	unsigned last;  /* the last seed that counted it */
	int phrase;
	double score;
};

struct derive {
	struct text *text;    /* owned */
	struct stat_entry *v; /* owned: open addressing by key */
	size_t cap, n;
	unsigned docs;
	uint64_t words;    /* seed words counted */
	uint64_t bg_total; /* background words */
};

/* Function words: never distinctive, never a phrase end. */
static const char *const stop[] = { "a", "about", "after", "all", "also", "an",
	"and", "ani", "are", "as", "at", "be", "been", "but", "by", "can",
	"could", "do", "for", "from", "had", "has", "have", "he", "her", "his",
	"how", "i", "if", "in", "into", "is", "it", "it", "its", "more", "most",
	"mr", "new", "no", "not", "of", "on", "one", "or", "other", "our",
	"out", "over", "s", "said", "say", "she", "so", "some", "than", "that",
	"the", "their", "them", "there", "they", "this", "to", "two", "up",
	"us", "was", "we", "were", "what", "when", "which", "while", "who",
	"will", "with", "would", "year", "you" };

static int
is_stop(const char *s, size_t n)
{
	if (n <= 1 || (s[0] >= '0' && s[0] <= '9'))
		return 1;
	for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		if (strlen(stop[i]) == n && memcmp(stop[i], s, n) == 0)
			return 1;
	return 0;
}

int
derive_new(struct derive **out)
{
	struct derive *d = calloc(1, sizeof(*d));
	int rc;

	*out = NULL;
	if (d == NULL)
		return -ENOMEM;
	d->cap = 1024;
	d->v = calloc(d->cap, sizeof(*d->v));
	rc = d->v == NULL ? -ENOMEM : text_new(&d->text);
	if (rc < 0) {
		derive_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

void
derive_free(struct derive *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->cap; i++) {
		free(d->v[i].key);
		free(d->v[i].surface);
	}
	free(d->v);
	text_free(d->text);
	free(d);
}

static int
grow(struct derive *d)
{
	struct stat_entry *old = d->v;
	size_t ocap = d->cap;

	d->v = calloc(ocap * 2, sizeof(*d->v));
	if (d->v == NULL) {
		d->v = old;
		return -ENOMEM;
	}
	d->cap = ocap * 2;
	for (size_t i = 0; i < ocap; i++) {
		size_t j;

		if (old[i].key == NULL)
			continue;
		j = text_hash(old[i].key, strlen(old[i].key)) & (d->cap - 1);
		while (d->v[j].key != NULL)
			j = (j + 1) & (d->cap - 1);
		d->v[j] = old[i];
	}
	free(old);
	return 0;
}

/* The entry for key (len bytes), created if need be; NULL on ENOMEM. */
static struct stat_entry *
entry(struct derive *d, const char *key, size_t len, int create)
{
	size_t i;

	if (create && d->n * 2 >= d->cap && grow(d) < 0)
		return NULL;
	i = text_hash(key, len) & (d->cap - 1);
	for (; d->v[i].key != NULL; i = (i + 1) & (d->cap - 1))
		if (strncmp(d->v[i].key, key, len) == 0 &&
		    d->v[i].key[len] == '\0')
			return &d->v[i];
	if (!create)
		return NULL;
	d->v[i].key = strndup(key, len);
	if (d->v[i].key == NULL)
		return NULL;
	d->n++;
	return &d->v[i];
}

/* The word as written at text[off], lower-cased ASCII letters. */
static char *
surface(const char *text, size_t len, size_t off)
{
	size_t e = off;

	while (e < len &&
	    (((unsigned char)text[e] >= 0x80) ||
	        (text[e] >= 'a' && text[e] <= 'z') ||
	        (text[e] >= 'A' && text[e] <= 'Z') ||
	        (text[e] >= '0' && text[e] <= '9') || text[e] == '-'))
		e++;
	return strndup(text + off, e - off);
}

static int
count(struct derive *d, const char *key, size_t klen, const char *surf,
    int phrase)
{
	struct stat_entry *e = entry(d, key, klen, 1);

	if (e == NULL)
		return -ENOMEM;
	e->count++;
	e->phrase = phrase;
	if (e->last != d->docs) {
		e->last = d->docs;
		e->df++;
	}
	if (e->surface == NULL && surf != NULL) {
		e->surface = strdup(surf);
		if (e->surface == NULL)
			return -ENOMEM;
	}
	return 0;
}

int
derive_add(struct derive *d, const char *text, size_t len)
{
	const struct text_token *t;
	char key[2 * TEXT_MAX_WORD + 2];
	int n = text_tokenize(d->text, text, len, &t), rc = 0;

	if (n < 0)
		return n;
	d->docs++;
	for (int i = 0; i < n && rc == 0; i++) {
		char *s1, *s2 = NULL, *both = NULL;

		d->words++;
		if (is_stop(t[i].stem, t[i].stem_len))
			continue;
		s1 = surface(text, len, t[i].offset);
		rc = s1 == NULL ? -ENOMEM :
		                  count(d, t[i].stem, t[i].stem_len, s1, 0);
		if (rc == 0 && i + 1 < n &&
		    !is_stop(t[i + 1].stem, t[i + 1].stem_len)) {
			int k = snprintf(key, sizeof(key), "%.*s %.*s",
			    t[i].stem_len, t[i].stem, t[i + 1].stem_len,
			    t[i + 1].stem);

			s2 = surface(text, len, t[i + 1].offset);
			if (s2 == NULL || asprintf(&both, "%s %s", s1, s2) < 0)
				both = NULL, rc = -ENOMEM;
			else
				rc = count(d, key, (size_t)k, both, 1);
		}
		free(s1);
		free(s2);
		free(both);
	}
	return rc;
}

int
derive_load_background(struct derive *d, const char *path, struct errbuf *eb)
{
	FILE *f = fopen(path, "re");
	char line[512];
	int lineno = 0, rc = 0;

	if (f == NULL)
		return errbuf_set(eb, -errno, "%s: %s", path, strerror(errno));
	while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
		char *tab = strchr(line, '\t'), *end;
		unsigned long long c;
		struct stat_entry *e;

		lineno++;
		if (line[0] == '#') {
			if (sscanf(line, "# total: %llu", &c) == 1)
				d->bg_total = c;
			continue;
		}
		if (tab == NULL || tab == line) {
			rc = errbuf_set(eb, -EINVAL,
			    "%s:%d: expected STEM<TAB>COUNT", path, lineno);
			break;
		}
		errno = 0;
		c = strtoull(tab + 1, &end, 10);
		if (errno != 0 || end == tab + 1 || (*end != '\n' && *end)) {
			rc = errbuf_set(eb, -EINVAL, "%s:%d: bad count", path,
			    lineno);
			break;
		}
		e = entry(d, line, (size_t)(tab - line), 1);
		if (e == NULL)
			rc = errbuf_set(eb, -ENOMEM, "out of memory");
		else
			e->bg = c;
	}
	fclose(f);
	if (rc == 0 && d->bg_total == 0)
		rc = errbuf_set(eb, -EINVAL, "%s: no \"# total: N\" line",
		    path);
	return rc;
}

static int
by_score(const void *a, const void *b)
{
	const struct stat_entry *x = *(const struct stat_entry *const *)a;
	const struct stat_entry *y = *(const struct stat_entry *const *)b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->key, y->key);
}

/*
 * How much more often the seeds use e than general English: the log ratio
 * of the shares, the background smoothed by half a count (a stem it never
 * saw is rare, not impossible), weighted by the seeds that use it.  A
 * phrase's background is that of its rarer word, which overrates phrases
 * of common words a little; requiring two sightings keeps that in check.
 */
static void
score_entry(struct derive *d, struct stat_entry *e)
{
	double seed, bg;
	uint64_t b = e->bg;

	if (e->phrase) {
		char *sp = strchr(e->key, ' ');
		struct stat_entry *w1 = entry(d, e->key, (size_t)(sp - e->key),
		    0);
		struct stat_entry *w2 = entry(d, sp + 1, strlen(sp + 1), 0);

		b = w1 && w2 ? (w1->bg < w2->bg ? w1->bg : w2->bg) : 0;
	}
	seed = (double)e->count / (double)d->words;
	bg = ((double)b + 0.5) / (double)d->bg_total;
	e->score = e->count < 2 ? 0 : log(seed / bg) * e->df;
}

int
derive_propose(struct derive *d, const char *name, size_t max_terms,
    struct buf *out)
{
	struct stat_entry **v;
	size_t n = 0;
	int rc;

	if (d->docs == 0 || d->words == 0)
		return -ENODATA;
	if (d->bg_total == 0)
		d->bg_total = 1;
	v = malloc((d->n + 1) * sizeof(*v));
	if (v == NULL)
		return -ENOMEM;
	for (size_t i = 0; i < d->cap; i++) {
		if (d->v[i].key == NULL || d->v[i].count == 0)
			continue;
		score_entry(d, &d->v[i]);
		if (d->v[i].score > 0)
			v[n++] = &d->v[i];
	}
	qsort(v, n, sizeof(*v), by_score);
	if (n > max_terms)
		n = max_terms;
	rc = buf_printf(out,
	    "# %s -- proposed by `ukeuwatch profile derive` from %u seed(s)\n"
	    "# (%llu words) against a background of %llu words: the words\n"
	    "# and phrases most distinctive of the seeds, best first.  Curate\n"
	    "# it: drop what is not the subject, add require groups (who is\n"
	    "# involved) and excludes, then check it with `ukeuwatch match`.\n"
	    "\nthreshold 6\nfield title 1.5\nfield summary 1\n"
	    "field content 0.5\n\n",
	    name, d->docs, (unsigned long long)d->words,
	    (unsigned long long)d->bg_total);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const struct stat_entry *e = v[i];
		int w = i < n / 3 ? 3 : i < 2 * n / 3 ? 2 : 1;

		rc = buf_printf(out,
		    "term %d %s  # seeds %u/%u, %llu times, background %.1f "
		    "per million\n",
		    w, e->surface != NULL ? e->surface : e->key, e->df, d->docs,
		    (unsigned long long)e->count,
		    (double)e->bg * 1e6 / (double)d->bg_total);
	}
	free(v);
	return rc;
}

int
derive_write_counts(struct derive *d, struct buf *out)
{
	int rc = buf_printf(out, "# total: %llu\n",
	    (unsigned long long)d->words);

	for (size_t i = 0; rc == 0 && i < d->cap; i++)
		if (d->v[i].key != NULL && d->v[i].count > 0 && !d->v[i].phrase)
			rc = buf_printf(out, "%s\t%llu\n", d->v[i].key,
			    (unsigned long long)d->v[i].count);
	return rc;
}
