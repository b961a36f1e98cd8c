/*
 * httpd_impl.h -- private to web/httpd*.c: the server's state, shared by
 * the libuv wiring (httpd.c) and the request handler (httpd_serve.c).
 */
#ifndef UKEUWATCH_WEB_HTTPD_IMPL_H
#define UKEUWATCH_WEB_HTTPD_IMPL_H

#include <microhttpd.h>

#include <uv.h>

#include "web/csrf.h"
#include "web/httpd.h"
#include "web/page.h"

struct httpd {
	uv_loop_t *loop;             /* borrowed */
	struct MHD_Daemon *mhd;      /* owned */
	uv_poll_t poll;              /* owned: on MHD's epoll fd */
	uv_timer_t timer;            /* owned: MHD_get_timeout */
	int handles_open;            /* poll and timer not yet closed */
	const struct config *config; /* borrowed */
	struct store_reader *reader; /* owned, or NULL until it opens */
	char *token;                 /* owned copy of token-file, or NULL */
	char csrf[CSRF_TOKEN_LEN + 1];
	char address[80];
	struct httpd_opts opts;
	void (*done)(void *arg);
	void *done_arg;
};

/* libmicrohttpd's access handler and completion callback. */
enum MHD_Result httpd_serve(void *cls, struct MHD_Connection *c,
    const char *url, const char *method, const char *version,
    const char *upload_data, size_t *upload_data_size, void **con_cls);
void httpd_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe);

/* After a response is queued: MHD has work before the next event. */
void httpd_kick(struct httpd *w);

#endif /* UKEUWATCH_WEB_HTTPD_IMPL_H */
