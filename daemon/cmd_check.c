/* cmd_check.c -- `ukeuwatch check`: validate the configuration, feed list and profiles */
#include "daemon/cli.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_check = {
	.name = "check",
	.synopsis = "[-c FILE]",
	.summary = "validate the configuration, feed list and profiles",
	.help = "",
	.run = run,
};

static int
run(int argc, char **argv)
{
	return cli_not_available(&cmd_check, argc, argv);
}
