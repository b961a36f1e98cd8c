/* test_statement.c -- reported speech and its speaker */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "match/statement.h"

static void
check(const char *text, const char *quote, const char *speaker)
{
	struct statement st;
	int rc;

	statement_init(&st);
	rc = statement_find(text, strlen(text), &st);
	if (quote == NULL) {
		assert_int_equal(rc, 0);
		assert_null(st.quote);
		assert_null(st.speaker);
		return;
	}
	assert_int_equal(rc, 1);
	assert_string_equal(st.quote, quote);
	assert_string_equal(st.speaker, speaker);
	statement_clear(&st);
}

static void
test_shapes(void **state)
{
	(void)state;
	check("At a time of increased threats, the UK remains unwavering in "
	      "its "
	      "commitment to uphold European security, Defence Secretary "
	      "Michael Fallon said in a statement.",
	    "At a time of increased threats, the UK remains unwavering in its "
	    "commitment to uphold European security",
	    "Defence Secretary Michael Fallon");
	check("“After we leave we will face shared threats”, said Secretary "
	      "of State David Davis. Other words.",
	    "After we leave we will face shared threats",
	    "Secretary of State David Davis");
	check("\"The UK is unconditionally committed to maintaining European "
	      "security\", the paper said.",
	    "The UK is unconditionally committed to maintaining European "
	    "security",
	    "the paper");
	check("The minister told reporters that the deal was close to done.",
	    "the deal was close to done", "The minister");
	check("David Cameron’s threat to leave EU is security risk, says Keir "
	      "Starmer",
	    "David Cameron’s threat to leave EU is security risk",
	    "Keir Starmer");
}

/* A named quotation beats reported words; "he" is the last name. */
static void
test_preference_and_pronoun(void **state)
{
	(void)state;
	check("The government said it wanted to help. \"Lammy is right "
	      "about this,\" Josep Borrell said.",
	    "Lammy is right about this", "Josep Borrell");
	check("Michael Fallon said the talks in Tallinn went well. "
	      "\"Britain's role has never been more vital,\" he said.",
	    "Britain's role has never been more vital", "Michael Fallon");
}

static void
test_none(void **state)
{
	(void)state;
	check("EU launches naval mission in the Mediterranean", NULL, NULL);
	check("", NULL, NULL);
	check("\"Nothing here,\" he said.", NULL, NULL); /* nobody named */
	check("said said said", NULL, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_preference_and_pronoun),
		cmocka_unit_test(test_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
