/*
 * render.c -- see render.h: the shared text walker and the JSON writer.
 *
 * render_text makes two passes over the text: the first measures the
 * escaped length, and only when that is over the limit does the second
 * keep whole characters while room remains for the ellipsis.  Measuring
 * first means text that fits is never cut a character short to make room
 * for an ellipsis it does not need.
 */
#include "alerts/render.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "alerts/alert.h"

static const char ellipsis[] = "\xe2\x80\xa6";    /* U+2026, one unit */
static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */

struct dump_ctx {
	struct buf *out;
	int rc;
};

static int
dump_cb(const char *buffer, size_t size, void *data)
{
	struct dump_ctx *ctx = data;

	ctx->rc = buf_append(ctx->out, buffer, size);
	return ctx->rc < 0 ? -1 : 0;
}

int
render_dump(json_t *j, struct buf *out, const char *what, struct errbuf *eb)
{
	struct dump_ctx ctx = { out, 0 };
	int rc;

	if (j == NULL)
		return errbuf_set(eb, -ENOMEM, "%s payload: out of memory",
		    what);
	rc = json_dump_callback(j, dump_cb, &ctx, JSON_COMPACT);
	json_decref(j);
	if (rc < 0 && ctx.rc == -EFBIG)
		return errbuf_set(eb, -EFBIG,
		    "%s payload: longer than the %zu-byte limit", what,
		    out->max);
	if (rc < 0)
		return errbuf_set(eb, -ENOMEM, "%s payload: out of memory",
		    what);
	return 0;
}

/*
 * Length of the valid UTF-8 sequence at s (at most len bytes), or 0 when
 * the bytes there are not one: overlong forms, surrogates and values past
 * U+10FFFF are refused as RFC 3629 says.  *cp gets the code point.
 */
static size_t
utf8_seq(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return n;
}

size_t
render_units(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, units = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_seq(p + i, len - i, &cp);
		if (n == 0) {
			i++;
			units++; /* becomes U+FFFD */
			continue;
		}
		units += cp >= 0x10000 ? 2 : 1;
		i += n;
	}
	return units;
}

/* Controls other than tab and newline, and C1 controls, are dropped. */
static int
is_dropped(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7f ||
	    (cp >= 0x80 && cp < 0xa0);
}

/*
 * One escaped character: the bytes to append (in rep or at s) and the
 * units they count for.  Returns the input bytes consumed.
 */
struct piece {
	const char *p;
	size_t len;
	size_t units;
	char rep[RENDER_REP_MAX];
};

static size_t
next_piece(const char *s, size_t len, int line_start, render_esc_fn esc,
    struct piece *pc)
{
	uint32_t cp = 0;
	size_t n = utf8_seq((const unsigned char *)s, len, &cp), r;

	if (n == 0) {
		pc->p = replacement;
		pc->len = sizeof(replacement) - 1;
		pc->units = 1;
		return 1;
	}
	if (is_dropped(cp)) {
		pc->p = s;
		pc->len = 0;
		pc->units = 0;
		return n;
	}
	r = esc != NULL ? esc(s, n, line_start, pc->rep) : 0;
	if (r > 0) {
		pc->p = pc->rep;
		pc->len = r;
		pc->units = render_units(pc->rep, r);
	} else {
		pc->p = s;
		pc->len = n;
		pc->units = cp >= 0x10000 ? 2 : 1;
	}
	return n;
}

/* Walk s; append pieces while they fit in budget units (all: SIZE_MAX). */
static int
walk(struct buf *out, const char *s, size_t budget, render_esc_fn esc,
    size_t *units_out)
{
	size_t len = strlen(s), i = 0, used = 0, n;
	int line_start = 1, rc;
	struct piece pc;

	while (i < len) {
		n = next_piece(s + i, len - i, line_start, esc, &pc);
		if (pc.len > 0 && used + pc.units > budget)
			break;
		if (out != NULL && pc.len > 0) {
			rc = buf_append(out, pc.p, pc.len);
			if (rc < 0)
				return rc;
		}
		used += pc.units;
		/* Leading blanks do not end a line's start (markdown). */
		if (s[i] == '\n')
			line_start = 1;
		else if (s[i] != ' ' && s[i] != '\t' && pc.len > 0)
			line_start = 0;
		i += n;
	}
	*units_out = used;
	return 0;
}

