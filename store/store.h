/*
 * store -- the state file: the one SQLite connection of the daemon.
 *
 * The store owns everything the daemon must remember across restarts: feeds
 * (validators, poll outcomes, streaks, next poll), items (what was seen, so
 * that every new item alerts exactly once), alerts, and the outbox of
 * deliveries.  It is the only module that talks to SQLite.
 *
 * One fetched document goes through the store as one transaction:
 *
 *   store_doc_begin        BEGIN IMMEDIATE; is this the feed's first poll?
 *   store_doc_item         per parsed item: NEW/SEEN/EDITED/CHURN/BACKLOG,
 *                          recorded at once; .alert says whether to match it
 *   store_alert_insert     per (alerting item, profile over its threshold)
 *   store_outbox_insert    per target that wants that alert
 *   store_doc_commit       GUID-rewrite check, feed row, COMMIT
 *   (store_doc_abort       ROLLBACK on any failure: nothing was written)
 *
 * A crash before the commit leaves none of it, after it all of it.  A poll
 * that produced no document (network error, 304, HTTP error) is recorded with
 * store_feed_update alone.  Read-only views for `ukeuwatch status` and
 * `ukeuwatch alerts` use a second, read-only connection (store_reader) that
 * never blocks the daemon.
 *
 * Times are milliseconds since the Unix epoch (int64_t), except struct
 * item's published/updated, which are Unix seconds as the parser gives them.
 * Functions return 0 (or a documented count) on success and a negative errno
 * on failure, with a message in the caller's errbuf where one is taken.
 * The store is single-threaded: call it from the loop thread only.
 */
#ifndef UKEUWATCH_STORE_STORE_H
#define UKEUWATCH_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"

struct item;

struct store;        /* opaque: the read-write connection */
struct store_doc;    /* opaque: one document's transaction */
struct store_reader; /* opaque: a read-only connection for the CLI */

#define STORE_SCHEMA_VERSION 6
#define STORE_ALERT_ID_SIZE  33  /* 32 hex digits and the NUL */
#define STORE_TARGET_MAX     128 /* bytes in a target name, with the NUL */
/* Item text kept for `profile replay` (items.summary), in bytes, cut at a
 * UTF-8 character boundary: enough for a lead, bounded per item. */
#define STORE_ITEM_SUMMARY_MAX 2000
/* An alert's summary: alert_to_json shows at most 4,000 characters, which
 * are at most 16,000 bytes of UTF-8. */
#define STORE_ALERT_SUMMARY_MAX 16000

/* ---- connection ------------------------------------------------------- */

/*
 * Open (or create) the state file at path, take an exclusive lock on it so
 * that a second daemon cannot share it, apply the pragmas and bring the
 * schema up to STORE_SCHEMA_VERSION by its numbered migrations.  A file
 * with a newer schema, a file that is not a database or is damaged, and a
 * file that cannot be opened are refused with a message naming path; the
 * file is never replaced.  path is copied.  On success *out is owned by the
 * caller (store_free).
 */
int store_open(struct store **out, const char *path,
    struct errbuf *eb) MUST_CHECK;

/* Roll back an open transaction, finalise statements, close.  NULL is ok. */
void store_free(struct store *st);

/* The path given to store_open (owned by st). */
const char *store_path(const struct store *st);

/*
 * An explicit transaction, for callers that group writes other than a
 * document (the doc API begins and commits its own).  Nesting is -EBUSY.
 */
int store_txn_begin(struct store *st, struct errbuf *eb) MUST_CHECK;
int store_txn_commit(struct store *st, struct errbuf *eb) MUST_CHECK;
void store_txn_rollback(struct store *st);

/* ---- feeds ------------------------------------------------------------ */

