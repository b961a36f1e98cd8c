/*
 * text -- the text pipeline shared by profiles and items: UTF-8 text in,
 * a sequence of hashed stems out.
 *
 * Default-ignorable code points (soft hyphen, zero-width space, BOM) inside
 * a word are dropped, and a letter whose NFKC form is ASCII (full-width,
 * mathematical bold) is read as that ASCII.  Each word goes through: NFKC
 * with case folding and marks stripped
 * (utf8proc; ASCII words take a fast path with the same result), British
 * spelling (defense -> defence, -ize -> -ise), then the Snowball English
 * stemmer (libstemmer).  Tokenisation drops possessives ("Britain's",
 * "Britain’s" -> britain), joins elisions ("O'Brien" -> obrien), splits
 * hyphenated words into their parts ("post-Brexit" -> post brexit, "EU-UK"
 * -> eu uk) except after a prefix such as co- or re- ("co-operation" ->
 * cooperation), and reads dotted initials as one word ("U.S." -> US).
 *
 * A word written in capitals of 2 to 5 letters ("EU", "NATO", "ISIS",
 * "PESCO") is an acronym: besides its stem it carries the hash of the
 * unstemmed word (TEXT_ACRONYM, acronym_hash), so that a profile term
 * written "US" matches the country and not the pronoun.
 *
 * A struct text is not thread-safe (libstemmer keeps state): one per thread.
 * It caches word -> stem, which makes a second sight of a word a hash
 * lookup; the cache is bounded and starts over when full.
 */
#ifndef UKEUWATCH_MATCH_TEXT_H
#define UKEUWATCH_MATCH_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/errbuf.h"

struct text; /* opaque: stemmer, word cache, token array */

#define TEXT_ACRONYM  0x01 /* written in capitals, 2-5 letters */
#define TEXT_MAX_WORD 64   /* longer words are skipped */

struct text_token {
	uint64_t hash;         /* hash of the stem */
	uint64_t acronym_hash; /* TEXT_ACRONYM: hash of the unstemmed word
	                          salted (text_acronym_key); else 0 */
	const char *stem;      /* borrowed: valid until the next
	                          text_tokenize on this handle */
	uint16_t stem_len;
	uint8_t flags;   /* TEXT_* */
	uint32_t offset; /* byte offset of the word in the input */
};

/* A new pipeline.  0, or -ENOMEM (or -ENOENT without the stemmer). */
int text_new(struct text **out) MUST_CHECK;

void text_free(struct text *t);

/*
 * Tokenise len bytes of UTF-8 s (invalid bytes separate words).  On
 * success *toks points to the tokens in text order (borrowed from t until
 * the next call) and the count is returned; -ENOMEM on failure.
 */
int text_tokenize(struct text *t, const char *s, size_t len,
    const struct text_token **toks) MUST_CHECK;

/* The 64-bit hash used for stems (FNV-1a). */
uint64_t text_hash(const char *s, size_t len);

/* The key of an acronym written w (folded, len bytes). */
uint64_t text_acronym_key(const char *w, size_t len);

/* Combine the key of a phrase so far with the next token's hash. */
static inline uint64_t
text_hash_next(uint64_t h, uint64_t next)
{
	h ^= next + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h * 0xff51afd7ed558ccdULL;
}

#endif /* UKEUWATCH_MATCH_TEXT_H */
