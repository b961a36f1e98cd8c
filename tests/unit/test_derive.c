/* test_derive.c -- proposing a profile from seeds against the background */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/buf.h"
#include "match/derive.h"
#include "match/profile.h"

static void
add_file(struct derive *d, const char *path)
{
	char *text = calloc(1, 1 << 16);
	FILE *f = fopen(path, "rb");
	size_t n;

	assert_non_null(f);
	n = fread(text, 1, (1 << 16) - 1, f);
	fclose(f);
	assert_int_equal(derive_add(d, text, n), 0);
	free(text);
}

/* The proposal from the seeds names their subject and parses back. */
static void
test_propose_seeds(void **state)
{
	struct derive *d;
	struct errbuf eb = { 0 };
	struct profiles *ps;
	struct buf out, err;

	(void)state;
	buf_init(&out, 0);
	buf_init(&err, 0);
	assert_int_equal(derive_new(&d), 0);
	assert_int_equal(derive_load_background(d, "seeds/background.tsv", &eb),
	    0);
	add_file(d, "seeds/000_b8849cef52dc33b0.txt");
	add_file(d, "seeds/001_8ffd935fa253112c.txt");
	add_file(d, "seeds/002_7c0ee9f41b1e8ffd.txt");
	assert_int_equal(derive_propose(d, "test", 30, &out), 0);
	assert_non_null(strstr(buf_str(&out), " security  # seeds 3/3"));
	/* The weight depends on the background; the seed count does not. */
	assert_non_null(strstr(buf_str(&out), " defence  # seeds 3/3"));
	assert_non_null(strstr(buf_str(&out), "term 3 Brexit"));
	assert_null(strstr(buf_str(&out), "term 3 the "));
	assert_int_equal(profiles_new(&ps), 0);
	assert_int_equal(profiles_parse(ps, "test", "proposal", out.data,
	                     out.len, &err),
	    0);
	assert_string_equal(buf_str(&err), "");
	profiles_free(ps);
	derive_free(d);
	buf_clear(&out);
	buf_clear(&err);
}

static void
test_counts_and_errors(void **state)
{
	struct derive *d;
	struct errbuf eb = { 0 };
	struct buf out;
	const char *text = "Sanctions, sanctions and the sanctioned.";

	(void)state;
	buf_init(&out, 0);
	assert_int_equal(derive_new(&d), 0);
	assert_int_equal(derive_propose(d, "x", 10, &out), -ENODATA);
	assert_int_equal(derive_add(d, text, strlen(text)), 0);
	assert_int_equal(derive_write_counts(d, &out), 0);
	assert_string_equal(buf_str(&out), "# total: 5\nsanction\t3\n");
	assert_int_equal(derive_load_background(d, "/nonexistent", &eb),
	    -ENOENT);
	assert_int_equal(derive_load_background(d,
	                     "tests/fixtures/profiles/unrelated.txt", &eb),
	    -EINVAL);
	assert_string_equal(eb.msg,
	    "tests/fixtures/profiles/unrelated.txt:1: "
	    "expected STEM<TAB>COUNT");
	derive_free(d);
	buf_clear(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_propose_seeds),
		cmocka_unit_test(test_counts_and_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
