/*
 * config_finish.c -- the checks and inherited values that need a whole
 * section, run once the file is read: required keys, [daemon] values a feed
 * or target inherits, and rules that tie keys together (a mail target needs
 * from and to; a webhook URL is http or https).  Each problem is reported at
 * its section's header line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/config.h"
#include "daemon/config_impl.h"
#include "lib/paths.h"
#include "lib/secret.h"
#include "lib/urlshow.h"
#include "lib/xfer.h"
#include "web/addr.h"

int
config_default_path(const char *key, char *out, size_t len)
{
	const char *dir;

	if (strcmp(key, "state") == 0) {
		dir = getenv("STATE_DIRECTORY");
		snprintf(out, len, "%s/state.db",
		    dir ? dir : "/var/lib/ukeuwatch");
	} else if (strcmp(key, "alert-log") == 0) {
		dir = getenv("LOGS_DIRECTORY");
		snprintf(out, len, "%s/alerts.jsonl",
		    dir ? dir : "/var/log/ukeuwatch");
	} else if (strcmp(key, "profiles") == 0) {
		snprintf(out, len, "%s", paths_profiles_dir());
	} else {
		return 0;
	}
	return 1;
}

void
config_finish_daemon(struct config_loader *l)
{
	struct daemon_conf *d = &l->c->daemon;
	char path[4096];

	if (d->state == NULL &&
	    config_default_path("state", path, sizeof(path)))
		d->state = strdup(path);
	if (d->alert_log == NULL &&
	    config_default_path("alert-log", path, sizeof(path)))
		d->alert_log = strdup(path);
	if (d->profiles_dir == NULL &&
	    config_default_path("profiles", path, sizeof(path)))
		d->profiles_dir = strdup(path);
	if (d->user_agent == NULL)
		d->user_agent = strdup(XFER_DEFAULT_USER_AGENT);
	if (d->state == NULL || d->alert_log == NULL ||
	    d->profiles_dir == NULL || d->user_agent == NULL)
		l->oom = 1;
	if (d->min_interval_ms == 0)
		d->min_interval_ms = 1000;
	if (d->interval_ms < d->min_interval_ms)
		config_error(l, l->daemon_line,
		    "interval is shorter than "
		    "min-interval in [daemon]");
}

void
config_finish_feed(struct config_loader *l, struct feed_conf *f)
{
	const struct daemon_conf *d = &l->c->daemon;
	struct errbuf eb = { 0 };

	if (f->url_file != NULL) {
		/* eb would quote the URL: it is secret, so it is not used. */
		if (config_check_url(secret_value(f->url_file), &eb) < 0)
			config_error(l, f->line,
			    "[feed %s]: url-file does not hold an absolute "
			    "http or https URL",
			    f->name);
		else if ((f->url = strdup(secret_value(f->url_file))) == NULL)
			l->oom = 1;
	}
	if (f->url == NULL && f->url_file == NULL)
		config_error(l, f->line, "[feed %s] needs a url", f->name);
	if (f->url != NULL &&
	    (f->url_shown = url_shown(f->url, f->url_file != NULL)) == NULL)
		l->oom = 1;
	if (f->interval_ms == 0)
		f->interval_ms = d->interval_ms;
	else if (f->interval_ms < d->min_interval_ms)
		config_error(l, f->line,
		    "[feed %s]: interval is shorter than "
		    "[daemon] min-interval",
		    f->name);
	if (f->max_body == 0)
		f->max_body = d->max_body;
	if (f->timeout_ms == 0)
		f->timeout_ms = d->timeout_ms;
	if (f->honour_ttl < 0)
		f->honour_ttl = d->honour_ttl;
}

static int
url_scheme_is(const struct secret *s, const char *a, const char *b)
{
	const char *v = secret_value(s);
	size_t la = strlen(a), lb = strlen(b);

	return (strncasecmp(v, a, la) == 0 && v[la] == ':') ||
	    (strncasecmp(v, b, lb) == 0 && v[lb] == ':');
}

/*
 * A key of the other type would be ignored (digest on a webhook, format on
 * mail), and a setting silently ignored is a setting the reader trusts.
 */
