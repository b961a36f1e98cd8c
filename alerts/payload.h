/*
 * payload -- the request body a webhook target receives, in the target's
 * format: generic JSON, Slack, Mattermost, Discord or Microsoft Teams.
 *
 * The dispatcher only: each format is rendered by its own module
 * (webhook_json.c, webhook_slack.c for Slack and Mattermost,
 * webhook_discord.c, webhook_teams.c), and those share the text helpers of
 * render.h.  The include order is one way: render.h below, the formats in
 * the middle, this module on top.
 */
#ifndef UKEUWATCH_ALERTS_PAYLOAD_H
#define UKEUWATCH_ALERTS_PAYLOAD_H

#include "lib/buf.h"
#include "lib/conf.h"
#include "lib/errbuf.h"

struct alert_msg;

/*
 * Append the body for format f to out (caller-owned, usually empty).
 * Returns 0, -ENOMEM, -EFBIG when out's cap is too small, or -EINVAL for a
 * format there is no renderer for; eb says which.  Bodies are compact UTF-8
 * JSON.
 */
int payload_render(enum target_format f, const struct alert_msg *m,
    struct buf *out, struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_ALERTS_PAYLOAD_H */
