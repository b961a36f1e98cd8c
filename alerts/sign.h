/*
 * sign -- Standard Webhooks signatures (standard-webhooks spec v1.0.0).
 *
 *   webhook-signature: v1,<base64(HMAC-SHA256(key, "{id}.{ts}.{body}"))>
 *
 * The key is the base64-decoded part of the secret after "whsec_" (not the
 * ASCII text).  With two secrets during a key rotation both signatures are
 * sent, separated by a space, as the spec allows.  This is the only module
 * that calls OpenSSL.  Secrets are read through secret_value by the caller
 * and never copied anywhere but the stack frame that uses them, which is
 * wiped before returning.
 */
#ifndef UKEUWATCH_ALERTS_SIGN_H
#define UKEUWATCH_ALERTS_SIGN_H

#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"
#include "lib/errbuf.h"

/* Most secrets one signature header carries (a rotation: old and new). */
#define SIGN_MAX_SECRETS 2

/*
 * Check that secret is "whsec_" + base64 of 16 to 64 random bytes.  For
 * the config loader, so a bad key fails at load, not at the first alert.
 * 0 or -EINVAL with eb saying what is wrong (never the secret itself).
 */
int sign_check_secret(const char *secret, struct errbuf *eb) MUST_CHECK;

/*
 * Append the webhook-signature header value for (id, ts, body) under each
 * of the n secrets (1 <= n <= SIGN_MAX_SECRETS; NULL entries are skipped)
 * to out: "v1,SIG" or "v1,SIG1 v1,SIG2".  The body is the exact bytes that
 * will be sent.  Returns 0, -EINVAL (bad secret), -ENOMEM or -EFBIG.
 */
int sign_header(const char *const *secrets, size_t n, const char *id,
    int64_t ts, const void *body, size_t body_len, struct buf *out,
    struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_ALERTS_SIGN_H */
