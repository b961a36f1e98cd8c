/*
 * store_items.c -- one document's items: the new-item decision, the
 * first-poll backlog rule, GUID churn and rewrite events, retention.
 *
 * An item is new the first time its key is seen for its feed.  Keys are
 * looked up by a 64-bit hash and then compared in full, so a hash
 * collision can never hide an item.  A new key whose normalised link and
 * title match a stored item is GUID churn: recorded, never alerted.  When
 * most of a document churns, the publisher rewrote its GUIDs, and that is
 * one event, not a flood.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/errbuf.h"
#include "lib/hash.h"
#include "lib/item.h"
#include "lib/log.h"
#include "store/store.h"
#include "store/store_doc.h"
#include "store/store_feeds.h"
#include "store/store_impl.h"

/*
 * last_seen only drives retention (90 days by default), so a seen item's
 * row is rewritten at most once a day: the common case, an unchanged item,
 * stays a pure read (bench/store: ~115,000 items/s at 1M items, against
 * ~5,000/s when every check rewrites its row).
 */
#define LAST_SEEN_GRAIN_MS (86400 * 1000LL)

struct store_doc {
	struct store *st; /* borrowed: outlives the document */
	char *name;       /* owned: the feed's name */
	int64_t feed_id;
	struct store_doc_opts opts; /* copied */
	struct store_doc_summary sum;
};

/* Incremental FNV-1a, finished like store_hash64. */
#define fnv        hash_fnv_byte
#define fnv_finish hash_mix

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Scheme, "www.", fragment and trailing slashes do not make a new item:
 * publishers move from http to https or add a slash without meaning it. */
static uint64_t
hash_link(uint64_t h, const char *link)
{
	const char *p = strstr(link, "://"), *end, *host_end;

	p = p != NULL ? p + 3 : link;
	if (strncasecmp(p, "www.", 4) == 0)
		p += 4;
	end = p + strcspn(p, "#");
	while (end > p && end[-1] == '/')
		end--;
	host_end = p + strcspn(p, "/?#");
	for (; p < end; p++)
		h = fnv(h, (unsigned char)(p < host_end ? lower(*p) : *p));
	return h;
}

int
store_ident_hash(const char *link, const char *title, int64_t *out)
{
	uint64_t h = STORE_HASH_SEED;
	int space = 0, started = 0;

	if (link == NULL || link[0] == '\0')
		return 0;
	h = fnv(hash_link(h, link), 0);
	for (const char *p = title != NULL ? title : ""; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = 1;
			continue;
		}
		if (space && started)
			h = fnv(h, ' ');
		space = 0;
		started = 1;
		h = fnv(h, (unsigned char)lower(*p));
	}
	*out = (int64_t)fnv_finish(h);
	return 1;
}

static uint64_t
hash_field(uint64_t h, const char *s)
{
	if (s == NULL)
		return fnv(h, 0);
	h = fnv(h, 1);
	for (; *s != '\0'; s++)
		h = fnv(h, (unsigned char)*s);
	return fnv(h, 0);
}

/* What a reader sees; dates alone changing is not an edit. */
static int64_t
content_hash(const struct item *it)
{
	uint64_t h = STORE_HASH_SEED;

	h = hash_field(h, it->title);
	h = hash_field(h, it->link);
	h = hash_field(h, it->summary);
	h = hash_field(h, it->content);
	return (int64_t)fnv_finish(h);
}

/* The item's date in ms: published, else updated; 0 when undated. */
static int64_t
item_date_ms(const struct item *it)
{
	int64_t t = it->published != ITEM_NO_TIME ? it->published : it->updated;

	if (t == ITEM_NO_TIME || t > INT64_MAX / 1000 || t < INT64_MIN / 1000)
		return 0;
	return t * 1000;
}

