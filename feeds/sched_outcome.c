/*
 * sched_outcome.c -- what a finished poll means for its feed: when to poll
 * next, what to log (once, not every poll), and when to poll more often.
 * See sched_impl.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feeds/sched_impl.h"
#include "lib/clock.h"
#include "lib/conf.h"
#include "lib/log.h"
#include "lib/rand.h"

#define LOG_REPEAT_MS (3600 * 1000) /* an unchanged error: hourly at most */

uint64_t
sched_jitter(uint64_t ms)
{
	/* +-10%, so feeds with one interval drift apart instead of firing
	 * together for ever. */
	uint64_t span = ms / 5;

	return ms - ms / 10 + rand_below(span + 1);
}

/*
 * The interval, raised to the feed's ttl hint when honour-ttl allows.  A
 * 304 carries no document and so no hint, yet it says the last document
 * (and its hint) still stands: without this, a feed that stopped changing
 * would be polled at the plain interval from its first 304 on.
 */
static uint64_t
base_interval(const struct slot *sl, const struct fetch_outcome *o)
{
	uint64_t iv = sl->interval_ms;
	uint64_t cap = sl->s->config->daemon.max_backoff_ms;
	int64_t ttl = o->status == FETCH_UNCHANGED ? sl->ttl_s : o->ttl_s;

	/* The feed's wish, like a Retry-After, goes up to max-backoff: a
	 * <ttl> of 999999 minutes must not silence it for two years. */
	if (sl->fc != NULL && sl->fc->honour_ttl && ttl > 0 &&
	    (uint64_t)ttl * 1000 > iv)
		iv = (uint64_t)ttl * 1000 < cap ? (uint64_t)ttl * 1000 :
		    cap > iv                    ? cap :
		                                  iv;
	return iv;
}

/* The delay before the next poll after outcome o. */
uint64_t
sched_delay_after(const struct slot *sl, const struct fetch_outcome *o)
{
	const struct daemon_conf *d = &sl->s->config->daemon;
	uint64_t iv = base_interval(sl, o), delay;
	unsigned n;

	if (o->status != FETCH_FAILED)
		return sched_jitter(iv);
	/* Exponential backoff from the feed's interval, capped; equal jitter
	 * so that feeds failing together (one host down) spread out. */
	delay = iv;
	for (n = o->error_streak; n > 0 && delay < d->max_backoff_ms; n--)
		delay *= 2;
	if (delay > d->max_backoff_ms)
		delay = d->max_backoff_ms;
	delay = delay / 2 + rand_below(delay / 2 + 1);
	/* The server's Retry-After is a floor, up to max-backoff: a server
	 * asking for 31 years must not silence the feed for that long. */
	if (o->retry_after_ms > delay)
		delay = o->retry_after_ms < d->max_backoff_ms ?
		    o->retry_after_ms :
		    d->max_backoff_ms;
	if (delay < d->min_interval_ms)
		delay = d->min_interval_ms;
	return delay;
}

/*
 * Count the slots whose last poll failed to resolve its host: when that is
 * every feed (two or more), the resolver or the network is down, not each
 * feed's host name.  A feed that worked keeps the count below the total,
 * so one misspelt host among working feeds is still blamed on its url.
 */
static int
resolver_down(struct slot *sl, const struct fetch_outcome *o)
{
	struct sched *s = sl->s;
	int dns = o->status == FETCH_FAILED && o->error_class == FETCH_E_DNS;

	if (dns && !sl->dns_down)
		s->dns_down++;
	else if (!dns && sl->dns_down)
		s->dns_down--;
	sl->dns_down = dns;
	/* counting the active slots is a walk: only for a failed lookup */
	return dns && sched_resolver_down(s);
}

static size_t
active_slots(const struct sched *s)
{
	size_t active = 0;

	for (size_t i = 0; i < s->n_slots; i++)
		active += !s->slots[i]->removed && !s->slots[i]->gone;
	return active;
}

int
sched_resolver_down(const struct sched *s)
{
	return s->dns_down >= 2 && s->dns_down >= active_slots(s);
}

void
sched_log_resolver(struct sched *s)
{
	int64_t now = clock_now_ms();

	if (s->resolver_logged_ms != 0 &&
	    now - s->resolver_logged_ms < LOG_REPEAT_MS)
		return;
	log_warn("feeds: not one of the %u feeds' host names resolves: the "
	         "resolver or the network is unreachable, not the feeds' "
	         "urls; check /etc/resolv.conf and the network (retrying)",
	    s->dns_down);
	s->resolver_logged_ms = now;
}

