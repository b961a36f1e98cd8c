/*
 * train_fit.c -- the fit of `profile train` (liblinear's L2-regularised
 * logistic regression), the choice of terms and threshold, and the
 * profile text written from them.  See train.h for the method.
 */
#include <errno.h>
#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "match/train.h"
#include "match/train_impl.h"

#define DEFAULT_THRESHOLD 10.0
#define MIN_WEIGHT        0.1 /* smaller rounds to nothing */

static void
quiet(const char *s)
{
	(void)s;
}

/* Decision values are for model->label[0]: turn them towards +1. */
static double
decide(const struct model *md, const struct feature_node *x)
{
	double v;

	predict_values(md, x, &v);
	return md->label[0] == 1 ? v : -v;
}

/* Fit on rows x[0..n) (pointers borrowed).  NULL on failure. */
static struct model *
fit(struct feature_node **x, double *y, size_t n, size_t nf, double C)
{
	struct problem p = { .l = (int)n,
		.n = (int)nf + 2,
		.y = y,
		.x = x,
		.bias = 1 };
	struct parameter par = { .solver_type = L2R_LR, .eps = 0.01, .C = C };

	set_print_string_function(quiet);
	if (check_parameter(&p, &par) != NULL)
		return NULL;
	return train(&p, &par);
}

/* The rows with only the kept features (and the bias), owned. */
static struct feature_node **
keep_rows(const struct tset *st)
{
	struct feature_node **x = calloc(st->n + 1, sizeof(*x));

	for (size_t i = 0; x != NULL && i < st->n; i++) {
		size_t k = 0, len = 0;

		while (st->x[i][len].index != -1)
			len++;
		x[i] = malloc((len + 1) * sizeof(**x));
		if (x[i] == NULL)
			return x; /* the caller sees the NULL row */
		for (size_t j = 0; j <= len; j++) {
			const struct feature_node *e = &st->x[i][j];

			if (e->index == -1 || e->index > (int)st->nf ||
			    st->f[e->index - 1].kept)
				x[i][k++] = *e;
		}
	}
	return x;
}

static void
rows_free(struct feature_node **x, size_t n)
{
	for (size_t i = 0; x != NULL && i < n; i++)
		free(x[i]);
	free(x);
}

struct scored {
	double s;
	int y;
};

static int
cmp_scored(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	return (x->s < y->s) - (x->s > y->s);
}

/* Out-of-fold decision values of every row, by TRAIN_INNER_FOLDS folds. */
static int
oof(const struct tset *st, struct feature_node **x, double C,
    struct scored *out)
{
	size_t n = st->n, k = TRAIN_INNER_FOLDS;
	struct feature_node **tx = calloc(n + 1, sizeof(*tx));
	double *ty = calloc(n + 1, sizeof(*ty));
	int rc = tx == NULL || ty == NULL ? -ENOMEM : 0;

	for (size_t f = 0; rc == 0 && f < k; f++) {
		struct model *md;
		size_t m = 0, npos = 0;

		for (size_t i = 0; i < n; i++)
			if (i % k != f) {
				tx[m] = x[i];
				npos += st->y[i] > 0;
				ty[m++] = st->y[i];
			}
		md = npos > 0 && npos < m ? fit(tx, ty, m, st->nf, C) : NULL;
		for (size_t i = f; i < n; i += k) {
			out[i].s = md != NULL ? decide(md, x[i]) :
			                        (npos > 0 ? 1 : -1);
			out[i].y = st->y[i] > 0;
		}
		free_and_destroy_model(&md);
	}
	free(tx);
	free(ty);
	return rc;
}

/*
 * The cut in decision values with the best F1 among those with precision
 * >= TRAIN_MIN_PRECISION (any precision when none reaches it).  Positives
 * that cannot match count as misses.
 */
