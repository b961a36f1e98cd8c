/*
 * rand.c -- see rand.h.
 *
 * Rejection sampling removes the modulo bias; getrandom(2) does not block
 * once the pool is initialised, which it is long before a daemon starts.
 */
#include "lib/rand.h"

#include <sys/random.h>

#include <time.h>

static uint64_t
raw(void)
{
	static uint64_t fallback = 0x9e3779b97f4a7c15ULL;
	uint64_t v;

	if (getrandom(&v, sizeof(v), GRND_NONBLOCK) == (ssize_t)sizeof(v))
		return v;
	/* No entropy yet: a splitmix step seeded by the clock is enough for
	 * jitter, which needs spread, not secrecy. */
	fallback += 0x9e3779b97f4a7c15ULL + (uint64_t)time(NULL);
	v = fallback;
	v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ULL;
	v = (v ^ (v >> 27)) * 0x94d049bb133111ebULL;
	return v ^ (v >> 31);
}

uint64_t
rand_below(uint64_t n)
{
	uint64_t limit, v;

	if (n == 0)
		return 0;
	limit = UINT64_MAX - UINT64_MAX % n;
	do
		v = raw();
	while (v >= limit);
	return v % n;
}
