/*
 * cli.c -- see cli.h.
 *
 * This file and log.c are the only writers to stderr: usage and
 * configuration diagnostics are for the person at the terminal, everything
 * else goes through the log.
 */
#include "daemon/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/clock.h"

void
cli_usage(FILE *f)
{
	size_t i;

	fprintf(f,
	    "usage: ukeuwatch SUBCOMMAND [OPTIONS]\n"
	    "       ukeuwatch --version | --help\n\n"
	    "Watches news and government feeds for UK-EU security "
	    "statements and alerts\nthe people who follow them.\n\n"
	    "subcommands:\n");
	for (i = 0; cli_cmds[i] != NULL; i++)
		fprintf(f, "  %-12s %s\n", cli_cmds[i]->name,
		    cli_cmds[i]->summary);
	fprintf(f,
	    "\nEvery subcommand takes -c FILE (default "
	    "$UKEUWATCH_CONFIG, else %s)\nand -h for its own help. "
	    "Exit codes: 0 success, 1 runtime failure, 2 usage or\n"
	    "configuration error. See ukeuwatch(8).\n",
	    CLI_DEFAULT_CONFIG);
}

void
cli_help(const struct cli_cmd *cmd)
{
	printf("usage: ukeuwatch %s %s\n\n%s\n\noptions:\n%s"
	       "  -c, --config FILE  configuration file (default "
	       "$UKEUWATCH_CONFIG, else %s)\n"
	       "  -h, --help         this help\n",
	    cmd->name, cmd->synopsis, cmd->summary, cmd->help,
	    CLI_DEFAULT_CONFIG);
}

int
cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ukeuwatch %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr,
	    "\nusage: ukeuwatch %s %s\n"
	    "Try 'ukeuwatch %s --help'.\n",
	    cmd->name, cmd->synopsis, cmd->name);
	return CLI_USAGE;
}

int
cli_fail(const struct cli_cmd *cmd, int code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ukeuwatch %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

const char *
cli_config_path(const char *opt)
{
	const char *env;

	if (opt != NULL)
		return opt;
	env = getenv("UKEUWATCH_CONFIG");
	if (env != NULL && env[0] != '\0')
		return env;
	return CLI_DEFAULT_CONFIG;
}

/* The long option argv[optind - 1] names ("--since=2d" -> "since"), in
 * full when getopt took an abbreviation of it (its val is optopt). */
static size_t
long_name(const char *arg, const struct option *longopts, const char **name)
{
	size_t n;

	*name = arg + 2;
	n = strcspn(*name, "=");
	for (const struct option *o = longopts; optopt != 0 && o->name; o++)
		if (o->val == optopt && strncmp(o->name, *name, n) == 0) {
			*name = o->name;
			return strlen(o->name);
		}
	return n;
}

/*
 * getopt's own message is off (a ':' in optstring) so that each bad option
 * gets one line, ours, saying which option and what is wrong with it.
 */
static int
bad_option(const struct cli_cmd *cmd, int c, char **argv, const char *shortopts,
    const struct option *longopts)
{
	const char *arg = argv[optind - 1], *name, *sep = "";
	char alts[256] = "";
	size_t n, used = 0;
	int is_long = strncmp(arg, "--", 2) == 0;

	if (c == ':' && is_long) {
		n = long_name(arg, longopts, &name);
		return cli_usage_error(cmd, "option '--%.*s' needs an argument",
		    (int)n, name);
	}
	if (c == ':')
		return cli_usage_error(cmd, "option '-%c' needs an argument",
		    optopt);
	if (optopt != 0 && strchr(shortopts, optopt) == NULL && is_long &&
	    strchr(arg, '=') != NULL) {
		n = long_name(arg, longopts, &name);
		return cli_usage_error(cmd, "option '--%.*s' takes no argument",
		    (int)n, name);
	}
	if (optopt != 0)
		return cli_usage_error(cmd, "unknown option '-%c'", optopt);
	n = long_name(arg, longopts, &name);
	for (const struct option *o = longopts; o->name != NULL; o++)
		if (strncmp(o->name, name, n) == 0 && used < sizeof(alts)) {
			snprintf(alts + used, sizeof(alts) - used, "%s--%s",
			    sep, o->name);
			used += strlen(alts + used);
			sep = ", ";
		}
	if (strchr(alts, ',') != NULL)
		return cli_usage_error(cmd, "option '--%.*s' is ambiguous: %s",
		    (int)n, name, alts);
	return cli_usage_error(cmd, "unknown option '--%.*s'", (int)n, name);
}

int
cli_getopt(const struct cli_cmd *cmd, int argc, char **argv,
    const char *shortopts, const struct option *longopts, const char **config,
    int *exit_code)
{
	char opts[64];
	int c;

	*exit_code = -1;
	/* GNU permutation: options may come after operands, as everywhere
	 * else ("test-alert TARGET -c FILE", "match feed.xml -p seeds");
	 * "--" still ends the options, and "-" (read stdin) is an operand.
	 * A leading '+' (a dispatcher such as `profile`, whose operand is a
	 * subcommand with options of its own) stops at the first operand.
	 * ':' right after it: getopt prints nothing, bad_option does. */
	snprintf(opts, sizeof(opts), "%s:%s", shortopts[0] == '+' ? "+" : "",
	    shortopts + (shortopts[0] == '+'));
	c = getopt_long(argc, argv, opts, longopts, NULL);
	switch (c) {
	case 'h':
		cli_help(cmd);
		*exit_code = CLI_OK;
		return -1;
	case 'c':
		*config = optarg;
		return 'c';
	case '?':
	case ':':
		*exit_code = bad_option(cmd, c, argv, shortopts, longopts);
		return -1;
	default:
		return c;
	}
}

int
cli_no_args(const struct cli_cmd *cmd, int argc, char **argv,
    const char **config)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ec;

	while (cli_getopt(cmd, argc, argv, "c:h", longopts, config, &ec) != -1)
		;
	if (ec >= 0)
		return ec;
	if (optind != argc)
		return cli_usage_error(cmd, "unexpected argument '%s'",
		    argv[optind]);
	return -1;
}

