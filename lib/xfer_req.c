/*
 * xfer_req.c -- the request record of xfer (see xfer.h): the response
 * headers a caller needs, the redirect chain, and the result that turns a
 * CURLcode and a status into a class and a sentence a person can act on.
 *
 * Headers are collected per response and forgotten at each new status line,
 * so the validators in a result always belong to the final response and
 * never to a redirect on the way to it.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <uv.h>

#include "lib/xfer.h"
#include "lib/xfer_impl.h"

/* Longer values are not validators anyone sends; they are ignored. */
#define HEADER_VALUE_MAX 2048

int
xfer_req_add_header(struct xfer_req *r, const char *line)
{
	struct curl_slist *l = curl_slist_append(r->headers, line);

	if (l == NULL)
		return -ENOMEM;
	r->headers = l;
	return 0;
}

int
xfer_req_take_slist(struct xfer_req *r, struct curl_slist *list)
{
	size_t i;

	if (list == NULL)
		return 0;
	for (i = 0; i < XFER_KEPT_LISTS; i++) {
		if (r->kept[i] == NULL) {
			r->kept[i] = list;
			return 0;
		}
	}
	return -ENOSPC;
}

void
xfer_req_free(struct xfer_req *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->easy != NULL)
		curl_easy_cleanup(r->easy);
	curl_slist_free_all(r->headers);
	for (i = 0; i < XFER_KEPT_LISTS; i++)
		curl_slist_free_all(r->kept[i]);
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	free(r->moved_to);
	free(r->effective_url);
	if (r->lock_init)
		uv_mutex_destroy(&r->lock);
	free(r);
}

/* ---- response headers ---------------------------------------------------- */

static void
forget_headers(struct xfer_req *r)
{
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	r->etag = r->last_modified = r->content_type = NULL;
	r->rl_empty = 0;
	r->rl_reset_ms = 0;
}

/*
 * A status line starts a response, so the previous one (if not 1xx) was a
 * hop libcurl followed, and the effective URL is now where it led.
 */
static int
new_response(struct xfer_req *r, const char *buf, size_t len)
{
	long prev = r->hop_status;
	const char *sp = memchr(buf, ' ', len);
	char *url = NULL;
	int i;

	if (prev >= 200) {
		if (prev == 301 || prev == 308) {
			r->permanent = 1;
			curl_easy_getinfo(r->easy, CURLINFO_EFFECTIVE_URL,
			    &url);
			if (r->perm_run && url != NULL) {
				free(r->moved_to);
				r->moved_to = strdup(url);
				if (r->moved_to == NULL)
					return -ENOMEM;
			}
		} else {
			r->perm_run = 0;
		}
	}
	/* buf is not NUL-terminated: read the three digits by hand. */
	r->hop_status = 0;
	for (i = 1; sp != NULL && i <= 3 && sp + i < buf + len; i++) {
		if (sp[i] < '0' || sp[i] > '9')
			break;
		r->hop_status = r->hop_status * 10 + (sp[i] - '0');
	}
	forget_headers(r);
	return 0;
}

/*
 * ETag and Last-Modified go back to the server verbatim in request headers:
 * a value holding a CR (which libcurl leaves inside a line), an LF, a NUL or
 * another control byte would end or split that header line.  Such a value
 * is ignored, as if the header were absent.
 */
static int
printable(const char *v, const char *end)
{
	for (; v < end; v++) {
		unsigned char c = (unsigned char)*v;

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return 0;
	}
	return 1;
}

/* If buf is the header name: its trimmed value in [*v, *end), 1; else 0. */
static int
header_is(const char *name, const char *buf, size_t len, const char **v,
    const char **end)
{
	size_t n = strlen(name);

	if (len <= n || buf[n] != ':' || strncasecmp(buf, name, n) != 0)
		return 0;
	*v = buf + n + 1;
	*end = buf + len;
	while (*v < *end && (**v == ' ' || **v == '\t'))
		(*v)++;
	while (*end > *v &&
	    ((*end)[-1] == '\r' || (*end)[-1] == '\n' || (*end)[-1] == ' ' ||
	        (*end)[-1] == '\t'))
		(*end)--;
	return 1;
}

