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

#define SLACK_BLOCK_MAX 3000
#define SLACK_TITLE_MAX 250
#define SLACK_URL_MAX   2000
#define MM_TITLE_MAX    250
#define MM_TEXT_MAX     3000
#define MM_FIELD_MAX    500

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

/* "Profile *p* · score 12.5 · feed F · terms: a, b", within one block. */
static int
slack_context(struct buf *b, const struct alert *a, render_esc_fn esc,
    size_t max)
{
	char score[64];
	size_t i;
	int rc;

	snprintf(score, sizeof(score), " \xc2\xb7 score %.1f", a->score);
	rc = buf_appends(b, "Profile ");
	if (rc == 0)
		rc = render_text(b, a->profile, 200, esc);
	if (rc == 0)
		rc = buf_appends(b, score);
	if (rc == 0 && a->feed_name != NULL)
		rc = buf_appends(b, " \xc2\xb7 feed ");
	if (rc == 0 && a->feed_name != NULL)
		rc = render_text(b, a->feed_name, 200, esc);
	if (rc == 0 && a->n_terms > 0)
		rc = buf_appends(b, " \xc2\xb7 terms: ");
	for (i = 0; rc == 0 && i < a->n_terms; i++) {
		size_t used = render_buf_units(b);

		if (used + 3 >= max)
			break;
		if (i > 0)
			rc = buf_appends(b, ", ");
		if (rc == 0)
			rc = render_text(b, a->terms[i], max - used - 2, esc);
	}
	return rc;
}

/* "> statement — speaker" (the quote marker is ours, so not escaped). */
static int
quote(struct buf *b, const struct alert *a, render_esc_fn esc, size_t max)
{
	size_t speaker_max = 200, used;
	int rc;

	rc = buf_appends(b, "> \xe2\x80\x9c");
	used = render_buf_units(b) + 1 + (a->speaker != NULL ? 3 : 0) +
	    speaker_max;
	if (rc == 0)
		rc = render_text(b, a->statement, max - used, esc);
	if (rc == 0)
		rc = buf_appends(b, "\xe2\x80\x9d");
	if (rc == 0 && a->speaker != NULL)
		rc = buf_appends(b, " \xe2\x80\x94 ");
	if (rc == 0 && a->speaker != NULL)
		rc = render_text(b, a->speaker, speaker_max, esc);
	return rc;
}

static json_t *
section(const struct buf *b)
{
	return json_pack("{s:s, s:{s:s, s:s}}", "type", "section", "text",
	    "type", "mrkdwn", "text", buf_str(b));
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
		blk = section(b);
	buf_reset(b);
	return json_array_append_new(blocks, blk) < 0 ? -ENOMEM : 0;
}

static int
slack_blocks(json_t *blocks, const struct alert *a, struct buf *b)
{
	int rc = slack_headline(b, a);

	if (rc == 0)
		rc = add_block(blocks, b, 0);
	if (rc == 0 && a->summary != NULL && a->summary[0] != '\0') {
		rc = render_text(b, a->summary, SLACK_BLOCK_MAX, slack_esc);
		if (rc == 0 && b->len > 0)
			rc = add_block(blocks, b, 0);
	}
	if (rc == 0 && a->statement != NULL && a->statement[0] != '\0') {
		rc = quote(b, a, slack_esc, SLACK_BLOCK_MAX);
		if (rc == 0)
			rc = add_block(blocks, b, 0);
	}
	if (rc == 0)
		rc = slack_context(b, a, slack_esc, SLACK_BLOCK_MAX);
	if (rc == 0)
		rc = add_block(blocks, b, 1);
	return rc;
}

