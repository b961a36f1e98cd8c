/* fuzz_profile.c -- libFuzzer: parse any bytes as a profile, then match with it
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/buf.h"
#include "match/match.h"
#include "match/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fields[3] = {
		"UK and EU security partnership after Brexit",
		"EU sanctions on Russia; CSDP missions",
		"\"We stand together,\" the minister said.",
	};
	struct profiles *ps = NULL;
	struct matcher *m = NULL;
	struct match_set set;
	struct errbuf eb = { 0 };
	struct buf err;

	buf_init(&err, 64 * 1024);
	match_set_init(&set);
	if (profiles_new(&ps) == 0 &&
	    profiles_parse(ps, "fuzz", "fuzz", (const char *)data, size,
	        &err) == 0 &&
	    matcher_new(&m, ps, &eb) == 0)
		(void)!matcher_run_text(m, fields, &set);
	match_set_clear(&set);
	matcher_free(m);
	profiles_free(ps);
	buf_clear(&err);
	return 0;
}
