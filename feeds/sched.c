/*
 * sched.c -- see sched.h.
 *
 * Each feed is a slot with its own timer.  A slot is allocated on its own
 * (libuv keeps a pointer to the timer inside it) and freed only in the
 * timer's close callback.  Due slots that the caps hold back wait in a
 * FIFO; every finished poll gives the queue another chance.
 */
#include "feeds/sched.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "feeds/hostq.h"
#include "feeds/sched_impl.h"
#include "lib/clock.h"
#include "lib/conf.h"
#include "lib/log.h"
#include "lib/rand.h"
#include "store/store_feeds.h"

static void retire(struct sched *s, struct slot *sl);
static void try_start(struct sched *s);
static void start(struct slot *sl);

/* Put sl in the queue of its URL's host (for the per-host cap). */
static int
bind_host(struct sched *s, struct slot *sl, const char *url)
{
	CURLU *u = curl_url();
	char *h = NULL;
	int rc;

	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK)
		curl_url_get(u, CURLUPART_HOST, &h, 0);
	rc = hostq_bind(s->queue, &sl->hq, h ? h : "");
	curl_free(h);
	curl_url_cleanup(u);
	return rc;
}

static void
enqueue(struct slot *sl)
{
	if (sl->fetch == NULL)
		hostq_push(sl->s->queue, &sl->hq);
}

static void
on_timer(uv_timer_t *t)
{
	struct slot *sl = t->data;

	if (sl->s->stopped || sl->gone || sl->removed)
		return;
	enqueue(sl);
	try_start(sl->s);
}

/* Start due slots while the caps allow; hosts take turns. */
static void
try_start(struct sched *s)
{
	struct hostq_entry *e;

	if (s->host_cap != s->config->daemon.max_host_connections) {
		s->host_cap = s->config->daemon.max_host_connections;
		hostq_set_cap(s->queue, s->host_cap);
	}
	while (!s->stopped &&
	    s->in_flight < s->config->daemon.max_connections &&
	    (e = hostq_pop(s->queue)) != NULL)
		start((struct slot *)((char *)e - offsetof(struct slot, hq)));
}

static int64_t
plan(void *arg, const struct fetch_outcome *o)
{
	struct slot *sl = arg;

	/* Remembered, so that the timer fires when the state file says
	 * (jitter drawn once). */
	sl->planned_ms = o->status == FETCH_GONE ?
	    0 :
	    clock_now_ms() + (int64_t)sched_delay_after(sl, o);
	return sl->planned_ms;
}

static void
finish(struct slot *sl, const struct fetch_outcome *o, int kick)
{
	struct sched *s = sl->s;

	sl->fetch = NULL;
	s->in_flight--;
	hostq_done(s->queue, &sl->hq);
	if (o->status == FETCH_GONE)
		sl->gone = 1;
	if (o->status == FETCH_OK)
		sl->ttl_s = o->ttl_s; /* kept for the 304s that follow */
	if (o->error_class != FETCH_E_CANCELLED)
		sched_log_outcome(sl, o);
	if (sched_adapt_interval(sl, o))
		sl->planned_ms = 0; /* plan again with the shorter interval */
	if (s->opts.on_outcome != NULL)
		s->opts.on_outcome(s->opts.arg, o);
	if (s->opts.one_cycle) {
		sl->polled = 1;
		if (s->pending_cycle == 1)
			sched_flush_held(s);
		if (--s->pending_cycle == 0 && s->opts.cycle_done != NULL)
			s->opts.cycle_done(s->opts.arg);
	} else if (!sl->gone && !sl->removed && !s->stopped) {
		int64_t at = sl->planned_ms > 0 ? sl->planned_ms : plan(sl, o);
		int64_t delay = at - clock_now_ms();

		uv_timer_start(&sl->timer, on_timer,
		    delay > 0 ? (uint64_t)delay : 0, 0);
	}
	if (sl->removed && !s->closing)
		retire(s, sl);
	if (kick)
		try_start(s);
}

static void
on_fetch_done(void *arg, const struct fetch_outcome *o)
{
	finish(arg, o, 1);
}

static const struct fetch_cbs fetch_cbs = { .plan = plan,
	.done = on_fetch_done };

static void
start(struct slot *sl)
{
	struct sched *s = sl->s;
	struct errbuf eb = { 0 };
	struct fetch_outcome o = { .feed = sl->name,
		.status = FETCH_FAILED,
		.error_class = FETCH_E_OTHER,
		.error = eb.msg };

	if (sl->fc == NULL || sl->removed)
		return;
	s->in_flight++;
	sl->planned_ms = 0;
	if (fetch_start(&s->env, sl->fc, &fetch_cbs, sl, &sl->fetch, &eb) < 0) {
		/* Could not even start (out of memory, store error): count it
		 * as a failed poll so that it backs off and is retried. */
		sl->fetch = NULL;
		log_err("feed %s: %s", sl->name, eb.msg);
		finish(sl, &o, 0); /* try_start is our caller: no recursion */
	}
}

