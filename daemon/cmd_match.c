/* cmd_match.c -- `ukeuwatch match`: print one JSON line per item with the
 * profiles it matched */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "daemon/cli.h"
#include "daemon/config.h"
#include "feeds/feed_parse.h"
#include "lib/buf.h"
#include "lib/item.h"
#include "lib/paths.h"
#include "match/match.h"
#include "match/profile.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_match = {
	.name = "match",
	.synopsis = "[-p PROFILE_DIR] FILE|-",
	.summary = "print one JSON line per item with the profiles it matched",
	.help = "  -p, --profiles DIR directory of *.profile files (default:\n"
	        "                     the config's profiles = with -c, else\n"
	        "                     the shipped ones: see FILES in\n"
	        "                     ukeuwatch(8))\n",
	.run = run,
};

struct match_ctx {
	struct matcher *m;    /* borrowed */
	struct match_set set; /* owned */
	int failed;
};

static json_t *
match_json(const struct match *mt)
{
	json_t *o = json_object(), *terms = json_array();

	for (size_t i = 0; terms != NULL && i < mt->n_terms; i++)
		json_array_append_new(terms, json_string(mt->terms[i]));
	if (o == NULL || terms == NULL) {
		json_decref(o);
		json_decref(terms);
		return NULL;
	}
	json_object_set_new(o, "profile", json_string(mt->profile));
	json_object_set_new(o, "score", json_real(mt->score));
	json_object_set_new(o, "terms", terms);
	json_object_set_new(o, "statement",
	    mt->statement ? json_string(mt->statement) : json_null());
	json_object_set_new(o, "speaker",
	    mt->speaker ? json_string(mt->speaker) : json_null());
	json_object_set_new(o, "quoted",
	    mt->statement ? json_boolean(mt->statement_quoted) : json_null());
	return o;
}

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static int
on_item(void *arg, const struct item *it)
{
	struct match_ctx *ctx = arg;
	json_t *o, *matches;
	int n = matcher_run(ctx->m, it, &ctx->set);

	if (n < 0)
		return n;
	o = json_object();
	matches = json_array();
	if (o == NULL || matches == NULL)
		goto nomem;
	json_object_set_new(o, "key", str_or_null(it->key));
	json_object_set_new(o, "title", str_or_null(it->title));
	json_object_set_new(o, "link", str_or_null(it->link));
	for (size_t i = 0; i < ctx->set.n; i++) {
		json_t *mj = match_json(&ctx->set.v[i]);

		if (mj == NULL || json_array_append_new(matches, mj) < 0)
			goto nomem;
	}
	json_object_set_new(o, "matches", matches);
	matches = NULL;
	if (json_dumpf(o, stdout,
	        JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) <
	    0)
		goto nomem;
	putchar('\n');
	json_decref(o);
	return 0;
nomem:
	json_decref(o);
	json_decref(matches);
	return -ENOMEM;
}

static int
parse_file(const char *path, struct match_ctx *ctx)
{
	struct feed_parse_cbs cbs = { .on_item = on_item };
	struct feed_parser *p = NULL;
	struct errbuf eb = { 0 };
	char chunk[65536];
	ssize_t n;
	int fd, rc;

	fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return cli_fail(&cmd_match, CLI_FAIL, "%s: %s", path,
		    strerror(errno));
	rc = feed_parse_new(&p, NULL, &cbs, ctx, &eb);
	while (rc == 0 && (n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = errbuf_set(&eb, -errno, "read: %s",
			    strerror(errno));
			break;
		}
		rc = feed_parse_push(p, chunk, (size_t)n, &eb);
	}
	if (rc == 0)
		rc = feed_parse_finish(p, &eb);
	if (fd != 0)
		close(fd);
	feed_parse_free(p);
	fflush(stdout);
	if (rc < 0)
		return cli_fail(&cmd_match, CLI_FAIL, "%s: %s", path,
		    eb.msg[0] ? eb.msg : strerror(-rc));
	if (rc == 1)
		cli_fail(&cmd_match, 0, "%s: warning: %s", path, eb.msg);
	return CLI_OK;
}

/* The profiles directory named by the config at path; CLI_* on failure. */
static int
config_profile_dir(const char *path, char **dir)
{
	struct strlist errors = { 0 };
	struct config *c = NULL;
	int rc = config_load(path, &c, &errors);

	if (rc < 0) {
		for (size_t i = 0; i < errors.n; i++)
			cli_fail(&cmd_match, CLI_USAGE, "%s", errors.v[i]);
		if (errors.n == 0)
			cli_fail(&cmd_match, CLI_USAGE, "%s: %s", path,
			    strerror(-rc));
		strlist_clear(&errors);
		return CLI_USAGE;
	}
	strlist_clear(&errors);
	*dir = strdup(c->daemon.profiles_dir);
	config_free(c);
	return *dir != NULL ? CLI_OK : CLI_FAIL;
}

static int
load_profiles(const char *dir, struct profiles **ps)
{
	struct buf errors;
	int rc;

	buf_init(&errors, 64 * 1024);
	rc = profiles_load_dir(ps, dir, &errors);
	if (rc < 0) {
		char *save = NULL, *s = errors.data;

		for (char *l = s ? strtok_r(s, "\n", &save) : NULL; l != NULL;
		     l = strtok_r(NULL, "\n", &save))
			cli_fail(&cmd_match, CLI_USAGE, "%s", l);
		buf_clear(&errors);
		return rc == -ENOMEM ? CLI_FAIL : CLI_USAGE;
	}
	buf_clear(&errors);
	return CLI_OK;
}

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "profiles", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL, *dir = NULL;
	struct match_ctx ctx = { 0 };
	struct profiles *ps = NULL;
	struct errbuf eb = { 0 };
	char *conf_dir = NULL;
	int c, code = CLI_OK;

	while ((c = cli_getopt(&cmd_match, argc, argv, "c:hp:", longopts,
	            &config, &code)) != -1) {
		if (c == 'p')
			dir = optarg;
	}
	if (code >= 0)
		return code;
	if (optind != argc - 1)
		return cli_usage_error(&cmd_match, "expected one FILE or -");
	if (dir == NULL && config != NULL) {
		code = config_profile_dir(config, &conf_dir);
		if (code != CLI_OK)
			return code;
		dir = conf_dir;
	}
	if (dir == NULL)
		dir = paths_profiles_dir();
	code = load_profiles(dir, &ps);
	if (code != CLI_OK)
		goto out;
	match_set_init(&ctx.set);
	if (matcher_new(&ctx.m, ps, &eb) < 0) {
		code = cli_fail(&cmd_match, CLI_FAIL, "%s", eb.msg);
		goto out;
	}
	code = parse_file(argv[optind], &ctx);
out:
	match_set_clear(&ctx.set);
	matcher_free(ctx.m);
	profiles_free(ps);
	free(conf_dir);
	return code;
}
