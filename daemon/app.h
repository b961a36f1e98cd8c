/*
 * app -- the process: owns the uv loop and every long-lived module, and
 * the order in which they start, reload and stop.
 *
 * Start: store -> profiles -> xfer -> alert log -> pipeline -> outbox ->
 * signals -> web (`run` only) -> sched -> READY=1.  [web] is read at start
 * only: a reload that changes it logs that it takes a restart.  SIGHUP builds a
 * new config and matcher and swaps them in only if both load (the old ones keep
 * running otherwise), and reopens the alert log.  SIGTERM/SIGINT stop new
 * polls, give work in flight shutdown-timeout to finish, cancel the rest, close
 * every handle in reverse order, and leave the loop empty.
 */
#ifndef UKEUWATCH_DAEMON_APP_H
#define UKEUWATCH_DAEMON_APP_H

#include "lib/errbuf.h"

struct config;
struct fetch_outcome;
struct app; /* opaque */

struct app_opts {
	const char *config_path; /* borrowed: re-read on SIGHUP */
	int one_cycle;           /* `poll`: each feed once, then exit */
	int send;                /* 0: `poll --no-send` */
	/* Every finished poll (for `poll -v`), borrowed for the call. */
	void (*on_outcome)(void *arg, const struct fetch_outcome *o);
	void *arg;
};

/*
 * Build the app on config, which it takes.  Returns 0, or a negative errno
 * with eb naming what failed (the state file, the profiles, ...) and what
 * to do; config is freed either way.
 */
int app_open(struct app **out, struct config *config,
    const struct app_opts *opts, struct errbuf *eb) MUST_CHECK;

/* Run until stopped (or the cycle is over).  Returns 0, or < 0 on failure. */
int app_run(struct app *a) MUST_CHECK;

/* Feeds polled with a document or a 304, and feeds that failed. */
void app_poll_counts(const struct app *a, unsigned *ok, unsigned *failed);

void app_free(struct app *a);

/*
 * The whole life of `run` and `poll`: load the config named by config (or
 * the default), open, run, free.  Returns the exit code (CLI_OK, CLI_FAIL,
 * CLI_USAGE); fills *ok and *failed (may be NULL) with the poll counts.
 */
int app_main(struct app_opts *opts, const char *config, unsigned *ok,
    unsigned *failed);

#endif /* UKEUWATCH_DAEMON_APP_H */
