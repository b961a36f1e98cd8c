/*
 * alert -- the record of one profile matching one item, as delivered.
 *
 * A record (DEVELOPERS.md, "Handles are opaque, records are not"):
 * declared in full, owns its strings, _init/_clear.  It is filled in two
 * places only: alert_from_match when the pipeline (or test-alert) has a
 * match in hand, and alert_from_row when the outbox or `alerts` reads a
 * stored alert back.  alert_to_store_in is the way back into the store, so
 * the two constructors stay each other's inverse.  The payload formatters,
 * the mailer and the alert log only read it.  The id comes from the store
 * and is stable: the id of a message whose lead it is (struct alert_msg),
 * which is the Standard Webhooks webhook-id and part of the mail
 * Message-ID, so a retry is recognisable as the same message.
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

struct item;
struct store_alert;
struct store_alert_in;

/* Longest summary carried in the JSON payload and the alert log, in
 * characters; keeps a generic payload well under Standard Webhooks' ~20 KB. */
#define ALERT_JSON_SUMMARY_MAX 4000

struct alert {
	char *id;      /* owned: stable alert id (a message's lead: its id) */
	char *profile; /* owned: profile name */
	double score;
	char **terms; /* owned array of owned strings: why it matched */
	size_t n_terms;
	char *statement;      /* owned, or NULL: the quoted statement */
	char *speaker;        /* owned, or NULL: who made it */
	int statement_quoted; /* 1: a direct quote; 0: reported speech, never
	                         shown inside quotation marks */
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
 * What a profile found in an item: the fields of match/match.h's struct
 * match that an alert carries.  alerts/ takes them as plain fields rather
 * than struct match because nothing here needs the matcher: the outbox,
 * the formats and test-alert build alerts without one, and a change to how
 * matching keeps its results (struct match holds buffers the matcher
 * reuses) then stays inside match/ and the pipeline.  Borrowed for the
 * call.
 */
struct alert_hit {
	const char *profile;
	double score;
	const char *const *terms; /* n_terms of them, best first */
	size_t n_terms;
	const char *statement; /* or NULL */
	const char *speaker;   /* or NULL */
	int statement_quoted;  /* statement stood in quotation marks */
};

/*
 * Fill a (initialised; its old contents are cleared) from a match of item
 * it (borrowed) in feed (name and URL, either may be NULL), first fetched
 * at fetched_ms and matched at matched_ms.  The summary is the item's
 * summary, else its content.  The id is left NULL: the store gives it
 * (store_alert_insert on alert_to_store_in), and the caller sets it with
 * alert_set.  0 or -ENOMEM (a is then left empty).
 */
int alert_from_match(struct alert *a, const struct item *it, const char *feed,
    const char *feed_url, const struct alert_hit *hit, int64_t fetched_ms,
    int64_t matched_ms) MUST_CHECK;

/*
 * Fill a (initialised; its old contents are cleared) from a stored alert
 * row (borrowed).  The row does not keep the feed's URL: feed_url is the
 * configured one, or NULL.  An undated item (published 0 in the row) gets
 * ALERT_TIME_NONE.  0 or -ENOMEM (a is then left empty).
 */
int alert_from_row(struct alert *a, const struct store_alert *row,
    const char *feed_url) MUST_CHECK;

/*
 * The store's insert record for a, for item item_id.  in borrows a's
 * strings: a must outlive the store_alert_insert call.
 */
void alert_to_store_in(const struct alert *a, int64_t item_id,
    struct store_alert_in *in);

/*
 * A message: the alerts of one item that one receiver gets, lead first.
 * It is what a target's delivery carries (the alerts of the profiles the
 * target wants), what one alert-log line and one stdout line show (every
 * alert the item raised), and what the payload formats render: one article,
 * one message, listing each matched profile.  Every alert in it is of the
 * same item, so the item's fields (title, link, summary, feed, dates,
 * statement) are read from the lead; profile, score and terms from each.
 * The message id is the lead's id.  A record: owns its alerts.
 */
struct alert_msg {
	struct alert *v; /* owned array of n alerts, lead first */
	size_t n;
};

void alert_msg_init(struct alert_msg *m);
void alert_msg_clear(struct alert_msg *m);

/* Append a, taking what it owns (a is left empty).  0 or -ENOMEM (a is
 * then left as it was). */
int alert_msg_take(struct alert_msg *m, struct alert *a) MUST_CHECK;

/* The message id (the lead's id), or "" for an empty message. */
const char *alert_msg_id(const struct alert_msg *m);

/*
 * Whether the statement is a direct quote, to be shown in quotation marks:
 * match/statement.c flags the words that stood in quotation marks in the
 * item, and the flag travels with the alert (alerts.quoted).  Reported
 * speech never gets quotation marks.  Renderers ask here and nowhere else.
 */
int alert_statement_is_quote(const struct alert *a);

/*
 * The alert object (docs/alert.schema.json, $defs/alert) of message m
 * (n >= 1): the item's fields once, and "profiles", one entry per alert
 * with its name, alert id, score and terms.  Strings that are not valid
 * UTF-8 have bad bytes replaced by U+FFFD; the summary is cut to
 * ALERT_JSON_SUMMARY_MAX characters with an ellipsis.  Returns a new
 * reference, or NULL on ENOMEM.
 */
json_t *alert_msg_to_json(const struct alert_msg *m);

/*
 * The event every producer writes ($defs/event): the generic webhook body,
 * one alert-log line, one line of stdout:
 *   {"type":"alert.matched","timestamp":<detected-at>,"data":<alert>}
 * A new reference, or NULL on ENOMEM.
 */
json_t *alert_msg_event(const struct alert_msg *m);

/*
 * The same for one alert alone (a message of one: `alerts --json`,
 * test-alert).  a is borrowed; NULL on ENOMEM.
 */
json_t *alert_to_json(const struct alert *a);

#endif /* UKEUWATCH_ALERTS_ALERT_H */
