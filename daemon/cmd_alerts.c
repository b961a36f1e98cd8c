/*
 * cmd_alerts.c -- `ukeuwatch alerts`: review alerts from the state file,
 * with their deliveries: a table for people, JSON lines for tools.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "alerts/alert.h"
#include "daemon/check.h"
#include "daemon/cli.h"
#include "daemon/config.h"
#include "daemon/review.h"
#include "lib/clock.h"
#include "lib/units.h"
#include "store/store_alerts.h"
#include "store/store_cli.h"
#include "store/store_read.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_alerts = {
	.name = "alerts",
	.synopsis = "[-c FILE] [--since DUR] [--profile P] [--feed F] "
	            "[--target T] [--failed] [--near] [--json] [--retry | "
	            "--mark "
	            "relevant|noise [--note TEXT] ID... | --labels]",
	.summary = "review the alert log",
	.help =
	    "  --since DUR        alerts created in the last DUR (e.g. 2d; "
	    "default 7d)\n"
	    "  --profile P        only profile P\n"
	    "  --feed F           only feed F\n"
	    "  --target T         only alerts queued for target T\n"
	    "  --failed           only alerts with a dead or retrying "
	    "delivery\n"
	    "  --near             near misses instead of alerts: items that "
	    "scored\n"
	    "                     60-100% of a profile's threshold (never "
	    "delivered;\n"
	    "                     --mark them relevant to report a miss)\n"
	    "  --retry            queue the dead deliveries of these alerts "
	    "again\n"
	    "  --json             one JSON object per line\n"
	    "  --mark VERDICT     record whether the alerts ID... (ids or "
	    "unique\n"
	    "                     prefixes of 8 or more, as the table shows "
	    "them)\n"
	    "                     were wanted: relevant or noise\n"
	    "  --note TEXT        with --mark: why\n"
	    "  --labels           every verdict, as labelled items in JSON "
	    "lines\n"
	    "                     (the eval format score.py reads)\n",
	.run = run,
};

static json_t *
deliveries_json(const struct store_delivery_view *dv, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; a != NULL && i < n; i++)
		json_array_append_new(a,
		    json_pack("{s:s, s:s?, s:s, s:i, s:i, s:s?, s:o, s:o}",
		        "target", dv[i].target, "message", dv[i].message,
		        "state", store_delivery_state_name(dv[i].state),
		        "attempts", dv[i].attempts, "status", dv[i].http_status,
		        "error", dv[i].last_error, "delivered",
		        cli_json_time(dv[i].delivered_ms), "next_attempt",
		        cli_json_time(dv[i].state == STORE_DELIVERY_DELIVERED ||
		                    dv[i].state == STORE_DELIVERY_DEAD ?
		                0 :
		                dv[i].next_attempt_ms)));
	return a;
}

/* The next name of a group_concat list "a,b" at *p (NULL is empty): 1 with
 * *name and *len set and *p moved past it, 0 at the end. */
static int
next_name(const char **p, const char **name, size_t *len)
{
	if (*p == NULL || **p == '\0')
		return 0;
	*name = *p;
	*len = strcspn(*p, ",");
	*p += *len + ((*p)[*len] == ',');
	return 1;
}

/* "a,b" as ["a", "b"]; NULL as []. */
static json_t *
feeds_json(const char *list)
{
	json_t *a = json_array();
	const char *name;
	size_t n;

	while (a != NULL && next_name(&list, &name, &n))
		json_array_append_new(a, json_stringn(name, n));
	return a;
}

/*
 * The alert object every producer writes (docs/alert.schema.json,
 * $defs/alert; a message of this one alert), and what the state file
 * knows besides ($defs/record): created, deliveries, review, also_in.
 */
