/* cmd_parse.c -- `ukeuwatch parse`: parse one feed document and print it as normalised JSON */
#include "daemon/cli.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_parse = {
	.name = "parse",
	.synopsis = "FILE|-",
	.summary = "parse one feed document and print it as normalised JSON",
	.help = "",
	.run = run,
};

static int
run(int argc, char **argv)
{
	return cli_not_available(&cmd_parse, argc, argv);
}
