/*
 * profile_replay.c -- `ukeuwatch profile replay PROFILE_FILE`: what a new
 * or edited profile would have alerted on among the stored items.
 *
 * It matches each stored item's title and kept text (what the store holds
 * for this purpose: summary, else content, cut to 2,000 bytes) with the
 * given profile alone, and compares the result with the alerts that the
 * profile of the same name in use has raised: items it would add and items
 * it would drop.  It reads the state file through a read-only connection,
 * so it runs beside the daemon without disturbing it; its summary is kept
 * for the review pages when it may write.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "daemon/check.h"
#include "daemon/cli.h"
#include "daemon/config.h"
#include "daemon/profile_cli.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/units.h"
#include "match/match.h"
#include "match/profile.h"
#include "store/store_cli.h"
#include "store/store_read.h"

enum change {
	CHANGE_SAME,    /* alerted before and would now */
	CHANGE_ADDED,   /* would alert now, did not before */
	CHANGE_DROPPED, /* alerted before, would not now */
	CHANGE_BACKLOG, /* would match, but was recorded as backlog on a
	                   first poll, which never alerts */
};

static const char *const change_names[] = { "same", "added", "dropped",
	"backlog" };

/* An item worth printing: matched now or alerted before. */
struct replay_row {
	char *feed, *key, *title, *link; /* owned; title, link may be NULL */
	int64_t date_ms;                 /* published, else first seen */
	int64_t first_seen_ms;
	double score;
	json_t *terms; /* owned: array of strings */
	int matched;
	enum change change;
};

struct replay {
	struct matcher *m; /* owned */
	struct match_set ms;
	const char *name;        /* borrowed: the profile's name */
	struct replay_row *rows; /* owned array */
	size_t n, cap;
	size_t items, matched, before, counts[4];
};

static void
replay_clear(struct replay *rp)
{
	for (size_t i = 0; i < rp->n; i++) {
		free(rp->rows[i].feed);
		free(rp->rows[i].key);
		free(rp->rows[i].title);
		free(rp->rows[i].link);
		json_decref(rp->rows[i].terms);
	}
	free(rp->rows);
	match_set_clear(&rp->ms);
	matcher_free(rp->m);
}

static char *
dup_or_null(const char *s, int *err)
{
	char *c;

	if (s == NULL)
		return NULL;
	c = strdup(s);
	if (c == NULL)
		*err = -ENOMEM;
	return c;
}

static int
push_row(struct replay *rp, const struct store_item_view *v, int matched,
    enum change change)
{
	const struct match *mt = rp->ms.n > 0 ? &rp->ms.v[0] : NULL;
	struct replay_row *r;
	int err = 0;

	if (rp->n == rp->cap) {
		size_t cap = rp->cap != 0 ? rp->cap * 2 : 16;

		r = realloc(rp->rows, cap * sizeof(*r));
		if (r == NULL)
			return -ENOMEM;
		rp->rows = r;
		rp->cap = cap;
	}
	r = &rp->rows[rp->n++];
	memset(r, 0, sizeof(*r));
	r->feed = dup_or_null(v->feed, &err);
	r->key = dup_or_null(v->key, &err);
	r->title = dup_or_null(v->title, &err);
	r->link = dup_or_null(v->link, &err);
	r->date_ms = v->published_ms > 0 ? v->published_ms : v->first_seen_ms;
	r->first_seen_ms = v->first_seen_ms;
	r->matched = matched;
	r->change = change;
	r->score = mt != NULL ? mt->score : 0;
	r->terms = json_array();
	if (r->terms == NULL)
		err = -ENOMEM;
	for (size_t i = 0; mt != NULL && err == 0 && i < mt->n_terms; i++)
		if (json_array_append_new(r->terms, json_string(mt->terms[i])) <
		    0)
			err = -ENOMEM;
	return err;
}

static int
on_item(void *arg, const struct store_item_view *v)
{
	struct replay *rp = arg;
	const char *fields[PROFILE_FIELDS] = { v->title, v->summary, NULL };
	int matched = 0, before = 0, rc;
	enum change change;

	rc = matcher_score_text(rp->m, fields, &rp->ms, &matched);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < v->n_alerted && !before; i++)
		before = strcmp(v->alerted[i], rp->name) == 0;
	rp->items++;
	rp->matched += matched != 0;
	rp->before += before;
	if (!matched && !before)
		return 0;
	if (matched && before)
		change = CHANGE_SAME;
	else if (before)
		change = CHANGE_DROPPED;
	else
		change = v->backlog ? CHANGE_BACKLOG : CHANGE_ADDED;
	rp->counts[change]++;
	return push_row(rp, v, matched, change);
}

