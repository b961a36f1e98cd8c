/*
 * app.c -- see app.h.
 *
 * Every module that owns libuv handles is closed asynchronously, so the
 * stop sequence is a chain of done-callbacks ending with the loop empty:
 * uv_run then returns, and uv_loop_close must succeed (an unclosed handle
 * is a bug that a test catches).
 */
#include "daemon/app.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <uv.h>

#include "alerts/alert.h"
#include "alerts/alertlog.h"
#include "alerts/outbox.h"
#include "daemon/app_impl.h"
#include "daemon/check.h"
#include "daemon/cli.h"
#include "daemon/config.h"
#include "daemon/notify.h"
#include "daemon/pipeline.h"
#include "feeds/sched.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/log.h"
#include "lib/metrics.h"
#include "lib/xfer.h"
#include "match/match.h"
#include "match/profile.h"
#include "store/store.h"
#include "store/store_feeds.h"
#include "store/store_health.h"
#include "web/httpd.h"

#define HOUSEKEEPING_MS (30 * 1000)
#define PRUNE_EVERY_MS  (3600 * 1000)
#define PRUNE_BATCH     5000
/* Deliveries in flight at once, all targets (each target also has its
 * own concurrency), and the delivery xfer's connection caps. */
#define DELIVERY_CONNECTIONS 64

int
app_load_matcher(const char *dir, struct profiles **ps, struct matcher **m,
    struct errbuf *eb)
{
	struct buf errors;
	int rc;

	*ps = NULL;
	*m = NULL;
	buf_init(&errors, 64 * 1024);
	rc = profiles_load_dir(ps, dir, &errors);
	if (rc < 0) {
		errbuf_set(eb, rc, "profiles in %s: %s", dir,
		    errors.len ? buf_str(&errors) : strerror(-rc));
		buf_clear(&errors);
		return rc;
	}
	buf_clear(&errors);
	rc = matcher_new(m, *ps, eb);
	if (rc < 0) {
		profiles_free(*ps);
		*ps = NULL;
		return rc;
	}
	/* The daemon records near misses for review (`alerts --near`). */
	matcher_want_near(*m, MATCH_NEAR_RATIO);
	return rc;
}

/*
 * Each committed item's alerts, as one message: one line in the alert log
 * always, and on stdout without targets; both the event a generic webhook
 * receives (docs/alert.schema.json).
 */
static void
on_alert(void *arg, const struct alert_msg *m, size_t n_targets)
{
	struct app *a = arg;
	struct errbuf eb = { 0 };
	json_t *j;
	char *line;

	a->alerts_total += (unsigned)m->n;
	for (size_t i = 0; i < m->n; i++)
		metrics_alert(m->v[i].profile);
	/* Written now, not at housekeeping: `tail -f` shows each alert as it
	 * is committed. */
	if (alertlog_alert(a->alertlog, m, clock_now_ms()) < 0)
		log_err("alert log %s: cannot append alert %s; it is in the "
		        "state file (`ukeuwatch alerts`)",
		    a->config->daemon.alert_log, alert_msg_id(m));
	else if (alertlog_flush(a->alertlog, &eb) < 0)
		log_warn("alert log: %s", eb.msg);
	for (size_t i = 0; i < m->n; i++)
		log_notice("alert %s: profile=%s score=%.1f feed=%s "
		           "targets=%zu "
		           "title=\"%s\"",
		    m->v[i].id, m->v[i].profile, m->v[i].score,
		    m->v[i].feed_name, n_targets,
		    m->v[i].title ? m->v[i].title : "");
	if (a->config->n_targets > 0)
		return;
	j = alert_msg_event(m);
	line = j ? json_dumps(j, JSON_COMPACT) : NULL;
	if (line != NULL) {
		printf("%s\n", line);
		fflush(stdout);
	}
	free(line);
	json_decref(j);
}

static void
on_queued(void *arg)
{
	struct app *a = arg;

	if (a->outbox != NULL)
		outbox_kick(a->outbox);
}

void
app_status_line(struct app *a, char *out, size_t len)
{
	unsigned ok = 0, failing = 0;

	if (a->sched != NULL)
		sched_health(a->sched, &ok, &failing);
	snprintf(out, len,
	    "%u feeds ok, %u failing; %u alerts since start; %u deliveries in "
	    "flight",
	    ok, failing, a->alerts_total,
	    a->outbox ? outbox_in_flight(a->outbox) : 0);
}

