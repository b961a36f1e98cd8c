/*
 * charset -- any document encoding to clean UTF-8, as a stream.
 *
 * The parser puts this decoder in front of libxml2 and jansson, so they only
 * ever see valid UTF-8.  The encoding comes from the document: a byte order
 * mark, else the XML declaration's encoding="...", else UTF-8.  Other
 * encodings go through iconv.  Invalid or truncated sequences, and the
 * characters XML forbids (C0 controls other than tab, CR and LF; U+FFFE,
 * U+FFFF), become U+FFFD: they are replaced, never passed through, and the
 * number replaced is counted so the parser can report the fault.
 */
#ifndef UKEUWATCH_FEEDS_CHARSET_H
#define UKEUWATCH_FEEDS_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/errbuf.h"

struct buf;
struct charset_dec; /* opaque */

/* A decoder for one document.  0 or -ENOMEM. */
int charset_dec_new(struct charset_dec **out) MUST_CHECK;

/*
 * Decode the next n bytes of the document, appending UTF-8 to out.  Bytes
 * may be held back until the encoding is known or a sequence is complete;
 * final = true flushes them (a truncated sequence becomes U+FFFD).
 * Returns 0, or -ENOMEM/-EFBIG from out.
 */
int charset_dec_push(struct charset_dec *d, const char *in, size_t n,
    bool final, struct buf *out) MUST_CHECK;

/*
 * As charset_dec_push into out (reset first), but when the bytes are clean
 * UTF-8 already, as most chunks of most documents are, nothing is copied:
 * *view is in itself.  Otherwise *view is out's data.  *view[0..*view_len)
 * is valid until in or out changes.  Returns 0, or -ENOMEM/-EFBIG.
 */
int charset_dec_view(struct charset_dec *d, const char *in, size_t n,
    bool final, struct buf *out, const char **view,
    size_t *view_len) MUST_CHECK;

/* The encoding in use ("UTF-8", "UTF-16LE", "WINDOWS-1252", ...), or NULL
 * while it is still being sniffed. */
const char *charset_dec_name(const struct charset_dec *d);

/* Sequences replaced with U+FFFD so far. */
size_t charset_dec_replaced(const struct charset_dec *d);

void charset_dec_free(struct charset_dec *d);

/*
 * Append the n bytes at s to out as valid UTF-8, replacing invalid
 * sequences with U+FFFD and dropping forbidden control characters.  Returns the
 * number replaced (>= 0), or -ENOMEM/-EFBIG.
 */
int charset_utf8_clean(const char *s, size_t n, struct buf *out) MUST_CHECK;

/* Is s[0..n) valid UTF-8 with no character that XML forbids? */
bool charset_utf8_valid(const char *s, size_t n);

#endif /* UKEUWATCH_FEEDS_CHARSET_H */
