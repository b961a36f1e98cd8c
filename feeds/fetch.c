/*
 * fetch.c -- see fetch.h.
 */
#include "feeds/fetch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "feeds/batch.h"
#include "feeds/date.h"
#include "feeds/feed_parse.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/conf.h"
#include "lib/log.h"
#include "lib/xfer.h"
#include "store/store_feeds.h"

#define SNIFF_MAX   4096 /* error-page bytes kept to recognise a CDN wall */
#define MOVED_AFTER 3    /* consecutive permanent redirects that move a feed */

struct fetch {
	struct fetch_env env;       /* copied; pointers borrowed */
	struct fetch_cbs cbs;       /* copied */
	void *arg;                  /* borrowed */
	char *name;                 /* owned */
	char *url;                  /* owned: what was requested */
	struct xfer_req *req;       /* owned by xfer once started */
	struct feed_parser *parser; /* owned */
	struct item_batch *doc;     /* owned */
	struct errbuf parse_eb;     /* the parser's verdict */
	int parse_rc;               /* < 0: the parser gave up */
	int doc_full;               /* more items than max-items */
	long status;                /* HTTP status seen by on_data */
	struct buf sniff;           /* start of an error body */
	int64_t started_ms;
	unsigned error_streak;
	unsigned redirect_streak; /* stored, before this poll */
	char *redirect_url;       /* owned: stored moved-to URL, or NULL */
	int on_moved;             /* polling redirect_url, not the config's */
	int cancelled;
};

static void
fetch_free(struct fetch *f)
{
	feed_parse_free(f->parser);
	item_batch_free(f->doc);
	buf_clear(&f->sniff);
	free(f->name);
	free(f->url);
	free(f->redirect_url);
	free(f);
}

/*
 * The moved-to URL to record for this poll.  Once the feed is polled at
 * its new place, that place is recorded again on every poll (it no longer
 * redirects), so the streak keeps counting and the feed does not fall back
 * to the old URL and bounce between the two.
 */
static const char *
redirect_to_record(const struct fetch *f, const struct xfer_result *r)
{
	if (r->moved_to != NULL)
		return r->moved_to;
	if (f->on_moved)
		return f->url;
	return NULL;
}

/* The poll that completes the streak says so, once. */
static void
log_moved(const struct fetch *f, const char *to, const char *conf_url)
{
	if (to == NULL || f->on_moved || f->redirect_url == NULL ||
	    f->redirect_streak + 1 != MOVED_AFTER ||
	    strcmp(f->redirect_url, to) != 0)
		return;
	log_notice("feed %s: %s has moved permanently to %s (301/308 on %d "
	           "consecutive polls); polling the new URL from now on, "
	           "update url in the config",
	    f->name, conf_url, to, MOVED_AFTER);
}

static int
on_item(void *arg, const struct item *it)
{
	struct fetch *f = arg;
	int rc = item_batch_offer(f->doc, it);

	if (rc == -EFBIG) {
		/* Keep reading: the batch keeps the newest; the rest waits
		 * for a later poll, or for a larger max-items. */
		if (!f->doc_full)
			log_warn("feed %s: more than %zu items in one "
			         "document; the newest are kept and the "
			         "others ignored, raise max-items",
			    f->name, f->doc->n);
		f->doc_full = 1;
		return 0;
	}
	return rc;
}

static const struct feed_parse_cbs parse_cbs = { .on_item = on_item };

static int
on_data(void *arg, const char *buf, size_t len)
{
	struct fetch *f = arg;
	CURL *easy = xfer_req_easy(f->req);

	if (f->status == 0)
		curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &f->status);
	if (f->status >= 300) {
		/* An error page: keep its start to tell a CDN wall apart. */
		size_t room = SNIFF_MAX - f->sniff.len;

		if (room > 0 &&
		    buf_append(&f->sniff, buf, len < room ? len : room) < 0) {
			/* Out of memory: the CDN guess is only weaker. */
		}
		return 0;
	}
	if (f->parse_rc < 0)
		return -1;
	f->parse_rc = feed_parse_push(f->parser, buf, len, &f->parse_eb);
	return f->parse_rc < 0 ? -1 : 0;
}

