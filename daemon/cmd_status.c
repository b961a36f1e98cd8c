/* cmd_status.c -- `ukeuwatch status`: per-feed health and the outbox per target */
#include "daemon/cli.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_status = {
	.name = "status",
	.synopsis = "[--json]",
	.summary = "per-feed health and the outbox per target",
	.help = "",
	.run = run,
};

static int
run(int argc, char **argv)
{
	return cli_not_available(&cmd_status, argc, argv);
}
