/* fuzz_date -- date_parse on arbitrary bytes; results must format. */
#include <stddef.h>
#include <stdint.h>

#include "feeds/date.h"
#include "lib/clock.h"
#include "lib/item.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[32];
	int64_t t = date_parse((const char *)data, size);

	clock_format_s(t, out);
	if (t != ITEM_NO_TIME && out[0] == '\0')
		__builtin_trap(); /* a date we accept must be printable */
	return 0;
}
