/*
 * url -- make feed links absolute.
 *
 * A link in a feed may be relative to the nearest xml:base, which may
 * itself be relative to an outer xml:base and finally to the document's
 * URL.  Resolution follows RFC 3986 through libcurl's URL API
 * (curl_url), the same parser that will fetch the link.
 */
#ifndef UKEUWATCH_FEEDS_URL_H
#define UKEUWATCH_FEEDS_URL_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/errbuf.h"

struct buf;

/* Does s start with an RFC 3986 scheme ("https:", "tag:", "mailto:")? */
bool url_is_absolute(const char *s);

/*
 * Append ref resolved against base to out.  Leading and trailing white
 * space of ref is dropped.  ref is appended as it is when it is absolute
 * already, or when it cannot be resolved (no usable base): a relative link
 * is still more use to a reader than none.  base may be NULL.  Returns 0,
 * -ENOMEM or -EFBIG.
 */
int url_resolve(const char *base, const char *ref, struct buf *out) MUST_CHECK;

#endif /* UKEUWATCH_FEEDS_URL_H */
