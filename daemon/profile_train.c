/*
 * profile_train.c -- `ukeuwatch profile train`: fit a profile's term
 * weights and threshold on labelled items (match/train.h), estimate how it
 * does on items it has not seen (k-fold cross-validation; a time split),
 * and write it as a profile file with a header saying so.
 *
 * Labels are JSON lines as in the tests/eval sets and `alerts --labels`:
 * {"title", "summary", "date", "labels": [profiles]}, title and summary as
 * the feed carried them (read as match reads them: profile_doc_text); a line
 * with "reviewed" ({profile: verdict}, from --labels) labels only the profiles
 * it names, so a verdict on one profile says nothing of the others.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "daemon/cli.h"
#include "daemon/profile_cli.h"
#include "feeds/html_text.h"
#include "lib/buf.h"
#include "match/profile.h"
#include "match/train.h"

#define MAX_PROFILE (1024 * 1024)

/* The items of the label files, for one profile. */
struct labelled {
	struct train_item *v; /* owned; strings in docs */
	char (*date)[11];     /* owned: "YYYY-MM-DD", or "" */
	size_t n, cap;
	json_t **docs; /* owned: the parsed lines the strings point into */
	size_t ndocs;
	size_t pos;
	struct html_text *html; /* owned: the fields' HTML to match's text */
};

static void
labelled_clear(struct labelled *l)
{
	for (size_t i = 0; i < l->ndocs; i++)
		json_decref(l->docs[i]);
	free(l->docs);
	free(l->v);
	free(l->date);
	html_text_free(l->html);
}

static int
has_label(json_t *labels, const char *name)
{
	size_t i;
	json_t *v;

	json_array_foreach(labels, i, v) if (json_is_string(v) &&
	    strcmp(json_string_value(v), name) == 0) return 1;
	return 0;
}

/* year * 12 + month of "YYYY-MM...", 0 when it is not a date. */
static unsigned
month_of(const char *date)
{
	unsigned y, m;

	if (date == NULL || sscanf(date, "%4u-%2u", &y, &m) != 2 || m < 1 ||
	    m > 12)
		return 0;
	return y * 12 + m;
}

static int
push(struct labelled *l, json_t *doc, const char *name)
{
	json_t *reviewed = json_object_get(doc, "reviewed");
	const char *date = json_string_value(json_object_get(doc, "date"));

	if (json_is_object(reviewed) && !json_object_get(reviewed, name))
		return 0; /* a verdict on other profiles only */
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		struct train_item *v = realloc(l->v, cap * sizeof(*v));
		char(*d)[11] = v ? realloc(l->date, cap * sizeof(*d)) : NULL;
		json_t **docs = d ? realloc(l->docs, cap * sizeof(*docs)) :
		                    NULL;

		if (v != NULL)
			l->v = v;
		if (d != NULL)
			l->date = d;
		if (docs != NULL)
			l->docs = docs;
		if (docs == NULL)
			return -ENOMEM;
		l->cap = cap;
	}
	l->v[l->n] = (struct train_item){
		.title = json_string_value(json_object_get(doc, "title")),
		.summary = json_string_value(json_object_get(doc, "summary")),
		.label = has_label(json_object_get(doc, "labels"), name),
		.month = month_of(date),
	};
	snprintf(l->date[l->n], sizeof(l->date[0]), "%.10s", date ? date : "");
	l->pos += l->v[l->n].label;
	l->n++;
	l->docs[l->ndocs++] = json_incref(doc);
	return 0;
}

