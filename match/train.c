/*
 * train.c -- the features of `profile train`: the feature profile (the
 * base terms and the candidates of train_cand.c, each of weight 1), and
 * one matcher pass per item that turns it into a sparse row.  Scoring
 * and cross-validation go through the real parser and matcher, so an
 * estimate is of the profile text as written.  The fit is train_fit.c.
 */
#include "match/train.h"

#include <errno.h>
#include <linear.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "match/match.h"
#include "match/text.h"
#include "match/train_impl.h"

#define TEXT_MAX (4 * 1024 * 1024)

static const char *const field_names[] = { "title", "summary", "content" };

/* The base profile's groups, excludes and fields, every term weight 1. */
static int
base_lines(const struct profile *bp, struct buf *b)
{
	int rc = buf_printf(b, "threshold 1\n");

	for (int f = 0; bp != NULL && rc == 0 && f < PROFILE_FIELDS; f++)
		rc = buf_printf(b, "field %s %g\n", field_names[f],
		    bp->field_weight[f]);
	for (size_t i = 0; bp != NULL && rc == 0 && i < bp->n_terms; i++) {
		const struct profile_term *pt = &bp->terms[i];

		if (pt->exclude) {
			rc = buf_printf(b, "exclude %s\n", pt->text);
			continue;
		}
		for (size_t g = 0; rc == 0 && g < bp->n_groups; g++)
			if (pt->groups & ((uint64_t)1 << g))
				rc = buf_printf(b, "require %s %s\n",
				    bp->groups[g], pt->text);
		if (rc == 0)
			rc = buf_printf(b, "term 1 %s\n", pt->text);
	}
	return rc;
}

/* The comment of line `line` (1-based) of text, or NULL. */
static const char *
line_comment(const char *text, size_t len, int line, char *out, size_t cap)
{
	const char *p = text, *end = text + len, *nl, *hash;

	for (int l = 1; p < end && l < line; l++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		p = nl != NULL ? nl + 1 : end;
	}
	nl = memchr(p, '\n', (size_t)(end - p));
	if (nl == NULL)
		nl = end;
	hash = memchr(p, '#', (size_t)(nl - p));
	if (hash == NULL)
		return NULL;
	hash++;
	while (hash < nl && *hash == ' ')
		hash++;
	snprintf(out, cap, "%.*s", (int)(nl - hash), hash);
	return out[0] != '\0' ? out : NULL;
}

struct row_acc {
	struct feature_node *nodes; /* owned scratch: one per feature */
	size_t n;
	uint64_t groups;
	int excluded;
	const struct profile *fp;
	const struct tfeat *f;
};

static void
on_term(void *arg, size_t profile, size_t term, unsigned fields)
{
	struct row_acc *r = arg;
	const struct profile_term *pt = &r->fp->terms[term];
	double w = 0;

	(void)profile;
	r->groups |= pt->groups;
	if (pt->exclude) {
		r->excluded = 1;
		return;
	}
	for (int f = 0; f < PROFILE_FIELDS; f++)
		if ((fields & (1u << f)) && r->fp->field_weight[f] > w)
			w = r->fp->field_weight[f];
	r->nodes[r->n].index = (int)term + 1;
	r->nodes[r->n++].value = w * train_feat_scale(&r->f[term]);
}

