/*
 * test_payload -- every webhook format against hostile feed text: each body
 * is parsed back with jansson and its structure, escaping and field lengths
 * are checked exactly.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "alerts/alert.h"
#include "alerts/payload.h"
#include "alerts/render.h"
#include "lib/buf.h"
#include "lib/errbuf.h"

#define ELL "\xe2\x80\xa6"
#define ZW  "\xe2\x80\x8b"

/* UTF-16 units, counted independently of render_units. */
static size_t
units(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c & 0xc0) != 0x80)
			n++;
		if (c >= 0xf0)
			n++;
	}
	return n;
}

static char *
repeat(const char *unit, size_t times)
{
	size_t len = strlen(unit), i;
	char *s = malloc(len * times + 1);

	assert_non_null(s);
	for (i = 0; i < times; i++)
		memcpy(s + i * len, unit, len);
	s[len * times] = '\0';
	return s;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void
sample(struct alert *a, const char *summary)
{
	alert_init(a);
	assert_int_equal(alert_set(&a->id, "a1b2c3"), 0);
	assert_int_equal(alert_set(&a->profile, "csdp"), 0);
	a->score = 12.5;
	assert_int_equal(alert_add_term(a, "csdp"), 0);
	assert_int_equal(alert_add_term(a, "mission"), 0);
	assert_int_equal(alert_set(&a->title, "EU mission *launch* <!channel>"),
	    0);
	assert_int_equal(alert_set(&a->link, "https://example.org/a?x=1&y=2"),
	    0);
	assert_int_equal(alert_set(&a->summary, summary), 0);
	assert_int_equal(alert_set(&a->feed_name, "eeas"), 0);
	assert_int_equal(alert_set(&a->feed_url, "https://example.org/feed"),
	    0);
	a->published_ms = 1700000000000LL;
	a->fetched_ms = 1700000060000LL;
	a->matched_ms = 1700000060250LL;
}

static json_t *
render(enum target_format f, const struct alert *a)
{
	struct errbuf eb = { 0 };
	json_error_t err;
	struct buf out;
	json_t *j;

	buf_init(&out, 0);
	assert_int_equal(payload_render(f, a, &out, &eb), 0);
	j = json_loadb(out.data, out.len, 0, &err);
	if (j == NULL)
		fail_msg("not JSON: %s", err.text);
	buf_clear(&out);
	return j;
}

static const char *
str_at(json_t *j, const char *path)
{
	json_t *v = j;
	char key[64];
	const char *p = path, *dot;

	while (v != NULL && *p != '\0') {
		size_t n;

		dot = strchr(p, '.');
		n = dot != NULL ? (size_t)(dot - p) : strlen(p);
		memcpy(key, p, n);
		key[n] = '\0';
		if (json_is_array(v))
			v = json_array_get(v, (size_t)atoi(key));
		else
			v = json_object_get(v, key);
		p += n + (dot != NULL);
	}
	if (!json_is_string(v))
		fail_msg("%s is not a string", path);
	return json_string_value(v);
}

static void
test_text_clip(void **state)
{
	char *s = NULL, *a5 = repeat("a", 5),
	     *e3 = repeat("\xf0\x9f\x98\x80", 3);

	(void)state;
	assert_int_equal(render_strdup(&s, a5, 5, NULL), 0);
	assert_string_equal(s, "aaaaa"); /* fits exactly: no ellipsis */
	free(s);
	assert_int_equal(render_strdup(&s, a5, 4, NULL), 0);
	assert_string_equal(s, "aaa" ELL);
	free(s);
	/* An emoji is two units: 5 units hold two and the ellipsis. */
	assert_int_equal(render_strdup(&s, e3, 5, NULL), 0);
	assert_string_equal(s, "\xf0\x9f\x98\x80\xf0\x9f\x98\x80" ELL);
	free(s);
	assert_int_equal(render_strdup(&s, e3, 4, NULL), 0);
	assert_string_equal(s, "\xf0\x9f\x98\x80" ELL);
	free(s);
	/* Bad bytes become U+FFFD, controls other than \n \t go. */
	assert_int_equal(render_strdup(&s,
	                     "a\xff"
	                     "b\x01\x1b[0m\tc\n"
	                     "\xc3\x28\xe2\x82",
	                     100, NULL),
	    0);
	assert_string_equal(s,
	    "a\xef\xbf\xbd"
	    "b[0m\tc\n\xef\xbf\xbd("
	    "\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
	assert_int_equal(render_is_web_url("https://x.org/a"), 1);
	assert_int_equal(render_is_web_url("HTTP://x.org"), 1);
	assert_int_equal(render_is_web_url("javascript:alert(1)"), 0);
	assert_int_equal(render_is_web_url("https://x.org/a b"), 0);
	assert_int_equal(render_is_web_url("https:///x"), 0);
	free(a5);
	free(e3);
}

static void
test_json(void **state)
{
	char *big = repeat("x", 10000);
	struct alert a;
	json_t *j, *d;

	(void)state;
	sample(&a, big);
	assert_int_equal(alert_set(&a.statement, "We will \"act\""), 0);
	j = render(TARGET_FORMAT_JSON, &a);
	assert_string_equal(str_at(j, "type"), "alert.matched");
	assert_string_equal(str_at(j, "timestamp"), "2023-11-14T22:14:20.250Z");
	d = json_object_get(j, "data");
	assert_int_equal(json_object_size(d), 13);
	assert_string_equal(str_at(d, "id"), "a1b2c3");
	assert_string_equal(str_at(d, "profile"), "csdp");
	assert_true(json_real_value(json_object_get(d, "score")) == 12.5);
	assert_string_equal(str_at(d, "terms.0"), "csdp");
	assert_string_equal(str_at(d, "terms.1"), "mission");
	assert_int_equal(json_array_size(json_object_get(d, "terms")), 2);
	assert_string_equal(str_at(d, "title"),
	    "EU mission *launch* <!channel>");
	assert_string_equal(str_at(d, "statement"), "We will \"act\"");
	assert_true(json_is_null(json_object_get(d, "speaker")));
	assert_string_equal(str_at(d, "link"), "https://example.org/a?x=1&y=2");
	assert_int_equal(units(str_at(d, "summary")), ALERT_JSON_SUMMARY_MAX);
	assert_true(ends_with(str_at(d, "summary"), "x" ELL));
	assert_string_equal(str_at(d, "published"), "2023-11-14T22:13:20.000Z");
	assert_string_equal(str_at(d, "feed.name"), "eeas");
	assert_string_equal(str_at(d, "feed.url"), "https://example.org/feed");
	assert_string_equal(str_at(d, "detected_at"),
	    "2023-11-14T22:14:20.250Z");
	assert_string_equal(str_at(d, "latency.fetched"),
	    "2023-11-14T22:14:20.000Z");
	assert_int_equal(json_integer_value(
	                     json_object_get(json_object_get(d, "latency"),
	                         "published_to_matched_ms")),
	    60250);
	assert_int_equal(json_integer_value(
	                     json_object_get(json_object_get(d, "latency"),
	                         "fetched_to_matched_ms")),
	    250);
	json_decref(j);
	/* Unknown times are null, not 1970. */
	a.published_ms = ALERT_TIME_NONE;
	j = render(TARGET_FORMAT_JSON, &a);
	d = json_object_get(j, "data");
	assert_true(json_is_null(json_object_get(d, "published")));
	assert_true(json_is_null(json_object_get(json_object_get(d, "latency"),
	    "published_to_matched_ms")));
	json_decref(j);
	alert_clear(&a);
	free(big);
}

/* No text anywhere in the body can form a Slack/Mattermost mention. */
static void
assert_no_mentions(const char *body)
{
	assert_null(strstr(body, "<!channel>"));
	assert_null(strstr(body, "<!here"));
	assert_null(strstr(body, "<@U"));
	assert_null(strstr(body, "@everyone"));
	assert_null(strstr(body, "@channel"));
	assert_null(strstr(body, "@here"));
}

static void
test_slack(void **state)
{
	struct alert a;
	json_t *j, *blocks;
	char *big = repeat("<", 5000), *s;
	size_t i;

	(void)state;
	sample(&a,
	    "Alert <!channel> & <@U123|boss> <https://evil.example|"
	    "click> *bold* `code`");
	j = render(TARGET_FORMAT_SLACK, &a);
	s = json_dumps(j, 0);
	assert_no_mentions(s);
	free(s);
	assert_string_equal(str_at(j, "text"),
	    "[csdp] EU mission *launch* &lt;!channel&gt;");
	blocks = json_object_get(j, "blocks");
	assert_int_equal(json_array_size(blocks), 3);
	assert_string_equal(str_at(blocks, "0.type"), "section");
	assert_string_equal(str_at(blocks, "0.text.type"), "mrkdwn");
	assert_string_equal(str_at(blocks, "0.text.text"),
	    "*<https://example.org/a?x=1&amp;y=2|EU mission *launch* "
	    "&lt;!channel&gt;>*");
	assert_string_equal(str_at(blocks, "1.text.text"),
	    "Alert &lt;!channel&gt; &amp; &lt;@U123|boss&gt; "
	    "&lt;https://evil.example|click&gt; *bold* `code`");
	assert_string_equal(str_at(blocks, "2.type"), "context");
	assert_string_equal(str_at(blocks, "2.elements.0.text"),
	    "Profile csdp \xc2\xb7 score 12.5 \xc2\xb7 feed eeas \xc2\xb7 "
	    "terms: csdp, mission");
	json_decref(j);

	/* 5,000 '<' escape to 20,000 characters: cut at whole escapes. */
	assert_int_equal(alert_set(&a.summary, big), 0);
	assert_int_equal(alert_set(&a.statement, big), 0);
	j = render(TARGET_FORMAT_SLACK, &a);
	blocks = json_object_get(j, "blocks");
	assert_int_equal(json_array_size(blocks), 4);
	free(big);
	big = repeat("&lt;", 749);
	s = malloc(strlen(big) + 4);
	sprintf(s, "%s" ELL, big);
	assert_string_equal(str_at(blocks, "1.text.text"), s);
	free(s);
	for (i = 0; i < json_array_size(blocks); i++) {
		json_t *b = json_array_get(blocks, i);
		json_t *t = json_object_get(json_object_get(b, "text"), "text");

		if (t != NULL)
			assert_true(units(json_string_value(t)) <= 3000);
	}
	assert_true(
	    ends_with(str_at(blocks, "2.text.text"), ELL "\xe2\x80\x9d"));
	assert_true(units(str_at(blocks, "2.text.text")) <= 3000);
	json_decref(j);
	alert_clear(&a);
	free(big);
}

static void
test_slack_emoji_rtl(void **state)
{
	const char *rtl = "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd8\xb3\xd9\x84"
	                  "\xd8\xa7\xd9\x85 \xe2\x80\xae"
	                  "evil\xe2\x80\xac";
	char *emoji = repeat("\xf0\x9f\x87\xaa\xf0\x9f\x87\xba", 2000);
	struct alert a;
	json_t *j;
	const char *t;

	(void)state;
	sample(&a, emoji);
	assert_int_equal(alert_set(&a.title, rtl), 0);
	j = render(TARGET_FORMAT_SLACK, &a);
	t = str_at(j, "blocks.1.text.text");
	/* Each flag is two astral characters = 4 units: 749 flags and one
	 * half flag (a whole character) fill 2,998, plus the ellipsis. */
	assert_int_equal(units(t), 2999);
	assert_true(ends_with(t, "\xf0\x9f\x87\xaa" ELL));
	assert_string_equal(str_at(j, "text"),
	    "[csdp] \xd7\xa9\xd7\x9c\xd7\x95"
	    "\xd7\x9d \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xe2\x80\xae"
	    "evil"
	    "\xe2\x80\xac");
	json_decref(j);
	alert_clear(&a);
	free(emoji);
}

static void
test_mattermost(void **state)
{
	char *big = repeat("y", 10000), *s;
	struct alert a;
	json_t *j, *att;

	(void)state;
	sample(&a,
	    "Hi @channel and @here, <!channel> <!all> @all "
	    "[x](https://evil) **b** # h");
	j = render(TARGET_FORMAT_MATTERMOST, &a);
	s = json_dumps(j, 0);
	assert_no_mentions(s);
	assert_null(strstr(s, "@all"));
	assert_null(strstr(s, "<!all"));
	free(s);
	assert_null(json_object_get(j, "blocks"));
	assert_string_equal(str_at(j, "username"), "ukeuwatch");
	att = json_object_get(j, "attachments");
	assert_int_equal(json_array_size(att), 1);
	assert_string_equal(str_at(att, "0.text"),
	    "Hi @" ZW "channel and @" ZW "here, &lt;!channel&gt; &lt;!all&gt; "
	    "@" ZW "all \\[x\\]\\(https://evil\\) \\*\\*b\\*\\* \\# h");
	assert_string_equal(str_at(att, "0.title_link"),
	    "https://example.org/a?x=1&y=2");
	assert_string_equal(str_at(att, "0.title"),
	    "EU mission *launch* <" ZW "!channel>");
	assert_string_equal(str_at(att, "0.fields.0.value"), "csdp");
	assert_string_equal(str_at(att, "0.fields.1.value"), "12.5");
	json_decref(j);
	assert_int_equal(alert_set(&a.summary, big), 0);
	j = render(TARGET_FORMAT_MATTERMOST, &a);
	assert_int_equal(units(str_at(j, "attachments.0.text")), 3000);
	assert_true(ends_with(str_at(j, "attachments.0.text"), "y" ELL));
	json_decref(j);
	alert_clear(&a);
	free(big);
}

static void
test_discord(void **state)
{
	char *big = repeat("z", 10000), *title = repeat("T", 400), *s;
	struct alert a;
	json_t *j, *e, *am;

	(void)state;
	sample(&a, "<@everyone> @here **x** ~~s~~ [l](https://evil) > q");
	assert_int_equal(alert_set(&a.speaker, "Kaja Kallas"), 0);
	assert_int_equal(alert_set(&a.statement, "We act_now"), 0);
	j = render(TARGET_FORMAT_DISCORD, &a);
	s = json_dumps(j, 0);
	assert_null(strstr(s, "@everyone"));
	assert_null(strstr(s, "@here"));
	free(s);
	am = json_object_get(json_object_get(j, "allowed_mentions"), "parse");
	assert_true(json_is_array(am));
	assert_int_equal(json_array_size(am), 0);
	assert_string_equal(str_at(j, "content"),
	    "New alert for **csdp** (score 12.5): EU mission \\*launch\\* "
	    "\\<!channel\\>");
	e = json_array_get(json_object_get(j, "embeds"), 0);
	assert_string_equal(str_at(e, "description"),
	    "> \xe2\x80\x9cWe act\\_now\xe2\x80\x9d \xe2\x80\x94 Kaja "
	    "Kallas\n\n"
	    "\\<@" ZW "everyone\\> @" ZW "here \\*\\*x\\*\\* \\~\\~s\\~\\~ "
	    "\\[l\\]\\(https://evil\\) \\> q");
	assert_string_equal(str_at(e, "url"), "https://example.org/a?x=1&y=2");
	assert_string_equal(str_at(e, "timestamp"), "2023-11-14T22:13:20.000Z");
	assert_string_equal(str_at(e, "fields.2.value"), "csdp, mission");
	assert_string_equal(str_at(e, "footer.text"), "eeas");
	json_decref(j);

	assert_int_equal(alert_set(&a.summary, big), 0);
	assert_int_equal(alert_set(&a.title, title), 0);
	assert_int_equal(alert_set(&a.link, "javascript:alert(1)"), 0);
	j = render(TARGET_FORMAT_DISCORD, &a);
	e = json_array_get(json_object_get(j, "embeds"), 0);
	assert_int_equal(units(str_at(e, "description")), 4096);
	assert_true(ends_with(str_at(e, "description"), "z" ELL));
	assert_int_equal(units(str_at(e, "title")), 256);
	assert_null(json_object_get(e, "url"));
	assert_true(units(str_at(j, "content")) <= 2000);
	assert_true(units(str_at(e, "title")) +
	        units(str_at(e, "description")) +
	        units(str_at(e, "footer.text")) +
	        units(str_at(e, "fields.0.value")) +
	        units(str_at(e, "fields.1.value")) +
	        units(str_at(e, "fields.2.value")) + 30 <=
	    6000);
	json_decref(j);
	/* A 10,000-character title: content stops at 2,000 exactly. */
	free(title);
	title = repeat("c", 10000);
	assert_int_equal(alert_set(&a.title, title), 0);
	j = render(TARGET_FORMAT_DISCORD, &a);
	assert_int_equal(units(str_at(j, "content")), 2000);
	json_decref(j);
	alert_clear(&a);
	free(big);
	free(title);
}

static void
test_teams(void **state)
{
	char *big = repeat("\xd8\xb3", 10000);
	struct errbuf eb = { 0 };
	struct alert a;
	struct buf out;
	json_t *j, *att, *c, *body;

	(void)state;
	sample(&a, "**not bold** [link](https://evil) <at>x</at>");
	j = render(TARGET_FORMAT_TEAMS, &a);
	assert_string_equal(str_at(j, "type"), "message");
	att = json_object_get(j, "attachments");
	assert_int_equal(json_array_size(att), 1);
	assert_string_equal(str_at(att, "0.contentType"),
	    "application/vnd.microsoft.card.adaptive");
	assert_true(json_is_null(
	    json_object_get(json_array_get(att, 0), "contentUrl")));
	c = json_object_get(json_array_get(att, 0), "content");
	assert_string_equal(str_at(c, "type"), "AdaptiveCard");
	assert_string_equal(str_at(c, "version"), "1.4");
	assert_string_equal(str_at(c, "$schema"),
	    "http://adaptivecards.io/schemas/adaptive-card.json");
	body = json_object_get(c, "body");
	assert_int_equal(json_array_size(body), 4);
	assert_string_equal(str_at(body, "0.type"), "RichTextBlock");
	assert_string_equal(str_at(body, "0.inlines.0.type"), "TextRun");
	assert_string_equal(str_at(body, "0.inlines.0.text"),
	    "EU mission *launch* <!channel>");
	assert_string_equal(str_at(body, "1.inlines.0.text"),
	    "Profile csdp \xc2\xb7 score 12.5 \xc2\xb7 eeas");
	/* TextRun shows markdown literally, so the text is unchanged. */
	assert_string_equal(str_at(body, "2.inlines.0.text"),
	    "**not bold** [link](https://evil) <at>x</at>");
	assert_string_equal(str_at(body, "3.inlines.0.text"),
	    "Matched terms: csdp, mission");
	assert_string_equal(str_at(c, "actions.0.type"), "Action.OpenUrl");
	assert_string_equal(str_at(c, "actions.0.url"),
	    "https://example.org/a?x=1&y=2");
	json_decref(j);

	assert_int_equal(alert_set(&a.summary, big), 0);
	assert_int_equal(alert_set(&a.statement, big), 0);
	assert_int_equal(alert_set(&a.link, "data:text/html,x"), 0);
	buf_init(&out, 0);
	assert_int_equal(payload_render(TARGET_FORMAT_TEAMS, &a, &out, &eb), 0);
	assert_true(out.len < 28000);
	j = json_loadb(out.data, out.len, 0, NULL);
	assert_non_null(j);
	c = json_object_get(json_array_get(json_object_get(j, "attachments"),
	                        0),
	    "content");
	assert_null(json_object_get(c, "actions"));
	assert_int_equal(units(str_at(c, "body.3.inlines.0.text")), 2000);
	assert_true(ends_with(str_at(c, "body.3.inlines.0.text"), ELL));
	json_decref(j);
	buf_clear(&out);
	alert_clear(&a);
	free(big);
}

/* A buffer cap too small for the body gives -EFBIG and a message. */
static void
test_cap(void **state)
{
	struct errbuf eb = { 0 };
	struct alert a;
	struct buf out;

	(void)state;
	sample(&a, "short");
	buf_init(&out, 100);
	assert_int_equal(payload_render(TARGET_FORMAT_JSON, &a, &out, &eb),
	    -EFBIG);
	assert_string_equal(eb.msg,
	    "json payload: longer than the 100-byte limit");
	buf_clear(&out);
	alert_clear(&a);
}

static void
test_copy(void **state)
{
	struct alert a, b;
	json_t *ja, *jb;

	(void)state;
	sample(&a, "s");
	alert_init(&b);
	assert_int_equal(alert_copy(&b, &a), 0);
	ja = alert_to_json(&a);
	jb = alert_to_json(&b);
	assert_true(json_equal(ja, jb));
	assert_ptr_not_equal(a.terms[0], b.terms[0]);
	json_decref(ja);
	json_decref(jb);
	alert_clear(&a);
	alert_clear(&b);
	assert_null(b.id);
	assert_int_equal(b.n_terms, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_clip),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_slack),
		cmocka_unit_test(test_slack_emoji_rtl),
		cmocka_unit_test(test_mattermost),
		cmocka_unit_test(test_discord),
		cmocka_unit_test(test_teams),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_copy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
