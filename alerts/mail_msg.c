/*
 * mail_msg.c -- alert mail headers and encodings (see mail.h); no I/O.
 *
 * Everything is 7-bit: header text that is not printable ASCII becomes
 * RFC 2047 Q encoded-words, bodies are quoted-printable.  The MIME boundary
 * starts with "=_", which quoted-printable output can never contain ("="
 * there is always followed by two hex digits or a line break), so no body
 * text can end a part early.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alerts/mail.h"
#include "alerts/mail_impl.h"
#include "alerts/render.h"
#include "lib/conf.h"

#define LINE_MAX_QP 76
#define FOLD_AT     78
#define EW_PAYLOAD  54 /* "=?UTF-8?Q?" + 54 + "?=" = 66, fits any line */
#define SUBJECT_MAX 200

static const char hex[] = "0123456789ABCDEF";

int
mail_addr(const char *mailbox, char *out, size_t size)
{
	const char *lt = strrchr(mailbox, '<'), *p, *end;
	size_t n, at = 0;

	if (lt != NULL) {
		p = lt + 1;
		end = strchr(p, '>');
		if (end == NULL || end[1] != '\0')
			return -EINVAL;
	} else {
		p = mailbox;
		end = p + strlen(p);
	}
	n = (size_t)(end - p);
	if (n == 0 || n >= size)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c <= 0x20 || c >= 0x7f || strchr("<>\"(),;\\[]", c))
			return -EINVAL;
		if (c == '@')
			at++;
	}
	if (at != 1 || p[0] == '@' || p[n - 1] == '@')
		return -EINVAL;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

/* A header value given by the config: printable ASCII on one line. */
static int
plain_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* Letters, digits, '-' and '.' survive; anything else becomes '-'. */
int
mail_put_token(struct buf *b, const char *s, size_t max)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && s != NULL && s[i] != '\0' && i < max; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		        (c >= '0' && c <= '9') || c == '-' || c == '.'))
			c = '-';
		rc = buf_appendc(b, c);
	}
	return rc;
}

/* RFC 5322 date in UTC, with C-locale names whatever the locale. */
static int
put_date(struct buf *b, int64_t now_s)
{
	static const char days[][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
		"Fri", "Sat" };
	static const char months[][4] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t t = (time_t)now_s;
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		return -EINVAL;
	return buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000" CRLF,
	    days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Header text on one line: newlines and tabs become spaces. */
size_t
mail_oneline_esc(const char *cp, size_t n, int line_start, char *rep)
{
	(void)n;
	(void)line_start;
	if (cp[0] == '\n' || cp[0] == '\t') {
		rep[0] = ' ';
		return 1;
	}
	return 0;
}

static size_t
utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
}

/*
 * Subject as encoded-words, each holding whole characters (RFC 2047 6.3
 * forbids splitting one), folded one word per line.
 */
static int
put_encoded(struct buf *b, const char *s)
{
	size_t i = 0, used = 0, n, k;
	int rc = buf_appends(b, "=?UTF-8?Q?");

	while (rc == 0 && s[i] != '\0') {
		unsigned char c = (unsigned char)s[i];
		char enc[16];
		size_t elen = 0;

		n = utf8_len(c);
		for (k = 0; k < n && s[i + k] != '\0'; k++) {
			unsigned char d = (unsigned char)s[i + k];

			if (d == ' ') {
				enc[elen++] = '_';
			} else if ((d >= 'a' && d <= 'z') ||
			    (d >= 'A' && d <= 'Z') || (d >= '0' && d <= '9') ||
			    strchr("!*+-/", d) != NULL) {
				enc[elen++] = (char)d;
			} else {
				enc[elen++] = '=';
				enc[elen++] = hex[d >> 4];
				enc[elen++] = hex[d & 15];
			}
		}
		if (used + elen > EW_PAYLOAD) {
			rc = buf_appends(b, "?=" CRLF " =?UTF-8?Q?");
			used = 0;
		}
		if (rc == 0)
			rc = buf_append(b, enc, elen);
		used += elen;
		i += k;
	}
	return rc == 0 ? buf_appends(b, "?=" CRLF) : rc;
}

