/*
 * html_text_impl.h -- private to html_text*.c.
 *
 *   html_text.c       the converter: libxml2's HTML parser, the text writer
 *   html_text_bare.c  markup stripped of attributes before the parser
 */
#ifndef UKEUWATCH_FEEDS_HTML_TEXT_IMPL_H
#define UKEUWATCH_FEEDS_HTML_TEXT_IMPL_H

#include <stddef.h>

#include "lib/buf.h"

/*
 * s[0..n) with every start tag's attributes left out ("<p class=x>" becomes
 * "<p>"), appended to out; comments pass unchanged.  0 or -ENOMEM/-EFBIG.
 */
int html_text_bare(const char *s, size_t n, struct buf *out);

#endif /* UKEUWATCH_FEEDS_HTML_TEXT_IMPL_H */
