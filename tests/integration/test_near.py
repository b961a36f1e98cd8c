"""Near misses through the real daemon: `ukeuwatch poll` against nginx with
one item just under a profile's threshold (60-100% of it).  The near miss is
recorded but never delivered or logged as an alert, is listed only by
`alerts --near`, is marked with --mark like an alert, and comes out of
--labels: how an analyst reports a miss."""

import json
import time

from conftest import run, write_config

# Title weight 1: "frigate" alone scores 7 of 10 (a near miss), with
# "convoy" 11 (an alert); "bakery" scores nothing.
PROFILE = """threshold 10
field title 1
field summary 1
term 7 frigate
term 4 convoy
"""


def rss(items):
    now = time.strftime("%a, %d %b %Y %H:%M:%S GMT",
                        time.gmtime(time.time() - 60))
    body = "".join(
        f"<item><title>{t}</title><guid isPermaLink='false'>{g}</guid>"
        f"<link>http://example.org/{g}</link><pubDate>{now}</pubDate>"
        "</item>" for g, t in items)
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'>"
            "<channel><title>t</title><link>http://example.org/</link>"
            f"<description>d</description>{body}</channel></rss>\n")


def test_near_miss_listed_marked_labelled(nginx, workdir, daemon_bin):
    profiles = workdir / "profiles"
    profiles.mkdir()
    (profiles / "navy.profile").write_text(PROFILE)
    nginx.write("news.rss", rss([("n1", "Frigate sails north"),
                                 ("a1", "Frigate escorts convoy"),
                                 ("d1", "Bakery opens")]))
    nginx.location("location = /hook { return 204; }")
    nginx.start()
    conf = write_config(workdir, "\n".join([
        "[daemon]", f"state = {workdir}/state.db",
        f"alert-log = {workdir}/alerts.jsonl", f"profiles = {profiles}",
        "interval = 1h", "", "[feed news]",
        f"url = {nginx.url('/news.rss')}", "",
        '[target "hook"]', "type = webhook", f"url = {nginx.url('/hook')}",
        "profiles = navy", ""]))
    r = run([daemon_bin, "poll", "-c", conf], timeout=60)
    assert r.returncode == 0, r.stderr

    def alerts(*args, code=0):
        r = run([daemon_bin, "alerts", "-c", conf, *args], timeout=30)
        assert r.returncode == code, (args, r.stdout, r.stderr)
        return r.stdout

    def js(*args):
        return [json.loads(x) for x in alerts("--json", *args).splitlines()]

    (alert,) = js()
    assert (alert["title"], alert["profiles"][0]["score"], alert["near"]) \
        == ("Frigate escorts convoy", 11.0, False), alert
    assert [d["state"] for d in alert["deliveries"]] == ["delivered"]
    (near,) = js("--near")
    assert (near["title"], near["profiles"][0]["score"], near["near"],
            near["profiles"][0]["terms"], near["deliveries"]) == \
        ("Frigate sails north", 7.0, True, ["frigate"], []), near
    assert near["id"] != alert["id"]
    # The alert log and stdout have the alert only.
    log = (workdir / "alerts.jsonl").read_text()
    assert "Frigate escorts convoy" in log and "Frigate sails" not in log, \
        log
    assert "Frigate sails" not in r.stdout, r.stdout
    table = alerts("--near")
    assert "near miss" in table and f"    {near['id'][:8]}  Frigate sails " \
        "north\n" in table, table
    assert "Frigate sails north" not in alerts()
    r = run([daemon_bin, "alerts", "-c", conf, "--near", "--retry"])
    assert r.returncode == 2 and "--near" in r.stderr, r.stderr

    out = alerts("--mark", "relevant", "--note", "a miss", near["id"][:8])
    assert out == f"alert {near['id']}: relevant: a miss\n"
    (near,) = js("--near")
    assert near["review"] == {"verdict": "relevant", "note": "a miss"}
    labels = [json.loads(x) for x in alerts("--labels").splitlines()]
    assert [(x["id"], x["title"], x["labels"], x["reviewed"]) for x in
            labels] == [("news/n1", "Frigate sails north", ["navy"],
                         {"navy": "relevant"})], labels
