/*
 * store_read.c -- read-only views for `ukeuwatch status` and `alerts`.
 *
 * A second connection, opened read-only, so the CLI can run while the
 * daemon writes: in WAL mode a reader sees the last commit and neither
 * blocks nor is blocked by the writer.  Each walk runs in one read
 * transaction, so what it prints is one consistent snapshot.  No flock:
 * the daemon holds it, and reading does not need it.
 */
#include "store/store_read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/errbuf.h"
#include "store/store_alerts.h"
#include "store/store_feeds.h"
#include "store/store_impl.h"

/*
 * A reader of a WAL database needs the -shm file, and creates it when the
 * daemon is not running: in a directory the reader may not write (an
 * analyst reviewing a copy, a read-only mount) that fails with "unable to
 * open database file".  Then the file is opened immutable: nothing can be
 * writing it, as no daemon holds its -shm open.
 */
static int
open_readonly(struct store_reader *r, const char *path, int wait_ms)
{
	static const char hex[] = "0123456789abcdef";
	char *uri;
	size_t n = 0;
	int rc;

	rc = sqlite3_open_v2(path, &r->db,
	    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
	/* The probe is the first read: it waits out a daemon's lock like any
	 * other, rather than calling a locked file unopenable. */
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(r->db, wait_ms);
		rc = sqlite3_exec(r->db, "SELECT count(*) FROM sqlite_master",
		    NULL, NULL, NULL);
	}
	if ((rc & 0xff) != SQLITE_CANTOPEN && (rc & 0xff) != SQLITE_READONLY)
		return rc;
	sqlite3_close_v2(r->db);
	r->db = NULL;
	uri = malloc(strlen(path) * 3 + 32);
	if (uri == NULL)
		return SQLITE_NOMEM;
	n = (size_t)sprintf(uri, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21) {
			uri[n++] = '%';
			uri[n++] = hex[*p >> 4];
			uri[n++] = hex[*p & 15];
		} else {
			uri[n++] = (char)*p;
		}
	}
	strcpy(uri + n, "?immutable=1");
	rc = sqlite3_open_v2(uri, &r->db,
	    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_URI,
	    NULL);
	free(uri);
	return rc;
}

int
store_reader_open(struct store_reader **out, const char *path, int wait_ms,
    struct errbuf *eb)
{
	struct store_reader *r;
	int rc;

	*out = NULL;
	r = calloc(1, sizeof(*r));
	if (r == NULL || (r->path = strdup(path)) == NULL) {
		free(r);
		return errbuf_set(eb, -ENOMEM, "state file %s: out of memory",
		    path);
	}
	rc = open_readonly(r, path, wait_ms);
	if (rc != SQLITE_OK) {
		rc = store_sqlerr(r->db, path, rc,
		    "cannot open (has the daemon run yet?)", eb);
		goto fail;
	}
	rc = store_schema_apply(r->db, path, 1, eb);
	if (rc < 0)
		goto fail;
	*out = r;
	return 0;

fail:
	store_reader_free(r);
	return rc;
}

void
store_reader_free(struct store_reader *r)
{
	if (r == NULL)
		return;
	sqlite3_close_v2(r->db);
	free(r->path);
	free(r);
}

int
store_reader_prepare(struct store_reader *r, const char *sql, sqlite3_stmt **s,
    struct errbuf *eb)
{
	int rc = sqlite3_prepare_v2(r->db, sql, -1, s, NULL);

	if (rc != SQLITE_OK)
		return store_sqlerr(r->db, r->path, rc, "reading", eb);
	return 0;
}

/* Read transactions give each walk one snapshot. */
int
store_reader_snapshot(struct store_reader *r, int begin, struct errbuf *eb)
{
	int rc = sqlite3_exec(r->db, begin ? "BEGIN" : "COMMIT", NULL, NULL,
	    NULL);

	if (rc != SQLITE_OK)
		return store_sqlerr(r->db, r->path, rc, "reading", eb);
	return 0;
}

#define RHYTHM_WINDOW_MS (30 * 86400000LL)
#define RHYTHM_MIN_POLLS 5

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The polls that brought new items (all items of one document share its
 * first_seen), as gaps between them; their median is what "usual" means
 * for this feed, robust to a burst of announcements or a quiet August.
 */
