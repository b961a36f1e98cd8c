/*
 * rand -- uniform random numbers for jitter, from the kernel's CSPRNG so
 * that restarted daemons do not fall into step.
 */
#ifndef UKEUWATCH_LIB_RAND_H
#define UKEUWATCH_LIB_RAND_H

#include <stdint.h>

/* Uniform in [0, n); 0 when n is 0. */
uint64_t rand_below(uint64_t n);

#endif /* UKEUWATCH_LIB_RAND_H */
