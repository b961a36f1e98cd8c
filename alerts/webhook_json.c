/*
 * webhook_json.c -- the generic JSON payload (README "Generic webhook
 * payload"), shaped as Standard Webhooks suggests:
 *
 *   {"type":"alert.matched","timestamp":"<detected-at>","data":{<alert>}}
 *
 * The timestamp is the alert's detected-at, not the time of the attempt,
 * so every retry of one alert carries the same body; the attempt's time is
 * in the webhook-timestamp header.
 */
#include "alerts/webhook_json.h"

#include <jansson.h>

#include "alerts/alert.h"
#include "alerts/render.h"
#include "lib/clock.h"

int
webhook_json_render(const struct alert *a, struct buf *out, struct errbuf *eb)
{
	char tbuf[CLOCK_TEXT_LEN];
	const char *ts = clock_format_ms(a->matched_ms, tbuf);
	json_t *j;

	j = json_pack("{s:s, s:s?, s:o}", "type", "alert.matched", "timestamp",
	    ts, "data", alert_to_json(a));
	return render_dump(j, out, "json", eb);
}
