/*
 * clock -- the time, in one place: wall-clock milliseconds for what is
 * stored and shown, monotonic milliseconds for what is measured.
 */
#ifndef UKEUWATCH_LIB_CLOCK_H
#define UKEUWATCH_LIB_CLOCK_H

#include <stdint.h>

/* Milliseconds since the Unix epoch. */
int64_t clock_now_ms(void);

/* Milliseconds on CLOCK_MONOTONIC (for durations and deadlines). */
int64_t clock_mono_ms(void);

/* Microseconds on CLOCK_MONOTONIC (sd_notify MONOTONIC_USEC). */
uint64_t clock_mono_us(void);

#define CLOCK_TEXT_LEN 32 /* room for any RFC 3339 text below */

/*
 * The one RFC 3339 UTC formatter.  clock_format: "2017-09-12T10:15:00Z"
 * for ms since the epoch; clock_format_ms the same with milliseconds
 * ("...:00.123Z", the alert log's and payloads' form); clock_format_s for
 * seconds since the epoch (feed dates).  Years 0001-9999 only, so the text
 * always has four-digit years: outside them (and for INT64_MIN, "no
 * date") out is "" and the call returns NULL; else it returns out.
 */
const char *clock_format(int64_t ms, char out[CLOCK_TEXT_LEN]);
const char *clock_format_ms(int64_t ms, char out[CLOCK_TEXT_LEN]);
const char *clock_format_s(int64_t s, char out[CLOCK_TEXT_LEN]);

#endif /* UKEUWATCH_LIB_CLOCK_H */
