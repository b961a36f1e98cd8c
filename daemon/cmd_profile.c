/*
 * cmd_profile.c -- `ukeuwatch profile`: derive a profile from example
 * articles, and the dispatch to its other subcommands (replay, train,
 * suggest: profile_*.c, profile_cli.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "daemon/check.h"
#include "daemon/cli.h"
#include "daemon/config.h"
#include "daemon/profile_cli.h"
#include "feeds/html_text.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/paths.h"
#include "lib/units.h"
#include "match/derive.h"
#include "match/match.h"
#include "match/profile.h"
#include "store/store_cli.h"
#include "store/store_read.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_profile = {
	.name = "profile",
	.synopsis = "derive [-b BACKGROUND] [-n N] [--name NAME] SEED... | "
	            "replay [-c FILE] [--since DUR] [--json] PROFILE_FILE | "
	            "train [--from PROFILE] [-o FILE] [--max-terms N] [-C C] "
	            "[--cv K] [--split DATE] LABELS.jsonl... | "
	            "suggest [-c FILE] [--since DUR] [--corpus FILE] "
	            "[-n N] PROFILE_FILE",
	.summary = "derive a profile from example articles, or replay one over "
	           "stored items",
	.help =
	    "  derive SEED...      print a proposed profile: the words and\n"
	    "                      phrases most distinctive of the seed\n"
	    "                      articles (plain text files)\n"
	    "  -b, --background F  stem frequencies (default: the shipped\n"
	    "                      ones: see FILES in ukeuwatch(8))\n"
	    "  -n, --terms N       at most N terms (default 40)\n"
	    "      --name NAME     the profile's name in the comment\n"
	    "  replay PROFILE_FILE run a profile over the stored items: what\n"
	    "                      would have alerted, and what differs from\n"
	    "                      the alerts of the profile of that name\n"
	    "      --since DUR     items first seen in the last DUR (default\n"
	    "                      30d)\n"
	    "      --json          one JSON object per item, then a summary\n"
	    "  train LABELS...     fit term weights and threshold on labelled\n"
	    "                      items (JSON lines, as tests/eval/*.jsonl\n"
	    "                      and the verdicts alerts exports); writes a\n"
	    "                      profile\n"
	    "      --from PROFILE  the curated base: its terms, groups,\n"
	    "                      excludes, fields and threshold\n"
	    "  -o, --output FILE   where to write it (default stdout)\n"
	    "      --max-terms N   learned terms kept (default 40)\n"
	    "      -C C            inverse regularisation (default 1)\n"
	    "      --cv K          K-fold cross-validation estimate (default\n"
	    "                      5; 0 none), on stderr and in the header\n"
	    "      --split DATE    train on items dated before DATE, score\n"
	    "                      the rest (a time-split estimate)\n"
	    "      --score         score the --from profile as it is\n"
	    "  suggest PROFILE     terms that set recent matching and "
	    "near-miss\n"
	    "                      items apart from the other stored items,\n"
	    "                      with example titles, for a person to "
	    "accept\n"
	    "      --corpus FILE   items from a JSON lines file instead\n"
	    "  -n, --terms N       at most N terms (default 30)\n",
	.run = run,
};

#define MAX_SEED (4 * 1024 * 1024)

static int
read_all(const char *path, struct buf *b)
{
	char chunk[65536];
	ssize_t n;
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return -errno;
	while (rc == 0 && (n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		rc = n < 0 ? -errno : buf_append(b, chunk, (size_t)n);
	}
	if (fd != 0)
		close(fd);
	return rc;
}

/* Count every file into d. */
static int
add_files(struct derive *d, char **files, int n)
{
	struct buf b;
	int rc = 0;

	buf_init(&b, MAX_SEED);
	for (int i = 0; i < n && rc == 0; i++) {
		buf_reset(&b);
		rc = read_all(files[i], &b);
		if (rc < 0) {
			cli_fail(&cmd_profile, CLI_FAIL, "%s: %s", files[i],
			    rc == -EFBIG ? "larger than 4 MiB" : strerror(-rc));
			break;
		}
		rc = derive_add(d, buf_str(&b), b.len);
	}
	buf_clear(&b);
	return rc;
}

