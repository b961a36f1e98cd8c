/*
 * test_feed_parse -- the parser against its fixtures, plus its caps.
 *
 * Every tests/fixtures/feeds/NAME.xml|.json is one test, and fails when
 * its NAME.expect.json is missing: the whole document JSON, written by the
 * same writer as `ukeuwatch parse` (feeds/item_json.h; a failure is
 * {"error": "ENOMSG", "message": ...}; a recovered read adds
 * "_recovered": true), must equal the expectation, parsed whole and pushed
 * in 1-, 7- and 4096-byte chunks, since the daemon pushes whatever libcurl
 * delivers.  tests/integration/test_parse_golden.py checks the same
 * expectations against the `ukeuwatch parse` binary itself.
 * UPDATE_EXPECT=1 rewrites the expectations (review the diff!).
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "feeds/feed_parse.h"
#include "feeds/item_json.h"

#define FIXTURES "tests/fixtures/feeds/"
#define DOC_URL  "https://example.org/feed.xml"

struct collected {
	json_t *items;        /* owned by parse_json */
	struct item_json *ij; /* owned by parse_json */
};

static int
collect(void *arg, const struct item *it)
{
	struct collected *c = arg;
	const json_t *j;
	struct item copy;

	/* round-trip through item_copy so it is tested on every item */
	if (item_copy(&copy, it) < 0)
		return -ENOMEM;
	j = item_json_set(c->ij, &copy);
	if (j != NULL)
		json_array_append_new(c->items, json_deep_copy(j));
	item_clear(&copy);
	return j != NULL ? 0 : -ENOMEM;
}

static const char *
err_name(int rc)
{
	return rc == -ENOMSG ? "ENOMSG" :
	    rc == -EFBIG     ? "EFBIG" :
	    rc == -EBADMSG   ? "EBADMSG" :
	    rc == -ENOMEM    ? "ENOMEM" :
	                       "other";
}

/* Parse data in chunks of `chunk` bytes (0: all at once) into JSON. */
static json_t *
parse_json(const char *data, size_t len, size_t chunk,
    const struct feed_parse_opts *opts)
{
	static const struct feed_parse_cbs cbs = { .on_item = collect };
	struct feed_parse_opts o = { .doc_url = DOC_URL };
	struct feed_parser *p;
	struct errbuf eb = { 0 };
	struct collected c = { .items = json_array() };
	json_t *doc;
	size_t off = 0;
	int rc;

	if (opts != NULL)
		o = *opts;
	assert_int_equal(item_json_new(&c.ij), 0);
	assert_int_equal(feed_parse_new(&p, &o, &cbs, &c, &eb), 0);
	rc = 0;
	while (rc == 0 && off < len) {
		size_t n = chunk == 0 || len - off < chunk ? len - off : chunk;

		rc = feed_parse_push(p, data + off, n, &eb);
		off += n;
	}
	if (rc == 0)
		rc = feed_parse_finish(p, &eb);
	if (rc < 0) {
		doc = json_pack("{s:s, s:s}", "error", err_name(rc), "message",
		    eb.msg);
		json_decref(c.items);
	} else {
		doc = item_json_meta(feed_parse_meta(p));
		assert_int_equal(feed_parse_count(p), json_array_size(c.items));
		json_object_set_new(doc, "items", c.items);
		if (rc == 1)
			json_object_set_new(doc, "_recovered", json_true());
	}
	feed_parse_free(p);
	item_json_free(c.ij);
	return doc;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return data;
}

static void
expect_equal(const char *name, json_t *want, json_t *got, size_t chunk)
{
	if (!json_equal(want, got)) {
		char *w = json_dumps(want, JSON_INDENT(2) | JSON_SORT_KEYS);
		char *g = json_dumps(got, JSON_INDENT(2) | JSON_SORT_KEYS);

		print_error("%s (chunk %zu)\nexpected:\n%s\ngot:\n%s\n", name,
		    chunk, w, g);
		free(w);
		free(g);
		fail();
	}
}