int
store_doc_begin(struct store *st, const char *name,
    const struct store_doc_opts *opts, struct store_doc **out,
    struct errbuf *eb)
{
	struct store_doc *d = NULL;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	if (st->doc != NULL || st->in_txn)
		return errbuf_set(eb, -EBUSY,
		    "feed %s: another document is "
		    "being recorded",
		    name);
	d = calloc(1, sizeof(*d));
	if (d == NULL || (d->name = strdup(name)) == NULL) {
		free(d);
		return errbuf_set(eb, -ENOMEM, "feed %s: out of memory", name);
	}
	d->st = st;
	d->opts = *opts;
	rc = store_txn_begin(st, eb);
	if (rc < 0)
		goto fail;
	st->doc = d;
	rc = store_feed_id(st, name, 1, &d->feed_id, eb);
	if (rc < 0)
		goto fail;
	s = store_stmt(st, STMT_FEED_HAS_ITEMS,
	    "SELECT EXISTS (SELECT 1 FROM items WHERE feed_id = ?1) AND"
	    " NOT (SELECT backlog_pending FROM feeds WHERE id = ?1)",
	    eb);
	if (s == NULL) {
		rc = eb != NULL ? eb->code : -EIO;
		goto fail;
	}
	sqlite3_bind_int64(s, 1, d->feed_id);
	rc = sqlite3_step(s);
	d->sum.first_poll = rc == SQLITE_ROW && sqlite3_column_int(s, 0) == 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW) {
		rc = store_sqlerr(st->db, st->path, rc, "reading items", eb);
		goto fail;
	}
	*out = d;
	return 0;

fail:
	store_doc_abort(d);
	return rc;
}

void
store_doc_abort(struct store_doc *d)
{
	if (d == NULL)
		return;
	store_txn_rollback(d->st);
	if (d->st->doc == d)
		d->st->doc = NULL;
	free(d->name);
	free(d);
}

/* Find the row of key: 1 with id, hash and last seen; 0 if absent. */
static int
find_key(struct store_doc *d, const char *key, int64_t kh, int64_t row[3],
    struct errbuf *eb)
{
	struct store *st = d->st;
	sqlite3_stmt *s;
	int rc, found = 0;