static json_t *
alert_json(const struct alert *a, const struct store_alert *row,
    const struct store_delivery_view *dv, size_t n)
{
	json_t *o = alert_to_json(a);

	if (o != NULL &&
	    json_object_update_new(o,
	        json_pack("{s:o, s:o, s:o, s:o, s:b}", "created",
	            cli_json_time(row->created_ms), "deliveries",
	            deliveries_json(dv, n), "review",
	            row->review == STORE_REVIEW_NONE ?
	                json_null() :
	                json_pack("{s:s, s:s?}", "verdict",
	                    row->review == STORE_REVIEW_RELEVANT ? "relevant" :
	                                                           "noise",
	                    "note", row->review_note),
	            "also_in", feeds_json(row->also_in), "near", row->near)) <
	        0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* How the list is printed: the table or JSON, and the config's feeds. */
struct listing {
	int json;
	const struct config *c;
};

static int
print_json(const struct listing *l, const struct store_alert *row,
    const struct store_delivery_view *dv, size_t n)
{
	const struct feed_conf *fc = config_feed(l->c, row->feed);
	json_t *o = NULL;
	struct alert a;
	char *s;

	/* The feed's URL as the outbox gives it: today's configured one. */
	alert_init(&a);
	if (alert_from_row(&a, row, fc != NULL ? fc->url : NULL) == 0)
		o = alert_json(&a, row, dv, n);
	s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	if (s != NULL)
		printf("%s\n", s);
	free(s);
	json_decref(o);
	alert_clear(&a);
	return s == NULL ? -1 : 0;
}

/* "slack:delivered mail:retrying(3)" */
static void
summary(const struct store_delivery_view *dv, size_t n, char *out, size_t len)
{
	size_t used = 0;

	out[0] = '\0';
	if (n == 0)
		snprintf(out, len, "-");
	for (size_t i = 0; i < n && used < len; i++) {
		int w = snprintf(out + used, len - used, "%s%s:%s",
		    i ? " " : "", dv[i].target,
		    store_delivery_state_name(dv[i].state));
		used += w > 0 ? (size_t)w : 0;
		if (used < len && dv[i].attempts > 1) {
			w = snprintf(out + used, len - used, "(%u)",
			    dv[i].attempts);
			used += w > 0 ? (size_t)w : 0;
		}
	}
}

/* The error may quote a whole error page: its start says enough, and
 * --json has all of it. */
#define ERROR_SHOWN 160

static int
on_alert(void *arg, const struct store_alert *a,
    const struct store_delivery_view *dv, size_t n)
{
	const struct listing *l = arg;
	char when[32], deliv[256], lat[32], rev[200] = "", t[4096], e[200];
	char e2[200];

	if (l->json)
		return print_json(l, a, dv, n);
	clock_format(a->created_ms, when);
	if (a->published_ms > 0 && a->matched_ms >= a->published_ms)
		units_duration_format((uint64_t)((a->matched_ms -
		                                     a->published_ms) /
		                          1000 * 1000),
		    lat);
	else
		snprintf(lat, sizeof(lat), "-");
	if (a->near)
		snprintf(deliv, sizeof(deliv), "near miss");
	else
		summary(dv, n, deliv, sizeof(deliv));
	if (a->review != STORE_REVIEW_NONE)
		snprintf(rev, sizeof(rev), "  [%s%s%s]",
		    a->review == STORE_REVIEW_NOISE ? "noise" : "relevant",
		    a->review_note ? ": " : "",
		    cli_oneline(e, 164, a->review_note));
	/* The id's first 8 digits: enough for --mark, short enough to type.
	 * Stored text is the feed's: one line each, no terminal controls. */
	printf("%s  %-15s %6.1f  %-18s %-8s %s\n    %.8s  %s%s\n", when,
	    a->profile, a->score, a->feed, lat, deliv, a->id,
	    a->title ? cli_oneline(t, sizeof(t), a->title) : "(untitled)", rev);
	if (a->also_in != NULL) {
		const char *p = a->also_in, *name;
		size_t k;

		printf("    also in:");
		while (next_name(&p, &name, &k))
			printf(" %.*s%s", (int)k, name,
			    *p != '\0' ? "," : "\n");
	}
	/* quotation marks only around words the item had in them */
	if (a->speaker != NULL || a->statement != NULL)
		printf("    said%s%s: %s%s%s\n", a->speaker ? " by " : "",
		    cli_oneline(e, sizeof(e), a->speaker),
		    a->statement_quoted ? "\"" : "",
		    cli_oneline(e2, 164, a->statement),
		    a->statement_quoted ? "\"" : "");
	for (size_t i = 0; i < n; i++)
		if (dv[i].last_error != NULL &&
		    dv[i].state != STORE_DELIVERY_DELIVERED)
			printf("    %s: %s\n", dv[i].target,
			    cli_oneline(e, ERROR_SHOWN + 4, dv[i].last_error));
	return 0;
}

static int
list(const struct config *c, const struct store_alert_filter *f, int json,
    struct errbuf *eb)
{
	struct listing l = { json, c };
	struct store_reader *r = NULL;
	int rc;

	rc = store_reader_open(&r, c->daemon.state, STORE_READ_WAIT_MS, eb);
	if (rc == 0 && !json)
		printf("%-20s  %-15s %6s  %-18s %-8s %s\n", "CREATED",
		    "PROFILE", "SCORE", "FEED", "LATENCY", "DELIVERIES");
	if (rc == 0)
		rc = store_read_alerts(r, f, on_alert, &l, eb);
	store_reader_free(r);
	return rc;
}

struct requeued {
	const struct config *c;
	int json;
};

static void
on_requeued(void *arg, const char *alert_id, const char *target)
{
	const struct requeued *q = arg;
	json_t *o;
	char *s;

	if (!q->json) {
		printf("queued again: alert %s for %s%s\n", alert_id, target,
		    config_target(q->c, target) ? "" :
		                                  " (not in the configuration: "
		                                  "it will be dead again)");
		return;
	}
	o = json_pack("{s:s, s:s, s:s}", "id", alert_id, "target", target,
	    "state", "retrying");
	s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	if (s != NULL)
		printf("%s\n", s);
	free(s);
	json_decref(o);
}

/*
 * How far ahead a pending row may be due before it counts as stranded: a
 * retry is never planned further than retry-max, a claim's lease never
 * further than a target's digest period and timeout (plus a margin).
 */
static int64_t
stranded_after(const struct config *c)
{
	uint64_t longest = 0;

	for (size_t i = 0; i < c->n_targets; i++) {
		uint64_t l = c->targets[i].digest_ms + c->targets[i].timeout_ms;

		if (l > longest)
			longest = l;
	}
	return (int64_t)(c->daemon.retry_max_ms + longest + 60000);
}

/* --retry: the dead deliveries of the selected alerts go out again, and
 * so do pending ones stranded in the future by a clock that jumped. */
static int
requeue(const struct config *c, const struct store_alert_filter *flt, int json,
    struct errbuf *eb)
{
	struct requeued q = { .c = c, .json = json };
	struct store_alert_filter fs = *flt;
	const struct store_alert_filter *f = &fs;
	int64_t n;

	fs.stranded_after_ms = stranded_after(c);
	n = store_requeue_dead(c->daemon.state, f, clock_now_ms(), on_requeued,
	    &q, eb);
	if (n < 0)
		return (int)n;
	if (!json)
		printf("%" PRId64 " %s queued again; a running daemon sends "
		       "them within ten seconds, else at its next start\n",
		    n, n == 1 ? "delivery" : "deliveries");
	return 0;
}

/* The command line. */
struct args {
	struct store_alert_filter f; /* since_ms is set from since later */
	const char *config, *mark, *note;
	uint64_t since;
	int json, retry, labels;
};

/* Parse and check the command line: -1 to go on, else the exit status. */
static int
parse(int argc, char **argv, struct args *a)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "since", required_argument, NULL, 's' },
		{ "profile", required_argument, NULL, 'p' },
		{ "feed", required_argument, NULL, 'f' },
		{ "target", required_argument, NULL, 't' },
		{ "failed", no_argument, NULL, 'F' },
		{ "near", no_argument, NULL, 'N' },
		{ "json", no_argument, NULL, 'j' },
		{ "retry", no_argument, NULL, 'r' },
		{ "mark", required_argument, NULL, 'm' },
		{ "note", required_argument, NULL, 'n' },
		{ "labels", no_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	struct errbuf eb = { 0 };
	int ec, ch;

	while ((ch = cli_getopt(&cmd_alerts, argc, argv, "c:h", longopts,
	            &a->config, &ec)) != -1) {
		if (ch == 's' &&
		    units_duration_parse(optarg, &a->since, &eb) < 0)
			return cli_usage_error(&cmd_alerts, "--since: %s",
			    eb.msg);
		a->f.profile = ch == 'p' ? optarg : a->f.profile;
		a->f.feed = ch == 'f' ? optarg : a->f.feed;
		a->f.target = ch == 't' ? optarg : a->f.target;
		a->f.failed |= ch == 'F';
		a->f.near |= ch == 'N';
		a->json |= ch == 'j';
		a->retry |= ch == 'r';
		a->labels |= ch == 'l';
		a->mark = ch == 'm' ? optarg : a->mark;
		a->note = ch == 'n' ? optarg : a->note;
	}
	if (ec >= 0)
		return ec;
	if ((a->mark != NULL) + a->retry + a->labels > 1)
		return cli_usage_error(&cmd_alerts,
		    "--mark, --retry and --labels do different things: give "
		    "one");
	if (a->f.near && (a->retry || a->f.failed || a->f.target != NULL))
		return cli_usage_error(&cmd_alerts,
		    "--near: near misses have no deliveries (no --retry, "
		    "--failed or --target)");
	if (a->note != NULL && a->mark == NULL)
		return cli_usage_error(&cmd_alerts, "--note goes with --mark");
	if (a->mark != NULL && optind == argc)
		return cli_usage_error(&cmd_alerts,
		    "--mark: which alerts? give their ids");
	if (a->mark == NULL && optind != argc)
		return cli_usage_error(&cmd_alerts, "unexpected argument '%s'",
		    argv[optind]);
	return -1;
}

/* "a, b" of the configured feeds or targets, cut to fit. */
static void
conf_names(const struct config *c, enum store_name_kind kind, char *out,
    size_t len)
{
	size_t n = kind == STORE_NAME_FEED ? c->n_feeds : c->n_targets;
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++) {
		int w = snprintf(out + used, len - used, "%s%s",
		    used ? ", " : "",
		    kind == STORE_NAME_FEED ? c->feeds[i].name :
		                              c->targets[i].name);
		used += w > 0 ? (size_t)w : 0;
	}
}

