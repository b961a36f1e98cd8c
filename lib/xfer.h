/*
 * xfer -- THE libcurl multi-socket <-> libuv bridge.
 *
 * One struct xfer owns the CURLM *, the uv_timer libcurl asks for, and one
 * uv_poll_t per socket libcurl wants watched.  Protocol modules (fetch,
 * webhook, mail) never touch the multi, the sockets or the loop: they get a
 * struct xfer_req, set options on its easy handle (URL, headers, body,
 * credentials), and hand it to xfer_start with a callback table.  Body bytes
 * reach on_data as they arrive (already decoded when the server compressed
 * them); on_done runs exactly once per started request, from the loop and
 * never from inside a libcurl callback, with a struct xfer_result that says
 * what happened in terms a caller can classify and a person can read.
 *
 * Every request gets these defaults in xfer_req_new, which a caller may
 * override on the easy handle before xfer_start: User-Agent (the xfer's),
 * FOLLOWLOCATION 1 with MAXREDIRS 5, PROTOCOLS_STR and REDIR_PROTOCOLS_STR
 * "http,https" (mail sets "smtp,smtps"), TIMEOUT_MS, CONNECTTIMEOUT_MS,
 * MAXFILESIZE_LARGE (use xfer_req_set_limits to change the last three),
 * NOSIGNAL, ACCEPT_ENCODING "" (everything libcurl can decode), HTTP/2 over
 * TLS, multiplexed once a connection to the host is known to speak it.  No
 * PIPEWAIT: on cleartext HTTP it holds every request to a host until the
 * first response arrives, so one hanging feed would stall its neighbours.
 * TLS verification and the proxy environment variables keep libcurl's
 * defaults (on / honoured).
 *
 * xfer_start sets WRITEFUNCTION, HEADERFUNCTION, ERRORBUFFER, PRIVATE,
 * OPENSOCKETFUNCTION, CLOSESOCKETFUNCTION and HTTPHEADER (from
 * xfer_req_add_header) last, so a caller cannot override them; do not set those
 * options yourself.
 */
#ifndef UKEUWATCH_LIB_XFER_H
#define UKEUWATCH_LIB_XFER_H

#include <stddef.h>
#include <stdint.h>

#include <curl/curl.h>
#include <uv.h>

#include "lib/errbuf.h"

struct xfer;     /* opaque: CURLM, its uv_timer, one uv_poll per socket */
struct xfer_req; /* opaque: one transfer; owns its CURL * easy handle */

#define XFER_DEFAULT_MAX_TOTAL  32
#define XFER_DEFAULT_MAX_HOST   2
#define XFER_DEFAULT_MAX_BODY   (10u * 1024 * 1024)
#define XFER_DEFAULT_TIMEOUT_MS 30000
#define XFER_DEFAULT_CONNECT_MS 10000
#define XFER_MAX_REDIRS         5
#define XFER_RETRY_AFTER_MAX_S  (7 * 24 * 3600) /* a week, in seconds */
/* Product and version only: a "+URL" comment would have to be a page this
 * project owns, and there is none to point at. */
#define XFER_DEFAULT_USER_AGENT "ukeuwatch/" UKEUWATCH_VERSION

struct xfer_opts {
	unsigned int max_total_connections; /* 0: XFER_DEFAULT_MAX_TOTAL */
	unsigned int max_host_connections;  /* 0: XFER_DEFAULT_MAX_HOST */
	const char *user_agent;      /* borrowed for xfer_new (copied); NULL:
	                                XFER_DEFAULT_USER_AGENT */
	uint64_t max_body;           /* default body cap, bytes; 0: 10 MiB */
	uint64_t timeout_ms;         /* default whole-transfer limit; 0: 30 s */
	uint64_t connect_timeout_ms; /* 0: 10 s */
};

