/*
 * xfer_guard.c -- SSRF protection: a request for a public host never
 * connects to loopback, private or link-local addresses.
 *
 * A feed is a URL anyone on the internet may control.  Without this, a feed
 * that redirects to http://127.0.0.1:8080/admin, or a host name whose DNS
 * answer is 10.0.0.5, makes the daemon fetch from inside the network and
 * store what it finds.  The check runs where the socket is opened
 * (CURLOPT_OPENSOCKETFUNCTION), on the address actually connected to, so a
 * DNS answer that changes between lookups (rebinding) cannot slip past.
 *
 * A configured URL that itself names such an address (an IP literal, or
 * localhost) is what its operator asked for: that request is not guarded.
 * Through a proxy the proxy connects, not us: the guard stays off then.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/xfer_impl.h"

static bool
v4_private(const unsigned char *a)
{
	return a[0] == 0 || a[0] == 10 || a[0] == 127 ||
	    (a[0] == 100 && (a[1] & 0xc0) == 64) ||      /* 100.64/10, CGNAT */
	    (a[0] == 169 && a[1] == 254) ||              /* link-local */
	    (a[0] == 172 && (a[1] & 0xf0) == 16) ||      /* 172.16/12 */
	    (a[0] == 192 && a[1] == 168) || a[0] >= 224; /* multicast, 240/4 */
}

static bool
v6_private(const struct in6_addr *a)
{
	const unsigned char *b = a->s6_addr;

	if (IN6_IS_ADDR_V4MAPPED(a) || IN6_IS_ADDR_V4COMPAT(a))
		return v4_private(b + 12);
	return IN6_IS_ADDR_LOOPBACK(a) || IN6_IS_ADDR_UNSPECIFIED(a) ||
	    IN6_IS_ADDR_LINKLOCAL(a) || IN6_IS_ADDR_SITELOCAL(a) ||
	    IN6_IS_ADDR_MULTICAST(a) || (b[0] & 0xfe) == 0xfc; /* fc00::/7 */
}

static bool
addr_private(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return v4_private((const unsigned char *)&(
		    (const struct sockaddr_in *)(const void *)sa)
		                      ->sin_addr);
	if (sa->sa_family == AF_INET6)
		return v6_private(
		    &((const struct sockaddr_in6 *)(const void *)sa)
		         ->sin6_addr);
	return true; /* not IP: nothing a feed should reach */
}

/* Does the host of url name a non-public address itself? */
static bool
names_private(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL;
	unsigned char a[sizeof(struct in6_addr)];
	bool yes = false;
	size_t n;

	if (u == NULL || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return false;
	}
	n = strlen(host);
	if (n > 2 && host[0] == '[' && host[n - 1] == ']') {
		host[n - 1] = '\0';
		yes = inet_pton(AF_INET6, host + 1, a) == 1 &&
		    v6_private((const struct in6_addr *)(const void *)a);
	} else if (inet_pton(AF_INET, host, a) == 1) {
		yes = v4_private(a);
	} else {
		yes = strcasecmp(host, "localhost") == 0 ||
		    (n > 10 && strcasecmp(host + n - 10, ".localhost") == 0);
	}
	curl_free(host);
	curl_url_cleanup(u);
	return yes;
}

static bool
proxy_in_env(void)
{
	static const char *const vars[] = { "http_proxy", "HTTP_PROXY",
		"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" };

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);

		if (v != NULL && *v != '\0')
			return true;
	}
	return false;
}

void
xfer_req_guard(struct xfer_req *r, const char *configured_url)
{
	r->guard = !names_private(configured_url) && !proxy_in_env();
}

curl_socket_t
xfer_on_opensocket(void *clientp, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct xfer_req *r = clientp;
	const struct sockaddr *sa = &a->addr;

	if (purpose == CURLSOCKTYPE_IPCXN && r->guard && addr_private(sa)) {
		if (r->blocked[0] == '\0') {
			const void *in = sa->sa_family == AF_INET6 ?
			    (const void *)&(
			        (const struct sockaddr_in6 *)(const void *)sa)
			        ->sin6_addr :
			    (const void *)&(
			        (const struct sockaddr_in *)(const void *)sa)
			        ->sin_addr;

			if (inet_ntop(sa->sa_family, in, r->blocked,
			        sizeof(r->blocked)) == NULL)
				snprintf(r->blocked, sizeof(r->blocked), "?");
		}
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}
