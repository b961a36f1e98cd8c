/*
 * fuzz_feed -- the whole parser: charset, sniffing, libxml2 SAX, RSS/Atom/
 * JSON readers and normalisation.  The first byte picks the chunk size, so
 * chunk boundaries are fuzzed as well as content.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "feeds/feed_parse.h"
#include "feeds/item_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Serialise each item as `ukeuwatch parse` does and read the text back:
 * the writer trusts the parser's UTF-8 (it does not re-check), and
 * json_loads does, so an invalid byte sequence traps here.
 */
static int
on_item(void *arg, const struct item *it)
{
	struct item_json *ij = arg;
	json_error_t jerr;
	const json_t *j;
	struct item copy;
	json_t *back;
	char *text;

	if (item_copy(&copy, it) < 0)
		return -1;
	j = item_json_set(ij, &copy);
	text = j != NULL ? json_dumps(j, 0) : NULL;
	back = text != NULL ? json_loads(text, 0, &jerr) : NULL;
	if (back == NULL)
		__builtin_trap();
	json_decref(back);
	free(text);
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
	struct item_json *ij;
	struct feed_parser *p;
	struct errbuf eb = { 0 };
	size_t chunk, off = 1;
	int rc = 0;

	if (size < 1 || item_json_new(&ij) < 0)
		return 0;
	chunk = data[0] % 64 + 1;
	if (feed_parse_new(&p, &opts, &cbs, ij, &eb) < 0) {
		item_json_free(ij);
		return 0;
	}
	while (rc == 0 && off < size) {
		size_t n = size - off < chunk ? size - off : chunk;

		rc = feed_parse_push(p, (const char *)data + off, n, &eb);
		off += n;
	}
	if (rc == 0)
		(void)feed_parse_finish(p, &eb);
	feed_parse_free(p);
	item_json_free(ij);
	return 0;
}
