/*
 * store_alerts.c -- alert rows and the outbox of deliveries.
 *
 * An alert's id is derived, not allocated: the same (feed, item key,
 * profile, content) always gives the same id, so redoing a document after
 * a crash finds the alert already there, and a receiver that sees the id
 * twice (webhook-id) knows it is a repeat.
 *
 * The deliveries table is the outbox.  A claim moves the row's next attempt
 * forward by a lease in the same statement that picks it, so a row in
 * flight is never claimed twice and a row whose sender died comes due
 * again.  A delivered or dead row is final: later outcomes do not touch it.
 */
#include "store/store_alerts.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/sha.h>
#include <sqlite3.h>

#include "lib/errbuf.h"
#include "store/store.h"
#include "store/store_impl.h"
#include "store/store_outbox.h"

void
store_alert_init(struct store_alert *a)
{
	memset(a, 0, sizeof(*a));
}

void
store_alert_clear(struct store_alert *a)
{
	free(a->feed);
	free(a->item_key);
	free(a->title);
	free(a->link);
	free(a->profile);
	for (size_t i = 0; i < a->n_terms; i++)
		free(a->terms[i]);
	free(a->terms);
	free(a->statement);
	free(a->speaker);
	free(a->summary);
	free(a->review_note);
	free(a->also_in);
	store_alert_init(a);
}

/*
 * The terms column as an array.  Text that is not a JSON array (a row
 * written by hand) reads as no terms, and elements that are not strings
 * are skipped: the alert is still worth delivering without them.
 */
static int
terms_from_col(sqlite3_stmt *s, int col, struct store_alert *a)
{
	const char *text = (const char *)sqlite3_column_text(s, col);
	json_t *arr = json_loads(text != NULL ? text : "[]", 0, NULL);
	size_t i, n = json_array_size(arr);
	int rc = 0;

	a->terms = n > 0 ? calloc(n, sizeof(*a->terms)) : NULL;
	if (n > 0 && a->terms == NULL)
		rc = -ENOMEM;
	for (i = 0; rc == 0 && i < n; i++) {
		const char *t = json_string_value(json_array_get(arr, i));

		if (t == NULL)
			continue;
		a->terms[a->n_terms] = strdup(t);
		if (a->terms[a->n_terms++] == NULL)
			rc = -ENOMEM;
	}
	json_decref(arr);
	return rc;
}

/*
 * The terms as the JSON array text of the terms column (caller frees), or
 * NULL on ENOMEM.  A term jansson refuses (not UTF-8) is left out, as the
 * column has always been written; terms come from profile files, which are
 * read as UTF-8.
 */
static char *
terms_to_text(const char *const *terms, size_t n)
{
	json_t *arr = json_array();
	char *text;

	if (arr == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(terms[i]));
	text = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	return text;
}

int
store_alert_from_row(sqlite3_stmt *s, struct store_alert *a)
{
	const unsigned char *id = sqlite3_column_text(s, 0);
	int err = 0;

	snprintf(a->id, sizeof(a->id), "%s",
	    id != NULL ? (const char *)id : "");
	a->feed = store_col_strdup(s, 1, &err);
	a->item_key = store_col_strdup(s, 2, &err);
	a->title = store_col_strdup(s, 3, &err);
	a->link = store_col_strdup(s, 4, &err);
	a->profile = store_col_strdup(s, 5, &err);
	a->score = sqlite3_column_double(s, 6);
	if (terms_from_col(s, 7, a) < 0)
		err = -ENOMEM;
	a->statement = store_col_strdup(s, 8, &err);
	a->speaker = store_col_strdup(s, 9, &err);
	a->published_ms = sqlite3_column_int64(s, 10);
	a->fetched_ms = sqlite3_column_int64(s, 11);
	a->matched_ms = sqlite3_column_int64(s, 12);
	a->created_ms = sqlite3_column_int64(s, 13);
	a->summary = store_col_strdup(s, 14, &err);
	a->near = sqlite3_column_int(s, 15) != 0;
	a->statement_quoted = sqlite3_column_int(s, 16) != 0;
	return err;
}

