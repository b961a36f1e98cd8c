/* test_text.c -- the text pipeline: tokens, folding, spelling, stems, acronyms
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "match/text.h"

/* The stems of s, space-separated, acronyms marked with ^. */
static void
stems(const char *s, char *out, size_t cap)
{
	struct text *t;
	const struct text_token *tok;
	size_t len = 0;
	int n;

	assert_int_equal(text_new(&t), 0);
	n = text_tokenize(t, s, strlen(s), &tok);
	assert_true(n >= 0);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		assert_int_equal(tok[i].hash,
		    text_hash(tok[i].stem, tok[i].stem_len));
		len += (size_t)snprintf(out + len, cap - len, "%s%.*s%s",
		    i ? " " : "", tok[i].stem_len, tok[i].stem,
		    (tok[i].flags & TEXT_ACRONYM) ? "^" : "");
	}
	text_free(t);
}

static void
check(const char *in, const char *want)
{
	char got[1024];

	stems(in, got, sizeof(got));
	assert_string_equal(got, want);
}

static void
test_possessives_and_quotes(void **state)
{
	(void)state;
	check("Britain’s role, Britain's role", "britain role britain role");
	check("O'Brien’s plan", "obrien plan");
	check("“security”", "secur");
}

static void
test_hyphens(void **state)
{
	(void)state;
	check("post-Brexit EU-UK co-operation", "post brexit eu^ uk^ cooper");
	check("cooperation re-election", "cooper reelect");
}

static void
test_acronyms(void **state)
{
	(void)state;
	check("NATO CSDP PESCO ISIS us US U.S. U.K.",
	    "nato^ csdp^ pesco^ isi^ us us^ us^ uk^");
	check("EUNAVFOR", "eunavfor");
}

static void
test_spelling_and_stems(void **state)
{
	(void)state;
	check("defense Defence defences organization organisations",
	    "defenc defenc defenc organis organis");
	check("size prize recognized analyze", "size prize recognis analys");
	check("sanctions sanctioned peacekeeping missions",
	    "sanction sanction peacekeep mission");
}

static void
test_unicode(void **state)
{
	(void)state;
	/* NFKC first: full-width capitals are the acronym (issue 20.7) */
	check("Café ＮＡＴＯ ﬁnance Zürich", "cafe nato^ financ zurich");
	/* default-ignorable code points inside a word are dropped */
	check("sanc\u00adtions E\u200bU bank\ufeff", "sanction eu^ bank");
	/* invalid UTF-8 separates words and never crashes */
	check("abc\xff\xfe"
	      "def",
	    "abc def");
}

static void
test_acronym_hash(void **state)
{
	struct text *t;
	const struct text_token *tok;

	(void)state;
	assert_int_equal(text_new(&t), 0);
	assert_int_equal(text_tokenize(t, "US us", 5, &tok), 2);
	assert_true(tok[0].flags & TEXT_ACRONYM);
	assert_int_equal(tok[0].acronym_hash, text_acronym_key("us", 2));
	assert_false(tok[1].flags & TEXT_ACRONYM);
	assert_int_equal(tok[0].hash, tok[1].hash);
	assert_int_equal(tok[1].offset, 3);
	text_free(t);
}

/* More distinct words than the cache holds: stems still right. */
static void
test_cache_overflow(void **state)
{
	static char big[1 << 20];
	struct text *t;
	const struct text_token *tok;
	size_t len = 0;
	int n;

	(void)state;
	for (int i = 0; i < 60000; i++)
		len += (size_t)snprintf(big + len, sizeof(big) - len, "w%d ",
		    i);
	assert_int_equal(text_new(&t), 0);
	for (int round = 0; round < 2; round++) {
		n = text_tokenize(t, big, len, &tok);
		assert_int_equal(n, 60000);
		assert_int_equal(tok[59999].stem_len, 6);
		assert_memory_equal(tok[59999].stem, "w59999", 6);
		assert_memory_equal(tok[0].stem, "w0", 2);
	}
	text_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_possessives_and_quotes),
		cmocka_unit_test(test_hyphens),
		cmocka_unit_test(test_acronyms),
		cmocka_unit_test(test_spelling_and_stems),
		cmocka_unit_test(test_unicode),
		cmocka_unit_test(test_acronym_hash),
		cmocka_unit_test(test_cache_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
