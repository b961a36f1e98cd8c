/* clock.c -- see clock.h. */
#include "lib/clock.h"

#include <stdint.h>
#include <stdio.h>
#include <time.h>

int64_t
clock_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
clock_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

uint64_t
clock_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

#define FIRST_S (-62135596800LL) /* 0001-01-01T00:00:00Z */
#define LAST_S  253402300799LL   /* 9999-12-31T23:59:59Z */

/* Howard Hinnant's civil_from_days (the inverse of feeds/date.c's): unlike
 * gmtime_r it needs no time_t range. */
static void
civil(int64_t z, int64_t *y, unsigned int *m, unsigned int *d)
{
	int64_t era;
	unsigned int doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned int)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

/* frac < 0: no fraction. */
static const char *
format(int64_t s, int frac, char out[CLOCK_TEXT_LEN])
{
	int64_t days, secs, y;
	unsigned m, d;
	int n;

	out[0] = '\0';
	if (s < FIRST_S || s > LAST_S)
		return NULL;
	days = s / 86400;
	secs = s % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil(days, &y, &m, &d);
	n = snprintf(out, CLOCK_TEXT_LEN, "%04d-%02u-%02uT%02d:%02d:%02d",
	    (int)y, m, d, (int)(secs / 3600), (int)(secs / 60 % 60),
	    (int)(secs % 60));
	if (frac >= 0)
		n += snprintf(out + n, CLOCK_TEXT_LEN - (size_t)n, ".%03d",
		    frac % 1000);
	snprintf(out + n, CLOCK_TEXT_LEN - (size_t)n, "Z");
	return out;
}

static const char *
format_ms(int64_t ms, int with_frac, char out[CLOCK_TEXT_LEN])
{
	int64_t frac = ms % 1000, s = ms / 1000;

	/* floor for negative ms; ms - frac overflowed at INT64_MIN (the
	 * "no time" value some callers pass) */
	if (frac < 0) {
		frac += 1000;
		s--;
	}
	return format(s, with_frac ? (int)frac : -1, out);
}

const char *
clock_format(int64_t ms, char out[CLOCK_TEXT_LEN])
{
	return format_ms(ms, 0, out);
}

const char *
clock_format_ms(int64_t ms, char out[CLOCK_TEXT_LEN])
{
	return format_ms(ms, 1, out);
}

const char *
clock_format_s(int64_t s, char out[CLOCK_TEXT_LEN])
{
	return format(s, -1, out);
}
