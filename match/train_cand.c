/*
 * train_cand.c -- the candidate terms of `profile train`: every stem,
 * acronym and pair of words of the labelled items, counted once per item,
 * and the ones worth a weight (train.h says which).  `profile suggest`
 * counts its foreground and background with the same table.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "match/profile.h"
#include "match/text.h"
#include "match/train.h"
#include "match/train_impl.h"

#define ID_WORD    0x77ULL
#define ID_ACRONYM 0xacULL

/* Function words: never a candidate, nor half of a two-word one. */
static const char *const stop[] = { "a", "about", "after", "all", "also", "an",
	"and", "are", "as", "at", "be", "been", "before", "but", "by", "can",
	"could", "did", "do", "for", "from", "had", "has", "have", "he", "her",
	"his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "may",
	"more", "new", "no", "not", "of", "on", "one", "or", "our", "out",
	"over", "s", "said", "say", "says", "she", "so", "than", "that", "the",
	"their", "them", "there", "these", "they", "this", "those", "to", "two",
	"up", "was", "we", "were", "what", "when", "which", "who", "why",
	"will", "with", "would", "you" };

int
train_is_stop(const char *w)
{
	for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		if (strcmp(w, stop[i]) == 0)
			return 1;
	return w[strspn(w, "0123456789")] == '\0';
}

uint64_t
train_term_id(int acronym, const uint64_t *keys, size_t n)
{
	uint64_t h = acronym ? ID_ACRONYM : ID_WORD;

	for (size_t i = 0; i < n; i++)
		h = text_hash_next(h, keys[i]);
	return h != 0 ? h : 1;
}

static struct cand *
cand_slot(struct cands *c, uint64_t id)
{
	size_t i = id & c->mask;

	while (c->v[i].id != 0 && c->v[i].id != id)
		i = (i + 1) & c->mask;
	return &c->v[i];
}

static int
cands_grow(struct cands *c)
{
	struct cands n = { .mask = c->v ? c->mask * 2 + 1 : 4095 };

	n.v = calloc(n.mask + 1, sizeof(*n.v));
	if (n.v == NULL)
		return -ENOMEM;
	for (size_t i = 0; c->v != NULL && i <= c->mask; i++)
		if (c->v[i].id != 0)
			*cand_slot(&n, c->v[i].id) = c->v[i];
	n.used = c->used;
	n.month = c->month;
	free(c->v);
	*c = n;
	return 0;
}

void
train_cands_free(struct cands *c)
{
	for (size_t i = 0; c->v != NULL && i <= c->mask; i++)
		free(c->v[i].surface);
	free(c->v);
}

/* The ASCII word at s[off], folded unless keep_case, into out. */
static void
word_at(const char *s, uint32_t off, int keep_case, char *out, size_t cap)
{
	size_t n = 0;

	for (s += off; n + 1 < cap; s++, n++) {
		char ch = *s;

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		        (ch >= '0' && ch <= '9')))
			break;
		out[n] = keep_case || ch < 'A' || ch > 'Z' ? ch : ch | 0x20;
	}
	out[n] = '\0';
}

/* An undated item is a month of its own: no date, no sign of one event. */
static void
note_month(struct cand *k, unsigned month)
{
	if (k->month == 0)
		k->month = month;
	else if (k->month != month)
		k->months = 1;
}

/* Count candidate id in item `item` (1-based); surface on first sight. */
static int
count(struct cands *c, uint64_t id, const char *surface, uint32_t item,
    int label)
{
	struct cand *k;

	if (c->v == NULL || c->used * 2 >= c->mask) {
		if (cands_grow(c) < 0)
			return -ENOMEM;
	}
	k = cand_slot(c, id);
	if (k->id == 0) {
		k->id = id;
		k->surface = strdup(surface);
		if (k->surface == NULL)
			return -ENOMEM;
		c->used++;
	}
	if (k->last != item) {
		k->last = item;
		k->df++;
		k->sig += text_hash_next(ID_WORD, item);
		k->pos += label != 0;
		if (label != 0 && k->pos <= 2)
			k->ex[k->pos - 1] = item;
		if (label != 0)
			note_month(k, c->month ? c->month : UINT_MAX - item);
	}
	return 0;
}

int
train_count_field(struct text *t, struct cands *c, const char *s, uint32_t item,
    int label)
{
	const struct text_token *tok;
	char w[TEXT_MAX_WORD + 1], prev[TEXT_MAX_WORD + 1] = "", two[160];
	uint64_t keys[2];
	int n, rc = 0;

	if (s == NULL)
		return 0;
	n = text_tokenize(t, s, strlen(s), &tok);
	for (int i = 0; i < n && rc == 0; i++) {
		word_at(s, tok[i].offset, 0, w, sizeof(w));
		if (w[0] == '\0' || train_is_stop(w)) {
			prev[0] = '\0';
			continue;
		}
		/* An acronym is a candidate as the acronym ("US", not "us"). */
		if (tok[i].flags & TEXT_ACRONYM) {
			char a[TEXT_MAX_WORD + 1];

			word_at(s, tok[i].offset, 1, a, sizeof(a));
			rc = count(c, train_term_id(1, &tok[i].acronym_hash, 1),
			    a, item, label);
		} else {
			rc = count(c, train_term_id(0, &tok[i].hash, 1), w,
			    item, label);
		}
		if (rc == 0 && prev[0] != '\0') {
			keys[0] = tok[i - 1].hash;
			keys[1] = tok[i].hash;
			snprintf(two, sizeof(two), "%s %s", prev, w);
			rc = count(c, train_term_id(0, keys, 2), two, item,
			    label);
		}
		snprintf(prev, sizeof(prev), "%s", w);
	}
	return n < 0 ? n : rc;
}

