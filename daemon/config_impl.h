/*
 * config_impl.h -- private to daemon/config*.c: the key tables, and the
 * loader state that config.c (reading), config_section.c (section headers)
 * and config_finish.c (checks once the file is read) share.
 *
 * One table drives parsing, unknown-key and duplicate detection, defaults,
 * `ukeuwatch check --list-keys` and the test that every key is documented.
 */
#ifndef UKEUWATCH_DAEMON_CONFIG_IMPL_H
#define UKEUWATCH_DAEMON_CONFIG_IMPL_H

#include <stddef.h>

#include "lib/errbuf.h" /* PRINTF_LIKE */

enum config_section {
	CONFIG_SEC_DAEMON,
	CONFIG_SEC_FEED,
	CONFIG_SEC_TARGET,
	CONFIG_SEC_WEB,
};

enum config_type {
	CONFIG_T_STR,         /* char * */
	CONFIG_T_PATH,        /* char * */
	CONFIG_T_URL,         /* char *: absolute http(s) URL */
	CONFIG_T_DURATION,    /* uint64_t ms */
	CONFIG_T_SIZE,        /* uint64_t bytes */
	CONFIG_T_BOOL,        /* int */
	CONFIG_T_UINT,        /* unsigned (or uint64_t for max-items) */
	CONFIG_T_U64,         /* uint64_t */
	CONFIG_T_SCORE,       /* double >= 0 */
	CONFIG_T_RATE,        /* double per second: "1/s", "30/m", "0" */
	CONFIG_T_LIST,        /* struct strlist, comma-separated */
	CONFIG_T_SECRET_FILE, /* struct secret *, read from a file */
	CONFIG_T_SECRET,      /* struct secret *, given inline */
	CONFIG_T_LOGLEVEL,    /* int */
	CONFIG_T_TTYPE,       /* enum target_type */
	CONFIG_T_TFORMAT,     /* enum target_format */
	CONFIG_T_LISTEN,      /* char *: HOST:PORT, or "" for off */
};

struct config_key {
	enum config_section sec;
	const char *name;
	enum config_type type;
	size_t off;      /* offset in daemon_conf, feed_conf, target_conf or
	                    web_conf */
	const char *def; /* default as written in a config file, or NULL */
	const char
	    *help; /* one line for --list-keys, README and the man page */
};

extern const struct config_key config_keys[];
extern const size_t config_n_keys;

struct errbuf;

/*
 * Parse value for key k into the record rec (a daemon_conf, feed_conf or
 * target_conf as k->sec says).  Returns 0, 1 when a secret file is readable
 * by others (a warning), or a negative errno with eb saying what is wrong.
 */
int config_set_value(const struct config_key *k, void *rec, const char *value,
    struct errbuf *eb);

/* 0 if v is an absolute http(s) URL, else -EINVAL with eb saying why. */
int config_check_url(const char *v, struct errbuf *eb) MUST_CHECK;

/* Release what config_set_value stored for k in rec. */
void config_free_value(const struct config_key *k, void *rec);

/* NAME is letters, digits, '.', '_' and '-'. */
int config_valid_name(const char *s);

struct config;
struct feed_conf;
struct strlist;
struct target_conf;

/* The section being read. */
struct config_sect {
	enum config_section sec;
	void *rec; /* borrowed: the record in the config being built */
	int line;
	unsigned char seen[64]; /* keys set in this section, by table index */
};

/* A key set in a target section, checked against its type once read. */
struct config_tkey {
	size_t target; /* index in c->targets */
	const char *name;
	int line;
};

struct config_loader {
	struct config *c;       /* borrowed: being built */
	struct strlist *errors; /* borrowed */
	const char *file;
	const char *pos, *end; /* the rest of the file text */
	int line;
	char *long_value; /* owned: value of the current long line */
	struct config_sect cur;
	int bad_section; /* inside an unknown or broken section */
	int daemon_line;
	struct config_tkey *tkeys; /* owned array */
	size_t n_tkeys;
	int web_line;
	int oom;
};

/* Append "FILE:LINE: message" to l->errors; sets l->oom if that fails. */
void config_error(struct config_loader *l, int line, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

/* A problem that does not stop the config from loading: `check` and the
 * daemon's start print it.  Same form as config_error. */
void config_warn(struct config_loader *l, int line, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

/* Apply the table's defaults for sec to a fresh record: 0, or -ENOMEM with
 * l->oom set. */
int config_apply_defaults(struct config_loader *l, enum config_section sec,
    void *rec) MUST_CHECK;

/*
 * Append a new [feed NAME] or [target NAME] record to l->c, defined at line
 * of l->file, with the table's defaults.  Returns the record (borrowed: it
 * lives in l->c, and the next one may move it), or NULL when out of memory.
 */
void *config_new_record(struct config_loader *l, enum config_section sec,
    const char *name, int line);

/*
 * The header at l->line, hdr the len bytes between '[' and ']': make it the
 * current section, or report why it cannot be and skip its keys
 * (l->bad_section).
 */
void config_start_section(struct config_loader *l, const char *hdr, size_t len);

/*
 * Checks and inherited values once every section is read; each problem goes
 * through config_error at the section's line.  Feeds and targets inherit
 * from l->c->daemon, so config_finish_daemon runs first.
 */
void config_finish_daemon(struct config_loader *l);

/*
 * The default of a [daemon] path key whose default depends on where this
 * binary runs (state, alert-log, profiles), as config_finish_daemon sets
 * it: 1 with out filled, 0 for any other key.
 */
int config_default_path(const char *key, char *out, size_t len);
void config_finish_feed(struct config_loader *l, struct feed_conf *f);
void config_finish_target(struct config_loader *l, struct target_conf *t);
void config_finish_web(struct config_loader *l);

#endif /* UKEUWATCH_DAEMON_CONFIG_IMPL_H */
