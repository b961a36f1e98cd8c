/*
 * cmd_test_alert.c -- `ukeuwatch test-alert TARGET`: send a sample alert to
 * one configured target through the same driver the outbox uses
 * (deliver_setup, on a lib/xfer request) and print the HTTP status or SMTP
 * reply.
 *
 * It runs on a private loop and touches neither the state file nor the
 * alert log, so it is safe while the daemon runs.  Exit 0 when the target
 * accepted the alert (2xx, or SMTP 250), 1 when it did not, 2 for a usage
 * or configuration error, including a target that is not configured.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>
#include <uv.h>

#include "alerts/alert.h"
#include "alerts/deliver.h"
#include "alerts/mail.h"
#include "alerts/target.h"
#include "daemon/check.h"
#include "daemon/cli.h"
#include "daemon/config.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/item.h"
#include "lib/rand.h"
#include "lib/xfer.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_test_alert = {
	.name = "test-alert",
	.synopsis = "[-c FILE] TARGET",
	.summary = "send a sample alert to one target and report the result",
	.help = "  TARGET             a [target \"NAME\"] of the config\n"
	        "Exit status: 0 when the target accepted the alert (HTTP 2xx "
	        "or SMTP 250),\n1 when it did not, 2 for an unknown target or "
	        "a bad config.\n",
	.run = run,
};

/* Response bytes kept for the report: enough for a chat error message. */
#define REPLY_MAX 300

struct outcome {
	int done;
	long status;
	CURLcode code;
	char summary[256];
	struct buf reply; /* the start of the response body */
};

static int
on_data(void *arg, const char *data, size_t len)
{
	struct outcome *o = arg;

	buf_append_some(&o->reply, data, len);
	return 0;
}

static void
on_done(void *arg, const struct xfer_result *res)
{
	struct outcome *o = arg;

	o->done = 1;
	o->status = res->status;
	o->code = res->code;
	snprintf(o->summary, sizeof(o->summary), "%s",
	    res->summary ? res->summary : "");
}

/*
 * A sample that exercises every field a formatter renders, built the way
 * the pipeline builds an alert: a match of an item (alert_from_match).  The
 * id is random, not a store's: nothing is stored.
 */
static int
sample_alert(struct alert *a)
{
	static const char *const terms[] = { "security cooperation", "EU" };
	static const struct alert_hit hit = { .profile = "test",
		.score = 10.0,
		.terms = terms,
		.n_terms = 2,
		.statement = "We will deepen our security cooperation with "
		             "the European Union",
		.speaker = "ukeuwatch",
		.statement_quoted = 1 };
	int64_t now = clock_now_ms();
	struct item it;
	char id[64];
	int rc;

	item_init(&it);
	/* Borrowed literals: it is never item_clear-ed. */
	it.title = (char *)"ukeuwatch test alert: UK and EU agree a security "
	                   "and defence partnership";
	it.link = (char *)"https://example.org/ukeuwatch/test-alert";
	it.summary = (char *)"This is a sample alert sent by `ukeuwatch "
	                     "test-alert` to check that this target is "
	                     "reachable and renders alerts. No action is "
	                     "needed.";
	it.published = now / 1000;
	rc = alert_from_match(a, &it, "test-alert",
	    "https://example.org/ukeuwatch/feed", &hit, now, now);
	snprintf(id, sizeof(id), "test-%016" PRIx64 "%08" PRIx64,
	    rand_below(UINT64_MAX), rand_below(UINT32_MAX));
	if (rc == 0)
		rc = alert_set(&a->id, id);
	return rc;
}

static void
on_closed(void *arg)
{
	(void)arg;
}

/* Send a to t on a private loop; fills o.  0, or a negative errno. */
static int
send_one(const struct config *c, const struct target_conf *t, struct alert *a,
    struct outcome *o, struct errbuf *eb)
{
	/* A message of the one sample alert, which it borrows. */
	const struct alert_msg msg = { a, 1 };
	static const struct xfer_cbs cbs = { .on_data = on_data,
		.on_done = on_done };
	const struct daemon_conf *d = &c->daemon;
	struct xfer_opts xo = { .user_agent = d->user_agent,
		.timeout_ms = d->timeout_ms,
		.connect_timeout_ms = d->connect_timeout_ms };
	struct xfer *x = NULL;
	struct xfer_req *r = NULL;
	struct mail_upload up = { 0 };
	struct buf body;
	uv_loop_t loop;
	int rc;

