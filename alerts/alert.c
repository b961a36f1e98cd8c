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

json_t *
alert_to_json(const struct alert *a)
{
	/* "o" steals each reference even when json_pack fails, and a NULL
	 * value (ENOMEM) makes json_pack fail, so nothing leaks either way. */
	return json_pack("{s:o, s:o, s:f, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
	                 "s:{s:o, s:o}, s:o, s:o}",
	    "id", jstr(a->id != NULL ? a->id : "", 200), "profile",
	    jstr(a->profile != NULL ? a->profile : "", 200), "score", a->score,
	    "terms", terms_json(a), "statement", jstr(a->statement, 2000),
	    "speaker", jstr(a->speaker, 200), "title", jstr(a->title, 1000),
	    "link", jstr(a->link, 4000), "summary",
	    jstr(a->summary, ALERT_JSON_SUMMARY_MAX), "published",
	    jtime(a->published_ms), "feed", "name", jstr(a->feed_name, 200),
	    "url", jstr(a->feed_url, 4000), "detected_at", jtime(a->matched_ms),
	    "latency", latency_json(a));
}
