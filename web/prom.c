/*
 * prom.c -- see prom.h.
 */
#include "web/prom.h"

#include <stdio.h>
#include <string.h>

#include "lib/conf.h"
#include "lib/metrics.h"
#include "store/store.h"
#include "store/store_health.h"
#include "store/store_read.h"
#include "web/page.h"

int
prom_label_value(struct buf *b, const char *s)
{
	int rc = 0;

	for (; rc == 0 && *s; s++) {
		if (*s == '\\')
			rc = buf_appends(b, "\\\\");
		else if (*s == '"')
			rc = buf_appends(b, "\\\"");
		else if (*s == '\n')
			rc = buf_appends(b, "\\n");
		else
			rc = buf_appendc(b, *s);
	}
	return rc;
}

static int
family(struct buf *b, const char *name, const char *type, const char *help)
{
	return buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name,
	    type);
}

/* A family of one unlabelled sample: a count. */
static int
single(struct buf *b, const char *name, const char *type, const char *help,
    unsigned long long v)
{
	int rc = family(b, name, type, help);

	return rc == 0 ? buf_printf(b, "%s %llu\n", name, v) : rc;
}

/* name{label="value"} v */
static int
sample(struct buf *b, const char *name, const char *label, const char *value,
    const char *fmt_value)
{
	int rc = buf_printf(b, "%s{%s=\"", name, label);

	if (rc == 0)
		rc = prom_label_value(b, value);
	if (rc == 0)
		rc = buf_printf(b, "\"} %s\n", fmt_value);
	return rc;
}

static int
histogram(struct buf *b, const char *name, const char *help,
    const struct metrics_hist *h)
{
	uint64_t cum = 0;
	int rc = family(b, name, "histogram", help);

	for (int i = 0; rc == 0 && i <= METRICS_LAT_BUCKETS; i++) {
		cum += h->bucket[i];
		if (i < METRICS_LAT_BUCKETS)
			rc = buf_printf(b, "%s_bucket{le=\"%g\"} %llu\n", name,
			    metrics_lat_bounds[i], (unsigned long long)cum);
		else
			rc = buf_printf(b, "%s_bucket{le=\"+Inf\"} %llu\n",
			    name, (unsigned long long)cum);
	}
	if (rc == 0)
		rc = buf_printf(b, "%s_sum %.3f\n%s_count %llu\n", name, h->sum,
		    name, (unsigned long long)h->count);
	return rc;
}

static int
polls(struct buf *b, const struct metrics *m)
{
	uint64_t ok = m->polls[METRICS_POLL_OK],
	         un = m->polls[METRICS_POLL_UNCHANGED];
	char v[32];
	int rc = family(b, "ukeuwatch_polls_total", "counter",
	    "Feed polls since start, by result class.");

	for (int i = 0; rc == 0 && i < METRICS_POLL__COUNT; i++) {
		snprintf(v, sizeof(v), "%llu", (unsigned long long)m->polls[i]);
		rc = sample(b, "ukeuwatch_polls_total", "result",
		    metrics_poll_name((enum metrics_poll)i), v);
	}
	if (rc == 0)
		rc = family(b, "ukeuwatch_polls_unchanged_ratio", "gauge",
		    "Share of successful polls answered 304 Not Modified.");
	if (rc == 0)
		rc = buf_printf(b, "ukeuwatch_polls_unchanged_ratio %.4f\n",
		    ok + un ? (double)un / (double)(ok + un) : 0.0);
	if (rc == 0)
		rc = single(b, "ukeuwatch_fetched_bytes_total", "counter",
		    "Body bytes fetched from feeds.", m->bytes);
	if (rc == 0)
		rc = single(b, "ukeuwatch_items_seen_total", "counter",
		    "Items read from fetched documents.", m->items_seen);
	if (rc == 0)
		rc = single(b, "ukeuwatch_items_new_total", "counter",
		    "Items seen for the first time.", m->items_new);
	return rc;
}

