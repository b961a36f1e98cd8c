/*
 * httpd.c -- the only place libmicrohttpd meets libuv.
 *
 * MHD runs in its "external select" mode with MHD_USE_EPOLL: it keeps its
 * sockets in an epoll fd of its own, and that one fd is watched by a
 * uv_poll on the daemon's loop; MHD_get_timeout arms one uv_timer for
 * connection timeouts and for work MHD has pending without a new event
 * (its epoll is edge-triggered, so a timeout of 0 means "run me again").
 * One event loop, one thread: a page handler runs between two libuv
 * callbacks, like any other.
 *
 * The listening socket is bound here, not by MHD, so that a bind error
 * says why (EADDRINUSE, EACCES) and port 0 can report the port the kernel
 * picked.
 */
#include "web/httpd.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/conf.h"
#include "lib/log.h"
#include "lib/secret.h"
#include "store/store.h"
#include "store/store_read.h"
#include "web/addr.h"
#include "web/httpd_impl.h"

#define HTTPD_MAX_CONNECTIONS 64
#define HTTPD_IDLE_TIMEOUT_S  30
#define HTTPD_CONN_MEMORY     (64 * 1024)

static void on_timer(uv_timer_t *t);

void
httpd_kick(struct httpd *w)
{
	MHD_UNSIGNED_LONG_LONG ms;

	if (w->mhd == NULL || uv_is_closing((uv_handle_t *)&w->timer))
		return;
	if (MHD_get_timeout(w->mhd, &ms) == MHD_YES)
		uv_timer_start(&w->timer, on_timer, ms, 0);
	else
		uv_timer_stop(&w->timer);
}

static void
run_mhd(struct httpd *w)
{
	if (w->mhd == NULL)
		return;
	MHD_run(w->mhd);
	httpd_kick(w);
}

/* Both the poll and the timer land here: either way, MHD has work. */
static void
on_poll(uv_poll_t *p, int status, int events)
{
	(void)status;
	(void)events;
	run_mhd(p->data);
}

static void
on_timer(uv_timer_t *t)
{
	run_mhd(t->data);
}

static void
mhd_log(void *arg, const char *fmt, va_list ap)
{
	char msg[512];

	(void)arg;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	log_info("web: %s", msg);
}

static int
bind_listen(struct httpd *w, const char *listen_at, struct errbuf *eb)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	struct web_addr a;
	char host[64];
	int fd, one = 1, port;

	if (web_addr_parse(listen_at, &a, eb) < 0)
		return eb->code;
	fd = socket(a.ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0);
	if (fd < 0)
		return errbuf_set(eb, -errno, "web: socket: %s",
		    strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a.ss, a.len) < 0 ||
	    listen(fd, 64) < 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sl) < 0) {
		int e = errno;

		close(fd);
		return errbuf_set(eb, -e,
		    "web: cannot listen on %s: %s; set [web] listen to a free "
		    "address, or empty to turn the web pages off",
		    listen_at, strerror(e));
	}
	if (ss.ss_family == AF_INET6) {
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr,
		    host, sizeof(host));
		port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
		snprintf(w->address, sizeof(w->address), "[%s]:%d", host, port);
	} else {
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host,
		    sizeof(host));
		port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
		snprintf(w->address, sizeof(w->address), "%s:%d", host, port);
	}
	return fd;
}

static int
start_mhd(struct httpd *w, int fd, struct errbuf *eb)
{
	const union MHD_DaemonInfo *info;
	int rc;

	w->mhd = MHD_start_daemon(MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL,
	    NULL, httpd_serve, w, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, w,
	    MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned)HTTPD_MAX_CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)HTTPD_IDLE_TIMEOUT_S, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    (size_t)HTTPD_CONN_MEMORY, MHD_OPTION_NOTIFY_COMPLETED,
	    httpd_completed, w, MHD_OPTION_END);
	if (w->mhd == NULL) {
		close(fd);
		return errbuf_set(eb, -EIO,
		    "web: libmicrohttpd would not start on %s", w->address);
	}
	info = MHD_get_daemon_info(w->mhd, MHD_DAEMON_INFO_EPOLL_FD);
	if (info == NULL)
		return errbuf_set(eb, -EIO, "web: libmicrohttpd has no epoll");
	rc = uv_poll_init(w->loop, &w->poll, info->epoll_fd);
	if (rc < 0)
		return errbuf_set(eb, rc, "web: uv_poll: %s", uv_strerror(rc));
	w->poll.data = w;
	w->handles_open++;
	uv_timer_init(w->loop, &w->timer);
	w->timer.data = w;
	w->handles_open++;
	rc = uv_poll_start(&w->poll, UV_READABLE, on_poll);
	if (rc < 0)
		return errbuf_set(eb, rc, "web: uv_poll: %s", uv_strerror(rc));
	httpd_kick(w);
	return 0;
}

int
httpd_new(struct httpd **out, uv_loop_t *loop, const struct config *config,
    const struct httpd_opts *opts, struct errbuf *eb)
{
	const struct web_conf *wc = &config->web;
	struct httpd *w;
	int fd, rc;

	*out = NULL;
	if (wc->listen == NULL || wc->listen[0] == '\0')
		return 0;
	w = calloc(1, sizeof(*w));
	if (w == NULL)
		return errbuf_set(eb, -ENOMEM, "web: out of memory");
	w->loop = loop;
	w->config = config;
	w->opts = *opts;
	rc = csrf_new_token(w->csrf);
	if (rc == 0 && wc->token != NULL &&
	    (w->token = strdup(secret_value(wc->token))) == NULL)
		rc = -ENOMEM;
	if (rc < 0) {
		free(w);
		return errbuf_set(eb, rc, "web: %s", strerror(-rc));
	}
	fd = bind_listen(w, wc->listen, eb);
	if (fd < 0) {
		free(w->token);
		free(w);
		return fd;
	}
	rc = start_mhd(w, fd, eb);
	*out = w;
	if (rc < 0) {
		httpd_close(w, NULL, NULL);
		*out = NULL;
		return rc;
	}
	log_notice("web: review pages on http://%s/ (metrics /metrics, feed "
	           "/alerts.atom)",
	    w->address);
	return 0;
}

void
httpd_set_config(struct httpd *w, const struct config *config)
{
	if (w == NULL)
		return;
	w->config = config;
	/* The reader is opened again on the next request: the state file
	 * does not change on reload (it takes a restart), but a reader that
	 * failed to open gets another chance. */
}

const char *
httpd_address(const struct httpd *w)
{
	return w->address;
}

static void
on_closed(uv_handle_t *h)
{
	struct httpd *w = h->data;

	if (--w->handles_open > 0)
		return;
	/* The uv_poll is gone from libuv's epoll: now MHD may close its
	 * epoll fd and every socket. */
	if (w->mhd != NULL)
		MHD_stop_daemon(w->mhd);
	store_reader_free(w->reader);
	if (w->done != NULL)
		w->done(w->done_arg);
	free(w->token);
	free(w);
}

void
httpd_close(struct httpd *w, void (*done)(void *arg), void *arg)
{
	if (w == NULL) {
		if (done != NULL)
			done(arg);
		return;
	}
	w->done = done;
	w->done_arg = arg;
	if (w->handles_open == 0) {
		w->handles_open = 1;
		w->poll.data = w;
		on_closed((uv_handle_t *)&w->poll);
		return;
	}
	if (w->poll.loop != NULL)
		uv_close((uv_handle_t *)&w->poll, on_closed);
	uv_close((uv_handle_t *)&w->timer, on_closed);
}