/*
 * SHA-256 of the NUL-separated fields, as 32 hex digits (128 bits).  The
 * one-shot SHA256() is the libcrypto call that is not deprecated in 3.0.
 */
static int
alert_id(const char *feed, const char *key, const char *profile,
    int64_t content, char out[STORE_ALERT_ID_SIZE])
{
	unsigned char md[SHA256_DIGEST_LENGTH];
	size_t lf = strlen(feed) + 1, lk = strlen(key) + 1;
	size_t lp = strlen(profile) + 1;
	char *msg = malloc(lf + lk + lp + 17);
	int n;

	if (msg == NULL)
		return -ENOMEM;
	memcpy(msg, feed, lf);
	memcpy(msg + lf, key, lk);
	memcpy(msg + lf + lk, profile, lp);
	n = snprintf(msg + lf + lk + lp, 17, "%016" PRIx64, (uint64_t)content);
	SHA256((const unsigned char *)msg, lf + lk + lp + (size_t)n, md);
	free(msg);
	for (int i = 0; i < (STORE_ALERT_ID_SIZE - 1) / 2; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	return 0;
}

#define NEAR_SALT 0x6e6561726d697373LL /* "nearmiss" */

static const char alert_insert_sql[] =
    "INSERT OR IGNORE INTO alerts (id, item_id, feed, item_key, title,"
    " link, profile, score, terms, statement, speaker, published, fetched,"
    " matched, created, summary, near, quoted)"
    " SELECT ?1, i.id, f.name, i.key, i.title, i.link, ?3, ?4, ?5, ?6, ?7,"
    " coalesce(i.published, 0), i.last_seen, ?8, ?8, ?9, ?10, ?11"
    " FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?2";

int
store_alert_insert(struct store *st, const struct store_alert_in *in,
    char id_out[STORE_ALERT_ID_SIZE], struct errbuf *eb)
{
	sqlite3_stmt *s;
	char *terms;
	int rc;

	s = store_stmt(st, STMT_ITEM_FOR_ALERT,
	    "SELECT f.name, i.key, i.content_hash FROM items i"
	    " JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?1",
	    eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_int64(s, 1, in->item_id);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc == SQLITE_DONE)
			return errbuf_set(eb, -ENOENT,
			    "state file %s: alert for item %" PRId64
			    ", which is not stored",
			    st->path, in->item_id);
		return store_sqlerr(st->db, st->path, rc, "reading an item",
		    eb);
	}
	/* A near miss's content hash is salted: should the item alert later
	 * (a reloaded profile), the alert is a row of its own. */
	rc = alert_id((const char *)sqlite3_column_text(s, 0),
	    (const char *)sqlite3_column_text(s, 1), in->profile,
	    sqlite3_column_int64(s, 2) ^ (in->near ? NEAR_SALT : 0), id_out);
	sqlite3_reset(s);
	if (rc < 0)
		return errbuf_set(eb, rc, "alert: out of memory");

	terms = terms_to_text(in->terms, in->n_terms);
	if (terms == NULL)
		return errbuf_set(eb, -ENOMEM, "alert: out of memory");
	s = store_stmt(st, STMT_ALERT_INSERT, alert_insert_sql, eb);
	if (s == NULL) {
		free(terms);
		return eb != NULL ? eb->code : -EIO;
	}
	sqlite3_bind_text(s, 1, id_out, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, in->item_id);
	sqlite3_bind_text(s, 3, in->profile, -1, SQLITE_STATIC);
	sqlite3_bind_double(s, 4, in->score);
	store_bind_text(s, 5, terms);
	store_bind_text(s, 6, in->statement);
	store_bind_text(s, 7, in->speaker);
	sqlite3_bind_int64(s, 8, in->matched_ms);
	store_bind_text_cut(s, 9, in->summary, STORE_ALERT_SUMMARY_MAX);
	sqlite3_bind_int(s, 10, in->near != 0);
	sqlite3_bind_int(s, 11, in->statement_quoted != 0);
	rc = store_step_done(st, s, "recording an alert", eb);
	free(terms);
	if (rc < 0)
		return rc;
	return sqlite3_changes(st->db) > 0;
}