static void
day(int64_t ms, char out[32])
{
	clock_format(ms, out);
	out[10] = '\0'; /* YYYY-MM-DD of the RFC 3339 form */
}

static void
print_row(const struct replay_row *r, char mark)
{
	char d[32];

	day(r->date_ms, d);
	printf("%c %s  %-20s %6.1f  %s\n", mark, d, r->feed, r->score,
	    r->title != NULL ? r->title : "(untitled)");
	if (json_array_size(r->terms) > 0) {
		printf("%-14s terms:", "");
		for (size_t i = 0; i < json_array_size(r->terms); i++)
			printf("%s %s", i ? "," : "",
			    json_string_value(json_array_get(r->terms, i)));
		printf("\n");
	}
}

static const char marks[] = { ' ', '+', '-', '*' };

/* The matched rows (or the dropped ones), marked by change. */
static size_t
print_rows(const struct replay *rp, const char *head, int matched)
{
	size_t n = 0;

	for (size_t i = 0; i < rp->n; i++) {
		const struct replay_row *r = &rp->rows[i];

		if (r->matched != matched)
			continue;
		if (n++ == 0)
			printf("%s\n", head);
		print_row(r, marks[r->change]);
	}
	if (n > 0)
		printf("\n");
	return n;
}

static void
print_table(const struct replay *rp)
{
	char head[160];
	size_t n;

	snprintf(head, sizeof(head), "would alert (profile %s):", rp->name);
	n = print_rows(rp, head, 1);
	n += print_rows(rp, "would no longer alert:", 0);
	if (n > 0)
		printf("+ added: did not alert before; - dropped: alerted "
		       "before; * backlog: recorded on a first poll, which "
		       "never alerts\n");
}

static int
print_line(json_t *o)
{
	char *s = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL;

	if (s != NULL)
		printf("%s\n", s);
	free(s);
	json_decref(o);
	return s != NULL ? 0 : -ENOMEM;
}

static int
print_json(const struct replay *rp)
{
	int rc = 0;

	for (size_t i = 0; i < rp->n && rc == 0; i++) {
		const struct replay_row *r = &rp->rows[i];

		rc = print_line(json_pack("{s:s, s:s, s:s?, s:s?, s:o, s:o, "
		                          "s:f, s:O, s:b, s:s}",
		    "feed", r->feed, "key", r->key, "title", r->title, "link",
		    r->link, "date", cli_json_time(r->date_ms), "first_seen",
		    cli_json_time(r->first_seen_ms), "score", r->score, "terms",
		    r->terms, "would_alert", r->matched, "change",
		    change_names[r->change]));
	}
	return rc;
}

static int
print_summary(const struct replay *rp, int json, int64_t since_ms)
{
	char t[32];

	if (json)
		return print_line(json_pack("{s:s, s:o, s:I, s:I, s:I, s:I, "
		                            "s:I, s:I}",
		    "profile", rp->name, "since", cli_json_time(since_ms),
		    "items", (json_int_t)rp->items, "would_alert",
		    (json_int_t)rp->matched, "alerted_before",
		    (json_int_t)rp->before, "added",
		    (json_int_t)rp->counts[CHANGE_ADDED], "dropped",
		    (json_int_t)rp->counts[CHANGE_DROPPED], "backlog",
		    (json_int_t)rp->counts[CHANGE_BACKLOG]));
	clock_format(since_ms, t);
	printf("profile %s: %zu items since %s, %zu would alert, %zu alerted "
	       "before; %zu added, %zu dropped, %zu backlog\n",
	    rp->name, rp->items, t, rp->matched, rp->before,
	    rp->counts[CHANGE_ADDED], rp->counts[CHANGE_DROPPED],
	    rp->counts[CHANGE_BACKLOG]);
	return 0;
}

