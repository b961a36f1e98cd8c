/* test_units.c -- durations and sizes, at their edges. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/units.h"

struct unit_case {
	const char *s;
	uint64_t v;
};

static void
test_durations_valid(void **state)
{
	static const struct unit_case cases[] = {
		{ "90s", 90000 },
		{ "10m", 600000 },
		{ "2h", 7200000 },
		{ "1d", 86400000 },
		{ "1w", 604800000 },
		{ "250ms", 250 },
		{ "1h30m", 5400000 },
		{ "0s", 0 },
		{ "2d12h", 216000000 },
	};
	struct errbuf eb = { 0 };
	uint64_t ms;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(units_duration_parse(cases[i].s, &ms, &eb), 0);
		assert_int_equal(ms, cases[i].v);
	}
}

static void
test_durations_invalid(void **state)
{
	static const char *const bad[] = { "", "5", "-5m", "5 m", " 5m", "5m ",
		"5x", "m", "1.5h", "0x10s", "5mm", "+5m", "5M" };
	struct errbuf eb = { 0 };
	uint64_t ms = 7;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(units_duration_parse(bad[i], &ms, &eb),
		    -EINVAL);
		assert_int_equal(eb.code, -EINVAL);
	}
	assert_int_equal(ms, 7); /* untouched on error */
	assert_int_equal(units_duration_parse("5", &ms, &eb), -EINVAL);
	assert_non_null(strstr(eb.msg, "needs a unit"));
	assert_int_equal(units_duration_parse("-5m", &ms, &eb), -EINVAL);
	assert_non_null(strstr(eb.msg, "negative"));
}

static void
test_durations_overflow(void **state)
{
	struct errbuf eb = { 0 };
	uint64_t ms;

	(void)state;
	/* 2^64 ms overflows; so do a huge count of weeks and a sum. */
	assert_int_equal(units_duration_parse("18446744073709551616ms", &ms,
	                     &eb),
	    -ERANGE);
	assert_int_equal(units_duration_parse("18446744073709551615ms", &ms,
	                     &eb),
	    0);
	assert_int_equal(ms, UINT64_MAX);
	assert_int_equal(units_duration_parse("30500000000000w", &ms, &eb),
	    -ERANGE);
	assert_int_equal(units_duration_parse("18446744073709551615ms1ms", &ms,
	                     &eb),
	    -ERANGE);
	assert_non_null(strstr(eb.msg, "too large"));
}

static void
test_sizes(void **state)
{
	static const struct unit_case cases[] = {
		{ "512KiB", 524288 },
		{ "10MiB", 10485760 },
		{ "1GiB", 1073741824 },
		{ "100B", 100 },
		{ "5kB", 5000 },
		{ "2MB", 2000000 },
		{ "0B", 0 },
	};

	static const char *const bad[] = { "10", "10 MiB", "-1MiB", "1.5MiB",
		"10mib", "MiB", "10MiBs", "1MiB1KiB", "" };
	struct errbuf eb = { 0 };
	uint64_t b;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(units_size_parse(cases[i].s, &b, &eb), 0);
		assert_int_equal(b, cases[i].v);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(units_size_parse(bad[i], &b, &eb), -EINVAL);
	assert_int_equal(units_size_parse("17179869184GiB", &b, &eb), -ERANGE);
}

static void
test_format(void **state)
{
	char out[32];

	(void)state;
	units_duration_format(5400000, out);
	assert_string_equal(out, "1h30m");
	units_duration_format(0, out);
	assert_string_equal(out, "0s");
	units_duration_format(90061001, out);
	assert_string_equal(out, "1d1h1m1s1ms");
	units_size_format(10485760, out);
	assert_string_equal(out, "10MiB");
	units_size_format(1000, out);
	assert_string_equal(out, "1000B");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_durations_valid),
		cmocka_unit_test(test_durations_invalid),
		cmocka_unit_test(test_durations_overflow),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
