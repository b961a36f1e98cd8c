/* conf.c -- see conf.h. */
#include "lib/conf.h"

#include <string.h>

const char *
target_format_name(enum target_format f)
{
	static const char *const names[] = { "json", "slack", "discord",
		"teams", "mattermost" };

	return (unsigned)f < 5 ? names[f] : "?";
}

const struct feed_conf *
config_feed(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->n_feeds; i++)
		if (c->feeds[i].name != NULL &&
		    strcmp(c->feeds[i].name, name) == 0)
			return &c->feeds[i];
	return NULL;
}

const struct target_conf *
config_target(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->n_targets; i++)
		if (c->targets[i].name != NULL &&
		    strcmp(c->targets[i].name, name) == 0)
			return &c->targets[i];
	return NULL;
}
