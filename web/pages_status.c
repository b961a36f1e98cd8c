/*
 * pages_status.c -- /feeds (what `ukeuwatch status` shows: each feed's
 * health, its last error with the advice the poller wrote, quiet feeds,
 * the next poll; the outbox per target) and /profiles (each profile's
 * file and what it has alerted on).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/conf.h"
#include "store/store.h"
#include "store/store_feeds.h"
#include "store/store_health.h"
#include "store/store_read.h"
#include "web/html.h"
#include "web/page.h"

#define WEEK_MS (7 * 86400000LL)

struct walk {
	struct buf *b;
	int64_t now;
	int rc;
};

static int
cell_time(struct buf *b, int64_t ms)
{
	char t[CLOCK_TEXT_LEN];

	return buf_printf(b, "<td>%s</td>",
	    ms > 0 && clock_format(ms, t) ? t : "never");
}

static int
cell(struct buf *b, const char *s)
{
	int rc = buf_appends(b, "<td>");

	if (rc == 0)
		rc = html_esc(b, s);
	if (rc == 0)
		rc = buf_appends(b, "</td>");
	return rc;
}

static int
on_feed(void *arg, const struct store_feed *f)
{
	struct walk *w = arg;
	struct buf *b = w->b;
	int64_t quiet = store_feed_quiet_ms(f, w->now);
	char st[64];
	int rc;

	if (f->error_class != NULL && f->http_status > 0)
		snprintf(st, sizeof(st), "%s (HTTP %d)", f->error_class,
		    f->http_status);
	else if (f->error_class != NULL)
		snprintf(st, sizeof(st), "%s", f->error_class);
	else if (quiet > 0)
		snprintf(st, sizeof(st), "quiet for %lldd",
		    (long long)(quiet / 86400000));
	else
		snprintf(st, sizeof(st), f->last_poll_ms ? "ok" : "not polled");
	rc = buf_printf(b, "<tr class=\"%s\">",
	    f->error_streak > 0 ? "st-dead" : "");
	if (rc == 0)
		rc = cell(b, f->name);
	if (rc == 0)
		rc = cell(b, st);
	if (rc == 0)
		rc = buf_printf(b, "<td>%u</td>", f->error_streak);
	if (rc == 0)
		rc = cell_time(b, f->last_ok_ms);
	if (rc == 0)
		rc = cell_time(b, f->next_poll_ms);
	if (rc == 0)
		rc = cell(b, f->error ? f->error : "");
	if (rc == 0)
		rc = buf_appends(b, "</tr>");
	return w->rc = rc;
}

static int
on_outbox(void *arg, const struct store_outbox_count *c)
{
	struct walk *w = arg;
	int rc = buf_appends(w->b, "<tr>");

	if (rc == 0)
		rc = cell(w->b, c->target);
	if (rc == 0)
		rc = buf_printf(w->b,
		    "<td>%lld</td><td>%lld</td><td>%lld</td><td>%lld</td></tr>",
		    (long long)c->queued, (long long)c->retrying,
		    (long long)c->delivered, (long long)c->dead);
	return w->rc = rc;
}

void
pages_feeds(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp)
{
	struct walk w = { .b = &resp->body, .now = r->now_ms };
	struct errbuf eb = { 0 };
	int rc;

	if (page_reader(env, resp) < 0)
		return;
	rc = page_head(w.b, "Feeds", "/feeds");
	if (rc == 0)
		rc = buf_appends(w.b,
		    "<h1>Feeds</h1><div class=\"scroll\"><table><tr><th>feed"
		    "</th><th>state</th><th>errors in a row</th><th>last "
		    "success</th><th>next poll</th><th>last error and what to "
		    "do</th></tr>");
	if (rc == 0)
		rc = store_read_feeds(env->reader, on_feed, &w, &eb);
	if (rc == 0)
		rc = buf_appends(w.b,
		    "</table></div><h1>Deliveries</h1><div class=\"scroll\">"
		    "<table><tr><th>target</th><th>queued</th><th>retrying"
		    "</th><th>delivered</th><th>dead</th></tr>");
	if (rc == 0)
		rc = store_read_outbox(env->reader, on_outbox, &w, &eb);
	if (rc == 0)
		rc = buf_appends(w.b, "</table></div>");
	if (rc == 0)
		rc = page_foot(w.b);
	if (rc < 0)
		page_failed(resp, &eb);
}

static int
on_profile(void *arg, const struct store_profile_count *c)
{
	struct walk *w = arg;
	int rc = buf_appends(w->b, "<tr><td><a href=\"/?profile=");

	if (rc == 0)
		rc = html_urlenc(w->b, c->profile);
	if (rc == 0)
		rc = buf_appends(w->b, "\">");
	if (rc == 0)
		rc = html_esc(w->b, c->profile);
	if (rc == 0)
		rc = buf_printf(w->b,
		    "</a></td><td>%lld</td><td>%lld</td><td>%lld</td>"
		    "<td>%lld</td>",
		    (long long)c->alerts, (long long)c->recent,
		    (long long)c->relevant, (long long)c->noise);
	if (rc == 0)
		rc = cell_time(w->b, c->last_ms);
	if (rc == 0)
		rc = buf_appends(w->b, "</tr>");
	return w->rc = rc;
}

/* A profile's last `profile replay`: what an edited file would do. */
static int
on_replay(void *arg, const struct store_replay *rp)
{
	struct walk *w = arg;
	int rc = buf_appends(w->b, "<tr><td>");

	if (rc == 0)
		rc = html_esc(w->b, rp->profile);
	if (rc == 0)
		rc = buf_appends(w->b, "</td><td>");
	if (rc == 0)
		rc = html_esc(w->b, rp->file);
	if (rc == 0)
		rc = buf_appends(w->b, "</td>");
	if (rc == 0)
		rc = cell_time(w->b, rp->at_ms);
	if (rc == 0)
		rc = cell_time(w->b, rp->since_ms);
	if (rc == 0)
		rc = buf_printf(w->b,
		    "<td>%lld</td><td>%lld</td><td>%lld</td><td>%lld</td>"
		    "<td>%lld</td><td>%lld</td></tr>",
		    (long long)rp->items, (long long)rp->would_alert,
		    (long long)rp->alerted_before, (long long)rp->added,
		    (long long)rp->dropped, (long long)rp->backlog);
	return w->rc = rc;
}

