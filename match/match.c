/* match.c -- one pass over an item's tokens for all profiles: hashed stems and
 * phrase chains */
#include "match/match.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/item.h"
#include "match/profile.h"
#include "match/statement.h"
#include "match/text.h"

#define ENTRY_PREFIX 0x1 /* a phrase continues past this key */

struct entry {
	uint64_t key;      /* 0: empty slot */
	uint32_t post_off; /* into postings */
	uint16_t post_n;
	uint16_t flags; /* ENTRY_* */
};

/* A term of some profile, flattened. */
struct gterm {
	uint32_t profile;
	uint32_t term; /* index in the profile's terms */
	float weight;
	uint64_t groups; /* bit g: in the profile's group g */
	uint8_t exclude;
	const char *label; /* borrowed from the profile, or owned (negative) */
	char *owned;       /* owned: "-text" for negative terms */
};

/* A term's part in a score, for ordering the explanation. */
struct scored {
	double c;
	uint32_t order;
	const char *label;
};

struct pscore {
	double score;
	uint64_t groups; /* groups with a term in this item */
	uint64_t all;    /* every group of the profile */
	int excluded;
};

struct matcher {
	const struct profiles *ps; /* borrowed */
	struct text *text;         /* owned */
	struct entry *table;       /* owned: power of two */
	size_t mask;
	uint32_t *postings; /* owned: gterm ids */
	size_t n_postings;
	struct gterm *terms; /* owned */
	size_t n_terms;
	uint8_t *seen;     /* owned: per gterm, bit f = seen in field f */
	uint32_t *touched; /* owned: gterm ids seen in this item */
	size_t n_touched;
	struct pscore *scores;  /* owned: per profile */
	struct scored *scratch; /* owned: per gterm */
	size_t n_profiles;
	int statements;
	double near; /* share of the threshold; 0: no near misses */
};

void
match_set_init(struct match_set *s)
{
	memset(s, 0, sizeof(*s));
}

void
match_set_reset(struct match_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].statement);
		free(s->v[i].speaker);
		s->v[i].statement = s->v[i].speaker = NULL;
		s->v[i].statement_quoted = 0;
		s->v[i].n_terms = 0;
	}
	s->n = 0;
}

void
match_set_clear(struct match_set *s)
{
	match_set_reset(s);
	for (size_t i = 0; i < s->cap; i++)
		free(s->v[i].terms);
	free(s->v);
	match_set_init(s);
}

/* ---- building ----------------------------------------------------------- */

static struct entry *
slot(struct matcher *m, uint64_t key)
{
	size_t i = key & m->mask;

	while (m->table[i].key != 0 && m->table[i].key != key)
		i = (i + 1) & m->mask;
	return &m->table[i];
}

static const struct entry *
lookup(const struct matcher *m, uint64_t key)
{
	size_t i = key & m->mask;

	for (;;) {
		const struct entry *e = &m->table[i];

		if (e->key == key)
			return e;
		if (e->key == 0)
			return NULL;
		i = (i + 1) & m->mask;
	}
}

/* The keys a term's postings go under, and its phrase prefixes. */
static uint64_t
term_key(const struct profile_term *t, size_t upto)
{
	uint64_t h = t->keys[0];

	for (size_t j = 1; j < upto; j++)
		h = text_hash_next(h, t->keys[j]);
	return h != 0 ? h : 1;
}

/* Two passes over the terms: count postings per key, then fill them. */
static int
build_table(struct matcher *m)
{
	size_t g = 0, off = 0;

	for (size_t pi = 0; pi < m->n_profiles; pi++) {
		const struct profile *p = profiles_get(m->ps, pi);

		for (size_t ti = 0; ti < p->n_terms; ti++) {
			const struct profile_term *t = &p->terms[ti];

			struct entry *e;

			for (size_t j = 1; j < t->n_keys; j++) {
				e = slot(m, term_key(t, j));
				e->key = term_key(t, j);
				e->flags |= ENTRY_PREFIX;
			}
			e = slot(m, term_key(t, t->n_keys));
			e->key = term_key(t, t->n_keys);
			e->post_n++;
		}
	}
	for (size_t i = 0; i <= m->mask; i++) {
		m->table[i].post_off = (uint32_t)off;
		off += m->table[i].post_n;
		m->table[i].post_n = 0;
	}
	for (size_t pi = 0; pi < m->n_profiles; pi++) {
		const struct profile *p = profiles_get(m->ps, pi);

		for (size_t ti = 0; ti < p->n_terms; ti++, g++) {
			struct entry *e = slot(m,
			    term_key(&p->terms[ti], p->terms[ti].n_keys));

			m->postings[e->post_off + e->post_n++] = (uint32_t)g;
		}
	}
	return 0;
}

