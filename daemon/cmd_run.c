/*
 * cmd_run.c -- `ukeuwatch run`: the daemon, in the foreground (systemd
 * Type=notify).  Exit 0 after a clean stop, 1 when it cannot start (the
 * state file, the profiles), 2 for a broken configuration.
 */
#include <stdio.h>

#include "daemon/app.h"
#include "daemon/cli.h"
#include "daemon/log.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_run = {
	.name = "run",
	.synopsis = "[-c FILE]",
	.summary =
	    "the daemon: poll every feed on its schedule, match, deliver",
	.help =
	    "  Stays in the foreground; SIGHUP reloads the configuration and "
	    "reopens the\n  alert log, SIGTERM and SIGINT stop it cleanly.\n",
	.run = run,
};

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct app_opts opts = { .send = 1 };
	const char *config = NULL;
	int ec, rc;

	while (cli_getopt(&cmd_run, argc, argv, "+c:h", longopts, &config,
	           &ec) != -1)
		;
	if (ec >= 0)
		return ec;
	if (optind != argc)
		return cli_usage_error(&cmd_run, "unexpected argument '%s'",
		    argv[optind]);
	rc = app_main(&opts, config, NULL, NULL);
	if (rc == CLI_OK)
		log_notice("stopped");
	return rc;
}