/* A 403/429/503 HTML page from a bot wall rather than the publisher. */
static int
cdn_wall(const struct fetch *f, const struct xfer_result *r)
{
	static const char *const marks[] = { "cf-chl", "challenge-platform",
		"Just a moment", "Attention Required", "captcha",
		"Access Denied", "akamai", "Incapsula", "DDoS protection" };
	const char *body = buf_str(&f->sniff);

	if (r->status != 403 && r->status != 429 && r->status != 503)
		return 0;
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strcasestr(body, marks[i]) != NULL)
			return 1;
	return 0;
}

static const struct {
	const char *name, *advice;
} fetch_errors[] = {
	[FETCH_E_NONE] = { "", "" },
	[FETCH_E_DNS] = { "dns", "check the host name in the feed's url" },
	[FETCH_E_CONNECT] = { "connect",
	    "the server is down or unreachable; retrying" },
	[FETCH_E_TLS] = { "tls",
	    "ask the server's owner to fix its certificate" },
	[FETCH_E_TIMEOUT] = { "timeout",
	    "the server is slow; retrying (or raise timeout)" },
	[FETCH_E_HTTP] = { "http", "retrying" },
	[FETCH_E_CDN] = { "cdn",
	    "set a browser-like user-agent for this feed, or ask the "
	    "publisher to allow feed readers" },
	[FETCH_E_NOT_A_FEED] = { "not-a-feed", "point url at the feed itself" },
	[FETCH_E_XML] = { "xml", "the publisher's feed is broken; retrying" },
	[FETCH_E_JSON] = { "json", "the publisher's feed is broken; retrying" },
	[FETCH_E_TOO_LARGE] = { "too-large",
	    "raise max-body for this feed if the feed is genuine" },
	[FETCH_E_STORE] = { "store", "it will be read again on the next poll" },
	[FETCH_E_OTHER] = { "other", "retrying" },
	[FETCH_E_CANCELLED] = { "cancelled", "cancelled at shutdown" },
};

const char *
fetch_error_name(enum fetch_error e)
{
	return (unsigned)e <= FETCH_E_CANCELLED ? fetch_errors[e].name :
	                                          "other";
}

const char *
fetch_error_advice(enum fetch_error e)
{
	return (unsigned)e <= FETCH_E_CANCELLED ? fetch_errors[e].advice :
	                                          "retrying";
}

static enum fetch_error
from_xfer(enum xfer_class c)
{
	switch (c) {
	case XFER_DNS:
		return FETCH_E_DNS;
	case XFER_CONNECT:
		return FETCH_E_CONNECT;
	case XFER_TLS:
		return FETCH_E_TLS;
	case XFER_TIMEOUT:
		return FETCH_E_TIMEOUT;
	case XFER_HTTP:
		return FETCH_E_HTTP;
	case XFER_TOO_LARGE:
		return FETCH_E_TOO_LARGE;
	default:
		return FETCH_E_OTHER;
	}
}

static enum fetch_error
from_parse(int rc, const struct feed_parser *p)
{
	return rc == -ENOMSG   ? FETCH_E_NOT_A_FEED :
	    rc == -EFBIG       ? FETCH_E_TOO_LARGE :
	    feed_parse_json(p) ? FETCH_E_JSON :
	                         FETCH_E_XML;
}

/*
 * A DNS fault is not always the feed's host name: the proxy comes from the
 * environment, and a lookup that timed out points at the name server.
 */
static const char *
transfer_advice(const struct xfer_result *r, enum fetch_error cls)
{
	if (r->code == CURLE_COULDNT_RESOLVE_PROXY)
		return "check the proxy in http_proxy, https_proxy or "
		       "all_proxy (or exempt the host with no_proxy)";
	if (r->cls == XFER_DNS && r->code == CURLE_OPERATION_TIMEDOUT)
		return "the name server did not answer, check the resolver "
		       "(/etc/resolv.conf); retrying";
	return fetch_error_advice(cls);
}

