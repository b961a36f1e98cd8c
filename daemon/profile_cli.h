/*
 * profile_cli.h -- the `ukeuwatch profile` command (cmd_profile.c: derive)
 * and its subcommands that live in files of their own: replay
 * (profile_replay.c), train (profile_train.c) and suggest
 * (profile_suggest.c).  Each takes the
 * arguments from the subcommand's name on and returns a CLI_* code.
 */
#ifndef UKEUWATCH_DAEMON_PROFILE_CLI_H
#define UKEUWATCH_DAEMON_PROFILE_CLI_H

#include "daemon/cli.h"

extern const struct cli_cmd cmd_profile;

int profile_replay_run(int argc, char **argv);
int profile_train_run(int argc, char **argv);
/* A line for the person at the terminal (stderr: stdout may be a profile). */
void profile_note(const char *line);
int profile_suggest_run(int argc, char **argv);

#endif /* UKEUWATCH_DAEMON_PROFILE_CLI_H */