static void
test_fixture(void **state)
{
	const char *file = *state;
	static const size_t chunks[] = { 0, 1, 7, 4096 };
	char path[512], expect[512];
	json_error_t jerr;
	json_t *want, *got;
	size_t len;
	char *data;

	snprintf(path, sizeof(path), FIXTURES "%s", file);
	snprintf(expect, sizeof(expect), FIXTURES "%.*s.expect.json",
	    (int)(strrchr(file, '.') - file), file);
	data = slurp(path, &len);
	if (getenv("UPDATE_EXPECT") != NULL) {
		got = parse_json(data, len, 0, NULL);
		json_dump_file(got, expect, JSON_INDENT(2));
		json_decref(got);
	}
	want = json_load_file(expect, 0, &jerr);
	if (want == NULL)
		fail_msg("%s: %s", expect, jerr.text);
	for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		got = parse_json(data, len, chunks[i], NULL);
		expect_equal(file, want, got, chunks[i]);
		json_decref(got);
	}
	json_decref(want);
	free(data);
}

static const char small_rss[] = "<rss version=\"2.0\"><channel><title>t"
                                "</title><item><title>a</title></item>"
                                "<item><title>b</title></item></channel></rss>";

static void
expect_error(const char *doc, const struct feed_parse_opts *o, const char *err,
    const char *msg)
{
	json_t *got = parse_json(doc, strlen(doc), 0, o);
	json_t *want = json_pack("{s:s, s:s}", "error", err, "message", msg);

	expect_equal(doc, want, got, 0);
	json_decref(got);
	json_decref(want);
}

static void
test_caps(void **state)
{
	static const char long_title[] = "<rss><channel><item><title>"
	                                 "123456789012345</title></item>"
	                                 "</channel></rss>";
	struct feed_parse_opts o = { .max_items = 1 };
	char deep[2000];
	size_t n = 0;
	json_t *got, *items;

	(void)state;
	/* Over max_items: the first items are kept, the rest skipped. */
	got = parse_json(small_rss, strlen(small_rss), 0, &o);
	items = json_object_get(got, "items");
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(json_string_value(
	                        json_object_get(json_array_get(items, 0),
	                            "title")),
	    "a");
	assert_true(json_is_true(json_object_get(got, "_recovered")));
	json_decref(got);
	o = (struct feed_parse_opts){ .max_doc = 20 };
	expect_error(small_rss, &o, "EFBIG",
	    "the document is over its cap of 20 bytes");
	/* Over max_field: that field is truncated and marked, not fatal. */
	o = (struct feed_parse_opts){ .max_field = 12 };
	for (size_t chunk = 0; chunk < 8; chunk += 7) {
		got = parse_json(long_title, strlen(long_title), chunk, &o);
		items = json_object_get(got, "items");
		assert_string_equal(json_string_value(
		                        json_object_get(json_array_get(items,
		                                            0),
		                            "title")),
		    "123456\u2026");
		json_decref(got);
	}
	o = (struct feed_parse_opts){ .max_depth = 10 };
	n += (size_t)sprintf(deep, "<rss><channel>");
	for (int i = 0; i < 20; i++)
		n += (size_t)sprintf(deep + n, "<x>");
	expect_error(deep, &o, "EFBIG",
	    "elements nested over 10 deep: not a feed");
}

static void
test_not_feeds(void **state)
{
	(void)state;
	expect_error("", NULL, "ENOMSG", "not a feed: the document is empty");
	expect_error("hello", NULL, "ENOMSG",
	    "not a feed: the document is neither XML nor JSON");
	expect_error("{\"a\": 1}", NULL, "ENOMSG",
	    "not a feed: JSON but not a JSON Feed (no version 1.x and items)");
	expect_error("{\"items\": [", NULL, "EBADMSG",
	    "not a feed: invalid JSON at line 1: ']' expected near end of "
	    "file");
}

static int
stop_at_first(void *arg, const struct item *it)
{
	(void)arg;
	(void)it;
	return -ECANCELED;
}

