/*
 * test_mail -- alert mail: a whole message compared byte for byte, RFC 2047
 * subjects decoded back, quoted-printable parts decoded back and checked
 * for line length and 7-bit cleanliness, HTML escaping, and digests.
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

#include "alerts/alert.h"
#include "alerts/mail.h"
#include "daemon/config.h"
#include "lib/buf.h"
#include "lib/errbuf.h"

/* One alert as a message of one (borrowed). */
#define MSG1(a) (&(const struct alert_msg){ (struct alert *)(a), 1 })

/*
 * The expected message for sample(), checked by hand: headers in order,
 * '=' and a leading '.' and "From " encoded, HTML escaped then QP-encoded
 * with a soft break at 76 columns.
 */
static const char golden[] =
    "Date: Tue, 14 Nov 2023 22:15:00 +0000\r\n"
    "From: ukeuwatch <alerts@watch.example>\r\n"
    "To: Ops <ops@example.org>, b@example.net\r\n"
    "Subject: [csdp] EU = mission <b>\r\n"
    "Message-ID: <a1b2c3.mail-ops@watch.example>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/alternative;\r\n"
    " boundary=\"=_ukeuwatch_a1b2c3_1\"\r\n"
    "Auto-Submitted: auto-generated\r\n"
    "Precedence: bulk\r\n"
    "X-Auto-Response-Suppress: All\r\n"
    "List-Id: <csdp.ukeuwatch.watch.example>\r\n"
    "X-RSS-Feed: https://example.org/feed\r\n"
    "X-RSS-URL: https://example.org/a?x=1&y=2\r\n"
    "\r\n"
    "This is a MIME message; it has text and HTML versions.\r\n"
    "\r\n"
    "--=_ukeuwatch_a1b2c3_1\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "EU =3D mission <b>\r\n"
    "https://example.org/a?x=3D1&y=3D2\r\n"
    "\r\n"
    "Line one.\r\n"
    "=2Edot line\r\n"
    "=46rom here on\r\n"
    "\r\n"
    "Profile: csdp  Score: 12.5\r\n"
    "Terms: csdp\r\n"
    "Feed: eeas <https://example.org/feed>\r\n"
    "Published: 2023-11-14T22:13:20.000Z\r\n"
    "Detected: 2023-11-14T22:14:20.250Z\r\n"
    "Alert: a1b2c3\r\n"
    "\r\n"
    "--=_ukeuwatch_a1b2c3_1\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "<!DOCTYPE html>\r\n"
    "<html><head><meta charset=3D\"utf-8\"></head><body>\r\n"
    "<h2><a href=3D\"https://example.org/a?x=3D1&amp;y=3D2\">EU =3D mission "
    "&lt;b&=\r\n"
    "gt;</a></h2>\r\n"
    "<p>Line one.<br>\r\n"
    "=2Edot line<br>\r\n"
    "=46rom here on</p>\r\n"
    "<p style=3D\"color:#555\">Profile: csdp  Score: 12.5<br>\r\n"
    "Terms: csdp<br>\r\n"
    "Feed: eeas &lt;https://example.org/feed&gt;<br>\r\n"
    "Published: 2023-11-14T22:13:20.000Z<br>\r\n"
    "Detected: 2023-11-14T22:14:20.250Z<br>\r\n"
    "Alert: a1b2c3<br>\r\n"
    "</p>\r\n"
    "</body></html>\r\n"
    "\r\n"
    "--=_ukeuwatch_a1b2c3_1--\r\n";

static char to1[] = "Ops <ops@example.org>", to2[] = "b@example.net";
static char *to_list[] = { to1, to2 };

static void
target(struct target_conf *t)
{
	memset(t, 0, sizeof(*t));
	t->name = (char *)"mail-ops";
	t->type = TARGET_TYPE_MAIL;
	t->from = (char *)"ukeuwatch <alerts@watch.example>";
	t->to.v = to_list;
	t->to.n = 2;
}

