/*
 * config_values.c -- typed values of configuration keys, string lists,
 * and the life cycle of a loaded config (lookup, free).
 *
 * Every value is checked strictly here so that the loader only has to say
 * where a problem is; the message says what is wrong and what is expected.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "daemon/config.h"
#include "daemon/config_impl.h"
#include "lib/errbuf.h"
#include "lib/log.h"
#include "lib/secret.h"
#include "lib/units.h"

int
config_valid_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("._-", *s) == NULL)
			return 0;
	return 1;
}

static int
parse_bool(const char *v, int *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return *out = 1, 0;
		if (strcasecmp(v, no[i]) == 0)
			return *out = 0, 0;
	}
	return -EINVAL;
}

static int
parse_u64(const char *v, uint64_t *out)
{
	uint64_t n = 0;

	if (*v == '\0')
		return -EINVAL;
	for (; *v != '\0'; v++) {
		if (*v < '0' || *v > '9')
			return -EINVAL;
		if (n > (UINT64_MAX - (uint64_t)(*v - '0')) / 10)
			return -ERANGE;
		n = n * 10 + (uint64_t)(*v - '0');
	}
	*out = n;
	return 0;
}

/* A non-negative decimal such as 12 or 7.5, nothing else. */
static int
parse_score(const char *v, double *out)
{
	char *end;
	double d;

	if (!isdigit((unsigned char)*v))
		return -EINVAL;
	errno = 0;
	d = strtod(v, &end);
	if (errno != 0 || *end != '\0' || d < 0 || d > 1e9)
		return -EINVAL;
	*out = d;
	return 0;
}

/* "1/s", "30/m", "100/h" or "0". */
static int
parse_rate(const char *v, double *out)
{
	const char *slash = strchr(v, '/');
	char num[32];
	double n;
	size_t len;

	if (strcmp(v, "0") == 0)
		return *out = 0, 0;
	if (slash == NULL || (len = (size_t)(slash - v)) == 0 ||
	    len >= sizeof(num))
		return -EINVAL;
	memcpy(num, v, len);
	num[len] = '\0';
	if (parse_score(num, &n) < 0 || n == 0)
		return -EINVAL;
	if (strcmp(slash, "/s") == 0)
		*out = n;
	else if (strcmp(slash, "/m") == 0)
		*out = n / 60;
	else if (strcmp(slash, "/h") == 0)
		*out = n / 3600;
	else
		return -EINVAL;
	return 0;
}

static int
parse_list(const char *v, struct strlist *l, struct errbuf *eb)
{
	const char *p = v, *comma;
	char item[256];
	size_t len;

	strlist_clear(l);
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len == 0 || len >= sizeof(item))
			return errbuf_set(eb, -EINVAL,
			    "empty or overlong entry in list \"%s\"", v);
		memcpy(item, p, len);
		item[len] = '\0';
		if (strlist_push(l, item) < 0)
			return errbuf_set(eb, -ENOMEM, "out of memory");
		if (comma == NULL)
			break;
		p = comma + 1;
		if (*p == '\0')
			return errbuf_set(eb, -EINVAL,
			    "list \"%s\" ends with a comma", v);
	}
	return 0;
}

