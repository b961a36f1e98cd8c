/*
 * test_xfer.c -- the libcurl <-> libuv bridge against a real HTTP/1.1
 * server on 127.0.0.1.
 *
 * The server is a thread in this process speaking plain sockets, one thread
 * per connection, on a port the kernel chose.  Each path is one behaviour
 * (see serve()).  Every test runs on its own uv loop and ends by closing the
 * xfer and asserting that uv_loop_close() returns 0, i.e. no handle leaks.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <uv.h>

#include "lib/errbuf.h"
#include "lib/xfer.h"

#define BODY_LEN  200000
#define MANY      50
#define RESET_AT  5000
#define LAST_MOD  "Wed, 21 Oct 2015 07:28:00 GMT"
#define FEED_TYPE "application/rss+xml; charset=utf-8"

/* ---- the server ---------------------------------------------------------- */

struct srv {
	int lfd;
	int port;
	pthread_t thr;
	atomic_int stop;
	atomic_int live;      /* connection threads still running */
	atomic_int loop_hits; /* requests for /loop */
	atomic_int requests;
};

struct conn {
	struct srv *s;
	int fd;
};

static char body[BODY_LEN];

/* Wait for fd to be ready for events, checking stop every 50 ms. */
static int
wait_fd(struct srv *s, int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	while (!atomic_load(&s->stop)) {
		int n = poll(&p, 1, 50);

		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return -1;
	}
	return -1;
}

static int
send_all(struct srv *s, int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n;

		if (wait_fd(s, fd, POLLOUT) < 0)
			return -1;
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
send_str(struct srv *s, int fd, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return send_all(s, fd, buf, (size_t)n);
}

/* Until the client goes away (or the test ends). */
static void
wait_close(struct srv *s, int fd)
{
	char buf[512];

	while (wait_fd(s, fd, POLLIN) == 0)
		if (recv(fd, buf, sizeof(buf), 0) <= 0)
			return;
}

static void
serve_endless(struct srv *s, int fd)
{
	static char chunk[4096 + 16];
	size_t n;

	n = (size_t)snprintf(chunk, sizeof(chunk), "1000\r\n");
	memset(chunk + n, 'x', 4096);
	memcpy(chunk + n + 4096, "\r\n", 2);
	if (send_str(s, fd,
	        "HTTP/1.1 200 OK\r\nContent-Type: %s\r\n"
	        "Transfer-Encoding: chunked\r\n\r\n",
	        FEED_TYPE) < 0)
		return;
	while (send_all(s, fd, chunk, n + 4096 + 2) == 0)
		;
}

static void
serve_reset(struct srv *s, int fd)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };

	if (send_str(s, fd, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n",
	        BODY_LEN) < 0 ||
	    send_all(s, fd, body, RESET_AT) < 0)
		return;
	usleep(50000);
	/* close() with a zero linger sends RST instead of FIN. */
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
}

static void
serve_ok(struct srv *s, int fd)
{
	if (send_str(s, fd,
	        "HTTP/1.1 200 OK\r\nContent-Length: %d\r\nETag: \"v1\"\r\n"
	        "Last-Modified: " LAST_MOD "\r\nContent-Type: %s\r\n"
	        "Connection: close\r\n\r\n",
	        BODY_LEN, FEED_TYPE) == 0)
		send_all(s, fd, body, BODY_LEN);
}

