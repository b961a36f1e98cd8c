/*
 * test_target -- the verdict table: what the outbox does after each kind of
 * finished attempt, for webhooks (HTTP) and mail (SMTP).  Every row of the
 * table in target.h is checked, plus the edges around each range.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "alerts/target.h"

struct row {
	CURLcode code;
	long status;
	enum target_verdict want;
};

static void
check(enum target_type type, const struct row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		enum target_verdict got = target_verdict(type, rows[i].code,
		    rows[i].status);

		if (got != rows[i].want)
			fail_msg("%s: code %d status %ld: got %s, want %s",
			    type == TARGET_TYPE_MAIL ? "mail" : "webhook",
			    (int)rows[i].code, rows[i].status,
			    target_verdict_name(got),
			    target_verdict_name(rows[i].want));
	}
}

static void
test_http_success(void **state)
{
	static const struct row rows[] = {
		{ CURLE_OK, 200, TARGET_DELIVERED },
		{ CURLE_OK, 201, TARGET_DELIVERED },
		{ CURLE_OK, 202, TARGET_DELIVERED }, /* Teams Workflows */
		{ CURLE_OK, 204, TARGET_DELIVERED },
		{ CURLE_OK, 299, TARGET_DELIVERED },
		/* the status decides, whatever the body's size (issue 15.5) */
		{ CURLE_FILESIZE_EXCEEDED, 200, TARGET_DELIVERED },
		{ CURLE_FILESIZE_EXCEEDED, 0, TARGET_RETRY },
	};

	(void)state;
	check(TARGET_TYPE_WEBHOOK, rows, sizeof(rows) / sizeof(rows[0]));
}

static void
test_http_retry(void **state)
{
	static const struct row rows[] = {
		{ CURLE_OK, 408, TARGET_RETRY },
		{ CURLE_OK, 425, TARGET_RETRY },
		{ CURLE_OK, 429, TARGET_RETRY },
		{ CURLE_HTTP_RETURNED_ERROR, 429, TARGET_RETRY },
		{ CURLE_OK, 500, TARGET_RETRY },
		{ CURLE_OK, 502, TARGET_RETRY },
		{ CURLE_OK, 503, TARGET_RETRY },
		{ CURLE_OK, 504, TARGET_RETRY },
		{ CURLE_HTTP_RETURNED_ERROR, 599, TARGET_RETRY },
		/* transport failures: nothing was accepted */
		{ CURLE_COULDNT_CONNECT, 0, TARGET_RETRY },
		{ CURLE_COULDNT_RESOLVE_HOST, 0, TARGET_RETRY },
		{ CURLE_OPERATION_TIMEDOUT, 0, TARGET_RETRY },
		{ CURLE_GOT_NOTHING, 0, TARGET_RETRY },
		{ CURLE_RECV_ERROR, 0, TARGET_RETRY },
		{ CURLE_SEND_ERROR, 0, TARGET_RETRY },
		{ CURLE_PARTIAL_FILE, 0, TARGET_RETRY },
		{ CURLE_PEER_FAILED_VERIFICATION, 0, TARGET_RETRY },
		{ CURLE_SSL_CONNECT_ERROR, 0, TARGET_RETRY },
		/* a timeout after the status line still retries */
		{ CURLE_OPERATION_TIMEDOUT, 200, TARGET_RETRY },
		/* no status line at all */
		{ CURLE_OK, 0, TARGET_RETRY },
	};

	(void)state;
	check(TARGET_TYPE_WEBHOOK, rows, sizeof(rows) / sizeof(rows[0]));
}