/* Classify a finished transfer into o (strings in msg, owned by caller). */
static void
classify(struct fetch *f, const struct xfer_result *r, struct fetch_outcome *o,
    char *msg, size_t len)
{
	enum fetch_error cls;

	o->http_status = r->status;
	o->bytes = r->bytes;
	o->duration_ms = r->duration_ms;
	o->retry_after_ms = r->retry_after_ms;
	if (r->status == 304) {
		o->status = FETCH_UNCHANGED;
		return;
	}
	if (r->status == 410) {
		o->status = FETCH_GONE;
		o->error_class = FETCH_E_HTTP;
		snprintf(msg, len,
		    "HTTP 410 Gone; polling stopped, remove the feed from the "
		    "config");
		o->error = msg;
		return;
	}
	o->status = FETCH_FAILED;
	if (f->parse_rc < 0 && r->cls == XFER_ABORTED && !f->cancelled) {
		cls = from_parse(f->parse_rc, f->parser);
		snprintf(msg, len, "%s; %s", f->parse_eb.msg,
		    fetch_error_advice(cls));
	} else if (r->cls == XFER_HTTP && cdn_wall(f, r)) {
		cls = FETCH_E_CDN;
		snprintf(msg, len,
		    "blocked by a CDN challenge page (HTTP %ld); %s", r->status,
		    fetch_error_advice(cls));
	} else if (r->cls != XFER_OK) {
		cls = f->cancelled ? FETCH_E_CANCELLED : from_xfer(r->cls);
		snprintf(msg, len, "%s; %s", r->summary,
		    transfer_advice(r, cls));
	} else {
		o->status = FETCH_OK;
		return;
	}
	o->error_class = cls;
	o->error = msg;
}

/* A poll that produced no document: a 304, or a failure. */
static void
record_failure(struct fetch *f, const struct xfer_result *r,
    const struct fetch_outcome *o, int64_t next)
{
	struct store_poll p = { .at_ms = f->started_ms,
		.http_status = (int)o->http_status,
		.error_class = fetch_error_name(o->error_class),
		.error = o->error,
		.bytes = (int64_t)o->bytes,
		.duration_ms = (int64_t)o->duration_ms,
		.redirect_url = redirect_to_record(f, r),
		.next_poll_ms = next };
	struct errbuf eb = { 0 };

	if (o->status == FETCH_UNCHANGED)
		p.error_class = NULL, p.error = NULL;
	if (store_feed_update(f->env.store, f->name, &p, &eb) < 0)
		log_err("feed %s: cannot record the poll: %s", f->name, eb.msg);
}

static void
commit_document(struct fetch *f, const struct xfer_result *r,
    struct fetch_outcome *o, int64_t next, char *msg, size_t len)
{
	struct store_poll p = { .at_ms = f->started_ms,
		.http_status = (int)r->status,
		.bytes = (int64_t)r->bytes,
		.duration_ms = (int64_t)r->duration_ms,
		.set_validators = 1,
		.etag = r->etag,
		.last_modified = r->last_modified,
		.redirect_url = redirect_to_record(f, r),
		.next_poll_ms = next,
		.ttl_s = o->ttl_s };
	struct fetch_commit_result res;
	struct errbuf eb = { 0 };

	if (f->env.commit(f->env.commit_arg, f->doc, &p, f->env.send, &res,
	        &eb) < 0) {
		o->status = FETCH_FAILED;
		o->error_class = FETCH_E_STORE;
		snprintf(msg, len, "cannot record the document: %s; %s", eb.msg,
		    fetch_error_advice(FETCH_E_STORE));
		o->error = msg;
		return;
	}
	o->items = res.items;
	o->new_items = res.new_items;
	o->alerts = res.alerts;
	o->queued = res.queued;
	o->first_poll = res.first_poll;
	o->all_new = res.all_new;
	o->guid_rewrite = res.guid_rewrite;
}

