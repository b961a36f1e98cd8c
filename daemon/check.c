/*
 * check.c -- see check.h.
 *
 * check_ready is the part of `check` that goes beyond the file's syntax:
 * what `run` would trip over later, so that `check` printing ok means the
 * daemon will start and alert (as `nginx -t` does).  `run` and `poll` call
 * it too, so the two cannot disagree, and a reload refuses what it
 * refuses.
 */
#include "daemon/check.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/cli.h"
#include "daemon/config.h"
#include "lib/buf.h"
#include "match/profile.h"

/* Say where the path came from: -c, $UKEUWATCH_CONFIG or the default. */
static void
missing_config(const char *path)
{
	const char *env = getenv("UKEUWATCH_CONFIG");

	if (strcmp(path, CLI_DEFAULT_CONFIG) == 0 &&
	    (env == NULL || env[0] == '\0'))
		fprintf(stderr,
		    "ukeuwatch: no configuration file %s (the default); give "
		    "one with -c FILE or $UKEUWATCH_CONFIG\n",
		    path);
	else if (env != NULL && strcmp(path, env) == 0)
		fprintf(stderr,
		    "ukeuwatch: no configuration file %s (from "
		    "$UKEUWATCH_CONFIG)\n",
		    path);
	else
		fprintf(stderr, "ukeuwatch: no configuration file %s\n", path);
}

int
check_load(const char *path, struct config **out)
{
	struct strlist errors = { 0 };
	int rc;

	rc = config_load(path, out, &errors);
	if (rc == -ENOENT) {
		/* A file that is not there has no line to point at. */
		missing_config(path);
		strlist_clear(&errors);
		return CLI_USAGE;
	}
	for (size_t i = 0; i < errors.n; i++)
		fprintf(stderr, "%s\n", errors.v[i]);
	if (rc < 0 && errors.n == 0)
		fprintf(stderr, "%s: cannot load the configuration: %s\n", path,
		    strerror(-rc));
	strlist_clear(&errors);
	if (rc < 0) {
		if (rc == -EINVAL || rc == -ENOENT || rc == -EACCES)
			return CLI_USAGE;
		return CLI_FAIL;
	}
	for (size_t i = 0; i < (*out)->warnings.n; i++)
		fprintf(stderr, "%s: warning: %s\n", path,
		    (*out)->warnings.v[i]);
	return CLI_OK;
}

static void PRINTF_LIKE(2, 3) add(struct strlist *errors, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)!strlist_push(errors, msg);
}

void
check_profile_list(const char *dir, char *out, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n, used = 0;

	out[0] = '\0';
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n <= 8 || strcmp(e->d_name + n - 8, ".profile") != 0 ||
		    e->d_name[0] == '.')
			continue;
		snprintf(out + used, len - used, "%s%.*s", used ? ", " : "",
		    (int)(n - 8), e->d_name);
		used += strlen(out + used);
	}
	closedir(d);
}

int
check_profile_exists(const char *dir, const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s.profile", dir, name);
	return profile_name_ok(name) && access(path, R_OK) == 0;
}

static void
check_profile_names(const struct strlist *names, const char *file, int line,
    const char *sect, const char *dir, struct strlist *errors)
{
	char have[1024];

	for (size_t i = 0; i < names->n; i++) {
		if (check_profile_exists(dir, names->v[i]))
			continue;
		check_profile_list(dir, have, sizeof(have));
		add(errors,
		    "%s:%d: profiles in %s: no profile \"%s\" in %s "
		    "(there: %s)",
		    file, line, sect, names->v[i], dir,
		    have[0] ? have : "none");
	}
}

static void
check_references(const struct config *c, struct strlist *errors)
{
	const char *dir = c->daemon.profiles_dir;
	char sect[300];

	for (size_t i = 0; i < c->n_feeds; i++) {
		const struct feed_conf *f = &c->feeds[i];

		snprintf(sect, sizeof(sect), "[feed %s]", f->name);
		check_profile_names(&f->profiles, f->file, f->line, sect, dir,
		    errors);
	}
	for (size_t i = 0; i < c->n_targets; i++) {
		const struct target_conf *t = &c->targets[i];

		snprintf(sect, sizeof(sect), "[target %s]", t->name);
		check_profile_names(&t->profiles, t->file, t->line, sect, dir,
		    errors);
		for (size_t j = 0; j < t->feeds.n; j++)
			if (config_feed(c, t->feeds.v[j]) == NULL)
				add(errors,
				    "%s:%d: feeds in %s: no feed \"%s\" is "
				    "configured",
				    t->file, t->line, sect, t->feeds.v[j]);
	}
}

