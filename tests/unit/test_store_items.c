/*
 * test_store_items.c -- the store's item rows against real SQLite files in
 * a temp dir: the new-item rule, churn, edits, backlog, rewrite events,
 * retention, stored item text and the item walk for readers.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "lib/errbuf.h"
#include "lib/item.h"
#include "store/store.h"
#include "store/store_alerts.h"
#include "store/store_doc.h"
#include "store/store_feeds.h"
#include "store/store_health.h"
#include "store/store_outbox.h"
#include "store/store_read.h"
#include "tests/unit/helpers.h"

static void
test_new_then_seen(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;
	struct store_doc_summary sum;

	fx_open(fx);
	fx_seed_ab(fx);
	d = fx_begin(fx, "news", T0 + 600000, 0);
	assert_state(fx_offer(d,
	                 fx_item("a", "Alpha", "https://ex.org/a", "s",
	                     T0 - 3600000)),
	    STORE_ITEM_SEEN, 0);
	assert_state(fx_offer(d,
	                 fx_item("c", "Gamma", "https://ex.org/c", "s", 0)),
	    STORE_ITEM_NEW, 1);
	/* The same key twice in one document is new only once. */
	assert_state(fx_offer(d,
	                 fx_item("c", "Gamma", "https://ex.org/c", "s", 0)),
	    STORE_ITEM_SEEN, 0);
	sum = fx_commit(d, T0 + 600000);
	assert_int_equal(sum.items, 3);
	assert_int_equal(sum.new_items, 1);
	assert_int_equal(sum.seen, 2);
	assert_int_equal(sum.first_poll, 0);

	/* After a restart nothing is new again. */
	store_free(fx->st);
	fx->st = NULL;
	fx_open(fx);
	d = fx_begin(fx, "news", T0 + DAY, 0);
	assert_state(fx_offer(d,
	                 fx_item("b", "Beta", "https://ex.org/b", "s",
	                     T0 - 7200000)),
	    STORE_ITEM_SEEN, 0);
	assert_state(fx_offer(d,
	                 fx_item("c", "Gamma", "https://ex.org/c", "s", 0)),
	    STORE_ITEM_SEEN, 0);
	fx_commit(d, T0 + DAY);
}

/*
 * Keys of items without guid or link no longer hash their date (issue 20):
 * an item stored under its old "hash:" key is found through old_key, not
 * taken for new, and from then on is stored under its new key.
 */
static void
test_old_key_is_migrated(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;
	struct item it;

	fx_open(fx);
	d = fx_begin(fx, "news", T0, 0);
	assert_state(fx_offer(d, fx_item("hash:old", "Delta", NULL, "s", T0)),
	    STORE_ITEM_NEW, 1);
	fx_commit(d, T0);
	d = fx_begin(fx, "news", T0 + 600000, 0);
	it = fx_item("text:new", "Delta", NULL, "s", T0 + 60000);
	it.old_key = (char *)"hash:old";
	assert_int_not_equal(fx_offer(d, it).state, STORE_ITEM_NEW);
	fx_commit(d, T0 + 600000);
	d = fx_begin(fx, "news", T0 + 1200000, 0);
	/* found under its new key now, whatever its old one was */
	it = fx_item("text:new", "Delta", NULL, "s", T0 + 120000);
	it.old_key = (char *)"hash:other";
	assert_int_not_equal(fx_offer(d, it).state, STORE_ITEM_NEW);
	fx_commit(d, T0 + 1200000);
	assert_int_equal(fx_raw_int(fx->path,
	                     "SELECT count(*) FROM items WHERE key = "
	                     "'text:new'"),
	    1);
}

static void
test_feeds_are_separate(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;

	fx_open(fx);
	fx_seed_ab(fx);
	d = fx_begin(fx, "other", T0, 0);
	/* Same key and link in another feed: new there (its first poll,
	 * recent, so it alerts). */
	assert_state(fx_offer(d,
	                 fx_item("a", "Alpha", "https://ex.org/a", "s",
	                     T0 - 3600000)),
	    STORE_ITEM_NEW, 1);
	fx_commit(d, T0);
}

