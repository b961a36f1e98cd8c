/*
 * store_prune.c -- forgetting what is old: items that left their feed
 * longer ago than the retention, alerts with nothing pending, old events,
 * in batches so that the loop never stalls on a large prune, and never on
 * a clock that runs behind what is stored (see store.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/errbuf.h"
#include "lib/log.h"
#include "store/store.h"
#include "store/store_impl.h"

/* Run s with the cutoff (and limit); the number of rows it changed. */
static int64_t
prune_step(struct store *st, sqlite3_stmt *s, int64_t cutoff, int64_t limit,
    struct errbuf *eb)
{
	int rc;

	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_int64(s, 1, cutoff);
	if (limit > 0)
		sqlite3_bind_int64(s, 2, limit);
	rc = store_step_done(st, s, "pruning", eb);
	if (rc < 0)
		return rc;
	return sqlite3_changes64(st->db);
}

/* A clock this far behind the newest stored time has moved backwards. */
#define CLOCK_BEHIND_MS 60000

/* The newest time any table holds; 0 when empty. */
static int64_t
newest_time(struct store *st, struct errbuf *eb)
{
	sqlite3_stmt *s = store_stmt(st, STMT_NEWEST_TIME,
	    "SELECT max(ifnull((SELECT max(last_seen) FROM items), 0),"
	    " ifnull((SELECT max(created) FROM alerts), 0),"
	    " ifnull((SELECT max(at) FROM feed_events), 0))",
	    eb);
	int64_t t = 0;
	int rc;

	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		t = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_sqlerr(st->db, st->path, rc, "pruning", eb);
	return t;
}

int64_t
store_prune(struct store *st, int64_t now_ms, int64_t retention_ms,
    int64_t max_rows, struct errbuf *eb)
{
	int64_t cutoff = now_ms - retention_ms, items, n;
	int64_t newest = newest_time(st, eb);

	if (newest < 0)
		return newest;
	if (newest > now_ms + CLOCK_BEHIND_MS)
		return errbuf_set(eb, -ERANGE,
		    "the clock is %lld s behind the newest time stored; not "
		    "pruning until it catches up (a clock that jumped)",
		    (long long)((newest - now_ms) / 1000));

	items = prune_step(st,
	    store_stmt(st, STMT_PRUNE_ITEMS,
	        "DELETE FROM items WHERE id IN (SELECT id FROM items"
	        " WHERE last_seen < ?1 LIMIT ?2)",
	        eb),
	    cutoff, max_rows, eb);
	if (items < 0)
		return items;
	/* An alert still being delivered is kept whatever its age. */
	n = prune_step(st,
	    store_stmt(st, STMT_PRUNE_ALERTS,
	        "DELETE FROM alerts WHERE created < ?1 AND NOT EXISTS"
	        " (SELECT 1 FROM delivery_alerts da"
	        " JOIN deliveries d ON d.id = da.delivery_id"
	        " WHERE da.alert_id = alerts.id AND d.state < 2)",
	        eb),
	    cutoff, 0, eb);
	if (n < 0)
		return n;
	if (n > 0)
		log_notice("state %s: pruned %lld alerts older than the "
		           "retention, with no delivery pending",
		    st->path, (long long)n);
	n = prune_step(st,
	    store_stmt(st, STMT_PRUNE_EVENTS,
	        "DELETE FROM feed_events WHERE at < ?1", eb),
	    cutoff, 0, eb);
	if (n < 0)
		return n;
	return items;
}
