/*
 * pipeline.c -- see pipeline.h.
 */
#include "daemon/pipeline.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alerts/alert.h"
#include "daemon/config.h"
#include "feeds/batch.h"
#include "feeds/fetch.h"
#include "lib/clock.h"
#include "lib/item.h"
#include "lib/log.h"
#include "match/match.h"
#include "store/store.h"
#include "store/store_alerts.h"
#include "store/store_doc.h"
#include "store/store_feeds.h"
#include "store/store_outbox.h"

struct pipeline {
	struct pipeline_deps deps; /* copied; pointers borrowed */
	struct match_set ms;       /* owned; reused from item to item */
};

/* The alerts one item raised, kept until the commit succeeds, then
 * announced as one message (the alert log, stdout). */
struct pending {
	struct alert_msg m;
	size_t n_targets;
};

int
pipeline_new(struct pipeline **out, const struct pipeline_deps *deps,
    struct errbuf *eb)
{
	struct pipeline *pl = calloc(1, sizeof(*pl));

	*out = NULL;
	if (pl == NULL)
		return errbuf_set(eb, -ENOMEM, "pipeline: out of memory");
	pl->deps = *deps;
	match_set_init(&pl->ms);
	*out = pl;
	return 0;
}

void
pipeline_free(struct pipeline *pl)
{
	if (pl == NULL)
		return;
	match_set_clear(&pl->ms);
	free(pl);
}

void
pipeline_set(struct pipeline *pl, const struct config *config,
    struct matcher *matcher)
{
	pl->deps.config = config;
	pl->deps.matcher = matcher;
}

/* A match as the plain fields alert_from_match takes (see alerts/alert.h
 * for why alerts/ does not see struct match). */
static struct alert_hit
hit_of(const struct match *m)
{
	return (struct alert_hit){ .profile = m->profile,
		.score = m->score,
		.terms = m->terms,
		.n_terms = m->n_terms,
		.statement = m->statement,
		.speaker = m->speaker,
		.statement_quoted = m->statement_quoted };
}

/* The feed's URL as it may leave the config (never its user info); a feed
 * just removed by a reload has none to show. */
static const char *
shown_url(const struct pipeline *pl, const struct item_batch *d)
{
	const struct feed_conf *fc = config_feed(pl->deps.config, d->feed);

	return fc != NULL ? fc->url_shown : NULL;
}

/*
 * Build the alert for m in *a (initialised by the caller, who clears it)
 * and store it, as a near miss when near (an id of its own, never
 * delivered).  Returns 1 if stored (a->id set), 0 if that alert was
 * already stored (never twice), or a negative errno.
 */
static int
store_match(struct pipeline *pl, const struct item_batch *d,
    const struct item *it, int64_t item_id, const struct match *m, int64_t now,
    int near, struct alert *a, struct errbuf *eb)
{
	struct alert_hit hit = hit_of(m);
	char id[STORE_ALERT_ID_SIZE];
	struct store_alert_in in;
	int rc;

	rc = alert_from_match(a, it, d->feed, shown_url(pl, d), &hit,
	    d->fetched_ms, now);
	if (rc < 0)
		return errbuf_set(eb, rc, "out of memory");
	alert_to_store_in(a, item_id, &in);
	in.near = near;
	rc = store_alert_insert(pl->deps.store, &in, id, eb);
	if (rc > 0 && alert_set(&a->id, id) < 0)
		rc = errbuf_set(eb, -ENOMEM, "out of memory");
	return rc;
}

/* An alert for m, stored and appended to msg, the item's message; as
 * store_match. */
static int
record(struct pipeline *pl, const struct item_batch *d, const struct item *it,
    int64_t item_id, const struct match *m, int64_t now, struct alert_msg *msg,
    struct errbuf *eb)
{
	struct alert a;
	int rc;

	alert_init(&a);
	rc = store_match(pl, d, it, item_id, m, now, 0, &a, eb);
	if (rc > 0 && alert_msg_take(msg, &a) < 0)
		rc = errbuf_set(eb, -ENOMEM, "out of memory");
	alert_clear(&a);
	return rc;
}

