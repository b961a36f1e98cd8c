/*
 * cm_skip -- a cmocka binary with one passing and one skipped case: the
 * runner must count one pass and one skip, and no failure
 * (tests/selftest/run).
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
skips(void **state)
{
	(void)state;
	skip();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(passes),
		cmocka_unit_test(skips),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
