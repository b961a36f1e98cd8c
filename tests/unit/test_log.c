/*
 * test_log.c -- the operational log: levels, the journal's <N> prefix when
 * JOURNAL_STREAM names our stderr (and only then), one line per event.
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/log.h"

static char path[] = "/tmp/ukw-log-XXXXXX";
static int saved_stderr = -1;

/* Point stderr at a fresh temp file; return its fd. */
static int
capture(void)
{
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	saved_stderr = dup(STDERR_FILENO);
	assert_true(dup2(fd, STDERR_FILENO) >= 0);
	return fd;
}

/* Restore stderr and return what was written (caller frees). */
static char *
release(int fd)
{
	char *text = calloc(1, 4096);

	assert_true(dup2(saved_stderr, STDERR_FILENO) >= 0);
	close(saved_stderr);
	assert_true(pread(fd, text, 4095, 0) >= 0);
	close(fd);
	unlink(path);
	memcpy(path + strlen(path) - 6, "XXXXXX", 6);
	return text;
}

static void
test_journal_prefix(void **state)
{
	struct stat st;
	char js[64];
	char *out;
	int fd;

	(void)state;
	fd = capture();
	assert_int_equal(fstat(STDERR_FILENO, &st), 0);
	snprintf(js, sizeof(js), "%llu:%llu", (unsigned long long)st.st_dev,
	    (unsigned long long)st.st_ino);
	setenv("JOURNAL_STREAM", js, 1);
	log_init(LOG_LEVEL_INFO);
	log_warn("feed %s: HTTP %d\nsecond line", "mod", 503);
	log_err("target %s: rejected", "ops");
	log_debug("not shown at info");
	out = release(fd);
	assert_string_equal(out,
	    "<4>feed mod: HTTP 503 second line\n<3>target ops: rejected\n");
	free(out);
	unsetenv("JOURNAL_STREAM");
}

static void
test_terminal_format(void **state)
{
	char *out;
	int fd;

	(void)state;
	/* JOURNAL_STREAM inherited from a parent but naming another file. */
	setenv("JOURNAL_STREAM", "1:1", 1);
	fd = capture();
	log_init(LOG_LEVEL_DEBUG);
	log_notice("started: %d feeds", 3);
	log_debug("x=%d", 1);
	out = release(fd);
	/* 2026-11-30T08:19:40Z ukeuwatch[PID] notice: started: 3 feeds */
	assert_non_null(strstr(out, "Z ukeuwatch["));
	assert_non_null(strstr(out, "] notice: started: 3 feeds\n"));
	assert_non_null(strstr(out, "] debug: x=1\n"));
	assert_null(strstr(out, "<5>"));
	free(out);
	unsetenv("JOURNAL_STREAM");
}

static int evaluated;

static int
side_effect(void)
{
	return ++evaluated;
}

static void
test_level_checked_before_arguments(void **state)
{
	char *out;
	int fd;

	(void)state;
	fd = capture();
	log_init(LOG_LEVEL_WARN);
	evaluated = 0;
	log_info("costly %d", side_effect());
	assert_int_equal(evaluated, 0);
	log_warn("cheap %d", side_effect());
	assert_int_equal(evaluated, 1);
	out = release(fd);
	assert_non_null(strstr(out, "warning: cheap 1\n"));
	assert_null(strstr(out, "costly"));
	free(out);
	assert_int_equal(log_level_parse("warning"), LOG_LEVEL_WARN);
	assert_int_equal(log_level_parse("DEBUG"), LOG_LEVEL_DEBUG);
	assert_int_equal(log_level_parse("loud"), -1);
}

static void
test_long_line_is_cut_and_marked(void **state)
{
	char big[5000], *out;
	int fd;

	(void)state;
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	fd = capture();
	log_init(LOG_LEVEL_INFO);
	log_info("%s", big);
	out = release(fd);
	assert_true(strlen(out) <= 2048);
	assert_non_null(strstr(out, "...\n"));
	assert_int_equal(strchr(out, '\n') - out, (long)strlen(out) - 1);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_journal_prefix),
		cmocka_unit_test(test_terminal_format),
		cmocka_unit_test(test_level_checked_before_arguments),
		cmocka_unit_test(test_long_line_is_cut_and_marked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
