/*
 * secret -- a secret value (signing key, password, a webhook URL that
 * embeds a token) read from a file or the config.
 *
 * The bytes are wiped when freed and have no accessor that returns them
 * for printing: secret_value is for the code that uses them (signing,
 * authenticating, the request URL), never for a log line.
 */
#ifndef UKEUWATCH_LIB_SECRET_H
#define UKEUWATCH_LIB_SECRET_H

#include <stddef.h>

#include "lib/errbuf.h"

struct secret; /* opaque */

/*
 * Read the secret from path (one value; a trailing newline is dropped).
 * *warning is set to 1 when the file is readable by group or others.
 */
int secret_from_file(struct secret **out, const char *path, int *warning,
    struct errbuf *eb) MUST_CHECK;

/* A secret given inline (a webhook URL in the config). */
int secret_from_string(struct secret **out, const char *value) MUST_CHECK;

/* The value, borrowed; never log it. */
const char *secret_value(const struct secret *s);
size_t secret_len(const struct secret *s);

/* A deep copy, for work in flight that must outlive a reload. */
int secret_dup(struct secret **out, const struct secret *s) MUST_CHECK;

void secret_free(struct secret *s);

#endif /* UKEUWATCH_LIB_SECRET_H */