/* Every profile file, every FILE:LINE error on a line of its own. */
static void
check_profiles(const struct config *c, struct strlist *errors)
{
	struct profiles *ps = NULL;
	struct buf b;
	const char *p, *nl;

	buf_init(&b, 256 * 1024);
	if (profiles_load_dir(&ps, c->daemon.profiles_dir, &b) < 0 &&
	    b.len == 0)
		add(errors, "%s: profiles %s: cannot load", c->path,
		    c->daemon.profiles_dir);
	for (p = buf_str(&b); *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		add(errors, "%s%.*s",
		    strchr(p, ':') == NULL || strchr(p, ':') > nl ?
		        "profiles = " :
		        "",
		    (int)(nl - p), p);
		if (*nl == '\0')
			break;
	}
	profiles_free(ps);
	buf_clear(&b);
}

/* The directory that will hold path must exist and take new files. */
static void
check_writable(const struct config *c, const char *key, const char *path,
    struct strlist *errors)
{
	char copy[4096], *dir;

	snprintf(copy, sizeof(copy), "%s", path);
	dir = dirname(copy);
	if (access(path, F_OK) == 0) {
		if (access(path, R_OK | W_OK) < 0)
			add(errors,
			    "%s: %s = %s: not writable by this user: %s",
			    c->path, key, path, strerror(errno));
		return;
	}
	if (access(dir, W_OK | X_OK) < 0)
		add(errors,
		    "%s: %s = %s: cannot create it in %s: %s (create the "
		    "directory, or set %s in [daemon])",
		    c->path, key, path, dir, strerror(errno), key);
}

int
check_ready(const struct config *c, struct strlist *errors)
{
	size_t before = errors->n;
	DIR *d = opendir(c->daemon.profiles_dir);

	if (d == NULL) {
		/* Every name would be missing too: one line says it all. */
		add(errors, "%s: profiles = %s (in [daemon]): %s", c->path,
		    c->daemon.profiles_dir, strerror(errno));
	} else {
		closedir(d);
		check_references(c, errors);
		check_profiles(c, errors);
	}
	check_writable(c, "state", c->daemon.state, errors);
	check_writable(c, "alert-log", c->daemon.alert_log, errors);
	return errors->n > before ? -EINVAL : 0;
}

int
check_load_ready(const char *path, struct config **out)
{
	struct strlist errors = { 0 };
	int rc;

	rc = check_load(path, out);
	if (rc != CLI_OK)
		return rc;
	if (check_ready(*out, &errors) < 0) {
		for (size_t i = 0; i < errors.n; i++)
			fprintf(stderr, "%s\n", errors.v[i]);
		fprintf(stderr, "%s: %zu problem(s); nothing was started\n",
		    path, errors.n);
		strlist_clear(&errors);
		config_free(*out);
		*out = NULL;
		return CLI_USAGE;
	}
	return CLI_OK;
}

int
check_config(const char *path, int summary)
{
	struct config *c = NULL;
	int rc;

	rc = check_load_ready(path, &c);
	if (rc != CLI_OK)
		return rc;
	if (summary) {
		printf("%s: ok\n", path);
		printf("  feeds:    %zu\n", c->n_feeds);
		for (size_t i = 0; i < c->n_feeds; i++)
			printf("    %s  %s\n", c->feeds[i].name,
			    c->feeds[i].url_shown);
		printf("  targets:  %zu%s\n", c->n_targets,
		    c->n_targets == 0 ? " (alerts go to stdout and the alert "
		                        "log)" :
		                        "");
		for (size_t i = 0; i < c->n_targets; i++)
			printf("    %s  %s\n", c->targets[i].name,
			    c->targets[i].type == TARGET_TYPE_MAIL ?
			        "mail" :
			        target_format_name(c->targets[i].format));
		printf("  state:    %s\n  alerts:   %s\n  profiles: %s\n",
		    c->daemon.state, c->daemon.alert_log,
		    c->daemon.profiles_dir);
	}
	config_free(c);
	return CLI_OK;
}
