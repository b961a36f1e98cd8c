/*
 * payload.c -- see payload.h.
 */
#include "alerts/payload.h"

#include <errno.h>

#include "alerts/webhook_discord.h"
#include "alerts/webhook_json.h"
#include "alerts/webhook_slack.h"
#include "alerts/webhook_teams.h"

int
payload_render(enum target_format f, const struct alert_msg *m, struct buf *out,
    struct errbuf *eb)
{
	switch (f) {
	case TARGET_FORMAT_JSON:
		return webhook_json_render(m, out, eb);
	case TARGET_FORMAT_SLACK:
		return webhook_slack_render(m, out, eb);
	case TARGET_FORMAT_MATTERMOST:
		return webhook_slack_render_mattermost(m, out, eb);
	case TARGET_FORMAT_DISCORD:
		return webhook_discord_render(m, out, eb);
	case TARGET_FORMAT_TEAMS:
		return webhook_teams_render(m, out, eb);
	}
	return errbuf_set(eb, -EINVAL, "payload: unknown format %d", (int)f);
}