int
store_alert_get(struct store *st, const char *id, struct store_alert *out,
    struct errbuf *eb)
{
	sqlite3_stmt *s;
	int rc;

	s = store_stmt(st, STMT_ALERT_GET,
	    "SELECT " STORE_ALERT_COLS " FROM alerts a WHERE a.id = ?1", eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_alert_clear(out);
		rc = store_alert_from_row(s, out);
		sqlite3_reset(s);
		if (rc < 0) {
			store_alert_clear(out);
			return errbuf_set(eb, rc, "alert %s: out of memory",
			    id);
		}
		return 0;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return errbuf_set(eb, -ENOENT, "alert %s: not stored", id);
	return store_sqlerr(st->db, st->path, rc, "reading an alert", eb);
}

/* Is alert_id already carried by a message to target? 1, 0 or -errno. */
static int
carried(struct store *st, const char *alert_id, const char *target,
    struct errbuf *eb)
{
	sqlite3_stmt *s = store_stmt(st, STMT_OUTBOX_CARRIED,
	    "SELECT 1 FROM delivery_alerts da"
	    " JOIN deliveries d ON d.id = da.delivery_id"
	    " WHERE da.alert_id = ?1 AND d.target = ?2",
	    eb);

	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_text(s, 1, alert_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, target, -1, SQLITE_STATIC);
	return store_step_exists(st, s, "reading the outbox", eb);
}

static int
link_alert(struct store *st, int64_t delivery, const char *alert_id,
    struct errbuf *eb)
{
	sqlite3_stmt *s = store_stmt(st, STMT_OUTBOX_LINK,
	    "INSERT OR IGNORE INTO delivery_alerts (delivery_id, alert_id)"
	    " VALUES (?1, ?2)",
	    eb);

	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_int64(s, 1, delivery);
	sqlite3_bind_text(s, 2, alert_id, -1, SQLITE_STATIC);
	return store_step_done(st, s, "queueing a delivery", eb);
}

int
store_outbox_insert(struct store *st, const char *const *ids, size_t n,
    const char *target, int64_t now_ms, struct errbuf *eb)
{
	sqlite3_stmt *s;
	int64_t delivery = 0;
	int rc;

	if (strlen(target) >= STORE_TARGET_MAX)
		return errbuf_set(eb, -ENAMETOOLONG,
		    "target %.40s...: name longer than %d bytes", target,
		    STORE_TARGET_MAX - 1);
	for (size_t i = 0; i < n; i++) {
		rc = carried(st, ids[i], target, eb);
		if (rc < 0)
			return rc;
		if (rc > 0)
			continue;
		if (delivery == 0) {
			s = store_stmt(st, STMT_OUTBOX_INSERT,
			    "INSERT OR IGNORE INTO deliveries (alert_id,"
			    " target, next_attempt, created)"
			    " VALUES (?1, ?2, ?3, ?3)",
			    eb);
			if (s == NULL)
				return eb != NULL ? eb->code : -EIO;
			sqlite3_bind_text(s, 1, ids[i], -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, target, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 3, now_ms);
			rc = store_step_done(st, s, "queueing a delivery", eb);
			if (rc < 0)
				return rc;
			if (sqlite3_changes(st->db) == 0)
				continue; /* a message led by it, however old */
			delivery = sqlite3_last_insert_rowid(st->db);
		}
		rc = link_alert(st, delivery, ids[i], eb);
		if (rc < 0)
			return rc;
	}
	return delivery != 0;
}

int
store_outbox_alerts(struct store *st, int64_t id,
    int (*cb)(void *arg, const char *alert_id), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_OUTBOX_ALERTS,
	    "SELECT da.alert_id FROM delivery_alerts da"
	    " JOIN deliveries d ON d.id = da.delivery_id WHERE d.id = ?1"
	    " ORDER BY da.alert_id <> d.alert_id, da.rowid",
	    NULL);
	int rc, ret = 0;