json_t *
cli_json_time(int64_t ms)
{
	char t[32];

	if (ms <= 0)
		return json_null();
	clock_format(ms, t);
	return json_string(t);
}

/* The escape for the character at s, written to e; its length in s, or 0
 * when it is printable as it is. */
static size_t
escape_at(const unsigned char *s, char e[16])
{
	if (*s == '\n' || *s == '\r' || *s == '\t') {
		snprintf(e, 16, "\\%c",
		    *s == '\n'     ? 'n' :
		        *s == '\r' ? 'r' :
		                     't');
		return 1;
	}
	if (*s < 0x20 || *s == 0x7f) {
		snprintf(e, 16, "\\x%02X", *s);
		return 1;
	}
	if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f) {
		snprintf(e, 16, "\\x%02X", s[1]);
		return 2;
	}
	if (s[0] == 0xe2 && s[1] != '\0' && s[2] != '\0' &&
	    ((s[1] == 0x80 && s[2] >= 0xaa && s[2] <= 0xae) ||
	        (s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9))) {
		snprintf(e, 16, "\\u%04X",
		    ((s[1] & 0x3f) << 6 | (s[2] & 0x3f)) | 0x2000);
		return 3;
	}
	return 0;
}

const char *
cli_oneline(char *out, size_t n, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t used = 0, k, len;
	char e[16];

	while (*p != '\0') {
		k = escape_at(p, e);
		len = k > 0 ? strlen(e) : 1;
		if (used + len + 4 > n) {
			while (used > 0 && (*p & 0xc0) == 0x80) {
				used--; /* not half a character */
				p--;
			}
			memcpy(out + used, "...", 3);
			used += 3;
			break;
		}
		if (k > 0)
			memcpy(out + used, e, len);
		else
			out[used] = (char)*p;
		used += len;
		p += k > 0 ? k : 1;
	}
	out[used] = '\0';
	return out;
}
