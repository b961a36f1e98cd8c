/*
 * main.c -- argv to subcommand.
 *
 * The only place that decides the process's exit code policy: 0 success,
 * 1 runtime failure, 2 usage or configuration error.
 */
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <libxml/parser.h>

#include "daemon/cli.h"
#include "lib/log.h"

extern const struct cli_cmd cmd_run, cmd_poll, cmd_check, cmd_parse, cmd_match,
    cmd_alerts, cmd_status, cmd_test_alert, cmd_profile, cmd_opml;

const struct cli_cmd *const cli_cmds[] = {
	&cmd_run,
	&cmd_poll,
	&cmd_check,
	&cmd_parse,
	&cmd_match,
	&cmd_alerts,
	&cmd_status,
	&cmd_test_alert,
	&cmd_profile,
	&cmd_opml,
	NULL,
};

int
main(int argc, char **argv)
{
	const char *name;
	bool transfers;
	size_t i;
	int rc;

	log_init(LOG_LEVEL_INFO);
	if (argc < 2) {
		cli_usage(stderr);
		return CLI_USAGE;
	}
	name = argv[1];
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("ukeuwatch %s\n", UKEUWATCH_VERSION);
		return CLI_OK;
	}
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
	    strcmp(name, "help") == 0) {
		cli_usage(stdout);
		return CLI_OK;
	}
	for (i = 0; cli_cmds[i] != NULL; i++)
		if (strcmp(cli_cmds[i]->name, name) == 0)
			break;
	if (cli_cmds[i] == NULL) {
		fprintf(stderr, "ukeuwatch: unknown subcommand '%s'\n\n", name);
		cli_usage(stderr);
		return CLI_USAGE;
	}
	/*
	 * A write to a peer that closed its end must come back as EPIPE to
	 * the code that wrote, not kill the daemon.
	 */
	signal(SIGPIPE, SIG_IGN);
	/*
	 * Only the subcommands that transfer need libcurl's global state (TLS
	 * library set-up, the costliest part of starting): `parse`, `match`,
	 * `check` and the others use at most the URL API (curl_url), which
	 * needs no global init, and a `parse` per file stays cheap.
	 */
	transfers = strcmp(name, "run") == 0 || strcmp(name, "poll") == 0 ||
	    strcmp(name, "test-alert") == 0;
	if (transfers && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "ukeuwatch: cannot initialise libcurl\n");
		return CLI_FAIL;
	}
	xmlInitParser();
	rc = cli_cmds[i]->run(argc - 1, argv + 1);
	xmlCleanupParser();
	if (transfers)
		curl_global_cleanup();
	return rc;
}
