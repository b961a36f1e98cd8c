/*
 * alertlog.c -- see alertlog.h.
 */
#include "alerts/alertlog.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "alerts/alert.h"
#include "lib/buf.h"
#include "lib/clock.h"

struct alertlog {
	char *path;     /* owned */
	int fd;         /* owned; O_APPEND */
	struct buf out; /* owned: lines not yet written */
};

static int
open_log(const char *path, int *fd, struct errbuf *eb)
{
	char *copy;
	struct stat st;
	int err;

	*fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (*fd >= 0)
		return 0;
	err = errno;
	copy = strdup(path);
	if (err == ENOENT && copy != NULL && stat(dirname(copy), &st) < 0) {
		/* dirname wrote into copy: it now names the directory. */
		errbuf_set(eb, -ENOENT,
		    "alert log %s: directory %s does not exist; create it "
		    "(LogsDirectory= under systemd) or change alert-log",
		    path, copy);
		free(copy);
		return -ENOENT;
	}
	free(copy);
	return errbuf_set(eb, -err, "alert log %s: cannot open: %s", path,
	    strerror(err));
}

int
alertlog_new(struct alertlog **out, const char *path, struct errbuf *eb)
{
	struct alertlog *l = calloc(1, sizeof(*l));
	int rc;

	*out = NULL;
	if (l != NULL)
		l->path = strdup(path);
	if (l == NULL || l->path == NULL) {
		free(l);
		return errbuf_set(eb, -ENOMEM, "alert log: out of memory");
	}
	buf_init(&l->out, ALERTLOG_BUFFER_MAX);
	rc = open_log(path, &l->fd, eb);
	if (rc < 0) {
		free(l->path);
		free(l);
		return rc;
	}
	*out = l;
	return 0;
}

void
alertlog_free(struct alertlog *l)
{
	if (l == NULL)
		return;
	if (alertlog_flush(l, NULL) < 0) {
		/* Nothing left to tell: the caller's last flush reported it. */
	}
	close(l->fd);
	buf_clear(&l->out);
	free(l->path);
	free(l);
}

int
alertlog_flush(struct alertlog *l, struct errbuf *eb)
{
	size_t done = 0;
	ssize_t n;
	int err;

	while (done < l->out.len) {
		n = write(l->fd, l->out.data + done, l->out.len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? errno : EIO;
			/* Keep what was not written, for the next flush. */
			memmove(l->out.data, l->out.data + done,
			    l->out.len - done);
			l->out.len -= done;
			l->out.data[l->out.len] = '\0';
			return errbuf_set(eb, -err, "alert log %s: write: %s",
			    l->path, strerror(err));
		}
		done += (size_t)n;
	}
	buf_reset(&l->out);
	return 0;
}

int
alertlog_reopen(struct alertlog *l, struct errbuf *eb)
{
	int fd, rc = alertlog_flush(l, eb);

	if (rc < 0)
		return rc;
	rc = open_log(l->path, &fd, eb);
	if (rc < 0)
		return rc;
	close(l->fd);
	l->fd = fd;
	return 0;
}

/* Serialise j as one line into the buffer, flushing when it is full. */
static int
add_line(struct alertlog *l, json_t *j)
{
	char *s;
	int rc;

	if (j == NULL)
		return -ENOMEM;
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (s == NULL)
		return -ENOMEM;
	rc = buf_printf(&l->out, "%s\n", s);
	if (rc == -EFBIG) {
		rc = alertlog_flush(l, NULL);
		if (rc == 0)
			rc = buf_printf(&l->out, "%s\n", s);
	}
	free(s);
	return rc;
}

static json_t *
time_json(int64_t ms)
{
	char t[CLOCK_TEXT_LEN];

	return clock_format_ms(ms, t) != NULL ? json_string(t) : json_null();
}

int
alertlog_alert(struct alertlog *l, const struct alert_msg *m, int64_t at_ms)
{
	(void)at_ms;
	return add_line(l, alert_msg_event(m));
}

static json_t *
since(int64_t from, int64_t to)
{
	if (from == ALERT_TIME_NONE || to == ALERT_TIME_NONE)
		return json_null();
	return json_integer((json_int_t)(to - from));
}

int
alertlog_delivery(struct alertlog *l, const struct alertlog_delivery *d)
{
	return add_line(l,
	    json_pack("{s:s, s:o, s:s, s:s, s:s, s:I, s:I, s:s?, "
	              "s:{s:o, s:o}}",
	        "type", "delivery", "at", time_json(d->at_ms), "alert_id",
	        d->alert_id, "target", d->target, "outcome", d->outcome,
	        "status", (json_int_t)d->status, "attempt",
	        (json_int_t)d->attempt, "detail", d->detail, "latency_ms",
	        "since_published", since(d->published_ms, d->at_ms),
	        "since_matched", since(d->matched_ms, d->at_ms)));
}
