/*
 * date -- feed dates to Unix seconds UTC.
 *
 * Feeds write dates in RFC 822/2822 (RSS), RFC 3339 (Atom) and W3C-DTF
 * (Dublin Core), and often get them wrong: day names that do not match,
 * missing seconds or zones, two-digit years, odd zone names.  This module
 * reads all of them leniently; a date it cannot place is ITEM_NO_TIME,
 * never a guess.  Pure: no allocation, no locale, no time zone database.
 */
#ifndef UKEUWATCH_FEEDS_DATE_H
#define UKEUWATCH_FEEDS_DATE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse the len bytes at s (need not be NUL-terminated).  Returns Unix
 * seconds UTC, or ITEM_NO_TIME (INT64_MIN) when s is not a date.  A date
 * with no zone is taken as UTC; a date with no time as midnight.
 */
int64_t date_parse(const char *s, size_t len);

/* Days since 1970-01-01 of a proleptic Gregorian date (m 1-12, d 1-31). */
int64_t date_days_from_civil(int64_t y, unsigned int m, unsigned int d);

#endif /* UKEUWATCH_FEEDS_DATE_H */
