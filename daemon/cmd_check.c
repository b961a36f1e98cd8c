/*
 * cmd_check.c -- `ukeuwatch check`: load the configuration, the feed list
 * and the profiles, report every problem as FILE:LINE, print a summary.
 * It plays the part of `smtpd -n`: run it before a reload.  With
 * --if-feeds it is the unit's ExecCondition=: the service does not start
 * while the configuration lists no feed (a fresh package install).
 */
#include <stdio.h>
#include <string.h>

#include "daemon/check.h"
#include "daemon/cli.h"
#include "daemon/config.h"
#include "lib/units.h"

static int run(int argc, char **argv);

/*
 * 1 (the unit's start is skipped, not failed) when path is a valid
 * configuration without a feed; 0 otherwise, so that `run` starts, or
 * reports a broken configuration and exits 2 (RestartPreventExitStatus=).
 */
static int
has_feeds(const char *path)
{
	struct strlist errors = { 0 };
	struct config *c = NULL;
	size_t n;

	if (config_load(path, &c, &errors) < 0) {
		strlist_clear(&errors);
		return CLI_OK;
	}
	strlist_clear(&errors);
	n = c->n_feeds;
	config_free(c);
	if (n > 0)
		return CLI_OK;
	fprintf(stderr,
	    "%s lists no feed: not starting; add a [feed NAME] section, "
	    "then start the service\n",
	    path);
	return CLI_FAIL;
}

const struct cli_cmd cmd_check = {
	.name = "check",
	.synopsis = "[-c FILE] [--list-keys | --if-feeds]",
	.summary = "validate the configuration, feed list and profiles",
	.help = "  --list-keys        print every configuration key with its "
	        "default and exit\n"
	        "  --if-feeds         exit 1 when the configuration is valid "
	        "but lists\n"
	        "                     no feed, else 0 (a broken one is left "
	        "to run);\n"
	        "                     the unit's ExecCondition=\n",
	.run = run,
};

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "list-keys", no_argument, NULL, 'K' },
		{ "if-feeds", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL;
	int ec, c, if_feeds = 0;

	while ((c = cli_getopt(&cmd_check, argc, argv, "c:h", longopts, &config,
	            &ec)) != -1) {
		if (c == 'K') {
			config_list_keys(stdout);
			return CLI_OK;
		}
		if (c == 'F')
			if_feeds = 1;
	}
	if (ec >= 0)
		return ec;
	if (optind != argc)
		return cli_usage_error(&cmd_check, "unexpected argument '%s'",
		    argv[optind]);
	if (if_feeds)
		return has_feeds(cli_config_path(config));
	return check_config(cli_config_path(config), 1);
}
