/*
 * html_text -- HTML fragments to plain text; the one user of libxml2's HTML
 * parser.
 *
 * Feed text is HTML more often than not (RSS descriptions, Atom
 * type="html", JSON content_html).  The plain text keeps what a reader
 * sees: script, style and template are dropped, block elements (p, div,
 * li, br, h1-h6, tr, ...) become a line break, entities are decoded, and
 * white space (Unicode spaces included) is collapsed to one space and
 * trimmed.  Text with no '<' and no '&' skips the parser altogether, and
 * text whose only markup is entities skips it too (entities are looked up
 * in libxml2's HTML entity table).  Output appended to a caller's buf, so
 * callers reuse one buffer per field.
 *
 * A struct html_text keeps one libxml2 HTML parser context and resets it
 * for each fragment: a feed parser converts thousands of fields, and a new
 * context per field (dictionary, stacks, input buffer) cost more than the
 * parsing itself.
 */
#ifndef UKEUWATCH_FEEDS_HTML_TEXT_H
#define UKEUWATCH_FEEDS_HTML_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"

struct buf;
struct html_text; /* opaque: a reusable HTML-to-text converter */

/* A converter; 0 or -ENOMEM.  One thread at a time may use it. */
int html_text_new(struct html_text **out) MUST_CHECK;

void html_text_free(struct html_text *h);

/*
 * As html_text_append, reusing h's parser.  The output does not depend on
 * what h converted before.
 */
int html_text_run(struct html_text *h, const char *s, size_t n,
    struct buf *out) MUST_CHECK;

/*
 * Append the plain text of the UTF-8 HTML fragment s[0..n) to out.
 * Returns 0, -ENOMEM, or -EFBIG when out's cap is reached.
 */
int html_text_append(const char *s, size_t n, struct buf *out) MUST_CHECK;

/*
 * Append s[0..n), which is plain text already (no markup meaning), with
 * white space collapsed and trimmed.  0, -ENOMEM or -EFBIG.
 */
int html_text_plain(const char *s, size_t n, struct buf *out) MUST_CHECK;

/* The code point of the HTML entity name ("eacute"), or -1 if unknown. */
int32_t html_text_entity(const char *name);

/*
 * The feed URLs an HTML page advertises (<link rel="alternate"
 * type="application/rss+xml|atom+xml|feed+json">), appended to out as
 * written (unresolved), separated by single spaces.  Returns how many were
 * found, or -ENOMEM/-EFBIG.
 */
int html_text_feed_links(const char *s, size_t n, struct buf *out) MUST_CHECK;

#endif /* UKEUWATCH_FEEDS_HTML_TEXT_H */
