/*
 * store_requeue.c -- `ukeuwatch alerts --retry`: dead deliveries queued
 * again, from the command line, while the daemon may be running.
 *
 * The one write that does not go through the daemon's connection.  SQLite
 * is built for a second writer: this connection waits for the daemon's
 * write lock (busy timeout) and commits one UPDATE; the daemon's outbox
 * looks at the store again within OUTBOX_IDLE_CHECK_MS and finds them due.
 * No flock (the daemon holds it), and no migration: a state file at another
 * schema version is refused, as by the reader.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "daemon/errbuf.h"
#include "daemon/store.h"
#include "daemon/store_impl.h"

/* Longer than a reader's wait: this one must get the write lock. */
#define REQUEUE_BUSY_TIMEOUT_MS 10000

/*
 * The filters mean what they mean for `alerts`; a dead row starts again
 * with no attempts and a fresh give-up clock (created), due now.  Its last
 * status and error stay until the next attempt replaces them.
 */
static const char requeue_sql[] =
    "UPDATE deliveries SET state = 1, attempts = 0, next_attempt = ?6,"
    " created = ?6 WHERE state = 3 AND (?4 IS NULL OR target = ?4)"
    " AND alert_id IN (SELECT a.id FROM alerts a WHERE a.created >= ?1"
    "  AND (?2 IS NULL OR a.profile = ?2) AND (?3 IS NULL OR a.feed = ?3))"
    " RETURNING alert_id, target";

int64_t
store_requeue_dead(const char *path, const struct store_alert_filter *flt,
    int64_t now_ms,
    void (*cb)(void *arg, const char *alert_id, const char *target), void *arg,
    struct errbuf *eb)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int64_t n = 0;
	int rc;

	rc = sqlite3_open_v2(path, &db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc != SQLITE_OK) {
		rc = store_sqlerr(db, path, rc,
		    "cannot open (has the daemon run yet?)", eb);
		goto out;
	}
	sqlite3_busy_timeout(db, REQUEUE_BUSY_TIMEOUT_MS);
	rc = store_schema_apply(db, path, 1, eb);
	if (rc < 0)
		goto out;
	rc = sqlite3_prepare_v2(db, requeue_sql, -1, &s, NULL);
	if (rc != SQLITE_OK) {
		rc = store_sqlerr(db, path, rc, "queueing deliveries again",
		    eb);
		goto out;
	}
	sqlite3_bind_int64(s, 1, flt->since_ms);
	store_bind_text(s, 2, flt->profile);
	store_bind_text(s, 3, flt->feed);
	store_bind_text(s, 4, flt->target);
	sqlite3_bind_int64(s, 6, now_ms);
	/* One statement, so all of it commits or none: RETURNING rows are
	 * final once the step loop has run to SQLITE_DONE. */
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n++;
		if (cb != NULL)
			cb(arg, (const char *)sqlite3_column_text(s, 0),
			    (const char *)sqlite3_column_text(s, 1));
	}
	if (rc != SQLITE_DONE) {
		rc = store_sqlerr(db, path, rc, "queueing deliveries again",
		    eb);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	sqlite3_close_v2(db);
	return rc < 0 ? rc : n;
}
