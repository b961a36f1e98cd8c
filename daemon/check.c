/*
 * check.c -- see check.h.
 */
#include "daemon/check.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "daemon/cli.h"
#include "daemon/config.h"

int
check_load(const char *path, struct config **out)
{
	struct strlist errors = { 0 };
	int rc;

	rc = config_load(path, out, &errors);
	for (size_t i = 0; i < errors.n; i++)
		fprintf(stderr, "%s\n", errors.v[i]);
	if (rc < 0 && errors.n == 0)
		fprintf(stderr, "%s: cannot load the configuration: %s\n", path,
		    strerror(-rc));
	strlist_clear(&errors);
	if (rc < 0) {
		if (rc == -EINVAL || rc == -ENOENT || rc == -EACCES)
			return CLI_USAGE;
		return CLI_FAIL;
	}
	for (size_t i = 0; i < (*out)->warnings.n; i++)
		fprintf(stderr, "%s: warning: %s\n", path,
		    (*out)->warnings.v[i]);
	return CLI_OK;
}

int
check_config(const char *path, int summary)
{
	struct config *c = NULL;
	int rc;

	rc = check_load(path, &c);
	if (rc != CLI_OK)
		return rc;
	if (summary) {
		printf("%s: ok\n", path);
		printf("  feeds:    %zu\n", c->n_feeds);
		for (size_t i = 0; i < c->n_feeds; i++)
			printf("    %s  %s\n", c->feeds[i].name,
			    c->feeds[i].url_shown);
		printf("  targets:  %zu%s\n", c->n_targets,
		    c->n_targets == 0 ? " (alerts go to stdout and the alert "
		                        "log)" :
		                        "");
		for (size_t i = 0; i < c->n_targets; i++)
			printf("    %s  %s\n", c->targets[i].name,
			    c->targets[i].type == TARGET_TYPE_MAIL ?
			        "mail" :
			        target_format_name(c->targets[i].format));
		printf("  state:    %s\n  alerts:   %s\n  profiles: %s\n",
		    c->daemon.state, c->daemon.alert_log,
		    c->daemon.profiles_dir);
	}
	config_free(c);
	return CLI_OK;
}
