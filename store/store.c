/*
 * store.c -- see store.h.  The connection: open and lock, pragmas, the
 * statement cache, transactions, error mapping and the small helpers the
 * other store_*.c files share.
 */
#include <sys/file.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "lib/errbuf.h"
#include "lib/hash.h"
#include "store/store_alerts.h"
#include "store/store_doc.h"
#include "store/store_impl.h"

/*
 * Pragmas, applied on every open.
 *
 * WAL lets `ukeuwatch status` and `alerts` read while the daemon writes.
 * synchronous=FULL: in WAL mode NORMAL survives a process crash but can
 * lose the last commits on power loss, and a lost commit is a broken
 * promise here (items alert again, a delivered row is sent again).  FULL
 * costs one fsync per commit, and the daemon commits once per fetched
 * document or delivery outcome, a few per second at most.
 * foreign_keys: items die with their feed, deliveries with their alert.
 * The 16 MiB page cache holds the item index of a large history (1M items
 * is about 30 MiB of index and table; the hot part is the index).
 */
static const char pragmas[] = "PRAGMA foreign_keys = ON;"
                              "PRAGMA synchronous = FULL;"
                              "PRAGMA cache_size = -16384;"
                              "PRAGMA temp_store = MEMORY;";

/* The daemon waits this long for a lock held by a reader's checkpoint. */
#define STORE_BUSY_TIMEOUT_MS 5000

int
store_sqlerr(sqlite3 *db, const char *path, int rc, const char *what,
    struct errbuf *eb)
{
	int code;
	int sys = db != NULL ? sqlite3_system_errno(db) : 0;

	switch (rc & 0xff) {
	case SQLITE_NOMEM:
		code = -ENOMEM;
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		code = -EBUSY;
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		code = -EBADMSG;
		break;
	case SQLITE_FULL:
		code = -ENOSPC;
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		code = -EACCES;
		break;
	case SQLITE_CONSTRAINT:
		code = -EINVAL;
		break;
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
		code = sys > 0 ? -sys : -EIO;
		break;
	default:
		code = -EIO;
		break;
	}
	return errbuf_set(eb, code, "state file %s: %s: %s", path, what,
	    db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

sqlite3_stmt *
store_stmt(struct store *st, enum store_stmt_id id, const char *sql,
    struct errbuf *eb)
{
	sqlite3_stmt *s = st->stmts[id];
	int rc;

	if (s != NULL) {
		sqlite3_reset(s);
		return s;
	}
	rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
	    NULL);
	if (rc != SQLITE_OK) {
		store_sqlerr(st->db, st->path, rc, "preparing a statement", eb);
		return NULL;
	}
	st->stmts[id] = s;
	return s;
}

int
store_step_done(struct store *st, sqlite3_stmt *s, const char *what,
    struct errbuf *eb)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	return store_sqlerr(st->db, st->path, rc, what, eb);
}

int
store_step_exists(struct store *st, sqlite3_stmt *s, const char *what,
    struct errbuf *eb)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_sqlerr(st->db, st->path, rc, what, eb);
}

int
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

int
store_bind_text_cut(sqlite3_stmt *s, int i, const char *v, size_t max)
{
	size_t n;

	if (v == NULL)
		return sqlite3_bind_null(s, i);
	n = strnlen(v, max + 1);
	if (n > max) {
		n = max;
		/* Back off continuation bytes (10xxxxxx) to the start of the
		 * character that would be split. */
		while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
			n--;
	}
	return sqlite3_bind_text(s, i, v, (int)n, SQLITE_STATIC);
}

char *
store_col_strdup(sqlite3_stmt *s, int i, int *err)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	char *c;

	if (t == NULL)
		return NULL;
	c = strdup((const char *)t);
	if (c == NULL)
		*err = -ENOMEM;
	return c;
}

/*
 * FNV-1a over the bytes, then the murmur3 finaliser so that short inputs
 * still spread over all 64 bits (the values are index keys).
 */
uint64_t
store_hash64(uint64_t seed, const char *p, size_t n)
{
	return hash_mix(hash_fnv(seed, p, n));
}

/*
 * flock() on our own descriptor of the state file keeps a second daemon
 * out.  It is independent of SQLite's fcntl() locks on Linux, and the
 * descriptor stays open until after sqlite3_close, because closing any
 * descriptor of the file drops the process's fcntl() locks on it.
 */
