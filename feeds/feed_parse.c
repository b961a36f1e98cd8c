/*
 * feed_parse.c -- see feed_parse.h; the parts are listed in
 * feed_parse_impl.h.
 *
 * Every pushed chunk goes through charset.c first, so everything after it
 * sees valid UTF-8.  The first bytes decide the reader: '{' is JSON, an HTML
 * doctype or <html> is a web page, '<' is XML (and its root element then
 * decides RSS or Atom).  A web page is collected up to its </head> to name
 * the feeds it advertises in the error.
 */
#include "feeds/feed_parse.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feeds/charset.h"
#include "feeds/feed_parse_impl.h"
#include "feeds/html_text.h"
#include "feeds/url.h"

#define DEF_MAX_DOC   (64u << 20)
#define DEF_MAX_FIELD (1u << 20)
#define DEF_MAX_ITEMS 10000
#define DEF_MAX_DEPTH 256
#define MAX_HTML_HEAD (1u << 20) /* bytes of a web page read for links */

int
fp_fail(struct feed_parser *p, int code, const char *fmt, ...)
{
	va_list ap;

	if (p->err == 0) {
		p->err = code;
		p->eb.code = code;
		va_start(ap, fmt);
		vsnprintf(p->eb.msg, sizeof(p->eb.msg), fmt, ap);
		va_end(ap);
	}
	return code;
}

int
feed_parse_new(struct feed_parser **out, const struct feed_parse_opts *opts,
    const struct feed_parse_cbs *cbs, void *arg, struct errbuf *eb)
{
	struct feed_parser *p = calloc(1, sizeof(*p));
	size_t mf;

	if (p == NULL)
		return errbuf_set(eb, -ENOMEM, "out of memory");
	if (opts != NULL)
		p->opts = *opts;
	p->opts.doc_url = NULL;
	if (p->opts.max_doc == 0)
		p->opts.max_doc = DEF_MAX_DOC;
	if (p->opts.max_field == 0)
		p->opts.max_field = DEF_MAX_FIELD;
	if (p->opts.max_items == 0)
		p->opts.max_items = DEF_MAX_ITEMS;
	if (p->opts.max_depth == 0)
		p->opts.max_depth = DEF_MAX_DEPTH;
	mf = p->opts.max_field;
	p->cbs = cbs;
	p->arg = arg;
	feed_meta_init(&p->meta);
	buf_init(&p->utf8, 0);
	buf_init(&p->doc, p->opts.max_doc + 16);
	buf_init(&p->raw, mf);
	buf_init(&p->text, mf);
	for (size_t i = 0; i < 3; i++)
		buf_init(&p->attr[i], mf);
	buf_init(&p->bases, 0);
	buf_init(&p->key, 0);
	buf_init(&p->old_key, 0);
	fp_item_init(&p->it, mf);
	if ((opts != NULL && opts->doc_url != NULL &&
	        (p->doc_url = strdup(opts->doc_url)) == NULL) ||
	    charset_dec_new(&p->dec) < 0 || html_text_new(&p->html) < 0) {
		feed_parse_free(p);
		return errbuf_set(eb, -ENOMEM, "out of memory");
	}
	*out = p;
	return 0;
}

void
feed_parse_free(struct feed_parser *p)
{
	if (p == NULL)
		return;
	fp_xml_free(p);
	charset_dec_free(p->dec);
	html_text_free(p->html);
	free(p->doc_url);
	feed_meta_clear(&p->meta);
	buf_clear(&p->utf8);
	buf_clear(&p->doc);
	buf_clear(&p->raw);
	buf_clear(&p->text);
	for (size_t i = 0; i < 3; i++)
		buf_clear(&p->attr[i]);
	buf_clear(&p->bases);
	buf_clear(&p->key);
	buf_clear(&p->old_key);
	free(p->base_stack);
	fp_item_clear(&p->it);
	free(p);
}

const struct feed_meta *
feed_parse_meta(const struct feed_parser *p)
{
	return &p->meta;
}

bool
feed_parse_json(const struct feed_parser *p)
{
	return p->json;
}

size_t
feed_parse_count(const struct feed_parser *p)
{
	return p->count;
}

