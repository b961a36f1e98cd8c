/*
 * pages_alerts.c -- `/`: the alerts, newest first, a page at a time, with
 * the verdict and retry forms; and the POST that those forms send.
 *
 * The listing is one store_read_alerts call with a filter and a page, so
 * near misses (/near) are the same walk with one more filter flag once the
 * store records them.  Forms post to the page's own URL, so the redirect
 * after a write lands on the same filters.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/clock.h"
#include "lib/conf.h"
#include "lib/speech.h"
#include "store/store.h"
#include "store/store_alerts.h"
#include "store/store_cli.h"
#include "store/store_read.h"
#include "web/html.h"
#include "web/page.h"

#define PAGE_SIZE 50
#define LEAD_MAX  600 /* bytes of the summary shown */
#define MAX_TERMS 32

static const char *const filter_keys[] = { "profile", "feed", "target", "since",
	"verdict", "state" };

struct render {
	const struct page_req *r;
	struct buf *b;
	size_t n; /* alerts seen (one more than shown means a next page) */
	int rc;
};

/* The page's filters as a query string (for links and form actions). */
static int
filter_query(struct buf *b, const struct page_req *r, int64_t page)
{
	int rc = 0, first = 1;

	for (size_t i = 0; rc == 0 && i < 6; i++) {
		const char *v = page_query(r, filter_keys[i]);

		if (v == NULL)
			continue;
		rc = buf_printf(b, "%s%s=", first ? "?" : "&amp;",
		    filter_keys[i]);
		if (rc == 0)
			rc = html_urlenc(b, v);
		first = 0;
	}
	if (rc == 0 && page > 0)
		rc = buf_printf(b, "%spage=%lld", first ? "?" : "&amp;",
		    (long long)page);
	return rc;
}

