/*
 * clock -- the time, in one place: wall-clock milliseconds for what is
 * stored and shown, monotonic milliseconds for what is measured.
 */
#ifndef UKEUWATCH_DAEMON_CLOCK_H
#define UKEUWATCH_DAEMON_CLOCK_H

#include <stdint.h>

/* Milliseconds since the Unix epoch. */
int64_t clock_now_ms(void);

/* Milliseconds on CLOCK_MONOTONIC (for durations and deadlines). */
int64_t clock_mono_ms(void);

/* Microseconds on CLOCK_MONOTONIC (sd_notify MONOTONIC_USEC). */
uint64_t clock_mono_us(void);

/* "2017-09-12T10:15:00Z" for ms since the epoch; out has 32 bytes. */
void clock_format(int64_t ms, char out[32]);

#endif /* UKEUWATCH_DAEMON_CLOCK_H */
