/* cmd_match.c -- `ukeuwatch match`: print one JSON line per item with the profiles it matched */
#include "daemon/cli.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_match = {
	.name = "match",
	.synopsis = "[-p PROFILE_DIR] FILE|-",
	.summary = "print one JSON line per item with the profiles it matched",
	.help = "  -p, --profiles DIR directory of *.profile files\n",
	.run = run,
};

static int
run(int argc, char **argv)
{
	return cli_not_available(&cmd_match, argc, argv);
}
