/*
 * fuzz_feed -- the whole parser: charset, sniffing, libxml2 SAX, RSS/Atom/
 * JSON readers and normalisation.  The first byte picks the chunk size, so
 * chunk boundaries are fuzzed as well as content.
 */
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "feeds/feed_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
on_item(void *arg, const struct item *it)
{
	struct item copy;
	json_t *j;

	(void)arg;
	if (item_copy(&copy, it) < 0)
		return -1;
	j = item_to_json(&copy); /* checks every string is valid UTF-8 */
	if (j == NULL)
		__builtin_trap();
	json_decref(j);
	item_clear(&copy);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct feed_parse_cbs cbs = { .on_item = on_item };
	struct feed_parse_opts opts = { .doc_url = "https://example.org/f",
		.max_items = 200,
		.max_field = 1 << 16 };
	struct feed_parser *p;
	struct errbuf eb;
	size_t chunk, off = 1;
	int rc = 0;

	if (size < 1)
		return 0;
	chunk = data[0] % 64 + 1;
	if (feed_parse_new(&p, &opts, &cbs, NULL, &eb) < 0)
		return 0;
	while (rc == 0 && off < size) {
		size_t n = size - off < chunk ? size - off : chunk;

		rc = feed_parse_push(p, (const char *)data + off, n, &eb);
		off += n;
	}
	if (rc == 0)
		(void)feed_parse_finish(p, &eb);
	feed_parse_free(p);
	return 0;
}
