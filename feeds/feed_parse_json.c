/*
 * feed_parse_json.c -- JSON Feed 1.0 and 1.1 (https://jsonfeed.org).
 *
 * jansson has no streaming reader, so the document is buffered (under the
 * same max_doc cap as any document) and read at feed_parse_finish.  Items
 * go through the same storage and normalisation as XML items.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "feeds/feed_parse_impl.h"

static const char *
str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* o[key] as a C string with any NUL left out (in p->attr[2]), or NULL. */
static const char *
text(struct feed_parser *p, const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	const char *s = json_string_value(v);
	size_t n = json_string_length(v), run = 0;
	struct buf *b = &p->attr[2];

	if (s == NULL || strlen(s) == n)
		return s;
	buf_reset(b);
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '\0')
			continue;
		if (buf_append(b, s + run, i - run) < 0)
			return NULL;
		run = i + 1;
	}
	return buf_str(b);
}

/* Store o[key] as field f when it is a string; one over max_field keeps
 * its start, marked, as an XML field does (fp_truncate). */
static int
field(struct feed_parser *p, const json_t *o, const char *key, enum fp_field f,
    enum fp_kind k)
{
	const char *s = text(p, o, key);
	size_t n = s != NULL ? strlen(s) : 0;

	if (s == NULL)
		return 0;
	p->kind = k;
	if (n + 8 > p->opts.max_field) { /* over fp_truncate's cap */
		buf_reset(&p->raw);
		fp_truncate(p, s, n);
		s = buf_str(&p->raw);
	}
	return fp_store(p, f, s);
}

static int
people(struct feed_parser *p, const json_t *it)
{
	const json_t *a = json_object_get(it, "authors"), *v;
	size_t i;
	int rc = 0;

	if (!json_is_array(a) && json_is_object(json_object_get(it, "author")))
		return field(p, json_object_get(it, "author"), "name", F_AUTHOR,
		    KIND_TEXT);
	json_array_foreach(a, i, v)
	{
		if (rc == 0)
			rc = field(p, v, "name", F_AUTHOR, KIND_TEXT);
	}
	return rc;
}

static int
lists(struct feed_parser *p, const json_t *it)
{
	const json_t *v;
	char len[32];
	size_t i;
	int rc = 0;

	json_array_foreach(json_object_get(it, "tags"), i, v)
	{
		if (rc == 0 && json_is_string(v))
			rc = fp_store_raw(p, F_CATEGORY, json_string_value(v));
	}
	json_array_foreach(json_object_get(it, "attachments"), i, v)
	{
		const json_t *sz = json_object_get(v, "size_in_bytes");

		snprintf(len, sizeof(len), "%" JSON_INTEGER_FORMAT,
		    json_is_integer(sz) ? json_integer_value(sz) : 0);
		if (rc == 0)
			rc = fp_enclosure(p, str(v, "url"), str(v, "mime_type"),
			    len);
	}
	return rc;
}

static int
item(struct feed_parser *p, const json_t *it)
{
	const json_t *id = json_object_get(it, "id");
	char num[32];
	int64_t t;
	int rc;

	p->depth = 1;
	rc = fp_item_begin(p);
	if (rc < 0 || p->items_capped)
		return rc;
	if (json_is_integer(id)) {
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(id));
		rc = fp_store_raw(p, F_ID, num);
	} else {
		rc = field(p, it, "id", F_ID, KIND_RAW);
	}
	if (rc == 0)
		rc = field(p, it, "url", F_LINK, KIND_RAW);
	if (rc == 0 && str(it, "external_url") != NULL)
		rc = fp_link(p, &p->it.anylink, str(it, "external_url"));
	if (rc == 0)
		rc = field(p, it, "title", F_TITLE, KIND_TEXT);
	if (rc == 0)
		rc = field(p, it, "summary", F_SUMMARY, KIND_TEXT);
	if (rc == 0)
		rc = field(p, it, "content_html", F_CONTENT, KIND_HTML);
	if (rc == 0)
		rc = field(p, it, "content_text", F_CONTENT, KIND_TEXT);
	if (rc == 0)
		rc = field(p, it, "date_published", F_PUBLISHED, KIND_RAW);
	if (rc == 0)
		rc = field(p, it, "date_modified", F_UPDATED, KIND_RAW);
	if (rc == 0)
		rc = people(p, it);
	if (rc == 0)
		rc = lists(p, it);
	if (rc == 0)
		rc = fp_item_end(p);
	/* JSON Feed has no date of its own: the newest item's stands in */
	t = p->view.updated != ITEM_NO_TIME ? p->view.updated :
	                                      p->view.published;
	if (rc == 0 && t > p->meta.updated)
		p->meta.updated = t;
	p->depth = 0;
	return rc;
}

static int
feed(struct feed_parser *p, const json_t *root)
{
	const json_t *items = json_object_get(root, "items"), *it;
	const char *v = str(root, "version");
	size_t i;
	int rc = 0;

	/* a "version" naming JSON Feed, or items: feeds write "1.0" too */
	if (!json_is_object(root) ||
	    (!json_is_array(items) &&
	        (v == NULL || strstr(v, "jsonfeed.org/version/") == NULL)))
		return fp_fail(p, -ENOMSG,
		    "not a feed: JSON but not a JSON Feed (no version 1.x "
		    "and items)");
	p->family = FAM_NONE;
	p->meta.format = "jsonfeed1";
	rc = field(p, root, "title", F_TITLE, KIND_TEXT);
	if (rc == 0)
		rc = field(p, root, "home_page_url", F_LINK, KIND_RAW);
	if (rc == 0)
		rc = field(p, root, "description", F_SUMMARY, KIND_TEXT);
	if (rc == 0)
		rc = field(p, root, "language", F_LANGUAGE, KIND_RAW);
	json_array_foreach(items, i, it)
	{
		if (rc == 0 && json_is_object(it) && !p->items_capped)
			rc = item(p, it);
	}
	return rc;
}

int
fp_json_finish(struct feed_parser *p)
{
	json_error_t err;
	json_t *root;
	int rc;

	/* a \u0000 in one string must not cost the document: allowed here,
	 * and dropped from the text like any other control character */
	root = json_loadb(buf_str(&p->doc), p->doc.len,
	    JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	buf_clear(&p->doc);
	if (root == NULL)
		return fp_fail(p, -EBADMSG,
		    "not a feed: invalid JSON at line %d: %s", err.line,
		    err.text);
	rc = feed(p, root);
	json_decref(root);
	if (rc < 0 && p->err == 0)
		fp_fail(p, rc, "out of memory");
	return rc;
}
