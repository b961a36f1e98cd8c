/*
 * atom.c -- /alerts.atom: the alerts as an Atom 1.0 feed (RFC 4287), with
 * the filters of `/`, so that any feed reader can follow them.
 *
 * Each entry's id is the alert's id as a URN, stable across restarts; its
 * updated date is when the alert was made, published the item's own date.
 * Text goes through html_esc, which is also correct XML escaping, and a
 * link is written only for an http(s) URL.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/clock.h"
#include "store/store.h"
#include "store/store_alerts.h"
#include "store/store_read.h"
#include "web/html.h"
#include "web/page.h"

#define ATOM_ENTRIES 50
#define ATOM_SUMMARY 1000 /* bytes of the summary in an entry */

struct atom {
	struct buf *b;
	int rc;
};

static int
element(struct buf *b, const char *name, const char *text)
{
	int rc = buf_printf(b, "<%s>", name);

	if (rc == 0)
		rc = html_esc(b, text);
	if (rc == 0)
		rc = buf_printf(b, "</%s>", name);
	return rc;
}

/* At most ATOM_SUMMARY bytes, at a UTF-8 character boundary. */
static int
summary(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	if (n > ATOM_SUMMARY) {
		n = ATOM_SUMMARY;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	return html_escn(b, s, n);
}

static int
on_alert(void *arg, const struct store_alert *a,
    const struct store_delivery_view *dv, size_t n_dv)
{
	struct atom *at = arg;
	struct buf *b = at->b;
	char t[CLOCK_TEXT_LEN];
	int rc;

	(void)dv;
	(void)n_dv;
	rc = buf_printf(b, "<entry><id>urn:ukeuwatch:alert:%s</id>", a->id);
	if (rc == 0)
		rc = element(b, "title",
		    a->title && a->title[0] ? a->title : "(no title)");
	if (rc == 0 && html_url_ok(a->link)) {
		rc = buf_appends(b, "<link rel=\"alternate\" href=\"");
		if (rc == 0)
			rc = html_esc(b, a->link);
		if (rc == 0)
			rc = buf_appends(b, "\"/>");
	}
	if (rc == 0)
		rc = buf_printf(b, "<updated>%s</updated>",
		    clock_format(a->created_ms, t));
	if (rc == 0 && a->published_ms > 0 && clock_format(a->published_ms, t))
		rc = buf_printf(b, "<published>%s</published>", t);
	if (rc == 0)
		rc = buf_appends(b, "<author><name>");
	if (rc == 0)
		rc = html_esc(b, a->feed);
	if (rc == 0)
		rc = buf_appends(b, "</name></author><category term=\"");
	if (rc == 0)
		rc = html_esc(b, a->profile);
	if (rc == 0)
		rc = buf_printf(b, "\"/><summary>Score %.1f. ", a->score);
	if (rc == 0 && a->summary != NULL)
		rc = summary(b, a->summary);
	if (rc == 0)
		rc = buf_appends(b, "</summary></entry>\n");
	return at->rc = rc;
}

static int
feed_head(struct buf *b, const struct page_req *r, int64_t updated)
{
	char t[CLOCK_TEXT_LEN];
	int rc = buf_printf(b,
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
	    "<id>urn:ukeuwatch:alerts</id><title>ukeuwatch alerts</title>"
	    "<updated>%s</updated><generator>ukeuwatch</generator>",
	    clock_format(updated, t));

	if (rc == 0 && r->host != NULL) {
		rc = buf_appends(b, "<link rel=\"self\" href=\"http://");
		if (rc == 0)
			rc = html_esc(b, r->host);
		if (rc == 0)
			rc = buf_appends(b,
			    "/alerts.atom\"/><link "
			    "rel=\"alternate\" href=\"http://");
		if (rc == 0)
			rc = html_esc(b, r->host);
		if (rc == 0)
			rc = buf_appends(b, "/\"/>");
	}
	if (rc == 0)
		rc = buf_appends(b, "\n");
	return rc;
}

/* The newest alert's time: the feed's updated element. */
static int
on_newest(void *arg, const struct store_alert *a,
    const struct store_delivery_view *dv, size_t n_dv)
{
	(void)dv;
	(void)n_dv;
	*(int64_t *)arg = a->created_ms;
	return 0;
}

void
atom_feed(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp)
{
	struct store_alert_filter f = { 0 };
	struct atom at = { .b = &resp->body };
	int64_t updated = 0;
	struct errbuf eb = { 0 };
	char msg[256];
	int rc;

	if (page_filter(r, &f, msg, sizeof(msg)) < 0) {
		page_error(resp, 400, msg);
		return;
	}
	if (page_reader(env, resp) < 0)
		return;
	resp->type = "application/atom+xml; charset=utf-8";
	f.limit = 1;
	rc = store_read_alerts(env->reader, &f, on_newest, &updated, &eb);
	if (rc == 0)
		rc = feed_head(at.b, r, updated ? updated : r->now_ms);
	f.limit = ATOM_ENTRIES;
	if (rc == 0)
		rc = store_read_alerts(env->reader, &f, on_alert, &at, &eb);
	if (rc == 0)
		rc = buf_appends(at.b, "</feed>\n");
	if (rc < 0)
		page_failed(resp, &eb);
}
