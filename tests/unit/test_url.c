/* test_url -- link resolution against xml:base and the document URL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "feeds/url.h"
#include "lib/buf.h"

static const struct {
	const char *base, *ref, *want;
} cases[] = {
	{ "https://example.org/a/b/feed.xml", "c.html",
	    "https://example.org/a/b/c.html" },
	{ "https://example.org/a/b/", "../c", "https://example.org/a/c" },
	{ "https://example.org/a/b/", "/root", "https://example.org/root" },
	{ "https://example.org/a/b", "?q=1", "https://example.org/a/b?q=1" },
	{ "https://example.org/a/b", "#frag", "https://example.org/a/b#frag" },
	{ "https://example.org/a/", "//cdn.example/x",
	    "https://cdn.example/x" },
	{ "https://example.org/", "  spaced.html \n",
	    "https://example.org/spaced.html" },
	/* absolute references are kept exactly as written */
	{ "https://example.org/", "HTTP://Example.ORG/Path",
	    "HTTP://Example.ORG/Path" },
	{ "https://example.org/", "tag:example.org,2004:1",
	    "tag:example.org,2004:1" },
	{ "https://example.org/", "mailto:a@example.org",
	    "mailto:a@example.org" },
	/* no usable base: the reference as written */
	{ NULL, "relative/x", "relative/x" },
	{ "not a url", "relative/x", "relative/x" },
	{ "https://example.org/", "", "" },
	{ "https://example.org/", "   ", "" },
};

static void
test_table(void **state)
{
	struct buf b;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_init(&b, 0);
		assert_int_equal(url_resolve(cases[i].base, cases[i].ref, &b),
		    0);
		if (strcmp(buf_str(&b), cases[i].want) != 0)
			fail_msg("url_resolve(%s, \"%s\") = \"%s\", want "
			         "\"%s\"",
			    cases[i].base ? cases[i].base : "NULL",
			    cases[i].ref, buf_str(&b), cases[i].want);
		buf_clear(&b);
	}
}

static void
test_absolute(void **state)
{
	(void)state;
	assert_true(url_is_absolute("https://x"));
	assert_true(url_is_absolute("urn:isbn:1"));
	assert_false(url_is_absolute("/x:y"));
	assert_false(url_is_absolute("a b:c"));
	assert_false(url_is_absolute("nocolon"));
	assert_false(url_is_absolute(""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_absolute),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
