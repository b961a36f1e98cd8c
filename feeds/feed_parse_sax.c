/*
 * feed_parse_sax.c -- libxml2's SAX2 push parser, the one place it is
 * created.
 *
 * Safety settings, and why:
 *   XML_PARSE_NONET     no network access while parsing, ever;
 *   no XML_PARSE_NOENT  entities are not substituted into text, and since
 *                       no entityDecl handler is installed, a DTD's own
 *                       entities are never even recorded: the billion
 *                       laughs has nothing to expand;
 *   no XML_PARSE_HUGE   libxml2's limits on names, text nodes, depth and
 *                       entity amplification stay on;
 *   XML_PARSE_RECOVER   malformed feeds are read as far as they go;
 *   XML_PARSE_IGNORE_ENC  the input is UTF-8 from charset.c whatever the
 *                       declaration says.
 * Undeclared HTML entities (&nbsp; &eacute;), common in feeds written by
 * hand, are supplied by getEntity as predefined entities with their
 * character, so they read as text instead of vanishing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <utf8proc.h>

#include "feeds/charset.h"
#include "feeds/feed_parse_impl.h"
#include "feeds/html_text.h"
#include "feeds/url.h"

#define MAX_ENTS 128 /* distinct undeclared entity names supplied */

struct fp_ent {
	xmlEntity ent;
};

static const struct {
	const char *uri;
	enum fp_ns ns;
} known_ns[] = {
	{ "http://purl.org/rss/1.0/", NS_RSS10 },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS090 },
	{ "http://channel.netscape.com/rdf/simple/0.9/", NS_RSS090 },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "http://www.w3.org/2005/Atom", NS_ATOM10 },
	{ "http://purl.org/atom/ns#", NS_ATOM03 },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://search.yahoo.com/mrss", NS_MEDIA },
	{ "http://purl.org/rss/1.0/modules/syndication/", NS_SY },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "http://www.w3.org/XML/1998/namespace", NS_XML },
};

/* URIs come from libxml2's dictionary, so a pointer cache saves strcmp. */
static enum fp_ns
ns_of(struct feed_parser *p, const xmlChar *uri)
{
	enum fp_ns ns = NS_OTHER;
	size_t i;

	if (uri == NULL)
		return NS_NONE;
	for (i = 0; i < 8; i++)
		if (p->ns_uri[i] == uri)
			return p->ns_id[i];
	for (i = 0; i < sizeof(known_ns) / sizeof(known_ns[0]); i++)
		if (strcasecmp((const char *)uri, known_ns[i].uri) == 0)
			ns = known_ns[i].ns;
	p->ns_uri[p->ns_next] = uri;
	p->ns_id[p->ns_next] = ns;
	p->ns_next = (p->ns_next + 1) % 8;
	return ns;
}

/*
 * An element whose prefix was never declared ("atom:link" in a feed that
 * forgot xmlns:atom) is read by the prefix everyone uses for it.
 */
static const struct {
	const char *prefix;
	enum fp_ns ns;
} conv[] = { { "atom", NS_ATOM10 }, { "dc", NS_DC }, { "dcterms", NS_DCTERMS },
	{ "content", NS_CONTENT }, { "media", NS_MEDIA }, { "sy", NS_SY },
	{ "itunes", NS_ITUNES }, { "rdf", NS_RDF } };

static enum fp_ns
ns_by_prefix(const xmlChar *prefix)
{
	for (size_t i = 0; prefix != NULL && i < sizeof(conv) / sizeof(conv[0]);
	     i++)
		if (strcmp((const char *)prefix, conv[i].prefix) == 0)
			return conv[i].ns;
	return prefix != NULL ? NS_OTHER : NS_NONE;
}

/*
 * The value of SAX2 attribute a (5 pointers) into out, as valid UTF-8.
 * libxml2 copies only the first byte of a predefined entity's text into an
 * attribute value, so an undeclared HTML entity that on_get_entity
 * supplies (&nbsp; is two bytes) arrives cut in two (found by fuzz_feed,
 * in a value and in an xml:base): everything the parser emits is valid
 * UTF-8, so such a value is repaired, not passed on.  0 or -ENOMEM.
 */
