/*
 * webhook_discord.c -- Discord execute-webhook payload: a short content
 * line and one embed.
 *
 * Discord renders markdown in content, embed titles and descriptions, so
 * markdown punctuation in feed text is backslash-escaped (Discord hides a
 * backslash before punctuation), and a zero-width space follows every @ so
 * "@everyone" and "@here" never appear as words.  allowed_mentions
 * {"parse":[]} is sent as well: it is Discord's own guarantee that nothing
 * pings, and the escaping keeps the text from even looking like a ping.
 *
 * Limits (discord.com docs): content 2,000; embed title 256, description
 * 4,096, field name 256, field value 1,024, footer 2,048, and 6,000 for an
 * embed's text in all.  Our caps keep the sum under 5,500.
 */
#include "alerts/webhook_discord.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "alerts/alert.h"
#include "alerts/render.h"
#include "lib/clock.h"

#define DISCORD_CONTENT_MAX   2000
#define DISCORD_TITLE_MAX     256
#define DISCORD_DESC_MAX      4096
#define DISCORD_STATEMENT_MAX 1000
#define DISCORD_FIELD_MAX     256
#define DISCORD_TERMS_MAX     512
#define DISCORD_FOOTER_MAX    256
#define DISCORD_URL_MAX       2000

static size_t
discord_esc(const char *cp, size_t n, int line_start, char *rep)
{
	return render_md_esc(cp, n, line_start, rep, "\\*_~`|<>[]()", "#-+");
}

/* "New alert for **profile** (score 12.5): title" */
static int
content(struct buf *b, const struct alert *a)
{
	char score[48];
	int rc;

	snprintf(score, sizeof(score), "** (score %.1f): ", a->score);
	rc = buf_appends(b, "New alert for **");
	if (rc == 0)
		rc = render_text(b, a->profile, 200, discord_esc);
	if (rc == 0)
		rc = buf_appends(b, score);
	if (rc == 0)
		rc = render_text(b,
		    a->title != NULL ? a->title : "(untitled item)",
		    DISCORD_CONTENT_MAX - render_buf_units(b), discord_esc);
	return rc;
}

/* The statement (quoted) first, so a long summary cannot push it out. */
static int
description(struct buf *b, const struct alert *a)
{
	int rc = 0;

	if (a->statement != NULL && a->statement[0] != '\0') {
		rc = buf_appends(b, "> \xe2\x80\x9c");
		if (rc == 0)
			rc = render_text(b, a->statement, DISCORD_STATEMENT_MAX,
			    discord_esc);
		if (rc == 0)
			rc = buf_appends(b, "\xe2\x80\x9d");
		if (rc == 0 && a->speaker != NULL) {
			rc = buf_appends(b, " \xe2\x80\x94 ");
			if (rc == 0)
				rc = render_text(b, a->speaker, 200,
				    discord_esc);
		}
		if (rc == 0)
			rc = buf_appends(b, "\n\n");
	}
	if (rc == 0 && a->summary != NULL)
		rc = render_text(b, a->summary,
		    DISCORD_DESC_MAX - render_buf_units(b), discord_esc);
	return rc;
}

static json_t *
field(const char *name, const char *value, size_t max, int inl)
{
	char *v = NULL;
	json_t *j;

	if (value == NULL || value[0] == '\0')
		value = "\xe2\x80\x94"; /* Discord refuses empty values */
	if (render_strdup(&v, value, max, discord_esc) < 0)
		return NULL;
	j = json_pack("{s:s, s:s, s:b}", "name", name, "value", v, "inline",
	    inl);
	free(v);
	return j;
}

static int
terms(struct buf *b, const struct alert *a)
{
	size_t i, used;
	int rc = 0;

	for (i = 0; rc == 0 && i < a->n_terms; i++) {
		used = render_buf_units(b);
		if (used + 3 >= DISCORD_TERMS_MAX)
			break;
		if (i > 0)
			rc = buf_appends(b, ", ");
		if (rc == 0)
			rc = buf_appends(b, a->terms[i]);
	}
	return rc;
}

static json_t *
fields(const struct alert *a, const struct buf *termsb)
{
	char score[32];

	snprintf(score, sizeof(score), "%.1f", a->score);
	return json_pack("[o, o, o]",
	    field("Profile", a->profile, DISCORD_FIELD_MAX, 1),
	    field("Score", score, DISCORD_FIELD_MAX, 1),
	    field("Terms", buf_str(termsb), DISCORD_TERMS_MAX, 0));
}

static json_t *
embed(const struct alert *a, const struct buf *desc, const char *title,
    const char *footer, const struct buf *termsb)
{
	char tbuf[CLOCK_TEXT_LEN];
	const char *ts = clock_format_ms(a->published_ms, tbuf);
	int link = render_is_web_url(a->link) &&
	    strlen(a->link) <= DISCORD_URL_MAX;

	return json_pack("{s:s, s:s*, s:s, s:i, s:o, s:{s:s}, s:s*}", "title",
	    title, "url", link ? a->link : NULL, "description", buf_str(desc),
	    "color", 0x1f6feb, "fields", fields(a, termsb), "footer", "text",
	    footer, "timestamp", ts);
}

int
webhook_discord_render(const struct alert *a, struct buf *out,
    struct errbuf *eb)
{
	struct buf c, d, t;
	char *title = NULL, *footer = NULL;
	json_t *j;
	int rc;

	buf_init(&c, 0);
	buf_init(&d, 0);
	buf_init(&t, 0);
	rc = content(&c, a);
	if (rc == 0)
		rc = description(&d, a);
	if (rc == 0)
		rc = terms(&t, a);
	if (rc == 0)
		rc = render_strdup(&title,
		    a->title != NULL ? a->title : "(untitled item)",
		    DISCORD_TITLE_MAX, discord_esc);
	if (rc == 0)
		rc = render_strdup(&footer,
		    a->feed_name != NULL ? a->feed_name : "ukeuwatch",
		    DISCORD_FOOTER_MAX, discord_esc);
	if (rc == 0) {
		j = json_pack("{s:s, s:s, s:[o], s:{s:[]}}", "username",
		    "ukeuwatch", "content", buf_str(&c), "embeds",
		    embed(a, &d, title, footer, &t), "allowed_mentions",
		    "parse");
		rc = render_dump(j, out, "discord", eb);
	} else {
		rc = errbuf_set(eb, rc, "discord payload: out of memory");
	}
	free(title);
	free(footer);
	buf_clear(&c);
	buf_clear(&d);
	buf_clear(&t);
	return rc;
}