/* An absolute http or https URL, as libcurl would fetch it. */
int
config_check_url(const char *v, struct errbuf *eb)
{
	CURLU *u = curl_url();
	char *scheme = NULL;
	int rc = 0;

	if (u == NULL)
		return errbuf_set(eb, -ENOMEM, "out of memory");
	if (curl_url_set(u, CURLUPART_URL, v, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
		rc = errbuf_set(eb, -EINVAL, "\"%s\" is not an absolute URL",
		    v);
	else if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)
		rc = errbuf_set(eb, -EINVAL,
		    "URL scheme \"%s\" is not http or https", scheme);
	curl_free(scheme);
	curl_url_cleanup(u);
	return rc;
}

static int
set_string(char **field, const char *v)
{
	char *d = strdup(v);

	if (d == NULL)
		return -ENOMEM;
	free(*field);
	*field = d;
	return 0;
}

static int
set_secret(const struct config_key *k, struct secret **field, const char *v,
    struct errbuf *eb)
{
	struct secret *s = NULL;
	int warn = 0, rc;

	if (k->type == CONFIG_T_SECRET_FILE)
		rc = secret_from_file(&s, v, &warn, eb);
	else
		rc = secret_from_string(&s, v);
	if (rc < 0)
		return eb->code ? rc : errbuf_set(eb, rc, "out of memory");
	secret_free(*field);
	*field = s;
	if (warn)
		errbuf_set(eb, 0,
		    "secret file %s is readable by other users; "
		    "chmod 600 it",
		    v);
	return warn;
}

/* The numeric types: durations, sizes, counts, scores, rates, booleans. */
static int
set_number(enum config_type type, void *f, const char *v, struct errbuf *eb)
{
	uint64_t u;
	int rc;

	switch (type) {
	case CONFIG_T_DURATION:
		return units_duration_parse(v, f, eb);
	case CONFIG_T_SIZE:
		return units_size_parse(v, f, eb);
	case CONFIG_T_BOOL:
		return parse_bool(v, f) < 0 ?
		    errbuf_set(eb, -EINVAL, "\"%s\" is not yes or no", v) :
		    0;
	case CONFIG_T_UINT:
		rc = parse_u64(v, &u);
		if (rc < 0 || u == 0 || u > 100000)
			return errbuf_set(eb, -EINVAL,
			    "\"%s\" is not a number from 1 to 100000", v);
		*(unsigned *)f = (unsigned)u;
		return 0;
	case CONFIG_T_U64:
		rc = parse_u64(v, f);
		return rc < 0 ?
		    errbuf_set(eb, rc, "\"%s\" is not a whole number", v) :
		    0;
	case CONFIG_T_SCORE:
		return parse_score(v, f) < 0 ?
		    errbuf_set(eb, -EINVAL,
		        "\"%s\" is not a non-negative number", v) :
		    0;
	default: /* CONFIG_T_RATE */
		return parse_rate(v, f) < 0 ?
		    errbuf_set(eb, -EINVAL,
		        "\"%s\" is not a rate such as 1/s, 30/m or 0", v) :
		    0;
	}
}

/* The types that name one of a fixed set of words. */
static int
set_word(enum config_type type, void *f, const char *v, struct errbuf *eb)
{
	int rc;

	switch (type) {
	case CONFIG_T_LOGLEVEL:
		rc = log_level_parse(v);
		if (rc < 0)
			return errbuf_set(eb, -EINVAL,
			    "\"%s\" is not one of "
			    "err, warning, notice, info, debug",
			    v);
		*(int *)f = rc;
		return 0;
	case CONFIG_T_TTYPE:
		if (strcmp(v, "webhook") == 0)
			*(enum target_type *)f = TARGET_TYPE_WEBHOOK;
		else if (strcmp(v, "mail") == 0)
			*(enum target_type *)f = TARGET_TYPE_MAIL;
		else
			return errbuf_set(eb, -EINVAL,
			    "\"%s\" is not webhook or mail", v);
		return 0;
	default: /* CONFIG_T_TFORMAT */
		for (int i = 0; i <= TARGET_FORMAT_MATTERMOST; i++)
			if (strcmp(v, target_format_name(i)) == 0)
				return *(enum target_format *)f = i, 0;
		return errbuf_set(eb, -EINVAL,
		    "\"%s\" is not one of json, "
		    "slack, discord, teams, mattermost",
		    v);
	}
}

int
config_set_value(const struct config_key *k, void *rec, const char *v,
    struct errbuf *eb)
{
	void *f = (char *)rec + k->off;
	int rc;

	errbuf_clear(eb);
	switch (k->type) {
	case CONFIG_T_LISTEN:
		/* Empty is a value: the web server is off.  The address is
		 * checked by config_finish_web, which knows token-file. */
		return set_string(f, v) < 0 ?
		    errbuf_set(eb, -ENOMEM, "out of memory") :
		    0;
	case CONFIG_T_STR:
	case CONFIG_T_PATH:
		if (*v == '\0')
			return errbuf_set(eb, -EINVAL, "empty value");
		return set_string(f, v) < 0 ?
		    errbuf_set(eb, -ENOMEM, "out of memory") :
		    0;
	case CONFIG_T_URL:
		rc = config_check_url(v, eb);
		return rc < 0 ? rc : set_string(f, v);
	case CONFIG_T_DURATION:
	case CONFIG_T_SIZE:
	case CONFIG_T_BOOL:
	case CONFIG_T_UINT:
	case CONFIG_T_U64:
	case CONFIG_T_SCORE:
	case CONFIG_T_RATE:
		return set_number(k->type, f, v, eb);
	case CONFIG_T_LIST:
		return parse_list(v, f, eb);
	case CONFIG_T_SECRET_FILE:
	case CONFIG_T_SECRET:
		return set_secret(k, f, v, eb);
	case CONFIG_T_LOGLEVEL:
	case CONFIG_T_TTYPE:
	case CONFIG_T_TFORMAT:
		return set_word(k->type, f, v, eb);
	}
	return errbuf_set(eb, -EINVAL, "unknown key type");
}

void
config_free_value(const struct config_key *k, void *rec)
{
	void *f = (char *)rec + k->off;

	switch (k->type) {
	case CONFIG_T_STR:
	case CONFIG_T_PATH:
	case CONFIG_T_URL:
	case CONFIG_T_LISTEN:
		free(*(char **)f);
		*(char **)f = NULL;
		break;
	case CONFIG_T_LIST:
		strlist_clear(f);
		break;
	case CONFIG_T_SECRET_FILE:
	case CONFIG_T_SECRET:
		secret_free(*(struct secret **)f);
		*(struct secret **)f = NULL;
		break;
	default:
		break;
	}
}

void
config_list_keys(FILE *f)
{
	static const char *const secs[] = { "daemon", "feed NAME",
		"target NAME", "web" };

	char path[4096];

	for (size_t i = 0; i < config_n_keys; i++) {
		const struct config_key *k = &config_keys[i];
		const char *def = k->def ? k->def : "(none)";

		/* What this binary would use, not the rule's placeholders. */
		if (k->sec == CONFIG_SEC_DAEMON &&
		    config_default_path(k->name, path, sizeof(path)))
			def = path;
		fprintf(f, "[%s] %s = %s\n    %s\n", secs[k->sec], k->name, def,
		    k->help);
	}
}

static void
free_record(enum config_section sec, void *rec)
{
	for (size_t i = 0; i < config_n_keys; i++)
		if (config_keys[i].sec == sec)
			config_free_value(&config_keys[i], rec);
}

void
config_free(struct config *c)
{
	if (c == NULL)
		return;
	free_record(CONFIG_SEC_DAEMON, &c->daemon);
	free_record(CONFIG_SEC_WEB, &c->web);
	for (size_t i = 0; i < c->n_feeds; i++) {
		free_record(CONFIG_SEC_FEED, &c->feeds[i]);
		free(c->feeds[i].url_shown);
		free(c->feeds[i].name);
		free(c->feeds[i].file);
	}
	for (size_t i = 0; i < c->n_targets; i++) {
		free_record(CONFIG_SEC_TARGET, &c->targets[i]);
		free(c->targets[i].name);
		free(c->targets[i].file);
	}
	free(c->feeds);
	free(c->targets);
	config_index_free(c);
	strlist_clear(&c->warnings);
	free(c->path);
	free(c);
}