/* If buf is the header name: (a copy of) its trimmed value in *slot. */
static int
keep_header(char **slot, const char *name, const char *buf, size_t len)
{
	const char *v, *end;

	if (!header_is(name, buf, len, &v, &end) || end == v ||
	    end - v > HEADER_VALUE_MAX || !printable(v, end))
		return 0;
	free(*slot);
	*slot = strndup(v, (size_t)(end - v));
	return *slot == NULL ? -ENOMEM : 0;
}

/*
 * A non-negative decimal number of seconds ("2", "0.351") as milliseconds,
 * capped at an hour; -1 if the value is anything else.
 */
static int64_t
seconds_ms(const char *v, const char *end)
{
	char tmp[32], *stop;
	double sec;

	if (end - v <= 0 || end - v >= (ptrdiff_t)sizeof(tmp) || *v == '-')
		return -1;
	memcpy(tmp, v, (size_t)(end - v));
	tmp[end - v] = '\0';
	errno = 0;
	sec = strtod(tmp, &stop);
	if (stop == tmp || *stop != '\0' || errno != 0 || !(sec >= 0))
		return -1;
	return sec > 3600 ? 3600 * 1000 : (int64_t)(sec * 1000 + 0.5);
}

/*
 * Chat services announce their rate-limit bucket on every answer (Discord:
 * X-RateLimit-Remaining and X-RateLimit-Reset-After, in seconds).  An empty
 * bucket means the next request would get a 429: the outbox waits instead.
 */
static void
rate_limit_header(struct xfer_req *r, const char *buf, size_t len)
{
	const char *v, *end;
	int64_t ms;

	if (header_is("X-RateLimit-Remaining", buf, len, &v, &end))
		r->rl_empty = end - v == 1 && *v == '0';
	else if (header_is("X-RateLimit-Reset-After", buf, len, &v, &end) &&
	    (ms = seconds_ms(v, end)) >= 0)
		r->rl_reset_ms = (uint64_t)ms;
}

size_t
xfer_on_header(char *buf, size_t size, size_t n, void *userp)
{
	struct xfer_req *r = userp;
	size_t len = size * n;
	int rc = 0;

	if (len >= 5 && memcmp(buf, "HTTP/", 5) == 0)
		rc = new_response(r, buf, len);
	else if (len > 12 && strncasecmp(buf, "X-RateLimit-", 12) == 0)
		rate_limit_header(r, buf, len);
	else if ((rc = keep_header(&r->etag, "ETag", buf, len)) == 0 &&
	    (rc = keep_header(&r->last_modified, "Last-Modified", buf, len)) ==
	        0)
		rc = keep_header(&r->content_type, "Content-Type", buf, len);
	if (rc < 0) {
		r->stop = XFER_STOP_NOMEM;
		return 0; /* libcurl ends the transfer; the drain reports it */
	}
	return len;
}

/* ---- the result ---------------------------------------------------------- */

static void
fmt_size(char *out, size_t n, uint64_t bytes)
{
	if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
		snprintf(out, n, "%llu MiB",
		    (unsigned long long)(bytes / (1024 * 1024)));
	else if (bytes >= 1024 && bytes % 1024 == 0)
		snprintf(out, n, "%llu KiB",
		    (unsigned long long)(bytes / 1024));
	else
		snprintf(out, n, "%llu bytes", (unsigned long long)bytes);
}

/* Whole seconds when that is honest, tenths below ten seconds. */
static void
fmt_duration(char *out, size_t n, uint64_t ms)
{
	if (ms >= 10000 || ms % 1000 == 0)
		snprintf(out, n, "%llu s",
		    (unsigned long long)((ms + 500) / 1000));
	else
		snprintf(out, n, "%.1f s", (double)ms / 1000.0);
}

static void
fmt_host(char *out, size_t n, const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL;

	snprintf(out, n, "(unknown)");
	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		snprintf(out, n, "%s", host);
	curl_free(host);
	curl_url_cleanup(u);
}

