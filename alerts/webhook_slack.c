/*
 * webhook_slack.c -- Slack (text + blocks) and Mattermost (text +
 * attachments, no blocks) payloads.
 *
 * Slack: feed text is escaped by Slack's own rule and only that rule: &, <
 * and > become &amp; &lt; &gt; ("you shouldn't HTML entity-encode the
 * entire text", api.slack.com formatting).  With < escaped, feed text can
 * never form <!channel>, <@U123> or <url|label>.  Each mrkdwn block holds
 * at most 3,000 characters.
 *
 * What a person reads in the channel, as Miniflux and MonitoRSS post it:
 * the title as a link, a short excerpt of the summary cut at a word
 * (RENDER_EXCERPT_MAX), the statement once (left out when the excerpt
 * already shows it), and one line with the source, the published time and
 * the profiles with their scores.  Terms stay in the JSON payload.
 *
 * Mattermost takes Slack's text and attachments but renders neither blocks
 * (mattermost#14973) nor Slack's mrkdwn: it is CommonMark, and it turns
 * <!channel>, <!here> and <!all> into mentions, as it does @channel,
 * @here and @all.  So Mattermost text gets the entity escapes (CommonMark
 * decodes them for display), backslashes before markdown punctuation, and
 * a zero-width space after every @ so no mention word is ever formed.
 */
#include "alerts/webhook_slack.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "alerts/alert.h"
#include "alerts/render.h"

#define SLACK_BLOCK_MAX     3000
#define SLACK_TITLE_MAX     250
#define SLACK_URL_MAX       2000
#define SLACK_STATEMENT_MAX 1000
#define MM_TITLE_MAX        250
#define MM_FOOTER_MAX       500

static const char zwsp[] = "\xe2\x80\x8b"; /* U+200B ZERO WIDTH SPACE */

static size_t
slack_esc(const char *cp, size_t n, int line_start, char *rep)
{
	(void)n;
	(void)line_start;
	switch (cp[0]) {
	case '&':
		memcpy(rep, "&amp;", 5);
		return 5;
	case '<':
		memcpy(rep, "&lt;", 4);
		return 4;
	case '>':
		memcpy(rep, "&gt;", 4);
		return 4;
	}
	return 0;
}

/* Inside <url|label> a | or > would end the URL early: percent-encode. */
static size_t
slack_url_esc(const char *cp, size_t n, int line_start, char *rep)
{
	switch (cp[0]) {
	case '|':
		memcpy(rep, "%7C", 3);
		return 3;
	case '<':
		memcpy(rep, "%3C", 3);
		return 3;
	case '>':
		memcpy(rep, "%3E", 3);
		return 3;
	}
	return slack_esc(cp, n, line_start, rep);
}

static size_t
mm_esc(const char *cp, size_t n, int line_start, char *rep)
{
	size_t r = slack_esc(cp, n, line_start, rep);

	if (r > 0)
		return r;
	return render_md_esc(cp, n, line_start, rep, "\\*_~`[]()|#", "-+");
}

/* Mattermost fields shown as plain text still must not form mentions. */
static size_t
mm_plain_esc(const char *cp, size_t n, int line_start, char *rep)
{
	(void)n;
	(void)line_start;
	if (cp[0] == '@' || cp[0] == '<') {
		rep[0] = cp[0];
		memcpy(rep + 1, zwsp, 3);
		return 4;
	}
	return 0;
}

/* "*<link|title>*", or "*title*" when the link is not a web URL. */
static int
slack_headline(struct buf *b, const struct alert *a)
{
	const char *title = a->title != NULL ? a->title : "(untitled item)";
	int link = render_is_web_url(a->link) &&
	    strlen(a->link) <= SLACK_URL_MAX;
	int rc;

	rc = buf_appends(b, link ? "*<" : "*");
	if (rc == 0 && link)
		rc = render_text(b, a->link, SLACK_URL_MAX * 3, slack_url_esc);
	if (rc == 0 && link)
		rc = buf_appends(b, "|");
	if (rc == 0)
		rc = render_text(b, title, SLACK_TITLE_MAX, slack_esc);
	if (rc == 0)
		rc = buf_appends(b, link ? ">*" : "*");
	return rc;
}

