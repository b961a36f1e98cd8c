/*
 * render -- the text helpers every rendering of an alert shares: the
 * webhook formats (webhook_json.c, webhook_slack.c, webhook_discord.c,
 * webhook_teams.c), the mail body (mail_body.c, mail_msg.c) and the alert's
 * own JSON (alert.c).
 *
 * A pure module: no libuv, no SQLite, no I/O, and no knowledge of any
 * format; the formats sit above it and payload.c, which picks one, above
 * them.  Every renderer escapes feed text by its target's rules (an
 * escaper passed to render_text) and keeps each field within the target's
 * limits, cutting on a character boundary and ending the cut text with
 * "…".  Limits are counted in UTF-16 code units, the unit the chat services
 * measure in (JavaScript string length); for text without astral
 * characters this equals the number of characters, and it is never less,
 * so a field within our count is within theirs.
 */
#ifndef UKEUWATCH_ALERTS_RENDER_H
#define UKEUWATCH_ALERTS_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"
#include "lib/errbuf.h"

/*
 * An escaper for render_text: given one character (its UTF-8 bytes cp, n
 * of them) and whether it starts a line, write its replacement into rep (at
 * most RENDER_REP_MAX bytes) and return the replacement's length, or
 * return 0 to keep the character as it is.
 */
#define RENDER_REP_MAX 16
typedef size_t (
    *render_esc_fn)(const char *cp, size_t n, int line_start, char *rep);

/*
 * Append s (NULL is ""), cleaned and escaped, to out, using at most
 * max_units UTF-16 code units of escaped text (max_units >= 1).  Cleaning
 * replaces bytes that are not UTF-8 with U+FFFD and drops control
 * characters other than newline and tab.  When the escaped text does not
 * fit, whole escaped characters are kept while room remains for "…", which
 * ends the text; an escape sequence is never split.  esc may be NULL.
 * Returns 0, -ENOMEM or -EFBIG.
 */
int render_text(struct buf *out, const char *s, size_t max_units,
    render_esc_fn esc) MUST_CHECK;

/* The same, into a new NUL-terminated string (*out, caller frees). */
int render_strdup(char **out, const char *s, size_t max_units,
    render_esc_fn esc) MUST_CHECK;

/*
 * Serialise j (compact UTF-8 JSON) onto out and drop the reference to j,
 * which may be NULL (an earlier ENOMEM: returns -ENOMEM).  what names the
 * format in eb.  Returns 0, -ENOMEM or -EFBIG.
 */
struct json_t;
int render_dump(struct json_t *j, struct buf *out, const char *what,
    struct errbuf *eb) MUST_CHECK;

/* UTF-16 code units in the first len bytes of UTF-8 text s. */
size_t render_units(const char *s, size_t len);

/* UTF-16 code units in all of b. */
size_t render_buf_units(const struct buf *b);

/*
 * Is s an absolute http or https URL without white space or control
 * characters, so that it is safe to offer as a link?  Other schemes
 * (javascript:, data:) are never linked.
 */
int render_is_web_url(const char *s);

/*
 * The shared part of the chat escapers (a render_esc_fn body): a
 * backslash before a one-byte character in always, or in at_line_start
 * when it begins a line; and "@" followed by a zero-width space, so that
 * no mention (@everyone, @here) can form.  Returns the bytes written to
 * rep, 0 to keep the character.
 */
size_t render_md_esc(const char *cp, size_t n, int line_start, char *rep,
    const char *always, const char *at_line_start);

/* Is term one to show a reader?  Negative terms ("-councils") count
 * against a match: they stay in the JSON and the review tools only. */
int render_term_shown(const char *term);

/* Characters of a chat message's excerpt of the summary. */
#define RENDER_EXCERPT_MAX 300

/*
 * A short excerpt of s (NULL is "") into *out (caller frees), cleaned as
 * render_text cleans, runs of white space made one space, and when longer
 * than max_units cut at the last word boundary that fits with "…".  Not
 * escaped: pass it to render_text with the target's escaper.  0 or
 * -ENOMEM.
 */
int render_excerpt(char **out, const char *s, size_t max_units) MUST_CHECK;

/* ms since the epoch as "2026-11-30 08:19 UTC" in out (at least 32
 * bytes); NULL when ms is out of range (an unknown time). */
const char *render_time(int64_t ms, char *out);

/*
 * "brexit-defence 33.0 · csdp 12.5": the profiles of message m with their
 * scores, each name escaped with esc (may be NULL).  0, -ENOMEM, -EFBIG.
 */
struct alert_msg;
int render_profiles(struct buf *out, const struct alert_msg *m,
    render_esc_fn esc) MUST_CHECK;

#endif /* UKEUWATCH_ALERTS_RENDER_H */
