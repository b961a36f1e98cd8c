/*
 * opml -- read a feed list from an OPML file, the format every feed reader
 * imports and exports.
 *
 * Every <outline> with an xmlUrl attribute (in any capitalisation, at any
 * depth: nested outlines are folders) is one feed.  Its name is made from
 * the text or title attribute, reduced to letters (of any script, in
 * lower case), digits, '.', '_', '-', and made unique with a numeric
 * suffix.
 */
#ifndef UKEUWATCH_FEEDS_OPML_H
#define UKEUWATCH_FEEDS_OPML_H

#include <stddef.h>
#include <stdio.h>

#include "lib/errbuf.h"

struct strlist;

/*
 * Call on_feed for each feed in document order (strings borrowed for the
 * call; line is the outline's line).  Problems are added to errors as
 * "FILE:LINE: message".  Returns 0, -EINVAL when errors were added, or what
 * on_feed returned if < 0.
 */
int opml_load(const char *path,
    int (*on_feed)(void *arg, const char *name, const char *url, int line),
    void *arg, struct strlist *errors) MUST_CHECK;

/*
 * Write an OPML 2.0 document listing n feeds (names[i], urls[i]) to out,
 * with title as its head's title, so that any feed reader, or `opml =`,
 * can import them.  Returns 0, or -EIO with eb saying so.
 */
int opml_write(FILE *out, const char *title, size_t n, const char *const *names,
    const char *const *urls, struct errbuf *eb) MUST_CHECK;

/* The same on a document in memory; label names it in messages. */
int opml_parse(const char *label, const char *data, size_t len,
    int (*on_feed)(void *arg, const char *name, const char *url, int line),
    void *arg, struct strlist *errors) MUST_CHECK;

#endif /* UKEUWATCH_FEEDS_OPML_H */
