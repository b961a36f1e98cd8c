/*
 * test_store_alerts.c -- the store's alert and outbox rows against real
 * SQLite files in a temp dir: claims with a lease, outcomes, the stable
 * alert id, and the read-only queries behind `alerts` and `status`.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/errbuf.h"
#include "lib/item.h"
#include "store/store.h"
#include "store/store_alerts.h"
#include "store/store_cli.h"
#include "store/store_health.h"
#include "store/store_outbox.h"
#include "store/store_read.h"
#include "tests/unit/helpers.h"

struct seen_alerts {
	int n;
	char ids[4][STORE_ALERT_ID_SIZE];
	size_t n_dv;
	char states[128];
	int reviews; /* alerts with a relevant verdict and its note */
};

static int
collect_alert(void *arg, const struct store_alert *a,
    const struct store_delivery_view *dv, size_t n_dv)
{
	struct seen_alerts *s = arg;

	if (s->n < 4)
		strcpy(s->ids[s->n], a->id);
	s->n++;
	s->reviews += a->review == STORE_REVIEW_RELEVANT && a->review_note &&
	    strcmp(a->review_note, "wanted") == 0;
	s->n_dv = n_dv;
	s->states[0] = '\0';
	for (size_t i = 0; i < n_dv; i++)
		snprintf(s->states + strlen(s->states),
		    sizeof(s->states) - strlen(s->states), "%s:%s:%u:%s ",
		    dv[i].target, store_delivery_state_name(dv[i].state),
		    dv[i].attempts, dv[i].last_error ? dv[i].last_error : "-");
	return 0;
}

static int
collect_counts(void *arg, const struct store_outbox_count *c)
{
	char *out = arg;

	snprintf(out + strlen(out), 256 - strlen(out),
	    "%s q=%lld r=%lld ok=%lld dead=%lld;", c->target,
	    (long long)c->queued, (long long)c->retrying,
	    (long long)c->delivered, (long long)c->dead);
	return 0;
}

static void
read_alerts(struct fx *fx, const struct store_alert_filter *flt,
    struct seen_alerts *s)
{
	struct store_reader *r = NULL;
	struct errbuf eb = { 0 };

	memset(s, 0, sizeof(*s));
	if (store_reader_open(&r, fx->path, STORE_READ_WAIT_MS, &eb) < 0)
		fail_msg("reader: %s", eb.msg);
	assert_int_equal(store_read_alerts(r, flt, collect_alert, s, &eb), 0);
	store_reader_free(r);
}

/* One alert for a new item "a" of feed news, queued for hook (and mail). */
static void
queue_alert(struct fx *fx, char *id, int mail_too)
{
	struct store_alert_in in = { .profile = "csdp",
		.score = 2,
		.terms = (const char *[]){ "csdp" },
		.n_terms = 1,
		.matched_ms = T0 };
	struct store_doc *d;
	struct errbuf eb = { 0 };

	fx_open(fx);
	d = fx_begin(fx, "news", T0, 0);
	in.item_id = fx_offer(d, fx_item("a", "A", "https://ex.org/a", "s", T0))
	                 .item_id;
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	assert_int_equal(store_outbox_insert(fx->st,
	                     (const char *const[]){ id }, 1, "hook", T0, &eb),
	    1);
	if (mail_too) {
		assert_int_equal(store_outbox_insert(fx->st,
		                     (const char *const[]){ id }, 1, "mail", T0,
		                     &eb),
		    1);
		/* Queued once per target, however often it is offered. */
		assert_int_equal(store_outbox_insert(fx->st,
		                     (const char *const[]){ id }, 1, "mail", T0,
		                     &eb),
		    0);
	}
	fx_commit(d, T0);
}

