/*
 * test_alert -- the two ways an alert is filled: from a match
 * (alert_from_match) and from a stored row (alert_from_row).  The round
 * trip goes through a real store: an alert built from a match, inserted
 * with alert_to_store_in, read back and rebuilt must render the same bytes
 * in every webhook format, in mail, and as the alert's own JSON.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "alerts/alert.h"
#include "alerts/mail.h"
#include "alerts/payload.h"
#include "helpers.h"
#include "lib/buf.h"
#include "lib/conf.h"
#include "lib/errbuf.h"
#include "store/store.h"
#include "store/store_alerts.h"

/* One alert as a message of one (borrowed). */
#define MSG1(a) (&(const struct alert_msg){ (struct alert *)(a), 1 })

static const char *const terms[] = { "csdp", "mission civile",
	"\xc3\xa9quipe \"q\"" };
static const struct alert_hit hit = { .profile = "csdp",
	.score = 12.5,
	.terms = terms,
	.n_terms = 3,
	.statement = "We will act",
	.speaker = "Minister",
	.statement_quoted = 1 };

static void
test_from_match(void **state)
{
	struct item it = fx_item("k", "Title", "https://ex.org/1", NULL, 0);
	struct alert a;

	(void)state;
	it.content = (char *)"the content";
	alert_init(&a);
	assert_int_equal(alert_from_match(&a, &it, "news", NULL, &hit, T0,
	                     T0 + 5),
	    0);
	assert_null(a.id); /* the store gives it */
	assert_string_equal(a.profile, "csdp");
	assert_true(a.score == 12.5);
	assert_int_equal(a.n_terms, 3);
	assert_string_equal(a.terms[2], terms[2]);
	assert_string_equal(a.summary, "the content"); /* no summary */
	assert_string_equal(a.feed_name, "news");
	assert_null(a.feed_url);
	assert_true(a.published_ms == ALERT_TIME_NONE);
	assert_true(a.fetched_ms == T0);
	assert_true(a.matched_ms == T0 + 5);
	alert_clear(&a);
}

/* Every rendering of a, concatenated: the bytes a receiver would get. */
static char *
renderings(const struct alert *a)
{
	static char to1[] = "ops@example.org";
	static char *to_list[] = { to1 };
	struct target_conf t = { .name = (char *)"m",
		.type = TARGET_TYPE_MAIL,
		.from = (char *)"ukeuwatch <alerts@watch.example>",
		.to = { .v = to_list, .n = 1 } };
	struct errbuf eb = { 0 };
	struct buf out;
	json_t *j;
	char *s;

	buf_init(&out, 0);
	for (int f = TARGET_FORMAT_JSON; f <= TARGET_FORMAT_MATTERMOST; f++) {
		assert_int_equal(payload_render((enum target_format)f, MSG1(a),
		                     &out, &eb),
		    0);
		assert_int_equal(buf_appends(&out, "\n"), 0);
	}
	assert_int_equal(mail_message(&out, &t, MSG1(a), T0 / 1000, &eb), 0);
	j = alert_to_json(a);
	s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	assert_non_null(s);
	assert_int_equal(buf_appends(&out, s), 0);
	free(s);
	return buf_take(&out);
}

/* Insert a (built from a match on it) and read it back as b. */
static void
store_and_reload(struct fx *fx, struct item it, struct alert *a,
    struct alert *b)
{
	struct errbuf eb = { 0 };
	char id[STORE_ALERT_ID_SIZE];
	struct store_alert_in in;
	struct store_alert row;
	struct store_doc *d;

	fx_open(fx);
	d = fx_begin(fx, "news", T0, 0);
	assert_int_equal(alert_from_match(a, &it, "news", "https://ex.org/feed",
	                     &hit, T0, T0 + 250),
	    0);
	alert_to_store_in(a, fx_offer(d, it).item_id, &in);
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	assert_int_equal(alert_set(&a->id, id), 0);
	fx_commit(d, T0);
	store_alert_init(&row);
	assert_int_equal(store_alert_get(fx->st, id, &row, &eb), 0);
	assert_int_equal(alert_from_row(b, &row, "https://ex.org/feed"), 0);
	store_alert_clear(&row);
}

static void
round_trip(struct fx *fx, struct item it)
{
	struct alert a, b;
	char *before, *after;

	alert_init(&a);
	alert_init(&b);
	store_and_reload(fx, it, &a, &b);
	before = renderings(&a);
	after = renderings(&b);
	assert_string_equal(after, before);
	free(before);
	free(after);
	alert_clear(&a);
	alert_clear(&b);
}

static void
test_round_trip(void **state)
{
	round_trip(*state,
	    fx_item("k1", "EU *mission* <!channel> \xf0\x9f\x98\x80",
	        "https://ex.org/a?x=1&y=2", "Line one.\n.dot @everyone",
	        T0 - 3600000));
}

/* An undated item: published is null before and after. */
static void
test_round_trip_undated(void **state)
{
	round_trip(*state, fx_item("k2", NULL, NULL, NULL, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_from_match),
		cmocka_unit_test_setup_teardown(test_round_trip, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_undated,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
