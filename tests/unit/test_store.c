/*
 * test_store.c -- the state store against real SQLite files in a temp dir:
 * the new-item rule, churn, edits, backlog, rewrite events, retention,
 * migrations and refusals, crash atomicity, and the outbox.
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
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "daemon/errbuf.h"
#include "daemon/store.h"
#include "daemon/store_impl.h"
#include "feeds/item.h"

#define DAY     (86400 * 1000LL)
#define T0      (1700000000 * 1000LL) /* 2023-11-14 */
#define BACKLOG (2 * DAY)

struct fx {
	char dir[64];
	char path[96];
	struct store *st;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	struct errbuf eb;

	assert_non_null(fx);
	strcpy(fx->dir, "/tmp/test_store.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->path, sizeof(fx->path), "%s/state.db", fx->dir);
	*state = fx;
	(void)eb;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;
	char cmd[128];

	store_free(fx->st);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", fx->dir);
	assert_int_equal(system(cmd), 0);
	free(fx);
	return 0;
}

static void
open_store(struct fx *fx)
{
	struct errbuf eb = { 0 };
	int rc = store_open(&fx->st, fx->path, &eb);

	if (rc < 0)
		fail_msg("store_open: %s", eb.msg);
}

/* An item on the stack: the strings are borrowed literals. */
static struct item
mk(const char *key, const char *title, const char *link, const char *summary,
    int64_t published_ms)
{
	struct item it;

	memset(&it, 0, sizeof(it));
	it.key = (char *)key;
	it.title = (char *)title;
	it.link = (char *)link;
	it.summary = (char *)summary;
	it.published = published_ms != 0 ? published_ms / 1000 : ITEM_NO_TIME;
	it.updated = ITEM_NO_TIME;
	return it;
}

static struct store_doc *
begin(struct fx *fx, const char *feed, int64_t now, int realert)
{
	struct store_doc_opts o = { .now_ms = now,
		.backlog_ms = BACKLOG,
		.realert_on_update = realert };
	struct store_doc *d = NULL;
	struct errbuf eb = { 0 };

	if (store_doc_begin(fx->st, feed, &o, &d, &eb) < 0)
		fail_msg("store_doc_begin: %s", eb.msg);
	return d;
}

static struct store_verdict
offer(struct store_doc *d, struct item it)
{
	struct store_verdict v;
	struct errbuf eb = { 0 };

	if (store_doc_item(d, &it, &v, &eb) < 0)
		fail_msg("store_doc_item: %s", eb.msg);
	return v;
}

static struct store_doc_summary
commit(struct store_doc *d, int64_t now)
{
	struct store_poll p = { .at_ms = now,
		.http_status = 200,
		.next_poll_ms = now + 600000 };
	struct store_doc_summary sum;
	struct errbuf eb = { 0 };

	if (store_doc_commit(d, &p, &sum, &eb) < 0)
		fail_msg("store_doc_commit: %s", eb.msg);
	return sum;
}

/* v is evaluated once: it is usually an offer() call. */
#define assert_state(v, s, a)                                                  \
	do {                                                                   \
		struct store_verdict v_ = (v);                                 \
		assert_string_equal(store_item_state_name(v_.state),           \
		    store_item_state_name(s));                                 \
		assert_int_equal(v_.alert, (a));                               \
	} while (0)

/* A first poll with history seeded: a and b are new at T0. */
static void
seed_ab(struct fx *fx)
{
	struct store_doc *d = begin(fx, "news", T0, 0);

	assert_state(offer(d,
	                 mk("a", "Alpha", "https://ex.org/a", "s",
	                     T0 - 3600000)),
	    STORE_ITEM_NEW, 1);
	assert_state(offer(d,
	                 mk("b", "Beta", "https://ex.org/b", "s",
	                     T0 - 7200000)),
	    STORE_ITEM_NEW, 1);
	commit(d, T0);
}

static void
test_new_then_seen(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;
	struct store_doc_summary sum;

	open_store(fx);
	seed_ab(fx);
	d = begin(fx, "news", T0 + 600000, 0);
	assert_state(offer(d,
	                 mk("a", "Alpha", "https://ex.org/a", "s",
	                     T0 - 3600000)),
	    STORE_ITEM_SEEN, 0);
	assert_state(offer(d, mk("c", "Gamma", "https://ex.org/c", "s", 0)),
	    STORE_ITEM_NEW, 1);
	/* The same key twice in one document is new only once. */
	assert_state(offer(d, mk("c", "Gamma", "https://ex.org/c", "s", 0)),
	    STORE_ITEM_SEEN, 0);
	sum = commit(d, T0 + 600000);
	assert_int_equal(sum.items, 3);
	assert_int_equal(sum.new_items, 1);
	assert_int_equal(sum.seen, 2);
	assert_int_equal(sum.first_poll, 0);

	/* After a restart nothing is new again. */
	store_free(fx->st);
	fx->st = NULL;
	open_store(fx);
	d = begin(fx, "news", T0 + DAY, 0);
	assert_state(offer(d,
	                 mk("b", "Beta", "https://ex.org/b", "s",
	                     T0 - 7200000)),
	    STORE_ITEM_SEEN, 0);
	assert_state(offer(d, mk("c", "Gamma", "https://ex.org/c", "s", 0)),
	    STORE_ITEM_SEEN, 0);
	commit(d, T0 + DAY);
}

static void
test_feeds_are_separate(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;

	open_store(fx);
	seed_ab(fx);
	d = begin(fx, "other", T0, 0);
	/* Same key and link in another feed: new there (its first poll,
	 * recent, so it alerts). */
	assert_state(offer(d,
	                 mk("a", "Alpha", "https://ex.org/a", "s",
	                     T0 - 3600000)),
	    STORE_ITEM_NEW, 1);
	commit(d, T0);
}

static void
test_guid_churn(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;
	struct store_doc_summary sum;

	open_store(fx);
	seed_ab(fx);
	d = begin(fx, "news", T0 + 600000, 0);
	/* New keys, same link (other scheme, www., slash, fragment) and
	 * title (case, spacing). */
	assert_state(offer(d,
	                 mk("a2", " ALPHA ", "http://www.EX.org/a/#top", "s",
	                     T0)),
	    STORE_ITEM_CHURN, 0);
	/* The path is case-sensitive: a different page is a new item. */
	assert_state(offer(d, mk("b2", "Beta", "https://ex.org/B", "s", T0)),
	    STORE_ITEM_NEW, 1);
	/* Same link, other title: new. */
	assert_state(offer(d, mk("b3", "Beta 2", "https://ex.org/b", "s", T0)),
	    STORE_ITEM_NEW, 1);
	assert_state(offer(d,
	                 mk("b", "Beta", "https://ex.org/b", "s",
	                     T0 - 7200000)),
	    STORE_ITEM_SEEN, 0);
	sum = commit(d, T0 + 600000);
	assert_int_equal(sum.churned, 1);
	assert_int_equal(sum.guid_rewrite, 0);
	/* The churned key is remembered: next time it is simply seen. */
	d = begin(fx, "news", T0 + 1200000, 0);
	assert_state(offer(d,
	                 mk("a2", " ALPHA ", "http://www.EX.org/a/#top", "s",
	                     T0)),
	    STORE_ITEM_SEEN, 0);
	commit(d, T0 + 1200000);
}

static void
edits(struct fx *fx, int realert)
{
	struct store_doc *d;
	struct store_verdict v;
	struct store_alert_in in = { .profile = "csdp",
		.score = 3.5,
		.terms_json = "[\"csdp\"]",
		.matched_ms = T0 };
	char id1[STORE_ALERT_ID_SIZE], id2[STORE_ALERT_ID_SIZE];
	struct errbuf eb = { 0 };

	open_store(fx);
	d = begin(fx, "news", T0, realert);
	v = offer(d, mk("a", "Alpha", "https://ex.org/a", "one", T0));
	in.item_id = v.item_id;
	assert_int_equal(store_alert_insert(fx->st, &in, id1, &eb), 1);
	commit(d, T0);

	d = begin(fx, "news", T0 + 600000, realert);
	v = offer(d, mk("a", "Alpha", "https://ex.org/a", "two", T0));
	assert_state(v, STORE_ITEM_EDITED, realert);
	in.item_id = v.item_id;
	assert_int_equal(store_alert_insert(fx->st, &in, id2, &eb), 1);
	/* An edit that alerts again has its own id. */
	assert_string_not_equal(id1, id2);
	assert_int_equal(commit(d, T0 + 600000).edited, 1);

	/* The edited content is now the stored one. */
	d = begin(fx, "news", T0 + 1200000, realert);
	assert_state(offer(d, mk("a", "Alpha", "https://ex.org/a", "two", T0)),
	    STORE_ITEM_SEEN, 0);
	commit(d, T0 + 1200000);
}

static void
test_edit_no_realert(void **state)
{
	edits(*state, 0);
}

static void
test_edit_realert(void **state)
{
	edits(*state, 1);
}

static void
test_backlog_first_poll(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;
	struct store_doc_summary sum;

	open_store(fx);
	d = begin(fx, "news", T0, 0);
	assert_state(offer(d,
	                 mk("old", "Old", "https://ex.org/o", "s",
	                     T0 - 3 * DAY)),
	    STORE_ITEM_BACKLOG, 0);
	assert_state(offer(d,
	                 mk("edge", "Edge", "https://ex.org/e", "s",
	                     T0 - BACKLOG)),
	    STORE_ITEM_NEW, 1);
	assert_state(offer(d,
	                 mk("new", "New", "https://ex.org/n", "s",
	                     T0 - 3600000)),
	    STORE_ITEM_NEW, 1);
	sum = commit(d, T0);
	assert_int_equal(sum.first_poll, 1);
	assert_int_equal(sum.backlog, 1);
	assert_int_equal(sum.new_items, 2);

	/* With history, an old-dated item that appears is new. */
	d = begin(fx, "news", T0 + DAY, 0);
	assert_state(offer(d,
	                 mk("late", "Late", "https://ex.org/l", "s",
	                     T0 - 10 * DAY)),
	    STORE_ITEM_NEW, 1);
	assert_state(offer(d,
	                 mk("old", "Old", "https://ex.org/o", "s",
	                     T0 - 3 * DAY)),
	    STORE_ITEM_SEEN, 0);
	assert_int_equal(commit(d, T0 + DAY).first_poll, 0);
}

static void
test_undated_first_poll(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;
	struct item it;

	open_store(fx);
	/* An empty first document leaves the feed without history. */
	d = begin(fx, "news", T0 - DAY, 0);
	assert_int_equal(commit(d, T0 - DAY).first_poll, 1);

	d = begin(fx, "news", T0, 0);
	assert_state(offer(d, mk("u1", "U1", "https://ex.org/1", "s", 0)),
	    STORE_ITEM_BACKLOG, 0);
	/* updated stands in for a missing published. */
	it = mk("u2", "U2", "https://ex.org/2", "s", 0);
	it.updated = (T0 - 60000) / 1000;
	assert_state(offer(d, it), STORE_ITEM_NEW, 1);
	commit(d, T0);

	d = begin(fx, "news", T0 + 600000, 0);
	assert_state(offer(d, mk("u3", "U3", "https://ex.org/3", "s", 0)),
	    STORE_ITEM_NEW, 1);
	commit(d, T0 + 600000);
}

static void
test_guid_rewrite_event(void **state)
{
	struct fx *fx = *state;
	static const char *keys[] = { "k1", "k2", "k3", "k4" };
	static const char *links[] = { "https://ex.org/1", "https://ex.org/2",
		"https://ex.org/3", "https://ex.org/4" };
	struct store_doc *d;
	struct store_doc_summary sum;
	struct store_feed f;
	struct errbuf eb = { 0 };
	char key[16];

	open_store(fx);
	d = begin(fx, "news", T0, 0);
	for (int i = 0; i < 4; i++)
		offer(d, mk(keys[i], "Title", links[i], "s", T0));
	commit(d, T0);

	d = begin(fx, "news", T0 + 600000, 0);
	for (int i = 0; i < 4; i++) {
		snprintf(key, sizeof(key), "urn:%d", i);
		assert_state(offer(d, mk(key, "title", links[i], "s", T0)),
		    STORE_ITEM_CHURN, 0);
	}
	assert_state(offer(d,
	                 mk("urn:9", "Fresh", "https://ex.org/9", "s", T0)),
	    STORE_ITEM_NEW, 1);
	sum = commit(d, T0 + 600000);
	assert_int_equal(sum.churned, 4);
	assert_int_equal(sum.guid_rewrite, 1);

	store_feed_init(&f);
	assert_int_equal(store_feed_get(fx->st, "news", &f, &eb), 0);
	assert_int_equal(f.rewrites, 1);
	assert_int_equal(f.last_rewrite_ms, T0 + 600000);
	assert_int_equal(f.items, 5);
	assert_int_equal(f.new_items, 1);
	assert_int_equal(f.items_stored, 9);
	/* New items in the last day: the first four and urn:9, not the
	 * churned ones. */
	assert_int_equal(f.items_24h, 5);
	store_feed_clear(&f);
}

static void
test_retention(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;
	struct store_feed f;
	struct errbuf eb = { 0 };
	int64_t later = T0 + 100 * DAY;

	open_store(fx);
	seed_ab(fx);
	/* b stays in the feed, a is gone. */
	d = begin(fx, "news", later, 0);
	offer(d, mk("b", "Beta", "https://ex.org/b", "s", T0 - 7200000));
	commit(d, later);
	assert_int_equal(store_prune(fx->st, later, 90 * DAY, 1000, &eb), 1);
	assert_int_equal(store_prune(fx->st, later, 90 * DAY, 1000, &eb), 0);
	store_feed_init(&f);
	assert_int_equal(store_feed_get(fx->st, "news", &f, &eb), 0);
	assert_int_equal(f.items_stored, 1);
	store_feed_clear(&f);
	/* A pruned item that comes back is new again (it left long ago). */
	d = begin(fx, "news", later + 1000, 0);
	assert_state(offer(d,
	                 mk("a", "Alpha", "https://ex.org/a", "s",
	                     T0 - 3600000)),
	    STORE_ITEM_NEW, 1);
	commit(d, later + 1000);
}

static void
test_prune_limit_and_alerts(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;
	struct store_alert_in in = { .profile = "p",
		.score = 1,
		.matched_ms = T0 };
	struct store_outbox_row row;
	struct store_alert a;
	struct errbuf eb = { 0 };
	char id[STORE_ALERT_ID_SIZE], id2[STORE_ALERT_ID_SIZE];
	char key[16];

	open_store(fx);
	d = begin(fx, "news", T0, 0);
	for (int i = 0; i < 5; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		in.item_id = offer(d, mk(key, key, "https://ex.org/", "s", T0))
		                 .item_id;
	}
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	in.profile = "q";
	assert_int_equal(store_alert_insert(fx->st, &in, id2, &eb), 1);
	assert_int_equal(store_outbox_insert(fx->st, id2, "hook", T0, &eb), 1);
	commit(d, T0);
	/* At most max_rows per call. */
	assert_int_equal(store_prune(fx->st, T0 + 100 * DAY, 90 * DAY, 2, &eb),
	    2);
	assert_int_equal(store_prune(fx->st, T0 + 100 * DAY, 90 * DAY, 10, &eb),
	    3);
	/* The alert with nothing pending went; the one still queued stays,
	 * with the copy of its item's fields. */
	store_alert_init(&a);
	assert_int_equal(store_alert_get(fx->st, id, &a, &eb), -ENOENT);
	assert_int_equal(store_alert_get(fx->st, id2, &a, &eb), 0);
	assert_string_equal(a.item_key, "k4");
	assert_string_equal(a.feed, "news");
	store_alert_clear(&a);
	assert_int_equal(store_outbox_claim(fx->st, T0 + 100 * DAY, 1000, &row),
	    1);
	assert_string_equal(row.alert_id, id2);
}

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

static int64_t
raw_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int64_t v;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
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

