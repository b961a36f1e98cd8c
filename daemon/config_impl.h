/*
 * config_impl.h -- private to daemon/config*.c: the key tables.
 *
 * One table drives parsing, unknown-key and duplicate detection, defaults,
 * `ukeuwatch check --list-keys` and the test that every key is documented.
 */
#ifndef UKEUWATCH_DAEMON_CONFIG_IMPL_H
#define UKEUWATCH_DAEMON_CONFIG_IMPL_H

#include <stddef.h>

enum config_section {
	CONFIG_SEC_DAEMON,
	CONFIG_SEC_FEED,
	CONFIG_SEC_TARGET,
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
};

struct config_key {
	enum config_section sec;
	const char *name;
	enum config_type type;
	size_t off;      /* offset in daemon_conf, feed_conf or target_conf */
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

/* Release what config_set_value stored for k in rec. */
void config_free_value(const struct config_key *k, void *rec);

/* NAME is letters, digits, '.', '_' and '-'. */
int config_valid_name(const char *s);

#endif /* UKEUWATCH_DAEMON_CONFIG_IMPL_H */
