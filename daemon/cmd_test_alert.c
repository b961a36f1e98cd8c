/*
 * cmd_test_alert.c -- `ukeuwatch test-alert TARGET`: send a sample alert to
 * one configured target through the same driver the outbox uses
 * (webhook_setup, or mail_message + mail_setup, on a daemon/xfer request)
 * and print the HTTP status or SMTP reply.
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
#include "alerts/mail.h"
#include "alerts/target.h"
#include "alerts/webhook.h"
#include "daemon/check.h"
#include "daemon/cli.h"
#include "daemon/config.h"
#include "lib/buf.h"
#include "lib/clock.h"
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

/* A sample that exercises every field a formatter renders. */
static int
sample_alert(struct alert *a)
{
	char id[64];
	int64_t now = clock_now_ms();
	int rc = 0;

	snprintf(id, sizeof(id), "test-%016" PRIx64 "%08" PRIx64,
	    rand_below(UINT64_MAX), rand_below(UINT32_MAX));
	rc |= alert_set(&a->id, id);
	rc |= alert_set(&a->profile, "test");
	rc |= alert_set(&a->title,
	    "ukeuwatch test alert: UK and EU agree a security and defence "
	    "partnership");
	rc |= alert_set(&a->link, "https://example.org/ukeuwatch/test-alert");
	rc |= alert_set(&a->summary,
	    "This is a sample alert sent by `ukeuwatch test-alert` to check "
	    "that this target is reachable and renders alerts. No action is "
	    "needed.");
	rc |= alert_set(&a->statement,
	    "We will deepen our security cooperation with the European Union");
	rc |= alert_set(&a->speaker, "ukeuwatch");
	rc |= alert_set(&a->feed_name, "test-alert");
	rc |= alert_set(&a->feed_url, "https://example.org/ukeuwatch/feed");
	rc |= alert_add_term(a, "security cooperation");
	rc |= alert_add_term(a, "EU");
	a->score = 10.0;
	a->published_ms = now;
	a->fetched_ms = now;
	a->matched_ms = now;
	return rc < 0 ? -ENOMEM : 0;
}

/* Set up r for t (the outbox's build(), for a single alert). */
static int
setup(struct xfer_req *r, const struct target_conf *t, const struct alert *a,
    struct buf *body, struct mail_upload *up, struct errbuf *eb)
{
	struct curl_slist *hdrs = NULL, *rcpt = NULL;
	CURL *easy = xfer_req_easy(r);
	int64_t now_s = clock_now_ms() / 1000;
	int rc;

	xfer_req_set_limits(r, 1u << 20, t->timeout_ms);
	if (t->type == TARGET_TYPE_WEBHOOK) {
		rc = webhook_setup(easy, t, a, now_s, &hdrs, body, eb);
		for (struct curl_slist *h = hdrs; rc == 0 && h != NULL;
		     h = h->next)
			rc = xfer_req_add_header(r, h->data);
		curl_slist_free_all(hdrs);
		return rc;
	}
	rc = mail_message(body, t, a, now_s, eb);
	if (rc == 0)
		rc = mail_setup(easy, t, body, up, &rcpt, eb);
	if (rc == 0 && xfer_req_take_slist(r, rcpt) < 0) {
		curl_slist_free_all(rcpt);
		rc = errbuf_set(eb, -ENOMEM, "out of memory");
	}
	return rc;
}

static void
on_closed(void *arg)
{
	(void)arg;
}

/* Send a to t on a private loop; fills o.  0, or a negative errno. */
static int
send_one(const struct config *c, const struct target_conf *t,
    const struct alert *a, struct outcome *o, struct errbuf *eb)
{
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
		rc = setup(r, t, a, &body, &up, eb);
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

	if (o->status > 0)
		printf("%s: %s %ld (%s)\n", t->name, proto, o->status,
		    target_verdict_name(v));
	else
		printf("%s: %s (%s)\n", t->name, o->summary,
		    target_verdict_name(v));
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
	struct alert a;
	struct errbuf eb;
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
	if (rc < 0) {
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