/* Plain ASCII subject, folded at spaces so lines stay near 78. */
static int
put_folded(struct buf *b, const char *s, size_t col)
{
	const char *sp;
	size_t n;
	int rc = 0;

	while (rc == 0 && *s != '\0') {
		sp = strchr(s + 1, ' ');
		n = sp != NULL ? (size_t)(sp - s) : strlen(s);
		if (col > 1 && col + n > FOLD_AT && *s == ' ') {
			rc = buf_appends(b, CRLF);
			col = 0;
		}
		if (rc == 0)
			rc = buf_append(b, s, n);
		col += n;
		s += n;
	}
	return rc == 0 ? buf_appends(b, CRLF) : rc;
}

static int
put_subject(struct buf *b, const char *text)
{
	char *s = NULL;
	int rc = render_strdup(&s, text, SUBJECT_MAX, mail_oneline_esc);

	if (rc == 0)
		rc = buf_appends(b, "Subject: ");
	if (rc == 0)
		rc = plain_ascii(s) && strstr(s, "=?") == NULL ?
		    put_folded(b, s, 9) :
		    put_encoded(b, s);
	free(s);
	return rc;
}

/* From and To come from the config, so they must be mailboxes. */
static int
put_addresses(struct buf *b, const struct target_conf *t, struct errbuf *eb)
{
	char addr[320];
	size_t i, col;
	int rc;

	if (t->from == NULL || !plain_ascii(t->from) ||
	    mail_addr(t->from, addr, sizeof(addr)) < 0)
		return errbuf_set(eb, -EINVAL,
		    "target %s: from is not an ASCII mailbox", t->name);
	if (t->to.n == 0)
		return errbuf_set(eb, -EINVAL, "target %s: no recipients",
		    t->name);
	rc = buf_printf(b, "From: %s" CRLF "To: ", t->from);
	col = 4;
	for (i = 0; rc == 0 && i < t->to.n; i++) {
		const char *to = t->to.v[i];

		if (!plain_ascii(to) || mail_addr(to, addr, sizeof(addr)) < 0)
			return errbuf_set(eb, -EINVAL,
			    "target %s: recipient %zu is not an ASCII mailbox",
			    t->name, i + 1);
		if (i > 0) {
			rc = buf_appends(b,
			    col + strlen(to) + 2 > FOLD_AT ? "," CRLF " " :
			                                     ", ");
			col = col + strlen(to) + 2 > FOLD_AT ? 1 : col + 2;
		}
		if (rc == 0)
			rc = buf_appends(b, to);
		col += strlen(to);
	}
	return rc == 0 ? buf_appends(b, CRLF) : rc;
}

/* The part of the From address after the @, for ids. */
static const char *
domain_of(const struct target_conf *t, char *addr, size_t size)
{
	if (t->from == NULL || mail_addr(t->from, addr, size) < 0)
		return "localhost";
	return strchr(addr, '@') + 1;
}

/* An optional X- header carrying a URL; left out when it is not safe. */
static int
put_url_header(struct buf *b, const char *name, const char *url)
{
	if (url == NULL || !plain_ascii(url) || strlen(url) > 900)
		return 0;
	return buf_printf(b, "%s: %s" CRLF, name, url);
}

