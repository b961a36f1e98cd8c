/*
 * outbox_impl.h -- private to alerts/outbox*.c: the outbox, its
 * deliveries and per-target pacing.
 */
#ifndef UKEUWATCH_ALERTS_OUTBOX_IMPL_H
#define UKEUWATCH_ALERTS_OUTBOX_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include <uv.h>

#include "alerts/mail.h"
#include "lib/buf.h"
#include "lib/conf.h"
#include "lib/errbuf.h"
#include "store/store.h"
#include "store/store_outbox.h"

struct alert_msg;

#define MAX_PACED 1024 /* targets tracked for pacing, concurrency, digests */

/* Response bytes kept for the log and the store: a chat service's error
 * ("no_service", "invalid_payload") fits many times over. */
#define REPLY_MAX 512

/* One claimed row (or a digest of rows) on its way out. */
struct delivery {
	struct outbox *ob; /* back pointer, not owned */
	struct store_outbox_row
	    *rows; /* owned: claimed rows (1, or a digest) */
	size_t n_rows;
	struct alert_msg *msgs; /* owned array, one message per row */
	struct target_conf *t;  /* borrowed from the config at send */
	char *target;           /* owned: name, for log lines */
	enum target_type type;
	struct buf body;       /* owned: webhook body or mail message */
	struct buf reply;      /* owned: start of the response body */
	struct mail_upload up; /* mail: read position in body */
	uv_timer_t wait;       /* owned: pacing or digest period */
	int waiting;
	struct pace *pace; /* borrowed: counted in its busy, or NULL */
	struct delivery *prev, *next; /* every live delivery of the outbox */
};

struct pace {
	char name[STORE_TARGET_MAX];
	int64_t next_ms;         /* not before this: our own pacing */
	int64_t hold_ms;         /* nor before this: the server's rate limit */
	struct delivery *digest; /* mail digest being gathered, or NULL */
	unsigned busy; /* deliveries held: waiting for pace or in flight */
};

struct outbox {
	uv_loop_t *loop;             /* borrowed */
	struct xfer *xfer;           /* borrowed */
	struct store *store;         /* borrowed */
	const struct config *config; /* borrowed; replaced on reload */
	struct alertlog *log;        /* borrowed, may be NULL */
	struct outbox_opts opts;     /* copied */
	uv_timer_t timer;            /* owned; closed by outbox_close */
	struct pace pace[MAX_PACED];
	size_t n_pace;
	unsigned in_flight;    /* claimed and not yet recorded */
	unsigned timers_open;  /* delivery wait timers not yet closed */
	struct delivery *live; /* every delivery not yet released */
	int stopped;
	int closing;
	void (*done)(void *);
	void *done_arg;
};

/* outbox_send.c */
struct delivery *outbox_delivery_new(struct outbox *ob,
    const struct target_conf *t);
int outbox_delivery_add(struct delivery *d, const struct store_outbox_row *row,
    struct errbuf *eb) MUST_CHECK;
/* Free d (through its timer's close callback) and account for it. */
void outbox_delivery_release(struct delivery *d);
/* Build and start d's request; on failure d is released (lease runs out). */
void outbox_send(struct delivery *d);

/* outbox.c */
/* The server of target said to wait: nothing goes to it before until_ms. */
void outbox_hold(struct outbox *ob, const char *target, int64_t until_ms);
void outbox_report_idle(struct outbox *ob);
void outbox_maybe_closed(struct outbox *ob);

#endif /* UKEUWATCH_ALERTS_OUTBOX_IMPL_H */
