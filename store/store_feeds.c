/*
 * store_feeds.c -- feed rows: validators, poll outcomes, the error and
 * permanent-redirect streaks, the next poll time.
 *
 * Feeds are named by their config section; the row id is private to the
 * store.  Validators are stored byte for byte as the server sent them,
 * because If-None-Match must echo the ETag exactly (weak prefix, quotes).
 */
#include "store/store_feeds.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/errbuf.h"
#include "store/store.h"
#include "store/store_impl.h"

void
store_feed_init(struct store_feed *f)
{
	memset(f, 0, sizeof(*f));
}

void
store_feed_clear(struct store_feed *f)
{
	free(f->name);
	free(f->url);
	free(f->etag);
	free(f->last_modified);
	free(f->error_class);
	free(f->error);
	free(f->redirect_url);
	store_feed_init(f);
}

int
store_feed_from_row(sqlite3_stmt *s, struct store_feed *f)
{
	int err = 0;

	f->name = store_col_strdup(s, 0, &err);
	f->url = store_col_strdup(s, 1, &err);
	f->etag = store_col_strdup(s, 2, &err);
	f->last_modified = store_col_strdup(s, 3, &err);
	f->last_poll_ms = sqlite3_column_int64(s, 4);
	f->last_ok_ms = sqlite3_column_int64(s, 5);
	f->http_status = sqlite3_column_int(s, 6);
	f->error_class = store_col_strdup(s, 7, &err);
	f->error = store_col_strdup(s, 8, &err);
	f->bytes = sqlite3_column_int64(s, 9);
	f->duration_ms = sqlite3_column_int64(s, 10);
	f->items = (unsigned)sqlite3_column_int64(s, 11);
	f->new_items = (unsigned)sqlite3_column_int64(s, 12);
	f->error_streak = (unsigned)sqlite3_column_int64(s, 13);
	f->redirect_streak = (unsigned)sqlite3_column_int64(s, 14);
	f->redirect_url = store_col_strdup(s, 15, &err);
	f->next_poll_ms = sqlite3_column_int64(s, 16);
	f->items_stored = sqlite3_column_int64(s, 17);
	f->items_24h = sqlite3_column_int64(s, 18);
	f->rewrites = (unsigned)sqlite3_column_int64(s, 19);
	f->last_rewrite_ms = sqlite3_column_int64(s, 20);
	f->ttl_s = sqlite3_column_int64(s, 21);
	return err;
}

int
store_feed_id(struct store *st, const char *name, int create, int64_t *id,
    struct errbuf *eb)
{
	sqlite3_stmt *s;
	int rc;

	if (create) {
		s = store_stmt(st, STMT_FEED_SET_URL,
		    "INSERT OR IGNORE INTO feeds (name) VALUES (?1)", eb);
		if (s == NULL)
			return eb != NULL ? eb->code : -EIO;
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
		rc = store_step_done(st, s, "adding a feed", eb);
		if (rc < 0)
			return rc;
	}
	s = store_stmt(st, STMT_FEED_ID, "SELECT id FROM feeds WHERE name = ?1",
	    eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return errbuf_set(eb, -ENOENT, "feed %s: not in the state file",
		    name);
	return store_sqlerr(st->db, st->path, rc, "reading a feed", eb);
}

static int feed_get(struct store *st, enum store_stmt_id stmt, const char *sql,
    const char *name, struct store_feed *out, struct errbuf *eb);

int
store_feed_get(struct store *st, const char *name, struct store_feed *out,
    struct errbuf *eb)
{
	return feed_get(st, STMT_FEED_GET,
	    "SELECT " STORE_FEED_COLS " FROM feeds f WHERE f.name = ?1", name,
	    out, eb);
}

int
store_feed_ensure(struct store *st, const char *name, const char *url,
    struct errbuf *eb)
{
	sqlite3_stmt *s;

