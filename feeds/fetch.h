/*
 * fetch -- one poll of one feed: a conditional GET whose body streams into
 * the parser, and an outcome classified so a person knows what to do.
 *
 * A fetch copies what it needs from the feed's config (a reload may free
 * it mid-transfer), reads the feed's validators and moved-to URL from the
 * store, and starts an xfer request with If-None-Match/If-Modified-Since.
 * Body bytes go straight into feed_parse_push; parsed items into the
 * document's batch (feeds/batch.h).  When the transfer ends it asks plan() for
 * the next poll time, records everything in one transaction (the commit
 * callback, or store_feed_update for a poll that produced no document) and
 * reports done().
 */
#ifndef UKEUWATCH_FEEDS_FETCH_H
#define UKEUWATCH_FEEDS_FETCH_H

#include <stdint.h>

#include "lib/errbuf.h"

struct daemon_conf;
struct feed_conf;
struct item_batch;
struct store_poll;
struct store;
struct xfer;

struct fetch; /* opaque: one poll in flight */

/*
 * Why a poll failed, for people: each has a name (stored with the feed,
 * shown by `status`) and a piece of advice (fetch.c's table).
 */
enum fetch_error {
	FETCH_E_NONE = 0,   /* the poll did not fail */
	FETCH_E_DNS,        /* the host name did not resolve */
	FETCH_E_CONNECT,    /* refused, unreachable */
	FETCH_E_TLS,        /* certificate or handshake */
	FETCH_E_TIMEOUT,    /* connect or transfer limit */
	FETCH_E_HTTP,       /* an HTTP error status */
	FETCH_E_CDN,        /* a CDN's bot wall instead of the feed */
	FETCH_E_NOT_A_FEED, /* a document, but not a feed */
	FETCH_E_XML,        /* an XML feed the parser cannot read */
	FETCH_E_JSON,       /* a JSON Feed the parser cannot read */
	FETCH_E_TOO_LARGE,  /* over max-body or a parser cap */
	FETCH_E_STORE,      /* read, but the state file refused it */
	FETCH_E_OTHER,      /* anything else (connection lost mid-body) */
	FETCH_E_CANCELLED,  /* stopped at shutdown: not the feed's fault */
};

/* "dns", "connect", ... ("" for FETCH_E_NONE), and what to do about it. */
const char *fetch_error_name(enum fetch_error e);
const char *fetch_error_advice(enum fetch_error e);

enum fetch_status {
	FETCH_OK,        /* a document was read and committed */
	FETCH_UNCHANGED, /* 304 Not Modified */
	FETCH_FAILED,    /* see error_class and error */
	FETCH_GONE,      /* 410 Gone: stop polling */
};

struct fetch_outcome {
	const char *feed; /* borrowed */
	enum fetch_status status;
	long http_status;             /* 0: none */
	enum fetch_error error_class; /* FETCH_E_NONE unless it failed */
	const char *error;       /* what happened and what to do, or NULL */
	uint64_t retry_after_ms; /* from Retry-After on 429/503 */
	uint64_t bytes;
	uint64_t duration_ms;
	unsigned items, new_items, alerts, queued;
	int64_t ttl_s; /* the feed's <ttl> / sy:*; 0: none */
	int first_poll;
	int all_new; /* every item new: items may have been missed */
	int guid_rewrite;
	unsigned error_streak; /* before this poll */
};

struct fetch_cbs {
	/* When to poll next (ms since the epoch), given the outcome. */
	int64_t (*plan)(void *arg, const struct fetch_outcome *o);
	/* After the outcome is recorded; o is borrowed for the call. */
	void (*done)(void *arg, const struct fetch_outcome *o);
};

/* What recording one document produced. */
struct fetch_commit_result {
	unsigned items, new_items, alerts, queued;
	int first_poll;
	int guid_rewrite;
	int all_new; /* not a first poll, yet every item was new */
};

struct fetch_env {
	struct xfer *xfer;               /* borrowed */
	struct store *store;             /* borrowed */
	const struct daemon_conf *dconf; /* borrowed for fetch_start */
	int send;                        /* 0: poll --no-send */
	/*
	 * Record a document that was read: its items (borrowed for the call)
	 * and the poll p, in one transaction, filling *res; send as above.
	 * 0, or < 0 with eb set and nothing written.  The daemon wires it to
	 * the pipeline, which dedups, matches and queues alerts: fetch knows
	 * none of that.
	 */
	int (*commit)(void *arg, const struct item_batch *b,
	    const struct store_poll *p, int send,
	    struct fetch_commit_result *res, struct errbuf *eb);
	void *commit_arg; /* borrowed */
};

/*
 * Start polling fc.  env and fc are read during the call only; cbs is
 * copied and arg borrowed until done() runs, which it does exactly once if
 * this returns 0.  *out (may be NULL) lets the caller cancel.
 */
int fetch_start(const struct fetch_env *env, const struct feed_conf *fc,
    const struct fetch_cbs *cbs, void *arg, struct fetch **out,
    struct errbuf *eb) MUST_CHECK;

/* Abort the transfer; done() still runs, with the feed marked failed. */
void fetch_cancel(struct fetch *f);

#endif /* UKEUWATCH_FEEDS_FETCH_H */
