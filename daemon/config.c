/*
 * config.c -- see config.h.
 *
 * libinih parses keys and values; our own reader feeds it one physical line
 * at a time so that every handler call knows its FILE:LINE (Debian's inih
 * is built without INI_HANDLER_LINENO).  The reader also notes section
 * headers, so an empty section still exists and "missing key" errors point
 * at its header, and it strips leading blanks so that inih's continuation
 * lines never glue two keys together.  inih's line buffer is 200 bytes; a
 * longer line (a Teams webhook URL) is passed as a short placeholder value
 * and the handler takes the real value from the reader.  The checks that
 * need a whole section run afterwards, in config_finish.c.
 */
#include "daemon/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "alerts/sign.h"
#include "daemon/config_impl.h"
#include "feeds/opml.h"
#include "lib/buf.h"
#include "lib/log.h"
#include "lib/secret.h"
#include "lib/units.h"

#define CONFIG_MAX_FILE (4u << 20)
#define CONFIG_MAX_LINE 8192
#define LONG_MARK       "\x01long"

/* Append "FILE:LINE: message" to list; sets l->oom if that fails. */
static void
vpush(struct config_loader *l, struct strlist *list, int line, const char *fmt,
    va_list ap)
{
	struct buf b;
	int rc;

	buf_init(&b, 4096);
	rc = buf_printf(&b, "%s:%d: ", l->file, line);
	if (rc == 0)
		rc = buf_vprintf(&b, fmt, ap);
	if (rc == 0)
		rc = strlist_push(list, buf_str(&b));
	if (rc < 0)
		l->oom = 1;
	buf_clear(&b);
}

void
config_error(struct config_loader *l, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpush(l, l->errors, line, fmt, ap);
	va_end(ap);
}

void
config_warn(struct config_loader *l, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpush(l, &l->c->warnings, line, fmt, ap);
	va_end(ap);
}

static const struct config_key *
find_key(enum config_section sec, const char *name, size_t *idx)
{
	for (size_t i = 0; i < config_n_keys; i++)
		if (config_keys[i].sec == sec &&
		    strcmp(config_keys[i].name, name) == 0) {
			*idx = i;
			return &config_keys[i];
		}
	return NULL;
}

static const char *
sec_label(const struct config_loader *l, char *out, size_t len)
{
	if (l->cur.sec == CONFIG_SEC_DAEMON)
		snprintf(out, len, "[daemon]");
	else if (l->cur.sec == CONFIG_SEC_WEB)
		snprintf(out, len, "[web]");
	else if (l->cur.sec == CONFIG_SEC_FEED)
		snprintf(out, len, "[feed %s]",
		    ((struct feed_conf *)l->cur.rec)->name);
	else
		snprintf(out, len, "[target %s]",
		    ((struct target_conf *)l->cur.rec)->name);
	return out;
}

/*
 * The README promises that comments start with '#': a '#' or ';' after a
 * blank ends the line's text, so "profiles = csdp   # only CSDP" names
 * csdp, not a profile called "csdp   # only CSDP".  Returns the new length,
 * trailing blanks dropped.
 */
static size_t
strip_comment(const char *p, size_t len)
{
	for (size_t i = 1; i < len; i++)
		if ((p[i] == '#' || p[i] == ';') &&
		    (p[i - 1] == ' ' || p[i - 1] == '\t')) {
			len = i;
			break;
		}
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	return len;
}

/*
 * inih's reader callback: one physical line per call, leading blanks
 * stripped.  Section headers are handled here (see the top comment).
 */