static void
serve(struct srv *s, int fd, const char *path, const char *head)
{
	const char *close = "Content-Length: 0\r\nConnection: close\r\n\r\n";

	if (strcmp(path, "/ok") == 0)
		serve_ok(s, fd);
	else if (strcmp(path, "/cond") == 0 &&
	    strstr(head, "\r\nIf-None-Match: \"v1\"\r\n"))
		send_str(s, fd,
		    "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n"
		    "Connection: close\r\n\r\n");
	else if (strcmp(path, "/cond") == 0)
		serve_ok(s, fd);
	else if (strcmp(path, "/429") == 0)
		send_str(s, fd, "HTTP/1.1 429 Too Many\r\nRetry-After: 7\r\n%s",
		    close);
	else if (strcmp(path, "/bucket-empty") == 0)
		send_str(s, fd,
		    "HTTP/1.1 204 No Content\r\nX-RateLimit-Limit: 5\r\n"
		    "x-ratelimit-remaining: 0\r\n"
		    "X-RateLimit-Reset-After: 2.345\r\n%s",
		    close);
	else if (strcmp(path, "/bucket-left") == 0)
		send_str(s, fd,
		    "HTTP/1.1 204 No Content\r\nX-RateLimit-Remaining: 4\r\n"
		    "X-RateLimit-Reset-After: 2\r\n%s",
		    close);
	else if (strcmp(path, "/bucket-junk") == 0)
		send_str(s, fd,
		    "HTTP/1.1 204 No Content\r\nX-RateLimit-Remaining: 0\r\n"
		    "X-RateLimit-Reset-After: -3\r\n%s",
		    close);
	else if (strcmp(path, "/bucket-hop") == 0)
		send_str(s, fd,
		    "HTTP/1.1 302 Found\r\nX-RateLimit-Remaining: 0\r\n"
		    "X-RateLimit-Reset-After: 9\r\nLocation: "
		    "/bucket-left\r\n%s",
		    close);
	else if (strcmp(path, "/moved") == 0)
		send_str(s, fd, "HTTP/1.1 301 Moved\r\nLocation: /ok\r\n%s",
		    close);
	else if (strcmp(path, "/temp") == 0)
		send_str(s, fd, "HTTP/1.1 302 Found\r\nLocation: /moved\r\n%s",
		    close);
	else if (strcmp(path, "/loop") == 0) {
		atomic_fetch_add(&s->loop_hits, 1);
		send_str(s, fd, "HTTP/1.1 301 Moved\r\nLocation: /loop\r\n%s",
		    close);
	} else if (strcmp(path, "/hang") == 0)
		wait_close(s, fd);
	else if (strcmp(path, "/endless") == 0)
		serve_endless(s, fd);
	else if (strcmp(path, "/big") == 0) {
		if (send_str(s, fd,
		        "HTTP/1.1 200 OK\r\nContent-Length: "
		        "1073741824\r\n\r\n") == 0)
			wait_close(s, fd);
	} else if (strcmp(path, "/reset") == 0)
		serve_reset(s, fd);
	else if (strncmp(path, "/n/", 3) == 0)
		send_str(s, fd,
		    "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n"
		    "Connection: close\r\n\r\nitem %s",
		    strlen(path + 3) + 5, path + 3);
	else
		send_str(s, fd, "HTTP/1.1 404 Not Found\r\n%s", close);
}

static void *
conn_main(void *arg)
{
	struct conn *c = arg;
	char head[8192], path[256];
	size_t len = 0;

	while (len < sizeof(head) - 1 && wait_fd(c->s, c->fd, POLLIN) == 0) {
		ssize_t n = recv(c->fd, head + len, sizeof(head) - 1 - len, 0);

		if (n <= 0)
			break;
		len += (size_t)n;
		head[len] = '\0';
		if (strstr(head, "\r\n\r\n") != NULL) {
			atomic_fetch_add(&c->s->requests, 1);
			if (sscanf(head, "GET %255s HTTP/1.1", path) == 1)
				serve(c->s, c->fd, path, head);
			break;
		}
	}
	close(c->fd);
	atomic_fetch_sub(&c->s->live, 1);
	free(c);
	return NULL;
}

static void *
accept_main(void *arg)
{
	struct srv *s = arg;

	while (wait_fd(s, s->lfd, POLLIN) == 0) {
		struct conn *c;
		pthread_t t;
		int fd = accept(s->lfd, NULL, NULL);

		if (fd < 0)
			continue;
		c = malloc(sizeof(*c));
		assert_non_null(c);
		c->s = s;
		c->fd = fd;
		atomic_fetch_add(&s->live, 1);
		assert_int_equal(pthread_create(&t, NULL, conn_main, c), 0);
		pthread_detach(t);
	}
	return NULL;
}