	/* A new URL is another server: its validators, redirects and
	 * errors (a 410 above all, which stops polling) are not ours.  Its
	 * first document may be a whole archive the old URL never showed:
	 * the backlog rule applies to it, as to a new feed's, while the
	 * items seen so far stay seen. */
	s = store_stmt(st, STMT_FEED_ENSURE,
	    "INSERT INTO feeds (name, url) VALUES (?1, ?2)"
	    " ON CONFLICT (name) DO UPDATE SET url = excluded.url,"
	    " etag = NULL, last_modified = NULL, redirect_streak = 0,"
	    " redirect_url = NULL, http_status = 0, error_class = NULL,"
	    " error = NULL, error_streak = 0, next_poll = 0, ttl_s = 0,"
	    " backlog_pending = url IS NOT NULL"
	    " WHERE url IS NOT excluded.url",
	    eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	store_bind_text(s, 2, url);
	return store_step_done(st, s, "adding a feed", eb);
}

static int
feed_get(struct store *st, enum store_stmt_id stmt, const char *sql,
    const char *name, struct store_feed *out, struct errbuf *eb)
{
	sqlite3_stmt *s;
	int rc;

	s = store_stmt(st, stmt, sql, eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_feed_clear(out);
		rc = store_feed_from_row(s, out);
		sqlite3_reset(s);
		if (rc < 0) {
			store_feed_clear(out);
			return errbuf_set(eb, rc, "feed %s: out of memory",
			    name);
		}
		return 0;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return errbuf_set(eb, -ENOENT, "feed %s: not in the state file",
		    name);
	return store_sqlerr(st->db, st->path, rc, "reading a feed", eb);
}

/*
 * Every right-hand side sees the row as it was before the update, which is
 * what the streak rules need: "same redirect target as last time" compares
 * against the stored one.
 */
static const char update_sql[] =
    "UPDATE feeds SET"
    " last_poll = ?2, http_status = ?3, error_class = ?4, error = ?5,"
    " bytes = ?6, duration_ms = ?7, items = ?8, new_items = ?9,"
    " last_ok = CASE WHEN ?4 IS NULL THEN ?2 ELSE last_ok END,"
    " error_streak = CASE WHEN ?4 IS NULL THEN 0"
    "  ELSE error_streak + 1 END,"
    " etag = CASE WHEN ?10 THEN ?11 ELSE etag END,"
    " last_modified = CASE WHEN ?10 THEN ?12 ELSE last_modified END,"
    " redirect_streak = CASE WHEN ?13 IS NULL THEN 0"
    "  WHEN redirect_url IS ?13 THEN redirect_streak + 1 ELSE 1 END,"
    " redirect_url = ?13,"
    " next_poll = ?14,"
    " ttl_s = CASE WHEN ?10 THEN ?15 ELSE ttl_s END"
    " WHERE id = ?1";

int
store_feed_update_id(struct store *st, int64_t feed_id,
    const struct store_poll *p, unsigned items, unsigned new_items,
    struct errbuf *eb)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_FEED_UPDATE, update_sql, eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_int64(s, 1, feed_id);
	sqlite3_bind_int64(s, 2, p->at_ms);
	sqlite3_bind_int(s, 3, p->http_status);
	store_bind_text(s, 4, p->error_class);
	store_bind_text(s, 5, p->error);
	sqlite3_bind_int64(s, 6, p->bytes);
	sqlite3_bind_int64(s, 7, p->duration_ms);
	sqlite3_bind_int64(s, 8, items);
	sqlite3_bind_int64(s, 9, new_items);
	sqlite3_bind_int(s, 10, p->set_validators != 0);
	store_bind_text(s, 11, p->etag);
	store_bind_text(s, 12, p->last_modified);
	store_bind_text(s, 13, p->redirect_url);
	sqlite3_bind_int64(s, 14, p->next_poll_ms);
	sqlite3_bind_int64(s, 15, p->ttl_s);
	return store_step_done(st, s, "recording a poll", eb);
}

/*
 * A poll that produced no document (304, an error) carries no item, alert
 * or delivery: losing it to a power cut costs one repeated conditional GET
 * and nothing else.  So it commits with synchronous=NORMAL, which in WAL
 * mode skips the fsync (the next FULL commit syncs these frames too).
 * With one fsync per feed, an unchanged cycle of 2,000 feeds spent most of
 * its time, on the loop thread, waiting for the disk.
 */
static int
set_sync(struct store *st, int full)
{
	return sqlite3_exec(st->db,
	    full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL",
	    NULL, NULL, NULL);
}

int
store_feed_update(struct store *st, const char *name,
    const struct store_poll *p, struct errbuf *eb)
{
	int own = !st->in_txn, rc;
	int64_t id;

	if (own) {
		if (set_sync(st, 0) != SQLITE_OK)
			return store_sqlerr(st->db, st->path,
			    sqlite3_errcode(st->db), "recording a poll", eb);
		rc = store_txn_begin(st, eb);
		if (rc < 0)
			goto done;
	}
	rc = store_feed_id(st, name, 1, &id, eb);
	if (rc >= 0)
		rc = store_feed_update_id(st, id, p, p->items, p->new_items,
		    eb);
	if (own) {
		if (rc < 0)
			store_txn_rollback(st);
		else
			rc = store_txn_commit(st, eb);
	}
done:
	if (own && set_sync(st, 1) != SQLITE_OK && rc >= 0)
		rc = store_sqlerr(st->db, st->path, sqlite3_errcode(st->db),
		    "recording a poll", eb);
	return rc;
}

/*
 * What the poller needs (validators, streaks, next poll), without the
 * per-feed counts for `status`, whose subqueries scan the feed's items.
 */
#define STORE_FEED_POLL_COLS                                                   \
	"f.name, f.url, f.etag, f.last_modified, f.last_poll, f.last_ok, "     \
	"f.http_status, f.error_class, f.error, f.bytes, f.duration_ms, "      \
	"f.items, f.new_items, f.error_streak, f.redirect_streak, "            \
	"f.redirect_url, f.next_poll, 0, 0, 0, NULL, f.ttl_s"

int
store_feed_poll_state(struct store *st, const char *name,
    struct store_feed *out, struct errbuf *eb)
{
	return feed_get(st, STMT_FEED_GET_POLL,
	    "SELECT " STORE_FEED_POLL_COLS " FROM feeds f WHERE f.name = ?1",
	    name, out, eb);
}
