/*
 * statement_impl.h -- shared by statement.c (the sentence scanner) and
 * statement_read.c (reading the speaker, the verb and the words around a
 * reporting verb); no other module includes it.
 */
#ifndef UKEUWATCH_MATCH_STATEMENT_IMPL_H
#define UKEUWATCH_MATCH_STATEMENT_IMPL_H

#include <stddef.h>

#define MAX_SPEAKER_WORDS 10
#define MAX_SPEAKER_BYTES 200
#define BEST_SCORE        5 /* quoted 2 + named 2 + formal 1 */

/* Byte classes. */
#define C_SPACE  0x01 /* ' ' \t \n \r */
#define C_BEFORE 0x02 /* may precede a verb: space, " ' , */
#define C_AFTER  0x04 /* may follow a verb: space , . : */
#define C_VERB   0x08 /* first letter of a verb */
#define C_STOP   0x10 /* may end a sentence: \n . ! ? */
#define C_SEP    0x20 /* , " ' or the last byte of a curly quote */

extern const unsigned char statement_cls[256];

#define CLS(c) statement_cls[(unsigned char)(c)]

/* A span of the text. */
struct span {
	const char *p;
	size_t n;
};

struct cand {
	struct span quote;
	struct span speaker;
	int quoted; /* the quote was in quotation marks in the text */
	int score;
};

static inline int
is_space(char c)
{
	return (CLS(c) & C_SPACE) != 0;
}

/* Length of a quotation mark or apostrophe-like quote at p, else 0. */
static inline size_t
quote_mark(const char *p, const char *end)
{
	if (p < end && (*p == '"' || *p == '\''))
		return 1;
	if (end - p >= 3 && (unsigned char)p[0] == 0xe2 &&
	    (unsigned char)p[1] == 0x80 &&
	    ((unsigned char)p[2] >= 0x98 && (unsigned char)p[2] <= 0x9f))
		return 3; /* ‘ ’ ‚ ‛ “ ” „ ‟ */
	return 0;
}

/* The candidates for a verb of n bytes at v in sentence [a, b) of a text
 * that ends at end: c->score < 0 when it gives none. */
void statement_read_verb(const char *a, const char *b, const char *end,
    const char *v, size_t n, struct cand *c);

/* The length of the reporting verb that starts at p, a word start, or 0. */
size_t statement_verb_at(const char *p, const char *end);

/* Is s a pronoun ("he", "they", ...)? */
int statement_is_pronoun(struct span s);

/* Does s name someone (a capitalised word, not at the text's start)? */
int statement_named(struct span s, const char *end);

#endif /* UKEUWATCH_MATCH_STATEMENT_IMPL_H */