/*
 * A near miss is recorded for review (`alerts --near`), in the same
 * commit, and goes no further: no delivery, no alert log line, not
 * counted as an alert.  It is how an analyst reports a miss.
 */
static int
record_near(struct pipeline *pl, const struct item_batch *d,
    const struct item *it, int64_t item_id, const struct match *m, int64_t now,
    struct errbuf *eb)
{
	struct alert a;
	int rc;

	alert_init(&a);
	rc = store_match(pl, d, it, item_id, m, now, 1, &a, eb);
	if (rc > 0)
		log_debug("feed %s: \"%.80s\" is a near miss of %s (%.1f)",
		    d->feed, it->title ? it->title : "(untitled)", m->profile,
		    m->score);
	alert_clear(&a);
	return rc < 0 ? rc : 0;
}

static int
wants(const struct target_conf *t, const char *feed, const struct alert *a)
{
	return strlist_wants(&t->profiles, a->profile) &&
	    strlist_wants(&t->feeds, feed) && a->score >= t->min_score;
}

/*
 * Queue msg for every target that wants any of its alerts: one message
 * per target, carrying the alerts of the profiles that target wants (its
 * profiles, feeds and min-score), best score first.  Returns the number of
 * targets, or a negative errno.
 */
static int
queue(struct pipeline *pl, const struct alert_msg *msg, const char *feed,
    int64_t now, struct errbuf *eb)
{
	const struct config *c = pl->deps.config;
	const char **ids;
	int n = 0, rc = 0;

	ids = calloc(msg->n, sizeof(*ids));
	if (ids == NULL)
		return errbuf_set(eb, -ENOMEM, "out of memory");
	for (size_t i = 0; i < c->n_targets && rc >= 0; i++) {
		const struct target_conf *t = &c->targets[i];
		size_t k = 0;

		for (size_t j = 0; j < msg->n; j++)
			if (wants(t, feed, &msg->v[j]))
				ids[k++] = msg->v[j].id;
		if (k == 0)
			continue;
		rc = store_outbox_insert(pl->deps.store, ids, k, t->name, now,
		    eb);
		n += rc > 0 ? rc : 0;
	}
	free(ids);
	return rc < 0 ? rc : n;
}

/* Best score first: the lead of each message is its strongest match. */
static int
by_score(const void *x, const void *y)
{
	const struct alert *a = x, *b = y;

	return (a->score < b->score) - (a->score > b->score);
}

/*
 * The story of this match was already alerted from another feed within
 * same-story-window: it is a sighting of that alert, not a second alert.
 * A target that wants this feed but not the first still gets the first
 * alert, once (store_outbox_insert skips a target already queued).
 * Returns 1 if so, 0 if this is a story of its own, or a negative errno.
 */
static int
same_story(struct pipeline *pl, const struct item_batch *d,
    const struct item *it, int64_t item_id, const struct match *m, int send,
    int64_t now, struct fetch_commit_result *res, struct errbuf *eb)
{
	uint64_t window = pl->deps.config->daemon.same_story_ms;
	char twin[STORE_ALERT_ID_SIZE];
	int rc, queued = 0;

	if (window == 0)
		return 0;
	rc = store_alert_twin(pl->deps.store, item_id, m->profile,
	    now - (int64_t)window, twin, eb);
	if (rc <= 0)
		return rc;
	rc = store_alert_sighting(pl->deps.store, twin, item_id, now, eb);
	if (rc < 0)
		return rc;
	if (send) {
		struct alert a;
		struct alert_msg one = { &a, 1 };

		/* The twin as this feed's targets would want this match. */
		alert_init(&a);
		a.id = twin;
		a.profile = (char *)m->profile;
		a.score = m->score;
		queued = queue(pl, &one, d->feed, now, eb);
		if (queued < 0)
			return queued;
		res->queued += (unsigned)queued;
	}
	log_info("feed %s: \"%.80s\" is the story of alert %s from another "
	         "feed; not alerted twice%s",
	    d->feed, it->title ? it->title : "(untitled)", twin,
	    queued > 0 ? "; queued for the targets that follow only this feed" :
	                 "");
	return 1;
}

/* Match one new item and record its alerts; pending grows by its
 * message when it raised any. */