/* The excerpt (*ex, caller frees) and whether the statement needs a line
 * of its own: not when the excerpt already shows it. */
static int
excerpt(const struct alert *a, char **ex, int *quote_too)
{
	int rc = render_excerpt(ex, a->summary, RENDER_EXCERPT_MAX);

	*quote_too = rc == 0 && alert_statement_is_quote(a) &&
	    strstr(*ex, a->statement) == NULL;
	return rc;
}

/* "> “statement” — speaker" (the quote marker is ours, so not escaped). */
static int
quote(struct buf *b, const struct alert *a, render_esc_fn esc, size_t max)
{
	int rc = buf_appends(b, "> \xe2\x80\x9c");

	if (rc == 0)
		rc = render_text(b, a->statement, max, esc);
	if (rc == 0)
		rc = buf_appends(b, "\xe2\x80\x9d");
	if (rc == 0 && a->speaker != NULL)
		rc = buf_appends(b, " \xe2\x80\x94 ");
	if (rc == 0 && a->speaker != NULL)
		rc = render_text(b, a->speaker, 200, esc);
	return rc;
}

/* Slack's own date markup: shown in the reader's time zone, with the UTC
 * text as the fallback. */
static int
slack_date(struct buf *b, int64_t ms)
{
	char t[32];

	if (render_time(ms, t) == NULL)
		return 0;
	return buf_printf(b,
	    " \xc2\xb7 <!date^%lld^{date_short_pretty} {time}|%s>",
	    (long long)(ms / 1000), t);
}

/* "feed · date · brexit-defence 33.0 · csdp 12.5" */
static int
slack_context(struct buf *b, const struct alert_msg *m)
{
	const struct alert *a = &m->v[0];
	int rc = render_text(b,
	    a->feed_name != NULL ? a->feed_name : "ukeuwatch", 200, slack_esc);

	if (rc == 0)
		rc = slack_date(b, a->published_ms);
	if (rc == 0)
		rc = buf_appends(b, " \xc2\xb7 ");
	if (rc == 0)
		rc = render_profiles(b, m, slack_esc);
	return rc;
}

/* Appends a section (or, with context, a context block) made from b. */
static int
add_block(json_t *blocks, struct buf *b, int context)
{
	json_t *blk;

	if (context)
		blk = json_pack("{s:s, s:[{s:s, s:s}]}", "type", "context",
		    "elements", "type", "mrkdwn", "text", buf_str(b));
	else
		blk = json_pack("{s:s, s:{s:s, s:s}}", "type", "section",
		    "text", "type", "mrkdwn", "text", buf_str(b));
	buf_reset(b);
	return json_array_append_new(blocks, blk) < 0 ? -ENOMEM : 0;
}

static int
slack_blocks(json_t *blocks, const struct alert_msg *m, struct buf *b)
{
	const struct alert *a = &m->v[0];
	char *ex = NULL;
	int quote_too = 0;
	int rc = excerpt(a, &ex, &quote_too);

	if (rc == 0)
		rc = slack_headline(b, a);
	if (rc == 0 && ex[0] != '\0')
		rc = buf_appendc(b, '\n');
	if (rc == 0)
		rc = render_text(b, ex, SLACK_BLOCK_MAX - SLACK_TITLE_MAX * 2,
		    slack_esc);
	if (rc == 0)
		rc = add_block(blocks, b, 0);
	if (rc == 0 && quote_too) {
		rc = quote(b, a, slack_esc, SLACK_STATEMENT_MAX);
		if (rc == 0)
			rc = add_block(blocks, b, 0);
	}
	if (rc == 0)
		rc = slack_context(b, m);
	if (rc == 0)
		rc = add_block(blocks, b, 1);
	free(ex);
	return rc;
}

/* The notification text: "title (profile, profile)", escaped. */
static int
fallback(struct buf *b, const struct alert_msg *m, render_esc_fn esc)
{
	const struct alert *a = &m->v[0];
	int rc = render_text(b, a->title != NULL ? a->title : "(untitled item)",
	    SLACK_TITLE_MAX, esc);

	for (size_t i = 0; rc == 0 && i < m->n; i++) {
		rc = buf_appends(b, i == 0 ? " (" : ", ");
		if (rc == 0)
			rc = render_text(b,
			    m->v[i].profile != NULL ? m->v[i].profile : "", 200,
			    esc);
	}
	return rc == 0 ? buf_appends(b, ")") : rc;
}