static void
test_http_rejected(void **state)
{
	static const struct row rows[] = {
		{ CURLE_OK, 400, TARGET_REJECTED },
		{ CURLE_OK, 401, TARGET_REJECTED },
		{ CURLE_OK, 403, TARGET_REJECTED },
		{ CURLE_OK, 404, TARGET_REJECTED },
		{ CURLE_HTTP_RETURNED_ERROR, 404, TARGET_REJECTED },
		{ CURLE_OK, 405, TARGET_REJECTED },
		{ CURLE_OK, 407, TARGET_REJECTED },
		{ CURLE_OK, 409, TARGET_REJECTED },
		{ CURLE_OK, 410, TARGET_REJECTED }, /* gone: endpoint deleted */
		{ CURLE_OK, 413, TARGET_REJECTED },
		{ CURLE_OK, 424, TARGET_REJECTED },
		{ CURLE_OK, 426, TARGET_REJECTED },
		{ CURLE_OK, 428, TARGET_REJECTED },
		{ CURLE_OK, 431, TARGET_REJECTED },
		{ CURLE_OK, 499, TARGET_REJECTED },
		{ CURLE_FILESIZE_EXCEEDED, 404, TARGET_REJECTED },
		/* redirects are not followed: a wrong URL */
		{ CURLE_OK, 301, TARGET_REJECTED },
		{ CURLE_OK, 302, TARGET_REJECTED },
		{ CURLE_OK, 308, TARGET_REJECTED },
		/* 1xx as a final status, and nonsense */
		{ CURLE_OK, 100, TARGET_REJECTED },
		{ CURLE_OK, 600, TARGET_REJECTED },
		/* configuration faults that retrying cannot mend */
		{ CURLE_UNSUPPORTED_PROTOCOL, 0, TARGET_REJECTED },
		{ CURLE_URL_MALFORMAT, 0, TARGET_REJECTED },
		{ CURLE_LOGIN_DENIED, 0, TARGET_REJECTED },
		{ CURLE_TOO_MANY_REDIRECTS, 0, TARGET_REJECTED },
	};

	(void)state;
	check(TARGET_TYPE_WEBHOOK, rows, sizeof(rows) / sizeof(rows[0]));
}

static void
test_smtp(void **state)
{
	static const struct row rows[] = {
		{ CURLE_OK, 250, TARGET_DELIVERED },
		{ CURLE_OK, 0, TARGET_DELIVERED },
		/* temporary replies: 421 closing, 450 busy, 451, 452 (libcurl
		 * reports a refused RCPT or DATA as CURLE_SEND_ERROR, 55) */
		{ CURLE_SEND_ERROR, 421, TARGET_RETRY },
		{ CURLE_SEND_ERROR, 450, TARGET_RETRY },
		{ CURLE_SEND_ERROR, 451, TARGET_RETRY },
		{ CURLE_SEND_ERROR, 452, TARGET_RETRY },
		{ CURLE_WEIRD_SERVER_REPLY, 454, TARGET_RETRY },
		/* permanent replies */
		{ CURLE_SEND_ERROR, 550, TARGET_REJECTED },
		{ CURLE_SEND_ERROR, 552, TARGET_REJECTED },
		{ CURLE_SEND_ERROR, 554, TARGET_REJECTED },
		{ CURLE_LOGIN_DENIED, 535, TARGET_REJECTED },
		{ CURLE_SEND_ERROR, 530, TARGET_REJECTED },
		/* transport */
		{ CURLE_COULDNT_CONNECT, 0, TARGET_RETRY },
		{ CURLE_OPERATION_TIMEDOUT, 0, TARGET_RETRY },
		{ CURLE_RECV_ERROR, 0, TARGET_RETRY },
		{ CURLE_GOT_NOTHING, 0, TARGET_RETRY },
		{ CURLE_SSL_CONNECT_ERROR, 0, TARGET_RETRY },
		/* configuration: STARTTLS required but not offered, bad login
		 */
		{ CURLE_USE_SSL_FAILED, 0, TARGET_REJECTED },
		{ CURLE_LOGIN_DENIED, 0, TARGET_REJECTED },
		{ CURLE_UNSUPPORTED_PROTOCOL, 0, TARGET_REJECTED },
	};

	(void)state;
	check(TARGET_TYPE_MAIL, rows, sizeof(rows) / sizeof(rows[0]));
}

/* The same reply means different things to HTTP and SMTP. */
static void
test_type_matters(void **state)
{
	(void)state;
	assert_int_equal(target_verdict(TARGET_TYPE_WEBHOOK, CURLE_OK, 450),
	    TARGET_REJECTED);
	assert_int_equal(target_verdict(TARGET_TYPE_MAIL, CURLE_OK, 450),
	    TARGET_RETRY);
	assert_int_equal(target_verdict(TARGET_TYPE_WEBHOOK, CURLE_OK, 250),
	    TARGET_DELIVERED);
	assert_int_equal(target_verdict(TARGET_TYPE_MAIL, CURLE_OK, 503),
	    TARGET_REJECTED);
	assert_int_equal(target_verdict(TARGET_TYPE_WEBHOOK, CURLE_OK, 503),
	    TARGET_RETRY);
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(target_verdict_name(TARGET_DELIVERED), "delivered");
	assert_string_equal(target_verdict_name(TARGET_RETRY), "retry");
	assert_string_equal(target_verdict_name(TARGET_REJECTED), "rejected");
	assert_string_equal(target_verdict_name((enum target_verdict)42),
	    "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_http_success),
		cmocka_unit_test(test_http_retry),
		cmocka_unit_test(test_http_rejected),
		cmocka_unit_test(test_smtp),
		cmocka_unit_test(test_type_matters),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
