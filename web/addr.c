/*
 * addr.c -- see addr.h.
 */
#include "web/addr.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
parse_port(const char *p, unsigned short *port)
{
	char *end;
	unsigned long v;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(p, &end, 10);
	if (errno != 0 || *end != '\0' || v > 65535)
		return -EINVAL;
	*port = (unsigned short)v;
	return 0;
}

int
web_addr_parse(const char *s, struct web_addr *out, struct errbuf *eb)
{
	char host[64];
	const char *colon;
	unsigned short port;
	size_t hl;

	memset(out, 0, sizeof(*out));
	if (s[0] == '[') {
		colon = strstr(s, "]:");
		hl = colon ? (size_t)(colon - s - 1) : 0;
		if (colon == NULL || hl == 0 || hl >= sizeof(host))
			goto bad;
		memcpy(host, s + 1, hl);
		colon++;
	} else {
		colon = strrchr(s, ':');
		hl = colon ? (size_t)(colon - s) : 0;
		if (colon == NULL || hl == 0 || hl >= sizeof(host))
			goto bad;
		memcpy(host, s, hl);
	}
	host[hl] = '\0';
	if (parse_port(colon + 1, &port) < 0)
		goto bad;
	if (s[0] == '[') {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&out->ss;

		if (inet_pton(AF_INET6, host, &a6->sin6_addr) != 1)
			goto bad;
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(port);
		out->len = sizeof(*a6);
		out->loopback = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
	} else {
		struct sockaddr_in *a4 = (struct sockaddr_in *)&out->ss;

		if (inet_pton(AF_INET, host, &a4->sin_addr) != 1)
			goto bad;
		a4->sin_family = AF_INET;
		a4->sin_port = htons(port);
		out->len = sizeof(*a4);
		out->loopback = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
	}
	return 0;
bad:
	return errbuf_set(eb, -EINVAL,
	    "\"%s\" is not HOST:PORT with a numeric address (127.0.0.1:8037, "
	    "[::1]:8037), or empty for off",
	    s);
}