	open_store(fx);
	assert_int_equal(raw_int(fx->path, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(raw_int(fx->path,
	                     "SELECT count(*) FROM items WHERE ident_hash"
	                     " IS NOT NULL"),
	    1);
	/* The old row is found by its key, and by its link and title. */
	d = begin(fx, "news", T0 + 600000, 0);
	assert_state(offer(d, mk("old2", "Old", "https://ex.org/old", "x", T0)),
	    STORE_ITEM_CHURN, 0);
	assert_state(offer(d, mk("old", "Old", "https://ex.org/old", "x", T0)),
	    STORE_ITEM_EDITED, 0);
	commit(d, T0 + 600000);
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
		assert_string_equal(a.terms_json, "[\"csdp\"]");
		assert_null(a.summary);
		store_alert_clear(&a);
	}
	assert_int_equal(raw_int(fx->path,
	                     "SELECT count(*) FROM items WHERE key = 'old'"
	                     " AND summary = 'x'"),
	    1);
	assert_int_equal(raw_int(fx->path,
	                     "SELECT count(*) FROM sqlite_schema WHERE"
	                     " name = 'items_first_seen'"),
	    1);
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
	assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 99);
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
	if (geteuid() == 0)
		return; /* root reads anything: no EACCES to see */
	raw_exec(fx->path, "SELECT 1");
	assert_int_equal(chmod(fx->path, 0), 0);
	expect_refusal(fx, -EACCES, "cannot open");
}

