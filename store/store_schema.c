/*
 * store_schema.c -- the schema, as numbered migrations.
 *
 * PRAGMA user_version is the number of migrations applied.  At open, every
 * missing one is applied in order, each in its own transaction together
 * with its new version number, so an interrupted upgrade resumes where it
 * stopped.  A file from a newer ukeuwatch is refused rather than guessed
 * at, and a file that is not a database, or is damaged, is never replaced:
 * it stops start-up with its path, so that the operator decides.
 *
 * Migrations are append-only: a released one never changes.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>

#include <sqlite3.h>

#include "lib/errbuf.h"
#include "store/store_impl.h"

/* Version 1: feeds, items, alerts and the deliveries outbox. */
static const char migration_1[] =
    "CREATE TABLE feeds ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE,"
    " url TEXT,"
    " etag TEXT,"
    " last_modified TEXT,"
    " last_poll INTEGER NOT NULL DEFAULT 0,"
    " last_ok INTEGER NOT NULL DEFAULT 0,"
    " http_status INTEGER NOT NULL DEFAULT 0,"
    " error_class TEXT,"
    " error TEXT,"
    " bytes INTEGER NOT NULL DEFAULT 0,"
    " duration_ms INTEGER NOT NULL DEFAULT 0,"
    " items INTEGER NOT NULL DEFAULT 0,"
    " new_items INTEGER NOT NULL DEFAULT 0,"
    " error_streak INTEGER NOT NULL DEFAULT 0,"
    " next_poll INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE items ("
    " id INTEGER PRIMARY KEY,"
    " feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
    " key TEXT NOT NULL,"
    " key_hash INTEGER NOT NULL,"
    " first_seen INTEGER NOT NULL,"
    " last_seen INTEGER NOT NULL,"
    " title TEXT,"
    " link TEXT,"
    " published INTEGER,"
    " content_hash INTEGER NOT NULL);"
    /* Keys are looked up by hash (then compared), which keeps the index
     * small: a key is often a long URL. */
    "CREATE INDEX items_key ON items(feed_id, key_hash);"
    "CREATE INDEX items_last_seen ON items(last_seen);"
    "CREATE TABLE alerts ("
    " id TEXT PRIMARY KEY,"
    /* Alerts outlive the pruned item: they copy what they show. */
    " item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,"
    " feed TEXT NOT NULL,"
    " item_key TEXT NOT NULL,"
    " title TEXT,"
    " link TEXT,"
    " profile TEXT NOT NULL,"
    " score REAL NOT NULL,"
    " terms TEXT NOT NULL,"
    " statement TEXT,"
    " speaker TEXT,"
    " published INTEGER NOT NULL DEFAULT 0,"
    " fetched INTEGER NOT NULL,"
    " matched INTEGER NOT NULL,"
    " created INTEGER NOT NULL);"
    "CREATE INDEX alerts_item ON alerts(item_id);"
    "CREATE INDEX alerts_created ON alerts(created);"
    "CREATE TABLE deliveries ("
    " id INTEGER PRIMARY KEY,"
    " alert_id TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,"
    " target TEXT NOT NULL,"
    " state INTEGER NOT NULL DEFAULT 0,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " next_attempt INTEGER NOT NULL,"
    " last_error TEXT,"
    " http_status INTEGER NOT NULL DEFAULT 0,"
    " delivered_at INTEGER NOT NULL DEFAULT 0,"
    " created INTEGER NOT NULL,"
    " UNIQUE (alert_id, target));"
    /* Only pending rows (queued 0, retrying 1) are ever due. */
    "CREATE INDEX deliveries_due ON deliveries(next_attempt)"
    " WHERE state < 2;";

/*
 * Version 2: GUID churn and rewrite events, permanent-redirect streaks,
 * and how each item was first recorded.
 * Items already stored get their identity hash computed by ukw_ident, the
 * same function store_doc_item uses, so churn is caught against them too.
 */
static const char migration_2[] =
    "ALTER TABLE feeds ADD COLUMN redirect_streak INTEGER NOT NULL"
    " DEFAULT 0;"
    "ALTER TABLE feeds ADD COLUMN redirect_url TEXT;"
    "ALTER TABLE items ADD COLUMN ident_hash INTEGER;"
    /* How the row was first recorded: 0 new (alerted), 1 backlog, 2 churn;
     * rows from version 1 count as new. */
    "ALTER TABLE items ADD COLUMN origin INTEGER NOT NULL DEFAULT 0;"
    "UPDATE items SET ident_hash = ukw_ident(link, title);"
    "CREATE INDEX items_ident ON items(feed_id, ident_hash)"
    " WHERE ident_hash IS NOT NULL;"
    "CREATE TABLE feed_events ("
    " id INTEGER PRIMARY KEY,"
    " feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
    " at INTEGER NOT NULL,"
    " kind TEXT NOT NULL,"
    " items INTEGER NOT NULL,"
    " matched INTEGER NOT NULL);"
    "CREATE INDEX feed_events_feed ON feed_events(feed_id, at);";

/*
 * Version 3: the item's text, so that `profile replay` can match stored
 * items again, and the alert's summary, so that the outbox can rebuild a
 * complete payload from the store.  Rows from before have neither (NULL).
 */
