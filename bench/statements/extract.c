/*
 * extract.c -- statement_find on texts read from stdin, for the statement
 * review (bench/statements/sample).  Each input text ends with a NUL byte;
 * each output line is "FOUND<TAB>QUOTED<TAB>QUOTE<TAB>SPEAKER", with tabs
 * and newlines in the fields turned into spaces.  Built with
 * -DBEFORE_QUOTED_FLAG for statement.c versions without the quoted flag,
 * whose statements the alerts always showed in quotation marks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/statement.h"

#ifdef BEFORE_QUOTED_FLAG
#define QUOTED(st) 1
#else
#define QUOTED(st) ((st)->quoted)
#endif

static void
field(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

int
main(void)
{
	struct statement st;
	char *text = NULL;
	size_t cap = 0;
	ssize_t n;

	statement_init(&st);
	while ((n = getdelim(&text, &cap, '\0', stdin)) > 0) {
		if (text[n - 1] == '\0')
			n--;
		if (statement_find(text, (size_t)n, &st) < 0)
			return 1;
		printf("%d\t%d\t", st.quote != NULL,
		    st.quote != NULL ? QUOTED(&st) : 0);
		field(st.quote);
		putchar('\t');
		field(st.speaker);
		putchar('\n');
		statement_clear(&st);
	}
	free(text);
	return 0;
}