	s = store_stmt(st, STMT_ITEM_BY_KEY,
	    "SELECT id, content_hash, last_seen, key FROM items"
	    " WHERE feed_id = ?1 AND key_hash = ?2",
	    eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_int64(s, 1, d->feed_id);
	sqlite3_bind_int64(s, 2, kh);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(s, 3);

		if (k != NULL && strcmp(k, key) == 0) {
			for (int i = 0; i < 3; i++)
				row[i] = sqlite3_column_int64(s, i);
			found = 1;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(st->db, st->path, rc, "reading items", eb);
	return found;
}

/* Does another item of this feed have this identity?  1, 0, or < 0. */
static int
find_ident(struct store_doc *d, int64_t ih, struct errbuf *eb)
{
	struct store *st = d->st;
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_ITEM_BY_IDENT,
	    "SELECT 1 FROM items WHERE feed_id = ?1 AND ident_hash = ?2"
	    " LIMIT 1",
	    eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_int64(s, 1, d->feed_id);
	sqlite3_bind_int64(s, 2, ih);
	return store_step_exists(st, s, "reading items", eb);
}

static void
bind_item(sqlite3_stmt *s, const struct item *it, int64_t ch, int has_ident,
    int64_t ih)
{
	int64_t date = item_date_ms(it);

	store_bind_text(s, 3, it->title);
	store_bind_text(s, 4, it->link);
	if (date != 0)
		sqlite3_bind_int64(s, 5, date);
	else
		sqlite3_bind_null(s, 5);
	sqlite3_bind_int64(s, 6, ch);
	if (has_ident)
		sqlite3_bind_int64(s, 7, ih);
	else
		sqlite3_bind_null(s, 7);
	/* The text replay matches: what the pipeline matched as summary. */
	store_bind_text_cut(s, 11,
	    it->summary != NULL ? it->summary : it->content,
	    STORE_ITEM_SUMMARY_MAX);
}

/* items.origin: how the row was first recorded (schema version 2). */
static int
origin(enum store_item_state state)
{
	if (state == STORE_ITEM_BACKLOG)
		return 1;
	return state == STORE_ITEM_CHURN ? 2 : 0;
}

static int
insert_item(struct store_doc *d, const struct item *it, int64_t kh, int64_t ch,
    int has_ident, int64_t ih, int origin, int64_t *id, struct errbuf *eb)
{
	struct store *st = d->st;
	sqlite3_stmt *s;
	int rc;

	s = store_stmt(st, STMT_ITEM_INSERT,
	    "INSERT INTO items (feed_id, key, title, link, published,"
	    " content_hash, ident_hash, key_hash, first_seen, last_seen,"
	    " origin, summary)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11)",
	    eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_int64(s, 1, d->feed_id);
	sqlite3_bind_text(s, 2, it->key, -1, SQLITE_STATIC);
	bind_item(s, it, ch, has_ident, ih);
	sqlite3_bind_int64(s, 8, kh);
	sqlite3_bind_int64(s, 9, d->opts.now_ms);
	sqlite3_bind_int(s, 10, origin);
	rc = store_step_done(st, s, "recording an item", eb);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static int
edit_item(struct store_doc *d, const struct item *it, int64_t id, int64_t ch,
    int has_ident, int64_t ih, struct errbuf *eb)
{
	sqlite3_stmt *s;

	s = store_stmt(d->st, STMT_ITEM_EDIT,
	    "UPDATE items SET title = ?3, link = ?4, published = ?5,"
	    " content_hash = ?6, ident_hash = ?7, last_seen = ?2,"
	    " summary = ?11 WHERE id = ?1",
	    eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, d->opts.now_ms);
	bind_item(s, it, ch, has_ident, ih);
	return store_step_done(d->st, s, "recording an edit", eb);
}

static int
touch_item(struct store_doc *d, int64_t id, struct errbuf *eb)
{
	sqlite3_stmt *s;

	s = store_stmt(d->st, STMT_ITEM_TOUCH,
	    "UPDATE items SET last_seen = ?2 WHERE id = ?1", eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, d->opts.now_ms);
	return store_step_done(d->st, s, "recording an item", eb);
}

/* A key not stored yet: churn, backlog or new. */
static int
decide_unseen(struct store_doc *d, const struct item *it, int has_ident,
    int64_t ih, struct store_verdict *v, struct errbuf *eb)
{
	int64_t date;
	int rc;

	if (has_ident) {
		rc = find_ident(d, ih, eb);
		if (rc < 0)
			return rc;
		if (rc > 0) {
			v->state = STORE_ITEM_CHURN;
			return 0;
		}
	}
	v->state = STORE_ITEM_NEW;
	if (d->sum.first_poll) {
		/* Undated items on a first poll could be years old, and so
		 * could items dated ahead of the fetch: a date in 2099, or a
		 * whole archive when our clock is behind, says nothing about
		 * newness.  A little skew is allowed for servers' clocks. */
		date = item_date_ms(it);
		if (date == 0 || date < d->opts.now_ms - d->opts.backlog_ms ||
		    date > d->opts.now_ms + STORE_FUTURE_SKEW_MS)
			v->state = STORE_ITEM_BACKLOG;
	}
	v->alert = v->state == STORE_ITEM_NEW;
	return 0;
}

static void
count(struct store_doc_summary *sum, enum store_item_state state)
{
	sum->items++;
	switch (state) {
	case STORE_ITEM_NEW:
		sum->new_items++;
		break;
	case STORE_ITEM_SEEN:
		sum->seen++;
		break;
	case STORE_ITEM_EDITED:
		sum->edited++;
		break;
	case STORE_ITEM_CHURN:
		sum->churned++;
		break;
	case STORE_ITEM_BACKLOG:
		sum->backlog++;
		break;
	}
}

/*
 * An item not found under its key may be stored under the key an earlier
 * release gave it (it->old_key): found there, it moves to its new key, so
 * that a changed key rule does not make a whole archive new.  1 when found
 * (row filled), 0, or < 0.
 */
static int
find_old_key(struct store_doc *d, const struct item *it, int64_t kh,
    int64_t row[3], struct errbuf *eb)
{
	sqlite3_stmt *s;
	int64_t okh;
	int rc;

	if (it->old_key == NULL || it->old_key[0] == '\0')
		return 0;
	okh = (int64_t)store_hash64(STORE_HASH_SEED, it->old_key,
	    strlen(it->old_key));
	rc = find_key(d, it->old_key, okh, row, eb);
	if (rc <= 0)
		return rc;
	s = store_stmt(d->st, STMT_ITEM_REKEY,
	    "UPDATE items SET key = ?2, key_hash = ?3 WHERE id = ?1", eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_int64(s, 1, row[0]);
	store_bind_text(s, 2, it->key);
	sqlite3_bind_int64(s, 3, kh);
	rc = store_step_done(d->st, s, "recording an item", eb);
	return rc < 0 ? rc : 1;
}

int
store_doc_item(struct store_doc *d, const struct item *it,
    struct store_verdict *v, struct errbuf *eb)
{
	int64_t row[3], kh, ch, ih = 0;
	int rc, has_ident;

	memset(v, 0, sizeof(*v));
	if (it->key == NULL || it->key[0] == '\0')
		return errbuf_set(eb, -EINVAL, "feed %s: an item has no key",
		    d->name);
	kh = (int64_t)store_hash64(STORE_HASH_SEED, it->key, strlen(it->key));
	ch = content_hash(it);
	rc = find_key(d, it->key, kh, row, eb);
	if (rc == 0)
		rc = find_old_key(d, it, kh, row, eb);
	if (rc < 0)
		return rc;
	if (rc > 0) {
		v->item_id = row[0];
		if (row[1] == ch) {
			v->state = STORE_ITEM_SEEN;
			if (d->opts.now_ms - row[2] >= LAST_SEEN_GRAIN_MS)
				rc = touch_item(d, row[0], eb);
		} else {
			v->state = STORE_ITEM_EDITED;
			v->alert = d->opts.realert_on_update &&
			    !d->sum.first_poll;
			has_ident = store_ident_hash(it->link, it->title, &ih);
			rc = edit_item(d, it, row[0], ch, has_ident, ih, eb);
		}
		if (rc < 0)
			return rc;
		count(&d->sum, v->state);
		return 0;
	}
	has_ident = store_ident_hash(it->link, it->title, &ih);
	rc = decide_unseen(d, it, has_ident, ih, v, eb);
	if (rc == 0)
		rc = insert_item(d, it, kh, ch, has_ident, ih, origin(v->state),
		    &v->item_id, eb);
	if (rc < 0)
		return rc;
	count(&d->sum, v->state);
	return 0;
}

static int
record_rewrite(struct store_doc *d, struct errbuf *eb)
{
	sqlite3_stmt *s;

	s = store_stmt(d->st, STMT_FEED_EVENT,
	    "INSERT INTO feed_events (feed_id, at, kind, items, matched)"
	    " VALUES (?1, ?2, 'guid-rewrite', ?3, ?4)",
	    eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_int64(s, 1, d->feed_id);
	sqlite3_bind_int64(s, 2, d->opts.now_ms);
	sqlite3_bind_int64(s, 3, d->sum.items);
	sqlite3_bind_int64(s, 4, d->sum.churned);
	return store_step_done(d->st, s, "recording an event", eb);
}

/* The first document after a URL change has been read. */
static int
backlog_done(struct store_doc *d, struct errbuf *eb)
{
	sqlite3_stmt *s = store_stmt(d->st, STMT_FEED_BACKLOG_DONE,
	    "UPDATE feeds SET backlog_pending = 0 WHERE id = ?1", eb);

	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	sqlite3_bind_int64(s, 1, d->feed_id);
	return store_step_done(d->st, s, "recording a feed", eb);
}

int
store_doc_commit(struct store_doc *d, const struct store_poll *p,
    struct store_doc_summary *sum, struct errbuf *eb)
{
	struct store *st = d->st;
	int rc;

	/* Two churned items are the least that shows a pattern. */
	d->sum.guid_rewrite = d->sum.churned >= 2 &&
	    d->sum.churned * 2 > d->sum.items;
	if (d->sum.guid_rewrite) {
		rc = record_rewrite(d, eb);
		if (rc < 0)
			goto fail;
	}
	rc = store_feed_update_id(st, d->feed_id, p, d->sum.items,
	    d->sum.new_items, eb);
	if (rc == 0 && d->sum.first_poll)
		rc = backlog_done(d, eb);
	if (rc < 0)
		goto fail;
	rc = store_txn_commit(st, eb);
	if (rc < 0)
		goto fail;
	if (d->sum.guid_rewrite)
		log_notice("feed %s: publisher rewrote its item ids (%u of %u "
		           "items matched stored ones by link and title); "
		           "recorded as seen, no alerts",
		    d->name, d->sum.churned, d->sum.items);
	if (sum != NULL)
		*sum = d->sum;
	st->doc = NULL;
	free(d->name);
	free(d);
	return 0;

fail:
	store_doc_abort(d);
	return rc;
}
