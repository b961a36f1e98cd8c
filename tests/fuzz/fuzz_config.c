/*
 * fuzz_config.c -- libFuzzer: any bytes as a configuration file.  Every
 * outcome must be a config or a list of FILE:LINE errors, never a crash
 * or a leak.
 */
#include <stddef.h>
#include <stdint.h>

#include "daemon/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strlist errors = { 0 };
	struct config *c = NULL;

	if (config_parse("fuzz.conf", (const char *)data, size, &c, &errors) ==
	    0)
		config_free(c);
	strlist_clear(&errors);
	return 0;
}
