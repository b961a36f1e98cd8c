/*
 * feed_parse_item.c -- what the readers capture becomes an item: text
 * normalised by its kind, values stored by first-wins rules, fallbacks
 * applied (alternate links, guid permalinks, dc:date, media:description),
 * the stable key computed, and the item handed to on_item.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feeds/charset.h"
#include "feeds/date.h"
#include "feeds/feed_parse_impl.h"
#include "feeds/html_text.h"
#include "feeds/item_key.h"
#include "feeds/url.h"

#define TRUNC_MARK "\u2026" /* after a truncated field (fp_truncate) */

void
fp_strv_reset(struct fp_strv *v)
{
	buf_reset(&v->data);
	v->n = 0;
}

void
fp_strv_clear(struct fp_strv *v)
{
	buf_clear(&v->data);
	free(v->off);
	free(v->ptrs);
	memset(v, 0, sizeof(*v));
}

int
fp_strv_add(struct fp_strv *v, const char *s)
{
	int rc;

	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 4;
		size_t *off = realloc(v->off, cap * sizeof(*off));
		char **ptrs;

		if (off == NULL)
			return -ENOMEM;
		v->off = off;
		ptrs = realloc(v->ptrs, cap * sizeof(*ptrs));
		if (ptrs == NULL)
			return -ENOMEM;
		v->ptrs = ptrs;
		v->cap = cap;
	}
	v->off[v->n] = v->data.len;
	rc = buf_append(&v->data, s, strlen(s) + 1);
	if (rc < 0)
		return rc;
	v->n++;
	return 0;
}

/* The pointer view of v, valid until v changes. */
static char **
strv_view(struct fp_strv *v)
{
	for (size_t i = 0; i < v->n; i++)
		v->ptrs[i] = v->data.data + v->off[i];
	return v->n > 0 ? v->ptrs : NULL;
}

static bool
strv_has(const struct fp_strv *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->data.data + v->off[i], s) == 0)
			return true;
	return false;
}

enum fp_kind
fp_text_kind(const char *type, const char *mode)
{
	if (mode != NULL && strcasecmp(mode, "escaped") == 0)
		return type != NULL && strcasestr(type, "plain") != NULL ?
		    KIND_TEXT :
		    KIND_HTML;
	if (type == NULL || *type == '\0' || strcasecmp(type, "text") == 0)
		return KIND_TEXT;
	if (strcasecmp(type, "xhtml") == 0 || strcasestr(type, "xml") != NULL)
		return KIND_XHTML;
	if (strcasestr(type, "html") != NULL)
		return KIND_HTML;
	return KIND_TEXT;
}

void
fp_capture(struct feed_parser *p, enum fp_field f, enum fp_kind k)
{
	p->truncated = false;
	p->field = f;
	p->kind = k;
	p->base64 = false;
	p->field_depth = p->depth;
	buf_reset(&p->raw);
}

int
fp_set_meta(char **slot, const char *s)
{
	if (*slot != NULL || *s == '\0')
		return 0;
	*slot = strdup(s);
	return *slot != NULL ? 0 : -ENOMEM;
}

int
fp_link(struct feed_parser *p, struct buf *slot, const char *href)
{
	if (slot->len > 0 || href == NULL)
		return 0;
	return url_resolve(fp_base(p), href, slot);
}

/* sy:updatePeriod and sy:updateFrequency give ttl_s = period / freq. */
static const struct {
	const char *name;
	int64_t s;
} periods[] = { { "hourly", 3600 }, { "daily", 86400 }, { "weekly", 604800 },
	{ "monthly", 2592000 }, { "yearly", 31536000 } };

/*
 * The feed's own hint on how often to poll it: the larger of <ttl> and
 * sy:updatePeriod / sy:updateFrequency (which may come in either order).
 */
static void
set_ttl(struct feed_parser *p, enum fp_field f, const char *s)
{
	long v = strtol(s, NULL, 10);
	int64_t sy;

	if (f == F_TTL && v > 0 && v < 1000000)
		p->ttl_hint_s = (int64_t)v * 60;
	else if (f == F_SY_FREQ && v > 0 && v < 100000)
		p->sy_freq = v;
	else if (f == F_SY_PERIOD)
		for (size_t i = 0; i < 5; i++)
			if (strcasecmp(s, periods[i].name) == 0)
				p->sy_period_s = periods[i].s;
	sy = p->sy_period_s / (p->sy_freq > 0 ? p->sy_freq : 1);
	p->meta.ttl_s = p->ttl_hint_s > sy ? p->ttl_hint_s : sy;
}

