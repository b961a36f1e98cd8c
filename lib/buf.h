/*
 * buf -- a growable byte buffer with a hard cap.
 *
 * Every buffer that grows with untrusted input has a cap; passing it returns
 * -EFBIG, which is how huge or endless input is stopped.  The contents are
 * always NUL-terminated (the terminator is not counted in len).
 */
#ifndef UKEUWATCH_LIB_BUF_H
#define UKEUWATCH_LIB_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "lib/errbuf.h"

struct buf {
	char *data; /* owned; NULL until the first append */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
	size_t max; /* hard cap on len; 0 means SIZE_MAX / 2 */
};

/* An empty buffer that may hold at most max bytes (0: no cap of its own). */
void buf_init(struct buf *b, size_t max);

/* Free the contents; b can be reused after buf_init. */
void buf_clear(struct buf *b);

/* Forget the contents but keep the memory. */
void buf_reset(struct buf *b);

/* Append n bytes.  0, -ENOMEM, or -EFBIG (nothing appended) past the cap. */
int buf_append(struct buf *b, const void *p, size_t n) MUST_CHECK;
int buf_appendc(struct buf *b, char c) MUST_CHECK;
int buf_appends(struct buf *b, const char *s) MUST_CHECK;
int buf_printf(struct buf *b, const char *fmt, ...)
    PRINTF_LIKE(2, 3) MUST_CHECK;
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) MUST_CHECK;

/*
 * Append as much of the n bytes as b's cap leaves room for: the start of a
 * response kept for a report, the rest read and dropped.  Returns the bytes
 * appended (0 when full, or on ENOMEM: the report is only shorter).
 */
size_t buf_append_some(struct buf *b, const void *p, size_t n);

/* Control bytes (NUL included) become spaces: the contents can then go on
 * one log or terminal line as a C string. */
void buf_flatten(struct buf *b);

/*
 * Hand the contents to the caller (never NULL on success: an empty buffer
 * gives ""), leaving b empty.  Returns NULL only on ENOMEM.
 */
char *buf_take(struct buf *b);

/* The contents as a C string ("" when empty); borrowed until the next call. */
const char *buf_str(const struct buf *b);

#endif /* UKEUWATCH_LIB_BUF_H */
