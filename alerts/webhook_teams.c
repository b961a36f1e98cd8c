/*
 * webhook_teams.c -- Microsoft Teams: an Adaptive Card 1.4 in the envelope
 * that Workflows ("Post to a channel when a webhook request is received")
 * expects:
 *
 *   {"type":"message","attachments":[{"contentType":
 *    "application/vnd.microsoft.card.adaptive","contentUrl":null,
 *    "content":{AdaptiveCard}}]}
 *
 * The card reads as Miniflux and MonitoRSS post an article: the title, a
 * line with the source, the published time and the profiles with their
 * scores, the statement once (left out when the excerpt shows it), a short
 * excerpt cut at a word, and an "Open item" action.  Terms stay in the JSON
 * payload.
 *
 * Feed text goes only into TextRun inlines of RichTextBlocks.  A TextRun
 * does not interpret markdown (unlike TextBlock), so feed text cannot add
 * links or formatting and needs no escaping beyond JSON; mentions in Teams
 * need <at> entities that a TextRun never forms.  The legacy MessageCard
 * is not offered: it works only on the retired Office 365 connector URLs.
 * Teams refuses messages over 28 KB; our caps keep a card under 20 KB.
 */
#include "alerts/webhook_teams.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "alerts/alert.h"
#include "alerts/render.h"

#define TEAMS_TITLE_MAX     256
#define TEAMS_STATEMENT_MAX 1000
#define TEAMS_LINE_MAX      500
#define TEAMS_MESSAGE_MAX   28000 /* bytes, Teams' own limit */

/* One RichTextBlock holding one TextRun of (cleaned, clipped) text. */
static json_t *
run_block(const char *text, size_t max, const char *style)
{
	char *t = NULL;
	json_t *run, *blk;

	if (render_strdup(&t, text, max, NULL) < 0)
		return NULL;
	run = json_pack("{s:s, s:s}", "type", "TextRun", "text", t);
	free(t);
	if (run == NULL)
		return NULL;
	if (strcmp(style, "title") == 0)
		json_object_update_new(run,
		    json_pack("{s:s, s:s}", "weight", "Bolder", "size",
		        "Medium"));
	else if (strcmp(style, "subtle") == 0)
		json_object_update_new(run,
		    json_pack("{s:b, s:s}", "isSubtle", 1, "size", "Small"));
	else if (strcmp(style, "quote") == 0)
		json_object_update_new(run, json_pack("{s:b}", "italic", 1));
	blk = json_pack("{s:s, s:[o]}", "type", "RichTextBlock", "inlines",
	    run);
	return blk;
}

static int
append(json_t *body, json_t *blk)
{
	return json_array_append_new(body, blk) < 0 ? -ENOMEM : 0;
}

/* "mod · 2026-11-30 08:19 UTC · brexit-defence 33.0 · csdp 12.5" */
static int
meta_line(struct buf *b, const struct alert_msg *m)
{
	const struct alert *a = &m->v[0];
	char t[32];
	int rc = buf_appends(b,
	    a->feed_name != NULL ? a->feed_name : "ukeuwatch");

	if (rc == 0 && render_time(a->published_ms, t) != NULL)
		rc = buf_printf(b, " \xc2\xb7 %s", t);
	if (rc == 0)
		rc = buf_appends(b, " \xc2\xb7 ");
	if (rc == 0)
		rc = render_profiles(b, m, NULL);
	return rc;
}

static int
statement(struct buf *b, const struct alert *a)
{
	int rc = buf_appends(b, "\xe2\x80\x9c");

	if (rc == 0)
		rc = render_text(b, a->statement, TEAMS_STATEMENT_MAX, NULL);
	if (rc == 0)
		rc = buf_appends(b, "\xe2\x80\x9d");
	if (rc == 0 && a->speaker != NULL)
		rc = buf_printf(b, " \xe2\x80\x94 %s", a->speaker);
	return rc;
}

/* The title, as a link to the item when it has a web URL. */
static json_t *
title_block(const struct alert *a, const char *title)
{
	json_t *blk = run_block(title, TEAMS_TITLE_MAX, "title");
	json_t *run = json_array_get(json_object_get(blk, "inlines"), 0);

	if (run != NULL && render_is_web_url(a->link) &&
	    json_object_set_new(run, "selectAction",
	        json_pack("{s:s, s:s}", "type", "Action.OpenUrl", "url",
	            a->link)) < 0) {
		json_decref(blk);
		return NULL;
	}
	return blk;
}

static int
card_body(json_t *body, const struct alert_msg *m, struct buf *b)
{
	const struct alert *a = &m->v[0];
	const char *title = a->title != NULL ? a->title : "(untitled item)";
	char *ex = NULL;
	int rc = render_excerpt(&ex, a->summary, RENDER_EXCERPT_MAX);
	int quote_too = rc == 0 && alert_statement_is_quote(a) &&
	    strstr(ex, a->statement) == NULL;

	if (rc == 0)
		rc = append(body, title_block(a, title));
	if (rc == 0)
		rc = meta_line(b, m);
	if (rc == 0)
		rc = append(body,
		    run_block(buf_str(b), TEAMS_LINE_MAX, "subtle"));
	buf_reset(b);
	if (rc == 0 && quote_too) {
		rc = statement(b, a);
		if (rc == 0)
			rc = append(body,
			    run_block(buf_str(b), TEAMS_STATEMENT_MAX + 300,
			        "quote"));
		buf_reset(b);
	}
	if (rc == 0 && ex[0] != '\0')
		rc = append(body,
		    run_block(ex, RENDER_EXCERPT_MAX * 2, "plain"));
	free(ex);
	return rc;
}

static json_t *
card(const struct alert *a, json_t *body)
{
	json_t *c = json_pack("{s:s, s:s, s:s, s:O}", "$schema",
	    "http://adaptivecards.io/schemas/adaptive-card.json", "type",
	    "AdaptiveCard", "version", "1.4", "body", body);

	if (c != NULL && render_is_web_url(a->link) &&
	    json_object_set_new(c, "actions",
	        json_pack("[{s:s, s:s, s:s}]", "type", "Action.OpenUrl",
	            "title", "Open item", "url", a->link)) < 0) {
		json_decref(c);
		return NULL;
	}
	return c;
}

int
webhook_teams_render(const struct alert_msg *m, struct buf *out,
    struct errbuf *eb)
{
	const struct alert *a = &m->v[0];
	json_t *body = json_array(), *j;
	size_t start = out->len;
	struct buf b;
	int rc;

	buf_init(&b, 0);
	rc = body != NULL ? card_body(body, m, &b) : -ENOMEM;
	buf_clear(&b);
	if (rc < 0) {
		json_decref(body);
		return errbuf_set(eb, rc, "teams payload: out of memory");
	}
	j = json_pack("{s:s, s:[{s:s, s:n, s:o}]}", "type", "message",
	    "attachments", "contentType",
	    "application/vnd.microsoft.card.adaptive", "contentUrl", "content",
	    card(a, body));
	json_decref(body);
	rc = render_dump(j, out, "teams", eb);
	if (rc == 0 && out->len - start > TEAMS_MESSAGE_MAX)
		return errbuf_set(eb, -EFBIG,
		    "teams payload: %zu bytes, over Teams' 28 KB limit",
		    out->len - start);
	return rc;
}
