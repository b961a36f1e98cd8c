/*
 * app_impl.h -- private to daemon/app*.c: the app's state, shared by the
 * start and reload code (app.c) and the stop sequence (app_stop.c).
 */
#ifndef UKEUWATCH_DAEMON_APP_IMPL_H
#define UKEUWATCH_DAEMON_APP_IMPL_H

#include <stdint.h>

#include <uv.h>

#include "daemon/app.h"

struct alertlog;
struct httpd;
struct matcher;
struct notify;
struct outbox;
struct pipeline;
struct profiles;
struct sched;
struct store;
struct xfer;

struct app {
	uv_loop_t loop;            /* owned */
	struct app_opts opts;      /* copied; pointers borrowed */
	struct config *config;     /* owned; replaced on reload */
	struct store *store;       /* owned */
	struct profiles *profiles; /* owned; replaced on reload */
	struct matcher *matcher;   /* owned; replaced on reload */
	struct xfer *xfer;         /* owned: feed fetches */
	struct xfer *dxfer;        /* owned: deliveries, with no per-host
	                              cap of their own (the outbox limits
	                              each target) */
	struct alertlog *alertlog; /* owned */
	struct pipeline *pipeline; /* owned */
	struct outbox *outbox;     /* owned */
	struct sched *sched;       /* owned */
	struct notify *notify;     /* owned */
	struct httpd *web;         /* owned, or NULL: off */
	uv_signal_t sig_hup, sig_usr1, sig_term, sig_int; /* owned */
	uv_timer_t housekeeping;                          /* owned */
	uv_timer_t deadline; /* owned: shutdown deadline */
	int64_t last_prune_ms;
	unsigned polled_ok, polled_failed;
	unsigned alerts_total;
	int stopping;
	int cycle_over;
	int store_failing; /* the last poll could not be recorded */
	int handles_open;  /* signals and timers not yet closed */
	int rc;
};

/* SIGTERM/SIGINT, or the end of a `poll` cycle: begin the stop sequence. */
void app_stop(struct app *a);

/* Close the signal handles and timers (app_free after a failed start). */
void app_close_handles(struct app *a);

/* Once stopping, close for good when nothing is in flight any more. */
void app_maybe_finish_stop(struct app *a);

/* Shared by app.c (start) and app_reload.c (SIGHUP, SIGUSR1). */
int app_load_matcher(const char *dir, struct profiles **ps, struct matcher **m,
    struct errbuf *eb);
void app_status_line(struct app *a, char *out, size_t len);
struct fetch_env app_fetch_env(struct app *a);
void app_metrics_labels(const struct config *c, const struct profiles *ps);
void app_reopen_logs(struct app *a);
void app_reload(struct app *a);

#endif /* UKEUWATCH_DAEMON_APP_IMPL_H */
