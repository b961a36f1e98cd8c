/*
 * test_buf.c -- the capped buffer's partial append and flattening, which
 * keep the start of a response for a report on one line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "lib/buf.h"

static void
test_append_some_stops_at_the_cap(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_append_some(&b, "abcde", 5), 5);
	assert_int_equal(buf_append_some(&b, "fghij", 5), 3);
	assert_int_equal(buf_append_some(&b, "klm", 3), 0);
	assert_int_equal(b.len, 8);
	assert_string_equal(buf_str(&b), "abcdefgh");
	buf_clear(&b);
}

static void
test_flatten_makes_one_line(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_append(&b, "no\r\n\0x\x7f\tr\xc3\xa9", 11), 0);
	buf_flatten(&b);
	assert_int_equal(b.len, 11);
	assert_string_equal(buf_str(&b), "no   x  r\xc3\xa9");
	buf_clear(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_some_stops_at_the_cap),
		cmocka_unit_test(test_flatten_makes_one_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
