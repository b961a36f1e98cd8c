/*
 * alert.c -- see alert.h.
 *
 * alert_to_json is the one definition of the alert's JSON shape: the
 * generic webhook payload wraps it and the alert log writes it, so a
 * reviewer reading the log sees exactly what a receiver was sent.
 */
#include "alerts/alert.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "alerts/render.h"
#include "lib/clock.h"
#include "lib/item.h"
#include "store/store_alerts.h"

void
alert_init(struct alert *a)
{
	memset(a, 0, sizeof(*a));
	a->published_ms = ALERT_TIME_NONE;
	a->fetched_ms = ALERT_TIME_NONE;
	a->matched_ms = ALERT_TIME_NONE;
}

void
alert_clear(struct alert *a)
{
	size_t i;

	free(a->id);
	free(a->profile);
	for (i = 0; i < a->n_terms; i++)
		free(a->terms[i]);
	free(a->terms);
	free(a->statement);
	free(a->speaker);
	free(a->title);
	free(a->link);
	free(a->summary);
	free(a->feed_name);
	free(a->feed_url);
	alert_init(a);
}

int
alert_set(char **field, const char *value)
{
	char *copy = NULL;

	if (value != NULL) {
		copy = strdup(value);
		if (copy == NULL)
			return -ENOMEM;
	}
	free(*field);
	*field = copy;
	return 0;
}

int
alert_add_term(struct alert *a, const char *term)
{
	char **v;
	char *copy = strdup(term);

	if (copy == NULL)
		return -ENOMEM;
	v = realloc(a->terms, (a->n_terms + 1) * sizeof(*v));
	if (v == NULL) {
		free(copy);
		return -ENOMEM;
	}
	v[a->n_terms++] = copy;
	a->terms = v;
	return 0;
}

int
alert_copy(struct alert *dst, const struct alert *src)
{
	size_t i;
	int rc = 0;

	alert_clear(dst);
	dst->score = src->score;
	dst->published_ms = src->published_ms;
	dst->fetched_ms = src->fetched_ms;
	dst->matched_ms = src->matched_ms;
	rc |= alert_set(&dst->id, src->id);
	rc |= alert_set(&dst->profile, src->profile);
	rc |= alert_set(&dst->statement, src->statement);
	rc |= alert_set(&dst->speaker, src->speaker);
	dst->statement_quoted = src->statement_quoted;
	rc |= alert_set(&dst->title, src->title);
	rc |= alert_set(&dst->link, src->link);
	rc |= alert_set(&dst->summary, src->summary);
	rc |= alert_set(&dst->feed_name, src->feed_name);
	rc |= alert_set(&dst->feed_url, src->feed_url);
	for (i = 0; i < src->n_terms && rc == 0; i++)
		rc = alert_add_term(dst, src->terms[i]);
	if (rc != 0) {
		alert_clear(dst);
		return -ENOMEM;
	}
	return 0;
}

/* A date ahead of the fetch is the publisher's clock, not news from the
 * future: capped at the fetch, so that latencies are never negative. */
static void
cap_future(struct alert *a)
{
	if (a->published_ms != ALERT_TIME_NONE &&
	    a->fetched_ms != ALERT_TIME_NONE && a->published_ms > a->fetched_ms)
		a->published_ms = a->fetched_ms;
}

int
alert_from_match(struct alert *a, const struct item *it, const char *feed,
    const char *feed_url, const struct alert_hit *hit, int64_t fetched_ms,
    int64_t matched_ms)
{
	int64_t t;
	int rc = 0;

	alert_clear(a);
	rc |= alert_set(&a->profile, hit->profile);
	rc |= alert_set(&a->statement, hit->statement);
	rc |= alert_set(&a->speaker, hit->speaker);
	a->statement_quoted = hit->statement_quoted;
	rc |= alert_set(&a->title, it->title);
	rc |= alert_set(&a->link, it->link);
	rc |= alert_set(&a->summary, it->summary ? it->summary : it->content);
	rc |= alert_set(&a->feed_name, feed);
	rc |= alert_set(&a->feed_url, feed_url);
	for (size_t i = 0; i < hit->n_terms && rc == 0; i++)
		rc = alert_add_term(a, hit->terms[i]);
	if (rc != 0) {
		alert_clear(a);
		return -ENOMEM;
	}
	a->score = hit->score;
	/* The item's date as the store keeps it (store_items.c): published,
	 * else updated (an Atom entry with only <updated>), so an alert read
	 * back from its row has the date this one has. */
	t = it->published != ITEM_NO_TIME ? it->published : it->updated;
	a->published_ms = t == ITEM_NO_TIME || t == 0 || t > INT64_MAX / 1000 ||
	        t < INT64_MIN / 1000 ?
	    ALERT_TIME_NONE :
	    t * 1000;
	a->fetched_ms = fetched_ms;
	a->matched_ms = matched_ms;
	cap_future(a);
	return 0;
}

int
alert_from_row(struct alert *a, const struct store_alert *row,
    const char *feed_url)
{
	int rc = 0;

	alert_clear(a);
	rc |= alert_set(&a->id, row->id);
	rc |= alert_set(&a->profile, row->profile);
	rc |= alert_set(&a->statement, row->statement);
	rc |= alert_set(&a->speaker, row->speaker);
	a->statement_quoted = row->statement_quoted;
	rc |= alert_set(&a->title, row->title);
	rc |= alert_set(&a->link, row->link);
	rc |= alert_set(&a->summary, row->summary);
	rc |= alert_set(&a->feed_name, row->feed);
	rc |= alert_set(&a->feed_url, feed_url);
	for (size_t i = 0; i < row->n_terms && rc == 0; i++)
		rc = alert_add_term(a, row->terms[i]);
	if (rc != 0) {
		alert_clear(a);
		return -ENOMEM;
	}
	a->score = row->score;
	/* The row keeps an undated item's published as 0 (alerts.published
	 * is NOT NULL); the other times are always set. */
	a->published_ms = row->published_ms ? row->published_ms :
	                                      ALERT_TIME_NONE;
	a->fetched_ms = row->fetched_ms;
	a->matched_ms = row->matched_ms;
	cap_future(a);
	return 0;
}

