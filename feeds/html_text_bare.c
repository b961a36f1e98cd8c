/*
 * html_text_bare.c -- attributes left out of HTML before it is parsed.
 *
 * Plain text needs tag names only, and libxml2's HTML parser checks each
 * attribute of a tag against every earlier one: one escaped tag with 145k
 * attributes in a <description> cost 20 s.  Without attributes the parser's
 * work is linear in the fragment.  A quote opens a value only after '=', as
 * in HTML; a tag that never closes ends the fragment, as it would in the
 * parser.  End tags before anything else are left out too.
 */
#include <stdbool.h>
#include <string.h>

#include "feeds/html_text_impl.h"

static bool
alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
name_char(char c)
{
	return alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' ||
	    c == '_';
}

static bool
white(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Index just past the '>' that ends the tag whose attributes start at i,
 * or n when it never ends. */
static size_t
tag_end(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] != '>') {
		if (s[i++] != '=')
			continue;
		while (i < n && white(s[i]))
			i++;
		if (i < n && (s[i] == '"' || s[i] == '\'')) {
			const char *q = memchr(s + i + 1, s[i], n - i - 1);

			i = q != NULL ? (size_t)(q - s) + 1 : n;
		}
	}
	return i < n ? i + 1 : n;
}

/* Is there anything but white space in s[0..n)? */
static bool
has_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!white(s[i]))
			return true;
	return false;
}

int
html_text_bare(const char *s, size_t n, struct buf *out)
{
	size_t i = 0, run = 0, name;
	const char *end;
	bool begun = false; /* text or a start tag seen */
	int rc = 0;

	while (rc == 0 && i < n) {
		const char *lt = memchr(s + i, '<', n - i);

		if (lt == NULL)
			break;
		begun = begun || has_text(s + i, (size_t)(lt - s) - i);
		i = (size_t)(lt - s) + 1;
		if (n - i >= 3 && memcmp(s + i, "!--", 3) == 0) {
			end = memmem(s + i + 3, n - i - 3, "-->", 3);
			i = end != NULL ? (size_t)(end - s) + 3 : n;
			continue;
		}
		if (i < n && s[i] == '/' && !begun) {
			/* libxml2's push parser gives nothing at all for a
			 * fragment that opens with an end tag ("</h2><h1>") */
			end = memchr(s + i, '>', n - i);
			i = end != NULL ? (size_t)(end - s) + 1 : n;
			rc = buf_append(out, s + run, (size_t)(lt - s) - run);
			run = i;
			continue;
		}
		if (i == n || !alpha(s[i]))
			continue;
		for (name = i; name < n && name_char(s[name]); name++)
			;
		begun = true;
		rc = buf_append(out, s + run, name - run);
		i = tag_end(s, n, name);
		run = i;
		if (rc == 0)
			rc = i > 0 && s[i - 1] == '>' ? buf_appendc(out, '>') :
			                                0;
	}
	return rc < 0 ? rc : buf_append(out, s + run, n - run);
}