static int
put_headers(struct buf *b, const struct target_conf *t, const struct head *h,
    int64_t now_s, struct errbuf *eb)
{
	char addr[320];
	const char *dom = domain_of(t, addr, sizeof(addr));
	int rc = put_date(b, now_s);

	if (rc == 0)
		rc = put_addresses(b, t, eb);
	if (rc == -EINVAL)
		return rc;
	if (rc == 0)
		rc = put_subject(b, h->subject);
	if (rc == 0)
		rc = buf_appends(b, "Message-ID: <");
	if (rc == 0)
		rc = mail_put_token(b, h->id, 200);
	if (rc == 0)
		rc = buf_appendc(b, '.');
	if (rc == 0)
		rc = mail_put_token(b, t->name, 100);
	if (rc == 0)
		rc = buf_printf(b,
		    "@%s>" CRLF "MIME-Version: 1.0" CRLF
		    "Content-Type: multipart/alternative;" CRLF
		    " boundary=\"%s\"" CRLF
		    "Auto-Submitted: auto-generated" CRLF
		    "Precedence: bulk" CRLF "X-Auto-Response-Suppress: All" CRLF
		    "List-Id: <",
		    dom, h->boundary);
	if (rc == 0)
		rc = mail_put_token(b, h->list, 100);
	if (rc == 0)
		rc = buf_printf(b, ".ukeuwatch.%s>" CRLF, dom);
	if (rc == 0)
		rc = put_url_header(b, "X-RSS-Feed", h->feed_url);
	if (rc == 0)
		rc = put_url_header(b, "X-RSS-URL", h->link);
	return rc;
}

/*
 * Quoted-printable (RFC 2045 6.7) of UTF-8 text with \n line ends: hard
 * breaks become CRLF, lines are cut with soft breaks at 76, and "=", bytes
 * outside printable ASCII, white space before a break, and a leading "."
 * or "From " (which some relays mangle) are encoded.
 */
static int
put_qp(struct buf *b, const char *s)
{
	size_t col = 0, i;
	int rc = 0;

	for (i = 0; rc == 0 && s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];
		char enc[3];
		size_t n = 1;
		int eol = s[i + 1] == '\n' || s[i + 1] == '\0';

		if (c == '\n') {
			rc = buf_appends(b, CRLF);
			col = 0;
			continue;
		}
		enc[0] = (char)c;
		if (c == '=' || c > 0x7e || (c < 0x20 && c != '\t') ||
		    ((c == ' ' || c == '\t') && eol) ||
		    (col == 0 &&
		        (c == '.' || strncmp(s + i, "From ", 5) == 0))) {
			enc[0] = '=';
			enc[1] = hex[c >> 4];
			enc[2] = hex[c & 15];
			n = 3;
		}
		/* Room for a soft break "=" unless this ends the line. */
		if (col + n > LINE_MAX_QP - (eol ? 0 : 1)) {
			rc = buf_appends(b, "=" CRLF);
			col = 0;
			if (rc == 0 && n == 1 && (c == '.' || c == 'F')) {
				i--; /* re-examine it at the start of a line */
				continue;
			}
		}
		if (rc == 0)
			rc = buf_append(b, enc, n);
		col += n;
	}
	return rc;
}

/* One MIME part: headers, then text as quoted-printable. */
static int
put_part(struct buf *b, const char *boundary, const char *type,
    const struct buf *text)
{
	int rc = buf_printf(b,
	    CRLF "--%s" CRLF "Content-Type: %s; charset=utf-8" CRLF
	         "Content-Transfer-Encoding: quoted-printable" CRLF CRLF,
	    boundary, type);

	if (rc == 0)
		rc = put_qp(b, buf_str(text));
	return rc;
}

/* Headers, both parts, the closing boundary. */
int
mail_assemble(struct buf *out, const struct target_conf *t,
    const struct head *h, const struct buf *text, const struct buf *html,
    int64_t now_s, struct errbuf *eb)
{
	int rc = put_headers(out, t, h, now_s, eb);

	if (rc == -EINVAL)
		return rc;
	if (rc == 0)
		rc = buf_appends(out,
		    CRLF "This is a MIME message; it has "
		         "text and HTML versions." CRLF);
	if (rc == 0)
		rc = put_part(out, h->boundary, "text/plain", text);
	if (rc == 0)
		rc = put_part(out, h->boundary, "text/html", html);
	if (rc == 0)
		rc = buf_printf(out, CRLF "--%s--" CRLF, h->boundary);
	if (rc < 0)
		return errbuf_set(eb, rc, "target %s: building the mail: %s",
		    t->name, rc == -EFBIG ? "too large" : "out of memory");
	return 0;
}
