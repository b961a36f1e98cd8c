/*
 * review.c -- see review.h.
 */
#include "daemon/review.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/clock.h"
#include "store/store_alerts.h"
#include "store/store_cli.h"
#include "store/store_read.h"

struct marked {
	const char *verdict, *note;
};

static void
on_marked(void *arg, const char *id)
{
	const struct marked *m = arg;

	printf("alert %s: %s%s%s\n", id, m->verdict, m->note ? ": " : "",
	    m->note ? m->note : "");
}

int
review_mark(const char *state, const char *verdict, const char *note,
    char *const *ids, int n_ids, struct errbuf *eb)
{
	struct marked m = { .verdict = verdict, .note = note };
	enum store_review v;

	if (strcmp(verdict, "relevant") == 0)
		v = STORE_REVIEW_RELEVANT;
	else if (strcmp(verdict, "noise") == 0)
		v = STORE_REVIEW_NOISE;
	else
		return errbuf_set(eb, -EINVAL,
		    "--mark: \"%s\" is not a verdict: relevant or noise",
		    verdict);
	/* Checked before any is recorded: a short prefix that is unique today
	 * names another alert tomorrow, so the table's 8 digits are the least.
	 */
	for (int i = 0; i < n_ids; i++)
		if (strlen(ids[i]) < REVIEW_ID_MIN)
			return errbuf_set(eb, -EINVAL,
			    "--mark: \"%s\" is too short: give at least %d "
			    "characters of the id, as `ukeuwatch alerts` shows "
			    "them",
			    ids[i], REVIEW_ID_MIN);
	return store_review_mark(state, ids, (size_t)n_ids, v, note,
	    clock_now_ms(), on_marked, &m, eb);
}

/* The item whose verdicts are being gathered into one line. */
struct item_labels {
	char *feed, *key; /* owned; NULL before the first verdict */
	json_t *line;     /* owned */
};

static int
flush(struct item_labels *it)
{
	char *s;

	if (it->line == NULL)
		return 0;
	s = json_dumps(it->line, JSON_COMPACT);
	if (s == NULL)
		return -1;
	printf("%s\n", s);
	free(s);
	json_decref(it->line);
	it->line = NULL;
	return 0;
}

static json_t *
new_line(const struct store_review_row *row)
{
	char date[32] = "";

	if (row->published_ms > 0) {
		clock_format(row->published_ms, date);
		date[10] = '\0'; /* YYYY-MM-DD, as the eval sets write it */
	}
	/* The item's key within its feed is often a whole URL: no cap. */
	return json_pack("{s:o, s:s?, s:s?, s:s?, s:[], s:{}, s:{}}", "id",
	    json_sprintf("%s/%s", row->feed, row->item_key), "title",
	    row->title, "summary", row->summary, "date", date[0] ? date : NULL,
	    "labels", "reviewed", "notes");
}

static int
on_review(void *arg, const struct store_review_row *row)
{
	struct item_labels *it = arg;
	int relevant = row->verdict == STORE_REVIEW_RELEVANT;

	if (it->feed == NULL || strcmp(it->feed, row->feed) != 0 ||
	    strcmp(it->key, row->item_key) != 0) {
		if (flush(it) < 0)
			return -ENOMEM;
		free(it->feed);
		free(it->key);
		it->feed = strdup(row->feed);
		it->key = strdup(row->item_key);
		it->line = new_line(row);
		if (it->feed == NULL || it->key == NULL || it->line == NULL)
			return -ENOMEM;
	}
	if (relevant)
		json_array_append_new(json_object_get(it->line, "labels"),
		    json_string(row->profile));
	/* Only what was reviewed: a profile absent from "reviewed" was not
	 * judged (score.py leaves it out), and each note stays with the
	 * profile it was written for. */
	json_object_set_new(json_object_get(it->line, "reviewed"), row->profile,
	    json_string(relevant ? "relevant" : "noise"));
	if (row->note != NULL && row->note[0] != '\0')
		json_object_set_new(json_object_get(it->line, "notes"),
		    row->profile, json_string(row->note));
	return 0;
}

int
review_labels(const char *state, struct errbuf *eb)
{
	struct item_labels it = { 0 };
	struct store_reader *r = NULL;
	int rc;

	rc = store_reader_open(&r, state, STORE_READ_WAIT_MS, eb);
	if (rc == 0)
		rc = store_read_reviews(r, on_review, &it, eb);
	if (rc == 0 && flush(&it) < 0)
		rc = errbuf_set(eb, -ENOMEM, "--labels: out of memory");
	if (rc == -ENOMEM && eb->msg[0] == '\0')
		errbuf_set(eb, rc, "--labels: out of memory");
	store_reader_free(r);
	json_decref(it.line);
	free(it.feed);
	free(it.key);
	return rc;
}
