/*
 * log -- the operational log: one line per event on stderr.
 *
 * Under systemd (JOURNAL_STREAM names our stderr) each line starts with the
 * sd-daemon priority prefix "<N>" so `journalctl -p warning` works.  The
 * macros test the level before evaluating their arguments.  The subject
 * comes first, then what happened, then what to do:
 *   feed mod-news: HTTP 410 Gone; polling stopped, remove it from the config
 * Never pass a secret (webhook URLs, passwords, keys) to these functions.
 */
#ifndef UKEUWATCH_LIB_LOG_H
#define UKEUWATCH_LIB_LOG_H

#include "lib/errbuf.h"

enum log_level {
	LOG_LEVEL_ERR = 3,
	LOG_LEVEL_WARN = 4,
	LOG_LEVEL_NOTICE = 5,
	LOG_LEVEL_INFO = 6,
	LOG_LEVEL_DEBUG = 7,
};

extern int log_threshold; /* lines above this level are dropped */

/* Set the level and detect the journal.  Safe to call again (reload). */
void log_init(int level);

/* "err", "warning", "notice", "info", "debug" -> level, or -1. */
int log_level_parse(const char *name);

void log_write(int level, const char *fmt, ...) PRINTF_LIKE(2, 3);

#define LOG_AT(lvl, ...)                                                       \
	do {                                                                   \
		if ((lvl) <= log_threshold)                                    \
			log_write((lvl), __VA_ARGS__);                         \
	} while (0)
#define log_err(...)    LOG_AT(LOG_LEVEL_ERR, __VA_ARGS__)
#define log_warn(...)   LOG_AT(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_notice(...) LOG_AT(LOG_LEVEL_NOTICE, __VA_ARGS__)
#define log_info(...)   LOG_AT(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...)  LOG_AT(LOG_LEVEL_DEBUG, __VA_ARGS__)

#endif /* UKEUWATCH_LIB_LOG_H */
