/*
 * helpers.c -- helpers shared by unit suites (see helpers.h); today the
 * store fixture of test_store*.c.
 */
#include "tests/unit/helpers.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "lib/errbuf.h"

int
fx_setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	strcpy(fx->dir, "/tmp/test_store.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->path, sizeof(fx->path), "%s/state.db", fx->dir);
	*state = fx;
	return 0;
}

int
fx_teardown(void **state)
{
	struct fx *fx = *state;
	char cmd[128];

	store_free(fx->st);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", fx->dir);
	assert_int_equal(system(cmd), 0);
	free(fx);
	return 0;
}

void
fx_open(struct fx *fx)
{
	struct errbuf eb = { 0 };
	int rc = store_open(&fx->st, fx->path, &eb);

	if (rc < 0)
		fail_msg("store_open: %s", eb.msg);
}

struct item
fx_item(const char *key, const char *title, const char *link,
    const char *summary, int64_t published_ms)
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

struct store_doc *
fx_begin(struct fx *fx, const char *feed, int64_t now, int realert)
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

struct store_verdict
fx_offer(struct store_doc *d, struct item it)
{
	struct store_verdict v;
	struct errbuf eb = { 0 };

	if (store_doc_item(d, &it, &v, &eb) < 0)
		fail_msg("store_doc_item: %s", eb.msg);
	return v;
}

struct store_doc_summary
fx_commit(struct store_doc *d, int64_t now)
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

void
fx_seed_ab(struct fx *fx)
{
	struct store_doc *d = fx_begin(fx, "news", T0, 0);

	assert_state(fx_offer(d,
	                 fx_item("a", "Alpha", "https://ex.org/a", "s",
	                     T0 - 3600000)),
	    STORE_ITEM_NEW, 1);
	assert_state(fx_offer(d,
	                 fx_item("b", "Beta", "https://ex.org/b", "s",
	                     T0 - 7200000)),
	    STORE_ITEM_NEW, 1);
	fx_commit(d, T0);
}

int64_t
fx_raw_int(const char *path, const char *sql)
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
