/*
 * opml.c -- see opml.h.
 *
 * An OPML file is small and local, so a tree (xmlReadFile) is simpler than
 * SAX here; the network and entity expansion are still off.
 */
#include "feeds/opml.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <utf8proc.h>

#include "lib/strlist.h"

struct walk {
	const char *path;
	struct strlist *errors;
	struct strlist names; /* given so far, to make names unique */
	int (*on_feed)(void *, const char *, const char *, int);
	void *arg;
	int rc;
	int count;
};

static void
add_error(struct walk *w, int line, const char *msg)
{
	char text[600];

	snprintf(text, sizeof(text), "%s:%d: %s", w->path, line, msg);
	if (strlist_push(w->errors, text) < 0)
		w->rc = -ENOMEM;
	else if (w->rc == 0)
		w->rc = -EINVAL;
}

/* Attribute by name in any capitalisation; owned by the caller (xmlFree). */
static xmlChar *
attr(xmlNode *n, const char *name)
{
	for (xmlAttr *a = n->properties; a != NULL; a = a->next)
		if (strcasecmp((const char *)a->name, name) == 0)
			return xmlNodeGetContent((xmlNode *)a);
	return NULL;
}

static int
has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

/* A letter, mark or digit of any script: kept in a name, lowercased. */
static int
name_char(utf8proc_int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ND:
		return 1;
	default:
		return c == '.' || c == '_' || c == '-';
	}
}

static void
make_name(struct walk *w, const char *text, char *out, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	utf8proc_uint8_t enc[4];
	utf8proc_int32_t c;
	utf8proc_ssize_t k, e;
	size_t n = 0;
	int suffix = 2;
	char base[80];

	/* "Élysée – Actualités" is "élysée-actualités": the letters are the
	 * name, whatever their script; the rest separates words. */
	for (; *p != '\0'; p += k) {
		k = utf8proc_iterate(p, -1, &c);
		if (k <= 0) {
			k = 1; /* not UTF-8: a separator */
			c = ' ';
		}
		if (!name_char(c)) {
			if (n > 0 && base[n - 1] != '-' && n < sizeof(base) - 1)
				base[n++] = '-';
			continue;
		}
		e = utf8proc_encode_char(utf8proc_tolower(c), enc);
		if (n + (size_t)e > sizeof(base) - 1)
			break;
		memcpy(base + n, enc, (size_t)e);
		n += (size_t)e;
	}
	while (n > 0 && base[n - 1] == '-')
		n--;
	if (n == 0)
		n = (size_t)snprintf(base, sizeof(base), "opml-%d",
		    w->count + 1);
	base[n] = '\0';
	snprintf(out, len, "%s", base);
	while (has(&w->names, out))
		snprintf(out, len, "%s-%d", base, suffix++);
}

static void
visit(struct walk *w, xmlNode *n)
{
	for (; n != NULL && w->rc != -ENOMEM; n = n->next) {
		xmlChar *url, *text;
		char name[100];
		int rc;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)n->name, "outline") != 0) {
			visit(w, n->children);
			continue;
		}
		url = attr(n, "xmlUrl");
		if (url != NULL && url[0] != '\0') {
			text = attr(n, "text");
			if (text == NULL || text[0] == '\0') {
				xmlFree(text);
				text = attr(n, "title");
			}
			make_name(w, text ? (const char *)text : "", name,
			    sizeof(name));
			xmlFree(text);
			if (strlist_push(&w->names, name) < 0) {
				w->rc = -ENOMEM;
			} else {
				w->count++;
				rc = w->on_feed(w->arg, name, (const char *)url,
				    (int)xmlGetLineNo(n));
				if (rc < 0)
					w->rc = rc;
			}
		}
		xmlFree(url);
		visit(w, n->children);
	}
}

#define OPML_FLAGS (XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR)

static int
walk_doc(struct walk *w, xmlDoc *doc)
{
	const xmlError *e;
	xmlNode *root;

	if (doc == NULL) {
		e = xmlGetLastError();
		add_error(w, e ? e->line : 0,
		    e && e->message ? "not well-formed XML; fix the OPML file" :
		                      "cannot read the OPML file");
		return w->rc;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcasecmp((const char *)root->name, "opml") != 0)
		add_error(w, root ? (int)xmlGetLineNo(root) : 1,
		    "not an OPML document (root element is not <opml>)");
	else
		visit(w, root->children);
	if (w->rc == 0 && w->count == 0)
		add_error(w, 1, "no <outline> with an xmlUrl attribute");
	strlist_clear(&w->names);
	xmlFreeDoc(doc);
	return w->rc;
}

int
opml_load(const char *path,
    int (*on_feed)(void *arg, const char *name, const char *url, int line),
    void *arg, struct strlist *errors)
{
	struct walk w = { .path = path,
		.errors = errors,
		.on_feed = on_feed,
		.arg = arg };

	return walk_doc(&w, xmlReadFile(path, NULL, OPML_FLAGS));
}

int
opml_parse(const char *label, const char *data, size_t len,
    int (*on_feed)(void *arg, const char *name, const char *url, int line),
    void *arg, struct strlist *errors)
{
	struct walk w = { .path = label,
		.errors = errors,
		.on_feed = on_feed,
		.arg = arg };

	if (len > 16u << 20) {
		add_error(&w, 0, "larger than 16 MiB");
		return w.rc;
	}
	return walk_doc(&w,
	    xmlReadMemory(data, (int)len, label, NULL, OPML_FLAGS));
}
