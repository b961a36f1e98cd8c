/*
 * hostq -- due feeds waiting for a connection, queued per host.
 *
 * The scheduler caps transfers per host (politeness) and in all.  With one
 * FIFO for every feed, a host at its cap blocks the scan of everything
 * queued behind it, and a cycle over many feeds of one host costs O(n^2)
 * or worse.  Here each host has its own FIFO and an in-flight count, and
 * hosts with work they may start sit in a ready ring, so taking the next
 * entry is O(1) and hosts take turns.
 *
 * Entries are embedded in the caller's records (intrusive): the queue owns
 * no entry, only its host records.
 */
#ifndef UKEUWATCH_FEEDS_HOSTQ_H
#define UKEUWATCH_FEEDS_HOSTQ_H

#include "lib/errbuf.h"

struct hostq;      /* opaque */
struct hostq_host; /* opaque: one host's queue and count */

struct hostq_entry {
	struct hostq_host *host;   /* borrowed from the hostq, or NULL */
	struct hostq_entry *next;  /* in the host's FIFO */
	struct hostq_host *ran_on; /* where it is counted while running */
	int queued;
	int running; /* counted in its host's in-flight */
};

/* cap: transfers per host at most (0: no cap).  0 or -ENOMEM. */
int hostq_new(struct hostq **out, unsigned cap) MUST_CHECK;
void hostq_free(struct hostq *q);
void hostq_set_cap(struct hostq *q, unsigned cap);

/*
 * Attach e (zeroed, or not queued) to host name (copied).  An entry moving
 * to another host leaves its old queue; a running one stays counted where
 * it started until hostq_done.  0 or -ENOMEM.
 */
int hostq_bind(struct hostq *q, struct hostq_entry *e,
    const char *host) MUST_CHECK;

/* Queue e at the end of its host's FIFO (nothing if queued or running). */
void hostq_push(struct hostq *q, struct hostq_entry *e);

/* Take e out of its queue, if it is in one. */
void hostq_remove(struct hostq *q, struct hostq_entry *e);

/*
 * The next entry that may start, hosts taking turns; it is counted as
 * running on its host.  NULL when every queued entry's host is at its cap.
 */
struct hostq_entry *hostq_pop(struct hostq *q);

/* e has finished: its host may start another. */
void hostq_done(struct hostq *q, struct hostq_entry *e);

/* Forget every queued entry (running ones stay counted). */
void hostq_clear(struct hostq *q);

#endif /* UKEUWATCH_FEEDS_HOSTQ_H */
