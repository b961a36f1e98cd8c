/*
 * cmd_parse.c -- `ukeuwatch parse FILE|-`: parse one feed document and
 * print it as normalised JSON (the schema in feeds/item_json.h).
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

#include "daemon/cli.h"
#include "feeds/feed_parse.h"
#include "feeds/item_json.h"
#include "lib/buf.h"
#include "lib/log.h"

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

struct out {
	struct buf mem;      /* item JSON not yet spilled */
	FILE *spill;         /* owned: item JSON past MEM_ITEMS, or NULL */
	size_t n;            /* items written */
	struct item_json *j; /* owned */
};

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
	const json_t *j = NULL;
	int rc;

	rc = buf_appends(&o->mem, o->n > 0 ? ",\n    " : "\n    ");
	if (rc == 0 && (j = item_json_set(o->j, it)) == NULL)
		rc = -ENOMEM;
	if (rc == 0 && json_dump_callback(j, dump_to_buf, &o->mem, 0) < 0)
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
	json_t *j = item_json_meta(m);
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

	while ((c = cli_getopt(&cmd_parse, argc, argv, "c:hu:", longopts,
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
	if (item_json_new(&o.j) < 0)
		return cli_fail(&cmd_parse, CLI_FAIL, "out of memory");
	rc = parse_stream(f, url, &o, &eb);
	item_json_free(o.j);
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
