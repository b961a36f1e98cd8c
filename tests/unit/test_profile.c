/* test_profile.c -- the profile file format and its diagnostics */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/buf.h"
#include "match/profile.h"
#include "match/text.h"

#define FIX "tests/fixtures/profiles/"

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = calloc(1, 1 << 16);

	assert_non_null(f);
	*len = fread(s, 1, (1 << 16) - 1, f);
	fclose(f);
	return s;
}

static void
test_good(void **state)
{
	struct profiles *ps;
	struct buf err;
	const struct profile *p;

	(void)state;
	buf_init(&err, 0);
	assert_int_equal(profiles_new(&ps), 0);
	assert_int_equal(profiles_add_file(ps, FIX "good.profile", &err), 0);
	assert_string_equal(buf_str(&err), "");
	p = profiles_find(ps, "good");
	assert_non_null(p);
	assert_true(p->threshold == 5);
	assert_true(p->field_weight[PROFILE_TITLE] == 2);
	assert_true(p->field_weight[PROFILE_CONTENT] == 0.5);
	assert_int_equal(p->n_groups, 2);
	assert_string_equal(p->groups[0], "uk");
	assert_int_equal(p->n_terms, 9);
	assert_string_equal(p->terms[2].text, "security partnership");
	assert_int_equal(p->terms[2].n_keys, 2);
	assert_int_equal(p->terms[2].keys[1], text_hash("partnership", 11));
	assert_true(p->terms[3].weight == -2);
	assert_true(p->terms[4].acronym); /* UK */
	assert_int_equal(p->terms[4].groups, 1);
	assert_string_equal(p->terms[7].text, "European Union"); /* unquoted */
	assert_int_equal(p->terms[7].groups, 2);
	assert_true(p->terms[8].exclude);
	assert_int_equal(p->terms[8].line, 11);
	profiles_free(ps);
	buf_clear(&err);
}

/* Every error is collected, each as FILE:LINE: message. */
static void
test_errors(void **state)
{
	struct profiles *ps;
	struct buf err;
	size_t len, elen;
	char *text = slurp(FIX "bad.profile.txt", &len);
	char *want = slurp(FIX "bad.expect", &elen);

	(void)state;
	buf_init(&err, 0);
	assert_int_equal(profiles_new(&ps), 0);
	assert_int_equal(profiles_parse(ps, "bad", "bad.profile", text, len,
	                     &err),
	    -EINVAL);
	assert_string_equal(buf_str(&err), want);
	assert_int_equal(profiles_count(ps), 0);
	profiles_free(ps);
	buf_clear(&err);
	free(text);
	free(want);
}

static void
test_merge_and_limits(void **state)
{
	struct profiles *ps;
	struct buf err;
	const char *ok = "threshold 1\nterm 2 EU\nrequire eu EU\n";
	const char *none = "threshold 1\nterm -1 x\n";

	(void)state;
	buf_init(&err, 0);
	assert_int_equal(profiles_new(&ps), 0);
	assert_int_equal(profiles_parse(ps, "a", "a", ok, strlen(ok), &err), 0);
	assert_int_equal(profiles_get(ps, 0)->n_terms, 1);
	assert_int_equal(profiles_parse(ps, "a", "a", ok, strlen(ok), &err),
	    -EEXIST);
	buf_reset(&err);
	assert_int_equal(profiles_parse(ps, "b", "b", none, strlen(none), &err),
	    -EINVAL);
	assert_string_equal(buf_str(&err),
	    "b:0: no term with a positive weight: nothing can match\n");
	buf_reset(&err);
	assert_int_equal(profiles_parse(ps, "Bad Name", "f", ok, strlen(ok),
	                     &err),
	    -EINVAL);
	assert_int_equal(profiles_parse(ps, "z", "z", "threshold 1\0x", 13,
	                     &err),
	    -EINVAL);
	assert_non_null(strstr(buf_str(&err), "z:1: NUL byte"));
	profiles_free(ps);
	buf_clear(&err);
}

static void
test_load_dir(void **state)
{
	struct profiles *ps;
	struct buf err;

	(void)state;
	buf_init(&err, 0);
	assert_int_equal(profiles_load_dir(&ps, "seeds", &err), 0);
	assert_string_equal(buf_str(&err), "");
	assert_int_equal(profiles_count(ps), 3);
	assert_string_equal(profiles_get(ps, 0)->name, "brexit-defence");
	assert_string_equal(profiles_get(ps, 1)->name, "csdp");
	assert_string_equal(profiles_get(ps, 2)->name, "sanctions");
	profiles_free(ps);
	assert_int_equal(profiles_load_dir(&ps, "tests/unit", &err), -ENOENT);
	assert_null(ps);
	assert_string_equal(buf_str(&err),
	    "tests/unit: no NAME.profile files\n");
	buf_clear(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_merge_and_limits),
		cmocka_unit_test(test_load_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
