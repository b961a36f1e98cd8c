/*
 * log.c -- see log.h.
 *
 * Lines are formatted into one buffer and written with a single write(2),
 * so lines from a crashing process are never interleaved halfway.
 */
#include "lib/log.h"

#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

int log_threshold = LOG_LEVEL_INFO;
static int journal; /* stderr is the journal: prefix <N>, no timestamp */

/*
 * JOURNAL_STREAM is "DEV:INO" of the stream systemd connected; it is
 * inherited by children, so compare it with what our stderr really is.
 */
static int
stderr_is_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (js == NULL || sscanf(js, "%llu:%llu", &dev, &ino) != 2)
		return 0;
	if (fstat(STDERR_FILENO, &st) < 0)
		return 0;
	return (unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino;
}

void
log_init(int level)
{
	log_threshold = level;
	journal = stderr_is_journal();
}

struct level_name {
	const char *name;
	int level;
};

static const struct level_name level_names[] = {
	{ "err", LOG_LEVEL_ERR },
	{ "error", LOG_LEVEL_ERR },
	{ "warning", LOG_LEVEL_WARN },
	{ "warn", LOG_LEVEL_WARN },
	{ "notice", LOG_LEVEL_NOTICE },
	{ "info", LOG_LEVEL_INFO },
	{ "debug", LOG_LEVEL_DEBUG },
};

int
log_level_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (strcasecmp(name, level_names[i].name) == 0)
			return level_names[i].level;
	return -1;
}

void
log_write(int level, const char *fmt, ...)
{
	static const char *const tags[] = { "emerg", "alert", "crit", "error",
		"warning", "notice", "info", "debug" };
	char line[2048];
	size_t n = 0;
	va_list ap;
	int r;

	if (level < 0 || level > 7)
		level = LOG_LEVEL_ERR;
	if (journal) {
		n = (size_t)snprintf(line, sizeof(line), "<%d>", level);
	} else {
		struct timespec ts;
		struct tm tm;

		clock_gettime(CLOCK_REALTIME, &ts);
		gmtime_r(&ts.tv_sec, &tm);
		n = strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%SZ ", &tm);
		r = snprintf(line + n, sizeof(line) - n,
		    "ukeuwatch[%d] %s: ", (int)getpid(), tags[level]);
		n += r > 0 ? (size_t)r : 0;
	}
	va_start(ap, fmt);
	r = vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	if (r < 0)
		r = 0;
	n += (size_t)r;
	if (n > sizeof(line) - 2) {
		/* Truncated: mark it so a reader knows the line is cut. */
		n = sizeof(line) - 5;
		memcpy(line + n, "...", 3);
		n += 3;
	}
	/* One line per event, whatever the message contained, and no
	 * control character from a feed reaches the operator's terminal. */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			line[i] = ' ';
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, n) < 0) {
		/* Nowhere left to report it. */
	}
}
