/* strlist.c -- see strlist.h. */
#include "lib/strlist.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int
strlist_push(struct strlist *l, const char *s)
{
	char *d = strdup(s);
	char **v;

	if (d == NULL)
		return -ENOMEM;
	v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (v == NULL) {
		free(d);
		return -ENOMEM;
	}
	l->v = v;
	l->v[l->n++] = d;
	return 0;
}

void
strlist_clear(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int
strlist_wants(const struct strlist *l, const char *s)
{
	if (l->n == 0)
		return 1;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}