static int
feed_rhythm(sqlite3_stmt *q, struct store_feed *f)
{
	int64_t *t = NULL, prev = 0;
	size_t n = 0, cap = 0;
	int rc;

	sqlite3_reset(q);
	sqlite3_bind_text(q, 1, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, RHYTHM_WINDOW_MS);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t at = sqlite3_column_int64(q, 0);

		f->last_new_ms = at;
		if (prev != 0 && n == cap) {
			int64_t *v = realloc(t,
			    (cap ? cap * 2 : 64) * sizeof(*v));

			if (v == NULL) {
				free(t);
				return SQLITE_NOMEM;
			}
			t = v;
			cap = cap ? cap * 2 : 64;
		}
		if (prev != 0)
			t[n++] = at - prev;
		prev = at;
	}
	if (n + 1 >= RHYTHM_MIN_POLLS) {
		qsort(t, n, sizeof(*t), cmp_i64);
		f->usual_gap_ms = t[n / 2];
	}
	free(t);
	return rc;
}

int
store_read_feeds(struct store_reader *r,
    int (*cb)(void *arg, const struct store_feed *f), void *arg,
    struct errbuf *eb)
{
	struct store_feed f;
	sqlite3_stmt *s = NULL, *q = NULL;
	int rc, ret = 0;

	rc = store_reader_prepare(r,
	    "SELECT " STORE_FEED_COLS " FROM feeds f"
	    " ORDER BY f.error_streak > 0 DESC, f.name",
	    &s, eb);
	if (rc == 0)
		rc = store_reader_prepare(r,
		    /* The newest first_seen once, in FROM: as a correlated
		     * subquery in WHERE it ran once per item, quadratic in
		     * a feed's items (3 s for /feeds at 2,000). */
		    "SELECT DISTINCT i.first_seen FROM items i"
		    " JOIN feeds f ON f.id = i.feed_id, (SELECT"
		    "  max(j.first_seen) AS m FROM items j JOIN feeds g"
		    "  ON g.id = j.feed_id WHERE g.name = ?1"
		    "  AND j.origin = 0) mx WHERE f.name = ?1"
		    " AND i.origin = 0 AND i.first_seen > mx.m - ?2"
		    " ORDER BY i.first_seen",
		    &q, eb);
	if (rc < 0)
		goto out;
	store_feed_init(&f);
	while (ret == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (store_feed_from_row(s, &f) < 0) {
			ret = errbuf_set(eb, -ENOMEM, "status: out of memory");
			break;
		}
		rc = feed_rhythm(q, &f);
		if (rc != SQLITE_DONE) {
			ret = store_sqlerr(r->db, r->path, rc, "reading items",
			    eb);
			break;
		}
		ret = cb(arg, &f);
		store_feed_clear(&f);
	}
	store_feed_clear(&f);
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_sqlerr(r->db, r->path, rc, "reading feeds", eb);
out:
	sqlite3_finalize(s);
	sqlite3_finalize(q);
	return rc < 0 ? rc : ret;
}

int
store_read_outbox(struct store_reader *r,
    int (*cb)(void *arg, const struct store_outbox_count *c), void *arg,
    struct errbuf *eb)
{
	struct store_outbox_count c;
	sqlite3_stmt *s = NULL;
	int rc, ret = 0;

	rc = store_reader_prepare(r,
	    "SELECT target, sum(state = 0), sum(state = 1), sum(state = 2),"
	    " sum(state = 3), coalesce(min(CASE WHEN state IN (0, 1)"
	    " THEN created END), 0) FROM deliveries GROUP BY target"
	    " ORDER BY target",
	    &s, eb);
	if (rc < 0)
		return rc;
	while (ret == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		c.target = (const char *)sqlite3_column_text(s, 0);
		c.queued = sqlite3_column_int64(s, 1);
		c.retrying = sqlite3_column_int64(s, 2);
		c.delivered = sqlite3_column_int64(s, 3);
		c.dead = sqlite3_column_int64(s, 4);
		c.oldest_pending_ms = sqlite3_column_int64(s, 5);
		ret = cb(arg, &c);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_sqlerr(r->db, r->path, rc, "reading the outbox",
		    eb);
	sqlite3_finalize(s);
	return ret;
}

/* The deliveries of one alert, copied: they live across a second query. */
struct dv_list {
	struct store_delivery_view *v; /* owned array; strings owned */
	size_t n, cap;
};

static void
dv_list_clear(struct dv_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free((char *)l->v[i].target);
		free((char *)l->v[i].last_error);
		free((char *)l->v[i].message);
	}
	l->n = 0;
}