/* A socket bound to 127.0.0.1 on a port the kernel picks. */
static int
bind_any(int *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
	*port = ntohs(a.sin_port);
	return fd;
}

static void
srv_start(struct srv *s)
{
	memset(s, 0, sizeof(*s));
	s->lfd = bind_any(&s->port);
	assert_int_equal(listen(s->lfd, 128), 0);
	assert_int_equal(pthread_create(&s->thr, NULL, accept_main, s), 0);
}

static void
srv_stop(struct srv *s)
{
	int i;

	atomic_store(&s->stop, 1);
	pthread_join(s->thr, NULL);
	close(s->lfd);
	for (i = 0; i < 200 && atomic_load(&s->live) > 0; i++)
		usleep(10000);
	assert_int_equal(atomic_load(&s->live), 0);
}

/* ---- the client side ----------------------------------------------------- */

struct fix {
	uv_loop_t loop;
	uv_timer_t guard; /* keeps UV_RUN_ONCE from blocking for long */
	struct srv srv;
	struct xfer *x;
	int closed;    /* xfer_close's done ran (count) */
	char base[64]; /* http://127.0.0.1:PORT */
};

/* What one request saw; strings copied out of the borrowed result. */
struct call {
	int done;     /* on_done count */
	int chunks;   /* on_data calls */
	int abort_at; /* on_data returns -1 on this call (0: never) */
	char *data;   /* owned: the body */
	size_t len, cap;
	long status;
	CURLcode code;
	enum xfer_class cls;
	uint64_t retry_after_ms, bytes, duration_ms, rl_reset_ms;
	int permanent;
	char summary[400], url[256], etag[64], last_mod[64], ctype[128];
	char moved_to[256]; /* "" when NULL */
	int has_etag;
};

static int dones; /* on_done calls, all requests */

static void
copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src != NULL ? src : "");
}

static int
on_data(void *arg, const char *buf, size_t len)
{
	struct call *c = arg;

	c->chunks++;
	if (c->abort_at != 0 && c->chunks == c->abort_at)
		return -1;
	if (c->len + len > c->cap) {
		c->cap = (c->len + len) * 2;
		c->data = realloc(c->data, c->cap);
		assert_non_null(c->data);
	}
	memcpy(c->data + c->len, buf, len);
	c->len += len;
	return 0;
}

static void
on_done(void *arg, const struct xfer_result *res)
{
	struct call *c = arg;

	dones++;
	c->done++;
	c->status = res->status;
	c->code = res->code;
	c->cls = res->cls;
	c->retry_after_ms = res->retry_after_ms;
	c->rl_reset_ms = res->rate_limit_reset_ms;
	c->bytes = res->bytes;
	c->duration_ms = res->duration_ms;
	c->permanent = res->permanent;
	c->has_etag = res->etag != NULL;
	copy(c->summary, sizeof(c->summary), res->summary);
	copy(c->url, sizeof(c->url), res->effective_url);
	copy(c->etag, sizeof(c->etag), res->etag);
	copy(c->last_mod, sizeof(c->last_mod), res->last_modified);
	copy(c->ctype, sizeof(c->ctype), res->content_type);
	copy(c->moved_to, sizeof(c->moved_to), res->moved_to);
}

static const struct xfer_cbs cbs = { on_data, on_done };

static void
on_guard(uv_timer_t *t)
{
	(void)t;
}

