/*
 * feed_parse_rss.c -- RSS 0.90-0.94, 1.0 (RDF) and 2.0 elements.
 *
 * The RSS versions differ mostly in where items sit (inside <channel> for
 * 0.9x/2.0, beside it under rdf:RDF for 1.0) and in namespaces, so one
 * reader serves them all: core elements are read in any namespace that is
 * not a known extension (RSS 2.0 has none, 1.0 and 0.90 have their own,
 * and some feeds invent one).  Channel and item fields count only as direct
 * children, which keeps <image><title> out of the channel title.  Media RSS
 * is read at any depth inside an item (media:group wraps it).  RSS text is
 * HTML by convention; identifiers, URLs and dates are read raw.
 */
#include <string.h>
#include <strings.h>

#include "feeds/feed_parse_impl.h"

static bool
is_core(enum fp_ns ns)
{
	return ns == NS_NONE || ns == NS_OTHER || ns == NS_RSS10 ||
	    ns == NS_RSS090;
}

static bool
is(const struct fp_el *el, const char *name)
{
	return strcmp(el->name, name) == 0;
}

int
fp_rss_root(struct feed_parser *p, const struct fp_el *el)
{
	const char *v;

	p->family = FAM_RSS;
	if (is(el, "RDF")) {
		/* on_start set rss0.9 if the root declared its namespace */
		if (p->meta.format == NULL)
			p->meta.format = "rss1.0";
		return 0;
	}
	v = fp_attr(p, el, "version", 0);
	p->meta.format = v != NULL && strncmp(v, "0.9", 3) == 0 ? "rss0.9" :
	                                                          "rss2.0";
	if (is(el, "channel"))
		p->channel_depth = p->depth;
	return 0;
}

/* atom:link inside RSS: the alternate link, or an enclosure. */
static int
atom_link(struct feed_parser *p, const struct fp_el *el, struct buf *slot)
{
	const char *rel = fp_attr(p, el, "rel", 0);
	const char *href = fp_attr(p, el, "href", 1);

	if (href == NULL)
		return 0;
	if (rel == NULL || strcmp(rel, "alternate") == 0)
		return slot != NULL ? fp_link(p, slot, href) : 0;
	if (strcmp(rel, "enclosure") == 0 && slot != NULL)
		return fp_enclosure(p, href, fp_attr(p, el, "type", 0),
		    fp_attr(p, el, "length", 2));
	return 0;
}

static int
channel_child(struct feed_parser *p, const struct fp_el *el)
{
	enum fp_field f = F_NONE;
	enum fp_kind k = KIND_RAW;

	if (is_core(el->ns)) {
		if (is(el, "title") || is(el, "description")) {
			f = is(el, "title") ? F_TITLE : F_SUMMARY;
			k = KIND_HTML;
		} else if (is(el, "link")) {
			f = F_LINK;
		} else if (is(el, "language")) {
			f = F_LANGUAGE;
		} else if (is(el, "lastBuildDate")) {
			f = F_UPDATED;
		} else if (is(el, "pubDate")) {
			f = F_PUBLISHED;
		} else if (is(el, "ttl")) {
			f = F_TTL;
		} else if (!is(el, "item")) {
			p->skip_depth = p->depth; /* image, textinput, ... */
		}
	} else if (el->ns == NS_DC) {
		f = is(el, "date")        ? F_DCDATE :
		    is(el, "language")    ? F_LANGUAGE :
		    is(el, "title")       ? F_TITLE :
		    is(el, "description") ? F_SUMMARY :
		                            F_NONE;
		k = is(el, "title") || is(el, "description") ? KIND_HTML :
		                                               KIND_RAW;
	} else if (el->ns == NS_ITUNES &&
	    (is(el, "summary") || is(el, "subtitle"))) {
		f = F_SUMMARY;
		k = KIND_TEXT;
	} else if (el->ns == NS_SY) {
		f = is(el, "updatePeriod")    ? F_SY_PERIOD :
		    is(el, "updateFrequency") ? F_SY_FREQ :
		                                F_NONE;
	} else if (el->ns == NS_ATOM10 && is(el, "link") &&
	    p->meta.link == NULL) {
		const char *rel = fp_attr(p, el, "rel", 0);
		const char *href = fp_attr(p, el, "href", 1);

		if (href != NULL &&
		    (rel == NULL || strcmp(rel, "alternate") == 0))
			return fp_store_raw(p, F_LINK, href);
	}
	if (f != F_NONE)
		fp_capture(p, f, k);
	return 0;
}

int
fp_media(struct feed_parser *p, const struct fp_el *el)
{
	if (is(el, "content")) {
		const char *url = fp_attr(p, el, "url", 1);

		return fp_enclosure(p, url, fp_attr(p, el, "type", 0),
		    fp_attr(p, el, "fileSize", 2));
	}
	if (is(el, "description")) {
		const char *t = fp_attr(p, el, "type", 0);

		fp_capture(p, F_ALTSUMMARY,
		    t != NULL && strcasecmp(t, "html") == 0 ? KIND_HTML :
		                                              KIND_TEXT);
	}
	return 0;
}

