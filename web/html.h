/*
 * html -- the one way feed text reaches a page: every byte of a title,
 * lead, name or URL is written through html_esc, and a URL becomes a link
 * only through html_link, which accepts http and https alone.
 *
 * Feed text is hostile input: a title may hold "<script>" or a link
 * "javascript:".  Escaping every one of & < > " ' makes the same function
 * safe in element content and in quoted attribute values, so no caller
 * has to know which context it writes in.
 */
#ifndef UKEUWATCH_WEB_HTML_H
#define UKEUWATCH_WEB_HTML_H

#include <stddef.h>

#include "lib/buf.h"

/*
 * Append s (NULL: nothing), escaped; C0 control characters other than
 * tab, CR and LF are dropped, so the text is also valid XML 1.0 (the Atom
 * feed uses it).  0 or -EFBIG/-ENOMEM.
 */
int html_esc(struct buf *b, const char *s) MUST_CHECK;

/* The same for n bytes of s. */
int html_escn(struct buf *b, const char *s, size_t n) MUST_CHECK;

/*
 * 1 if url is an absolute http:// or https:// URL (scheme in any case)
 * with a host and no control characters or blanks; else 0.
 */
int html_url_ok(const char *url);

/*
 * <a href="URL" rel="noopener noreferrer">TEXT</a> when html_url_ok(url),
 * else TEXT alone (escaped; url's text when text is NULL).
 */
int html_link(struct buf *b, const char *url, const char *text) MUST_CHECK;

/*
 * text, escaped, with every word that starts with one of the n terms
 * (ASCII case folded; a stem marks the whole word, so "sanction" marks
 * "Sanctions") wrapped in <mark>.
 */
int html_marked(struct buf *b, const char *text, char *const *terms,
    size_t n) MUST_CHECK;

/* Append s percent-encoded for a query string value. */
int html_urlenc(struct buf *b, const char *s) MUST_CHECK;

#endif /* UKEUWATCH_WEB_HTML_H */
