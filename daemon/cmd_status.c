/*
 * cmd_status.c -- `ukeuwatch status`: per-feed health, failing feeds first,
 * and the outbox per target.  Reads the state file through a read-only
 * connection, so it works while the daemon runs and never blocks it.
 *
 * The state file knows feeds and targets the config may no longer name,
 * and the config names targets that have queued nothing yet: the feeds
 * shown are the state file's (marked when the config dropped them), the
 * targets are both, so that every configured target has a row.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "daemon/check.h"
#include "daemon/cli.h"
#include "daemon/config.h"
#include "lib/clock.h"
#include "lib/urlshow.h"
#include "store/store.h"
#include "store/store_feeds.h"
#include "store/store_health.h"
#include "store/store_read.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_status = {
	.name = "status",
	.synopsis = "[-c FILE] [--json]",
	.summary = "per-feed health and the outbox per target",
	.help = "  --json             one JSON object instead of tables\n",
	.run = run,
};

struct ctx {
	const struct config *config; /* borrowed */
	json_t *feeds;               /* --json: array being built */
	json_t *outbox;
	int64_t now;
	int running; /* 1 a daemon holds the state file, 0 none, < 0 unknown */
	const char **seen; /* owned array: targets with outbox rows (names
	                      borrowed from the config) */
	size_t n_seen;
};

/* A 410 recorded as an error stops polling until the URL changes. */
static int
is_gone(const struct store_feed *f)
{
	return f->http_status == 410 && f->error_class != NULL;
}

/* "HTTP 404", "timeout", "parse (200)", "304". */
static void
status_text(const struct store_feed *f, char *out, size_t len)
{
	if (f->error_class != NULL && strcmp(f->error_class, "http") == 0 &&
	    f->http_status > 0)
		snprintf(out, len, "HTTP %d", f->http_status);
	else if (f->error_class != NULL && f->http_status > 0)
		snprintf(out, len, "%s (%d)", f->error_class, f->http_status);
	else if (f->error_class != NULL)
		snprintf(out, len, "%s", f->error_class);
	else if (f->http_status > 0)
		snprintf(out, len, "%d", f->http_status);
	else
		snprintf(out, len, "-");
}

/* "90s", "12m", "5h", "3d": a duration in its largest sensible unit. */
static void
span(int64_t ms, char *out, size_t len)
{
	int64_t d = ms / 1000;
	const char *unit = "s";

	if (d >= 172800)
		d /= 86400, unit = "d";
	else if (d >= 7200)
		d /= 3600, unit = "h";
	else if (d >= 120)
		d /= 60, unit = "m";
	snprintf(out, len, "%" PRId64 "%s", d, unit);
}

/* "3m ago", "in 12m": short relative times for the table. */
static void
rel(int64_t ms, int64_t now, char *out, size_t len)
{
	char d[24];

	if (ms <= 0) {
		snprintf(out, len, "never");
		return;
	}
	span(ms > now ? ms - now : now - ms, d, sizeof(d));
	snprintf(out, len, ms > now ? "in %s" : "%s ago", d);
}

static int64_t
quiet_for(const struct store_feed *f, int64_t now)
{
	return is_gone(f) ? 0 : store_feed_quiet_ms(f, now);
}

