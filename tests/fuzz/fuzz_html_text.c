/*
 * fuzz_html_text -- HTML to text and feed-link discovery on arbitrary
 * (cleaned) UTF-8; the output must stay valid UTF-8 and never start or
 * end with white space.
 */
#include <stddef.h>
#include <stdint.h>

#include "feeds/charset.h"
#include "feeds/html_text.h"
#include "lib/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf in, out;

	buf_init(&in, 0);
	buf_init(&out, 1 << 20);
	if (charset_utf8_clean((const char *)data, size, &in) >= 0 &&
	    html_text_append(buf_str(&in), in.len, &out) == 0) {
		if (!charset_utf8_valid(buf_str(&out), out.len))
			__builtin_trap();
		if (out.len > 0 &&
		    (out.data[0] == ' ' || out.data[out.len - 1] == ' '))
			__builtin_trap();
		buf_reset(&out);
		(void)html_text_feed_links(buf_str(&in), in.len, &out);
	}
	buf_clear(&in);
	buf_clear(&out);
	return 0;
}
