/* item.c -- see item.h. */
#include "feeds/item.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
item_init(struct item *it)
{
	memset(it, 0, sizeof(*it));
	it->published = ITEM_NO_TIME;
	it->updated = ITEM_NO_TIME;
}

static void
strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
item_clear(struct item *it)
{
	free(it->id);
	free(it->key);
	free(it->title);
	free(it->link);
	free(it->summary);
	free(it->content);
	strv_free(it->authors, it->n_authors);
	strv_free(it->categories, it->n_categories);
	for (size_t i = 0; i < it->n_enclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	item_init(it);
}

/* strdup that keeps NULL; false only on ENOMEM. */
static bool
dup(char **dst, const char *src)
{
	*dst = src != NULL ? strdup(src) : NULL;
	return src == NULL || *dst != NULL;
}

static bool
strv_dup(char ***dst, const char *const *src, size_t n)
{
	*dst = NULL;
	if (n == 0)
		return true;
	*dst = calloc(n, sizeof(**dst));
	if (*dst == NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!dup(&(*dst)[i], src[i]))
			return false;
	return true;
}

int
item_copy(struct item *dst, const struct item *src)
{
	item_init(dst);
	dst->published = src->published;
	dst->updated = src->updated;
	/* counts are set before the arrays fill, so item_clear frees the
	 * part that was copied when an allocation fails */
	dst->n_authors = src->n_authors;
	dst->n_categories = src->n_categories;
	if (!dup(&dst->id, src->id) || !dup(&dst->key, src->key) ||
	    !dup(&dst->title, src->title) || !dup(&dst->link, src->link) ||
	    !dup(&dst->summary, src->summary) ||
	    !dup(&dst->content, src->content) ||
	    !strv_dup(&dst->authors, (const char *const *)src->authors,
	        src->n_authors) ||
	    !strv_dup(&dst->categories, (const char *const *)src->categories,
	        src->n_categories))
		goto fail;
	if (src->n_enclosures > 0) {
		dst->enclosures = calloc(src->n_enclosures,
		    sizeof(*dst->enclosures));
		if (dst->enclosures == NULL)
			goto fail;
		dst->n_enclosures = src->n_enclosures;
		for (size_t i = 0; i < src->n_enclosures; i++) {
			dst->enclosures[i].length = src->enclosures[i].length;
			if (!dup(&dst->enclosures[i].url,
			        src->enclosures[i].url) ||
			    !dup(&dst->enclosures[i].type,
			        src->enclosures[i].type))
				goto fail;
		}
	}
	return 0;
fail:
	if (dst->authors == NULL)
		dst->n_authors = 0;
	if (dst->categories == NULL)
		dst->n_categories = 0;
	item_clear(dst);
	return -ENOMEM;
}

void
feed_meta_init(struct feed_meta *m)
{
	memset(m, 0, sizeof(*m));
	m->updated = ITEM_NO_TIME;
}

void
feed_meta_clear(struct feed_meta *m)
{
	free(m->title);
	free(m->link);
	free(m->description);
	free(m->language);
	feed_meta_init(m);
}

/* Howard Hinnant's civil_from_days, the inverse of date.c's. */
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

void
item_time_format(int64_t t, char out[32])
{
	int64_t days, secs, y;
	unsigned int m, d;

	out[0] = '\0';
	/* years 0001-9999 only: RFC 3339 has four-digit years */
	if (t == ITEM_NO_TIME || t < -62135596800LL || t > 253402300799LL)
		return;
	days = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil(days, &y, &m, &d);
	snprintf(out, 32, "%04lld-%02u-%02uT%02d:%02d:%02dZ", (long long)y, m,
	    d, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}
