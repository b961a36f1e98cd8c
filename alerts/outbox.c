/*
 * outbox.c -- see outbox.h.
 *
 * One timer drives the module.  It fires when the earliest row is due, or
 * on the next loop iteration after outbox_kick, claims rows up to
 * max_in_flight and re-arms itself from the store's next due time.
 * Claiming pushes a row's due time forward by a lease, so a row in flight
 * is never claimed twice and a row whose sender died (crash, failed
 * submit) comes due again by itself.
 *
 * Per-target pacing: a target with a rate limit has a "next allowed" time;
 * a claimed row that comes too early waits on its own timer (inside the
 * lease).  Per-target concurrency: a target holding `concurrency`
 * deliveries (waiting for its pace or in flight) has no more rows claimed
 * until one ends, so one slow receiver holds no more than its share of
 * max_in_flight, and its rows wait in the store, not past their lease in
 * memory.  Deliveries use their own xfer (daemon/app.c), so feed
 * politeness (max-host-connections) does not limit them either.  Mail targets
 * with a digest gather claimed rows into one batch per target and send them as
 * one message when the period ends.
 */
#include "alerts/outbox.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "alerts/alert.h"
#include "alerts/alertlog.h"
#include "alerts/mail.h"
#include "alerts/target.h"
#include "alerts/webhook.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/conf.h"
#include "lib/log.h"
#include "lib/rand.h"
#include "lib/xfer.h"
#include "store/store.h"
#include "store/store_outbox.h"

/* The longest the outbox goes without looking at the store for due rows. */
#define OUTBOX_IDLE_CHECK_MS 10000

/* Added to the longest a claimed row can be held when opts.lease_ms is 0. */
#define LEASE_MARGIN_MS 10000

#include "alerts/outbox_impl.h"

static void on_timer(uv_timer_t *timer);

/*
 * No delay the outbox sets is longer than retry-max (server-chosen ones
 * are capped), nor a lease longer than lease(): a row due later than that
 * was scheduled on a clock that has since jumped back (a run with the
 * clock days ahead), and would wait in the store for as long.
 */
static void
clamp_due(struct outbox *ob, int64_t now, int64_t within_ms)
{
	int64_t n = store_outbox_clamp(ob->store, now + within_ms);

	if (n < 0)
		log_warn("outbox: cannot reschedule deliveries (%s)",
		    strerror((int)-n));
	else if (n > 0)
		log_warn("outbox: %lld deliveries were due more than %lld s "
		         "from now, which no retry schedules: the clock jumped "
		         "back; they are due within %lld s now",
		    (long long)n, (long long)(within_ms / 1000),
		    (long long)(within_ms / 1000));
}

static struct pace *
pace_for(struct outbox *ob, const char *name)
{
	for (size_t i = 0; i < ob->n_pace; i++)
		if (strcmp(ob->pace[i].name, name) == 0)
			return &ob->pace[i];
	if (ob->n_pace == MAX_PACED)
		return NULL; /* more targets than tracked: unpaced */
	snprintf(ob->pace[ob->n_pace].name, STORE_TARGET_MAX, "%s", name);
	ob->pace[ob->n_pace].next_ms = 0;
	ob->pace[ob->n_pace].hold_ms = 0;
	ob->pace[ob->n_pace].digest = NULL;
	ob->pace[ob->n_pace].busy = 0;
	return &ob->pace[ob->n_pace++];
}

int
outbox_new(struct outbox **out, uv_loop_t *loop, struct xfer *xfer,
    struct store *store, const struct config *config, struct alertlog *log,
    const struct outbox_opts *opts, struct errbuf *eb)
{
	struct outbox *ob;
	int rc;

	*out = NULL;
	ob = calloc(1, sizeof(*ob));
	if (ob == NULL)
		return errbuf_set(eb, -ENOMEM, "outbox: out of memory");
	ob->loop = loop;
	ob->xfer = xfer;
	ob->store = store;
	ob->config = config;
	ob->log = log;
	ob->opts = *opts;
	rc = uv_timer_init(loop, &ob->timer);
	if (rc < 0) {
		free(ob);
		return errbuf_set(eb, rc, "outbox: cannot create its timer: %s",
		    uv_strerror(rc));
	}
	ob->timer.data = ob;
	*out = ob;
	clamp_due(ob, clock_now_ms(), (int64_t)ob->opts.retry_max_ms);
	outbox_kick(ob); /* rows left by the previous run may be due now */
	return 0;
}

void
outbox_kick(struct outbox *ob)
{
	if (!ob->closing && !ob->stopped)
		uv_timer_start(&ob->timer, on_timer, 0, 0);
}

void
outbox_set_config(struct outbox *ob, const struct config *config)
{
	ob->config = config;
	outbox_kick(ob);
}

unsigned
outbox_in_flight(const struct outbox *ob)
{
	return ob->in_flight;
}

void
outbox_report_idle(struct outbox *ob)
{
	if (ob->in_flight == 0 && ob->opts.on_idle != NULL &&
	    (ob->opts.drain || ob->stopped))
		ob->opts.on_idle(ob->opts.arg);
}

