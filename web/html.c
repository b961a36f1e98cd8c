/*
 * html.c -- see html.h.
 */
#include "web/html.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

int
html_escn(struct buf *b, const char *s, size_t n)
{
	size_t i, start = 0;
	const char *rep;
	int rc = 0;

	for (i = 0; rc == 0 && i < n; i++) {
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			/* C0 controls other than tab and line ends: XML 1.0
			 * (the Atom feed) forbids them, HTML shows nothing. */
			if ((unsigned char)s[i] >= 0x20 || s[i] == '\t' ||
			    s[i] == '\n' || s[i] == '\r')
				continue;
			rep = "";
			break;
		}
		rc = buf_append(b, s + start, i - start);
		if (rc == 0)
			rc = buf_appends(b, rep);
		start = i + 1;
	}
	if (rc == 0)
		rc = buf_append(b, s + start, n - start);
	return rc;
}

int
html_esc(struct buf *b, const char *s)
{
	return s == NULL ? 0 : html_escn(b, s, strlen(s));
}

int
html_url_ok(const char *url)
{
	size_t skip;

	if (url == NULL)
		return 0;
	if (strncasecmp(url, "http://", 7) == 0)
		skip = 7;
	else if (strncasecmp(url, "https://", 8) == 0)
		skip = 8;
	else
		return 0;
	/* A host must follow: "http:///x" and "https://" are not links. */
	if (url[skip] == '\0' || url[skip] == '/' || url[skip] == '?' ||
	    url[skip] == '#')
		return 0;
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

int
html_link(struct buf *b, const char *url, const char *text)
{
	int rc;

	if (text == NULL || text[0] == '\0')
		text = url;
	if (!html_url_ok(url))
		return html_esc(b, text);
	rc = buf_appends(b, "<a href=\"");
	if (rc == 0)
		rc = html_esc(b, url);
	if (rc == 0)
		rc = buf_appends(b, "\" rel=\"noopener noreferrer\">");
	if (rc == 0)
		rc = html_esc(b, text);
	if (rc == 0)
		rc = buf_appends(b, "</a>");
	return rc;
}

static int
is_word(unsigned char c)
{
	/* Bytes of a multi-byte UTF-8 character count as letters, so a
	 * word never ends inside one. */
	return isalnum(c) || c >= 0x80;
}

/* Length of the marked word at p, or 0 if no term starts it. */
static size_t
term_at(const char *p, char *const *terms, size_t n)
{
	size_t len = 0;

	for (size_t t = 0; t < n; t++) {
		size_t tl = strlen(terms[t]);

		if (tl > 0 && strncasecmp(p, terms[t], tl) == 0) {
			len = tl;
			break;
		}
	}
	if (len == 0)
		return 0;
	while (p[len] != '\0' && is_word((unsigned char)p[len]))
		len++;
	return len;
}

int
html_marked(struct buf *b, const char *text, char *const *terms, size_t n)
{
	size_t i = 0, start = 0, len;
	int rc = 0;

	if (text == NULL)
		return 0;
	while (rc == 0 && text[i] != '\0') {
		if ((i > 0 && is_word((unsigned char)text[i - 1])) ||
		    (len = term_at(text + i, terms, n)) == 0) {
			i++;
			continue;
		}
		rc = html_escn(b, text + start, i - start);
		if (rc == 0)
			rc = buf_appends(b, "<mark>");
		if (rc == 0)
			rc = html_escn(b, text + i, len);
		if (rc == 0)
			rc = buf_appends(b, "</mark>");
		i += len;
		start = i;
	}
	if (rc == 0)
		rc = html_escn(b, text + start, i - start);
	return rc;
}

int
html_urlenc(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	int rc = 0;

	for (; rc == 0 && s != NULL && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) || strchr("-._~", c) != NULL)
			rc = buf_appendc(b, (char)c);
		else
			rc = buf_printf(b, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
	return rc;
}