/* Run the loop until *flag reaches want, for at most ms. */
static void
run_until(struct fix *f, const int *flag, int want, uint64_t ms)
{
	uint64_t end;

	uv_update_time(&f->loop);
	end = uv_now(&f->loop) + ms;
	uv_timer_start(&f->guard, on_guard, 20, 20);
	while (*flag < want && uv_now(&f->loop) < end)
		uv_run(&f->loop, UV_RUN_ONCE);
	uv_timer_stop(&f->guard);
}

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct xfer_opts o = { .max_total_connections = 16,
		.max_host_connections = 8 };
	struct errbuf eb = { 0 };
	size_t i;

	assert_non_null(f);
	for (i = 0; i < sizeof(body); i++)
		body[i] = (char)('a' + (i * 7) % 26);
	assert_int_equal(uv_loop_init(&f->loop), 0);
	assert_int_equal(uv_timer_init(&f->loop, &f->guard), 0);
	srv_start(&f->srv);
	snprintf(f->base, sizeof(f->base), "http://127.0.0.1:%d", f->srv.port);
	assert_int_equal(xfer_new(&f->x, &f->loop, &o, &eb), 0);
	*state = f;
	return 0;
}

static void
on_closed(void *arg)
{
	struct fix *f = arg;

	f->closed++;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	if (f->x != NULL) {
		xfer_close(f->x, 0, on_closed, f);
		run_until(f, &f->closed, 1, 5000);
		assert_int_equal(f->closed, 1);
	}
	srv_stop(&f->srv);
	uv_close((uv_handle_t *)&f->guard, NULL);
	assert_int_equal(uv_run(&f->loop, UV_RUN_DEFAULT), 0);
	assert_int_equal(uv_loop_close(&f->loop), 0);
	free(f);
	return 0;
}

/* Start GET base+path with optional limits and one optional header. */
static void
start(struct fix *f, struct call *c, const char *path, uint64_t max_body,
    uint64_t timeout_ms, const char *header)
{
	struct xfer_req *r;
	struct errbuf eb = { 0 };
	char url[256];

	snprintf(url, sizeof(url), "%s%s", f->base, path);
	assert_int_equal(xfer_req_new(f->x, &r, &eb), 0);
	assert_int_equal(curl_easy_setopt(xfer_req_easy(r), CURLOPT_URL, url),
	    CURLE_OK);
	xfer_req_set_limits(r, max_body, timeout_ms);
	if (header != NULL)
		assert_int_equal(xfer_req_add_header(r, header), 0);
	assert_int_equal(xfer_start(r, &cbs, c), 0);
}

/* One request, run to completion. */
static void
fetch(struct fix *f, struct call *c, const char *path, uint64_t max_body,
    uint64_t timeout_ms, const char *header)
{
	start(f, c, path, max_body, timeout_ms, header);
	run_until(f, &c->done, 1, 10000);
	assert_int_equal(c->done, 1);
	assert_int_equal(xfer_active(f->x), 0);
}

static void
expect_url(struct fix *f, const char *got, const char *path)
{
	char want[256];

	snprintf(want, sizeof(want), "%s%s", f->base, path);
	assert_string_equal(got, want);
}

/* ---- the tests ------------------------------------------------------------
 */

static void
test_ok_body_in_chunks(void **state)
{
	struct fix *f = *state;
	struct call c = { 0 };

	fetch(f, &c, "/ok", 0, 0, NULL);
	assert_int_equal(c.status, 200);
	assert_int_equal(c.code, CURLE_OK);
	assert_int_equal(c.cls, XFER_OK);
	assert_string_equal(c.summary, "HTTP 200");
	assert_int_equal(c.len, BODY_LEN);
	assert_int_equal(c.bytes, BODY_LEN);
	assert_memory_equal(c.data, body, BODY_LEN);
	assert_true(c.chunks >= 2);
	assert_string_equal(c.etag, "\"v1\"");
	assert_string_equal(c.last_mod, LAST_MOD);
	assert_string_equal(c.ctype, FEED_TYPE);
	expect_url(f, c.url, "/ok");
	assert_int_equal(c.permanent, 0);
	assert_string_equal(c.moved_to, "");
	assert_int_equal(c.retry_after_ms, 0);
	assert_true(c.duration_ms < 5000);
	free(c.data);
}

