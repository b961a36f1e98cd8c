/* profile.c -- parse profile text: weighted terms, groups, excludes, field
 * weights (reading files and directories is alerts/profile_load.c) */
#include "match/profile.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "match/text.h"

struct profiles {
	struct profile *v; /* owned array */
	size_t n, cap;
	struct text *text; /* owned: tokenises terms */
};

/* One file being parsed. */
struct parse {
	struct profiles *ps;
	struct profile *p;
	const char *file;
	int line;
	int errors;
	int seen_threshold;
	struct buf *out;
};

static void
profile_clear(struct profile *p)
{
	for (size_t i = 0; i < p->n_terms; i++)
		free(p->terms[i].text);
	free(p->terms);
	for (size_t i = 0; i < p->n_groups; i++)
		free(p->groups[i]);
	free(p->groups);
	free(p->name);
	free(p->file);
	memset(p, 0, sizeof(*p));
}

int
profiles_new(struct profiles **out)
{
	struct profiles *ps = calloc(1, sizeof(*ps));
	int rc;

	*out = NULL;
	if (ps == NULL)
		return -ENOMEM;
	rc = text_new(&ps->text);
	if (rc < 0) {
		free(ps);
		return rc;
	}
	*out = ps;
	return 0;
}

void
profiles_free(struct profiles *ps)
{
	if (ps == NULL)
		return;
	for (size_t i = 0; i < ps->n; i++)
		profile_clear(&ps->v[i]);
	free(ps->v);
	text_free(ps->text);
	free(ps);
}

size_t
profiles_count(const struct profiles *ps)
{
	return ps->n;
}

const struct profile *
profiles_get(const struct profiles *ps, size_t i)
{
	return i < ps->n ? &ps->v[i] : NULL;
}

const struct profile *
profiles_find(const struct profiles *ps, const char *name)
{
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].name, name) == 0)
			return &ps->v[i];
	return NULL;
}

int
profile_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		        c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