static void
set_meta_date(struct feed_parser *p, enum fp_field f, const char *s)
{
	/* lastBuildDate/updated beat pubDate, which beats dc:date */
	int rank = f == F_UPDATED ? 3 : f == F_PUBLISHED ? 2 : 1;
	int64_t t = date_parse(s, strlen(s));

	if (t != ITEM_NO_TIME && rank > p->meta_upd_rank) {
		p->meta.updated = t;
		p->meta_upd_rank = rank;
	}
}

static int
store_meta(struct feed_parser *p, enum fp_field f, const char *s)
{
	struct buf *t = &p->text;

	switch (f) {
	case F_TITLE:
		return fp_set_meta(&p->meta.title, s);
	case F_SUMMARY:
		return fp_set_meta(&p->meta.description, s);
	case F_LANGUAGE:
		return fp_set_meta(&p->meta.language, s);
	case F_LINK:
		if (p->meta.link != NULL)
			return 0;
		buf_reset(t);
		if (url_resolve(fp_base(p), s, t) < 0)
			return -ENOMEM;
		return fp_set_meta(&p->meta.link, buf_str(t));
	case F_PUBLISHED:
	case F_UPDATED:
	case F_DCDATE:
		set_meta_date(p, f, s);
		return 0;
	case F_TTL:
	case F_SY_PERIOD:
	case F_SY_FREQ:
		set_ttl(p, f, s);
		return 0;
	default:
		return 0;
	}
}

static void
set_date(int64_t *slot, const char *s)
{
	if (*slot == ITEM_NO_TIME)
		*slot = date_parse(s, strlen(s));
}

/* "jo@example.org (Jo Bloggs)" or "Jo Bloggs (jo@example.org)" -> name */
static const char *
person_name(char *s)
{
	size_t n = strlen(s);
	char *open = strrchr(s, '(');
	char *a = s, *b;

	if (n < 3 || s[n - 1] != ')' || open == NULL || open == s)
		return s;
	b = open + 1;
	s[n - 1] = '\0';
	open[open[-1] == ' ' ? -1 : 0] = '\0';
	if (strchr(b, '(') != NULL || *b == '\0' || *a == '\0')
		return s; /* nested parentheses: leave the string alone */
	return strchr(a, '@') != NULL && strchr(b, '@') == NULL ? b : a;
}

static int
keywords(struct fp_strv *v, char *s)
{
	char *save = NULL;
	int rc = 0;

	for (char *t = strtok_r(s, ",", &save); t != NULL && rc == 0;
	     t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		for (size_t n = strlen(t); n > 0 && t[n - 1] == ' ';)
			t[--n] = '\0';
		if (*t != '\0' && !strv_has(v, t))
			rc = fp_strv_add(v, t);
	}
	return rc;
}

static int
store_item(struct feed_parser *p, enum fp_field f, const char *s)
{
	struct fp_item *it = &p->it;

	switch (f) {
	case F_LINK:
		return fp_link(p, &it->link, s);
	case F_PUBLISHED:
		set_date(&it->published, s);
		return 0;
	case F_UPDATED:
		set_date(&it->updated, s);
		return 0;
	case F_DCDATE:
		set_date(&it->dcdate, s);
		return 0;
	case F_AUTHOR:
		s = person_name((char *)s);
		return strv_has(&it->authors, s) ? 0 :
		                                   fp_strv_add(&it->authors, s);
	case F_KEYWORDS:
		return keywords(&it->categories, (char *)s);
	case F_CATEGORY:
		return strv_has(&it->categories, s) ?
		    0 :
		    fp_strv_add(&it->categories, s);
	default:
		return 0; /* text fields went straight to their slot */
	}
}

static int
b64(char c)
{
	static const char a[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *q = c != '\0' ? strchr(a, c) : NULL;

	return q != NULL ? (int)(q - a) : -1;
}

/*
 * Base64 text s[0..n) decoded into out, when it is base64 (alphabet, white
 * space and padding only, a multiple of 4 long) and decodes to UTF-8 text.
 * False leaves the text to be read as it is: a feed that says
 * type="application/x-custom" usually means plain text.
 */
static bool
base64_text(const char *s, size_t n, struct buf *out)
{
	unsigned int acc = 0, bits = 0;
	size_t len = 0, pad = 0;
	char c;

	buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		int v = b64(s[i]);

		if (s[i] == '=') {
			pad++;
			continue;
		}
		if (v < 0 && isspace((unsigned char)s[i]))
			continue;
		if (v < 0 || pad > 0)
			return false;
		len++;
		acc = acc << 6 | (unsigned int)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			c = (char)(acc >> bits & 0xff);
			if (buf_append(out, &c, 1) < 0)
				return false;
		}
	}
	return len > 0 && (len + pad) % 4 == 0 && pad <= 2 &&
	    charset_utf8_valid(buf_str(out), out->len);
}