static double
best_cut(struct scored *v, size_t n, size_t pos_out)
{
	size_t P = pos_out, tp = 0;
	double best = -1, cut = v[0].s + 1;
	int any_precise = 0;

	for (size_t i = 0; i < n; i++)
		P += v[i].y;
	qsort(v, n, sizeof(*v), cmp_scored);
	for (int pass = 0; pass < 2 && best < 0; pass++) {
		tp = 0;
		for (size_t i = 0; i < n; i++) {
			double p, r, f1;

			tp += v[i].y;
			if (i + 1 < n && v[i + 1].s == v[i].s)
				continue;
			p = (double)tp / (double)(i + 1);
			r = P ? (double)tp / (double)P : 0;
			f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
			if (pass == 0 && p < TRAIN_MIN_PRECISION)
				continue;
			any_precise = 1;
			if (f1 > best) {
				best = f1;
				cut = i + 1 < n ? (v[i].s + v[i + 1].s) / 2 :
				                  v[i].s - 1;
			}
		}
	}
	(void)any_precise;
	return cut;
}

/*
 * Keep every base term (curated: one not seen in these items keeps its
 * share of the base score), and the max_terms candidates of most w x
 * sqrt(df) among those that count for the profile: a learned term says
 * what the subject is; what it is not stays the curator's call (negative
 * weights on common words such as "wants" read as noise, and pile up on
 * long texts).
 */
static void
choose(struct tset *st, size_t max_terms)
{
	double *imp = calloc(st->nf + 1, sizeof(*imp));
	size_t kept = 0;

	if (imp == NULL)
		return;
	for (size_t j = 0; j < st->nf; j++) {
		imp[j] = st->f[j].w * sqrt((double)st->f[j].df);
		st->f[j].kept = st->f[j].base;
	}
	while (kept < max_terms) {
		size_t best = st->nf;

		for (size_t j = 0; j < st->nf; j++)
			if (!st->f[j].kept && imp[j] > 0 &&
			    (best == st->nf || imp[j] > imp[best]))
				best = j;
		if (best == st->nf)
			break;
		st->f[best].kept = 1;
		kept++;
	}
	free(imp);
}

/*
 * A term's weight is its own plus its share of the base score's: the
 * profile is one sum again.  Returns the bias.
 */
static double
take_weights(struct tset *st, const struct model *md)
{
	double sign = md->label[0] == 1 ? 1 : -1;
	double a = sign * md->w[st->nf] * TRAIN_BASE_SCALE / st->base_thr;

	for (size_t j = 0; j < st->nf; j++)
		st->f[j].w = sign * md->w[j] * train_feat_scale(&st->f[j]) +
		    a * st->f[j].bw;
	return sign * md->w[st->nf + 1] * TRAIN_BIAS_VALUE;
}

static double
rounded(double w)
{
	return round(w * 10) / 10;
}

/* Terms joined into lines of about 76 columns: "KEY a, b, c". */
static int
wrapped(struct buf *b, const char *key, const char *const *t, size_t n)
{
	size_t col = 0;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (col == 0 || col + strlen(t[i]) + 2 > 76) {
			rc = buf_printf(b, "%s%s %s", col ? "\n" : "", key,
			    t[i]);
			col = strlen(key) + 1 + strlen(t[i]);
		} else {
			rc = buf_printf(b, ", %s", t[i]);
			col += strlen(t[i]) + 2;
		}
	}
	return rc == 0 && col ? buf_printf(b, "\n") : rc;
}

static int
write_groups(struct buf *b, const struct profile *bp)
{
	const char **t = calloc(bp->n_terms + 1, sizeof(*t));
	int rc = t == NULL ? -ENOMEM : 0;
	size_t n;

	for (size_t g = 0; rc == 0 && g <= bp->n_groups; g++) {
		char key[96];

		n = 0;
		for (size_t i = 0; i < bp->n_terms; i++)
			if (g < bp->n_groups ? (bp->terms[i].groups &
			                           ((uint64_t)1 << g)) != 0 :
			                       bp->terms[i].exclude)
				t[n++] = bp->terms[i].text;
		snprintf(key, sizeof(key),
		    g < bp->n_groups ? "require %s" : "exclude",
		    g < bp->n_groups ? bp->groups[g] : "");
		rc = wrapped(b, key, t, n);
	}
	free(t);
	return rc;
}

/* A term line: weight, text, and why. */
static int
term_line(struct buf *b, const struct tfeat *f, double w)
{
	if (f->base)
		return buf_printf(b, "term %g %s%s%s\n", w, f->text,
		    f->comment ? "   # " : "", f->comment ? f->comment : "");
	return buf_printf(b, "term %g %s   # in %u items, %u wanted\n", w,
	    f->text, f->df, f->pos);
}