/*
 * How long a claimed row stays not due.  It must outlast the longest this
 * process can hold the row before recording an outcome: the digest period,
 * the wait for the target's pace (at most max_in_flight requests ahead of
 * it) and the transfer's own time limit.  It should not be much longer,
 * because it is also how long a row claimed by a process that died (a
 * crash, SIGKILL, power loss) waits before the next start sends it again.
 */
static int64_t
lease(const struct outbox *ob)
{
	uint64_t margin = ob->opts.lease_ms ? ob->opts.lease_ms :
	                                      LEASE_MARGIN_MS;
	uint64_t l = 0;

	for (size_t i = 0; i < ob->config->n_targets; i++) {
		const struct target_conf *t = &ob->config->targets[i];
		uint64_t hold = t->digest_ms +
		    (t->timeout_ms ? t->timeout_ms :
		                     ob->config->daemon.timeout_ms);

		/* At most concurrency - 1 deliveries are ahead of a row. */
		if (t->rate_per_s > 0)
			hold += (uint64_t)(t->concurrency * 1000.0 /
			    t->rate_per_s);
		if (hold > l)
			l = hold;
	}
	return (int64_t)(l + margin);
}

void
outbox_hold(struct outbox *ob, const char *target, int64_t until_ms)
{
	struct pace *p = pace_for(ob, target);
	int64_t now = clock_now_ms();

	if (p == NULL || until_ms <= p->hold_ms)
		return;
	if (p->hold_ms <= now)
		log_info("target %s: the server's rate limit is reached; "
		         "holding its deliveries for %.1f s",
		    target, (double)(until_ms - now) / 1000.0);
	p->hold_ms = until_ms;
	/* Slots reserved by rows that will now be deferred are void: keeping
	 * them would push later rows past their lease. */
	p->next_ms = until_ms;
}

/*
 * Give a claimed row back to the store, due when the target's hold ends.
 * A hold can outlast the claim's lease, so the row must not wait in memory:
 * another claim would send it a second time.
 */
static void
defer(struct outbox *ob, const struct store_outbox_row *row, int64_t at_ms)
{
	int rc = store_outbox_defer(ob->store, row->id, at_ms);

	if (rc < 0)
		log_warn("target %s: alert %s: cannot put it back in the "
		         "outbox (%s); it is sent when its lease runs out",
		    row->target_id, row->alert_id, strerror(-rc));
}

static void
on_wait(uv_timer_t *t)
{
	struct delivery *d = t->data;
	struct outbox *ob = d->ob;
	struct pace *p = pace_for(ob, d->target);

	if (p != NULL && p->digest == d) {
		p->digest = NULL; /* the batch is closed: send it */
	} else if (p != NULL && p->hold_ms > clock_now_ms()) {
		/* Paced before the server asked us to wait. */
		for (size_t i = 0; i < d->n_rows; i++)
			defer(ob, &d->rows[i], p->hold_ms);
		outbox_delivery_release(d);
		outbox_kick(ob);
		outbox_report_idle(ob); /* a stop may be waiting for it */
		outbox_maybe_closed(ob);
		return;
	}
	outbox_send(d);
}

/* Route a claimed row: paced, gathered into a digest, or sent now. */
static void
dispatch(struct outbox *ob, const struct store_outbox_row *row, int64_t now)
{
	const struct target_conf *t = config_target(ob->config, row->target_id);
	struct pace *p;
	struct delivery *d;
	struct errbuf eb = { 0 };
	int rc;

	if (t == NULL) {
		/* Removed from the config while the row waited. */
		rc = store_outbox_dead(ob->store, row->id, now, 0,
		    "target no longer configured");
		if (rc < 0)
			log_warn("outbox: alert %s: cannot mark dead (%s)",
			    row->alert_id, strerror(-rc));
		return;
	}
	p = pace_for(ob, t->name);
	if (p != NULL && p->hold_ms > now) {
		defer(ob, row, p->hold_ms);
		return;
	}
	if (t->type == TARGET_TYPE_MAIL && t->digest_ms > 0 && p != NULL &&
	    p->digest != NULL) {
		if (outbox_delivery_add(p->digest, row, &eb) < 0)
			log_warn("target %s: alert %s: %s; will retry", t->name,
			    row->alert_id, eb.msg);
		return;
	}
	d = outbox_delivery_new(ob, t);
	if (d != NULL && p != NULL) {
		d->pace = p;
		p->busy++;
	}
	if (d == NULL || outbox_delivery_add(d, row, &eb) < 0) {
		log_warn("target %s: alert %s not sent: %s; will retry",
		    t->name, row->alert_id, d ? eb.msg : "out of memory");
		if (d != NULL)
			outbox_delivery_release(d);
		return; /* the lease runs out and the row comes due again */
	}
	if (t->type == TARGET_TYPE_MAIL && t->digest_ms > 0 && p != NULL) {
		p->digest = d;
		d->waiting = 1;
		uv_timer_start(&d->wait, on_wait,
		    ob->opts.drain ? 0 : t->digest_ms, 0);
		return;
	}
	if (p != NULL && p->next_ms > now) {
		d->waiting = 1;
		uv_timer_start(&d->wait, on_wait, (uint64_t)(p->next_ms - now),
		    0);
	} else {
		outbox_send(d);
	}
	if (p != NULL && t->rate_per_s > 0)
		p->next_ms = (p->next_ms > now ? p->next_ms : now) +
		    (int64_t)(1000.0 / t->rate_per_s);
}

