/*
 * html_text.c -- see html_text.h.
 *
 * The parser runs in push mode over the whole fragment with SAX callbacks
 * only: no tree.  HTML_PARSE_IGNORE_ENC stops a <meta charset> inside feed
 * content from re-decoding text that is UTF-8 already.
 */
#include "feeds/html_text.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "daemon/buf.h"

enum {
	PEND_NONE,
	PEND_SPACE,
	PEND_BREAK
};

struct writer {
	struct buf *out;
	size_t start; /* out->len when this text began */
	int pending;  /* white space seen but not yet written */
	int skip;     /* depth inside script/style/template */
	int rc;       /* first error */
};

static const char *const block_tags[] = { "address", "article", "aside",
	"blockquote", "br", "caption", "center", "dd", "details", "div", "dl",
	"dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
	"h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
	"pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
	"thead", "title", "tr", "ul", NULL };

static bool
in_list(const char *const *l, const char *name)
{
	for (; *l != NULL; l++)
		if (strcmp(*l, name) == 0)
			return true;
	return false;
}

static bool
is_dropped(const char *name)
{
	return strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
	    strcmp(name, "template") == 0;
}

/* Bytes of the Unicode white space at s (n available), or 0. */
static size_t
space_len(const unsigned char *s, size_t n)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' ||
	    *s == '\v')
		return 1;
	if (*s < 0xc2 || n < 2)
		return 0;
	if (s[0] == 0xc2 && (s[1] == 0xa0 || s[1] == 0x85))
		return 2;
	if (n < 3)
		return 0;
	if (s[0] == 0xe2 && s[1] == 0x80 &&
	    (s[2] <= 0x8a || s[2] == 0xa8 || s[2] == 0xa9 || s[2] == 0xaf))
		return 3;
	if ((s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f) ||
	    (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) ||
	    (s[0] == 0xe1 && s[1] == 0x9a && s[2] == 0x80))
		return 3;
	return 0;
}

static void
put_text(struct writer *w, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, sl;

	if (w->rc < 0 || w->skip > 0)
		return;
	while (i < n) {
		sl = u[i] > ' ' && u[i] < 0x80 ? 0 : space_len(u + i, n - i);
		if (sl == 0) {
			if (i == run && w->pending != PEND_NONE) {
				if (w->out->len > w->start)
					w->rc = buf_appendc(w->out,
					    w->pending == PEND_BREAK ? '\n' :
					                               ' ');
				w->pending = PEND_NONE;
			}
			i++;
			continue;
		}
		if (i > run && w->rc == 0)
			w->rc = buf_append(w->out, s + run, i - run);
		if (w->pending == PEND_NONE)
			w->pending = PEND_SPACE;
		i += sl;
		run = i;
	}
	if (i > run && w->rc == 0)
		w->rc = buf_append(w->out, s + run, i - run);
}

static void
put_break(struct writer *w)
{
	if (w->skip == 0)
		w->pending = PEND_BREAK;
}

int
html_text_plain(const char *s, size_t n, struct buf *out)
{
	struct writer w = { .out = out, .start = out->len };

	put_text(&w, s, n);
	return w.rc;
}

int32_t
html_text_entity(const char *name)
{
	const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);

	return e != NULL ? (int32_t)e->value : -1;
}