static void
on_housekeeping(uv_timer_t *t)
{
	struct app *a = t->data;
	int64_t now = clock_now_ms(), n;
	struct errbuf eb = { 0 };
	char status[256];

	app_status_line(a, status, sizeof(status));
	notify_status(a->notify, status);
	if (alertlog_flush(a->alertlog, &eb) < 0)
		log_warn("alert log: %s", eb.msg);
	if (now - a->last_prune_ms < PRUNE_EVERY_MS)
		return;
	a->last_prune_ms = now;
	/* In batches, so a large prune never stalls the loop for long. */
	n = store_prune(a->store, now, (int64_t)a->config->daemon.retention_ms,
	    PRUNE_BATCH, &eb);
	if (n == -ERANGE)
		log_warn("state %s: %s", a->config->daemon.state, eb.msg);
	else if (n < 0)
		log_warn("state %s: cannot prune old items: %s",
		    a->config->daemon.state, eb.msg);
	else if (n > 0)
		log_info("state: pruned %lld items gone for longer than the "
		         "retention",
		    (long long)n);
	if (n == PRUNE_BATCH)
		a->last_prune_ms = now - PRUNE_EVERY_MS + HOUSEKEEPING_MS;
}

/* fetch's commit callback: a read document goes down the pipeline. */
static int
commit_doc(void *arg, const struct item_batch *b, const struct store_poll *p,
    int send, struct fetch_commit_result *res, struct errbuf *eb)
{
	struct app *a = arg;

	return pipeline_commit(a->pipeline, b, p, send, res, eb);
}

struct fetch_env
app_fetch_env(struct app *a)
{
	return (struct fetch_env){ .xfer = a->xfer,
		.store = a->store,
		.dconf = &a->config->daemon,
		.send = a->opts.send,
		.commit = commit_doc,
		.commit_arg = a };
}

static void
on_signal(uv_signal_t *h, int signum)
{
	struct app *a = h->data;

	if (signum == SIGHUP && !a->stopping) {
		app_reload(a);
		return;
	}
	if (signum == SIGUSR1) {
		if (!a->stopping)
			app_reopen_logs(a);
		return;
	}
	if (!a->stopping) {
		log_notice("%s received; stopping", strsignal(signum));
		app_stop(a);
	}
}

static void
on_outcome(void *arg, const struct fetch_outcome *o)
{
	struct app *a = arg;

	metrics_poll(o->status == FETCH_UNCHANGED ?
	        METRICS_POLL_UNCHANGED :
	        o->status == FETCH_GONE ?
	        METRICS_POLL_GONE :
	        metrics_poll_class(o->error_class == FETCH_E_NONE ?
	                NULL :
	                fetch_error_name(o->error_class)),
	    o->bytes, o->items, o->new_items);
	a->store_failing = o->error_class == FETCH_E_STORE;
	if (o->status == FETCH_OK || o->status == FETCH_UNCHANGED)
		a->polled_ok++;
	else
		a->polled_failed++;
	if (a->opts.on_outcome != NULL)
		a->opts.on_outcome(a->opts.arg, o);
	app_maybe_finish_stop(a);
}

static void
on_cycle_done(void *arg)
{
	struct app *a = arg;

	a->cycle_over = 1;
	/* Deliveries queued by the cycle get their one try; then stop. */
	outbox_kick(a->outbox);
}

static void
on_outbox_idle(void *arg)
{
	struct app *a = arg;

	if (a->opts.one_cycle && a->cycle_over)
		app_stop(a);
	else
		app_maybe_finish_stop(a);
}

static int
init_handles(struct app *a, struct errbuf *eb)
{
	static const int signums[] = { SIGHUP, SIGUSR1, SIGTERM, SIGINT };
	uv_signal_t *hs[] = { &a->sig_hup, &a->sig_usr1, &a->sig_term,
		&a->sig_int };
	int rc;

	for (size_t i = 0; i < 4; i++) {
		rc = uv_signal_init(&a->loop, hs[i]);
		if (rc < 0)
			return errbuf_set(eb, rc, "cannot watch signals: %s",
			    uv_strerror(rc));
		hs[i]->data = a;
		a->handles_open++;
		rc = uv_signal_start(hs[i], on_signal, signums[i]);
		if (rc < 0)
			return errbuf_set(eb, rc, "cannot watch signals: %s",
			    uv_strerror(rc));
	}
	uv_timer_init(&a->loop, &a->housekeeping);
	a->housekeeping.data = a;
	a->handles_open++;
	uv_timer_init(&a->loop, &a->deadline);
	a->deadline.data = a;
	a->handles_open++;
	uv_timer_start(&a->housekeeping, on_housekeeping, HOUSEKEEPING_MS,
	    HOUSEKEEPING_MS);
	return 0;
}

