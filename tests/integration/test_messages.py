"""Messages (issue 16 sections 2, 3, 5 and 7; issue 20 item 2): one
article is one message per target, listing every profile it matched that
the target wants; one alert JSON shape (docs/alert.schema.json) from every
producer; what a chat message shows; the first retry not before retry-min;
the alert log written as alerts are committed; `poll -v` on stderr;
`test-alert` saying why a mail target refused; --labels exporting only
what was reviewed; the schema-7 migration of queued deliveries.

Real daemon, nginx, receiver.py and aiosmtpd, as test_deliver.py.
"""

import json
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, free_port, run, wait_for

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from test_deliver import (Daemon, Receiver, alert_log,  # noqa: E402
                          alerts_json, mail_target, parts, poll, rss,
                          serve_feed, smtp)
from test_deliver import config as td_config  # noqa: E402

smtp = smtp  # the fixture, imported from test_deliver

SCHEMA = json.loads((ROOT / "docs" / "alert.schema.json").read_text())
# An item that brexit-defence and csdp both match, brexit-defence the
# higher (scores_of says by how much with the shipped profiles).
TWO = ("two", "UK and EU sign security and defence partnership, UK to join "
       "CSDP missions after Brexit",
       "Britain and the European Union signed a security and defence pact "
       "after Brexit covering military mobility, and the UK will take part "
       "in EU CSDP missions under the common security and defence policy, "
       "with third-country participation.")
BOTH = ["brexit-defence", "csdp"]


def scores_of(daemon_bin, tmp, item):
    """The shipped profiles' scores for item, by `ukeuwatch match`: tests
    that depend on them follow the profiles when they are retrained."""
    doc = tmp / "score-item.xml"
    doc.write_text("<rss version='2.0'><channel><title>t</title><item>"
                   f"<guid>{item[0]}</guid><title>{item[1]}</title>"
                   f"<description>{item[2]}</description></item></channel>"
                   "</rss>")
    r = run([daemon_bin, "match", "-p", ROOT / "seeds", doc], timeout=30)
    assert r.returncode == 0, r.stderr
    return {m["profile"]: m["score"]
            for m in json.loads(r.stdout.splitlines()[0])["matches"]}


def validator(name):
    return jsonschema.Draft202012Validator(
        {"$ref": f"#/$defs/{name}", "$defs": SCHEMA["$defs"]})


def valid(obj, name="event"):
    errors = sorted(validator(name).iter_errors(obj), key=str)
    assert not errors, [e.message for e in errors]


def conf(workdir, feed_url, targets="", daemon_extra="", feed_extra=""):
    """test_deliver's config, with every profile on the feed."""
    return td_config(workdir, feed_url, targets, daemon_extra, feed_extra)


def hook(name, url, fmt="json", profiles="brexit-defence, csdp", extra=""):
    return (f'[target "{name}"]\ntype = webhook\nformat = {fmt}\n'
            f"url = {url}\nprofiles = {profiles}\ntimeout = 5s\n"
            f"rate-limit = 0\n{extra}\n")


def bodies(rec, path):
    return [json.loads(r["body"]) for r in rec.requests()
            if r["path"] == path]


# -- 2. one article, one message per target ----------------------------------

def test_one_message_per_item_per_target(nginx, workdir, spawn, daemon_bin,
                                         smtp):
    """An item matching two profiles: one request to a target that wants
    both (listing both, best first), one to a target that wants one, one to
    a target whose min-score keeps only one; one digest entry; one line in
    the alert log; two alert rows (verdicts stay per profile) whose
    deliveries name the same message."""
    score = scores_of(daemon_bin, workdir, TWO)
    best, second = ranked = sorted(BOTH, key=score.get, reverse=True)
    assert score[best] > score[second], score
    cut = (score[best] + score[second]) / 2
    url = serve_feed(nginx, [TWO])
    rec = Receiver(spawn, workdir)
    srv = smtp()
    c = conf(workdir, url,
             hook("both", rec.url("/both"))
             + hook("desk", rec.url("/desk"), "slack", second)
             + hook("high", rec.url("/high"), extra=f"min-score = {cut}")
             + mail_target("ops", srv.port, "profiles = brexit-defence, "
                           "csdp\ndigest = 1s\n").replace(
                               "profiles = csdp\n", ""))
    poll(daemon_bin, c)

    (both,) = bodies(rec, "/both")
    valid(both)
    assert [p["name"] for p in both["data"]["profiles"]] == ranked
    assert all(p["terms"] for p in both["data"]["profiles"])
    (desk,) = bodies(rec, "/desk")
    assert second in desk["text"] and best not in desk["text"]
    (high,) = bodies(rec, "/high")
    assert [p["name"] for p in high["data"]["profiles"]] == [best]

    (msg,) = srv.parsed()
    assert msg["Subject"] == f"[{best}, {second}] {TWO[1]}"
    text = parts(msg)["text/plain"]
    assert text.count(TWO[1]) == 1
    assert "Profile: brexit-defence" in text and "Profile: csdp" in text

    rows = alerts_json(daemon_bin, c)
    assert sorted(a["profiles"][0]["name"] for a in rows) == BOTH
    for a in rows:
        valid(a, "record")
        assert {d["target"]: d["state"] for d in a["deliveries"]} == (
            {"both": "delivered", "high": "delivered", "ops": "delivered"}
            if a["profiles"][0]["name"] == best else
            {"both": "delivered", "desk": "delivered", "ops": "delivered"})
    lead = both["data"]["id"]
    assert {d["message"] for a in rows for d in a["deliveries"]
            if d["target"] == "both"} == {lead}

    events = [e for e in alert_log(workdir) if e["type"] == "alert.matched"]
    assert len(events) == 1
    valid(events[0])
    assert [p["name"] for p in events[0]["data"]["profiles"]] == ranked
    deliveries = [e for e in alert_log(workdir) if e["type"] == "delivery"]
    assert sorted(e["target"] for e in deliveries) == \
        ["both", "desk", "high", "ops"]

    # a second poll sends nothing again
    poll(daemon_bin, c)
    assert len(rec.requests()) == 3 and len(srv.messages) == 1


