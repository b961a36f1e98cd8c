/*
 * sched -- when each feed is polled.
 *
 * One uv_timer per feed.  A feed is never polled twice at once; a global
 * cap (max-connections) and a per-host cap (max-host-connections) hold
 * due feeds in a queue, so a large feed list cannot open thousands of
 * transfers that would then time out waiting for a connection.  Intervals
 * get +-10% jitter; failures back off exponentially (capped by
 * max-backoff, floored by Retry-After); 410 Gone stops a feed; a document
 * that is all new shortens that feed's interval (down to min-interval),
 * since its window is shorter than our interval; RSS ttl / sy:* raise it
 * when honour-ttl is on.
 *
 * In one-cycle mode (`ukeuwatch poll`) each feed is polled once, at once
 * (within the caps), and cycle_done runs when the last one finishes.
 */
#ifndef UKEUWATCH_FEEDS_SCHED_H
#define UKEUWATCH_FEEDS_SCHED_H

#include <uv.h>

#include "feeds/fetch.h"
#include "lib/errbuf.h"

struct config;
struct sched; /* opaque */

struct sched_opts {
	int one_cycle;
	/* Every finished poll, borrowed for the call (may be NULL). */
	void (*on_outcome)(void *arg, const struct fetch_outcome *o);
	/* One-cycle mode: every feed has been polled. */
	void (*cycle_done)(void *arg);
	void *arg;
};

/*
 * loop, env's pointees and config are borrowed and must outlive the
 * scheduler (config until the next sched_set_config).  Feeds start at
 * their stored next poll time, spread with jitter.
 */
int sched_new(struct sched **out, uv_loop_t *loop, const struct fetch_env *env,
    const struct config *config, const struct sched_opts *opts,
    struct errbuf *eb) MUST_CHECK;

/*
 * A reloaded config: new feeds start, removed ones stop (a poll in flight
 * is cancelled), changed ones apply from their next poll.
 */
int sched_set_config(struct sched *s, const struct fetch_env *env,
    const struct config *config, struct errbuf *eb) MUST_CHECK;

/* Start no more polls; those in flight go on. */
void sched_stop(struct sched *s);

/* Cancel the polls in flight (their outcomes are not recorded). */
void sched_cancel(struct sched *s);

unsigned sched_in_flight(const struct sched *s);

/* Feeds whose last poll succeeded, and those failing. */
void sched_health(const struct sched *s, unsigned *ok, unsigned *failing);

/* Close every timer, free s, then done(arg).  Nothing may be in flight. */
void sched_close(struct sched *s, void (*done)(void *), void *arg);

#endif /* UKEUWATCH_FEEDS_SCHED_H */
