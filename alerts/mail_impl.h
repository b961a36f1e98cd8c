/*
 * mail_impl.h -- shared by mail_msg.c (headers, encodings) and mail_body.c
 * (renderings); private to the mail module.
 */
#ifndef UKEUWATCH_ALERTS_MAIL_IMPL_H
#define UKEUWATCH_ALERTS_MAIL_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"
#include "lib/errbuf.h"

#define CRLF "\r\n"

struct target_conf;

/* What differs between one alert's mail and a digest. */
struct head {
	const char *subject; /* UTF-8, any length */
	const char *id;      /* Message-ID local part, before the target */
	const char *list;    /* List-Id label */
	const char *boundary;
	const char *feed_url; /* or NULL */
	const char *link;     /* or NULL */
};

/* Append s with anything but [A-Za-z0-9.-] made '-', at most max bytes. */
int mail_put_token(struct buf *b, const char *s, size_t max) MUST_CHECK;

/* render_esc_fn: newlines and tabs become spaces (header text). */
size_t mail_oneline_esc(const char *cp, size_t n, int line_start, char *rep);

/*
 * Append headers for h, then text and html (UTF-8, \n line ends) as the
 * quoted-printable parts of a multipart/alternative message.  0, or a
 * negative errno with eb set.
 */
int mail_assemble(struct buf *out, const struct target_conf *t,
    const struct head *h, const struct buf *text, const struct buf *html,
    int64_t now_s, struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_ALERTS_MAIL_IMPL_H */
