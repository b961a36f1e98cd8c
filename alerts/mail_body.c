/*
 * mail_body.c -- the text and HTML renderings of alert mail, and the two
 * public builders (see mail.h).  Every piece of feed text goes through
 * render_text: cleaned to valid UTF-8, clipped, and in HTML escaped.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts/alert.h"
#include "alerts/mail.h"
#include "alerts/mail_impl.h"
#include "alerts/render.h"
#include "lib/clock.h"
#include "lib/conf.h"
#include "lib/hash.h"
#include "lib/speech.h"

#define MAIL_SUMMARY_MAX 4000
#define DIGEST_SUMMARY   600

static size_t
html_esc(const char *cp, size_t n, int line_start, char *rep)
{
	static const char set[] = "&<>\"'\n";
	static const char *const ent[] = { "&amp;", "&lt;", "&gt;", "&quot;",
		"&#39;", "<br>\n" };
	const char *p = n == 1 ? strchr(set, cp[0]) : NULL;
	size_t k;

	(void)line_start;
	if (p == NULL || cp[0] == '\0')
		return 0;
	k = (size_t)(p - set);
	memcpy(rep, ent[k], strlen(ent[k]));
	return strlen(ent[k]);
}

static const char *
title_of(const struct alert *a)
{
	return a->title != NULL && a->title[0] != '\0' ? a->title :
	                                                 "(untitled item)";
}

/*
 * "Profile: csdp  Score: 12.5\nTerms: a, b\n" for each matched profile,
 * then the feed, the dates and the message id.  Negative terms are for
 * the review tools, not the reader.
 */
static int
text_meta(struct buf *b, const struct alert_msg *m)
{
	const struct alert *a = &m->v[0];
	char t1[CLOCK_TEXT_LEN], t2[CLOCK_TEXT_LEN];
	int rc = 0;

	for (size_t k = 0; rc == 0 && k < m->n; k++) {
		const struct alert *p = &m->v[k];
		int first = 1;

		rc = buf_printf(b,
		    "%sProfile: %s  Score: %.1f\nTerms: ", k > 0 ? "\n" : "",
		    p->profile != NULL ? p->profile : "", p->score);
		for (size_t i = 0; rc == 0 && i < p->n_terms; i++) {
			if (!render_term_shown(p->terms[i]))
				continue;
			rc = buf_printf(b, "%s%s", first ? "" : ", ",
			    p->terms[i]);
			first = 0;
		}
	}
	if (rc == 0 && a->feed_name != NULL)
		rc = buf_printf(b, "\nFeed: %s", a->feed_name);
	if (rc == 0 && a->feed_url != NULL)
		rc = buf_printf(b, " <%s>", a->feed_url);
	if (rc == 0 && clock_format_ms(a->published_ms, t1) != NULL)
		rc = buf_printf(b, "\nPublished: %s", t1);
	if (rc == 0 && clock_format_ms(a->matched_ms, t2) != NULL)
		rc = buf_printf(b, "\nDetected: %s", t2);
	if (rc == 0)
		rc = buf_printf(b, "\nAlert: %s\n", alert_msg_id(m));
	return rc;
}

/* The plain-text rendering; every field goes through render_text. */
/*
 * "\u201cstatement\u201d \u2014 speaker" between before and after, when a
 * has a statement; esc escapes the quote, esc_speaker the speaker.
 */
