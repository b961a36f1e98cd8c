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
 *   store_outbox_insert    one message per (item, target): the item's alerts
 *                          that target wants
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

#define STORE_SCHEMA_VERSION 11
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

/*
 * Whether a process (a daemon, `poll`) holds store_open's lock on the state
 * file at path: 1 yes, 0 no (also when there is no file yet), or a negative
 * errno.  It takes and drops a shared lock of its own for an instant, and
 * opens and closes a descriptor of the file, which drops this process's
 * fcntl() locks on it: call it before opening a store_reader on path, never
 * while one is open.
 */
int store_locked(const char *path) MUST_CHECK;

/* The path given to store_open (owned by st). */
const char *store_path(const struct store *st);

/*
 * An explicit transaction, for callers that group writes other than a
 * document (the doc API begins and commits its own).  Nesting is -EBUSY.
 */
int store_txn_begin(struct store *st, struct errbuf *eb) MUST_CHECK;
int store_txn_commit(struct store *st, struct errbuf *eb) MUST_CHECK;
void store_txn_rollback(struct store *st);

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

#endif /* UKEUWATCH_STORE_STORE_H */
