/*
 * prom -- /metrics in the Prometheus text exposition format 0.0.4.
 *
 * Counters and histograms come from the process's registry (lib/metrics);
 * gauges that describe the state file (outbox depth, oldest pending age,
 * dead letters, failing feeds, each feed's last success) are read from the
 * read-only connection at scrape time, so they are right after a restart.
 * Label values are only names from the config and fixed class names.
 */
#ifndef UKEUWATCH_WEB_PROM_H
#define UKEUWATCH_WEB_PROM_H

#include "lib/buf.h"

struct metrics;

/* s as a label value: \ " and newline escaped.  0 or -EFBIG/-ENOMEM. */
int prom_label_value(struct buf *b, const char *s) MUST_CHECK;

/* The registry's counters and histograms, with HELP and TYPE lines. */
int prom_counters(struct buf *b, const struct metrics *m) MUST_CHECK;

#endif /* UKEUWATCH_WEB_PROM_H */