static void
test_guid_churn(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;
	struct store_doc_summary sum;

	fx_open(fx);
	fx_seed_ab(fx);
	d = fx_begin(fx, "news", T0 + 600000, 0);
	/* New keys, same link (other scheme, www., slash, fragment) and
	 * title (case, spacing). */
	assert_state(fx_offer(d,
	                 fx_item("a2", " ALPHA ", "http://www.EX.org/a/#top",
	                     "s", T0)),
	    STORE_ITEM_CHURN, 0);
	/* The path is case-sensitive: a different page is a new item. */
	assert_state(fx_offer(d,
	                 fx_item("b2", "Beta", "https://ex.org/B", "s", T0)),
	    STORE_ITEM_NEW, 1);
	/* Same link, other title: new. */
	assert_state(fx_offer(d,
	                 fx_item("b3", "Beta 2", "https://ex.org/b", "s", T0)),
	    STORE_ITEM_NEW, 1);
	assert_state(fx_offer(d,
	                 fx_item("b", "Beta", "https://ex.org/b", "s",
	                     T0 - 7200000)),
	    STORE_ITEM_SEEN, 0);
	sum = fx_commit(d, T0 + 600000);
	assert_int_equal(sum.churned, 1);
	assert_int_equal(sum.guid_rewrite, 0);
	/* The churned key is remembered: next time it is simply seen. */
	d = fx_begin(fx, "news", T0 + 1200000, 0);
	assert_state(fx_offer(d,
	                 fx_item("a2", " ALPHA ", "http://www.EX.org/a/#top",
	                     "s", T0)),
	    STORE_ITEM_SEEN, 0);
	fx_commit(d, T0 + 1200000);
}

static void
edits(struct fx *fx, int realert)
{
	struct store_doc *d;
	struct store_verdict v;
	struct store_alert_in in = { .profile = "csdp",
		.score = 3.5,
		.terms = (const char *[]){ "csdp" },
		.n_terms = 1,
		.matched_ms = T0 };
	char id1[STORE_ALERT_ID_SIZE], id2[STORE_ALERT_ID_SIZE];
	struct errbuf eb = { 0 };

	fx_open(fx);
	d = fx_begin(fx, "news", T0, realert);
	v = fx_offer(d, fx_item("a", "Alpha", "https://ex.org/a", "one", T0));
	in.item_id = v.item_id;
	assert_int_equal(store_alert_insert(fx->st, &in, id1, &eb), 1);
	fx_commit(d, T0);

	d = fx_begin(fx, "news", T0 + 600000, realert);
	v = fx_offer(d, fx_item("a", "Alpha", "https://ex.org/a", "two", T0));
	assert_state(v, STORE_ITEM_EDITED, realert);
	in.item_id = v.item_id;
	assert_int_equal(store_alert_insert(fx->st, &in, id2, &eb), 1);
	/* An edit that alerts again has its own id. */
	assert_string_not_equal(id1, id2);
	assert_int_equal(fx_commit(d, T0 + 600000).edited, 1);

	/* The edited content is now the stored one. */
	d = fx_begin(fx, "news", T0 + 1200000, realert);
	assert_state(fx_offer(d,
	                 fx_item("a", "Alpha", "https://ex.org/a", "two", T0)),
	    STORE_ITEM_SEEN, 0);
	fx_commit(d, T0 + 1200000);
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

	fx_open(fx);
	d = fx_begin(fx, "news", T0, 0);
	assert_state(fx_offer(d,
	                 fx_item("old", "Old", "https://ex.org/o", "s",
	                     T0 - 3 * DAY)),
	    STORE_ITEM_BACKLOG, 0);
	assert_state(fx_offer(d,
	                 fx_item("edge", "Edge", "https://ex.org/e", "s",
	                     T0 - BACKLOG)),
	    STORE_ITEM_NEW, 1);
	assert_state(fx_offer(d,
	                 fx_item("new", "New", "https://ex.org/n", "s",
	                     T0 - 3600000)),
	    STORE_ITEM_NEW, 1);
	sum = fx_commit(d, T0);
	assert_int_equal(sum.first_poll, 1);
	assert_int_equal(sum.backlog, 1);
	assert_int_equal(sum.new_items, 2);

	/* With history, an old-dated item that appears is new. */
	d = fx_begin(fx, "news", T0 + DAY, 0);
	assert_state(fx_offer(d,
	                 fx_item("late", "Late", "https://ex.org/l", "s",
	                     T0 - 10 * DAY)),
	    STORE_ITEM_NEW, 1);
	assert_state(fx_offer(d,
	                 fx_item("old", "Old", "https://ex.org/o", "s",
	                     T0 - 3 * DAY)),
	    STORE_ITEM_SEEN, 0);
	assert_int_equal(fx_commit(d, T0 + DAY).first_poll, 0);
}

