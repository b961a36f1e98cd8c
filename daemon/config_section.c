/*
 * config_section.c -- the section headers of a config file: [daemon] and
 * [web], which appear once, and [feed NAME] and [target NAME] (quotes
 * allowed around NAME), each of which makes a new record in the config,
 * filled with the key table's defaults.  The reader in config.c calls
 * config_start_section at each header line; an unknown or duplicate
 * header, or a bad NAME, is reported here and the keys under it skipped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/config.h"
#include "daemon/config_impl.h"

int
config_apply_defaults(struct config_loader *l, enum config_section sec,
    void *rec)
{
	struct errbuf eb = { 0 };

	for (size_t i = 0; i < config_n_keys; i++) {
		const struct config_key *k = &config_keys[i];

		if (k->sec != sec || k->def == NULL)
			continue;
		if (config_set_value(k, rec, k->def, &eb) < 0) {
			l->oom = 1;
			return -ENOMEM;
		}
	}
	return 0;
}

/*
 * The array v of n records of size bytes, with room for one more: v itself,
 * or v moved to a block of twice *cap records (first when there is none
 * yet; *cap updated), or NULL when out of memory, v untouched.
 */
static void *
grow(void *v, size_t n, size_t *cap, size_t size, size_t first)
{
	size_t more = *cap ? *cap * 2 : first;

	if (n < *cap)
		return v;
	v = realloc(v, more * size);
	if (v != NULL)
		*cap = more;
	return v;
}

void *
config_new_record(struct config_loader *l, enum config_section sec,
    const char *name, int line)
{
	struct config *c = l->c;
	void *rec;

	if (sec == CONFIG_SEC_FEED) {
		struct feed_conf *f = grow(c->feeds, c->n_feeds, &c->cap_feeds,
		    sizeof(*f), 16);

		if (f == NULL)
			return NULL;
		c->feeds = f;
		f = &c->feeds[c->n_feeds++];
		memset(f, 0, sizeof(*f));
		f->honour_ttl = -1; /* inherit */
		f->line = line;
		f->name = strdup(name);
		f->file = strdup(l->file);
		rec = f;
	} else {
		struct target_conf *t = grow(c->targets, c->n_targets,
		    &c->cap_targets, sizeof(*t), 4);

		if (t == NULL)
			return NULL;
		c->targets = t;
		t = &c->targets[c->n_targets++];
		memset(t, 0, sizeof(*t));
		t->type = (enum target_type) - 1; /* required */
		t->rate_per_s = -1;               /* per format */
		t->starttls = -1;                 /* per scheme */
		t->line = line;
		t->name = strdup(name);
		t->file = strdup(l->file);
		rec = t;
	}
	if (config_index_add(c, sec == CONFIG_SEC_TARGET) < 0 ||
	    config_apply_defaults(l, sec, rec) < 0)
		return NULL;
	return rec;
}

/* Enter a section that appears once ([daemon], [web]); *seen is the line
 * of its first appearance, 0 before. */
static void
enter_single(struct config_loader *l, const char *text, int *seen,
    enum config_section sec, void *rec)
{
	if (*seen != 0) {
		config_error(l, l->line,
		    "duplicate [%s] section (first at line %d)", text, *seen);
		return;
	}
	*seen = l->line;
	l->cur.sec = sec;
	l->cur.rec = rec;
	l->cur.line = l->line;
	l->bad_section = 0;
}

/* Enter [feed NAME] or [target NAME]: name is the part after the word,
 * quotes allowed; text is the whole header, for messages. */
static void
enter_named(struct config_loader *l, const char *text, enum config_section sec,
    const char *p)
{
	char name[256];
	size_t i;
	int first = 0;

	while (*p == ' ')
		p++;
	snprintf(name, sizeof(name), "%s", p);
	i = strlen(name);
	if (i >= 2 && name[0] == '"' && name[i - 1] == '"') {
		memmove(name, name + 1, i - 2);
		name[i - 2] = '\0';
	}
	if (!config_valid_name(name)) {
		config_error(l, l->line,
		    "invalid name \"%s\" in [%s]: use letters, "
		    "digits, '.', '_' and '-'",
		    name, text);
		return;
	}
	if (sec == CONFIG_SEC_FEED && config_feed(l->c, name) != NULL)
		first = config_feed(l->c, name)->line;
	else if (sec == CONFIG_SEC_TARGET && config_target(l->c, name) != NULL)
		first = config_target(l->c, name)->line;
	if (first != 0) {
		config_error(l, l->line,
		    "duplicate %s name \"%s\" (first defined at line %d)",
		    sec == CONFIG_SEC_FEED ? "feed" : "target", name, first);
		return;
	}
	l->cur.rec = config_new_record(l, sec, name, l->line);
	if (l->cur.rec == NULL) {
		l->oom = 1;
		return;
	}
	l->cur.sec = sec;
	l->cur.line = l->line;
	l->bad_section = 0;
}

void
config_start_section(struct config_loader *l, const char *hdr, size_t len)
{
	char text[256];

	memset(&l->cur, 0, sizeof(l->cur));
	l->bad_section = 1;
	if (len >= sizeof(text)) {
		config_error(l, l->line, "section name too long");
		return;
	}
	memcpy(text, hdr, len);
	text[len] = '\0';
	if (strcmp(text, "web") == 0) {
		if (l->web_line == 0)
			l->c->web.line = l->line;
		enter_single(l, text, &l->web_line, CONFIG_SEC_WEB, &l->c->web);
	} else if (strcmp(text, "daemon") == 0) {
		enter_single(l, text, &l->daemon_line, CONFIG_SEC_DAEMON,
		    &l->c->daemon);
	} else if (strncmp(text, "feed ", 5) == 0) {
		enter_named(l, text, CONFIG_SEC_FEED, text + 5);
	} else if (strncmp(text, "target ", 7) == 0) {
		enter_named(l, text, CONFIG_SEC_TARGET, text + 7);
	} else {
		config_error(l, l->line,
		    "unknown section [%s]; expected [daemon], [web], "
		    "[feed NAME] or [target NAME]",
		    text);
	}
}
