/*
 * profile_suggest.c -- `ukeuwatch profile suggest`: vocabulary that
 * follows the news.  The profile is run over the stored items first seen
 * in --since (or over the items of a JSON lines file, --corpus; "-" reads
 * stdin, so a compressed corpus can be piped in); the items it matched or
 * nearly matched (MATCH_NEAR_RATIO of the threshold) are the foreground,
 * the rest the background, and the terms that set the foreground apart
 * are printed as term lines with examples (match/train.h), for a person to
 * accept into the curated profile.
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
#include "feeds/html_text.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/units.h"
#include "match/match.h"
#include "match/profile.h"
#include "match/train.h"
#include "store/store_read.h"

struct suggest {
	struct matcher *m; /* owned */
	struct match_set ms;
	struct train_vocab *v; /* owned */
	size_t items;
};

/* Foreground when the profile matched or nearly matched.  0 or -errno. */
static int
add(struct suggest *s, const char *title, const char *summary)
{
	const char *fields[3] = { title, summary, NULL };
	int n = matcher_run_text(s->m, fields, &s->ms);

	if (n < 0)
		return n;
	s->items++;
	return train_vocab_add(s->v, title, summary, s->ms.n > 0);
}

static int
on_item(void *arg, const struct store_item_view *it)
{
	return add(arg, it->title, it->summary);
}

static int
from_corpus(struct suggest *s, const char *path)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "re");
	struct html_text *h = NULL;
	char *line = NULL;
	size_t cap = 0;
	int rc = 0;

	if (fp == NULL)
		return cli_fail(&cmd_profile, CLI_FAIL, "%s: %s", path,
		    strerror(errno));
	rc = html_text_new(&h);
	while (rc == 0 && getline(&line, &cap, fp) > 0) {
		json_t *doc = json_loads(line, 0, NULL);

		if (json_is_object(doc) && (rc = profile_doc_text(h, doc)) == 0)
			rc = add(s,
			    json_string_value(json_object_get(doc, "title")),
			    json_string_value(json_object_get(doc, "summary")));
		json_decref(doc);
	}
	free(line);
	html_text_free(h);
	if (fp != stdin)
		fclose(fp);
	return rc < 0 ? cli_fail(&cmd_profile, CLI_FAIL, "out of memory") : 0;
}

static int
from_state(struct suggest *s, const char *config, uint64_t since)
{
	struct store_reader *r = NULL;
	struct config *c = NULL;
	struct errbuf eb = { 0 };
	int rc = check_load(cli_config_path(config), &c);

	if (rc != CLI_OK)
		return rc;
	rc = store_reader_open(&r, c->daemon.state, STORE_READ_WAIT_MS, &eb);
	if (rc == 0)
		rc = store_read_items(r, clock_now_ms() - (int64_t)since,
		    on_item, s, &eb);
	if (rc < 0)
		rc = cli_fail(&cmd_profile, CLI_FAIL, "%s",
		    eb.msg[0] ? eb.msg : "out of memory");
	store_reader_free(r);
	config_free(c);
	return rc;
}

static int
load(const char *path, struct profiles **ps)
{
	struct buf errs;
	int rc;

	buf_init(&errs, 0);
	rc = profiles_new(ps);
	if (rc == 0)
		rc = profiles_add_file(*ps, path, &errs);
	if (rc < 0)
		cli_fail(&cmd_profile, CLI_FAIL, "%s",
		    errs.len ? buf_str(&errs) : strerror(-rc));
	buf_clear(&errs);
	return rc;
}

static int
print(struct suggest *s, const struct profile *p, long n)
{
	struct buf out;
	int rc;

	buf_init(&out, 0);
	rc = buf_printf(&out,
	    "# profile suggest %s: %zu items; terms of the matching and "
	    "near-miss\n# items that the others rarely have.  Weights are a "
	    "start: curate them.\n",
	    p->name, s->items);
	if (rc == 0)
		rc = train_vocab_suggest(s->v, p, (size_t)n, &out);
	if (rc == 0)
		fwrite(buf_str(&out), 1, out.len, stdout);
	buf_clear(&out);
	return rc < 0 ? cli_fail(&cmd_profile, CLI_FAIL, "out of memory") :
	                CLI_OK;
}

int
profile_suggest_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "since", required_argument, NULL, 's' },
		{ "corpus", required_argument, NULL, 'C' },
		{ "terms", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL, *corpus = NULL;
	uint64_t since = 30 * 86400000ULL;
	struct suggest s = { 0 };
	struct profiles *ps = NULL;
	struct errbuf eb = { 0 };
	long n = 30;
	int ch, code = -1;
	char *end;

	while ((ch = cli_getopt(&cmd_profile, argc, argv, "+c:hn:", longopts,
	            &config, &code)) != -1) {
		if (ch == 's' && units_duration_parse(optarg, &since, &eb) < 0)
			return cli_usage_error(&cmd_profile, "--since: %s",
			    eb.msg);
		if (ch == 'C')
			corpus = optarg;
		if (ch == 'n' &&
		    ((n = strtol(optarg, &end, 10)) < 1 || n > 1000 ||
		        *end != '\0'))
			return cli_usage_error(&cmd_profile,
			    "-n: expected 1 to 1000");
	}
	if (code >= 0)
		return code;
	if (optind + 1 != argc)
		return cli_usage_error(&cmd_profile,
		    "suggest: expected one PROFILE_FILE");
	if (load(argv[optind], &ps) < 0)
		return CLI_FAIL;
	match_set_init(&s.ms);
	if (matcher_new(&s.m, ps, &eb) < 0 || train_vocab_new(&s.v) < 0) {
		code = cli_fail(&cmd_profile, CLI_FAIL, "out of memory");
		goto out;
	}
	matcher_want_statements(s.m, 0);
	matcher_want_near(s.m, MATCH_NEAR_RATIO);
	code = corpus ? from_corpus(&s, corpus) : from_state(&s, config, since);
	if (code == 0)
		code = print(&s, profiles_get(ps, 0), n);
out:
	match_set_clear(&s.ms);
	train_vocab_free(s.v);
	matcher_free(s.m);
	profiles_free(ps);
	return code;
}