/* What the caller should make of a finished transfer. */
enum xfer_class {
	XFER_OK = 0,    /* transfer complete, status < 400 (or no status) */
	XFER_DNS,       /* host name did not resolve */
	XFER_CONNECT,   /* refused, unreachable, no route */
	XFER_TLS,       /* handshake or certificate verification failed */
	XFER_TIMEOUT,   /* connect or whole-transfer limit reached */
	XFER_HTTP,      /* status >= 400, too many redirects, bad reply */
	XFER_TOO_LARGE, /* body over the cap (header or counted bytes) */
	XFER_ABORTED,   /* on_data returned < 0, or xfer_cancel/xfer_close */
	XFER_OTHER,     /* anything else: connection lost mid-body, ENOMEM */
};

struct xfer_result {
	long status;   /* HTTP status or SMTP reply; 0 if none */
	CURLcode code; /* CURLE_OK, or why the transfer failed */
	/* From Retry-After (seconds or an HTTP-date, read by libcurl); 0 if
	 * absent.  A server picks it, so it is capped at XFER_RETRY_AFTER_MAX
	 * here; callers cap it again at their own limits (max-backoff,
	 * retry-max). */
	uint64_t retry_after_ms;
	/* The server's rate-limit bucket is empty (X-RateLimit-Remaining: 0):
	 * it refills this long from now (X-RateLimit-Reset-After, or 1 s if
	 * not given).  0 when the bucket is not known to be empty. */
	uint64_t rate_limit_reset_ms;
	const char *summary; /* "HTTP 503", "timed out after 30 s" (borrowed) */
	/* What a fetch and the senders read (all borrowed until on_done): */
	enum xfer_class cls;
	uint64_t bytes;            /* body bytes given to on_data (decoded) */
	uint64_t duration_ms;      /* xfer_start to completion */
	const char *effective_url; /* last URL requested; never NULL */
	/* Headers of the final response; NULL when it had none. */
	const char *etag;          /* verbatim, e.g. W/"6b02-115a" */
	const char *last_modified; /* verbatim HTTP-date */
	const char *content_type;  /* verbatim, parameters included */
	/* Redirects: permanent is 1 when any followed hop was a 301 or 308.
	 * moved_to is where the request's own URL has permanently moved: the
	 * URL reached by following 301/308 hops from the start of the chain
	 * (stops at the first 302/303/307).  NULL when the first hop was not
	 * permanent. */
	int permanent;
	const char *moved_to;
};

struct xfer_cbs {
	/* Body bytes as they arrive; return < 0 to abort the transfer.  Runs
	 * inside libcurl: it may call xfer_cancel and xfer_start, never
	 * xfer_close.  buf is borrowed for the call.  May be NULL (discard). */
	int (*on_data)(void *arg, const char *buf, size_t len);
	/* Exactly once per started request, after libcurl is done with it: the
	 * easy handle is already cleaned up, so anything the caller attached
	 * to it (mime, slists, read buffers) may be freed here.  May call
	 * xfer_start, xfer_cancel and xfer_close. */
	void (*on_done)(void *arg, const struct xfer_result *res);
};

/*
 * A new xfer on loop (borrowed, must outlive it).  opts may be NULL for all
 * defaults.  curl_global_init must have run (main does it).  Returns 0, or a
 * negative errno with eb saying what failed.
 */
int xfer_new(struct xfer **out, uv_loop_t *loop, const struct xfer_opts *opts,
    struct errbuf *eb) MUST_CHECK;

/*
 * Stop accepting requests (xfer_start then returns -ESHUTDOWN), let those in
 * flight finish for up to deadline_ms milliseconds from now (0: cancel at
 * once), cancel the rest (their on_done runs with XFER_ABORTED), clean up
 * the multi, close every handle, free x, then call done(arg) (done may be
 * NULL).  After done runs the xfer holds no handle on the loop.
 */
void xfer_close(struct xfer *x, uint64_t deadline_ms, void (*done)(void *),
    void *arg);

