/*
 * outbox_send.c -- one delivery of the outbox: the alerts it carries (read
 * back from the store with alert_from_row), the request (deliver_setup:
 * webhook POST or SMTP submission on an xfer request), and what is
 * recorded when it ends (delivered, retry with backoff, dead).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alerts/alert.h"
#include "alerts/alertlog.h"
#include "alerts/deliver.h"
#include "alerts/outbox.h"
#include "alerts/outbox_impl.h"
#include "alerts/target.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/conf.h"
#include "lib/log.h"
#include "lib/metrics.h"
#include "lib/rand.h"
#include "lib/xfer.h"
#include "store/store_alerts.h"
#include "store/store_outbox.h"

/* The stored alert id, rebuilt for sending; the feed's URL is today's, as
 * it may be shown (lib/urlshow.h). */
static int
load_alert(struct outbox *ob, const char *id, struct alert *out,
    struct errbuf *eb)
{
	struct store_alert sa;
	const struct feed_conf *fc;
	int rc;

	store_alert_init(&sa);
	rc = store_alert_get(ob->store, id, &sa, eb);
	if (rc == 0) {
		fc = config_feed(ob->config, sa.feed);
		rc = alert_from_row(out, &sa, fc ? fc->url_shown : NULL);
		if (rc < 0)
			rc = errbuf_set(eb, rc, "out of memory");
	}
	store_alert_clear(&sa);
	return rc;
}

static void
on_wait_closed(uv_handle_t *h)
{
	struct delivery *d = h->data;
	struct outbox *ob = d->ob;

	for (size_t i = 0; i < d->n_rows; i++)
		alert_msg_clear(&d->msgs[i]);
	free(d->msgs);
	free(d->rows);
	free(d->target);
	buf_clear(&d->body);
	buf_clear(&d->reply);
	free(d);
	ob->timers_open--;
	outbox_maybe_closed(ob);
}

/* Free d (through its timer's close callback) and account for it. */
void
outbox_delivery_release(struct delivery *d)
{
	struct outbox *ob = d->ob;

	ob->in_flight -= (unsigned)d->n_rows;
	if (d->pace != NULL)
		d->pace->busy--;
	d->pace = NULL;
	if (d->prev != NULL)
		d->prev->next = d->next;
	else
		ob->live = d->next;
	if (d->next != NULL)
		d->next->prev = d->prev;
	uv_close((uv_handle_t *)&d->wait, on_wait_closed);
}

struct delivery *
outbox_delivery_new(struct outbox *ob, const struct target_conf *t)
{
	struct delivery *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->ob = ob;
	d->type = t->type;
	d->target = strdup(t->name);
	buf_init(&d->body, t->type == TARGET_TYPE_MAIL ? 16u << 20 : 0);
	buf_init(&d->reply, REPLY_MAX);
	if (d->target == NULL || uv_timer_init(ob->loop, &d->wait) < 0) {
		free(d->target);
		free(d);
		return NULL;
	}
	d->wait.data = d;
	ob->timers_open++;
	d->next = ob->live;
	if (ob->live != NULL)
		ob->live->prev = d;
	ob->live = d;
	return d;
}

struct loading {
	struct outbox *ob;
	struct alert_msg *m;
	struct errbuf *eb;
};

static int
load_one(void *arg, const char *id)
{
	struct loading *l = arg;
	struct alert a;
	int rc;

	alert_init(&a);
	rc = load_alert(l->ob, id, &a, l->eb);
	if (rc == 0 && alert_msg_take(l->m, &a) < 0)
		rc = errbuf_set(l->eb, -ENOMEM, "out of memory");
	alert_clear(&a);
	return rc;
}

/* Add a claimed row (and the alerts of its message) to d. */
int
outbox_delivery_add(struct delivery *d, const struct store_outbox_row *row,
    struct errbuf *eb)
{
	struct store_outbox_row *rows;
	struct alert_msg *msgs;
	struct loading l;
	int rc;

