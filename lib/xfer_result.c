/*
 * xfer_result.c -- the result of a finished request: a CURLcode, a status
 * and what xfer itself decided turned into a class (enum xfer_class) and a
 * sentence a person can act on ("DNS: could not resolve host x", "TLS:
 * certificate expired", "SMTP 552: message too large or mailbox full").
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

/* A limit was reached: the body's cap, libcurl's header limit, the
 * redirect limit. */
static void
classify_limit(struct xfer_req *r, struct xfer_result *res)
{
	char tmp[128];

	switch (res->code) {
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
		        detail(r, res->code));
		return;
	default: /* CURLE_TOO_MANY_REDIRECTS */
		res->cls = XFER_HTTP;
		snprintf(r->summary, sizeof(r->summary),
		    "more than %d redirects", XFER_MAX_REDIRS);
		return;
	}
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
	case CURLE_OUT_OF_MEMORY:
	case CURLE_FILESIZE_EXCEEDED:
	case CURLE_TOO_MANY_REDIRECTS:
		classify_limit(r, res);
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
