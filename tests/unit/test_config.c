/*
 * test_config.c -- every configuration rule: each valid form, and each
 * error with its exact FILE:LINE diagnostic (tests/fixtures/config/NAME.conf
 * against NAME.expect, one cmocka test per pair).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "daemon/config.h"
#include "lib/buf.h"
#include "lib/secret.h"

#define FIXTURES "tests/fixtures/config"

static char *
slurp(const char *path)
{
	struct buf b;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	buf_init(&b, 1 << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_int_equal(buf_append(&b, chunk, n), 0);
	fclose(f);
	return buf_take(&b);
}

/* One fixture pair: the joined errors must equal NAME.expect exactly. */
static void
test_fixture(void **state)
{
	const char *name = *state;
	char conf[512], expect[512];
	struct strlist errors = { 0 };
	struct config *c = NULL;
	struct buf got;
	char *want;

	snprintf(conf, sizeof(conf), FIXTURES "/%s.conf", name);
	snprintf(expect, sizeof(expect), FIXTURES "/%s.expect", name);
	assert_int_equal(config_load(conf, &c, &errors), -EINVAL);
	assert_null(c);
	buf_init(&got, 0);
	for (size_t i = 0; i < errors.n; i++)
		assert_int_equal(buf_printf(&got, "%s\n", errors.v[i]), 0);
	want = slurp(expect);
	assert_string_equal(buf_str(&got), want);
	free(want);
	buf_clear(&got);
	strlist_clear(&errors);
}

static void
test_valid_forms(void **state)
{
	struct strlist errors = { 0 };
	struct config *c = NULL;
	const struct feed_conf *f;
	const struct target_conf *t;

	(void)state;
	assert_int_equal(config_load(FIXTURES "/valid.conf", &c, &errors), 0);
	assert_int_equal(errors.n, 0);
	assert_string_equal(c->daemon.state, "/tmp/ukw-test/state.db");
	assert_int_equal(c->daemon.interval_ms, 20 * 60000);
	assert_int_equal(c->daemon.max_body, 512 * 1024);
	assert_int_equal(c->daemon.log_level, 7);
	assert_int_equal(c->daemon.realert_on_update, 1);
	/* defaults from the table */
	assert_int_equal(c->daemon.backlog_ms, 2 * 86400000ULL);
	assert_int_equal(c->daemon.retention_ms, 90 * 86400000ULL);
	assert_int_equal(c->daemon.max_host_connections, 2);
	assert_int_equal(c->n_feeds, 2);
	f = config_feed(c, "mod-news");
	assert_non_null(f);
	assert_int_equal(f->interval_ms, 90 * 60000);
	assert_int_equal(f->profiles.n, 2);
	assert_string_equal(f->profiles.v[1], "csdp");
	assert_int_equal(f->max_body, 512 * 1024); /* inherited */
	assert_int_equal(f->honour_ttl, 0);
	assert_int_equal(f->line, 12);
	f = config_feed(c, "eeas");
	assert_int_equal(f->interval_ms, 20 * 60000); /* inherited */
	assert_int_equal(f->honour_ttl, 1);
	assert_string_equal(f->user_agent,
	    "Mozilla/5.0 (compatible; ukeuwatch)");
	t = config_target(c, "ops");
	assert_int_equal(t->type, TARGET_TYPE_WEBHOOK);
	assert_int_equal(t->format, TARGET_FORMAT_DISCORD);
	assert_true(t->min_score > 7.49 && t->min_score < 7.51);
	assert_true(t->rate_per_s > 0.99 && t->rate_per_s < 1.01);
	assert_true(strlist_wants(&t->feeds, "eeas"));
	assert_false(strlist_wants(&t->feeds, "mod-news"));
	assert_true(strlist_wants(&t->profiles, "anything"));
	assert_int_equal(t->give_up_after_ms, 24 * 3600000ULL);
	assert_int_equal(t->concurrency, 4); /* the default */
	t = config_target(c, "desk");
	assert_int_equal(t->concurrency, 1);
	assert_int_equal(t->type, TARGET_TYPE_MAIL);
	assert_int_equal(t->to.n, 2);
	assert_string_equal(t->to.v[1], "b@example.org");
	assert_int_equal(t->digest_ms, 3600000);
	assert_int_equal(t->starttls, 1);
	assert_string_equal(secret_value(t->url),
	    "smtps://mail.example.org:465");
	assert_null(config_target(c, "nope"));
	/* [web]: listen written, as in the file; no token needed on ::1 */
	assert_string_equal(c->web.listen, "[::1]:8099");
	assert_int_equal(c->web.listen_set, 1);
	assert_null(c->web.token);
	config_free(c);
}