/* A failure whose line waits (see sched_log_outcome), kept as text. */
static void
hold(struct slot *sl, const struct fetch_outcome *o)
{
	char line[1024];

	snprintf(line, sizeof(line), "%s (error_class=%s streak=%u)", o->error,
	    fetch_error_name(o->error_class), o->error_streak + 1);
	if (sl->held == NULL)
		sl->s->n_held++;
	free(sl->held);
	sl->held = strdup(line);
}

void
sched_flush_held(struct sched *s)
{
	int resolver = sched_resolver_down(s);

	if (resolver)
		sched_log_resolver(s);
	for (size_t i = 0; s->n_held > 0 && i < s->n_slots; i++) {
		struct slot *sl = s->slots[i];

		if (sl->held == NULL)
			continue;
		if (!resolver)
			log_warn("feed %s: %s", sl->name, sl->held);
		free(sl->held);
		sl->held = NULL;
		s->n_held--;
	}
}

/* A failure's line went out now: the next of its class waits an hour. */
static void
logged_failure(struct slot *sl, enum fetch_error class, int64_t now)
{
	sl->failing = 1;
	sl->last_class = class;
	sl->last_logged_ms = now;
}

static void
log_success(struct slot *sl, const struct fetch_outcome *o)
{
	if (sl->failing)
		log_notice("feed %s: recovered (status=%ld)", sl->name,
		    o->http_status);
	sl->failing = 0;
	sl->last_class = FETCH_E_NONE;
	log_info("feed %s: status=%ld bytes=%llu ms=%llu items=%u new=%u "
	         "alerts=%u",
	    sl->name, o->http_status, (unsigned long long)o->bytes,
	    (unsigned long long)o->duration_ms, o->items, o->new_items,
	    o->alerts);
}

void
sched_log_outcome(struct slot *sl, const struct fetch_outcome *o)
{
	int64_t now = clock_now_ms();

	struct sched *s = sl->s;
	/* First appearance, a change of class, then hourly while it lasts. */
	int fresh = !sl->failing || sl->last_class != o->error_class ||
	    now - sl->last_logged_ms >= LOG_REPEAT_MS;

	if (resolver_down(sl, o)) {
		/* said once for every feed, not blamed on each one's url:
		 * the lines held back meanwhile go too */
		sched_flush_held(s);
		log_info("feed %s: %s", sl->name, o->error);
		logged_failure(sl, o->error_class, now);
		return;
	}
	if (s->dns_down == 0 && s->resolver_logged_ms != 0) {
		log_notice("feeds: host names resolve again");
		s->resolver_logged_ms = 0;
	}
	/* A failed lookup's line waits until an outcome tells whether every
	 * lookup fails (the resolver) or not (this feed's host name): any
	 * other outcome, or the end of a `poll` cycle, lets it out. */
	if (sl->dns_down && fresh &&
	    (s->opts.one_cycle || active_slots(s) >= 2)) {
		log_info("feed %s: %s", sl->name, o->error);
		hold(sl, o);
		logged_failure(sl, o->error_class, now);
		return;
	}
	if (!sl->dns_down && !s->opts.one_cycle && s->n_held > 0)
		sched_flush_held(s);
	if (o->status == FETCH_OK || o->status == FETCH_UNCHANGED) {
		log_success(sl, o);
		return;
	}
	if (o->status == FETCH_GONE) {
		log_err("feed %s: %s", sl->name, o->error);
		return;
	}
	if (fresh) {
		log_warn("feed %s: %s (error_class=%s streak=%u)", sl->name,
		    o->error, fetch_error_name(o->error_class),
		    o->error_streak + 1);
		logged_failure(sl, o->error_class, now);
	}
	sl->failing = 1;
}

/* Returns 1 when the interval was shortened. */
int
sched_adapt_interval(struct slot *sl, const struct fetch_outcome *o)
{
	const struct daemon_conf *d = &sl->s->config->daemon;
	uint64_t iv;

	if (!o->all_new || o->status != FETCH_OK)
		return 0;
	iv = sl->interval_ms / 2;
	if (iv < d->min_interval_ms)
		iv = d->min_interval_ms;
	log_warn("feed %s: every one of its %u items was new, so items may "
	         "have been missed; polling it more often (every %llu s)",
	    sl->name, o->items, (unsigned long long)(iv / 1000));
	sl->interval_ms = iv;
	return 1;
}