static int
attr_value(const xmlChar *const *a, struct buf *out)
{
	const char *v = (const char *)a[3];
	size_t n = (size_t)(a[4] - a[3]);
	int rc;

	buf_reset(out);
	rc = charset_utf8_valid(v, n) ? buf_append(out, v, n) :
	                                charset_utf8_clean(v, n, out);
	return rc < 0 ? rc : 0; /* clean counts what it replaced */
}

const char *
fp_attr(struct feed_parser *p, const struct fp_el *el, const char *name,
    int slot)
{
	const xmlChar *const *a = el->attrs;

	for (int i = 0; i < el->n_attrs; i++, a += 5)
		if (strcmp((const char *)a[0], name) == 0)
			return attr_value(a, &p->attr[slot]) < 0 ?
			    NULL :
			    buf_str(&p->attr[slot]);
	return NULL;
}

/* The element's xml:base, resolved against the base in force, is pushed. */
static int
push_base(struct feed_parser *p, const struct fp_el *el)
{
	const xmlChar *const *a = el->attrs;
	size_t off;
	int rc;

	for (int i = 0; i < el->n_attrs; i++, a += 5) {
		if (strcmp((const char *)a[0], "base") != 0 ||
		    ns_of(p, a[2]) != NS_XML)
			continue;
		if (p->n_bases == p->cap_bases) {
			size_t cap = p->cap_bases ? p->cap_bases * 2 : 8;
			struct fp_base *nb = realloc(p->base_stack,
			    cap * sizeof(*nb));

			if (nb == NULL)
				return -ENOMEM;
			p->base_stack = nb;
			p->cap_bases = cap;
		}
		/* resolve in a scratch buffer: p->bases holds the old base */
		rc = attr_value(a, &p->attr[2]);
		buf_reset(&p->text);
		if (rc == 0)
			rc = url_resolve(fp_base(p), buf_str(&p->attr[2]),
			    &p->text);
		off = p->bases.len;
		if (rc == 0)
			rc = buf_append(&p->bases,
			    p->text.data ? p->text.data : "", p->text.len + 1);
		if (rc < 0)
			return rc;
		p->base_stack[p->n_bases].depth = p->depth;
		p->base_stack[p->n_bases].off = off;
		p->n_bases++;
		return 0;
	}
	return 0;
}

static void
pop_base(struct feed_parser *p)
{
	if (p->n_bases > 0 && p->base_stack[p->n_bases - 1].depth == p->depth) {
		p->n_bases--;
		p->bases.len = p->base_stack[p->n_bases].off;
	}
}

const char *
fp_base(const struct feed_parser *p)
{
	if (p->n_bases > 0)
		return p->bases.data + p->base_stack[p->n_bases - 1].off;
	return p->doc_url;
}

static void
stop(struct feed_parser *p, int rc)
{
	if (rc < 0 && p->err == 0) {
		p->err = rc;
		if (p->eb.code == 0)
			errbuf_set(&p->eb, rc, "%s",
			    rc == -ENOMEM ?
			        "out of memory" :
			        rc == -EFBIG ?
			        "a text field is over its size cap" :
			        "stopped");
	}
	if (rc < 0)
		xmlStopParser(p->xml);
}

/* Markup inside a captured field, kept so html_text sees the structure. */
static int
capture_tag(struct feed_parser *p, const char *name, bool end)
{
	int rc;

	if (p->kind != KIND_HTML && p->kind != KIND_XHTML)
		return 0;
	rc = buf_appends(&p->raw, end ? "</" : "<");
	if (rc == 0)
		rc = buf_appends(&p->raw, name);
	if (rc == 0)
		rc = buf_appendc(&p->raw, '>');
	return rc;
}

