/*
 * cmd_run.c -- `ukeuwatch run`: the daemon, in the foreground (systemd
 * Type=notify).  Exit 0 after a clean stop, 1 when it cannot start (the
 * state file, the profiles), 2 for a broken configuration.
 */
#include <stdio.h>

#include "daemon/app.h"
#include "daemon/cli.h"
#include "lib/log.h"

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
	struct app_opts opts = { .send = 1 };
	const char *config = NULL;
	int rc;

	if ((rc = cli_no_args(&cmd_run, argc, argv, &config)) >= 0)
		return rc;
	rc = app_main(&opts, config, NULL, NULL);
	if (rc == CLI_OK)
		log_notice("stopped");
	return rc;
}
