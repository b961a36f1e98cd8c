/*
 * feed_parse_fix.c -- a streaming pass over the XML bytes before libxml2
 * sees them, repairing what would otherwise cost a whole document.
 *
 * A bare '&' (an unescaped query string in a <link>, "R&D" in a title) is a
 * well-formedness error, and libxml2 2.9 in recover mode drops every entity
 * reference after its first error: one "?a=1&b=2" turned "UK&amp;EU" in
 * every later item into "UKEU".  So an '&' that does not start a reference
 * libxml2 will resolve (the five predefined names, the HTML names
 * feed_parse_sax.c supplies, or a character reference to a character XML
 * allows) is written as "&amp;", and a '<' that cannot start markup as
 * "&lt;".
 *
 * libxml2's duplicate-attribute check is quadratic in the attributes of one
 * start tag (768k attributes on one <enclosure> held the loop for four
 * minutes).  No feed element needs many: after FP_MAX_ATTRS, the rest of the
 * tag is dropped up to its '>'.
 *
 * fp_truncate, at the end, is the same idea for text: a field over
 * max_field keeps its start, marked, instead of failing the document.
 *
 * Comments, CDATA sections, processing instructions and the DOCTYPE pass
 * unchanged.  The state survives chunk boundaries: a reference cut by one
 * waits in pend for the next chunk.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feeds/feed_parse_impl.h"
#include "feeds/html_text.h"

#define MAX_REF 40 /* bytes of "&name;" held back; longer is not a ref */

enum fix_state {
	X_TEXT,
	X_LT,      /* after '<' in text, deciding */
	X_BANG,    /* after "<!" */
	X_COMMENT, /* inside <!-- -->; run counts '-' */
	X_CDATA,   /* inside <![CDATA[ ]]>; run counts ']' */
	X_PI,      /* inside <? ?> */
	X_DECL,    /* <!DOCTYPE ...>; depth counts '[' */
	X_ENDTAG,
	X_TAG,      /* a start tag, between attributes */
	X_ATTR,     /* an attribute's name or unquoted value */
	X_VALUE,    /* a quoted value; quote says which */
	X_DROP,     /* past FP_MAX_ATTRS: skipping to '>' */
	X_DROP_VAL, /* a quoted value being skipped */
};

struct fp_fix {
	enum fix_state st, ref_from; /* ref_from: where a held '&' came from */
	char pend[MAX_REF + 1];      /* "&..." waiting for its ';' */
	size_t npend;
	unsigned attrs; /* attributes of the current start tag */
	unsigned run;   /* X_COMMENT '-', X_CDATA ']', X_PI '?', X_BANG n */
	unsigned depth; /* X_DECL '[' nesting */
	char quote;
	char last; /* last non-space byte in a tag: '/' before '>' */
	size_t repaired, dropped;
};

int
fp_fix_new(struct fp_fix **out)
{
	*out = calloc(1, sizeof(**out));
	return *out != NULL ? 0 : -ENOMEM;
}

void
fp_fix_free(struct fp_fix *x)
{
	free(x);
}

size_t
fp_fix_repaired(const struct fp_fix *x)
{
	return x != NULL ? x->repaired : 0;
}

size_t
fp_fix_dropped(const struct fp_fix *x)
{
	return x != NULL ? x->dropped : 0;
}

static bool
name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == ':' || c == '-' ||
	    c == '.' || c >= 0x80;
}

