/*
 * store_feeds -- the feed rows: validators, poll outcomes, error streaks,
 * next poll.  A poll that produced no document is recorded here alone; a
 * document's poll is recorded by its commit (store_doc.h).
 */
#ifndef UKEUWATCH_STORE_STORE_FEEDS_H
#define UKEUWATCH_STORE_STORE_FEEDS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"
#include "store/store.h"

/* A feed row.  A record: owns its strings (store_feed_init/clear). */
struct store_feed {
	char *name;           /* owned */
	char *url;            /* owned, or NULL before store_feed_ensure */
	char *etag;           /* owned: exactly as received, or NULL */
	char *last_modified;  /* owned: exactly as received, or NULL */
	int64_t last_poll_ms; /* 0: never polled */
	int64_t last_ok_ms;   /* last poll without an error; 0: never */
	int http_status;      /* of the last poll; 0: none */
	char *error_class;    /* owned: of the last poll, or NULL if it
	                         succeeded */
	char *error;          /* owned: its message, or NULL */
	int64_t bytes;        /* body bytes of the last poll */
	int64_t duration_ms;
	unsigned items;           /* items in the last document */
	unsigned new_items;       /* of which new */
	unsigned error_streak;    /* consecutive failed polls */
	unsigned redirect_streak; /* consecutive permanent redirects to
	                             redirect_url */
	char *redirect_url;       /* owned, or NULL */
	int64_t next_poll_ms;     /* 0: not set */
	int64_t items_stored;     /* item rows held (status only) */
	int64_t items_24h; /* new items first seen in the 24 hours up to the
	                      last poll (status only) */
	unsigned rewrites; /* GUID-rewrite events recorded */
	int64_t last_rewrite_ms; /* 0: none */
	int64_t ttl_s; /* the last document's ttl / sy:* hint (s); 0: none */
	/* The feed's rhythm (store_read_feeds only, else 0): when a poll
	 * last brought new items, and the median gap between such polls over
	 * the 30 days up to that one (0 with fewer than 5 of them). */
	int64_t last_new_ms;
	int64_t usual_gap_ms;
};

void store_feed_init(struct store_feed *f);
void store_feed_clear(struct store_feed *f);

/*
 * Make sure feed name exists and has this url.  Call for every configured
 * feed at start and reload.  A changed URL keeps the feed's items and
 * alerts, but forgets what belonged to the old URL: its validators (ETag,
 * Last-Modified), redirect streak and target, last HTTP status and error,
 * error streak and next poll, so that the new URL is fetched at once and
 * unconditionally, and a 410 from the old one does not stop it.
 */
int store_feed_ensure(struct store *st, const char *name, const char *url,
    struct errbuf *eb) MUST_CHECK;

/*
 * Fill *out (initialised or cleared by the caller before; the caller clears
 * it after) with feed name's row: validators, streaks, next poll.  Returns 0,
 * -ENOENT if the feed has no row, or another negative errno.
 */
int store_feed_get(struct store *st, const char *name, struct store_feed *out,
    struct errbuf *eb) MUST_CHECK;

/*
 * The same without the counts that only `status` shows (items_stored,
 * items_24h, rewrites, last_rewrite_ms are 0): what the poller reads
 * before every poll, kept cheap.
 */
int store_feed_poll_state(struct store *st, const char *name,
    struct store_feed *out, struct errbuf *eb) MUST_CHECK;

/* The outcome of one poll.  All pointers are borrowed for the call. */
struct store_poll {
	int64_t at_ms;           /* when the poll started */
	int http_status;         /* 0: no HTTP response */
	const char *error_class; /* NULL: the poll succeeded; else a short
	                            class such as "timeout", "http", "parse" */
	const char *error;       /* message for error_class, or NULL */
	int64_t bytes;
	int64_t duration_ms;
	unsigned items;     /* ignored by store_doc_commit, which */
	unsigned new_items; /* counts the document's items itself */
	int set_validators; /* 1: store etag and last_modified as given
	                       (NULL clears); 0: keep the stored ones */
	const char *etag;
	const char *last_modified;
	const char *redirect_url; /* target of a permanent redirect, or NULL */
	int64_t next_poll_ms;
	int64_t ttl_s; /* with set_validators: the document's ttl hint (s) */
};

/*
 * Record a poll's outcome on feed name (created if absent): a success
 * resets the error streak, a failure (error_class set) increments it; a
 * permanent redirect to the same URL as last time increments the redirect
 * streak, to another URL restarts it at 1, none resets it.  Use this alone
 * for a poll that produced no document; inside a doc, store_doc_commit calls
 * it.  Autocommits unless a transaction is open.
 */
int store_feed_update(struct store *st, const char *name,
    const struct store_poll *p, struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_STORE_STORE_FEEDS_H */