	if (s == NULL)
		return -EIO;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && ret == 0)
		ret = cb(arg, (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	if (ret < 0)
		return ret;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_sqlerr(st->db, st->path, rc, "reading the outbox",
		    NULL);
	return 0;
}

/* The pick and the lease are one statement, hence one atomic write.
 * ?3 is a JSON array of targets to skip (json_each(NULL) is empty). */
static const char claim_sql[] =
    "UPDATE deliveries SET next_attempt = ?1 + ?2, attempts = attempts + 1"
    " WHERE id = (SELECT id FROM deliveries WHERE state < 2"
    " AND next_attempt <= ?1"
    " AND target NOT IN (SELECT value FROM json_each(?3))"
    " ORDER BY next_attempt, id LIMIT 1)"
    " RETURNING id, alert_id, target, attempts - 1, created";

int
store_outbox_claim(struct store *st, int64_t now_ms, int64_t lease_ms,
    struct store_outbox_row *row)
{
	return store_outbox_claim_except(st, now_ms, lease_ms, NULL, row);
}

int
store_outbox_claim_except(struct store *st, int64_t now_ms, int64_t lease_ms,
    const char *busy_json, struct store_outbox_row *row)
{
	sqlite3_stmt *s;
	int rc, found = 0;

	s = store_stmt(st, STMT_OUTBOX_CLAIM, claim_sql, NULL);
	if (s == NULL)
		return -EIO;
	sqlite3_bind_int64(s, 1, now_ms);
	sqlite3_bind_int64(s, 2, lease_ms);
	store_bind_text(s, 3, busy_json);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(row, 0, sizeof(*row));
		row->id = sqlite3_column_int64(s, 0);
		snprintf(row->alert_id, sizeof(row->alert_id), "%s",
		    (const char *)sqlite3_column_text(s, 1));
		snprintf(row->target_id, sizeof(row->target_id), "%s",
		    (const char *)sqlite3_column_text(s, 2));
		row->attempts = (unsigned)sqlite3_column_int64(s, 3);
		row->created_ms = sqlite3_column_int64(s, 4);
		found = 1;
		rc = sqlite3_step(s);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sqlerr(st->db, st->path, rc, "claiming", NULL);
	return found;
}

/* An outcome for a row still pending; a final row is left as it is. */
static int
outcome(struct store *st, enum store_stmt_id sid, const char *sql, int64_t id,
    int64_t at, int http_status, const char *error)
{
	sqlite3_stmt *s = store_stmt(st, sid, sql, NULL);

	if (s == NULL)
		return -EIO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, at);
	sqlite3_bind_int(s, 3, http_status);
	store_bind_text(s, 4, error);
	return store_step_done(st, s, "recording a delivery", NULL);
}

int
store_outbox_delivered(struct store *st, int64_t id, int64_t now_ms,
    int http_status)
{
	return outcome(st, STMT_OUTBOX_DELIVERED,
	    "UPDATE deliveries SET state = 2, delivered_at = ?2,"
	    " http_status = ?3, last_error = ?4 WHERE id = ?1 AND state < 2",
	    id, now_ms, http_status, NULL);
}

int
store_outbox_retry(struct store *st, int64_t id, int64_t at_ms, int http_status,
    const char *error)
{
	return outcome(st, STMT_OUTBOX_RETRY,
	    "UPDATE deliveries SET state = 1, next_attempt = ?2,"
	    " http_status = ?3, last_error = ?4 WHERE id = ?1 AND state < 2",
	    id, at_ms, http_status, error);
}

int
store_outbox_dead(struct store *st, int64_t id, int64_t now_ms, int http_status,
    const char *error)
{
	return outcome(st, STMT_OUTBOX_DEAD,
	    "UPDATE deliveries SET state = 3, next_attempt = ?2,"
	    " http_status = ?3, last_error = ?4 WHERE id = ?1 AND state < 2",
	    id, now_ms, http_status, error);
}

