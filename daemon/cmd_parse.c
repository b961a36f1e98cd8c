/*
 * cmd_parse.c -- `ukeuwatch parse FILE|-`: parse one feed document and
 * print it as SPEC.md's normalised JSON.
 *
 * The file is streamed through feed_parse_push in 256 KiB chunks, the way
 * the daemon feeds it response bodies, so this command is also the
 * parser's benchmark and conformance driver.  Items are printed as they
 * arrive but the document's own fields come first in the output and may
 * come last in the document (an Atom <updated> after the entries), so item
 * JSON is held in memory up to 1 MiB and spilled to a temporary file past
 * that: memory stays flat however large the feed.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "daemon/buf.h"
#include "daemon/cli.h"
#include "daemon/log.h"
#include "feeds/feed_parse.h"

#define CHUNK     (256 * 1024)  /* bytes per read: fewer system calls */
#define MEM_ITEMS (1024 * 1024) /* item JSON kept in memory before spilling */
#define SPILL     (256 * 1024)  /* then written to the spill file in these */

static int run(int argc, char **argv);

const struct cli_cmd cmd_parse = {
	.name = "parse",
	.synopsis = "[-u URL] FILE|-",
	.summary = "parse one feed document and print it as normalised JSON",
	.help =
	    "  -u, --url URL   the document's URL, base for relative links\n",
	.run = run,
};

/*
 * One jansson object reused for every item: its keys are inserted once, in
 * SPEC.md's order, and each item only swaps the values, so the hot path
 * neither parses json_pack formats nor rebuilds a hash table per item.  Our
 * strings are valid UTF-8 already (charset.c), hence the _nocheck calls.
 */
enum {
	J_ID,
	J_KEY,
	J_TITLE,
	J_LINK,
	J_SUMMARY,
	J_CONTENT,
	J_PUBLISHED,
	J_UPDATED,
	J_N_STR,
};

static const char *const j_keys[J_N_STR] = { "id", "key", "title", "link",
	"summary", "content", "published", "updated" };

struct jitem {
	json_t *obj;          /* owned */
	json_t *str[J_N_STR]; /* borrowed from obj while set, else owned */
	bool set[J_N_STR];    /* str[i] is obj's value (not null) */
	json_t *authors, *categories, *enclosures; /* borrowed from obj */
};

struct out {
	struct buf mem; /* item JSON not yet spilled */
	FILE *spill;    /* owned: item JSON past MEM_ITEMS, or NULL */
	size_t n;       /* items written */
	struct jitem j;
};

static void
jitem_clear(struct jitem *j)
{
	for (size_t i = 0; i < J_N_STR; i++)
		if (!j->set[i])
			json_decref(j->str[i]);
	json_decref(j->obj);
	memset(j, 0, sizeof(*j));
}

static int
jitem_init(struct jitem *j)
{
	memset(j, 0, sizeof(*j));
	j->obj = json_object();
	j->authors = json_array();
	j->categories = json_array();
	j->enclosures = json_array();
	for (size_t i = 0; i < J_N_STR; i++)
		j->str[i] = json_stringn_nocheck("", 0);
	if (j->obj == NULL)
		goto fail;
	/* keys in SPEC.md's order: the strings, then the arrays */
	for (size_t i = 0; i < J_N_STR; i++)
		if (j->str[i] == NULL ||
		    json_object_set_new_nocheck(j->obj, j_keys[i],
		        json_null()) < 0)
			goto fail;
	/* the arrays' references move into obj, also on failure */
	if (json_object_set_new_nocheck(j->obj, "authors", j->authors) < 0 ||
	    json_object_set_new_nocheck(j->obj, "categories", j->categories) <
	        0 ||
	    json_object_set_new_nocheck(j->obj, "enclosures", j->enclosures) <
	        0)
		goto fail;
	return 0;
fail:
	jitem_clear(j);
	return -ENOMEM;
}