/* Does surface read back as the term id (the profile parser's view)? */
int
train_reads_back(struct text *t, const struct cand *k)
{
	const struct text_token *tok;
	uint64_t keys[2];
	int n = text_tokenize(t, k->surface, strlen(k->surface), &tok);

	if (n == 1 && (tok[0].flags & TEXT_ACRONYM) &&
	    train_term_id(1, &tok[0].acronym_hash, 1) == k->id)
		return 1;
	if (n < 1 || n > 2)
		return 0;
	keys[0] = tok[0].hash;
	keys[1] = n == 2 ? tok[1].hash : 0;
	return train_term_id(0, keys, (size_t)n) == k->id;
}

int
train_base_has(const struct profile *bp, uint64_t id)
{
	for (size_t i = 0; bp != NULL && i < bp->n_terms; i++) {
		const struct profile_term *pt = &bp->terms[i];

		if (train_term_id(pt->acronym, pt->keys, pt->n_keys) == id)
			return 1;
	}
	return 0;
}

int
train_part_of(const char *long_, const char *short_)
{
	size_t n = strlen(short_);

	for (const char *p = strstr(long_, short_); p != NULL;
	     p = strstr(p + 1, short_))
		if ((p == long_ || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Same item set: the longer term first (it reads better), then by text. */
static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = *(const struct cand *const *)a;
	const struct cand *y = *(const struct cand *const *)b;
	size_t lx = strlen(x->surface), ly = strlen(y->surface);

	if (x->sig != y->sig)
		return x->sig < y->sig ? -1 : 1;
	if (x->df != y->df)
		return x->df < y->df ? -1 : 1;
	if (lx != ly)
		return lx > ly ? -1 : 1;
	return strcmp(x->surface, y->surface);
}

/*
 * A candidate is learnable when enough items have it, enough of them
 * wanted, and the base profile does not have it already.  When the wanted
 * items span three months or more, its wanted items must also come from
 * more than one month: a word of one event, a name in one week's story,
 * says nothing about next year's news.  (A desk training on a few weeks of
 * its own verdicts has nothing to compare across, so the rule waits.)
 */
static int
learnable(const struct profile *bp, struct text *t, const struct cand *k,
    int spread)
{
	return k->id != 0 && k->df >= TRAIN_MIN_DF && k->pos >= TRAIN_MIN_POS &&
	    k->pos >= TRAIN_MIN_SHARE * k->df && (k->months || !spread) &&
	    !train_base_has(bp, k->id) && train_reads_back(t, k);
}

/* Do the wanted items come from three different months or more? */
static int
spread(const struct train_item *it, size_t n)
{
	unsigned seen[3];
	size_t k = 0;

	for (size_t i = 0; i < n && k < 3; i++) {
		size_t j = 0;

		if (!it[i].label || it[i].month == 0)
			continue;
		while (j < k && seen[j] != it[i].month)
			j++;
		if (j == k)
			seen[k++] = it[i].month;
	}
	return k >= 3;
}

/*
 * The candidates, counted over the items, as "term 1" lines.  A word found
 * in exactly the items of a phrase it belongs to ("jared" and "kushner" of
 * "jared kushner") is left to the phrase: the fit could not tell them
 * apart, and a reader would see one fact three times.  Other terms with
 * the same items ("brussels" beside "shadow fleet") keep their own line.
 */
int
train_gather(const struct profile *bp, const struct train_item *it, size_t n,
    struct cands *c, struct buf *terms)
{
	struct text *t = NULL;
	const struct cand **v = NULL;
	size_t nv = 0;
	int wide = spread(it, n), rc = text_new(&t);

	for (size_t i = 0; rc == 0 && i < n; i++) {
		c->month = it[i].month;
		rc = train_count_field(t, c, it[i].title, (uint32_t)i + 1,
		    it[i].label);
		if (rc == 0)
			rc = train_count_field(t, c, it[i].summary,
			    (uint32_t)i + 1, it[i].label);
	}
	if (rc == 0 && c->v != NULL &&
	    (v = calloc(c->mask + 1, sizeof(*v))) == NULL)
		rc = -ENOMEM;
	for (size_t i = 0; rc == 0 && c->v != NULL && i <= c->mask; i++)
		if (learnable(bp, t, &c->v[i], wide))
			v[nv++] = &c->v[i];
	if (nv > 0)
		qsort(v, nv, sizeof(*v), cmp_cand);
	for (size_t i = 0, group = 0; rc == 0 && i < nv; i++) {
		int part = 0;

		if (v[i]->sig != v[group]->sig || v[i]->df != v[group]->df)
			group = i;
		for (size_t j = group; j < i && !part; j++)
			part = train_part_of(v[j]->surface, v[i]->surface);
		if (!part)
			rc = buf_printf(terms, "term 1 %s\n", v[i]->surface);
	}
	free(v);
	text_free(t);
	return rc;
}