/*
 * The targets no row may be claimed for now, as a JSON array of names
 * (NULL for none, or when out of memory: then nothing is skipped).  A
 * target gathering a digest is never busy: its rows join the digest.
 */
static char *
busy_targets(const struct outbox *ob)
{
	json_t *a = NULL;
	char *s = NULL;

	for (size_t i = 0; i < ob->n_pace; i++) {
		const struct pace *p = &ob->pace[i];
		const struct target_conf *t = config_target(ob->config,
		    p->name);

		if (t == NULL || p->digest != NULL || p->busy < t->concurrency)
			continue;
		if (a == NULL && (a = json_array()) == NULL)
			return NULL;
		(void)json_array_append_new(a, json_string(p->name));
	}
	if (a != NULL)
		s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

static void
on_timer(uv_timer_t *timer)
{
	struct outbox *ob = timer->data;
	struct store_outbox_row row;
	int64_t now = clock_now_ms(), due = 0;
	char *busy;
	int rc = 0;

	while (!ob->stopped && ob->in_flight < ob->opts.max_in_flight) {
		busy = busy_targets(ob);
		/* 1: claimed a row, 0: nothing due, < 0: store error */
		rc = store_outbox_claim_except(ob->store, now, lease(ob), busy,
		    &row);
		free(busy);
		if (rc <= 0)
			break;
		dispatch(ob, &row, now);
	}
	if (rc < 0) {
		log_warn("outbox: cannot read due deliveries (%s); retrying",
		    strerror(-rc));
		uv_timer_start(timer, on_timer, ob->opts.retry_min_ms, 0);
		return;
	}
	if (ob->stopped || ob->in_flight >= ob->opts.max_in_flight)
		return; /* on_sent or outbox_kick wakes us */
	if (ob->opts.drain) {
		outbox_report_idle(ob);
		return;
	}
	/* Rows can also come due from outside: `alerts --retry` queues dead
	 * ones again through its own connection.  So look again at least
	 * every OUTBOX_IDLE_CHECK_MS, even with nothing pending.  Busy
	 * targets' rows are left out: the end of one of their deliveries
	 * kicks us. */
	busy = busy_targets(ob);
	rc = store_outbox_next_due_except(ob->store, busy, &due);
	if (rc > 0 && due - now > (int64_t)ob->opts.retry_max_ms &&
	    due - now > lease(ob)) {
		int64_t w = lease(ob);

		if (w < (int64_t)ob->opts.retry_max_ms)
			w = (int64_t)ob->opts.retry_max_ms;
		clamp_due(ob, now, w);
		rc = store_outbox_next_due_except(ob->store, busy, &due);
	}
	free(busy);
	if (rc <= 0 || due - now > OUTBOX_IDLE_CHECK_MS)
		due = now + OUTBOX_IDLE_CHECK_MS;
	uv_timer_start(timer, on_timer, due > now ? (uint64_t)(due - now) : 0,
	    0);
}

void
outbox_stop(struct outbox *ob)
{
	ob->stopped = 1;
	uv_timer_stop(&ob->timer);
	outbox_report_idle(ob);
}

/* libuv may touch the timer until this runs, so ob is freed only here. */
static void
on_timer_closed(uv_handle_t *handle)
{
	struct outbox *ob = handle->data;
	void (*done)(void *) = ob->done;
	void *arg = ob->done_arg;

	free(ob);
	if (done != NULL)
		done(arg);
}

void
outbox_maybe_closed(struct outbox *ob)
{
	if (ob->closing && ob->in_flight == 0 && ob->timers_open == 0 &&
	    !uv_is_closing((uv_handle_t *)&ob->timer))
		uv_close((uv_handle_t *)&ob->timer, on_timer_closed);
}

void
outbox_close(struct outbox *ob, void (*done)(void *), void *arg)
{
	ob->closing = 1;
	ob->stopped = 1;
	ob->done = done;
	ob->done_arg = arg;
	uv_timer_stop(&ob->timer);
	/* Deliveries still waiting (pacing, digests) are not sent: their
	 * rows come due again at the next start. */
	for (size_t i = 0; i < ob->n_pace; i++)
		ob->pace[i].digest = NULL;
	for (struct delivery *d = ob->live, *next; d != NULL; d = next) {
		next = d->next;
		if (d->waiting) {
			uv_timer_stop(&d->wait);
			outbox_delivery_release(d);
		}
	}
	outbox_maybe_closed(ob);
}