/*
 * A name that neither the config (or the profile directory) nor the state
 * file knows would only give an empty table: a typo, said as one, with
 * what there is.  1 when known, 0 when not (the message printed).
 */
static int
known(const struct config *c, struct store_reader *r, enum store_name_kind kind,
    const char *name)
{
	static const char *const opt[] = { "--feed", "--profile", "--target" };
	static const char *const what[] = { "feed", "profile", "target" };
	struct errbuf eb = { 0 };
	char have[1024];

	if (name == NULL ||
	    (kind == STORE_NAME_FEED && config_feed(c, name) != NULL) ||
	    (kind == STORE_NAME_TARGET && config_target(c, name) != NULL) ||
	    (kind == STORE_NAME_PROFILE &&
	        check_profile_exists(c->daemon.profiles_dir, name)) ||
	    (r != NULL && store_read_knows(r, kind, name, &eb) == 1))
		return 1;
	if (kind == STORE_NAME_PROFILE) {
		check_profile_list(c->daemon.profiles_dir, have, sizeof(have));
		cli_usage_error(&cmd_alerts,
		    "--profile: no profile \"%s\" in %s or in the state file "
		    "(profiles: %s)",
		    name, c->daemon.profiles_dir, have[0] ? have : "none");
		return 0;
	}
	conf_names(c, kind, have, sizeof(have));
	cli_usage_error(&cmd_alerts,
	    "%s: no %s \"%s\" in the configuration or in the state file "
	    "(configured: %s)",
	    opt[kind], what[kind], name, have[0] ? have : "none");
	return 0;
}