static int
statement(struct buf *b, const struct alert *a, const char *before,
    const char *after, render_esc_fn esc, render_esc_fn esc_speaker)
{
	int q = alert_statement_is_quote(a), rc;

	if (a->statement == NULL || a->statement[0] == '\0')
		return 0;
	rc = buf_appends(b, before);
	if (!q && a->speaker != NULL) {
		/* reported speech: "The UK said it would ...", never in
		 * quotation marks, since those are not its words */
		char *words = speech_reported(a->statement);

		rc = words == NULL ? -ENOMEM : rc;
		if (rc == 0)
			rc = render_text(b, a->speaker, 200, esc_speaker);
		if (rc == 0)
			rc = buf_appends(b, " said ");
		if (rc == 0)
			rc = render_text(b, words, 2000, esc);
		free(words);
		return rc == 0 ? buf_appends(b, after) : rc;
	}
	if (rc == 0 && q)
		rc = buf_appends(b, "\xe2\x80\x9c");
	if (rc == 0)
		rc = render_text(b, a->statement, 2000, esc);
	if (rc == 0 && q)
		rc = buf_appends(b, "\xe2\x80\x9d");
	if (rc == 0 && a->speaker != NULL)
		rc = buf_appends(b, " \xe2\x80\x94 ");
	if (rc == 0 && a->speaker != NULL)
		rc = render_text(b, a->speaker, 200, esc_speaker);
	if (rc == 0)
		rc = buf_appends(b, after);
	return rc;
}

static int
text_body(struct buf *b, const struct alert_msg *m, size_t summary_max)
{
	const struct alert *a = &m->v[0];
	struct buf meta;
	int rc = render_text(b, title_of(a), 1000, mail_oneline_esc);

	if (rc == 0 && a->link != NULL) {
		rc = buf_appendc(b, '\n');
		if (rc == 0)
			rc = render_text(b, a->link, 4000, mail_oneline_esc);
	}
	if (rc == 0)
		rc = statement(b, a, "\n\n", "", NULL, mail_oneline_esc);
	if (rc == 0 && a->summary != NULL && a->summary[0] != '\0') {
		rc = buf_appends(b, "\n\n");
		if (rc == 0)
			rc = render_text(b, a->summary, summary_max, NULL);
	}
	buf_init(&meta, 0);
	if (rc == 0)
		rc = text_meta(&meta, m);
	if (rc == 0)
		rc = buf_appends(b, "\n\n");
	if (rc == 0)
		rc = render_text(b, buf_str(&meta), 8000, NULL);
	buf_clear(&meta);
	return rc;
}

/* <h2><a href="link">title</a></h2>; only web URLs become links. */
static int
html_title(struct buf *b, const struct alert *a, const char *tag)
{
	int link = render_is_web_url(a->link);
	int rc = buf_printf(b, "<%s>", tag);

	if (rc == 0 && link) {
		rc = buf_appends(b, "<a href=\"");
		if (rc == 0)
			rc = render_text(b, a->link, 4000, html_esc);
		if (rc == 0)
			rc = buf_appends(b, "\">");
	}
	if (rc == 0)
		rc = render_text(b, title_of(a), 1000, html_esc);
	if (rc == 0)
		rc = buf_printf(b, "%s</%s>\n", link ? "</a>" : "", tag);
	return rc;
}

static int
html_body(struct buf *b, const struct alert_msg *m, size_t summary_max,
    const char *tag)
{
	const struct alert *a = &m->v[0];
	struct buf meta;
	int rc = html_title(b, a, tag);

	if (rc == 0)
		rc = statement(b, a, "<blockquote>", "</blockquote>\n",
		    html_esc, html_esc);
	if (rc == 0 && a->summary != NULL && a->summary[0] != '\0') {
		rc = buf_appends(b, "<p>");
		if (rc == 0)
			rc = render_text(b, a->summary, summary_max, html_esc);
		if (rc == 0)
			rc = buf_appends(b, "</p>\n");
	}
	buf_init(&meta, 0);
	if (rc == 0)
		rc = text_meta(&meta, m);
	if (rc == 0)
		rc = buf_appends(b, "<p style=\"color:#555\">");
	if (rc == 0)
		rc = render_text(b, buf_str(&meta), 8000, html_esc);
	if (rc == 0)
		rc = buf_appends(b, "</p>\n");
	buf_clear(&meta);
	return rc;
}