/* Requests started and not yet done. */
unsigned int xfer_active(const struct xfer *x);

/*
 * A new request with the defaults above.  The caller owns it until
 * xfer_start (or xfer_req_free if it is never started).
 */
int xfer_req_new(struct xfer *x, struct xfer_req **out,
    struct errbuf *eb) MUST_CHECK;

/* The request's easy handle (owned by r): set URL, headers, body here. */
CURL *xfer_req_easy(struct xfer_req *r);

/*
 * Body cap in bytes and whole-transfer limit in ms for this request; 0
 * keeps the xfer's default.  Sets MAXFILESIZE_LARGE and TIMEOUT_MS and the
 * byte count the write callback enforces (chunked or compressed bodies
 * carry no usable Content-Length).  The connect limit is never longer than
 * timeout_ms.
 */
void xfer_req_set_limits(struct xfer_req *r, uint64_t max_body,
    uint64_t timeout_ms);

/*
 * SSRF protection for r: no connection to a loopback, private, link-local
 * or multicast address, whether a redirect or a DNS answer leads there,
 * checked on each socket as it is opened.  Not applied when configured_url
 * (borrowed for the call) names such an address itself (an IP literal or
 * localhost: the operator asked for it), nor when a proxy is set in the
 * environment (the proxy connects, not us).  A refused transfer ends as
 * XFER_CONNECT, its summary naming the address.  Call before xfer_start.
 */
void xfer_req_guard(struct xfer_req *r, const char *configured_url);

/*
 * Run r on a libuv worker thread with curl_easy_perform instead of on the
 * loop's multi handle; call before xfer_start.  For protocols whose
 * libcurl code blocks inside the multi interface: libcurl 7.88 waits for
 * the SMTP reply to the end of DATA in a blocking call (smtp_done), which
 * on the loop thread would stop every poll, timer and watchdog ping for as
 * long as the server stays silent.  The request keeps its own easy handle
 * and connection (never reused: FORBID_REUSE), ends with CURLE_OPERATION_
 * TIMEDOUT at the latest a few seconds after its timeout (hard deadline),
 * and xfer_cancel or xfer_close end it within about a second by shutting
 * its sockets down.  on_data runs on the worker thread: it must touch
 * only what the loop leaves alone until on_done.  on_done runs on the
 * loop as for any request.  0, or -ENOMEM.
 */
int xfer_req_use_worker(struct xfer_req *r) MUST_CHECK;

/*
 * Append a request header line ("If-None-Match: \"abc\""); r owns the list
 * and frees it with the request.  0 or -ENOMEM.
 */
int xfer_req_add_header(struct xfer_req *r, const char *line) MUST_CHECK;

/*
 * r takes ownership of list (e.g. the CURLOPT_MAIL_RCPT list the caller set
 * on the easy handle) and frees it after the transfer; list may be NULL.
 * Up to four lists per request.  0, or -ENOSPC (list not taken).
 */
int xfer_req_take_slist(struct xfer_req *r, struct curl_slist *list) MUST_CHECK;

/* Free a request that was never started; NULL does nothing. */
void xfer_req_free(struct xfer_req *r);

/*
 * Takes r: xfer frees it after on_done returns.  cbs is copied, arg is
 * borrowed until on_done.  Returns 0; or a negative errno (-ESHUTDOWN when
 * the xfer is closing, -ENOMEM, -EINVAL) after freeing r, and then on_done
 * never runs.
 */
int xfer_start(struct xfer_req *r, const struct xfer_cbs *cbs,
    void *arg) MUST_CHECK;

/*
 * Abort r, which must be started and not yet done (calling it from r's own
 * on_done does nothing).  on_done still runs, later, from the loop, with
 * XFER_ABORTED and CURLE_ABORTED_BY_CALLBACK.
 */
void xfer_cancel(struct xfer_req *r);

#endif /* UKEUWATCH_LIB_XFER_H */