static void
test_outbox(void **state)
{
	struct fx *fx = *state;
	struct store_alert_filter flt = { 0 };
	struct store_outbox_row r1, r2, r3;
	struct store_reader *r = NULL;
	struct seen_alerts seen;
	struct errbuf eb = { 0 };
	char id[STORE_ALERT_ID_SIZE], counts[256] = "";
	int64_t due, lease = 60000;

	queue_alert(fx, id, 1);

	assert_int_equal(store_outbox_claim(fx->st, T0, lease, &r1), 1);
	assert_int_equal(store_outbox_claim(fx->st, T0, lease, &r2), 1);
	assert_string_equal(r1.target_id, "hook");
	assert_string_equal(r2.target_id, "mail");
	assert_string_equal(r1.alert_id, id);
	assert_int_equal(r1.attempts, 0);
	assert_int_equal(r1.created_ms, T0);
	/* Both in flight: nothing else is due until the lease ends. */
	assert_int_equal(store_outbox_claim(fx->st, T0 + 1, lease, &r3), 0);
	assert_int_equal(store_outbox_next_due(fx->st, &due), 1);
	assert_int_equal(due, T0 + lease);
	/* The sender of r1 died: its row comes due again by itself. */
	assert_int_equal(store_outbox_retry(fx->st, r2.id, T0 + 5 * lease, 503,
	                     "HTTP 503"),
	    0);
	assert_int_equal(store_outbox_claim(fx->st, T0 + lease, lease, &r3), 1);
	assert_int_equal(r3.id, r1.id);
	assert_int_equal(r3.attempts, 1);
	assert_int_equal(store_outbox_delivered(fx->st, r3.id, T0 + lease, 200),
	    0);
	/* A late outcome for a delivered row changes nothing. */
	assert_int_equal(store_outbox_retry(fx->st, r1.id, T0, 500, "late"), 0);
	assert_int_equal(store_outbox_dead(fx->st, r1.id, T0, 500, "late"), 0);
	assert_int_equal(store_outbox_next_due(fx->st, &due), 1);
	assert_int_equal(due, T0 + 5 * lease);
	assert_int_equal(store_outbox_claim(fx->st, T0 + 4 * lease, lease, &r3),
	    0);
	assert_int_equal(store_outbox_claim(fx->st, T0 + 5 * lease, lease, &r3),
	    1);
	assert_int_equal(r3.id, r2.id);
	assert_int_equal(r3.attempts, 1);
	assert_int_equal(store_outbox_dead(fx->st, r3.id, T0 + 5 * lease, 404,
	                     "HTTP 404"),
	    0);
	/* Delivered and dead are final: never claimed again. */
	assert_int_equal(store_outbox_claim(fx->st, T0 + 100 * DAY, lease, &r3),
	    0);
	assert_int_equal(store_outbox_next_due(fx->st, &due), 0);

	assert_int_equal(store_reader_open(&r, fx->path, STORE_READ_WAIT_MS,
	                     &eb),
	    0);
	assert_int_equal(store_read_outbox(r, collect_counts, counts, &eb), 0);
	store_reader_free(r);
	assert_string_equal(counts,
	    "hook q=0 r=0 ok=1 dead=0;mail q=0 r=0 ok=0 dead=1;");

	flt.failed = 1;
	read_alerts(fx, &flt, &seen);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.ids[0], id);
	assert_string_equal(seen.states,
	    "hook:delivered:2:- mail:dead:2:HTTP 404 ");
	flt = (struct store_alert_filter){ .target = "hook",
		.feed = "news",
		.profile = "csdp",
		.since_ms = T0 };
	read_alerts(fx, &flt, &seen);
	assert_int_equal(seen.n, 1);
	flt.profile = "sanctions";
	read_alerts(fx, &flt, &seen);
	assert_int_equal(seen.n, 0);
	flt = (struct store_alert_filter){ .since_ms = T0 + 1 };
	read_alerts(fx, &flt, &seen);
	assert_int_equal(seen.n, 0);
}

/* A deferred row waits until the hold ends, and the claim that was handed
 * back is not counted as an attempt; a final row is not revived. */
