/*
 * target -- what a finished delivery attempt means for the outbox.
 *
 * An outcome is data, not an error: target_verdict classes a
 * transfer's result by what the outbox should do next.  The rules follow
 * Standard Webhooks and what Slack, Discord and Teams answer:
 *   HTTP  the status decides, also when the response body passed its
 *         cap (the body is only read for the log): 2xx delivered; connection
 * errors, timeouts, 408, 425, 429 and 5xx retried; every other status rejected
 * at once: other 4xx, 410 Gone (the endpoint is gone), and 3xx (redirects are
 * not followed, so a redirect is a misconfigured URL). SMTP  accepted
 * (CURLE_OK) delivered; a 4xx reply (450 mailbox busy, 451, 452) retried; a 5xx
 * reply (550 no such user, 535 bad login) rejected; connection errors and
 * timeouts retried. Retry-After only moves the next attempt later; it never
 * changes the class (the outbox takes the later of its backoff and
 * Retry-After).
 */
#ifndef UKEUWATCH_ALERTS_TARGET_H
#define UKEUWATCH_ALERTS_TARGET_H

#include <curl/curl.h>

#include "lib/conf.h"

enum target_verdict {
	TARGET_DELIVERED, /* record it; never send this alert here again */
	TARGET_RETRY,     /* try again after backoff, until give-up-after */
	TARGET_REJECTED,  /* dead-letter now and log the response */
};

/*
 * Class of one attempt: code is libcurl's result, status the last HTTP
 * status or SMTP reply code (CURLINFO_RESPONSE_CODE; 0 when none came).
 */
enum target_verdict target_verdict(enum target_type type, CURLcode code,
    long status);

/*
 * What to do about a rejected attempt (the end of its log line): names
 * the keys to check for that reply, e.g. username and password-file for
 * an SMTP 535, the postmaster for a 552.
 */
const char *target_advice(enum target_type type, CURLcode code, long status);

/* "delivered", "retry", "rejected". */
const char *target_verdict_name(enum target_verdict v);

#endif /* UKEUWATCH_ALERTS_TARGET_H */
