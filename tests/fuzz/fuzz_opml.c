/* fuzz_opml.c -- libFuzzer: any bytes as an OPML feed list. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "daemon/config.h"
#include "feeds/opml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
on_feed(void *arg, const char *name, const char *url, int line)
{
	size_t *n = arg;

	/* Touch every byte so that a bad pointer shows up here. */
	*n += strlen(name) + strlen(url) + (size_t)(line > 0);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strlist errors = { 0 };
	size_t n = 0;

	(void)!opml_parse("fuzz.opml", (const char *)data, size, on_feed, &n,
	    &errors);
	strlist_clear(&errors);
	return 0;
}
