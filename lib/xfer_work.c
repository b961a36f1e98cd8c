/*
 * xfer_work.c -- requests that run on a libuv worker thread (see
 * xfer_req_use_worker in xfer.h), the one place outside the multi where
 * libcurl performs a transfer.
 *
 * Why a thread: libcurl 7.88 waits for the SMTP reply to the end of DATA
 * in a blocking loop inside the multi interface (smtp_done), so a mail
 * server that never answers the final "." froze the daemon's loop for the
 * target's whole timeout: no poll, no watchdog ping, no SIGTERM.  Here the
 * request's own easy handle runs under curl_easy_perform, which never
 * touches the loop's multi, sockets or handles.
 *
 * Three ways out, whatever libcurl does: its own TIMEOUT_MS; a hard
 * deadline (the request's timeout plus DEADLINE_SLACK_MS) checked by the
 * progress callback, which libcurl calls at least once a second even in
 * its blocking waits; and a stop asked by the loop (xfer_cancel,
 * xfer_close), which also shuts the request's sockets down so that a
 * blocked poll() wakes at once.  The socket list is guarded by a mutex:
 * the worker closes a socket under it, so the loop never shuts down a
 * descriptor number that was closed and reused meanwhile.
 */
#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include <curl/curl.h>
#include <uv.h>

#include "lib/xfer.h"
#include "lib/xfer_impl.h"

/* Past its timeout, libcurl gets this long to give up by itself. */
#define DEADLINE_SLACK_MS 5000

int
xfer_req_use_worker(struct xfer_req *r)
{
	if (r->lock_init)
		return 0;
	if (uv_mutex_init(&r->lock) < 0)
		return -ENOMEM;
	r->lock_init = 1;
	r->worker = 1;
	for (size_t i = 0; i < XFER_WORK_FDS; i++)
		r->fds[i] = CURL_SOCKET_BAD;
	return 0;
}

static enum xfer_stop
asked_stop(struct xfer_req *r)
{
	enum xfer_stop s;

	uv_mutex_lock(&r->lock);
	s = r->wstop;
	uv_mutex_unlock(&r->lock);
	return s;
}

/* CURLOPT_XFERINFOFUNCTION: non-zero aborts the transfer. */
static int
on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
    curl_off_t ulnow)
{
	struct xfer_req *r = arg;

	(void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	if (asked_stop(r) != XFER_STOP_NONE)
		return 1;
	if (uv_hrtime() > r->deadline_ns) {
		r->deadline_hit = 1;
		return 1;
	}
	return 0;
}

static curl_socket_t
on_opensocket(void *arg, curlsocktype purpose, struct curl_sockaddr *addr)
{
	struct xfer_req *r = arg;
	curl_socket_t fd;
	size_t i;

	(void)purpose;
	uv_mutex_lock(&r->lock);
	for (i = 0; i < XFER_WORK_FDS && r->fds[i] != CURL_SOCKET_BAD; i++)
		;
	fd = i < XFER_WORK_FDS && r->wstop == XFER_STOP_NONE ?
	    socket(addr->family, addr->socktype | SOCK_CLOEXEC,
	        addr->protocol) :
	    CURL_SOCKET_BAD;
	if (fd != CURL_SOCKET_BAD)
		r->fds[i] = fd;
	uv_mutex_unlock(&r->lock);
	return fd;
}

static int
on_closesocket(void *arg, curl_socket_t fd)
{
	struct xfer_req *r = arg;
	int rc;

	uv_mutex_lock(&r->lock);
	for (size_t i = 0; i < XFER_WORK_FDS; i++)
		if (r->fds[i] == fd)
			r->fds[i] = CURL_SOCKET_BAD;
	rc = close(fd);
	uv_mutex_unlock(&r->lock);
	return rc;
}

/* The loop's CLOSESOCKETFUNCTION (set by xfer_start) is replaced here. */
static int
set_worker_options(struct xfer_req *r)
{
	CURL *e = r->easy;

	return curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, on_opensocket) ||
	    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, r) ||
	    curl_easy_setopt(e, CURLOPT_CLOSESOCKETFUNCTION, on_closesocket) ||
	    curl_easy_setopt(e, CURLOPT_CLOSESOCKETDATA, r) ||
	    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress) ||
	    curl_easy_setopt(e, CURLOPT_XFERINFODATA, r) ||
	    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L) ||
	    /* A connection that failed may be in any state; one that
	     * worked is not kept either, so nothing outlives the request. */
	    curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
}

/* On the worker thread: the transfer, its result, its clean-up. */
static void
work(uv_work_t *w)
{
	struct xfer_req *r = w->data;
	CURLcode code = curl_easy_perform(r->easy);
	enum xfer_stop asked = asked_stop(r);

	if (asked != XFER_STOP_NONE && r->stop == XFER_STOP_NONE)
		r->stop = asked;
	if (r->deadline_hit && r->stop == XFER_STOP_NONE) {
		code = CURLE_OPERATION_TIMEDOUT;
		r->errbuf[0] = '\0';
	}
	xfer_result_build(r, code, &r->wres);
	curl_easy_cleanup(r->easy);
	r->easy = NULL;
}

/* On the loop: the worker is done, or never started (uv_cancel). */
static void
after_work(uv_work_t *w, int status)
{
	struct xfer_req *r = w->data;

	if (status == UV_ECANCELED) {
		r->stop = asked_stop(r);
		if (r->stop == XFER_STOP_NONE)
			r->stop = XFER_STOP_CANCEL;
		xfer_result_build(r, CURLE_ABORTED_BY_CALLBACK, &r->wres);
		curl_easy_cleanup(r->easy);
		r->easy = NULL;
	}
	xfer_req_finish(r, &r->wres);
}

int
xfer_work_start(uv_loop_t *loop, struct xfer_req *r)
{
	if (set_worker_options(r) != 0)
		return -EINVAL;
	r->deadline_ns = r->start_ns +
	    (r->timeout_ms + DEADLINE_SLACK_MS) * 1000000;
	r->work.data = r;
	return uv_queue_work(loop, &r->work, work, after_work);
}

void
xfer_work_cancel(struct xfer_req *r, enum xfer_stop why)
{
	uv_mutex_lock(&r->lock);
	if (r->wstop == XFER_STOP_NONE)
		r->wstop = why;
	for (size_t i = 0; i < XFER_WORK_FDS; i++)
		if (r->fds[i] != CURL_SOCKET_BAD)
			(void)shutdown(r->fds[i], SHUT_RDWR);
	uv_mutex_unlock(&r->lock);
	/* Succeeds only while the work waits for a thread. */
	(void)uv_cancel((uv_req_t *)&r->work);
}
