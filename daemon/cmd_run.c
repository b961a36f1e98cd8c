/* cmd_run.c -- `ukeuwatch run`: the daemon: poll every feed on its schedule, match, deliver */
#include "daemon/cli.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_run = {
	.name = "run",
	.synopsis = "[-c FILE]",
	.summary = "the daemon: poll every feed on its schedule, match, deliver",
	.help = "",
	.run = run,
};

static int
run(int argc, char **argv)
{
	return cli_not_available(&cmd_run, argc, argv);
}
