/*
 * store_outbox -- the deliveries queued for each target: inserted in a
 * document's commit, claimed with a lease by the outbox, closed as
 * delivered, retried or dead.
 */
#ifndef UKEUWATCH_STORE_STORE_OUTBOX_H
#define UKEUWATCH_STORE_STORE_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"
#include "store/store.h"

/*
 * Queue one message for target (a config target name, < STORE_TARGET_MAX
 * bytes), due at now_ms: the alerts ids[0..n-1] (n >= 1) of one item, the
 * lead ids[0] first (its id is the message id).  Alerts that some message
 * to this target already carries are left out, so no alert reaches a
 * target twice; the lead is then the first one left.  Returns 1 if queued,
 * 0 if every alert was already queued for that target, or a negative
 * errno.
 */
int store_outbox_insert(struct store *st, const char *const *ids, size_t n,
    const char *target, int64_t now_ms, struct errbuf *eb) MUST_CHECK;

/*
 * The alerts delivery id carries, lead first: cb(arg, alert_id) per alert
 * (the id is borrowed for the call); a negative return from cb stops the
 * walk and is returned.  0, or a negative errno.
 */
int store_outbox_alerts(struct store *st, int64_t id,
    int (*cb)(void *arg, const char *alert_id), void *arg) MUST_CHECK;

/* A claimed delivery.  Plain data: copy it by value. */
struct store_outbox_row {
	int64_t id;
	char alert_id[STORE_ALERT_ID_SIZE];
	char target_id[STORE_TARGET_MAX]; /* the target's name */
	unsigned attempts;  /* earlier claims, not counting this one */
	int64_t created_ms; /* when it was queued */
};

/*
 * Claim the earliest due row (queued or retrying, next attempt <= now_ms):
 * its next attempt moves to now_ms + lease_ms and its attempts count grows,
 * so it is not claimed again while in flight, and comes due again by itself
 * if the sender dies.  Returns 1 with *row filled, 0 if nothing is due, or
 * a negative errno.
 */
int store_outbox_claim(struct store *st, int64_t now_ms, int64_t lease_ms,
    struct store_outbox_row *row) MUST_CHECK;

/*
 * The same, skipping the targets named in busy_json (borrowed), a JSON
 * array of strings, or NULL for none: targets with as many deliveries in
 * flight as they allow.
 */
int store_outbox_claim_except(struct store *st, int64_t now_ms,
    int64_t lease_ms, const char *busy_json,
    struct store_outbox_row *row) MUST_CHECK;

/*
 * Outcomes of a claimed row.  A delivered or dead row never changes again
 * (a late outcome for it is ignored).  error is borrowed.  Return 0 or a
 * negative errno.
 */
int store_outbox_delivered(struct store *st, int64_t id, int64_t now_ms,
    int http_status) MUST_CHECK;
int store_outbox_retry(struct store *st, int64_t id, int64_t at_ms,
    int http_status, const char *error) MUST_CHECK;
int store_outbox_dead(struct store *st, int64_t id, int64_t now_ms,
    int http_status, const char *error) MUST_CHECK;

/*
 * Hand a claimed row back unsent, due again at at_ms: the claim does not
 * count as an attempt.  For a target that asked us to wait (a rate limit):
 * the row waits in the store, not in memory past its lease.
 */
int store_outbox_defer(struct store *st, int64_t id, int64_t at_ms) MUST_CHECK;

/* Earliest next attempt of a pending row: 1 with *due_ms, 0 if none. */
int store_outbox_next_due(struct store *st, int64_t *due_ms) MUST_CHECK;

/* The same, skipping the targets named in busy_json (as for the claim). */
int store_outbox_next_due_except(struct store *st, const char *busy_json,
    int64_t *due_ms) MUST_CHECK;

/*
 * Move every pending row due after latest_ms to latest_ms: no delay the
 * outbox sets is longer than retry-max, so a later one was computed on a
 * clock that has since jumped back.  Returns how many rows moved, or a
 * negative errno.
 */
int64_t store_outbox_clamp(struct store *st, int64_t latest_ms) MUST_CHECK;

#endif /* UKEUWATCH_STORE_STORE_OUTBOX_H */