static int
cmp_node(const void *a, const void *b)
{
	const struct feature_node *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

/*
 * The base profile's score of the item over its threshold: the curated
 * weights as one feature, so that the fit learns corrections to them
 * (each regularised towards 0) rather than all the weights again from a
 * few hundred items.
 */
static double
base_score(const struct tset *st, const struct feature_node *v, size_t n)
{
	double s = 0;

	for (size_t k = 0; k < n; k++)
		s += st->f[v[k].index - 1].bw * v[k].value /
		    train_feat_scale(&st->f[v[k].index - 1]);
	return s * TRAIN_BASE_SCALE / st->base_thr;
}

/* One row per item that passes the groups and excludes. */
static int
scan_items(struct tset *st, struct matcher *m, const struct train_item *it,
    size_t n)
{
	struct row_acc r = { .fp = st->fp, .f = st->f };
	uint64_t all = st->fp->n_groups >= 64 ?
	    UINT64_MAX :
	    (((uint64_t)1 << st->fp->n_groups) - 1);
	int rc = 0;

	r.nodes = calloc(st->nf + 3, sizeof(*r.nodes));
	st->x = calloc(n + 1, sizeof(*st->x));
	st->y = calloc(n + 1, sizeof(*st->y));
	if (r.nodes == NULL || st->x == NULL || st->y == NULL)
		rc = -ENOMEM;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const char *fields[3] = { it[i].title, it[i].summary, NULL };

		r.n = 0;
		r.groups = 0;
		r.excluded = 0;
		rc = matcher_terms_text(m, fields, on_term, &r);
		if (rc < 0)
			break;
		for (size_t k = 0; k < r.n; k++) {
			st->f[r.nodes[k].index - 1].df++;
			st->f[r.nodes[k].index - 1].pos += it[i].label != 0;
		}
		if (r.excluded || r.groups != all) {
			st->pos_out += it[i].label != 0;
			continue;
		}
		qsort(r.nodes, r.n, sizeof(*r.nodes), cmp_node);
		r.nodes[r.n].index = (int)st->nf + 1;
		r.nodes[r.n].value = base_score(st, r.nodes, r.n);
		r.nodes[r.n + 1].index = (int)st->nf + 2; /* the bias */
		r.nodes[r.n + 1].value = TRAIN_BIAS_VALUE;
		r.nodes[r.n + 2].index = -1;
		st->x[st->n] = malloc((r.n + 3) * sizeof(*r.nodes));
		if (st->x[st->n] == NULL) {
			rc = -ENOMEM;
			break;
		}
		memcpy(st->x[st->n], r.nodes, (r.n + 3) * sizeof(*r.nodes));
		st->y[st->n++] = it[i].label ? 1 : -1;
	}
	free(r.nodes);
	return rc;
}

/* Features of the feature profile, with the base terms' comments. */
static int
features(struct tset *st, const struct train_opts *o, char *comments,
    size_t cap)
{
	const struct profile *bp = st->bp;
	size_t used = 0;

	st->nf = st->fp->n_terms;
	st->f = calloc(st->nf + 1, sizeof(*st->f));
	if (st->f == NULL)
		return -ENOMEM;
	for (size_t j = 0; j < st->nf; j++) {
		const struct profile_term *pt = &st->fp->terms[j];
		uint64_t id = train_term_id(pt->acronym, pt->keys, pt->n_keys);

		st->f[j].text = pt->text;
		for (size_t i = 0; bp != NULL && i < bp->n_terms; i++) {
			const struct profile_term *b = &bp->terms[i];
			const char *c;

			if (train_term_id(b->acronym, b->keys, b->n_keys) != id)
				continue;
			st->f[j].base = 1;
			st->f[j].bw = b->weight;
			c = line_comment(o->base, o->base_len, b->line,
			    comments + used, cap - used);
			if (c != NULL) {
				st->f[j].comment = c;
				used += strlen(c) + 1;
			}
			break;
		}
	}
	return 0;
}

static void
tset_clear(struct tset *st)
{
	for (size_t i = 0; st->x != NULL && i < st->n; i++)
		free(st->x[i]);
	free(st->x);
	free(st->y);
	free(st->f);
}

static int
parse_one(struct profiles **ps, const char *name, const char *file,
    const char *text, size_t len, struct errbuf *eb)
{
	struct buf errors;
	int rc;

	buf_init(&errors, 64 * 1024);
	rc = profiles_new(ps);
	if (rc == 0)
		rc = profiles_parse(*ps, name, file, text, len, &errors);
	if (rc < 0)
		errbuf_set(eb, rc, "%s",
		    errors.len ? buf_str(&errors) : "out of memory");
	buf_clear(&errors);
	return rc;
}

int
train_profile(const struct train_opts *o, const struct train_item *it, size_t n,
    struct buf *out, struct errbuf *eb)
{
	struct profiles *bps = NULL, *fps = NULL;
	struct matcher *m = NULL;
	struct tset st = { 0 };
	struct cands c = { 0 };
	struct buf text;
	char *comments = NULL;
	int rc = 0;

