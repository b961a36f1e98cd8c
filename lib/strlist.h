/*
 * strlist -- a growable list of owned strings (config lists, collected
 * error messages).
 */
#ifndef UKEUWATCH_LIB_STRLIST_H
#define UKEUWATCH_LIB_STRLIST_H

#include <stddef.h>

#include "lib/errbuf.h"

struct strlist {
	char **v; /* owned array of owned strings */
	size_t n;
};

/* Append a copy of s.  0 or -ENOMEM (l unchanged). */
int strlist_push(struct strlist *l, const char *s) MUST_CHECK;
/* Free every string and the array; l is then empty and reusable. */
void strlist_clear(struct strlist *l);
/* Does list hold s?  An empty list holds everything (a filter not set). */
int strlist_wants(const struct strlist *l, const char *s);

#endif /* UKEUWATCH_LIB_STRLIST_H */