static int
jitem_str(struct jitem *j, size_t i, const char *s)
{
	if (s == NULL) {
		if (!j->set[i])
			return 0;
		/* obj drops its reference: keep ours */
		json_incref(j->str[i]);
		j->set[i] = false;
		return json_object_set_new_nocheck(j->obj, j_keys[i],
		    json_null());
	}
	if (json_string_setn_nocheck(j->str[i], s, strlen(s)) < 0)
		return -1;
	if (j->set[i])
		return 0;
	j->set[i] = true;
	return json_object_set_new_nocheck(j->obj, j_keys[i], j->str[i]);
}

static int
jitem_strs(json_t *a, char *const *v, size_t n)
{
	json_array_clear(a);
	for (size_t i = 0; i < n; i++)
		if (json_array_append_new(a,
		        json_stringn_nocheck(v[i], strlen(v[i]))) < 0)
			return -1;
	return 0;
}

static int
jitem_set(struct jitem *j, const struct item *it)
{
	char pub[32], upd[32];
	int rc = 0;

	item_time_format(it->published, pub);
	item_time_format(it->updated, upd);
	rc |= jitem_str(j, J_ID, it->id);
	rc |= jitem_str(j, J_KEY, it->key);
	rc |= jitem_str(j, J_TITLE, it->title);
	rc |= jitem_str(j, J_LINK, it->link);
	rc |= jitem_str(j, J_SUMMARY, it->summary);
	rc |= jitem_str(j, J_CONTENT, it->content);
	rc |= jitem_str(j, J_PUBLISHED, pub[0] != '\0' ? pub : NULL);
	rc |= jitem_str(j, J_UPDATED, upd[0] != '\0' ? upd : NULL);
	rc |= jitem_strs(j->authors, it->authors, it->n_authors);
	rc |= jitem_strs(j->categories, it->categories, it->n_categories);
	json_array_clear(j->enclosures);
	for (size_t i = 0; i < it->n_enclosures; i++) {
		const struct enclosure *e = &it->enclosures[i];
		json_t *o = json_object();

		if (o == NULL || json_array_append_new(j->enclosures, o) < 0)
			return -ENOMEM;
		rc |= json_object_set_new_nocheck(o, "url",
		    json_stringn_nocheck(e->url, strlen(e->url)));
		rc |= json_object_set_new_nocheck(o, "type",
		    e->type != NULL ?
		        json_stringn_nocheck(e->type, strlen(e->type)) :
		        json_null());
		rc |= json_object_set_new_nocheck(o, "length",
		    json_integer((json_int_t)e->length));
	}
	return rc < 0 ? -ENOMEM : 0;
}

/* Move the held item JSON to the spill file, one large write. */
static int
out_spill(struct out *o)
{
	if (o->spill == NULL && (o->spill = tmpfile()) == NULL)
		return -errno;
	if (fwrite(o->mem.data, 1, o->mem.len, o->spill) != o->mem.len)
		return -EIO;
	buf_reset(&o->mem);
	return 0;
}

static int
dump_to_buf(const char *s, size_t n, void *arg)
{
	return buf_append(arg, s, n) < 0 ? -1 : 0;
}

static int
on_item(void *arg, const struct item *it)
{
	struct out *o = arg;
	int rc;

	rc = buf_appends(&o->mem, o->n > 0 ? ",\n    " : "\n    ");
	if (rc == 0)
		rc = jitem_set(&o->j, it);
	if (rc == 0 &&
	    json_dump_callback(o->j.obj, dump_to_buf, &o->mem, 0) < 0)
		rc = -ENOMEM;
	o->n++;
	if (rc == 0 && o->mem.len > (o->spill != NULL ? SPILL : MEM_ITEMS))
		rc = out_spill(o);
	return rc;
}

