/*
 * store_health.c -- what /metrics and /healthz ask of the state file: each
 * feed's last success and error streak, and whether the file is writable.
 *
 * Apart from store_read.c because a scrape comes every few seconds: the
 * query reads the feeds table alone, never the items.
 */
#include "store/store_health.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/store_impl.h"

int
store_read_feed_health(struct store_reader *r,
    int (*cb)(void *arg, const struct store_feed_health *h), void *arg,
    struct errbuf *eb)
{
	struct store_feed_health h;
	sqlite3_stmt *s = NULL;
	int rc, ret = 0;

	rc = sqlite3_prepare_v2(r->db,
	    "SELECT name, last_ok, last_poll, next_poll, error_streak"
	    " FROM feeds ORDER BY name",
	    -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_sqlerr(r->db, r->path, rc, "reading feeds", eb);
	while (ret == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		h = (struct store_feed_health){
			.name = (const char *)sqlite3_column_text(s, 0),
			.last_ok_ms = sqlite3_column_int64(s, 1),
			.last_poll_ms = sqlite3_column_int64(s, 2),
			.next_poll_ms = sqlite3_column_int64(s, 3),
			.error_streak = (unsigned)sqlite3_column_int64(s, 4),
		};
		ret = cb(arg, &h);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_sqlerr(r->db, r->path, rc, "reading feeds", eb);
	sqlite3_finalize(s);
	return ret;
}

int
store_path_writable(const char *path)
{
	char dir[4096];

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir))
		return 0;
	return access(path, W_OK) == 0 &&
	    access(dirname(dir), W_OK | X_OK) == 0;
}

int64_t
store_feed_quiet_ms(const struct store_feed *f, int64_t now_ms)
{
	int64_t silent = now_ms - f->last_new_ms, bar = 4 * f->usual_gap_ms;

	if (f->usual_gap_ms <= 0 || f->error_streak > 0)
		return 0;
	if (bar < 86400000)
		bar = 86400000;
	return silent > bar ? silent : 0;
}

int
store_read_profile_counts(struct store_reader *r, int64_t since_ms,
    int (*cb)(void *arg, const struct store_profile_count *c), void *arg,
    struct errbuf *eb)
{
	struct store_profile_count c;
	sqlite3_stmt *s = NULL;
	int rc, ret = 0;

	rc = sqlite3_prepare_v2(r->db,
	    "SELECT a.profile, count(*), coalesce(sum(a.created >= ?1), 0),"
	    " coalesce(sum(v.verdict = 1), 0), coalesce(sum(v.verdict = 2), 0),"
	    " max(a.created) FROM alerts a"
	    " LEFT JOIN reviews v ON v.alert_id = a.id WHERE a.near = 0"
	    " GROUP BY a.profile ORDER BY a.profile",
	    -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_sqlerr(r->db, r->path, rc, "reading alerts", eb);
	sqlite3_bind_int64(s, 1, since_ms);
	while (ret == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		c = (struct store_profile_count){
			.profile = (const char *)sqlite3_column_text(s, 0),
			.alerts = sqlite3_column_int64(s, 1),
			.recent = sqlite3_column_int64(s, 2),
			.relevant = sqlite3_column_int64(s, 3),
			.noise = sqlite3_column_int64(s, 4),
			.last_ms = sqlite3_column_int64(s, 5),
		};
		ret = cb(arg, &c);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_sqlerr(r->db, r->path, rc, "reading alerts", eb);
	sqlite3_finalize(s);
	return ret;
}

int
store_read_replays(struct store_reader *r,
    int (*cb)(void *arg, const struct store_replay *rp), void *arg,
    struct errbuf *eb)
{
	struct store_replay rp;
	sqlite3_stmt *s = NULL;
	int rc, ret = 0;

	rc = sqlite3_prepare_v2(r->db,
	    "SELECT profile, file, at, since, items, would_alert,"
	    " alerted_before, added, dropped, backlog FROM replays"
	    " ORDER BY profile",
	    -1, &s, NULL);
	if (rc != SQLITE_OK)
		return store_sqlerr(r->db, r->path, rc, "reading replays", eb);
	while (ret == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		rp = (struct store_replay){
			.profile = (const char *)sqlite3_column_text(s, 0),
			.file = (const char *)sqlite3_column_text(s, 1),
			.at_ms = sqlite3_column_int64(s, 2),
			.since_ms = sqlite3_column_int64(s, 3),
			.items = sqlite3_column_int64(s, 4),
			.would_alert = sqlite3_column_int64(s, 5),
			.alerted_before = sqlite3_column_int64(s, 6),
			.added = sqlite3_column_int64(s, 7),
			.dropped = sqlite3_column_int64(s, 8),
			.backlog = sqlite3_column_int64(s, 9),
		};
		ret = cb(arg, &rp);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_sqlerr(r->db, r->path, rc, "reading replays", eb);
	sqlite3_finalize(s);
	return ret;
}