static int
read_labels(struct labelled *l, const char *path, const char *name)
{
	FILE *fp = fopen(path, "re");
	char *line = NULL;
	size_t cap = 0;
	int rc = 0, n = 0;

	if (fp == NULL)
		return cli_fail(&cmd_profile, CLI_FAIL, "%s: %s", path,
		    strerror(errno));
	while (rc == 0 && getline(&line, &cap, fp) > 0) {
		json_error_t err;
		json_t *doc;

		n++;
		if (line[strspn(line, " \t\r\n")] == '\0')
			continue;
		doc = json_loads(line, 0, &err);
		if (!json_is_object(doc) ||
		    !json_is_array(json_object_get(doc, "labels")))
			rc = cli_fail(&cmd_profile, CLI_FAIL,
			    "%s:%d: not a labelled item (a JSON object with "
			    "\"labels\")",
			    path, n);
		else if ((l->html == NULL && html_text_new(&l->html) < 0) ||
		    profile_doc_text(l->html, doc) < 0 ||
		    push(l, doc, name) < 0)
			rc = cli_fail(&cmd_profile, CLI_FAIL, "out of memory");
		json_decref(doc);
	}
	free(line);
	fclose(fp);
	return rc;
}

static int
read_text(const char *path, struct buf *b)
{
	FILE *fp = fopen(path, "re");
	char chunk[8192];
	size_t n;
	int rc = 0;

	if (fp == NULL)
		return -errno;
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		rc = buf_append(b, chunk, n);
	fclose(fp);
	return rc;
}

/* "NAME" of ".../NAME.profile" (or of --from's file). */
static void
base_name(const char *path, char *out, size_t cap)
{
	const char *s = strrchr(path, '/');
	size_t n;

	s = s ? s + 1 : path;
	n = strcspn(s, ".");
	snprintf(out, cap, "%.*s", (int)n, s);
}

struct train_args {
	const char *from, *output, *split;
	char name[80];
	unsigned cv;
	int score; /* --score: the base as it is, no training */
	long max_terms;
	double C;
	char **files;
	int n_files;
};

static void
report(const char *what, const char *name, const struct train_counts *c,
    char *line, size_t cap)
{
	double p, r, f1;

	train_prf(c, &p, &r, &f1);
	snprintf(line, cap,
	    "%s %s: tp=%zu fp=%zu fn=%zu tn=%zu precision=%.3f "
	    "recall=%.3f f1=%.3f",
	    what, name, c->tp, c->fp, c->fn, c->tn, p, r, f1);
	profile_note(line);
}

/* Items dated before a->split train, the rest test (none without it). */
static size_t
split_items(struct labelled *l, const char *split, struct train_item *tr,
    struct train_item *te, size_t *nte)
{
	size_t ntr = 0;

	*nte = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (split == NULL || strcmp(l->date[i], split) < 0)
			tr[ntr++] = l->v[i];
		else
			te[(*nte)++] = l->v[i];
	}
	return ntr;
}

static int
header(struct buf *h, const struct train_args *a, size_t n, size_t pos,
    const char *cvline, const char *splitline)
{
	char day[16];
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	rc = buf_printf(h,
	    "# %s -- trained by `ukeuwatch profile train` on %s from %zu "
	    "labelled items\n# (%zu wanted):",
	    a->name, day, n, pos);
	for (int i = 0; rc == 0 && i < a->n_files; i++)
		rc = buf_printf(h, " %s", a->files[i]);
	if (rc == 0)
		rc = buf_printf(h,
		    "\n# Base: %s; at most %ld terms, C %g.  Edit the base "
		    "and train again,\n# rather than this file.\n",
		    a->from ? a->from : "none", a->max_terms, a->C);
	if (rc == 0 && cvline[0])
		rc = buf_printf(h, "# %s\n", cvline);
	if (rc == 0 && splitline[0])
		rc = buf_printf(h, "# %s\n", splitline);
	return rc;
}

/* The base profile's opening comment (what it is about), kept. */
static int
base_intro(struct buf *h, const char *base, size_t len)
{
	const char *p = base, *end = base + len;
	int rc = buf_printf(h, "#\n");

	while (rc == 0 && p < end && *p == '#') {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		rc = buf_append(h, p, n);
		p += n;
	}
	return rc;
}

/*
 * A regular file is replaced whole (written beside it, then renamed);
 * anything else (a device such as /dev/null, a pipe) is written to as it
 * is, never replaced.
 */