static size_t
utf8_put(uint32_t cp, char *o)
{
	if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ||
	    (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r'))
		cp = 0xfffd;
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* "&name;" "&#N;" "&#xH;" at s (after '&'): code point and length, or -1. */
static long
entity_at(const char *s, size_t n, size_t *len)
{
	char name[33];
	size_t i = 0;
	long cp = 0;

	if (n > 0 && s[0] == '#') {
		bool hex = n > 1 && (s[1] == 'x' || s[1] == 'X');

		for (i = hex ? 2 : 1; i < n && i < 12; i++) {
			int d = s[i] >= '0' && s[i] <= '9' ?
			    s[i] - '0' :
			    hex && (s[i] | 0x20) >= 'a' &&
			        (s[i] | 0x20) <= 'f' ?
			    (s[i] | 0x20) - 'a' + 10 :
			    -1;
			if (d < 0)
				break;
			cp = cp * (hex ? 16 : 10) + d;
		}
		if (i == (hex ? 2u : 1u) || i >= n || s[i] != ';' ||
		    cp > 0x10ffff)
			return -1;
		*len = i + 1;
		return cp;
	}
	while (i < n && i < sizeof(name) - 1 &&
	    (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') ||
	        (s[i] >= '0' && s[i] <= '9'))) {
		name[i] = s[i];
		i++;
	}
	if (i == 0 || i >= n || s[i] != ';')
		return -1;
	name[i] = '\0';
	cp = html_text_entity(name);
	*len = i + 1;
	return cp;
}

/* Text with entities but no tags: decode without starting a parser. */
static int
decode_entities(struct writer *w, const char *s, size_t n)
{
	size_t i = 0, run = 0, len;
	char o[4];
	long cp;

	while (i < n) {
		if (s[i] != '&') {
			i++;
			continue;
		}
		cp = entity_at(s + i + 1, n - i - 1, &len);
		if (cp < 0) {
			i++;
			continue;
		}
		put_text(w, s + run, i - run);
		put_text(w, o, utf8_put((uint32_t)cp, o));
		i += len + 1;
		run = i;
	}
	put_text(w, s + run, n - run);
	return w->rc;
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct writer *w = ((htmlParserCtxtPtr)ctx)->_private;

	(void)atts;
	if (is_dropped((const char *)name))
		w->skip++;
	else if (in_list(block_tags, (const char *)name))
		put_break(w);
}

static void
on_end(void *ctx, const xmlChar *name)
{
	struct writer *w = ((htmlParserCtxtPtr)ctx)->_private;

	if (is_dropped((const char *)name)) {
		if (w->skip > 0)
			w->skip--;
	} else if (in_list(block_tags, (const char *)name)) {
		put_break(w);
	}
}

static void
on_chars(void *ctx, const xmlChar *s, int len)
{
	struct writer *w = ((htmlParserCtxtPtr)ctx)->_private;

	put_text(w, (const char *)s, (size_t)len);
}

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static int
run_parser(htmlSAXHandler *sax, void *priv, const char *s, size_t n)
{
	htmlParserCtxtPtr ctxt;

	if (n > INT32_MAX)
		return -EFBIG;
	ctxt = htmlCreatePushParserCtxt(sax, NULL, NULL, 0, NULL,
	    XML_CHAR_ENCODING_UTF8);
	if (ctxt == NULL)
		return -ENOMEM;
	ctxt->_private = priv;
	htmlCtxtUseOptions(ctxt,
	    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	        HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
	/* the SAX callbacks get ctxt as their ctx, hence userData */
	ctxt->userData = ctxt;
	htmlParseChunk(ctxt, s, (int)n, 1);
	htmlFreeParserCtxt(ctxt);
	return 0;
}

int
html_text_append(const char *s, size_t n, struct buf *out)
{
	struct writer w = { .out = out, .start = out->len };
	htmlSAXHandler sax;
	int rc;

	if (memchr(s, '<', n) == NULL) {
		if (memchr(s, '&', n) == NULL)
			return html_text_plain(s, n, out);
		return decode_entities(&w, s, n);
	}
	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_chars;
	sax.ignorableWhitespace = on_chars;
	sax.error = quiet;
	sax.warning = quiet;
	rc = run_parser(&sax, &w, s, n);
	return rc < 0 ? rc : w.rc;
}

struct links {
	struct buf *out;
	int n;
	int rc;
};

static const char *
attr(const xmlChar **atts, const char *name)
{
	for (; atts != NULL && atts[0] != NULL; atts += 2)
		if (strcasecmp((const char *)atts[0], name) == 0)
			return atts[1] != NULL ? (const char *)atts[1] : "";
	return NULL;
}

static void
on_link(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct links *l = ((htmlParserCtxtPtr)ctx)->_private;
	const char *rel, *type, *href;

	if (l->rc < 0 || strcmp((const char *)name, "link") != 0)
		return;
	rel = attr(atts, "rel");
	type = attr(atts, "type");
	href = attr(atts, "href");
	if (rel == NULL || type == NULL || href == NULL || *href == '\0' ||
	    strcasestr(rel, "alternate") == NULL ||
	    (strcasestr(type, "rss+xml") == NULL &&
	        strcasestr(type, "atom+xml") == NULL &&
	        strcasestr(type, "feed+json") == NULL))
		return;
	if (l->n > 0)
		l->rc = buf_appendc(l->out, ' ');
	if (l->rc == 0)
		l->rc = buf_appends(l->out, href);
	l->n++;
}

int
html_text_feed_links(const char *s, size_t n, struct buf *out)
{
	struct links l = { .out = out };
	htmlSAXHandler sax;
	int rc;

	memset(&sax, 0, sizeof(sax));
	sax.startElement = on_link;
	sax.error = quiet;
	sax.warning = quiet;
	rc = run_parser(&sax, &l, s, n);
	if (rc < 0)
		return rc;
	return l.rc < 0 ? l.rc : l.n;
}
