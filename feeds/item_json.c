/* item_json.c -- see item_json.h. */
#include "feeds/item_json.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/clock.h"

/*
 * The keys go in once, in the schema's order (item_json.h), and each item
 * swaps only the values, so the hot path neither parses json_pack formats
 * nor rebuilds a hash table per item.  Our strings are valid UTF-8 already
 * (charset.c), hence the _nocheck calls.
 */
enum {
	J_ID,
	J_KEY,
	J_TITLE,
	J_LINK,
	J_SUMMARY,
	J_CONTENT,
	J_PUBLISHED,
	J_UPDATED,
	J_N_STR,
};

static const char *const j_keys[J_N_STR] = { "id", "key", "title", "link",
	"summary", "content", "published", "updated" };

struct item_json {
	json_t *obj;          /* owned */
	json_t *str[J_N_STR]; /* borrowed from obj while set, else owned */
	bool set[J_N_STR];    /* str[i] is obj's value (not null) */
	json_t *authors, *categories, *enclosures; /* borrowed from obj */
};

static void
jitem_clear(struct item_json *j)
{
	for (size_t i = 0; i < J_N_STR; i++)
		if (!j->set[i])
			json_decref(j->str[i]);
	json_decref(j->obj);
	memset(j, 0, sizeof(*j));
}

static int
jitem_init(struct item_json *j)
{
	j->obj = json_object();
	j->authors = json_array();
	j->categories = json_array();
	j->enclosures = json_array();
	for (size_t i = 0; i < J_N_STR; i++)
		j->str[i] = json_stringn_nocheck("", 0);
	if (j->obj == NULL)
		goto fail;
	/* the strings, then the arrays, in the schema's order */
	for (size_t i = 0; i < J_N_STR; i++)
		if (j->str[i] == NULL ||
		    json_object_set_new_nocheck(j->obj, j_keys[i],
		        json_null()) < 0)
			goto fail;
	/* the arrays' references move into obj, also on failure */
	if (json_object_set_new_nocheck(j->obj, "authors", j->authors) < 0 ||
	    json_object_set_new_nocheck(j->obj, "categories", j->categories) <
	        0 ||
	    json_object_set_new_nocheck(j->obj, "enclosures", j->enclosures) <
	        0)
		goto fail;
	return 0;
fail:
	jitem_clear(j);
	return -ENOMEM;
}

static int
jitem_str(struct item_json *j, size_t i, const char *s)
{
	if (s == NULL) {
		if (!j->set[i])
			return 0;
		/* obj drops its reference: keep ours */
		json_incref(j->str[i]);
		j->set[i] = false;
		return json_object_set_new_nocheck(j->obj, j_keys[i],
		    json_null());
	}
	if (json_string_setn_nocheck(j->str[i], s, strlen(s)) < 0)
		return -1;
	if (j->set[i])
		return 0;
	j->set[i] = true;
	return json_object_set_new_nocheck(j->obj, j_keys[i], j->str[i]);
}

static int
jitem_strs(json_t *a, char *const *v, size_t n)
{
	json_array_clear(a);
	for (size_t i = 0; i < n; i++)
		if (json_array_append_new(a,
		        json_stringn_nocheck(v[i], strlen(v[i]))) < 0)
			return -1;
	return 0;
}

static int
jitem_set(struct item_json *j, const struct item *it)
{
	char pub[32], upd[32];
	int rc = 0;

	clock_format_s(it->published, pub);
	clock_format_s(it->updated, upd);
	rc |= jitem_str(j, J_ID, it->id);
	rc |= jitem_str(j, J_KEY, it->key);
	rc |= jitem_str(j, J_TITLE, it->title);
	rc |= jitem_str(j, J_LINK, it->link);
	rc |= jitem_str(j, J_SUMMARY, it->summary);
	rc |= jitem_str(j, J_CONTENT, it->content);
	rc |= jitem_str(j, J_PUBLISHED, pub[0] != '\0' ? pub : NULL);
	rc |= jitem_str(j, J_UPDATED, upd[0] != '\0' ? upd : NULL);
	rc |= jitem_strs(j->authors, it->authors, it->n_authors);
	rc |= jitem_strs(j->categories, it->categories, it->n_categories);
	json_array_clear(j->enclosures);
	for (size_t i = 0; i < it->n_enclosures; i++) {
		const struct enclosure *e = &it->enclosures[i];
		json_t *o = json_object();

		if (o == NULL || json_array_append_new(j->enclosures, o) < 0)
			return -ENOMEM;
		rc |= json_object_set_new_nocheck(o, "url",
		    json_stringn_nocheck(e->url, strlen(e->url)));
		rc |= json_object_set_new_nocheck(o, "type",
		    e->type != NULL ?
		        json_stringn_nocheck(e->type, strlen(e->type)) :
		        json_null());
		rc |= json_object_set_new_nocheck(o, "length",
		    json_integer((json_int_t)e->length));
	}
	return rc < 0 ? -ENOMEM : 0;
}

int
item_json_new(struct item_json **out)
{
	struct item_json *j = calloc(1, sizeof(*j));

	*out = NULL;
	if (j == NULL || jitem_init(j) < 0) {
		free(j);
		return -ENOMEM;
	}
	*out = j;
	return 0;
}

void
item_json_free(struct item_json *j)
{
	if (j == NULL)
		return;
	jitem_clear(j);
	free(j);
}

const json_t *
item_json_set(struct item_json *j, const struct item *it)
{
	return jitem_set(j, it) < 0 ? NULL : j->obj;
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
jtime(int64_t t)
{
	char buf[32];

	clock_format_s(t, buf);
	return buf[0] != '\0' ? json_string(buf) : json_null();
}

json_t *
item_json_meta(const struct feed_meta *m)
{
	/* json_pack's "o" steals each reference, also on failure */
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "format",
	    jstr(m->format), "title", jstr(m->title), "link", jstr(m->link),
	    "description", jstr(m->description), "language", jstr(m->language),
	    "updated", jtime(m->updated));
}