static int
write_out(const char *path, const struct buf *b)
{
	char tmp[4096];
	struct stat sb;
	FILE *fp;
	int ok;

	if (path == NULL || strcmp(path, "-") == 0)
		return fwrite(buf_str(b), 1, b->len, stdout) == b->len ? 0 :
		                                                         -EIO;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		fp = fopen(path, "we");
		if (fp == NULL)
			return -errno;
		ok = fwrite(buf_str(b), 1, b->len, fp) == b->len;
		return fclose(fp) == 0 && ok ? 0 : -EIO;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fp = fopen(tmp, "we");
	if (fp == NULL)
		return -errno;
	if (fwrite(buf_str(b), 1, b->len, fp) != b->len || fclose(fp) != 0) {
		unlink(tmp);
		return -EIO;
	}
	return rename(tmp, path) < 0 ? -errno : 0;
}

/* --score: the base profile on the items (before and after --split). */
static int
score_base(const struct train_args *a, const struct train_opts *o,
    const struct train_item *tr, size_t ntr, const struct train_item *te,
    size_t nte, struct errbuf *eb)
{
	struct train_counts c = { 0 }, s = { 0 };
	char line[256];
	int rc;

	if (o->base == NULL)
		return errbuf_set(eb, -EINVAL,
		    "--score: which profile? --from");
	rc = train_score(a->name, o->base, o->base_len, tr, ntr, &c, eb);
	if (rc == 0 && a->split != NULL)
		rc = train_score(a->name, o->base, o->base_len, te, nte, &s,
		    eb);
	if (rc < 0)
		return rc;
	report("score", a->name, &c, line, sizeof(line));
	if (a->split != NULL)
		report("score-split", a->name, &s, line, sizeof(line));
	return 0;
}

/*
 * The estimates that go into the profile's header: k-fold cross-validation
 * (a->cv > 1) and the time split (a->split), as report() lines in cvline
 * and spline (256 bytes each; left empty when not asked for).
 */
static int
estimates(const struct train_args *a, const struct train_opts *o,
    struct train_item *tr, size_t ntr, struct train_item *te, size_t nte,
    char *cvline, char *spline, struct errbuf *eb)
{
	struct train_counts cv = { 0 }, sp = { 0 };
	struct buf out;
	int rc = 0;

	if (a->cv > 1) {
		rc = train_cv(o, tr, ntr, a->cv, &cv, eb);
		if (rc < 0)
			return rc;
		report("cv", a->name, &cv, cvline, 256);
	}
	if (a->split == NULL)
		return 0;
	buf_init(&out, 4 * MAX_PROFILE);
	rc = train_profile(o, tr, ntr, &out, eb);
	if (rc == 0)
		rc = train_score(a->name, buf_str(&out), out.len, te, nte, &sp,
		    eb);
	buf_clear(&out);
	if (rc == 0)
		report("split", a->name, &sp, spline, 256);
	return rc;
}

