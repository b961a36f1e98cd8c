/*
 * units.c -- see units.h.
 *
 * Hand-written rather than strtoull-based: strtoull accepts leading
 * white space, a sign ("-1" wraps to a huge value) and hex, all of which
 * are mistakes in a config file.
 */
#include "lib/units.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct unit {
	const char *name;
	uint64_t mult;
};

static const struct unit durations[] = {
	{ "ms", 1 },
	{ "s", 1000 },
	{ "m", 60 * 1000 },
	{ "h", 3600 * 1000 },
	{ "d", 86400 * 1000 },
	{ "w", 7 * 86400 * 1000ULL },
};

static const struct unit sizes[] = {
	{ "B", 1 },
	{ "KiB", 1ULL << 10 },
	{ "MiB", 1ULL << 20 },
	{ "GiB", 1ULL << 30 },
	{ "kB", 1000 },
	{ "KB", 1000 },
	{ "MB", 1000 * 1000 },
	{ "GB", 1000 * 1000 * 1000ULL },
};

/* Read decimal digits at *p into *v; -ERANGE on overflow, -EINVAL if none. */
static int
digits(const char **p, uint64_t *v)
{
	const char *s = *p;
	uint64_t n = 0;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	while (*s >= '0' && *s <= '9') {
		if (n > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return -ERANGE;
		n = n * 10 + (uint64_t)(*s - '0');
		s++;
	}
	*p = s;
	*v = n;
	return 0;
}

/* The longest unit name that s starts with, or NULL. */
static const struct unit *
unit_at(const char *s, const struct unit *tab, size_t n, size_t *len)
{
	const struct unit *best = NULL;
	size_t i, l, bl = 0;

	for (i = 0; i < n; i++) {
		l = strlen(tab[i].name);
		if (strncmp(s, tab[i].name, l) == 0 && l > bl) {
			best = &tab[i];
			bl = l;
		}
	}
	*len = bl;
	return best;
}

static int
parse(const char *s, const struct unit *tab, size_t ntab, int multi,
    uint64_t *out, const char *what, const char *example, struct errbuf *eb)
{
	const char *p = s;
	const struct unit *u;
	uint64_t total = 0, v;
	size_t ul;
	int rc;

	if (*p == '\0')
		return errbuf_set(eb, -EINVAL, "empty %s", what);
	if (*p == '-')
		return errbuf_set(eb, -EINVAL, "negative %s \"%s\"", what, s);
	while (*p != '\0') {
		rc = digits(&p, &v);
		if (rc == -ERANGE)
			return errbuf_set(eb, -ERANGE, "%s \"%s\" is too large",
			    what, s);
		if (rc < 0)
			return errbuf_set(eb, -EINVAL,
			    "invalid %s \"%s\" (expected e.g. %s)", what, s,
			    example);
		u = unit_at(p, tab, ntab, &ul);
		if (u == NULL && *p == '\0')
			return errbuf_set(eb, -EINVAL,
			    "%s \"%s\" needs a unit (e.g. %s)", what, s,
			    example);
		if (u == NULL)
			return errbuf_set(eb, -EINVAL,
			    "invalid %s \"%s\" (expected e.g. %s)", what, s,
			    example);
		p += ul;
		if (v > UINT64_MAX / u->mult ||
		    total > UINT64_MAX - v * u->mult)
			return errbuf_set(eb, -ERANGE, "%s \"%s\" is too large",
			    what, s);
		total += v * u->mult;
		if (!multi && *p != '\0')
			return errbuf_set(eb, -EINVAL,
			    "invalid %s \"%s\" (expected e.g. %s)", what, s,
			    example);
	}
	*out = total;
	return 0;
}

int
units_duration_parse(const char *s, uint64_t *ms, struct errbuf *eb)
{
	return parse(s, durations, sizeof(durations) / sizeof(durations[0]), 1,
	    ms, "duration", "90s, 10m, 2h, 1d", eb);
}

int
units_size_parse(const char *s, uint64_t *bytes, struct errbuf *eb)
{
	return parse(s, sizes, sizeof(sizes) / sizeof(sizes[0]), 0, bytes,
	    "size", "512KiB, 10MiB", eb);
}

void
units_duration_format(uint64_t ms, char out[32])
{
	static const struct unit order[] = {
		{ "d", 86400 * 1000 },
		{ "h", 3600 * 1000 },
		{ "m", 60 * 1000 },
		{ "s", 1000 },
		{ "ms", 1 },
	};
	size_t i, n = 0;

	if (ms == 0) {
		snprintf(out, 32, "0s");
		return;
	}
	out[0] = '\0';
	for (i = 0; i < sizeof(order) / sizeof(order[0]) && n < 31; i++) {
		if (ms >= order[i].mult) {
			int w = snprintf(out + n, 32 - n, "%llu%s",
			    (unsigned long long)(ms / order[i].mult),
			    order[i].name);
			n += w > 0 ? (size_t)w : 0;
			ms %= order[i].mult;
		}
	}
}

void
units_size_format(uint64_t bytes, char out[32])
{
	if (bytes != 0 && bytes % (1ULL << 30) == 0)
		snprintf(out, 32, "%lluGiB", (unsigned long long)(bytes >> 30));
	else if (bytes != 0 && bytes % (1ULL << 20) == 0)
		snprintf(out, 32, "%lluMiB", (unsigned long long)(bytes >> 20));
	else if (bytes != 0 && bytes % (1ULL << 10) == 0)
		snprintf(out, 32, "%lluKiB", (unsigned long long)(bytes >> 10));
	else
		snprintf(out, 32, "%lluB", (unsigned long long)bytes);
}
