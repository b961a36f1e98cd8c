/* test_html.c -- the one escaping function and the URL-to-link rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/buf.h"
#include "web/html.h"

static char out[4096];

static const char *
esc(const char *s)
{
	struct buf b;

	buf_init(&b, 0);
	assert_int_equal(html_esc(&b, s), 0);
	snprintf(out, sizeof(out), "%s", b.len ? buf_str(&b) : "");
	buf_clear(&b);
	return out;
}

static void
test_escape_every_special(void **state)
{
	(void)state;
	assert_string_equal(esc("<img src=x onerror=alert(1)>"),
	    "&lt;img src=x onerror=alert(1)&gt;");
	assert_string_equal(esc("\"><script>alert(2)</script>"),
	    "&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
	assert_string_equal(esc("a & b's"), "a &amp; b&#39;s");
	assert_string_equal(esc("plain ünïcode"), "plain ünïcode");
	/* C0 controls go (XML 1.0 forbids them); tab and newlines stay */
	assert_string_equal(esc("a\x01\x1f"
	                        "b\tc\nd\re"),
	    "ab\tc\nd\re");
	assert_string_equal(esc(""), "");
	assert_string_equal(esc(NULL), "");
}

static void
test_url_rule(void **state)
{
	(void)state;
	assert_true(html_url_ok("http://example.org/a?b=c#d"));
	assert_true(html_url_ok("HTTPS://Example.org"));
	assert_false(html_url_ok("javascript:alert(1)"));
	assert_false(html_url_ok(" javascript:alert(1)"));
	assert_false(html_url_ok("JaVaScRiPt:alert(1)"));
	assert_false(html_url_ok("data:text/html,<script>"));
	assert_false(html_url_ok("vbscript:x"));
	assert_false(html_url_ok("//evil.example/x"));
	assert_false(html_url_ok("/relative"));
	assert_false(html_url_ok("http://"));
	assert_false(html_url_ok("http:///path"));
	assert_false(html_url_ok("http://a b"));
	assert_false(html_url_ok("http://a\nb"));
	assert_false(html_url_ok("ftp://example.org/"));
	assert_false(html_url_ok(NULL));
}

static void
test_link(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(html_link(&b, "https://e.org/?a=1&b=\"2\"", "T<i>"),
	    0);
	assert_string_equal(buf_str(&b),
	    "<a href=\"https://e.org/?a=1&amp;b=&quot;2&quot;\" "
	    "rel=\"noopener noreferrer\">T&lt;i&gt;</a>");
	buf_reset(&b);
	assert_int_equal(html_link(&b, "javascript:alert(1)", "click"), 0);
	assert_string_equal(buf_str(&b), "click");
	buf_reset(&b);
	assert_int_equal(html_link(&b, "javascript:alert('x')", NULL), 0);
	assert_string_equal(buf_str(&b), "javascript:alert(&#39;x&#39;)");
	buf_clear(&b);
}

static void
test_marked(void **state)
{
	char *terms[] = { (char *)"sanction", (char *)"csdp",
		(char *)"security and defence" };
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(html_marked(&b,
	                     "UK <b>Sanctions</b>: CSDP & security and "
	                     "defence; desanction",
	                     terms, 3),
	    0);
	assert_string_equal(buf_str(&b),
	    "UK &lt;b&gt;<mark>Sanctions</mark>&lt;/b&gt;: <mark>CSDP</mark> "
	    "&amp; <mark>security and defence</mark>; desanction");
	buf_reset(&b);
	assert_int_equal(html_marked(&b, "no terms here", terms, 0), 0);
	assert_string_equal(buf_str(&b), "no terms here");
	buf_clear(&b);
}

static void
test_urlenc(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(html_urlenc(&b, "a b&c=d/é"), 0);
	assert_string_equal(buf_str(&b), "a%20b%26c%3Dd%2F%C3%A9");
	buf_clear(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_every_special),
		cmocka_unit_test(test_url_rule),
		cmocka_unit_test(test_link),
		cmocka_unit_test(test_marked),
		cmocka_unit_test(test_urlenc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
