/*
 * test_store.c -- the state store against real SQLite files in a temp dir:
 * opening, migrations and refusals, crash atomicity, and feed rows.  Items
 * are in test_store_items.c, alerts and the outbox in test_store_alerts.c;
 * the fixture is in helpers.c.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "lib/errbuf.h"
#include "lib/item.h"
#include "store/store.h"
#include "store/store_alerts.h"
#include "store/store_doc.h"
#include "store/store_feeds.h"
#include "store/store_health.h"
#include "store/store_impl.h"
#include "store/store_outbox.h"
#include "store/store_read.h"
#include "tests/unit/helpers.h"

/* The version-1 schema exactly as migration 1 created it. */
static const char v1_sql[] =
    "CREATE TABLE feeds (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " url TEXT, etag TEXT, last_modified TEXT,"
    " last_poll INTEGER NOT NULL DEFAULT 0,"
    " last_ok INTEGER NOT NULL DEFAULT 0,"
    " http_status INTEGER NOT NULL DEFAULT 0, error_class TEXT, error TEXT,"
    " bytes INTEGER NOT NULL DEFAULT 0,"
    " duration_ms INTEGER NOT NULL DEFAULT 0,"
    " items INTEGER NOT NULL DEFAULT 0,"
    " new_items INTEGER NOT NULL DEFAULT 0,"
    " error_streak INTEGER NOT NULL DEFAULT 0,"
    " next_poll INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE items (id INTEGER PRIMARY KEY,"
    " feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
    " key TEXT NOT NULL, key_hash INTEGER NOT NULL,"
    " first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
    " title TEXT, link TEXT, published INTEGER,"
    " content_hash INTEGER NOT NULL);"
    "CREATE INDEX items_key ON items(feed_id, key_hash);"
    "CREATE INDEX items_last_seen ON items(last_seen);"
    "CREATE TABLE alerts (id TEXT PRIMARY KEY,"
    " item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,"
    " feed TEXT NOT NULL, item_key TEXT NOT NULL, title TEXT, link TEXT,"
    " profile TEXT NOT NULL, score REAL NOT NULL, terms TEXT NOT NULL,"
    " statement TEXT, speaker TEXT, published INTEGER NOT NULL DEFAULT 0,"
    " fetched INTEGER NOT NULL, matched INTEGER NOT NULL,"
    " created INTEGER NOT NULL);"
    "CREATE INDEX alerts_item ON alerts(item_id);"
    "CREATE INDEX alerts_created ON alerts(created);"
    "CREATE TABLE deliveries (id INTEGER PRIMARY KEY,"
    " alert_id TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,"
    " target TEXT NOT NULL, state INTEGER NOT NULL DEFAULT 0,"
    " attempts INTEGER NOT NULL DEFAULT 0, next_attempt INTEGER NOT NULL,"
    " last_error TEXT, http_status INTEGER NOT NULL DEFAULT 0,"
    " delivered_at INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL,"
    " UNIQUE (alert_id, target));"
    "CREATE INDEX deliveries_due ON deliveries(next_attempt)"
    " WHERE state < 2;";

static void
raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *err = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(db);
}