static void
test_web_defaults(void **state)
{
	static const char text[] = "[daemon]\nstate = /tmp/x.db\n";
	struct strlist errors = { 0 };
	struct config *c = NULL;

	(void)state;
	assert_int_equal(config_parse("mem.conf", text, sizeof(text) - 1, &c,
	                     &errors),
	    0);
	assert_string_equal(c->web.listen, "127.0.0.1:8037");
	assert_int_equal(c->web.listen_set, 0);
	config_free(c);
	c = NULL;
	assert_int_equal(config_parse("mem.conf", "[web]\nlisten =\n", 15, &c,
	                     &errors),
	    0);
	assert_string_equal(c->web.listen, "");
	assert_int_equal(c->web.listen_set, 1);
	config_free(c);
	strlist_clear(&errors);
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
}

/* A 2,000-character URL line, secrets from files and their mode warning. */
static void
test_long_line_and_secrets(void **state)
{
	char dir[] = "/tmp/ukw-config-XXXXXX", conf[128], key[128], pw[128];
	struct strlist errors = { 0 };
	struct config *c = NULL;
	struct buf text, url;
	const struct target_conf *t;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(conf, sizeof(conf), "%s/c.conf", dir);
	snprintf(key, sizeof(key), "%s/key", dir);
	snprintf(pw, sizeof(pw), "%s/pw", dir);
	write_file(key, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n", 0600);
	write_file(pw, "s3cret\n", 0644);
	buf_init(&url, 0);
	assert_int_equal(buf_appends(&url, "https://example.org/hook?sig="), 0);
	while (url.len < 2000)
		assert_int_equal(buf_appendc(&url, 'a'), 0);
	buf_init(&text, 0);
	assert_int_equal(
	    buf_printf(&text,
	        "[target long]\ntype = webhook\nurl = %s\nsecret-file = %s\n"
	        "[target m]\ntype = mail\nurl = smtp://127.0.0.1:2525\n"
	        "from = a@b.c\nto = d@e.f\nusername = u\npassword-file = %s\n"
	        "starttls = no\n",
	        buf_str(&url), key, pw),
	    0);
	write_file(conf, buf_str(&text), 0600);
	assert_int_equal(config_load(conf, &c, &errors), 0);
	t = config_target(c, "long");
	assert_string_equal(secret_value(t->url), buf_str(&url));
	assert_string_equal(secret_value(t->secret),
	    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
	t = config_target(c, "m");
	assert_string_equal(secret_value(t->password), "s3cret");
	assert_int_equal(t->starttls, 0);
	/* the world-readable password file is warned about, by name */
	assert_int_equal(c->warnings.n, 2);
	assert_non_null(strstr(c->warnings.v[0], pw));
	assert_non_null(strstr(c->warnings.v[0], "readable by other users"));
	assert_null(strstr(c->warnings.v[0], "s3cret"));
	/* and so is the password it would send in clear (issue 20.10) */
	assert_non_null(strstr(c->warnings.v[1],
	    "[target m]: starttls = no with username or password-file sends "
	    "the password in clear"));
	config_free(c);
	buf_clear(&text);
	buf_clear(&url);
	unlink(conf);
	unlink(key);
	unlink(pw);
	rmdir(dir);
}

/* "# note" and "; note" after a value end it; they never join it. */
static void
test_inline_comments(void **state)
{
	static const char text[] =
	    "[daemon]\nuser-agent = desk/1 (+https://example.org/#a)   # why\n"
	    "[feed \"mod\"]   # the MoD\nurl = https://example.org/f#x\n"
	    "profiles = csdp   # only CSDP\ninterval = 20m\t; slower\n"
	    "[target t]\ntype = webhook ;x\nurl = https://example.org/h\n"
	    "feeds = mod # just one\n";
	struct strlist errors = { 0 };
	struct config *c = NULL;
	const struct feed_conf *f;

	(void)state;
	assert_int_equal(config_parse("c", text, sizeof(text) - 1, &c, &errors),
	    0);
	assert_string_equal(c->daemon.user_agent,
	    "desk/1 (+https://example.org/#a)");
	f = config_feed(c, "mod");
	assert_non_null(f);
	assert_string_equal(f->url, "https://example.org/f#x");
	assert_int_equal(f->profiles.n, 1);
	assert_string_equal(f->profiles.v[0], "csdp");
	assert_int_equal(f->interval_ms, 20 * 60000);
	assert_int_equal(config_target(c, "t")->feeds.n, 1);
	assert_string_equal(config_target(c, "t")->feeds.v[0], "mod");
	config_free(c);
}

static void
test_missing_file(void **state)
{
	struct strlist errors = { 0 };
	struct config *c = NULL;

	(void)state;
	assert_int_equal(config_load(FIXTURES "/nonexistent.conf", &c, &errors),
	    -ENOENT);
	assert_int_equal(errors.n, 1);
	assert_string_equal(errors.v[0],
	    FIXTURES
	    "/nonexistent.conf:0: cannot open: No such file or directory");
	strlist_clear(&errors);
}

static void
test_opml(void **state)
{
	char dir[] = "/tmp/ukw-opml-XXXXXX", conf[128], text[512];
	struct strlist errors = { 0 };
	struct config *c = NULL;
	const struct feed_conf *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(conf, sizeof(conf), "%s/c.conf", dir);
	snprintf(text, sizeof(text),
	    "[daemon]\nopml = %s/%s/nested.opml\n"
	    "interval = 30m\n",
	    getcwd((char[1024]){ 0 }, 1024), FIXTURES);
	write_file(conf, text, 0600);
	assert_int_equal(config_load(conf, &c, &errors), 0);
	assert_int_equal(c->n_feeds, 3);
	f = config_feed(c, "mod-news");
	assert_non_null(f);
	assert_string_equal(f->url, "https://www.gov.uk/mod.atom");
	assert_int_equal(f->interval_ms, 30 * 60000);
	assert_int_equal(f->line, 6);
	f = config_feed(c, "fcdo-co"); /* lower-case xmlurl, name cleaned */
	assert_non_null(f);
	assert_string_equal(f->url, "https://www.gov.uk/fcdo.atom");
	f = config_feed(c, "mod-news-2"); /* same text: made unique */
	assert_non_null(f);
	assert_string_equal(f->url, "https://example.org/other.rss");
	config_free(c);
	unlink(conf);
	rmdir(dir);
}

int
main(void)
{
	struct CMUnitTest tests[64];
	char *names[48];
	size_t n = 0, nn = 0;
	struct dirent *de;
	int rc;
	DIR *d = opendir(FIXTURES);

	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_valid_forms);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
	    test_long_line_and_secrets);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_missing_file);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_inline_comments);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_web_defaults);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_opml);
	while (d != NULL && (de = readdir(d)) != NULL && nn < 48) {
		size_t len = strlen(de->d_name);

		if (len < 8 || strcmp(de->d_name + len - 7, ".expect") != 0)
			continue;
		names[nn] = strndup(de->d_name, len - 7);
		tests[n] = (struct CMUnitTest){ names[nn], test_fixture, NULL,
			NULL, names[nn] };
		n++, nn++;
	}
	if (d != NULL)
		closedir(d);
	rc = _cmocka_run_group_tests("config", tests, n, NULL, NULL);
	while (nn > 0)
		free(names[--nn]);
	return rc;
}
