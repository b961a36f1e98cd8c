/*
 * test_alertlog -- the JSON Lines alert log in a temporary directory:
 * whole lines compared, buffering until flush, file mode, reopen after a
 * rename (logrotate), and the error for a missing directory.
 */
#include <sys/stat.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "alerts/alert.h"
#include "alerts/alertlog.h"
#include "lib/errbuf.h"

/* One alert as a message of one (borrowed). */
#define MSG1(a) (&(const struct alert_msg){ (struct alert *)(a), 1 })

static char dir[64];
static char path[128];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_alertlog.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/alerts.jsonl", dir);
	return 0;
}

static int
teardown(void **state)
{
	char p[160];

	(void)state;
	unlink(path);
	snprintf(p, sizeof(p), "%s.1", path);
	unlink(p);
	rmdir(dir);
	return 0;
}

static char *
slurp(const char *p)
{
	FILE *f = fopen(p, "r");
	char *s = calloc(1, 65536);
	size_t n;

	assert_non_null(f);
	assert_non_null(s);
	n = fread(s, 1, 65535, f);
	s[n] = '\0';
	fclose(f);
	return s;
}

static void
sample(struct alert *a)
{
	alert_init(a);
	assert_int_equal(alert_set(&a->id, "a1"), 0);
	assert_int_equal(alert_set(&a->profile, "csdp"), 0);
	a->score = 2.5;
	assert_int_equal(alert_add_term(a, "csdp"), 0);
	assert_int_equal(alert_set(&a->title, "T\n\"q\""), 0);
	a->matched_ms = 1700000000000LL;
}

/* The event a generic webhook receives: the log line is the payload. */
static const char want_alert[] =
    "{\"type\":\"alert.matched\",\"timestamp\":\"2023-11-14T22:13:2"
    "0.000Z\",\"data\":{\"id\":\"a1\",\"title\":\"T\\n\\\"q\\\"\",\""
    "link\":null,\"summary\":null,\"published\":null,\"feed\":{\"na"
    "me\":null,\"url\":null},\"statement\":null,\"speaker\":null,\"statement_"
    "quoted\":false,\""
    "profiles\":[{\"name\":\"csdp\",\"alert_id\":\"a1\",\"score\":2"
    ".5,\"terms\":[\"csdp\"]}],\"detected_at\":\"2023-11-14T22:13:2"
    "0.000Z\",\"latency\":{\"published\":null,\"fetched\":null,\"ma"
    "tched\":\"2023-11-14T22:13:20.000Z\",\"published_to_matched_ms"
    "\":null,\"fetched_to_matched_ms\":null}}}\n";

static const char want_delivery[] =
    "{\"type\":\"delivery\",\"at\":\"2023-11-14T22:13:22.500Z\","
    "\"alert_id\":\"a1\",\"target\":\"slack-ops\",\"outcome\":\"retry\","
    "\"status\":503,\"attempt\":1,\"detail\":\"HTTP 503\",\"latency_ms\":"
    "{\"since_published\":null,\"since_matched\":2500}}\n";

static void
test_lines(void **state)
{
	struct alertlog_delivery d = { "a1", "slack-ops", "retry", 503, 1,
		"HTTP 503", 1700000002500LL, ALERT_TIME_NONE, 1700000000000LL };
	struct errbuf eb = { 0 };
	struct alertlog *l;
	struct alert a;
	struct stat st;
	mode_t mask;
	char *s, want[2048];

	(void)state;
	sample(&a);
	mask = umask(0);
	umask(mask);
	assert_int_equal(alertlog_new(&l, path, &eb), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640 & ~mask);
	assert_int_equal(alertlog_alert(l, MSG1(&a), 1700000001000LL), 0);
	assert_int_equal(alertlog_delivery(l, &d), 0);
	/* Nothing reaches the file before the flush. */
	s = slurp(path);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(alertlog_flush(l, &eb), 0);
	s = slurp(path);
	snprintf(want, sizeof(want), "%s%s", want_alert, want_delivery);
	assert_string_equal(s, want);
	free(s);
	alertlog_free(l);
	/* A second open appends. */
	assert_int_equal(alertlog_new(&l, path, &eb), 0);
	assert_int_equal(alertlog_delivery(l, &d), 0);
	alertlog_free(l); /* flushes */
	s = slurp(path);
	snprintf(want, sizeof(want), "%s%s%s", want_alert, want_delivery,
	    want_delivery);
	assert_string_equal(s, want);
	free(s);
	alert_clear(&a);
}

static void
test_reopen(void **state)
{
	struct alertlog_delivery d = { "a1", "slack-ops", "retry", 503, 1,
		"HTTP 503", 1700000002500LL, ALERT_TIME_NONE, 1700000000000LL };
	struct errbuf eb = { 0 };
	struct alertlog *l;
	char rotated[160], *s;

	(void)state;
	snprintf(rotated, sizeof(rotated), "%s.1", path);
	assert_int_equal(alertlog_new(&l, path, &eb), 0);
	assert_int_equal(alertlog_delivery(l, &d), 0);
	assert_int_equal(alertlog_flush(l, &eb), 0);
	assert_int_equal(rename(path, rotated), 0);
	/* Buffered before the reopen: belongs to the old file. */
	assert_int_equal(alertlog_delivery(l, &d), 0);
	assert_int_equal(alertlog_reopen(l, &eb), 0);
	d.outcome = "delivered";
	d.status = 200;
	d.attempt = 2;
	d.detail = NULL;
	assert_int_equal(alertlog_delivery(l, &d), 0);
	assert_int_equal(alertlog_flush(l, &eb), 0);
	s = slurp(rotated);
	assert_int_equal(strlen(s), 2 * strlen(want_delivery));
	free(s);
	s = slurp(path);
	assert_string_equal(s,
	    "{\"type\":\"delivery\",\"at\":\"2023-11-14T22:13:22.500Z\","
	    "\"alert_id\":\"a1\",\"target\":\"slack-ops\",\"outcome\":"
	    "\"delivered\",\"status\":200,\"attempt\":2,\"detail\":null,"
	    "\"latency_ms\":{\"since_published\":null,\"since_matched\":"
	    "2500}}\n");
	free(s);
	alertlog_free(l);
}

static void
test_missing_dir(void **state)
{
	struct errbuf eb = { 0 };
	struct alertlog *l = (struct alertlog *)&eb;
	char p[160], want[400];

	(void)state;
	snprintf(p, sizeof(p), "%s/nope/alerts.jsonl", dir);
	assert_int_equal(alertlog_new(&l, p, &eb), -ENOENT);
	assert_null(l);
	snprintf(want, sizeof(want),
	    "alert log %s: directory %s/nope does not exist; create it "
	    "(LogsDirectory= under systemd) or change alert-log",
	    p, dir);
	assert_string_equal(eb.msg, want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_dir, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