static int
dv_push(struct dv_list *l, sqlite3_stmt *s)
{
	struct store_delivery_view *v;
	int err = 0;

	if (l->n == l->cap) {
		size_t cap = l->cap != 0 ? l->cap * 2 : 4;

		v = realloc(l->v, cap * sizeof(*v));
		if (v == NULL)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	v = &l->v[l->n];
	v->target = store_col_strdup(s, 0, &err);
	v->state = (enum store_delivery_state)sqlite3_column_int(s, 1);
	v->attempts = (unsigned)sqlite3_column_int64(s, 2);
	v->http_status = sqlite3_column_int(s, 3);
	v->last_error = store_col_strdup(s, 4, &err);
	v->next_attempt_ms = sqlite3_column_int64(s, 5);
	v->delivered_ms = sqlite3_column_int64(s, 6);
	v->message = store_col_strdup(s, 7, &err);
	l->n++;
	return err;
}

static int
load_deliveries(struct store_reader *r, sqlite3_stmt *s, const char *id,
    struct dv_list *l, struct errbuf *eb)
{
	int rc;

	dv_list_clear(l);
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (dv_push(l, s) < 0)
			return errbuf_set(eb, -ENOMEM, "alerts: out of memory");
	if (rc != SQLITE_DONE)
		return store_sqlerr(r->db, r->path, rc, "reading deliveries",
		    eb);
	return 0;
}

#define ALERTS_SQL                                                             \
	"SELECT " STORE_ALERT_COLS ", v.verdict, v.note,"                      \
	" (SELECT group_concat(DISTINCT s.feed) FROM alert_sightings s"        \
	"  WHERE s.alert_id = a.id) FROM alerts a"                             \
	" LEFT JOIN reviews v ON v.alert_id = a.id WHERE a.created >= ?1"      \
	" AND (?2 IS NULL OR a.profile = ?2) AND (?3 IS NULL OR a.feed = ?3)"  \
	" AND (?4 IS NULL OR EXISTS (SELECT 1 FROM delivery_alerts da"         \
	"  JOIN deliveries d ON d.id = da.delivery_id"                         \
	"  WHERE da.alert_id = a.id AND d.target = ?4))"                       \
	" AND (?5 = 0 OR EXISTS (SELECT 1 FROM delivery_alerts da"             \
	"  JOIN deliveries d ON d.id = da.delivery_id"                         \
	"  WHERE da.alert_id = a.id AND d.state IN (1, 3)))"                   \
	" AND (?6 IS NULL OR a.id = ?6)"                                       \
	" AND (?7 = 0 OR EXISTS (SELECT 1 FROM delivery_alerts da"             \
	"  JOIN deliveries d ON d.id = da.delivery_id"                         \
	"  WHERE da.alert_id = a.id AND d.state = 2))"                         \
	" AND (?8 = 0 OR (?8 = 3 AND v.verdict IS NULL) OR v.verdict = ?8)"    \
	" AND a.near = ?11"

/* Two texts, not one with a computed ORDER BY, so that both walk the
 * alerts_created index and a page stops after LIMIT rows. */
static const char alerts_sql[] = ALERTS_SQL " ORDER BY a.created, a.id";
static const char alerts_page_sql[] = ALERTS_SQL
    " ORDER BY a.created DESC, a.id DESC LIMIT ?9 OFFSET ?10";

/* alerts_sql adds the verdict, its note and the feeds of the same story
 * after the STORE_ALERT_COLS. */
static int
review_from_row(sqlite3_stmt *s, struct store_alert *a)
{
	int err = 0;

	a->review = sqlite3_column_int(s, STORE_ALERT_COLS_N);
	a->review_note = store_col_strdup(s, STORE_ALERT_COLS_N + 1, &err);
	a->also_in = store_col_strdup(s, STORE_ALERT_COLS_N + 2, &err);
	return err;
}

static int
walk_alerts(struct store_reader *r, sqlite3_stmt *qa, sqlite3_stmt *qd,
    int (*cb)(void *, const struct store_alert *,
        const struct store_delivery_view *, size_t),
    void *arg, struct errbuf *eb)
{
	struct dv_list l = { 0 };
	struct store_alert a;
	int rc, ret = 0;

	store_alert_init(&a);
	while (ret == 0 && (rc = sqlite3_step(qa)) == SQLITE_ROW) {
		if (store_alert_from_row(qa, &a) < 0 ||
		    review_from_row(qa, &a) < 0)
			ret = errbuf_set(eb, -ENOMEM, "alerts: out of memory");
		if (ret == 0)
			ret = load_deliveries(r, qd, a.id, &l, eb);
		if (ret == 0)
			ret = cb(arg, &a, l.v, l.n);
		store_alert_clear(&a);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_sqlerr(r->db, r->path, rc, "reading alerts", eb);
	dv_list_clear(&l);
	free(l.v);
	return ret;
}

int
store_read_alerts(struct store_reader *r, const struct store_alert_filter *flt,
    int (*cb)(void *arg, const struct store_alert *a,
        const struct store_delivery_view *dv, size_t n_dv),
    void *arg, struct errbuf *eb)
{
	sqlite3_stmt *qa = NULL, *qd = NULL;
	int rc;

	rc = store_reader_prepare(r,
	    flt->limit > 0 ? alerts_page_sql : alerts_sql, &qa, eb);
	if (rc == 0)
		rc = store_reader_prepare(r,
		    "SELECT d.target, d.state, d.attempts, d.http_status,"
		    " d.last_error, d.next_attempt, d.delivered_at, d.alert_id"
		    " FROM delivery_alerts da"
		    " JOIN deliveries d ON d.id = da.delivery_id"
		    " WHERE da.alert_id = ?1 ORDER BY d.target",
		    &qd, eb);
	if (rc == 0)
		rc = store_reader_snapshot(r, 1, eb);
	if (rc < 0)
		goto out;
	sqlite3_bind_int64(qa, 1, flt->since_ms);
	store_bind_text(qa, 2, flt->profile);
	store_bind_text(qa, 3, flt->feed);
	store_bind_text(qa, 4, flt->target);
	sqlite3_bind_int(qa, 5, flt->failed != 0);
	store_bind_text(qa, 6, flt->id);
	sqlite3_bind_int(qa, 7, flt->delivered != 0);
	sqlite3_bind_int(qa, 8, (int)flt->review);
	if (flt->limit > 0) {
		sqlite3_bind_int64(qa, 9, flt->limit);
		sqlite3_bind_int64(qa, 10, flt->offset);
	}
	sqlite3_bind_int(qa, 11, flt->near != 0);
	rc = walk_alerts(r, qa, qd, cb, arg, eb);
	sqlite3_reset(qa);
	sqlite3_reset(qd);
	if (store_reader_snapshot(r, 0, rc == 0 ? eb : NULL) < 0 && rc == 0)
		rc = eb != NULL ? eb->code : -EIO;
out:
	sqlite3_finalize(qa);
	sqlite3_finalize(qd);
	return rc;
}

int
store_read_knows(struct store_reader *r, enum store_name_kind kind,
    const char *name, struct errbuf *eb)
{
	static const char *const sql[] = {
		[STORE_NAME_FEED] = "SELECT 1 FROM feeds WHERE name = ?1 UNION"
		                    " ALL SELECT 1 FROM alerts WHERE feed = ?1"
		                    " LIMIT 1",
		[STORE_NAME_PROFILE] = "SELECT 1 FROM alerts WHERE profile = ?1"
		                       " LIMIT 1",
		[STORE_NAME_TARGET] = "SELECT 1 FROM deliveries WHERE target ="
		                      " ?1 LIMIT 1",
	};
	sqlite3_stmt *s = NULL;
	int rc;

	rc = store_reader_prepare(r, sql[kind], &s, eb);
	if (rc < 0)
		return rc;
	store_bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = rc == SQLITE_ROW;
	else
		rc = store_sqlerr(r->db, r->path, rc, "reading", eb);
	sqlite3_finalize(s);
	return rc;
}

int
store_read_reviews(struct store_reader *r,
    int (*cb)(void *arg, const struct store_review_row *row), void *arg,
    struct errbuf *eb)
{
	sqlite3_stmt *s = NULL;
	int rc, ret = 0;

	rc = store_reader_prepare(r,
	    "SELECT feed, item_key, profile, title, summary, note, published,"
	    " verdict FROM reviews ORDER BY feed, item_key, profile",
	    &s, eb);
	if (rc < 0)
		return rc;
	while (ret == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_review_row row = {
			.feed = (const char *)sqlite3_column_text(s, 0),
			.item_key = (const char *)sqlite3_column_text(s, 1),
			.profile = (const char *)sqlite3_column_text(s, 2),
			.title = (const char *)sqlite3_column_text(s, 3),
			.summary = (const char *)sqlite3_column_text(s, 4),
			.note = (const char *)sqlite3_column_text(s, 5),
			.published_ms = sqlite3_column_int64(s, 6),
			.verdict = (enum store_review)sqlite3_column_int(s, 7),
		};

		ret = cb(arg, &row);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_sqlerr(r->db, r->path, rc, "reading verdicts", eb);
	sqlite3_finalize(s);
	return ret;
}