static void
test_second_daemon_refused(void **state)
{
	struct fx *fx = *state;
	struct store *other = NULL;
	struct errbuf eb = { 0 };

	open_store(fx);
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
		struct errbuf eb;

		open_store(fx);
		d = begin(fx, "news", T0, 0);
		in.item_id = offer(d, mk("a", "A", "https://ex.org/a", "s", T0))
		                 .item_id;
		if (store_alert_insert(fx->st, &in, id, &eb) != 1 ||
		    store_outbox_insert(fx->st, id, "hook", T0, &eb) != 1)
			_exit(3);
		if (do_commit)
			commit(d, T0);
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
	open_store(fx);
	store_feed_init(&f);
	/* Even the feed row, created inside the document, is gone. */
	assert_int_equal(store_feed_get(fx->st, "news", &f, &eb), -ENOENT);
	assert_int_equal(store_outbox_claim(fx->st, T0, 1000, &row), 0);
	store_free(fx->st);
	fx->st = NULL;

	child_writes(fx, 1);
	open_store(fx);
	assert_int_equal(store_outbox_claim(fx->st, T0, 1000, &row), 1);
	/* A reader sees the last commit while a document is open. */
	d = begin(fx, "other", T0, 0);
	offer(d, mk("z", "Z", "https://ex.org/z", "s", T0));
	assert_int_equal(store_reader_open(&r, fx->path, &eb), 0);
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
		.next_poll_ms = T0 + 1000 };
	struct store_feed f;
	struct errbuf eb = { 0 };

	open_store(fx);
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
	store_feed_clear(&f);
	assert_int_equal(store_feed_get(fx->st, "none", &f, &eb), -ENOENT);
}

