/*
 * test_prom.c -- the metrics registry (lib/metrics) and its exposition:
 * bounded labels, class names, histogram buckets, the text format.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/buf.h"
#include "lib/metrics.h"
#include "web/prom.h"

static int
reset(void **state)
{
	(void)state;
	metrics_reset();
	return 0;
}

static void
test_label_escape(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(prom_label_value(&b, "a\"b\\c\nd"), 0);
	assert_string_equal(buf_str(&b), "a\\\"b\\\\c\\nd");
	buf_clear(&b);
}

static void
test_bounded_labels(void **state)
{
	const char *names[] = { "csdp", "sanctions" };
	const struct metrics *m = metrics_get();

	(void)state;
	metrics_set_labels(METRICS_PROFILE, names, 2);
	metrics_set_labels(METRICS_PROFILE, names, 2); /* a reload: no dup */
	metrics_alert("csdp");
	metrics_alert("csdp");
	metrics_alert("made-up-by-a-feed");
	metrics_alert(NULL);
	assert_int_equal(m->n_labels[METRICS_PROFILE], 3);
	assert_string_equal(m->names[METRICS_PROFILE][0], "other");
	assert_int_equal(m->alerts[1], 2);
	assert_int_equal(m->alerts[2], 0);
	assert_int_equal(m->alerts[0], 2);
}

static void
test_poll_classes(void **state)
{
	(void)state;
	assert_int_equal(metrics_poll_class(NULL), METRICS_POLL_OK);
	assert_int_equal(metrics_poll_class("timeout"), METRICS_POLL_TIMEOUT);
	assert_int_equal(metrics_poll_class("not-a-feed"),
	    METRICS_POLL_NOT_A_FEED);
	assert_int_equal(metrics_poll_class("weird"), METRICS_POLL_OTHER);
	assert_string_equal(metrics_poll_name(METRICS_POLL_TOO_LARGE),
	    "too-large");
}

static void
test_exposition(void **state)
{
	const char *targets[] = { "ops" };
	struct buf b;
	const char *t;

	(void)state;
	metrics_set_labels(METRICS_TARGET, targets, 1);
	metrics_poll(METRICS_POLL_OK, 1000, 10, 2);
	metrics_poll(METRICS_POLL_UNCHANGED, 0, 0, 0);
	metrics_poll(METRICS_POLL_UNCHANGED, 0, 0, 0);
	metrics_poll(METRICS_POLL_UNCHANGED, 0, 0, 0);
	/* published 90 s and detected 3 s before delivery */
	metrics_delivery("ops", METRICS_DELIVERED, 10000, 97000, 100000);
	metrics_delivery("ops", METRICS_DEAD, 0, 0, 100000);
	buf_init(&b, 0);
	assert_int_equal(prom_counters(&b, metrics_get()), 0);
	t = buf_str(&b);
	assert_non_null(strstr(t, "# TYPE ukeuwatch_polls_total counter\n"));
	assert_non_null(strstr(t, "ukeuwatch_polls_total{result=\"ok\"} 1\n"));
	assert_non_null(
	    strstr(t, "ukeuwatch_polls_total{result=\"unchanged\"} 3\n"));
	assert_non_null(strstr(t, "ukeuwatch_polls_unchanged_ratio 0.7500\n"));
	assert_non_null(strstr(t, "ukeuwatch_fetched_bytes_total 1000\n"));
	assert_non_null(strstr(t, "ukeuwatch_items_new_total 2\n"));
	assert_non_null(strstr(t,
	    "ukeuwatch_deliveries_total{target=\"ops\","
	    "outcome=\"delivered\"} 1\n"));
	assert_non_null(strstr(t,
	    "ukeuwatch_deliveries_total{target=\"ops\","
	    "outcome=\"dead\"} 1\n"));
	assert_non_null(strstr(t,
	    "# TYPE ukeuwatch_delivery_from_published_seconds histogram\n"));
	/* 90 s: above 60, in the le="120" bucket; buckets are cumulative */
	assert_non_null(strstr(t,
	    "ukeuwatch_delivery_from_published_seconds_"
	    "bucket{le=\"60\"} 0\n"));
	assert_non_null(strstr(t,
	    "ukeuwatch_delivery_from_published_seconds_"
	    "bucket{le=\"120\"} 1\n"));
	assert_non_null(strstr(t,
	    "ukeuwatch_delivery_from_published_seconds_"
	    "bucket{le=\"+Inf\"} 1\n"));
	assert_non_null(strstr(t,
	    "ukeuwatch_delivery_from_published_seconds_sum 90.000\n"));
	assert_non_null(strstr(t,
	    "ukeuwatch_delivery_from_detected_seconds_"
	    "bucket{le=\"5\"} 1\n"));
	assert_non_null(
	    strstr(t, "ukeuwatch_delivery_from_detected_seconds_count 1\n"));
	buf_clear(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_label_escape, reset),
		cmocka_unit_test_setup(test_bounded_labels, reset),
		cmocka_unit_test_setup(test_poll_classes, reset),
		cmocka_unit_test_setup(test_exposition, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
