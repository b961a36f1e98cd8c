/*
 * webhook_teams.c -- Microsoft Teams: an Adaptive Card 1.4 in the envelope
 * that Workflows ("Post to a channel when a webhook request is received")
 * expects:
 *
 *   {"type":"message","attachments":[{"contentType":
 *    "application/vnd.microsoft.card.adaptive","contentUrl":null,
 *    "content":{AdaptiveCard}}]}
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
#define TEAMS_SUMMARY_MAX   2000
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

/* "Profile csdp · score 12.5 · Feed name" */
static int
meta_line(struct buf *b, const struct alert *a)
{
	int rc = buf_printf(b, "Profile %s \xc2\xb7 score %.1f",
	    a->profile != NULL ? a->profile : "", a->score);

	if (rc == 0 && a->feed_name != NULL)
		rc = buf_printf(b, " \xc2\xb7 %s", a->feed_name);
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

static int
terms(struct buf *b, const struct alert *a)
{
	size_t i;
	int rc = buf_appends(b, "Matched terms: ");

	for (i = 0; rc == 0 && i < a->n_terms; i++)
		rc = buf_printf(b, "%s%s", i > 0 ? ", " : "", a->terms[i]);
	return rc;
}

static int
card_body(json_t *body, const struct alert *a, struct buf *b)
{
	const char *title = a->title != NULL ? a->title : "(untitled item)";
	int rc = append(body, run_block(title, TEAMS_TITLE_MAX, "title"));

	if (rc == 0)
		rc = meta_line(b, a);
	if (rc == 0)
		rc = append(body,
		    run_block(buf_str(b), TEAMS_LINE_MAX, "subtle"));
	buf_reset(b);
	if (rc == 0 && a->statement != NULL && a->statement[0] != '\0') {
		rc = statement(b, a);
		if (rc == 0)
			rc = append(body,
			    run_block(buf_str(b), TEAMS_STATEMENT_MAX + 300,
			        "quote"));
		buf_reset(b);
	}
	if (rc == 0 && a->summary != NULL && a->summary[0] != '\0')
		rc = append(body,
		    run_block(a->summary, TEAMS_SUMMARY_MAX, "plain"));
	if (rc == 0 && a->n_terms > 0) {
		rc = terms(b, a);
		if (rc == 0)
			rc = append(body,
			    run_block(buf_str(b), TEAMS_LINE_MAX, "subtle"));
	}
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
webhook_teams_render(const struct alert *a, struct buf *out, struct errbuf *eb)
{
	json_t *body = json_array(), *j;
	size_t start = out->len;
	struct buf b;
	int rc;

	buf_init(&b, 0);
	rc = body != NULL ? card_body(body, a, &b) : -ENOMEM;
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
