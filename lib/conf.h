/*
 * conf -- the configuration as the stages read it: [daemon], [web], each
 * [feed NAME] and each [target NAME] as plain records, and lookups by name.
 *
 * daemon/config*.c reads an INI file into a struct config (and frees it);
 * the scheduler, fetch, the outbox and the senders only read these records,
 * so they live below every stage.  A loaded config is never changed: a
 * reload builds a new one.  Durations are milliseconds, sizes bytes.
 * Everything is owned by the struct config.
 */
#ifndef UKEUWATCH_LIB_CONF_H
#define UKEUWATCH_LIB_CONF_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"
#include "lib/strlist.h"

struct secret;

enum target_type {
	TARGET_TYPE_WEBHOOK,
	TARGET_TYPE_MAIL,
};

enum target_format {
	TARGET_FORMAT_JSON,
	TARGET_FORMAT_SLACK,
	TARGET_FORMAT_DISCORD,
	TARGET_FORMAT_TEAMS,
	TARGET_FORMAT_MATTERMOST,
};

struct feed_conf {
	char *name;              /* owned: the section's NAME */
	char *url;               /* owned: absolute http(s) URL */
	struct secret *url_file; /* owned, or NULL: url-file's content,
	                            copied into url by the config reader */
	char *url_shown;         /* owned: url without user info (nor its
	                            query, from url-file): lib/urlshow.h */
	uint64_t interval_ms;
	struct strlist profiles; /* profile names; empty: all profiles */
	char *user_agent;        /* owned, or NULL: the daemon's */
	uint64_t max_body;       /* bytes */
	uint64_t timeout_ms;
	int honour_ttl; /* RSS ttl / sy:* as a lower bound on interval */
	char *file;     /* owned: where it was defined (config or OPML) */
	int line;
};

struct target_conf {
	char *name; /* owned */
	enum target_type type;
	enum target_format format; /* webhook only */
	struct secret *url;        /* owned: webhook URLs embed tokens, so a
	                              secret; mail: smtp:// or smtps:// URL */
	struct secret *secret;     /* owned, or NULL: whsec_ signing key */
	struct secret *secret2;    /* owned, or NULL: second key in rotation */
	struct strlist profiles;   /* wanted; empty: all */
	struct strlist feeds;      /* wanted; empty: all */
	double min_score;
	double rate_per_s; /* requests per second; 0: unlimited */
	uint64_t give_up_after_ms;
	uint64_t timeout_ms;
	unsigned concurrency; /* deliveries in flight at once, >= 1 */
	/* mail */
	int starttls;            /* require STARTTLS on smtp:// */
	char *username;          /* owned, or NULL */
	struct secret *password; /* owned, or NULL */
	char *from;              /* owned */
	struct strlist to;
	uint64_t digest_ms; /* 0: one mail per alert */
	char *file;
	int line;
};

struct daemon_conf {
	char *state;        /* owned: SQLite state file */
	char *alert_log;    /* owned: JSON Lines alert log */
	char *profiles_dir; /* owned: directory of NAME.profile files */
	char *opml;         /* owned, or NULL */
	char *user_agent;   /* owned: default User-Agent */
	int log_level;
	uint64_t interval_ms;     /* default poll interval */
	uint64_t min_interval_ms; /* floor for any interval */
	uint64_t max_backoff_ms;  /* cap on error backoff */
	uint64_t timeout_ms;      /* whole transfer */
	uint64_t connect_timeout_ms;
	uint64_t max_body;  /* bytes */
	uint64_t max_items; /* per document */
	unsigned max_connections;
	unsigned max_host_connections;
	int allow_private; /* no SSRF guard on feeds (xfer_req_guard) */
	int honour_ttl;
	uint64_t backlog_ms;
	uint64_t retention_ms;
	int realert_on_update;
	uint64_t same_story_ms;    /* cross-feed dedup window; 0: off */
	uint64_t give_up_after_ms; /* default for targets */
	uint64_t retry_min_ms;     /* first delivery retry */
	uint64_t retry_max_ms;     /* cap on delivery backoff */
	uint64_t shutdown_timeout_ms;
};

/* [web]: the built-in web server (web/httpd.c). */
struct web_conf {
	char *listen;         /* owned: "HOST:PORT", or "" for off */
	struct secret *token; /* owned, or NULL: from token-file */
	int listen_set;       /* listen was written in the file (not the
	                         default): failing to bind it is fatal */
	int line;             /* of the [web] header, or 0 */
};

struct config {
	char *path; /* owned: the file it was read from */
	struct daemon_conf daemon;
	struct web_conf web;
	struct feed_conf *feeds; /* owned array */
	size_t n_feeds;
	struct target_conf *targets; /* owned array */
	size_t n_targets;
	size_t cap_feeds, cap_targets; /* records allocated */
	struct strlist warnings;       /* "FILE:LINE: message" not fatal */
	/* Name lookups (config_index_add): owned hash tables of record
	 * numbers, or NULL (then lookups scan the arrays). */
	struct conf_index *feed_index, *target_index;
};

/* The feed or target of that name, borrowed from c; NULL if none.  Constant
 * time once the records are indexed: 100,000 feeds took 20 s to load when
 * every new section scanned the ones before it. */
const struct feed_conf *config_feed(const struct config *c, const char *name);
const struct target_conf *config_target(const struct config *c,
    const char *name);

/*
 * Index the last record appended to c's feeds (targets false) or targets
 * (true), by its name; the arrays may be reallocated between calls.
 * Returns 0 or -ENOMEM (lookups then still work, by scanning).
 */
int config_index_add(struct config *c, int targets) MUST_CHECK;

/* Free c's indexes (config_free calls it). */
void config_index_free(struct config *c);

/* "json", "slack", "discord", "teams", "mattermost". */
const char *target_format_name(enum target_format f);

#endif /* UKEUWATCH_LIB_CONF_H */
