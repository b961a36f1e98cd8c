/*
 * webhook.c -- see webhook.h.
 *
 * The signature covers the bytes in body, and POSTFIELDS points libcurl at
 * those same bytes (no COPYPOSTFIELDS), so what is signed is what is sent.
 * Each attempt calls webhook_setup again: a new timestamp and signature,
 * the same webhook-id, and the same body (the generic payload's timestamp
 * is the alert's detected-at, not the attempt's).
 */
#include "alerts/webhook.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "alerts/alert.h"
#include "alerts/payload.h"
#include "alerts/sign.h"
#include "lib/conf.h"
#include "lib/secret.h"

/* A header value must not be able to start another header. */
static int
header_safe(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

static int
add(struct curl_slist **list, const char *line)
{
	struct curl_slist *l = curl_slist_append(*list, line);

	if (l == NULL)
		return -ENOMEM;
	*list = l;
	return 0;
}

/* Prefix eb's message with the target's name (eb is read, then reset). */
static int
name_error(struct errbuf *eb, int rc, const char *target)
{
	char msg[sizeof(eb->msg)];

	if (eb == NULL)
		return rc;
	memcpy(msg, eb->msg, sizeof(msg));
	return errbuf_set(eb, rc, "target %s: %s", target, msg);
}

static int
signed_headers(const struct target_conf *t, const struct alert_msg *m,
    int64_t now_s, const struct buf *body, struct curl_slist **list,
    struct errbuf *eb)
{
	const char *secrets[SIGN_MAX_SECRETS] = {
		secret_value(t->secret),
		t->secret2 != NULL ? secret_value(t->secret2) : NULL,
	};
	struct buf line;
	int rc;

	buf_init(&line, 0);
	rc = buf_printf(&line, "webhook-timestamp: %" PRId64, now_s);
	if (rc == 0)
		rc = add(list, buf_str(&line));
	buf_reset(&line);
	if (rc == 0)
		rc = buf_appends(&line, "webhook-signature: ");
	if (rc == 0) {
		rc = sign_header(secrets, SIGN_MAX_SECRETS, alert_msg_id(m),
		    now_s, body->data, body->len, &line, eb);
		if (rc < 0 && rc != -ENOMEM)
			rc = name_error(eb, rc, t->name);
	}
	if (rc == 0)
		rc = add(list, buf_str(&line));
	buf_clear(&line);
	return rc;
}

int
webhook_headers(const struct target_conf *t, const struct alert_msg *m,
    int64_t now_s, const struct buf *body, struct curl_slist **headers_out,
    struct errbuf *eb)
{
	struct curl_slist *list = NULL;
	struct buf id;
	int rc;

	*headers_out = NULL;
	if (alert_msg_id(m) == NULL || alert_msg_id(m)[0] == '\0' ||
	    !header_safe(alert_msg_id(m)) || strlen(alert_msg_id(m)) > 200)
		return errbuf_set(eb, -EINVAL,
		    "target %s: alert id is empty, too long or holds control "
		    "characters",
		    t->name);
	buf_init(&id, 0);
	rc = buf_printf(&id, "webhook-id: %s", alert_msg_id(m));
	if (rc == 0)
		rc = add(&list, "Content-Type: application/json");
	if (rc == 0)
		rc = add(&list, "Expect:");
	/* webhook-id goes out signed or not: it is what lets any receiver
	 * drop the duplicate that a retry after a lost response produces. */
	if (rc == 0)
		rc = add(&list, buf_str(&id));
	if (rc == 0 && t->secret != NULL)
		rc = signed_headers(t, m, now_s, body, &list, eb);
	buf_clear(&id);
	if (rc < 0) {
		curl_slist_free_all(list);
		if (rc == -ENOMEM)
			errbuf_set(eb, rc, "target %s: out of memory", t->name);
		return rc;
	}
	*headers_out = list;
	return 0;
}

/* Every option, so one failure (ENOMEM in libcurl) is seen. */
static int
set_options(CURL *easy, const struct target_conf *t, struct buf *body,
    struct curl_slist *headers)
{
	CURLcode c = CURLE_OK;

	c |= curl_easy_setopt(easy, CURLOPT_URL, secret_value(t->url));
	c |= curl_easy_setopt(easy, CURLOPT_POST, 1L);
	c |= curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body->data);
	c |= curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)body->len);
	c |= curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
	c |= curl_easy_setopt(easy, CURLOPT_USERAGENT, WEBHOOK_USER_AGENT);
	c |= curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
	c |= curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
	c |= curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	if (t->timeout_ms > 0)
		c |= curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
		    (long)t->timeout_ms);
	return c == CURLE_OK ? 0 : -ENOMEM;
}

/* Longer links are dropped from a payload that does not fit. */
#define LINK_KEEP_MAX 2048

/*
 * Render a's payload; when it does not fit the format's limit, render it
 * again without what can go: the summary, and a link or feed URL too long
 * to be of use.  Still too large (the title, statement and terms are
 * capped by the formats, so this is rare) is -EFBIG: the outbox
 * dead-letters it, since no retry can make it smaller.
 */
static int
render_fitting(const struct target_conf *t, const struct alert_msg *m,
    struct buf *body, struct errbuf *eb)
{
	int rc = payload_render(t->format, m, body, eb);
	struct alert *cut;
	struct alert_msg cm;

	if (rc != -EFBIG)
		return rc;
	/* shallow copies: they borrow every string of m's alerts */
	cut = malloc(m->n * sizeof(*cut));
	if (cut == NULL)
		return errbuf_set(eb, -ENOMEM, "out of memory");
	for (size_t i = 0; i < m->n; i++) {
		cut[i] = m->v[i];
		cut[i].summary = NULL;
		if (cut[i].link != NULL && strlen(cut[i].link) > LINK_KEEP_MAX)
			cut[i].link = NULL;
		if (cut[i].feed_url != NULL &&
		    strlen(cut[i].feed_url) > LINK_KEEP_MAX)
			cut[i].feed_url = NULL;
	}
	cm = (struct alert_msg){ cut, m->n };
	buf_reset(body);
	rc = payload_render(t->format, &cm, body, eb);
	free(cut);
	if (rc == -EFBIG)
		rc = errbuf_set(eb, rc,
		    "alert %s: the %s payload is over its size limit even "
		    "without its summary and link",
		    alert_msg_id(m), target_format_name(t->format));
	return rc;
}

int
webhook_setup(CURL *easy, const struct target_conf *t,
    const struct alert_msg *m, int64_t now_s, struct curl_slist **headers_out,
    struct buf *body, struct errbuf *eb)
{
	struct curl_slist *headers = NULL;
	int rc;

	*headers_out = NULL;
	if (t->type != TARGET_TYPE_WEBHOOK || t->url == NULL)
		return errbuf_set(eb, -EINVAL,
		    "target %s: not a webhook target with a URL", t->name);
	if (body->max > WEBHOOK_BODY_MAX)
		body->max = WEBHOOK_BODY_MAX;
	rc = render_fitting(t, m, body, eb);
	if (rc < 0)
		return name_error(eb, rc, t->name);
	if (body->data == NULL && buf_appends(body, "") < 0)
		return errbuf_set(eb, -ENOMEM, "target %s: out of memory",
		    t->name);
	rc = webhook_headers(t, m, now_s, body, &headers, eb);
	if (rc < 0)
		return rc;
	rc = set_options(easy, t, body, headers);
	if (rc < 0) {
		curl_slist_free_all(headers);
		return errbuf_set(eb, rc,
		    "target %s: setting up the request "
		    "failed (out of memory)",
		    t->name);
	}
	*headers_out = headers;
	return 0;
}