static char *
reader(char *str, int num, void *stream)
{
	struct config_loader *l = stream;
	const char *nl, *p, *eq, *close;
	size_t len, cap = (size_t)num - 2;

	if (l->pos >= l->end)
		return NULL;
	nl = memchr(l->pos, '\n', (size_t)(l->end - l->pos));
	len = nl ? (size_t)(nl - l->pos) : (size_t)(l->end - l->pos);
	p = l->pos;
	l->pos += len + (nl != NULL);
	l->line++;
	while (len > 0 && (*p == ' ' || *p == '\t'))
		p++, len--;
	while (len > 0 &&
	    (p[len - 1] == '\r' || p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	free(l->long_value);
	l->long_value = NULL;
	if (len > 0 && *p != '#' && *p != ';')
		len = strip_comment(p, len);
	if (len > 0 && *p == '[') {
		close = memchr(p, ']', len);
		if (close == NULL) {
			config_error(l, l->line, "section header without ']'");
			l->bad_section = 1;
		} else {
			config_start_section(l, p + 1, (size_t)(close - p - 1));
		}
		str[0] = '\0'; /* inih sees a blank line */
		return str;
	}
	if (len > CONFIG_MAX_LINE) {
		config_error(l, l->line, "line longer than %d bytes",
		    CONFIG_MAX_LINE);
		str[0] = '\0';
		return str;
	}
	if (len > cap && (eq = memchr(p, '=', len)) != NULL &&
	    (size_t)(eq - p) + sizeof(LONG_MARK) + 2 < cap) {
		const char *v = eq + 1;

		while (*v == ' ' || *v == '\t')
			v++;
		l->long_value = strndup(v, len - (size_t)(v - p));
		if (l->long_value == NULL)
			l->oom = 1;
		len = (size_t)(eq - p) + 1;
		memcpy(str, p, len);
		memcpy(str + len, LONG_MARK, sizeof(LONG_MARK));
		return str;
	}
	if (len > cap)
		len = cap; /* a long line that is not a key: inih reports it */
	memcpy(str, p, len);
	str[len] = '\n';
	str[len + 1] = '\0';
	return str;
}

/*
 * A signing key that is not whsec_ + base64 fails every delivery for
 * give-up-after; say so now, at its line.  The warning a readable file
 * earned (rc 1) is replaced by the error.
 */
static int
check_signing_key(const struct config_key *k, void *rec, struct errbuf *eb)
{
	struct secret *s = *(struct secret **)((char *)rec + k->off);
	struct errbuf why = { 0 };
	int rc;

	rc = sign_check_secret(secret_value(s), &why);
	if (rc < 0)
		return errbuf_set(eb, rc, "%s", why.msg);
	return eb->msg[0] != '\0' ? 1 : 0;
}

/* Whether the key suits the target's type is known once its type is. */
static void
note_target_key(struct config_loader *l, const char *name)
{
	struct config_tkey *t = realloc(l->tkeys,
	    (l->n_tkeys + 1) * sizeof(*t));

	if (t == NULL) {
		l->oom = 1;
		return;
	}
	l->tkeys = t;
	t[l->n_tkeys++] = (struct config_tkey){ .target = l->c->n_targets - 1,
		.name = name,
		.line = l->line };
}

/* A second url or url-file in a section that already has one of them. */
static int
url_twice(const struct config_loader *l, const char *name)
{
	const struct feed_conf *f = l->cur.rec;
	const struct target_conf *t = l->cur.rec;

	if (strcmp(name, "url") != 0 && strcmp(name, "url-file") != 0)
		return 0;
	if (l->cur.sec == CONFIG_SEC_TARGET)
		return t->url != NULL;
	if (l->cur.sec == CONFIG_SEC_FEED)
		return f->url != NULL || f->url_file != NULL;
	return 0;
}

/*
 * The table's entry for key name in the current section, marked as set;
 * NULL, with the error reported, for an unknown or duplicate key or a
 * second url.
 */
static const struct config_key *
take_key(struct config_loader *l, const char *name)
{
	const struct config_key *k;
	char label[300];
	size_t idx;

	k = find_key(l->cur.sec, name, &idx);
	if (k == NULL) {
		config_error(l, l->line, "unknown key \"%s\" in %s", name,
		    sec_label(l, label, sizeof(label)));
		return NULL;
	}
	if (l->cur.seen[idx / 8] & (1u << (idx % 8))) {
		config_error(l, l->line, "duplicate key \"%s\" in %s", name,
		    sec_label(l, label, sizeof(label)));
		return NULL;
	}
	l->cur.seen[idx / 8] |= (unsigned char)(1u << (idx % 8));
	if (l->cur.sec == CONFIG_SEC_TARGET)
		note_target_key(l, k->name);
	if (url_twice(l, name)) {
		config_error(l, l->line,
		    "set either url or url-file in %s, not both",
		    sec_label(l, label, sizeof(label)));
		return NULL;
	}
	return k;
}

static int
handler(void *user, const char *section, const char *name, const char *value)
{
	struct config_loader *l = user;
	const struct config_key *k;
	struct errbuf eb = { 0 };
	char label[300];
	int rc;

	(void)section; /* tracked by the reader, which knows the line */
	if (strcmp(value, LONG_MARK) == 0 && l->long_value != NULL)
		value = l->long_value;
	if (l->bad_section)
		return 1; /* reported once, at the header */
	if (l->cur.rec == NULL) {
		config_error(l, l->line,
		    "key \"%s\" outside any section; start with "
		    "[daemon], [feed NAME] or [target NAME]",
		    name);
		return 1;
	}
	k = take_key(l, name);
	if (k == NULL)
		return 1;
	if (l->cur.sec == CONFIG_SEC_WEB && strcmp(name, "listen") == 0)
		l->c->web.listen_set = 1;
	rc = config_set_value(k, l->cur.rec, value, &eb);
	if (rc < 0 && k->type == CONFIG_T_URL &&
	    *(char **)((char *)l->cur.rec + k->off) == NULL)
		/* Keep the bad value: one error for it, not a second one
		 * saying the key is missing. */
		*(char **)((char *)l->cur.rec + k->off) = strdup(value);
	if (rc >= 0 && k->type == CONFIG_T_SECRET_FILE &&
	    l->cur.sec == CONFIG_SEC_TARGET && strstr(name, "secret-file"))
		rc = check_signing_key(k, l->cur.rec, &eb);
	if (rc < 0)
		config_error(l, l->line, "%s in %s: %s", name,
		    sec_label(l, label, sizeof(label)), eb.msg);
	else if (rc > 0 && strlist_push(&l->c->warnings, eb.msg) < 0)
		l->oom = 1;
	return 1;
}

static int
add_opml_feed(void *arg, const char *name, const char *url, int line)
{
	struct config_loader *l = arg;
	struct feed_conf *f;
	struct errbuf eb = { 0 };
	char msg[600];
	size_t idx;

	/* A feed reader's export often lists feeds the config already has:
	 * polling one twice would alert twice. */
	for (size_t i = 0; i < l->c->n_feeds; i++) {
		if (l->c->feeds[i].url == NULL ||
		    strcmp(l->c->feeds[i].url, url) != 0)
			continue;
		snprintf(msg, sizeof(msg),
		    "%s:%d: %s is already configured as feed \"%s\"; "
		    "skipped",
		    l->file, line, url, l->c->feeds[i].name);
		if (strlist_push(&l->c->warnings, msg) < 0)
			return -ENOMEM;
		return 0;
	}
	if (config_feed(l->c, name) != NULL) {
		config_error(l, line,
		    "feed \"%s\" is also defined in %s; rename one", name,
		    l->c->path);
		return 0;
	}
	f = config_new_record(l, CONFIG_SEC_FEED, name, line);
	if (f == NULL)
		return -ENOMEM;
	if (config_set_value(find_key(CONFIG_SEC_FEED, "url", &idx), f, url,
	        &eb) < 0)
		config_error(l, line, "feed \"%s\": %s", name, eb.msg);
	else
		config_finish_feed(l, f);
	return 0;
}

/* Errors in file order: by file (config first), then by line. */
static int
cmp_errors(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	const char *cx = strchr(x, ':'), *cy = strchr(y, ':');
	size_t lx = cx ? (size_t)(cx - x) : 0, ly = cy ? (size_t)(cy - y) : 0;

	if (lx != ly || strncmp(x, y, lx) != 0)
		return 0; /* keep the order of files as found */
	return atoi(cx + 1) - atoi(cy + 1);
}

static int
read_file(const char *path, struct buf *text, struct strlist *errors)
{
	char chunk[8192], msg[512];
	FILE *fp = fopen(path, "r");
	size_t n;
	int rc = 0;

	if (fp == NULL) {
		rc = -errno;
		snprintf(msg, sizeof(msg), "%s:0: cannot open: %s", path,
		    strerror(errno));
		return strlist_push(errors, msg) < 0 ? -ENOMEM : rc;
	}
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		rc = buf_append(text, chunk, n);
	fclose(fp);
	if (rc == -EFBIG) {
		/* the file's fault, not the machine's: a usage error (2) */
		snprintf(msg, sizeof(msg),
		    "%s:0: larger than %u bytes; move long feed lists to an "
		    "OPML file (opml =)",
		    path, CONFIG_MAX_FILE);
		return strlist_push(errors, msg) < 0 ? -ENOMEM : -EINVAL;
	}
	return rc;
}

int
config_parse(const char *path, const char *text, size_t len,
    struct config **out, struct strlist *errors)
{
	struct config_loader l = { 0 };
	int rc;

	*out = NULL;
	l.c = calloc(1, sizeof(*l.c));
	if (l.c == NULL)
		return -ENOMEM;
	l.c->path = strdup(path);
	l.errors = errors;
	l.file = path;
	l.pos = text;
	l.end = text + len;
	if (l.c->path == NULL ||
	    config_apply_defaults(&l, CONFIG_SEC_DAEMON, &l.c->daemon) < 0 ||
	    config_apply_defaults(&l, CONFIG_SEC_WEB, &l.c->web) < 0) {
		rc = -ENOMEM;
		goto fail;
	}
	rc = ini_parse_stream(reader, &l, handler, &l);
	if (rc > 0)
		config_error(&l, rc,
		    "cannot parse this line; expected KEY = VALUE");
	config_finish_daemon(&l);
	config_finish_web(&l);
	for (size_t i = 0; i < l.c->n_feeds; i++)
		config_finish_feed(&l, &l.c->feeds[i]);
	for (size_t i = 0; i < l.c->n_targets; i++)
		config_finish_target(&l, &l.c->targets[i]);
	if (errors->n > 1)
		qsort(errors->v, errors->n, sizeof(char *), cmp_errors);
	if (l.c->daemon.opml != NULL && errors->n == 0) {
		/* Errors inside the OPML file name that file. */
		l.file = l.c->daemon.opml;
		if (opml_load(l.c->daemon.opml, add_opml_feed, &l, errors) <
		        0 &&
		    errors->n == 0)
			l.oom = 1;
		l.file = path;
	}
	rc = l.oom ? -ENOMEM : errors->n > 0 ? -EINVAL : 0;
	if (rc < 0)
		goto fail;
	free(l.long_value);
	free(l.tkeys);
	*out = l.c;
	return 0;
fail:
	free(l.long_value);
	free(l.tkeys);
	config_free(l.c);
	return rc;
}

int
config_load(const char *path, struct config **out, struct strlist *errors)
{
	struct buf text;
	int rc;

	*out = NULL;
	buf_init(&text, CONFIG_MAX_FILE);
	rc = read_file(path, &text, errors);
	if (rc == 0)
		rc = config_parse(path, buf_str(&text), text.len, out, errors);
	buf_clear(&text);
	return rc;
}