/* The parser's last word on a document the transfer read in full. */
static void
finish_parse(struct fetch *f, struct fetch_outcome *o, char *msg, size_t len)
{
	struct errbuf eb = { 0 };
	enum fetch_error cls;
	int rc;

	rc = feed_parse_finish(f->parser, &eb);
	if (rc == 1)
		log_info("feed %s: %s", f->name, eb.msg);
	if (rc >= 0)
		return;
	cls = from_parse(rc, f->parser);
	o->status = FETCH_FAILED;
	o->error_class = cls;
	snprintf(msg, len, "%s; %s", eb.msg, fetch_error_advice(cls));
	o->error = msg;
}

static void
on_done(void *arg, const struct xfer_result *r)
{
	struct fetch *f = arg;
	struct fetch_outcome o = { .feed = f->name,
		.error_streak = f->error_streak };
	const struct feed_meta *meta;
	char msg[512];
	int64_t next;

	f->req = NULL; /* freed by xfer after we return */
	classify(f, r, &o, msg, sizeof(msg));
	if (o.status == FETCH_OK)
		finish_parse(f, &o, msg, sizeof(msg));
	meta = feed_parse_meta(f->parser);
	if (meta != NULL)
		o.ttl_s = meta->ttl_s;
	if (f->cancelled) {
		/* Shutting down: the next start polls it again; record nothing
		 * so that no half-finished poll counts as a failure. */
		f->cbs.done(f->arg, &o);
		fetch_free(f);
		return;
	}
	next = f->cbs.plan(f->arg, &o);
	log_moved(f, redirect_to_record(f, r), f->url);
	if (o.status == FETCH_OK)
		commit_document(f, r, &o, next, msg, sizeof(msg));
	if (o.status != FETCH_OK)
		record_failure(f, r, &o, next);
	f->cbs.done(f->arg, &o);
	fetch_free(f);
}

static const struct xfer_cbs xfer_cbs = { .on_data = on_data,
	.on_done = on_done };

/*
 * A Last-Modified ahead of our clock came from a server whose clock was
 * wrong.  Sent back as If-Modified-Since, it would make a server that
 * answers 304 to any date at or after its file's time (nginx with
 * "if_modified_since before", for one) hide every change made after its
 * clock is put right, for as long as the skew lasted.  Such a date is not
 * sent; the ETag, if any, still is.
 */
#define LAST_MODIFIED_SKEW_S 300

static int
last_modified_usable(const char *lm)
{
	int64_t t = date_parse(lm, strlen(lm));

	/* One we cannot read goes back verbatim: servers compare strings. */
	return t == INT64_MIN ||
	    t <= clock_now_ms() / 1000 + LAST_MODIFIED_SKEW_S;
}

static int
add_validators(struct fetch *f, const struct store_feed *row)
{
	struct buf line;
	int rc = 0;

	buf_init(&line, 8192);
	if (row->etag != NULL) {
		rc = buf_printf(&line, "If-None-Match: %s", row->etag);
		if (rc == 0)
			rc = xfer_req_add_header(f->req, buf_str(&line));
	}
	buf_reset(&line);
	if (rc == 0 && row->last_modified != NULL &&
	    last_modified_usable(row->last_modified)) {
		rc = buf_printf(&line, "If-Modified-Since: %s",
		    row->last_modified);
		if (rc == 0)
			rc = xfer_req_add_header(f->req, buf_str(&line));
	}
	buf_clear(&line);
	return rc;
}

/* The feed formats first; a server that negotiates then picks one of them,
 * and one that does not (most) is not turned away by a narrow list. */
#define FETCH_ACCEPT                                                           \
	"Accept: application/rss+xml, application/atom+xml, "                  \
	"application/feed+json, application/xml;q=0.9, text/xml;q=0.9, "       \
	"*/*;q=0.8"

/* The URL to poll: the configured one, or where it has moved for good. */
static const char *
poll_url(const struct feed_conf *fc, const struct store_feed *row)
{
	if (row->redirect_streak >= MOVED_AFTER && row->redirect_url != NULL)
		return row->redirect_url;
	return fc->url;
}

