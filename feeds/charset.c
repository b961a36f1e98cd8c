/*
 * charset.c -- see charset.h.
 *
 * We convert before libxml2 rather than letting it switch encodings itself:
 * libxml2 2.9 passes the raw bytes of a document that claims UTF-8 but is
 * not to its callbacks after an encoding error, so invalid bytes would leak
 * into our output.  The parser runs libxml2 with XML_PARSE_IGNORE_ENC on
 * what this decoder produces.
 */
#include "feeds/charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/buf.h"

#define SNIFF_MAX 1024 /* the XML declaration must end within this */

struct charset_dec {
	const char *name; /* static; NULL while sniffing */
	iconv_t cd;       /* (iconv_t)-1 for the built-in UTF-8 path */
	size_t unit;      /* bytes skipped after an invalid sequence */
	char hold[SNIFF_MAX + 8];
	size_t n_hold;   /* bytes held: sniffing, or an incomplete sequence */
	size_t replaced; /* sequences replaced with U+FFFD */
	bool in_bad;     /* after an invalid lead: skip its continuations */
};

static const char fffd[] = "\xef\xbf\xbd";

int
charset_dec_new(struct charset_dec **out)
{
	struct charset_dec *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return -ENOMEM;
	d->cd = (iconv_t)-1;
	d->unit = 1;
	*out = d;
	return 0;
}

void
charset_dec_free(struct charset_dec *d)
{
	if (d == NULL)
		return;
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	free(d);
}

const char *
charset_dec_name(const struct charset_dec *d)
{
	return d->name;
}

size_t
charset_dec_replaced(const struct charset_dec *d)
{
	return d->replaced;
}

/*
 * Length of the valid UTF-8 sequence at s (n > 0 bytes available) that XML
 * allows, 0 if it is invalid or U+FFFE/U+FFFF, -1 if it is a valid but
 * incomplete prefix, -2 for a C0 control character (dropped).
 */
static int
seq_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len, i;
	uint32_t cp;

	if (c < 0x80)
		return c >= 0x20 || c == '\t' || c == '\n' || c == '\r' ? 1 :
		                                                          -2;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if (i >= n)
			return -1;
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
		/* reject overlongs and surrogates as soon as they show */
		if (i == 1 && len == 3 && c == 0xe0 && s[1] < 0xa0)
			return 0;
		if (i == 1 && len == 3 && c == 0xed && s[1] >= 0xa0)
			return 0;
		if (i == 1 && len == 4 && c == 0xf0 && s[1] < 0x90)
			return 0;
		if (i == 1 && len == 4 && c == 0xf4 && s[1] >= 0x90)
			return 0;
	}
	if (cp == 0xfffe || cp == 0xffff)
		return 0;
	return (int)len;
}

/*
 * Past the printable ASCII bytes at u[i..n), eight at a time: a word of
 * them has no byte with the high bit set or below 0x20.  The bytes left
 * over (fewer than eight, or the word with the first other byte) are the
 * caller's to look at one by one.
 */
static size_t
ascii_run(const unsigned char *u, size_t i, size_t n)
{
	while (i + 8 <= n) {
		uint64_t x;

		memcpy(&x, u + i, 8);
		if (((x | (x - 0x2020202020202020ULL)) &
		        0x8080808080808080ULL) != 0)
			break;
		i += 8;
	}
	return i;
}

/*
 * Clean n bytes; an incomplete sequence at the end is left unconsumed
 * unless final.  Returns bytes consumed or a negative errno.
 */
static long
clean(const char *s, size_t n, bool final, struct buf *out, size_t *replaced,
    bool *in_bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0;
	int rc;

	/* the continuation bytes of a sequence broken in the last chunk */
	while (*in_bad && i < n && (u[i] & 0xc0) == 0x80)
		i++;
	if (i < n)
		*in_bad = false;
	run = i;
	while (i < n) {
		int l;

		i = ascii_run(u, i, n);
		if (i >= n)
			break;
		if (u[i] >= 0x20 && u[i] < 0x80) {
			i++;
			continue;
		}
		l = seq_len(u + i, n - i);
		if (l > 0) {
			i += (size_t)l;
			continue;
		}
		if (l == -1 && !final)
			break;
		rc = buf_append(out, s + run, i - run);
		if (l == -2) {
			/* a control character: valid UTF-8 that XML forbids,
			 * dropped as other feed readers do */
			if (rc < 0)
				return rc;
			run = ++i;
			continue;
		}
		if (rc == 0)
			rc = buf_append(out, fffd, 3);
		if (rc < 0)
			return rc;
		(*replaced)++;
		i++;
		/* skip the continuation bytes of the same broken sequence */
		while (i < n && (u[i] & 0xc0) == 0x80)
			i++;
		*in_bad = i == n;
		run = i;
	}
	rc = buf_append(out, s + run, i - run);
	return rc < 0 ? rc : (long)i;
}

