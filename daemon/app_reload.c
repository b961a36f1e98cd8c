/*
 * app_reload.c -- SIGHUP and SIGUSR1: a new configuration and matcher, or
 * the old ones if either is broken, and the log files opened again by
 * name.  See app.h for the order of start, reload and stop.
 */
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

/* Label values for /metrics: the names the config and profiles give. */
void
app_metrics_labels(const struct config *c, const struct profiles *ps)
{
	const char *names[METRICS_MAX_LABELS];
	size_t n = 0;

	for (size_t i = 0; i < profiles_count(ps) && n < METRICS_MAX_LABELS;
	     i++)
		names[n++] = profiles_get(ps, i)->name;
	metrics_set_labels(METRICS_PROFILE, names, n);
	n = 0;
	for (size_t i = 0; i < c->n_targets && n < METRICS_MAX_LABELS; i++)
		names[n++] = c->targets[i].name;
	metrics_set_labels(METRICS_TARGET, names, n);
}

/* [web] is read at start only: the socket and token stay as they were. */
static void
reload_web(struct app *a, const struct config *c)
{
	const struct web_conf *o = &a->config->web, *n = &c->web;

	if (strcmp(o->listen ? o->listen : "", n->listen ? n->listen : "") !=
	        0 ||
	    (o->token == NULL) != (n->token == NULL))
		log_warn("reload: [web] changes take a restart; still serving "
		         "on %s",
		    a->web ? httpd_address(a->web) : "nothing (off)");
	httpd_set_config(a->web, c);
}

/*
 * SIGUSR1 (logrotate's postrotate), and SIGHUP too: the log files are
 * opened again by name, so a rotated alert log is recreated.  The alert
 * log is the only file the daemon writes besides the state (the
 * operational log is stderr, the journal).  The configuration is not read.
 */
void
app_reopen_logs(struct app *a)
{
	struct errbuf eb = { 0 };

	if (alertlog_reopen(a->alertlog, &eb) < 0)
		log_err("alert log: %s", eb.msg);
	else
		log_info("alert log reopened");
}

/*
 * Read, check and load what a reload needs: 0 with *c, *ps and *m owned by
 * the caller, or -1 with every problem logged and nothing kept.
 */
static int
load_new(struct app *a, struct config **c, struct profiles **ps,
    struct matcher **m)
{
	struct strlist errors = { 0 };
	struct errbuf eb = { 0 };
	int rc = -1;

	if (config_load(a->opts.config_path, c, &errors) < 0) {
		for (size_t i = 0; i < errors.n; i++)
			log_err("config %s", errors.v[i]);
		log_err("reload: %s has %zu error(s); still running the "
		        "previous configuration",
		    a->opts.config_path, errors.n);
		goto done;
	}
	if (check_ready(*c, &errors) < 0) {
		for (size_t i = 0; i < errors.n; i++)
			log_err("config %s", errors.v[i]);
		log_err("reload: %zu problem(s); still running the previous "
		        "configuration",
		    errors.n);
		goto done;
	}
	if (app_load_matcher((*c)->daemon.profiles_dir, ps, m, &eb) < 0) {
		log_err("reload: %s; still running the previous configuration",
		    eb.msg);
		goto done;
	}
	rc = 0;
done:
	if (rc < 0) {
		config_free(*c);
		*c = NULL;
	}
	strlist_clear(&errors);
	return rc;
}

/* Hand the new config and matcher to every module, then free the old. */
static void
swap_in(struct app *a, struct config *c, struct profiles *ps, struct matcher *m)
{
	struct fetch_env env;
	struct errbuf eb = { 0 };

	if (strcmp(c->daemon.state, a->config->daemon.state) != 0)
		log_warn("reload: a new state file takes a restart; still "
		         "using %s",
		    a->config->daemon.state);
	log_init(c->daemon.log_level);
	pipeline_set(a->pipeline, c, m);
	outbox_set_config(a->outbox, c);
	env = app_fetch_env(a);
	env.dconf = &c->daemon;
	if (sched_set_config(a->sched, &env, c, &eb) < 0)
		log_err("reload: %s", eb.msg);
	app_metrics_labels(c, ps);
	reload_web(a, c);
	matcher_free(a->matcher);
	profiles_free(a->profiles);
	config_free(a->config);
	a->config = c;
	a->matcher = m;
	a->profiles = ps;
	log_notice("reloaded: %zu feeds, %zu targets", c->n_feeds,
	    c->n_targets);
}

/* SIGHUP: a new config and matcher, or the old ones if either is broken. */
void
app_reload(struct app *a)
{
	struct profiles *ps = NULL;
	struct matcher *m = NULL;
	struct config *c = NULL;
	char status[256];

	notify_reloading(a->notify);
	log_notice("reloading %s", a->opts.config_path);
	app_reopen_logs(a);
	if (load_new(a, &c, &ps, &m) == 0)
		swap_in(a, c, ps, m);
	app_status_line(a, status, sizeof(status));
	notify_ready(a->notify, status);
}
