/*
 * httpd_serve.c -- one request: read the body, check who may do what,
 * route to a renderer, send its answer with the headers every page needs.
 *
 * The rules, in order: a token-file means every path but /healthz needs
 * the token (Authorization: Bearer, or the login cookie); without one, the
 * Host header must be a loopback name (a DNS-rebinding page cannot be);
 * a POST needs the CSRF token in its form and its cookie, and an Origin,
 * when sent, naming the host.  GET and HEAD never write.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/conf.h"
#include "lib/log.h"
#include "store/store.h"
#include "store/store_read.h"
#include "web/httpd_impl.h"

#define MAX_FORM_BODY (16 * 1024)
#define COOKIE_CSRF   "ukw_csrf"
#define COOKIE_AUTH   "ukw_auth"
/* A page read waits at most this long for a checkpoint: the pages are
 * served from the daemon's own loop. */
#define WEB_READ_WAIT_MS 2000

struct req {
	struct buf body; /* owned: the POST body */
	int too_large;
};

static const char *
header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static enum MHD_Result
collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct page_req *r = cls;

	(void)kind;
	if (r->n_query < PAGE_MAX_FIELDS)
		r->query[r->n_query++] = (struct page_kv){ key,
			value ? value : "" };
	return MHD_YES;
}

/* application/x-www-form-urlencoded, decoded in place in body. */
static void
parse_form(struct page_req *r, char *body)
{
	char *save = NULL, *pair;

	for (pair = strtok_r(body, "&", &save);
	     pair != NULL && r->n_form < PAGE_MAX_FIELDS;
	     pair = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(pair, '=');

		if (eq != NULL)
			*eq++ = '\0';
		for (char *p = pair; *p; p++)
			if (*p == '+')
				*p = ' ';
		for (char *p = eq; p != NULL && *p; p++)
			if (*p == '+')
				*p = ' ';
		MHD_http_unescape(pair);
		if (eq != NULL)
			MHD_http_unescape(eq);
		r->form[r->n_form++] = (struct page_kv){ pair, eq ? eq : "" };
	}
}

static int
authed(struct httpd *w, struct MHD_Connection *c)
{
	const char *a = header(c, MHD_HTTP_HEADER_AUTHORIZATION);
	char cookie[256];

	if (w->token == NULL)
		return 1;
	if (a != NULL && strncmp(a, "Bearer ", 7) == 0 &&
	    csrf_equal(w->token, a + 7))
		return 1;
	return csrf_cookie(header(c, MHD_HTTP_HEADER_COOKIE), COOKIE_AUTH,
	           cookie, sizeof(cookie)) &&
	    csrf_equal(w->token, cookie);
}

/* The host the browser addressed: a reverse proxy passes it along. */
static const char *
public_host(struct MHD_Connection *c)
{
	const char *h = header(c, "X-Forwarded-Host");

	return h != NULL ? h : header(c, MHD_HTTP_HEADER_HOST);
}

static int
post_allowed(struct httpd *w, struct MHD_Connection *c,
    const struct page_req *r)
{
	char cookie[CSRF_TOKEN_LEN + 8];

	if (!csrf_origin_ok(header(c, "Origin"), public_host(c)))
		return 0;
	if (strcmp(r->path, "/login") == 0)
		return 1; /* no token yet; the login token itself is checked */
	return csrf_equal(w->csrf, page_form(r, "csrf")) &&
	    csrf_cookie(header(c, MHD_HTTP_HEADER_COOKIE), COOKIE_CSRF, cookie,
	        sizeof(cookie)) &&
	    csrf_equal(w->csrf, cookie);
}

static void
login_page(struct page_resp *resp, int failed)
{
	struct buf *b = &resp->body;

	resp->status = MHD_HTTP_UNAUTHORIZED;
	if (page_head(b, "Log in", "") < 0 ||
	    buf_printf(b,
	        "<h1>Log in</h1>%s<form method=\"post\" action=\"/login\">"
	        "<label>Access token <input type=\"password\" name=\"token\" "
	        "autocomplete=\"current-password\"></label> "
	        "<button>Log in</button></form>",
	        failed ? "<p class=\"err\">That is not the token.</p>" : "") <
	        0 ||
	    page_foot(b) < 0)
		page_error(resp, 500, "out of memory");
}