static void
on_slot_closed(uv_handle_t *h)
{
	struct slot *sl = h->data;
	struct sched *s = sl->s;

	if (sl->held != NULL)
		s->n_held--;
	free(sl->held);
	free(sl->name);
	free(sl);
	if (--s->open_timers == 0 && s->closing) {
		void (*done)(void *) = s->done;
		void *arg = s->done_arg;

		hostq_free(s->queue);
		free(s->slots);
		free(s);
		if (done != NULL)
			done(arg);
	}
}

/* First poll: at the stored next-poll time if still ahead, else soon. */
static uint64_t
first_delay(const struct sched *s, struct slot *sl)
{
	struct store_feed row;
	struct errbuf eb = { 0 };
	int64_t now = clock_now_ms(), d = -1;
	uint64_t spread;

	store_feed_init(&row);
	if (store_feed_poll_state(s->env.store, sl->name, &row, &eb) == 0) {
		if (row.http_status == 410 && row.error_class != NULL) {
			/* Gone stays gone until its URL changes in the config
			 * (store_feed_ensure then forgets the old outcome). */
			log_err("feed %s: its server said 410 Gone; not "
			        "polling it, remove it from the config",
			    sl->name);
			sl->gone = 1;
		}
		if (row.next_poll_ms > now && row.last_poll_ms > 0)
			d = row.next_poll_ms - now;
		sl->ttl_s = row.ttl_s; /* for the 304s before the next 200 */
	}
	store_feed_clear(&row);
	if (s->opts.one_cycle)
		return 0;
	if (d >= 0 &&
	    (uint64_t)d <=
	        sl->interval_ms * 2 + s->config->daemon.max_backoff_ms)
		return (uint64_t)d;
	/* Due now: spread the start over a few seconds so that a restart
	 * does not fire every feed in the same instant. */
	spread = sl->interval_ms < 5000 ? sl->interval_ms : 5000;
	return rand_below(spread + 1);
}

static int
add_slot(struct sched *s, const struct feed_conf *fc, struct errbuf *eb)
{
	struct slot **v, *sl;
	uint64_t delay;
	int rc;

	if (s->n_slots == s->cap_slots) {
		size_t cap = s->cap_slots ? s->cap_slots * 2 : 16;

		v = realloc(s->slots, cap * sizeof(*v));
		if (v == NULL)
			return errbuf_set(eb, -ENOMEM, "sched: out of memory");
		s->slots = v;
		s->cap_slots = cap;
	}
	sl = calloc(1, sizeof(*sl));
	if (sl == NULL)
		return errbuf_set(eb, -ENOMEM, "sched: out of memory");
	sl->s = s;
	sl->fc = fc;
	sl->name = strdup(fc->name);
	sl->interval_ms = fc->interval_ms;
	if (sl->name == NULL || bind_host(s, sl, fc->url) < 0) {
		free(sl->name);
		free(sl);
		return errbuf_set(eb, -ENOMEM, "sched: out of memory");
	}
	rc = uv_timer_init(s->loop, &sl->timer);
	if (rc < 0) {
		free(sl->name);
		free(sl);
		return errbuf_set(eb, rc, "sched: cannot create a timer: %s",
		    uv_strerror(rc));
	}
	sl->timer.data = sl;
	s->open_timers++;
	sl->idx = s->n_slots;
	s->slots[s->n_slots++] = sl;
	if (store_feed_ensure(s->env.store, fc->name, fc->url, eb) < 0)
		log_err("feed %s: %s", fc->name, eb->msg);
	delay = first_delay(s, sl);
	if (sl->gone)
		return 0;
	if (s->opts.one_cycle)
		s->pending_cycle++;
	uv_timer_start(&sl->timer, on_timer, delay, 0);
	return 0;
}

int
sched_new(struct sched **out, uv_loop_t *loop, const struct fetch_env *env,
    const struct config *config, const struct sched_opts *opts,
    struct errbuf *eb)
{
	struct sched *s = calloc(1, sizeof(*s));
	int rc;

	*out = NULL;
	if (s == NULL ||
	    hostq_new(&s->queue, config->daemon.max_host_connections) < 0) {
		free(s);
		return errbuf_set(eb, -ENOMEM, "sched: out of memory");
	}
	s->host_cap = config->daemon.max_host_connections;
	s->loop = loop;
	s->env = *env;
	s->config = config;
	s->opts = *opts;
	for (size_t i = 0; i < config->n_feeds; i++) {
		rc = add_slot(s, &config->feeds[i], eb);
		if (rc < 0) {
			sched_close(s, NULL, NULL);
			return rc;
		}
	}
	if (opts->one_cycle && s->pending_cycle == 0 && opts->cycle_done)
		opts->cycle_done(opts->arg);
	*out = s;
	return 0;
}

/*
 * A removed slot leaves the array (the last one takes its place) and is
 * freed once its timer has closed: reloads that swap feed sets back and
 * forth reuse the room instead of growing by a slot per feed each time.
 */
static void
retire(struct sched *s, struct slot *sl)
{
	struct slot *last = s->slots[--s->n_slots];

	if (sl->dns_down)
		s->dns_down--; /* no longer a feed whose lookups fail */
	s->slots[sl->idx] = last;
	last->idx = sl->idx;
	uv_close((uv_handle_t *)&sl->timer, on_slot_closed);
}

