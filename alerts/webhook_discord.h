/*
 * webhook_discord -- the Discord body: content plus one embed.  Chosen by
 * payload_render for format = discord.
 */
#ifndef UKEUWATCH_ALERTS_WEBHOOK_DISCORD_H
#define UKEUWATCH_ALERTS_WEBHOOK_DISCORD_H

#include "lib/buf.h"
#include "lib/errbuf.h"

struct alert_msg;

/*
 * Append the body for a to out.  Returns 0, -ENOMEM, or -EFBIG when out's
 * cap is too small; eb says which.
 */
int webhook_discord_render(const struct alert_msg *m, struct buf *out,
    struct errbuf *eb) MUST_CHECK;

#endif /* UKEUWATCH_ALERTS_WEBHOOK_DISCORD_H */
