/*
 * html_text.c -- see html_text.h.
 *
 * The parser runs in push mode over the whole fragment with SAX callbacks
 * only: no tree.  HTML_PARSE_IGNORE_ENC stops a <meta charset> inside feed
 * content from re-decoding text that is UTF-8 already.  A struct html_text
 * keeps its parser from fragment to fragment (htmlCtxtReset and a fresh
 * empty input); bench/parse/htmldiff.c checks that a reused parser and a
 * new one give the same text.
 */
#include "feeds/html_text.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <utf8proc.h>

#include "feeds/html_text_impl.h"
#include "lib/buf.h"

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

enum {
	TAG_OTHER,
	TAG_BLOCK, /* becomes a line break */
	TAG_DROP,  /* script, style, template: contents dropped */
};

/*
 * The elements that end a line of text (blocks) and those whose content is
 * not text at all (dropped); every other tag is inline.  Sorted by name for
 * bsearch: libxml2 hands names in lower case.
 */
static const struct tag {
	const char *name;
	int cls;
} tags[] = {
	{ "address", TAG_BLOCK },
	{ "article", TAG_BLOCK },
	{ "aside", TAG_BLOCK },
	{ "blockquote", TAG_BLOCK },
	{ "br", TAG_BLOCK },
	{ "caption", TAG_BLOCK },
	{ "center", TAG_BLOCK },
	{ "dd", TAG_BLOCK },
	{ "details", TAG_BLOCK },
	{ "div", TAG_BLOCK },
	{ "dl", TAG_BLOCK },
	{ "dt", TAG_BLOCK },
	{ "fieldset", TAG_BLOCK },
	{ "figcaption", TAG_BLOCK },
	{ "figure", TAG_BLOCK },
	{ "footer", TAG_BLOCK },
	{ "form", TAG_BLOCK },
	{ "h1", TAG_BLOCK },
	{ "h2", TAG_BLOCK },
	{ "h3", TAG_BLOCK },
	{ "h4", TAG_BLOCK },
	{ "h5", TAG_BLOCK },
	{ "h6", TAG_BLOCK },
	{ "header", TAG_BLOCK },
	{ "hr", TAG_BLOCK },
	{ "li", TAG_BLOCK },
	{ "main", TAG_BLOCK },
	{ "nav", TAG_BLOCK },
	{ "ol", TAG_BLOCK },
	{ "p", TAG_BLOCK },
	{ "pre", TAG_BLOCK },
	{ "script", TAG_DROP },
	{ "section", TAG_BLOCK },
	{ "style", TAG_DROP },
	{ "summary", TAG_BLOCK },
	{ "table", TAG_BLOCK },
	{ "tbody", TAG_BLOCK },
	{ "td", TAG_BLOCK },
	{ "template", TAG_DROP },
	{ "tfoot", TAG_BLOCK },
	{ "th", TAG_BLOCK },
	{ "thead", TAG_BLOCK },
	{ "title", TAG_BLOCK },
	{ "tr", TAG_BLOCK },
	{ "ul", TAG_BLOCK },
};

static int
tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tag *)elem)->name);
}

