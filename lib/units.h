/*
 * units -- strict parsing and formatting of durations and sizes.
 *
 * Durations: one or more NUMBER UNIT pairs, units ms s m h d w
 * ("90s", "10m", "1h30m", "2d").  Sizes: NUMBER UNIT with B, KiB, MiB, GiB
 * (powers of 1024) or kB, MB, GB (powers of 1000).  A unit is always
 * required (a bare "30" is ambiguous), and negative numbers, overflow,
 * fractions and trailing junk are errors.
 */
#ifndef UKEUWATCH_LIB_UNITS_H
#define UKEUWATCH_LIB_UNITS_H

#include <stdint.h>

#include "lib/errbuf.h"

/* Parse s into milliseconds.  0, or -EINVAL / -ERANGE with eb saying why. */
int units_duration_parse(const char *s, uint64_t *ms,
    struct errbuf *eb) MUST_CHECK;

/* Parse s into bytes.  0, or -EINVAL / -ERANGE with eb saying why. */
int units_size_parse(const char *s, uint64_t *bytes,
    struct errbuf *eb) MUST_CHECK;

/* "1h30m", "90s", "0s": the shortest exact form. */
void units_duration_format(uint64_t ms, char out[32]);

/* "10MiB", "512KiB", "1000B": exact, largest binary unit that divides. */
void units_size_format(uint64_t bytes, char out[32]);

#endif /* UKEUWATCH_LIB_UNITS_H */