void
alert_to_store_in(const struct alert *a, int64_t item_id,
    struct store_alert_in *in)
{
	/* The cast only adds const: the store reads the terms. */
	*in = (struct store_alert_in){ .item_id = item_id,
		.profile = a->profile,
		.score = a->score,
		.terms = (const char *const *)a->terms,
		.n_terms = a->n_terms,
		.statement = a->statement,
		.speaker = a->speaker,
		.statement_quoted = a->statement_quoted,
		.summary = a->summary,
		.matched_ms = a->matched_ms };
}

/* A JSON string made valid UTF-8, clipped; JSON null for NULL. */
static json_t *
jstr(const char *s, size_t max_units)
{
	char *clean;
	json_t *j;

	if (s == NULL)
		return json_null();
	if (render_strdup(&clean, s, max_units, NULL) < 0)
		return NULL;
	j = json_string(clean);
	free(clean);
	return j;
}

static json_t *
jtime(int64_t ms)
{
	char tbuf[CLOCK_TEXT_LEN];

	if (clock_format_ms(ms, tbuf) == NULL)
		return json_null();
	return json_string(tbuf);
}

/* Milliseconds from a to b, or null when either is unknown. */
static json_t *
jdelta(int64_t a, int64_t b)
{
	if (a == ALERT_TIME_NONE || b == ALERT_TIME_NONE)
		return json_null();
	return json_integer((json_int_t)(b - a));
}

static json_t *
terms_json(const struct alert *a)
{
	json_t *arr = json_array();
	size_t i;

	if (arr == NULL)
		return NULL;
	for (i = 0; i < a->n_terms; i++) {
		if (json_array_append_new(arr, jstr(a->terms[i], 200)) < 0) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static json_t *
latency_json(const struct alert *a)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o}", "published",
	    jtime(a->published_ms), "fetched", jtime(a->fetched_ms), "matched",
	    jtime(a->matched_ms), "published_to_matched_ms",
	    jdelta(a->published_ms, a->matched_ms), "fetched_to_matched_ms",
	    jdelta(a->fetched_ms, a->matched_ms));
}

static json_t *
profiles_json(const struct alert_msg *m)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr != NULL && i < m->n; i++) {
		const struct alert *a = &m->v[i];

		if (json_array_append_new(arr,
		        json_pack("{s:o, s:o, s:f, s:o}", "name",
		            jstr(a->profile != NULL ? a->profile : "", 200),
		            "alert_id", jstr(a->id != NULL ? a->id : "", 200),
		            "score", a->score, "terms", terms_json(a))) < 0) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

void
alert_msg_init(struct alert_msg *m)
{
	m->v = NULL;
	m->n = 0;
}

void
alert_msg_clear(struct alert_msg *m)
{
	for (size_t i = 0; i < m->n; i++)
		alert_clear(&m->v[i]);
	free(m->v);
	alert_msg_init(m);
}

int
alert_msg_take(struct alert_msg *m, struct alert *a)
{
	struct alert *v = realloc(m->v, (m->n + 1) * sizeof(*v));

	if (v == NULL)
		return -ENOMEM;
	m->v = v;
	v[m->n++] = *a;
	alert_init(a);
	return 0;
}

const char *
alert_msg_id(const struct alert_msg *m)
{
	return m->n > 0 && m->v[0].id != NULL ? m->v[0].id : "";
}

int
alert_statement_is_quote(const struct alert *a)
{
	return a->statement != NULL && a->statement[0] != '\0' &&
	    a->statement_quoted;
}

json_t *
alert_msg_to_json(const struct alert_msg *m)
{
	const struct alert *a;

	if (m->n == 0)
		return NULL;
	a = &m->v[0];
	/* "o" steals each reference even when json_pack fails, and a NULL
	 * value (ENOMEM) makes json_pack fail, so nothing leaks either way. */
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:{s:o, s:o}, s:o, s:o, "
	                 "s:b, s:o, s:o, s:o}",
	    "id", jstr(alert_msg_id(m), 200), "title", jstr(a->title, 1000),
	    "link", jstr(a->link, 4000), "summary",
	    jstr(a->summary, ALERT_JSON_SUMMARY_MAX), "published",
	    jtime(a->published_ms), "feed", "name", jstr(a->feed_name, 200),
	    "url", jstr(a->feed_url, 4000), "statement",
	    jstr(a->statement, 2000), "speaker", jstr(a->speaker, 200),
	    "statement_quoted", alert_statement_is_quote(a), "profiles",
	    profiles_json(m), "detected_at", jtime(a->matched_ms), "latency",
	    latency_json(a));
}

json_t *
alert_msg_event(const struct alert_msg *m)
{
	const struct alert *a = m->n > 0 ? &m->v[0] : NULL;

	if (a == NULL)
		return NULL;
	/* The timestamp is the detected-at, not the attempt's time, so every
	 * retry of one message carries the same body. */
	return json_pack("{s:s, s:o, s:o}", "type", "alert.matched",
	    "timestamp", jtime(a->matched_ms), "data", alert_msg_to_json(m));
}

json_t *
alert_to_json(const struct alert *a)
{
	/* A message of one that borrows a: nothing of it is freed here. */
	struct alert_msg m = { (struct alert *)a, 1 };

	return alert_msg_to_json(&m);
}
