/*
 * store_impl.h -- private to daemon/store*.c: the layout of struct store,
 * the ids of its cached statements, and helpers shared by the store's files.
 *
 * Statements are prepared on first use with SQLITE_PREPARE_PERSISTENT and
 * kept until store_free.  Every user resets its statement when done, because
 * a stepped statement that is not reset keeps a read snapshot open, which
 * would pin the WAL and hide later commits.
 */
#ifndef UKEUWATCH_STORE_STORE_IMPL_H
#define UKEUWATCH_STORE_STORE_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "store/store.h"
#include "store/store_alerts.h"
#include "store/store_feeds.h"

enum store_stmt_id {
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_FEED_ENSURE,
	STMT_FEED_SET_URL,
	STMT_FEED_ID,
	STMT_FEED_GET,
	STMT_FEED_GET_POLL,
	STMT_FEED_UPDATE,
	STMT_FEED_HAS_ITEMS,
	STMT_FEED_EVENT,
	STMT_ITEM_BY_KEY,
	STMT_ITEM_REKEY,
	STMT_FEED_BACKLOG_DONE,
	STMT_ITEM_BY_IDENT,
	STMT_ITEM_INSERT,
	STMT_ITEM_EDIT,
	STMT_ITEM_TOUCH,
	STMT_ITEM_FOR_ALERT,
	STMT_PRUNE_ITEMS,
	STMT_PRUNE_ALERTS,
	STMT_PRUNE_EVENTS,
	STMT_ALERT_INSERT,
	STMT_ALERT_GET,
	STMT_OUTBOX_INSERT,
	STMT_OUTBOX_CARRIED,
	STMT_OUTBOX_LINK,
	STMT_OUTBOX_ALERTS,
	STMT_OUTBOX_CLAIM,
	STMT_OUTBOX_DELIVERED,
	STMT_OUTBOX_RETRY,
	STMT_OUTBOX_DEAD,
	STMT_OUTBOX_DEFER,
	STMT_ALERT_TWIN,
	STMT_ALERT_SIGHTING,
	STMT_OUTBOX_NEXT_DUE,
	STMT_OUTBOX_CLAMP,
	STMT_NEWEST_TIME,
	STMT__COUNT
};

struct store {
	sqlite3 *db;                      /* owned */
	char *path;                       /* owned */
	int lock_fd;                      /* owned: flock()ed, -1 if none */
	int in_txn;                       /* an explicit transaction is open */
	struct store_doc *doc;            /* borrowed: the open document */
	sqlite3_stmt *stmts[STMT__COUNT]; /* owned, prepared on first use */
};

/* A read-only connection (store_read.c, store_health.c). */
struct store_reader {
	sqlite3 *db; /* owned, read-only */
	char *path;  /* owned */
};

/*
 * The cached statement id for sql (the same text on every call), reset and
 * ready to bind; NULL with eb set on failure.  Owned by st.
 */
sqlite3_stmt *store_stmt(struct store *st, enum store_stmt_id id,
    const char *sql, struct errbuf *eb);

/*
 * Map SQLite result rc on db to a negative errno and, when eb is given,
 * "state file PATH: WHAT: sqlite message".
 */
int store_sqlerr(sqlite3 *db, const char *path, int rc, const char *what,
    struct errbuf *eb);

/* Run one statement to completion; 0 or a negative errno (eb filled). */
int store_step_done(struct store *st, sqlite3_stmt *s, const char *what,
    struct errbuf *eb);

/* Run a query for whether a row exists: 1, 0, or a negative errno. */
int store_step_exists(struct store *st, sqlite3_stmt *s, const char *what,
    struct errbuf *eb);

/*
 * Check that db (at path) is a readable database and bring its schema to
 * STORE_SCHEMA_VERSION; with readonly, only check that it is at it.
 */
int store_schema_apply(sqlite3 *db, const char *path, int readonly,
    struct errbuf *eb);

/* Bind text or NULL. */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);

/*
 * Bind v (or NULL) cut to at most max bytes, at a UTF-8 character
 * boundary so that the stored text stays valid UTF-8.  v must outlive the
 * statement's step (SQLITE_STATIC).
 */
int store_bind_text_cut(sqlite3_stmt *s, int i, const char *v, size_t max);

/* A copy of column i's text, or NULL if it is NULL; *err set on ENOMEM. */
char *store_col_strdup(sqlite3_stmt *s, int i, int *err);

/* The columns STORE_FEED_COLS in order into f (f already initialised). */
#define STORE_FEED_COLS                                                        \
	"f.name, f.url, f.etag, f.last_modified, f.last_poll, f.last_ok, "     \
	"f.http_status, f.error_class, f.error, f.bytes, f.duration_ms, "      \
	"f.items, f.new_items, f.error_streak, f.redirect_streak, "            \
	"f.redirect_url, f.next_poll, "                                        \
	"(SELECT count(*) FROM items i WHERE i.feed_id = f.id), "              \
	"(SELECT count(*) FROM items i WHERE i.feed_id = f.id"                 \
	" AND i.origin = 0 AND i.first_seen > f.last_poll - 86400000), "       \
	"(SELECT count(*) FROM feed_events e WHERE e.feed_id = f.id), "        \
	"(SELECT max(at) FROM feed_events e WHERE e.feed_id = f.id), "         \
	"f.ttl_s"
int store_feed_from_row(sqlite3_stmt *s, struct store_feed *f);

#define STORE_ALERT_COLS                                                       \
	"a.id, a.feed, a.item_key, a.title, a.link, a.profile, a.score, "      \
	"a.terms, a.statement, a.speaker, a.published, a.fetched, "            \
	"a.matched, a.created, a.summary, a.near, a.quoted"
#define STORE_ALERT_COLS_N 17 /* the columns STORE_ALERT_COLS names */
int store_alert_from_row(sqlite3_stmt *s, struct store_alert *a);

/* 64-bit FNV-1a with a final avalanche; seed chains fields. */
uint64_t store_hash64(uint64_t seed, const char *p, size_t n);
#define STORE_HASH_SEED 0xcbf29ce484222325ULL

/*
 * The identity of an item for GUID-churn detection: a hash of its link
 * (scheme, "www.", fragment and trailing slash dropped, host lower-cased)
 * and its title (case and white space folded).  Returns 0 when the item has
 * no link, so that it has no identity to match on; else 1 with *h set.
 */
int store_ident_hash(const char *link, const char *title, int64_t *h);

/* The feed id of name, creating the row when create is set; -ENOENT. */
int store_feed_id(struct store *st, const char *name, int create, int64_t *id,
    struct errbuf *eb);

/* store_feed_update by id (used by store_doc_commit). */
int store_feed_update_id(struct store *st, int64_t feed_id,
    const struct store_poll *p, unsigned items, unsigned new_items,
    struct errbuf *eb);

/* A statement on r's connection (*s finalised by the caller); 0, or
 * < 0 with eb naming the state file. */
int store_reader_prepare(struct store_reader *r, const char *sql,
    sqlite3_stmt **s, struct errbuf *eb);

/* BEGIN (begin) or COMMIT a read transaction: one snapshot per walk. */
int store_reader_snapshot(struct store_reader *r, int begin, struct errbuf *eb);

#endif /* UKEUWATCH_STORE_STORE_IMPL_H */