static int
add_terms(struct matcher *m, struct errbuf *eb)
{
	size_t g = 0;

	for (size_t pi = 0; pi < m->n_profiles; pi++) {
		const struct profile *p = profiles_get(m->ps, pi);

		if (p->n_groups > 64)
			return errbuf_set(eb, -E2BIG,
			    "profile %s: more than 64 groups", p->name);
		for (size_t ti = 0; ti < p->n_terms; ti++, g++) {
			const struct profile_term *t = &p->terms[ti];
			struct gterm *gt = &m->terms[g];

			gt->profile = (uint32_t)pi;
			gt->term = (uint32_t)ti;
			gt->weight = (float)t->weight;
			gt->groups = t->groups;
			gt->exclude = (uint8_t)t->exclude;
			gt->label = t->text;
			if (t->weight < 0 || t->exclude) {
				if (asprintf(&gt->owned, "-%s", t->text) < 0) {
					gt->owned = NULL;
					return -ENOMEM;
				}
				gt->label = gt->owned;
			}
		}
	}
	return 0;
}

int
matcher_new(struct matcher **out, const struct profiles *ps, struct errbuf *eb)
{
	struct matcher *m;
	size_t n = 0, keys = 0, size = 64;
	int rc = -ENOMEM;

	*out = NULL;
	m = calloc(1, sizeof(*m));
	if (m == NULL)
		return errbuf_set(eb, -ENOMEM, "matcher: out of memory");
	m->ps = ps;
	m->statements = 1;
	m->n_profiles = profiles_count(ps);
	for (size_t pi = 0; pi < m->n_profiles; pi++) {
		const struct profile *p = profiles_get(ps, pi);

		n += p->n_terms;
		for (size_t ti = 0; ti < p->n_terms; ti++)
			keys += p->terms[ti].n_keys;
	}
	/* At most a quarter full, so a miss usually ends at the first slot. */
	while (size < keys * 4)
		size *= 2;
	m->n_terms = n;
	m->mask = size - 1;
	m->table = calloc(size, sizeof(*m->table));
	m->postings = calloc(n + 1, sizeof(*m->postings));
	m->terms = calloc(n + 1, sizeof(*m->terms));
	m->seen = calloc(n + 1, 1);
	m->touched = calloc(n + 1, sizeof(*m->touched));
	m->scores = calloc(m->n_profiles + 1, sizeof(*m->scores));
	m->scratch = calloc(n + 1, sizeof(*m->scratch));
	if (m->scratch == NULL || m->table == NULL || m->postings == NULL ||
	    m->terms == NULL || m->seen == NULL || m->touched == NULL ||
	    m->scores == NULL)
		goto fail;
	rc = text_new(&m->text);
	if (rc < 0)
		goto fail;
	rc = add_terms(m, eb);
	if (rc < 0)
		goto fail;
	rc = build_table(m);
	if (rc < 0)
		goto fail;
	*out = m;
	return 0;
fail:
	matcher_free(m);
	if (rc == -ENOMEM)
		errbuf_set(eb, rc, "matcher: out of memory");
	return rc;
}

void
matcher_free(struct matcher *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; m->terms != NULL && i < m->n_terms; i++)
		free(m->terms[i].owned);
	text_free(m->text);
	free(m->table);
	free(m->postings);
	free(m->terms);
	free(m->seen);
	free(m->touched);
	free(m->scores);
	free(m->scratch);
	free(m);
}

void
matcher_want_statements(struct matcher *m, int on)
{
	m->statements = on;
}

void
matcher_want_near(struct matcher *m, double ratio)
{
	m->near = ratio;
}

/* ---- matching ----------------------------------------------------------- */

