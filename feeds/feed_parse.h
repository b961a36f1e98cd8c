/*
 * feed_parse -- the streaming feed parser: RSS 0.9x/1.0/2.0, Atom 0.3/1.0
 * and JSON Feed 1.x, fed chunk by chunk.
 *
 * The same code parses a file for `ukeuwatch parse` and a response body as
 * libcurl delivers it.  The format is detected from the document itself.
 * Each finished item is normalised (plain text, absolute URLs, UTC times,
 * stable key) and handed to on_item, borrowed for the call.  Memory stays
 * flat however large the document: no tree is built.
 */
#ifndef UKEUWATCH_FEEDS_FEED_PARSE_H
#define UKEUWATCH_FEEDS_FEED_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/errbuf.h"
#include "lib/item.h"

struct feed_parser; /* opaque */

/* The document's own fields; owns its strings (_init/_clear). */
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

void feed_meta_init(struct feed_meta *m);
void feed_meta_clear(struct feed_meta *m);

struct feed_parse_opts {
	const char *doc_url; /* borrowed for feed_parse_new: the document's URL,
	                        base for relative links; may be NULL */
	size_t max_doc;      /* bytes of document; 0: default 64 MiB */
	size_t max_field;    /* bytes of one text field; 0: default 1 MiB */
	size_t max_items;    /* items per document; 0: default 10000 */
	size_t max_depth;    /* element nesting; 0: default 256 */
};

struct feed_parse_cbs {
	/* A finished item, borrowed for the call; return < 0 to stop. */
	int (*on_item)(void *arg, const struct item *it);
};

/*
 * opts may be NULL (defaults).  cbs and arg are borrowed and must outlive
 * the parser.  Returns 0, or -ENOMEM.
 */
int feed_parse_new(struct feed_parser **out, const struct feed_parse_opts *opts,
    const struct feed_parse_cbs *cbs, void *arg, struct errbuf *eb) MUST_CHECK;

/*
 * Push the next len bytes.  Returns 0 to go on, or a negative errno with eb
 * saying why (the transfer should stop): -EFBIG over a cap, -ENOMSG not a
 * feed (an HTML page: the message names the feed URLs it advertises),
 * -EBADMSG unreadable beyond recovery, or what on_item returned.
 */
int feed_parse_push(struct feed_parser *p, const char *buf, size_t len,
    struct errbuf *eb) MUST_CHECK;

/*
 * The document is complete.  Returns 0 when it was read cleanly, 1 when it
 * was a feed read in recover mode (faults described in eb, items still
 * delivered), or a negative errno as for feed_parse_push.
 */
int feed_parse_finish(struct feed_parser *p, struct errbuf *eb) MUST_CHECK;

/* The document's own fields; valid until feed_parse_free. */
const struct feed_meta *feed_parse_meta(const struct feed_parser *p);

/* Was the document JSON (a JSON Feed, or meant to be one)? */
bool feed_parse_json(const struct feed_parser *p);

/* Items delivered to on_item so far. */
size_t feed_parse_count(const struct feed_parser *p);

void feed_parse_free(struct feed_parser *p);

#endif /* UKEUWATCH_FEEDS_FEED_PARSE_H */
