/*
 * httpd -- the built-in web server: the review pages for analysts, /metrics
 * for Prometheus, /alerts.atom for feed readers, /healthz.
 *
 * libmicrohttpd runs on the daemon's own libuv loop (web/httpd.c is the
 * only place they meet): no thread of its own, so nothing the pages do
 * can race the store's writer.  Pages read through their own read-only
 * connection; the two writes (a verdict, a requeue) go through the same
 * short-lived writable connection as `alerts --mark` and `alerts --retry`.
 */
#ifndef UKEUWATCH_WEB_HTTPD_H
#define UKEUWATCH_WEB_HTTPD_H

#include <uv.h>

#include "lib/errbuf.h"

struct config;
struct httpd; /* opaque */

struct httpd_opts {
	/* 1 while the daemon can write its state file (/healthz). */
	int (*healthy)(void *arg);
	/* After a requeue from the pages: look at the outbox now. */
	void (*on_requeue)(void *arg);
	void *arg;
};

/*
 * Listen on config's [web] listen address, on loop.  config is borrowed
 * until httpd_set_config or httpd_close; its [web] section, state file and
 * names are read on each request.  Returns 0 (with *out NULL when listen is
 * empty: the server is off), or a negative errno with eb naming the
 * address and what to do.
 */
int httpd_new(struct httpd **out, uv_loop_t *loop, const struct config *config,
    const struct httpd_opts *opts, struct errbuf *eb) MUST_CHECK;

/*
 * A reloaded config (borrowed as in httpd_new).  The listen address and
 * token are not re-read: changing them takes a restart, and the caller
 * says so.
 */
void httpd_set_config(struct httpd *w, const struct config *config);

/* The address actually bound ("127.0.0.1:8037"), owned by w. */
const char *httpd_address(const struct httpd *w);

/*
 * Stop listening, drop open connections, close the libuv handles; done
 * (may be NULL) runs once they are closed, after which w is freed.  NULL
 * w calls done at once.
 */
void httpd_close(struct httpd *w, void (*done)(void *arg), void *arg);

#endif /* UKEUWATCH_WEB_HTTPD_H */
