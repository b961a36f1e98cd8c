/* cmd_profile.c -- `ukeuwatch profile`: derive a profile from example articles, or replay one over stored items */
#include "daemon/cli.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_profile = {
	.name = "profile",
	.synopsis = "derive SEED... | replay PROFILE_FILE [--since DUR]",
	.summary = "derive a profile from example articles, or replay one over stored items",
	.help = "",
	.run = run,
};

static int
run(int argc, char **argv)
{
	return cli_not_available(&cmd_profile, argc, argv);
}