/* A feed row.  A record: owns its strings (store_feed_init/clear). */
struct store_feed {
	char *name;           /* owned */
	char *url;            /* owned, or NULL before store_feed_ensure */
	char *etag;           /* owned: exactly as received, or NULL */
	char *last_modified;  /* owned: exactly as received, or NULL */
	int64_t last_poll_ms; /* 0: never polled */
	int64_t last_ok_ms;   /* last poll without an error; 0: never */
	int http_status;      /* of the last poll; 0: none */
	char *error_class;    /* owned: of the last poll, or NULL if it
	                         succeeded */
	char *error;          /* owned: its message, or NULL */
	int64_t bytes;        /* body bytes of the last poll */
	int64_t duration_ms;
	unsigned items;           /* items in the last document */
	unsigned new_items;       /* of which new */
	unsigned error_streak;    /* consecutive failed polls */
	unsigned redirect_streak; /* consecutive permanent redirects to
	                             redirect_url */
	char *redirect_url;       /* owned, or NULL */
	int64_t next_poll_ms;     /* 0: not set */
	int64_t items_stored;     /* item rows held (status only) */
	int64_t items_24h; /* new items first seen in the 24 hours up to the
	                      last poll (status only) */
	unsigned rewrites; /* GUID-rewrite events recorded */
	int64_t last_rewrite_ms; /* 0: none */
	int64_t ttl_s; /* the last document's ttl / sy:* hint (s); 0: none */
	/* The feed's rhythm (store_read_feeds only, else 0): when a poll
	 * last brought new items, and the median gap between such polls over
	 * the 30 days up to that one (0 with fewer than 5 of them). */
	int64_t last_new_ms;
	int64_t usual_gap_ms;
};

void store_feed_init(struct store_feed *f);
void store_feed_clear(struct store_feed *f);

/*
 * Make sure feed name exists and has this url.  Call for every configured
 * feed at start and reload.  A changed URL keeps the feed's items and
 * alerts, but forgets what belonged to the old URL: its validators (ETag,
 * Last-Modified), redirect streak and target, last HTTP status and error,
 * error streak and next poll, so that the new URL is fetched at once and
 * unconditionally, and a 410 from the old one does not stop it.
 */
int store_feed_ensure(struct store *st, const char *name, const char *url,
    struct errbuf *eb) MUST_CHECK;

/*
 * Fill *out (initialised or cleared by the caller before; the caller clears
 * it after) with feed name's row: validators, streaks, next poll.  Returns 0,
 * -ENOENT if the feed has no row, or another negative errno.
 */
int store_feed_get(struct store *st, const char *name, struct store_feed *out,
    struct errbuf *eb) MUST_CHECK;

/*
 * The same without the counts that only `status` shows (items_stored,
 * items_24h, rewrites, last_rewrite_ms are 0): what the poller reads
 * before every poll, kept cheap.
 */
int store_feed_poll_state(struct store *st, const char *name,
    struct store_feed *out, struct errbuf *eb) MUST_CHECK;

/* The outcome of one poll.  All pointers are borrowed for the call. */
struct store_poll {
	int64_t at_ms;           /* when the poll started */
	int http_status;         /* 0: no HTTP response */
	const char *error_class; /* NULL: the poll succeeded; else a short
	                            class such as "timeout", "http", "parse" */
	const char *error;       /* message for error_class, or NULL */
	int64_t bytes;
	int64_t duration_ms;
	unsigned items;     /* ignored by store_doc_commit, which */
	unsigned new_items; /* counts the document's items itself */
	int set_validators; /* 1: store etag and last_modified as given
	                       (NULL clears); 0: keep the stored ones */
	const char *etag;
	const char *last_modified;
	const char *redirect_url; /* target of a permanent redirect, or NULL */
	int64_t next_poll_ms;
	int64_t ttl_s; /* with set_validators: the document's ttl hint (s) */
};

/*
 * Record a poll's outcome on feed name (created if absent): a success
 * resets the error streak, a failure (error_class set) increments it; a
 * permanent redirect to the same URL as last time increments the redirect
 * streak, to another URL restarts it at 1, none resets it.  Use this alone
 * for a poll that produced no document; inside a doc, store_doc_commit calls
 * it.  Autocommits unless a transaction is open.
 */
int store_feed_update(struct store *st, const char *name,
    const struct store_poll *p, struct errbuf *eb) MUST_CHECK;

/* ---- one document ----------------------------------------------------- */