static void
healthz(struct httpd *w, struct page_resp *resp)
{
	int ok = w->opts.healthy == NULL || w->opts.healthy(w->opts.arg);

	resp->status = ok ? 200 : 503;
	resp->type = "text/plain; charset=utf-8";
	if (buf_appends(&resp->body,
	        ok ? "ok\n" : "state file not writable\n") < 0)
		page_error(resp, 500, "out of memory");
}

/* The rules before any token is looked at: 1 if r may go on, else 0 with
 * resp saying why not. */
static int
admitted(struct httpd *w, struct MHD_Connection *c, const struct page_req *r,
    struct page_resp *resp, int post, int get)
{
	if (w->token == NULL &&
	    !csrf_host_loopback(header(c, MHD_HTTP_HEADER_HOST))) {
		page_error(resp, 421,
		    "this server answers to a loopback "
		    "Host only");
		return 0;
	}
	if (!post && !get) {
		page_error(resp, 405, "GET or POST");
		return 0;
	}
	if (post && !post_allowed(w, c, r)) {
		page_error(resp, 403,
		    "refused: this form is stale or came from another site; "
		    "reload the page and try again");
		return 0;
	}
	return 1;
}

/* POST /login: the right token sets the login cookie and goes home. */
static void
login(struct httpd *w, const struct page_req *r, struct page_resp *resp,
    char *cookie_out, size_t cookie_len)
{
	if (w->token == NULL || !csrf_equal(w->token, page_form(r, "token"))) {
		login_page(resp, 1);
		return;
	}
	snprintf(cookie_out, cookie_len,
	    COOKIE_AUTH "=%s; Path=/; HttpOnly; SameSite=Strict", w->token);
	resp->status = 303;
	snprintf(resp->location, sizeof(resp->location), "/");
}

/* An admitted, authenticated request: the page its path names. */
static void
serve_page(struct httpd *w, struct page_req *r, struct page_resp *resp,
    int post, int get)
{
	struct page_env env = { .config = w->config,
		.healthy = w->opts.healthy,
		.on_requeue = w->opts.on_requeue,
		.arg = w->opts.arg };

	if (w->reader == NULL) {
		if (store_reader_open(&w->reader, w->config->daemon.state,
		        WEB_READ_WAIT_MS, &(struct errbuf){ 0 }) < 0)
			w->reader = NULL;
	}
	env.reader = w->reader;
	if (post &&
	    (strcmp(r->path, "/") == 0 || strcmp(r->path, "/near") == 0))
		pages_alerts_post(&env, r, resp);
	else if (!get)
		page_error(resp, 405, "GET only here");
	else if (strcmp(r->path, "/") == 0)
		pages_alerts(&env, r, resp);
	else if (strcmp(r->path, "/near") == 0)
		pages_near(&env, r, resp);
	else if (strcmp(r->path, "/feeds") == 0)
		pages_feeds(&env, r, resp);
	else if (strcmp(r->path, "/profiles") == 0)
		pages_profiles(&env, r, resp);
	else if (strcmp(r->path, "/metrics") == 0)
		prom_metrics(&env, r, resp);
	else if (strcmp(r->path, "/alerts.atom") == 0)
		atom_feed(&env, r, resp);
	else if (strcmp(r->path, "/style.css") == 0) {
		resp->type = "text/css; charset=utf-8";
		if (buf_appends(&resp->body, page_css) < 0)
			page_error(resp, 500, "out of memory");
	} else
		page_error(resp, 404, "no such page");
}

static void
route(struct httpd *w, struct MHD_Connection *c, struct page_req *r,
    struct page_resp *resp, char *cookie_out, size_t cookie_len)
{
	int post = strcmp(r->method, "POST") == 0;
	int get = strcmp(r->method, "GET") == 0 ||
	    strcmp(r->method, "HEAD") == 0;