int
charset_utf8_clean(const char *s, size_t n, struct buf *out)
{
	size_t replaced = 0;
	bool in_bad = false;
	long rc = clean(s, n, true, out, &replaced, &in_bad);

	return rc < 0 ? (int)rc : (int)replaced;
}

bool
charset_utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < n;) {
		int l = seq_len(u + i, n - i);

		if (l <= 0)
			return false;
		i += (size_t)l;
	}
	return true;
}

/* The encoding named by encoding="..." in an XML declaration, or NULL. */
static bool
declared(const char *s, size_t n, char *name, size_t size)
{
	const char *end, *p, *q;

	if (n < 6 || memcmp(s, "<?xml", 5) != 0)
		return false;
	end = memmem(s, n, "?>", 2);
	if (end == NULL)
		return false;
	p = memmem(s, (size_t)(end - s), "encoding", 8);
	if (p == NULL)
		return false;
	p += 8;
	while (p < end && (*p == ' ' || *p == '=' || *p == '\t'))
		p++;
	if (p >= end || (*p != '"' && *p != '\''))
		return false;
	q = memchr(p + 1, *p, (size_t)(end - p - 1));
	if (q == NULL || (size_t)(q - p - 1) >= size)
		return false;
	memcpy(name, p + 1, (size_t)(q - p - 1));
	name[q - p - 1] = '\0';
	return true;
}

static void
choose(struct charset_dec *d, const char *name)
{
	static const char *const latin1[] = { "iso-8859-1", "iso8859-1",
		"latin1", "latin-1", "us-ascii", "ascii", "iso_8859-1", NULL };

	d->name = "UTF-8";
	if (name == NULL || strcasecmp(name, "utf-8") == 0 ||
	    strcasecmp(name, "utf8") == 0)
		return;
	/* As browsers do (WHATWG Encoding), Latin-1 labels mean
	 * windows-1252: feeds that say ISO-8859-1 use its curly quotes. */
	for (const char *const *l = latin1; *l != NULL; l++)
		if (strcasecmp(name, *l) == 0)
			name = "WINDOWS-1252";
	d->cd = iconv_open("UTF-8", name);
	if (d->cd == (iconv_t)-1)
		return; /* unknown label: read it as UTF-8, replacing */
	if (strcasecmp(name, "WINDOWS-1252") == 0)
		d->name = "WINDOWS-1252";
	else if (strncasecmp(name, "utf-16", 6) == 0)
		d->name = name[6] == 'b' || name[6] == 'B' ? "UTF-16BE" :
		                                             "UTF-16LE";
	else
		d->name = "iconv";
}

/*
 * Decide the encoding from the held bytes; false: need more.  Consumes a
 * byte order mark.
 */
static bool
sniff(struct charset_dec *d, bool final)
{
	const unsigned char *h = (const unsigned char *)d->hold;
	size_t skip = 0;
	char name[64];

	if (d->n_hold < 5 && !final &&
	    memcmp(h, "<?xml", d->n_hold < 4 ? d->n_hold : 4) == 0)
		return false; /* maybe a declaration: wait for all of it */
	if (d->n_hold < 4 && !final)
		return false;
	if (d->n_hold >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0) {
		skip = 3;
		choose(d, NULL);
	} else if (d->n_hold >= 2 && (h[0] == 0xff && h[1] == 0xfe)) {
		skip = 2;
		choose(d, "UTF-16LE");
	} else if (d->n_hold >= 2 && (h[0] == 0xfe && h[1] == 0xff)) {
		skip = 2;
		choose(d, "UTF-16BE");
	} else if (d->n_hold >= 4 && memcmp(h, "<\0?\0", 4) == 0) {
		choose(d, "UTF-16LE");
	} else if (d->n_hold >= 4 && memcmp(h, "\0<\0?", 4) == 0) {
		choose(d, "UTF-16BE");
	} else if (d->n_hold >= 5 && memcmp(h, "<?xml", 5) == 0 &&
	    memmem(h, d->n_hold, "?>", 2) == NULL && d->n_hold < SNIFF_MAX &&
	    !final) {
		return false;
	} else {
		choose(d,
		    declared(d->hold, d->n_hold, name, sizeof(name)) ? name :
		                                                       NULL);
	}
	if (d->name != NULL && strncmp(d->name, "UTF-16", 6) == 0)
		d->unit = 2;
	memmove(d->hold, d->hold + skip, d->n_hold - skip);
	d->n_hold -= skip;
	return true;
}