static int
print_buf(struct buf *out)
{
	if (fwrite(buf_str(out), 1, out->len, stdout) != out->len ||
	    fflush(stdout) != 0)
		return cli_fail(&cmd_profile, CLI_FAIL, "stdout: %s",
		    strerror(errno));
	return CLI_OK;
}

/* derive and the hidden `background FILE...` that scripts/build-background
 * uses (same pipeline, so the stems always agree). */
static int
cmd_derive(int argc, char **argv, int counts_only)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "background", required_argument, NULL, 'b' },
		{ "terms", required_argument, NULL, 'n' },
		{ "name", required_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL, *bg = NULL, *name = "proposed";
	struct derive *d = NULL;
	struct errbuf eb = { 0 };
	struct buf out;
	long terms = 40;
	int c, code = CLI_OK;
	char *end;

	while ((c = cli_getopt(&cmd_profile, argc, argv, "c:hb:n:", longopts,
	            &config, &code)) != -1) {
		if (c == 'b')
			bg = optarg;
		else if (c == 'N')
			name = optarg;
		else if (c == 'n') {
			terms = strtol(optarg, &end, 10);
			if (*end != '\0' || terms < 1 || terms > 1000)
				return cli_usage_error(&cmd_profile,
				    "--terms: expected 1 to 1000");
		}
	}
	if (code >= 0)
		return code;
	if (optind >= argc)
		return cli_usage_error(&cmd_profile, "expected SEED files");
	buf_init(&out, 0);
	if (derive_new(&d) < 0) {
		code = cli_fail(&cmd_profile, CLI_FAIL, "out of memory");
		goto out;
	}
	if (!counts_only &&
	    derive_load_background(d, bg != NULL ? bg : paths_background(),
	        &eb) < 0) {
		code = cli_fail(&cmd_profile, CLI_FAIL, "%s", eb.msg);
		goto out;
	}
	if (add_files(d, argv + optind, argc - optind) < 0) {
		code = CLI_FAIL;
		goto out;
	}
	if ((counts_only ? derive_write_counts(d, &out) :
	                   derive_propose(d, name, (size_t)terms, &out)) < 0) {
		code = cli_fail(&cmd_profile, CLI_FAIL, "out of memory");
		goto out;
	}
	code = print_buf(&out);
out:
	buf_clear(&out);
	derive_free(d);
	return code;
}

void
profile_note(const char *line)
{
	fprintf(stderr, "%s\n", line);
}

int
profile_doc_text(struct html_text *h, json_t *doc)
{
	static const char *const keys[] = { "title", "summary" };
	struct buf b;
	int rc = 0;

	buf_init(&b, 0);
	for (size_t i = 0; rc == 0 && i < sizeof(keys) / sizeof(keys[0]); i++) {
		json_t *v = json_object_get(doc, keys[i]);

		if (!json_is_string(v))
			continue;
		buf_reset(&b);
		rc = html_text_run(h, json_string_value(v),
		    json_string_length(v), &b);
		if (rc == 0 &&
		    json_object_set_new(doc, keys[i],
		        json_stringn(b.data ? b.data : "", b.len)) < 0)
			rc = -ENOMEM;
	}
	buf_clear(&b);
	return rc;
}

static int
run(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;

	if (sub == NULL)
		return cli_usage_error(&cmd_profile,
		    "expected derive, replay, train or suggest");
	if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0) {
		cli_help(&cmd_profile);
		return CLI_OK;
	}
	if (strcmp(sub, "derive") == 0)
		return cmd_derive(argc - 1, argv + 1, 0);
	if (strcmp(sub, "background") == 0)
		return cmd_derive(argc - 1, argv + 1, 1);
	if (strcmp(sub, "replay") == 0)
		return profile_replay_run(argc - 1, argv + 1);
	if (strcmp(sub, "train") == 0)
		return profile_train_run(argc - 1, argv + 1);
	if (strcmp(sub, "suggest") == 0)
		return profile_suggest_run(argc - 1, argv + 1);
	return cli_usage_error(&cmd_profile, "unknown subcommand \"%s\"", sub);
}
