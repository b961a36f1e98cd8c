"""The same story in two feeds is one alert.

An official statement is often carried by two organisations' feeds (the
MoD's and the FCDO's gov.uk feeds give it the same link and title).  With
`same-story-window` (default 3d) the second sighting records "also in" on
the first alert instead of alerting again, and a target that follows only
the second feed still gets that alert, once.  With the window at 0s each
feed alerts on its own.  One `poll` fetches both feeds; whichever commits
first holds the alert, and both orders must give the same deliveries.
"""

import json

from conftest import run, write_config
from ukwhelp import DULL, SANCTIONS, config, requests_to, rss

STORY = ("uk-eu-1", "UK and EU extend sanctions on Russia", SANCTIONS)
# The story is about one alert per feed and profile: the feeds match only
# sanctions, so what another shipped profile makes of the text (joint UK-EU
# sanctions may also be UK-European cooperation) does not change the count.
ONLY_SANCTIONS = {"profiles": "sanctions"}


def hook(name, url, feeds=None):
    return (f'[target "{name}"]\ntype = webhook\nurl = {url}\n'
            f"profiles = sanctions\nrate-limit = 0\n"
            + (f"feeds = {feeds}\n" if feeds else "") + "\n")


def poll_two_feeds(nginx, workdir, daemon_bin, window):
    nginx.write("mod.rss", rss([STORY, ("m2", "Bakery opens", DULL)]))
    nginx.write("fcdo.rss", rss([STORY]))
    for p in ("all", "fcdo-only"):
        nginx.location(f"location = /hook/{p} {{ return 204; }}")
    nginx.start()
    conf = write_config(workdir, config(
        workdir, [("mod", nginx.url("/mod.rss"), ONLY_SANCTIONS),
                  ("fcdo", nginx.url("/fcdo.rss"), ONLY_SANCTIONS)],
        same_story_window=window) + "\n"
        + hook("all", nginx.url("/hook/all"))
        + hook("fcdo-only", nginx.url("/hook/fcdo-only"), "fcdo"))
    r = run([daemon_bin, "poll", "-c", conf], timeout=60)
    assert r.returncode == 0, r.stderr
    alerts = [json.loads(line) for line in run(
        [daemon_bin, "alerts", "-c", conf, "--json"]).stdout.splitlines()]
    posts = {p: [e for e in requests_to(nginx, f"/hook/{p}")
                 if e["method"] == "POST" and e["status"] == 204]
             for p in ("all", "fcdo-only")}
    return conf, r.stderr, alerts, posts


def test_one_alert_for_one_story_in_two_feeds(nginx, workdir, daemon_bin):
    conf, log, alerts, posts = poll_two_feeds(nginx, workdir, daemon_bin,
                                              "3d")
    assert len(alerts) == 1, alerts
    (a,) = alerts
    other = "fcdo" if a["feed"]["name"] == "mod" else "mod"
    assert a["also_in"] == [other], a
    assert a["title"] == STORY[1]
    assert sorted(d["target"] for d in a["deliveries"]) == \
        ["all", "fcdo-only"], a
    assert all(d["state"] == "delivered" for d in a["deliveries"]), a
    # Each target: one request, whichever feed was committed first.
    assert [len(posts["all"]), len(posts["fcdo-only"])] == [1, 1], posts
    assert f"feed {other}: \"{STORY[1]}\" is the story of alert " \
        f"{a['id']} from another feed; not alerted twice" in log, log
    table = run([daemon_bin, "alerts", "-c", conf]).stdout
    assert f"    also in: {other}\n" in table, table


def test_window_zero_alerts_per_feed(nginx, workdir, daemon_bin):
    _, log, alerts, posts = poll_two_feeds(nginx, workdir, daemon_bin, "0s")
    assert sorted(a["feed"]["name"] for a in alerts) == ["fcdo", "mod"], \
        alerts
    assert all(a["also_in"] == [] for a in alerts)
    assert [len(posts["all"]), len(posts["fcdo-only"])] == [2, 1], posts
    assert "is the story of alert" not in log