struct seen_alerts {
	int n;
	char ids[4][STORE_ALERT_ID_SIZE];
	size_t n_dv;
	char states[128];
};

static int
collect_alert(void *arg, const struct store_alert *a,
    const struct store_delivery_view *dv, size_t n_dv)
{
	struct seen_alerts *s = arg;

	if (s->n < 4)
		strcpy(s->ids[s->n], a->id);
	s->n++;
	s->n_dv = n_dv;
	s->states[0] = '\0';
	for (size_t i = 0; i < n_dv; i++)
		snprintf(s->states + strlen(s->states),
		    sizeof(s->states) - strlen(s->states), "%s:%s:%u:%s ",
		    dv[i].target, store_delivery_state_name(dv[i].state),
		    dv[i].attempts, dv[i].last_error ? dv[i].last_error : "-");
	return 0;
}

static int
collect_counts(void *arg, const struct store_outbox_count *c)
{
	char *out = arg;

	snprintf(out + strlen(out), 256 - strlen(out),
	    "%s q=%lld r=%lld ok=%lld dead=%lld;", c->target,
	    (long long)c->queued, (long long)c->retrying,
	    (long long)c->delivered, (long long)c->dead);
	return 0;
}

static void
read_alerts(struct fx *fx, const struct store_alert_filter *flt,
    struct seen_alerts *s)
{
	struct store_reader *r = NULL;
	struct errbuf eb = { 0 };

