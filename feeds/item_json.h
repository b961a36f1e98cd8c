/*
 * item_json.h -- the one JSON form of a parsed document: the `ukeuwatch
 * parse` schema (the document's format, title, link, description, language
 * and updated, then its items with id, key, title, link, summary, content,
 * published, updated, authors, categories and enclosures, in that order).
 *
 * `ukeuwatch parse`, the parser's golden tests and the fuzz target all
 * serialise through here, so what the tests compare is what users get.
 * One writer object is reused for every item: keys are inserted once and
 * each item only swaps the values, since `parse` is also the parser's
 * benchmark and a json_pack per item costs more than the parse.
 */
#ifndef UKEUWATCH_FEEDS_ITEM_JSON_H
#define UKEUWATCH_FEEDS_ITEM_JSON_H

#include "feeds/feed_parse.h"
#include "lib/errbuf.h"
#include "lib/item.h"

struct json_t;
struct item_json;

/* A writer in *out, owned by the caller (item_json_free).  0 or -ENOMEM. */
int item_json_new(struct item_json **out) MUST_CHECK;
void item_json_free(struct item_json *j);

/*
 * Set the writer's object to it and return it: borrowed, valid until the
 * next call or item_json_free (json_deep_copy to keep it).  NULL only on
 * ENOMEM.  Strings are not re-validated: the parser emits valid UTF-8.
 */
const struct json_t *item_json_set(struct item_json *j, const struct item *it);

/* The document's own fields, a new reference (the caller adds "items");
 * NULL only on ENOMEM. */
struct json_t *item_json_meta(const struct feed_meta *m);

#endif /* UKEUWATCH_FEEDS_ITEM_JSON_H */
