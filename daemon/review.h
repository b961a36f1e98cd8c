/*
 * review.h -- reviewers' verdicts for `ukeuwatch alerts`: --mark
 * records whether an analyst wanted an alert, --labels writes every
 * verdict as a labelled set that ../eval's score.py (and so `ukeuwatch
 * match` on an edited profile) can be measured against.
 */
#ifndef UKEUWATCH_DAEMON_REVIEW_H
#define UKEUWATCH_DAEMON_REVIEW_H

#include "lib/errbuf.h"

/* The fewest characters of an alert id --mark takes: what the table shows. */
#define REVIEW_ID_MIN 8

/*
 * Mark each alert of ids (full ids or unique prefixes of at least
 * REVIEW_ID_MIN characters) with verdict ("relevant" or "noise") and note
 * (may be NULL), printing one line per alert.  Returns 0, -EINVAL for a
 * verdict that is neither or an id too short (eb says so; nothing is
 * marked), or the first error; the ids before it are marked.
 */
int review_mark(const char *state, const char *verdict, const char *note,
    char *const *ids, int n_ids, struct errbuf *eb);

/*
 * Every verdict as JSON lines, one per item: {"id", "title", "summary",
 * "date", "labels": [profiles judged relevant], "reviewed": {profile:
 * verdict}, "notes": {profile: note}}.  Only reviewed (item, profile)
 * pairs appear: a profile that alerted on the item but was not reviewed
 * is absent from "reviewed", and score.py does not count it either way.
 * Items whose every verdict is noise have no labels: they are the
 * profile's false positives.
 */
int review_labels(const char *state, struct errbuf *eb);

#endif /* UKEUWATCH_DAEMON_REVIEW_H */
