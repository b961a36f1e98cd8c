/* speech.c -- reported speech for the renderers (see speech.h) */
#include "lib/speech.h"

#include <stdlib.h>
#include <string.h>

/* Words written with a capital only at the start of a sentence. */
static const char *const openers[] = { "A", "An", "Its", "It", "Their", "There",
	"These", "The", "This", "Those", "That" };

char *
speech_reported(const char *words)
{
	char *out = strdup(words);

	for (size_t i = 0;
	     out != NULL && i < sizeof(openers) / sizeof(openers[0]); i++) {
		size_t n = strlen(openers[i]);

		if (strncmp(out, openers[i], n) == 0 && out[n] == ' ') {
			out[0] = (char)(out[0] | 0x20);
			break;
		}
	}
	return out;
}
