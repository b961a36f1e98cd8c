/*
 * webhook_discord.c -- Discord execute-webhook payload: one embed, as
 * MonitoRSS posts an article: the title as a link, a short excerpt cut at
 * a word, the statement once (left out when the excerpt shows it), a
 * Profiles field with each profile's score, the feed as the footer and the
 * published time as the embed's timestamp.  No content line: it only
 * repeated the title.  Terms stay in the JSON payload.
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

#define DISCORD_TITLE_MAX     256
#define DISCORD_STATEMENT_MAX 1000
#define DISCORD_PROFILES_MAX  1024
#define DISCORD_FOOTER_MAX    256
#define DISCORD_URL_MAX       2000

static size_t
discord_esc(const char *cp, size_t n, int line_start, char *rep)
{
	return render_md_esc(cp, n, line_start, rep, "\\*_~`|<>[]()", "#-+");
}

/* The excerpt, then the statement quoted when the excerpt lacks it. */
static int
description(struct buf *b, const struct alert *a)
{
	char *ex = NULL;
	int rc = render_excerpt(&ex, a->summary, RENDER_EXCERPT_MAX);
	int quote_too = rc == 0 && alert_statement_is_quote(a) &&
	    strstr(ex, a->statement) == NULL;

	if (rc == 0)
		rc = render_text(b, ex, RENDER_EXCERPT_MAX * 3, discord_esc);
	if (rc == 0 && quote_too) {
		rc = buf_appends(b,
		    ex[0] != '\0' ? "\n\n> \xe2\x80\x9c" : "> \xe2\x80\x9c");
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
	}
	free(ex);
	return rc;
}

static json_t *
embed(const struct alert_msg *m, const struct buf *desc, const char *title,
    const char *footer, const struct buf *profiles)
{
	const struct alert *a = &m->v[0];
	char tbuf[CLOCK_TEXT_LEN];
	const char *ts = clock_format_ms(a->published_ms, tbuf);
	int link = render_is_web_url(a->link) &&
	    strlen(a->link) <= DISCORD_URL_MAX;

	return json_pack("{s:s, s:s*, s:s, s:i, s:[{s:s, s:s, s:b}], s:{s:s}, "
	                 "s:s*}",
	    "title", title, "url", link ? a->link : NULL, "description",
	    buf_str(desc), "color", 0x1f6feb, "fields", "name",
	    m->n > 1 ? "Profiles" : "Profile", "value", buf_str(profiles),
	    "inline", 0, "footer", "text", footer, "timestamp", ts);
}

int
webhook_discord_render(const struct alert_msg *m, struct buf *out,
    struct errbuf *eb)
{
	const struct alert *a = &m->v[0];
	struct buf d, p;
	char *title = NULL, *footer = NULL;
	json_t *j;
	int rc;

	buf_init(&d, 0);
	buf_init(&p, DISCORD_PROFILES_MAX * 4);
	rc = description(&d, a);
	if (rc == 0)
		rc = render_profiles(&p, m, discord_esc);
	if (rc == 0)
		rc = render_strdup(&title,
		    a->title != NULL ? a->title : "(untitled item)",
		    DISCORD_TITLE_MAX, discord_esc);
	if (rc == 0)
		rc = render_strdup(&footer,
		    a->feed_name != NULL ? a->feed_name : "ukeuwatch",
		    DISCORD_FOOTER_MAX, discord_esc);
	if (rc == 0) {
		j = json_pack("{s:s, s:[o], s:{s:[]}}", "username", "ukeuwatch",
		    "embeds", embed(m, &d, title, footer, &p),
		    "allowed_mentions", "parse");
		rc = render_dump(j, out, "discord", eb);
	} else {
		rc = errbuf_set(eb, rc, "discord payload: out of memory");
	}
	free(title);
	free(footer);
	buf_clear(&d);
	buf_clear(&p);
	return rc;
}