	if (strcmp(r->path, "/healthz") == 0 && get) {
		healthz(w, resp);
		return;
	}
	if (!admitted(w, c, r, resp, post, get))
		return;
	if (post && strcmp(r->path, "/login") == 0) {
		login(w, r, resp, cookie_out, cookie_len);
		return;
	}
	if (!authed(w, c)) {
		if (strcmp(r->path, "/metrics") == 0 ||
		    strcmp(r->path, "/alerts.atom") == 0)
			page_error(resp, 401, "a bearer token is required");
		else
			login_page(resp, 0);
		return;
	}
	serve_page(w, r, resp, post, get);
}

static enum MHD_Result
respond(struct httpd *w, struct MHD_Connection *c, struct page_resp *resp,
    const char *cookie)
{
	struct MHD_Response *m;
	size_t len = resp->body.len;
	char *data = buf_take(&resp->body);
	char csrf_cookie[128];
	enum MHD_Result rc;

	m = data != NULL ?
	    MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE) :
	    MHD_create_response_from_buffer(0, (void *)"",
	        MHD_RESPMEM_PERSISTENT);
	if (m == NULL) {
		free(data);
		return MHD_NO;
	}
	MHD_add_response_header(m, MHD_HTTP_HEADER_CONTENT_TYPE, resp->type);
	MHD_add_response_header(m, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
	/* same-origin, not no-referrer: with no-referrer a browser sends
	 * "Origin: null" on our own forms, which the Origin check refuses. */
	MHD_add_response_header(m, "Referrer-Policy", "same-origin");
	MHD_add_response_header(m, "X-Frame-Options", "DENY");
	/* No script at all: an escaping bug elsewhere still runs nothing. */
	MHD_add_response_header(m, "Content-Security-Policy",
	    "default-src 'none'; style-src 'self'; img-src 'self'; "
	    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	if (resp->location[0] != '\0')
		MHD_add_response_header(m, MHD_HTTP_HEADER_LOCATION,
		    resp->location);
	if (strncmp(resp->type, "text/html", 9) == 0) {
		snprintf(csrf_cookie, sizeof(csrf_cookie),
		    COOKIE_CSRF "=%s; Path=/; HttpOnly; SameSite=Strict",
		    w->csrf);
		MHD_add_response_header(m, MHD_HTTP_HEADER_SET_COOKIE,
		    csrf_cookie);
	}
	if (cookie[0] != '\0')
		MHD_add_response_header(m, MHD_HTTP_HEADER_SET_COOKIE, cookie);
	rc = MHD_queue_response(c, (unsigned)resp->status, m);
	MHD_destroy_response(m);
	return rc;
}

static enum MHD_Result
answer(struct httpd *w, struct MHD_Connection *c, const char *url,
    const char *method, struct req *q)
{
	struct page_req r = { .method = method,
		.path = url,
		.csrf = w->csrf,
		.host = public_host(c),
		.now_ms = clock_now_ms() };
	struct page_resp resp = { .status = 200,
		.type = "text/html; charset=utf-8" };
	char cookie[256] = "";
	enum MHD_Result rc;

	buf_init(&resp.body, PAGE_MAX_BODY);
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_query, &r);
	if (q->too_large)
		page_error(&resp, 413, "form too large");
	else {
		if (q->body.len > 0)
			parse_form(&r, q->body.data);
		route(w, c, &r, &resp, cookie, sizeof(cookie));
	}
	rc = respond(w, c, &resp, cookie);
	buf_clear(&resp.body);
	return rc;
}

enum MHD_Result
httpd_serve(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct httpd *w = cls;
	struct req *q = *con_cls;

	(void)version;
	if (q == NULL) {
		q = calloc(1, sizeof(*q));
		if (q == NULL)
			return MHD_NO;
		buf_init(&q->body, MAX_FORM_BODY);
		*con_cls = q;
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (buf_append(&q->body, upload_data, *upload_data_size) < 0)
			q->too_large = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (buf_appendc(&q->body, '\0') < 0)
		q->too_large = 1;
	else
		q->body.len--;
	return answer(w, c, url, method, q);
}

void
httpd_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct req *q = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (q == NULL)
		return;
	buf_clear(&q->body);
	free(q);
	*con_cls = NULL;
}
