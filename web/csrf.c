/*
 * csrf.c -- see csrf.h.
 */
#include "web/csrf.h"

#include <sys/random.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int
csrf_new_token(char out[CSRF_TOKEN_LEN + 1])
{
	unsigned char raw[CSRF_TOKEN_LEN / 2];
	ssize_t n = getrandom(raw, sizeof(raw), 0);

	if (n != (ssize_t)sizeof(raw))
		return n < 0 ? -errno : -EIO;
	for (size_t i = 0; i < sizeof(raw); i++)
		snprintf(out + 2 * i, 3, "%02x", raw[i]);
	return 0;
}

int
csrf_equal(const char *want, const char *got)
{
	size_t wl, gl;
	unsigned char d;

	if (want == NULL || got == NULL)
		return 0;
	wl = strlen(want);
	gl = strlen(got);
	d = (unsigned char)(wl != gl);
	for (size_t i = 0; i < wl; i++)
		d |= (unsigned char)(want[i] ^ (i < gl ? got[i] : 0));
	return d == 0 && wl > 0;
}

int
csrf_origin_ok(const char *origin, const char *host)
{
	const char *h;

	if (origin == NULL)
		return 1;
	if (host == NULL)
		return 0;
	if (strncasecmp(origin, "http://", 7) == 0)
		h = origin + 7;
	else if (strncasecmp(origin, "https://", 8) == 0)
		h = origin + 8;
	else
		return 0;
	return strcasecmp(h, host) == 0;
}

int
csrf_host_loopback(const char *host)
{
	char name[256];
	const char *end;
	size_t n;

	if (host == NULL)
		return 0;
	if (host[0] == '[') {
		end = strchr(host, ']');
		return end != NULL && (size_t)(end - host) == 4 &&
		    strncmp(host, "[::1]", 5) == 0 &&
		    (end[1] == '\0' || end[1] == ':');
	}
	end = strchr(host, ':');
	n = end ? (size_t)(end - host) : strlen(host);
	if (n == 0 || n >= sizeof(name))
		return 0;
	memcpy(name, host, n);
	name[n] = '\0';
	if (strcasecmp(name, "localhost") == 0)
		return 1;
	/* 127.0.0.0/8, written as a dotted quad. */
	if (strncmp(name, "127.", 4) != 0)
		return 0;
	return strspn(name, "0123456789.") == n;
}

int
csrf_cookie(const char *header, const char *name, char *out, size_t len)
{
	size_t nl = strlen(name);
	const char *p = header;

	while (p != NULL && *p) {
		size_t vl;

		while (*p == ' ' || *p == ';')
			p++;
		vl = strcspn(p, ";");
		if (vl > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') {
			vl -= nl + 1;
			if (vl >= len)
				return 0;
			memcpy(out, p + nl + 1, vl);
			out[vl] = '\0';
			return 1;
		}
		p += vl;
	}
	return 0;
}
