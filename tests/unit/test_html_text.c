/* test_html_text -- HTML fragments to plain text; feed links of a page. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "feeds/html_text.h"
#include "lib/buf.h"

static const struct {
	const char *in, *want;
} cases[] = {
	{ "plain text", "plain text" },
	{ "  lots \t of\n\n space  ", "lots of space" },
	{ "no\xc2\xa0"
	  "break\xe2\x80\x83spaces",
	    "no break spaces" },
	{ "Tom &amp; Jerry &eacute;t&eacute; &#8220;q&#x201d; &bogus; & x",
	    "Tom & Jerry été “q” &bogus; & x" },
	{ "<p>One</p><p>Two</p>", "One\nTwo" },
	{ "a<br>b<br/>c", "a\nb\nc" },
	{ "<b>bold</b> and <i>italic</i>", "bold and italic" },
	{ "x<script>alert(1)</script>y<style>p{}</style>z", "xyz" },
	{ "<ul><li>one</li><li>two</li></ul>after", "one\ntwo\nafter" },
	{ "<div> <p> nested </p> </div>", "nested" },
	{ "a < b and c > d", "a < b and c > d" },
	{ "<p>unclosed <b>tags", "unclosed tags" },
	{ "<h1>Head</h1>text<table><tr><td>1</td><td>2</td></tr></table>",
	    "Head\ntext\n1\n2" },
	{ "&lt;escaped&gt; <b>x</b>", "<escaped> x" },
	{ "<meta charset=\"iso-8859-1\">caf\xc3\xa9", "café" },
	{ "", "" },
	{ "<p></p>", "" },
};

static void
test_table(void **state)
{
	struct buf b;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_init(&b, 0);
		assert_int_equal(html_text_append(cases[i].in,
		                     strlen(cases[i].in), &b),
		    0);
		if (strcmp(buf_str(&b), cases[i].want) != 0)
			fail_msg("html_text(\"%s\") = \"%s\", want \"%s\"",
			    cases[i].in, buf_str(&b), cases[i].want);
		buf_clear(&b);
	}
}

static void
test_plain_keeps_markup(void **state)
{
	const char *s = " <b>not</b>  &amp; markup ";
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(html_text_plain(s, strlen(s), &b), 0);
	assert_string_equal(buf_str(&b), "<b>not</b> &amp; markup");
	buf_clear(&b);
}

static void
test_cap(void **state)
{
	const char *s = "<p>0123456789</p>";
	struct buf b;

	(void)state;
	buf_init(&b, 5);
	assert_int_equal(html_text_append(s, strlen(s), &b), -EFBIG);
	buf_clear(&b);
}

static void
test_feed_links(void **state)
{
	const char
	    *page = "<!DOCTYPE html><html><head><title>t</title>"
	            "<link rel=\"stylesheet\" href=\"/s.css\">"
	            "<LINK REL=\"Alternate\" TYPE=\"application/rss+xml\" "
	            "HREF=\"/rss\">"
	            "<link rel=alternate type=application/atom+xml href=a.atom>"
	            "<link rel=\"alternate\" type=\"application/feed+json\" "
	            "href=\"https://x.example/feed.json\">"
	            "<link rel=\"alternate\" type=\"text/html\" href=\"/fr\">"
	            "</head><body></body></html>";
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(html_text_feed_links(page, strlen(page), &b), 3);
	assert_string_equal(buf_str(&b),
	    "/rss a.atom https://x.example/feed.json");
	buf_reset(&b);
	assert_int_equal(html_text_feed_links("<p>x</p>", 8, &b), 0);
	assert_string_equal(buf_str(&b), "");
	buf_clear(&b);
	assert_int_equal(html_text_entity("eacute"), 0xe9);
	assert_int_equal(html_text_entity("nope"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_plain_keeps_markup),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_feed_links),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
