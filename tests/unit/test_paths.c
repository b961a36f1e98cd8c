/* test_paths.c -- the one rule for finding the shipped data (lib/paths.h):
 * $UKEUWATCH_PROFILES / $UKEUWATCH_BACKGROUND, then $UKEUWATCH_DATADIR,
 * then the compiled-in place (here, an uninstalled build: the source
 * tree's seeds/, whatever the working directory), and the config's
 * default `profiles` following the same rule. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "daemon/config.h"
#include "lib/paths.h"

static char top[PATH_MAX];

static int
clear_env(void **state)
{
	(void)state;
	unsetenv("UKEUWATCH_PROFILES");
	unsetenv("UKEUWATCH_BACKGROUND");
	unsetenv("UKEUWATCH_DATADIR");
	return 0;
}

static void
test_builtin_is_the_source_tree(void **state)
{
	char want[PATH_MAX + 64];

	(void)state;
	snprintf(want, sizeof(want), "%s/seeds", top);
	assert_string_equal(paths_profiles_dir(), want);
	snprintf(want, sizeof(want), "%s/seeds/background.tsv", top);
	assert_string_equal(paths_background(), want);
	/* Not relative to the working directory. */
	assert_int_equal(chdir("/"), 0);
	assert_string_equal(paths_background(), want);
	assert_int_equal(chdir(top), 0);
}

static void
test_datadir_comes_before_the_builtin(void **state)
{
	(void)state;
	setenv("UKEUWATCH_DATADIR", "/opt/ukw/share/ukeuwatch", 1);
	assert_string_equal(paths_profiles_dir(),
	    "/opt/ukw/share/ukeuwatch/profiles");
	assert_string_equal(paths_background(),
	    "/opt/ukw/share/ukeuwatch/background.tsv");
}

static void
test_own_variable_comes_first(void **state)
{
	(void)state;
	setenv("UKEUWATCH_DATADIR", "/d", 1);
	setenv("UKEUWATCH_PROFILES", "/p", 1);
	assert_string_equal(paths_profiles_dir(), "/p");
	assert_string_equal(paths_background(), "/d/background.tsv");
	setenv("UKEUWATCH_BACKGROUND", "/b.tsv", 1);
	assert_string_equal(paths_background(), "/b.tsv");
	assert_string_equal(paths_profiles_dir(), "/p");
}

static void
test_empty_variables_are_unset(void **state)
{
	char want[PATH_MAX + 64];

	(void)state;
	setenv("UKEUWATCH_DATADIR", "", 1);
	setenv("UKEUWATCH_PROFILES", "", 1);
	snprintf(want, sizeof(want), "%s/seeds", top);
	assert_string_equal(paths_profiles_dir(), want);
}

/* A config without `profiles =` gets the directory of the same rule. */
static void
test_config_default_follows_the_rule(void **state)
{
	char path[] = "/tmp/ukw-paths-XXXXXX";
	struct strlist errors = { 0 };
	struct config *c = NULL;
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fprintf(f, "[daemon]\nstate = /tmp/x.db\nalert-log = /tmp/x.jsonl\n");
	fclose(f);
	setenv("UKEUWATCH_DATADIR", "/d", 1);
	assert_int_equal(config_load(path, &c, &errors), 0);
	assert_string_equal(c->daemon.profiles_dir, "/d/profiles");
	config_free(c);
	setenv("UKEUWATCH_PROFILES", "/p", 1);
	assert_int_equal(config_load(path, &c, &errors), 0);
	assert_string_equal(c->daemon.profiles_dir, "/p");
	config_free(c);
	strlist_clear(&errors);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_builtin_is_the_source_tree,
		    clear_env),
		cmocka_unit_test_setup(test_datadir_comes_before_the_builtin,
		    clear_env),
		cmocka_unit_test_setup(test_own_variable_comes_first,
		    clear_env),
		cmocka_unit_test_setup(test_empty_variables_are_unset,
		    clear_env),
		cmocka_unit_test_setup(test_config_default_follows_the_rule,
		    clear_env),
	};

	if (getcwd(top, sizeof(top)) == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