static void
sample(struct alert *a)
{
	alert_init(a);
	assert_int_equal(alert_set(&a->id, "a1b2c3"), 0);
	assert_int_equal(alert_set(&a->profile, "csdp"), 0);
	assert_int_equal(alert_add_term(a, "csdp"), 0);
	assert_int_equal(alert_set(&a->title, "EU = mission <b>"), 0);
	assert_int_equal(alert_set(&a->link, "https://example.org/a?x=1&y=2"),
	    0);
	assert_int_equal(alert_set(&a->summary,
	                     "Line one.\n.dot line\nFrom here on"),
	    0);
	assert_int_equal(alert_set(&a->feed_name, "eeas"), 0);
	assert_int_equal(alert_set(&a->feed_url, "https://example.org/feed"),
	    0);
	a->score = 12.5;
	a->published_ms = 1700000000000LL;
	a->matched_ms = 1700000060250LL;
	a->statement_quoted = 1; /* the statements below are quotes */
}

static void
test_golden(void **state)
{
	struct target_conf t;
	struct errbuf eb = { 0 };
	struct alert a;
	struct buf out;

	(void)state;
	target(&t);
	sample(&a);
	buf_init(&out, 0);
	assert_int_equal(mail_message(&out, &t, MSG1(&a), 1700000100, &eb), 0);
	assert_string_equal(buf_str(&out), golden);
	buf_clear(&out);
	alert_clear(&a);
}

/* The header's value, unfolded (continuation lines joined). */
static char *
header(const char *msg, const char *name)
{
	size_t n = strlen(name);
	const char *p = msg, *end;
	char *v, *w;

	while (p != NULL && strncmp(p, name, n) != 0)
		p = (p = strstr(p, "\r\n")) != NULL ? p + 2 : NULL;
	if (p == NULL || p[n] != ':')
		return NULL;
	p += n + 2;
	end = p;
	while ((end = strstr(end, "\r\n")) != NULL && end[2] == ' ')
		end += 2;
	v = strndup(p, (size_t)(end - p));
	assert_non_null(v);
	for (w = strstr(v, "\r\n"); w != NULL; w = strstr(v, "\r\n"))
		memmove(w, w + 2, strlen(w + 2) + 1);
	return v;
}

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' :
	    c >= 'A' && c <= 'F'    ? c - 'A' + 10 :
	                              -1;
}

/* Decode "=?UTF-8?Q?...?= =?UTF-8?Q?...?=" (an unfolded value). */
static char *
decode_2047(const char *v)
{
	char *out = malloc(strlen(v) + 1), *o = out;

	assert_non_null(out);
	while (*v != '\0') {
		assert_memory_equal(v, "=?UTF-8?Q?", 10);
		for (v += 10; !(v[0] == '?' && v[1] == '='); v++) {
			assert_true(*v != '\0' && *v != ' ');
			if (*v == '_') {
				*o++ = ' ';
			} else if (*v == '=') {
				*o++ = (char)(hexval(v[1]) * 16 + hexval(v[2]));
				v += 2;
			} else {
				*o++ = *v;
			}
		}
		v += 2;
		while (*v == ' ')
			v++;
	}
	*o = '\0';
	return out;
}

