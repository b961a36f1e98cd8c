/*
 * errbuf -- the context of a failure that a user must read.
 *
 * A caller-owned record: a negative errno plus a fixed 256-byte message, so
 * it can be filled even when memory is exhausted.  Functions that can fail
 * return a negative errno and, when given an errbuf, say in it what failed
 * and what to do ("feed mod-news: ...").  The layer that decides what to do
 * about the failure logs the message; lower layers only fill it.
 */
#ifndef UKEUWATCH_LIB_ERRBUF_H
#define UKEUWATCH_LIB_ERRBUF_H

#define MUST_CHECK        __attribute__((warn_unused_result))
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

struct errbuf {
	int code;      /* negative errno, 0 when nothing was set */
	char msg[256]; /* NUL-terminated, possibly truncated */
};

/* Clear eb (eb may be NULL). */
void errbuf_clear(struct errbuf *eb);

/*
 * Record code and a formatted message in eb (which may be NULL) and return
 * code, so that `return errbuf_set(eb, -EINVAL, "...")` reads naturally.
 */
int errbuf_set(struct errbuf *eb, int code, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

#endif /* UKEUWATCH_LIB_ERRBUF_H */
