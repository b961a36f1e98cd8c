/*
 * The state file's readers (`alerts`, `status`, the web pages) while
 * another connection holds it locked: they wait their busy timeout, as
 * their first query always did, instead of failing at open.  The daemon
 * locks the file briefly when it creates it or switches its journal, and
 * `ukeuwatch alerts` run at that moment said "cannot open ... database is
 * locked" (seen in CI under AddressSanitizer, where the window is longest).
 */
#include <sys/wait.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "helpers.h"
#include "lib/errbuf.h"
#include "store/store_read.h"

/*
 * A state file with a feed and two items, closed; then a child takes its
 * exclusive lock (locking_mode EXCLUSIVE, so even WAL readers are shut
 * out), tells the parent through a pipe, holds it for hold_ms and exits,
 * releasing it.  Returns the child's pid.
 */
static pid_t
child_locks(struct fx *fx, int hold_ms)
{
	const char *path = fx->path;
	int fds[2];
	char c;
	pid_t pid;

	fx_open(fx);
	fx_seed_ab(fx);
	store_free(fx->st);
	fx->st = NULL;
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *db = NULL;

		close(fds[0]);
		if (sqlite3_open(path, &db) != SQLITE_OK ||
		    sqlite3_exec(db,
		        "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
		        "CREATE TABLE held (x)",
		        NULL, NULL, NULL) != SQLITE_OK)
			_exit(3);
		if (write(fds[1], "L", 1) != 1)
			_exit(4);
		usleep((useconds_t)hold_ms * 1000);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(db);
		_exit(0);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &c, 1), 1);
	close(fds[0]);
	return pid;
}

static void
reap(pid_t pid)
{
	int status;

	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_reader_waits_for_lock(void **state)
{
	struct fx *fx = *state;
	struct store_reader *r = NULL;
	struct errbuf eb = { 0 };
	pid_t pid;

	pid = child_locks(fx, 400);
	assert_int_equal(store_reader_open(&r, fx->path, STORE_READ_WAIT_MS,
	                     &eb),
	    0);
	assert_non_null(r);
	store_reader_free(r);
	reap(pid);
}

/* The web pages' shorter wait is the wait: past it, the open fails and
 * names the file and the reason (the page then answers 503). */
static void
test_reader_wait_is_its_own(void **state)
{
	struct fx *fx = *state;
	struct store_reader *r = NULL;
	struct errbuf eb = { 0 };
	pid_t pid;

	pid = child_locks(fx, 800);
	assert_true(store_reader_open(&r, fx->path, 50, &eb) < 0);
	assert_null(r);
	assert_non_null(strstr(eb.msg, fx->path));
	assert_non_null(strstr(eb.msg, "locked"));
	reap(pid);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reader_waits_for_lock,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_reader_wait_is_its_own,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