static int
prepare(struct fetch *f, const struct fetch_env *env,
    const struct feed_conf *fc, const struct store_feed *row, struct errbuf *eb)
{
	struct feed_parse_opts po = { .doc_url = f->url,
		.max_doc = (size_t)fc->max_body,
		.max_items = (size_t)env->dconf->max_items * 2 };
	CURL *easy;
	int rc;

	rc = feed_parse_new(&f->parser, &po, &parse_cbs, f, eb);
	if (rc < 0)
		return rc;
	if (item_batch_new(&f->doc, f->name, f->url,
	        (size_t)env->dconf->max_items) < 0)
		return errbuf_set(eb, -ENOMEM, "feed %s: out of memory",
		    f->name);
	rc = xfer_req_new(env->xfer, &f->req, eb);
	if (rc < 0)
		return rc;
	easy = xfer_req_easy(f->req);
	if (curl_easy_setopt(easy, CURLOPT_URL, f->url) != CURLE_OK ||
	    (fc->user_agent != NULL &&
	        curl_easy_setopt(easy, CURLOPT_USERAGENT, fc->user_agent) !=
	            CURLE_OK))
		return errbuf_set(eb, -EINVAL,
		    "feed %s: libcurl refused the URL; check it", f->name);
	xfer_req_set_limits(f->req, fc->max_body, fc->timeout_ms);
	if (!env->dconf->allow_private)
		xfer_req_guard(f->req, fc->url);
	if (xfer_req_add_header(f->req, FETCH_ACCEPT) < 0 ||
	    add_validators(f, row) < 0)
		return errbuf_set(eb, -ENOMEM, "feed %s: out of memory",
		    f->name);
	return 0;
}

int
fetch_start(const struct fetch_env *env, const struct feed_conf *fc,
    const struct fetch_cbs *cbs, void *arg, struct fetch **out,
    struct errbuf *eb)
{
	struct store_feed row;
	struct fetch *f;
	int rc;

	if (out != NULL)
		*out = NULL;
	f = calloc(1, sizeof(*f));
	if (f == NULL)
		return errbuf_set(eb, -ENOMEM, "feed %s: out of memory",
		    fc->name);
	f->env = *env;
	f->cbs = *cbs;
	f->arg = arg;
	f->started_ms = clock_now_ms();
	buf_init(&f->sniff, SNIFF_MAX + 1);
	store_feed_init(&row);
	rc = store_feed_poll_state(env->store, fc->name, &row, eb);
	if (rc < 0 && rc != -ENOENT)
		goto fail;
	f->error_streak = row.error_streak;
	f->redirect_streak = row.redirect_streak;
	f->on_moved = poll_url(fc, &row) != fc->url;
	f->name = strdup(fc->name);
	f->url = strdup(poll_url(fc, &row));
	if (row.redirect_url != NULL)
		f->redirect_url = strdup(row.redirect_url);
	if (f->name == NULL || f->url == NULL ||
	    (row.redirect_url != NULL && f->redirect_url == NULL)) {
		rc = errbuf_set(eb, -ENOMEM, "feed %s: out of memory",
		    fc->name);
		goto fail;
	}
	rc = prepare(f, env, fc, &row, eb);
	if (rc < 0)
		goto fail;
	store_feed_clear(&row);
	rc = xfer_start(f->req, &xfer_cbs, f);
	if (rc < 0) {
		f->req = NULL; /* xfer_start freed it */
		fetch_free(f);
		return errbuf_set(eb, rc,
		    "feed %s: cannot start the transfer: %s", fc->name,
		    strerror(-rc));
	}
	if (out != NULL)
		*out = f;
	return 0;
fail:
	store_feed_clear(&row);
	xfer_req_free(f->req);
	f->req = NULL;
	fetch_free(f);
	return rc;
}

void
fetch_cancel(struct fetch *f)
{
	f->cancelled = 1;
	if (f->req != NULL)
		xfer_cancel(f->req);
}
