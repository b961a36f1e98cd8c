/*
 * mail -- alert mail: the RFC 5322 message (mail_msg.c) and the SMTP
 * submission options on a transfer's easy handle (mail.c).
 *
 * A message is multipart/alternative with a text/plain part first and an
 * HTML-escaped text/html part last, both UTF-8 in quoted-printable, so the
 * message is 7-bit clean for any relay.  Headers: Date, From, To, Subject
 * (RFC 2047 encoded-words when not plain ASCII, folded), Message-ID
 * (<alert-id.target@sender-domain>: stable, so a resent alert is
 * recognisable), MIME-Version, Auto-Submitted: auto-generated (RFC 3834:
 * no vacation replies), Precedence: bulk, X-Auto-Response-Suppress: All,
 * List-Id (<profile.ukeuwatch.sender-domain>, RFC 2919, for filtering per
 * profile) and, for one alert, X-RSS-Feed (the feed URL) and X-RSS-URL (the
 * item link), as rss2email writes them.  Lines end in CRLF.
 */
#ifndef UKEUWATCH_ALERTS_MAIL_H
#define UKEUWATCH_ALERTS_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include <curl/curl.h>

#include "lib/buf.h"
#include "lib/errbuf.h"

struct alert_msg;
struct target_conf;

/*
 * Append the mail for message m (the alerts of one item), sent to target t
 * (type mail: from, to) at now_s (Unix seconds, for the Date header), to out.
 * Returns 0, -EINVAL (a From/To that is not a plain ASCII mailbox; eb says
 * which), -ENOMEM or -EFBIG.
 */
int mail_message(struct buf *out, const struct target_conf *t,
    const struct alert_msg *m, int64_t now_s, struct errbuf *eb) MUST_CHECK;

/*
 * Append one digest mail batching the messages msgs[0..n-1] (n >= 1, in
 * the order given) for target t.  Its subject names the first titles; its
 * Message-ID is derived from the whole set of alert ids (sorted) and n, so
 * a retried digest of the same batch keeps its id whatever order the
 * retries bring the alerts back in.
 */
int mail_digest(struct buf *out, const struct target_conf *t,
    const struct alert_msg *const *msgs, size_t n, int64_t now_s,
    struct errbuf *eb) MUST_CHECK;

/*
 * The addr-spec of a mailbox ("Name <a@b.example>" or "a@b.example") into
 * out (size bytes): 0, or -EINVAL when it is not one ASCII address with an
 * @ and no white space, control characters, <, > or quotes.
 */
int mail_addr(const char *mailbox, char *out, size_t size) MUST_CHECK;

/* Read position in a message being uploaded; owned by the caller. */
struct mail_upload {
	const struct buf *msg; /* borrowed: the message */
	size_t off;            /* bytes already given to libcurl */
};

/*
 * Set up SMTP submission of msg to target t on easy: CURLOPT_URL from the
 * target's URL secret (smtp:// or smtps://; when it has no path, our host
 * name is added as the path, which libcurl sends as the EHLO name),
 * MAIL_FROM and MAIL_RCPT (from t->from and t->to), UPLOAD with a read
 * callback over up (initialised here to msg), INFILESIZE, USE_SSL
 * CURLUSESSL_ALL when t->starttls is set or the URL is smtps:// (never the
 * TRY mode, which would send a password in clear to a server without
 * STARTTLS), USERNAME and PASSWORD when t has them, PROTOCOLS_STR
 * "smtp,smtps" and TIMEOUT_MS when t->timeout_ms is set.
 *
 * *rcpt_out receives the recipient list, owned by the caller (or handed to
 * xfer_req_take_slist) until the transfer ends; msg and up must also live
 * until then.  Returns 0, or a negative errno with eb naming the target
 * (never its URL or password); on failure *rcpt_out is NULL.
 */
int mail_setup(CURL *easy, const struct target_conf *t, const struct buf *msg,
    struct mail_upload *up, struct curl_slist **rcpt_out,
    struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_ALERTS_MAIL_H */
