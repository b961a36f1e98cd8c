/*
 * cmd_check.c -- `ukeuwatch check`: load the configuration, the feed list
 * and the profiles, report every problem as FILE:LINE, print a summary.
 * It plays the part of `smtpd -n`: run it before a reload.
 */
#include <stdio.h>
#include <string.h>

#include "daemon/check.h"
#include "daemon/cli.h"
#include "daemon/config.h"
#include "lib/units.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_check = {
	.name = "check",
	.synopsis = "[-c FILE] [--list-keys]",
	.summary = "validate the configuration, feed list and profiles",
	.help = "  --list-keys        print every configuration key with its "
	        "default and exit\n",
	.run = run,
};

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "list-keys", no_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL;
	int ec, c;

	while ((c = cli_getopt(&cmd_check, argc, argv, "c:h", longopts, &config,
	            &ec)) != -1) {
		if (c == 'K') {
			config_list_keys(stdout);
			return CLI_OK;
		}
	}
	if (ec >= 0)
		return ec;
	if (optind != argc)
		return cli_usage_error(&cmd_check, "unexpected argument '%s'",
		    argv[optind]);
	return check_config(cli_config_path(config), 1);
}
