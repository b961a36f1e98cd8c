/*
 * store_health -- cheap summaries for the web pages and /metrics: each
 * feed's last good poll, the quiet-feed rule `status` shares, per-profile
 * counts, and whether the state file could be written.  Read through a
 * store_reader (store_read.h).
 */
#ifndef UKEUWATCH_STORE_STORE_HEALTH_H
#define UKEUWATCH_STORE_STORE_HEALTH_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"
#include "store/store.h"
#include "store/store_feeds.h"

/* One feed's health, for /metrics.  Borrowed by cb. */
struct store_feed_health {
	const char *name;
	int64_t last_ok_ms; /* 0: never */
	int64_t last_poll_ms;
	int64_t next_poll_ms;
	unsigned error_streak;
};

/*
 * Call cb per feed row, by name: one cheap query (no item counts), for a
 * scrape every few seconds.  A non-zero return from cb stops the walk.
 */
int store_read_feed_health(struct store_reader *r,
    int (*cb)(void *arg, const struct store_feed_health *h), void *arg,
    struct errbuf *eb) MUST_CHECK;

/*
 * How long a feed that polls fine has brought nothing new, when that is
 * far longer than usual for it (four of its usual gaps, and at least a
 * day): the publisher may have moved the feed, or broken it in a way that
 * still parses.  0 when it is not quiet, or its rhythm is not known.  f
 * comes from store_read_feeds.  `status` and /feeds both ask this.
 */
int64_t store_feed_quiet_ms(const struct store_feed *f, int64_t now_ms);

/* One profile's alerts and verdicts, for /profiles.  Borrowed by cb. */
struct store_profile_count {
	const char *profile;
	int64_t alerts, recent; /* all kept; created at or after since_ms */
	int64_t relevant, noise;
	int64_t last_ms; /* newest alert; 0: none */
};

int store_read_profile_counts(struct store_reader *r, int64_t since_ms,
    int (*cb)(void *arg, const struct store_profile_count *c), void *arg,
    struct errbuf *eb) MUST_CHECK;

/* The last `profile replay` of a profile (store_cli.h records it).
 * Strings borrowed. */
struct store_replay {
	const char *profile;
	const char *file; /* the profile file replayed */
	int64_t at_ms;    /* when it ran */
	int64_t since_ms; /* the items it looked at: first seen since then */
	int64_t items, would_alert, alerted_before, added, dropped, backlog;
};

/* Every profile's last replay, by profile name; cb as above. */
int store_read_replays(struct store_reader *r,
    int (*cb)(void *arg, const struct store_replay *rp), void *arg,
    struct errbuf *eb) MUST_CHECK;

/*
 * Whether the daemon could write the state file at path and its directory
 * (the WAL and journal live beside it): 1 or 0.  For /healthz; says
 * nothing about a full disk, which the writer's own errors show.
 */
int store_path_writable(const char *path);

#endif /* UKEUWATCH_STORE_STORE_HEALTH_H */