static int
root(struct feed_parser *p, const struct fp_el *el)
{
	if (strcmp(el->name, "rss") == 0 || strcmp(el->name, "RDF") == 0 ||
	    strcmp(el->name, "channel") == 0)
		return fp_rss_root(p, el);
	if (strcmp(el->name, "feed") == 0)
		return fp_atom_root(p, el);
	if (strcmp(el->name, "html") == 0) {
		p->mode = FP_HTML;
		return 0;
	}
	return fp_fail(p, -ENOMSG,
	    "not a feed: the document's root element is <%.40s>", el->name);
}

static void
on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	struct feed_parser *p = ctx;
	struct fp_el el = { (const char *)localname, ns_of(p, uri),
		nb_attributes, (const unsigned char *const *)attributes };
	int rc;

	(void)nb_defaulted;
	if (p->err < 0 || p->mode != FP_XML)
		return;
	if (uri == NULL && prefix != NULL)
		el.ns = ns_by_prefix(prefix);
	/* RSS 0.90 declares its namespace on rdf:RDF, maybe with no channel */
	for (int i = 0; p->depth == 0 && i < nb_namespaces; i++)
		if (namespaces[2 * i + 1] != NULL &&
		    ns_of(p, namespaces[2 * i + 1]) == NS_RSS090)
			p->meta.format = "rss0.9";
	if (++p->depth > p->opts.max_depth) {
		stop(p,
		    fp_fail(p, -EFBIG,
		        "elements nested over %zu deep: not a feed",
		        p->opts.max_depth));
		return;
	}
	rc = push_base(p, &el);
	if (rc == 0 && p->field != F_NONE)
		rc = capture_tag(p, el.name, false);
	else if (rc == 0 && p->skip_depth == 0)
		rc = p->depth == 1        ? root(p, &el) :
		    p->family == FAM_ATOM ? fp_atom_start(p, &el) :
		                            fp_rss_start(p, &el);
	if (p->mode == FP_HTML)
		xmlStopParser(p->xml);
	stop(p, rc);
}

static void
on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct feed_parser *p = ctx;
	struct fp_el el = { (const char *)localname, ns_of(p, uri), 0, NULL };
	enum fp_field f = p->field;
	int rc = 0;

	if (uri == NULL && prefix != NULL)
		el.ns = ns_by_prefix(prefix);
	if (p->err < 0 || p->mode != FP_XML || p->depth == 0)
		return;
	if (f != F_NONE && p->depth == p->field_depth) {
		p->field = F_NONE;
		rc = fp_store(p, f, buf_str(&p->raw));
	} else if (f != F_NONE) {
		rc = capture_tag(p, el.name, true);
	} else if (p->skip_depth == p->depth) {
		p->skip_depth = 0;
	} else if (p->skip_depth == 0) {
		rc = p->family == FAM_ATOM ? fp_atom_end(p, &el) :
		                             fp_rss_end(p, &el);
	}
	pop_base(p);
	p->depth--;
	stop(p, rc);
}

static int
escape_into(struct buf *b, const char *s, size_t n)
{
	size_t run = 0;
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *e = s[i] == '&' ? "&amp;" :
		    s[i] == '<'             ? "&lt;" :
		    s[i] == '>'             ? "&gt;" :
		                              NULL;
		if (e == NULL)
			continue;
		rc = buf_append(b, s + run, i - run);
		if (rc == 0)
			rc = buf_appends(b, e);
		run = i + 1;
	}
	return rc < 0 ? rc : buf_append(b, s + run, n - run);
}

static void
on_chars(void *ctx, const xmlChar *s, int len)
{
	struct feed_parser *p = ctx;
	int rc;

	if (p->field == F_NONE || p->err < 0 || p->truncated)
		return;
	if (p->kind == KIND_XHTML)
		rc = escape_into(&p->raw, (const char *)s, (size_t)len);
	else
		rc = buf_append(&p->raw, s, (size_t)len);
	if (rc == -EFBIG)
		rc = fp_truncate(p, (const char *)s, (size_t)len);
	stop(p, rc);
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct feed_parser *p = ctx;
	size_t n;

	if (e == NULL || e->level < XML_ERR_ERROR || p->mode != FP_XML)
		return;
	if (!p->recovered) {
		snprintf(p->fault, sizeof(p->fault), "line %d: %s", e->line,
		    e->message != NULL ? e->message : "error");
		n = strlen(p->fault);
		if (n > 0 && p->fault[n - 1] == '\n')
			p->fault[n - 1] = '\0';
	}
	p->recovered = true;
}

