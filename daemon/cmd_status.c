/*
 * cmd_status.c -- `ukeuwatch status`: per-feed health, failing feeds first,
 * and the outbox per target.  Reads the state file through a read-only
 * connection, so it works while the daemon runs and never blocks it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "daemon/check.h"
#include "daemon/cli.h"
#include "daemon/clock.h"
#include "daemon/config.h"
#include "daemon/store.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_status = {
	.name = "status",
	.synopsis = "[-c FILE] [--json]",
	.summary = "per-feed health and the outbox per target",
	.help = "  --json             one JSON object instead of tables\n",
	.run = run,
};

struct ctx {
	json_t *feeds;   /* --json: array being built */
	json_t *outbox;
	int64_t now;
};

static json_t *
time_json(int64_t ms)
{
	char t[32];

	if (ms <= 0)
		return json_null();
	clock_format(ms, t);
	return json_string(t);
}

/* "3m ago", "in 12m": short relative times for the table. */
static void
rel(int64_t ms, int64_t now, char *out, size_t len)
{
	int64_t d = (ms > now ? ms - now : now - ms) / 1000;
	const char *unit = "s";

	if (ms <= 0) {
		snprintf(out, len, "never");
		return;
	}
	if (d >= 172800)
		d /= 86400, unit = "d";
	else if (d >= 7200)
		d /= 3600, unit = "h";
	else if (d >= 120)
		d /= 60, unit = "m";
	snprintf(out, len, ms > now ? "in %" PRId64 "%s" : "%" PRId64 "%s ago",
	    d, unit);
}

static int
on_feed(void *arg, const struct store_feed *f)
{
	struct ctx *c = arg;
	char last[32], next[32], st[24];

	if (c->feeds != NULL) {
		json_array_append_new(c->feeds, json_pack(
		    "{s:s, s:s?, s:o, s:i, s:s?, s:s?, s:I, s:I, s:i, s:o, "
		    "s:i, s:i, s:o, s:I, s:I}",
		    "name", f->name, "url", f->url,
		    "last_poll", time_json(f->last_poll_ms),
		    "http_status", f->http_status,
		    "error_class", f->error_class, "error", f->error,
		    "items", (json_int_t)f->items_stored,
		    "new_24h", (json_int_t)f->items_24h,
		    "last_new", f->new_items,
		    "next_poll", time_json(f->next_poll_ms),
		    "error_streak", f->error_streak,
		    "guid_rewrites", f->rewrites,
		    "last_ok", time_json(f->last_ok_ms),
		    "bytes", (json_int_t)f->bytes,
		    "duration_ms", (json_int_t)f->duration_ms));
		return 0;
	}
	rel(f->last_poll_ms, c->now, last, sizeof(last));
	rel(f->next_poll_ms, c->now, next, sizeof(next));
	if (f->error_class != NULL && f->http_status > 0)
		snprintf(st, sizeof(st), "%s %d", f->error_class,
		    f->http_status);
	else if (f->error_class != NULL)
		snprintf(st, sizeof(st), "%s", f->error_class);
	else if (f->http_status > 0)
		snprintf(st, sizeof(st), "%d", f->http_status);
	else
		snprintf(st, sizeof(st), "-");
	printf("%-26s %-10s %-14s %7" PRId64 " %7" PRId64 " %-10s %6u%s\n",
	    f->name, last, st, f->items_stored, f->items_24h, next,
	    f->error_streak, f->rewrites ? "  (GUIDs rewritten)" : "");
	if (f->error != NULL)
		printf("    %s\n", f->error);
	return 0;
}

static int
on_outbox(void *arg, const struct store_outbox_count *o)
{
	struct ctx *c = arg;

	if (c->outbox != NULL) {
		json_array_append_new(c->outbox, json_pack(
		    "{s:s, s:I, s:I, s:I, s:I}", "target", o->target,
		    "queued", (json_int_t)o->queued,
		    "retrying", (json_int_t)o->retrying,
		    "delivered", (json_int_t)o->delivered,
		    "dead", (json_int_t)o->dead));
		return 0;
	}
	printf("%-26s %8" PRId64 " %8" PRId64 " %8" PRId64 " %9" PRId64 "\n",
	    o->target, o->queued, o->retrying, o->dead, o->delivered);
	return 0;
}

static int
report(struct store_reader *r, int json, struct errbuf *eb)
{
	struct ctx c = { .now = clock_now_ms() };
	json_t *root = NULL;
	int rc;

	if (json) {
		c.feeds = json_array();
		c.outbox = json_array();
	} else {
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
	if (json && rc == 0) {
		root = json_pack("{s:o, s:o}", "feeds", c.feeds, "outbox",
		    c.outbox);
		c.feeds = c.outbox = NULL;
		if (root == NULL || json_dumpf(root, stdout, JSON_INDENT(2)) < 0)
			rc = -1;
		printf("\n");
	}
	json_decref(root);
	json_decref(c.feeds);
	json_decref(c.outbox);
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
	struct errbuf eb;
	int ec, rc, ch, json = 0;

	while ((ch = cli_getopt(&cmd_status, argc, argv, "+c:h", longopts,
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
	rc = store_reader_open(&r, c->daemon.state, &eb);
	if (rc == 0)
		rc = report(r, json, &eb);
	store_reader_free(r);
	config_free(c);
	if (rc != 0)
		return cli_fail(&cmd_status, CLI_FAIL, "%s", eb.msg[0] ? eb.msg :
		    "cannot write the report");
	return CLI_OK;
}