/* Load the one profile in path; errors are printed as FILE:LINE. */
static int
load_profile(const char *path, struct profiles **out)
{
	struct buf errs;
	int rc;

	buf_init(&errs, 0);
	rc = profiles_new(out);
	if (rc == 0)
		rc = profiles_add_file(*out, path, &errs);
	if (rc < 0) {
		if (errs.len > 0 && buf_str(&errs)[errs.len - 1] == '\n')
			errs.len--; /* profile_note ends the line */
		if (errs.len > 0)
			profile_note(buf_str(&errs));
		else
			cli_fail(&cmd_profile, CLI_FAIL, "%s: %s", path,
			    strerror(-rc));
		profiles_free(*out);
		*out = NULL;
	}
	buf_clear(&errs);
	return rc;
}

static int
replay_run(const char *state, struct replay *rp, int json, int64_t since_ms,
    struct errbuf *eb)
{
	struct store_reader *r = NULL;
	int rc;

	rc = store_reader_open(&r, state, STORE_READ_WAIT_MS, eb);
	if (rc == 0)
		rc = store_read_items(r, since_ms, on_item, rp, eb);
	store_reader_free(r);
	if (rc == -ENOMEM && eb->msg[0] == '\0')
		errbuf_set(eb, rc, "replay: out of memory");
	if (rc < 0)
		return rc;
	if (json)
		rc = print_json(rp);
	else
		print_table(rp);
	if (rc == 0)
		rc = print_summary(rp, json, since_ms);
	if (rc < 0)
		errbuf_set(eb, rc, "replay: out of memory");
	return rc;
}

/*
 * The summary goes into the state file as the profile's last replay, for
 * the review pages (/profiles).  Best effort: a reviewer may read the state
 * file without being allowed to write it, and the replay has been printed.
 */
static void
keep_replay(const char *state, const char *file, const struct replay *rp,
    int64_t since_ms)
{
	struct store_replay r = { .profile = rp->name,
		.file = file,
		.at_ms = clock_now_ms(),
		.since_ms = since_ms,
		.items = (int64_t)rp->items,
		.would_alert = (int64_t)rp->matched,
		.alerted_before = (int64_t)rp->before,
		.added = (int64_t)rp->counts[CHANGE_ADDED],
		.dropped = (int64_t)rp->counts[CHANGE_DROPPED],
		.backlog = (int64_t)rp->counts[CHANGE_BACKLOG] };
	struct errbuf eb = { 0 };
	char line[600];

	if (store_replay_record(state, &r, &eb) < 0) {
		snprintf(line, sizeof(line),
		    "ukeuwatch profile: replay not kept for the review pages: "
		    "%s",
		    eb.msg);
		profile_note(line);
	}
}

int
profile_replay_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "since", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL;
	struct profiles *ps = NULL;
	struct replay rp = { 0 };
	struct config *c = NULL;
	uint64_t since = 30 * 86400000ULL;
	struct errbuf eb = { 0 };
	int ch, code = CLI_OK, json = 0;

	while ((ch = cli_getopt(&cmd_profile, argc, argv, "c:h", longopts,
	            &config, &code)) != -1) {
		if (ch == 's' && units_duration_parse(optarg, &since, &eb) < 0)
			return cli_usage_error(&cmd_profile, "--since: %s",
			    eb.msg);
		json |= ch == 'j';
	}
	if (code >= 0)
		return code;
	if (optind + 1 != argc)
		return cli_usage_error(&cmd_profile,
		    "replay: expected one PROFILE_FILE");
	code = load_profile(argv[optind], &ps);
	if (code < 0)
		/* A profile with errors is a usage error, like a config. */
		return code == -EINVAL ? CLI_USAGE : CLI_FAIL;
	code = check_load(cli_config_path(config), &c);
	if (code != CLI_OK)
		goto out;
	match_set_init(&rp.ms);
	rp.name = profiles_get(ps, 0)->name;
	if (matcher_new(&rp.m, ps, &eb) < 0 ||
	    replay_run(c->daemon.state, &rp, json,
	        clock_now_ms() - (int64_t)since, &eb) < 0)
		code = cli_fail(&cmd_profile, CLI_FAIL, "%s", eb.msg);
	else
		keep_replay(c->daemon.state, argv[optind], &rp,
		    clock_now_ms() - (int64_t)since);
out:
	replay_clear(&rp);
	config_free(c);
	profiles_free(ps);
	return code;
}