int
store_outbox_defer(struct store *st, int64_t id, int64_t at_ms)
{
	sqlite3_stmt *s = store_stmt(st, STMT_OUTBOX_DEFER,
	    "UPDATE deliveries SET next_attempt = ?2,"
	    " attempts = max(attempts - 1, 0) WHERE id = ?1 AND state < 2",
	    NULL);

	if (s == NULL)
		return -EIO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, at_ms);
	return store_step_done(st, s, "deferring a delivery", NULL);
}

int
store_outbox_next_due(struct store *st, int64_t *due_ms)
{
	return store_outbox_next_due_except(st, NULL, due_ms);
}

int
store_outbox_next_due_except(struct store *st, const char *busy_json,
    int64_t *due_ms)
{
	sqlite3_stmt *s;
	int rc, found = 0;

	s = store_stmt(st, STMT_OUTBOX_NEXT_DUE,
	    "SELECT min(next_attempt) FROM deliveries WHERE state < 2"
	    " AND target NOT IN (SELECT value FROM json_each(?1))",
	    NULL);
	if (s == NULL)
		return -EIO;
	store_bind_text(s, 1, busy_json);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
		*due_ms = sqlite3_column_int64(s, 0);
		found = 1;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return store_sqlerr(st->db, st->path, rc, "reading the outbox",
		    NULL);
	return found;
}

int64_t
store_outbox_clamp(struct store *st, int64_t latest_ms)
{
	sqlite3_stmt *s = store_stmt(st, STMT_OUTBOX_CLAMP,
	    "UPDATE deliveries SET next_attempt = ?1"
	    " WHERE state < 2 AND next_attempt > ?1",
	    NULL);
	int rc;

	if (s == NULL)
		return -EIO;
	sqlite3_bind_int64(s, 1, latest_ms);
	rc = store_step_done(st, s, "rescheduling deliveries", NULL);
	return rc < 0 ? rc : sqlite3_changes64(st->db);
}

int
store_alert_twin(struct store *st, int64_t item_id, const char *profile,
    int64_t since_ms, char twin[STORE_ALERT_ID_SIZE], struct errbuf *eb)
{
	sqlite3_stmt *s;
	int rc, found = 0;

	/* From the item's identity to its twins (items_ident_any) to their
	 * alerts (alerts_item): scanning the window's alerts instead made
	 * 20k matching items a quadratic 122 s.  CROSS JOIN keeps SQLite to
	 * that order, and the unary + signs keep it off alerts_created. */
	s = store_stmt(st, STMT_ALERT_TWIN,
	    "SELECT a.id FROM items n CROSS JOIN items i CROSS JOIN alerts a"
	    " WHERE n.id = ?1 AND n.ident_hash IS NOT NULL"
	    " AND i.ident_hash = n.ident_hash AND i.feed_id <> n.feed_id"
	    " AND a.item_id = i.id AND a.profile = ?2 AND +a.created >= ?3"
	    " AND a.near = 0 ORDER BY +a.created, a.id LIMIT 1",
	    eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_int64(s, 1, item_id);
	store_bind_text(s, 2, profile);
	sqlite3_bind_int64(s, 3, since_ms);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(twin, STORE_ALERT_ID_SIZE, "%s",
		    (const char *)sqlite3_column_text(s, 0));
		found = 1;
		rc = SQLITE_DONE;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_sqlerr(st->db, st->path, rc,
		    "looking for the same story", eb);
	return found;
}

int
store_alert_sighting(struct store *st, const char *alert_id, int64_t item_id,
    int64_t now_ms, struct errbuf *eb)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ALERT_SIGHTING,
	    "INSERT OR IGNORE INTO alert_sightings (alert_id, feed, item_key,"
	    " seen) SELECT ?1, f.name, i.key, ?3 FROM items i"
	    " JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?2",
	    eb);
	int rc;

	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_text(s, 1, alert_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, item_id);
	sqlite3_bind_int64(s, 3, now_ms);
	rc = store_step_done(st, s, "recording the same story", eb);
	return rc < 0 ? rc : sqlite3_changes(st->db) > 0;
}
