/*
 * bench_store.c -- items checked and inserted per second against a history
 * of N items, and the state file's size.
 *
 * Usage: bench_store N PATH
 *
 * The history is N items over 100 feeds, written the way the daemon writes
 * them: documents of 100 items, one transaction each (synchronous=FULL, so
 * one fsync per document).  Then 100,000 history items are checked again in
 * random documents of 100: first when their last-seen stamp is older than
 * the one-day grain (each item is rewritten), then again at once (pure
 * reads, the steady state), then documents of 90 seen and 10 new items.
 * Output is key=value lines for bench/store/run.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/errbuf.h"
#include "lib/item.h"
#include "store/store.h"
#include "store/store_doc.h"
#include "store/store_feeds.h"

#define FEEDS 100
#define DOC   100
#define DAY   (86400 * 1000LL)
#define T0    (1700000000 * 1000LL)

static char title[128], link[160], summary[320];

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Item n of the history (n >= N gives items that are not in it). */
static void
make_item(struct item *it, long n)
{
	snprintf(link, sizeof(link),
	    "https://www.gov.uk/government/news/statement-on-uk-eu-security-"
	    "cooperation-%ld",
	    n);
	snprintf(title, sizeof(title),
	    "Statement %ld on UK-EU security and defence cooperation", n);
	snprintf(summary, sizeof(summary),
	    "The Foreign Secretary set out the next steps for item %ld in "
	    "the security and defence partnership, including participation "
	    "in PESCO projects, sanctions alignment and support for CSDP "
	    "missions.",
	    n);
	memset(it, 0, sizeof(*it));
	it->key = link;
	it->link = link;
	it->title = title;
	it->summary = summary;
	it->published = T0 / 1000 - 86400;
	it->updated = ITEM_NO_TIME;
}

static void
die(const char *what, const struct errbuf *eb)
{
	fprintf(stderr, "bench_store: %s: %s\n", what, eb->msg);
	exit(1);
}

/* One document of feed f with the items ids[0..n); returns new items. */
static unsigned
document(struct store *st, int f, const long *ids, int n, int64_t now)
{
	struct store_doc_opts o = { .now_ms = now,
		.backlog_ms = 2 * 86400000LL };
	struct store_poll p = { .at_ms = now, .http_status = 200 };
	struct store_doc_summary sum;
	struct store_verdict v;
	struct store_doc *d;
	struct errbuf eb = { 0 };
	struct item it;
	char name[32];

	snprintf(name, sizeof(name), "feed-%d", f);
	if (store_doc_begin(st, name, &o, &d, &eb) < 0)
		die("begin", &eb);
	for (int i = 0; i < n; i++) {
		make_item(&it, ids[i]);
		if (store_doc_item(d, &it, &v, &eb) < 0)
			die("item", &eb);
	}
	if (store_doc_commit(d, &p, &sum, &eb) < 0)
		die("commit", &eb);
	return sum.new_items;
}

/* Random history documents: items of one feed (item n is in feed n%100). */
static double
check_pass(struct store *st, long hist, long fresh_base, long count,
    int64_t now, int fresh, unsigned seed)
{
	long ids[DOC];
	double t = now_s();
	unsigned news = 0;

	srand(seed);
	for (long done = 0; done < count; done += DOC) {
		int f = rand() % FEEDS;

		for (int i = 0; i < DOC; i++) {
			if (i >= DOC - fresh)
				ids[i] = fresh_base + done + i; /* not stored */
			else
				ids[i] = ((long)rand() * 7919 %
				             (hist / FEEDS)) *
				        FEEDS +
				    f;
		}
		news += document(st, f, ids, DOC, now);
	}
	t = now_s() - t;
	if (news != (unsigned)(count / DOC * fresh)) {
		fprintf(stderr, "bench_store: %u new items, expected %ld\n",
		    news, count / DOC * fresh);
		exit(1);
	}
	return (double)count / t;
}

int
main(int argc, char **argv)
{
	struct store *st = NULL;
	struct errbuf eb = { 0 };
	struct stat sb;
	long hist, ids[DOC];
	double t;

	if (argc != 3) {
		fprintf(stderr, "usage: bench_store N PATH\n");
		return 2;
	}
	hist = atol(argv[1]);
	remove(argv[2]);
	if (store_open(&st, argv[2], &eb) < 0)
		die("open", &eb);
	t = now_s();
	for (long n = 0; n < hist; n += FEEDS * DOC)
		for (int f = 0; f < FEEDS; f++) {
			for (int i = 0; i < DOC; i++)
				ids[i] = (n / FEEDS + i) * FEEDS + f;
			document(st, f, ids, DOC, T0);
		}
	t = now_s() - t;
	printf("history=%ld\ninsert_items_per_s=%.0f\n", hist, hist / t);
	printf("check_touch_items_per_s=%.0f\n",
	    check_pass(st, hist, 0, 100000, T0 + 2 * DAY, 0, 1));
	printf("check_items_per_s=%.0f\n",
	    check_pass(st, hist, 0, 100000, T0 + 2 * DAY, 0, 1));
	printf("check_mixed_items_per_s=%.0f\n",
	    check_pass(st, hist, hist * 10, 100000, T0 + 2 * DAY, 10, 2));
	store_free(st);
	if (stat(argv[2], &sb) < 0)
		return 1;
	printf("file_bytes=%lld\nbytes_per_100k_items=%.0f\n",
	    (long long)sb.st_size,
	    (double)sb.st_size * 100000.0 / (hist + 10000));
	t = now_s();
	if (store_open(&st, argv[2], &eb) < 0)
		die("reopen", &eb);
	printf("open_ms=%.1f\n", (now_s() - t) * 1000);
	store_free(st);
	return 0;
}
