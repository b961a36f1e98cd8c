"""`ukeuwatch profile replay`: a profile run over the items already in the
state file, compared with the alerts of the profile of the same name.

The state file is built the way users build it, by `ukeuwatch poll
--no-send` against feeds served by nginx; the profiles replayed are the
shipped one (nothing may differ from what it alerted on) and a rewritten
`sanctions` whose every score the test can work out by hand."""

import calendar
import email.utils
import json
import re
import time

from conftest import run, write_config
from ukwhelp import DULL, PROFILES, SANCTIONS, config, state_rows

HOUR = 3600
NOW = int(time.time()) // HOUR * HOUR - HOUR  # within the 2-day backlog
OLD = NOW - 10 * 86400  # first poll: backlog, recorded without alerting


def rss(items):
    """RSS 2.0; items are (guid, title, description, unix time)."""
    body = "".join(
        f"<item><title>{t}</title><guid isPermaLink='false'>{g}</guid>"
        f"<link>http://example.org/{g}</link>"
        f"<pubDate>{email.utils.formatdate(ts, usegmt=True)}</pubDate>"
        f"<description>{d}</description></item>" for g, t, d, ts in items)
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'>"
            "<channel><title>t</title><link>http://example.org/</link>"
            f"<description>d</description>{body}</channel></rss>\n")


def day(ts):
    return time.strftime("%Y-%m-%d", time.gmtime(ts))