static void
test_outbox_defer(void **state)
{
	struct fx *fx = *state;
	struct store_outbox_row row, again;
	char id[STORE_ALERT_ID_SIZE];
	int64_t due, lease = 60000, hold = T0 + 2500;

	queue_alert(fx, id, 0);

	assert_int_equal(store_outbox_claim(fx->st, T0, lease, &row), 1);
	assert_int_equal(store_outbox_defer(fx->st, row.id, hold), 0);
	assert_int_equal(store_outbox_next_due(fx->st, &due), 1);
	assert_int_equal(due, hold); /* not the lease's end */
	assert_int_equal(store_outbox_claim(fx->st, hold - 1, lease, &again),
	    0);
	assert_int_equal(store_outbox_claim(fx->st, hold, lease, &again), 1);
	assert_int_equal(again.id, row.id);
	assert_int_equal(again.attempts, 0);
	assert_int_equal(store_outbox_delivered(fx->st, again.id, hold, 204),
	    0);
	assert_int_equal(store_outbox_defer(fx->st, row.id, hold), 0);
	assert_int_equal(store_outbox_next_due(fx->st, &due), 0);
}

static void
count_requeued(void *arg, const char *alert_id, const char *target)
{
	char *out = arg;

	snprintf(out + strlen(out), 128 - strlen(out), "%.6s>%s;", alert_id,
	    target);
}

/*
 * Per-target concurrency: a busy target's rows are not claimed, nor do
 * they count as the next due; a clock jump's due times are clamped.
 */
static void
test_claim_except_and_clamp(void **state)
{
	struct fx *fx = *state;
	struct store_alert_filter flt = { .since_ms = T0 };
	struct store_outbox_row r;
	struct errbuf eb = { 0 };
	char id[STORE_ALERT_ID_SIZE];
	int64_t due;

	queue_alert(fx, id, 1);
	assert_int_equal(store_outbox_claim_except(fx->st, T0, 1000,
	                     "[\"hook\",\"mail\"]", &r),
	    0);
	assert_int_equal(store_outbox_next_due_except(fx->st,
	                     "[\"hook\",\"mail\"]", &due),
	    0);
	assert_int_equal(store_outbox_claim_except(fx->st, T0, 1000,
	                     "[\"hook\"]", &r),
	    1);
	assert_string_equal(r.target_id, "mail");
	assert_int_equal(store_outbox_next_due_except(fx->st, "[\"mail\"]",
	                     &due),
	    1);
	assert_int_equal(due, T0);
	/* The mail row retries in 100 days: a clock that jumped back. */
	assert_int_equal(store_outbox_retry(fx->st, r.id, T0 + 100 * DAY, 500,
	                     "x"),
	    0);
	assert_int_equal(store_outbox_clamp(fx->st, T0 + 4000), 1);
	assert_int_equal(store_outbox_clamp(fx->st, T0 + 4000), 0);
	assert_int_equal(store_outbox_claim_except(fx->st, T0 + 4000, 1000,
	                     "[\"hook\"]", &r),
	    1);
	assert_string_equal(r.target_id, "mail");
	/* `alerts --retry` takes a stranded row (due past the margin), and
	 * leaves the hook row, due now, alone. */
	assert_int_equal(store_outbox_retry(fx->st, r.id, T0 + 100 * DAY, 500,
	                     "x"),
	    0);
	flt.stranded_after_ms = 60000;
	assert_int_equal(store_requeue_dead(fx->path, &flt, T0 + 5000, NULL,
	                     NULL, &eb),
	    1);
	flt.stranded_after_ms = 0;
	assert_int_equal(store_outbox_retry(fx->st, r.id, T0 + 100 * DAY, 500,
	                     "x"),
	    0);
	assert_int_equal(store_requeue_dead(fx->path, &flt, T0 + 5000, NULL,
	                     NULL, &eb),
	    0);
}

/* `alerts --retry`: only dead rows, only those the filter selects; each
 * starts again due now, with no attempts and a fresh give-up clock. */
