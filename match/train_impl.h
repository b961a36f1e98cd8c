/*
 * train_impl.h -- private to match/train*.c: the feature table that
 * train.c builds from the items and train_fit.c fits and writes out.
 */
#ifndef UKEUWATCH_MATCH_TRAIN_IMPL_H
#define UKEUWATCH_MATCH_TRAIN_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "match/profile.h"
#include "match/train.h"

struct buf;
struct feature_node;

struct text;

/* A candidate term: a stem, an acronym or a pair of stems. */
struct cand {
	uint64_t id;  /* 0: empty slot; train_term_id */
	uint64_t sig; /* sum of a hash of each item it is in: its item set */
	uint32_t df, pos, last;
	uint32_t ex[2]; /* the first two positive items (1-based) */
	unsigned month; /* of its first positive item (see struct cands) */
	int months;     /* its positive items span more than one month */
	char *surface;  /* owned: how it is written in the profile */
};

/* Candidates by id: an open-addressed table. */
struct cands {
	struct cand *v; /* owned: power of two, or NULL */
	size_t mask, used;
	unsigned month; /* of the item being counted (train_item), 0: undated */
};

void train_cands_free(struct cands *c);

/*
 * Count the candidates of text s (a field of item `item`, 1-based, wanted
 * if label) into c: each stem, acronym and pair of words once per item.
 * 0 or -ENOMEM.
 */
int train_count_field(struct text *t, struct cands *c, const char *s,
    uint32_t item, int label);

/* Does k's surface read back as k (the profile parser's view)? */
int train_reads_back(struct text *t, const struct cand *k);

/* The identity of a term as the profile parser's find_term sees it. */
uint64_t train_term_id(int acronym, const uint64_t *keys, size_t n);

/*
 * Count the candidates of the n items into c and append a "term 1 TEXT"
 * line to terms for each learnable one.  0 or -ENOMEM.
 */
int train_gather(const struct profile *bp, const struct train_item *it,
    size_t n, struct cands *c, struct buf *terms);

/* Is short_ one of the words of long_ ("shadow" in "shadow fleet")? */
int train_part_of(const char *long_, const char *short_);

/* Is id a term of bp (NULL: no)? */
int train_base_has(const struct profile *bp, uint64_t id);

/* A function word, or a number: never a candidate. */
int train_is_stop(const char *w);

/* One feature: a term of the feature profile. */
struct tfeat {
	const char *text;    /* borrowed from the feature profile */
	const char *comment; /* borrowed: the base line's comment, or NULL */
	int base;            /* a term of the base profile */
	double bw;           /* its weight there */
	uint32_t df, pos;    /* items it occurs in; positive ones */
	double w;            /* fitted weight (logit units) */
	int kept;
};

/* The items as the fit sees them: those that pass groups and excludes. */
struct tset {
	struct tfeat *f; /* owned: one per feature profile term */
	size_t nf;
	struct feature_node **x;  /* owned rows (each owned), -1 terminated:
	                             features 1..nf, the base score (nf + 1),
	                             the bias (nf + 2) */
	double *y;                /* owned: +1 / -1 */
	size_t n;                 /* gated items */
	size_t pos_out;           /* positives that cannot match (ungated) */
	double base_thr;          /* the base profile's threshold (or 1) */
	const struct profile *fp; /* borrowed: the feature profile */
	const struct profile *bp; /* borrowed: the base profile, or NULL */
};

/*
 * A base term's value is scaled down: its correction costs
 * 1/TRAIN_BASE_TERM_SCALE^2 times a candidate's in regularisation, so a
 * curated weight is tuned rather than overturned by a few hundred items
 * (without it, "EU" alone learned three times its weight from the
 * training items, and "EU" with "soldiers" alerted on real traffic).
 */
#define TRAIN_BASE_TERM_SCALE 0.3

static inline double
train_feat_scale(const struct tfeat *f)
{
	return f->base ? TRAIN_BASE_TERM_SCALE : 1;
}

/*
 * Fit st, choose the terms and threshold, and append the profile text to
 * out (train_fit.c).  0, -EINVAL (eb says), -ENOMEM.
 */
int train_fit_write(struct tset *st, const struct train_opts *o,
    struct buf *out, struct errbuf *eb);

/*
 * The base score is fed as score / threshold x this: a feature of larger
 * values is regularised less, so the fit keeps the curated weights and
 * spends its regularisation on the corrections.
 */
#define TRAIN_BASE_SCALE 10.0
/*
 * liblinear regularises the bias like a weight; a large bias feature
 * leaves the intercept nearly free, so that words in every item (the
 * groups' words) are not pushed negative to stand in for it.
 */
#define TRAIN_BIAS_VALUE 10.0
#endif /* UKEUWATCH_MATCH_TRAIN_IMPL_H */
