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

/* One alert as a message of one (borrowed). */
#define MSG1(a) (&(const struct alert_msg){ (struct alert *)(a), 1 })

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
	a->statement_quoted = 1; /* the statements below are quotes */
}

static json_t *
render(enum target_format f, const struct alert *a)
{
	struct errbuf eb = { 0 };
	json_error_t err;
	struct buf out;
	json_t *j;

	buf_init(&out, 0);
	assert_int_equal(payload_render(f, MSG1(a), &out, &eb), 0);
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

/* sample() and a second profile on the same item: one message. */
static void
sample2(struct alert v[2], const char *summary)
{
	sample(&v[0], summary);
	sample(&v[1], summary);
	assert_int_equal(alert_set(&v[1].id, "d4e5f6"), 0);
	assert_int_equal(alert_set(&v[1].profile, "brexit-defence"), 0);
	v[1].score = 33.0;
	assert_int_equal(alert_add_term(&v[1], "-councils"), 0);
}

static json_t *
render_msg(enum target_format f, struct alert *v, size_t n)
{
	struct alert_msg m = { v, n };
	struct errbuf eb = { 0 };
	struct buf out;
	json_t *j;

	buf_init(&out, 0);
	assert_int_equal(payload_render(f, &m, &out, &eb), 0);
	j = json_loadb(out.data, out.len, 0, NULL);
	assert_non_null(j);
	buf_clear(&out);
	return j;
}

/* A summary of about 1,000 characters whose word ends are known. */
static char *
long_summary(void)
{
	return repeat("Lorem ipsum dolor sit amet, consectetur elit. ", 22);
}

/* The excerpt every chat format shows: at most RENDER_EXCERPT_MAX units,
 * cut after a whole word, ending in the ellipsis. */
static void
assert_excerpt(const char *s, const char *word_before_cut)
{
	char want[64];

	assert_true(units(s) <= RENDER_EXCERPT_MAX);
	assert_true(units(s) >= RENDER_EXCERPT_MAX - 20);
	snprintf(want, sizeof(want), "%s" ELL, word_before_cut);
	assert_true(ends_with(s, want));
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
	assert_int_equal(json_object_size(d), 12);
	assert_true(json_is_true(json_object_get(d, "statement_quoted")));
	assert_string_equal(str_at(d, "id"), "a1b2c3");
	assert_int_equal(json_array_size(json_object_get(d, "profiles")), 1);
	assert_string_equal(str_at(d, "profiles.0.name"), "csdp");
	assert_string_equal(str_at(d, "profiles.0.alert_id"), "a1b2c3");
	assert_true(
	    json_real_value(
	        json_object_get(json_array_get(json_object_get(d, "profiles"),
	                            0),
	            "score")) == 12.5);
	assert_string_equal(str_at(d, "profiles.0.terms.0"), "csdp");
	assert_string_equal(str_at(d, "profiles.0.terms.1"), "mission");
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

/* Issue 16.2: one item matching two profiles is one message, listing both
 * with their scores and terms (negative terms included: the JSON is for
 * tools); the message id is the lead's. */
static void
test_json_two_profiles(void **state)
{
	struct alert v[2];
	json_t *j;

	(void)state;
	sample2(v, "text");
	j = render_msg(TARGET_FORMAT_JSON, v, 2);
	assert_string_equal(str_at(j, "data.id"), "a1b2c3");
	assert_int_equal(json_array_size(
	                     json_object_get(json_object_get(j, "data"),
	                         "profiles")),
	    2);
	assert_string_equal(str_at(j, "data.profiles.0.name"), "csdp");
	assert_string_equal(str_at(j, "data.profiles.1.name"),
	    "brexit-defence");
	assert_string_equal(str_at(j, "data.profiles.1.alert_id"), "d4e5f6");
	assert_string_equal(str_at(j, "data.profiles.1.terms.2"), "-councils");
	json_decref(j);
	alert_clear(&v[0]);
	alert_clear(&v[1]);
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
	    "EU mission *launch* &lt;!channel&gt; (csdp)");
	blocks = json_object_get(j, "blocks");
	assert_int_equal(json_array_size(blocks), 2);
	assert_string_equal(str_at(blocks, "0.type"), "section");
	assert_string_equal(str_at(blocks, "0.text.type"), "mrkdwn");
	assert_string_equal(str_at(blocks, "0.text.text"),
	    "*<https://example.org/a?x=1&amp;y=2|EU mission *launch* "
	    "&lt;!channel&gt;>*\n"
	    "Alert &lt;!channel&gt; &amp; &lt;@U123|boss&gt; "
	    "&lt;https://evil.example|click&gt; *bold* `code`");
	assert_string_equal(str_at(blocks, "1.type"), "context");
	/* Source, published time (Slack's date markup), profiles. */
	assert_string_equal(str_at(blocks, "1.elements.0.text"),
	    "eeas \xc2\xb7 <!date^1700000000^{date_short_pretty} {time}|"
	    "2023-11-14 22:13 UTC> \xc2\xb7 csdp 12.5");
	json_decref(j);

	/* 5,000 '<' make a 300-character excerpt and a quote of 1,000. */
	assert_int_equal(alert_set(&a.summary, big), 0);
	assert_int_equal(alert_set(&a.statement, big), 0);
	j = render(TARGET_FORMAT_SLACK, &a);
	blocks = json_object_get(j, "blocks");
	assert_int_equal(json_array_size(blocks), 3);
	for (i = 0; i < json_array_size(blocks); i++) {
		json_t *b = json_array_get(blocks, i);
		json_t *t = json_object_get(json_object_get(b, "text"), "text");

		if (t != NULL)
			assert_true(units(json_string_value(t)) <= 3000);
	}
	assert_true(
	    ends_with(str_at(blocks, "1.text.text"), ELL "\xe2\x80\x9d"));
	json_decref(j);
	alert_clear(&a);
	free(big);
}

/* Issue 16.3: what a person reads.  A 1,000-character summary becomes an
 * excerpt of about 300 cut at a word; a statement the excerpt already
 * shows is not shown twice; negative terms and term lists are not shown;
 * both profiles are named once. */
static void
test_chat_reads_well(void **state)
{
	char *sum = long_summary();
	struct alert v[2];
	json_t *j, *e;
	char *s;

	(void)state;
	sample2(v, sum);
	assert_int_equal(alert_set(&v[0].statement, "Lorem ipsum dolor"), 0);
	assert_int_equal(alert_set(&v[1].statement, "Lorem ipsum dolor"), 0);

	j = render_msg(TARGET_FORMAT_SLACK, v, 2);
	s = json_dumps(j, 0);
	assert_null(strstr(s, "councils"));
	assert_null(strstr(s, "mission,"));
	free(s);
	assert_int_equal(json_array_size(json_object_get(j, "blocks")), 2);
	s = strchr(str_at(j, "blocks.0.text.text"), '\n');
	assert_non_null(s);
	assert_excerpt(s + 1, "sit");
	assert_string_equal(str_at(j, "text"),
	    "EU mission *launch* &lt;!channel&gt; (csdp, brexit-defence)");
	assert_true(ends_with(str_at(j, "blocks.1.elements.0.text"),
	    "csdp 12.5 \xc2\xb7 brexit-defence 33.0"));
	json_decref(j);

	j = render_msg(TARGET_FORMAT_DISCORD, v, 2);
	assert_null(json_object_get(j, "content"));
	e = json_array_get(json_object_get(j, "embeds"), 0);
	assert_excerpt(str_at(e, "description"), "sit");
	assert_string_equal(str_at(e, "fields.0.name"), "Profiles");
	assert_string_equal(str_at(e, "fields.0.value"),
	    "csdp 12.5 \xc2\xb7 brexit-defence 33.0");
	assert_int_equal(json_array_size(json_object_get(e, "fields")), 1);
	json_decref(j);

	j = render_msg(TARGET_FORMAT_TEAMS, v, 2);
	e = json_object_get(json_array_get(json_object_get(j, "attachments"),
	                        0),
	    "content");
	assert_int_equal(json_array_size(json_object_get(e, "body")), 3);
	assert_string_equal(str_at(e, "body.1.inlines.0.text"),
	    "eeas \xc2\xb7 2023-11-14 22:13 UTC \xc2\xb7 csdp 12.5 \xc2\xb7 "
	    "brexit-defence 33.0");
	assert_excerpt(str_at(e, "body.2.inlines.0.text"), "sit");
	assert_string_equal(str_at(e, "body.0.inlines.0.selectAction.url"),
	    "https://example.org/a?x=1&y=2");
	json_decref(j);

	j = render_msg(TARGET_FORMAT_MATTERMOST, v, 2);
	assert_null(json_object_get(j, "text"));
	e = json_array_get(json_object_get(j, "attachments"), 0);
	assert_null(json_object_get(e, "fields"));
	assert_excerpt(str_at(e, "text"), "sit");
	assert_string_equal(str_at(e, "footer"),
	    "eeas \xc2\xb7 2023-11-14 22:13 UTC \xc2\xb7 csdp 12.5 \xc2\xb7 "
	    "brexit-defence 33.0");
	json_decref(j);

	/* A statement the excerpt does not show is shown once, quoted. */
	assert_int_equal(alert_set(&v[0].statement, "We act"), 0);
	j = render_msg(TARGET_FORMAT_SLACK, v, 2);
	assert_string_equal(str_at(j, "blocks.1.text.text"),
	    "> \xe2\x80\x9cWe act\xe2\x80\x9d");
	json_decref(j);
	alert_clear(&v[0]);
	alert_clear(&v[1]);
	free(sum);
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
	t = strchr(str_at(j, "blocks.0.text.text"), '\n') + 1;
	/* One long word of astral characters: cut inside it, on a whole
	 * character (two units each), within the excerpt's 300. */
	assert_true(units(t) <= RENDER_EXCERPT_MAX);
	assert_true(ends_with(t, "\xf0\x9f\x87\xaa" ELL) ||
	    ends_with(t, "\xf0\x9f\x87\xba" ELL));
	assert_string_equal(str_at(j, "text"),
	    "\xd7\xa9\xd7\x9c\xd7\x95"
	    "\xd7\x9d \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xe2\x80\xae"
	    "evil"
	    "\xe2\x80\xac (csdp)");
	json_decref(j);
	alert_clear(&a);
	free(emoji);
}

static void
test_mattermost(void **state)
{
	char *s;
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
	assert_string_equal(str_at(att, "0.fallback"),
	    "EU mission *launch* <" ZW "!channel> (csdp)");
	json_decref(j);
	alert_clear(&a);
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
	e = json_array_get(json_object_get(j, "embeds"), 0);
	assert_string_equal(str_at(e, "title"),
	    "EU mission \\*launch\\* \\<!channel\\>");
	assert_string_equal(str_at(e, "description"),
	    "\\<@" ZW "everyone\\> @" ZW "here \\*\\*x\\*\\* \\~\\~s\\~\\~ "
	    "\\[l\\]\\(https://evil\\) \\> q\n\n"
	    "> \xe2\x80\x9cWe act\\_now\xe2\x80\x9d \xe2\x80\x94 Kaja "
	    "Kallas");
	assert_string_equal(str_at(e, "url"), "https://example.org/a?x=1&y=2");
	assert_string_equal(str_at(e, "timestamp"), "2023-11-14T22:13:20.000Z");
	assert_string_equal(str_at(e, "fields.0.value"), "csdp 12.5");
	assert_string_equal(str_at(e, "footer.text"), "eeas");
	json_decref(j);

	assert_int_equal(alert_set(&a.summary, big), 0);
	assert_int_equal(alert_set(&a.title, title), 0);
	assert_int_equal(alert_set(&a.link, "javascript:alert(1)"), 0);
	j = render(TARGET_FORMAT_DISCORD, &a);
	e = json_array_get(json_object_get(j, "embeds"), 0);
	assert_true(units(str_at(e, "description")) <= 1400);
	assert_int_equal(units(str_at(e, "title")), 256);
	assert_null(json_object_get(e, "url"));
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
	assert_int_equal(json_array_size(body), 3);
	assert_string_equal(str_at(body, "0.type"), "RichTextBlock");
	assert_string_equal(str_at(body, "0.inlines.0.type"), "TextRun");
	assert_string_equal(str_at(body, "0.inlines.0.text"),
	    "EU mission *launch* <!channel>");
	assert_string_equal(str_at(body, "1.inlines.0.text"),
	    "eeas \xc2\xb7 2023-11-14 22:13 UTC \xc2\xb7 csdp 12.5");
	/* TextRun shows markdown literally, so the text is unchanged. */
	assert_string_equal(str_at(body, "2.inlines.0.text"),
	    "**not bold** [link](https://evil) <at>x</at>");
	assert_string_equal(str_at(c, "actions.0.type"), "Action.OpenUrl");
	assert_string_equal(str_at(c, "actions.0.url"),
	    "https://example.org/a?x=1&y=2");
	json_decref(j);

	assert_int_equal(alert_set(&a.summary, big), 0);
	assert_int_equal(alert_set(&a.statement, big), 0);
	assert_int_equal(alert_set(&a.link, "data:text/html,x"), 0);
	buf_init(&out, 0);
	assert_int_equal(payload_render(TARGET_FORMAT_TEAMS, MSG1(&a), &out,
	                     &eb),
	    0);
	assert_true(out.len < 28000);
	j = json_loadb(out.data, out.len, 0, NULL);
	assert_non_null(j);
	c = json_object_get(json_array_get(json_object_get(j, "attachments"),
	                        0),
	    "content");
	assert_null(json_object_get(c, "actions"));
	assert_true(
	    units(str_at(c, "body.3.inlines.0.text")) <= RENDER_EXCERPT_MAX);
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
	assert_int_equal(payload_render(TARGET_FORMAT_JSON, MSG1(&a), &out,
	                     &eb),
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
		cmocka_unit_test(test_json_two_profiles),
		cmocka_unit_test(test_chat_reads_well),
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