struct store_doc_opts {
	int64_t now_ms;        /* the fetch time: first/last seen, fetched */
	int64_t backlog_ms;    /* first poll: older items do not alert */
	int realert_on_update; /* an edited item alerts again */
};

enum store_item_state {
	STORE_ITEM_NEW,     /* key never seen for this feed: alerts */
	STORE_ITEM_SEEN,    /* key seen, content unchanged */
	STORE_ITEM_EDITED,  /* key seen, content hash changed */
	STORE_ITEM_CHURN,   /* new key, but the same normalised link and title
	                       as a stored item: a GUID change, not new */
	STORE_ITEM_BACKLOG, /* first poll, older than backlog or undated:
	                       recorded as seen without alerting */
};

struct store_verdict {
	enum store_item_state state;
	int alert;       /* 1: match this item and alert on it */
	int64_t item_id; /* its row, for store_alert_insert */
};

/*
 * Begin the transaction for one document of feed name (created if absent).
 * The feed is on its first poll when it holds no items.  opts is copied.
 * On success *out is owned by the caller until store_doc_commit or
 * store_doc_abort, which free it.  One document at a time per store.
 */
int store_doc_begin(struct store *st, const char *name,
    const struct store_doc_opts *opts, struct store_doc **out,
    struct errbuf *eb) MUST_CHECK;

/*
 * Decide what it is and record it (insert, edit, or refresh last seen).
 * it is borrowed for the call.  A key repeated within the document is SEEN
 * the second time.  The item's summary (its content when it has none) is
 * kept, cut to STORE_ITEM_SUMMARY_MAX bytes, for `profile replay`.
 */
int store_doc_item(struct store_doc *d, const struct item *it,
    struct store_verdict *v, struct errbuf *eb) MUST_CHECK;

/* What a document did; filled by store_doc_commit. */
struct store_doc_summary {
	unsigned items, new_items, seen, edited, churned, backlog;
	int first_poll;   /* the feed had no history */
	int guid_rewrite; /* most items churned: one event was recorded */
};

/*
 * If most of the document's items were GUID churn, record one rewrite
 * event (shown by `status`; logged once here at notice).  Then update the
 * feed row with p (items and new_items come from the document) and commit.
 * d is freed whatever the result; on failure everything is rolled back.
 * sum may be NULL.
 */
int store_doc_commit(struct store_doc *d, const struct store_poll *p,
    struct store_doc_summary *sum, struct errbuf *eb) MUST_CHECK;

/* Roll back everything since store_doc_begin and free d.  NULL is ok. */
void store_doc_abort(struct store_doc *d);

/*
 * Delete items not seen for retention_ms (they left their feed), then
 * alerts older than that with no delivery still pending, and old events;
 * at most max_rows items per call so that a large prune does not stall the
 * loop.  Returns the number of items deleted (call again while it equals
 * max_rows), or a negative errno.  Nothing is deleted, and -ERANGE
 * returned with eb saying why, when now_ms is more than a minute behind
 * the newest time stored: the clock moved backwards, or an earlier run's
 * clock was ahead, and a cutoff from either is not to be trusted.
 * Deleted alerts are logged (they are what `alerts` shows).
 */
int64_t store_prune(struct store *st, int64_t now_ms, int64_t retention_ms,
    int64_t max_rows, struct errbuf *eb) MUST_CHECK;

/* ---- alerts and the outbox -------------------------------------------- */

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
};

/*
 * Insert the alert for (item, profile) and write its id to id_out.  The id
 * is a hash of the feed name, item key, profile and content hash, so the
 * same alert always gets the same id (it is the webhook-id), and an edit
 * that alerts again gets a new one.  Returns 1 if inserted, 0 if that alert
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

/*
 * Queue alert_id for target (a config target name, < STORE_TARGET_MAX
 * bytes), due at now_ms.  Returns 1 if queued, 0 if already queued for
 * that target, or a negative errno.
 */
int store_outbox_insert(struct store *st, const char *alert_id,
    const char *target, int64_t now_ms, struct errbuf *eb) MUST_CHECK;