static int
lock_file(struct store *st, struct errbuf *eb)
{
	st->lock_fd = open(st->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (st->lock_fd < 0)
		return errbuf_set(eb, -errno, "state file %s: cannot open: %s",
		    st->path, strerror(errno));
	if (flock(st->lock_fd, LOCK_EX | LOCK_NB) < 0) {
		int e = errno;

		if (e == EWOULDBLOCK)
			return errbuf_set(eb, -EBUSY,
			    "state file %s: in use by another ukeuwatch "
			    "process; stop it or use another state file",
			    st->path);
		return errbuf_set(eb, -e, "state file %s: cannot lock: %s",
		    st->path, strerror(e));
	}
	return 0;
}

int
store_locked(const char *path)
{
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	if (flock(fd, LOCK_SH | LOCK_NB) < 0)
		rc = errno == EWOULDBLOCK ? 1 : -errno;
	close(fd); /* drops the shared lock, if taken */
	return rc;
}

static int
apply_pragmas(struct store *st, struct errbuf *eb)
{
	sqlite3_stmt *s = NULL;
	int rc;

	rc = sqlite3_exec(st->db, pragmas, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_sqlerr(st->db, st->path, rc, "setting pragmas",
		    eb);
	rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s,
	    NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		rc = store_sqlerr(st->db, st->path, rc, "enabling WAL", eb);
		sqlite3_finalize(s);
		return rc;
	}
	if (strcmp((const char *)sqlite3_column_text(s, 0), "wal") != 0) {
		sqlite3_finalize(s);
		return errbuf_set(eb, -ENOTSUP,
		    "state file %s: cannot use WAL mode (a network or "
		    "read-only file system?); put it on a local disk",
		    st->path);
	}
	sqlite3_finalize(s);
	return 0;
}

/*
 * A damaged file is found at start, not by the first query that touches the
 * damage: that left `poll` retrying an unreadable outbox forever.  quick_check
 * reads every page once (about a second per 100 MB).
 */
static int
check_pages(struct store *st, struct errbuf *eb)
{
	sqlite3_stmt *s = NULL;
	const char *res;
	int rc;

	rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	res = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
	if (res != NULL && strcmp(res, "ok") == 0) {
		sqlite3_finalize(s);
		return 0;
	}
	rc = errbuf_set(eb, -EBADMSG,
	    "state file %s: damaged (%.80s); restore it from a backup, or "
	    "move it aside to start afresh",
	    st->path, res != NULL ? res : sqlite3_errmsg(st->db));
	sqlite3_finalize(s);
	return rc;
}

int
store_open(struct store **out, const char *path, struct errbuf *eb)
{
	struct store *st;
	int rc;

	*out = NULL;
	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return errbuf_set(eb, -ENOMEM, "state file %s: out of memory",
		    path);
	st->lock_fd = -1;
	st->path = strdup(path);
	if (st->path == NULL) {
		rc = errbuf_set(eb, -ENOMEM, "state file %s: out of memory",
		    path);
		goto fail;
	}
	rc = lock_file(st, eb);
	if (rc < 0)
		goto fail;
	rc = sqlite3_open_v2(path, &st->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc != SQLITE_OK) {
		rc = store_sqlerr(st->db, path, rc, "cannot open", eb);
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
	/* The schema check reads the header first: a file that is not a
	 * database fails there, before any pragma could write to it. */
	rc = store_schema_apply(st->db, path, 0, eb);
	if (rc == 0)
		rc = check_pages(st, eb);
	if (rc < 0)
		goto fail;
	rc = apply_pragmas(st, eb);
	if (rc < 0)
		goto fail;
	*out = st;
	return 0;

fail:
	store_free(st);
	return rc;
}

void
store_free(struct store *st)
{
	if (st == NULL)
		return;
	if (st->doc != NULL)
		store_doc_abort(st->doc);
	if (st->in_txn)
		store_txn_rollback(st);
	for (size_t i = 0; i < STMT__COUNT; i++)
		sqlite3_finalize(st->stmts[i]);
	sqlite3_close_v2(st->db);
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	free(st->path);
	free(st);
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

int
store_txn_begin(struct store *st, struct errbuf *eb)
{
	sqlite3_stmt *s;
	int rc;

	if (st->in_txn)
		return errbuf_set(eb, -EBUSY,
		    "state file %s: a transaction "
		    "is already open",
		    st->path);
	/* IMMEDIATE takes the write lock now, so a transaction never fails
	 * half-way on a lock upgrade. */
	s = store_stmt(st, STMT_BEGIN, "BEGIN IMMEDIATE", eb);
	if (s == NULL)
		return eb != NULL ? eb->code : -EIO;
	rc = store_step_done(st, s, "beginning a transaction", eb);
	if (rc == 0)
		st->in_txn = 1;
	return rc;
}

int
store_txn_commit(struct store *st, struct errbuf *eb)
{
	sqlite3_stmt *s;
	int rc;

	if (!st->in_txn)
		return errbuf_set(eb, -EINVAL,
		    "state file %s: no transaction "
		    "to commit",
		    st->path);
	s = store_stmt(st, STMT_COMMIT, "COMMIT", eb);
	if (s == NULL)
		rc = eb != NULL ? eb->code : -EIO;
	else
		rc = store_step_done(st, s, "committing", eb);
	if (rc < 0) {
		store_txn_rollback(st);
		return rc;
	}
	st->in_txn = 0;
	return 0;
}

void
store_txn_rollback(struct store *st)
{
	sqlite3_stmt *s;

	if (!st->in_txn)
		return;
	st->in_txn = 0;
	s = store_stmt(st, STMT_ROLLBACK, "ROLLBACK", NULL);
	if (s == NULL || store_step_done(st, s, "rolling back", NULL) < 0) {
		/* SQLite may have rolled back by itself (after SQLITE_FULL,
		 * for instance); then there is nothing left to undo. */
		return;
	}
}

const char *
store_item_state_name(enum store_item_state s)
{
	switch (s) {
	case STORE_ITEM_NEW:
		return "new";
	case STORE_ITEM_SEEN:
		return "seen";
	case STORE_ITEM_EDITED:
		return "edited";
	case STORE_ITEM_CHURN:
		return "churn";
	case STORE_ITEM_BACKLOG:
		return "backlog";
	}
	return "?";
}

const char *
store_delivery_state_name(enum store_delivery_state s)
{
	switch (s) {
	case STORE_DELIVERY_QUEUED:
		return "queued";
	case STORE_DELIVERY_RETRYING:
		return "retrying";
	case STORE_DELIVERY_DELIVERED:
		return "delivered";
	case STORE_DELIVERY_DEAD:
		return "dead";
	}
	return "?";
}