static void
drop_slot(struct sched *s, size_t i)
{
	struct slot *sl = s->slots[i];

	sl->removed = 1;
	sl->fc = NULL;
	hostq_remove(s->queue, &sl->hq);
	uv_timer_stop(&sl->timer);
	log_notice("feed %s: removed from the config; polling stopped",
	    sl->name);
	if (sl->fetch != NULL)
		fetch_cancel(sl->fetch); /* finish() retires it later */
	else
		retire(s, sl);
}

/* Poll sl again after delay_ms unless a poll is in flight or due. */
static void
reschedule(struct slot *sl, uint64_t delay_ms)
{
	if (sl->fetch != NULL || sl->hq.queued)
		return;
	if (uv_is_active((uv_handle_t *)&sl->timer) &&
	    uv_timer_get_due_in(&sl->timer) <= delay_ms)
		return;
	uv_timer_start(&sl->timer, on_timer, delay_ms, 0);
}

/*
 * A feed kept across a reload.  A shorter interval applies now rather than
 * after the poll already planned with the old one; a new URL is another
 * server, so a 410, a backoff or a moved-to URL from the old one no longer
 * applies (the store forgets them in store_feed_ensure) and it is polled
 * soon.
 */
static void
apply_change(struct sched *s, struct slot *sl, const struct feed_conf *fc,
    struct errbuf *eb)
{
	if (sl->fc->interval_ms != fc->interval_ms) {
		sl->interval_ms = fc->interval_ms;
		reschedule(sl, sched_jitter(fc->interval_ms));
	}
	if (strcmp(sl->fc->url, fc->url) != 0) {
		if (bind_host(s, sl, fc->url) < 0)
			log_err("feed %s: out of memory", fc->name);
		if (store_feed_ensure(s->env.store, fc->name, fc->url, eb) < 0)
			log_err("feed %s: %s", fc->name, eb->msg);
		/* Shown without user info: logs never hold a secret. */
		log_notice("feed %s: url changed to %s", fc->name,
		    fc->url_shown ? fc->url_shown : "(hidden)");
		sl->gone = 0;
		sl->failing = 0;
		reschedule(sl,
		    rand_below(
		        fc->interval_ms < 5000 ? fc->interval_ms : 5000));
	}
}

int
sched_set_config(struct sched *s, const struct fetch_env *env,
    const struct config *config, struct errbuf *eb)
{
	struct slot *sl;
	int rc;

	char *kept = calloc(config->n_feeds + 1, 1);

	if (kept == NULL)
		return errbuf_set(eb, -ENOMEM, "sched: out of memory");
	s->env = *env;
	/* Backwards: drop_slot moves the last slot into the place it frees.
	 * Each lookup is the config's index, so a reload is linear. */
	for (size_t i = s->n_slots; i-- > 0;) {
		const struct feed_conf *fc;

		sl = s->slots[i];
		if (sl->removed)
			continue;
		fc = config_feed(config, sl->name);
		if (fc == NULL) {
			drop_slot(s, i);
			continue;
		}
		kept[fc - config->feeds] = 1;
		apply_change(s, sl, fc, eb);
		sl->fc = fc;
	}
	s->config = config;
	for (size_t i = 0; i < config->n_feeds; i++) {
		if (kept[i])
			continue;
		rc = add_slot(s, &config->feeds[i], eb);
		if (rc < 0) {
			free(kept);
			return rc;
		}
		log_notice("feed %s: added", config->feeds[i].name);
	}
	free(kept);
	try_start(s);
	return 0;
}

void
sched_stop(struct sched *s)
{
	s->stopped = 1;
	for (size_t i = 0; i < s->n_slots; i++)
		uv_timer_stop(&s->slots[i]->timer);
	hostq_clear(s->queue);
}

void
sched_cancel(struct sched *s)
{
	for (size_t i = 0; i < s->n_slots; i++)
		if (s->slots[i]->fetch != NULL)
			fetch_cancel(s->slots[i]->fetch);
}

unsigned
sched_in_flight(const struct sched *s)
{
	return s->in_flight;
}

void
sched_health(const struct sched *s, unsigned *ok, unsigned *failing)
{
	*ok = *failing = 0;
	for (size_t i = 0; i < s->n_slots; i++) {
		if (s->slots[i]->removed)
			continue;
		if (s->slots[i]->failing || s->slots[i]->gone)
			(*failing)++;
		else
			(*ok)++;
	}
}

void
sched_close(struct sched *s, void (*done)(void *), void *arg)
{
	s->stopped = 1;
	s->closing = 1;
	s->done = done;
	s->done_arg = arg;
	if (s->open_timers == 0) {
		hostq_free(s->queue);
		free(s->slots);
		free(s);
		if (done != NULL)
			done(arg);
		return;
	}
	for (size_t i = 0; i < s->n_slots; i++) {
		uv_timer_stop(&s->slots[i]->timer);
		uv_close((uv_handle_t *)&s->slots[i]->timer, on_slot_closed);
	}
}
