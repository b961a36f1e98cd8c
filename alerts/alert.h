/*
 * alert -- the record of one profile matching one item, as delivered.
 *
 * A record (STYLE 3): declared in full, owns its strings, _init/_clear.
 * The daemon fills it when a match is committed; the payload formatters,
 * the mailer and the alert log only read it.  The id is supplied by the
 * daemon and is stable: it is the Standard Webhooks webhook-id and part of
 * the mail Message-ID, so a retry is recognisable as the same alert.
 *
 * Times are milliseconds since the Unix epoch, ALERT_TIME_NONE when unknown
 * (an item without a date).  matched_ms is also the alert's detected-at.
 */
#ifndef UKEUWATCH_ALERTS_ALERT_H
#define UKEUWATCH_ALERTS_ALERT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "lib/errbuf.h"

#define ALERT_TIME_NONE INT64_MIN

/* Longest summary carried in the JSON payload and the alert log, in
 * characters; keeps a generic payload well under Standard Webhooks' ~20 KB. */
#define ALERT_JSON_SUMMARY_MAX 4000

struct alert {
	char *id;      /* owned: stable alert id (the webhook-id) */
	char *profile; /* owned: profile name */
	double score;
	char **terms; /* owned array of owned strings: why it matched */
	size_t n_terms;
	char *statement;      /* owned, or NULL: the quoted statement */
	char *speaker;        /* owned, or NULL: who made it */
	char *title;          /* owned, or NULL: item title (plain text) */
	char *link;           /* owned, or NULL: absolute item URL */
	char *summary;        /* owned, or NULL: item summary (plain text) */
	char *feed_name;      /* owned, or NULL */
	char *feed_url;       /* owned, or NULL */
	int64_t published_ms; /* the item's own date, or ALERT_TIME_NONE */
	int64_t fetched_ms;   /* first fetched, or ALERT_TIME_NONE */
	int64_t matched_ms;   /* matched = detected-at, or ALERT_TIME_NONE */
};

/* An empty alert: every string NULL, every time ALERT_TIME_NONE. */
void alert_init(struct alert *a);

/* Free everything a owns and leave it as after alert_init. */
void alert_clear(struct alert *a);

/*
 * Deep copy of src into dst, which must be initialised (its old contents
 * are cleared).  0 or -ENOMEM (dst is then left empty).
 */
int alert_copy(struct alert *dst, const struct alert *src) MUST_CHECK;

/* Replace *field with a copy of value (NULL allowed).  0 or -ENOMEM. */
int alert_set(char **field, const char *value) MUST_CHECK;

/* Append a copy of term to a->terms.  0 or -ENOMEM. */
int alert_add_term(struct alert *a, const char *term) MUST_CHECK;

/*
 * The alert as a JSON object, the "data" of the generic payload and the
 * body of an alert-log line (schema in README "Alert JSON").  Strings that
 * are not valid UTF-8 have bad bytes replaced by U+FFFD; the summary is cut
 * to ALERT_JSON_SUMMARY_MAX characters with an ellipsis.  Returns a new
 * reference, or NULL on ENOMEM.
 */
json_t *alert_to_json(const struct alert *a);

#endif /* UKEUWATCH_ALERTS_ALERT_H */