static int
item_core(struct feed_parser *p, const struct fp_el *el)
{
	const char *v;

	if (is(el, "title"))
		fp_capture(p, F_TITLE, KIND_HTML);
	else if (is(el, "link"))
		fp_capture(p, F_LINK, KIND_RAW);
	else if (is(el, "description"))
		fp_capture(p, F_SUMMARY, KIND_HTML);
	else if (is(el, "pubDate"))
		fp_capture(p, F_PUBLISHED, KIND_RAW);
	else if (is(el, "author"))
		fp_capture(p, F_AUTHOR, KIND_HTML);
	else if (is(el, "category"))
		fp_capture(p, F_CATEGORY, KIND_RAW);
	else if (is(el, "enclosure"))
		return fp_enclosure(p, fp_attr(p, el, "url", 1),
		    fp_attr(p, el, "type", 0), fp_attr(p, el, "length", 2));
	else if (is(el, "guid")) {
		v = fp_attr(p, el, "isPermaLink", 0);
		if (p->it.id.len == 0)
			p->it.guid_permalink = v == NULL ||
			    strcasecmp(v, "false") != 0;
		fp_capture(p, F_ID, KIND_RAW);
	} else if (!is(el, "item")) {
		p->skip_depth = p->depth; /* source, comments, ... */
	}
	return 0;
}

/* Atom elements borrowed into an RSS item. */
static int
atom_child(struct feed_parser *p, const struct fp_el *el)
{
	const char *v;

	if (is(el, "updated"))
		fp_capture(p, F_UPDATED, KIND_RAW);
	else if (is(el, "published"))
		fp_capture(p, F_PUBLISHED, KIND_RAW);
	else if (is(el, "content") || is(el, "summary"))
		fp_capture(p, is(el, "content") ? F_CONTENT : F_ALTSUMMARY,
		    fp_text_kind(fp_attr(p, el, "type", 0), NULL));
	else if (is(el, "author"))
		p->person_depth = p->depth;
	else if (is(el, "category") && (v = fp_attr(p, el, "term", 0)) != NULL)
		return fp_store_raw(p, F_CATEGORY, v);
	return 0;
}

static int
item_child(struct feed_parser *p, const struct fp_el *el)
{
	bool direct = p->depth == p->item_depth + 1;

	if (p->person_depth > 0) {
		if (is(el, "name") && p->depth == p->person_depth + 1)
			fp_capture(p, F_AUTHOR, KIND_TEXT);
		return 0;
	}
	if (el->ns == NS_MEDIA)
		return fp_media(p, el);
	if (!direct)
		return 0;
	if (is_core(el->ns))
		return item_core(p, el);
	if (el->ns == NS_DC) {
		if (is(el, "creator") || is(el, "author"))
			fp_capture(p, F_AUTHOR, KIND_HTML);
		else if (is(el, "date"))
			fp_capture(p, F_DCDATE, KIND_RAW);
		else if (is(el, "subject"))
			fp_capture(p, F_CATEGORY, KIND_RAW);
		else if (is(el, "description"))
			fp_capture(p, F_ALTSUMMARY, KIND_HTML);
		else if (is(el, "title"))
			fp_capture(p, F_TITLE, KIND_HTML);
	} else if (el->ns == NS_CONTENT && is(el, "encoded")) {
		fp_capture(p, F_CONTENT, KIND_HTML);
	} else if (el->ns == NS_DCTERMS && is(el, "modified")) {
		fp_capture(p, F_UPDATED, KIND_RAW);
	} else if (el->ns == NS_ATOM10) {
		if (is(el, "link"))
			return atom_link(p, el, &p->it.altlink);
		return atom_child(p, el);
	} else if (el->ns == NS_ITUNES) {
		if (is(el, "summary"))
			fp_capture(p, F_ALTSUMMARY, KIND_TEXT);
		else if (is(el, "author"))
			fp_capture(p, F_AUTHOR, KIND_TEXT);
		else if (is(el, "keywords"))
			fp_capture(p, F_KEYWORDS, KIND_RAW);
	}
	return 0;
}

int
fp_rss_start(struct feed_parser *p, const struct fp_el *el)
{
	if (p->item_depth > 0)
		return item_child(p, el);
	if (is(el, "item") && is_core(el->ns))
		return fp_item_begin(p);
	if (is(el, "channel") && p->channel_depth == 0) {
		p->channel_depth = p->depth;
		if (el->ns == NS_RSS090)
			p->meta.format = "rss0.9";
		return 0;
	}
	if (p->channel_depth > 0 && p->depth == p->channel_depth + 1)
		return channel_child(p, el);
	if (p->depth == 2)
		p->skip_depth = p->depth; /* RSS 1.0 image, textinput */
	return 0;
}

int
fp_rss_end(struct feed_parser *p, const struct fp_el *el)
{
	(void)el;
	if (p->person_depth == p->depth)
		p->person_depth = 0;
	else if (p->item_depth > 0 && p->depth == p->item_depth)
		return fp_item_end(p);
	if (p->depth == p->channel_depth)
		p->channel_depth = 0;
	return 0;
}