/* The notification text: "[profile] title", escaped, one block's worth. */
static int
fallback(struct buf *b, const struct alert *a, render_esc_fn esc)
{
	int rc = buf_appends(b, "[");

	if (rc == 0)
		rc = render_text(b, a->profile, 200, esc);
	if (rc == 0)
		rc = buf_appends(b, "] ");
	if (rc == 0)
		rc = render_text(b,
		    a->title != NULL ? a->title : "(untitled item)",
		    SLACK_TITLE_MAX, esc);
	return rc;
}

int
webhook_slack_render(const struct alert *a, struct buf *out, struct errbuf *eb)
{
	json_t *blocks = json_array(), *j = NULL;
	struct buf text, b;
	int rc;

	buf_init(&text, 0);
	buf_init(&b, 0);
	rc = blocks != NULL ? fallback(&text, a, slack_esc) : -ENOMEM;
	if (rc == 0)
		rc = slack_blocks(blocks, a, &b);
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

static json_t *
mm_field(const char *title, const char *value, int is_short)
{
	char *v = NULL;
	json_t *j;

	if (render_strdup(&v, value, MM_FIELD_MAX, mm_esc) < 0)
		return NULL;
	j = json_pack("{s:s, s:s, s:b}", "title", title, "value", v, "short",
	    is_short);
	free(v);
	return j;
}

static int
mm_fields(json_t **out, const struct alert *a)
{
	char score[32];
	struct buf terms;
	int rc = 0;

	buf_init(&terms, 0);
	snprintf(score, sizeof(score), "%.1f", a->score);
	rc = slack_context(&terms, a, mm_esc, MM_FIELD_MAX);
	*out = json_pack("[o, o, o]", mm_field("Profile", a->profile, 1),
	    mm_field("Score", score, 1),
	    json_pack("{s:s, s:s, s:b}", "title", "Details", "value",
	        buf_str(&terms), "short", 0));
	buf_clear(&terms);
	if (rc == 0 && *out == NULL)
		rc = -ENOMEM;
	return rc;
}

/* The attachment text: summary, then the quoted statement. */
static int
mm_body(struct buf *b, const struct alert *a)
{
	int rc = 0;

	if (a->statement != NULL && a->statement[0] != '\0') {
		rc = quote(b, a, mm_esc, 1200);
		if (rc == 0)
			rc = buf_appends(b, "\n\n");
	}
	if (rc == 0)
		rc = render_text(b, a->summary,
		    MM_TEXT_MAX - render_buf_units(b), mm_esc);
	return rc;
}

int
webhook_slack_render_mattermost(const struct alert *a, struct buf *out,
    struct errbuf *eb)
{
	char *title = NULL, *plain = NULL;
	struct buf text, body;
	json_t *fields = NULL, *j;
	int rc, link = render_is_web_url(a->link);

	buf_init(&text, 0);
	buf_init(&body, 0);
	rc = fallback(&text, a, mm_esc);
	if (rc == 0)
		rc = mm_body(&body, a);
	if (rc == 0)
		rc = render_strdup(&title,
		    a->title != NULL ? a->title : "(untitled item)",
		    MM_TITLE_MAX, mm_plain_esc);
	if (rc == 0)
		rc = render_strdup(&plain, buf_str(&text), MM_TEXT_MAX,
		    mm_plain_esc);
	if (rc == 0)
		rc = mm_fields(&fields, a);
	if (rc == 0) {
		j = json_pack("{s:s, s:s, s:[{s:s, s:s, s:s, s:s*, s:s, s:o}]}",
		    "username", "ukeuwatch", "text", buf_str(&text),
		    "attachments", "fallback", plain, "color", "#1f6feb",
		    "title", title, "title_link", link ? a->link : NULL, "text",
		    buf_str(&body), "fields", fields);
		fields = NULL; /* stolen by "o", even on failure */
		rc = render_dump(j, out, "mattermost", eb);
	} else {
		rc = errbuf_set(eb, rc, "mattermost payload: out of memory");
	}
	json_decref(fields);
	free(title);
	free(plain);
	buf_clear(&text);
	buf_clear(&body);
	return rc;
}
