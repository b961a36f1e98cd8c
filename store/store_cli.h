/*
 * store_cli -- the command line's two writes, made alongside a running
 * daemon through a short-lived writable connection of their own:
 * `alerts --retry` and `alerts --mark`.
 */
#ifndef UKEUWATCH_STORE_STORE_CLI_H
#define UKEUWATCH_STORE_STORE_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"
#include "store/store_alerts.h"
#include "store/store_health.h"
#include "store/store_read.h"

/*
 * `alerts --retry`: queue every dead delivery (and, with
 * flt->stranded_after_ms, every stranded one) of the alerts flt selects
 * (flt->failed, delivered, review and paging are ignored; flt->target
 * limits it to one target, flt->id to one alert) again, due
 * at now_ms, with no attempts and a fresh give-up clock.  Opens path for
 * writing alongside a running daemon.  cb (may be NULL) sees each row
 * queued.  Returns how many, or a negative
 * errno.
 */
int64_t store_requeue_dead(const char *path,
    const struct store_alert_filter *flt, int64_t now_ms,
    void (*cb)(void *arg, const char *alert_id, const char *target), void *arg,
    struct errbuf *eb) MUST_CHECK;

/*
 * `alerts --mark`: record verdict (and note, may be NULL) on each alert
 * whose id starts with one of the n prefixes, replacing an earlier
 * verdict; cb (may be NULL) sees each alert's whole id once its verdict is
 * committed.  Opens path for writing alongside a running daemon, once.
 * Returns 0 or the first error, after which no later prefix is tried:
 * -EINVAL (not an id), -ENOENT (no such alert), -EEXIST (prefix ambiguous)
 * or another negative errno.
 */
int store_review_mark(const char *path, char *const *prefixes, size_t n,
    enum store_review verdict, const char *note, int64_t now_ms,
    void (*cb)(void *arg, const char *id), void *arg,
    struct errbuf *eb) MUST_CHECK;

/*
 * `profile replay`: keep its summary as the profile's last replay (one row
 * per profile, replacing the one before) for the review pages.  Opens path
 * for writing alongside a running daemon, once.  0 or a negative errno
 * (the caller may go on: the replay itself has been printed).
 */
int store_replay_record(const char *path, const struct store_replay *rp,
    struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_STORE_STORE_CLI_H */
