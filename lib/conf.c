/* conf.c -- see conf.h. */
#include "lib/conf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"

/* Open addressing; a slot holds a record number + 1, 0 when empty. */
struct conf_index {
	size_t *slot; /* owned, cap long, cap a power of two */
	size_t cap, n;
};

const char *
target_format_name(enum target_format f)
{
	static const char *const names[] = { "json", "slack", "discord",
		"teams", "mattermost" };

	return (unsigned)f < 5 ? names[f] : "?";
}

static const char *
name_at(const struct config *c, int targets, size_t i)
{
	return targets ? c->targets[i].name : c->feeds[i].name;
}

static size_t
home(const char *name, size_t cap)
{
	return (size_t)hash_fnv(HASH_FNV_BASIS, name, strlen(name)) & (cap - 1);
}

/* The record number of name, or SIZE_MAX. */
static size_t
lookup(const struct config *c, int targets, const char *name)
{
	const struct conf_index *ix = targets ? c->target_index : c->feed_index;
	size_t n = targets ? c->n_targets : c->n_feeds;

	if (ix == NULL) {
		for (size_t i = 0; i < n; i++)
			if (name_at(c, targets, i) != NULL &&
			    strcmp(name_at(c, targets, i), name) == 0)
				return i;
		return SIZE_MAX;
	}
	for (size_t h = home(name, ix->cap);; h = (h + 1) & (ix->cap - 1)) {
		size_t i = ix->slot[h];

		if (i == 0)
			return SIZE_MAX;
		if (strcmp(name_at(c, targets, i - 1), name) == 0)
			return i - 1;
	}
}

const struct feed_conf *
config_feed(const struct config *c, const char *name)
{
	size_t i = lookup(c, 0, name);

	return i != SIZE_MAX ? &c->feeds[i] : NULL;
}

const struct target_conf *
config_target(const struct config *c, const char *name)
{
	size_t i = lookup(c, 1, name);

	return i != SIZE_MAX ? &c->targets[i] : NULL;
}

static void
put(struct conf_index *ix, const char *name, size_t i)
{
	size_t h = home(name, ix->cap);

	while (ix->slot[h] != 0)
		h = (h + 1) & (ix->cap - 1);
	ix->slot[h] = i + 1;
	ix->n++;
}

/* Rebuild ix at twice the size from the records; false on ENOMEM. */
static int
grow(const struct config *c, int targets, struct conf_index *ix)
{
	size_t cap = ix->cap ? ix->cap * 2 : 64, *slot;

	slot = calloc(cap, sizeof(*slot));
	if (slot == NULL)
		return -ENOMEM;
	free(ix->slot);
	ix->slot = slot;
	ix->cap = cap;
	ix->n = 0;
	/* every record but the one being added, which the caller puts */
	for (size_t i = 0; i + 1 < (targets ? c->n_targets : c->n_feeds); i++)
		if (name_at(c, targets, i) != NULL)
			put(ix, name_at(c, targets, i), i);
	return 0;
}

int
config_index_add(struct config *c, int targets)
{
	struct conf_index **ixp = targets ? &c->target_index : &c->feed_index;
	size_t n = targets ? c->n_targets : c->n_feeds;
	const char *name;

	if (n == 0 || (name = name_at(c, targets, n - 1)) == NULL)
		return 0;
	if (*ixp == NULL) {
		*ixp = calloc(1, sizeof(**ixp));
		if (*ixp == NULL)
			return -ENOMEM;
	}
	if (((*ixp)->n + 1) * 2 > (*ixp)->cap && grow(c, targets, *ixp) < 0) {
		config_index_free(c); /* lookups scan again, correctly */
		return -ENOMEM;
	}
	put(*ixp, name, n - 1);
	return 0;
}

void
config_index_free(struct config *c)
{
	if (c->feed_index != NULL)
		free(c->feed_index->slot);
	if (c->target_index != NULL)
		free(c->target_index->slot);
	free(c->feed_index);
	free(c->target_index);
	c->feed_index = c->target_index = NULL;
}
