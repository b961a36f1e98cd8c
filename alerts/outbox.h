/*
 * outbox -- deliver queued messages (the alerts of one item for one
 * target; see store_outbox_insert), with retries.
 *
 * The pipeline writes outbox rows in the same transaction as their alert;
 * this module only decides when each row is sent and records what happened.
 * The store is the queue, so a crash at any moment leaves every row either
 * delivered or due again.  A row is claimed with a lease: while its
 * delivery is in flight it is not due, and if the process dies it comes due
 * again by itself, with the same webhook-id, so a receiver that saw it can
 * drop the duplicate.
 */
#ifndef UKEUWATCH_ALERTS_OUTBOX_H
#define UKEUWATCH_ALERTS_OUTBOX_H

#include <stdint.h>

#include <uv.h>

#include "lib/errbuf.h"

struct alertlog;
struct config;
struct store;
struct xfer;

struct outbox; /* opaque */

struct outbox_opts {
	uint64_t retry_min_ms;      /* first retry delay */
	uint64_t retry_max_ms;      /* cap on the backoff */
	uint64_t lease_ms;          /* margin: a claimed row stays not due
	                               for the longest its delivery can take
	                               (digest period, pacing, the target's
	                               timeout) plus this; 0: 10 s.  It is
	                               also how long rows held by a process
	                               that died wait after a restart */
	unsigned int max_in_flight; /* deliveries at once, all targets */
	int drain;                  /* `poll`: send what is due once, then
	                               report idle instead of waiting */
	void (*on_idle)(void *arg); /* drain mode: nothing due, nothing in
	                               flight */
	void *arg;
};

/*
 * loop, xfer, store, config and log are borrowed and must outlive the
 * outbox (config until outbox_set_config).  log may be NULL.
 */
int outbox_new(struct outbox **out, uv_loop_t *loop, struct xfer *xfer,
    struct store *store, const struct config *config, struct alertlog *log,
    const struct outbox_opts *opts, struct errbuf *eb) MUST_CHECK;

/* Rows were committed: look for due work on the next loop iteration. */
void outbox_kick(struct outbox *ob);

/* After a reload; deliveries in flight own copies of what they need. */
void outbox_set_config(struct outbox *ob, const struct config *config);

/* Claim nothing more; deliveries in flight go on. */
void outbox_stop(struct outbox *ob);

unsigned outbox_in_flight(const struct outbox *ob);

/* Close the timer once nothing is in flight, free ob, then done(arg). */
void outbox_close(struct outbox *ob, void (*done)(void *), void *arg);

#endif /* UKEUWATCH_ALERTS_OUTBOX_H */
