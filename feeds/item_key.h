/*
 * item_key -- the stable key that tells a new item from one already seen.
 */
#ifndef UKEUWATCH_FEEDS_ITEM_KEY_H
#define UKEUWATCH_FEEDS_ITEM_KEY_H

#include "lib/errbuf.h"
#include "lib/item.h"

struct buf;

/*
 * Append it's stable key to out (item_key.c has the rule): the id when it
 * has one, else the link, else "text:" and 32 hex digits of the title and
 * the summary.  Returns 0, -ENOMEM or -EFBIG.
 */
int item_key_build(const struct item *it, struct buf *out) MUST_CHECK;

/*
 * Append the key an item with neither id nor link had in earlier releases
 * ("hash:", over the title, the date and the summary), so that the store
 * can find items recorded under it; appends nothing for other items.
 * Returns 0, -ENOMEM or -EFBIG.
 */
int item_key_old(const struct item *it, struct buf *out) MUST_CHECK;

#endif /* UKEUWATCH_FEEDS_ITEM_KEY_H */
