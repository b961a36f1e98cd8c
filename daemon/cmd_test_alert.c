/* cmd_test_alert.c -- `ukeuwatch test-alert`: send a sample alert to one target and report the result */
#include "daemon/cli.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_test_alert = {
	.name = "test-alert",
	.synopsis = "TARGET",
	.summary = "send a sample alert to one target and report the result",
	.help = "",
	.run = run,
};

static int
run(int argc, char **argv)
{
	return cli_not_available(&cmd_test_alert, argc, argv);
}
