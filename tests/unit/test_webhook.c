/*
 * test_webhook -- webhook_setup against payloads too large for their
 * format (issue 15.6): what can be dropped is dropped and the payload
 * stays valid; what still does not fit is -EFBIG with a reason, which the
 * outbox dead-letters at once.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <jansson.h>

#include "alerts/alert.h"
#include "alerts/webhook.h"
#include "lib/buf.h"
#include "lib/conf.h"
#include "lib/errbuf.h"
#include "lib/secret.h"

static void
sample(struct alert *a, size_t link_len)
{
	char *link = malloc(link_len + 1);

	assert_non_null(link);
	memset(link, 'a', link_len);
	memcpy(link, "https://x.example/", 18);
	link[link_len] = '\0';
	alert_init(a);
	assert_int_equal(alert_set(&a->id, "a1b2c3"), 0);
	assert_int_equal(alert_set(&a->profile, "csdp"), 0);
	assert_int_equal(alert_add_term(a, "csdp"), 0);
	assert_int_equal(alert_set(&a->title, "EU mission launched"), 0);
	assert_int_equal(alert_set(&a->link, link), 0);
	assert_int_equal(alert_set(&a->summary, "A summary."), 0);
	assert_int_equal(alert_set(&a->feed_name, "eeas"), 0);
	a->published_ms = a->fetched_ms = a->matched_ms = 1700000000000LL;
	free(link);
}

static char hook_name[] = "hook";

static void
target(struct target_conf *t, enum target_format f)
{
	memset(t, 0, sizeof(*t));
	t->name = hook_name;
	t->type = TARGET_TYPE_WEBHOOK;
	t->format = f;
	assert_int_equal(secret_from_string(&t->url, "http://127.0.0.1:9/h"),
	    0);
}

static const enum target_format fs[] = {
	TARGET_FORMAT_JSON,
	TARGET_FORMAT_SLACK,
	TARGET_FORMAT_MATTERMOST,
	TARGET_FORMAT_DISCORD,
	TARGET_FORMAT_TEAMS,
};

static void
test_long_link_dropped(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
		struct errbuf eb = { 0 };
		struct curl_slist *h = NULL;
		struct target_conf t;
		struct alert a;
		struct buf body;
		CURL *e = curl_easy_init();
		json_t *j;

		assert_non_null(e);
		target(&t, fs[i]);
		sample(&a, 70000);
		buf_init(&body, 0);
		if (webhook_setup(e, &t, &(const struct alert_msg){ &a, 1 },
		        1700000000, &h, &body, &eb) != 0)
			fail_msg("%s: %s", target_format_name(fs[i]), eb.msg);
		assert_true(body.len <= WEBHOOK_BODY_MAX);
		j = json_loadb(body.data, body.len, 0, NULL);
		assert_non_null(j);
		json_decref(j);
		buf_flatten(&body);
		assert_non_null(strstr(buf_str(&body), "EU mission launched"));
		curl_slist_free_all(h);
		buf_clear(&body);
		alert_clear(&a);
		secret_free(t.url);
		curl_easy_cleanup(e);
	}
}

static void
test_still_too_large(void **state)
{
	struct errbuf eb = { 0 };
	struct curl_slist *h = NULL;
	struct target_conf t;
	struct alert a;
	struct buf body;
	CURL *e = curl_easy_init();

	(void)state;
	target(&t, TARGET_FORMAT_JSON);
	sample(&a, 100);
	buf_init(&body, 64);
	assert_int_equal(webhook_setup(e, &t,
	                     &(const struct alert_msg){ &a, 1 }, 1700000000, &h,
	                     &body, &eb),
	    -EFBIG);
	assert_string_equal(eb.msg,
	    "target hook: alert a1b2c3: the json payload is over its size "
	    "limit even without its summary and link");
	assert_null(h);
	buf_clear(&body);
	alert_clear(&a);
	secret_free(t.url);
	curl_easy_cleanup(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_link_dropped),
		cmocka_unit_test(test_still_too_large),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
