/*
 * derive -- propose a profile from example articles: the stems and
 * two-word phrases most distinctive of the seeds against a background of
 * general English stem frequencies (seeds/background.tsv).
 *
 * Each stem's score is its share of the seed words over its smoothed share
 * of the background (a log ratio), times the number of seeds it occurs in,
 * so a word of one seed or of everyday English ranks low.  Function words
 * never count.  The proposal is a profile file (alerts/profile.h) with a
 * comment per term saying why, for a person to curate.  The same counting
 * over a corpus writes the background itself (derive_write_counts).
 */
#ifndef UKEUWATCH_MATCH_DERIVE_H
#define UKEUWATCH_MATCH_DERIVE_H

#include <stddef.h>

#include "lib/errbuf.h"

struct buf;
struct derive; /* opaque: counts of stems and phrases */

int derive_new(struct derive **out) MUST_CHECK;
void derive_free(struct derive *d);

/* Count one seed document (UTF-8, len bytes).  0 or -ENOMEM. */
int derive_add(struct derive *d, const char *text, size_t len) MUST_CHECK;

/*
 * Read the background TSV at path ("# " comment lines, then "stem<TAB>count"
 * lines; a "# total: N" comment gives the corpus size).  0, or a negative
 * errno with eb saying why.
 */
int derive_load_background(struct derive *d, const char *path,
    struct errbuf *eb) MUST_CHECK;

/*
 * Append to out a proposed profile called name with at most max_terms
 * words and phrases, best first.  0, -ENOMEM or -EFBIG (out's cap);
 * -ENODATA when no seed was added.
 */
int derive_propose(struct derive *d, const char *name, size_t max_terms,
    struct buf *out) MUST_CHECK;

/* Append the counts of everything added as background TSV lines. */
int derive_write_counts(struct derive *d, struct buf *out) MUST_CHECK;

#endif /* UKEUWATCH_MATCH_DERIVE_H */