/* The web page's advertised feeds, named in the -ENOMSG message. */
static int
html_page(struct feed_parser *p)
{
	struct buf links, abs;
	char *save = NULL, *tok;
	int n;

	buf_init(&links, 0);
	buf_init(&abs, 0);
	n = html_text_feed_links(buf_str(&p->doc), p->doc.len, &links);
	tok = n > 0 && links.data != NULL ? strtok_r(links.data, " ", &save) :
	                                    NULL;
	for (; tok != NULL; tok = strtok_r(NULL, " ", &save)) {
		if (abs.len > 0 && buf_appendc(&abs, ' ') < 0)
			break;
		if (url_resolve(p->doc_url, tok, &abs) < 0)
			break;
	}
	if (n > 0)
		fp_fail(p, -ENOMSG,
		    "not a feed but an HTML page; the feeds it advertises: %s",
		    buf_str(&abs));
	else
		fp_fail(p, -ENOMSG,
		    "not a feed but an HTML page, which advertises no feed");
	buf_clear(&links);
	buf_clear(&abs);
	p->mode = FP_DONE;
	return p->err;
}

static int
html_more(struct feed_parser *p, const char *s, size_t n, bool final)
{
	size_t room = MAX_HTML_HEAD > p->doc.len ? MAX_HTML_HEAD - p->doc.len :
	                                           0;
	size_t from = p->doc.len > 7 ? p->doc.len - 7 : 0;

	if (buf_append(&p->doc, s, n < room ? n : room) < 0)
		return fp_fail(p, -ENOMEM, "out of memory");
	if (final || p->doc.len >= MAX_HTML_HEAD ||
	    strcasestr(p->doc.data + from, "</head") != NULL)
		return html_page(p);
	return 0;
}

static bool
starts_ci(const char *s, size_t n, const char *prefix)
{
	size_t l = strlen(prefix);

	return n >= l && strncasecmp(s, prefix, l) == 0;
}

/* Decide the reader from the document's start (held in p->doc). */
static int
sniff(struct feed_parser *p, bool final)
{
	const char *s = buf_str(&p->doc);
	size_t n = p->doc.len, i = 0;

	while (i < n && isspace((unsigned char)s[i]))
		i++;
	if (i == n)
		return final ?
		    fp_fail(p, -ENOMSG, "not a feed: the document is empty") :
		    0;
	if (s[i] == '{' || s[i] == '[') {
		p->mode = FP_JSON;
		p->json = true;
		return 0;
	}
	if (s[i] != '<')
		return fp_fail(p, -ENOMSG,
		    "not a feed: the document is neither XML nor JSON");
	if (n - i < 15 && !final)
		return 0;
	if (starts_ci(s + i, n - i, "<!doctype html") ||
	    starts_ci(s + i, n - i, "<html")) {
		p->mode = FP_HTML;
		return html_more(p, "", 0, final);
	}
	if (fp_xml_new(p) < 0)
		return fp_fail(p, -ENOMEM, "out of memory");
	p->mode = FP_XML;
	return fp_xml_push(p, s, n, final);
}

static int
dispatch(struct feed_parser *p, const char *s, size_t n, bool final)
{
	switch (p->mode) {
	case FP_SNIFF:
		if (buf_append(&p->doc, s, n) < 0)
			return fp_fail(p, -ENOMEM, "out of memory");
		return sniff(p, final);
	case FP_XML:
		/* until the root element is known it may be XHTML: keep the
		 * start of the page for html_page */
		if (p->family == FAM_NONE && p->doc.len < MAX_HTML_HEAD &&
		    buf_append(&p->doc, s, n) < 0)
			return fp_fail(p, -ENOMEM, "out of memory");
		if (p->family != FAM_NONE && p->doc.data != NULL)
			buf_clear(&p->doc);
		fp_xml_push(p, s, n, final);
		if (p->mode == FP_HTML)
			return html_more(p, "", 0, final);
		return p->err;
	case FP_JSON:
		if (buf_append(&p->doc, s, n) < 0)
			return fp_fail(p, -ENOMEM, "out of memory");
		return 0;
	case FP_HTML:
		return html_more(p, s, n, final);
	case FP_DONE:
		break;
	}
	return p->err;
}

static int
report(struct feed_parser *p, struct errbuf *eb)
{
	if (eb != NULL && p->err < 0)
		*eb = p->eb;
	return p->err;
}

