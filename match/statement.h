/*
 * statement -- find the statement in a news text and who made it.
 *
 * The mission is statements, so an alert carries the words and the speaker
 * when the text reports them.  Reported speech in news follows a few
 * shapes, which statement_find reads sentence by sentence:
 *
 *   "QUOTE," SPEAKER said [in a statement].    (also says, told reporters,
 *   QUOTE, said SPEAKER.                        added, warned, stated)
 *   SPEAKER said [that] WORDS.
 *   QUOTE, SPEAKER says                          (headlines)
 *
 * A pronoun speaker ("he said") stands for the last named speaker.  Of the
 * candidates, a quotation in quotation marks from a named person wins over
 * reported words from "the government"; among equals the first one does.
 */
#ifndef UKEUWATCH_MATCH_STATEMENT_H
#define UKEUWATCH_MATCH_STATEMENT_H

#include <stddef.h>

#include "lib/errbuf.h"

#define STATEMENT_MAX_QUOTE 600 /* bytes; longer quotes are cut at a word */

struct statement {
	char *quote;   /* owned, or NULL */
	char *speaker; /* owned, or NULL */
	int quoted;    /* 1: quote stood in quotation marks in the text, so
	                  it may be shown as a quotation; 0: reported speech
	                  ("The UK said it would ..."), words the speaker
	                  may not have used, to be shown as SPEAKER said
	                  QUOTE, never inside quotation marks */
};

void statement_init(struct statement *st);
void statement_clear(struct statement *st);

/* Where a statement is, as byte ranges of the text it was found in. */
struct statement_span {
	size_t quote_off, quote_len;     /* at most STATEMENT_MAX_QUOTE */
	size_t speaker_off, speaker_len; /* at most 200 */
	int quoted;                      /* as in struct statement */
};

/*
 * Look in len bytes of UTF-8 text.  Returns 1 with st filled (cleared
 * first), 0 when the text reports no statement (st cleared), -ENOMEM.
 */
int statement_find(const char *text, size_t len,
    struct statement *st) MUST_CHECK;

/*
 * The same search without copying: returns 1 with *sp set to the ranges
 * statement_find would copy (already cut to length), or 0 (sp untouched).
 * Does not allocate, so it cannot fail; for callers that copy the result
 * straight to where it is kept.
 */
int statement_locate(const char *text, size_t len,
    struct statement_span *sp) MUST_CHECK;

#endif /* UKEUWATCH_MATCH_STATEMENT_H */
