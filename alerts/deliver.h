/*
 * deliver -- the target driver: the request that carries alerts to one
 * target, set up on an xfer request (lib/xfer.h).
 *
 * A webhook target gets one alert's body in the target's format, with its
 * headers and signature (webhook_setup).  A mail target gets one message,
 * or a digest when there are several alerts (mail_message or mail_digest,
 * then mail_setup).  The outbox (alerts/outbox_send.c) and `ukeuwatch
 * test-alert` both send through deliver_setup, so a test alert travels
 * exactly as a real one does.  What the result means is target.h's
 * business.
 */
#ifndef UKEUWATCH_ALERTS_DELIVER_H
#define UKEUWATCH_ALERTS_DELIVER_H

#include <stddef.h>

#include "alerts/mail.h"
#include "lib/buf.h"
#include "lib/errbuf.h"

/* Response bytes read before a delivery's transfer is cut short. */
#define DELIVER_REPLY_CAP (64u * 1024)

struct alert_msg;
struct target_conf;
struct xfer_req;

/*
 * Set up r (not yet started) to send the messages msgs[0..n-1] (each the
 * alerts of one item) to t.  n is 1 for a webhook (digests are mail only);
 * for mail, n > 1 makes a digest.  body
 * and up are the caller's and must outlive the transfer: body holds the
 * webhook body or the mail message (its cap is the caller's), up is the
 * mail upload's read position.  The request's limits come from t.
 * Returns 0, or a negative errno with eb set; r is then the caller's to
 * free.
 */
int deliver_setup(struct xfer_req *r, const struct target_conf *t,
    const struct alert_msg *msgs, size_t n, struct buf *body,
    struct mail_upload *up, struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_ALERTS_DELIVER_H */