	memset(s, 0, sizeof(*s));
	if (store_reader_open(&r, fx->path, &eb) < 0)
		fail_msg("reader: %s", eb.msg);
	assert_int_equal(store_read_alerts(r, flt, collect_alert, s, &eb), 0);
	store_reader_free(r);
}

static void
test_outbox(void **state)
{
	struct fx *fx = *state;
	struct store_alert_in in = { .profile = "csdp",
		.score = 2,
		.terms_json = "[\"csdp\"]",
		.matched_ms = T0 };
	struct store_alert_filter flt = { 0 };
	struct store_outbox_row r1, r2, r3;
	struct store_reader *r = NULL;
	struct seen_alerts seen;
	struct store_doc *d;
	struct errbuf eb = { 0 };
	char id[STORE_ALERT_ID_SIZE], counts[256] = "";
	int64_t due, lease = 60000;

	open_store(fx);
	d = begin(fx, "news", T0, 0);
	in.item_id = offer(d, mk("a", "A", "https://ex.org/a", "s", T0))
	                 .item_id;
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	assert_int_equal(store_outbox_insert(fx->st, id, "hook", T0, &eb), 1);
	assert_int_equal(store_outbox_insert(fx->st, id, "mail", T0, &eb), 1);
	assert_int_equal(store_outbox_insert(fx->st, id, "mail", T0, &eb), 0);
	commit(d, T0);

	assert_int_equal(store_outbox_claim(fx->st, T0, lease, &r1), 1);
	assert_int_equal(store_outbox_claim(fx->st, T0, lease, &r2), 1);
	assert_string_equal(r1.target_id, "hook");
	assert_string_equal(r2.target_id, "mail");
	assert_string_equal(r1.alert_id, id);
	assert_int_equal(r1.attempts, 0);
	assert_int_equal(r1.created_ms, T0);
	/* Both in flight: nothing else is due until the lease ends. */
	assert_int_equal(store_outbox_claim(fx->st, T0 + 1, lease, &r3), 0);
	assert_int_equal(store_outbox_next_due(fx->st, &due), 1);
	assert_int_equal(due, T0 + lease);
	/* The sender of r1 died: its row comes due again by itself. */
	assert_int_equal(store_outbox_retry(fx->st, r2.id, T0 + 5 * lease, 503,
	                     "HTTP 503"),
	    0);
	assert_int_equal(store_outbox_claim(fx->st, T0 + lease, lease, &r3), 1);
	assert_int_equal(r3.id, r1.id);
	assert_int_equal(r3.attempts, 1);
	assert_int_equal(store_outbox_delivered(fx->st, r3.id, T0 + lease, 200),
	    0);
	/* A late outcome for a delivered row changes nothing. */
	assert_int_equal(store_outbox_retry(fx->st, r1.id, T0, 500, "late"), 0);
	assert_int_equal(store_outbox_dead(fx->st, r1.id, T0, 500, "late"), 0);
	assert_int_equal(store_outbox_next_due(fx->st, &due), 1);
	assert_int_equal(due, T0 + 5 * lease);
	assert_int_equal(store_outbox_claim(fx->st, T0 + 4 * lease, lease, &r3),
	    0);
	assert_int_equal(store_outbox_claim(fx->st, T0 + 5 * lease, lease, &r3),
	    1);
	assert_int_equal(r3.id, r2.id);
	assert_int_equal(r3.attempts, 1);
	assert_int_equal(store_outbox_dead(fx->st, r3.id, T0 + 5 * lease, 404,
	                     "HTTP 404"),
	    0);
	/* Delivered and dead are final: never claimed again. */
	assert_int_equal(store_outbox_claim(fx->st, T0 + 100 * DAY, lease, &r3),
	    0);
	assert_int_equal(store_outbox_next_due(fx->st, &due), 0);

	assert_int_equal(store_reader_open(&r, fx->path, &eb), 0);
	assert_int_equal(store_read_outbox(r, collect_counts, counts, &eb), 0);
	store_reader_free(r);
	assert_string_equal(counts,
	    "hook q=0 r=0 ok=1 dead=0;mail q=0 r=0 ok=0 dead=1;");

	flt.failed = 1;
	read_alerts(fx, &flt, &seen);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.ids[0], id);
	assert_string_equal(seen.states,
	    "hook:delivered:2:- mail:dead:2:HTTP 404 ");
	flt = (struct store_alert_filter){ .target = "hook",
		.feed = "news",
		.profile = "csdp",
		.since_ms = T0 };
	read_alerts(fx, &flt, &seen);
	assert_int_equal(seen.n, 1);
	flt.profile = "sanctions";
	read_alerts(fx, &flt, &seen);
	assert_int_equal(seen.n, 0);
	flt = (struct store_alert_filter){ .since_ms = T0 + 1 };
	read_alerts(fx, &flt, &seen);
	assert_int_equal(seen.n, 0);
}

