/*
 * webhook_slack -- the Slack body (text + blocks) and its Mattermost
 * dialect (text + attachments).  Mattermost takes Slack's incoming-webhook
 * shape with CommonMark text, so the two share one module: the same
 * headline, context line and quote, escaped by each one's rules.  Chosen by
 * payload_render for format = slack and format = mattermost.
 */
#ifndef UKEUWATCH_ALERTS_WEBHOOK_SLACK_H
#define UKEUWATCH_ALERTS_WEBHOOK_SLACK_H

#include "lib/buf.h"
#include "lib/errbuf.h"

struct alert_msg;

/*
 * Append the Slack body for a to out.  Returns 0, -ENOMEM, or -EFBIG when
 * out's cap is too small; eb says which.
 */
int webhook_slack_render(const struct alert_msg *m, struct buf *out,
    struct errbuf *eb) MUST_CHECK;

/* The Mattermost body; the same contract. */
int webhook_slack_render_mattermost(const struct alert_msg *m, struct buf *out,
    struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_ALERTS_WEBHOOK_SLACK_H */
