/* cmd_poll.c -- `ukeuwatch poll`: one poll cycle of every feed, then exit */
#include "daemon/cli.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_poll = {
	.name = "poll",
	.synopsis = "[-c FILE] [--no-send] [-v]",
	.summary = "one poll cycle of every feed, then exit",
	.help = "  --no-send          record items and alerts, deliver nothing\n  -v, --verbose      one summary line per feed\n",
	.run = run,
};

static int
run(int argc, char **argv)
{
	return cli_not_available(&cmd_poll, argc, argv);
}