static bool
name_start(unsigned char c)
{
	return name_char(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.';
}

static bool
xml_char(unsigned long cp)
{
	return cp == 0x9 || cp == 0xa || cp == 0xd ||
	    (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
	    (cp >= 0x10000 && cp <= 0x10ffff);
}

/* pend is "&...;": will libxml2 resolve it without an error? */
static bool
ref_ok(const struct fp_fix *x)
{
	char name[MAX_REF + 1];
	size_t n = x->npend - 2; /* between '&' and ';' */
	unsigned long cp = 0;
	const char *s = x->pend + 1;
	size_t i = 0;
	bool hex;

	if (n == 0)
		return false;
	if (s[0] == '#') {
		hex = n > 1 && s[1] == 'x';
		i = hex ? 2 : 1;
		if (i == n)
			return false;
		for (; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			unsigned d = c >= '0' && c <= '9' ? c - '0' :
			    hex && c >= 'a' && c <= 'f'   ? c - 'a' + 10 :
			    hex && c >= 'A' && c <= 'F'   ? c - 'A' + 10 :
			                                    99;

			if (d == 99 || cp > 0x10ffff)
				return false;
			cp = cp * (hex ? 16 : 10) + d;
		}
		return xml_char(cp);
	}
	memcpy(name, s, n);
	name[n] = '\0';
	return strcmp(name, "amp") == 0 || strcmp(name, "lt") == 0 ||
	    strcmp(name, "gt") == 0 || strcmp(name, "quot") == 0 ||
	    strcmp(name, "apos") == 0 || html_text_entity(name) > 0;
}

/* Could pend, plus more bytes, still become a reference? */
static bool
ref_may_grow(const struct fp_fix *x, unsigned char c)
{
	if (x->npend >= MAX_REF)
		return false;
	if (x->npend == 1)
		return c == '#' || name_start(c);
	if (x->pend[1] == '#')
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		    (c >= 'A' && c <= 'F') || (x->npend == 2 && c == 'x');
	return name_char(c);
}

static int
flush_pend(struct fp_fix *x, struct buf *out, bool ok)
{
	int rc = 0;

	if (x->npend == 0)
		return 0;
	if (!ok) {
		x->repaired++;
		rc = buf_appends(out, "&amp;");
		if (rc == 0)
			rc = buf_append(out, x->pend + 1, x->npend - 1);
	} else {
		rc = buf_append(out, x->pend, x->npend);
	}
	x->npend = 0;
	x->st = x->ref_from;
	return rc;
}

/* One byte while a reference is held; *done when c was consumed. */
static int
ref_byte(struct fp_fix *x, unsigned char c, struct buf *out, bool *done)
{
	*done = true;
	if (c == ';' && x->npend > 1) {
		x->pend[x->npend++] = ';';
		return flush_pend(x, out, ref_ok(x));
	}
	if (ref_may_grow(x, c)) {
		x->pend[x->npend++] = (char)c;
		return 0;
	}
	*done = false;
	return flush_pend(x, out, false);
}

/* After '<' in text: markup, or a '<' that must be text (1). */
static int
lt_byte(struct fp_fix *x, unsigned char c, struct buf *out)
{
	x->run = 0;
	if (c == '!')
		x->st = X_BANG;
	else if (c == '?')
		x->st = X_PI;
	else if (c == '/')
		x->st = X_ENDTAG;
	else if (name_start(c)) {
		/* the element name is read as X_ATTR, and not counted */
		x->st = X_ATTR;
		x->attrs = 0;
		x->last = (char)c;
	} else {
		/* c is text, read again by the caller */
		x->repaired++;
		x->st = X_TEXT;
		return buf_appends(out, "&lt;") < 0 ? -ENOMEM : 1;
	}
	return buf_append(out, (const char[]){ '<', (char)c }, 2);
}

/* Markup that passes unchanged: comments, CDATA, PIs, the DOCTYPE. */
static void
opaque_byte(struct fp_fix *x, unsigned char c)
{
	switch (x->st) {
	case X_BANG:
		if (x->run == 0 && c == '-')
			x->run = 1;
		else if (x->run == 1 && c == '-')
			x->st = X_COMMENT, x->run = 0;
		else if (x->run == 0 && c == '[')
			x->st = X_CDATA, x->run = 0;
		else
			x->st = X_DECL, x->depth = 0, x->quote = 0;
		if (x->st == X_DECL && c == '>')
			x->st = X_TEXT;
		return;
	case X_COMMENT:
		if (c == '>' && x->run >= 2)
			x->st = X_TEXT;
		x->run = c == '-' ? x->run + 1 : 0;
		return;
	case X_CDATA:
		if (c == '>' && x->run >= 2)
			x->st = X_TEXT;
		x->run = c == ']' ? x->run + 1 : 0;
		return;
	case X_PI:
		if (c == '>' && x->run > 0)
			x->st = X_TEXT;
		x->run = c == '?';
		return;
	case X_DECL:
		if (x->quote != 0)
			x->quote = c == (unsigned char)x->quote ? 0 : x->quote;
		else if (c == '"' || c == '\'')
			x->quote = (char)c;
		else if (c == '[')
			x->depth++;
		else if (c == ']' && x->depth > 0)
			x->depth--;
		else if (c == '>' && x->depth == 0)
			x->st = X_TEXT;
		return;
	case X_ENDTAG:
		if (c == '>')
			x->st = X_TEXT;
		return;
	default:
		return;
	}
}

static bool
space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A byte of a start tag; *emit says whether c goes out as it is. */
static void
tag_byte(struct fp_fix *x, unsigned char c, bool *emit)
{
	*emit = true;
	switch (x->st) {
	case X_ATTR:
		if (c == '=')
			x->st = X_TAG;
		else if (space(c) || c == '/')
			x->st = X_TAG;
		else if (c == '>')
			x->st = X_TEXT;
		break;
	case X_TAG:
		if (c == '"' || c == '\'') {
			x->quote = (char)c;
			x->st = X_VALUE;
		} else if (c == '>') {
			x->st = X_TEXT;
		} else if (!space(c) && c != '/' && c != '=') {
			if (x->last != '=' && ++x->attrs > FP_MAX_ATTRS) {
				x->st = X_DROP;
				x->dropped++;
				*emit = false;
				return;
			}
			x->st = X_ATTR;
		}
		break;
	case X_DROP:
		*emit = false;
		if (c == '"' || c == '\'') {
			x->quote = (char)c;
			x->st = X_DROP_VAL;
		} else if (c == '>') {
			x->st = X_TEXT;
		}
		break;
	case X_DROP_VAL:
		*emit = false;
		if (c == (unsigned char)x->quote)
			x->st = X_DROP;
		return;
	default:
		break;
	}
	if (!space(c))
		x->last = (char)c;
}

/* The end of a dropped tag: "/>" when the tag closed itself. */
static int
drop_end(struct fp_fix *x, struct buf *out)
{
	int rc = x->last == '/' ? buf_appends(out, "/>") :
	                          buf_appendc(out, '>');

	x->last = '>';
	return rc;
}

static int
fix_byte(struct fp_fix *x, unsigned char c, struct buf *out)
{
	bool done, emit;
	int rc;

	if (x->npend > 0) {
		rc = ref_byte(x, c, out, &done);
		if (rc < 0 || done)
			return rc;
	}
	switch (x->st) {
	case X_TEXT:
		if (c == '<') {
			x->st = X_LT;
			return 0;
		}
		break;
	case X_LT:
		rc = lt_byte(x, c, out);
		if (rc != 1)
			return rc;
		if (c == '<') {
			x->st = X_LT;
			return 0;
		}
		break;
	case X_VALUE:
		if (c == (unsigned char)x->quote) {
			x->st = X_TAG;
			x->last = (char)c;
		} else if (c == '<') {
			x->repaired++;
			return buf_appends(out, "&lt;");
		}
		break;
	case X_TAG:
	case X_ATTR:
	case X_DROP:
	case X_DROP_VAL:
		if (x->st == X_DROP && c == '>') {
			x->st = X_TEXT;
			return drop_end(x, out);
		}
		tag_byte(x, c, &emit);
		return emit ? buf_appendc(out, (char)c) : 0;
	default:
		opaque_byte(x, c);
		return buf_appendc(out, (char)c);
	}
	if (c == '&') {
		x->ref_from = x->st;
		x->pend[0] = '&';
		x->npend = 1;
		return 0;
	}
	return buf_appendc(out, (char)c);
}

/* Bytes from s that pass unchanged in x's state, at once: plain text,
 * quoted values, CDATA (the bulk of a feed).  0 when s[0] needs a look. */
static size_t
plain_run(const struct fp_fix *x, const char *s, size_t n)
{
	size_t j = 0;

	if (x->npend > 0)
		return 0;
	if (x->st == X_TEXT)
		while (j < n && s[j] != '&' && s[j] != '<')
			j++;
	else if (x->st == X_VALUE)
		while (j < n && s[j] != '&' && s[j] != '<' && s[j] != x->quote)
			j++;
	else if (x->st == X_CDATA && x->run == 0)
		while (j < n && s[j] != ']')
			j++;
	return j;
}

int
fp_fix_run(struct fp_fix *x, const char *s, size_t n, bool final,
    struct buf *out)
{
	size_t run;
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		run = plain_run(x, s + i, n - i);
		if (run > 0) {
			rc = buf_append(out, s + i, run);
			i += run - 1;
			continue;
		}
		rc = fix_byte(x, (unsigned char)s[i], out);
	}
	if (rc == 0 && final) {
		rc = flush_pend(x, out, false);
		if (rc == 0 && x->st == X_LT)
			rc = buf_appends(out, "&lt;");
	}
	return rc;
}

/* Room kept in a field's buffers for the mark of a truncated field. */
#define TRUNC_ROOM 8

/*
 * The captured field outgrew max_field: keep what fits (to a character
 * boundary, leaving room for the mark), ignore the rest of it, and go on
 * with the document.  One huge description must not cost its neighbours.
 */
int
fp_truncate(struct feed_parser *p, const char *s, size_t n)
{
	struct buf *r = &p->raw;
	size_t mf = p->opts.max_field, take;
	size_t cap = mf > 2 * TRUNC_ROOM ? mf - TRUNC_ROOM : mf / 2;

	if (r->len < cap && p->kind != KIND_XHTML) {
		take = n < cap - r->len ? n : cap - r->len;
		while (take > 0 && take < n &&
		    ((unsigned char)s[take] & 0xc0) == 0x80)
			take--;
		(void)buf_append_some(r, s, take);
	}
	if (r->len > cap) {
		r->len = cap;
		while (r->len > 0 &&
		    ((unsigned char)r->data[r->len] & 0xc0) == 0x80)
			r->len--;
		r->data[r->len] = '\0';
	}
	p->truncated = true;
	p->n_truncated++;
	return 0;
}
