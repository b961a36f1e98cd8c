/*
 * csrf -- the checks that keep another site (or a page that rebinds a DNS
 * name to 127.0.0.1) from writing through an analyst's browser.
 *
 * A write is a POST that carries this process's token twice: in the form
 * (csrf field) and in a SameSite=Strict cookie set by every page, and whose
 * Origin, when the browser sends one, names the host the request was sent
 * to.  Without a token-file, the Host header must name a loopback host,
 * which is what defeats DNS rebinding.  Pure functions, so the unit tests
 * can call each rule alone.
 */
#ifndef UKEUWATCH_WEB_CSRF_H
#define UKEUWATCH_WEB_CSRF_H

#include <stddef.h>

#include "lib/errbuf.h"

#define CSRF_TOKEN_LEN 32 /* hex digits */

/* A fresh random token into out (CSRF_TOKEN_LEN + 1).  0 or -errno. */
int csrf_new_token(char out[CSRF_TOKEN_LEN + 1]) MUST_CHECK;

/* 1 if got equals want (NULL never does); time independent of got. */
int csrf_equal(const char *want, const char *got);

/*
 * 1 if origin (NULL: absent, which a non-browser client may do) names
 * exactly host: "http://HOST" or "https://HOST"; "null" and any other
 * host are 0.
 */
int csrf_origin_ok(const char *origin, const char *host);

/* 1 if host ("localhost:8037", "127.0.0.1", "[::1]:80") is loopback. */
int csrf_host_loopback(const char *host);

/*
 * The value of cookie name in a Cookie header, copied to out; 1 if
 * found, 0 if not (or too long for out).
 */
int csrf_cookie(const char *header, const char *name, char *out, size_t len);

#endif /* UKEUWATCH_WEB_CSRF_H */