static void
test_not_modified(void **state)
{
	struct fix *f = *state;
	struct call c = { 0 }, d = { 0 };

	fetch(f, &c, "/cond", 0, 0, "If-None-Match: \"v1\"");
	assert_int_equal(c.status, 304);
	assert_int_equal(c.cls, XFER_OK);
	assert_string_equal(c.summary, "HTTP 304");
	assert_int_equal(c.bytes, 0);
	assert_int_equal(c.chunks, 0);
	assert_string_equal(c.etag, "\"v1\"");
	/* The same URL without the validator gets the body. */
	fetch(f, &d, "/cond", 0, 0, "If-None-Match: \"v0\"");
	assert_int_equal(d.status, 200);
	assert_int_equal(d.bytes, BODY_LEN);
	free(d.data);
}

static void
test_retry_after(void **state)
{
	struct fix *f = *state;
	struct call c = { 0 };

	fetch(f, &c, "/429", 0, 0, NULL);
	assert_int_equal(c.status, 429);
	assert_int_equal(c.code, CURLE_OK);
	assert_int_equal(c.cls, XFER_HTTP);
	assert_string_equal(c.summary, "HTTP 429");
	assert_int_equal(c.retry_after_ms, 7000);
}

/* An empty bucket is announced; a non-empty one, junk or an earlier hop's
 * headers are not. */
static void
test_rate_limit_bucket(void **state)
{
	struct fix *f = *state;
	struct call c = { 0 }, left = { 0 }, junk = { 0 }, hop = { 0 };

	fetch(f, &c, "/bucket-empty", 0, 0, NULL);
	assert_int_equal(c.status, 204);
	assert_int_equal(c.rl_reset_ms, 2345);
	assert_int_equal(c.retry_after_ms, 0);
	fetch(f, &left, "/bucket-left", 0, 0, NULL);
	assert_int_equal(left.status, 204);
	assert_int_equal(left.rl_reset_ms, 0);
	fetch(f, &junk, "/bucket-junk", 0, 0, NULL);
	assert_int_equal(junk.rl_reset_ms, 1000); /* empty, refill unknown */
	fetch(f, &hop, "/bucket-hop", 0, 0, NULL);
	assert_int_equal(hop.status, 204);
	assert_int_equal(hop.rl_reset_ms, 0);
	free(c.data);
	free(left.data);
	free(junk.data);
	free(hop.data);
}

static void
test_permanent_redirect(void **state)
{
	struct fix *f = *state;
	struct call c = { 0 }, d = { 0 };
	char want[256];

	fetch(f, &c, "/moved", 0, 0, NULL);
	assert_int_equal(c.status, 200);
	assert_int_equal(c.cls, XFER_OK);
	assert_int_equal(c.bytes, BODY_LEN);
	assert_int_equal(c.permanent, 1);
	snprintf(want, sizeof(want), "%s/ok", f->base);
	assert_string_equal(c.moved_to, want);
	expect_url(f, c.url, "/ok");
	/* The validators are the final response's, not the 301's. */
	assert_string_equal(c.etag, "\"v1\"");
	free(c.data);
	/* 302 then 301: a permanent hop, but the URL itself has not moved. */
	fetch(f, &d, "/temp", 0, 0, NULL);
	assert_int_equal(d.status, 200);
	assert_int_equal(d.permanent, 1);
	assert_string_equal(d.moved_to, "");
	free(d.data);
}

static void
test_redirect_loop(void **state)
{
	struct fix *f = *state;
	struct call c = { 0 };

	fetch(f, &c, "/loop", 0, 0, NULL);
	assert_int_equal(c.code, CURLE_TOO_MANY_REDIRECTS);
	assert_int_equal(c.cls, XFER_HTTP);
	assert_string_equal(c.summary, "more than 5 redirects");
	/* The first request and five redirects, no more. */
	assert_int_equal(atomic_load(&f->srv.loop_hits), 1 + XFER_MAX_REDIRS);
}

static void
test_timeout(void **state)
{
	struct fix *f = *state;
	struct call c = { 0 };
	char want[64];

	fetch(f, &c, "/hang", 0, 300, NULL);
	assert_int_equal(c.code, CURLE_OPERATION_TIMEDOUT);
	assert_int_equal(c.cls, XFER_TIMEOUT);
	assert_true(c.duration_ms >= 290 && c.duration_ms < 2000);
	snprintf(want, sizeof(want), "timed out after %.1f s",
	    (double)c.duration_ms / 1000.0);
	assert_string_equal(c.summary, want);
}