/* A stop that xfer itself decided; returns 0 if there was none. */
static int
classify_stop(struct xfer_req *r, struct xfer_result *res)
{
	char size[32];

	switch (r->stop) {
	case XFER_STOP_NONE:
		return 0;
	case XFER_STOP_CANCEL:
	case XFER_STOP_SHUTDOWN:
		res->cls = XFER_ABORTED;
		res->code = CURLE_ABORTED_BY_CALLBACK;
		snprintf(r->summary, sizeof(r->summary), "%s",
		    r->stop == XFER_STOP_CANCEL ? "cancelled" :
		                                  "cancelled at shutdown");
		return 1;
	case XFER_STOP_REFUSED:
		res->cls = XFER_ABORTED;
		res->code = CURLE_WRITE_ERROR;
		snprintf(r->summary, sizeof(r->summary),
		    "aborted by the receiver after %llu bytes",
		    (unsigned long long)r->bytes);
		return 1;
	case XFER_STOP_TOO_BIG:
		res->cls = XFER_TOO_LARGE;
		res->code = CURLE_FILESIZE_EXCEEDED;
		fmt_size(size, sizeof(size), r->max_body);
		snprintf(r->summary, sizeof(r->summary),
		    "body larger than %s cap", size);
		return 1;
	case XFER_STOP_NOMEM:
		res->cls = XFER_OTHER;
		res->code = CURLE_OUT_OF_MEMORY;
		snprintf(r->summary, sizeof(r->summary), "out of memory");
		return 1;
	}
	return 0;
}

static const char *
detail(const struct xfer_req *r, CURLcode code)
{
	return r->errbuf[0] != '\0' ? r->errbuf : curl_easy_strerror(code);
}

static void
classify_connect(struct xfer_req *r, long oserr, struct xfer_result *res)
{
	res->cls = XFER_CONNECT;
	if (r->blocked[0] != '\0')
		snprintf(r->summary, sizeof(r->summary),
		    "refused to connect to %s, a loopback, private or "
		    "link-local address, for a public URL (SSRF protection; "
		    "allow-private = yes turns it off)",
		    r->blocked);
	else if (oserr == ECONNREFUSED)
		snprintf(r->summary, sizeof(r->summary), "connection refused");
	else if (oserr == ENETUNREACH || oserr == EHOSTUNREACH)
		snprintf(r->summary, sizeof(r->summary), "%s unreachable",
		    oserr == ENETUNREACH ? "network" : "host");
	else
		snprintf(r->summary, sizeof(r->summary), "cannot connect: %s",
		    detail(r, res->code));
}

/*
 * The proxy comes from the environment, not from the feed: name it, so that
 * a person looks at http_proxy and not at the feed's url.  libcurl names it
 * only in its error text ("Could not resolve proxy: HOST").
 */
static void
classify_proxy_dns(struct xfer_req *r, struct xfer_result *res)
{
	static const char lead[] = "Could not resolve proxy: ";
	size_t n = sizeof(lead) - 1;

	res->cls = XFER_DNS;
	if (strncmp(r->errbuf, lead, n) == 0 && r->errbuf[n] != '\0') {
		snprintf(r->summary, sizeof(r->summary),
		    "DNS: could not resolve the proxy %.200s", r->errbuf + n);
	} else {
		snprintf(r->summary, sizeof(r->summary),
		    "DNS: could not resolve the proxy");
	}
}

/*
 * A name server that never answers is a DNS fault, not a slow web server:
 * raising timeout would not help.  libcurl says so only in its error text.
 */
static void
classify_timeout(struct xfer_req *r, struct xfer_result *res)
{
	static const char lead[] = "Resolving timed out";
	char took[32], host[128];

	fmt_duration(took, sizeof(took), res->duration_ms);
	if (strncmp(r->errbuf, lead, sizeof(lead) - 1) == 0) {
		res->cls = XFER_DNS;
		fmt_host(host, sizeof(host), res->effective_url);
		snprintf(r->summary, sizeof(r->summary),
		    "DNS: looking up %s timed out after %s", host, took);
		return;
	}
	res->cls = XFER_TIMEOUT;
	snprintf(r->summary, sizeof(r->summary), "timed out after %s", took);
}

static int
is_tls_code(CURLcode code)
{
	switch (code) {
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_USE_SSL_FAILED:
		return 1;
	default:
		return 0;
	}
}

/*
 * Why a certificate was refused, in libcurl's (OpenSSL's) words: an
 * expired certificate is renewed by its owner, a name mismatch is often
 * our URL's fault, a self-signed one needs a CA; "verify failed" alone
 * helps no one decide.
 */
