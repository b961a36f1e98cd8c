/*
 * deliver.c -- see deliver.h.
 *
 * The response cap (DELIVER_REPLY_CAP) is small on purpose: only the start
 * of a receiver's answer is kept, for the log line of a failure (the
 * callers keep a few hundred bytes), and the status decides the outcome
 * whatever the body's size (target.h), so reading further only costs.
 */
#include "alerts/deliver.h"

#include <errno.h>
#include <stdlib.h>

#include <curl/curl.h>

#include "alerts/alert.h"
#include "alerts/mail.h"
#include "alerts/webhook.h"
#include "lib/clock.h"
#include "lib/conf.h"
#include "lib/xfer.h"

static int
webhook(struct xfer_req *r, const struct target_conf *t,
    const struct alert_msg *m, int64_t now_s, struct buf *body,
    struct errbuf *eb)
{
	struct curl_slist *hdrs = NULL;
	int rc;

	rc = webhook_setup(xfer_req_easy(r), t, m, now_s, &hdrs, body, eb);
	for (struct curl_slist *h = hdrs; rc == 0 && h != NULL; h = h->next)
		if (xfer_req_add_header(r, h->data) < 0)
			rc = errbuf_set(eb, -ENOMEM, "out of memory");
	curl_slist_free_all(hdrs);
	return rc;
}

/* One message, or a digest of n; mail_digest takes a list of pointers. */
static int
mail_body(const struct target_conf *t, const struct alert_msg *msgs, size_t n,
    int64_t now_s, struct buf *body, struct errbuf *eb)
{
	const struct alert_msg **list;
	int rc;

	if (n == 1)
		return mail_message(body, t, &msgs[0], now_s, eb);
	list = calloc(n, sizeof(*list));
	if (list == NULL)
		return errbuf_set(eb, -ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++)
		list[i] = &msgs[i];
	rc = mail_digest(body, t, list, n, now_s, eb);
	free(list);
	return rc;
}

static int
mail(struct xfer_req *r, const struct target_conf *t,
    const struct alert_msg *msgs, size_t n, int64_t now_s, struct buf *body,
    struct mail_upload *up, struct errbuf *eb)
{
	struct curl_slist *rcpt = NULL;
	int rc;

	/* Never on the loop thread: libcurl blocks waiting for the reply to
	 * the end of DATA (see lib/xfer_work.c). */
	if (xfer_req_use_worker(r) < 0)
		return errbuf_set(eb, -ENOMEM, "out of memory");
	rc = mail_body(t, msgs, n, now_s, body, eb);
	if (rc == 0)
		rc = mail_setup(xfer_req_easy(r), t, body, up, &rcpt, eb);
	if (rc == 0 && xfer_req_take_slist(r, rcpt) < 0) {
		curl_slist_free_all(rcpt);
		rc = errbuf_set(eb, -ENOMEM, "out of memory");
	}
	return rc;
}

int
deliver_setup(struct xfer_req *r, const struct target_conf *t,
    const struct alert_msg *msgs, size_t n, struct buf *body,
    struct mail_upload *up, struct errbuf *eb)
{
	int64_t now_s = clock_now_ms() / 1000;

	if (n == 0 || (n > 1 && t->type != TARGET_TYPE_MAIL))
		return errbuf_set(eb, -EINVAL,
		    "target %s: %zu messages in one request", t->name, n);
	xfer_req_set_limits(r, DELIVER_REPLY_CAP, t->timeout_ms);
	if (t->type == TARGET_TYPE_WEBHOOK)
		return webhook(r, t, &msgs[0], now_s, body, eb);
	return mail(r, t, msgs, n, now_s, body, up, eb);
}
