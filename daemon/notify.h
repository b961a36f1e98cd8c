/*
 * notify -- the service manager protocol (sd_notify): READY, RELOADING,
 * STOPPING, STATUS and the watchdog.
 *
 * Without NOTIFY_SOCKET every call does nothing, so the same daemon runs in
 * a terminal.  When the manager set WatchdogSec=, a timer on the loop sends
 * WATCHDOG=1 at half the interval; it runs only while the loop turns, which
 * is the point: a stuck loop stops the pings and systemd restarts us.
 */
#ifndef UKEUWATCH_DAEMON_NOTIFY_H
#define UKEUWATCH_DAEMON_NOTIFY_H

#include <uv.h>

#include "lib/errbuf.h"

struct notify; /* opaque */

/* loop is borrowed and must outlive it.  0 or a negative errno. */
int notify_new(struct notify **out, uv_loop_t *loop,
    struct errbuf *eb) MUST_CHECK;

/* READY=1 with STATUS=status. */
void notify_ready(struct notify *n, const char *status);

/* RELOADING=1 with MONOTONIC_USEC (required by systemd 253+). */
void notify_reloading(struct notify *n);

void notify_stopping(struct notify *n);

void notify_status(struct notify *n, const char *status);

/* Close the watchdog timer, free n, then call done(arg). */
void notify_close(struct notify *n, void (*done)(void *), void *arg);

#endif /* UKEUWATCH_DAEMON_NOTIFY_H */