/* Decode a quoted-printable body (CRLF lines, soft breaks) to \n text. */
static char *
decode_qp(const char *s, size_t len)
{
	char *out = malloc(len + 1), *o = out;
	size_t i;

	assert_non_null(out);
	for (i = 0; i < len; i++) {
		if (s[i] == '=' && s[i + 1] == '\r') {
			i += 2;
		} else if (s[i] == '=') {
			assert_true(
			    hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0);
			*o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else if (s[i] == '\r') {
			*o++ = '\n';
			i++;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

/* Part number k (0, 1) of a message with boundary b, decoded. */
static char *
part(const char *msg, const char *b, int k, const char *type)
{
	char delim[128], ctype[128];
	const char *p = msg, *end;
	int i;

	snprintf(delim, sizeof(delim), "\r\n--%s\r\n", b);
	for (i = 0; i <= k; i++) {
		p = strstr(p, delim);
		assert_non_null(p);
		p += strlen(delim);
	}
	snprintf(ctype, sizeof(ctype),
	    "Content-Type: %s; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n",
	    type);
	assert_memory_equal(p, ctype, strlen(ctype));
	p += strlen(ctype);
	end = strstr(p, "\r\n--");
	assert_non_null(end);
	return decode_qp(p, (size_t)(end - p));
}

/* Every line <= 76 (QP, RFC 2047) and only 7-bit bytes. */
static void
assert_7bit(const char *msg)
{
	const char *p = msg, *nl;

	for (; *p != '\0'; p = nl + 2) {
		nl = strstr(p, "\r\n");
		assert_non_null(nl);
		assert_true(nl - p <= 78);
		for (const char *c = p; c < nl; c++)
			assert_true((unsigned char)*c < 0x80 && *c != '\n');
	}
}

static void
test_utf8(void **state)
{
	const char
	    *title = "M\xc3\xbcnchner Sicherheitskonferenz \xe2\x80\x93 "
	             "Kallas warnt vor \xe2\x80\x9e"
	             "Eskalation\xe2\x80\x9c "
	             "\xf0\x9f\x87\xaa\xf0\x9f\x87\xba and more words to "
	             "force several encoded words _?= here";
	const char
	    *summary = "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d <script>alert"
	               "(1)</script> & \"q\" caf\xc3\xa9 trailing space \n"
	               "line 2";
	struct target_conf t;
	struct alert a;
	struct buf out;
	char *subj, *dec, *text, *html, want[512];

	(void)state;
	target(&t);
	sample(&a);
	assert_int_equal(alert_set(&a.title, title), 0);
	assert_int_equal(alert_set(&a.summary, summary), 0);
	assert_int_equal(alert_set(&a.statement, "We act."), 0);
	assert_int_equal(alert_set(&a.speaker, "Kaja Kallas"), 0);
	buf_init(&out, 0);
	assert_int_equal(mail_message(&out, &t, MSG1(&a), 1700000100, NULL), 0);
	assert_7bit(buf_str(&out));
	subj = header(buf_str(&out), "Subject");
	assert_non_null(subj);
	dec = decode_2047(subj);
	snprintf(want, sizeof(want), "[csdp] %s", title);
	assert_string_equal(dec, want);
	assert_non_null(strstr(buf_str(&out), "?=\r\n =?UTF-8?Q?"));
	text = part(buf_str(&out), "=_ukeuwatch_a1b2c3_1", 0, "text/plain");
	snprintf(want, sizeof(want),
	    "%s\nhttps://example.org/a?x=1&y=2\n\n"
	    "\xe2\x80\x9cWe act.\xe2\x80\x9d \xe2\x80\x94 Kaja Kallas\n\n%s\n\n"
	    "Profile: csdp  Score: 12.5\nTerms: csdp\n"
	    "Feed: eeas <https://example.org/feed>\n"
	    "Published: 2023-11-14T22:13:20.000Z\n"
	    "Detected: 2023-11-14T22:14:20.250Z\nAlert: a1b2c3\n",
	    title, summary);
	assert_string_equal(text, want);
	html = part(buf_str(&out), "=_ukeuwatch_a1b2c3_1", 1, "text/html");
	assert_non_null(strstr(html,
	    "<p>\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d "
	    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; "
	    "caf\xc3\xa9 trailing space <br>\nline 2</p>"));
	assert_null(strstr(html, "<script>"));
	assert_non_null(strstr(html, "<blockquote>\xe2\x80\x9cWe act."));
	free(subj);
	free(dec);
	free(text);
	free(html);
	buf_clear(&out);
	alert_clear(&a);
}

/* Issue 20: a retried digest brings the same alerts back in another
 * order (retry jitter); its Message-ID must not change, so a receiver can
 * drop the repeat.  A different set gets a different id. */
static void
test_digest_id_is_the_set(void **state)
{
	struct alert a[4];
	const struct alert_msg m[4] = { { &a[0], 1 }, { &a[1], 1 },
		{ &a[2], 1 }, { &a[3], 1 } };
	const struct alert_msg *one[4] = { &m[0], &m[1], &m[2], &m[3] };
	const struct alert_msg *two[4] = { &m[2], &m[0], &m[3], &m[1] };
	const struct alert_msg *three[3] = { &m[0], &m[1], &m[2] };
	struct target_conf t;
	struct buf b1, b2, b3;
	char *s1, *s2, *s3;

	(void)state;
	target(&t);
	for (int i = 0; i < 4; i++) {
		char id[40];

		sample(&a[i]);
		snprintf(id, sizeof(id), "%032x", 0x13863494 + i * 7919);
		assert_int_equal(alert_set(&a[i].id, id), 0);
	}
	buf_init(&b1, 0);
	buf_init(&b2, 0);
	buf_init(&b3, 0);
	assert_int_equal(mail_digest(&b1, &t, one, 4, 1700000100, NULL), 0);
	assert_int_equal(mail_digest(&b2, &t, two, 4, 1700000160, NULL), 0);
	assert_int_equal(mail_digest(&b3, &t, three, 3, 1700000100, NULL), 0);
	s1 = header(buf_str(&b1), "Message-ID");
	s2 = header(buf_str(&b2), "Message-ID");
	s3 = header(buf_str(&b3), "Message-ID");
	assert_string_equal(s1, s2);
	assert_string_not_equal(s1, s3);
	free(s1);
	free(s2);
	free(s3);
	buf_clear(&b1);
	buf_clear(&b2);
	buf_clear(&b3);
	for (int i = 0; i < 4; i++)
		alert_clear(&a[i]);
}

static void
test_digest(void **state)
{
	struct alert a[3];
	const struct alert_msg m[3] = { { &a[0], 1 }, { &a[1], 1 },
		{ &a[2], 1 } };
	const struct alert_msg *v[3] = { &m[0], &m[1], &m[2] };
	struct target_conf t;
	struct buf out;
	char *s, *text, *html;
	int i;

	(void)state;
	target(&t);
	for (i = 0; i < 3; i++) {
		char id[16], title[32];

		sample(&a[i]);
		snprintf(id, sizeof(id), "id%d", i);
		snprintf(title, sizeof(title), "Item number %d", i);
		assert_int_equal(alert_set(&a[i].id, id), 0);
		assert_int_equal(alert_set(&a[i].title, title), 0);
	}
	assert_int_equal(alert_set(&a[2].profile, "sanctions"), 0);
	buf_init(&out, 0);
	assert_int_equal(mail_digest(&out, &t, v, 3, 1700000100, NULL), 0);
	assert_7bit(buf_str(&out));
	s = header(buf_str(&out), "Subject");
	/* The subject names what is inside, not just how much. */
	assert_string_equal(s,
	    "[ukeuwatch] 3 alerts: Item number 0; Item number 1; Item "
	    "number 2");
	free(s);
	s = header(buf_str(&out), "Message-ID");
	assert_true(strncmp(s, "<digest.", 8) == 0);
	assert_non_null(strstr(s, ".3.mail-ops@watch.example>"));
	free(s);
	s = header(buf_str(&out), "List-Id");
	assert_string_equal(s, "<digest.ukeuwatch.watch.example>");
	free(s);
	assert_null(header(buf_str(&out), "X-RSS-URL"));
	text = part(buf_str(&out), "=_ukeuwatch_id0_3", 0, "text/plain");
	assert_memory_equal(text, "3 alerts\n\n1. Item number 0\n", 27);
	assert_non_null(strstr(text, "\n2. Item number 1\n"));
	assert_non_null(strstr(text, "\n3. Item number 2\n"));
	assert_non_null(strstr(text, "Alert: id2\n"));
	html = part(buf_str(&out), "=_ukeuwatch_id0_3", 1, "text/html");
	assert_non_null(strstr(html, "<h2>3 alerts</h2>"));
	assert_non_null(strstr(html, ">Item number 2</a></h3>"));
	free(text);
	free(html);
	buf_clear(&out);
	for (i = 0; i < 3; i++)
		alert_clear(&a[i]);
}

/*
 * Reported speech is shown as reported speech: "The UK said it would ...",
 * in the text and HTML parts alike, never inside quotation marks, which
 * would put words in the speaker's mouth; the words' sentence-opening
 * capital ("It would ...") goes after "said".
 */
static void
test_reported_speech(void **state)
{
	struct target_conf t;
	struct alert a;
	struct buf out;
	char *text, *html;

	(void)state;
	target(&t);
	sample(&a);
	a.statement_quoted = 0;
	assert_int_equal(alert_set(&a.statement,
	                     "It would coordinate its travel bans with the EU"),
	    0);
	assert_int_equal(alert_set(&a.speaker, "The UK"), 0);
	buf_init(&out, 0);
	assert_int_equal(mail_message(&out, &t, MSG1(&a), 1700000100, NULL), 0);
	text = part(buf_str(&out), "=_ukeuwatch_a1b2c3_1", 0, "text/plain");
	html = part(buf_str(&out), "=_ukeuwatch_a1b2c3_1", 1, "text/html");
	assert_non_null(strstr(text,
	    "The UK said it would coordinate its "
	    "travel bans with the EU"));
	assert_non_null(strstr(html, "The UK said it would coordinate"));
	assert_null(strstr(text, "\xe2\x80\x9c"));
	assert_null(strstr(html, "\xe2\x80\x9c"));
	free(text);
	free(html);
	buf_clear(&out);
	alert_clear(&a);
}

static void
test_bad_addresses(void **state)
{
	static char b1[] = "ok@example.org", b2[] = "Evil\r\nBcc: x@y";
	static char *bad_to[] = { b1, b2 };
	struct errbuf eb = { 0 };
	struct target_conf t;
	struct alert a;
	struct buf out;
	char addr[64];

	(void)state;
	sample(&a);
	buf_init(&out, 0);
	target(&t);
	t.from = (char *)"no-at-sign";
	assert_int_equal(mail_message(&out, &t, MSG1(&a), 0, &eb), -EINVAL);
	assert_string_equal(eb.msg,
	    "target mail-ops: from is not an ASCII "
	    "mailbox");
	target(&t);
	t.to.v = bad_to;
	buf_reset(&out);
	assert_int_equal(mail_message(&out, &t, MSG1(&a), 0, &eb), -EINVAL);
	assert_string_equal(eb.msg,
	    "target mail-ops: recipient 2 is not an "
	    "ASCII mailbox");
	assert_int_equal(mail_addr("A <a@b.c>", addr, sizeof(addr)), 0);
	assert_string_equal(addr, "a@b.c");
	assert_int_equal(mail_addr("a@b.c", addr, sizeof(addr)), 0);
	assert_int_equal(mail_addr("<a@b.c> x", addr, sizeof(addr)), -EINVAL);
	assert_int_equal(mail_addr("a b@c", addr, sizeof(addr)), -EINVAL);
	assert_int_equal(mail_addr("a@b@c", addr, sizeof(addr)), -EINVAL);
	buf_clear(&out);
	alert_clear(&a);
}

/* A long ASCII line is cut with soft breaks that decode back exactly. */
static void
test_qp_long(void **state)
{
	struct target_conf t;
	struct alert a;
	struct buf out;
	char *long_s = malloc(5001), *text, want[6000];

	(void)state;
	assert_non_null(long_s);
	for (int i = 0; i < 5000; i++)
		long_s[i] = "ab=c. "[i % 6];
	long_s[5000] = '\0';
	target(&t);
	sample(&a);
	assert_int_equal(alert_set(&a.summary, long_s), 0);
	buf_init(&out, 0);
	assert_int_equal(mail_message(&out, &t, MSG1(&a), 0, NULL), 0);
	assert_7bit(buf_str(&out));
	text = part(buf_str(&out), "=_ukeuwatch_a1b2c3_1", 0, "text/plain");
	/* 5,000 characters are over the 4,000 cap: cut with an ellipsis. */
	snprintf(want, sizeof(want), "\n\n%.3999s\xe2\x80\xa6\n\n", long_s);
	assert_non_null(strstr(text, want));
	free(text);
	free(long_s);
	buf_clear(&out);
	alert_clear(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_digest),
		cmocka_unit_test(test_digest_id_is_the_set),
		cmocka_unit_test(test_reported_speech),
		cmocka_unit_test(test_bad_addresses),
		cmocka_unit_test(test_qp_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