static void
hit(struct matcher *m, const struct entry *e, int field)
{
	for (uint16_t i = 0; i < e->post_n; i++) {
		uint32_t g = m->postings[e->post_off + i];

		if (m->seen[g] == 0)
			m->touched[m->n_touched++] = g;
		m->seen[g] |= (uint8_t)(1u << field);
	}
}

/* The one pass over a field's tokens. */
static int
scan_field(struct matcher *m, const char *s, int field)
{
	const struct text_token *tok;
	int n;

	if (s == NULL || *s == '\0')
		return 0;
	n = text_tokenize(m->text, s, strlen(s), &tok);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		const struct entry *e = lookup(m, tok[i].hash);
		uint64_t h;

		if (tok[i].flags & TEXT_ACRONYM) {
			const struct entry *a = lookup(m, tok[i].acronym_hash);

			if (a != NULL && a->post_n > 0)
				hit(m, a, field);
		}
		if (e == NULL)
			continue;
		if (e->post_n > 0)
			hit(m, e, field);
		/* Follow a phrase only while a longer one can still match. */
		h = tok[i].hash;
		for (int j = i + 1; j < n && (e->flags & ENTRY_PREFIX); j++) {
			h = text_hash_next(h, tok[j].hash);
			e = lookup(m, h != 0 ? h : 1);
			if (e == NULL)
				break;
			if (e->post_n > 0)
				hit(m, e, field);
		}
	}
	return 0;
}

static double
best_field(const struct profile *p, uint8_t seen)
{
	double w = 0;
	int any = 0;

	for (int f = 0; f < PROFILE_FIELDS; f++) {
		if (!(seen & (1u << f)))
			continue;
		if (!any || p->field_weight[f] > w)
			w = p->field_weight[f];
		any = 1;
	}
	return w;
}

static void
score_profiles(struct matcher *m)
{
	memset(m->scores, 0, m->n_profiles * sizeof(*m->scores));
	for (size_t i = 0; i < m->n_profiles; i++) {
		const struct profile *p = profiles_get(m->ps, i);

		m->scores[i].all = p->n_groups >= 64 ?
		    UINT64_MAX :
		    (((uint64_t)1 << p->n_groups) - 1);
	}
	for (size_t k = 0; k < m->n_touched; k++) {
		uint32_t g = m->touched[k];
		const struct gterm *t = &m->terms[g];
		const struct profile *p = profiles_get(m->ps, t->profile);
		struct pscore *sc = &m->scores[t->profile];

		if (t->exclude)
			sc->excluded = 1;
		sc->groups |= t->groups;
		sc->score += t->weight * best_field(p, m->seen[g]);
	}
}

static int
push_match(struct match_set *out, const char *profile, double score)
{
	struct match *mt;

	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 4;
		struct match *v = realloc(out->v, cap * sizeof(*v));

		if (v == NULL)
			return -ENOMEM;
		memset(v + out->cap, 0, (cap - out->cap) * sizeof(*v));
		out->v = v;
		out->cap = cap;
	}
	mt = &out->v[out->n++];
	mt->profile = profile;
	mt->score = score;
	mt->n_terms = 0;
	mt->near = 0;
	return 0;
}

