/* test_charset -- encodings to clean UTF-8, whatever the chunking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "feeds/charset.h"
#include "lib/buf.h"

static const struct {
	const char *in;
	size_t len;
	const char *want, *name;
	size_t replaced;
} cases[] = {

#define C(in, want, name, r)                                                   \
	{                                                                      \
		in, sizeof(in) - 1, want, name, r                              \
	}
	C("<?xml version=\"1.0\"?><a>caf\xc3\xa9</a>",
	    "<?xml version=\"1.0\"?><a>caf\xc3\xa9</a>", "UTF-8", 0),
	C("\xef\xbb\xbf<a/>", "<a/>", "UTF-8", 0),
	C("<?xml version='1.0' encoding='ISO-8859-1'?><a>\xe9\x93</a>",
	    "<?xml version='1.0' encoding='ISO-8859-1'?><a>\xc3\xa9\xe2\x80\x9c"
	    "</a>",
	    "WINDOWS-1252", 0),
	C("\xff\xfe<\0a\0/\0>\0", "<a/>", "UTF-16LE", 0),
	C("\xfe\xff\0<\0a\0/\0>", "<a/>", "UTF-16BE", 0),
	C("<\0?\0x\0m\0l\0?\0>\0", "<?xml?>", "UTF-16LE", 0),
	C("<a>\xff</a>", "<a>\xef\xbf\xbd</a>", "UTF-8", 1),
	C("<a>\xc3</a>", "<a>\xef\xbf\xbd</a>", "UTF-8", 1),
	C("<a>\xe2\x82</a>", "<a>\xef\xbf\xbd</a>", "UTF-8", 1),
	C("<a>\xc0\xaf</a>", "<a>\xef\xbf\xbd</a>", "UTF-8", 1),
	C("<a>\xed\xa0\x80</a>", "<a>\xef\xbf\xbd</a>", "UTF-8", 1),
	C("<a>\xef\xbf\xbe</a>", "<a>\xef\xbf\xbd</a>", "UTF-8", 1),
	C("<a>\x01x\x1f\t</a>", "<a>x\t</a>", "UTF-8", 0),
	C("<a>\xf0\x9f\x98\x80</a>", "<a>\xf0\x9f\x98\x80</a>", "UTF-8", 0),
	C("<a>\xe2\x82", "<a>\xef\xbf\xbd", "UTF-8", 1),
	C("<?xml encoding=\"no-such-charset\"?>\xff",
	    "<?xml encoding=\"no-such-charset\"?>\xef\xbf\xbd", "UTF-8", 1),
	C("<?xml encoding=\"KOI8-R\"?>\xc1",
	    "<?xml encoding=\"KOI8-R\"?>\xd0\xb0", "iconv", 0),
#undef C
};

static void
run(size_t i, size_t chunk)
{
	struct charset_dec *d;
	struct buf out;
	size_t off = 0;

	buf_init(&out, 0);
	assert_int_equal(charset_dec_new(&d), 0);
	while (off < cases[i].len) {
		size_t n = cases[i].len - off < chunk ? cases[i].len - off :
		                                        chunk;

		assert_int_equal(charset_dec_push(d, cases[i].in + off, n,
		                     false, &out),
		    0);
		off += n;
	}
	assert_int_equal(charset_dec_push(d, "", 0, true, &out), 0);
	if (out.len != strlen(cases[i].want) ||
	    memcmp(buf_str(&out), cases[i].want, out.len) != 0)
		fail_msg("case %zu chunk %zu: got \"%s\"", i, chunk,
		    buf_str(&out));
	assert_string_equal(charset_dec_name(d), cases[i].name);
	assert_int_equal(charset_dec_replaced(d), cases[i].replaced);
	charset_dec_free(d);
	buf_clear(&out);
}

static void
test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run(i, 1);
		run(i, 2);
		run(i, 3);
		run(i, 4096);
	}
}

static void
test_clean(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(charset_utf8_clean("a\x80"
	                                    "b\xc3\xa9",
	                     5, &b),
	    1);
	assert_string_equal(buf_str(&b),
	    "a\xef\xbf\xbd"
	    "b\xc3\xa9");
	buf_clear(&b);
	assert_true(charset_utf8_valid("caf\xc3\xa9", 5));
	assert_false(charset_utf8_valid("\xc3", 1));
	assert_false(charset_utf8_valid("\x01", 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
