/* test_statement.c -- reported speech and its speaker */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
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

/* As check, and whether the words stood in quotation marks. */
static void
checkq(const char *text, const char *quote, const char *speaker, int quoted)
{
	struct statement st;

	statement_init(&st);
	assert_int_equal(statement_find(text, strlen(text), &st), 1);
	assert_string_equal(st.quote, quote);
	assert_string_equal(st.speaker, speaker);
	assert_int_equal(st.quoted, quoted);
	statement_clear(&st);
}

/*
 * Issue 16: quotation marks only around words that carried them.  A colon
 * after the verb introduces the quotation; reported speech is not one.
 */
static void
test_quoted_or_reported(void **state)
{
	(void)state;
	checkq("The Foreign Secretary said: \"Working hand in hand with our "
	       "European partners, we are sending a clear message to "
	       "Russia.\"",
	    "Working hand in hand with our European partners, we are sending "
	    "a clear message to Russia",
	    "The Foreign Secretary", 1);
	checkq("The Foreign Secretary said: “Working hand in hand with our "
	       "partners we act.” Other words follow.",
	    "Working hand in hand with our partners we act",
	    "The Foreign Secretary", 1);
	checkq("The UK said it would coordinate its travel bans and asset "
	       "freezes with the EU.",
	    "it would coordinate its travel bans and asset freezes with the "
	    "EU",
	    "The UK", 0);
	checkq("Lammy said his attendance was a “historic moment that marks "
	       "our EU reset”.",
	    "his attendance was a “historic moment that marks our EU reset”",
	    "Lammy", 0);
	checkq("\"The UK is unconditionally committed to maintaining European "
	       "security\", the paper said.",
	    "The UK is unconditionally committed to maintaining European "
	    "security",
	    "the paper", 1);
	checkq("‘Britain’s role has never been more vital,’ Michael Fallon "
	       "said.",
	    "Britain’s role has never been more vital", "Michael Fallon", 1);
	checkq("David Cameron’s threat to leave EU is security risk, says "
	       "Keir Starmer",
	    "David Cameron’s threat to leave EU is security risk",
	    "Keir Starmer", 0);
	checkq("\"This is wrong\" and \"unacceptable\", the minister said.",
	    "\"This is wrong\" and \"unacceptable\"", "the minister", 0);
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

/*
 * Real leads (tests/fixtures/statements/leads.tsv), each judged by a
 * reader: the words, the speaker, and whether they were a quotation.
 */
static void
test_real_leads(void **state)
{
	FILE *f = fopen("tests/fixtures/statements/leads.tsv", "r");
	char line[4096], *field[5], *p;
	size_t n = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#')
			continue;
		line[strcspn(line, "\n")] = '\0';
		p = line;
		for (int i = 0; i < 5; i++)
			field[i] = strsep(&p, "\t");
		assert_non_null(field[4]);
		print_message("%s\n", field[0]);
		if (field[2][0] == '\0')
			check(field[1], NULL, NULL);
		else
			checkq(field[1], field[2], field[3], atoi(field[4]));
		n++;
	}
	fclose(f);
	assert_true(n >= 10);
}

/* The seed articles: reported speech stays reported. */
static void
test_seed_sentences(void **state)
{
	(void)state;
	checkq("The EU executive said it would analyse the British proposal "
	       "but stressed its policy of not opening negotiations.",
	    "it would analyse the British proposal but stressed its policy of "
	    "not opening negotiations",
	    "The EU executive", 0);
	checkq("“We cannot change the past but we can define the future,” "
	       "Lammy told the EU’s 27 foreign ministers over a working lunch.",
	    "We cannot change the past but we can define the future", "Lammy",
	    1);
	checkq("US President Donald Trump said Wednesday he wanted a new "
	       "meeting with U.S. allies in Europe.",
	    "he wanted a new meeting with U.S. allies in Europe",
	    "US President Donald Trump", 0);
	check("Employers added a total of 584,000 jobs for all of 2025.", NULL,
	    NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_preference_and_pronoun),
		cmocka_unit_test(test_none),
		cmocka_unit_test(test_quoted_or_reported),
		cmocka_unit_test(test_real_leads),
		cmocka_unit_test(test_seed_sentences),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