int
webhook_slack_render(const struct alert_msg *m, struct buf *out,
    struct errbuf *eb)
{
	json_t *blocks = json_array(), *j = NULL;
	struct buf text, b;
	int rc;

	buf_init(&text, 0);
	buf_init(&b, 0);
	rc = blocks != NULL ? fallback(&text, m, slack_esc) : -ENOMEM;
	if (rc == 0)
		rc = slack_blocks(blocks, m, &b);
	if (rc == 0) {
		j = json_pack("{s:s, s:O, s:b, s:b}", "text", buf_str(&text),
		    "blocks", blocks, "unfurl_links", 0, "unfurl_media", 0);
		rc = render_dump(j, out, "slack", eb);
	} else {
		rc = errbuf_set(eb, rc, "slack payload: out of memory");
	}
	json_decref(blocks);
	buf_clear(&text);
	buf_clear(&b);
	return rc;
}

/* The attachment text: the excerpt, then the statement when it is not in
 * the excerpt. */
static int
mm_body(struct buf *b, const struct alert *a)
{
	char *ex = NULL;
	int quote_too = 0;
	int rc = excerpt(a, &ex, &quote_too);

	if (rc == 0)
		rc = render_text(b, ex, RENDER_EXCERPT_MAX * 3, mm_esc);
	if (rc == 0 && quote_too) {
		rc = buf_appends(b, ex[0] != '\0' ? "\n\n" : "");
		if (rc == 0)
			rc = quote(b, a, mm_esc, SLACK_STATEMENT_MAX);
	}
	free(ex);
	return rc;
}

/* "feed · 2026-11-30 08:19 UTC · brexit-defence 33.0 · csdp 12.5" */
static int
mm_footer(struct buf *b, const struct alert_msg *m)
{
	const struct alert *a = &m->v[0];
	char t[32];
	int rc = render_text(b,
	    a->feed_name != NULL ? a->feed_name : "ukeuwatch", 200,
	    mm_plain_esc);

	if (rc == 0 && render_time(a->published_ms, t) != NULL)
		rc = buf_printf(b, " \xc2\xb7 %s", t);
	if (rc == 0)
		rc = buf_appends(b, " \xc2\xb7 ");
	if (rc == 0)
		rc = render_profiles(b, m, mm_plain_esc);
	return rc;
}

int
webhook_slack_render_mattermost(const struct alert_msg *m, struct buf *out,
    struct errbuf *eb)
{
	const struct alert *a = &m->v[0];
	char *title = NULL, *plain = NULL;
	struct buf text, body, footer;
	json_t *j;
	int rc, link = render_is_web_url(a->link);

	buf_init(&text, 0);
	buf_init(&body, 0);
	buf_init(&footer, 0);
	rc = fallback(&text, m, NULL);
	if (rc == 0)
		rc = mm_body(&body, a);
	if (rc == 0)
		rc = mm_footer(&footer, m);
	if (rc == 0)
		rc = render_strdup(&title,
		    a->title != NULL ? a->title : "(untitled item)",
		    MM_TITLE_MAX, mm_plain_esc);
	if (rc == 0)
		rc = render_strdup(&plain, buf_str(&text), MM_TITLE_MAX * 2,
		    mm_plain_esc);
	if (rc == 0) {
		/* No top-level text: the attachment says it all, once; the
		 * fallback (title and profiles) is the notification. */
		j = json_pack("{s:s, s:[{s:s, s:s, s:s, s:s*, s:s, s:s}]}",
		    "username", "ukeuwatch", "attachments", "fallback", plain,
		    "color", "#1f6feb", "title", title, "title_link",
		    link ? a->link : NULL, "text", buf_str(&body), "footer",
		    buf_str(&footer));
		rc = render_dump(j, out, "mattermost", eb);
	} else {
		rc = errbuf_set(eb, rc, "mattermost payload: out of memory");
	}
	free(title);
	free(plain);
	buf_clear(&text);
	buf_clear(&body);
	buf_clear(&footer);
	return rc;
}