/* At most LEAD_MAX bytes, cut at a UTF-8 character boundary. */
static size_t
lead_len(const char *s)
{
	size_t n = strlen(s);

	if (n <= LEAD_MAX)
		return n;
	n = LEAD_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

static int
render_title(struct buf *b, const struct store_alert *a, char **terms,
    size_t nt)
{
	const char *title = a->title && a->title[0] ? a->title : "(no title)";
	int rc = buf_appends(b, "<h2>"), link = html_url_ok(a->link);

	if (rc == 0 && link)
		rc = buf_appends(b, "<a href=\"");
	if (rc == 0 && link)
		rc = html_esc(b, a->link);
	if (rc == 0 && link)
		rc = buf_appends(b, "\" rel=\"noopener noreferrer\">");
	if (rc == 0)
		rc = html_marked(b, title, terms, nt);
	if (rc == 0)
		rc = buf_appends(b, link ? "</a></h2>" : "</h2>");
	return rc;
}

static int
render_meta(struct buf *b, const struct store_alert *a)
{
	char pub[CLOCK_TEXT_LEN], det[CLOCK_TEXT_LEN];
	int rc = buf_appends(b, "<div class=\"meta\">");

	if (rc == 0)
		rc = html_esc(b, a->feed);
	if (rc == 0)
		rc = buf_appends(b, " · ");
	if (rc == 0)
		rc = html_esc(b, a->profile);
	if (rc == 0)
		rc = buf_printf(b,
		    " · score %.1f · published <time>%s</time> · detected "
		    "<time>%s</time>",
		    a->score,
		    a->published_ms ? clock_format(a->published_ms, pub) :
		                      "undated",
		    clock_format(a->created_ms, det));
	if (rc == 0 && a->also_in != NULL) {
		rc = buf_appends(b, " · also in ");
		if (rc == 0)
			rc = html_esc(b, a->also_in);
	}
	if (rc == 0)
		rc = buf_appends(b, "</div>");
	return rc;
}

/* A direct quote as a quotation; reported speech ("The UK said it would
 * ...") never is, as in every message the daemon sends. */
static int
render_statement(struct buf *b, const struct store_alert *a)
{
	int quote = a->statement_quoted || a->speaker == NULL;
	int rc = buf_appends(b, quote ? "<blockquote>" : "<p class=\"said\">");

	if (rc == 0 && !quote) {
		char *words = speech_reported(a->statement);

		rc = words == NULL ? -ENOMEM : html_esc(b, a->speaker);
		if (rc == 0)
			rc = buf_appends(b, " said ");
		if (rc == 0)
			rc = html_esc(b, words);
		free(words);
	} else if (rc == 0) {
		rc = html_esc(b, a->statement);
	}
	if (rc == 0 && quote && a->speaker != NULL) {
		rc = buf_appends(b, " — <cite>");
		if (rc == 0)
			rc = html_esc(b, a->speaker);
		if (rc == 0)
			rc = buf_appends(b, "</cite>");
	}
	if (rc == 0)
		rc = buf_appends(b, quote ? "</blockquote>" : "</p>");
	return rc;
}

static int
render_text(struct buf *b, const struct store_alert *a, char **terms, size_t nt)
{
	int rc = 0;

	if (a->summary != NULL && a->summary[0] != '\0') {
		char *lead = strndup(a->summary, lead_len(a->summary));

		rc = lead ? buf_appends(b, "<p class=\"lead\">") : -ENOMEM;
		if (rc == 0)
			rc = html_marked(b, lead, terms, nt);
		if (rc == 0)
			rc = buf_appends(b,
			    strlen(lead) < strlen(a->summary) ? "…</p>" :
			                                        "</p>");
		free(lead);
	}
	if (rc == 0 && a->statement != NULL)
		rc = render_statement(b, a);
	return rc;
}

/*
 * A form posting back to this page with its filters, about alert id:
 * everything up to and including the hidden id field.
 */
static int
form_open(struct render *ctx, const char *id)
{
	int rc = buf_printf(ctx->b,
	    "<form class=\"mark\" method=\"post\" action=\"%s", ctx->r->path);

	if (rc == 0)
		rc = filter_query(ctx->b, ctx->r, 0);
	if (rc == 0)
		rc = buf_printf(ctx->b,
		    "\"><input type=\"hidden\" name=\"id\" value=\"%s\">", id);
	return rc;
}

static int
render_deliveries(struct render *ctx, const struct store_alert *a,
    const struct store_delivery_view *dv, size_t n)
{
	struct buf *b = ctx->b;
	int rc = n ? buf_appends(b, "<ul class=\"dl\">") : 0;

	for (size_t i = 0; rc == 0 && i < n; i++) {
		const char *st = store_delivery_state_name(dv[i].state);

		rc = buf_printf(b, "<li class=\"st-%s\">", st);
		if (rc == 0)
			rc = html_esc(b, dv[i].target);
		if (rc == 0)
			rc = buf_printf(b, ": %s, %u attempt%s", st,
			    dv[i].attempts, dv[i].attempts == 1 ? "" : "s");
		if (rc == 0 && dv[i].last_error != NULL &&
		    dv[i].state != STORE_DELIVERY_DELIVERED) {
			rc = buf_appends(b, " — ");
			if (rc == 0)
				rc = html_esc(b, dv[i].last_error);
		}
		if (rc == 0 && dv[i].state == STORE_DELIVERY_DEAD) {
			rc = form_open(ctx, a->id);
			if (rc == 0)
				rc = buf_appends(b,
				    "<input type=\"hidden\" name=\"target\" "
				    "value=\"");
			if (rc == 0)
				rc = html_esc(b, dv[i].target);
			if (rc == 0)
				rc = buf_appends(b, "\">");
			if (rc == 0)
				rc = page_csrf_field(b, ctx->r);
			if (rc == 0)
				rc = buf_appends(b,
				    "<button name=\"action\" value=\"retry\">"
				    "Retry</button></form>");
		}
		if (rc == 0)
			rc = buf_appends(b, "</li>");
	}
	if (rc == 0 && n)
		rc = buf_appends(b, "</ul>");
	return rc;
}

static int
render_review(struct render *ctx, const struct store_alert *a)
{
	struct buf *b = ctx->b;
	int rc = 0;

	if (a->review != STORE_REVIEW_NONE) {
		rc = buf_printf(b, "<div class=\"verdict\">Marked %s",
		    a->review == STORE_REVIEW_RELEVANT ? "relevant" : "noise");
		if (rc == 0 && a->review_note != NULL) {
			rc = buf_appends(b, ": ");
			if (rc == 0)
				rc = html_esc(b, a->review_note);
		}
		if (rc == 0)
			rc = buf_appends(b, "</div>");
	}
	if (rc == 0)
		rc = form_open(ctx, a->id);
	if (rc == 0)
		rc = buf_appends(b,
		    "<input type=\"hidden\" name=\"action\" value=\"mark\">");
	if (rc == 0)
		rc = page_csrf_field(b, ctx->r);
	if (rc == 0)
		rc = buf_appends(b,
		    "<input type=\"text\" name=\"note\" placeholder=\"note\" "
		    "aria-label=\"note\"><button name=\"verdict\" "
		    "value=\"relevant\">Relevant</button><button "
		    "name=\"verdict\" value=\"noise\">Noise</button></form>");
	return rc;
}

static int
on_alert(void *arg, const struct store_alert *a,
    const struct store_delivery_view *dv, size_t n_dv)
{
	struct render *ctx = arg;
	/* the store hands the terms over as it stored them (borrowed) */
	char **terms = a->terms;
	size_t nt = a->n_terms < MAX_TERMS ? a->n_terms : MAX_TERMS;
	int rc;

	if (++ctx->n > PAGE_SIZE)
		return 0; /* the probe row: there is a next page */
	rc = buf_printf(ctx->b, "<article id=\"a-%s\" data-profile=\"", a->id);
	if (rc == 0)
		rc = html_esc(ctx->b, a->profile);
	if (rc == 0)
		rc = buf_appends(ctx->b, "\">");
	if (rc == 0)
		rc = render_title(ctx->b, a, terms, nt);
	if (rc == 0)
		rc = render_meta(ctx->b, a);
	if (rc == 0)
		rc = render_text(ctx->b, a, terms, nt);
	if (rc == 0)
		rc = render_deliveries(ctx, a, dv, n_dv);
	if (rc == 0)
		rc = render_review(ctx, a);
	if (rc == 0)
		rc = buf_appends(ctx->b, "</article>");
	ctx->rc = rc;
	return rc;
}

static int
option(struct buf *b, const char *value, const char *label, const char *cur)
{
	int rc = buf_appends(b, "<option value=\"");

	if (rc == 0)
		rc = html_esc(b, value);
	if (rc == 0)
		rc = buf_appends(b,
		    cur != NULL && strcmp(cur, value) == 0 ? "\" selected>" :
		                                             "\">");
	if (rc == 0)
		rc = html_esc(b, label);
	if (rc == 0)
		rc = buf_appends(b, "</option>");
	return rc;
}

static int
text_input(struct buf *b, const struct page_req *r, const char *name,
    const char *hint)
{
	int rc = buf_printf(b,
	    "<input type=\"text\" name=\"%s\" placeholder=\"%s\" "
	    "aria-label=\"%s\" value=\"",
	    name, hint, name);

	if (rc == 0)
		rc = html_esc(b, page_query(r, name));
	if (rc == 0)
		rc = buf_appends(b, "\">");
	return rc;
}

/* The values of the fixed filters; the first stands for any. */
static const char *const verdicts[] = { "any verdict", "unreviewed", "relevant",
	"noise", NULL };
static const char *const states[] = { "any delivery", "delivered", "failed",
	NULL };

/* A select of fixed values, the query's one chosen. */
static int
choice(struct buf *b, const struct page_req *r, const char *name,
    const char *label, const char *const *values)
{
	const char *t = page_query(r, name);
	int rc = buf_printf(b, "<select name=\"%s\" aria-label=\"%s\">", name,
	    label);

	for (size_t i = 0; rc == 0 && values[i] != NULL; i++)
		rc = option(b, i == 0 ? "" : values[i], values[i], t);
	if (rc == 0)
		rc = buf_appends(b, "</select>");
	return rc;
}

/* GET forms: filtering works without JavaScript and is bookmarkable. */
static int
render_filters(struct buf *b, const struct page_env *env,
    const struct page_req *r)
{
	const char *t = page_query(r, "target");
	int rc = buf_printf(b,
	    "<form class=\"filters\" method=\"get\" "
	    "action=\"%s\">",
	    r->path);

	if (rc == 0)
		rc = text_input(b, r, "profile", "profile");
	if (rc == 0)
		rc = text_input(b, r, "feed", "feed");
	if (rc == 0)
		rc = text_input(b, r, "since", "since (24h, 7d)");
	if (rc == 0)
		rc = buf_appends(b,
		    "<select name=\"target\" "
		    "aria-label=\"target\">");
	if (rc == 0)
		rc = option(b, "", "any target", t);
	for (size_t i = 0; rc == 0 && i < env->config->n_targets; i++)
		rc = option(b, env->config->targets[i].name,
		    env->config->targets[i].name, t);
	if (rc == 0)
		rc = buf_appends(b, "</select>");
	if (rc == 0)
		rc = choice(b, r, "verdict", "verdict", verdicts);
	if (rc == 0)
		rc = choice(b, r, "state", "delivery", states);
	if (rc == 0)
		rc = buf_appends(b, "<button>Filter</button></form>");
	return rc;
}

static int
render_pager(struct buf *b, const struct page_req *r, int64_t page, int more)
{
	int rc = buf_appends(b, "<div class=\"pager\"><span>");

	if (rc == 0 && page > 0) {
		rc = buf_printf(b, "<a rel=\"prev\" href=\"%s", r->path);
		if (rc == 0)
			rc = filter_query(b, r, page - 1);
		if (rc == 0)
			rc = buf_appends(b, "\">← newer</a>");
	}
	if (rc == 0)
		rc = buf_appends(b, "</span><span>");
	if (rc == 0 && more) {
		rc = buf_printf(b, "<a rel=\"next\" href=\"%s", r->path);
		if (rc == 0)
			rc = filter_query(b, r, page + 1);
		if (rc == 0)
			rc = buf_appends(b, "\">older →</a>");
	}
	if (rc == 0)
		rc = buf_appends(b, "</span></div>");
	return rc;
}

static int64_t
page_number(const struct page_req *r)
{
	const char *p = page_query(r, "page");
	long long n = p ? strtoll(p, NULL, 10) : 0;

	/* Bounded so that OFFSET stays a small number. */
	return n < 0 ? 0 : n > 100000 ? 100000 : n;
}

/* `/` lists alerts, `/near` near misses: the same page, one flag. */
static void
list(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp, int near)
{
	const char *title = near ? "Near misses" : "Alerts";
	struct store_alert_filter f = { 0 };
	struct render ctx = { .r = r, .b = &resp->body };
	int64_t page = page_number(r);
	struct errbuf eb = { 0 };
	char msg[256];
	int rc;

	if (page_filter(r, &f, msg, sizeof(msg)) < 0) {
		page_error(resp, 400, msg);
		return;
	}
	if (page_reader(env, resp) < 0)
		return;
	f.near = near;
	f.limit = PAGE_SIZE + 1;
	f.offset = page * PAGE_SIZE;
	rc = page_head(&resp->body, title, r->path);
	if (rc == 0)
		rc = buf_printf(&resp->body, "<h1>%s</h1>", title);
	if (rc == 0 && near)
		rc = buf_appends(&resp->body,
		    "<p>Items that scored 60&ndash;100% of a profile's "
		    "threshold: never delivered. Mark one relevant to report "
		    "a miss.</p>");
	if (rc == 0)
		rc = render_filters(&resp->body, env, r);
	if (rc == 0)
		rc = store_read_alerts(env->reader, &f, on_alert, &ctx, &eb);
	if (rc == 0 && ctx.n == 0)
		rc = buf_printf(&resp->body,
		    "<p>No %s match these filters.</p>",
		    near ? "near misses" : "alerts");
	if (rc == 0)
		rc = render_pager(&resp->body, r, page, ctx.n > PAGE_SIZE);
	if (rc == 0)
		rc = page_foot(&resp->body);
	if (rc < 0)
		page_failed(resp, &eb);
}

void
pages_alerts(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp)
{
	list(env, r, resp, 0);
}

void
pages_near(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp)
{
	list(env, r, resp, 1);
}

/* Back to the page the form was on, at the alert it was about. */
static void
redirect_back(struct page_resp *resp, const struct page_req *r, const char *id)
{
	struct buf q;

	buf_init(&q, sizeof(resp->location) - 64);
	if (filter_query(&q, r, page_number(r)) < 0)
		buf_reset(&q);
	/* filter_query writes &amp; for HTML; a Location wants &. */
	snprintf(resp->location, sizeof(resp->location), "%s", r->path);
	for (const char *p = buf_str(&q); *p; p++) {
		size_t n = strlen(resp->location);

		if (strncmp(p, "&amp;", 5) == 0)
			p += 4;
		if (n + 1 < sizeof(resp->location) - 48)
			resp->location[n] = *p, resp->location[n + 1] = '\0';
	}
	if (id != NULL && strspn(id, "0123456789abcdef") == strlen(id))
		snprintf(resp->location + strlen(resp->location), 48,
		    "#a-%.32s", id);
	buf_clear(&q);
	resp->status = 303;
	resp->type = "text/plain; charset=utf-8";
}

void
pages_alerts_post(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp)
{
	const char *action = page_form(r, "action");
	const char *id = page_form(r, "id");
	const char *verdict = page_form(r, "verdict");
	const char *note = page_form(r, "note");
	const char *path = env->config->daemon.state;
	struct errbuf eb = { 0 };
	int64_t rc;

	if (id == NULL || action == NULL) {
		page_error(resp, 400, "id and action are required");
		return;
	}
	if (strcmp(action, "retry") == 0) {
		struct store_alert_filter f = { .id = id,
			.target = page_form(r, "target") };

		rc = store_requeue_dead(path, &f, r->now_ms, NULL, NULL, &eb);
		if (rc > 0 && env->on_requeue != NULL)
			env->on_requeue(env->arg);
	} else if (strcmp(action, "mark") == 0 && verdict != NULL &&
	    (strcmp(verdict, "relevant") == 0 ||
	        strcmp(verdict, "noise") == 0)) {
		char *ids[1] = { (char *)id };

		rc = store_review_mark(path, ids, 1,
		    verdict[0] == 'r' ? STORE_REVIEW_RELEVANT :
		                        STORE_REVIEW_NOISE,
		    note != NULL && note[0] != '\0' ? note : NULL, r->now_ms,
		    NULL, NULL, &eb);
	} else {
		page_error(resp, 400,
		    "action is mark (with a verdict) or retry");
		return;
	}
	if (rc < 0) {
		page_error(resp, rc == -EINVAL || rc == -ENOENT ? 400 : 500,
		    eb.msg);
		return;
	}
	redirect_back(resp, r, id);
}
