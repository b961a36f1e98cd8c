/*
 * page.c -- what every page shares: field lookup, the filters, the frame
 * with its navigation, the CSRF field, error answers, the style sheet.
 */
#include "web/page.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/units.h"
#include "store/store.h"
#include "store/store_read.h"
#include "web/html.h"

static const char *
lookup(const struct page_kv *kv, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0)
			return kv[i].value;
	return NULL;
}

const char *
page_query(const struct page_req *r, const char *key)
{
	const char *v = lookup(r->query, r->n_query, key);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

const char *
page_form(const struct page_req *r, const char *key)
{
	return lookup(r->form, r->n_form, key);
}

int
page_filter(const struct page_req *r, struct store_alert_filter *f, char *msg,
    size_t len)
{
	const char *since = page_query(r, "since");
	const char *verdict = page_query(r, "verdict");
	const char *state = page_query(r, "state");
	uint64_t ms;
	struct errbuf eb;

	f->profile = page_query(r, "profile");
	f->feed = page_query(r, "feed");
	f->target = page_query(r, "target");
	if (since != NULL) {
		if (units_duration_parse(since, &ms, &eb) < 0) {
			snprintf(msg, len, "since: %s", eb.msg);
			return -EINVAL;
		}
		f->since_ms = r->now_ms - (int64_t)ms;
	}
	if (verdict == NULL)
		f->review = STORE_RF_ANY;
	else if (strcmp(verdict, "relevant") == 0)
		f->review = STORE_RF_RELEVANT;
	else if (strcmp(verdict, "noise") == 0)
		f->review = STORE_RF_NOISE;
	else if (strcmp(verdict, "unreviewed") == 0)
		f->review = STORE_RF_UNREVIEWED;
	else {
		snprintf(msg, len, "verdict: relevant, noise or unreviewed");
		return -EINVAL;
	}
	if (state != NULL && strcmp(state, "delivered") == 0)
		f->delivered = 1;
	else if (state != NULL && strcmp(state, "failed") == 0)
		f->failed = 1;
	else if (state != NULL) {
		snprintf(msg, len, "state: delivered or failed");
		return -EINVAL;
	}
	return 0;
}

int
page_head(struct buf *b, const char *title, const char *here)
{
	static const char *const nav[][2] = { { "/", "Alerts" },
		{ "/near", "Near misses" }, { "/feeds", "Feeds" },
		{ "/profiles", "Profiles" }, { "/alerts.atom", "Atom" },
		{ "/metrics", "Metrics" } };
	int rc;

	rc = buf_appends(b,
	    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"><link rel=\"stylesheet\" href=\"/style.css\">"
	    "<link rel=\"alternate\" type=\"application/atom+xml\" "
	    "href=\"/alerts.atom\" title=\"Alerts\"><title>");
	if (rc == 0)
		rc = html_esc(b, title);
	if (rc == 0)
		rc = buf_appends(b,
		    " · ukeuwatch</title></head><body><nav>"
		    "<b>ukeuwatch</b>");
	for (size_t i = 0; rc == 0 && i < sizeof(nav) / sizeof(nav[0]); i++)
		rc = buf_printf(b, " <a href=\"%s\"%s>%s</a>", nav[i][0],
		    strcmp(here, nav[i][0]) == 0 ? " aria-current=\"page\"" :
		                                   "",
		    nav[i][1]);
	if (rc == 0)
		rc = buf_appends(b, "</nav><main>");
	return rc;
}

int
page_foot(struct buf *b)
{
	return buf_appends(b, "</main></body></html>\n");
}

void
page_error(struct page_resp *resp, int status, const char *msg)
{
	resp->status = status;
	resp->type = "text/plain; charset=utf-8";
	resp->location[0] = '\0';
	buf_reset(&resp->body);
	if (buf_printf(&resp->body, "%d %s\n", status, msg) < 0)
		buf_reset(&resp->body);
}

int
page_reader(const struct page_env *env, struct page_resp *resp)
{
	if (env->reader != NULL)
		return 0;
	page_error(resp, 503, "the state file cannot be read yet");
	return -1;
}

void
page_failed(struct page_resp *resp, const struct errbuf *eb)
{
	page_error(resp, 500, eb->code ? eb->msg : "out of memory");
}

int
page_csrf_field(struct buf *b, const struct page_req *r)
{
	return buf_printf(b,
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf);
}

/* Readable at 390 px: the table of an alert becomes a stack of cards. */
const char page_css[] =
    ":root{--fg:#1b1f24;--mute:#5b6570;--line:#d8dde3;--acc:#0b5cad}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:15px/1.45 system-ui,sans-serif;color:var(--fg)}\n"
    "nav{display:flex;flex-wrap:wrap;gap:.2em 1em;padding:.6em 1em;"
    "background:#f3f5f7;border-bottom:1px solid var(--line)}\n"
    "nav a{color:var(--acc);text-decoration:none}\n"
    "nav a[aria-current]{font-weight:600;text-decoration:underline}\n"
    "main{max-width:70em;margin:0 auto;padding:1em}\n"
    "h1{font-size:1.3em;margin:.2em 0 .6em}\n"
    "form.filters{display:flex;flex-wrap:wrap;gap:.4em;margin-bottom:1em}\n"
    "form.filters input,form.filters select{font:inherit;padding:.2em;"
    "max-width:11em}\n"
    "article{border:1px solid var(--line);border-radius:6px;padding:.7em "
    ".9em;margin:0 0 .8em}\n"
    "article h2{font-size:1.05em;margin:0 0 .3em;overflow-wrap:anywhere}\n"
    ".meta{color:var(--mute);font-size:.9em}\n"
    ".lead{margin:.4em 0;overflow-wrap:anywhere}\n"
    "mark{background:#fff1a8;padding:0 .1em}\n"
    "blockquote{margin:.4em 0;padding-left:.7em;border-left:3px solid "
    "var(--line)}\n"
    "ul.dl{list-style:none;padding:0;margin:.3em 0}\n"
    ".st-delivered{color:#176b2c}.st-dead{color:#a3161b;font-weight:600}\n"
    ".st-retrying,.st-queued{color:#8a5a00}\n"
    ".verdict{font-weight:600}\n"
    "form.mark{display:flex;flex-wrap:wrap;gap:.4em;margin-top:.4em}\n"
    "form.mark input[type=text]{flex:1 1 10em;font:inherit}\n"
    "button{font:inherit;padding:.25em .8em;border:1px solid var(--line);"
    "border-radius:4px;background:#fff;cursor:pointer}\n"
    "button:hover{border-color:var(--acc)}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "td,th{text-align:left;padding:.3em .5em;border-bottom:1px solid "
    "var(--line);vertical-align:top}\n"
    ".scroll{overflow-x:auto}\n"
    ".err{color:#a3161b}\n"
    ".pager{display:flex;justify-content:space-between;margin:1em 0}\n";
