/*
 * alertlog -- the alert log: JSON Lines for reviewers, one line per alert
 * and one per delivery outcome.
 *
 * Product output, not a log level.  Lines are buffered and
 * written with one append per batch (alertlog_flush), so a line is never
 * interleaved or half-written by us.  The file is opened O_APPEND, created
 * with mode 0640 (the unit's UMask narrows it further), and reopened on
 * demand so logrotate can move it away and SIGHUP makes us start a new
 * one (never copytruncate).  Writes are small appends to a local file and
 * are done synchronously on the loop thread.
 *
 *   {"type":"alert.matched","timestamp":"…","data":{<alert>}}  (the payload)
 *   {"type":"delivery","at":"…","alert_id":"…","target":"…",
 *    "outcome":"delivered|retry|rejected|dead","status":204,"attempt":1,
 *    "detail":"HTTP 204","latency_ms":{"since_published":…,"since_matched":…}}
 */
#ifndef UKEUWATCH_ALERTS_ALERTLOG_H
#define UKEUWATCH_ALERTS_ALERTLOG_H

#include <stdint.h>

#include "lib/errbuf.h"

struct alert_msg;
struct alertlog; /* opaque */

/* Lines held before an automatic flush, in bytes. */
#define ALERTLOG_BUFFER_MAX (1u << 20)

/* One delivery outcome; every pointer is borrowed for the call. */
struct alertlog_delivery {
	const char *alert_id;
	const char *target;
	const char *outcome;  /* "delivered", "retry", "rejected", "dead" */
	long status;          /* HTTP status or SMTP reply; 0 if none */
	unsigned int attempt; /* 1 for the first */
	const char *detail;   /* "HTTP 503", "timed out after 30 s", or NULL */
	int64_t at_ms;        /* when the outcome was known */
	int64_t published_ms; /* the alert's, or ALERT_TIME_NONE */
	int64_t matched_ms;   /* the alert's, or ALERT_TIME_NONE */
};

/*
 * Open (creating if needed) the log at path, whose directory must exist.
 * path is copied.  Returns 0, or a negative errno with eb naming the path
 * and, when the directory is missing, saying so.
 */
int alertlog_new(struct alertlog **out, const char *path,
    struct errbuf *eb) MUST_CHECK;

/* Flush what is buffered (errors are dropped: call flush first), close. */
void alertlog_free(struct alertlog *l);

/*
 * Buffer one line for the message m (an item's alerts): the event a
 * generic webhook receives, alert_msg_event.  at_ms is not written: the
 * event's timestamp is the detected-at.  0, -ENOMEM; or an error from the
 * automatic flush when the buffer is full.
 */
int alertlog_alert(struct alertlog *l, const struct alert_msg *m,
    int64_t at_ms) MUST_CHECK;

/* Buffer one delivery line.  Same returns as alertlog_alert. */
int alertlog_delivery(struct alertlog *l,
    const struct alertlog_delivery *d) MUST_CHECK;

/*
 * Write every buffered line with one append (repeated on short writes).
 * On failure the lines stay buffered for the next flush (up to the buffer
 * cap) and eb says why.
 */
int alertlog_flush(struct alertlog *l, struct errbuf *eb) MUST_CHECK;

/*
 * Flush, then open the path again and switch to the new file (after
 * logrotate moved the old one).  When the open fails the old file stays
 * in use and eb says why.
 */
int alertlog_reopen(struct alertlog *l, struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_ALERTS_ALERTLOG_H */