static int
feed_json(struct ctx *c, const struct store_feed *f)
{
	const struct feed_conf *fc = config_feed(c->config, f->name);
	/* The stored URL as it may leave the config (lib/urlshow.h). */
	char *url = f->url ? url_shown(f->url, fc && fc->url_file) : NULL;
	json_t *o = json_pack("{s:s, s:s?, s:b, s:o, s:i, s:s?, s:s?, s:I, "
	                      "s:I, s:i, s:o, s:i, s:b, s:i, s:o, s:I, s:I}",
	    "name", f->name, "url", url, "configured", fc != NULL, "last_poll",
	    cli_json_time(f->last_poll_ms), "http_status", f->http_status,
	    "error_class", f->error_class, "error", f->error, "items",
	    (json_int_t)f->items_stored, "new_24h", (json_int_t)f->items_24h,
	    "last_new", f->new_items, "next_poll",
	    cli_json_time(is_gone(f) ? 0 : f->next_poll_ms), "error_streak",
	    f->error_streak, "gone", is_gone(f), "guid_rewrites", f->rewrites,
	    "last_ok", cli_json_time(f->last_ok_ms), "bytes",
	    (json_int_t)f->bytes, "duration_ms", (json_int_t)f->duration_ms);

	free(url);
	if (o != NULL &&
	    (json_object_set_new(o, "last_new_at",
	         cli_json_time(f->last_new_ms)) < 0 ||
	        json_object_set_new(o, "usual_new_gap_s",
	            f->usual_gap_ms > 0 ? json_integer(f->usual_gap_ms / 1000) :
	                                  json_null()) < 0 ||
	        json_object_set_new(o, "quiet",
	            json_boolean(quiet_for(f, c->now) > 0)) < 0)) {
		json_decref(o);
		return -1;
	}
	if (o == NULL || json_array_append_new(c->feeds, o) < 0)
		return -1;
	return 0;
}

static int
on_feed(void *arg, const struct store_feed *f)
{
	struct ctx *c = arg;
	char last[32], next[32], st[48], quiet[96] = "", a[24], b[24];
	char err[1024];
	int64_t q;

	if (c->feeds != NULL)
		return feed_json(c, f);
	rel(f->last_poll_ms, c->now, last, sizeof(last));
	if (is_gone(f))
		snprintf(next, sizeof(next), "stopped");
	else if (f->next_poll_ms <= 0 || c->running == 0)
		snprintf(next, sizeof(next), "-");
	else
		rel(f->next_poll_ms, c->now, next, sizeof(next));
	status_text(f, st, sizeof(st));
	if ((q = quiet_for(f, c->now)) > 0) {
		span(q, a, sizeof(a));
		span(f->usual_gap_ms, b, sizeof(b));
		snprintf(quiet, sizeof(quiet),
		    "  (nothing new for %s; usually every %s)", a, b);
	}
	printf("%-26s %-10s %-14s %7" PRId64 " %7" PRId64 " %-10s %6u%s%s%s\n",
	    f->name, last, st, f->items_stored, f->items_24h, next,
	    f->error_streak, f->rewrites ? "  (GUIDs rewritten)" : "", quiet,
	    config_feed(c->config, f->name) ? "" : "  (not in the config)");
	if (f->error != NULL)
		printf("    %s\n", cli_oneline(err, sizeof(err), f->error));
	return 0;
}

static int
print_target(struct ctx *c, const struct store_outbox_count *o)
{
	int configured = config_target(c->config, o->target) != NULL;

	if (c->outbox != NULL) {
		json_t *j = json_pack("{s:s, s:b, s:I, s:I, s:I, s:I}",
		    "target", o->target, "configured", configured, "queued",
		    (json_int_t)o->queued, "retrying", (json_int_t)o->retrying,
		    "delivered", (json_int_t)o->delivered, "dead",
		    (json_int_t)o->dead);

		if (j == NULL || json_array_append_new(c->outbox, j) < 0)
			return -1;
		return 0;
	}
	printf("%-26s %8" PRId64 " %8" PRId64 " %8" PRId64 " %9" PRId64 "%s\n",
	    o->target, o->queued, o->retrying, o->dead, o->delivered,
	    configured ? "" : "  (not in the config)");
	return 0;
}

static int
seen_target(const struct ctx *c, const char *name)
{
	for (size_t i = 0; i < c->n_seen; i++)
		if (strcmp(c->seen[i], name) == 0)
			return 1;
	return 0;
}

/* Configured targets that sort before name (all, with NULL) and have no
 * outbox rows: their row of zeros. */