static int
web_healthy(void *arg)
{
	struct app *a = arg;

	return !a->store_failing &&
	    store_path_writable(a->config->daemon.state);
}

/*
 * The default address may be taken (a second daemon, a test): that only
 * turns the pages off.  An address written in the config must work.
 */
static int
open_web(struct app *a, struct errbuf *eb)
{
	struct httpd_opts wo = { .healthy = web_healthy,
		.on_requeue = on_queued,
		.arg = a };
	int rc;

	if (a->opts.one_cycle)
		return 0;
	rc = httpd_new(&a->web, &a->loop, a->config, &wo, eb);
	if (rc < 0 && !a->config->web.listen_set) {
		log_warn("%s", eb->msg);
		rc = 0;
	}
	return rc;
}

/* One xfer for the feeds, one for the deliveries. */
static int
open_xfers(struct app *a, struct errbuf *eb)
{
	const struct daemon_conf *d = &a->config->daemon;
	struct xfer_opts xo = { .max_total_connections = d->max_connections,
		.max_host_connections = d->max_host_connections,
		.user_agent = d->user_agent,
		.max_body = d->max_body,
		.timeout_ms = d->timeout_ms,
		.connect_timeout_ms = d->connect_timeout_ms };
	/* Feed politeness (max-host-connections) is not the receivers'
	 * business: each target has its own concurrency in the outbox. */
	struct xfer_opts dxo = { .max_total_connections = DELIVERY_CONNECTIONS,
		.max_host_connections = DELIVERY_CONNECTIONS,
		.user_agent = d->user_agent,
		.timeout_ms = d->timeout_ms,
		.connect_timeout_ms = d->connect_timeout_ms };
	int rc;

	rc = xfer_new(&a->xfer, &a->loop, &xo, eb);
	if (rc == 0)
		rc = xfer_new(&a->dxfer, &a->loop, &dxo, eb);
	return rc;
}

static int
open_outbox(struct app *a, struct errbuf *eb)
{
	const struct daemon_conf *d = &a->config->daemon;
	struct outbox_opts oo = { .retry_min_ms = d->retry_min_ms,
		.retry_max_ms = d->retry_max_ms,
		.lease_ms = 0,
		.max_in_flight = DELIVERY_CONNECTIONS,
		.drain = a->opts.one_cycle,
		.on_idle = on_outbox_idle,
		.arg = a };

	return outbox_new(&a->outbox, &a->loop, a->dxfer, a->store, a->config,
	    a->alertlog, &oo, eb);
}

static int
open_sched(struct app *a, struct errbuf *eb)
{
	struct sched_opts so = { .one_cycle = a->opts.one_cycle,
		.on_outcome = on_outcome,
		.cycle_done = on_cycle_done,
		.arg = a };
	struct fetch_env env = app_fetch_env(a);

	return sched_new(&a->sched, &a->loop, &env, a->config, &so, eb);
}

/* In the start order of app.h; the first failure stops it. */
static int
open_modules(struct app *a, struct errbuf *eb)
{
	const struct daemon_conf *d = &a->config->daemon;
	struct pipeline_deps pd = { .on_alert = on_alert,
		.on_queued = on_queued,
		.arg = a };
	int rc;

	rc = store_open(&a->store, d->state, eb);
	if (rc == 0)
		rc = app_load_matcher(d->profiles_dir, &a->profiles,
		    &a->matcher, eb);
	if (rc == 0)
		rc = open_xfers(a, eb);
	if (rc == 0)
		rc = alertlog_new(&a->alertlog, d->alert_log, eb);
	pd.store = a->store;
	pd.matcher = a->matcher;
	pd.config = a->config;
	if (rc == 0)
		rc = pipeline_new(&a->pipeline, &pd, eb);
	if (rc == 0)
		rc = notify_new(&a->notify, &a->loop, eb);
	if (rc == 0)
		rc = open_outbox(a, eb);
	if (rc == 0)
		rc = init_handles(a, eb);
	if (rc == 0)
		rc = open_web(a, eb);
	if (rc == 0)
		app_metrics_labels(a->config, a->profiles);
	if (rc == 0)
		rc = open_sched(a, eb);
	return rc;
}