static int
cmp_weight(const void *a, const void *b)
{
	const struct tfeat *x = *(const struct tfeat *const *)a;
	const struct tfeat *y = *(const struct tfeat *const *)b;

	return (x->w < y->w) - (x->w > y->w);
}

static int
write_terms(struct buf *b, struct tset *st, double scale)
{
	const struct tfeat **v = calloc(st->nf + 1, sizeof(*v));
	size_t n = 0;
	int rc = v == NULL ? -ENOMEM : 0;

	for (size_t j = 0; rc == 0 && j < st->nf; j++) {
		double w = rounded(st->f[j].w * scale);

		if (!st->f[j].kept || fabs(w) < MIN_WEIGHT)
			continue;
		if (st->f[j].base)
			rc = term_line(b, &st->f[j], w);
		else
			v[n++] = &st->f[j];
	}
	qsort(v, n, sizeof(*v), cmp_weight);
	if (rc == 0 && n > 0)
		rc = buf_printf(b,
		    "\n# Learned from the labelled items: "
		    "stems, acronyms and word pairs.\n");
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = term_line(b, v[i], rounded(v[i]->w * scale));
	free(v);
	return rc;
}

static int
write_profile(struct buf *b, struct tset *st, const struct train_opts *o,
    double thr, double scale)
{
	static const char *const fields[] = { "title", "summary", "content" };
	const struct profile *fp = st->fp;
	int rc = 0;

	if (o->header != NULL)
		rc = buf_printf(b, "%s\n", o->header);
	if (rc == 0)
		rc = buf_printf(b, "threshold %g\n", thr);
	for (int f = 0; rc == 0 && f < PROFILE_FIELDS; f++)
		rc = buf_printf(b, "field %s %g\n", fields[f],
		    fp->field_weight[f]);
	if (rc == 0 && st->bp != NULL)
		rc = buf_printf(b, "\n");
	if (rc == 0 && st->bp != NULL)
		rc = write_groups(b, st->bp);
	if (rc == 0)
		rc = buf_printf(b, "\n");
	if (rc == 0)
		rc = write_terms(b, st, scale);
	return rc;
}

int
train_fit_write(struct tset *st, const struct train_opts *o, struct buf *out,
    struct errbuf *eb)
{
	struct feature_node **x = NULL;
	struct scored *v = NULL;
	struct model *md = NULL;
	size_t npos = 0;
	double cut, theta, thr;
	int rc = 0;

	for (size_t i = 0; i < st->n; i++)
		npos += st->y[i] > 0;
	if (npos == 0 || npos == st->n)
		return errbuf_set(eb, -EINVAL,
		    "profile %s: %zu of the %zu items that pass its groups "
		    "are wanted; training needs both kinds",
		    o->name, npos, st->n);
	md = fit(st->x, st->y, st->n, st->nf, o->C);
	if (md == NULL)
		return errbuf_set(eb, -ENOMEM, "train: out of memory");
	(void)take_weights(st, md);
	free_and_destroy_model(&md);
	choose(st, o->max_terms);
	x = keep_rows(st);
	v = calloc(st->n + 1, sizeof(*v));
	for (size_t i = 0; x != NULL && i < st->n; i++)
		if (x[i] == NULL)
			rc = -ENOMEM;
	if (x == NULL || v == NULL || rc < 0 || oof(st, x, o->C, v) < 0 ||
	    (md = fit(x, st->y, st->n, st->nf, o->C)) == NULL) {
		rc = errbuf_set(eb, -ENOMEM, "train: out of memory");
		goto out;
	}
	/* score + bias >= cut, so the profile's threshold is cut - bias. */
	theta = -take_weights(st, md);
	cut = best_cut(v, st->n, st->pos_out);
	theta += cut;
	thr = st->bp != NULL ? st->bp->threshold : DEFAULT_THRESHOLD;
	if (theta < 1e-6)
		theta = 1e-6; /* every gated item is wanted: groups decide */
	rc = write_profile(out, st, o, thr, thr / theta);
out:
	free_and_destroy_model(&md);
	rows_free(x, st->n);
	free(v);
	return rc;
}
