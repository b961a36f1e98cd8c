/*
 * xfer.c -- see xfer.h.
 *
 * The shape is curl's docs/examples/multi-uv.c: libcurl's socket callback
 * starts and stops a uv_poll per socket, its timer callback arms one
 * uv_timer, and both kinds of event end in curl_multi_socket_action.  A
 * daemon needs more than the example, so:
 *  1. a poll error reaches libcurl as CURL_CSELECT_ERR (curl PR #7308);
 *  2. completions are drained after every socket_action, whatever
 *     running_handles says;
 *  3. the timer callback only arms the uv timer;
 *  4. CURL_POLL_REMOVE stops and closes the poll, and the context is freed
 *     in the close callback.  libuv must never watch a closed fd
 *     (libuv#1495), and REMOVE has come after close() (curl#3597,
 *     curl#14976), so CURLOPT_CLOSESOCKETFUNCTION stops a still-watched
 *     poll before closing the fd;
 *  5. nothing is removed or freed inside a libcurl callback: the write
 *     callback stops a transfer by returning a short count, xfer_cancel
 *     only marks the request and a zero timer completes it;
 *  6. each request has caps (xfer.h);
 *  7. xfer_close cancels what runs at its deadline and calls
 *     curl_multi_cleanup while the poll contexts still exist, because
 *     cleanup closes cached connections through the callbacks above.
 *
 * The fd -> context index is the only way a context is found.  libcurl's
 * socketp (curl_multi_assign) is deliberately not used: after a late REMOVE
 * it can name a context that CLOSESOCKETFUNCTION already closed and freed,
 * while the index only ever holds live contexts.
 */
#include "lib/xfer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <uv.h>

#include "lib/errbuf.h"
#include "lib/xfer_impl.h"

/* One socket libcurl wants watched. */
struct xfer_sock {
	uv_poll_t poll; /* owned; the struct is freed in its close callback */
	struct xfer *x; /* borrowed back pointer */
	curl_socket_t fd;
	int what; /* CURL_POLL_IN/OUT libcurl asked for */
};

static void drain(struct xfer *x);
static void complete(struct xfer_req *r, CURLcode code);
static void on_stop(uv_timer_t *t);

/* ---- sockets ------------------------------------------------------------ */

/* A handle's close callback ran; the last one after on_stop frees x. */
static void
release(struct xfer *x)
{
	void (*done)(void *) = x->done;
	void *arg = x->done_arg;

	x->handles--;
	if (!x->finished || x->handles > 0)
		return;
	free(x->socks);
	free(x->user_agent);
	free(x);
	if (done != NULL)
		done(arg);
}

static void
on_sock_closed(uv_handle_t *h)
{
	struct xfer_sock *s = h->data;
	struct xfer *x = s->x;

	free(s);
	release(x);
}

/* Stop watching fd and close its context; safe if there is none. */
static void
sock_close(struct xfer *x, curl_socket_t fd)
{
	struct xfer_sock *s;

	if (fd < 0 || (size_t)fd >= x->n_socks || x->socks[fd] == NULL)
		return;
	s = x->socks[fd];
	x->socks[fd] = NULL;
	uv_poll_stop(&s->poll);
	uv_close((uv_handle_t *)&s->poll, on_sock_closed);
}

static void
on_poll(uv_poll_t *p, int status, int events)
{
	struct xfer_sock *s = p->data;
	struct xfer *x = s->x;
	int flags = 0, running;

	/*
	 * libuv reports every poll error as UV_EBADF with no events.  With
	 * ERR alone libcurl only says "select/poll returned error"; adding
	 * the directions it was waiting for lets it read or write and report
	 * the socket's own error ("Connection reset by peer").
	 */
	if (status < 0)
		flags = CURL_CSELECT_ERR |
		    (s->what & CURL_POLL_IN ? CURL_CSELECT_IN : 0) |
		    (s->what & CURL_POLL_OUT ? CURL_CSELECT_OUT : 0);
	if (events & UV_READABLE)
		flags |= CURL_CSELECT_IN;
	if (events & UV_WRITABLE)
		flags |= CURL_CSELECT_OUT;
	/* s may be closed during the call; only x is used after it. */
	curl_multi_socket_action(x->multi, s->fd, flags, &running);
	drain(x);
}

