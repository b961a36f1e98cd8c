/*
 * many.c -- parse every file named on the command line in one process, to
 * measure the parser's per-document cost without exec and dynamic linking.
 */
#include <stdio.h>
#include <stdlib.h>

#include "feeds/feed_parse.h"

static int
on_item(void *arg, const struct item *it)
{
	(*(size_t *)arg)++;
	(void)it;
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct feed_parse_cbs cbs = { .on_item = on_item };
	static char chunk[65536];
	struct feed_parse_opts opts = { .max_doc = (size_t)1 << 40,
		.max_items = (size_t)1 << 40 };
	size_t items = 0;

	for (int i = 1; i < argc; i++) {
		struct feed_parser *p;
		struct errbuf eb;
		FILE *f = fopen(argv[i], "rb");
		size_t n;
		int rc = 0;

		if (f == NULL ||
		    feed_parse_new(&p, &opts, &cbs, &items, &eb) < 0)
			return 1;
		while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			rc = feed_parse_push(p, chunk, n, &eb);
		if (rc == 0)
			rc = feed_parse_finish(p, &eb);
		if (rc < 0)
			fprintf(stderr, "%s: %s\n", argv[i], eb.msg);
		feed_parse_free(p);
		fclose(f);
	}
	printf("%zu items\n", items);
	return 0;
}