/* Print the document's fields, then the items held in o. */
static int
print(const struct feed_meta *m, struct out *o)
{
	json_t *j = feed_meta_to_json(m);
	char buf[64 * 1024];
	size_t n;

	if (j == NULL)
		return -ENOMEM;
	fputs("{\n", stdout);
	for (void *i = json_object_iter(j); i != NULL;
	     i = json_object_iter_next(j, i)) {
		char *v = json_dumps(json_object_iter_value(i),
		    JSON_ENCODE_ANY);

		printf("  \"%s\": %s,\n", json_object_iter_key(i),
		    v != NULL ? v : "null");
		free(v);
	}
	json_decref(j);
	fputs("  \"items\": [", stdout);
	if (o->spill != NULL && o->mem.len > 0 && out_spill(o) < 0)
		return -EIO;
	if (o->spill != NULL) {
		rewind(o->spill);
		while ((n = fread(buf, 1, sizeof(buf), o->spill)) > 0)
			fwrite(buf, 1, n, stdout);
	} else {
		fwrite(buf_str(&o->mem), 1, o->mem.len, stdout);
	}
	fputs(o->n > 0 ? "\n  ]\n}\n" : "]\n}\n", stdout);
	return fflush(stdout) == 0 ? 0 : -errno;
}

/* Stream f through a parser; 0/1 as feed_parse_finish, or < 0 with eb. */
static int
parse_stream(FILE *f, const char *url, struct out *o, struct errbuf *eb)
{
	static const struct feed_parse_cbs cbs = { .on_item = on_item };
	/* a local file the user chose: the daemon's document and item caps
	 * (set against hostile servers) would only get in the way */
	struct feed_parse_opts opts = { .doc_url = url,
		.max_doc = (size_t)1 << 40,
		.max_items = (size_t)1 << 40 };
	struct feed_parser *p;
	char *chunk = malloc(CHUNK);
	size_t n;
	int rc;

	if (chunk == NULL)
		return errbuf_set(eb, -ENOMEM, "out of memory");
	rc = feed_parse_new(&p, &opts, &cbs, o, eb);
	if (rc < 0)
		goto fail;
	while (rc == 0 && (n = fread(chunk, 1, CHUNK, f)) > 0)
		rc = feed_parse_push(p, chunk, n, eb);
	if (rc == 0 && ferror(f))
		rc = errbuf_set(eb, -EIO, "read error: %s", strerror(errno));
	if (rc == 0)
		rc = feed_parse_finish(p, eb);
	if (rc >= 0 && print(feed_parse_meta(p), o) < 0)
		rc = errbuf_set(eb, -EIO, "cannot write the output");
	feed_parse_free(p);
fail:
	free(chunk);
	return rc;
}

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "url", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL, *url = NULL, *path;
	struct out o = { .n = 0 };
	struct errbuf eb = { 0 };
	FILE *f;
	int ec, c, rc;

	while ((c = cli_getopt(&cmd_parse, argc, argv, "+c:hu:", longopts,
	            &config, &ec)) != -1)
		if (c == 'u')
			url = optarg;
	if (ec >= 0)
		return ec;
	if (optind != argc - 1)
		return cli_usage_error(&cmd_parse, "expected one FILE or -");
	path = argv[optind];
	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL)
		return cli_fail(&cmd_parse, CLI_FAIL, "%s: %s", path,
		    strerror(errno));
	buf_init(&o.mem, 0);
	if (jitem_init(&o.j) < 0)
		return cli_fail(&cmd_parse, CLI_FAIL, "out of memory");
	rc = parse_stream(f, url, &o, &eb);
	jitem_clear(&o.j);
	if (f != stdin)
		fclose(f);
	if (o.spill != NULL)
		fclose(o.spill);
	buf_clear(&o.mem);
	if (rc < 0)
		return cli_fail(&cmd_parse, CLI_FAIL, "%s: %s", path, eb.msg);
	if (rc == 1)
		log_warn("parse %s: %s", path, eb.msg);
	return CLI_OK;
}