static void
test_endless_chunked(void **state)
{
	struct fix *f = *state;
	struct call c = { 0 };

	fetch(f, &c, "/endless", 1024 * 1024, 10000, NULL);
	assert_int_equal(c.code, CURLE_FILESIZE_EXCEEDED);
	assert_int_equal(c.cls, XFER_TOO_LARGE);
	assert_string_equal(c.summary, "body larger than 1 MiB cap");
	/* Everything under the cap was delivered, nothing past it. */
	assert_int_equal(c.bytes, c.len);
	assert_true(c.len <= 1024 * 1024 && c.len > 1024 * 1024 - 20000);
	free(c.data);
}

static void
test_content_length_over_cap(void **state)
{
	struct fix *f = *state;
	struct call c = { 0 };

	fetch(f, &c, "/big", 512 * 1024, 10000, NULL);
	assert_int_equal(c.code, CURLE_FILESIZE_EXCEEDED);
	assert_int_equal(c.cls, XFER_TOO_LARGE);
	assert_string_equal(c.summary, "body larger than 512 KiB cap");
	assert_int_equal(c.bytes, 0);
}

static void
test_on_data_aborts(void **state)
{
	struct fix *f = *state;
	struct call c = { .abort_at = 2 };
	char want[128];

	fetch(f, &c, "/ok", 0, 0, NULL);
	assert_int_equal(c.cls, XFER_ABORTED);
	assert_int_equal(c.code, CURLE_WRITE_ERROR);
	assert_int_equal(c.chunks, 2);
	/* bytes counts what on_data was offered, the refused chunk too. */
	assert_true(c.bytes > c.len && c.len > 0);
	snprintf(want, sizeof(want), "aborted by the receiver after %llu bytes",
	    (unsigned long long)c.bytes);
	assert_string_equal(c.summary, want);
	free(c.data);
}

static void
test_connection_refused(void **state)
{
	struct fix *f = *state;
	struct call c = { 0 };
	struct xfer_req *r;
	char url[64];
	int port, fd = bind_any(&port);

	close(fd); /* bound, never listening: nothing there now */
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/", port);
	assert_int_equal(xfer_req_new(f->x, &r, NULL), 0);
	assert_int_equal(curl_easy_setopt(xfer_req_easy(r), CURLOPT_URL, url),
	    CURLE_OK);
	assert_int_equal(xfer_start(r, &cbs, &c), 0);
	run_until(f, &c.done, 1, 5000);
	assert_int_equal(c.done, 1);
	assert_int_equal(c.code, CURLE_COULDNT_CONNECT);
	assert_int_equal(c.cls, XFER_CONNECT);
	assert_string_equal(c.summary, "connection refused");
	assert_int_equal(c.status, 0);
}

static void
test_reset_mid_body(void **state)
{
	struct fix *f = *state;
	struct call c = { 0 };
	char want[128];

	fetch(f, &c, "/reset", 0, 5000, NULL);
	/* The poll error reaches libcurl, which reads the socket's own. */
	assert_int_equal(c.code, CURLE_RECV_ERROR);
	assert_int_equal(c.cls, XFER_OTHER);
	assert_int_equal(c.bytes, RESET_AT);
	assert_memory_equal(c.data, body, RESET_AT);
	snprintf(want, sizeof(want),
	    "connection lost after %d bytes: Recv "
	    "failure: Connection reset by peer",
	    RESET_AT);
	assert_string_equal(c.summary, want);
	free(c.data);
}

