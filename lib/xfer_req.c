/*
 * xfer_req.c -- the request record of xfer (see xfer.h): its easy handle
 * with xfer's defaults and limits, its headers to send, and the response
 * headers a caller needs (xfer_result.c turns the outcome into a class and
 * a sentence).  The options the bridge relies on are set by xfer_start in
 * xfer.c, last.
 *
 * Headers are collected per response and forgotten at each new status line,
 * so the validators in a result always belong to the final response and
 * never to a redirect on the way to it.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <uv.h>

#include "lib/errbuf.h"
#include "lib/xfer.h"
#include "lib/xfer_impl.h"

/* Longer values are not validators anyone sends; they are ignored. */
#define HEADER_VALUE_MAX 2048

int
xfer_req_add_header(struct xfer_req *r, const char *line)
{
	struct curl_slist *l = curl_slist_append(r->headers, line);

	if (l == NULL)
		return -ENOMEM;
	r->headers = l;
	return 0;
}

int
xfer_req_take_slist(struct xfer_req *r, struct curl_slist *list)
{
	size_t i;

	if (list == NULL)
		return 0;
	for (i = 0; i < XFER_KEPT_LISTS; i++) {
		if (r->kept[i] == NULL) {
			r->kept[i] = list;
			return 0;
		}
	}
	return -ENOSPC;
}

static int
set_defaults(struct xfer *x, CURL *e)
{
	return curl_easy_setopt(e, CURLOPT_USERAGENT, x->user_agent) ||
	    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L) ||
	    curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)XFER_MAX_REDIRS) ||
	    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https") ||
	    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") ||
	    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L) ||
	    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "") ||
	    curl_easy_setopt(e, CURLOPT_HTTP_VERSION,
	        (long)CURL_HTTP_VERSION_2TLS) ||
	    curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L) ||
	    /* Without QUICK_EXIT a name lookup that outlives the connect
	     * timeout is joined when the transfer ends, stalling the loop and
	     * every other transfer until the resolver gives up; with it,
	     * libcurl detaches the resolver thread, which frees itself. */
	    curl_easy_setopt(e, CURLOPT_QUICK_EXIT, 1L);
}

int
xfer_req_new(struct xfer *x, struct xfer_req **out, struct errbuf *eb)
{
	struct xfer_req *r;

	*out = NULL;
	r = calloc(1, sizeof(*r));
	if (r == NULL)
		return errbuf_set(eb, -ENOMEM, "xfer: out of memory");
	r->x = x;
	r->perm_run = 1;
	r->easy = curl_easy_init();
	if (r->easy == NULL || set_defaults(x, r->easy) != 0) {
		xfer_req_free(r);
		return errbuf_set(eb, -ENOMEM,
		    "xfer: cannot create a libcurl easy handle");
	}
	xfer_req_set_limits(r, 0, 0);
	*out = r;
	return 0;
}

CURL *
xfer_req_easy(struct xfer_req *r)
{
	return r->easy;
}

void
xfer_req_set_limits(struct xfer_req *r, uint64_t max_body, uint64_t timeout_ms)
{
	struct xfer *x = r->x;
	uint64_t t = timeout_ms ? timeout_ms : x->timeout_ms;
	uint64_t c = x->connect_ms < t ? x->connect_ms : t;

	r->max_body = max_body ? max_body : x->max_body;
	r->timeout_ms = t;
	/* Values a long or curl_off_t holds cannot make these fail. */
	(void)curl_easy_setopt(r->easy, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)(r->max_body > INT64_MAX ? INT64_MAX : r->max_body));
	(void)curl_easy_setopt(r->easy, CURLOPT_TIMEOUT_MS,
	    (long)(t > LONG_MAX ? LONG_MAX : t));
	(void)curl_easy_setopt(r->easy, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)(c > LONG_MAX ? LONG_MAX : c));
}

void
xfer_req_free(struct xfer_req *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->easy != NULL)
		curl_easy_cleanup(r->easy);
	curl_slist_free_all(r->headers);
	for (i = 0; i < XFER_KEPT_LISTS; i++)
		curl_slist_free_all(r->kept[i]);
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	free(r->moved_to);
	free(r->effective_url);
	if (r->lock_init)
		uv_mutex_destroy(&r->lock);
	free(r);
}

/* ---- response headers ---------------------------------------------------- */

static void
forget_headers(struct xfer_req *r)
{
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	r->etag = r->last_modified = r->content_type = NULL;
	r->rl_empty = 0;
	r->rl_reset_ms = 0;
}

/*
 * A status line starts a response, so the previous one (if not 1xx) was a
 * hop libcurl followed, and the effective URL is now where it led.
 */