static void
test_migrate_v1(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;
	char sql[1024];

	raw_exec(fx->path, v1_sql);
	snprintf(sql, sizeof(sql),
	    "INSERT INTO feeds (id, name, url, etag) VALUES"
	    " (1, 'news', 'https://ex.org/feed', '\"v1\"');"
	    "INSERT INTO items (feed_id, key, key_hash, first_seen, last_seen,"
	    " title, link, published, content_hash) VALUES"
	    " (1, 'old', %lld, %lld, %lld, 'Old', 'https://ex.org/old', %lld,"
	    " 7);"
	    "INSERT INTO alerts (id, item_id, feed, item_key, title, profile,"
	    " score, terms, fetched, matched, created) VALUES ('a1', 1, 'news',"
	    " 'old', 'Old', 'csdp', 2.5, '[\"csdp\"]', %lld, %lld, %lld);"
	    "PRAGMA user_version = 1;",
	    (long long)store_hash64(STORE_HASH_SEED, "old", 3), T0, T0, T0, T0,
	    T0, T0);
	raw_exec(fx->path, sql);

	fx_open(fx);
	assert_int_equal(fx_raw_int(fx->path, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(fx_raw_int(fx->path,
	                     "SELECT count(*) FROM items WHERE ident_hash"
	                     " IS NOT NULL"),
	    1);
	/* The old row is found by its key, and by its link and title. */
	d = fx_begin(fx, "news", T0 + 600000, 0);
	assert_state(fx_offer(d,
	                 fx_item("old2", "Old", "https://ex.org/old", "x", T0)),
	    STORE_ITEM_CHURN, 0);
	assert_state(fx_offer(d,
	                 fx_item("old", "Old", "https://ex.org/old", "x", T0)),
	    STORE_ITEM_EDITED, 0);
	fx_commit(d, T0 + 600000);
	{
		struct store_feed f;
		struct errbuf eb = { 0 };

		store_feed_init(&f);
		assert_int_equal(store_feed_get(fx->st, "news", &f, &eb), 0);
		assert_string_equal(f.etag, "\"v1\"");
		assert_int_equal(f.redirect_streak, 0);
		store_feed_clear(&f);
	}
	/* Version 3: the v1 alert reads back with no summary; the edit
	 * above stored the item's text. */
	{
		struct store_alert a;
		struct errbuf eb = { 0 };

		store_alert_init(&a);
		assert_int_equal(store_alert_get(fx->st, "a1", &a, &eb), 0);
		assert_string_equal(a.profile, "csdp");
		assert_int_equal(a.n_terms, 1);
		assert_string_equal(a.terms[0], "csdp");
		assert_null(a.summary);
		store_alert_clear(&a);
	}
	assert_int_equal(fx_raw_int(fx->path,
	                     "SELECT count(*) FROM items WHERE key = 'old'"
	                     " AND summary = 'x'"),
	    1);
	assert_int_equal(fx_raw_int(fx->path,
	                     "SELECT count(*) FROM sqlite_schema WHERE"
	                     " name = 'items_first_seen'"),
	    1);
}

/*
 * Version 6 to 7: alerts gain the near flag (and 8 to 11 follow).  A
 * version-6 file is made by taking what 7 to 11 added away again
 * (migrations never change, so this is what version 6 was) with an alert
 * in it; after the upgrade it is an alert.
 */
static void
test_migrate_v6(void **state)
{
	struct fx *fx = *state;
	struct store_alert_in in = { .profile = "csdp",
		.n_terms = 0,
		.matched_ms = T0 };
	char id[STORE_ALERT_ID_SIZE];
	struct store_alert a;
	struct store_doc *d;
	struct errbuf eb = { 0 };

	fx_open(fx);
	d = fx_begin(fx, "news", T0, 0);
	in.item_id = fx_offer(d, fx_item("a", "A", "https://ex.org/a", "s", T0))
	                 .item_id;
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	fx_commit(d, T0);
	store_free(fx->st);
	fx->st = NULL;
	raw_exec(fx->path,
	    "DROP TABLE delivery_alerts; ALTER TABLE alerts DROP COLUMN near;"
	    " ALTER TABLE alerts DROP COLUMN quoted;"
	    " ALTER TABLE feeds DROP COLUMN backlog_pending;"
	    " DROP INDEX items_ident_any; DROP TABLE replays;"
	    " PRAGMA user_version = 6;");
	assert_int_equal(fx_raw_int(fx->path,
	                     "SELECT count(*) FROM pragma_table_info('alerts')"
	                     " WHERE name = 'near'"),
	    0);

	fx_open(fx);
	assert_int_equal(fx_raw_int(fx->path, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	store_alert_init(&a);
	assert_int_equal(store_alert_get(fx->st, id, &a, &eb), 0);
	assert_int_equal(a.near, 0);
	store_alert_clear(&a);
	assert_int_equal(fx_raw_int(fx->path,
	                     "SELECT count(*) FROM alerts WHERE near = 0"),
	    1);
}

/*
 * Issue 15: a Retry-After that overflowed or asked for decades was stored
 * as a delivery's next attempt (2058).  The upgrade to version 10 makes
 * such rows due now, so they are retried and, if still failing, dead-
 * lettered as give-up-after says, instead of waiting for ever.
 */
static void
test_migrate_repairs_far_deliveries(void **state)
{
	struct fx *fx = *state;
	int64_t now_ms = (int64_t)time(NULL) * 1000;
	char sql[1024];

	raw_exec(fx->path, v1_sql);
	snprintf(sql, sizeof(sql),
	    "INSERT INTO feeds (id, name, url) VALUES (1, 'news', 'u');"
	    "INSERT INTO alerts (id, feed, item_key, profile, score, terms,"
	    " fetched, matched, created) VALUES ('a1', 'news', 'k', 'csdp',"
	    " 2.5, '[]', %lld, %lld, %lld);"
	    "INSERT INTO deliveries (alert_id, target, state, next_attempt,"
	    " created) VALUES ('a1', 'far', 1, 2789000000000, %lld),"
	    " ('a1', 'soon', 1, %lld, %lld);"
	    "PRAGMA user_version = 1;",
	    (long long)T0, (long long)T0, (long long)T0, (long long)T0,
	    (long long)(now_ms + 60000), (long long)T0);
	raw_exec(fx->path, sql);
	fx_open(fx);
	assert_true(fx_raw_int(fx->path,
	                "SELECT next_attempt FROM deliveries WHERE"
	                " target = 'far'") <= now_ms + 3600000);
	assert_int_equal(fx_raw_int(fx->path,
	                     "SELECT next_attempt FROM deliveries WHERE"
	                     " target = 'soon'"),
	    now_ms + 60000);
}

static void
expect_refusal(struct fx *fx, int code, const char *words)
{
	struct errbuf eb = { 0 };

	assert_int_equal(store_open(&fx->st, fx->path, &eb), code);
	assert_null(fx->st);
	assert_non_null(strstr(eb.msg, fx->path));
	if (strstr(eb.msg, words) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", eb.msg, words);
}

static void
test_newer_schema_refused(void **state)
{
	struct fx *fx = *state;

	raw_exec(fx->path, "CREATE TABLE feeds (x); PRAGMA user_version = 99");
	expect_refusal(fx, -EPROTO, "schema version 99 is newer");
	assert_int_equal(fx_raw_int(fx->path, "PRAGMA user_version"), 99);
}

static void
test_foreign_db_refused(void **state)
{
	struct fx *fx = *state;

	raw_exec(fx->path, "CREATE TABLE mine (x)");
	expect_refusal(fx, -EINVAL, "not a ukeuwatch state file");
}

static void
test_corrupt_refused(void **state)
{
	struct fx *fx = *state;
	char junk[4096], back[4096];
	FILE *f;

	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(i * 7 + 3);
	f = fopen(fx->path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(junk, 1, sizeof(junk), f), sizeof(junk));
	fclose(f);
	expect_refusal(fx, -EBADMSG, "not a SQLite database, or damaged");
	/* Never replaced. */
	f = fopen(fx->path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(back, 1, sizeof(back), f), sizeof(back));
	fclose(f);
	assert_memory_equal(junk, back, sizeof(junk));
}

/*
 * Root reads any file, so as root (as CI runs) the EACCES case is checked
 * in a child that has dropped to the unprivileged "nobody" uid; cmocka's
 * assertions cannot cross the fork, hence the exit status.
 */
static void
refusal_as_nobody(struct fx *fx)
{
	int status;
	pid_t pid;

	assert_int_equal(chmod(fx->dir, 0711), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct errbuf eb = { 0 };
		struct store *st = NULL;
		int rc;

		if (setresgid(65534, 65534, 65534) < 0 ||
		    setresuid(65534, 65534, 65534) < 0)
			_exit(77);
		rc = store_open(&st, fx->path, &eb);
		if (rc == -EACCES && st == NULL &&
		    strstr(eb.msg, fx->path) != NULL &&
		    strstr(eb.msg, "cannot open") != NULL)
			_exit(0);
		fprintf(stderr, "as nobody: rc %d, \"%s\"\n", rc, eb.msg);
		_exit(1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77)
		skip(); /* no CAP_SETUID here: cannot become nobody */
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_unreadable_refused(void **state)
{
	struct fx *fx = *state;

	char dir[sizeof(fx->path)];

	/* A missing directory: the path and the reason, nothing created. */
	memcpy(dir, fx->path, sizeof(dir));
	snprintf(fx->path, sizeof(fx->path), "%s/nodir/state.db", fx->dir);
	expect_refusal(fx, -ENOENT, "cannot open: No such file");
	memcpy(fx->path, dir, sizeof(dir));
	raw_exec(fx->path, "SELECT 1");
	assert_int_equal(chmod(fx->path, 0), 0);
	if (geteuid() == 0)
		refusal_as_nobody(fx);
	else
		expect_refusal(fx, -EACCES, "cannot open");
}

static void
test_second_daemon_refused(void **state)
{
	struct fx *fx = *state;
	struct store *other = NULL;
	struct errbuf eb = { 0 };

	fx_open(fx);
	assert_int_equal(store_open(&other, fx->path, &eb), -EBUSY);
	assert_non_null(strstr(eb.msg, "in use by another"));
}

/* A child writes a document and dies before (or after) the commit. */
static void
child_writes(struct fx *fx, int do_commit)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		struct store_alert_in in = { .profile = "p", .score = 1 };
		char id[STORE_ALERT_ID_SIZE];
		struct store_doc *d;
		struct errbuf eb = { 0 };

		fx_open(fx);
		d = fx_begin(fx, "news", T0, 0);
		in.item_id = fx_offer(d,
		    fx_item("a", "A", "https://ex.org/a", "s", T0))
		                 .item_id;
		if (store_alert_insert(fx->st, &in, id, &eb) != 1 ||
		    store_outbox_insert(fx->st, (const char *const[]){ id }, 1,
		        "hook", T0, &eb) != 1)
			_exit(3);
		if (do_commit)
			fx_commit(d, T0);
		_exit(0); /* no store_free: as if killed */
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static int
count_feed(void *arg, const struct store_feed *f)
{
	(void)f;
	(*(int *)arg)++;
	return 0;
}

static void
test_crash_atomicity(void **state)
{
	struct fx *fx = *state;
	struct store_reader *r = NULL;
	struct store_feed f;
	struct store_doc *d;
	struct store_outbox_row row;
	struct errbuf eb = { 0 };
	int n = 0;

	child_writes(fx, 0);
	fx_open(fx);
	store_feed_init(&f);
	/* Even the feed row, created inside the document, is gone. */
	assert_int_equal(store_feed_get(fx->st, "news", &f, &eb), -ENOENT);
	assert_int_equal(store_outbox_claim(fx->st, T0, 1000, &row), 0);
	store_free(fx->st);
	fx->st = NULL;

	child_writes(fx, 1);
	fx_open(fx);
	assert_int_equal(store_outbox_claim(fx->st, T0, 1000, &row), 1);
	/* A reader sees the last commit while a document is open. */
	d = fx_begin(fx, "other", T0, 0);
	fx_offer(d, fx_item("z", "Z", "https://ex.org/z", "s", T0));
	assert_int_equal(store_reader_open(&r, fx->path, STORE_READ_WAIT_MS,
	                     &eb),
	    0);
	assert_int_equal(store_read_feeds(r, count_feed, &n, &eb), 0);
	assert_int_equal(n, 1);
	store_doc_abort(d);
	store_reader_free(r);
}

static void
test_feed_update(void **state)
{
	struct fx *fx = *state;
	struct store_poll p = { .at_ms = T0,
		.http_status = 200,
		.set_validators = 1,
		.etag = "W/\"abc\"",
		.last_modified = "Tue, 14 Nov 2023 22:13:20 GMT",
		.next_poll_ms = T0 + 1000,
		.ttl_s = 3600 };
	struct store_feed f;
	struct errbuf eb = { 0 };

	fx_open(fx);
	assert_int_equal(store_feed_ensure(fx->st, "news", "https://a/", &eb),
	    0);
	assert_int_equal(store_feed_update(fx->st, "news", &p, &eb), 0);
	/* 304: validators kept. A timeout: the streak grows. */
	p = (struct store_poll){ .at_ms = T0 + 1, .http_status = 304 };
	assert_int_equal(store_feed_update(fx->st, "news", &p, &eb), 0);
	p = (struct store_poll){ .at_ms = T0 + 2,
		.error_class = "timeout",
		.error = "timed out after 30 s",
		.next_poll_ms = T0 + 99 };
	assert_int_equal(store_feed_update(fx->st, "news", &p, &eb), 0);
	p.redirect_url = "https://b/";
	assert_int_equal(store_feed_update(fx->st, "news", &p, &eb), 0);
	assert_int_equal(store_feed_update(fx->st, "news", &p, &eb), 0);
	store_feed_init(&f);
	assert_int_equal(store_feed_get(fx->st, "news", &f, &eb), 0);
	assert_string_equal(f.url, "https://a/");
	assert_string_equal(f.etag, "W/\"abc\"");
	assert_string_equal(f.last_modified, "Tue, 14 Nov 2023 22:13:20 GMT");
	assert_int_equal(f.error_streak, 3);
	assert_string_equal(f.error_class, "timeout");
	assert_int_equal(f.redirect_streak, 2);
	assert_string_equal(f.redirect_url, "https://b/");
	assert_int_equal(f.last_ok_ms, T0 + 1);
	assert_int_equal(f.next_poll_ms, T0 + 99);
	assert_int_equal(f.ttl_s, 3600); /* a hint lives with the validators */
	/* Another redirect target restarts; success resets everything. */
	p.redirect_url = "https://c/";
	assert_int_equal(store_feed_update(fx->st, "news", &p, &eb), 0);
	assert_int_equal(store_feed_get(fx->st, "news", &f, &eb), 0);
	assert_int_equal(f.redirect_streak, 1);
	p = (struct store_poll){ .at_ms = T0 + 5,
		.http_status = 200,
		.set_validators = 1 };
	assert_int_equal(store_feed_update(fx->st, "news", &p, &eb), 0);
	assert_int_equal(store_feed_get(fx->st, "news", &f, &eb), 0);
	assert_int_equal(f.error_streak, 0);
	assert_int_equal(f.redirect_streak, 0);
	assert_null(f.redirect_url);
	assert_null(f.etag);
	assert_null(f.error_class);
	assert_int_equal(f.ttl_s, 0); /* a document without a hint */
	store_feed_clear(&f);
	assert_int_equal(store_feed_get(fx->st, "none", &f, &eb), -ENOENT);
}

/* A new URL forgets the old one's validators, redirects and errors. */
static void
test_feed_url_change(void **state)
{
	struct fx *fx = *state;
	struct store_poll p = { .at_ms = T0,
		.http_status = 410,
		.error_class = "gone",
		.error = "HTTP 410 Gone",
		.set_validators = 1,
		.etag = "\"e1\"",
		.last_modified = "Tue, 14 Nov 2023 22:13:20 GMT",
		.redirect_url = "https://moved/",
		.next_poll_ms = T0 + DAY,
		.ttl_s = 600 };
	struct store_feed f;
	struct store_doc *d;
	struct errbuf eb = { 0 };

	fx_open(fx);
	assert_int_equal(store_feed_ensure(fx->st, "news", "https://a/", &eb),
	    0);
	d = fx_begin(fx, "news", T0 - 1000, 0);
	fx_offer(d, fx_item("k", "K", "https://ex.org/k", "s", T0 - 1000));
	fx_commit(d, T0 - 1000);
	assert_int_equal(store_feed_update(fx->st, "news", &p, &eb), 0);
	assert_int_equal(store_feed_update(fx->st, "news", &p, &eb), 0);
	/* The same URL again changes nothing. */
	assert_int_equal(store_feed_ensure(fx->st, "news", "https://a/", &eb),
	    0);
	store_feed_init(&f);
	assert_int_equal(store_feed_get(fx->st, "news", &f, &eb), 0);
	assert_string_equal(f.etag, "\"e1\"");
	assert_string_equal(f.error_class, "gone");
	assert_int_equal(f.http_status, 410);
	assert_int_equal(f.error_streak, 2);
	assert_int_equal(f.redirect_streak, 2);
	assert_int_equal(f.next_poll_ms, T0 + DAY);
	assert_int_equal(f.ttl_s, 600);

	assert_int_equal(store_feed_ensure(fx->st, "news", "https://b/", &eb),
	    0);
	assert_int_equal(store_feed_get(fx->st, "news", &f, &eb), 0);
	assert_string_equal(f.url, "https://b/");
	assert_null(f.etag);
	assert_null(f.last_modified);
	assert_null(f.error_class);
	assert_null(f.error);
	assert_int_equal(f.http_status, 0);
	assert_int_equal(f.error_streak, 0);
	assert_int_equal(f.redirect_streak, 0);
	assert_null(f.redirect_url);
	assert_int_equal(f.next_poll_ms, 0);
	assert_int_equal(f.ttl_s, 0);
	/* History stays: the last poll, and the items (k is not new). */
	assert_int_equal(f.last_poll_ms, T0);
	assert_int_equal(f.items_stored, 1);
	store_feed_clear(&f);
	d = fx_begin(fx, "news", T0 + 1000, 0);
	assert_state(fx_offer(d,
	                 fx_item("k", "K", "https://ex.org/k", "s", T0 - 1000)),
	    STORE_ITEM_SEEN, 0);
	fx_commit(d, T0 + 1000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrate_v6, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_migrate_v1, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_migrate_repairs_far_deliveries, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_foreign_db_refused,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_refused, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_unreadable_refused,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_second_daemon_refused,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_crash_atomicity, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_feed_update, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_feed_url_change, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
