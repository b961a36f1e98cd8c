/*
 * helpers.h -- helpers shared by unit suites.  The Makefile links
 * tests/unit/helpers.c into every build/tests/test_* binary, so a helper
 * more than one suite needs lives here once instead of being copied.
 *
 * The store fixture (test_store.c, test_store_items.c, test_store_alerts.c):
 * a fresh temp dir per test holding the state file, and short wrappers
 * around the store's document calls that fail the running test, with the
 * errbuf's message, instead of returning an error.
 */
#ifndef UKEUWATCH_TESTS_UNIT_HELPERS_H
#define UKEUWATCH_TESTS_UNIT_HELPERS_H

#include <stdint.h>

#include "lib/item.h"
#include "store/store.h"
#include "store/store_doc.h"

#define DAY     (86400 * 1000LL)
#define T0      (1700000000 * 1000LL) /* 2023-11-14 */
#define BACKLOG (2 * DAY)

struct fx {
	char dir[64];     /* the temp dir, removed by fx_teardown */
	char path[96];    /* dir/state.db */
	struct store *st; /* owned; NULL until fx_open */
};

/* cmocka setup/teardown: *state becomes a struct fx with a new temp dir;
 * teardown frees the store and removes the dir. */
int fx_setup(void **state);
int fx_teardown(void **state);

/* Open fx->path into fx->st; fails the test on error. */
void fx_open(struct fx *fx);

/* An item on the stack: the strings are borrowed literals.  published_ms 0
 * means no date. */
struct item fx_item(const char *key, const char *title, const char *link,
    const char *summary, int64_t published_ms);

/* Begin a document for feed at now (backlog window BACKLOG). */
struct store_doc *fx_begin(struct fx *fx, const char *feed, int64_t now,
    int realert);

/* Offer one item to d; returns the verdict. */
struct store_verdict fx_offer(struct store_doc *d, struct item it);

/* Commit d as a 200 poll at now; returns the summary. */
struct store_doc_summary fx_commit(struct store_doc *d, int64_t now);

/* A first poll with history seeded: a and b are new at T0. */
void fx_seed_ab(struct fx *fx);

/* The first column of the first row of sql, on a connection of its own. */
int64_t fx_raw_int(const char *path, const char *sql);

/* v is evaluated once: it is usually an fx_offer() call. */
#define assert_state(v, s, a)                                                  \
	do {                                                                   \
		struct store_verdict v_ = (v);                                 \
		assert_string_equal(store_item_state_name(v_.state),           \
		    store_item_state_name(s));                                 \
		assert_int_equal(v_.alert, (a));                               \
	} while (0)

#endif
