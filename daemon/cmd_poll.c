/*
 * cmd_poll.c -- `ukeuwatch poll`: one cycle of every feed, then exit; for
 * cron users and benchmarks.  Exit 0 when at least one feed was fetched or
 * was unchanged, 1 when every feed failed.
 */
#include <stdio.h>

#include "daemon/app.h"
#include "daemon/cli.h"
#include "feeds/fetch.h"
#include "lib/log.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_poll = {
	.name = "poll",
	.synopsis = "[-c FILE] [--no-send] [-v]",
	.summary = "one poll cycle of every feed, then exit",
	.help = "  --no-send          record items and alerts, deliver and "
	        "queue nothing\n  -v, --verbose      one summary line per "
	        "feed, on stderr\n",
	.run = run,
};

static void
print_outcome(void *arg, const struct fetch_outcome *o)
{
	static const char *const names[] = { "ok", "unchanged", "failed",
		"gone" };

	/* stderr: stdout carries only alert JSON lines, for jq. */
	(void)arg;
	fprintf(stderr,
	    "%-24s %-9s status=%ld items=%u new=%u alerts=%u bytes=%llu "
	    "ms=%llu%s%s\n",
	    o->feed, names[o->status], o->http_status, o->items, o->new_items,
	    o->alerts, (unsigned long long)o->bytes,
	    (unsigned long long)o->duration_ms, o->error ? "  " : "",
	    o->error ? o->error : "");
}

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "no-send", no_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	struct app_opts opts = { .send = 1, .one_cycle = 1 };
	const char *config = NULL;
	unsigned ok = 0, failed = 0;
	int ec, rc, ch;

	while ((ch = cli_getopt(&cmd_poll, argc, argv, "c:hv", longopts,
	            &config, &ec)) != -1) {
		if (ch == 'n')
			opts.send = 0;
		else if (ch == 'v')
			opts.on_outcome = print_outcome;
	}
	if (ec >= 0)
		return ec;
	if (optind != argc)
		return cli_usage_error(&cmd_poll, "unexpected argument '%s'",
		    argv[optind]);
	rc = app_main(&opts, config, &ok, &failed);
	if (rc != CLI_OK)
		return rc;
	return ok > 0 || failed == 0 ? CLI_OK : CLI_FAIL;
}
