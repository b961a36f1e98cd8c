/*
 * webhook_teams -- the Microsoft Teams body: an Adaptive Card in a message
 * attachment.  Chosen by payload_render for format = teams.
 */
#ifndef UKEUWATCH_ALERTS_WEBHOOK_TEAMS_H
#define UKEUWATCH_ALERTS_WEBHOOK_TEAMS_H

#include "lib/buf.h"
#include "lib/errbuf.h"

struct alert_msg;

/*
 * Append the body for a to out.  Returns 0, -ENOMEM, or -EFBIG when out's
 * cap is too small; eb says which.
 */
int webhook_teams_render(const struct alert_msg *m, struct buf *out,
    struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_ALERTS_WEBHOOK_TEAMS_H */