static const char migration_3[] =
    "ALTER TABLE items ADD COLUMN summary TEXT;"
    "ALTER TABLE alerts ADD COLUMN summary TEXT;"
    /* replay walks items by first-seen time. */
    "CREATE INDEX items_first_seen ON items(first_seen);";

/* The ttl / sy:updatePeriod hint outlives a restart: without it, the 304s
 * after a restart fell back to the configured interval until a 200. */
static const char migration_4[] =
    "ALTER TABLE feeds ADD COLUMN ttl_s INTEGER NOT NULL DEFAULT 0;";

/* Reviewers' verdicts on alerts (`alerts --mark`).  A copy of what was
 * judged, not a reference: the verdicts are a labelled set that outlives
 * the alerts' retention. */
static const char migration_5[] =
    "CREATE TABLE reviews ("
    " alert_id TEXT PRIMARY KEY,"
    " feed TEXT NOT NULL,"
    " item_key TEXT NOT NULL,"
    " profile TEXT NOT NULL,"
    " title TEXT,"
    " summary TEXT,"
    " published INTEGER,"
    " verdict INTEGER NOT NULL CHECK (verdict IN (1, 2)),"
    " note TEXT,"
    " at INTEGER NOT NULL);"
    "CREATE INDEX reviews_item ON reviews(feed, item_key);";

/* The same story seen again in another feed (store_alert_sighting). */
static const char migration_6[] =
    "CREATE TABLE alert_sightings ("
    " alert_id TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,"
    " feed TEXT NOT NULL,"
    " item_key TEXT NOT NULL,"
    " seen INTEGER NOT NULL,"
    " PRIMARY KEY (alert_id, feed, item_key));";

/*
 * Near misses (`alerts --near`): items that came close to a profile's
 * threshold, kept as alert rows so that a reviewer can mark a miss with
 * --mark and export it with --labels.  A near row never gets a delivery
 * and is never announced; rows from before are alerts (0).
 */
static const char migration_7[] =
    "ALTER TABLE alerts ADD COLUMN near INTEGER NOT NULL DEFAULT 0;";

/*
 * Version 8 ("messages": one message per item per target).  A delivery row
 * is a message: deliveries.alert_id is its lead alert (the message id, the
 * webhook-id), and delivery_alerts lists every alert it carries, the lead
 * included.  Rows of the old form become messages of one alert; pending
 * ones of one item (same feed, item key and match time) to one target are
 * merged into the earliest, so nothing queued is lost and no article goes
 * out twice.  Rows already final stay as they are.
 */
static const char migration_8[] =
    "CREATE TABLE delivery_alerts ("
    " delivery_id INTEGER NOT NULL REFERENCES deliveries(id)"
    "  ON DELETE CASCADE,"
    " alert_id TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,"
    " PRIMARY KEY (delivery_id, alert_id));"
    "CREATE INDEX delivery_alerts_alert ON delivery_alerts(alert_id);"
    "CREATE TEMP TABLE m8_lead AS SELECT d.id AS id, (SELECT min(d2.id)"
    " FROM deliveries d2 JOIN alerts a2 ON a2.id = d2.alert_id"
    " WHERE d2.state < 2 AND d2.target = d.target AND a2.feed = a.feed"
    " AND a2.item_key = a.item_key AND a2.matched = a.matched) AS lead"
    " FROM deliveries d JOIN alerts a ON a.id = d.alert_id"
    " WHERE d.state < 2;"
    "INSERT INTO delivery_alerts (delivery_id, alert_id)"
    " SELECT id, alert_id FROM deliveries"
    " WHERE id NOT IN (SELECT id FROM m8_lead WHERE lead <> id);"
    "INSERT OR IGNORE INTO delivery_alerts (delivery_id, alert_id)"
    " SELECT l.lead, d.alert_id FROM m8_lead l"
    " JOIN deliveries d ON d.id = l.id WHERE l.lead <> l.id;"
    "UPDATE deliveries SET next_attempt = (SELECT min(d.next_attempt)"
    " FROM m8_lead l JOIN deliveries d ON d.id = l.id"
    " WHERE l.lead = deliveries.id)"
    " WHERE id IN (SELECT lead FROM m8_lead WHERE lead <> id);"
    "DELETE FROM deliveries"
    " WHERE id IN (SELECT id FROM m8_lead WHERE lead <> id);"
    "DROP TABLE m8_lead;";

/*
 * Version 9: whether an alert's statement stood in quotation marks in the
 * item (a direct quote) or is reported speech, which must never be shown
 * inside quotation marks.  Rows from before were never told apart: they
 * count as reported speech, the safe side for a reader.
 */
static const char migration_9[] =
    "ALTER TABLE alerts ADD COLUMN quoted INTEGER NOT NULL DEFAULT 0;";

/*
 * Version 10: a feed whose URL changed reads its next document as a first
 * poll (the backlog rule), though its seen items stay; and the same-story
 * lookup finds an item's twins in other feeds by identity through an
 * index, not by scanning every alert in the window.  Pending deliveries
 * scheduled over a week ahead came from a Retry-After that overflowed or
 * asked for decades (no backoff reaches that far): they are due now.
 */
