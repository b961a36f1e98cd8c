/*
 * match -- score an item against every profile in one pass.
 *
 * matcher_new compiles a set of profiles into one hash table keyed by stem
 * hash (words) and by chained stem hashes (phrases, with their prefixes
 * marked so a phrase is followed only while it can still match).  For an
 * item, each field (title, summary, content) is tokenised once and each
 * token costs one table probe, whatever the number of profiles and terms.
 * Per profile the result is a score, the terms that made it, and whether it
 * matched (see alerts/profile.h for the rules).  For each match the item's
 * statement and speaker are looked for (alerts/statement.h).
 *
 * A matcher owns a struct text, so it is for one thread; buffers are kept
 * between items, so steady-state matching does not allocate.
 */
#ifndef UKEUWATCH_MATCH_MATCH_H
#define UKEUWATCH_MATCH_MATCH_H

#include <stddef.h>

#include "lib/errbuf.h"

struct item;
struct profiles;
struct matcher; /* opaque */

/* One profile an item matched. */
struct match {
	const char *profile; /* borrowed from the profiles */
	double score;
	const char **terms; /* owned array of strings borrowed from the
	                       matcher: the terms that scored, best first;
	                       a negative term reads "-term" */
	size_t n_terms;
	size_t terms_cap;
	char *statement;      /* owned, or NULL: the quote or reported words */
	char *speaker;        /* owned, or NULL: who said it */
	int statement_quoted; /* 1: statement stood in quotation marks in the
	                         item; 0: reported speech, never to be shown
	                         inside quotation marks (statement.h) */
	int near;             /* not a match: a near miss (matcher_want_near) */
};

/* The matches of one item, in profile order; reused from item to item. */
struct match_set {
	struct match *v; /* owned array */
	size_t n, cap;
};

void match_set_init(struct match_set *s);
/* Forget the matches but keep the memory for the next item. */
void match_set_reset(struct match_set *s);
void match_set_clear(struct match_set *s);

/*
 * A matcher for ps (borrowed: must outlive the matcher).  0, -ENOMEM, or
 * -E2BIG with eb saying which profile is too large (more than 64 groups).
 */
int matcher_new(struct matcher **out, const struct profiles *ps,
    struct errbuf *eb) MUST_CHECK;

void matcher_free(struct matcher *m);

/* Look for statements in matched items (default on). */
void matcher_want_statements(struct matcher *m, int on);

/* Near misses start at this share of a profile's threshold. */
#define MATCH_NEAR_RATIO 0.6

/*
 * Also report near misses from matcher_run and matcher_run_text (default
 * off): a profile whose groups all have a term and no exclude term occurs,
 * scoring at least ratio x its threshold but under it, gets an entry with
 * near set.  They are not counted in the return value.  ratio 0: off.
 */
void matcher_want_near(struct matcher *m, double ratio);

/*
 * Match it (borrowed for the call).  out is reset, then holds one entry per
 * profile that matched.  Returns the number of matches, or -ENOMEM.
 */
int matcher_run(struct matcher *m, const struct item *it,
    struct match_set *out) MUST_CHECK;

/*
 * The same on bare text: fields[PROFILE_TITLE..PROFILE_CONTENT], each NULL
 * or a NUL-terminated string.
 */
int matcher_run_text(struct matcher *m, const char *const fields[3],
    struct match_set *out) MUST_CHECK;

/*
 * Like matcher_run_text, but every profile gets an entry, matched or not,
 * with its score and terms; matched[i] says whether profile i matched.
 * For explaining and testing a profile.  Statements are not looked for.
 */
int matcher_score_text(struct matcher *m, const char *const fields[3],
    struct match_set *out, int *matched) MUST_CHECK;

/*
 * For training (match/train.h): the terms that occur in the fields, each
 * once, as cb(arg, profile index, term index within the profile, fields),
 * where bit f of fields is set when the term is in field f.  Scores are not
 * computed.  0 or -ENOMEM.
 */
int matcher_terms_text(struct matcher *m, const char *const fields[3],
    void (*cb)(void *arg, size_t profile, size_t term, unsigned fields),
    void *arg) MUST_CHECK;

#endif /* UKEUWATCH_MATCH_MATCH_H */
