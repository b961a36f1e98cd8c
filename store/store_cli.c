/*
 * store_cli.c -- the command line's writes, made while the daemon may be
 * running: `alerts --retry` queues dead deliveries again, `alerts --mark`
 * records a reviewer's verdict on an alert.
 *
 * The only writes that do not go through the daemon's connection.  SQLite
 * is built for a second writer: each call opens a connection that waits
 * for the daemon's write lock (busy timeout) and commits one statement.
 * The daemon's outbox looks at the store again within OUTBOX_IDLE_CHECK_MS
 * and finds requeued rows due.  No flock (the daemon holds it), and no
 * migration: a state file at another schema version is refused, as by the
 * reader.
 */
#include "store/store_cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/errbuf.h"
#include "store/store.h"
#include "store/store_alerts.h"
#include "store/store_impl.h"
#include "store/store_read.h"

static int
cli_open(const char *path, sqlite3 **db, struct errbuf *eb)
{
	int rc = sqlite3_open_v2(path, db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);

	if (rc != SQLITE_OK)
		return store_sqlerr(*db, path, rc,
		    "cannot open (has the daemon run yet?)", eb);
	/* A command's wait: for the write lock here, beside a busy daemon. */
	sqlite3_busy_timeout(*db, STORE_READ_WAIT_MS);
	return store_schema_apply(*db, path, 1, eb);
}

/*
 * The filters mean what they mean for `alerts`; a dead row starts again
 * with no attempts and a fresh give-up clock (created), due now.  Its last
 * status and error stay until the next attempt replaces them.
 */
static const char requeue_sql[] =
    "UPDATE deliveries SET state = 1, attempts = 0, next_attempt = ?6,"
    " created = ?6 WHERE (state = 3 OR (?7 > 0 AND state < 2"
    "  AND next_attempt > ?6 + ?7)) AND (?4 IS NULL OR target = ?4)"
    " AND id IN (SELECT da.delivery_id FROM delivery_alerts da"
    "  JOIN alerts a ON a.id = da.alert_id WHERE a.created >= ?1"
    "  AND (?2 IS NULL OR a.profile = ?2) AND (?3 IS NULL OR a.feed = ?3)"
    "  AND (?5 IS NULL OR a.id = ?5))"
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

	rc = cli_open(path, &db, eb);
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
	store_bind_text(s, 5, flt->id);
	sqlite3_bind_int64(s, 7, flt->stranded_after_ms);
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

/*
 * The alert whose id starts with prefix: 1 with id filled, 0 if none, 2 if
 * more than one.  Ids are lowercase hex, so "prefix <= id < prefix + 'g'"
 * is exactly "starts with prefix", and uses the primary key.
 */
static const char resolve_sql[] =
    "SELECT id FROM alerts WHERE id >= ?1 AND id < ?1 || 'g'"
    " ORDER BY id LIMIT 2";

/* The alert's own fields are copied: a verdict outlives the alert's
 * retention, since the labelled set is the reviewer's work. */
static const char mark_sql[] =
    "INSERT INTO reviews (alert_id, feed, item_key, profile, title,"
    " summary, published, verdict, note, at)"
    " SELECT id, feed, item_key, profile, title, summary, published, ?2,"
    " ?3, ?4 FROM alerts WHERE id = ?1"
    " ON CONFLICT (alert_id) DO UPDATE SET verdict = excluded.verdict,"
    " note = excluded.note, at = excluded.at";

/* One prefix: the alert it names, or why it names none.  0 or -errno. */
static int
resolve(sqlite3 *db, sqlite3_stmt *q, const char *path, const char *prefix,
    char id[STORE_ALERT_ID_SIZE], struct errbuf *eb)
{
	size_t len = strlen(prefix);
	int rc, n = 0;

	if (len == 0 || len >= STORE_ALERT_ID_SIZE ||
	    strspn(prefix, "0123456789abcdef") != len)
		return errbuf_set(eb, -EINVAL,
		    "\"%s\" is not an alert id (hex digits, as `ukeuwatch "
		    "alerts` shows them)",
		    prefix);
	sqlite3_reset(q);
	sqlite3_bind_text(q, 1, prefix, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (n++ == 0)
			snprintf(id, STORE_ALERT_ID_SIZE, "%s",
			    (const char *)sqlite3_column_text(q, 0));
	if (rc != SQLITE_DONE)
		return store_sqlerr(db, path, rc, "finding the alert", eb);
	if (n == 0)
		return errbuf_set(eb, -ENOENT, "no alert with id %s", prefix);
	if (n == 2)
		return errbuf_set(eb, -EEXIST,
		    "more than one alert has an id starting with %s; give more "
		    "of it",
		    prefix);
	return 0;
}

int
store_review_mark(const char *path, char *const *prefixes, size_t n,
    enum store_review verdict, const char *note, int64_t now_ms,
    void (*cb)(void *arg, const char *id), void *arg, struct errbuf *eb)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL, *s = NULL;
	char id[STORE_ALERT_ID_SIZE];
	int rc;

	rc = cli_open(path, &db, eb);
	if (rc == 0 &&
	    ((rc = sqlite3_prepare_v2(db, resolve_sql, -1, &q, NULL)) !=
	            SQLITE_OK ||
	        (rc = sqlite3_prepare_v2(db, mark_sql, -1, &s, NULL)) !=
	            SQLITE_OK))
		rc = store_sqlerr(db, path, rc, "recording the verdict", eb);
	/* Each verdict commits alone: those before a bad id stay recorded. */
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = resolve(db, q, path, prefixes[i], id, eb);
		if (rc < 0)
			break;
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, (int)verdict);
		store_bind_text(s, 3, note);
		sqlite3_bind_int64(s, 4, now_ms);
		rc = sqlite3_step(s);
		rc = rc == SQLITE_DONE ?
		    0 :
		    store_sqlerr(db, path, rc, "recording the verdict", eb);
		if (rc == 0 && cb != NULL)
			cb(arg, id);
	}
	sqlite3_finalize(q);
	sqlite3_finalize(s);
	sqlite3_close_v2(db);
	return rc;
}

int
store_replay_record(const char *path, const struct store_replay *rp,
    struct errbuf *eb)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int rc;

	rc = cli_open(path, &db, eb);
	if (rc == 0 &&
	    (rc = sqlite3_prepare_v2(db,
	         "INSERT OR REPLACE INTO replays (profile, file, at, since,"
	         " items, would_alert, alerted_before, added, dropped,"
	         " backlog) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	         -1, &s, NULL)) != SQLITE_OK)
		rc = store_sqlerr(db, path, rc, "recording the replay", eb);
	if (rc == 0) {
		sqlite3_bind_text(s, 1, rp->profile, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, rp->file, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, rp->at_ms);
		sqlite3_bind_int64(s, 4, rp->since_ms);
		sqlite3_bind_int64(s, 5, rp->items);
		sqlite3_bind_int64(s, 6, rp->would_alert);
		sqlite3_bind_int64(s, 7, rp->alerted_before);
		sqlite3_bind_int64(s, 8, rp->added);
		sqlite3_bind_int64(s, 9, rp->dropped);
		sqlite3_bind_int64(s, 10, rp->backlog);
		rc = sqlite3_step(s);
		rc = rc == SQLITE_DONE ?
		    0 :
		    store_sqlerr(db, path, rc, "recording the replay", eb);
	}
	sqlite3_finalize(s);
	sqlite3_close_v2(db);
	return rc;
}