/* A claimed delivery.  Plain data: copy it by value. */
struct store_outbox_row {
	int64_t id;
	char alert_id[STORE_ALERT_ID_SIZE];
	char target_id[STORE_TARGET_MAX]; /* the target's name */
	unsigned attempts;  /* earlier claims, not counting this one */
	int64_t created_ms; /* when it was queued */
};

/*
 * Claim the earliest due row (queued or retrying, next attempt <= now_ms):
 * its next attempt moves to now_ms + lease_ms and its attempts count grows,
 * so it is not claimed again while in flight, and comes due again by itself
 * if the sender dies.  Returns 1 with *row filled, 0 if nothing is due, or
 * a negative errno.
 */
int store_outbox_claim(struct store *st, int64_t now_ms, int64_t lease_ms,
    struct store_outbox_row *row) MUST_CHECK;

/*
 * The same, skipping the targets named in busy_json (borrowed), a JSON
 * array of strings, or NULL for none: targets with as many deliveries in
 * flight as they allow.
 */
int store_outbox_claim_except(struct store *st, int64_t now_ms,
    int64_t lease_ms, const char *busy_json,
    struct store_outbox_row *row) MUST_CHECK;

/*
 * Outcomes of a claimed row.  A delivered or dead row never changes again
 * (a late outcome for it is ignored).  error is borrowed.  Return 0 or a
 * negative errno.
 */
int store_outbox_delivered(struct store *st, int64_t id, int64_t now_ms,
    int http_status) MUST_CHECK;
int store_outbox_retry(struct store *st, int64_t id, int64_t at_ms,
    int http_status, const char *error) MUST_CHECK;
int store_outbox_dead(struct store *st, int64_t id, int64_t now_ms,
    int http_status, const char *error) MUST_CHECK;

/*
 * Hand a claimed row back unsent, due again at at_ms: the claim does not
 * count as an attempt.  For a target that asked us to wait (a rate limit):
 * the row waits in the store, not in memory past its lease.
 */
int store_outbox_defer(struct store *st, int64_t id, int64_t at_ms) MUST_CHECK;

/* Earliest next attempt of a pending row: 1 with *due_ms, 0 if none. */
int store_outbox_next_due(struct store *st, int64_t *due_ms) MUST_CHECK;

/* The same, skipping the targets named in busy_json (as for the claim). */
int store_outbox_next_due_except(struct store *st, const char *busy_json,
    int64_t *due_ms) MUST_CHECK;

/*
 * Move every pending row due after latest_ms to latest_ms: no delay the
 * outbox sets is longer than retry-max, so a later one was computed on a
 * clock that has since jumped back.  Returns how many rows moved, or a
 * negative errno.
 */
int64_t store_outbox_clamp(struct store *st, int64_t latest_ms) MUST_CHECK;

/* ---- read-only views (CLI) -------------------------------------------- */

/*
 * Open path read-only.  It must exist and be at STORE_SCHEMA_VERSION (an
 * older file is upgraded by starting the daemon).  Reads see the last
 * committed state and never block the daemon.  *out is owned by the caller.
 */
int store_reader_open(struct store_reader **out, const char *path,
    struct errbuf *eb) MUST_CHECK;
void store_reader_free(struct store_reader *r);

/*
 * Call cb once per feed, failing feeds (error streak > 0) first, then by
 * name.  f is borrowed for the call.  A non-zero return from cb stops the
 * walk and is returned.
 */
int store_read_feeds(struct store_reader *r,
    int (*cb)(void *arg, const struct store_feed *f), void *arg,
    struct errbuf *eb) MUST_CHECK;

/* Outbox counts for one target; target is borrowed for the call. */
struct store_outbox_count {
	const char *target;
	int64_t queued, retrying, delivered, dead;
};

int store_read_outbox(struct store_reader *r,
    int (*cb)(void *arg, const struct store_outbox_count *c), void *arg,
    struct errbuf *eb) MUST_CHECK;

/* Filter for store_read_alerts.  Pointers borrowed; NULL/0: any. */
struct store_alert_filter {
	int64_t since_ms; /* created at or after */
	const char *profile;
	const char *feed;
	const char *target; /* has a delivery to this target */
	int failed;         /* has a dead or retrying delivery */
	/* store_requeue_dead: also pending rows due later than now plus
	 * this (stranded by a clock that jumped back); 0: dead rows only */
	int64_t stranded_after_ms;
};

