/*
 * store_read_items.c -- the stored items as `profile replay` walks them:
 * each item first seen since a time, oldest first, with the profiles that
 * alerted on it, in one read snapshot (see store_read.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/store_impl.h"
#include "store/store_read.h"

/* Profile names of one item's alerts, copied: they outlive the step. */
struct name_list {
	char **v; /* owned array of owned strings */
	size_t n, cap;
};

static void
name_list_clear(struct name_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

static int
load_alerted(struct store_reader *r, sqlite3_stmt *s, int64_t item_id,
    struct name_list *l, struct errbuf *eb)
{
	int rc = SQLITE_DONE, err = 0;

	name_list_clear(l);
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, item_id);
	while (err == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (l->n == l->cap) {
			size_t cap = l->cap != 0 ? l->cap * 2 : 4;
			char **v = realloc(l->v, cap * sizeof(*v));

			if (v == NULL)
				return errbuf_set(eb, -ENOMEM,
				    "replay: out of memory");
			l->v = v;
			l->cap = cap;
		}
		l->v[l->n] = store_col_strdup(s, 0, &err);
		if (l->v[l->n] != NULL)
			l->n++;
	}
	if (err < 0)
		return errbuf_set(eb, -ENOMEM, "replay: out of memory");
	if (rc != SQLITE_DONE)
		return store_sqlerr(r->db, r->path, rc, "reading alerts", eb);
	return 0;
}

static int
walk_items(struct store_reader *r, sqlite3_stmt *qi, sqlite3_stmt *qa,
    int (*cb)(void *, const struct store_item_view *), void *arg,
    struct errbuf *eb)
{
	struct name_list l = { 0 };
	struct store_item_view v;
	int rc = SQLITE_DONE, ret = 0;

	while (ret == 0 && (rc = sqlite3_step(qi)) == SQLITE_ROW) {
		/* The alert query is another statement: qi's columns stay
		 * valid while it runs. */
		ret = load_alerted(r, qa, sqlite3_column_int64(qi, 0), &l, eb);
		if (ret != 0)
			break;
		v = (struct store_item_view){
			.feed = (const char *)sqlite3_column_text(qi, 1),
			.key = (const char *)sqlite3_column_text(qi, 2),
			.title = (const char *)sqlite3_column_text(qi, 3),
			.link = (const char *)sqlite3_column_text(qi, 4),
			.summary = (const char *)sqlite3_column_text(qi, 5),
			.published_ms = sqlite3_column_int64(qi, 6),
			.first_seen_ms = sqlite3_column_int64(qi, 7),
			.backlog = sqlite3_column_int(qi, 8) == 1,
			.alerted = (const char *const *)l.v,
			.n_alerted = l.n,
		};
		ret = cb(arg, &v);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_sqlerr(r->db, r->path, rc, "reading items", eb);
	name_list_clear(&l);
	free(l.v);
	return ret;
}

int
store_read_items(struct store_reader *r, int64_t since_ms,
    int (*cb)(void *arg, const struct store_item_view *it), void *arg,
    struct errbuf *eb)
{
	sqlite3_stmt *qi = NULL, *qa = NULL;
	int rc;

	/* origin 2 is GUID churn (schema version 2). */
	rc = store_reader_prepare(r,
	    "SELECT i.id, f.name, i.key, i.title, i.link, i.summary,"
	    " coalesce(i.published, 0), i.first_seen, i.origin"
	    " FROM items i JOIN feeds f ON f.id = i.feed_id"
	    " WHERE i.first_seen >= ?1 AND i.origin <> 2"
	    " ORDER BY i.first_seen, i.id",
	    &qi, eb);
	if (rc == 0)
		rc = store_reader_prepare(r,
		    "SELECT DISTINCT profile FROM alerts WHERE item_id = ?1"
		    " AND near = 0 ORDER BY profile",
		    &qa, eb);
	if (rc == 0)
		rc = store_reader_snapshot(r, 1, eb);
	if (rc < 0)
		goto out;
	sqlite3_bind_int64(qi, 1, since_ms);
	rc = walk_items(r, qi, qa, cb, arg, eb);
	sqlite3_reset(qi);
	sqlite3_reset(qa);
	if (store_reader_snapshot(r, 0, rc == 0 ? eb : NULL) < 0 && rc == 0)
		rc = eb != NULL ? eb->code : -EIO;
out:
	sqlite3_finalize(qi);
	sqlite3_finalize(qa);
	return rc;
}
