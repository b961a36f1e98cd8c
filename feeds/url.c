/*
 * url.c -- see url.h.
 *
 * An absolute reference is copied, not re-serialised by curl: curl would
 * normalise it (case, percent-encoding, a trailing slash), and the item key
 * falls back to the link, so a link must read the same on every poll
 * whatever libcurl version reads it.
 */
#include "feeds/url.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

#include <curl/curl.h>

#include "lib/buf.h"

bool
url_is_absolute(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return false;
	for (s++; *s != '\0'; s++) {
		if (*s == ':')
			return true;
		if (!isalnum((unsigned char)*s) && *s != '+' && *s != '-' &&
		    *s != '.')
			return false;
	}
	return false;
}

static int
resolve(const char *base, const char *ref, struct buf *out)
{
	const unsigned int flags = CURLU_NON_SUPPORT_SCHEME | CURLU_ALLOW_SPACE;
	CURLU *u = curl_url();
	char *s = NULL;
	int rc = 1;

	if (u == NULL)
		return -ENOMEM;
	if (curl_url_set(u, CURLUPART_URL, base, flags) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, ref, flags) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK) {
		rc = buf_appends(out, s);
		curl_free(s);
	}
	curl_url_cleanup(u);
	return rc; /* 1: could not resolve */
}

int
url_resolve(const char *base, const char *ref, struct buf *out)
{
	struct buf tmp;
	size_t n;
	int rc;

	while (isspace((unsigned char)*ref))
		ref++;
	n = strlen(ref);
	while (n > 0 && isspace((unsigned char)ref[n - 1]))
		n--;
	if (n == 0)
		return 0;
	/* the scheme scan stops at white space, so ref need not end at n */
	if (url_is_absolute(ref) || base == NULL || !url_is_absolute(base))
		return buf_append(out, ref, n);
	if (ref[0] == '#') {
		/* curl 7.88 drops the base's last segment for "#frag" */
		rc = buf_append(out, base, strcspn(base, "#"));
		return rc < 0 ? rc : buf_append(out, ref, n);
	}
	if (ref[n] == '\0') {
		rc = resolve(base, ref, out);
	} else {
		buf_init(&tmp, 0);
		rc = buf_append(&tmp, ref, n);
		if (rc == 0)
			rc = resolve(base, buf_str(&tmp), out);
		buf_clear(&tmp);
	}
	if (rc == 1)
		rc = buf_append(out, ref, n);
	return rc;
}
