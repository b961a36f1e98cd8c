/* errbuf.c -- see errbuf.h. */
#include "lib/errbuf.h"

#include <stdarg.h>
#include <stdio.h>

void
errbuf_clear(struct errbuf *eb)
{
	if (eb == NULL)
		return;
	eb->code = 0;
	eb->msg[0] = '\0';
}

int
errbuf_set(struct errbuf *eb, int code, const char *fmt, ...)
{
	va_list ap;

	if (eb == NULL)
		return code;
	eb->code = code;
	va_start(ap, fmt);
	vsnprintf(eb->msg, sizeof(eb->msg), fmt, ap);
	va_end(ap);
	return code;
}