def test_migration_from_schema_6_keeps_queued_deliveries(
        nginx, workdir, spawn, daemon_bin):
    """A schema-6 state file with six queued deliveries of two items (one
    per profile, as ukeuwatch wrote them) and one already delivered: after
    the upgrade every alert not yet delivered reaches each target once, in
    one message per item and target."""
    db = sqlite3.connect(workdir / "state.db")
    db.executescript(
        (ROOT / "tests/fixtures/state/v6-queued.sql").read_text())
    db.execute("UPDATE deliveries SET next_attempt = 0 WHERE state < 2")
    db.commit()
    before = {(t, a) for t, a in db.execute(
        "SELECT target, alert_id FROM deliveries WHERE state < 2")}
    delivered = {(t, a) for t, a in db.execute(
        "SELECT target, alert_id FROM deliveries WHERE state = 2")}
    db.close()
    assert len(before) == 5 and len(delivered) == 1
    nginx.write("feed.rss", rss([]))
    nginx.start()
    rec = Receiver(spawn, workdir)
    c = conf(workdir, nginx.url("/feed.rss"),
             hook("hook", rec.url("/hook"))
             + hook("desk", rec.url("/desk"), "json", "csdp"))
    poll(daemon_bin, c)
    got = set()
    reqs = rec.requests()
    for r in reqs:
        body = json.loads(r["body"])
        valid(body)
        target = r["path"].strip("/")
        for p in body["data"]["profiles"]:
            assert (target, p["alert_id"]) not in got  # never twice
            got.add((target, p["alert_id"]))
    assert got == before
    # item two: one message of both profiles; item one: csdp alone (its
    # brexit-defence alert was already delivered); desk: one per item
    assert sorted((r["path"], len(json.loads(r["body"])["data"]["profiles"]))
                  for r in reqs) == [("/desk", 1), ("/desk", 1),
                                     ("/hook", 1), ("/hook", 2)]
    db = sqlite3.connect(workdir / "state.db")
    version = int(re.search(r"#define STORE_SCHEMA_VERSION (\d+)",
                            (ROOT / "store" / "store.h").read_text())[1])
    assert db.execute("PRAGMA user_version").fetchone() == (version,)
    assert db.execute("SELECT count(*) FROM deliveries WHERE state < 2"
                      ).fetchone() == (0,)
    db.close()


