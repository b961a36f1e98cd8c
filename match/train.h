/*
 * train -- learn a profile's term weights and threshold from labelled
 * items, and write the result as profile text a person reads.
 *
 * The features are the terms of a base profile (curated by hand: its
 * weighted and required terms) plus candidate stems, acronyms and two-word
 * phrases of the labelled items (at least TRAIN_MIN_DF items, TRAIN_MIN_POS
 * and a share TRAIN_MIN_SHARE of them positive, so that words of all news
 * such as "year" or "backs" are not learned; no function words).  A feature's
 * value is what the matcher would count for a term of weight 1: the weight of
 * the best field it occurs in.  Only items that pass the base profile's
 * required groups and excludes can ever match, so the fit sees those alone.
 *
 * An L2-regularised logistic regression (liblinear) is fitted, the
 * max_terms terms of most weight x sqrt(document frequency) are kept and
 * fitted again, and the threshold is the one that gives the best F1 (with
 * precision >= TRAIN_MIN_PRECISION when some threshold reaches it) on
 * out-of-fold scores.  Weights are scaled so that the threshold is the
 * base profile's (else 10), and rounded to one decimal.  The groups,
 * excludes and field weights of the base profile are kept as they are.
 *
 * Everything is deterministic: the same items give the same profile.
 */
#ifndef UKEUWATCH_MATCH_TRAIN_H
#define UKEUWATCH_MATCH_TRAIN_H

#include <stddef.h>

#include "lib/errbuf.h"

struct buf;
struct profile;

#define TRAIN_MIN_DF        4
#define TRAIN_MIN_POS       3
#define TRAIN_MIN_SHARE     0.4
#define TRAIN_MIN_PRECISION 0.85
#define TRAIN_INNER_FOLDS   5

/* A labelled item.  Pointers borrowed. */
struct train_item {
	const char *title;   /* or NULL */
	const char *summary; /* or NULL */
	int label;           /* 1: the profile wants it; 0: it does not */
	unsigned month;      /* year * 12 + month of its date; 0: undated */
};

struct train_opts {
	const char *name; /* the profile's name */
	const char *base; /* base profile text, or NULL */
	size_t base_len;
	const char *base_file; /* where base came from, for errors */
	size_t max_terms;      /* terms kept (groups and excludes aside) */
	double C;              /* inverse regularisation strength */
	const char *header;    /* comment lines written first, or NULL */
};

/* How a profile does on labelled items. */
struct train_counts {
	size_t tp, fp, fn, tn;
};

/*
 * Fit a profile on the n items and append its text to out.  0, -EINVAL
 * (bad base profile, or no positive item: eb says), -ENOMEM.
 */
int train_profile(const struct train_opts *o, const struct train_item *it,
    size_t n, struct buf *out, struct errbuf *eb) MUST_CHECK;

/*
 * Match the n items with profile text (name, len bytes) as `ukeuwatch
 * match` would and add the outcome to *c.  0, -EINVAL, -ENOMEM.
 */
int train_score(const char *name, const char *text, size_t len,
    const struct train_item *it, size_t n, struct train_counts *c,
    struct errbuf *eb) MUST_CHECK;

/*
 * k-fold cross-validation: k times, train on all folds but one and score
 * the profile written on the one left out; the counts add up in *c.
 * Folds are fixed (item i is in fold i mod k after a fixed shuffle).
 */
int train_cv(const struct train_opts *o, const struct train_item *it, size_t n,
    unsigned k, struct train_counts *c, struct errbuf *eb) MUST_CHECK;

/*
 * Suggestions (train_suggest.c): the terms that set the foreground (items
 * a profile matched or nearly matched) apart from the background (the
 * other items), for `profile suggest`.  A train_vocab collects items; it
 * keeps the foreground's titles for examples.
 */
struct train_vocab; /* opaque */

int train_vocab_new(struct train_vocab **out) MUST_CHECK;
void train_vocab_free(struct train_vocab *v);

/* Count one item (fields may be NULL).  0 or -ENOMEM. */
int train_vocab_add(struct train_vocab *v, const char *title,
    const char *summary, int fore) MUST_CHECK;

/*
 * Append at most n suggested term lines to out, best first, leaving out
 * the terms profile p (may be NULL) has: each a "term" line with the
 * counts, the ranking score (log-odds ratio x sqrt(foreground items)) and
 * two example titles in its comment.
 * 0 or -ENOMEM.
 */
int train_vocab_suggest(struct train_vocab *v, const struct profile *p,
    size_t n, struct buf *out) MUST_CHECK;

/* Precision, recall and F1 of c (0 when undefined). */
void train_prf(const struct train_counts *c, double *p, double *r, double *f1);

#endif /* UKEUWATCH_MATCH_TRAIN_H */
