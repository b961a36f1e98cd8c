/*
 * hash -- the one non-cryptographic hash: 64-bit FNV-1a, and a finaliser
 * for values used as index keys.
 *
 * Item keys (feeds/item_key.c), stored key and content hashes (store/),
 * host buckets (feeds/hostq.c) and the matcher's token keys (match/) all
 * hash with it.  Stored hashes must never change, so neither may these
 * functions.  They are inline: the matcher calls hash_fnv_byte once per
 * byte of every item.
 */
#ifndef UKEUWATCH_LIB_HASH_H
#define UKEUWATCH_LIB_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV_BASIS 0xcbf29ce484222325ULL
#define HASH_FNV_PRIME 0x100000001b3ULL

/* One byte into an FNV-1a state. */
static inline uint64_t
hash_fnv_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * HASH_FNV_PRIME;
}

/* n bytes of p into an FNV-1a state (start with HASH_FNV_BASIS). */
static inline uint64_t
hash_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = hash_fnv_byte(h, b[i]);
	return h;
}

/*
 * The murmur3 finaliser: FNV of a short input leaves its high bits
 * poorly mixed, which matters when the value is an index key.
 */
static inline uint64_t
hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

#endif /* UKEUWATCH_LIB_HASH_H */
