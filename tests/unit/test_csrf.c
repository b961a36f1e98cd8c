/* test_csrf.c -- each rule that guards a write, alone; the listen address. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "web/addr.h"
#include "web/csrf.h"

static void
test_token(void **state)
{
	char a[CSRF_TOKEN_LEN + 1], b[CSRF_TOKEN_LEN + 8];

	(void)state;
	assert_int_equal(csrf_new_token(a), 0);
	assert_int_equal(csrf_new_token(b), 0);
	assert_int_equal(strlen(a), CSRF_TOKEN_LEN);
	assert_int_equal(strspn(a, "0123456789abcdef"), CSRF_TOKEN_LEN);
	assert_string_not_equal(a, b);
	assert_true(csrf_equal(a, a));
	assert_false(csrf_equal(a, b));
	assert_false(csrf_equal(a, NULL));
	assert_false(csrf_equal(a, ""));
	assert_false(csrf_equal("", "")); /* an empty token is no token */
	b[0] = '\0';
	memcpy(b, a, CSRF_TOKEN_LEN - 1);
	b[CSRF_TOKEN_LEN - 1] = '\0';
	assert_false(csrf_equal(a, b)); /* a prefix */
	strcpy(b, a);
	strcat(b, "0");
	assert_false(csrf_equal(a, b)); /* longer */
}

static void
test_origin(void **state)
{
	(void)state;
	assert_true(csrf_origin_ok(NULL, "127.0.0.1:8037"));
	assert_true(csrf_origin_ok("http://127.0.0.1:8037", "127.0.0.1:8037"));
	assert_true(csrf_origin_ok("https://Team.example", "team.example"));
	assert_false(csrf_origin_ok("null", "127.0.0.1:8037"));
	assert_false(csrf_origin_ok("http://evil.example", "127.0.0.1:8037"));
	assert_false(csrf_origin_ok("http://127.0.0.1:8037.evil.example",
	    "127.0.0.1:8037"));
	assert_false(csrf_origin_ok("http://127.0.0.1:9999", "127.0.0.1:8037"));
	assert_false(csrf_origin_ok("http://127.0.0.1:8037", NULL));
}

static void
test_host(void **state)
{
	(void)state;
	assert_true(csrf_host_loopback("127.0.0.1:8037"));
	assert_true(csrf_host_loopback("127.1.2.3"));
	assert_true(csrf_host_loopback("localhost:80"));
	assert_true(csrf_host_loopback("LOCALHOST"));
	assert_true(csrf_host_loopback("[::1]:8037"));
	assert_false(csrf_host_loopback("127.0.0.1.evil.example:8037"));
	assert_false(csrf_host_loopback("evil.example:8037"));
	assert_false(csrf_host_loopback("localhost.evil.example"));
	assert_false(csrf_host_loopback("[::2]:8037"));
	assert_false(csrf_host_loopback(""));
	assert_false(csrf_host_loopback(NULL));
}

static void
test_cookie(void **state)
{
	char v[40];

	(void)state;
	assert_true(
	    csrf_cookie("a=1; ukw_csrf=abc; b=2", "ukw_csrf", v, sizeof(v)));
	assert_string_equal(v, "abc");
	assert_true(csrf_cookie("ukw_csrf=x", "ukw_csrf", v, sizeof(v)));
	assert_string_equal(v, "x");
	assert_false(csrf_cookie("xukw_csrf=abc", "ukw_csrf", v, sizeof(v)));
	assert_false(csrf_cookie("ukw_csrfx=abc", "ukw_csrf", v, sizeof(v)));
	assert_false(csrf_cookie(NULL, "ukw_csrf", v, sizeof(v)));
	assert_false(
	    csrf_cookie("ukw_csrf=0123456789012345678901234567890123456789",
	        "ukw_csrf", v, sizeof(v)));
}

static void
test_listen_address(void **state)
{
	struct web_addr a;
	struct errbuf eb;

	(void)state;
	assert_int_equal(web_addr_parse("127.0.0.1:8037", &a, &eb), 0);
	assert_true(a.loopback);
	assert_int_equal(web_addr_parse("[::1]:0", &a, &eb), 0);
	assert_true(a.loopback);
	assert_int_equal(web_addr_parse("0.0.0.0:80", &a, &eb), 0);
	assert_false(a.loopback);
	assert_int_equal(web_addr_parse("[::]:80", &a, &eb), 0);
	assert_false(a.loopback);
	assert_int_equal(web_addr_parse("localhost:8037", &a, &eb), -EINVAL);
	assert_int_equal(web_addr_parse("127.0.0.1", &a, &eb), -EINVAL);
	assert_int_equal(web_addr_parse("127.0.0.1:65536", &a, &eb), -EINVAL);
	assert_int_equal(web_addr_parse("127.0.0.1:-1", &a, &eb), -EINVAL);
	assert_int_equal(web_addr_parse("::1:80", &a, &eb), -EINVAL);
	assert_int_equal(web_addr_parse(":80", &a, &eb), -EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_token),
		cmocka_unit_test(test_origin),
		cmocka_unit_test(test_host),
		cmocka_unit_test(test_cookie),
		cmocka_unit_test(test_listen_address),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