int
render_text(struct buf *out, const char *s, size_t max_units, render_esc_fn esc)
{
	size_t total, used;
	int rc;

	if (s == NULL)
		s = "";
	if (max_units == 0)
		return -EINVAL;
	rc = walk(NULL, s, SIZE_MAX, esc, &total);
	if (rc < 0)
		return rc;
	if (total <= max_units)
		return walk(out, s, SIZE_MAX, esc, &used);
	rc = walk(out, s, max_units - 1, esc, &used);
	if (rc < 0)
		return rc;
	return buf_appends(out, ellipsis);
}

int
render_strdup(char **out, const char *s, size_t max_units, render_esc_fn esc)
{
	struct buf b;
	int rc;

	*out = NULL;
	buf_init(&b, 0);
	rc = render_text(&b, s, max_units, esc);
	if (rc < 0) {
		buf_clear(&b);
		return rc;
	}
	*out = buf_take(&b);
	return *out != NULL ? 0 : -ENOMEM;
}

size_t
render_buf_units(const struct buf *b)
{
	return b->len > 0 ? render_units(b->data, b->len) : 0;
}

int
render_is_web_url(const char *s)
{
	const unsigned char *p;

	if (s == NULL)
		return 0;
	if (strncasecmp(s, "https://", 8) == 0)
		p = (const unsigned char *)s + 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		p = (const unsigned char *)s + 7;
	else
		return 0;
	if (*p == '\0' || *p == '/')
		return 0;
	for (; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

size_t
render_md_esc(const char *cp, size_t n, int line_start, char *rep,
    const char *always, const char *at_line_start)
{
	if (n == 1 &&
	    (strchr(always, cp[0]) != NULL ||
	        (line_start && strchr(at_line_start, cp[0]) != NULL))) {
		rep[0] = '\\';
		rep[1] = cp[0];
		return 2;
	}
	if (cp[0] == '@') {
		rep[0] = '@';
		memcpy(rep + 1, "\xe2\x80\x8b",
		    3); /* U+200B ZERO WIDTH SPACE */
		return 4;
	}
	return 0;
}

int
render_term_shown(const char *term)
{
	return term != NULL && term[0] != '\0' && term[0] != '-';
}

int
render_excerpt(char **out, const char *s, size_t max_units)
{
	char *clean = NULL, *w;
	size_t n, cut, units = 0;
	int rc = render_strdup(&clean, s, SIZE_MAX / 4, NULL);

	*out = NULL;
	if (rc < 0)
		return rc;
	/* One line: newlines, tabs and runs of spaces become one space. */
	w = clean;
	for (const char *r = clean; *r != '\0'; r++) {
		int sp = *r == ' ' || *r == '\n' || *r == '\t';

		if (sp && (w == clean || w[-1] == ' '))
			continue;
		*w++ = sp ? ' ' : *r;
	}
	while (w > clean && w[-1] == ' ')
		w--;
	*w = '\0';
	n = (size_t)(w - clean);
	if (render_units(clean, n) <= max_units) {
		*out = clean;
		return 0;
	}
	/* The longest prefix of whole characters within max_units - 1 (room
	 * for the ellipsis), then back to the last space in it. */
	for (cut = 0; cut < n;) {
		size_t k = 1;

		while (cut + k < n &&
		    ((unsigned char)clean[cut + k] & 0xc0) == 0x80)
			k++;
		if (units + render_units(clean + cut, k) > max_units - 1)
			break;
		units += render_units(clean + cut, k);
		cut += k;
	}
	for (n = cut; n > 0 && clean[n] != ' '; n--)
		;
	if (n == 0)
		n = cut; /* one long word: cut inside it */
	while (n > 0 && strchr(" ,;:-", clean[n - 1]) != NULL)
		n--;
	*out = malloc(n + 4);
	if (*out != NULL) {
		memcpy(*out, clean, n);
		memcpy(*out + n, "\xe2\x80\xa6", 4); /* "…" and the NUL */
	}
	free(clean);
	return *out != NULL ? 0 : -ENOMEM;
}

const char *
render_time(int64_t ms, char *out)
{
	time_t t;
	struct tm tm;

	if (ms < 0 || ms / 1000 > (int64_t)253402300799) /* year 9999 */
		return NULL;
	t = (time_t)(ms / 1000);
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, 32, "%Y-%m-%d %H:%M UTC", &tm) == 0)
		return NULL;
	return out;
}

int
render_profiles(struct buf *out, const struct alert_msg *m, render_esc_fn esc)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < m->n; i++) {
		if (i > 0)
			rc = buf_appends(out, " \xc2\xb7 ");
		if (rc == 0)
			rc = render_text(out,
			    m->v[i].profile != NULL ? m->v[i].profile : "", 200,
			    esc);
		if (rc == 0)
			rc = buf_printf(out, " %.1f", m->v[i].score);
	}
	return rc;
}
