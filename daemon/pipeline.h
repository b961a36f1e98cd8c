/*
 * pipeline -- one fetched document, from parsed items to committed alerts.
 *
 * While a transfer runs, fetch copies each parsed item into the
 * document's batch (feeds/batch.h).  When it completes, fetch calls its
 * commit callback, which app.c wires here: pipeline_commit runs the rest
 * of the flow in one store transaction: dedup
 * (store_doc_item), match (one pass over all profiles), alerts, one outbox
 * row per target that wants each alert, the feed's new validators and
 * outcome.  A crash before the commit leaves nothing; after it everything.
 * Only then are the alerts handed on (alert log, stdout, outbox kick), so
 * nothing is announced that is not durable.
 *
 * The transaction is not held open during the transfer: a slow feed must
 * not block the other feeds' commits or the outbox, all of which share the
 * one connection.
 */
#ifndef UKEUWATCH_DAEMON_PIPELINE_H
#define UKEUWATCH_DAEMON_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"

struct alert;
struct fetch_commit_result;
struct item_batch;
struct config;
struct alert_msg;
struct item;
struct matcher;
struct store;
struct store_poll;

struct pipeline; /* opaque */

struct pipeline_deps {
	struct store *store;         /* borrowed */
	struct matcher *matcher;     /* borrowed */
	const struct config *config; /* borrowed; replaced on reload */
	/* Each committed item's new alerts as one message, borrowed for the
	 * call (alert log, stdout); n_targets: the targets it was queued
	 * for. */
	void (
	    *on_alert)(void *arg, const struct alert_msg *m, size_t n_targets);
	/* After a commit that queued deliveries. */
	void (*on_queued)(void *arg);
	void *arg;
};

/* deps is copied; what it points to is borrowed. */
int pipeline_new(struct pipeline **out, const struct pipeline_deps *deps,
    struct errbuf *eb) MUST_CHECK;
void pipeline_free(struct pipeline *pl);

/* After a reload: the new config and matcher (borrowed). */
void pipeline_set(struct pipeline *pl, const struct config *config,
    struct matcher *matcher);

/*
 * Commit d (borrowed) with the poll outcome p (borrowed;
 * p->next_poll_ms as planned by the scheduler), deliver the result in *res
 * and hand each item's new alerts to on_alert, once the commit is made.  send:
 * 0 records alerts without queueing deliveries (`poll --no-send`).  On failure
 * nothing was written.
 */
int pipeline_commit(struct pipeline *pl, const struct item_batch *d,
    const struct store_poll *p, int send, struct fetch_commit_result *res,
    struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_DAEMON_PIPELINE_H */
