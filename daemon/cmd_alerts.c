/* cmd_alerts.c -- `ukeuwatch alerts`: review the alert log */
#include "daemon/cli.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_alerts = {
	.name = "alerts",
	.synopsis = "[--since DUR] [--profile P] [--feed F] [--target T] [--failed] [--json]",
	.summary = "review the alert log",
	.help = "",
	.run = run,
};

static int
run(int argc, char **argv)
{
	return cli_not_available(&cmd_alerts, argc, argv);
}
