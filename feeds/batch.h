/*
 * batch -- one fetched document's items, copied while the transfer runs.
 *
 * The parser hands each item over borrowed, and the transaction that
 * records the document must not stay open during a slow transfer (every
 * feed and the outbox share one store connection), so fetch copies the
 * items here and hands the whole batch to its commit callback at the end.
 * The batch is a record: the committer reads items[0..n), in document order
 * unless the document had more than max items: then the newest are kept
 * (by published, else updated date; undated ones count as oldest), each
 * newer item taking the place of the oldest one kept.
 */
#ifndef UKEUWATCH_FEEDS_BATCH_H
#define UKEUWATCH_FEEDS_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"
#include "lib/item.h"

struct item_batch {
	char *feed;         /* owned: the feed's name */
	char *feed_url;     /* owned: the URL it was fetched from */
	struct item *items; /* owned array */
	size_t n, cap, max;
	int64_t fetched_ms; /* when the batch was started: first fetched */
	size_t oldest;      /* full: the oldest item kept, if oldest_known */
	int oldest_known;
};

/* A batch for feed (copied), holding at most max_items (0: 5000).
 * 0 or -ENOMEM. */
int item_batch_new(struct item_batch **out, const char *feed,
    const char *feed_url, size_t max_items) MUST_CHECK;
void item_batch_free(struct item_batch *d);

/* Copy it into the batch: 0, -ENOMEM, or -EFBIG when the batch is full
 * (then it or an older item kept before was left out). */
int item_batch_offer(struct item_batch *d, const struct item *it) MUST_CHECK;

#endif /* UKEUWATCH_FEEDS_BATCH_H */