static void
test_callback_stops(void **state)
{
	static const struct feed_parse_cbs cbs = { .on_item = stop_at_first };
	struct feed_parser *p;
	struct errbuf eb = { 0 };

	(void)state;
	assert_int_equal(feed_parse_new(&p, NULL, &cbs, NULL, &eb), 0);
	assert_int_equal(feed_parse_push(p, small_rss, sizeof(small_rss) - 1,
	                     &eb),
	    -ECANCELED);
	assert_string_equal(eb.msg, "stopped by the item callback");
	assert_int_equal(feed_parse_count(p), 1);
	assert_int_equal(feed_parse_finish(p, &eb), -ECANCELED);
	feed_parse_free(p);
}

static void
test_ttl(void **state)
{
	static const char *const docs[] = {
		"<rss version=\"2.0\"><channel><ttl>90</ttl></channel></rss>",
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-"
		"ns#\" xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/"
		"\" "
		"xmlns=\"http://purl.org/rss/1.0/\"><channel><sy:updatePeriod>"
		"hourly</sy:updatePeriod><sy:updateFrequency>2</sy:"
		"updateFrequency></channel></rdf:RDF>",
		"<rss><channel><title>x</title></channel></rss>",
		/* frequency before period; the larger hint wins */
		"<rss version=\"2.0\" xmlns:sy=\"http://purl.org/rss/1.0/"
		"modules/syndication/\"><channel><sy:updateFrequency>4"
		"</sy:updateFrequency><sy:updatePeriod>daily</sy:updatePeriod>"
		"<ttl>60</ttl></channel></rss>",
		"<rss version=\"2.0\" xmlns:sy=\"http://purl.org/rss/1.0/"
		"modules/syndication/\"><channel><ttl>600</ttl><sy:"
		"updatePeriod>hourly</sy:updatePeriod></channel></rss>",
	};
	static const int64_t want[] = { 5400, 1800, 0, 21600, 36000 };
	struct feed_parser *p;
	struct errbuf eb = { 0 };

	(void)state;
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(feed_parse_new(&p, NULL, NULL, NULL, &eb), 0);
		assert_int_equal(feed_parse_push(p, docs[i], strlen(docs[i]),
		                     &eb),
		    0);
		assert_int_equal(feed_parse_finish(p, &eb), 0);
		assert_int_equal(feed_parse_meta(p)->ttl_s, want[i]);
		feed_parse_free(p);
	}
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct CMUnitTest *)a)->name,
	    ((const struct CMUnitTest *)b)->name);
}

int
main(void)
{
	struct CMUnitTest *tests = calloc(256, sizeof(*tests));
	char expect[512];
	struct dirent *e;
	DIR *d = opendir(FIXTURES);
	size_t n = 0;
	int rc;

	if (d == NULL || tests == NULL) {
		fprintf(stderr, "run from the repository root\n");
		return 1;
	}
	while ((e = readdir(d)) != NULL && n < 250) {
		const char *dot = strrchr(e->d_name, '.');
		FILE *f;

		if (dot == NULL || strstr(e->d_name, ".expect.") != NULL ||
		    (strcmp(dot, ".xml") != 0 && strcmp(dot, ".json") != 0))
			continue;
		snprintf(expect, sizeof(expect), FIXTURES "%.*s.expect.json",
		    (int)(dot - e->d_name), e->d_name);
		/* a fixture without its expectation is a test that fails
		 * (slurp asserts), never one that is quietly left out */
		f = fopen(expect, "r");
		if (f != NULL)
			fclose(f);
		tests[n].name = strdup(e->d_name);
		tests[n].test_func = test_fixture;
		tests[n].initial_state = (void *)tests[n].name;
		n++;
	}
	closedir(d);
	qsort(tests, n, sizeof(*tests), by_name);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_caps);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_not_feeds);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_callback_stops);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_ttl);
	rc = _cmocka_run_group_tests("feed_parse", tests, n, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		if (tests[i].test_func == test_fixture)
			free((void *)tests[i].name);
	free(tests);
	return rc;
}
