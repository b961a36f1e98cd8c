/*
 * sched_impl.h -- the scheduler's records, shared by sched.c (slots,
 * timers, the queue, reloads) and sched_outcome.c (what an outcome means:
 * the next delay, the log lines, a shorter interval).  No other module
 * includes it.
 */
#ifndef UKEUWATCH_FEEDS_SCHED_IMPL_H
#define UKEUWATCH_FEEDS_SCHED_IMPL_H

#include <stdint.h>

#include <uv.h>

#include "feeds/fetch.h"
#include "feeds/hostq.h"
#include "feeds/sched.h"

struct slot {
	struct sched *s;            /* back pointer, not owned */
	const struct feed_conf *fc; /* borrowed from the current config */
	char *name;                 /* owned */
	struct hostq_entry hq;      /* its place in the per-host queues */
	uv_timer_t timer;           /* owned; freed in its close callback */
	struct fetch *fetch;        /* in flight, or NULL */
	uint64_t interval_ms;       /* may be shortened: all-new documents */
	int64_t ttl_s;              /* the last document's ttl / sy:* hint */
	int64_t planned_ms;         /* next poll as recorded; 0: not planned */
	size_t idx;                 /* its place in sched.slots */
	int gone;                   /* 410: never again */
	int removed;                /* dropped by a reload */
	int failing;
	int polled;                  /* one-cycle mode: done */
	enum fetch_error last_class; /* last error class logged */
	int64_t last_logged_ms;
	int dns_down; /* its last poll failed to resolve the host name */
	char *held;   /* owned, or NULL: a failure line waiting (one cycle) */
};

struct sched {
	uv_loop_t *loop;             /* borrowed */
	struct fetch_env env;        /* copied; pointers borrowed */
	const struct config *config; /* borrowed */
	struct sched_opts opts;      /* copied */
	struct slot **slots;         /* owned array of owned slots */
	size_t n_slots, cap_slots;
	struct hostq *queue; /* owned: due feeds, per host */
	unsigned host_cap;   /* the queue's per-host cap */
	unsigned in_flight;
	unsigned pending_cycle; /* one-cycle: feeds not yet done */
	unsigned open_timers;
	int stopped;
	int closing;
	void (*done)(void *);
	void *done_arg;
	/* Every lookup failing at once is the resolver, not the feeds: */
	unsigned dns_down;          /* slots whose last poll failed DNS */
	unsigned n_held;            /* slots with a failure line held */
	int64_t resolver_logged_ms; /* when we last said so; 0: not since */
};

/* ms +- 10%, so that feeds with one interval drift apart. */
uint64_t sched_jitter(uint64_t ms);

/* The delay before sl's next poll after outcome o (jittered; backoff,
 * Retry-After and the feed's ttl hint within max-backoff). */
uint64_t sched_delay_after(const struct slot *sl,
    const struct fetch_outcome *o);

/* Log o for sl once (first appearance, a change of class, hourly), and
 * notice when every lookup fails: the resolver, said once. */
void sched_log_outcome(struct slot *sl, const struct fetch_outcome *o);

/* Every feed's last lookup failed (two or more feeds). */
int sched_resolver_down(const struct sched *s);

/* Say so, once an hour at most. */
void sched_log_resolver(struct sched *s);

/* At the end of one cycle: the resolver line if every lookup failed, else
 * the failure lines held back meanwhile. */
void sched_flush_held(struct sched *s);

/* Halve sl's interval after a document whose every item was new (items
 * may have been missed); 1 when it did. */
int sched_adapt_interval(struct slot *sl, const struct fetch_outcome *o);

#endif /* UKEUWATCH_FEEDS_SCHED_IMPL_H */