static void
test_requeue_dead(void **state)
{
	struct fx *fx = *state;
	struct store_alert_filter flt = { .since_ms = T0 };
	struct store_outbox_row hook, mail, again;
	struct errbuf eb = { 0 };
	char id[STORE_ALERT_ID_SIZE], seen[128] = "", want[128];
	int64_t due, now = T0 + DAY;

	queue_alert(fx, id, 1);
	assert_int_equal(store_outbox_claim(fx->st, T0, 1000, &hook), 1);
	assert_int_equal(store_outbox_claim(fx->st, T0, 1000, &mail), 1);
	assert_int_equal(store_outbox_dead(fx->st, hook.id, T0, 410, "gone"),
	    0);
	assert_int_equal(store_outbox_retry(fx->st, mail.id, now + DAY, 451,
	                     "later"),
	    0);
	/* Another profile, or a target with nothing dead: nothing to do. */
	flt.profile = "sanctions";
	assert_int_equal(store_requeue_dead(fx->path, &flt, now, NULL, NULL,
	                     &eb),
	    0);
	flt = (struct store_alert_filter){ .since_ms = T0, .target = "mail" };
	assert_int_equal(store_requeue_dead(fx->path, &flt, now, NULL, NULL,
	                     &eb),
	    0);
	flt.target = NULL;
	assert_int_equal(store_requeue_dead(fx->path, &flt, now, count_requeued,
	                     seen, &eb),
	    1);
	snprintf(want, sizeof(want), "%.6s>hook;", id);
	assert_string_equal(seen, want);
	assert_int_equal(store_outbox_next_due(fx->st, &due), 1);
	assert_int_equal(due, now);
	assert_int_equal(store_outbox_claim(fx->st, now, 1000, &again), 1);
	assert_int_equal(again.id, hook.id);
	assert_int_equal(again.attempts, 0);
	assert_int_equal(again.created_ms, now);
	/* Not a state file: a clear error naming it. */
	assert_true(store_requeue_dead("/nonexistent/state.db", &flt, now, NULL,
	                NULL, &eb) < 0);
	assert_non_null(strstr(eb.msg, "/nonexistent/state.db"));
}

static int
collect_review(void *arg, const struct store_review_row *row)
{
	char *out = arg;

	snprintf(out + strlen(out), 256 - strlen(out), "%s/%s %s %d %s;",
	    row->feed, row->item_key, row->profile, (int)row->verdict,
	    row->note ? row->note : "-");
	return 0;
}

static void
copy_id(void *arg, const char *id)
{
	snprintf(arg, STORE_ALERT_ID_SIZE, "%s", id);
}

/* One prefix through store_review_mark; the whole id marked into id. */
static int
mark(struct fx *fx, const char *prefix, enum store_review v, const char *note,
    char *id, struct errbuf *eb)
{
	char *list[] = { (char *)prefix };

	return store_review_mark(fx->path, list, 1, v, note, T0, copy_id, id,
	    eb);
}

/* Verdicts by id or unique prefix; a later one replaces the earlier; the
 * listing and the labelled set show them. */