def iso(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


# A `sanctions` that cares for bread: 3 per term, title counts 2.
BREAD = "threshold 4\nterm 3 bakery, bread\n"


def build_state(nginx, workdir, daemon_bin):
    nginx.write("news.rss", rss([
        ("s1", "EU sanctions on Russia", SANCTIONS, NOW),
        ("d1", "Bakery opens", DULL, NOW),
        ("w1", "Weather today", "Rain and wind across the country", NOW)]))
    nginx.write("old.rss", rss([
        ("o1", "Bakery closes", "No more bread here", OLD)]))
    nginx.start()
    conf = write_config(workdir, config(workdir, [
        ("news", nginx.url("/news.rss")), ("old", nginx.url("/old.rss"))]))
    r = run([daemon_bin, "poll", "--no-send", "-c", conf], timeout=60)
    assert r.returncode == 0, r.stderr
    alerts = state_rows(workdir, "SELECT item_key, profile FROM alerts"
                        " WHERE near = 0")
    assert sorted(alerts) == [("s1", "sanctions")], alerts
    return conf


def replay(daemon_bin, conf, *args):
    return run([daemon_bin, "profile", "replay", "-c", conf, *args],
               timeout=60)


def json_lines(stdout):
    return [json.loads(line) for line in stdout.splitlines()]


def test_shipped_profile_replays_its_own_alerts(nginx, workdir, daemon_bin):
    conf = build_state(nginx, workdir, daemon_bin)
    r = replay(daemon_bin, conf, "--json", PROFILES / "sanctions.profile")
    assert r.returncode == 0, r.stderr
    lines = json_lines(r.stdout)
    (score, terms), = state_rows(
        workdir, "SELECT score, terms FROM alerts WHERE item_key = 's1'"
        " AND near = 0")
    assert lines[:-1] == [{
        "feed": "news", "key": "s1", "title": "EU sanctions on Russia",
        "link": "http://example.org/s1", "date": iso(NOW),
        "first_seen": lines[0]["first_seen"], "score": score,
        "terms": json.loads(terms), "would_alert": True, "change": "same"}]
    since = lines[-1].pop("since")
    assert lines[-1] == {"profile": "sanctions", "items": 4,
                         "would_alert": 1, "alerted_before": 1, "added": 0,
                         "dropped": 0, "backlog": 0}
    # --since 30d by default, counted back from now.
    t = calendar.timegm(time.strptime(since, "%Y-%m-%dT%H:%M:%SZ"))
    assert abs(t - (time.time() - 30 * 86400)) < 60, since


def test_rewritten_profile_adds_and_drops(nginx, workdir, daemon_bin):
    conf = build_state(nginx, workdir, daemon_bin)
    edited = workdir / "edit" / "sanctions.profile"
    edited.parent.mkdir()
    edited.write_text(BREAD)

    r = replay(daemon_bin, conf, "--json", edited)
    assert r.returncode == 0, r.stderr
    lines = json_lines(r.stdout)
    for line in lines[:-1]:
        line.pop("first_seen")
    lines[-1].pop("since")
    assert lines == [
        {"feed": "news", "key": "s1", "title": "EU sanctions on Russia",
         "link": "http://example.org/s1", "date": iso(NOW), "score": 0.0,
         "terms": [], "would_alert": False, "change": "dropped"},
        {"feed": "news", "key": "d1", "title": "Bakery opens",
         "link": "http://example.org/d1", "date": iso(NOW), "score": 9.0,
         "terms": ["bakery", "bread"], "would_alert": True,
         "change": "added"},
        {"feed": "old", "key": "o1", "title": "Bakery closes",
         "link": "http://example.org/o1", "date": iso(OLD), "score": 9.0,
         "terms": ["bakery", "bread"], "would_alert": True,
         "change": "backlog"},
        {"profile": "sanctions", "items": 4, "would_alert": 2,
         "alerted_before": 1, "added": 1, "dropped": 1, "backlog": 1}]

    r = replay(daemon_bin, conf, edited)
    assert r.returncode == 0, r.stderr
    out = re.sub(r"since \S+Z,", "since SINCE,", r.stdout)
    assert out == (
        "would alert (profile sanctions):\n"
        f"+ {day(NOW)}  news                    9.0  Bakery opens\n"
        "               terms: bakery, bread\n"
        f"* {day(OLD)}  old                     9.0  Bakery closes\n"
        "               terms: bakery, bread\n"
        "\n"
        "would no longer alert:\n"
        f"- {day(NOW)}  news                    0.0  EU sanctions on Russia\n"
        "\n"
        "+ added: did not alert before; - dropped: alerted before; "
        "* backlog: recorded on a first poll, which never alerts\n"
        "profile sanctions: 4 items since SINCE, 2 would alert, 1 alerted "
        "before; 1 added, 1 dropped, 1 backlog\n"), r.stdout

    # A window that ends before the poll holds nothing.
    r = replay(daemon_bin, conf, "--json", "--since", "0s", edited)
    assert r.returncode == 0, r.stderr
    last = json_lines(r.stdout)
    assert len(last) == 1 and last[0]["items"] == 0, r.stdout


def test_new_profile_name_only_adds(nginx, workdir, daemon_bin):
    conf = build_state(nginx, workdir, daemon_bin)
    bread = workdir / "bread.profile"
    bread.write_text(BREAD)
    r = replay(daemon_bin, conf, "--json", bread)
    assert r.returncode == 0, r.stderr
    summary = json_lines(r.stdout)[-1]
    summary.pop("since")
    assert summary == {"profile": "bread", "items": 4, "would_alert": 2,
                       "alerted_before": 0, "added": 1, "dropped": 0,
                       "backlog": 1}


def test_bad_profile_and_usage(nginx, workdir, daemon_bin):
    conf = build_state(nginx, workdir, daemon_bin)
    bad = workdir / "bad.profile"
    bad.write_text("threshold 4\nterm x bakery\n")
    r = replay(daemon_bin, conf, bad)
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.startswith(f"{bad}:2: "), r.stderr
    r = replay(daemon_bin, conf, "--since", "soon", bad)
    assert r.returncode == 2 and "--since" in r.stderr, r.stderr
    r = replay(daemon_bin, conf)
    assert r.returncode == 2 and "PROFILE_FILE" in r.stderr, r.stderr
    r = replay(daemon_bin, conf, workdir / "missing.profile")
    assert r.returncode == 1 and "missing.profile" in r.stderr, r.stderr