static int
new_response(struct xfer_req *r, const char *buf, size_t len)
{
	long prev = r->hop_status;
	const char *sp = memchr(buf, ' ', len);
	char *url = NULL;
	int i;

	if (prev >= 200) {
		if (prev == 301 || prev == 308) {
			r->permanent = 1;
			curl_easy_getinfo(r->easy, CURLINFO_EFFECTIVE_URL,
			    &url);
			if (r->perm_run && url != NULL) {
				free(r->moved_to);
				r->moved_to = strdup(url);
				if (r->moved_to == NULL)
					return -ENOMEM;
			}
		} else {
			r->perm_run = 0;
		}
	}
	/* buf is not NUL-terminated: read the three digits by hand. */
	r->hop_status = 0;
	for (i = 1; sp != NULL && i <= 3 && sp + i < buf + len; i++) {
		if (sp[i] < '0' || sp[i] > '9')
			break;
		r->hop_status = r->hop_status * 10 + (sp[i] - '0');
	}
	forget_headers(r);
	return 0;
}

/*
 * ETag and Last-Modified go back to the server verbatim in request headers:
 * a value holding a CR (which libcurl leaves inside a line), an LF, a NUL or
 * another control byte would end or split that header line.  Such a value
 * is ignored, as if the header were absent.
 */
static int
printable(const char *v, const char *end)
{
	for (; v < end; v++) {
		unsigned char c = (unsigned char)*v;

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return 0;
	}
	return 1;
}

/* If buf is the header name: its trimmed value in [*v, *end), 1; else 0. */
static int
header_is(const char *name, const char *buf, size_t len, const char **v,
    const char **end)
{
	size_t n = strlen(name);

	if (len <= n || buf[n] != ':' || strncasecmp(buf, name, n) != 0)
		return 0;
	*v = buf + n + 1;
	*end = buf + len;
	while (*v < *end && (**v == ' ' || **v == '\t'))
		(*v)++;
	while (*end > *v &&
	    ((*end)[-1] == '\r' || (*end)[-1] == '\n' || (*end)[-1] == ' ' ||
	        (*end)[-1] == '\t'))
		(*end)--;
	return 1;
}

/* If buf is the header name: (a copy of) its trimmed value in *slot. */
static int
keep_header(char **slot, const char *name, const char *buf, size_t len)
{
	const char *v, *end;

	if (!header_is(name, buf, len, &v, &end) || end == v ||
	    end - v > HEADER_VALUE_MAX || !printable(v, end))
		return 0;
	free(*slot);
	*slot = strndup(v, (size_t)(end - v));
	return *slot == NULL ? -ENOMEM : 0;
}

/*
 * A non-negative decimal number of seconds ("2", "0.351") as milliseconds,
 * capped at an hour; -1 if the value is anything else.
 */
static int64_t
seconds_ms(const char *v, const char *end)
{
	char tmp[32], *stop;
	double sec;

	if (end - v <= 0 || end - v >= (ptrdiff_t)sizeof(tmp) || *v == '-')
		return -1;
	memcpy(tmp, v, (size_t)(end - v));
	tmp[end - v] = '\0';
	errno = 0;
	sec = strtod(tmp, &stop);
	if (stop == tmp || *stop != '\0' || errno != 0 || !(sec >= 0))
		return -1;
	return sec > 3600 ? 3600 * 1000 : (int64_t)(sec * 1000 + 0.5);
}

/*
 * Chat services announce their rate-limit bucket on every answer (Discord:
 * X-RateLimit-Remaining and X-RateLimit-Reset-After, in seconds).  An empty
 * bucket means the next request would get a 429: the outbox waits instead.
 */
static void
rate_limit_header(struct xfer_req *r, const char *buf, size_t len)
{
	const char *v, *end;
	int64_t ms;

	if (header_is("X-RateLimit-Remaining", buf, len, &v, &end))
		r->rl_empty = end - v == 1 && *v == '0';
	else if (header_is("X-RateLimit-Reset-After", buf, len, &v, &end) &&
	    (ms = seconds_ms(v, end)) >= 0)
		r->rl_reset_ms = (uint64_t)ms;
}

size_t
xfer_on_header(char *buf, size_t size, size_t n, void *userp)
{
	struct xfer_req *r = userp;
	size_t len = size * n;
	int rc = 0;

	if (len >= 5 && memcmp(buf, "HTTP/", 5) == 0)
		rc = new_response(r, buf, len);
	else if (len > 12 && strncasecmp(buf, "X-RateLimit-", 12) == 0)
		rate_limit_header(r, buf, len);
	else if ((rc = keep_header(&r->etag, "ETag", buf, len)) == 0 &&
	    (rc = keep_header(&r->last_modified, "Last-Modified", buf, len)) ==
	        0)
		rc = keep_header(&r->content_type, "Content-Type", buf, len);
	if (rc < 0) {
		r->stop = XFER_STOP_NOMEM;
		return 0; /* libcurl ends the transfer; the drain reports it */
	}
	return len;
}