	rows = realloc(d->rows, (d->n_rows + 1) * sizeof(*rows));
	if (rows == NULL)
		return errbuf_set(eb, -ENOMEM, "out of memory");
	d->rows = rows;
	msgs = realloc(d->msgs, (d->n_rows + 1) * sizeof(*msgs));
	if (msgs == NULL)
		return errbuf_set(eb, -ENOMEM, "out of memory");
	d->msgs = msgs;
	alert_msg_init(&d->msgs[d->n_rows]);
	l = (struct loading){ d->ob, &d->msgs[d->n_rows], eb };
	rc = store_outbox_alerts(d->ob->store, row->id, load_one, &l);
	if (rc == 0 && l.m->n == 0)
		rc = errbuf_set(eb, -ENOENT, "message %s carries no alert",
		    row->alert_id);
	else if (rc < 0 && eb->msg[0] == '\0')
		errbuf_set(eb, rc, "cannot read its alerts: %s", strerror(-rc));
	if (rc < 0) {
		alert_msg_clear(l.m);
		return rc;
	}
	d->rows[d->n_rows++] = *row;
	d->ob->in_flight++;
	return 0;
}

/*
 * A delay the server chose (Retry-After, X-RateLimit-Reset-After) is
 * honoured up to retry-max and no further: a receiver answering "wait
 * 31 years" must not hold a target past give-up-after, and one whose
 * value overflows must not turn it into "now".
 */
static uint64_t
server_delay(const struct outbox *ob, uint64_t ms)
{
	return ms > ob->opts.retry_max_ms ? ob->opts.retry_max_ms : ms;
}

/*
 * Exponential backoff with jitter above the delay, never below it:
 * retry-min is the earliest a first retry comes (README), and each later
 * retry waits at least twice as long, up to retry-max.  The jitter (up to
 * half the delay again, within retry-max) keeps the retries that follow
 * one outage from arriving in step.  A server's Retry-After is a floor that
 * jitter never shortens.
 */
static uint64_t
retry_delay(const struct outbox *ob, unsigned attempts, uint64_t retry_after)
{
	uint64_t lo = ob->opts.retry_min_ms, max = ob->opts.retry_max_ms, hi;

	if (max < lo)
		max = lo;
	while (attempts-- > 1 && lo < max)
		lo *= 2;
	if (lo > max)
		lo = max;
	hi = lo + lo / 2 < max ? lo + lo / 2 : max;
	if (hi == lo && lo - lo / 4 >= ob->opts.retry_min_ms)
		lo -= lo / 4; /* at the cap: jitter below retry-max instead */
	lo += rand_below(hi - lo + 1);
	retry_after = server_delay(ob, retry_after);
	return lo > retry_after ? lo : retry_after;
}

/* The next attempt, never after the row's give-up time: the last attempt
 * happens at give-up-after, and its failure makes the row dead. */
static int64_t
next_attempt(const struct outbox *ob, const struct store_outbox_row *row,
    uint64_t give_up, int64_t now, uint64_t retry_after)
{
	int64_t at = now +
	    (int64_t)retry_delay(ob, row->attempts + 1, retry_after);
	int64_t last = row->created_ms + (int64_t)give_up;

	return at > last && last > now ? last : at;
}

/*
 * The verdict on the row in the store: delivered, retried at the next
 * attempt, or dead (given up, or rejected).  Returns the outcome's name for
 * the metrics and the alert log.
 */
static const char *
save_verdict(struct delivery *d, const struct store_outbox_row *row,
    enum target_verdict v, const struct xfer_result *res, const char *detail,
    int64_t now)
{
	struct outbox *ob = d->ob;
	const struct target_conf *t = config_target(ob->config, d->target);
	uint64_t give_up = t ? t->give_up_after_ms : 24 * 3600 * 1000ULL;
	const char *outcome = "delivered";
	int rc = 0;

	switch (v) {
	case TARGET_DELIVERED:
		rc = store_outbox_delivered(ob->store, row->id, now,
		    (int)res->status);
		break;
	case TARGET_RETRY:
		if ((uint64_t)(now - row->created_ms) < give_up) {
			outcome = "retry";
			rc = store_outbox_retry(ob->store, row->id,
			    next_attempt(ob, row, give_up, now,
			        res->retry_after_ms),
			    (int)res->status, detail);
			break;
		}
		outcome = "dead";
		log_err("target %s: alert %s still failing after %u attempts "
		        "(%s); giving up, see `ukeuwatch alerts --failed`",
		    d->target, row->alert_id, row->attempts + 1, detail);
		rc = store_outbox_dead(ob->store, row->id, now,
		    (int)res->status, detail);
		break;
	case TARGET_REJECTED:
		outcome = "rejected";
		log_err("target %s: alert %s rejected (%s); %s", d->target,
		    row->alert_id, detail,
		    target_advice(d->type, res->code, res->status));
		rc = store_outbox_dead(ob->store, row->id, now,
		    (int)res->status, detail);
		break;
	}
	if (rc < 0)
		log_warn("target %s: alert %s: outcome not recorded (%s); it "
		         "will be sent again with the same webhook-id",
		    d->target, row->alert_id, strerror(-rc));
	return outcome;
}

