/*
 * xfer_impl.h -- private to lib/xfer*.c: the bridge's handle and the
 * request record shared by the bridge (xfer.c), the request and its
 * headers (xfer_req.c), the result builder (xfer_result.c), the SSRF guard
 * (xfer_guard.c) and the worker (xfer_work.c).
 */
#ifndef UKEUWATCH_LIB_XFER_IMPL_H
#define UKEUWATCH_LIB_XFER_IMPL_H

#include <stdint.h>

#include <curl/curl.h>
#include <uv.h>

#include "lib/xfer.h"

#define XFER_KEPT_LISTS 4
#define XFER_WORK_FDS   4 /* sockets one worker transfer has open at once */

struct xfer_sock;

/* The bridge's handle, owned by xfer.c; xfer_req.c reads only the
 * request defaults (user_agent, max_body, timeout_ms, connect_ms). */
struct xfer {
	uv_loop_t *loop;          /* borrowed */
	CURLM *multi;             /* owned; NULL once cleaned up */
	uv_timer_t timer;         /* owned: libcurl's timeout */
	uv_timer_t reap;          /* owned: completes cancelled requests */
	uv_timer_t stop;          /* owned: xfer_close's deadline */
	struct xfer_sock **socks; /* owned array indexed by fd; entries owned */
	size_t n_socks;
	struct xfer_req *reqs; /* owned: in flight, linked by prev/next */
	unsigned int active;   /* length of reqs */
	unsigned int handles;  /* uv handles not yet through close callback */
	char *user_agent;      /* owned */
	uint64_t max_body;
	uint64_t timeout_ms;
	uint64_t connect_ms;
	int closing;  /* xfer_close was called */
	int finished; /* the multi is gone, handles are closing */
	void (*done)(void *);
	void *done_arg; /* borrowed */
};

/* Why xfer, not libcurl, ended a transfer; decides class and summary. */
enum xfer_stop {
	XFER_STOP_NONE = 0,
	XFER_STOP_CANCEL,   /* xfer_cancel */
	XFER_STOP_SHUTDOWN, /* xfer_close reached its deadline */
	XFER_STOP_REFUSED,  /* on_data returned < 0 */
	XFER_STOP_TOO_BIG,  /* the write callback's byte count passed the cap */
	XFER_STOP_NOMEM,    /* a header could not be copied */
};

struct xfer_req {
	struct xfer *x;               /* borrowed: its xfer */
	CURL *easy;                   /* owned */
	struct xfer_req *prev, *next; /* x's in-flight list */
	struct xfer_cbs cbs;          /* copied at xfer_start */
	void *arg;                    /* borrowed until on_done */
	struct curl_slist *headers;   /* owned: xfer_req_add_header */
	struct curl_slist
	    *kept[XFER_KEPT_LISTS]; /* owned: xfer_req_take_slist */
	uint64_t max_body;          /* bytes */
	uint64_t timeout_ms;        /* whole-transfer limit */
	uint64_t bytes;             /* body bytes so far */
	uint64_t start_ns;          /* uv_hrtime at xfer_start */
	int started;
	int done; /* on_done has been called or is running */
	enum xfer_stop stop;
	/* The response being received; reset at each status line. */
	long hop_status;      /* its status; 0 before the first status line */
	char *etag;           /* owned, or NULL */
	char *last_modified;  /* owned, or NULL */
	char *content_type;   /* owned, or NULL */
	int rl_empty;         /* X-RateLimit-Remaining: 0 */
	uint64_t rl_reset_ms; /* X-RateLimit-Reset-After, 0 if absent */
	/* Redirect chain. */
	int perm_run;   /* every hop so far was a 301/308 */
	int permanent;  /* some followed hop was a 301/308 */
	char *moved_to; /* owned, or NULL */
	/* SSRF guard (xfer_guard.c): on, and the first address refused. */
	int guard;
	char blocked[48];
	/* Filled by xfer_result_build, read by on_done. */
	char *effective_url;                /* owned, or NULL */
	char summary[CURL_ERROR_SIZE + 96]; /* room for a prefix + errbuf */
	char errbuf[CURL_ERROR_SIZE]; /* libcurl's detail (CURLOPT_ERRORBUFFER)
	                               */
	/* A worker request (xfer_req_use_worker): while it runs, the easy
	 * handle and everything above belong to the worker thread; the loop
	 * touches only what lock guards. */
	int worker;
	int lock_init;
	uv_work_t work;
	uv_mutex_t lock;                  /* guards wstop and fds */
	enum xfer_stop wstop;             /* asked by the loop */
	curl_socket_t fds[XFER_WORK_FDS]; /* open sockets, -1 when free */
	int deadline_hit;                 /* the hard deadline aborted it */
	uint64_t deadline_ns;             /* uv_hrtime: hard deadline */
	struct xfer_result wres;          /* built on the worker thread */
};

/* CURLOPT_OPENSOCKETFUNCTION (clientp: the request): the SSRF guard. */
curl_socket_t xfer_on_opensocket(void *clientp, curlsocktype purpose,
    struct curl_sockaddr *a);

/* CURLOPT_HEADERFUNCTION: validators, Content-Type and the redirect chain. */
size_t xfer_on_header(char *buf, size_t size, size_t n, void *userp);

/*
 * Fill res from r and its easy handle after libcurl finished with code;
 * call before curl_easy_cleanup.  Strings in res are borrowed from r.
 */
void xfer_result_build(struct xfer_req *r, CURLcode code,
    struct xfer_result *res);

/* xfer.c: the loop's half of a request's end, after its result is built
 * and its easy handle cleaned up: unlink, on_done, free. */
void xfer_req_finish(struct xfer_req *r, const struct xfer_result *res);

/* xfer_work.c: run r (set up, owned options set) on a worker thread. */
int xfer_work_start(uv_loop_t *loop, struct xfer_req *r) MUST_CHECK;

/* xfer_work.c: end r soon, with why as its stop; from the loop thread. */
void xfer_work_cancel(struct xfer_req *r, enum xfer_stop why);

#endif /* UKEUWATCH_LIB_XFER_IMPL_H */
