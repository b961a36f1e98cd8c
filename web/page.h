/*
 * page -- one request as the page renderers see it, and what they answer.
 *
 * web/httpd.c turns a libmicrohttpd request into a struct page_req (query
 * and form fields decoded, the CSRF and login checks done) and sends the
 * struct page_resp back; the renderers (web/pages_*.c, web/prom.c,
 * web/atom.c) never see libmicrohttpd.
 */
#ifndef UKEUWATCH_WEB_PAGE_H
#define UKEUWATCH_WEB_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"
#include "lib/errbuf.h"

struct config;
struct store_alert_filter;
struct store_reader;

#define PAGE_MAX_FIELDS 32
#define PAGE_MAX_BODY   (4 * 1024 * 1024) /* a rendered page, at most */

struct page_kv {
	const char *key, *value; /* borrowed from the request */
};

struct page_req {
	const char *method;
	const char *path;
	struct page_kv query[PAGE_MAX_FIELDS];
	size_t n_query;
	struct page_kv form[PAGE_MAX_FIELDS]; /* POST, checked for CSRF */
	size_t n_form;
	const char *csrf; /* borrowed: this process's token, for forms */
	const char *host; /* borrowed: the Host the client asked, or NULL */
	int64_t now_ms;
};

struct page_resp {
	int status;
	const char *type;    /* static Content-Type */
	struct buf body;     /* owned */
	char location[1024]; /* a redirect's target, or "" */
};

/* What the renderers read from: borrowed from the web server. */
struct page_env {
	const struct config *config;
	struct store_reader *reader; /* NULL when the state file cannot be
	                                opened yet */
	int (*healthy)(void *arg);
	void (*on_requeue)(void *arg);
	void *arg;
};

/* The value of query (or form) field key, or NULL. */
const char *page_query(const struct page_req *r, const char *key);
const char *page_form(const struct page_req *r, const char *key);

/*
 * The filters of `/` and /alerts.atom from the query: profile, feed,
 * target, since (a duration: 24h, 7d), verdict (relevant, noise,
 * unreviewed), state (delivered, failed).  Strings are borrowed from r.
 * Returns 0, or -EINVAL with msg (len bytes) saying which one is wrong.
 */
int page_filter(const struct page_req *r, struct store_alert_filter *f,
    char *msg, size_t len) MUST_CHECK;

/* The page frame: head with title, the navigation; then the foot. */
int page_head(struct buf *b, const char *title, const char *here) MUST_CHECK;
int page_foot(struct buf *b) MUST_CHECK;

/* A plain-text error answer. */
void page_error(struct page_resp *resp, int status, const char *msg);

/* 0 when env has the state file open; else answers 503 and returns -1. */
int page_reader(const struct page_env *env, struct page_resp *resp);

/* A page that could not be made: 500 with the store's reason in eb, or
 * "out of memory" when eb has none. */
void page_failed(struct page_resp *resp, const struct errbuf *eb);

/* The hidden CSRF field of every form. */
int page_csrf_field(struct buf *b, const struct page_req *r) MUST_CHECK;

/* The renderers: each fills resp (status 200 and a body, or a redirect). */
void pages_alerts(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp);
/* The same list for near misses (`alerts --near`), markable alike. */
void pages_near(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp);
void pages_alerts_post(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp);
void pages_feeds(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp);
void pages_profiles(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp);
void prom_metrics(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp);
void atom_feed(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp);

/* The style sheet, compiled in. */
extern const char page_css[];

#endif /* UKEUWATCH_WEB_PAGE_H */
