/* item.c -- see item.h. */
#include "lib/item.h"

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
	free(it->old_key);
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
	    !dup(&dst->old_key, src->old_key) ||
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