/* --feed, --profile and --target name something that exists or existed. */
static int
filter_known(const struct config *c, const struct store_alert_filter *f)
{
	struct store_reader *r = NULL;
	struct errbuf eb = { 0 };
	int ok;

	if (f->feed == NULL && f->profile == NULL && f->target == NULL)
		return 1;
	/* No state file yet: the config alone decides. */
	if (store_reader_open(&r, c->daemon.state, STORE_READ_WAIT_MS, &eb) < 0)
		r = NULL;
	ok = known(c, r, STORE_NAME_FEED, f->feed) &&
	    known(c, r, STORE_NAME_PROFILE, f->profile) &&
	    known(c, r, STORE_NAME_TARGET, f->target);
	store_reader_free(r);
	return ok;
}

static int
run(int argc, char **argv)
{
	struct args a = { .since = 7 * 86400000ULL };
	struct store_alert_filter *f = &a.f;
	struct errbuf eb = { 0 };
	struct config *c = NULL;
	int rc;

	rc = parse(argc, argv, &a);
	if (rc >= 0)
		return rc;
	rc = check_load(cli_config_path(a.config), &c);
	if (rc != CLI_OK)
		return rc;
	f->since_ms = clock_now_ms() - (int64_t)a.since;
	if (a.retry && f->target != NULL &&
	    config_target(c, f->target) == NULL) {
		config_free(c);
		return cli_usage_error(&cmd_alerts,
		    "--target: no target named \"%s\" in the configuration",
		    f->target);
	}
	if (a.mark == NULL && !a.labels && !filter_known(c, f)) {
		config_free(c);
		return CLI_USAGE;
	}
	if (a.mark != NULL)
		rc = review_mark(c->daemon.state, a.mark, a.note, argv + optind,
		    argc - optind, &eb);
	else if (a.labels)
		rc = review_labels(c->daemon.state, &eb);
	else
		rc = a.retry ? requeue(c, f, a.json, &eb) :
		               list(c, f, a.json, &eb);
	config_free(c);
	if (rc == -EINVAL && a.mark != NULL)
		return cli_usage_error(&cmd_alerts, "%s", eb.msg);
	if (rc != 0)
		return cli_fail(&cmd_alerts, CLI_FAIL, "%s",
		    eb.msg[0] ? eb.msg : "cannot write the list");
	return CLI_OK;
}