static const char html_head[] = "<!DOCTYPE html>\n<html><head><meta "
                                "charset=\"utf-8\"></head><body>\n";
static const char html_tail[] = "</body></html>\n";

static int
boundary(struct buf *b, const char *id, size_t n)
{
	int rc = buf_appends(b, "=_ukeuwatch_");

	if (rc == 0)
		rc = mail_put_token(b, id, 60);
	if (rc == 0)
		rc = buf_printf(b, "_%zu", n);
	return rc;
}

/* "csdp, brexit-defence": the message's profiles. */
static int
profile_list(struct buf *b, const struct alert_msg *m)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < m->n; i++)
		rc = buf_printf(b, "%s%s", i > 0 ? ", " : "",
		    m->v[i].profile != NULL ? m->v[i].profile : "");
	return rc;
}

int
mail_message(struct buf *out, const struct target_conf *t,
    const struct alert_msg *m, int64_t now_s, struct errbuf *eb)
{
	struct buf text, html, subject, bnd;
	const struct alert *a;
	struct head h;
	int rc;

	if (m->n == 0)
		return errbuf_set(eb, -EINVAL, "target %s: empty message",
		    t->name);
	a = &m->v[0];
	buf_init(&text, 0);
	buf_init(&html, 0);
	buf_init(&subject, 0);
	buf_init(&bnd, 0);
	rc = text_body(&text, m, MAIL_SUMMARY_MAX);
	if (rc == 0)
		rc = buf_appends(&html, html_head);
	if (rc == 0)
		rc = html_body(&html, m, MAIL_SUMMARY_MAX, "h2");
	if (rc == 0)
		rc = buf_appends(&html, html_tail);
	if (rc == 0)
		rc = buf_appends(&subject, "[");
	if (rc == 0)
		rc = profile_list(&subject, m);
	if (rc == 0)
		rc = buf_printf(&subject, "] %s", title_of(a));
	if (rc == 0)
		rc = boundary(&bnd, alert_msg_id(m), 1);
	if (rc == 0) {
		h = (struct head){ buf_str(&subject), alert_msg_id(m),
			a->profile, buf_str(&bnd), a->feed_url, a->link };
		rc = mail_assemble(out, t, &h, &text, &html, now_s, eb);
	} else {
		rc = errbuf_set(eb, rc, "target %s: out of memory", t->name);
	}
	buf_clear(&text);
	buf_clear(&html);
	buf_clear(&subject);
	buf_clear(&bnd);
	return rc;
}

/* Units of titles named in a digest's subject before "(+N more)". */
#define DIGEST_SUBJECT_TITLES 120

/*
 * "[ukeuwatch] 3 alerts: First title; Second title (+1 more)": the first
 * titles, as many as fit, so a reader sees what is inside without opening
 * it.  *list is the List-Id label: the one profile of every alert, else
 * "digest".
 */
static int
digest_subject(struct buf *b, const struct alert_msg *const *msgs, size_t n,
    const char **list)
{
	size_t i, alerts = 0, start;
	int rc;

	*list = msgs[0]->v[0].profile;
	for (i = 0; i < n; i++)
		for (size_t k = 0; k < msgs[i]->n; k++) {
			const char *p = msgs[i]->v[k].profile;

			alerts++;
			if (*list != NULL && (p == NULL || strcmp(p, *list)))
				*list = "digest";
		}
	rc = buf_printf(b, "[ukeuwatch] %zu alert%s: ", alerts,
	    alerts == 1 ? "" : "s");
	start = b->len;
	for (i = 0; rc == 0 && i < n; i++) {
		const char *title = title_of(&msgs[i]->v[0]);

		if (i > 0 &&
		    render_units(b->data + start, b->len - start) +
		            render_units(title, strlen(title)) >
		        DIGEST_SUBJECT_TITLES)
			break;
		rc = buf_printf(b, "%s%s", i > 0 ? "; " : "", title);
	}
	if (rc == 0 && i < n)
		rc = buf_printf(b, " (+%zu more)", n - i);
	if (*list == NULL)
		*list = "digest";
	return rc;
}