static struct xfer_sock *
sock_open(struct xfer *x, curl_socket_t fd)
{
	struct xfer_sock *s;

	if ((size_t)fd >= x->n_socks) {
		size_t n = (size_t)fd + 64;
		struct xfer_sock **v = realloc(x->socks, n * sizeof(*v));

		if (v == NULL)
			return NULL;
		memset(v + x->n_socks, 0, (n - x->n_socks) * sizeof(*v));
		x->socks = v;
		x->n_socks = n;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return NULL;
	if (uv_poll_init_socket(x->loop, &s->poll, fd) < 0) {
		free(s);
		return NULL;
	}
	s->poll.data = s;
	s->x = x;
	s->fd = fd;
	x->socks[fd] = s;
	x->handles++;
	return s;
}

static int
on_socket(CURL *easy, curl_socket_t fd, int what, void *userp, void *socketp)
{
	struct xfer *x = userp;
	struct xfer_sock *s = NULL;
	int events = 0;

	(void)easy;
	(void)socketp; /* see the top of the file */
	if (what == CURL_POLL_REMOVE) {
		sock_close(x, fd);
		return 0;
	}
	if (fd >= 0 && (size_t)fd < x->n_socks)
		s = x->socks[fd];
	if (s == NULL)
		s = sock_open(x, fd);
	if (s == NULL)
		return -1; /* libcurl fails the transfer: ENOMEM or EEXIST */
	s->what = what;
	if (what & CURL_POLL_IN)
		events |= UV_READABLE;
	if (what & CURL_POLL_OUT)
		events |= UV_WRITABLE;
	return uv_poll_start(&s->poll, events, on_poll) < 0 ? -1 : 0;
}

/* CURLOPT_CLOSESOCKETFUNCTION: libuv lets go of fd before it is closed. */
static int
on_closesocket(void *clientp, curl_socket_t fd)
{
	sock_close(clientp, fd);
	return close(fd);
}

/* ---- timers ------------------------------------------------------------- */

static void
on_timeout(uv_timer_t *t)
{
	struct xfer *x = t->data;
	int running;

	curl_multi_socket_action(x->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	drain(x);
}

static int
on_curl_timer(CURLM *multi, long timeout_ms, void *userp)
{
	struct xfer *x = userp;

	(void)multi;
	if (timeout_ms < 0)
		uv_timer_stop(&x->timer);
	else
		uv_timer_start(&x->timer, on_timeout, (uint64_t)timeout_ms, 0);
	return 0;
}

/* ---- completions -------------------------------------------------------- */

static void
drain(struct xfer *x)
{
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(x->multi, &left)) != NULL) {
		struct xfer_req *r = NULL;
		CURLcode code = m->data.result;

		if (m->msg != CURLMSG_DONE)
			continue;
		/* m dies with remove_handle, so it is read in full first. */
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &r);
		if (r != NULL)
			complete(r, code);
	}
}

static void
unlink_req(struct xfer *x, struct xfer_req *r)
{
	if (r->prev != NULL)
		r->prev->next = r->next;
	else
		x->reqs = r->next;
	if (r->next != NULL)
		r->next->prev = r->prev;
	r->prev = r->next = NULL;
	x->active--;
}

/*
 * The one way a started request ends: out of the multi, result built, easy
 * handle cleaned up, on_done, freed.  Never called from a libcurl callback.
 */
static void
complete(struct xfer_req *r, CURLcode code)
{
	struct xfer *x = r->x;
	struct xfer_result res;

	r->done = 1;
	curl_multi_remove_handle(x->multi, r->easy);
	xfer_result_build(r, code, &res);
	curl_easy_cleanup(r->easy);
	r->easy = NULL;
	xfer_req_finish(r, &res);
}

void
xfer_req_finish(struct xfer_req *r, const struct xfer_result *res)
{
	struct xfer *x = r->x;

	r->done = 1;
	unlink_req(x, r);
	if (r->cbs.on_done != NULL)
		r->cbs.on_done(r->arg, res);
	xfer_req_free(r);
	if (x->closing && x->active == 0 && !x->finished)
		(void)uv_timer_start(&x->stop, on_stop, 0, 0);
}

