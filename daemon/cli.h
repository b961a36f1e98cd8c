/*
 * cli -- the command line: the subcommand table, usage and help text,
 * option helpers shared by every cmd_*.c.
 *
 * Each subcommand lives in daemon/cmd_NAME.c and defines one
 * `const struct cli_cmd cmd_NAME`; main.c lists them.  A command's run
 * function gets argv with argv[0] = the subcommand's name and returns the
 * process exit code: CLI_OK, CLI_FAIL (runtime failure) or CLI_USAGE (usage
 * or configuration error).
 */
#ifndef UKEUWATCH_DAEMON_CLI_H
#define UKEUWATCH_DAEMON_CLI_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/errbuf.h"

enum {
	CLI_OK = 0,
	CLI_FAIL = 1,
	CLI_USAGE = 2
};

struct cli_cmd {
	const char *name;     /* "parse" */
	const char *synopsis; /* "[-c FILE] FILE|-" */
	const char *summary;  /* one line for `ukeuwatch --help` */
	const char *help;     /* the options, one per line, for --help */
	int (*run)(int argc, char **argv);
};

/* The table, in the order `ukeuwatch --help` lists it; NULL-terminated. */
extern const struct cli_cmd *const cli_cmds[];

/* Print the tool's usage (all subcommands) to f. */
void cli_usage(FILE *f);

/* Print cmd's --help to stdout. */
void cli_help(const struct cli_cmd *cmd);

/*
 * Report a usage error for cmd ("ukeuwatch parse: ..." then its synopsis)
 * on stderr and return CLI_USAGE.
 */
int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
    PRINTF_LIKE(2, 3);

/*
 * Report a runtime failure "ukeuwatch NAME: message" on stderr (for the
 * command's own failures before logging is set up) and return code.
 */
int cli_fail(const struct cli_cmd *cmd, int code, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

/* The config path: opt if given, else $UKEUWATCH_CONFIG, else the default. */
const char *cli_config_path(const char *opt);

#define CLI_DEFAULT_CONFIG "/etc/ukeuwatch/ukeuwatch.conf"

/*
 * getopt_long over argv for cmd with the common options -c/--config and
 * -h/--help added to longopts/shortopts by the caller.  Handles 'h' (prints
 * help, returns CLI_OK through *done), '?' (usage error) and 'c'.  Returns
 * the option character for the caller to handle, or -1 at the end of the
 * options; *exit_code is set (>= 0) when the caller must return it.
 */
int cli_getopt(const struct cli_cmd *cmd, int argc, char **argv,
    const char *shortopts, const struct option *longopts, const char **config,
    int *exit_code);

/*
 * For a subcommand whose only options are -c and -h and that takes no
 * argument: read them into *config.  Returns -1 to go on, or the exit code
 * to return at once (help printed, or a usage error reported).
 */
int cli_no_args(const struct cli_cmd *cmd, int argc, char **argv,
    const char **config);

/*
 * ms since the epoch as an RFC 3339 UTC JSON string, or JSON null when
 * ms <= 0 (never, unknown).  A new reference (NULL on ENOMEM).
 */
struct json_t;
struct json_t *cli_json_time(int64_t ms);

/*
 * s made safe for one line of a terminal table, in out (n bytes, n >= 8):
 * line breaks become "\n", other C0/C1 controls and bidi overrides \xHH
 * or \u202E, so a stored title can neither add a row nor move the cursor.
 * Cut to fit with "...".  Returns out; s NULL gives "".
 */
const char *cli_oneline(char *out, size_t n, const char *s);

#endif /* UKEUWATCH_DAEMON_CLI_H */