static int
alert_item(struct pipeline *pl, const struct item_batch *d,
    const struct feed_conf *fc, const struct item *it, int64_t item_id,
    int send, struct pending **pend, size_t *n_pend,
    struct fetch_commit_result *res, struct errbuf *eb)
{
	int64_t now = clock_now_ms();
	struct alert_msg msg;
	struct pending *p;
	int rc = 0, nm;

	nm = matcher_run(pl->deps.matcher, it, &pl->ms);
	if (nm < 0)
		return errbuf_set(eb, nm, "feed %s: out of memory matching",
		    d->feed);
	alert_msg_init(&msg);
	for (size_t i = 0; i < pl->ms.n && rc >= 0; i++) {
		const struct match *m = &pl->ms.v[i];

		if (fc != NULL && !strlist_wants(&fc->profiles, m->profile))
			continue;
		if (m->near) {
			rc = record_near(pl, d, it, item_id, m, now, eb);
			continue;
		}
		rc = same_story(pl, d, it, item_id, m, send, now, res, eb);
		if (rc == 0)
			rc = record(pl, d, it, item_id, m, now, &msg, eb);
	}
	if (rc < 0 || msg.n == 0) {
		alert_msg_clear(&msg);
		return rc < 0 ? rc : 0;
	}
	qsort(msg.v, msg.n, sizeof(*msg.v), by_score);
	res->alerts += (unsigned)msg.n;
	p = realloc(*pend, (*n_pend + 1) * sizeof(**pend));
	if (p == NULL) {
		alert_msg_clear(&msg);
		return errbuf_set(eb, -ENOMEM, "out of memory");
	}
	*pend = p;
	p = &p[(*n_pend)++];
	p->m = msg;
	p->n_targets = 0;
	if (send) {
		rc = queue(pl, &p->m, d->feed, now, eb);
		if (rc < 0)
			return rc;
		p->n_targets = (size_t)rc;
		res->queued += (unsigned)rc;
	}
	return 0;
}

static void
pending_free(struct pending *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		alert_msg_clear(&p[i].m);
	free(p);
}

int
pipeline_commit(struct pipeline *pl, const struct item_batch *d,
    const struct store_poll *p, int send, struct fetch_commit_result *res,
    struct errbuf *eb)
{
	const struct config *c = pl->deps.config;
	const struct feed_conf *fc = config_feed(c, d->feed);
	struct store_doc_opts opts = { .now_ms = d->fetched_ms,
		.backlog_ms = (int64_t)c->daemon.backlog_ms,
		.realert_on_update = c->daemon.realert_on_update };
	struct store_doc_summary sum;
	struct store_verdict v;
	struct pending *pend = NULL;
	struct store_doc *sd = NULL;
	size_t n_pend = 0;
	int rc;

	memset(res, 0, sizeof(*res));
	rc = store_doc_begin(pl->deps.store, d->feed, &opts, &sd, eb);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < d->n; i++) {
		rc = store_doc_item(sd, &d->items[i], &v, eb);
		if (rc >= 0 && v.alert)
			rc = alert_item(pl, d, fc, &d->items[i], v.item_id,
			    send, &pend, &n_pend, res, eb);
		if (rc < 0)
			goto fail;
	}
	rc = store_doc_commit(sd, p, &sum, eb);
	sd = NULL; /* freed by the commit, whatever its result */
	if (rc < 0)
		goto fail;
	res->items = sum.items;
	res->new_items = sum.new_items;
	res->first_poll = sum.first_poll;
	res->guid_rewrite = sum.guid_rewrite;
	res->all_new = !sum.first_poll && sum.items > 1 &&
	    sum.new_items == sum.items;
	for (size_t i = 0; i < n_pend; i++)
		if (pl->deps.on_alert != NULL)
			pl->deps.on_alert(pl->deps.arg, &pend[i].m,
			    pend[i].n_targets);
	pending_free(pend, n_pend);
	if (res->queued > 0 && pl->deps.on_queued != NULL)
		pl->deps.on_queued(pl->deps.arg);
	return 0;
fail:
	store_doc_abort(sd);
	pending_free(pend, n_pend);
	return rc;
}