/* Complete the first request marked for stopping, until none is left. */
static void
on_reap(uv_timer_t *t)
{
	struct xfer *x = t->data;
	struct xfer_req *r;

	for (;;) {
		for (r = x->reqs; r != NULL; r = r->next)
			if (!r->worker &&
			    (r->stop == XFER_STOP_CANCEL ||
			        r->stop == XFER_STOP_SHUTDOWN))
				break;
		if (r == NULL)
			break;
		complete(r, CURLE_ABORTED_BY_CALLBACK);
	}
}

/* ---- life cycle --------------------------------------------------------- */

static void
on_timer_closed(uv_handle_t *h)
{
	release(h->data);
}

static int
multi_setup(struct xfer *x, const struct xfer_opts *o)
{
	long total = o->max_total_connections ? (long)o->max_total_connections :
	                                        XFER_DEFAULT_MAX_TOTAL;
	long host = o->max_host_connections ? (long)o->max_host_connections :
	                                      XFER_DEFAULT_MAX_HOST;

	x->multi = curl_multi_init();
	if (x->multi == NULL)
		return -ENOMEM;
	if (curl_multi_setopt(x->multi, CURLMOPT_SOCKETFUNCTION, on_socket) ||
	    curl_multi_setopt(x->multi, CURLMOPT_SOCKETDATA, x) ||
	    curl_multi_setopt(x->multi, CURLMOPT_TIMERFUNCTION,
	        on_curl_timer) ||
	    curl_multi_setopt(x->multi, CURLMOPT_TIMERDATA, x) ||
	    curl_multi_setopt(x->multi, CURLMOPT_PIPELINING,
	        CURLPIPE_MULTIPLEX) ||
	    curl_multi_setopt(x->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	        total) ||
	    curl_multi_setopt(x->multi, CURLMOPT_MAX_HOST_CONNECTIONS, host))
		return -EINVAL;
	return 0;
}

int
xfer_new(struct xfer **out, uv_loop_t *loop, const struct xfer_opts *opts,
    struct errbuf *eb)
{
	static const struct xfer_opts defaults;
	const struct xfer_opts *o = opts != NULL ? opts : &defaults;
	struct xfer *x;
	int rc;

	*out = NULL;
	x = calloc(1, sizeof(*x));
	if (x == NULL)
		return errbuf_set(eb, -ENOMEM, "xfer: out of memory");
	x->loop = loop;
	x->max_body = o->max_body ? o->max_body : XFER_DEFAULT_MAX_BODY;
	x->timeout_ms = o->timeout_ms ? o->timeout_ms : XFER_DEFAULT_TIMEOUT_MS;
	x->connect_ms = o->connect_timeout_ms ? o->connect_timeout_ms :
	                                        XFER_DEFAULT_CONNECT_MS;
	x->user_agent = strdup(
	    o->user_agent != NULL ? o->user_agent : XFER_DEFAULT_USER_AGENT);
	rc = x->user_agent == NULL ? -ENOMEM : multi_setup(x, o);
	if (rc < 0)
		goto fail;
	/* Three timers on one loop cannot fail to initialise. */
	uv_timer_init(loop, &x->timer);
	uv_timer_init(loop, &x->reap);
	uv_timer_init(loop, &x->stop);
	x->timer.data = x->reap.data = x->stop.data = x;
	x->handles = 3;
	*out = x;
	return 0;
fail:
	if (x->multi != NULL)
		curl_multi_cleanup(x->multi);
	free(x->user_agent);
	free(x);
	return errbuf_set(eb, rc, "xfer: cannot set up libcurl's multi handle");
}

unsigned int
xfer_active(const struct xfer *x)
{
	return x->active;
}

void
xfer_close(struct xfer *x, uint64_t deadline_ms, void (*done)(void *),
    void *arg)
{
	if (x->closing)
		return;
	x->closing = 1;
	x->done = done;
	x->done_arg = arg;
	(void)uv_timer_start(&x->stop, on_stop, x->active ? deadline_ms : 0, 0);
}

/*
 * The deadline passed or nothing is left: cancel what remains, clean up the
 * multi while the poll contexts still exist (it closes cached connections
 * through on_closesocket and on_socket), then close every handle.  The last
 * close callback frees x.
 */
