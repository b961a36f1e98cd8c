/*
 * test_urlshow -- feed URLs as they leave the config (issue 15.8): never
 * with user info; without query and fragment when read from url-file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "lib/urlshow.h"

static void
check(const char *url, int secret, const char *want)
{
	char *got = url_shown(url, secret);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_userinfo_stripped(void **state)
{
	(void)state;
	check("http://alice:PASS@news.example/feed?token=T", 0,
	    "http://news.example/feed?token=T");
	check("https://alice@news.example:8443/f", 0,
	    "https://news.example:8443/f");
	check("https://:PASS@news.example/f#x", 0, "https://news.example/f#x");
	check("https://news.example/f", 0, "https://news.example/f");
}

static void
test_secret_drops_query(void **state)
{
	(void)state;
	check("http://alice:PASS@news.example/feed?token=T#frag", 1,
	    "http://news.example/feed");
}

static void
test_not_a_url(void **state)
{
	(void)state;
	check("alice:PASS", 0, "(not a URL)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_userinfo_stripped),
		cmocka_unit_test(test_secret_drops_query),
		cmocka_unit_test(test_not_a_url),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
