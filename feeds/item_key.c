/*
 * item_key.c -- the stable key that tells a new item from one seen before.
 *
 * The rule, in order:
 *   1. the item's guid (RSS) or id (Atom, JSON Feed), exactly as given
 *      after white space is trimmed, when it has one;
 *   2. else its link, after resolution to an absolute URL;
 *   3. else "text:" and 32 hex digits of a 128-bit FNV-1a hash over the
 *      title and the summary (else the content), each normalised to plain
 *      text.
 * Publishers that give no id usually give a link; the hash is the last
 * resort and changes when the text is edited, which is then a new item.
 * It leaves the date out: feeds that write neither guid nor link often
 * write the time of the request as every item's date, and a key with the
 * date in it made each poll's items new (issue 20).  Keys made before that
 * ("hash:", with the date) are item_key_old's: the store looks an item up
 * under it when the new key is not found, and moves it to the new key.
 * The hash is not cryptographic: a collision only merges two items of one
 * feed, and keys are compared per feed.
 */
#include "feeds/item_key.h"

#include <stdbool.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/hash.h"
#include "lib/item.h"

struct fnv {
	uint64_t a, b;
};

static void
fnv_add(struct fnv *h, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");

	/* two FNV-1a 64 lanes with different offsets; the 0x1f separator
	 * keeps ("ab","c") and ("a","bc") apart */
	for (;; p++) {
		unsigned char c = *p != '\0' ? *p : 0x1f;

		h->a = hash_fnv_byte(h->a, c);
		h->b = hash_fnv_byte(h->b, c ^ 0x5a);
		if (*p == '\0')
			break;
	}
}

static bool
has_ident(const struct item *it)
{
	return (it->id != NULL && it->id[0] != '\0') ||
	    (it->link != NULL && it->link[0] != '\0');
}

static int
text_key(const struct item *it, const char *prefix, const char *date,
    struct buf *out)
{
	struct fnv h = { HASH_FNV_BASIS, 0x84222325cbf29ce4ULL };

	fnv_add(&h, it->title);
	if (date != NULL)
		fnv_add(&h, date);
	fnv_add(&h, it->summary != NULL ? it->summary : it->content);
	return buf_printf(out, "%s%016llx%016llx", prefix,
	    (unsigned long long)h.a, (unsigned long long)h.b);
}

int
item_key_build(const struct item *it, struct buf *out)
{
	if (it->id != NULL && it->id[0] != '\0')
		return buf_appends(out, it->id);
	if (it->link != NULL && it->link[0] != '\0')
		return buf_appends(out, it->link);
	return text_key(it, "text:", NULL, out);
}

int
item_key_old(const struct item *it, struct buf *out)
{
	char date[32];

	if (has_ident(it))
		return 0;
	clock_format_s(it->published != ITEM_NO_TIME ? it->published :
	                                               it->updated,
	    date);
	return text_key(it, "hash:", date, out);
}
