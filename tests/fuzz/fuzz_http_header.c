/*
 * fuzz_http_header -- the response headers xfer reads (daemon/xfer_req.c's
 * CURLOPT_HEADERFUNCTION): status lines, ETag, Last-Modified, Content-Type,
 * and the redirect chain they delimit.  The input is split at '\n' into
 * header lines as libcurl hands them over, then the result is built as
 * after a transfer.
 *
 * The invariant beyond "no crash, no leak": a kept ETag or Last-Modified
 * goes back to the server verbatim as If-None-Match / If-Modified-Since,
 * so it must be one line of printable text within the length cap, or a
 * hostile server could inject request headers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "lib/xfer_impl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_value(const char *v)
{
	size_t i, n;

	if (v == NULL)
		return;
	n = strlen(v);
	if (n == 0 || n > 2048)
		__builtin_trap();
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			__builtin_trap();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xfer_req *r = calloc(1, sizeof(*r));
	struct xfer_result res;
	size_t off = 0;

	if (r == NULL)
		return 0;
	r->easy = curl_easy_init();
	if (r->easy == NULL) {
		free(r);
		return 0;
	}
	while (off < size) {
		const uint8_t *nl = memchr(data + off, '\n', size - off);
		size_t len = nl ? (size_t)(nl - (data + off)) + 1 : size - off;
		/* libcurl's buffer is writable and not NUL-terminated. */
		char *line = malloc(len);

		if (line == NULL)
			break;
		memcpy(line, data + off, len);
		if (xfer_on_header(line, 1, len, r) != len) {
			free(line);
			break;
		}
		free(line);
		off += len;
	}
	check_value(r->etag);
	check_value(r->last_modified);
	memset(&res, 0, sizeof(res));
	xfer_result_build(r, CURLE_OK, &res);
	xfer_req_free(r);
	return 0;
}
