/*
 * store_alerts -- alert rows: one per (item, profile) over its threshold,
 * written inside a document's transaction; the same-story lookups; the
 * reviewers' verdicts hang on them.
 */
#ifndef UKEUWATCH_STORE_STORE_ALERTS_H
#define UKEUWATCH_STORE_STORE_ALERTS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"
#include "store/store.h"

/*
 * An alert to insert.  Pointers are borrowed for the call.  The terms are
 * kept as a JSON array in the alerts.terms column; only store_alerts.c
 * writes or reads that text.
 */
struct store_alert_in {
	int64_t item_id; /* from store_verdict */
	const char *profile;
	double score;
	const char *const *terms; /* why it matched, best first; n_terms */
	size_t n_terms;
	const char *statement; /* or NULL */
	const char *speaker;   /* or NULL */
	const char *summary;   /* the item's summary (plain text), or NULL;
	                          stored cut to STORE_ALERT_SUMMARY_MAX bytes */
	int64_t matched_ms;
	int near; /* a near miss: recorded for review, never delivered */
	int statement_quoted; /* the statement stood in quotation marks */
};

/*
 * Insert the alert for (item, profile) and write its id to id_out.  The id
 * is a hash of the feed name, item key, profile and content hash, so the
 * same alert always gets the same id (it is the webhook-id), and an edit
 * that alerts again gets a new one.  A near miss (in->near) gets an id of
 * its own, never an alert's.  Returns 1 if inserted, 0 if that alert
 * already existed (nothing changed), or a negative errno.
 */
int store_alert_insert(struct store *st, const struct store_alert_in *in,
    char id_out[STORE_ALERT_ID_SIZE], struct errbuf *eb) MUST_CHECK;

/*
 * The same story already alerted from another feed: the earliest alert of
 * profile created at or after since_ms on an item of another feed with the
 * identity of item_id (normalised link and title, as for GUID churn).  An
 * official statement carried by two organisations' feeds, or a wire story
 * by two outlets' feeds with the same link, is one story.  Returns 1 with
 * twin filled, 0 if there is none (or item_id has no link), or a negative
 * errno.
 */
int store_alert_twin(struct store *st, int64_t item_id, const char *profile,
    int64_t since_ms, char twin[STORE_ALERT_ID_SIZE],
    struct errbuf *eb) MUST_CHECK;

/*
 * Record that item_id carries the story of alert_id (`alerts` lists such
 * feeds as "also in").  Returns 1 if recorded, 0 if it already was, or a
 * negative errno.
 */
int store_alert_sighting(struct store *st, const char *alert_id,
    int64_t item_id, int64_t now_ms, struct errbuf *eb) MUST_CHECK;

/* An alert row.  A record: owns its strings (store_alert_init/clear). */
struct store_alert {
	char id[STORE_ALERT_ID_SIZE];
	char *feed;     /* owned */
	char *item_key; /* owned */
	char *title;    /* owned, or NULL */
	char *link;     /* owned, or NULL */
	char *profile;  /* owned */
	double score;
	char **terms; /* owned array of owned strings, as inserted */
	size_t n_terms;
	char *statement;      /* owned, or NULL */
	char *speaker;        /* owned, or NULL */
	char *summary;        /* owned, or NULL: the item's summary */
	int64_t published_ms; /* 0: undated */
	int64_t fetched_ms;
	int64_t matched_ms;
	int64_t created_ms;
	int review;        /* enum store_review (store_read_alerts only) */
	char *review_note; /* owned, or NULL */
	char *also_in;     /* owned, or NULL: other feeds that carried the same
	                      story, comma-separated (store_read_alerts only) */
	int near;          /* a near miss, not an alert */
	int statement_quoted; /* the statement stood in quotation marks; 0 for
	                         reported speech (and rows from before 9) */
};

/* A reviewer's verdict on an alert: did the analyst want it? */
enum store_review {
	STORE_REVIEW_NONE = 0,
	STORE_REVIEW_RELEVANT = 1,
	STORE_REVIEW_NOISE = 2,
};

void store_alert_init(struct store_alert *a);
void store_alert_clear(struct store_alert *a);

/* Fill *out (initialised by the caller) with alert id.  0 or -ENOENT. */
int store_alert_get(struct store *st, const char *id, struct store_alert *out,
    struct errbuf *eb) MUST_CHECK;

enum store_delivery_state {
	STORE_DELIVERY_QUEUED,
	STORE_DELIVERY_RETRYING,
	STORE_DELIVERY_DELIVERED,
	STORE_DELIVERY_DEAD,
};

/* "queued", "retrying", "delivered", "dead". */
const char *store_delivery_state_name(enum store_delivery_state s);

#endif /* UKEUWATCH_STORE_STORE_ALERTS_H */