static void
test_review_mark(void **state)
{
	struct fx *fx = *state;
	struct store_alert_in in = { .profile = "csdp", .matched_ms = T0 };
	char ids[17][STORE_ALERT_ID_SIZE], id[STORE_ALERT_ID_SIZE], key[16];
	char prefix[2] = "", rows[256] = "";
	struct store_reader *r = NULL;
	struct store_alert_filter flt = { .profile = "csdp" };
	struct seen_alerts seen;
	struct store_doc *d;
	struct errbuf eb = { 0 };

	fx_open(fx);
	d = fx_begin(fx, "news", T0, 0);
	/* 17 alerts: two of them must share a first hex digit. */
	for (int i = 0; i < 17; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		in.item_id = fx_offer(d,
		    fx_item(key, "T", "https://ex.org/", "s", T0))
		                 .item_id;
		assert_int_equal(store_alert_insert(fx->st, &in, ids[i], &eb),
		    1);
		for (int j = 0; j < i && prefix[0] == '\0'; j++)
			if (ids[j][0] == ids[i][0])
				prefix[0] = ids[i][0];
	}
	fx_commit(d, T0);
	assert_true(prefix[0] != '\0');

	assert_int_equal(mark(fx, ids[3], STORE_REVIEW_NOISE, NULL, id, &eb),
	    0);
	assert_string_equal(id, ids[3]);
	assert_int_equal(mark(fx, ids[3], STORE_REVIEW_RELEVANT, "wanted", id,
	                     &eb),
	    0);
	assert_int_equal(mark(fx, prefix, STORE_REVIEW_NOISE, NULL, id, &eb),
	    -EEXIST);
	assert_int_equal(mark(fx, "0000000000000000000000", STORE_REVIEW_NOISE,
	                     NULL, id, &eb),
	    -ENOENT);
	assert_int_equal(mark(fx, "K3", STORE_REVIEW_NOISE, NULL, id, &eb),
	    -EINVAL);
	/* Several at once: those before a bad id are recorded, none after. */
	{
		char bad[] = "K3", *list[] = { ids[5], bad, ids[6] };

		id[0] = '\0';
		assert_int_equal(store_review_mark(fx->path, list, 3,
		                     STORE_REVIEW_NOISE, NULL, T0, copy_id, id,
		                     &eb),
		    -EINVAL);
		assert_string_equal(id, ids[5]);
	}

	assert_int_equal(store_reader_open(&r, fx->path, STORE_READ_WAIT_MS,
	                     &eb),
	    0);
	assert_int_equal(store_read_reviews(r, collect_review, rows, &eb), 0);
	store_reader_free(r);
	assert_string_equal(rows, "news/k3 csdp 1 wanted;news/k5 csdp 2 -;");
	read_alerts(fx, &flt, &seen);
	assert_int_equal(seen.n, 17);
	assert_int_equal(seen.reviews, 1);
}

static int
collect_item(void *arg, const struct store_item_view *it)
{
	char *out = arg;

	snprintf(out + strlen(out), 256 - strlen(out), "%s:%zu;", it->key,
	    it->n_alerted);
	return 0;
}

/*
 * A near miss is a row of its own beside the alert of the same item and
 * profile: listed only with near set, markable, never the story of a
 * later alert, and not an alert of its item for replay.
 */
static void
test_near_miss(void **state)
{
	struct fx *fx = *state;
	struct store_alert_in in = { .profile = "csdp",
		.score = 4,
		.terms = (const char *[]){ "mission" },
		.n_terms = 1,
		.matched_ms = T0,
		.near = 1 };
	char near_id[STORE_ALERT_ID_SIZE], id[STORE_ALERT_ID_SIZE];
	char twin[STORE_ALERT_ID_SIZE], items[256] = "", rows[256] = "";
	struct store_alert_filter flt = { 0 };
	struct store_reader *r = NULL;
	struct seen_alerts seen;
	struct store_doc *d;
	struct store_alert a;
	struct errbuf eb = { 0 };
	int64_t item_b;

	fx_open(fx);
	d = fx_begin(fx, "news", T0, 0);
	in.item_id = fx_offer(d, fx_item("a", "A", "https://ex.org/a", "s", T0))
	                 .item_id;
	assert_int_equal(store_alert_insert(fx->st, &in, near_id, &eb), 1);
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 0);
	in.near = 0;
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	assert_string_not_equal(id, near_id);
	fx_commit(d, T0);
	/* The same story in another feed: a near miss is no twin. */
	d = fx_begin(fx, "wire", T0 + 1000, 0);
	item_b = fx_offer(d, fx_item("b", "A", "https://ex.org/a", "s", T0))
	             .item_id;
	assert_int_equal(store_alert_twin(fx->st, item_b, "csdp", 0, twin, &eb),
	    1);
	assert_string_equal(twin, id);
	fx_commit(d, T0 + 1000);

	store_alert_init(&a);
	assert_int_equal(store_alert_get(fx->st, near_id, &a, &eb), 0);
	assert_int_equal(a.near, 1);
	store_alert_clear(&a);
	read_alerts(fx, &flt, &seen);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.ids[0], id);
	flt.near = 1;
	read_alerts(fx, &flt, &seen);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.ids[0], near_id);

	assert_int_equal(mark(fx, near_id, STORE_REVIEW_RELEVANT, "missed",
	                     twin, &eb),
	    0);
	assert_string_equal(twin, near_id);
	assert_int_equal(store_reader_open(&r, fx->path, STORE_READ_WAIT_MS,
	                     &eb),
	    0);
	assert_int_equal(store_read_reviews(r, collect_review, rows, &eb), 0);
	assert_int_equal(store_read_items(r, 0, collect_item, items, &eb), 0);
	store_reader_free(r);
	assert_string_equal(rows, "news/a csdp 1 missed;");
	assert_string_equal(items, "a:1;b:0;");
}

