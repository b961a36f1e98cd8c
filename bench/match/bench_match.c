/* bench_match.c -- items matched per second on one core, all shipped profiles.
 *
 *   bench/match/run [ITEMS]   (builds this against build/libukeuwatch.a)
 *
 * Items are ~500 bytes of news text (title + summary) drawn from fixed sets
 * of sentences with varied word order, so the stem cache sees a realistic
 * mix of repeated and new words.  The real matcher_run_text is timed, with
 * statement extraction on (NO_STATEMENTS=1 turns it off), on two sets:
 *
 *   all-match  every item matches at least one profile, so statement
 *              extraction runs on every item: the worst case;
 *   5pct-match one item in 20 is such an item, the rest are news about
 *              other things, as in a real feed.
 *
 * Each set is run ROUNDS times (default 3) over ITEMS items; the fastest
 * round is reported, as wall-clock items/s and as items per CPU-second of
 * this thread (which other load on the machine does not inflate). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "match/match.h"
#include "match/profile.h"

#define N_ITEMS 1024 /* distinct items, cycled */

/* Sentences about the profiles' subjects (and some that are not). */
static const char *const hot[] = {
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

/* News about other things: items made of these match no profile. */
static const char *const cold[] = {
	"The county cricket season opened with rain delaying play at three "
	"grounds. ",
	"Shares in London rose as investors weighed interest rate decisions. ",
	"Storms closed roads across the north and thousands lost power. ",
	"A spokesman said the minister had no plans to resign over the row. ",
	"House prices fell for a third month as mortgage costs stayed high. ",
	"The hospital trust said waiting lists had grown over the winter. ",
	"Police appealed for witnesses after a crash on the motorway. ",
	"The film festival opened with a premiere attended by its director. ",
	"Teachers voted to accept a pay offer after months of talks. ",
	"The club sacked its manager after a run of six defeats. ",
	"Rail passengers faced delays as engineering works overran. ",
	"Scientists reported a new species of frog in the rainforest. ",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct set {
	const char *name;
	char titles[N_ITEMS][96];
	char items[N_ITEMS][640];
	size_t avg_bytes;
};

/* Item i of a set; from the hot sentences when hot_item, else the cold. */
static size_t
make_item(struct set *s, size_t i, int hot_item)
{
	const char *const *snt = hot_item ? hot : cold;
	size_t ns = hot_item ? NELEM(hot) : NELEM(cold), len = 0;

	snprintf(s->titles[i], sizeof(s->titles[i]), "Item %zu: %.60s", i,
	    snt[(i * 7) % ns]);
	while (len < 420)
		len += (size_t)snprintf(s->items[i] + len,
		    sizeof(s->items[i]) - len, "%s",
		    snt[(i * 31 + len * 13) % ns]);
	return len + strlen(s->titles[i]);
}

static void
make_set(struct set *s, const char *name, size_t hot_every)
{
	size_t bytes = 0;

	s->name = name;
	for (size_t i = 0; i < N_ITEMS; i++)
		bytes += make_item(s, i, i % hot_every == 0);
	s->avg_bytes = bytes / N_ITEMS;
}

static double
secs(clockid_t clk)
{
	struct timespec t;

	clock_gettime(clk, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
run_set(struct matcher *m, const struct set *s, size_t n_items, int rounds)
{
	struct match_set set;
	double best = 0, best_cpu = 0;
	size_t matches = 0, matched_items = 0;

	match_set_init(&set);
	for (int r = 0; r < rounds; r++) {
		double w0 = secs(CLOCK_MONOTONIC);
		double c0 = secs(CLOCK_THREAD_CPUTIME_ID), w, c;

		matches = matched_items = 0;
		for (size_t i = 0; i < n_items; i++) {
			const char *fields[3] = { s->titles[i % N_ITEMS],
				s->items[i % N_ITEMS], NULL };
			int n = matcher_run_text(m, fields, &set);

			if (n < 0) {
				match_set_clear(&set);
				return -1;
			}
			matches += (size_t)n;
			matched_items += n > 0;
		}
		w = secs(CLOCK_MONOTONIC) - w0;
		c = secs(CLOCK_THREAD_CPUTIME_ID) - c0;
		if (r == 0 || w < best)
			best = w;
		if (r == 0 || c < best_cpu)
			best_cpu = c;
	}
	printf("set=%s items=%zu avg_bytes=%zu seconds=%.3f items_per_s=%.0f "
	       "cpu_items_per_s=%.0f matches=%zu matched_items=%zu\n",
	    s->name, n_items, s->avg_bytes, best, (double)n_items / best,
	    (double)n_items / best_cpu, matches, matched_items);
	match_set_clear(&set);
	return 0;
}

int
main(int argc, char **argv)
{
	size_t n_items = argc > 1 ? strtoul(argv[1], NULL, 10) : 200000;
	int rounds = getenv("ROUNDS") ? atoi(getenv("ROUNDS")) : 3;
	struct set *all = calloc(1, sizeof(*all));
	struct set *few = calloc(1, sizeof(*few));
	struct profiles *ps = NULL;
	struct matcher *m = NULL;
	struct errbuf eb;
	int rc = 1;

	if (all == NULL || few == NULL || n_items == 0 || rounds < 1)
		goto out;
	if (profiles_load_dir(&ps, "seeds", NULL) < 0 ||
	    matcher_new(&m, ps, &eb) < 0) {
		fprintf(stderr, "bench_match: cannot load seeds/ profiles\n");
		goto out;
	}
	make_set(all, "all-match", 1);
	make_set(few, "5pct-match", 20);
	matcher_want_statements(m, getenv("NO_STATEMENTS") == NULL);
	printf("statements=%s rounds=%d (best round shown)\n",
	    getenv("NO_STATEMENTS") ? "off" : "on", rounds);
	if (run_set(m, all, n_items, rounds) < 0 ||
	    run_set(m, few, n_items, rounds) < 0)
		goto out;
	rc = 0;
out:
	matcher_free(m);
	profiles_free(ps);
	free(all);
	free(few);
	return rc;
}
