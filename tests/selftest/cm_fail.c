/*
 * cm_fail -- a cmocka binary with one passing and one failing case: the
 * runner must count it as a failure (tests/selftest/run).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static void
passes(void **state)
{
	(void)state;
}

static void
fails(void **state)
{
	(void)state;
	assert_int_equal(1, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(passes),
		cmocka_unit_test(fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