static void
test_alert_id_stable(void **state)
{
	struct fx *fx = *state;
	struct store_alert_in in = { .profile = "csdp",
		.score = 1.25,
		.terms = (const char *[]){ "a", "b" },
		.n_terms = 2,
		.statement = "said",
		.speaker = "Minister",
		.matched_ms = T0 + 5 };
	struct seen_alerts seen;
	struct store_alert a;
	struct store_doc *d;
	struct errbuf eb = { 0 };
	char id[STORE_ALERT_ID_SIZE], again[STORE_ALERT_ID_SIZE];

	fx_open(fx);
	d = fx_begin(fx, "news", T0, 0);
	in.item_id = fx_offer(d,
	    fx_item("k1", "T", "https://ex.org/1", "s", T0))
	                 .item_id;
	assert_int_equal(store_alert_insert(fx->st, &in, id, &eb), 1);
	/* SHA-256("news\0k1\0csdp\0" + content hash as %016x), 128 bits;
	 * computed independently in Python. */
	assert_string_equal(id, "860f0630c4bb82f9baa15d555d156f6e");
	assert_int_equal(store_alert_insert(fx->st, &in, again, &eb), 0);
	assert_string_equal(id, again);
	fx_commit(d, T0);
	store_alert_init(&a);
	assert_int_equal(store_alert_get(fx->st, id, &a, &eb), 0);
	assert_string_equal(a.feed, "news");
	assert_string_equal(a.item_key, "k1");
	assert_string_equal(a.title, "T");
	assert_string_equal(a.link, "https://ex.org/1");
	assert_string_equal(a.profile, "csdp");
	assert_true(a.score == 1.25);
	assert_int_equal(a.n_terms, 2);
	assert_string_equal(a.terms[0], "a");
	assert_string_equal(a.terms[1], "b");
	/* The column keeps its JSON text: the schema did not change. */
	assert_int_equal(fx_raw_int(fx->path,
	                     "SELECT terms = '[\"a\",\"b\"]' FROM alerts"),
	    1);
	assert_string_equal(a.statement, "said");
	assert_string_equal(a.speaker, "Minister");
	assert_int_equal(a.published_ms, T0);
	assert_int_equal(a.fetched_ms, T0);
	assert_int_equal(a.matched_ms, T0 + 5);
	store_alert_clear(&a);
	/* The CLI reads a file whose daemon has stopped (no -wal, -shm). */
	store_free(fx->st);
	fx->st = NULL;
	read_alerts(fx, &(struct store_alert_filter){ 0 }, &seen);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.ids[0], id);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_outbox, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_outbox_defer, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_claim_except_and_clamp,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_requeue_dead, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_review_mark, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_near_miss, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_alert_id_stable, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