static int
cmp_scored(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	if (x->c != y->c)
		return x->c > y->c ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* An item has a handful of terms per profile, where insertion sort beats
 * qsort's setup; cmp_scored is a total order, so the result is the same. */
static void
sort_scored(struct scored *v, size_t n)
{
	if (n > 16) {
		qsort(v, n, sizeof(*v), cmp_scored);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		struct scored x = v[i];
		size_t j = i;

		for (; j > 0 && cmp_scored(&x, &v[j - 1]) < 0; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* The terms of profile pi that this item had, most weight first. */
static int
explain(struct matcher *m, size_t pi, struct match *mt)
{
	const struct profile *p = profiles_get(m->ps, pi);
	size_t n = 0;

	for (size_t k = 0; k < m->n_touched; k++) {
		uint32_t g = m->touched[k];
		const struct gterm *t = &m->terms[g];

		if (t->profile != pi)
			continue;
		m->scratch[n].c = t->exclude ?
		    -1e9 :
		    t->weight * best_field(p, m->seen[g]);
		m->scratch[n].order = g;
		m->scratch[n].label = t->label;
		n++;
	}
	if (n > mt->terms_cap) {
		const char **v = realloc(mt->terms, n * sizeof(*v));

		if (v == NULL)
			return -ENOMEM;
		mt->terms = v;
		mt->terms_cap = n;
	}
	sort_scored(m->scratch, n);
	for (size_t k = 0; k < n; k++)
		mt->terms[k] = m->scratch[k].label;
	mt->n_terms = n;
	return 0;
}

/* The statement of the fullest field that has one, copied straight from the
 * text into each match (statement_locate allocates nothing). */
static int
find_statement(const char *const fields[3], struct match_set *out)
{
	struct statement_span sp;
	const char *s = NULL;

	for (int f = PROFILE_CONTENT; f >= PROFILE_TITLE && s == NULL; f--)
		if (fields[f] != NULL &&
		    statement_locate(fields[f], strlen(fields[f]), &sp) > 0)
			s = fields[f];
	for (size_t i = 0; s != NULL && i < out->n; i++) {
		out->v[i].statement = strndup(s + sp.quote_off, sp.quote_len);
		out->v[i].speaker = strndup(s + sp.speaker_off, sp.speaker_len);
		out->v[i].statement_quoted = sp.quoted;
		if (out->v[i].statement == NULL || out->v[i].speaker == NULL)
			return -ENOMEM;
	}
	return 0;
}

/* Score every profile; add an entry to out for each (all: every one). */
static int
run(struct matcher *m, const char *const fields[3], struct match_set *out,
    int *matched)
{
	int rc = 0, n = 0;

	match_set_reset(out);
	for (int f = 0; f < PROFILE_FIELDS && rc == 0; f++)
		rc = scan_field(m, fields[f], f);
	if (rc == 0)
		score_profiles(m);
	for (size_t i = 0; i < m->n_profiles && rc == 0; i++) {
		const struct profile *p = profiles_get(m->ps, i);
		const struct pscore *sc = &m->scores[i];
		int ok = !sc->excluded && sc->groups == sc->all &&
		    sc->score >= p->threshold - 1e-9;
		int near = !ok && matched == NULL && m->near > 0 &&
		    !sc->excluded && sc->groups == sc->all &&
		    sc->score >= p->threshold * m->near - 1e-9;

		if (matched != NULL)
			matched[i] = ok;
		if (!ok && !near && matched == NULL)
			continue;
		n += ok;
		rc = push_match(out, p->name, sc->score);
		if (rc == 0) {
			out->v[out->n - 1].near = near;
			rc = explain(m, i, &out->v[out->n - 1]);
		}
	}
	for (size_t k = 0; k < m->n_touched; k++)
		m->seen[m->touched[k]] = 0;
	m->n_touched = 0;
	if (rc == 0 && matched == NULL && n > 0 && m->statements)
		rc = find_statement(fields, out);
	return rc < 0 ? rc : n;
}

int
matcher_run_text(struct matcher *m, const char *const fields[3],
    struct match_set *out)
{
	return run(m, fields, out, NULL);
}

int
matcher_score_text(struct matcher *m, const char *const fields[3],
    struct match_set *out, int *matched)
{
	return run(m, fields, out, matched);
}

int
matcher_run(struct matcher *m, const struct item *it, struct match_set *out)
{
	const char *fields[PROFILE_FIELDS];

	fields[PROFILE_TITLE] = it->title;
	fields[PROFILE_SUMMARY] = it->summary;
	fields[PROFILE_CONTENT] = it->content;
	return run(m, fields, out, NULL);
}

int
matcher_terms_text(struct matcher *m, const char *const fields[3],
    void (*cb)(void *arg, size_t profile, size_t term, unsigned fields),
    void *arg)
{
	int rc = 0;

	for (int f = 0; f < PROFILE_FIELDS && rc == 0; f++)
		rc = scan_field(m, fields[f], f);
	for (size_t k = 0; k < m->n_touched; k++) {
		uint32_t g = m->touched[k];

		if (rc == 0)
			cb(arg, m->terms[g].profile, m->terms[g].term,
			    m->seen[g]);
		m->seen[g] = 0;
	}
	m->n_touched = 0;
	return rc;
}