static size_t
utf8_encode(int32_t cp, char *o)
{
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)o);
}

static xmlEntityPtr
on_get_entity(void *ctx, const xmlChar *name)
{
	struct feed_parser *p = ctx;
	struct fp_ent *e;
	char utf8[5];
	int32_t cp;

	for (size_t i = 0; i < p->n_ents; i++)
		if (xmlStrEqual(p->ents[i].ent.name, name))
			return &p->ents[i].ent;
	cp = html_text_entity((const char *)name);
	if (cp <= 0 || p->n_ents == MAX_ENTS)
		return NULL;
	if (p->ents == NULL) {
		p->ents = calloc(MAX_ENTS, sizeof(*p->ents));
		if (p->ents == NULL)
			return NULL;
	}
	utf8[utf8_encode(cp, utf8)] = '\0';
	e = &p->ents[p->n_ents];
	e->ent.type = XML_ENTITY_DECL;
	e->ent.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	e->ent.name = xmlStrdup(name);
	e->ent.content = xmlStrdup((const xmlChar *)utf8);
	if (e->ent.name == NULL || e->ent.content == NULL) {
		xmlFree((xmlChar *)e->ent.name);
		xmlFree(e->ent.content);
		memset(e, 0, sizeof(*e));
		return NULL;
	}
	e->ent.length = (int)strlen(utf8);
	p->n_ents++;
	return &e->ent;
}

int
fp_xml_new(struct feed_parser *p)
{
	xmlSAXHandler sax;
	xmlParserCtxtPtr ctxt;

	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_chars;
	sax.cdataBlock = on_chars;
	sax.serror = on_error;
	sax.getEntity = on_get_entity;
	if (fp_fix_new(&p->fix) < 0)
		return -ENOMEM;
	buf_init(&p->fixed, 0);
	ctxt = xmlCreatePushParserCtxt(&sax, p, NULL, 0, NULL);
	if (ctxt == NULL)
		return -ENOMEM;
	xmlCtxtUseOptions(ctxt,
	    XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_IGNORE_ENC |
	        XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	p->xml = ctxt;
	return 0;
}

int
fp_xml_push(struct feed_parser *p, const char *s, size_t n, bool final)
{
	buf_reset(&p->fixed);
	if (fp_fix_run(p->fix, s, n, final, &p->fixed) < 0)
		return fp_fail(p, -ENOMEM, "out of memory");
	s = p->fixed.data != NULL ? p->fixed.data : "";
	n = p->fixed.len;
	while (p->err == 0 && p->mode == FP_XML && (n > 0 || final)) {
		/* xmlParseChunk takes an int */
		int len = n > (1u << 30) ? 1 << 30 : (int)n;

		xmlParseChunk(p->xml, s, len, final && (size_t)len == n);
		s += len;
		n -= (size_t)len;
		if (final && n == 0)
			break;
	}
	return p->err;
}

void
fp_xml_free(struct feed_parser *p)
{
	xmlParserCtxtPtr ctxt = p->xml;

	if (ctxt != NULL) {
		/* libxml2 keeps a DTD's entities in a document of its own
		 * even in SAX mode ("expat compatibility"); ours to free */
		if (ctxt->myDoc != NULL)
			xmlFreeDoc(ctxt->myDoc);
		xmlFreeParserCtxt(ctxt);
	}
	p->xml = NULL;
	fp_fix_free(p->fix);
	p->fix = NULL;
	buf_clear(&p->fixed);
	for (size_t i = 0; i < p->n_ents; i++) {
		xmlFree((xmlChar *)p->ents[i].ent.name);
		xmlFree(p->ents[i].ent.content);
	}
	free(p->ents);
	p->ents = NULL;
	p->n_ents = 0;
}