int
feed_parse_push(struct feed_parser *p, const char *buf, size_t len,
    struct errbuf *eb)
{
	const char *s;
	size_t n;
	int rc;

	if (p->err < 0)
		return report(p, eb);
	p->n_bytes += len;
	if (p->n_bytes > p->opts.max_doc) {
		fp_fail(p, -EFBIG, "the document is over its cap of %zu bytes",
		    p->opts.max_doc);
		return report(p, eb);
	}
	rc = charset_dec_view(p->dec, buf, len, false, &p->utf8, &s, &n);
	if (rc < 0)
		fp_fail(p, rc, "out of memory");
	else
		dispatch(p, s, n, false);
	return report(p, eb);
}

static void note(char *m, size_t len, const char *fmt, ...) PRINTF_LIKE(3, 4);

static void
note(char *m, size_t len, const char *fmt, ...)
{
	size_t used = strlen(m);
	va_list ap;

	if (used > 0 && used + 2 < len) {
		memcpy(m + used, "; ", 3);
		used += 2;
	}
	va_start(ap, fmt);
	vsnprintf(m + used, len - used, fmt, ap);
	va_end(ap);
}

/* What was read past or repaired in a document that was still read: 1 with
 * the notes in eb, or 0 when there is nothing to say. */
static int
finish_note(struct feed_parser *p, struct errbuf *eb)
{
	size_t bad = charset_dec_replaced(p->dec);
	size_t dropped = fp_fix_dropped(p->fix),
	       fixed = fp_fix_repaired(p->fix);
	char m[sizeof(eb->msg)] = "";

	if (p->recovered)
		note(m, sizeof(m), "read in recover mode: %s", p->fault);
	if (dropped > 0)
		note(m, sizeof(m),
		    "%zu elements with more than %d attributes, the rest of "
		    "their attributes dropped",
		    dropped, FP_MAX_ATTRS);
	if (fixed > 0)
		note(m, sizeof(m), "%zu stray '&' or '<' read as text", fixed);
	if (p->n_truncated > 0)
		note(m, sizeof(m),
		    "%zu text fields over %zu bytes truncated (marked with "
		    "\u2026)",
		    p->n_truncated, p->opts.max_field);
	if (p->items_capped)
		note(m, sizeof(m), "over %zu items, the rest not read",
		    p->opts.max_items);
	if (bad > 0)
		note(m, sizeof(m),
		    "%zu invalid %s sequences replaced with U+FFFD", bad,
		    charset_dec_name(p->dec));
	if (m[0] == '\0')
		return 0;
	errbuf_set(eb, 1, "%s", m);
	return 1;
}

int
feed_parse_finish(struct feed_parser *p, struct errbuf *eb)
{
	int rc;

	if (p->err < 0)
		return report(p, eb);
	buf_reset(&p->utf8);
	rc = charset_dec_push(p->dec, "", 0, true, &p->utf8);
	if (rc < 0)
		fp_fail(p, rc, "out of memory");
	else
		dispatch(p, buf_str(&p->utf8), p->utf8.len, true);
	if (p->err == 0 && p->mode == FP_JSON)
		fp_json_finish(p);
	if (p->err == 0 && p->mode == FP_XML && p->family == FAM_NONE)
		fp_fail(p, -ENOMSG, "not a feed: %s",
		    p->recovered ? p->fault : "no root element");
	if (p->err == 0 && p->mode == FP_XML && p->item_depth > 0) {
		/* the document ended inside an item: keep what was read */
		p->recovered = true;
		if (p->fault[0] == '\0')
			snprintf(p->fault, sizeof(p->fault),
			    "the document ends inside an item");
		if (fp_item_end(p) < 0)
			fp_fail(p, -ENOMEM, "out of memory");
	}
	p->mode = FP_DONE;
	if (p->err < 0)
		return report(p, eb);
	return finish_note(p, eb);
}

void
feed_meta_init(struct feed_meta *m)
{
	memset(m, 0, sizeof(*m));
	m->updated = ITEM_NO_TIME;
}

void
feed_meta_clear(struct feed_meta *m)
{
	free(m->title);
	free(m->link);
	free(m->description);
	free(m->language);
	feed_meta_init(m);
}
