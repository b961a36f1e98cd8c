/* bench_match.c -- items matched per second on one core, all shipped profiles.
 *
 *   bench/match/run    (builds this against build/libukeuwatch.a)
 *
 * Items are ~500 bytes of news text (title + summary) drawn from a fixed set
 * of sentences with varied word order, so the stem cache sees a realistic mix
 * of repeated and new words.  The real matcher_run_text is timed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alerts/match.h"
#include "alerts/profile.h"

static const char *const sentences[] = {
	"Britain wants closer defence cooperation with the European Union "
	"after Brexit. ",
	"EU foreign ministers agreed a new package of sanctions on Russia on "
	"Monday. ",
	"The county cricket season opened with rain delaying play at three "
	"grounds. ",
	"Shares in London rose as investors weighed interest rate decisions. ",
	"The EU launched a naval mission in the Mediterranean under CSDP. ",
	"Officials said talks on customs and trade would resume next week. ",
	"Storms closed roads across the north and thousands lost power. ",
	"A spokesman said the minister had no plans to resign over the row. ",
};

int
main(int argc, char **argv)
{
	size_t n_items = argc > 1 ? strtoul(argv[1], NULL, 10) : 200000;
	size_t ns = sizeof(sentences) / sizeof(sentences[0]);
	struct profiles *ps;
	struct matcher *m;
	struct match_set set;
	struct errbuf eb;
	char(*items)[640] = calloc(1024, sizeof(*items));
	char titles[1024][96];
	size_t bytes = 0, matched = 0;
	struct timespec a, b;
	double s;

	if (items == NULL || profiles_load_dir(&ps, "seeds", NULL) < 0 ||
	    matcher_new(&m, ps, &eb) < 0)
		return 1;
	for (size_t i = 0; i < 1024; i++) {
		size_t len = 0;

		snprintf(titles[i], sizeof(titles[i]), "Item %zu: %.60s", i,
		    sentences[(i * 7) % ns]);
		while (len < 420) {
			const char *snt = sentences[(i * 31 + len * 13) % ns];

			len += (size_t)snprintf(items[i] + len,
			    sizeof(items[i]) - len, "%s", snt);
		}
		bytes += len + strlen(titles[i]);
	}
	match_set_init(&set);
	matcher_want_statements(m, getenv("NO_STATEMENTS") == NULL);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (size_t i = 0; i < n_items; i++) {
		const char *fields[3] = { titles[i & 1023], items[i & 1023],
			NULL };
		int r = matcher_run_text(m, fields, &set);

		if (r < 0)
			return 1;
		matched += (size_t)r;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	s = (double)(b.tv_sec - a.tv_sec) +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("items=%zu avg_bytes=%zu seconds=%.3f items_per_s=%.0f "
	       "matches=%zu\n",
	    n_items, bytes / 1024, s, (double)n_items / s, matched);
	match_set_clear(&set);
	matcher_free(m);
	profiles_free(ps);
	free(items);
	return 0;
}
