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

struct pipeline {
	struct pipeline_deps deps; /* copied; pointers borrowed */
	struct match_set ms;       /* owned; reused from item to item */
};

/* An alert kept until the commit succeeds, then announced. */
struct pending {
	struct alert a;
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
		.speaker = m->speaker };
}

/*
 * Build the alert for m, record it, and on success keep it in *pend to be
 * announced after the commit.  Returns 1 if recorded, 0 if that alert was
 * already stored (never twice), or a negative errno.
 */
static int
record(struct pipeline *pl, const struct item_batch *d, const struct item *it,
    int64_t item_id, const struct match *m, int64_t now, struct pending **pend,
    size_t *n_pend, struct errbuf *eb)
{
	struct alert_hit hit = hit_of(m);
	char id[STORE_ALERT_ID_SIZE];
	struct store_alert_in in;
	const struct feed_conf *fc;
	struct pending *p;
	int rc;

	p = realloc(*pend, (*n_pend + 1) * sizeof(**pend));
	if (p == NULL)
		return errbuf_set(eb, -ENOMEM, "out of memory");
	*pend = p;
	p = &p[*n_pend];
	alert_init(&p->a);
	p->n_targets = 0;
	/* The feed's URL as it may leave the config (never its user info);
	 * a feed just removed by a reload has none to show. */
	fc = config_feed(pl->deps.config, d->feed);
	rc = alert_from_match(&p->a, it, d->feed, fc ? fc->url_shown : NULL,
	    &hit, d->fetched_ms, now);
	if (rc < 0)
		return errbuf_set(eb, rc, "out of memory");
	alert_to_store_in(&p->a, item_id, &in);
	rc = store_alert_insert(pl->deps.store, &in, id, eb);
	if (rc > 0 && alert_set(&p->a.id, id) < 0)
		rc = errbuf_set(eb, -ENOMEM, "out of memory");
	if (rc <= 0) {
		alert_clear(&p->a);
		return rc;
	}
	(*n_pend)++;
	return 1;
}

/* Queue the alert for every target that wants it; returns the count. */
static int
queue(struct pipeline *pl, const char *id, const char *feed,
    const struct match *m, int64_t now, struct errbuf *eb)
{
	const struct config *c = pl->deps.config;
	int n = 0, rc;

	for (size_t i = 0; i < c->n_targets; i++) {
		const struct target_conf *t = &c->targets[i];

		if (!strlist_wants(&t->profiles, m->profile) ||
		    !strlist_wants(&t->feeds, feed) || m->score < t->min_score)
			continue;
		rc = store_outbox_insert(pl->deps.store, id, t->name, now, eb);
		if (rc < 0)
			return rc;
		n += rc;
	}
	return n;
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
		queued = queue(pl, twin, d->feed, m, now, eb);
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

/* Match one new item and record its alerts; pending grows. */
static int
alert_item(struct pipeline *pl, const struct item_batch *d,
    const struct feed_conf *fc, const struct item *it, int64_t item_id,
    int send, struct pending **pend, size_t *n_pend,
    struct fetch_commit_result *res, struct errbuf *eb)
{
	int64_t now = clock_now_ms();
	struct pending *p;
	int rc, nm;

	nm = matcher_run(pl->deps.matcher, it, &pl->ms);
	if (nm < 0)
		return errbuf_set(eb, nm, "feed %s: out of memory matching",
		    d->feed);
	for (size_t i = 0; i < pl->ms.n; i++) {
		const struct match *m = &pl->ms.v[i];

		if (fc != NULL && !strlist_wants(&fc->profiles, m->profile))
			continue;
		rc = same_story(pl, d, it, item_id, m, send, now, res, eb);
		if (rc < 0)
			return rc;
		if (rc > 0)
			continue; /* a sighting of another feed's alert */
		rc = record(pl, d, it, item_id, m, now, pend, n_pend, eb);
		if (rc < 0)
			return rc;
		if (rc == 0)
			continue; /* that alert exists: never twice */
		p = &(*pend)[*n_pend - 1];
		res->alerts++;
		if (send) {
			rc = queue(pl, p->a.id, d->feed, m, now, eb);
			if (rc < 0)
				return rc;
			p->n_targets = (size_t)rc;
			res->queued += (unsigned)rc;
		}
	}
	return 0;
}

static void
pending_free(struct pending *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		alert_clear(&p[i].a);
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
			pl->deps.on_alert(pl->deps.arg, &pend[i].a,
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
