/* notify.c -- see notify.h. */
#include "daemon/notify.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <systemd/sd-daemon.h>

#include "lib/clock.h"
#include "lib/log.h"

struct notify {
	uv_timer_t watchdog; /* owned; closed by notify_close */
	int watchdog_on;
	void (*done)(void *);
	void *done_arg;
};

static void
say(const char *msg)
{
	int rc = sd_notify(0, msg);

	if (rc < 0)
		log_debug("notify: cannot tell the service manager \"%s\": %s",
		    msg, strerror(-rc));
}

static void
on_watchdog(uv_timer_t *t)
{
	(void)t;
	say("WATCHDOG=1");
}

int
notify_new(struct notify **out, uv_loop_t *loop, struct errbuf *eb)
{
	struct notify *n = calloc(1, sizeof(*n));
	uint64_t usec = 0;
	int rc;

	*out = NULL;
	if (n == NULL)
		return errbuf_set(eb, -ENOMEM, "notify: out of memory");
	rc = uv_timer_init(loop, &n->watchdog);
	if (rc < 0) {
		free(n);
		return errbuf_set(eb, rc, "notify: cannot create a timer: %s",
		    uv_strerror(rc));
	}
	n->watchdog.data = n;
	if (sd_watchdog_enabled(0, &usec) > 0 && usec >= 2000) {
		n->watchdog_on = 1;
		uv_timer_start(&n->watchdog, on_watchdog, usec / 2000,
		    usec / 2000);
		log_info("notify: watchdog every %" PRIu64 " ms", usec / 2000);
	}
	*out = n;
	return 0;
}

void
notify_ready(struct notify *n, const char *status)
{
	char msg[512];

	(void)n;
	snprintf(msg, sizeof(msg), "READY=1\nSTATUS=%s", status);
	say(msg);
}

void
notify_reloading(struct notify *n)
{
	char msg[128];

	(void)n;
	snprintf(msg, sizeof(msg), "RELOADING=1\nMONOTONIC_USEC=%" PRIu64,
	    clock_mono_us());
	say(msg);
}

void
notify_stopping(struct notify *n)
{
	(void)n;
	say("STOPPING=1");
}

void
notify_status(struct notify *n, const char *status)
{
	char msg[512];

	(void)n;
	snprintf(msg, sizeof(msg), "STATUS=%s", status);
	say(msg);
}

static void
on_closed(uv_handle_t *h)
{
	struct notify *n = h->data;
	void (*done)(void *) = n->done;
	void *arg = n->done_arg;

	free(n);
	if (done != NULL)
		done(arg);
}

void
notify_close(struct notify *n, void (*done)(void *), void *arg)
{
	n->done = done;
	n->done_arg = arg;
	uv_timer_stop(&n->watchdog);
	uv_close((uv_handle_t *)&n->watchdog, on_closed);
}
