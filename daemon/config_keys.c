/*
 * config_keys.c -- every configuration key: section, type, default, help.
 *
 * A default of NULL means "none" or, for per-feed and per-target keys that
 * share a name with a [daemon] key, "inherit the [daemon] value".
 */
#include <stddef.h>

#include "daemon/config.h"
#include "daemon/config_impl.h"

#define D(name, type, field, def, help)                                        \
	{                                                                      \
		CONFIG_SEC_DAEMON, name, type,                                 \
		    offsetof(struct daemon_conf, field), def, help             \
	}
#define F(name, type, field, def, help)                                        \
	{                                                                      \
		CONFIG_SEC_FEED, name, type,                                   \
		    offsetof(struct feed_conf, field), def, help               \
	}
#define T(name, type, field, def, help)                                        \
	{                                                                      \
		CONFIG_SEC_TARGET, name, type,                                 \
		    offsetof(struct target_conf, field), def, help             \
	}

#define W(name, type, field, def, help)                                        \
	{                                                                      \
		CONFIG_SEC_WEB, name, type, offsetof(struct web_conf, field),  \
		    def, help                                                  \
	}

const struct config_key config_keys[] = {
	D("state", CONFIG_T_PATH, state, NULL,
	    "SQLite state file (default $STATE_DIRECTORY/state.db, else "
	    "/var/lib/ukeuwatch/state.db)"),
	D("alert-log", CONFIG_T_PATH, alert_log, NULL,
	    "JSON Lines alert log (default $LOGS_DIRECTORY/alerts.jsonl, else "
	    "/var/log/ukeuwatch/alerts.jsonl)"),
	D("profiles", CONFIG_T_PATH, profiles_dir, NULL,
	    "directory of NAME.profile files (default $UKEUWATCH_PROFILES, "
	    "else $UKEUWATCH_DATADIR/profiles, else the shipped profiles)"),
	D("opml", CONFIG_T_PATH, opml, NULL,
	    "OPML file whose outlines with an xmlUrl are added as feeds"),
	D("user-agent", CONFIG_T_STR, user_agent, NULL,
	    "User-Agent for every request (default ukeuwatch/VERSION)"),
	D("log-level", CONFIG_T_LOGLEVEL, log_level, "info",
	    "err, warning, notice, info or debug"),
	D("interval", CONFIG_T_DURATION, interval_ms, "15m",
	    "default time between two polls of a feed"),
	D("min-interval", CONFIG_T_DURATION, min_interval_ms, "1m",
	    "no feed is polled more often than this"),
	D("max-backoff", CONFIG_T_DURATION, max_backoff_ms, "6h",
	    "cap on the delay before retrying a failing feed"),
	D("timeout", CONFIG_T_DURATION, timeout_ms, "30s",
	    "time allowed for one whole transfer"),
	D("connect-timeout", CONFIG_T_DURATION, connect_timeout_ms, "10s",
	    "time allowed to connect"),
	D("max-body", CONFIG_T_SIZE, max_body, "10MiB",
	    "a larger response is aborted"),
	D("max-items", CONFIG_T_U64, max_items, "5000",
	    "items read from one document at most"),
	D("max-connections", CONFIG_T_UINT, max_connections, "32",
	    "concurrent transfers in all"),
	D("max-host-connections", CONFIG_T_UINT, max_host_connections, "2",
	    "concurrent transfers to one host"),
	D("allow-private", CONFIG_T_BOOL, allow_private, "no",
	    "let feeds on public hosts reach loopback, private and link-local "
	    "addresses (by redirect or DNS answer); yes turns SSRF protection "
	    "off"),
	D("honour-ttl", CONFIG_T_BOOL, honour_ttl, "no",
	    "treat a feed's <ttl> or sy:updatePeriod as a lower bound on its "
	    "interval"),
	D("backlog", CONFIG_T_DURATION, backlog_ms, "2d",
	    "on a feed's first poll, items older than this are recorded "
	    "without alerting"),
	D("retention", CONFIG_T_DURATION, retention_ms, "90d",
	    "items gone from their feed this long are forgotten"),
	D("same-story-window", CONFIG_T_DURATION, same_story_ms, "3d",
	    "an item another feed already alerted on this recently (same link "
	    "and title) is not a new alert; 0s turns this off"),
	D("realert-on-update", CONFIG_T_BOOL, realert_on_update, "no",
	    "alert again when a seen item's content changes"),
	D("give-up-after", CONFIG_T_DURATION, give_up_after_ms, "24h",
	    "a delivery still failing this long after its alert is "
	    "dead-lettered"),
	D("retry-min", CONFIG_T_DURATION, retry_min_ms, "30s",
	    "first delay before a failed delivery is tried again"),
	D("retry-max", CONFIG_T_DURATION, retry_max_ms, "1h",
	    "cap on the delay between delivery attempts"),
	D("shutdown-timeout", CONFIG_T_DURATION, shutdown_timeout_ms, "10s",
	    "on SIGTERM, time given to work in flight before it is cancelled"),

	F("url", CONFIG_T_URL, url, NULL,
	    "the feed's http or https URL (required, or url-file)"),
	F("url-file", CONFIG_T_SECRET_FILE, url_file, NULL,
	    "file holding the feed's URL, for one that carries credentials "
	    "or a token; shown without its query"),
	F("interval", CONFIG_T_DURATION, interval_ms, NULL,
	    "time between polls (default: [daemon] interval)"),
	F("profiles", CONFIG_T_LIST, profiles, NULL,
	    "comma-separated profiles to match (default: all)"),
	F("user-agent", CONFIG_T_STR, user_agent, NULL,
	    "User-Agent for this feed, for CDNs that block feed fetchers"),
	F("max-body", CONFIG_T_SIZE, max_body, NULL,
	    "response size cap (default: [daemon] max-body)"),
	F("timeout", CONFIG_T_DURATION, timeout_ms, NULL,
	    "transfer timeout (default: [daemon] timeout)"),
	F("honour-ttl", CONFIG_T_BOOL, honour_ttl, NULL,
	    "as [daemon] honour-ttl, for this feed"),

	T("type", CONFIG_T_TTYPE, type, NULL, "webhook or mail (required)"),
	T("format", CONFIG_T_TFORMAT, format, "json",
	    "webhook payload: json, slack, discord, teams or mattermost"),
	T("url", CONFIG_T_SECRET, url, NULL,
	    "webhook URL, or smtp:// / smtps:// server for mail; webhook URLs "
	    "carry tokens, so prefer url-file"),
	T("url-file", CONFIG_T_SECRET_FILE, url, NULL,
	    "file holding the URL (kept out of the config)"),
	T("secret-file", CONFIG_T_SECRET_FILE, secret, NULL,
	    "file holding the whsec_ signing key (Standard Webhooks)"),
	T("previous-secret-file", CONFIG_T_SECRET_FILE, secret2, NULL,
	    "second signing key while receivers rotate keys"),
	T("profiles", CONFIG_T_LIST, profiles, NULL,
	    "comma-separated profiles this target wants (default: all)"),
	T("feeds", CONFIG_T_LIST, feeds, NULL,
	    "comma-separated feeds this target wants (default: all)"),
	T("min-score", CONFIG_T_SCORE, min_score, "0",
	    "alerts scoring lower are not sent here"),
	T("rate-limit", CONFIG_T_RATE, rate_per_s, NULL,
	    "requests at most, as N/s or N/m; 0 for none (default 1/s for "
	    "slack, discord and teams, none otherwise)"),
	T("give-up-after", CONFIG_T_DURATION, give_up_after_ms, NULL,
	    "as [daemon] give-up-after, for this target"),
	T("timeout", CONFIG_T_DURATION, timeout_ms, "30s",
	    "time allowed for one delivery"),
	T("concurrency", CONFIG_T_UINT, concurrency, "4",
	    "deliveries to this target in flight at once (at least 1)"),
	T("starttls", CONFIG_T_BOOL, starttls, NULL,
	    "mail: require STARTTLS on smtp:// (default yes; smtps:// is "
	    "always TLS)"),
	T("username", CONFIG_T_STR, username, NULL, "mail: AUTH user name"),
	T("password-file", CONFIG_T_SECRET_FILE, password, NULL,
	    "mail: file holding the AUTH password"),
	T("from", CONFIG_T_STR, from, NULL, "mail: From address (required)"),
	T("to", CONFIG_T_LIST, to, NULL,
	    "mail: comma-separated recipients (required)"),
	T("digest", CONFIG_T_DURATION, digest_ms, "0s",
	    "mail: batch a period's alerts into one message (0s: one mail "
	    "per alert)"),

	W("listen", CONFIG_T_LISTEN, listen, "127.0.0.1:8037",
	    "HOST:PORT of the review pages, /metrics and /alerts.atom; empty "
	    "turns the web server off"),
	W("token-file", CONFIG_T_SECRET_FILE, token, NULL,
	    "file holding the access token (bearer or cookie login); "
	    "required when listen is not a loopback address"),
};

const size_t config_n_keys = sizeof(config_keys) / sizeof(config_keys[0]);
