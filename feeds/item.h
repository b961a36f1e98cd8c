/*
 * item -- the records a parsed feed document produces.
 *
 * struct item is one normalised entry: plain UTF-8 text with white space
 * collapsed, absolute URLs, UTC times.  struct feed_meta is the document's
 * own fields.  Both own their strings; _init/_clear manage them.  The parser
 * hands an item to its on_item callback borrowed for the call: copy what you
 * keep (item_copy).
 */
#ifndef UKEUWATCH_FEEDS_ITEM_H
#define UKEUWATCH_FEEDS_ITEM_H

#include <stddef.h>
#include <stdint.h>

#include "daemon/errbuf.h"

#define ITEM_NO_TIME INT64_MIN /* a date that is absent or unreadable */

struct buf;

struct enclosure {
	char *url;       /* owned; absolute */
	char *type;      /* owned, or NULL */
	uint64_t length; /* bytes, 0 when unknown */
};

struct item {
	char *id;          /* owned: guid/id as given, or NULL */
	char *key;         /* owned: the stable key (see item_key.c) */
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

struct feed_meta {
	const char *format; /* static: "rss2.0", "rss1.0", "rss0.9", "atom1.0",
	                       "atom0.3", "jsonfeed1"; NULL if not detected */
	char *title;        /* owned, or NULL */
	char *link;         /* owned: absolute, or NULL */
	char *description;  /* owned: plain text, or NULL */
	char *language;     /* owned, or NULL */
	int64_t updated;    /* or ITEM_NO_TIME */
	int64_t ttl_s;      /* RSS <ttl> or sy:updatePeriod/Frequency in
	                       seconds; 0 when absent */
};

void item_init(struct item *it);
void item_clear(struct item *it);
/* Deep copy of src into dst (dst need not be initialised). 0 or -ENOMEM. */
int item_copy(struct item *dst, const struct item *src) MUST_CHECK;

void feed_meta_init(struct feed_meta *m);
void feed_meta_clear(struct feed_meta *m);

/* Format t (Unix seconds UTC) as RFC 3339 "2017-09-12T10:15:00Z";
 * "" for ITEM_NO_TIME. */
void item_time_format(int64_t t, char out[32]);

/*
 * Append it's stable key to out (item_key.c has the rule): the id when it
 * has one, else the link, else "hash:" and 32 hex digits of the title, the
 * date and the summary.  Returns 0, -ENOMEM or -EFBIG.
 */
int item_key_build(const struct item *it, struct buf *out) MUST_CHECK;

#endif /* UKEUWATCH_FEEDS_ITEM_H */