static void
record_row(struct delivery *d, const struct store_outbox_row *row,
    const struct alert_msg *m, enum target_verdict v,
    const struct xfer_result *res, const char *detail, int64_t now)
{
	struct outbox *ob = d->ob;
	const char *outcome = save_verdict(d, row, v, res, detail, now);
	struct alertlog_delivery ld;

	metrics_delivery(d->target,
	    v == TARGET_DELIVERED            ? METRICS_DELIVERED :
	        v == TARGET_REJECTED         ? METRICS_REJECTED :
	        strcmp(outcome, "dead") == 0 ? METRICS_DEAD :
	                                       METRICS_RETRY,
	    m->v[0].published_ms, m->v[0].matched_ms, now);
	ld = (struct alertlog_delivery){ .alert_id = row->alert_id,
		.target = d->target,
		.outcome = outcome,
		.status = res->status,
		.attempt = row->attempts + 1,
		.detail = v == TARGET_DELIVERED ? NULL : detail,
		.at_ms = now,
		.published_ms = m->v[0].published_ms,
		.matched_ms = m->v[0].matched_ms };
	if (ob->log != NULL && alertlog_delivery(ob->log, &ld) < 0)
		log_warn("alert log: cannot append the delivery of alert %s",
		    row->alert_id);
}

/* Keep the start of the response; the rest is read and dropped. */
static int
on_reply(void *arg, const char *data, size_t len)
{
	struct delivery *d = arg;

	buf_append_some(&d->reply, data, len);
	return 0;
}

/*
 * What to record and log for an attempt that failed: the transfer's
 * summary and, when the server said something, its words on one line
 * (control characters become spaces: it goes into a log line).
 */
static void
failure_detail(struct delivery *d, const struct xfer_result *res, char *out,
    size_t size)
{
	size_t n;

	if (res->cls == XFER_TOO_LARGE && res->status > 0)
		n = (size_t)snprintf(out, size,
		    "HTTP %ld (body cut at the %u KiB reply cap)", res->status,
		    DELIVER_REPLY_CAP / 1024);
	else
		n = (size_t)snprintf(out, size, "%s",
		    res->summary ? res->summary : "");
	if (n >= size || d->reply.len == 0 || res->status < 400)
		return;
	buf_flatten(&d->reply);
	snprintf(out + n, size - n, ": %s", buf_str(&d->reply));
}

/*
 * A 429 or an announced empty bucket holds every delivery to the target,
 * not only this one: the next request would be refused as well, and chat
 * services that see refused requests keep coming block the webhook.
 */
static void
hold_target(struct delivery *d, const struct xfer_result *res, int64_t now)
{
	uint64_t wait = res->rate_limit_reset_ms;

	if (res->status == 429 && d->type == TARGET_TYPE_WEBHOOK) {
		uint64_t ra = res->retry_after_ms ? res->retry_after_ms :
		                                    d->ob->opts.retry_min_ms;
		if (ra > wait)
			wait = ra;
	}
	wait = server_delay(d->ob, wait);
	if (wait > 0)
		outbox_hold(d->ob, d->target, now + (int64_t)wait);
}