static void
on_stop(uv_timer_t *t)
{
	struct xfer *x = t->data;
	struct xfer_req *r;
	size_t fd;

	if (x->finished)
		return;
	for (r = x->reqs; r != NULL; r = r->next)
		if (r->worker)
			xfer_work_cancel(r, XFER_STOP_SHUTDOWN);
	for (;;) {
		for (r = x->reqs; r != NULL && r->worker; r = r->next)
			;
		if (r == NULL)
			break;
		r->stop = XFER_STOP_SHUTDOWN;
		complete(r, CURLE_ABORTED_BY_CALLBACK);
	}
	/* A worker cannot be stopped from here, only told to stop: it ends
	 * within about a second, and the last one to end calls us again. */
	if (x->reqs != NULL)
		return;
	x->finished = 1;
	curl_multi_cleanup(x->multi);
	x->multi = NULL;
	for (fd = 0; fd < x->n_socks; fd++)
		sock_close(x, (curl_socket_t)fd);
	uv_close((uv_handle_t *)&x->timer, on_timer_closed);
	uv_close((uv_handle_t *)&x->reap, on_timer_closed);
	uv_close((uv_handle_t *)&x->stop, on_timer_closed);
}

/* ---- requests ----------------------------------------------------------- */

static size_t
on_write(char *buf, size_t size, size_t n, void *userp)
{
	struct xfer_req *r = userp;
	size_t len = size * n;

	if (r->stop != XFER_STOP_NONE)
		return 0;
	/* r->bytes never exceeds max_body, so this cannot wrap. */
	if (len > r->max_body - r->bytes) {
		r->stop = XFER_STOP_TOO_BIG;
		return 0;
	}
	r->bytes += len;
	if (r->cbs.on_data != NULL && r->cbs.on_data(r->arg, buf, len) < 0) {
		if (r->stop == XFER_STOP_NONE)
			r->stop = XFER_STOP_REFUSED;
		return 0;
	}
	return r->stop == XFER_STOP_NONE ? len : 0;
}

/* Set last, so that no caller can replace what the bridge relies on. */
static int
set_owned(struct xfer_req *r)
{
	CURL *e = r->easy;

	return curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write) ||
	    curl_easy_setopt(e, CURLOPT_WRITEDATA, r) ||
	    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, xfer_on_header) ||
	    curl_easy_setopt(e, CURLOPT_HEADERDATA, r) ||
	    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->errbuf) ||
	    curl_easy_setopt(e, CURLOPT_PRIVATE, r) ||
	    curl_easy_setopt(e, CURLOPT_CLOSESOCKETFUNCTION, on_closesocket) ||
	    curl_easy_setopt(e, CURLOPT_CLOSESOCKETDATA, r->x) ||
	    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION,
	        xfer_on_opensocket) ||
	    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, r) ||
	    (r->headers != NULL &&
	        curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->headers));
}

int
xfer_start(struct xfer_req *r, const struct xfer_cbs *cbs, void *arg)
{
	struct xfer *x = r->x;
	int rc = 0;

	if (x->closing)
		rc = -ESHUTDOWN;
	else if (r->started)
		rc = -EINVAL;
	else if (set_owned(r) != 0)
		rc = -EINVAL;
	if (rc < 0)
		goto fail;
	r->cbs = *cbs;
	r->arg = arg;
	r->errbuf[0] = '\0';
	r->start_ns = uv_hrtime();
	if (r->worker)
		rc = xfer_work_start(x->loop, r);
	else if (curl_multi_add_handle(x->multi, r->easy) != CURLM_OK)
		rc = -ENOMEM;
	if (rc < 0)
		goto fail;
	r->started = 1;
	r->next = x->reqs;
	if (x->reqs != NULL)
		x->reqs->prev = r;
	x->reqs = r;
	x->active++;
	return 0;
fail:
	xfer_req_free(r);
	return rc;
}

void
xfer_cancel(struct xfer_req *r)
{
	/* A request already stopping ends through the drain, with its reason.
	 */
	if (!r->started || r->done)
		return;
	if (r->worker) {
		xfer_work_cancel(r, XFER_STOP_CANCEL);
		return;
	}
	if (r->stop != XFER_STOP_NONE)
		return;
	r->stop = XFER_STOP_CANCEL;
	(void)uv_timer_start(&r->x->reap, on_reap, 0, 0);
}