/* One delivery of an alert, as shown by `alerts`.  Borrowed by cb. */
struct store_delivery_view {
	const char *target;
	enum store_delivery_state state;
	unsigned attempts;
	int http_status;
	const char *last_error; /* or NULL */
	int64_t next_attempt_ms;
	int64_t delivered_ms; /* 0: not delivered */
};

/*
 * Call cb per matching alert, oldest first, with its deliveries (a and dv
 * are borrowed for the call).  A non-zero return from cb stops the walk and
 * is returned.
 */
int store_read_alerts(struct store_reader *r,
    const struct store_alert_filter *flt,
    int (*cb)(void *arg, const struct store_alert *a,
        const struct store_delivery_view *dv, size_t n_dv),
    void *arg, struct errbuf *eb) MUST_CHECK;

/*
 * `alerts --retry`: queue every dead delivery (and, with
 * flt->stranded_after_ms, every stranded one) of the alerts flt selects
 * (flt->failed is ignored; flt->target limits it to one target) again, due
 * at now_ms, with no attempts and a fresh give-up clock.  Opens path for
 * writing alongside a running daemon.  cb (may be NULL) sees each row
 * queued.  Returns how many, or a negative
 * errno.
 */
int64_t store_requeue_dead(const char *path,
    const struct store_alert_filter *flt, int64_t now_ms,
    void (*cb)(void *arg, const char *alert_id, const char *target), void *arg,
    struct errbuf *eb) MUST_CHECK;

/*
 * `alerts --mark`: record verdict (and note, may be NULL) on each alert
 * whose id starts with one of the n prefixes, replacing an earlier
 * verdict; cb (may be NULL) sees each alert's whole id once its verdict is
 * committed.  Opens path for writing alongside a running daemon, once.
 * Returns 0 or the first error, after which no later prefix is tried:
 * -EINVAL (not an id), -ENOENT (no such alert), -EEXIST (prefix ambiguous)
 * or another negative errno.
 */
int store_review_mark(const char *path, char *const *prefixes, size_t n,
    enum store_review verdict, const char *note, int64_t now_ms,
    void (*cb)(void *arg, const char *id), void *arg,
    struct errbuf *eb) MUST_CHECK;

/* One verdict, as the reviewer saw the alert.  Borrowed for the call. */
struct store_review_row {
	const char *feed, *item_key, *profile;
	const char *title, *summary, *note; /* each may be NULL */
	int64_t published_ms;               /* 0: undated */
	enum store_review verdict;
};

/* Every verdict, grouped by item (feed, then item key), then by profile. */
int store_read_reviews(struct store_reader *r,
    int (*cb)(void *arg, const struct store_review_row *row), void *arg,
    struct errbuf *eb) MUST_CHECK;

/* One stored item, as `profile replay` sees it.  Borrowed by cb. */
struct store_item_view {
	const char *feed;
	const char *key;
	const char *title;    /* or NULL */
	const char *link;     /* or NULL */
	const char *summary;  /* or NULL: as kept by store_doc_item */
	int64_t published_ms; /* 0: undated */
	int64_t first_seen_ms;
	int backlog; /* recorded as backlog on a first poll: could not alert */
	const char *const *alerted; /* profiles that alerted on it, sorted */
	size_t n_alerted;
};

/*
 * Call cb per stored item first seen at or after since_ms, oldest first,
 * with the profiles that alerted on it.  Items recorded as GUID churn are
 * skipped: they repeat an item already walked.  One snapshot; a non-zero
 * return from cb stops the walk and is returned.
 */
int store_read_items(struct store_reader *r, int64_t since_ms,
    int (*cb)(void *arg, const struct store_item_view *it), void *arg,
    struct errbuf *eb) MUST_CHECK;

const char *store_item_state_name(enum store_item_state s);
const char *store_delivery_state_name(enum store_delivery_state s);

#endif /* UKEUWATCH_STORE_STORE_H */
