/*
 * addr -- the [web] listen value: "HOST:PORT" with a numeric IPv4 or
 * bracketed IPv6 host ("127.0.0.1:8037", "[::1]:8037", "0.0.0.0:80").
 *
 * Port 0 lets the kernel pick one (the log names it: tests use that).
 * Numeric only: the address decides whether a token is required (a
 * loopback address needs none), and a name could resolve differently at
 * start and at the check.
 */
#ifndef UKEUWATCH_WEB_ADDR_H
#define UKEUWATCH_WEB_ADDR_H

#include <sys/socket.h>

#include "lib/errbuf.h"

struct web_addr {
	struct sockaddr_storage ss;
	socklen_t len;
	int loopback; /* 127.0.0.0/8 or ::1 */
};

/*
 * Parse s into *out.  Returns 0, or -EINVAL with eb saying what form is
 * expected.
 */
int web_addr_parse(const char *s, struct web_addr *out,
    struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_WEB_ADDR_H */
