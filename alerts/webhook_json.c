/*
 * webhook_json.c -- the generic JSON payload (README "Generic webhook
 * payload"), shaped as Standard Webhooks suggests:
 *
 *   {"type":"alert.matched","timestamp":"<detected-at>","data":{<alert>}}
 *
 * built by alert_msg_event, the one event the alert log and stdout write
 * too (docs/alert.schema.json).
 *
 * The timestamp is the alert's detected-at, not the time of the attempt,
 * so every retry of one alert carries the same body; the attempt's time is
 * in the webhook-timestamp header.
 */
#include "alerts/webhook_json.h"

#include <jansson.h>

#include "alerts/alert.h"
#include "alerts/render.h"

int
webhook_json_render(const struct alert_msg *m, struct buf *out,
    struct errbuf *eb)
{
	return render_dump(alert_msg_event(m), out, "json", eb);
}
