/*
 * metrics.c -- see metrics.h.
 *
 * Lookups by name are a linear strcmp over at most METRICS_MAX_LABELS
 * short names: a delivery or an alert is rare next to the work around it,
 * and an array keeps the registry free of allocation after start.
 */
#include "lib/metrics.h"

#include <stdio.h>
#include <string.h>

/* From a few seconds (a webhook right after the poll) to a day (a
 * receiver down overnight): where alerting SLOs are drawn. */
const double metrics_lat_bounds[METRICS_LAT_BUCKETS] = { 1, 5, 15, 30, 60, 120,
	300, 600, 1800, 3600, 21600, 86400 };

static struct metrics reg = { .n_labels = { 1, 1 },
	.names = { { "other" }, { "other" } } };

static const char *const poll_names[METRICS_POLL__COUNT] = { "ok", "unchanged",
	"gone", "dns", "connect", "tls", "timeout", "http", "cdn", "not-a-feed",
	"xml", "too-large", "store", "other" };

static const char *const outcome_names[METRICS_OUTCOME__COUNT] = { "delivered",
	"retry", "dead", "rejected" };

const char *
metrics_poll_name(enum metrics_poll p)
{
	return p < METRICS_POLL__COUNT ? poll_names[p] : "other";
}

const char *
metrics_outcome_name(enum metrics_outcome o)
{
	return o < METRICS_OUTCOME__COUNT ? outcome_names[o] : "other";
}

enum metrics_poll
metrics_poll_class(const char *error_class)
{
	if (error_class == NULL)
		return METRICS_POLL_OK;
	for (int i = METRICS_POLL_DNS; i < METRICS_POLL__COUNT; i++)
		if (strcmp(poll_names[i], error_class) == 0)
			return (enum metrics_poll)i;
	return METRICS_POLL_OTHER;
}

/* Index of name in kind, or of "other" (slot 0). */
static size_t
label_index(enum metrics_kind kind, const char *name)
{
	for (size_t i = 1; name != NULL && i < reg.n_labels[kind]; i++)
		if (strcmp(reg.names[kind][i], name) == 0)
			return i;
	return 0;
}

void
metrics_set_labels(enum metrics_kind kind, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(names[i]);

		if (len >= METRICS_NAME_MAX || label_index(kind, names[i]) != 0)
			continue;
		if (reg.n_labels[kind] == METRICS_MAX_LABELS)
			break;
		memcpy(reg.names[kind][reg.n_labels[kind]++], names[i],
		    len + 1);
	}
}

void
metrics_poll(enum metrics_poll p, uint64_t bytes, unsigned items,
    unsigned new_items)
{
	reg.polls[p < METRICS_POLL__COUNT ? p : METRICS_POLL_OTHER]++;
	reg.bytes += bytes;
	reg.items_seen += items;
	reg.items_new += new_items;
}

void
metrics_alert(const char *profile)
{
	reg.alerts[label_index(METRICS_PROFILE, profile)]++;
}

static void
observe(struct metrics_hist *h, double s)
{
	size_t i = 0;

	if (s < 0)
		s = 0; /* a feed's clock ahead of ours */
	while (i < METRICS_LAT_BUCKETS && s > metrics_lat_bounds[i])
		i++;
	h->bucket[i]++;
	h->count++;
	h->sum += s;
}

void
metrics_delivery(const char *target, enum metrics_outcome o,
    int64_t published_ms, int64_t detected_ms, int64_t now_ms)
{
	if (o >= METRICS_OUTCOME__COUNT)
		return;
	reg.deliveries[label_index(METRICS_TARGET, target)][o]++;
	if (o != METRICS_DELIVERED)
		return;
	if (published_ms > 0)
		observe(&reg.published_lat,
		    (double)(now_ms - published_ms) / 1000.0);
	if (detected_ms > 0)
		observe(&reg.detected_lat,
		    (double)(now_ms - detected_ms) / 1000.0);
}

const struct metrics *
metrics_get(void)
{
	return &reg;
}

void
metrics_reset(void)
{
	memset(&reg, 0, sizeof(reg));
	for (int k = 0; k < METRICS_KIND__COUNT; k++) {
		reg.n_labels[k] = 1;
		snprintf(reg.names[k][0], METRICS_NAME_MAX, "other");
	}
}