	buf_init(&text, TEXT_MAX);
	if (o->base != NULL) {
		rc = parse_one(&bps, o->name, o->base_file, o->base,
		    o->base_len, eb);
		if (rc < 0)
			goto fail;
		st.bp = profiles_get(bps, 0);
	}
	rc = base_lines(st.bp, &text);
	if (rc == 0)
		rc = train_gather(st.bp, it, n, &c, &text);
	if (rc == 0)
		rc = parse_one(&fps, o->name, "(features)", buf_str(&text),
		    text.len, eb);
	if (rc < 0)
		goto fail;
	st.fp = profiles_get(fps, 0);
	st.base_thr = st.bp != NULL && st.bp->threshold > 0 ? st.bp->threshold :
	                                                      1;
	comments = calloc(1, o->base_len + 1);
	rc = comments == NULL ? -ENOMEM :
	                        features(&st, o, comments, o->base_len + 1);
	if (rc == 0)
		rc = matcher_new(&m, fps, eb);
	if (rc == 0)
		rc = scan_items(&st, m, it, n);
	if (rc == 0)
		rc = train_fit_write(&st, o, out, eb);
fail:
	if (rc == -ENOMEM)
		errbuf_set(eb, rc, "train: out of memory");
	matcher_free(m);
	tset_clear(&st);
	free(comments);
	train_cands_free(&c);
	buf_clear(&text);
	profiles_free(fps);
	profiles_free(bps);
	return rc;
}

int
train_score(const char *name, const char *text, size_t len,
    const struct train_item *it, size_t n, struct train_counts *c,
    struct errbuf *eb)
{
	struct profiles *ps = NULL;
	struct matcher *m = NULL;
	struct match_set set;
	int rc, matched[1];

	match_set_init(&set);
	rc = parse_one(&ps, name, "(trained)", text, len, eb);
	if (rc == 0)
		rc = matcher_new(&m, ps, eb);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const char *fields[3] = { it[i].title, it[i].summary, NULL };

		int k = matcher_score_text(m, fields, &set, matched);

		if (k < 0) {
			rc = k;
			break;
		}
		if (matched[0])
			*(it[i].label ? &c->tp : &c->fp) += 1;
		else
			*(it[i].label ? &c->fn : &c->tn) += 1;
	}
	match_set_clear(&set);
	matcher_free(m);
	profiles_free(ps);
	return rc < 0 ? rc : 0;
}

int
train_cv(const struct train_opts *o, const struct train_item *it, size_t n,
    unsigned k, struct train_counts *c, struct errbuf *eb)
{
	struct train_item *tr = calloc(n + 1, sizeof(*tr));
	struct train_item *te = calloc(n + 1, sizeof(*te));
	size_t *perm = calloc(n + 1, sizeof(*perm));
	uint64_t seed = 0x2545f4914f6cdd1dULL;
	struct buf out;
	int rc = 0;

	buf_init(&out, TEXT_MAX);
	if (tr == NULL || te == NULL || perm == NULL)
		rc = -ENOMEM;
	for (size_t i = 0; rc == 0 && i < n; i++)
		perm[i] = i;
	for (size_t i = n; rc == 0 && i > 1; i--) {
		size_t j, t;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		j = (size_t)((seed >> 33) % i);
		t = perm[i - 1];
		perm[i - 1] = perm[j];
		perm[j] = t;
	}
	for (unsigned f = 0; rc == 0 && f < k; f++) {
		size_t ntr = 0, nte = 0;

		for (size_t i = 0; i < n; i++) {
			if (i % k == f)
				te[nte++] = it[perm[i]];
			else
				tr[ntr++] = it[perm[i]];
		}
		buf_reset(&out);
		rc = train_profile(o, tr, ntr, &out, eb);
		if (rc == 0)
			rc = train_score(o->name, buf_str(&out), out.len, te,
			    nte, c, eb);
	}
	if (rc == -ENOMEM)
		errbuf_set(eb, rc, "train: out of memory");
	buf_clear(&out);
	free(tr);
	free(te);
	free(perm);
	return rc;
}

void
train_prf(const struct train_counts *c, double *p, double *r, double *f1)
{
	*p = c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 0;
	*r = c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 0;
	*f1 = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
}