static int
convert(struct charset_dec *d, const char *in, size_t n, bool final,
    struct buf *out, size_t *used)
{
	char tmp[4096];
	char *ip = (char *)in;
	size_t il = n;
	int rc;

	while (il > 0) {
		char *op = tmp;
		size_t ol = sizeof(tmp);
		size_t r = iconv(d->cd, &ip, &il, &op, &ol);
		int err = r == (size_t)-1 ? errno : 0;

		/* iconv output is UTF-8 but may hold XML-forbidden chars */
		rc = charset_utf8_clean(tmp, (size_t)(op - tmp), out);
		if (rc < 0)
			return rc;
		d->replaced += (size_t)rc;
		if (err == EILSEQ || (err == EINVAL && final)) {
			size_t skip = il < d->unit ? il : d->unit;

			rc = buf_append(out, fffd, 3);
			if (rc < 0)
				return rc;
			d->replaced++;
			ip += skip;
			il -= skip;
		} else if (err == EINVAL) {
			break;
		}
	}
	*used = n - il;
	return 0;
}

/* Decode in[0..n); bytes not consumed (an incomplete sequence) are held. */
static int
decode(struct charset_dec *d, const char *in, size_t n, bool final,
    struct buf *out)
{
	size_t used;
	long rc;

	if (d->cd == (iconv_t)-1) {
		rc = clean(in, n, final, out, &d->replaced, &d->in_bad);
		if (rc < 0)
			return (int)rc;
		used = (size_t)rc;
	} else {
		rc = convert(d, in, n, final, out, &used);
		if (rc < 0)
			return (int)rc;
	}
	if (n - used > 8)
		return -EINVAL; /* cannot happen: sequences are <= 4 bytes */
	memmove(d->hold, in + used, n - used); /* in may be hold itself */
	d->n_hold = n - used;
	return 0;
}

/* Bytes at the start of s[0..n) that are clean UTF-8, whole sequences. */
static size_t
clean_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int l;

	while (i < n) {
		i = ascii_run(u, i, n);
		if (i >= n)
			break;
		l = seq_len(u + i, n - i);
		if (l <= 0)
			break;
		i += (size_t)l;
	}
	return i;
}

int
charset_dec_view(struct charset_dec *d, const char *in, size_t n, bool final,
    struct buf *out, const char **view, size_t *view_len)
{
	int rc;

	if (d->name != NULL && d->cd == (iconv_t)-1 && d->n_hold == 0 &&
	    !d->in_bad && clean_len(in, n) == n) {
		*view = in;
		*view_len = n;
		return 0;
	}
	buf_reset(out);
	rc = charset_dec_push(d, in, n, final, out);
	*view = buf_str(out);
	*view_len = out->len;
	return rc;
}

int
charset_dec_push(struct charset_dec *d, const char *in, size_t n, bool final,
    struct buf *out)
{
	char tail[16];
	size_t take, t;
	int rc;

	if (d->name == NULL) {
		take = SNIFF_MAX - d->n_hold < n ? SNIFF_MAX - d->n_hold : n;
		memcpy(d->hold + d->n_hold, in, take);
		d->n_hold += take;
		in += take;
		n -= take;
		if (!sniff(d, final || n > 0))
			return 0;
		t = d->n_hold;
		d->n_hold = 0;
		rc = decode(d, d->hold, t, final && n == 0, out);
		if (rc < 0)
			return rc;
	}
	while (d->n_hold > 0 && n > 0) {
		/* complete a sequence split across chunks, a byte at a time */
		memcpy(tail, d->hold, d->n_hold);
		t = d->n_hold;
		tail[t++] = *in++;
		n--;
		rc = decode(d, tail, t, final && n == 0, out);
		if (rc < 0)
			return rc;
	}
	if (n > 0 || final) {
		if (n == 0 && d->n_hold > 0) {
			memcpy(tail, d->hold, d->n_hold);
			return decode(d, tail, d->n_hold, true, out);
		}
		return decode(d, in, n, final, out);
	}
	return 0;
}
