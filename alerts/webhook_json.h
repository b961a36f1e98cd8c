/*
 * webhook_json -- the generic JSON webhook body (README "Generic webhook
 * payload"): the alert's JSON (alert_to_json) in a Standard Webhooks
 * envelope.  Chosen by payload_render for format = json.
 */
#ifndef UKEUWATCH_ALERTS_WEBHOOK_JSON_H
#define UKEUWATCH_ALERTS_WEBHOOK_JSON_H

#include "lib/buf.h"
#include "lib/errbuf.h"

struct alert_msg;

/*
 * Append the body for a to out.  Returns 0, -ENOMEM, or -EFBIG when out's
 * cap is too small; eb says which.
 */
int webhook_json_render(const struct alert_msg *m, struct buf *out,
    struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_ALERTS_WEBHOOK_JSON_H */