int
prom_counters(struct buf *b, const struct metrics *m)
{
	char v[32];
	int rc = polls(b, m);

	if (rc == 0)
		rc = family(b, "ukeuwatch_alerts_total", "counter",
		    "Alerts committed since start, by profile.");
	for (size_t i = 0; rc == 0 && i < m->n_labels[METRICS_PROFILE]; i++) {
		snprintf(v, sizeof(v), "%llu",
		    (unsigned long long)m->alerts[i]);
		rc = sample(b, "ukeuwatch_alerts_total", "profile",
		    m->names[METRICS_PROFILE][i], v);
	}
	if (rc == 0)
		rc = family(b, "ukeuwatch_deliveries_total", "counter",
		    "Delivery attempts since start, by target and outcome.");
	for (size_t i = 0; rc == 0 && i < m->n_labels[METRICS_TARGET]; i++)
		for (int o = 0; rc == 0 && o < METRICS_OUTCOME__COUNT; o++) {
			rc = buf_appends(b,
			    "ukeuwatch_deliveries_total{target=\"");
			if (rc == 0)
				rc = prom_label_value(b,
				    m->names[METRICS_TARGET][i]);
			if (rc == 0)
				rc = buf_printf(b, "\",outcome=\"%s\"} %llu\n",
				    metrics_outcome_name(
				        (enum metrics_outcome)o),
				    (unsigned long long)m->deliveries[i][o]);
		}
	if (rc == 0)
		rc = histogram(b, "ukeuwatch_delivery_from_published_seconds",
		    "Time from an item's published date to its delivery.",
		    &m->published_lat);
	if (rc == 0)
		rc = histogram(b, "ukeuwatch_delivery_from_detected_seconds",
		    "Time from matching an item to its delivery.",
		    &m->detected_lat);
	return rc;
}

struct scrape {
	struct buf *b;
	const struct config *c;
	int64_t now;
	int pass; /* which family of the outbox walk is written */
	int64_t failing;
};

static int
on_outbox(void *arg, const struct store_outbox_count *o)
{
	struct scrape *s = arg;
	char v[32];
	int64_t age;

	if (config_target(s->c, o->target) == NULL)
		return 0; /* a removed target: no unbounded labels */
	age = o->oldest_pending_ms ? s->now - o->oldest_pending_ms : 0;
	if (s->pass == 0)
		snprintf(v, sizeof(v), "%lld",
		    (long long)(o->queued + o->retrying));
	else if (s->pass == 1)
		snprintf(v, sizeof(v), "%.3f",
		    age > 0 ? (double)age / 1000.0 : 0.0);
	else
		snprintf(v, sizeof(v), "%lld", (long long)o->dead);
	return sample(s->b,
	    s->pass == 0     ? "ukeuwatch_outbox_depth" :
	        s->pass == 1 ? "ukeuwatch_outbox_oldest_age_seconds" :
	                       "ukeuwatch_dead_letters",
	    "target", o->target, v);
}

static int
on_feed(void *arg, const struct store_feed_health *h)
{
	struct scrape *s = arg;
	char v[32];

	if (config_feed(s->c, h->name) == NULL)
		return 0;
	if (s->pass == 0) {
		s->failing += h->error_streak > 0;
		return 0;
	}
	if (h->last_ok_ms <= 0)
		return 0;
	snprintf(v, sizeof(v), "%.3f", (double)h->last_ok_ms / 1000.0);
	return sample(s->b, "ukeuwatch_feed_last_success_timestamp_seconds",
	    "feed", h->name, v);
}

static int
gauges(const struct page_env *env, struct scrape *s, struct errbuf *eb)
{
	static const char *const fam[3][2] = {
		{ "ukeuwatch_outbox_depth",
		    "Deliveries queued or waiting to retry, by target." },
		{ "ukeuwatch_outbox_oldest_age_seconds",
		    "Age of the oldest pending delivery, by target." },
		{ "ukeuwatch_dead_letters",
		    "Deliveries given up on (ukeuwatch alerts --failed)." }
	};
	int rc = 0;

	for (s->pass = 0; rc == 0 && s->pass < 3; s->pass++) {
		rc = family(s->b, fam[s->pass][0], "gauge", fam[s->pass][1]);
		if (rc == 0)
			rc = store_read_outbox(env->reader, on_outbox, s, eb);
	}
	s->pass = 0;
	if (rc == 0)
		rc = store_read_feed_health(env->reader, on_feed, s, eb);
	if (rc == 0)
		rc = single(s->b, "ukeuwatch_feeds_failing", "gauge",
		    "Configured feeds whose last poll failed.",
		    (unsigned long long)s->failing);
	if (rc == 0)
		rc = single(s->b, "ukeuwatch_feeds", "gauge",
		    "Configured feeds.", s->c->n_feeds);
	s->pass = 1;
	if (rc == 0)
		rc = family(s->b,
		    "ukeuwatch_feed_last_success_timestamp_seconds", "gauge",
		    "Unix time of each feed's last successful poll.");
	if (rc == 0)
		rc = store_read_feed_health(env->reader, on_feed, s, eb);
	return rc;
}

void
prom_metrics(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp)
{
	struct scrape s = { .b = &resp->body,
		.c = env->config,
		.now = r->now_ms };
	struct errbuf eb = { 0 };
	int rc;

	resp->type = "text/plain; version=0.0.4; charset=utf-8";
	rc = prom_counters(&resp->body, metrics_get());
	if (rc == 0 && env->reader != NULL)
		rc = gauges(env, &s, &eb);
	if (rc < 0)
		page_failed(resp, &eb);
}
