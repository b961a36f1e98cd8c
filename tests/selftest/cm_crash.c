/*
 * cm_crash -- a cmocka binary that dies in its second case, after the first
 * has printed "ok": the runner must count it as a failure although no
 * "not ok" line is ever printed (tests/selftest/run).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

static void
passes(void **state)
{
	(void)state;
}

static void
dies(void **state)
{
	(void)state;
	fflush(stdout);
	_Exit(0); /* exit 0 too: only the missing case can tell */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(passes),
		cmocka_unit_test(dies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
