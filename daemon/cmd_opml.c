/*
 * cmd_opml.c -- `ukeuwatch opml`: the configured feeds (those of [feed]
 * sections and of `opml =`) as an OPML 2.0 document on stdout, for any
 * feed reader to import; `opml =` reads it back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "daemon/check.h"
#include "daemon/cli.h"
#include "daemon/config.h"
#include "feeds/opml.h"

static int run(int argc, char **argv);

const struct cli_cmd cmd_opml = {
	.name = "opml",
	.synopsis = "[-c FILE]",
	.summary = "print the feed list as OPML, for other feed readers",
	.help = "",
	.run = run,
};

static int
run(int argc, char **argv)
{
	const char *config = NULL, **names = NULL, **urls = NULL;
	struct config *c = NULL;
	struct errbuf eb = { 0 };
	int rc;

	if ((rc = cli_no_args(&cmd_opml, argc, argv, &config)) >= 0)
		return rc;
	rc = check_load(cli_config_path(config), &c);
	if (rc != CLI_OK)
		return rc;
	errbuf_clear(&eb);
	names = calloc(c->n_feeds + 1, sizeof(*names));
	urls = calloc(c->n_feeds + 1, sizeof(*urls));
	if (names == NULL || urls == NULL) {
		rc = errbuf_set(&eb, -ENOMEM, "out of memory");
	} else {
		for (size_t i = 0; i < c->n_feeds; i++) {
			names[i] = c->feeds[i].name;
			urls[i] = c->feeds[i].url;
		}
		rc = opml_write(stdout, "ukeuwatch feeds", c->n_feeds, names,
		    urls, &eb);
	}
	free(names);
	free(urls);
	config_free(c);
	if (rc < 0)
		return cli_fail(&cmd_opml, CLI_FAIL, "%s", eb.msg);
	return CLI_OK;
}
