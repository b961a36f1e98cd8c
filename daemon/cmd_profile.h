/*
 * cmd_profile.h -- the `ukeuwatch profile` command (cmd_profile.c: derive,
 * replay) and its subcommands that live in files of their own: train
 * (cmd_profile_train.c) and suggest (cmd_profile_suggest.c).  Each takes
 * the arguments from the subcommand's name on and returns a CLI_* code.
 */
#ifndef UKEUWATCH_DAEMON_CMD_PROFILE_H
#define UKEUWATCH_DAEMON_CMD_PROFILE_H

#include "daemon/cli.h"

extern const struct cli_cmd cmd_profile;

int cmd_profile_train(int argc, char **argv);
int cmd_profile_suggest(int argc, char **argv);

#endif /* UKEUWATCH_DAEMON_CMD_PROFILE_H */