/* The files are what the daemon loads: NAME.profile in the directory. */
static int
profile_files(struct buf *b, const char *dir)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, NULL, alphasort), rc = 0;

	rc = buf_appends(b, "<h1>Profile files</h1><p>");
	if (rc == 0)
		rc = html_esc(b, dir);
	if (rc == 0)
		rc = buf_appends(b, "</p><ul>");
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);

		if (rc == 0 && len > 8 &&
		    strcmp(names[i]->d_name + len - 8, ".profile") == 0) {
			rc = buf_appends(b, "<li>");
			if (rc == 0)
				rc = html_esc(b, names[i]->d_name);
			if (rc == 0)
				rc = buf_appends(b, "</li>");
		}
		free(names[i]);
	}
	free(names);
	if (rc == 0)
		rc = buf_appends(b,
		    n < 0 ? "<li>(cannot read the directory)"
		            "</li></ul>" :
		            "</ul>");
	return rc;
}

void
pages_profiles(const struct page_env *env, const struct page_req *r,
    struct page_resp *resp)
{
	struct walk w = { .b = &resp->body, .now = r->now_ms };
	struct errbuf eb = { 0 };
	int rc;

	if (page_reader(env, resp) < 0)
		return;
	rc = page_head(w.b, "Profiles", "/profiles");
	if (rc == 0)
		rc = buf_appends(w.b,
		    "<h1>Profiles</h1><div class=\"scroll\"><table><tr><th>"
		    "profile</th><th>alerts kept</th><th>last 7 days</th><th>"
		    "relevant</th><th>noise</th><th>newest</th></tr>");
	if (rc == 0)
		rc = store_read_profile_counts(env->reader, r->now_ms - WEEK_MS,
		    on_profile, &w, &eb);
	if (rc == 0)
		rc = buf_appends(w.b,
		    "</table></div><h1>Last replays</h1><p>What `ukeuwatch "
		    "profile replay` last said of each profile file run over "
		    "the stored items.</p><div class=\"scroll\"><table><tr>"
		    "<th>profile</th><th>file</th><th>replayed</th><th>items "
		    "since</th><th>items</th><th>would alert</th><th>alerted "
		    "before</th><th>added</th><th>dropped</th><th>backlog</th>"
		    "</tr>");
	if (rc == 0)
		rc = store_read_replays(env->reader, on_replay, &w, &eb);
	if (rc == 0)
		rc = buf_appends(w.b, "</table></div>");
	if (rc == 0)
		rc = profile_files(w.b, env->config->daemon.profiles_dir);
	if (rc == 0)
		rc = page_foot(w.b);
	if (rc < 0)
		page_failed(resp, &eb);
}