static int
train_run(struct train_args *a, struct labelled *l)
{
	struct train_item *tr = calloc(l->n + 1, sizeof(*tr));
	struct train_item *te = calloc(l->n + 1, sizeof(*te));
	struct train_opts o = { .name = a->name,
		.max_terms = (size_t)a->max_terms,
		.C = a->C };
	char cvline[256] = "", spline[256] = "";
	struct buf base, hd, out;
	struct errbuf eb = { 0 };
	size_t ntr, nte = 0, pos = 0;
	int rc = 0;

	buf_init(&base, MAX_PROFILE);
	buf_init(&hd, MAX_PROFILE);
	buf_init(&out, 4 * MAX_PROFILE);
	if (tr == NULL || te == NULL) {
		rc = errbuf_set(&eb, -ENOMEM, "out of memory");
		goto out;
	}
	if (a->from != NULL && (rc = read_text(a->from, &base)) < 0) {
		errbuf_set(&eb, rc, "%s: %s", a->from, strerror(-rc));
		goto out;
	}
	o.base = a->from ? buf_str(&base) : NULL;
	o.base_len = base.len;
	o.base_file = a->from;
	ntr = split_items(l, a->split, tr, te, &nte);
	for (size_t i = 0; i < ntr; i++)
		pos += tr[i].label;
	if (a->score) {
		rc = score_base(a, &o, tr, ntr, te, nte, &eb);
		goto out;
	}
	rc = estimates(a, &o, tr, ntr, te, nte, cvline, spline, &eb);
	if (rc == 0)
		rc = header(&hd, a, ntr, pos, cvline, spline);
	if (rc == 0 && o.base != NULL)
		rc = base_intro(&hd, o.base, o.base_len);
	if (rc == -ENOMEM)
		errbuf_set(&eb, rc, "out of memory");
	if (rc < 0)
		goto out;
	/* The header ends without a newline: train_profile adds one. */
	if (hd.len > 0 && buf_str(&hd)[hd.len - 1] == '\n')
		hd.len--;
	o.header = buf_str(&hd);
	rc = train_profile(&o, tr, ntr, &out, &eb);
	if (rc == 0 && (a->split == NULL || a->output != NULL) &&
	    (rc = write_out(a->output, &out)) < 0)
		errbuf_set(&eb, rc, "%s: %s", a->output, strerror(-rc));
out:
	buf_clear(&base);
	buf_clear(&hd);
	buf_clear(&out);
	free(tr);
	free(te);
	return rc < 0 ? cli_fail(&cmd_profile, CLI_FAIL, "%s", eb.msg) : CLI_OK;
}

/* The options into *a; -1 to go on, else the exit code. */
static int
parse_args(int argc, char **argv, struct train_args *a)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "from", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'N' },
		{ "max-terms", required_argument, NULL, 'n' },
		{ "C", required_argument, NULL, 'C' },
		{ "cv", required_argument, NULL, 'k' },
		{ "split", required_argument, NULL, 's' },
		{ "score", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL;
	int c, code = -1;
	char *end;

	while ((c = cli_getopt(&cmd_profile, argc, argv, "+ho:f:n:C:", longopts,
	            &config, &code)) != -1) {
		if (c == 'f')
			a->from = optarg;
		else if (c == 'o')
			a->output = optarg;
		else if (c == 'N')
			snprintf(a->name, sizeof(a->name), "%s", optarg);
		else if (c == 's')
			a->split = optarg;
		else if (c == 'S')
			a->score = 1;
		else if (c == 'n' &&
		    ((a->max_terms = strtol(optarg, &end, 10)) < 1 ||
		        a->max_terms > 5000 || *end != '\0'))
			return cli_usage_error(&cmd_profile,
			    "--max-terms: expected 1 to 5000");
		else if (c == 'C' &&
		    (!((a->C = strtod(optarg, &end)) > 0) || *end != '\0'))
			return cli_usage_error(&cmd_profile,
			    "-C: expected a positive number");
		else if (c == 'k')
			a->cv = (unsigned)strtoul(optarg, &end, 10);
	}
	return code;
}

int
profile_train_run(int argc, char **argv)
{
	struct train_args a = { .cv = 5, .max_terms = 40, .C = 1 };
	struct labelled l = { 0 };
	int code = parse_args(argc, argv, &a);

	if (code >= 0)
		return code;
	if (optind >= argc)
		return cli_usage_error(&cmd_profile,
		    "train: expected LABELS.jsonl files");
	if (a.name[0] == '\0' && (a.output || a.from))
		base_name(a.from ? a.from : a.output, a.name, sizeof(a.name));
	if (!profile_name_ok(a.name))
		return cli_usage_error(&cmd_profile,
		    "train: name the profile (--name, -o NAME.profile or "
		    "--from)");
	a.files = argv + optind;
	a.n_files = argc - optind;
	for (int i = 0; i < a.n_files; i++)
		if ((code = read_labels(&l, a.files[i], a.name)) != 0)
			goto out;
	code = train_run(&a, &l);
out:
	labelled_clear(&l);
	return code;
}
