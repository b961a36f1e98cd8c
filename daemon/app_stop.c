/*
 * app_stop.c -- the stop sequence: stop new work, give work in flight
 * shutdown-timeout, then close every module that holds libuv handles in
 * reverse start order, each in the previous one's done-callback, until the
 * loop is empty.
 */
#include <stdlib.h>
#include <string.h>

#include <uv.h>

#include "alerts/alertlog.h"
#include "alerts/outbox.h"
#include "daemon/app.h"
#include "daemon/app_impl.h"
#include "daemon/config.h"
#include "daemon/notify.h"
#include "daemon/pipeline.h"
#include "feeds/sched.h"
#include "lib/log.h"
#include "lib/xfer.h"
#include "match/match.h"
#include "match/profile.h"
#include "store/store.h"
#include "web/httpd.h"

static void
on_handle_closed(uv_handle_t *h)
{
	struct app *a = h->data;

	a->handles_open--;
}

void
app_close_handles(struct app *a)
{
	uv_handle_t *hs[] = { (uv_handle_t *)&a->sig_hup,
		(uv_handle_t *)&a->sig_usr1, (uv_handle_t *)&a->sig_term,
		(uv_handle_t *)&a->sig_int, (uv_handle_t *)&a->housekeeping,
		(uv_handle_t *)&a->deadline };

	for (size_t i = 0; i < sizeof(hs) / sizeof(hs[0]); i++)
		if (hs[i]->loop != NULL && !uv_is_closing(hs[i]))
			uv_close(hs[i], on_handle_closed);
}

static void
on_notify_closed(void *arg)
{
	struct app *a = arg;

	a->notify = NULL;
	app_close_handles(a);
}

static void
on_web_closed(void *arg)
{
	struct app *a = arg;

	a->web = NULL;
	notify_close(a->notify, on_notify_closed, a);
}

static void
on_outbox_closed(void *arg)
{
	struct app *a = arg;

	a->outbox = NULL;
	httpd_close(a->web, on_web_closed, a);
}

static void
on_sched_closed(void *arg)
{
	struct app *a = arg;

	a->sched = NULL;
	outbox_close(a->outbox, on_outbox_closed, a);
}

static void
on_dxfer_closed(void *arg)
{
	struct app *a = arg;

	a->dxfer = NULL;
	sched_close(a->sched, on_sched_closed, a);
}

static void
on_xfer_closed(void *arg)
{
	struct app *a = arg;

	a->xfer = NULL;
	xfer_close(a->dxfer, 0, on_dxfer_closed, a);
}

/* Nothing in flight any more, or the deadline passed: close for good. */
static void
finish_stop(struct app *a)
{
	struct errbuf eb = { 0 };

	if (a->xfer == NULL || uv_is_closing((uv_handle_t *)&a->deadline))
		return;
	uv_timer_stop(&a->deadline);
	uv_close((uv_handle_t *)&a->deadline, on_handle_closed);
	if (alertlog_flush(a->alertlog, &eb) < 0)
		log_warn("alert log: %s", eb.msg);
	/* Anything left is cancelled now; on_done still runs for each. */
	sched_cancel(a->sched);
	xfer_close(a->xfer, 0, on_xfer_closed, a);
}

void
app_maybe_finish_stop(struct app *a)
{
	if (a->stopping && sched_in_flight(a->sched) == 0 &&
	    outbox_in_flight(a->outbox) == 0)
		finish_stop(a);
}

static void
on_deadline(uv_timer_t *t)
{
	struct app *a = t->data;

	log_warn("shutdown: %u polls and %u deliveries still running after "
	         "%llu ms; cancelling them (they are retried at next start)",
	    sched_in_flight(a->sched), outbox_in_flight(a->outbox),
	    (unsigned long long)a->config->daemon.shutdown_timeout_ms);
	finish_stop(a);
}

void
app_stop(struct app *a)
{
	if (a->stopping)
		return;
	a->stopping = 1;
	notify_stopping(a->notify);
	sched_stop(a->sched);
	outbox_stop(a->outbox);
	uv_timer_stop(&a->housekeeping);
	uv_timer_start(&a->deadline, on_deadline,
	    a->config->daemon.shutdown_timeout_ms, 0);
	app_maybe_finish_stop(a);
}