static int
targets_before(struct ctx *c, const char *name)
{
	const struct config *cf = c->config;
	const char **v;
	int rc = 0;

	for (;;) {
		const char *next = NULL;

		for (size_t i = 0; i < cf->n_targets; i++) {
			const char *t = cf->targets[i].name;

			if (seen_target(c, t) ||
			    (name != NULL && strcmp(t, name) >= 0))
				continue;
			if (next == NULL || strcmp(t, next) < 0)
				next = t;
		}
		if (next == NULL)
			return rc;
		v = realloc(c->seen, (c->n_seen + 1) * sizeof(*v));
		if (v == NULL)
			return -1;
		c->seen = v;
		c->seen[c->n_seen++] = next;
		rc = print_target(c,
		    &(struct store_outbox_count){ .target = next });
		if (rc < 0)
			return rc;
	}
}

static int
on_outbox(void *arg, const struct store_outbox_count *o)
{
	struct ctx *c = arg;
	const struct target_conf *t = config_target(c->config, o->target);
	const char **v;

	if (targets_before(c, o->target) < 0)
		return -1;
	if (t != NULL) {
		v = realloc(c->seen, (c->n_seen + 1) * sizeof(*v));
		if (v == NULL)
			return -1;
		c->seen = v;
		c->seen[c->n_seen++] = t->name;
	}
	return print_target(c, o);
}

static int
report(struct store_reader *r, const struct config *config, int running,
    int json, struct errbuf *eb)
{
	struct ctx c = { .config = config,
		.now = clock_now_ms(),
		.running = running };
	json_t *root = NULL;
	int rc;

	if (json) {
		c.feeds = json_array();
		c.outbox = json_array();
	} else {
		/* Else every next poll is a promise nobody keeps ("15m ago").
		 */
		if (running == 0)
			printf("daemon not running: no process holds the lock "
			       "on "
			       "%s; nothing is polled or delivered until "
			       "'ukeuwatch run' starts\n\n",
			    config->daemon.state);
		printf("%-26s %-10s %-14s %7s %7s %-10s %6s\n", "FEED",
		    "LAST POLL", "STATUS", "ITEMS", "NEW 24H", "NEXT POLL",
		    "ERRORS");
	}
	rc = store_read_feeds(r, on_feed, &c, eb);
	if (rc == 0 && !json)
		printf("\n%-26s %8s %8s %8s %9s\n", "TARGET", "QUEUED",
		    "RETRYING", "DEAD", "DELIVERED");
	if (rc == 0)
		rc = store_read_outbox(r, on_outbox, &c, eb);
	if (rc == 0)
		rc = targets_before(&c, NULL);
	if (json && rc == 0) {
		root = json_pack("{s:o, s:o, s:o}", "daemon_running",
		    running < 0 ? json_null() : json_boolean(running), "feeds",
		    c.feeds, "outbox", c.outbox);
		c.feeds = c.outbox = NULL;
		if (root == NULL ||
		    json_dumpf(root, stdout, JSON_INDENT(2)) < 0)
			rc = -1;
		printf("\n");
	}
	json_decref(root);
	json_decref(c.feeds);
	json_decref(c.outbox);
	free(c.seen);
	return rc;
}

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct store_reader *r = NULL;
	const char *config = NULL;
	struct config *c = NULL;
	struct errbuf eb = { 0 };
	int ec, rc, ch, running, json = 0;

	while ((ch = cli_getopt(&cmd_status, argc, argv, "c:h", longopts,
	            &config, &ec)) != -1)
		if (ch == 'j')
			json = 1;
	if (ec >= 0)
		return ec;
	if (optind != argc)
		return cli_usage_error(&cmd_status, "unexpected argument '%s'",
		    argv[optind]);
	rc = check_load(cli_config_path(config), &c);
	if (rc != CLI_OK)
		return rc;
	errbuf_clear(&eb);
	/* Before the reader: store_locked drops this process's fcntl locks. */
	running = store_locked(c->daemon.state);
	rc = store_reader_open(&r, c->daemon.state, STORE_READ_WAIT_MS, &eb);
	if (rc == 0)
		rc = report(r, c, running, json, &eb);
	store_reader_free(r);
	config_free(c);
	if (rc != 0)
		return cli_fail(&cmd_status, CLI_FAIL, "%s",
		    eb.msg[0] ? eb.msg : "cannot write the report");
	return CLI_OK;
}
