/* test_hostq.c -- per-host queues: caps, turns, removal, moves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "feeds/hostq.h"

struct feed {
	struct hostq_entry e;
	int id;
};

static int
id_of(struct hostq_entry *e)
{
	return e ? ((struct feed *)((char *)e - offsetof(struct feed, e)))->id :
	           -1;
}

static void
test_cap_and_turns(void **state)
{
	struct feed f[6] = { 0 };
	struct hostq *q;
	const char *hosts[] = { "a", "a", "a", "b", "b", "c" };

	(void)state;
	assert_int_equal(hostq_new(&q, 1), 0);
	for (int i = 0; i < 6; i++) {
		f[i].id = i;
		assert_int_equal(hostq_bind(q, &f[i].e, hosts[i]), 0);
		hostq_push(q, &f[i].e);
	}
	/* One per host, hosts in the order they became ready. */
	assert_int_equal(id_of(hostq_pop(q)), 0);
	assert_int_equal(id_of(hostq_pop(q)), 3);
	assert_int_equal(id_of(hostq_pop(q)), 5);
	assert_null(hostq_pop(q)); /* a and b are at their cap */
	hostq_done(q, &f[3].e);
	assert_int_equal(id_of(hostq_pop(q)), 4);
	assert_null(hostq_pop(q));
	hostq_done(q, &f[0].e);
	assert_int_equal(id_of(hostq_pop(q)), 1);
	/* A running entry is not queued twice. */
	hostq_push(q, &f[1].e);
	hostq_done(q, &f[1].e);
	assert_int_equal(id_of(hostq_pop(q)), 2);
	assert_null(hostq_pop(q));
	hostq_free(q);
}

static void
test_remove_clear_and_no_cap(void **state)
{
	struct feed f[4] = { 0 };
	struct hostq *q;

	(void)state;
	assert_int_equal(hostq_new(&q, 0), 0);
	for (int i = 0; i < 4; i++) {
		f[i].id = i;
		assert_int_equal(hostq_bind(q, &f[i].e, "same"), 0);
		hostq_push(q, &f[i].e);
	}
	hostq_remove(q, &f[1].e);
	hostq_remove(q, &f[1].e); /* twice is harmless */
	assert_int_equal(id_of(hostq_pop(q)), 0);
	assert_int_equal(id_of(hostq_pop(q)), 2); /* no cap: all may run */
	hostq_clear(q);
	assert_null(hostq_pop(q));
	hostq_push(q, &f[1].e);
	assert_int_equal(id_of(hostq_pop(q)), 1);
	hostq_free(q);
}

static void
test_move_and_cap_change(void **state)
{
	struct feed f[3] = { 0 };
	struct hostq *q;

	(void)state;
	assert_int_equal(hostq_new(&q, 1), 0);
	for (int i = 0; i < 3; i++) {
		f[i].id = i;
		assert_int_equal(hostq_bind(q, &f[i].e, "old"), 0);
		hostq_push(q, &f[i].e);
	}
	assert_int_equal(id_of(hostq_pop(q)), 0);
	/* A queued entry moves with its URL; the running one stays counted
	 * on the host it started on until it is done. */
	assert_int_equal(hostq_bind(q, &f[1].e, "new"), 0);
	assert_int_equal(hostq_bind(q, &f[0].e, "new"), 0);
	assert_int_equal(id_of(hostq_pop(q)), 1);
	assert_null(hostq_pop(q));
	hostq_done(q, &f[0].e); /* frees "old" */
	assert_int_equal(id_of(hostq_pop(q)), 2);
	hostq_push(q, &f[0].e);
	assert_null(hostq_pop(q)); /* "new" runs f[1] */
	hostq_set_cap(q, 2);
	assert_int_equal(id_of(hostq_pop(q)), 0);
	hostq_free(q);
}

/* Many feeds on one host: each pop is O(1), so this stays instant. */
static void
test_many_on_one_host(void **state)
{
	static struct feed f[20000];
	struct hostq *q;
	int n = 0;

	(void)state;
	memset(f, 0, sizeof(f));
	assert_int_equal(hostq_new(&q, 2), 0);
	for (int i = 0; i < 20000; i++) {
		f[i].id = i;
		assert_int_equal(hostq_bind(q, &f[i].e, "www.gov.uk"), 0);
		hostq_push(q, &f[i].e);
	}
	for (;;) {
		struct hostq_entry *a = hostq_pop(q), *b = hostq_pop(q);

		assert_null(hostq_pop(q));
		if (a == NULL)
			break;
		assert_int_equal(id_of(a), n++);
		hostq_done(q, a);
		if (b != NULL) {
			assert_int_equal(id_of(b), n++);
			hostq_done(q, b);
		}
	}
	assert_int_equal(n, 20000);
	hostq_free(q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cap_and_turns),
		cmocka_unit_test(test_remove_clear_and_no_cap),
		cmocka_unit_test(test_move_and_cap_change),
		cmocka_unit_test(test_many_on_one_host),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