int
app_open(struct app **out, struct config *config, const struct app_opts *opts,
    struct errbuf *eb)
{
	struct app *a = calloc(1, sizeof(*a));
	char status[256];
	int rc;

	*out = NULL;
	if (a == NULL) {
		config_free(config);
		return errbuf_set(eb, -ENOMEM, "out of memory");
	}
	a->opts = *opts;
	a->config = config;
	log_init(config->daemon.log_level);
	rc = uv_loop_init(&a->loop);
	if (rc < 0) {
		free(a);
		config_free(config);
		return errbuf_set(eb, rc, "cannot create the event loop: %s",
		    uv_strerror(rc));
	}
	rc = open_modules(a, eb);
	if (rc < 0) {
		app_free(a);
		return rc;
	}
	snprintf(status, sizeof(status), "polling %zu feeds", config->n_feeds);
	notify_ready(a->notify, status);
	log_notice("started: %zu feeds, %zu targets, state %s", config->n_feeds,
	    config->n_targets, config->daemon.state);
	*out = a;
	return 0;
}

int
app_run(struct app *a)
{
	uv_run(&a->loop, UV_RUN_DEFAULT);
	return a->rc;
}

void
app_poll_counts(const struct app *a, unsigned *ok, unsigned *failed)
{
	*ok = a->polled_ok;
	*failed = a->polled_failed;
}

/*
 * Closes whatever app_open got to, in reverse order.  After app_run the
 * async modules are already closed; after a failed open they are closed
 * here by running the loop until their callbacks have fired.
 */
void
app_free(struct app *a)
{
	int rc;

	if (a == NULL)
		return;
	if (a->sched != NULL || a->outbox != NULL || a->xfer != NULL ||
	    a->dxfer != NULL || a->notify != NULL || a->web != NULL ||
	    a->handles_open > 0) {
		a->stopping = 1;
		if (a->sched != NULL) {
			sched_stop(a->sched);
			sched_close(a->sched, NULL, NULL);
		}
		if (a->outbox != NULL)
			outbox_close(a->outbox, NULL, NULL);
		if (a->xfer != NULL)
			xfer_close(a->xfer, 0, NULL, NULL);
		if (a->dxfer != NULL)
			xfer_close(a->dxfer, 0, NULL, NULL);
		if (a->web != NULL)
			httpd_close(a->web, NULL, NULL);
		if (a->notify != NULL)
			notify_close(a->notify, NULL, NULL);
		if (a->handles_open > 0)
			app_close_handles(a);
		uv_run(&a->loop, UV_RUN_DEFAULT);
	}
	rc = uv_loop_close(&a->loop);
	if (rc < 0)
		log_err("event loop: handles left open at exit (%s); this is a "
		        "bug, please report it",
		    uv_strerror(rc));
	pipeline_free(a->pipeline);
	alertlog_free(a->alertlog);
	matcher_free(a->matcher);
	profiles_free(a->profiles);
	store_free(a->store);
	config_free(a->config);
	free(a);
}

int
app_main(struct app_opts *opts, const char *config, unsigned *ok,
    unsigned *failed)
{
	struct config *c = NULL;
	struct app *a = NULL;
	struct errbuf eb = { 0 };
	int rc;

	/* A reload request that comes before the handlers are in place must
	 * not kill the daemon (SIGHUP's default action); libuv's handler
	 * replaces this once the app is open. */
	signal(SIGHUP, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	opts->config_path = cli_config_path(config);
	rc = check_load_ready(opts->config_path, &c);
	if (rc != CLI_OK)
		return rc;
	if (app_open(&a, c, opts, &eb) < 0) {
		log_err("cannot start: %s", eb.msg);
		return CLI_FAIL;
	}
	rc = app_run(a);
	if (ok != NULL && failed != NULL)
		app_poll_counts(a, ok, failed);
	app_free(a);
	return rc < 0 ? CLI_FAIL : CLI_OK;
}