static void
test_undated_first_poll(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;
	struct item it;

	fx_open(fx);
	/* An empty first document leaves the feed without history. */
	d = fx_begin(fx, "news", T0 - DAY, 0);
	assert_int_equal(fx_commit(d, T0 - DAY).first_poll, 1);

	d = fx_begin(fx, "news", T0, 0);
	assert_state(fx_offer(d,
	                 fx_item("u1", "U1", "https://ex.org/1", "s", 0)),
	    STORE_ITEM_BACKLOG, 0);
	/* updated stands in for a missing published. */
	it = fx_item("u2", "U2", "https://ex.org/2", "s", 0);
	it.updated = (T0 - 60000) / 1000;
	assert_state(fx_offer(d, it), STORE_ITEM_NEW, 1);
	fx_commit(d, T0);

	d = fx_begin(fx, "news", T0 + 600000, 0);
	assert_state(fx_offer(d,
	                 fx_item("u3", "U3", "https://ex.org/3", "s", 0)),
	    STORE_ITEM_NEW, 1);
	fx_commit(d, T0 + 600000);
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

	fx_open(fx);
	d = fx_begin(fx, "news", T0, 0);
	for (int i = 0; i < 4; i++)
		fx_offer(d, fx_item(keys[i], "Title", links[i], "s", T0));
	fx_commit(d, T0);

	d = fx_begin(fx, "news", T0 + 600000, 0);
	for (int i = 0; i < 4; i++) {
		snprintf(key, sizeof(key), "urn:%d", i);
		assert_state(fx_offer(d,
		                 fx_item(key, "title", links[i], "s", T0)),
		    STORE_ITEM_CHURN, 0);
	}
	assert_state(fx_offer(d,
	                 fx_item("urn:9", "Fresh", "https://ex.org/9", "s",
	                     T0)),
	    STORE_ITEM_NEW, 1);
	sum = fx_commit(d, T0 + 600000);
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

/*
 * Issue 20.3: a run with the clock 100 days ahead stored times in the
 * future; back at the real time, nothing is pruned (the cutoff of a clock
 * behind the data cannot be trusted), and -ERANGE says why.
 */
static void
test_prune_refuses_clock_behind(void **state)
{
	struct fx *fx = *state;
	struct store_doc *d;
	struct store_feed f;
	struct errbuf eb = { 0 };
	int64_t ahead = T0 + 100 * DAY;

	fx_open(fx);
	fx_seed_ab(fx);
	d = fx_begin(fx, "news", ahead, 0);
	fx_offer(d,
	    fx_item("b", "Beta", "https://ex.org/b", "s", T0 - 7200000));
	fx_commit(d, ahead);
	assert_int_equal(store_prune(fx->st, T0 + DAY, 0, 1000, &eb), -ERANGE);
	assert_non_null(strstr(eb.msg, "behind the newest time stored"));
	store_feed_init(&f);
	assert_int_equal(store_feed_get(fx->st, "news", &f, &eb), 0);
	assert_int_equal(f.items_stored, 2);
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

	fx_open(fx);
	fx_seed_ab(fx);
	/* b stays in the feed, a is gone. */
	d = fx_begin(fx, "news", later, 0);
	fx_offer(d,
	    fx_item("b", "Beta", "https://ex.org/b", "s", T0 - 7200000));
	fx_commit(d, later);
	assert_int_equal(store_prune(fx->st, later, 90 * DAY, 1000, &eb), 1);
	assert_int_equal(store_prune(fx->st, later, 90 * DAY, 1000, &eb), 0);
	store_feed_init(&f);
	assert_int_equal(store_feed_get(fx->st, "news", &f, &eb), 0);
	assert_int_equal(f.items_stored, 1);
	store_feed_clear(&f);
	/* A pruned item that comes back is new again (it left long ago). */
	d = fx_begin(fx, "news", later + 1000, 0);
	assert_state(fx_offer(d,
	                 fx_item("a", "Alpha", "https://ex.org/a", "s",
	                     T0 - 3600000)),
	    STORE_ITEM_NEW, 1);
	fx_commit(d, later + 1000);
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

	fx_open(fx);
	d = fx_begin(fx, "news", T0, 0);
	for (int i = 0; i < 5; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		in.item_id = fx_offer(d,
		    fx_item(key, key, "https://ex.org/", "s", T0))
		                 .item_id;
	}
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	in.profile = "q";
	assert_int_equal(store_alert_insert(fx->st, &in, id2, &eb), 1);
	assert_int_equal(store_outbox_insert(fx->st,
	                     (const char *const[]){ id2 }, 1, "hook", T0, &eb),
	    1);
	fx_commit(d, T0);
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
	fx_open(fx);
	d = fx_begin(fx, "news", T0, 0);
	it = fx_item("c", "Content only", "https://ex.org/c", NULL, T0);
	it.content = long_text;
	fx_offer(d, it);
	it = fx_item("s", "Both", "https://ex.org/s", "The summary", T0);
	it.content = (char *)"The content";
	in.item_id = fx_offer(d, it).item_id;
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	fx_offer(d, fx_item("n", "Neither", "https://ex.org/n", NULL, T0));
	fx_commit(d, T0);
	assert_int_equal(fx_raw_int(fx->path,
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
	d = fx_begin(fx, "news", T0 + 1000, 0);
	assert_state(fx_offer(d,
	                 fx_item("s", "Both", "https://ex.org/s", "Edited",
	                     T0)),
	    STORE_ITEM_EDITED, 0);
	fx_commit(d, T0 + 1000);
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
	struct store_alert_in in = { .matched_ms = T0 };
	struct store_reader *r = NULL;
	struct store_doc *d;
	struct errbuf eb = { 0 };
	char id[STORE_ALERT_ID_SIZE], out[1024] = "";
	int n = 0;

	fx_open(fx);
	/* First poll: old is backlog, a is new and alerts twice. */
	d = fx_begin(fx, "news", T0, 0);
	fx_offer(d,
	    fx_item("old", "Old", "https://ex.org/old", "o", T0 - 5 * DAY));
	in.item_id = fx_offer(d,
	    fx_item("a", "A", "https://ex.org/a", "sa", T0))
	                 .item_id;
	in.profile = "sanctions";
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	in.profile = "csdp";
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	fx_commit(d, T0);
	/* Later: b is new; a2 is a's GUID churn and is not walked. */
	d = fx_begin(fx, "news", T0 + 10000, 0);
	fx_offer(d, fx_item("b", "B", NULL, NULL, 0));
	assert_state(fx_offer(d,
	                 fx_item("a2", "A", "https://ex.org/a", "sa", T0)),
	    STORE_ITEM_CHURN, 0);
	fx_commit(d, T0 + 10000);
	d = fx_begin(fx, "wire", T0 + 20000, 0);
	fx_offer(d, fx_item("w", "W", "https://wire/w", "sw", T0 + 20000));
	fx_commit(d, T0 + 20000);

	assert_int_equal(store_reader_open(&r, fx->path, STORE_READ_WAIT_MS,
	                     &eb),
	    0);
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
		cmocka_unit_test_setup_teardown(test_new_then_seen, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_old_key_is_migrated,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_feeds_are_separate,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_guid_churn, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_edit_no_realert, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_edit_realert, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_backlog_first_poll,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_undated_first_poll,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_guid_rewrite_event,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_prune_refuses_clock_behind,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_retention, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_prune_limit_and_alerts,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_summaries, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_read_items, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
