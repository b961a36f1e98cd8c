/* test_date -- date_parse over the formats feeds really write. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "feeds/date.h"
#include "lib/clock.h"
#include "lib/item.h"

struct dcase {
	const char *in;
	const char *want; /* RFC 3339 UTC, or "" for no date */
};

static const struct dcase cases[] = {
	/* RFC 822 / 2822 */
	{ "Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z" },
	{ "Tue, 10 Jun 2003 04:00:00 +0000", "2003-06-10T04:00:00Z" },
	{ "Tue, 10 Jun 2003 04:00:00 -0700", "2003-06-10T11:00:00Z" },
	{ "Tue, 10 Jun 2003 04:00:00 +05:30", "2003-06-09T22:30:00Z" },
	{ "Tue, 10 Jun 2003 04:00 EST", "2003-06-10T09:00:00Z" },
	{ "Tue, 10 Jun 2003 04:00:00 PDT", "2003-06-10T11:00:00Z" },
	{ "Tue, 10 Jun 2003 04:00:00 UT", "2003-06-10T04:00:00Z" },
	{ "Tue, 10 Jun 2003 04:00:00 BST", "2003-06-10T03:00:00Z" },
	{ "Tue, 10 Jun 2003 04:00:00 CET", "2003-06-10T03:00:00Z" },
	/* a numeric offset wins over a trailing zone comment (issue 20) */
	{ "Mon, 10 Jun 2024 10:00:00 +0530 (IST)", "2024-06-10T04:30:00Z" },
	{ "Mon, 10 Jun 2024 10:00:00 +0000 (CET)", "2024-06-10T10:00:00Z" },
	{ "Mon, 10 Jun 2024 10:00:00 CET +0000", "2024-06-10T10:00:00Z" },
	{ "Fri, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z" },
	{ "10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z" },
	{ "Tuesday, 10 June 2003 04:00:00 GMT", "2003-06-10T04:00:00Z" },
	{ "Tue, 10 Jun 03 04:00:00 GMT", "2003-06-10T04:00:00Z" },
	{ "Tue, 10 Jun 99 04:00:00 GMT", "1999-06-10T04:00:00Z" },
	{ "Tue, 10 Jun 2003 04:00:00", "2003-06-10T04:00:00Z" },
	{ "Tue, 10 Jun 2003", "2003-06-10T00:00:00Z" },
	{ "Tue,10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z" },
	{ "  Tue, 10 Jun 2003 04:00:00 GMT\n", "2003-06-10T04:00:00Z" },
	{ "10-Jun-2003 04:00:00 +0100", "2003-06-10T03:00:00Z" },
	{ "June 10, 2003 4:00 PM", "2003-06-10T16:00:00Z" },
	{ "Tue Jun 10 04:00:00 2003", "2003-06-10T04:00:00Z" },
	{ "Sat, 31 Dec 2022 23:30:00 -0100", "2023-01-01T00:30:00Z" },
	/* RFC 3339, ISO 8601, W3C-DTF */
	{ "2003-06-10T04:00:00Z", "2003-06-10T04:00:00Z" },
	{ "2003-06-10T04:00:00.123456Z", "2003-06-10T04:00:00Z" },
	{ "2003-06-10t04:00:00z", "2003-06-10T04:00:00Z" },
	{ "2003-06-10T04:00:00+02:00", "2003-06-10T02:00:00Z" },
	{ "2003-06-10T04:00:00-0330", "2003-06-10T07:30:00Z" },
	{ "2003-06-10T04:00+01", "2003-06-10T03:00:00Z" },
	{ "2003-06-10 04:00:00", "2003-06-10T04:00:00Z" },
	{ "2003-06-10", "2003-06-10T00:00:00Z" },
	{ "2003-06", "2003-06-01T00:00:00Z" },
	{ "2003", "2003-01-01T00:00:00Z" },
	{ "20030610T040000Z", "2003-06-10T04:00:00Z" },
	{ "2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z" },
	{ "1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z" },
	/* not dates */
	{ "", "" },
	{ "yesterday", "" },
	{ "2023-02-29T00:00:00Z", "" },
	{ "2003-13-10T04:00:00Z", "" },
	{ "2003-06-10T25:00:00Z", "" },
	{ "Tue, 32 Jun 2003 04:00:00 GMT", "" },
	{ "Tue, 10 Foo 2003 04:00:00 GMT", "" },
	{ "Tue, 10 Jun 2003 04:61:00 GMT", "" },
	{ "Tue, 10 Jun 2003 04:00:00 +9900", "" },
	{ "12345", "" },
	{ "10 Jun", "" },
};

static void
test_table(void **state)
{
	char got[32];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		clock_format_s(date_parse(cases[i].in, strlen(cases[i].in)),
		    got);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("date_parse(\"%s\") = \"%s\", want \"%s\"",
			    cases[i].in, got, cases[i].want);
	}
}

static void
test_not_terminated(void **state)
{
	const char s[] = "2003-06-10T04:00:00Zjunk";

	(void)state;
	assert_int_equal(date_parse(s, 20), 1055217600);
	assert_int_equal(date_parse(s, sizeof(s) - 1), ITEM_NO_TIME);
}

static void
test_format_range(void **state)
{
	char got[32];

	(void)state;
	clock_format_s(0, got);
	assert_string_equal(got, "1970-01-01T00:00:00Z");
	clock_format_s(253402300799LL, got);
	assert_string_equal(got, "9999-12-31T23:59:59Z");
	clock_format_s(253402300800LL, got);
	assert_string_equal(got, "");
	clock_format_s(ITEM_NO_TIME, got);
	assert_string_equal(got, "");
	assert_int_equal(date_days_from_civil(2000, 3, 1), 11017);
}

/* The one formatter in its three forms, at and beyond its edges: the
 * extremes of int64_t must give "" and NULL, not overflow (UBSan). */
static void
test_format_ms_edges(void **state)
{
	char got[CLOCK_TEXT_LEN];

	(void)state;
	assert_non_null(clock_format_ms(-1, got));
	assert_string_equal(got, "1969-12-31T23:59:59.999Z");
	assert_non_null(clock_format(1505211300250LL, got));
	assert_string_equal(got, "2017-09-12T10:15:00Z");
	assert_non_null(clock_format_ms(1505211300250LL, got));
	assert_string_equal(got, "2017-09-12T10:15:00.250Z");
	assert_non_null(clock_format_ms(-62135596800000LL, got));
	assert_string_equal(got, "0001-01-01T00:00:00.000Z");
	assert_non_null(clock_format_ms(253402300799999LL, got));
	assert_string_equal(got, "9999-12-31T23:59:59.999Z");
	assert_null(clock_format_ms(253402300800000LL, got));
	assert_string_equal(got, "");
	assert_null(clock_format_ms(-62135596800001LL, got));
	assert_null(clock_format_ms(INT64_MIN, got));
	assert_string_equal(got, "");
	assert_null(clock_format(INT64_MAX, got));
	assert_null(clock_format_s(INT64_MAX, got));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_not_terminated),
		cmocka_unit_test(test_format_range),
		cmocka_unit_test(test_format_ms_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
