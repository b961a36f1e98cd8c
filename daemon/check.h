/*
 * check -- load and validate everything a run needs, reporting problems
 * the way a person at a terminal reads them (FILE:LINE: message, all of
 * them), for `check`, `run`, `poll` and the other subcommands.
 */
#ifndef UKEUWATCH_DAEMON_CHECK_H
#define UKEUWATCH_DAEMON_CHECK_H

struct config;

/*
 * Load the config at path.  On success *out owns it and warnings were
 * printed; otherwise every error was printed to stderr and the exit code
 * to return (CLI_USAGE for a broken config, CLI_FAIL for an unreadable
 * one) is returned.
 */
int check_load(const char *path, struct config **out);

/*
 * `ukeuwatch check`: load the config and the profiles it names; print a
 * summary when summary is set.  Returns the exit code.
 */
int check_config(const char *path, int summary);

#endif /* UKEUWATCH_DAEMON_CHECK_H */