/* The item's buffer for text field f, or NULL if f is stored otherwise. */
static struct buf *
text_slot(struct fp_item *it, enum fp_field f)
{
	switch (f) {
	case F_TITLE:
		return &it->title;
	case F_SUMMARY:
		return &it->summary;
	case F_CONTENT:
		return &it->content;
	case F_ID:
		return &it->id;
	case F_ALTSUMMARY:
		return &it->altsummary;
	default:
		return NULL;
	}
}

/* Normalise captured text s by p->kind, then store it as field f. */
int
fp_store(struct feed_parser *p, enum fp_field f, const char *s)
{
	struct buf *out, *slot;
	size_t n = strlen(s);
	int rc;

	if (p->base64) {
		p->base64 = false;
		if (!base64_text(s, n, &p->text))
			p->kind = KIND_TEXT;
		else {
			/* s is p->raw: captures are the only base64 source */
			buf_reset(&p->raw);
			if (buf_append(&p->raw, p->text.data, p->text.len) < 0)
				return -ENOMEM;
			s = p->raw.data;
			n = p->raw.len;
		}
	}
	out = &p->text;
	if (p->item_depth > 0 && (slot = text_slot(&p->it, f)) != NULL) {
		/* first wins: a later duplicate needs no normalising, and
		 * the first is written straight into its slot */
		if (slot->len > 0)
			return 0;
		out = slot;
	}
	buf_reset(out);
	if (p->kind == KIND_HTML || p->kind == KIND_XHTML)
		rc = html_text_run(p->html, s, n, out);
	else
		rc = html_text_plain(s, n, out);
	if (rc == -EFBIG)
		return fp_fail(p, rc, "a text field is over %zu bytes",
		    p->opts.max_field);
	if (rc == 0 && p->truncated && out->len > 0 &&
	    buf_appends(out, TRUNC_MARK) == -ENOMEM)
		rc = -ENOMEM; /* a cap too small for the mark leaves it off */
	p->truncated = false;
	if (rc < 0 || out != &p->text || p->text.len == 0)
		return rc;
	/* store_meta may reuse p->text: hand over a copy in p->raw */
	buf_reset(&p->raw);
	rc = buf_append(&p->raw, p->text.data, p->text.len);
	if (rc < 0)
		return rc;
	return p->item_depth > 0 ? store_item(p, f, p->raw.data) :
	                           store_meta(p, f, p->raw.data);
}

/* Store a value read from an attribute: white space only. */
int
fp_store_raw(struct feed_parser *p, enum fp_field f, const char *s)
{
	p->kind = KIND_RAW;
	p->base64 = false;
	return fp_store(p, f, s);
}

static void
item_reset(struct fp_item *it)
{
	buf_reset(&it->title);
	buf_reset(&it->link);
	buf_reset(&it->summary);
	buf_reset(&it->content);
	buf_reset(&it->id);
	buf_reset(&it->altsummary);
	buf_reset(&it->altlink);
	buf_reset(&it->anylink);
	it->published = it->updated = it->dcdate = ITEM_NO_TIME;
	it->guid_permalink = false;
	fp_strv_reset(&it->authors);
	fp_strv_reset(&it->categories);
	fp_strv_reset(&it->enc_urls);
	fp_strv_reset(&it->enc_types);
}

int
fp_item_begin(struct feed_parser *p)
{
	/* Enough read: the items so far are kept and the rest of the
	 * document is skipped, not parsed (feed_parse_finish says so). */
	if (p->count >= p->opts.max_items) {
		p->items_capped = true;
		p->mode = FP_DONE;
		return 0;
	}
	item_reset(&p->it);
	p->item_depth = p->depth;
	return 0;
}

int
fp_enclosure(struct feed_parser *p, const char *url, const char *type,
    const char *length)
{
	struct fp_item *it = &p->it;
	size_t n = it->enc_urls.n;
	int rc;

	buf_reset(&p->text);
	if (url == NULL || url_resolve(fp_base(p), url, &p->text) < 0 ||
	    p->text.len == 0 || strv_has(&it->enc_urls, p->text.data))
		return 0;
	if (n == it->enc_cap) {
		size_t cap = n ? n * 2 : 4;
		uint64_t *l = realloc(it->enc_len, cap * sizeof(*l));
		struct enclosure *e;

		if (l == NULL)
			return -ENOMEM;
		it->enc_len = l;
		e = realloc(it->encs, cap * sizeof(*e));
		if (e == NULL)
			return -ENOMEM;
		it->encs = e;
		it->enc_cap = cap;
	}
	rc = fp_strv_add(&it->enc_urls, p->text.data);
	if (rc == 0)
		rc = fp_strv_add(&it->enc_types, type != NULL ? type : "");
	if (rc < 0)
		return rc;
	it->enc_len[n] = length != NULL ? strtoull(length, NULL, 10) : 0;
	return 0;
}