static void
test_many_concurrent(void **state)
{
	struct fix *f = *state;
	struct call c[MANY];
	int i;

	memset(c, 0, sizeof(c));
	dones = 0;
	for (i = 0; i < MANY; i++) {
		char path[32];

		snprintf(path, sizeof(path), "/n/%d", i);
		start(f, &c[i], path, 0, 10000, NULL);
	}
	assert_int_equal(xfer_active(f->x), MANY);
	run_until(f, &dones, MANY, 10000);
	assert_int_equal(dones, MANY);
	assert_int_equal(xfer_active(f->x), 0);
	for (i = 0; i < MANY; i++) {
		char want[32];

		snprintf(want, sizeof(want), "item %d", i);
		assert_int_equal(c[i].done, 1);
		assert_int_equal(c[i].status, 200);
		assert_int_equal(c[i].len, strlen(want));
		assert_memory_equal(c[i].data, want, c[i].len);
		free(c[i].data);
	}
	assert_int_equal(atomic_load(&f->srv.requests), MANY);
}

static void
on_handle_closed(uv_handle_t *h)
{
	(*(int *)h->data)++;
}

static void
on_cancel_timer(uv_timer_t *t)
{
	xfer_cancel(t->data);
}

static void
test_cancel(void **state)
{
	struct fix *f = *state;
	struct call c = { 0 };
	struct xfer_req *r;
	uv_timer_t t;
	char url[96];
	int t_closed = 0;

	snprintf(url, sizeof(url), "%s/hang", f->base);
	assert_int_equal(xfer_req_new(f->x, &r, NULL), 0);
	assert_int_equal(curl_easy_setopt(xfer_req_easy(r), CURLOPT_URL, url),
	    CURLE_OK);
	assert_int_equal(xfer_start(r, &cbs, &c), 0);
	uv_timer_init(&f->loop, &t);
	t.data = r;
	uv_timer_start(&t, on_cancel_timer, 100, 0);
	run_until(f, &c.done, 1, 5000);
	t.data = &t_closed;
	uv_close((uv_handle_t *)&t, on_handle_closed);
	run_until(f, &t_closed, 1, 1000);
	assert_int_equal(t_closed, 1); /* t is on this stack frame */
	assert_int_equal(c.done, 1);
	assert_int_equal(c.cls, XFER_ABORTED);
	assert_int_equal(c.code, CURLE_ABORTED_BY_CALLBACK);
	assert_string_equal(c.summary, "cancelled");
	assert_true(c.duration_ms >= 90 && c.duration_ms < 2000);
	assert_int_equal(xfer_active(f->x), 0);
}

static void
test_close_in_flight(void **state)
{
	struct fix *f = *state;
	struct call hang[5], quick[3];
	struct xfer_req *r;
	int i;

	memset(hang, 0, sizeof(hang));
	memset(quick, 0, sizeof(quick));
	for (i = 0; i < 5; i++)
		start(f, &hang[i], "/hang", 0, 30000, NULL);
	for (i = 0; i < 3; i++)
		start(f, &quick[i], "/n/7", 0, 30000, NULL);
	xfer_close(f->x, 300, on_closed, f);
	/* Closing: new requests are refused (and freed). */
	assert_int_equal(xfer_req_new(f->x, &r, NULL), 0);
	assert_int_equal(xfer_start(r, &cbs, &hang[0]), -ESHUTDOWN);
	run_until(f, &f->closed, 1, 5000);
	assert_int_equal(f->closed, 1);
	f->x = NULL;
	for (i = 0; i < 3; i++) {
		assert_int_equal(quick[i].done, 1);
		assert_int_equal(quick[i].status, 200);
		assert_int_equal(quick[i].cls, XFER_OK);
		free(quick[i].data);
	}
	for (i = 0; i < 5; i++) {
		assert_int_equal(hang[i].done, 1);
		assert_int_equal(hang[i].cls, XFER_ABORTED);
		assert_string_equal(hang[i].summary, "cancelled at shutdown");
		assert_true(hang[i].duration_ms >= 250);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ok_body_in_chunks, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_not_modified, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_rate_limit_bucket, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_retry_after, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_permanent_redirect, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_redirect_loop, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_endless_chunked, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_content_length_over_cap,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_on_data_aborts, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_connection_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reset_mid_body, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_many_concurrent, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_in_flight, setup,
		    teardown),
	};

	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
