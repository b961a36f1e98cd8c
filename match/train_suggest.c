/*
 * train_suggest.c -- `profile suggest`: the terms of the items a profile
 * matched or nearly matched (the foreground) that are rare in the other
 * items (the background), ranked by a smoothed log-odds ratio times the
 * square root of the foreground items that have the term, each with
 * two foreground titles as examples, for a person to accept or not.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "match/text.h"
#include "match/train.h"
#include "match/train_impl.h"

#define MIN_FORE 3 /* a term of one or two foreground items is an anecdote */

struct train_vocab {
	struct text *text; /* owned */
	struct cands c;
	char **titles; /* owned: the foreground's, by item number - 1 */
	size_t n_items, n_fore, cap;
};

int
train_vocab_new(struct train_vocab **out)
{
	struct train_vocab *v = calloc(1, sizeof(*v));
	int rc;

	*out = NULL;
	if (v == NULL)
		return -ENOMEM;
	rc = text_new(&v->text);
	if (rc < 0) {
		free(v);
		return rc;
	}
	*out = v;
	return 0;
}

void
train_vocab_free(struct train_vocab *v)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < v->n_items; i++)
		free(v->titles[i]);
	free(v->titles);
	train_cands_free(&v->c);
	text_free(v->text);
	free(v);
}

int
train_vocab_add(struct train_vocab *v, const char *title, const char *summary,
    int fore)
{
	uint32_t item;
	int rc;

	if (v->n_items == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 1024;
		char **t = realloc(v->titles, cap * sizeof(*t));

		if (t == NULL)
			return -ENOMEM;
		v->titles = t;
		v->cap = cap;
	}
	/* Only the foreground's titles are shown: keep no others. */
	v->titles[v->n_items] = fore && title ? strdup(title) : NULL;
	if (fore && title && v->titles[v->n_items] == NULL)
		return -ENOMEM;
	item = (uint32_t)++v->n_items;
	v->n_fore += fore != 0;
	rc = train_count_field(v->text, &v->c, title, item, fore);
	if (rc == 0)
		rc = train_count_field(v->text, &v->c, summary, item, fore);
	return rc;
}

/* Smoothed log-odds of the foreground against the background. */
static double
log_odds(const struct train_vocab *v, const struct cand *k)
{
	double f = (k->pos + 0.5) / ((double)v->n_fore + 1);
	double b = (k->df - k->pos + 0.5) /
	    ((double)(v->n_items - v->n_fore) + 1);

	return log(f / b);
}

/*
 * A word of a ranked phrase found in exactly the phrase's items, or a
 * phrase made of a ranked word with the same items: one line says it, the
 * phrase's ("shadow", "fleet" and "shadow fleet" would say one thing three
 * times).  Returns 1 when k was taken care of so.
 */
static int
same_items(const struct cand **best, double *score, size_t *got,
    const struct cand *k)
{
	size_t j = 0, taken = 0;

	for (size_t i = 0; i < *got; i++) {
		const struct cand *b = best[i];
		int same = b->sig == k->sig && b->df == k->df;

		if (same && !taken && train_part_of(b->surface, k->surface))
			return 1; /* nothing moved yet: a ranked phrase has k */
		if (same && train_part_of(k->surface, b->surface)) {
			if (taken++)
				continue; /* a second word of k: dropped */
			b = k;
		}
		best[j] = b;
		score[j++] = score[i];
	}
	*got = j;
	return taken > 0;
}

static int
example(struct buf *out, const struct train_vocab *v, uint32_t item)
{
	const char *t = item ? v->titles[item - 1] : NULL;

	return t ? buf_printf(out, " \"%.70s\"", t) : 0;
}

int
train_vocab_suggest(struct train_vocab *v, const struct profile *p, size_t n,
    struct buf *out)
{
	const struct cand **best = calloc(n + 1, sizeof(*best));
	double *score = calloc(n + 1, sizeof(*score));
	size_t got = 0;
	int rc = best == NULL || score == NULL ? -ENOMEM : 0;

	for (size_t i = 0; rc == 0 && v->c.v != NULL && i <= v->c.mask; i++) {
		const struct cand *k = &v->c.v[i];
		double s;
		size_t j;

		if (k->id == 0 || k->pos < MIN_FORE || train_base_has(p, k->id))
			continue;
		/* Log-odds alone favours the rarest terms: weigh by how
		 * much of the foreground has the term. */
		s = log_odds(v, k) * sqrt((double)k->pos);
		if (s <= 0 || (got == n && s <= score[n - 1]) ||
		    !train_reads_back(v->text, k) ||
		    same_items(best, score, &got, k))
			continue;
		j = got < n ? got++ : n - 1;
		for (; j > 0 && score[j - 1] < s; j--) {
			score[j] = score[j - 1];
			best[j] = best[j - 1];
		}
		score[j] = s;
		best[j] = k;
	}
	for (size_t i = 0; rc == 0 && i < got; i++) {
		const struct cand *k = best[i];

		rc = buf_printf(out,
		    "term 2 %s   # %u of %zu matching or near, %u of %zu "
		    "others; score %.1f; e.g.",
		    k->surface, k->pos, v->n_fore, k->df - k->pos,
		    v->n_items - v->n_fore, score[i]);
		if (rc == 0)
			rc = example(out, v, k->ex[0]);
		if (rc == 0 && k->ex[1] != 0)
			rc = buf_printf(out, ";");
		if (rc == 0)
			rc = example(out, v, k->ex[1]);
		if (rc == 0)
			rc = buf_printf(out, "\n");
	}
	free(best);
	free(score);
	return rc;
}
