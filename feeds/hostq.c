/*
 * hostq.c -- see hostq.h.
 *
 * Hosts live in a chained hash table and are never freed before the queue:
 * a daemon sees a bounded set of hosts (those in its config).  The ready
 * ring holds each host at most once (in_ready), in the order they became
 * ready.
 */
#include "feeds/hostq.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"

#define HOSTQ_BUCKETS 1024

struct hostq_host {
	char *name;               /* owned */
	struct hostq_host *chain; /* next in the hash bucket */
	struct hostq_entry *head, *tail;
	unsigned running;
	struct hostq_host *next_ready;
	int in_ready;
};

struct hostq {
	struct hostq_host *buckets[HOSTQ_BUCKETS];
	struct hostq_host *ready_head, *ready_tail;
	unsigned cap;
};

int
hostq_new(struct hostq **out, unsigned cap)
{
	*out = calloc(1, sizeof(**out));
	if (*out == NULL)
		return -ENOMEM;
	(*out)->cap = cap;
	return 0;
}

void
hostq_free(struct hostq *q)
{
	struct hostq_host *h, *next;

	if (q == NULL)
		return;
	for (size_t i = 0; i < HOSTQ_BUCKETS; i++)
		for (h = q->buckets[i]; h != NULL; h = next) {
			next = h->chain;
			free(h->name);
			free(h);
		}
	free(q);
}

static int
may_start(const struct hostq *q, const struct hostq_host *h)
{
	return h->head != NULL && (q->cap == 0 || h->running < q->cap);
}

static void
make_ready(struct hostq *q, struct hostq_host *h)
{
	if (h->in_ready || !may_start(q, h))
		return;
	h->in_ready = 1;
	h->next_ready = NULL;
	if (q->ready_tail != NULL)
		q->ready_tail->next_ready = h;
	else
		q->ready_head = h;
	q->ready_tail = h;
}

void
hostq_set_cap(struct hostq *q, unsigned cap)
{
	q->cap = cap;
	for (size_t i = 0; i < HOSTQ_BUCKETS; i++)
		for (struct hostq_host *h = q->buckets[i]; h != NULL;
		     h = h->chain)
			make_ready(q, h);
}

static struct hostq_host *
lookup(struct hostq *q, const char *name)
{
	uint64_t hash = hash_fnv(HASH_FNV_BASIS, name, strlen(name));
	struct hostq_host *h;
	size_t b;

	b = (size_t)(hash % HOSTQ_BUCKETS);
	for (h = q->buckets[b]; h != NULL; h = h->chain)
		if (strcmp(h->name, name) == 0)
			return h;
	h = calloc(1, sizeof(*h));
	if (h == NULL)
		return NULL;
	h->name = strdup(name);
	if (h->name == NULL) {
		free(h);
		return NULL;
	}
	h->chain = q->buckets[b];
	q->buckets[b] = h;
	return h;
}

int
hostq_bind(struct hostq *q, struct hostq_entry *e, const char *host)
{
	struct hostq_host *h = lookup(q, host);

	if (h == NULL)
		return -ENOMEM;
	if (e->host == h)
		return 0;
	if (e->queued) {
		hostq_remove(q, e);
		e->host = h;
		hostq_push(q, e);
	} else {
		e->host = h;
	}
	return 0;
}

void
hostq_push(struct hostq *q, struct hostq_entry *e)
{
	struct hostq_host *h = e->host;

	if (h == NULL || e->queued || e->running)
		return;
	e->queued = 1;
	e->next = NULL;
	if (h->tail != NULL)
		h->tail->next = e;
	else
		h->head = e;
	h->tail = e;
	make_ready(q, h);
}

void
hostq_remove(struct hostq *q, struct hostq_entry *e)
{
	struct hostq_host *h = e->host;
	struct hostq_entry **pp, *prev = NULL;

	(void)q;
	if (!e->queued)
		return;
	for (pp = &h->head; *pp != NULL; prev = *pp, pp = &(*pp)->next)
		if (*pp == e) {
			*pp = e->next;
			if (h->tail == e)
				h->tail = prev;
			break;
		}
	e->queued = 0;
	e->next = NULL;
	/* A host left in the ready ring with nothing queued is skipped and
	 * dropped by hostq_pop. */
}

struct hostq_entry *
hostq_pop(struct hostq *q)
{
	struct hostq_host *h;
	struct hostq_entry *e;

	while ((h = q->ready_head) != NULL) {
		q->ready_head = h->next_ready;
		if (q->ready_head == NULL)
			q->ready_tail = NULL;
		h->in_ready = 0;
		if (!may_start(q, h))
			continue;
		e = h->head;
		h->head = e->next;
		if (h->head == NULL)
			h->tail = NULL;
		e->next = NULL;
		e->queued = 0;
		e->running = 1;
		e->ran_on = h;
		h->running++;
		make_ready(q, h); /* its turn again, at the back of the ring */
		return e;
	}
	return NULL;
}

void
hostq_done(struct hostq *q, struct hostq_entry *e)
{
	struct hostq_host *h = e->ran_on;

	if (!e->running)
		return;
	e->running = 0;
	e->ran_on = NULL;
	if (h->running > 0)
		h->running--;
	make_ready(q, h);
	if (e->host != h && e->host != NULL)
		make_ready(q, e->host);
}

void
hostq_clear(struct hostq *q)
{
	for (size_t i = 0; i < HOSTQ_BUCKETS; i++)
		for (struct hostq_host *h = q->buckets[i]; h != NULL;
		     h = h->chain) {
			for (struct hostq_entry *e = h->head, *n; e != NULL;
			     e = n) {
				n = e->next;
				e->queued = 0;
				e->next = NULL;
			}
			h->head = h->tail = NULL;
			h->in_ready = 0;
		}
	q->ready_head = q->ready_tail = NULL;
}