static int
digest_bodies(struct buf *text, struct buf *html,
    const struct alert_msg *const *msgs, size_t n)
{
	size_t i, alerts = 0;
	int rc;

	for (i = 0; i < n; i++)
		alerts += msgs[i]->n;
	rc = buf_printf(text, "%zu alert%s\n", alerts, alerts == 1 ? "" : "s");
	if (rc == 0)
		rc = buf_printf(html, "%s<h2>%zu alert%s</h2>\n", html_head,
		    alerts, alerts == 1 ? "" : "s");
	for (i = 0; rc == 0 && i < n; i++) {
		rc = buf_printf(text, "\n%zu. ", i + 1);
		if (rc == 0)
			rc = text_body(text, msgs[i], DIGEST_SUMMARY);
		if (rc == 0)
			rc = buf_appends(html, i > 0 ? "<hr>\n" : "");
		if (rc == 0)
			rc = html_body(html, msgs[i], DIGEST_SUMMARY, "h3");
	}
	if (rc == 0)
		rc = buf_appends(html, html_tail);
	return rc;
}

static int
by_id(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/*
 * The digest's id: FNV-1a over every alert id of the batch, sorted, so
 * the same set gives the same id in whatever order a retry brings the
 * rows back (issue 20); n is the number of alerts.
 */
static int
digest_id(struct buf *id, const struct alert_msg *const *msgs, size_t n)
{
	uint64_t h = HASH_FNV_BASIS;
	const char **ids;
	size_t k = 0, total = 0;
	int rc;

	for (size_t i = 0; i < n; i++)
		total += msgs[i]->n;
	ids = calloc(total, sizeof(*ids));
	if (ids == NULL)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < msgs[i]->n; j++)
			ids[k++] = msgs[i]->v[j].id != NULL ? msgs[i]->v[j].id :
			                                      "";
	qsort(ids, total, sizeof(*ids), by_id);
	for (k = 0; k < total; k++)
		h = hash_fnv(hash_fnv(h, ids[k], strlen(ids[k])), "\n", 1);
	free(ids);
	rc = buf_printf(id, "digest.%016" PRIx64 ".%zu", h, total);
	return rc;
}

int
mail_digest(struct buf *out, const struct target_conf *t,
    const struct alert_msg *const *msgs, size_t n, int64_t now_s,
    struct errbuf *eb)
{
	struct buf text, html, subject, bnd, id;
	const char *list = NULL;
	struct head h;
	int rc;

	if (n == 0)
		return errbuf_set(eb, -EINVAL, "target %s: empty digest",
		    t->name);
	for (size_t i = 0; i < n; i++)
		if (msgs[i]->n == 0)
			return errbuf_set(eb, -EINVAL,
			    "target %s: empty message in a digest", t->name);
	buf_init(&text, 0);
	buf_init(&html, 0);
	buf_init(&subject, 0);
	buf_init(&bnd, 0);
	buf_init(&id, 0);
	rc = digest_bodies(&text, &html, msgs, n);
	if (rc == 0)
		rc = digest_subject(&subject, msgs, n, &list);
	if (rc == 0)
		rc = digest_id(&id, msgs, n);
	if (rc == 0)
		rc = boundary(&bnd, alert_msg_id(msgs[0]), n);
	if (rc == 0) {
		h = (struct head){ buf_str(&subject), buf_str(&id), list,
			buf_str(&bnd), NULL, NULL };
		rc = mail_assemble(out, t, &h, &text, &html, now_s, eb);
	} else {
		rc = errbuf_set(eb, rc, "target %s: out of memory", t->name);
	}
	buf_clear(&text);
	buf_clear(&html);
	buf_clear(&subject);
	buf_clear(&bnd);
	buf_clear(&id);
	return rc;
}
