/*
 * feed_parse_atom.c -- Atom 1.0 (RFC 4287) and Atom 0.3 elements.
 *
 * Text constructs say what they hold: type="text" is plain text,
 * type="html" escaped HTML, type="xhtml" inline markup (0.3 adds
 * mode="escaped|xml|base64").  Entry metadata inside <source> belongs to
 * the feed it was copied from, so <source> is skipped.  The item link is the
 * first rel="alternate" link (rel absent means alternate), else the first
 * link of another kind except self/edit/enclosure.
 */
#include <string.h>
#include <strings.h>

#include "feeds/feed_parse_impl.h"

static bool
is(const struct fp_el *el, const char *name)
{
	return strcmp(el->name, name) == 0;
}

static bool
is_atom(const struct feed_parser *p, const struct fp_el *el)
{
	return el->ns == NS_ATOM10 || el->ns == NS_ATOM03 ||
	    (el->ns == NS_NONE && strcmp(p->meta.format, "atom0.3") == 0) ||
	    el->ns == NS_NONE;
}

int
fp_atom_root(struct feed_parser *p, const struct fp_el *el)
{
	const char *v;

	p->family = FAM_ATOM;
	v = fp_attr(p, el, "version", 0);
	p->meta.format = el->ns == NS_ATOM03 ||
	        (el->ns != NS_ATOM10 && v != NULL && strcmp(v, "0.3") == 0) ?
	    "atom0.3" :
	    "atom1.0";
	v = fp_attr(p, el, "lang", 0);
	if (v != NULL)
		return fp_set_meta(&p->meta.language, v);
	return 0;
}

/* A text construct: capture it with the kind its attributes declare. */
static void
text(struct feed_parser *p, const struct fp_el *el, enum fp_field f)
{
	const char *mode = fp_attr(p, el, "mode", 1);
	const char *type = fp_attr(p, el, "type", 0);

	bool b64 = mode != NULL && strcasecmp(mode, "base64") == 0;

	/* RFC 4287 4.1.3.3: other media types than text/... and XML ones
	 * are base64; decoded, they are read as HTML like gofeed does */
	if (!b64 && mode == NULL && type != NULL && strchr(type, '/') != NULL &&
	    strncasecmp(type, "text/", 5) != 0 &&
	    strcasestr(type, "xml") == NULL)
		b64 = true;
	fp_capture(p, f, b64 ? KIND_HTML : fp_text_kind(type, mode));
	p->base64 = b64;
}

static int
link(struct feed_parser *p, const struct fp_el *el, bool in_entry)
{
	const char *rel = fp_attr(p, el, "rel", 0);
	const char *href = fp_attr(p, el, "href", 1);

	if (href == NULL)
		return 0;
	if (rel == NULL || strcmp(rel, "alternate") == 0)
		return in_entry ? fp_link(p, &p->it.link, href) :
		                  fp_store_raw(p, F_LINK, href);
	if (!in_entry)
		return 0;
	if (strcmp(rel, "enclosure") == 0)
		return fp_enclosure(p, href, fp_attr(p, el, "type", 0),
		    fp_attr(p, el, "length", 2));
	if (strcmp(rel, "self") != 0 && strcmp(rel, "edit") != 0)
		return fp_link(p, &p->it.anylink, href);
	return 0;
}

static int
feed_child(struct feed_parser *p, const struct fp_el *el)
{
	if (is(el, "entry"))
		return fp_item_begin(p);
	if (is(el, "title"))
		text(p, el, F_TITLE);
	else if (is(el, "subtitle") || is(el, "tagline"))
		text(p, el, F_SUMMARY);
	else if (is(el, "link"))
		return link(p, el, false);
	else if (is(el, "updated") || is(el, "modified"))
		fp_capture(p, F_UPDATED, KIND_RAW);
	else
		p->skip_depth = p->depth;
	return 0;
}

static int
entry_child(struct feed_parser *p, const struct fp_el *el)
{
	const char *v;

	if (is(el, "title"))
		text(p, el, F_TITLE);
	else if (is(el, "summary"))
		text(p, el, F_SUMMARY);
	else if (is(el, "content"))
		text(p, el, F_CONTENT);
	else if (is(el, "id"))
		fp_capture(p, F_ID, KIND_RAW);
	else if (is(el, "link"))
		return link(p, el, true);
	else if (is(el, "updated") || is(el, "modified"))
		fp_capture(p, F_UPDATED, KIND_RAW);
	else if (is(el, "published") || is(el, "issued"))
		fp_capture(p, F_PUBLISHED, KIND_RAW);
	else if (is(el, "created"))
		fp_capture(p, F_DCDATE, KIND_RAW);
	else if (is(el, "author"))
		p->person_depth = p->depth;
	else if (is(el, "category")) {
		v = fp_attr(p, el, "term", 0);
		if (v == NULL || *v == '\0')
			v = fp_attr(p, el, "label", 0);
		return v != NULL ? fp_store_raw(p, F_CATEGORY, v) : 0;
	} else {
		p->skip_depth = p->depth; /* source, contributor, rights */
	}
	return 0;
}

static int
entry_ext(struct feed_parser *p, const struct fp_el *el)
{
	if (el->ns == NS_MEDIA)
		return fp_media(p, el);
	if (p->depth != p->item_depth + 1)
		return 0;
	if (el->ns == NS_DC) {
		if (is(el, "creator"))
			fp_capture(p, F_AUTHOR, KIND_TEXT);
		else if (is(el, "subject"))
			fp_capture(p, F_CATEGORY, KIND_RAW);
		else if (is(el, "date"))
			fp_capture(p, F_DCDATE, KIND_RAW);
	}
	return 0;
}

int
fp_atom_start(struct feed_parser *p, const struct fp_el *el)
{
	bool atom = is_atom(p, el);

	if (p->item_depth == 0) {
		if (p->depth == 2 && atom)
			return feed_child(p, el);
		if (p->depth == 2)
			p->skip_depth = p->depth;
		return 0;
	}
	if (p->person_depth > 0) {
		if (atom && is(el, "name") && p->depth == p->person_depth + 1)
			fp_capture(p, F_AUTHOR, KIND_TEXT);
		return 0;
	}
	if (atom && p->depth == p->item_depth + 1)
		return entry_child(p, el);
	return entry_ext(p, el);
}

int
fp_atom_end(struct feed_parser *p, const struct fp_el *el)
{
	(void)el;
	if (p->person_depth == p->depth)
		p->person_depth = 0;
	else if (p->item_depth > 0 && p->depth == p->item_depth)
		return fp_item_end(p);
	return 0;
}