	buf_init(&body, t->type == TARGET_TYPE_MAIL ? 16u << 20 : 0);
	rc = uv_loop_init(&loop);
	if (rc < 0) {
		buf_clear(&body);
		return errbuf_set(eb, rc, "cannot create a loop: %s",
		    uv_strerror(rc));
	}
	rc = xfer_new(&x, &loop, &xo, eb);
	if (rc == 0)
		rc = xfer_req_new(x, &r, eb);
	if (rc == 0)
		rc = deliver_setup(r, t, &msg, 1, &body, &up, eb);
	if (rc == 0) {
		rc = xfer_start(r, &cbs, o);
		r = NULL; /* taken, even on failure */
		if (rc < 0)
			errbuf_set(eb, rc, "cannot start the request: %s",
			    strerror(-rc));
	}
	xfer_req_free(r);
	if (rc == 0)
		uv_run(&loop, UV_RUN_DEFAULT); /* until on_done */
	if (x != NULL) {
		xfer_close(x, 0, on_closed, NULL);
		uv_run(&loop, UV_RUN_DEFAULT);
	}
	if (uv_loop_close(&loop) < 0)
		rc = rc < 0 ? rc : errbuf_set(eb, -EBUSY, "loop left busy");
	buf_clear(&body);
	if (rc == 0 && !o->done)
		rc = errbuf_set(eb, -EIO, "the request never finished");
	return rc;
}

static void
report(const struct target_conf *t, struct outcome *o, enum target_verdict v)
{
	const char *proto = t->type == TARGET_TYPE_MAIL ? "SMTP" : "HTTP";

	/* A status alone only when it is the outcome: an SMTP 250 to EHLO
	 * before a missing STARTTLS, an SMTP 220 before a refused STARTTLS
	 * certificate, or a 552, is not: the summary, as the daemon logs it,
	 * says what went wrong. */
	if (o->status > 0 &&
	    (o->code == CURLE_OK ||
	        (t->type == TARGET_TYPE_WEBHOOK &&
	            (o->code == CURLE_HTTP_RETURNED_ERROR ||
	                o->code == CURLE_FILESIZE_EXCEEDED))))
		printf("%s: %s %ld (%s)\n", t->name, proto, o->status,
		    target_verdict_name(v));
	else
		printf("%s: %s (%s)\n", t->name, o->summary,
		    target_verdict_name(v));
	if (v == TARGET_REJECTED)
		printf("  %s\n", target_advice(t->type, o->code, o->status));
	if (v != TARGET_DELIVERED && o->reply.len > 0) {
		buf_flatten(&o->reply);
		printf("  response: %s\n", buf_str(&o->reply));
	}
}

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL;
	const struct target_conf *t;
	struct outcome o = { 0 };
	struct config *c = NULL;
	enum target_verdict v;
	struct errbuf eb = { 0 };
	struct alert a;
	int ec, rc;

	while (cli_getopt(&cmd_test_alert, argc, argv, "c:h", longopts, &config,
	           &ec) != -1)
		;
	if (ec >= 0)
		return ec;
	if (optind == argc)
		return cli_usage_error(&cmd_test_alert, "which target?");
	if (optind + 1 != argc)
		return cli_usage_error(&cmd_test_alert,
		    "unexpected argument '%s'", argv[optind + 1]);
	rc = check_load(cli_config_path(config), &c);
	if (rc != CLI_OK)
		return rc;
	t = config_target(c, argv[optind]);
	if (t == NULL) {
		rc = cli_fail(&cmd_test_alert, CLI_USAGE,
		    "no target '%s' in %s (%zu configured)", argv[optind],
		    c->path, c->n_targets);
		config_free(c);
		return rc;
	}
	alert_init(&a);
	buf_init(&o.reply, REPLY_MAX);
	rc = sample_alert(&a);
	if (rc < 0)
		errbuf_set(&eb, rc, "out of memory");
	else
		rc = send_one(c, t, &a, &o, &eb);
	if (rc < 0 && strncmp(eb.msg, "target ", 7) == 0) {
		/* the senders name the target already */
		rc = cli_fail(&cmd_test_alert, CLI_FAIL, "%s", eb.msg);
	} else if (rc < 0) {
		rc = cli_fail(&cmd_test_alert, CLI_FAIL, "target %s: %s",
		    t->name, eb.msg);
	} else {
		v = target_verdict(t->type, o.code, o.status);
		report(t, &o, v);
		rc = v == TARGET_DELIVERED ? CLI_OK : CLI_FAIL;
	}
	alert_clear(&a);
	buf_clear(&o.reply);
	config_free(c);
	return rc;
}
