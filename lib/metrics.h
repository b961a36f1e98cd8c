/*
 * metrics -- the process's counters and histograms for /metrics: polls by
 * result class, bytes fetched, items seen and new, alerts by profile,
 * deliveries by target and outcome, delivery latency.
 *
 * One registry per process, as Prometheus client libraries keep one: the
 * stages that count (daemon/app.c for polls and alerts, alerts/outbox for
 * deliveries) would otherwise need a handle threaded through every option
 * struct for a few additions.  Counting is an array increment: no
 * allocation, no lock (the loop thread is the only writer and reader).
 *
 * Label values are bounded: profile and target names are registered from
 * the config (metrics_set_labels, at start and reload); a name that is not
 * registered counts under "other", so a label set never grows from input.
 * Counters only grow (a reload keeps a name's counts by name).
 */
#ifndef UKEUWATCH_LIB_METRICS_H
#define UKEUWATCH_LIB_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"

#define METRICS_MAX_LABELS 128 /* per kind, "other" included */
#define METRICS_NAME_MAX   128 /* bytes of a label value, with the NUL */

/* Poll result classes: ok, unchanged (304), gone (410), then errors. */
enum metrics_poll {
	METRICS_POLL_OK,
	METRICS_POLL_UNCHANGED,
	METRICS_POLL_GONE,
	METRICS_POLL_DNS,
	METRICS_POLL_CONNECT,
	METRICS_POLL_TLS,
	METRICS_POLL_TIMEOUT,
	METRICS_POLL_HTTP,
	METRICS_POLL_CDN,
	METRICS_POLL_NOT_A_FEED,
	METRICS_POLL_XML,
	METRICS_POLL_TOO_LARGE,
	METRICS_POLL_STORE,
	METRICS_POLL_OTHER,
	METRICS_POLL__COUNT
};

enum metrics_outcome {
	METRICS_DELIVERED,
	METRICS_RETRY,
	METRICS_DEAD,
	METRICS_REJECTED,
	METRICS_OUTCOME__COUNT
};

enum metrics_kind {
	METRICS_PROFILE,
	METRICS_TARGET,
	METRICS_KIND__COUNT
};

/* Delivery latency bucket bounds (seconds); +Inf is implied. */
#define METRICS_LAT_BUCKETS 12
extern const double metrics_lat_bounds[METRICS_LAT_BUCKETS];

struct metrics_hist {
	uint64_t bucket[METRICS_LAT_BUCKETS + 1]; /* per bucket, not cumulative;
	                                             the last is +Inf */
	uint64_t count;
	double sum; /* seconds */
};

/* What /metrics prints; a snapshot is a plain copy. */
struct metrics {
	uint64_t polls[METRICS_POLL__COUNT];
	uint64_t bytes;
	uint64_t items_seen, items_new;
	size_t n_labels[METRICS_KIND__COUNT]; /* registered, "other" last */
	char names[METRICS_KIND__COUNT][METRICS_MAX_LABELS][METRICS_NAME_MAX];
	uint64_t alerts[METRICS_MAX_LABELS]; /* by profile index */
	uint64_t deliveries[METRICS_MAX_LABELS][METRICS_OUTCOME__COUNT];
	struct metrics_hist published_lat, detected_lat;
};

/*
 * Register the label values of kind (copied; names longer than
 * METRICS_NAME_MAX, or past METRICS_MAX_LABELS - 1, count as "other").  A
 * name registered before keeps its counts; a name dropped keeps them too
 * until the process ends (counters never go down).
 */
void metrics_set_labels(enum metrics_kind kind, const char *const *names,
    size_t n);

/* The class of a fetch error_class string (NULL: ok). */
enum metrics_poll metrics_poll_class(const char *error_class);
const char *metrics_poll_name(enum metrics_poll p);
const char *metrics_outcome_name(enum metrics_outcome o);

void metrics_poll(enum metrics_poll p, uint64_t bytes, unsigned items,
    unsigned new_items);
void metrics_alert(const char *profile);
/*
 * One delivery outcome; when delivered, the latency from published_ms
 * (0: undated, not observed) and from detected_ms to now_ms is observed.
 */
void metrics_delivery(const char *target, enum metrics_outcome o,
    int64_t published_ms, int64_t detected_ms, int64_t now_ms);

/* The registry as it stands (borrowed; valid until the next change). */
const struct metrics *metrics_get(void);

/* Forget everything (tests, and each `run` that starts afresh). */
void metrics_reset(void);

#endif /* UKEUWATCH_LIB_METRICS_H */