# -- 5. one alert, one JSON shape ---------------------------------------------

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<id>urn:t</id><updated>{u}</updated>
<entry><title>{title}</title><id>urn:two</id>
<link href="https://news.example/two"/><updated>{u}</updated>
<summary>{summary}</summary></entry></feed>"""


def atom_feed(nginx):
    u = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))
    nginx.write("feed.atom", ATOM.format(u=u, title=TWO[1], summary=TWO[2]))
    nginx.start()
    return nginx.url("/feed.atom"), u


def test_every_producer_writes_the_schema(nginx, workdir, spawn, daemon_bin):
    """stdout (no target), the alert log, a generic webhook and `alerts
    --json` all validate against docs/alert.schema.json, and carry the same
    alert: an Atom entry with only <updated> has that date everywhere."""
    url, updated = atom_feed(nginx)
    c = conf(workdir, url)
    r = run([daemon_bin, "poll", "-v", "-c", c], timeout=60)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 1, r.stdout  # -v lines went to stderr
    out = json.loads(lines[0])
    valid(out)
    assert out["data"]["published"] == updated.replace("Z", ".000Z")
    score = scores_of(daemon_bin, workdir, TWO)
    assert [p["name"] for p in out["data"]["profiles"]] == \
        sorted(BOTH, key=score.get, reverse=True)
    (logged,) = [e for e in alert_log(workdir)]
    assert logged == out  # the log line is the payload
    for a in alerts_json(daemon_bin, c):
        valid(a, "record")
        assert a["feed"] == {"name": "news", "url": url}
        assert a["published"] == out["data"]["published"]
    # the same item to a generic webhook: the same event
    rec = Receiver(spawn, workdir)
    (workdir / "state.db").unlink()
    (workdir / "alerts.jsonl").unlink()
    c = conf(workdir, url, hook("hook", rec.url()))
    poll(daemon_bin, c)
    (req,) = rec.requests()
    body = json.loads(req["body"])
    valid(body)
    for k in ("published", "title", "link", "summary", "feed", "statement"):
        assert body["data"][k] == out["data"][k], k
    assert req["webhook_id"] == body["data"]["id"]


def test_poll_verbose_lines_on_stderr(nginx, workdir, daemon_bin):
    url = serve_feed(nginx, [TWO])
    c = conf(workdir, url)
    r = run([daemon_bin, "poll", "-v", "-c", c], timeout=60)
    assert r.returncode == 0
    for line in r.stdout.splitlines():
        json.loads(line)  # pipeable to jq
    assert any(line.startswith("news ") and " status=200 " in line
               for line in r.stderr.splitlines()), r.stderr


# -- 7. the reporters' smaller items -------------------------------------------

def test_alert_log_line_written_at_commit(nginx, workdir, spawn, daemon_bin):
    """`tail -f` on the alert log shows an alert as soon as it is
    committed, not at the next housekeeping (30 s)."""
    url = serve_feed(nginx, [TWO])
    c = conf(workdir, url)
    d = Daemon(spawn, daemon_bin, c, workdir)
    log = workdir / "alerts.jsonl"
    assert wait_for(lambda: "alert " in d.text(), 15), d.text()
    assert wait_for(lambda: log.exists() and log.read_text().strip(), 3), \
        "alert committed, the alert log still empty"


def test_first_retry_not_before_retry_min(nginx, workdir, spawn,
                                          daemon_bin):
    url = serve_feed(nginx, [TWO])
    rec = Receiver(spawn, workdir)
    rec.control(mode="500", count=1)
    c = conf(workdir, url, hook("hook", rec.url(), profiles="csdp"),
             "retry-min = 3s\nretry-max = 60s\n")
    text = c.read_text().replace("retry-min = 1s\nretry-max = 4s\n", "")
    c.write_text(text)
    Daemon(spawn, daemon_bin, c, workdir)
    assert wait_for(lambda: len(rec.requests()) == 2, 20), rec.requests()
    t = [r["t"] for r in rec.requests()]
    assert 2.95 <= t[1] - t[0] <= 4.6, t[1] - t[0]


def test_test_alert_names_missing_starttls(workdir, smtp, daemon_bin):
    srv = smtp()
    c = conf(workdir, "http://127.0.0.1:9/unused.rss",
             mail_target("ops", srv.port).replace("starttls = no",
                                                   "starttls = yes"))
    r = run([daemon_bin, "test-alert", "-c", c, "ops"])
    assert r.returncode == 1
    assert "SMTP 250" not in r.stdout, r.stdout
    first, *advice = r.stdout.splitlines()
    assert first.startswith("ops: TLS: ") and first.endswith(" (rejected)"), \
        r.stdout
    assert advice == ["  the server offers no STARTTLS on this port; use "
                      "smtps:// or the submission port 587"], r.stdout
    assert srv.messages == []


def test_labels_export_only_reviewed_profiles(nginx, workdir, daemon_bin,
                                              tmp_path):
    """An item two profiles alerted on, reviewed for one: --labels says
    nothing about the other (score.py does not count it as a false alarm),
    and the note stays with the profile it was written for."""
    url = serve_feed(nginx, [TWO])
    c = conf(workdir, url)
    poll(daemon_bin, c)
    ids = {a["profiles"][0]["name"]: a["id"]
           for a in alerts_json(daemon_bin, c)}
    r = run([daemon_bin, "alerts", "-c", c, "--mark", "relevant", "--note",
             "a CSDP participation story", ids["csdp"]])
    assert r.returncode == 0, r.stderr
    r = run([daemon_bin, "alerts", "-c", c, "--labels"])
    (line,) = [json.loads(x) for x in r.stdout.splitlines()]
    assert line["labels"] == ["csdp"]
    assert line["reviewed"] == {"csdp": "relevant"}
    assert line["notes"] == {"csdp": "a CSDP participation story"}
    assert "note" not in line
    gold = tmp_path / "gold.jsonl"
    gold.write_text(r.stdout)
    s = run(["/usr/bin/python3", ROOT / "tests/eval/score.py", "--cmd",
             f"{daemon_bin} match -p {ROOT}/seeds", "--gold", gold,
             "--json"], timeout=60)
    assert s.returncode == 0, s.stderr
    rows = json.loads(s.stdout)["profiles"]
    assert (rows["csdp"]["tp"], rows["csdp"]["fp"]) == (1, 0)
    assert rows["brexit-defence"]["fp"] == 0, rows
