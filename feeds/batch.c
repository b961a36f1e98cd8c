/* batch.c -- see batch.h. */
#include "feeds/batch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"

int
item_batch_new(struct item_batch **out, const char *feed, const char *feed_url,
    size_t max_items)
{
	struct item_batch *d = calloc(1, sizeof(*d));

	*out = NULL;
	if (d == NULL)
		return -ENOMEM;
	d->feed = strdup(feed);
	d->feed_url = strdup(feed_url ? feed_url : "");
	d->max = max_items ? max_items : 5000;
	d->fetched_ms = clock_now_ms();
	if (d->feed == NULL || d->feed_url == NULL) {
		item_batch_free(d);
		return -ENOMEM;
	}
	*out = d;
	return 0;
}

void
item_batch_free(struct item_batch *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++)
		item_clear(&d->items[i]);
	free(d->items);
	free(d->feed);
	free(d->feed_url);
	free(d);
}

static int64_t
date_of(const struct item *it)
{
	return it->published != ITEM_NO_TIME ? it->published :
	    it->updated != ITEM_NO_TIME      ? it->updated :
	                                       INT64_MIN;
}

/*
 * A full batch keeps the newest items: most feeds list newest first, and
 * the rest are then simply left out, but a feed that lists oldest first
 * must not have its news dropped.  One scan per replacement: the parser
 * stops at twice max_items, so this stays below max_items squared.
 */
static int
replace_oldest(struct item_batch *d, const struct item *it)
{
	struct item copy;

	if (!d->oldest_known) {
		d->oldest = 0;
		for (size_t i = 1; i < d->n; i++)
			if (date_of(&d->items[i]) <
			    date_of(&d->items[d->oldest]))
				d->oldest = i;
		d->oldest_known = 1;
	}
	if (d->n == 0 || date_of(it) <= date_of(&d->items[d->oldest]))
		return -EFBIG;
	if (item_copy(&copy, it) < 0)
		return -ENOMEM;
	item_clear(&d->items[d->oldest]);
	d->items[d->oldest] = copy;
	d->oldest_known = 0;
	return -EFBIG;
}

int
item_batch_offer(struct item_batch *d, const struct item *it)
{
	if (d->n >= d->max)
		return replace_oldest(d, it);
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		struct item *v = realloc(d->items, cap * sizeof(*v));

		if (v == NULL)
			return -ENOMEM;
		d->items = v;
		d->cap = cap;
	}
	if (item_copy(&d->items[d->n], it) < 0)
		return -ENOMEM;
	d->n++;
	return 0;
}
