/*
 * store_read -- read-only views for `status`, `alerts`, `profile replay`
 * and the review export, through a second, read-only connection
 * (store_reader) that never blocks the daemon.
 */
#ifndef UKEUWATCH_STORE_STORE_READ_H
#define UKEUWATCH_STORE_STORE_READ_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"
#include "store/store.h"
#include "store/store_alerts.h"
#include "store/store_feeds.h"

/*
 * A command may wait this long while the daemon holds the file (a
 * checkpoint on a loaded machine has taken over 2 s, and `alerts` then
 * failed with "database is locked"; store_cli.c waits as long).
 */
#define STORE_READ_WAIT_MS 10000

/*
 * Open path read-only.  It must exist and be at STORE_SCHEMA_VERSION (an
 * older file is upgraded by starting the daemon).  Reads see the last
 * committed state and never block the daemon; every read, the first (at
 * open) included, waits up to wait_ms while the daemon holds the file:
 * STORE_READ_WAIT_MS for a command, less for the daemon's own web pages,
 * whose loop must not stall on itself.  *out is owned by the caller.
 */
int store_reader_open(struct store_reader **out, const char *path, int wait_ms,
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
	int64_t oldest_pending_ms; /* created of the oldest queued or retrying
	                              row; 0: none */
};

int store_read_outbox(struct store_reader *r,
    int (*cb)(void *arg, const struct store_outbox_count *c), void *arg,
    struct errbuf *eb) MUST_CHECK;

/* What a filter asks of an alert's verdict (store_alert_filter.review). */
enum store_review_filter {
	STORE_RF_ANY = 0,
	STORE_RF_RELEVANT,
	STORE_RF_NOISE,
	STORE_RF_UNREVIEWED,
};

/* Filter for store_read_alerts.  Pointers borrowed; NULL/0: any. */
struct store_alert_filter {
	int64_t since_ms; /* created at or after */
	const char *profile;
	const char *feed;
	const char *target; /* has a delivery to this target */
	int failed;         /* has a dead or retrying delivery */
	int near;           /* 0: alerts only; 1: near misses only */
	/* store_requeue_dead: also pending rows due later than now plus
	 * this (stranded by a clock that jumped back); 0: dead rows only */
	int64_t stranded_after_ms;
	const char *id; /* exactly this alert */
	int delivered;  /* has a delivered delivery */
	enum store_review_filter review;
	/* Paging (the web pages): newest first, skip offset, at most limit
	 * (0: all, oldest first, as the CLI lists them). */
	int64_t limit, offset;
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
	const char *message;  /* the message id: its lead alert's id */
};

/*
 * Call cb per matching alert, oldest first (or a page, newest first, when
 * flt->limit is set), with its deliveries (a and dv
 * are borrowed for the call).  A non-zero return from cb stops the walk and
 * is returned.
 */
int store_read_alerts(struct store_reader *r,
    const struct store_alert_filter *flt,
    int (*cb)(void *arg, const struct store_alert *a,
        const struct store_delivery_view *dv, size_t n_dv),
    void *arg, struct errbuf *eb) MUST_CHECK;

/* What a name given to `alerts --feed/--profile/--target` names. */
enum store_name_kind {
	STORE_NAME_FEED,    /* a feed polled or alerted on */
	STORE_NAME_PROFILE, /* the profile of an alert or near miss */
	STORE_NAME_TARGET,  /* the target of a delivery */
};

/*
 * Whether the state file knows name as that kind, at any age: 1 yes, 0 no,
 * or a negative errno.  A feed or target dropped from the config still has
 * its alerts to review.
 */
int store_read_knows(struct store_reader *r, enum store_name_kind kind,
    const char *name, struct errbuf *eb) MUST_CHECK;

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

#endif /* UKEUWATCH_STORE_STORE_READ_H */
