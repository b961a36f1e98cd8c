/*
 * check -- load and validate everything a run needs, reporting problems
 * the way a person at a terminal reads them (FILE:LINE: message, all of
 * them), for `check`, `run`, `poll` and the other subcommands.
 */
#ifndef UKEUWATCH_DAEMON_CHECK_H
#define UKEUWATCH_DAEMON_CHECK_H

#include <stddef.h>

#include "lib/errbuf.h"

struct config;

/*
 * Load the config at path.  On success *out owns it and warnings were
 * printed; otherwise every error was printed to stderr and the exit code
 * to return (CLI_USAGE for a broken config, CLI_FAIL for an unreadable
 * one) is returned.
 */
int check_load(const char *path, struct config **out);

struct strlist;

/*
 * What `run` needs beyond a well-formed file: every profile name a feed or
 * target uses exists in the profile directory, every feed a target names
 * is configured, every profile file parses, and the state and alert-log
 * directories take files.  Appends each problem to errors ("FILE:LINE:
 * message" where there is a line) and returns -EINVAL if there was any.
 */
int check_ready(const struct config *c, struct strlist *errors) MUST_CHECK;

/* Whether dir holds a readable NAME.profile for a valid name. */
int check_profile_exists(const char *dir, const char *name);

/* The names of dir's NAME.profile files, comma-separated, for a hint ("" if
 * none or dir is unreadable); cut to fit len. */
void check_profile_list(const char *dir, char *out, size_t len);

/* check_load, then check_ready, printing its problems: for check, run, poll. */
int check_load_ready(const char *path, struct config **out);

/*
 * `ukeuwatch check`: load the config and the profiles it names; print a
 * summary when summary is set.  Returns the exit code.
 */
int check_config(const char *path, int summary);

#endif /* UKEUWATCH_DAEMON_CHECK_H */