static void
test_alert_id_stable(void **state)
{
	struct fx *fx = *state;
	struct store_alert_in in = { .profile = "csdp",
		.score = 1.25,
		.terms_json = "[\"a\",\"b\"]",
		.statement = "said",
		.speaker = "Minister",
		.matched_ms = T0 + 5 };
	struct seen_alerts seen;
	struct store_alert a;
	struct store_doc *d;
	struct errbuf eb = { 0 };
	char id[STORE_ALERT_ID_SIZE], again[STORE_ALERT_ID_SIZE];

	open_store(fx);
	d = begin(fx, "news", T0, 0);
	in.item_id = offer(d, mk("k1", "T", "https://ex.org/1", "s", T0))
	                 .item_id;
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	/* SHA-256("news\0k1\0csdp\0" + content hash as %016x), 128 bits;
	 * computed independently in Python. */
	assert_string_equal(id, "860f0630c4bb82f9baa15d555d156f6e");
	assert_int_equal(store_alert_insert(fx->st, &in, again, &eb), 0);
	assert_string_equal(id, again);
	commit(d, T0);
	store_alert_init(&a);
	assert_int_equal(store_alert_get(fx->st, id, &a, &eb), 0);
	assert_string_equal(a.feed, "news");
	assert_string_equal(a.item_key, "k1");
	assert_string_equal(a.title, "T");
	assert_string_equal(a.link, "https://ex.org/1");
	assert_string_equal(a.profile, "csdp");
	assert_true(a.score == 1.25);
	assert_string_equal(a.terms_json, "[\"a\",\"b\"]");
	assert_string_equal(a.statement, "said");
	assert_string_equal(a.speaker, "Minister");
	assert_int_equal(a.published_ms, T0);
	assert_int_equal(a.fetched_ms, T0);
	assert_int_equal(a.matched_ms, T0 + 5);
	store_alert_clear(&a);
	/* The CLI reads a file whose daemon has stopped (no -wal, -shm). */
	store_free(fx->st);
	fx->st = NULL;
	read_alerts(fx, &(struct store_alert_filter){ 0 }, &seen);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.ids[0], id);
}

