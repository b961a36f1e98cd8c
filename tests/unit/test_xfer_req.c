/*
 * test_xfer_req -- the sentences xfer_result_build makes of libcurl's
 * certificate errors (issue 20.10): an expired, a wrong-host and a
 * self-signed certificate each keep their own reason, for feeds and
 * targets alike.  The request record is built by hand around a fresh easy
 * handle, as xfer.c would leave it after a transfer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <uv.h>

#include "lib/xfer.h"
#include "lib/xfer_impl.h"

static void
check(CURLcode code, const char *curl_says, enum xfer_class cls,
    const char *want)
{
	struct xfer_req *r = calloc(1, sizeof(*r));
	struct xfer_result res;

	assert_non_null(r);
	r->easy = curl_easy_init();
	assert_non_null(r->easy);
	r->perm_run = 1;
	r->start_ns = uv_hrtime();
	snprintf(r->errbuf, sizeof(r->errbuf), "%s", curl_says);
	xfer_result_build(r, code, &res);
	assert_int_equal(res.cls, cls);
	assert_string_equal(res.summary, want);
	xfer_req_free(r);
}

static void
test_certificate_reasons(void **state)
{
	(void)state;
	check(CURLE_PEER_FAILED_VERIFICATION,
	    "SSL certificate problem: certificate has expired", XFER_TLS,
	    "TLS: certificate refused: certificate has expired");
	check(CURLE_PEER_FAILED_VERIFICATION,
	    "SSL certificate problem: self-signed certificate", XFER_TLS,
	    "TLS: certificate refused: self-signed certificate");
	check(CURLE_PEER_FAILED_VERIFICATION,
	    "SSL: no alternative certificate subject name matches target "
	    "host name 'feeds.example'",
	    XFER_TLS,
	    "TLS: certificate refused: it is for another host name (SSL: no "
	    "alternative certificate subject name matches target host name "
	    "'feeds.example')");
	check(CURLE_PEER_FAILED_VERIFICATION, "", XFER_TLS,
	    "TLS: certificate verify failed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_certificate_reasons),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