static const char migration_10[] =
    "ALTER TABLE feeds ADD COLUMN backlog_pending INTEGER NOT NULL"
    " DEFAULT 0;"
    "CREATE INDEX items_ident_any ON items(ident_hash)"
    " WHERE ident_hash IS NOT NULL;"
    "UPDATE deliveries SET next_attempt ="
    " CAST(strftime('%s', 'now') AS INTEGER) * 1000"
    " WHERE state < 2 AND next_attempt >"
    " CAST(strftime('%s', 'now') AS INTEGER) * 1000 + 7 * 86400000;";

/*
 * Version 11: the last `profile replay` of each profile, as its summary
 * line says it, for the review pages' /profiles: what an edited profile
 * would have done, next to what the one in use did.
 */
static const char migration_11[] =
    "CREATE TABLE replays (profile TEXT PRIMARY KEY, file TEXT NOT NULL,"
    " at INTEGER NOT NULL, since INTEGER NOT NULL,"
    " items INTEGER NOT NULL, would_alert INTEGER NOT NULL,"
    " alerted_before INTEGER NOT NULL, added INTEGER NOT NULL,"
    " dropped INTEGER NOT NULL, backlog INTEGER NOT NULL);";

static const char *const migrations[] = { migration_1, migration_2, migration_3,
	migration_4, migration_5, migration_6, migration_7, migration_8,
	migration_9, migration_10, migration_11 };

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) ==
        STORE_SCHEMA_VERSION,
    "STORE_SCHEMA_VERSION counts the migrations");

static void
sql_ident(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *link = (const char *)sqlite3_value_text(argv[0]);
	const char *title = (const char *)sqlite3_value_text(argv[1]);
	int64_t h;

	(void)argc;
	if (store_ident_hash(link, title, &h))
		sqlite3_result_int64(ctx, h);
	else
		sqlite3_result_null(ctx);
}

static int
damaged(sqlite3 *db, const char *path, int rc, struct errbuf *eb)
{
	int code = store_sqlerr(db, path, rc, "reading", NULL);

	if (code != -EBADMSG)
		return store_sqlerr(db, path, rc, "cannot read", eb);
	return errbuf_set(eb, code,
	    "state file %s: not a SQLite database, or damaged (%s); it was "
	    "left untouched: restore it from a backup or move it aside to "
	    "start with no history",
	    path, sqlite3_errmsg(db));
}

/* One integer from a one-row query; a failure is reported as damage. */
static int
query_int(sqlite3 *db, const char *path, const char *sql, int64_t *v,
    struct errbuf *eb)
{
	sqlite3_stmt *s = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		rc = damaged(db, path, rc, eb);
		sqlite3_finalize(s);
		return rc;
	}
	*v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return 0;
}

static int
migrate(sqlite3 *db, const char *path, int64_t to, struct errbuf *eb)
{
	char sql[64];
	int rc;

	rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_sqlerr(db, path, rc, "upgrading the schema", eb);
	rc = sqlite3_exec(db, migrations[to - 1], NULL, NULL, NULL);
	if (rc == SQLITE_OK) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", (int)to);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		int code = errbuf_set(eb,
		    store_sqlerr(db, path, rc, "upgrading", NULL),
		    "state file %s: upgrade to schema version %d failed (%s); "
		    "the file was left at version %d",
		    path, (int)to, sqlite3_errmsg(db), (int)to - 1);

		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return code;
	}
	return 0;
}

int
store_schema_apply(sqlite3 *db, const char *path, int readonly,
    struct errbuf *eb)
{
	int64_t version, objects;
	int rc;

	rc = query_int(db, path, "PRAGMA user_version", &version, eb);
	if (rc < 0)
		return rc;
	rc = query_int(db, path, "SELECT count(*) FROM sqlite_schema", &objects,
	    eb);
	if (rc < 0)
		return rc;
	if (version == 0 && objects > 0)
		return errbuf_set(eb, -EINVAL,
		    "state file %s: a SQLite database, but not a ukeuwatch "
		    "state file; it was left untouched, name another file",
		    path);
	if (version > STORE_SCHEMA_VERSION)
		return errbuf_set(eb, -EPROTO,
		    "state file %s: schema version %d is newer than this "
		    "ukeuwatch understands (%d); run a newer ukeuwatch or "
		    "restore an older state file",
		    path, (int)version, STORE_SCHEMA_VERSION);
	if (readonly && version != STORE_SCHEMA_VERSION)
		return errbuf_set(eb, -EPROTO,
		    "state file %s: schema version %d, expected %d; start "
		    "the daemon once to upgrade it",
		    path, (int)version, STORE_SCHEMA_VERSION);
	if (readonly)
		return 0;
	rc = sqlite3_create_function(db, "ukw_ident", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_ident, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_sqlerr(db, path, rc, "registering functions", eb);
	for (int64_t v = version + 1; v <= STORE_SCHEMA_VERSION; v++) {
		rc = migrate(db, path, v, eb);
		if (rc < 0)
			return rc;
	}
	return 0;
}