static char *
raw_text(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	const unsigned char *t;
	char *v;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	t = sqlite3_column_text(s, 0);
	v = t != NULL ? strdup((const char *)t) : NULL;
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* Item text for replay: summary, else content, cut at a UTF-8 boundary. */
static void
test_summaries(void **state)
{
	struct fx *fx = *state;
	struct store_alert_in in = { .profile = "csdp",
		.score = 3,
		.terms_json = "[]",
		.summary = "Ministers met in Brussels.",
		.matched_ms = T0 };
	struct store_alert a;
	struct store_doc *d;
	struct errbuf eb = { 0 };
	char id[STORE_ALERT_ID_SIZE], *long_text, *t;
	struct item it;
	size_t n = 1 + 2 * 1500;

	/* "a" then 1,500 two-byte characters: byte 2,000 is the second
	 * byte of a character, so the cut falls back to 1,999. */
	long_text = malloc(n + 1);
	assert_non_null(long_text);
	long_text[0] = 'a';
	for (size_t i = 1; i < n; i += 2)
		memcpy(long_text + i, "\xc3\xa9", 2);
	long_text[n] = '\0';
	open_store(fx);
	d = begin(fx, "news", T0, 0);
	it = mk("c", "Content only", "https://ex.org/c", NULL, T0);
	it.content = long_text;
	offer(d, it);
	it = mk("s", "Both", "https://ex.org/s", "The summary", T0);
	it.content = (char *)"The content";
	in.item_id = offer(d, it).item_id;
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	offer(d, mk("n", "Neither", "https://ex.org/n", NULL, T0));
	commit(d, T0);
	assert_int_equal(raw_int(fx->path,
	                     "SELECT length(CAST(summary AS BLOB)) FROM items"
	                     " WHERE key = 'c'"),
	    1999);
	t = raw_text(fx->path, "SELECT summary FROM items WHERE key = 'c'");
	assert_int_equal(memcmp(t, long_text, 1999), 0);
	free(t);
	t = raw_text(fx->path, "SELECT summary FROM items WHERE key = 's'");
	assert_string_equal(t, "The summary");
	free(t);
	assert_null(
	    raw_text(fx->path, "SELECT summary FROM items WHERE key = 'n'"));
	/* An edit replaces the text. */
	d = begin(fx, "news", T0 + 1000, 0);
	assert_state(offer(d,
	                 mk("s", "Both", "https://ex.org/s", "Edited", T0)),
	    STORE_ITEM_EDITED, 0);
	commit(d, T0 + 1000);
	t = raw_text(fx->path, "SELECT summary FROM items WHERE key = 's'");
	assert_string_equal(t, "Edited");
	free(t);
	/* The alert keeps the summary it was given. */
	store_alert_init(&a);
	assert_int_equal(store_alert_get(fx->st, id, &a, &eb), 0);
	assert_string_equal(a.summary, "Ministers met in Brussels.");
	store_alert_clear(&a);
	free(long_text);
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
		.next_poll_ms = T0 + DAY };
	struct store_feed f;
	struct store_doc *d;
	struct errbuf eb = { 0 };

	open_store(fx);
	assert_int_equal(store_feed_ensure(fx->st, "news", "https://a/", &eb),
	    0);
	d = begin(fx, "news", T0 - 1000, 0);
	offer(d, mk("k", "K", "https://ex.org/k", "s", T0 - 1000));
	commit(d, T0 - 1000);
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
	/* History stays: the last poll, and the items (k is not new). */
	assert_int_equal(f.last_poll_ms, T0);
	assert_int_equal(f.items_stored, 1);
	store_feed_clear(&f);
	d = begin(fx, "news", T0 + 1000, 0);
	assert_state(offer(d, mk("k", "K", "https://ex.org/k", "s", T0 - 1000)),
	    STORE_ITEM_SEEN, 0);
	commit(d, T0 + 1000);
}

