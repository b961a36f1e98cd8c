/*
 * htmldiff.c -- HTML-to-text with one reused parser against a new parser
 * per fragment, on random fragments of tags, misnesting, stray end tags,
 * unclosed script/style, comments, entities and white space.
 *
 *   htmldiff [COUNT [SEED]]
 *
 * html_text_run resets one libxml2 HTML parser between fragments; any state
 * that survived a reset (an open element, a script being skipped, a
 * half-read comment) would show here as a difference.  With -DREF_OLD the
 * fresh result is also compared with old_html_text_append, a renamed copy
 * of an earlier html_text.c, to check a rewrite against it.  Build:
 *
 *   cc -std=c17 -O2 -I. $(pkg-config --cflags libxml-2.0) -o htmldiff \
 *       bench/parse/htmldiff.c build/libukeuwatch.a $(pkg-config --libs \
 *       libxml-2.0 libcurl jansson libutf8proc) -lm
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feeds/html_text.h"
#include "lib/buf.h"

#ifdef REF_OLD
int old_html_text_append(const char *s, size_t n, struct buf *out);
#endif

static const char *const tokens[] = { "<p>", "</p>", "<div>", "</div>", "<br>",
	"<br/>", "<b>", "</b>", "<i>", "</i>", "<a href=\"x\">", "</a>",
	"<script>", "</script>", "<style>", "</style>", "<template>",
	"</template>", "<ul>", "<li>", "</li>", "</ul>", "<table>", "<tr>",
	"<td>", "</td>", "</tr>", "</table>", "<h1>", "</h1>", "<pre>",
	"</pre>", "<!--", "-->", "<!-- c -->", "<![CDATA[", "]]>", "<?pi?>",
	"<!DOCTYPE html>", "<html>", "<body>", "</body>", "<head>", "<title>",
	"</title>", "<textarea>", "</textarea>", "<", ">", "</", "&amp;",
	"&lt;", "&nbsp;", "&eacute;", "&#8220;", "&#x201d;", "&bogus;", "&",
	"&amp", " ", "  ", "\n", "\t", "\xc2\xa0", "\xe2\x80\x83", "word",
	"caf\xc3\xa9", "x", "a b", "<P>", "</DIV>", "<img src=x>", "<hr>",
	"<dd>", "<dt>", "<th>", "<section>", "<SCRIPT>", "<p class='a'>",
	"<xmp>", "</xmp>", "<noscript>", "<select><option>" };

int
main(int argc, char **argv)
{
	long count = argc > 1 ? atol(argv[1]) : 100000;
	unsigned int seed = argc > 2 ? (unsigned int)atoi(argv[2]) : 1;
	size_t nt = sizeof(tokens) / sizeof(tokens[0]);
	struct html_text *h;
	struct buf in, a, b;
	long bad = 0;

	if (html_text_new(&h) < 0)
		return 1;
	buf_init(&in, 0);
	buf_init(&a, 0);
	buf_init(&b, 0);
	srand(seed);
	for (long i = 0; i < count; i++) {
		int len = rand() % 24;

		buf_reset(&in);
		buf_reset(&a);
		buf_reset(&b);
		for (int t = 0; t < len; t++)
			if (buf_appends(&in, tokens[(size_t)rand() % nt]) < 0)
				return 1;
		if (html_text_run(h, buf_str(&in), in.len, &a) < 0 ||
		    html_text_append(buf_str(&in), in.len, &b) < 0)
			return 1;
#ifdef REF_OLD
		if (strcmp(buf_str(&a), buf_str(&b)) == 0) {
			buf_reset(&b);
			if (old_html_text_append(buf_str(&in), in.len, &b) < 0)
				return 1;
		}
#endif
		if (strcmp(buf_str(&a), buf_str(&b)) != 0 && bad++ < 10)
			printf("DIFF [%s]\n  reused [%s]\n  other  [%s]\n",
			    buf_str(&in), buf_str(&a), buf_str(&b));
	}
	printf("%ld fragments, %ld differences\n", count, bad);
	html_text_free(h);
	buf_clear(&in);
	buf_clear(&a);
	buf_clear(&b);
	return bad > 0;
}