static void
check_keys_for_type(struct config_loader *l, const struct target_conf *t)
{
	static const char *const mail_only[] = { "starttls", "username",
		"password-file", "from", "to", "digest" };
	static const char *const webhook_only[] = { "format", "secret-file",
		"previous-secret-file" };
	int mail = t->type == TARGET_TYPE_MAIL;
	const char *const *other = mail ? webhook_only : mail_only;
	size_t n_other = mail ? sizeof(webhook_only) / sizeof(*webhook_only) :
	                        sizeof(mail_only) / sizeof(*mail_only);
	size_t idx = (size_t)(t - l->c->targets);

	for (size_t i = 0; i < l->n_tkeys; i++) {
		if (l->tkeys[i].target != idx)
			continue;
		for (size_t j = 0; j < n_other; j++)
			if (strcmp(l->tkeys[i].name, other[j]) == 0)
				config_error(l, l->tkeys[i].line,
				    "%s in [target %s]: only for %s "
				    "targets, and this one is type = %s",
				    other[j], t->name,
				    mail ? "webhook" : "mail",
				    mail ? "mail" : "webhook");
	}
}

void
config_finish_target(struct config_loader *l, struct target_conf *t)
{
	const char *n = t->name;

	if ((int)t->type < 0) {
		config_error(l, t->line,
		    "[target %s] needs a type (webhook or mail)", n);
		return;
	}
	if (t->url == NULL)
		config_error(l, t->line, "[target %s] needs url or url-file",
		    n);
	if (t->give_up_after_ms == 0)
		t->give_up_after_ms = l->c->daemon.give_up_after_ms;
	check_keys_for_type(l, t);
	if (t->type == TARGET_TYPE_WEBHOOK) {
		if (t->url != NULL && !url_scheme_is(t->url, "http", "https"))
			config_error(l, t->line,
			    "[target %s]: the webhook URL must "
			    "be http or https",
			    n);
		if (t->rate_per_s < 0)
			t->rate_per_s = (t->format == TARGET_FORMAT_SLACK ||
			                    t->format ==
			                        TARGET_FORMAT_DISCORD ||
			                    t->format == TARGET_FORMAT_TEAMS) ?
			    1 :
			    0;
		return;
	}
	if (t->url != NULL && !url_scheme_is(t->url, "smtp", "smtps"))
		config_error(l, t->line,
		    "[target %s]: a mail target's url must be "
		    "smtp:// or smtps://",
		    n);
	if (t->from == NULL)
		config_error(l, t->line, "[target %s] needs a from address", n);
	if (t->to.n == 0)
		config_error(l, t->line,
		    "[target %s] needs at least one to address", n);
	if (t->starttls < 0)
		t->starttls = 1;
	if (!t->starttls && (t->username != NULL || t->password != NULL) &&
	    t->url != NULL && url_scheme_is(t->url, "smtp", "smtp"))
		config_warn(l, t->line,
		    "[target %s]: starttls = no with username or "
		    "password-file sends the password in clear; use "
		    "starttls = yes or smtps://",
		    n);
	if (t->rate_per_s < 0)
		t->rate_per_s = 0;
}

/*
 * The review pages can mark alerts and requeue deliveries, so an address
 * other machines can reach needs a token; a team goes through a reverse
 * proxy with TLS and its own login instead (README).
 */
void
config_finish_web(struct config_loader *l)
{
	struct web_conf *w = &l->c->web;
	struct web_addr a;
	struct errbuf eb;

	if (w->listen == NULL || w->listen[0] == '\0')
		return;
	if (web_addr_parse(w->listen, &a, &eb) < 0) {
		config_error(l, w->line, "[web] listen: %s", eb.msg);
		return;
	}
	if (!a.loopback && w->token == NULL)
		config_error(l, w->line,
		    "[web] listen = %s is not a loopback address and there is "
		    "no token-file: anyone who reaches it could mark alerts "
		    "and requeue deliveries; set token-file, or listen on "
		    "127.0.0.1 behind a reverse proxy with TLS and a login",
		    w->listen);
}