static void
on_sent(void *arg, const struct xfer_result *res)
{
	struct delivery *d = arg;
	struct outbox *ob = d->ob;
	enum target_verdict v = target_verdict(d->type, res->code, res->status);
	int64_t now = clock_now_ms();
	char detail[REPLY_MAX + 300];
	struct errbuf eb = { 0 };

	failure_detail(d, res, detail, sizeof(detail));
	hold_target(d, res, now);
	if (v == TARGET_RETRY)
		log_warn("target %s: %zu alert(s) not delivered (%s); will "
		         "retry",
		    d->target, d->n_rows, detail);
	for (size_t i = 0; i < d->n_rows; i++)
		record_row(d, &d->rows[i], &d->msgs[i], v, res, detail, now);
	if (ob->log != NULL && alertlog_flush(ob->log, &eb) < 0)
		log_warn("alert log: %s", eb.msg);
	outbox_delivery_release(d);
	if (!ob->closing && !ob->stopped)
		outbox_kick(ob);
	outbox_report_idle(ob);
	outbox_maybe_closed(ob);
}

static const struct xfer_cbs send_cbs = { .on_data = on_reply,
	.on_done = on_sent };

/* A message's lead alert's published (0) or matched (1) time, for the
 * alert log; unknown while the message is not loaded. */
static int64_t
lead_time(const struct delivery *d, size_t i, int matched)
{
	if (d->msgs == NULL || d->msgs[i].n == 0)
		return ALERT_TIME_NONE;
	return matched ? d->msgs[i].v[0].matched_ms :
	                 d->msgs[i].v[0].published_ms;
}

/*
 * A payload no attempt can send (over its format's size limit even
 * shortened, or unfit for a request): dead now, with the reason, instead
 * of failing at every lease, forever, with nothing recorded.
 */
static void
reject_unsendable(struct delivery *d, const char *why)
{
	struct outbox *ob = d->ob;
	int64_t now = clock_now_ms();
	struct alertlog_delivery ld;

	for (size_t i = 0; i < d->n_rows; i++) {
		const struct store_outbox_row *row = &d->rows[i];

		log_err("target %s: alert %s cannot be sent (%s); giving up, "
		        "see `ukeuwatch alerts --failed`",
		    d->target, row->alert_id, why);
		if (store_outbox_dead(ob->store, row->id, now, 0, why) < 0)
			log_warn("target %s: alert %s: outcome not recorded",
			    d->target, row->alert_id);
		ld = (struct alertlog_delivery){ .alert_id = row->alert_id,
			.target = d->target,
			.outcome = "rejected",
			.attempt = row->attempts + 1,
			.detail = why,
			.at_ms = now,
			.published_ms = lead_time(d, i, 0),
			.matched_ms = lead_time(d, i, 1) };
		if (ob->log != NULL && alertlog_delivery(ob->log, &ld) < 0)
			log_warn("alert log: cannot append the delivery of "
			         "alert %s",
			    row->alert_id);
	}
}

void
outbox_send(struct delivery *d)
{
	struct outbox *ob = d->ob;
	const struct target_conf *t = config_target(ob->config, d->target);
	struct xfer_req *r = NULL;
	struct errbuf eb = { 0 };
	int rc;

	d->waiting = 0;
	if (t == NULL) {
		log_warn("target %s: removed from the config; its deliveries "
		         "are dropped at their next attempt",
		    d->target);
		goto fail;
	}
	rc = xfer_req_new(ob->xfer, &r, &eb);
	if (rc == 0)
		rc = deliver_setup(r, t, d->msgs, d->n_rows, &d->body, &d->up,
		    &eb);
	/* Too large, or unfit (an id or address no request can carry): no
	 * attempt can do better, while out of memory may pass. */
	if (rc == -EFBIG || rc == -EINVAL) {
		xfer_req_free(r);
		reject_unsendable(d, eb.msg);
		outbox_delivery_release(d);
		outbox_kick(ob);
		outbox_report_idle(ob);
		outbox_maybe_closed(ob);
		return;
	}
	if (rc < 0) {
		xfer_req_free(r);
		log_warn("target %s: alert %s not sent: %s; will retry",
		    d->target, d->rows[0].alert_id, eb.msg);
		goto fail;
	}
	rc = xfer_start(r, &send_cbs, d);
	if (rc < 0) {
		log_warn("target %s: cannot start the delivery: %s; will retry",
		    d->target, strerror(-rc));
		goto fail;
	}
	return;
fail:
	/* The lease runs out and the rows come due again by themselves. */
	outbox_delivery_release(d);
	outbox_report_idle(ob);
}