static int
collect_items(void *arg, const struct store_item_view *v)
{
	char *out = arg;
	size_t used = strlen(out);

	snprintf(out + used, 1024 - used, "%s/%s %s|%s|%s %lld %lld%s [",
	    v->feed, v->key, v->title ? v->title : "-", v->link ? v->link : "-",
	    v->summary ? v->summary : "-",
	    (long long)((v->published_ms - T0) / 1000),
	    (long long)((v->first_seen_ms - T0) / 1000),
	    v->backlog ? " backlog" : "");
	for (size_t i = 0; i < v->n_alerted; i++) {
		used = strlen(out);
		snprintf(out + used, 1024 - used, "%s%s", i ? "," : "",
		    v->alerted[i]);
	}
	used = strlen(out);
	snprintf(out + used, 1024 - used, "]\n");
	return 0;
}

static int
stop_items(void *arg, const struct store_item_view *v)
{
	(void)v;
	return ++*(int *)arg == 2 ? 7 : 0;
}

static void
test_read_items(void **state)
{
	struct fx *fx = *state;
	struct store_alert_in in = { .terms_json = "[]", .matched_ms = T0 };
	struct store_reader *r = NULL;
	struct store_doc *d;
	struct errbuf eb = { 0 };
	char id[STORE_ALERT_ID_SIZE], out[1024] = "";
	int n = 0;

	open_store(fx);
	/* First poll: old is backlog, a is new and alerts twice. */
	d = begin(fx, "news", T0, 0);
	offer(d, mk("old", "Old", "https://ex.org/old", "o", T0 - 5 * DAY));
	in.item_id = offer(d, mk("a", "A", "https://ex.org/a", "sa", T0))
	                 .item_id;
	in.profile = "sanctions";
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	in.profile = "csdp";
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	commit(d, T0);
	/* Later: b is new; a2 is a's GUID churn and is not walked. */
	d = begin(fx, "news", T0 + 10000, 0);
	offer(d, mk("b", "B", NULL, NULL, 0));
	assert_state(offer(d, mk("a2", "A", "https://ex.org/a", "sa", T0)),
	    STORE_ITEM_CHURN, 0);
	commit(d, T0 + 10000);
	d = begin(fx, "wire", T0 + 20000, 0);
	offer(d, mk("w", "W", "https://wire/w", "sw", T0 + 20000));
	commit(d, T0 + 20000);

	assert_int_equal(store_reader_open(&r, fx->path, &eb), 0);
	assert_int_equal(store_read_items(r, 0, collect_items, out, &eb), 0);
	assert_string_equal(out,
	    "news/old Old|https://ex.org/old|o -432000 0 backlog []\n"
	    "news/a A|https://ex.org/a|sa 0 0 [csdp,sanctions]\n"
	    "news/b B|-|- -1700000000 10 []\n"
	    "wire/w W|https://wire/w|sw 20 20 []\n");
	out[0] = '\0';
	assert_int_equal(store_read_items(r, T0 + 10000, collect_items, out,
	                     &eb),
	    0);
	assert_string_equal(out,
	    "news/b B|-|- -1700000000 10 []\n"
	    "wire/w W|https://wire/w|sw 20 20 []\n");
	/* A callback's non-zero return stops the walk and is returned. */
	assert_int_equal(store_read_items(r, 0, stop_items, &n, &eb), 7);
	assert_int_equal(n, 2);
	store_reader_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_then_seen, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_feeds_are_separate, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_guid_churn, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_edit_no_realert, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_edit_realert, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_backlog_first_poll, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_undated_first_poll, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_guid_rewrite_event, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_retention, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_prune_limit_and_alerts,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_v1, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_db_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unreadable_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_second_daemon_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_crash_atomicity, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_feed_update, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_outbox, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alert_id_stable, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_summaries, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_feed_url_change, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_read_items, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
