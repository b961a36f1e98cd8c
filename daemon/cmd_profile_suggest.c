/* cmd_profile_suggest.c -- placeholder, replaced below */
#include "daemon/cmd_profile.h"

int
cmd_profile_suggest(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage_error(&cmd_profile, "suggest: not yet");
}
