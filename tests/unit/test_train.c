/*
 * test_train.c -- profile training on made-up items: the profile written
 * parses, keeps the base's groups and curated terms, learns a distinctive
 * candidate, separates the items it was fitted on, and cross-validates;
 * items of one kind only are refused.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/buf.h"
#include "match/profile.h"
#include "match/train.h"

static const char base[] = "# navy: EU naval news\n"
                           "threshold 5\n"
                           "field title 1\nfield summary 1\n"
                           "require eu EU, European Union   # the EU side\n"
                           "term 2 naval   # seed: naval missions\n"
                           "exclude football\n";

#define N 40

static struct train_item items[N];
static char titles[N][96];

/* Positives: the EU and a frigate mission; negatives: the EU and farms,
 * or ports without a mission. */
static void
make_items(void)
{
	for (int i = 0; i < N; i++) {
		int pos = i % 2 == 0;

		snprintf(titles[i], sizeof(titles[i]),
		    pos ? "EU frigate mission %d sails, naval escort day %d" :
		          "EU farm subsidies %d debated, naval port day %d",
		    i, i % 7);
		items[i].title = titles[i];
		items[i].summary = i % 5 == 0 ? "Brussels said." : NULL;
		items[i].label = pos;
	}
}

/* Is there a line "term WEIGHT TERM   # ..." for exactly this term? */
static int
has_term(const char *text, const char *term)
{
	size_t n = strlen(term);

	for (const char *l = text; l != NULL && *l != '\0';
	     l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		const char *t = l + 5;

		if (strncmp(l, "term ", 5) != 0)
			continue;
		t += strcspn(t, " ") + 1; /* past the weight */
		if (strncmp(t, term, n) == 0 && strncmp(t + n, "   #", 4) == 0)
			return 1;
	}
	return 0;
}

static void
test_train_profile(void **state)
{
	struct train_opts o = { .name = "navy",
		.base = base,
		.base_len = strlen(base),
		.base_file = "base",
		.max_terms = 10,
		.C = 1,
		.header = "# trained for a test" };
	struct train_counts c = { 0 };
	struct errbuf eb = { 0 };
	struct profiles *ps;
	const char *text;
	struct buf out;

	(void)state;
	make_items();
	buf_init(&out, 0);
	assert_int_equal(train_profile(&o, items, N, &out, &eb), 0);
	text = buf_str(&out);
	printf("%s", text);
	assert_non_null(strstr(text, "# trained for a test\n"));
	assert_non_null(strstr(text, "\nthreshold 5\n"));
	assert_non_null(strstr(text, "\nrequire eu EU, European Union\n"));
	assert_non_null(strstr(text, "\nexclude football\n"));
	assert_non_null(strstr(text, " naval   # seed: naval missions\n"));
	/* learned, with its evidence; "frigate" and "mission" are in exactly
	 * the items of "frigate mission", so the phrase's line stands for them
	 */
	assert_non_null(
	    strstr(text, " frigate mission   # in 20 items, 20 wanted\n"));
	assert_false(has_term(text, "frigate"));
	assert_false(has_term(text, "mission"));
	assert_true(has_term(text, "frigate mission"));
	assert_null(strstr(text, " farm "));
	assert_int_equal(profiles_new(&ps), 0);
	assert_int_equal(profiles_parse(ps, "navy", "out", text, out.len, NULL),
	    0);
	profiles_free(ps);
	assert_int_equal(train_score("navy", text, out.len, items, N, &c, &eb),
	    0);
	assert_int_equal(c.tp, N / 2);
	assert_int_equal(c.fp, 0);

	memset(&c, 0, sizeof(c));
	assert_int_equal(train_cv(&o, items, N, 4, &c, &eb), 0);
	assert_int_equal(c.tp + c.fp + c.fn + c.tn, N);
	assert_true(c.tp >= N / 2 - 2 && c.fp <= 2);
	buf_clear(&out);
}

static void
test_one_kind_refused(void **state)
{
	struct train_opts o = { .name = "navy",
		.base = base,
		.base_len = strlen(base),
		.base_file = "base",
		.max_terms = 10,
		.C = 1 };
	struct errbuf eb = { 0 };
	struct buf out;

	(void)state;
	make_items();
	for (int i = 0; i < N; i++)
		items[i].label = 0;
	buf_init(&out, 0);
	assert_int_equal(train_profile(&o, items, N, &out, &eb), -EINVAL);
	assert_non_null(strstr(eb.msg, "training needs both kinds"));
	buf_clear(&out);
}

/* Suggestions: the foreground's own words first, with its titles. */
static void
test_suggest(void **state)
{
	struct train_vocab *v;
	struct buf out;
	char title[96];

	(void)state;
	assert_int_equal(train_vocab_new(&v), 0);
	for (int i = 0; i < 200; i++) {
		int fore = i % 20 == 0;

		snprintf(title, sizeof(title),
		    fore ? "Shadow fleet tanker %d listed by Brussels" :
		           "Bakery %d opens on the high street",
		    i);
		assert_int_equal(train_vocab_add(v, title, NULL, fore), 0);
	}
	buf_init(&out, 0);
	assert_int_equal(train_vocab_suggest(v, NULL, 3, &out), 0);
	printf("%s", buf_str(&out));
	assert_non_null(strstr(buf_str(&out),
	    "# 10 of 10 matching or near, 0 of 190 others; score 18.7; "
	    "e.g. \"Shadow fleet tanker 0 listed by Brussels\"; \"Shadow "
	    "fleet tanker 20 listed by Brussels\"\n"));
	assert_null(strstr(buf_str(&out), "bakery"));
	/* "shadow" and "fleet" are in exactly the items of "shadow fleet":
	 * the phrase's line says it once */
	assert_true(has_term(buf_str(&out), "shadow fleet"));
	assert_false(has_term(buf_str(&out), "shadow"));
	assert_false(has_term(buf_str(&out), "fleet"));
	buf_clear(&out);
	train_vocab_free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_train_profile),
		cmocka_unit_test(test_one_kind_refused),
		cmocka_unit_test(test_suggest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