static const char *
str_or_null(const struct buf *b)
{
	return b->len > 0 ? b->data : NULL;
}

/* The item's view: borrowed pointers into p->it, with the fallbacks. */
static int
item_view(struct feed_parser *p)
{
	struct fp_item *it = &p->it;
	struct item *v = &p->view;
	const struct buf *l = NULL;

	if (it->link.len == 0 && it->altlink.len > 0)
		l = &it->altlink;
	else if (it->link.len == 0 && it->anylink.len > 0)
		l = &it->anylink;
	/* RSS: a guid is a permalink unless isPermaLink="false" */
	else if (it->link.len == 0 && it->guid_permalink && it->id.len > 0 &&
	    (strncmp(it->id.data, "http://", 7) == 0 ||
	        strncmp(it->id.data, "https://", 8) == 0))
		l = &it->id;
	if (l != NULL && buf_append(&it->link, l->data, l->len) < 0)
		return -ENOMEM;
	item_init(v);
	v->id = (char *)str_or_null(&it->id);
	v->title = (char *)str_or_null(&it->title);
	v->link = (char *)str_or_null(&it->link);
	v->summary = (char *)str_or_null(
	    it->summary.len > 0 ? &it->summary : &it->altsummary);
	v->content = (char *)str_or_null(&it->content);
	v->published = it->published != ITEM_NO_TIME ? it->published :
	                                               it->dcdate;
	v->updated = it->updated;
	v->authors = strv_view(&it->authors);
	v->n_authors = it->authors.n;
	v->categories = strv_view(&it->categories);
	v->n_categories = it->categories.n;
	v->n_enclosures = it->enc_urls.n;
	v->enclosures = v->n_enclosures > 0 ? it->encs : NULL;
	for (size_t i = 0; i < v->n_enclosures; i++) {
		const char *t = it->enc_types.data.data + it->enc_types.off[i];

		it->encs[i].url = it->enc_urls.data.data + it->enc_urls.off[i];
		it->encs[i].type = *t != '\0' ? (char *)t : NULL;
		it->encs[i].length = it->enc_len[i];
	}
	return 0;
}

int
fp_item_end(struct feed_parser *p)
{
	int rc;

	p->item_depth = 0;
	rc = item_view(p);
	buf_reset(&p->key);
	buf_reset(&p->old_key);
	if (rc == 0)
		rc = item_key_build(&p->view, &p->key);
	if (rc == 0)
		rc = item_key_old(&p->view, &p->old_key);
	if (rc < 0)
		return rc;
	p->view.key = p->key.data;
	p->view.old_key = p->old_key.len > 0 ? p->old_key.data : NULL;
	p->count++;
	rc = p->cbs != NULL && p->cbs->on_item != NULL ?
	    p->cbs->on_item(p->arg, &p->view) :
	    0;
	if (rc < 0)
		return fp_fail(p, rc, "stopped by the item callback");
	return 0;
}

void
fp_item_init(struct fp_item *it, size_t max_field)
{
	memset(it, 0, sizeof(*it));
	buf_init(&it->title, max_field);
	buf_init(&it->link, max_field);
	buf_init(&it->summary, max_field);
	buf_init(&it->content, max_field);
	buf_init(&it->id, max_field);
	buf_init(&it->altsummary, max_field);
	buf_init(&it->altlink, max_field);
	buf_init(&it->anylink, max_field);
	buf_init(&it->authors.data, max_field);
	buf_init(&it->categories.data, max_field);
	buf_init(&it->enc_urls.data, max_field);
	buf_init(&it->enc_types.data, max_field);
	it->published = it->updated = it->dcdate = ITEM_NO_TIME;
}

void
fp_item_clear(struct fp_item *it)
{
	buf_clear(&it->title);
	buf_clear(&it->link);
	buf_clear(&it->summary);
	buf_clear(&it->content);
	buf_clear(&it->id);
	buf_clear(&it->altsummary);
	buf_clear(&it->altlink);
	buf_clear(&it->anylink);
	fp_strv_clear(&it->authors);
	fp_strv_clear(&it->categories);
	fp_strv_clear(&it->enc_urls);
	fp_strv_clear(&it->enc_types);
	free(it->enc_len);
	free(it->encs);
}
