/*
 * store_doc -- one fetched document as one transaction: per item,
 * new / seen / edited / GUID churn / first-poll backlog, then the feed's
 * poll record and COMMIT (see store.h for the whole sequence).
 */
#ifndef UKEUWATCH_STORE_STORE_DOC_H
#define UKEUWATCH_STORE_STORE_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"
#include "store/store.h"
#include "store/store_feeds.h"

/* On a first poll, an item dated more than this after the fetch is backlog,
 * as an undated one is: its date cannot be trusted. */
#define STORE_FUTURE_SKEW_MS (3600 * 1000LL)

struct store_doc_opts {
	int64_t now_ms;        /* the fetch time: first/last seen, fetched */
	int64_t backlog_ms;    /* first poll: older items do not alert */
	int realert_on_update; /* an edited item alerts again */
};

enum store_item_state {
	STORE_ITEM_NEW,     /* key never seen for this feed: alerts */
	STORE_ITEM_SEEN,    /* key seen, content unchanged */
	STORE_ITEM_EDITED,  /* key seen, content hash changed */
	STORE_ITEM_CHURN,   /* new key, but the same normalised link and title
	                       as a stored item: a GUID change, not new */
	STORE_ITEM_BACKLOG, /* first poll, older than backlog, undated or
	                       dated over an hour ahead: recorded as seen
	                       without alerting */
};

struct store_verdict {
	enum store_item_state state;
	int alert;       /* 1: match this item and alert on it */
	int64_t item_id; /* its row, for store_alert_insert */
};

/*
 * Begin the transaction for one document of feed name (created if absent).
 * The feed is on its first poll when it holds no items.  opts is copied.
 * On success *out is owned by the caller until store_doc_commit or
 * store_doc_abort, which free it.  One document at a time per store.
 */
int store_doc_begin(struct store *st, const char *name,
    const struct store_doc_opts *opts, struct store_doc **out,
    struct errbuf *eb) MUST_CHECK;

/*
 * Decide what it is and record it (insert, edit, or refresh last seen).
 * it is borrowed for the call.  A key repeated within the document is SEEN
 * the second time.  The item's summary (its content when it has none) is
 * kept, cut to STORE_ITEM_SUMMARY_MAX bytes, for `profile replay`.
 */
int store_doc_item(struct store_doc *d, const struct item *it,
    struct store_verdict *v, struct errbuf *eb) MUST_CHECK;

/* What a document did; filled by store_doc_commit. */
struct store_doc_summary {
	unsigned items, new_items, seen, edited, churned, backlog;
	int first_poll;   /* the feed had no history */
	int guid_rewrite; /* most items churned: one event was recorded */
};

/*
 * If most of the document's items were GUID churn, record one rewrite
 * event (shown by `status`; logged once here at notice).  Then update the
 * feed row with p (items and new_items come from the document) and commit.
 * d is freed whatever the result; on failure everything is rolled back.
 * sum may be NULL.
 */
int store_doc_commit(struct store_doc *d, const struct store_poll *p,
    struct store_doc_summary *sum, struct errbuf *eb) MUST_CHECK;

/* Roll back everything since store_doc_begin and free d.  NULL is ok. */
void store_doc_abort(struct store_doc *d);

/* "new", "seen", ... for logs and views. */
const char *store_item_state_name(enum store_item_state s);

#endif /* UKEUWATCH_STORE_STORE_DOC_H */
