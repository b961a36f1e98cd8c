/*
 * item -- the record every stage passes on: one normalised feed entry.
 *
 * Plain UTF-8 text with white space collapsed, absolute URLs, UTC times.
 * It owns its strings; _init/_clear manage them.  The parser (feeds/)
 * hands an item to its on_item callback borrowed for the call: copy what
 * you keep (item_copy).  The store and the matcher read it, so it lives
 * below them all.
 */
#ifndef UKEUWATCH_LIB_ITEM_H
#define UKEUWATCH_LIB_ITEM_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"

#define ITEM_NO_TIME INT64_MIN /* a date that is absent or unreadable */

struct enclosure {
	char *url;       /* owned; absolute */
	char *type;      /* owned, or NULL */
	uint64_t length; /* bytes, 0 when unknown */
};

struct item {
	char *id;          /* owned: guid/id as given, or NULL */
	char *key;         /* owned: the stable key (see item_key.c) */
	char *old_key;     /* owned: the key older versions gave it, to find
	                      it under in an old state file; or NULL */
	char *title;       /* owned: plain text, or NULL */
	char *link;        /* owned: absolute URL, or NULL */
	char *summary;     /* owned: plain text, or NULL */
	char *content;     /* owned: plain text of the full content, or NULL */
	int64_t published; /* Unix seconds UTC, or ITEM_NO_TIME */
	int64_t updated;   /* Unix seconds UTC, or ITEM_NO_TIME */
	char **authors;    /* owned array of owned strings */
	size_t n_authors;
	char **categories; /* owned array of owned strings */
	size_t n_categories;
	struct enclosure *enclosures; /* owned array */
	size_t n_enclosures;
};

void item_init(struct item *it);
void item_clear(struct item *it);
/* Deep copy of src into dst (dst need not be initialised). 0 or -ENOMEM. */
int item_copy(struct item *dst, const struct item *src) MUST_CHECK;

#endif /* UKEUWATCH_LIB_ITEM_H */
