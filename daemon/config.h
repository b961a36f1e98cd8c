/*
 * config -- reading the configuration: [daemon], [feed NAME] and
 * [target NAME] sections of an INI file (libinih), plus feeds from an OPML
 * file named by `opml =`, into the records of lib/conf.h.
 *
 * config_load collects every error as "FILE:LINE: message" and fails if
 * there is any; a loaded config is never changed.  A reload builds a new one
 * and keeps the old if the new is broken.  Durations are milliseconds,
 * sizes bytes.  Everything is owned by the struct config.
 */
#ifndef UKEUWATCH_DAEMON_CONFIG_H
#define UKEUWATCH_DAEMON_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/conf.h"
#include "lib/errbuf.h"
#include "lib/strlist.h"

/*
 * Read path.  On success *out owns a new config.  On failure returns
 * -EINVAL (or -ENOENT, -ENOMEM, ...), *out is NULL, and *errors (which the
 * caller frees with strlist_clear) holds every problem as
 * "FILE:LINE: message", in file order.
 */
int config_load(const char *path, struct config **out,
    struct strlist *errors) MUST_CHECK;

/* The same on text already in memory; path names it in messages. */
int config_parse(const char *path, const char *text, size_t len,
    struct config **out, struct strlist *errors) MUST_CHECK;

void config_free(struct config *c);

/* Every key: "[section] name = default" and its help, for --list-keys. */
void config_list_keys(FILE *f);

#endif /* UKEUWATCH_DAEMON_CONFIG_H */