static void
classify_cert(struct xfer_req *r, struct xfer_result *res)
{
	static const char problem[] = "SSL certificate problem: ";
	const char *e = r->errbuf;

	res->cls = XFER_TLS;
	if (strncmp(e, problem, sizeof(problem) - 1) == 0)
		snprintf(r->summary, sizeof(r->summary),
		    "TLS: certificate refused: %s", e + sizeof(problem) - 1);
	else if (strstr(e, "subject name") != NULL ||
	    strstr(e, "does not match") != NULL)
		snprintf(r->summary, sizeof(r->summary),
		    "TLS: certificate refused: it is for another host name "
		    "(%s)",
		    e);
	else if (e[0] != '\0')
		snprintf(r->summary, sizeof(r->summary),
		    "TLS: certificate refused: %s", e);
	else
		snprintf(r->summary, sizeof(r->summary),
		    "TLS: certificate verify failed");
}

/* What an SMTP reply code means (RFC 5321 4.2.2, RFC 4954): libcurl only
 * says "Weird server reply" or "Login denied" for most of them. */
static const struct {
	long code;
	const char *text;
} smtp_replies[] = {
	{ 421, "service not available, closing the connection" },
	{ 450, "mailbox busy or unavailable" },
	{ 451, "local error at the server" },
	{ 452, "server out of storage" },
	{ 454, "authentication temporarily failed" },
	{ 500, "command not recognised" },
	{ 501, "syntax error in an address or parameter" },
	{ 502, "command not implemented" },
	{ 503, "bad sequence of commands" },
	{ 504, "parameter not implemented" },
	{ 530, "authentication required" },
	{ 534, "authentication mechanism too weak" },
	{ 535, "authentication failed (user name or password)" },
	{ 538, "encryption required for this authentication" },
	{ 550, "mailbox unavailable (no such user, or refused)" },
	{ 551, "user not local" },
	{ 552, "message too large, or mailbox full" },
	{ 553, "mailbox name not allowed" },
	{ 554, "transaction failed (the message was refused)" },
	{ 555, "MAIL FROM or RCPT TO parameters not recognised" },
};

static const char *
smtp_meaning(long code)
{
	for (size_t i = 0; i < sizeof(smtp_replies) / sizeof(smtp_replies[0]);
	     i++)
		if (smtp_replies[i].code == code)
			return smtp_replies[i].text;
	return NULL;
}

/*
 * A transfer the server answered, badly or with a refusal.  An SMTP 451
 * after DATA comes as WEIRD_SERVER_REPLY, and SMTP refusals (LOGIN_DENIED,
 * 450 on RCPT...) under several codes: the reply code is what a person
 * needs to see, whatever libcurl called it.
 */
static void
classify_reply(struct xfer_req *r, const char *proto, enum xfer_class cls,
    struct xfer_result *res)
{
	const char *meaning = proto[0] == 'S' ? smtp_meaning(res->status) :
	                                        NULL;

	res->cls = cls;
	if (meaning != NULL)
		snprintf(r->summary, sizeof(r->summary), "%s %ld: %s", proto,
		    res->status, meaning);
	else if (res->status >= 400)
		snprintf(r->summary, sizeof(r->summary), "%s %ld: %s", proto,
		    res->status, detail(r, res->code));
	else
		snprintf(r->summary, sizeof(r->summary), "%s: %s", proto,
		    detail(r, res->code));
}

/* The connection broke: before any reply, or in the middle of one. */
static void
classify_lost(struct xfer_req *r, struct xfer_result *res)
{
	res->cls = XFER_OTHER;
	if (res->code == CURLE_GOT_NOTHING)
		snprintf(r->summary, sizeof(r->summary),
		    "server closed the connection without a reply");
	else
		snprintf(r->summary, sizeof(r->summary),
		    "connection lost after %llu bytes: %s",
		    (unsigned long long)r->bytes, detail(r, res->code));
}

