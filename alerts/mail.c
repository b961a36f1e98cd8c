/*
 * mail.c -- SMTP submission options on a transfer's easy handle (see
 * mail.h).  One of the few files that calls curl_easy_setopt.
 *
 * libcurl sends the URL's path as the EHLO name and "localhost" without
 * one, so a URL without a path gets our host name: relays that check the
 * HELO name, and every Received: line, then name this host.
 */
#include "alerts/mail.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>

#include "lib/conf.h"
#include "lib/secret.h"

/* CURLOPT_READFUNCTION: hand libcurl the next piece of the message. */
static size_t
read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct mail_upload *up = arg;
	size_t room = size * nmemb, left = up->msg->len - up->off;
	size_t n = left < room ? left : room;

	if (n > 0)
		memcpy(dst, up->msg->data + up->off, n);
	up->off += n;
	return n;
}

/* The target's URL with our host name as its path when it has none. */
static int
url_with_ehlo(CURLU *u, const struct target_conf *t, int *smtps)
{
	char host[256], *path = NULL, *scheme = NULL;
	int rc = 0;

	if (curl_url_set(u, CURLUPART_URL, secret_value(t->url), 0) !=
	        CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
		return -EINVAL;
	*smtps = strcasecmp(scheme, "smtps") == 0;
	if (!*smtps && strcasecmp(scheme, "smtp") != 0)
		rc = -EINVAL;
	curl_free(scheme);
	if (rc == 0 &&
	    (curl_url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK ||
	        strcmp(path, "/") == 0 || path[0] == '\0')) {
		if (gethostname(host + 1, sizeof(host) - 1) < 0 ||
		    host[1] == '\0')
			snprintf(host + 1, sizeof(host) - 1, "localhost");
		host[0] = '/';
		host[sizeof(host) - 1] = '\0';
		if (curl_url_set(u, CURLUPART_PATH, host, 0) != CURLUE_OK)
			rc = -ENOMEM;
	}
	curl_free(path);
	return rc;
}

static int
recipients(const struct target_conf *t, struct curl_slist **out)
{
	char addr[320], line[324];
	struct curl_slist *l;
	size_t i;

	for (i = 0; i < t->to.n; i++) {
		if (mail_addr(t->to.v[i], addr, sizeof(addr)) < 0)
			return -EINVAL;
		snprintf(line, sizeof(line), "<%s>", addr);
		l = curl_slist_append(*out, line);
		if (l == NULL)
			return -ENOMEM;
		*out = l;
	}
	return t->to.n > 0 ? 0 : -EINVAL;
}

static CURLcode
set_options(CURL *easy, const struct target_conf *t, const char *url,
    const char *from, struct curl_slist *rcpt, struct mail_upload *up,
    int smtps)
{
	CURLcode c = CURLE_OK;

	c |= curl_easy_setopt(easy, CURLOPT_URL, url);
	c |= curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	c |= curl_easy_setopt(easy, CURLOPT_MAIL_FROM, from);
	c |= curl_easy_setopt(easy, CURLOPT_MAIL_RCPT, rcpt);
	c |= curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
	c |= curl_easy_setopt(easy, CURLOPT_READFUNCTION, read_cb);
	c |= curl_easy_setopt(easy, CURLOPT_READDATA, up);
	c |= curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE,
	    (curl_off_t)up->msg->len);
	c |= curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
	if (t->starttls || smtps)
		c |= curl_easy_setopt(easy, CURLOPT_USE_SSL,
		    (long)CURLUSESSL_ALL);
	if (t->username != NULL)
		c |= curl_easy_setopt(easy, CURLOPT_USERNAME, t->username);
	if (t->password != NULL)
		c |= curl_easy_setopt(easy, CURLOPT_PASSWORD,
		    secret_value(t->password));
	/* The greeting, EHLO, STARTTLS and AUTH are libcurl's "connect"
	 * phase for SMTP: under the daemon's connect-timeout a slow but
	 * working server never got past them.  The target's timeout governs
	 * the whole exchange, each reply included. */
	if (t->timeout_ms > 0) {
		c |= curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
		    (long)t->timeout_ms);
		c |= curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
		    (long)t->timeout_ms);
		c |= curl_easy_setopt(easy, CURLOPT_SERVER_RESPONSE_TIMEOUT,
		    (long)((t->timeout_ms + 999) / 1000));
	}
	return c;
}

int
mail_setup(CURL *easy, const struct target_conf *t, const struct buf *msg,
    struct mail_upload *up, struct curl_slist **rcpt_out, struct errbuf *eb)
{
	struct curl_slist *rcpt = NULL;
	char addr[320], from[324], *url = NULL;
	CURLU *u = curl_url();
	int rc, smtps = 0;

	*rcpt_out = NULL;
	up->msg = msg;
	up->off = 0;
	if (u == NULL)
		return errbuf_set(eb, -ENOMEM, "target %s: out of memory",
		    t->name);
	rc = t->type == TARGET_TYPE_MAIL && t->url != NULL ?
	    url_with_ehlo(u, t, &smtps) :
	    -EINVAL;
	if (rc == 0 && curl_url_get(u, CURLUPART_URL, &url, 0) != CURLUE_OK)
		rc = -ENOMEM;
	if (rc < 0) {
		errbuf_set(eb, rc,
		    "target %s: the URL is not an smtp:// or "
		    "smtps:// URL",
		    t->name);
		goto fail;
	}
	rc = t->from != NULL && mail_addr(t->from, addr, sizeof(addr)) == 0 ?
	    recipients(t, &rcpt) :
	    -EINVAL;
	if (rc < 0) {
		errbuf_set(eb, rc, "target %s: from or to is not a mailbox",
		    t->name);
		goto fail;
	}
	snprintf(from, sizeof(from), "<%s>", addr);
	if (set_options(easy, t, url, from, rcpt, up, smtps) != CURLE_OK) {
		rc = errbuf_set(eb, -ENOMEM,
		    "target %s: setting up the mail "
		    "failed (out of memory)",
		    t->name);
		goto fail;
	}
	curl_free(url);
	curl_url_cleanup(u);
	*rcpt_out = rcpt;
	return 0;
fail:
	curl_slist_free_all(rcpt);
	curl_free(url);
	curl_url_cleanup(u);
	return rc;
}
