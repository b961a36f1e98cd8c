/*
 * test_xfer_work -- requests on a worker thread (xfer_req_use_worker):
 * against a server on 127.0.0.1 that accepts and never answers, the loop
 * keeps running (a timer fires on time), xfer_cancel ends the request
 * within a second, xfer_close does too and frees the xfer, and the hard
 * deadline ends what libcurl's own timeout would not.
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

/* A server that accepts connections and never sends a byte. */
struct mute {
	int lfd, port;
	pthread_t thr;
	atomic_int stop;
	int fds[8];
	int n;
};

static void *
mute_run(void *arg)
{
	struct mute *m = arg;
	struct pollfd p = { .fd = m->lfd, .events = POLLIN };

	while (!atomic_load(&m->stop))
		if (poll(&p, 1, 50) > 0 && m->n < 8)
			m->fds[m->n++] = accept(m->lfd, NULL, NULL);
	return NULL;
}

static void
mute_start(struct mute *m)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);

	memset(m, 0, sizeof(*m));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	m->lfd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(m->lfd >= 0);
	assert_int_equal(bind(m->lfd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(m->lfd, 8), 0);
	assert_int_equal(getsockname(m->lfd, (struct sockaddr *)&a, &len), 0);
	m->port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&m->thr, NULL, mute_run, m), 0);
}

static void
mute_stop(struct mute *m)
{
	atomic_store(&m->stop, 1);
	pthread_join(m->thr, NULL);
	for (int i = 0; i < m->n; i++)
		if (m->fds[i] >= 0)
			close(m->fds[i]);
	close(m->lfd);
}

struct run {
	uv_loop_t loop;
	uv_timer_t tick, act;
	struct xfer *x;
	struct xfer_req *r;
	struct mute srv;
	int ticks;  /* 100 ms timer: the loop is alive */
	int done;   /* on_done ran */
	int closed; /* xfer_close's done ran */
	enum xfer_class cls;
	uint64_t start, took_ms;
};

static void
on_done(void *arg, const struct xfer_result *res)
{
	struct run *t = arg;

	t->done = 1;
	t->cls = res->cls;
	t->took_ms = (uv_hrtime() - t->start) / 1000000;
	uv_timer_stop(&t->tick);
}

static void
on_tick(uv_timer_t *h)
{
	((struct run *)h->data)->ticks++;
}

static void
on_closed(void *arg)
{
	((struct run *)arg)->closed = 1;
}

static void
start(struct run *t, uint64_t timeout_ms)
{
	static const struct xfer_cbs cbs = { .on_data = NULL,
		.on_done = on_done };
	struct errbuf eb = { 0 };
	char url[64];

	memset(t, 0, sizeof(*t));
	mute_start(&t->srv);
	assert_int_equal(uv_loop_init(&t->loop), 0);
	assert_int_equal(xfer_new(&t->x, &t->loop, NULL, &eb), 0);
	assert_int_equal(xfer_req_new(t->x, &t->r, &eb), 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/", t->srv.port);
	assert_int_equal(curl_easy_setopt(xfer_req_easy(t->r), CURLOPT_URL,
	                     url),
	    CURLE_OK);
	xfer_req_set_limits(t->r, 0, timeout_ms);
	assert_int_equal(xfer_req_use_worker(t->r), 0);
	t->start = uv_hrtime();
	assert_int_equal(xfer_start(t->r, &cbs, t), 0);
	uv_timer_init(&t->loop, &t->tick);
	uv_timer_init(&t->loop, &t->act);
	t->tick.data = t->act.data = t;
	uv_timer_start(&t->tick, on_tick, 100, 100);
}

static void
finish(struct run *t)
{
	if (!t->closed) {
		xfer_close(t->x, 0, on_closed, t);
		uv_run(&t->loop, UV_RUN_DEFAULT);
	}
	uv_close((uv_handle_t *)&t->tick, NULL);
	uv_close((uv_handle_t *)&t->act, NULL);
	uv_run(&t->loop, UV_RUN_DEFAULT);
	assert_int_equal(uv_loop_close(&t->loop), 0);
	mute_stop(&t->srv);
}

static void
do_cancel(uv_timer_t *h)
{
	xfer_cancel(((struct run *)h->data)->r);
}

static void
test_cancel_within_a_second(void **state)
{
	struct run t;

	(void)state;
	start(&t, 60000);
	uv_timer_start(&t.act, do_cancel, 1000, 0);
	uv_run(&t.loop, UV_RUN_DEFAULT);
	assert_true(t.done);
	assert_int_equal(t.cls, XFER_ABORTED);
	/* The loop ran all along: about ten ticks before the cancel. */
	assert_true(t.ticks >= 8);
	assert_true(t.took_ms < 2500);
	finish(&t);
}

static void
do_close(uv_timer_t *h)
{
	struct run *t = h->data;

	xfer_close(t->x, 0, on_closed, t);
}

static void
test_close_ends_the_worker(void **state)
{
	struct run t;

	(void)state;
	start(&t, 60000);
	uv_timer_start(&t.act, do_close, 500, 0);
	uv_run(&t.loop, UV_RUN_DEFAULT);
	assert_true(t.done);
	assert_true(t.closed);
	assert_int_equal(t.cls, XFER_ABORTED);
	assert_true(t.took_ms < 2000);
	finish(&t);
}

/* libcurl's own timeout ends a silent HTTP server's request; either way
 * it ends as a timeout, with the loop alive meanwhile. */
static void
test_timeout(void **state)
{
	struct run t;

	(void)state;
	start(&t, 1000);
	uv_run(&t.loop, UV_RUN_DEFAULT);
	assert_true(t.done);
	assert_int_equal(t.cls, XFER_TIMEOUT);
	assert_true(t.ticks >= 8);
	assert_true(t.took_ms < 1000 + 5000 + 1000);
	finish(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cancel_within_a_second),
		cmocka_unit_test(test_close_ends_the_worker),
		cmocka_unit_test(test_timeout),
	};

	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