/* What libcurl's code and the status mean for a transfer xfer let run. */
static void
classify_code(struct xfer_req *r, long oserr, struct xfer_result *res)
{
	const char *proto = strncasecmp(res->effective_url, "smtp", 4) == 0 ?
	    "SMTP" :
	    "HTTP";
	char tmp[128];
	CURLcode code = res->code;

	if (code == CURLE_PEER_FAILED_VERIFICATION) {
		classify_cert(r, res);
		return;
	}
	if (is_tls_code(code)) {
		res->cls = XFER_TLS;
		snprintf(r->summary, sizeof(r->summary), "TLS: %s",
		    detail(r, code));
		return;
	}
	switch (code) {
	case CURLE_OK:
		res->cls = res->status >= 400 ? XFER_HTTP : XFER_OK;
		snprintf(r->summary, sizeof(r->summary), "%s %ld", proto,
		    res->status);
		return;
	case CURLE_COULDNT_RESOLVE_HOST:
		res->cls = XFER_DNS;
		fmt_host(tmp, sizeof(tmp), res->effective_url);
		snprintf(r->summary, sizeof(r->summary),
		    "DNS: could not resolve host %s", tmp);
		return;
	case CURLE_COULDNT_RESOLVE_PROXY:
		classify_proxy_dns(r, res);
		return;
	case CURLE_COULDNT_CONNECT:
		classify_connect(r, oserr, res);
		return;
	case CURLE_OPERATION_TIMEDOUT:
		classify_timeout(r, res);
		return;
	case CURLE_FILESIZE_EXCEEDED:
		res->cls = XFER_TOO_LARGE;
		fmt_size(tmp, sizeof(tmp), r->max_body);
		snprintf(r->summary, sizeof(r->summary),
		    "body larger than %s cap", tmp);
		return;
	case CURLE_OUT_OF_MEMORY:
		/* libcurl refuses a header over 100 KB with this code and no
		 * message: after a status line and before any body, that is
		 * the server's malformed reply, not our memory */
		res->cls = r->hop_status != 0 && r->bytes == 0 ? XFER_HTTP :
		                                                 XFER_OTHER;
		snprintf(r->summary, sizeof(r->summary), "%s",
		    res->cls == XFER_HTTP ?
		        "a response header over libcurl's 100 KB limit (a "
		        "malformed reply)" :
		        detail(r, code));
		return;
	case CURLE_TOO_MANY_REDIRECTS:
		res->cls = XFER_HTTP;
		snprintf(r->summary, sizeof(r->summary),
		    "more than %d redirects", XFER_MAX_REDIRS);
		return;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_HTTP_RETURNED_ERROR:
		classify_reply(r, proto, XFER_HTTP, res);
		return;
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
		classify_lost(r, res);
		return;
	default:
		if (res->status >= 400) {
			classify_reply(r, proto, XFER_HTTP, res);
			return;
		}
		res->cls = XFER_OTHER;
		snprintf(r->summary, sizeof(r->summary), "%s", detail(r, code));
		return;
	}
}

void
xfer_result_build(struct xfer_req *r, CURLcode code, struct xfer_result *res)
{
	long status = 0, oserr = 0;
	curl_off_t retry_after = 0;
	char *url = NULL;

	memset(res, 0, sizeof(*res));
	curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(r->easy, CURLINFO_RETRY_AFTER, &retry_after);
	curl_easy_getinfo(r->easy, CURLINFO_OS_ERRNO, &oserr);
	curl_easy_getinfo(r->easy, CURLINFO_EFFECTIVE_URL, &url);
	free(r->effective_url);
	r->effective_url = strdup(url != NULL ? url : "");
	res->status = status;
	res->code = code;
	/* "Retry-After: 9223372036854776" times 1000 wrapped to the past
	 * and made a tight loop: cap before converting. */
	if (retry_after > XFER_RETRY_AFTER_MAX_S)
		retry_after = XFER_RETRY_AFTER_MAX_S;
	if (retry_after > 0)
		res->retry_after_ms = (uint64_t)retry_after >
		        XFER_RETRY_AFTER_MAX_S ?
		    XFER_RETRY_AFTER_MAX_S * 1000 :
		    (uint64_t)retry_after * 1000;
	res->bytes = r->bytes;
	res->duration_ms = (uv_hrtime() - r->start_ns) / 1000000;
	res->effective_url = r->effective_url != NULL ? r->effective_url : "";
	res->etag = r->etag;
	res->last_modified = r->last_modified;
	res->content_type = r->content_type;
	res->permanent = r->permanent;
	res->moved_to = r->moved_to;
	if (r->rl_empty)
		res->rate_limit_reset_ms = r->rl_reset_ms ? r->rl_reset_ms :
		                                            1000;
	if (!classify_stop(r, res))
		classify_code(r, oserr, res);
	res->summary = r->summary;
}
