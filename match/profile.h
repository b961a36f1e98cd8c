/*
 * profile -- the profile files: what an analyst wants alerts for, in plain
 * text that a person reads and edits.  One file per profile, NAME.profile.
 *
 *   # brexit-defence: UK-EU defence and security after Brexit
 *   threshold 6                  # score needed to alert
 *   field title 2                # a term in the title counts double
 *   field summary 1              # (defaults: title 2, summary 1, content 0.5)
 *   field content 0.5
 *   term 3 defence, military     # weight, then terms separated by commas
 *   term 4 security partnership  # several words: a phrase, matched in order
 *   term -3 trade deal           # a negative weight counts against
 *   require uk UK, Britain       # required group: some term of each named
 *   require eu EU, Brussels      #   group must occur (lines add to a group;
 *                                #   a term may be in several groups)
 *   exclude golf, football       # any of these: never a match
 *
 * Terms go through the same text pipeline as items (alerts/text.h), so
 * "defense", "Defence" and "defences" are one term and "EU-UK" is the
 * phrase "eu uk".  A word written in capitals ("US") matches only the
 * acronym.  A term counts once per item, at the weight of the best field
 * it occurs in (field weight x term weight); a term that is only in a
 * group adds nothing to the score.  An item matches when every group has
 * a term, no exclude term occurs and the score reaches the threshold.
 *
 * Errors are "FILE:LINE: message", one a line, all of them collected.
 */
#ifndef UKEUWATCH_MATCH_PROFILE_H
#define UKEUWATCH_MATCH_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"

struct buf;
struct profiles; /* opaque: an ordered set of profiles */

enum profile_field {
	PROFILE_TITLE,
	PROFILE_SUMMARY,
	PROFILE_CONTENT,
	PROFILE_FIELDS
};

#define PROFILE_MAX_PHRASE 8 /* words in one term */
#define PROFILE_MAX_FILE   (1024 * 1024)
#define PROFILE_MAX_GROUPS 64

struct profile_term {
	char *text;                        /* owned: as written in the file */
	uint64_t keys[PROFILE_MAX_PHRASE]; /* stem hashes, in order */
	size_t n_keys;                     /* 1: a word; more: a phrase */
	int acronym;     /* one word written in capitals: keys[0] is its
	                    text_acronym_key */
	double weight;   /* 0 for a term only in a group */
	uint64_t groups; /* bit g: a term of group g (groups[g]) */
	int exclude;     /* an exclude term */
	int line;
};

struct profile {
	char *name; /* owned: NAME of NAME.profile */
	char *file; /* owned: where it was read from */
	double threshold;
	double field_weight[PROFILE_FIELDS];
	struct profile_term *terms; /* owned array */
	size_t n_terms;
	char **groups;   /* owned array of owned names */
	size_t n_groups; /* at most PROFILE_MAX_GROUPS */
};

/* An empty set.  0 or -ENOMEM. */
int profiles_new(struct profiles **out) MUST_CHECK;

void profiles_free(struct profiles *ps);

/*
 * Parse len bytes of profile text as profile name (file names it in
 * errors) and add it to ps.  Each problem is appended to errors (which may
 * be NULL; caller-initialised) as "FILE:LINE: message\n".  Returns 0, or
 * -EINVAL when there were errors (nothing added), -EEXIST for a name
 * already in ps, -ENOMEM.
 */
int profiles_parse(struct profiles *ps, const char *name, const char *file,
    const char *text, size_t len, struct buf *errors) MUST_CHECK;

/* Read and parse path; the name is its base name less ".profile". */
int profiles_add_file(struct profiles *ps, const char *path,
    struct buf *errors) MUST_CHECK;

/*
 * Load every NAME.profile in dir, in name order, into a new set *out.
 * Every file is read and every error collected; on any error *out is NULL
 * and the first error code is returned (-ENOENT: no profile in dir).
 */
int profiles_load_dir(struct profiles **out, const char *dir,
    struct buf *errors) MUST_CHECK;

size_t profiles_count(const struct profiles *ps);

/* Profile i (< profiles_count), borrowed from ps. */
const struct profile *profiles_get(const struct profiles *ps, size_t i);

/* The profile called name, or NULL. */
const struct profile *profiles_find(const struct profiles *ps,
    const char *name);

/* Is name usable as a profile name ([a-z0-9_-], 1-64 bytes)? */
int profile_name_ok(const char *name);

#endif /* UKEUWATCH_MATCH_PROFILE_H */