static void PRINTF_LIKE(2, 3) perr(struct parse *ps, const char *fmt, ...)
{
	va_list ap;

	ps->errors++;
	if (ps->out == NULL)
		return;
	/* A full error buffer still leaves the error counted. */
	if (buf_printf(ps->out, "%s:%d: ", ps->file, ps->line) < 0)
		return;
	va_start(ap, fmt);
	if (buf_vprintf(ps->out, fmt, ap) == 0)
		(void)!buf_appendc(ps->out, '\n');
	va_end(ap);
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Split the first word off *s; returns it (NUL-terminated) or NULL. */
static char *
next_word(char **s)
{
	char *w = *s, *e;

	while (*w == ' ' || *w == '\t')
		w++;
	if (*w == '\0')
		return NULL;
	e = w;
	while (*e != '\0' && *e != ' ' && *e != '\t')
		e++;
	if (*e != '\0')
		*e++ = '\0';
	*s = e;
	return w;
}

static int
parse_number(struct parse *ps, const char *w, const char *what, double *out)
{
	char *end;
	double d;

	if (w == NULL) {
		perr(ps, "%s: a number is missing", what);
		return -1;
	}
	errno = 0;
	d = strtod(w, &end);
	if (errno != 0 || end == w || *end != '\0' || !isfinite(d) ||
	    fabs(d) > 1000) {
		perr(ps, "%s: \"%s\" is not a number from -1000 to 1000", what,
		    w);
		return -1;
	}
	*out = d;
	return 0;
}

static int
group_index(struct parse *ps, const char *name)
{
	struct profile *p = ps->p;
	char **v;

	for (size_t i = 0; i < p->n_groups; i++)
		if (strcmp(p->groups[i], name) == 0)
			return (int)i;
	if (p->n_groups == PROFILE_MAX_GROUPS) {
		perr(ps, "require: more than %d groups", PROFILE_MAX_GROUPS);
		return -1;
	}
	v = realloc(p->groups, (p->n_groups + 1) * sizeof(*v));
	if (v == NULL)
		return -ENOMEM;
	p->groups = v;
	v[p->n_groups] = strdup(name);
	if (v[p->n_groups] == NULL)
		return -ENOMEM;
	return (int)p->n_groups++;
}

/* Tokenise a term into t's keys; 0, or -1 after reporting why not. */
static int
term_keys(struct parse *ps, const char *text, struct profile_term *t)
{
	const struct text_token *tok;
	int n = text_tokenize(ps->ps->text, text, strlen(text), &tok);

	if (n < 0)
		return n;
	if (n == 0) {
		perr(ps, "term \"%s\" has no words", text);
		return -1;
	}
	if (n > PROFILE_MAX_PHRASE) {
		perr(ps, "term \"%s\" has more than %d words", text,
		    PROFILE_MAX_PHRASE);
		return -1;
	}
	t->n_keys = (size_t)n;
	for (int i = 0; i < n; i++)
		t->keys[i] = tok[i].hash;
	t->acronym = n == 1 && (tok[0].flags & TEXT_ACRONYM);
	if (t->acronym)
		t->keys[0] = tok[0].acronym_hash;
	return 0;
}

static struct profile_term *
find_term(struct profile *p, const struct profile_term *t)
{
	for (size_t i = 0; i < p->n_terms; i++) {
		struct profile_term *o = &p->terms[i];

		if (o->n_keys == t->n_keys && o->acronym == t->acronym &&
		    memcmp(o->keys, t->keys, t->n_keys * sizeof(t->keys[0])) ==
		        0)
			return o;
	}
	return NULL;
}

/*
 * Add one term: weight w (term lines), group g >= 0 (require lines) or
 * exclude.  A term may be both weighted and in one group; anything else
 * twice is an error.
 */
static int
add_term(struct parse *ps, char *text, double w, int g, int exclude)
{
	struct profile *p = ps->p;
	struct profile_term t = { 0 }, *o, *v;
	size_t n;
	int rc;

	text = trim(text);
	n = strlen(text);
	if (n >= 2 && text[0] == '"' && text[n - 1] == '"') {
		text[n - 1] = '\0';
		text = trim(text + 1);
	}
	if (*text == '\0') {
		perr(ps, "empty term (two commas, or a comma at the end?)");
		return 0;
	}
	rc = term_keys(ps, text, &t);
	if (rc != 0)
		return rc < -1 ? rc : 0;
	o = find_term(p, &t);
	if (o != NULL) {
		if (exclude || o->exclude ||
		    (g >= 0 && (o->groups & ((uint64_t)1 << g))) ||
		    (g < 0 && o->weight != 0)) {
			perr(ps, "\"%s\" is the same term as \"%s\" (line %d)",
			    text, o->text, o->line);
			return 0;
		}
		if (g >= 0)
			o->groups |= (uint64_t)1 << g;
		else
			o->weight = w;
		return 0;
	}
	v = realloc(p->terms, (p->n_terms + 1) * sizeof(*v));
	if (v == NULL)
		return -ENOMEM;
	p->terms = v;
	t.text = strdup(text);
	if (t.text == NULL)
		return -ENOMEM;
	t.weight = w;
	t.groups = g >= 0 ? (uint64_t)1 << g : 0;
	t.exclude = exclude;
	t.line = ps->line;
	p->terms[p->n_terms++] = t;
	return 0;
}

static int
add_list(struct parse *ps, char *list, double w, int g, int exclude)
{
	char *save = NULL, *item;
	int rc;

	list = trim(list);
	if (list[0] == '\0') {
		perr(ps, "no terms after the keyword");
		return 0;
	}
	if (list[strlen(list) - 1] == ',' || strstr(list, ",,") != NULL ||
	    list[0] == ',')
		perr(ps, "empty term (two commas, or a comma at the end?)");
	for (item = strtok_r(list, ",", &save); item != NULL;
	     item = strtok_r(NULL, ",", &save)) {
		rc = add_term(ps, item, w, g, exclude);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static const char *const field_names[PROFILE_FIELDS] = { "title", "summary",
	"content" };

/* One keyword's arguments; each returns < 0 only on ENOMEM, and 1 when
 * it consumed the rest of the line (a term list). */
static int
kw_threshold(struct parse *ps, char **line)
{
	double d;

	if (parse_number(ps, next_word(line), "threshold", &d) == 0) {
		if (d <= 0)
			perr(ps, "threshold: must be above 0");
		ps->p->threshold = d;
		ps->seen_threshold = 1;
	}
	return 0;
}

static int
kw_field(struct parse *ps, char **line)
{
	char *arg = next_word(line);
	int f = -1;
	double d;

	for (int i = 0; arg != NULL && i < PROFILE_FIELDS; i++)
		if (strcmp(arg, field_names[i]) == 0)
			f = i;
	if (f < 0)
		perr(ps, "field: expected title, summary or content");
	else if (parse_number(ps, next_word(line), "field", &d) == 0)
		ps->p->field_weight[f] = d;
	return 0;
}

static int
kw_term(struct parse *ps, char **line)
{
	double d;
	int rc;

	if (parse_number(ps, next_word(line), "term weight", &d) != 0)
		return 0;
	if (d == 0)
		perr(ps, "term weight: 0 would do nothing");
	rc = add_list(ps, *line, d, -1, 0);
	return rc < 0 ? rc : 1;
}

static int
kw_require(struct parse *ps, char **line)
{
	char *arg = next_word(line);
	int g, rc;

	if (arg == NULL || !profile_name_ok(arg)) {
		perr(ps,
		    "require: expected a group name ([a-z0-9_-]), then "
		    "terms");
		return 1;
	}
	g = group_index(ps, arg);
	if (g == -1)
		return 1;
	if (g < 0)
		return g;
	rc = add_list(ps, *line, 0, g, 0);
	return rc < 0 ? rc : 1;
}

static int
kw_exclude(struct parse *ps, char **line)
{
	int rc = add_list(ps, *line, 0, -1, 1);

	return rc < 0 ? rc : 1;
}

static const struct keyword {
	const char *name;
	int (*parse)(struct parse *ps, char **line);
} keywords[] = {
	{ "threshold", kw_threshold },
	{ "field", kw_field },
	{ "term", kw_term },
	{ "require", kw_require },
	{ "exclude", kw_exclude },
};

static int
parse_line(struct parse *ps, char *line)
{
	char *hash = strchr(line, '#'), *kw;
	int errors = ps->errors, rc;

	if (hash != NULL)
		*hash = '\0';
	line = trim(line);
	kw = next_word(&line);
	if (kw == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		if (strcmp(kw, keywords[i].name) != 0)
			continue;
		rc = keywords[i].parse(ps, &line);
		if (rc == 0 && ps->errors == errors && next_word(&line) != NULL)
			perr(ps, "%s: unexpected words at the end of the line",
			    kw);
		return rc < 0 ? rc : 0;
	}
	perr(ps,
	    "unknown keyword \"%s\" (expected threshold, field, term, "
	    "require or exclude)",
	    kw);
	return 0;
}

static int
check_profile(struct parse *ps)
{
	size_t positive = 0;

	ps->line = 0;
	for (size_t i = 0; i < ps->p->n_terms; i++)
		if (ps->p->terms[i].weight > 0)
			positive++;
	if (!ps->seen_threshold)
		perr(ps, "no threshold line");
	if (positive == 0)
		perr(ps, "no term with a positive weight: nothing can match");
	return 0;
}

static int
parse_text(struct parse *ps, const char *text, size_t len)
{
	char *copy = malloc(len + 1), *line, *save = NULL;
	int rc = 0;

	if (copy == NULL)
		return -ENOMEM;
	memcpy(copy, text, len);
	copy[len] = '\0';
	ps->line = 0;
	if (memchr(text, '\0', len) != NULL) {
		const char *z = memchr(text, '\0', len);

		for (const char *c = text; c <= z; c++)
			ps->line += c == z || *c == '\n';
		perr(ps, "NUL byte: not a text file");
		free(copy);
		return 0;
	}
	/* strtok_r would skip empty lines and break the count: walk by hand. */
	for (line = copy; line != NULL && rc == 0; line = save) {
		char *nl = strchr(line, '\n');

		save = nl != NULL ? nl + 1 : NULL;
		if (nl != NULL)
			*nl = '\0';
		ps->line++;
		rc = parse_line(ps, line);
	}
	free(copy);
	return rc;
}

int
profiles_parse(struct profiles *set, const char *name, const char *file,
    const char *text, size_t len, struct buf *errors)
{
	struct parse ps = { .ps = set, .file = file, .out = errors };
	struct profile p = { 0 };
	int rc;

	ps.p = &p;
	if (!profile_name_ok(name)) {
		perr(&ps, "profile name \"%s\" must be [a-z0-9_-]", name);
		return -EINVAL;
	}
	if (profiles_find(set, name) != NULL) {
		perr(&ps, "a profile called %s is already loaded", name);
		return -EEXIST;
	}
	p.threshold = 1;
	p.field_weight[PROFILE_TITLE] = 2;
	p.field_weight[PROFILE_SUMMARY] = 1;
	p.field_weight[PROFILE_CONTENT] = 0.5;
	rc = parse_text(&ps, text, len);
	if (rc == 0)
		rc = check_profile(&ps);
	if (rc == 0 && ps.errors > 0)
		rc = -EINVAL;
	if (rc == 0 && set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 4;
		struct profile *v = realloc(set->v, cap * sizeof(*v));

		if (v == NULL)
			rc = -ENOMEM;
		else {
			set->v = v;
			set->cap = cap;
		}
	}
	if (rc == 0) {
		p.name = strdup(name);
		p.file = strdup(file);
		if (p.name == NULL || p.file == NULL)
			rc = -ENOMEM;
	}
	if (rc < 0) {
		profile_clear(&p);
		return rc;
	}
	set->v[set->n++] = p;
	return 0;
}
