/*
 * webhook -- the HTTP POST that delivers one message (alert_msg) to a webhook
 * target.
 *
 * webhook_setup only sets options on an easy handle the caller gives it
 * (the transfer layer's): it never performs, owns or frees the
 * transfer.  It renders the body once, signs exactly those bytes, and posts
 * exactly those bytes, as Standard Webhooks requires.
 */
#ifndef UKEUWATCH_ALERTS_WEBHOOK_H
#define UKEUWATCH_ALERTS_WEBHOOK_H

#include <stdint.h>

#include <curl/curl.h>

#include "lib/buf.h"
#include "lib/errbuf.h"

struct alert_msg;
struct target_conf;

#ifndef UKEUWATCH_VERSION
#define UKEUWATCH_VERSION "dev"
#endif
#define WEBHOOK_USER_AGENT "ukeuwatch/" UKEUWATCH_VERSION

/* Largest body we post: Standard Webhooks asks for ~20 KB, Teams 28 KB. */
#define WEBHOOK_BODY_MAX (64u * 1024)

/*
 * Set up a POST of message m to target t (type webhook) on easy:
 *   - the body, rendered in t's format into body (caller-initialised and
 *     empty; capped at WEBHOOK_BODY_MAX when it has no smaller cap), and
 *     posted from body's memory without a copy (POSTFIELDS);
 *   - CURLOPT_URL from the target's URL secret (never logged: Slack,
 *     Discord and Teams URLs embed their tokens);
 *   - Content-Type: application/json, an empty Expect: (no 100-continue
 *     round trip) and, when t has a secret, the Standard Webhooks headers
 *     webhook-id (the message id, identical on every retry),
 *     webhook-timestamp (now_s, the time of this attempt) and
 *     webhook-signature (one signature per configured secret);
 *   - USERAGENT, FOLLOWLOCATION 0 (a redirect is an error for a webhook),
 *     PROTOCOLS_STR and REDIR_PROTOCOLS_STR "http,https", and TIMEOUT_MS
 *     when t->timeout_ms is set.
 *
 * The header lines are returned in *headers_out, which the caller owns
 * (curl_slist_free_all) and must keep, with body, until the transfer has
 * ended.  webhook_setup also sets CURLOPT_HTTPHEADER to that list; when
 * the transfer layer sets HTTPHEADER itself (daemon/xfer.c does, in
 * xfer_start), hand each line of *headers_out to xfer_req_add_header, or
 * the list to it, instead.
 *
 * Returns 0, or a negative errno with eb naming the target (never its URL
 * or secret): -EINVAL for a bad secret or an id unfit for a header,
 * -EFBIG for a body over the cap, -ENOMEM.  On failure *headers_out is
 * NULL and body may hold a partial render.
 */
int webhook_setup(CURL *easy, const struct target_conf *t,
    const struct alert_msg *m, int64_t now_s, struct curl_slist **headers_out,
    struct buf *body, struct errbuf *eb) MUST_CHECK;

/*
 * The header lines alone (no easy handle): for webhook_setup and for
 * tests.  Same ownership of *headers_out, same errors.
 */
int webhook_headers(const struct target_conf *t, const struct alert_msg *m,
    int64_t now_s, const struct buf *body, struct curl_slist **headers_out,
    struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_ALERTS_WEBHOOK_H */