static int
tag_class(const char *n)
{
	const struct tag *t = bsearch(n, tags, sizeof(tags) / sizeof(tags[0]),
	    sizeof(tags[0]), tag_cmp);

	return t != NULL ? t->cls : TAG_OTHER;
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

/*
 * Bytes of a character that must never reach a terminal or a log at s (n
 * available), or 0: C0 controls other than white space and DEL, the C1
 * controls U+0080-U+009F (U+009B is a CSI on many terminals), and the bidi
 * embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069, which
 * make "gnp.exe" read as "exe.png".  Dropped here, at parse time, so they
 * are never stored.
 */
static size_t
control_len(const unsigned char *s, size_t n)
{
	if (*s < 0x20 || *s == 0x7f)
		return 1;
	if (n >= 2 && s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
		return 2;
	if (n >= 3 && s[0] == 0xe2 &&
	    ((s[1] == 0x80 && s[2] >= 0xaa && s[2] <= 0xae) ||
	        (s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)))
		return 3;
	return 0;
}

/*
 * Byte classes for put_text: 0 part of a word, 1 ASCII white space, 2 the
 * lead byte of a sequence that may be Unicode white space (U+0085, U+00A0,
 * U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) or a
 * control (control_len), 3 an ASCII control.
 */
static const unsigned char byte_cls[256] = { [0x01 ... 0x08] = 3,
	['\t'] = 1,
	['\n'] = 1,
	['\v'] = 1,
	['\f'] = 1,
	['\r'] = 1,
	[0x0e ... 0x1f] = 3,
	[' '] = 1,
	[0x7f] = 3,
	[0xc2] = 2,
	[0xe1] = 2,
	[0xe2] = 2,
	[0xe3] = 2 };

/* Write s[0..n), white space collapsed and controls dropped, a word run at
 * a time. */
static void
put_text(struct writer *w, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run, sl, cl;

	if (w->rc < 0 || w->skip > 0)
		return;
	while (i < n) {
		run = i;
		sl = cl = 0;
		for (; i < n; i++) {
			if (byte_cls[u[i]] == 0)
				continue;
			/* one space between two words is its own collapsed
			 * form: keep it in the run, saving an append */
			if (u[i] == ' ' && i > run && i + 1 < n &&
			    byte_cls[u[i + 1]] == 0)
				continue;
			sl = byte_cls[u[i]] == 1 ? 1 :
			    byte_cls[u[i]] == 2  ? space_len(u + i, n - i) :
			                           0;
			if (sl == 0)
				cl = control_len(u + i, n - i);
			if (sl > 0 || cl > 0)
				break;
		}
		if (i > run) {
			if (w->pending != PEND_NONE && w->out->len > w->start)
				w->rc = buf_appendc(w->out,
				    w->pending == PEND_BREAK ? '\n' : ' ');
			w->pending = PEND_NONE;
			if (w->rc == 0)
				w->rc = buf_append(w->out, s + run, i - run);
			if (w->rc < 0)
				return;
		}
		if (sl > 0) {
			if (w->pending == PEND_NONE)
				w->pending = PEND_SPACE;
			i += sl;
		}
		i += cl;
	}
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
	return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
	    (utf8proc_uint8_t *)o);
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
	int c = tag_class((const char *)name);

	(void)atts;
	if (c == TAG_DROP)
		w->skip++;
	else if (c == TAG_BLOCK)
		put_break(w);
}

static void
on_end(void *ctx, const xmlChar *name)
{
	struct writer *w = ((htmlParserCtxtPtr)ctx)->_private;
	int c = tag_class((const char *)name);

	if (c == TAG_DROP) {
		if (w->skip > 0)
			w->skip--;
	} else if (c == TAG_BLOCK) {
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

#define HTML_OPTS                                                              \
	(HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |          \
	    HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC)

/* Names interned by a reused parser before it is replaced: the dictionary
 * keeps every tag and attribute name it saw, so hostile markup could
 * otherwise grow it (libxml2 caps it only at 10 MB). */
#define MAX_DICT_BYTES (256u * 1024)

static htmlParserCtxtPtr
parser_new(const htmlSAXHandler *sax, void *priv)
{
	htmlParserCtxtPtr ctxt;

	ctxt = htmlCreatePushParserCtxt((htmlSAXHandler *)sax, NULL, NULL, 0,
	    NULL, XML_CHAR_ENCODING_UTF8);
	if (ctxt == NULL)
		return NULL;
	ctxt->_private = priv;
	htmlCtxtUseOptions(ctxt, HTML_OPTS);
	/* the SAX callbacks get ctxt as their ctx, hence userData */
	ctxt->userData = ctxt;
	return ctxt;
}

/*
 * Make a used parser as htmlCreatePushParserCtxt leaves a new one:
 * htmlCtxtReset drops the input and the element stack, and a push parser
 * needs an empty input of its own again.  Returns false on ENOMEM.
 */
static bool
parser_reset(htmlParserCtxtPtr ctxt)
{
	xmlParserInputBufferPtr in;
	xmlParserInputPtr stream;

	htmlCtxtReset(ctxt);
	in = xmlAllocParserInputBuffer(XML_CHAR_ENCODING_UTF8);
	if (in == NULL)
		return false;
	stream = xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_NONE);
	if (stream == NULL) {
		xmlFreeParserInputBuffer(in);
		return false;
	}
	if (inputPush(ctxt, stream) < 0) {
		xmlFreeInputStream(stream);
		return false;
	}
	ctxt->charset = XML_CHAR_ENCODING_UTF8;
	ctxt->progressive = 1;
	htmlCtxtUseOptions(ctxt, HTML_OPTS);
	return true;
}

static int
run_parser(htmlParserCtxtPtr ctxt, const char *s, size_t n)
{
	if (n > INT32_MAX)
		return -EFBIG;
	htmlParseChunk(ctxt, s, (int)n, 1);
	return 0;
}

static const htmlSAXHandler text_sax = {
	.startElement = on_start,
	.endElement = on_end,
	.characters = on_chars,
	.ignorableWhitespace = on_chars,
	.error = quiet,
	.warning = quiet,
};

struct html_text {
	htmlParserCtxtPtr ctxt; /* owned; NULL until needed */
	bool fresh;             /* ctxt has not parsed yet */
	struct writer w;        /* the fragment being converted */
	struct buf bare;        /* the fragment without attributes */
};

int
html_text_new(struct html_text **out)
{
	*out = calloc(1, sizeof(**out));
	if (*out == NULL)
		return -ENOMEM;
	buf_init(&(*out)->bare, 0);
	return 0;
}

void
html_text_free(struct html_text *h)
{
	if (h == NULL)
		return;
	if (h->ctxt != NULL)
		htmlFreeParserCtxt(h->ctxt);
	buf_clear(&h->bare);
	free(h);
}

/* h->ctxt ready for a fragment; false on ENOMEM. */
static bool
ready(struct html_text *h)
{
	if (h->ctxt != NULL && !h->fresh &&
	    (xmlDictGetUsage(h->ctxt->dict) > MAX_DICT_BYTES ||
	        !parser_reset(h->ctxt))) {
		htmlFreeParserCtxt(h->ctxt);
		h->ctxt = NULL;
	}
	if (h->ctxt == NULL) {
		h->ctxt = parser_new(&text_sax, &h->w);
		if (h->ctxt == NULL)
			return false;
		h->fresh = true;
	}
	return true;
}

int
html_text_run(struct html_text *h, const char *s, size_t n, struct buf *out)
{
	int rc;

	h->w = (struct writer){ .out = out, .start = out->len };
	if (memchr(s, '<', n) == NULL) {
		if (memchr(s, '&', n) == NULL)
			return html_text_plain(s, n, out);
		return decode_entities(&h->w, s, n);
	}
	if (!ready(h))
		return -ENOMEM;
	h->fresh = false;
	buf_reset(&h->bare);
	rc = html_text_bare(s, n, &h->bare);
	if (rc == 0)
		rc = run_parser(h->ctxt, buf_str(&h->bare), h->bare.len);
	return rc < 0 ? rc : h->w.rc;
}

int
html_text_append(const char *s, size_t n, struct buf *out)
{
	struct html_text h = { .ctxt = NULL };
	int rc;

	buf_init(&h.bare, 0);
	rc = html_text_run(&h, s, n, out);

	if (h.ctxt != NULL)
		htmlFreeParserCtxt(h.ctxt);
	buf_clear(&h.bare);
	return rc;
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
	static const htmlSAXHandler sax = {
		.startElement = on_link,
		.error = quiet,
		.warning = quiet,
	};
	struct links l = { .out = out };
	htmlParserCtxtPtr ctxt = parser_new(&sax, &l);
	int rc;

	if (ctxt == NULL)
		return -ENOMEM;
	rc = run_parser(ctxt, s, n);
	htmlFreeParserCtxt(ctxt);
	if (rc < 0)
		return rc;
	return l.rc < 0 ? l.rc : l.n;
}
