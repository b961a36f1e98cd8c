/*
 * test_speech.c -- reported words after "SPEAKER said": a sentence opener
 * loses its capital, a name keeps it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "lib/speech.h"

static void
check(const char *in, const char *want)
{
	char *got = speech_reported(in);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_openers_lose_their_capital(void **state)
{
	(void)state;
	check("The UK will take part", "the UK will take part");
	check("An EU mission is needed", "an EU mission is needed");
	check("It would act", "it would act");
	check("These sanctions stay", "these sanctions stay");
}

static void
test_names_and_the_rest_are_kept(void **state)
{
	(void)state;
	check("Britain will take part", "Britain will take part");
	check("Theresa May was right", "Theresa May was right");
	check("EU sanctions stay", "EU sanctions stay");
	check("Its", "Its");
	check("", "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_openers_lose_their_capital),
		cmocka_unit_test(test_names_and_the_rest_are_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
