"""Delivery end to end: the real daemon polls a feed served by nginx, matches
its items against the shipped profiles (seeds/*.profile), and delivers the
alerts through its outbox to a real HTTP receiver (receiver.py) and a real
SMTP server (aiosmtpd, in this process).

What is measured: every payload format arrives valid for its format, with
two verifiable Standard Webhooks signatures; the receiver down for 30 s:
every alert delivered exactly once; 429 + Retry-After honoured; 500 retried
with growing backoff; 404 dead-lettered at once and listed by `alerts
--failed`; SIGKILL with deliveries hanging, restart: all delivered, none
twice; 1/s pacing for Slack; mail headers, both MIME parts, a 2 s digest,
451 then 250; `test-alert` for a webhook and a mail target.

Retry timings are shortened with the [daemon] keys retry-min = 1s and
retry-max = 4s.  The SIGKILL test relies on the outbox's lease being short
(the longest a delivery can take plus opts.lease_ms, which daemon/app.c
must pass as 0 -- the default 10 s margin -- rather than five minutes).
"""

import base64
import email
import email.policy
import email.utils
import hashlib
import hmac
import html
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, free_port, port_open, run, wait_for, web_off

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import receiver  # noqa: E402

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SECRET2 = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
SEED = (ROOT / "seeds" / "002_7c0ee9f41b1e8ffd.txt").read_text().strip()
# Hostile text for every formatter: mentions, markdown, Slack control
# sequences, HTML, emoji, right-to-left text.
HOSTILE = ("<!channel> <@everyone> @here **bold** _x_ `code` ||spoiler|| "
           "<https://evil.example|click> <b>&amp;</b> 🚀👍🏽 "
           "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627")


# -- helpers ---------------------------------------------------------------

def rss(items):
    """An RSS 2.0 document; items are (guid, title, description) triples,
    all published a minute ago (inside the first poll's backlog window)."""
    date = email.utils.formatdate(time.time() - 60, usegmt=True)
    parts = [
        f"<item><title>{html.escape(t)}</title>"
        f"<link>https://news.example/{g}</link><guid>{g}</guid>"
        f"<pubDate>{date}</pubDate>"
        f"<description>{html.escape(d)}</description></item>"
        for g, t, d in items]
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
            "<channel><title>Test news</title>"
            "<link>https://news.example/</link><description>t</description>"
            + "".join(parts) + "</channel></rss>")


def csdp_items(n, tag):
    return [(f"{tag}-{i}", f"UK joins EU CSDP mission {tag} {i}", SEED)
            for i in range(n)]


def serve_feed(nginx, items, extra_locations=()):
    nginx.write("feed.rss", rss(items))
    for block in extra_locations:
        nginx.location(block)
    nginx.start()
    return nginx.url("/feed.rss")


def secret_file(workdir, name, value):
    p = workdir / name
    p.write_text(value + "\n")
    p.chmod(0o600)
    return p


def config(workdir, feed_url, targets, daemon_extra="",
           feed_extra="profiles = csdp"):
    """A config with one feed (by default csdp profile only: one alert per
    item) and the given [target] sections (raw INI text)."""
    text = f"""[daemon]
state = {workdir}/state.db
alert-log = {workdir}/alerts.jsonl
profiles = {ROOT}/seeds
interval = 1h
retry-min = 1s
retry-max = 4s
shutdown-timeout = 2s
log-level = info
{daemon_extra}

[feed news]
url = {feed_url}
{feed_extra}

{targets}
"""
    path = workdir / "ukeuwatch.conf"
    path.write_text(web_off(text))
    return path


def webhook_target(name, url, fmt="json", secrets=(), extra=""):
    lines = [f'[target "{name}"]', "type = webhook", f"format = {fmt}",
             f"url = {url}", "profiles = csdp"]
    if "timeout" not in extra:
        lines.append("timeout = 5s")
    if secrets:
        lines.append(f"secret-file = {secrets[0]}")
    if len(secrets) > 1:
        lines.append(f"previous-secret-file = {secrets[1]}")
    return "\n".join(lines) + "\n" + extra + "\n"


class Receiver:
    """receiver.py as a process; requests() reads what it recorded."""

    def __init__(self, spawn, workdir, secrets=(), port=0):
        self.record = workdir / f"requests-{time.monotonic_ns()}.jsonl"
        cmd = ["/usr/bin/python3", HERE / "receiver.py", "--port", port,
               "--record", self.record]
        for s in secrets:
            cmd += ["--secret", s]
        self.proc = spawn(cmd, stdout=subprocess.PIPE, text=True,
                          start_new_session=True)
        self.port = int(self.proc.stdout.readline())

    def url(self, path="/hook"):
        return f"http://127.0.0.1:{self.port}{path}"

    def control(self, **spec):
        req = urllib.request.Request(
            self.url("/_control"), data=json.dumps(spec).encode(),
            method="POST")
        with urllib.request.urlopen(req, timeout=5) as r:
            assert r.status == 204

    def requests(self):
        with urllib.request.urlopen(self.url("/_requests"), timeout=5) as r:
            return json.loads(r.read())

    def delivered(self):
        """webhook-id -> number of requests answered 2xx."""
        counts = {}
        for r in self.requests():
            if r["status"] is not None and 200 <= r["status"] < 300:
                counts[r["webhook_id"]] = counts.get(r["webhook_id"], 0) + 1
        return counts

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=10)
        wait_for(lambda: not port_open(self.port), 5)


class Daemon:
    """`ukeuwatch run` in the background, its stderr in a file."""

    def __init__(self, spawn, daemon_bin, conf, workdir, tag="run"):
        self.log = workdir / f"daemon-{tag}.log"
        self.proc = spawn([daemon_bin, "run", "-c", conf],
                          stdout=subprocess.DEVNULL,
                          stderr=open(self.log, "w"))

    def text(self):
        return self.log.read_text(errors="replace")


def alerts_json(daemon_bin, conf, *args):
    r = run([daemon_bin, "alerts", "-c", conf, "--json", *args])
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines() if line]


def alert_log(workdir):
    path = workdir / "alerts.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()
            if line.strip()]


def poll(daemon_bin, conf, timeout=60):
    r = run([daemon_bin, "poll", "-c", conf], timeout=timeout)
    assert r.returncode == 0, r.stderr
    return r


def sig_for(secret, msg_id, ts, body):
    key = secret[len("whsec_"):]
    key = base64.b64decode(key + "=" * (-len(key) % 4))
    mac = hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256)
    return "v1," + base64.b64encode(mac.digest()).decode()


def units(s):
    """UTF-16 code units, as the chat services count."""
    return len(s.encode("utf-16-le")) // 2


# -- payload formats, signatures, pacing --------------------------------------

FORMATS = ("json", "slack", "discord", "teams", "mattermost")


def check_json(body, rid, item_titles):
    assert body["type"] == "alert.matched"
    d = body["data"]
    assert d["id"] == rid
    (p,) = d["profiles"]
    assert (p["name"], p["alert_id"]) == ("csdp", rid)
    assert d["title"] in item_titles
    assert d["feed"]["name"] == "news"
    assert d["link"].startswith("https://news.example/")
    assert isinstance(p["score"], (int, float)) and p["score"] >= 6
    assert p["terms"] and "CSDP" in p["terms"]
    for k in ("published", "fetched", "matched"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z",
                            d["latency"][k]), d["latency"]
    return d["title"]


def check_slack(body):
    assert "<!channel>" not in json.dumps(body, ensure_ascii=False)
    assert "<@everyone>" not in json.dumps(body, ensure_ascii=False)
    assert isinstance(body["text"], str) and body["text"]
    assert body["blocks"]
    for b in body["blocks"]:
        t = b.get("text")
        if isinstance(t, dict):
            assert units(t["text"]) <= 3000
        for e in b.get("elements", []):
            if isinstance(e, dict) and "text" in e:
                assert units(e["text"]) <= 3000


def check_mattermost(body):
    assert "blocks" not in body
    s = json.dumps(body, ensure_ascii=False)
    assert "<!channel>" not in s and "<!here>" not in s
    (att,) = body["attachments"]
    assert isinstance(att["fallback"], str) and att["fallback"]
    assert att["title"] and att["footer"]


def check_discord(body):
    assert body["allowed_mentions"] == {"parse": []}
    assert units(body.get("content", "")) <= 2000
    assert 1 <= len(body["embeds"]) <= 10
    total = 0
    for e in body["embeds"]:
        assert units(e.get("title", "")) <= 256
        assert units(e.get("description", "")) <= 4096
        total += units(e.get("title", "")) + units(e.get("description", ""))
        for f in e.get("fields", []):
            total += units(f["name"]) + units(f["value"])
    assert total <= 6000


def check_teams(raw, body):
    assert len(raw.encode()) <= 28000
    assert body["type"] == "message"
    att = body["attachments"][0]
    assert att["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = att["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    assert card["body"]


def test_formats_signatures_and_pacing(nginx, workdir, spawn, daemon_bin):
    """Three alerts (one with a 10,000-character hostile summary) to one
    target per format: every request valid for its format, signed twice,
    and Slack, Discord and Teams paced at their default 1/s."""
    long_text = (SEED + " " + HOSTILE + " ") * 4
    long_text = (long_text + "padding " * 2000)[:10000]
    items = csdp_items(2, "fmt") + [
        ("fmt-hostile", "EU CSDP mission " + HOSTILE, long_text)]
    url = serve_feed(nginx, items)
    s1 = secret_file(workdir, "s1", SECRET)
    s2 = secret_file(workdir, "s2", SECRET2)
    rec = Receiver(spawn, workdir, secrets=(SECRET, SECRET2))
    targets = "".join(webhook_target(f, rec.url(f"/{f}"), f, (s1, s2))
                      for f in FORMATS)
    conf = config(workdir, url, targets)

    t0 = time.monotonic()
    poll(daemon_bin, conf)
    took = time.monotonic() - t0

    reqs = rec.requests()
    by_path = {}
    for r in reqs:
        by_path.setdefault(r["path"], []).append(r)
    assert sorted(by_path) == sorted(f"/{f}" for f in FORMATS)
    # titles as the store holds them (the parser strips markup from them)
    titles = {a["title"] for a in alerts_json(daemon_bin, conf)}
    assert len(titles) == 3
    ids_json = set()
    for f in FORMATS:
        got = by_path[f"/{f}"]
        assert len(got) == 3, (f, len(got))
        assert len({r["webhook_id"] for r in got}) == 3
        for r in got:
            assert r["status"] == 204 and r["sig_ok"] and r["ts_ok"], r
            h = r["headers"]
            assert h["content-type"] == "application/json"
            assert h["user-agent"].startswith("ukeuwatch/")
            sigs = h["webhook-signature"].split(" ")
            raw = r["body"].encode()
            assert sigs == [
                sig_for(SECRET, r["webhook_id"], h["webhook-timestamp"], raw),
                sig_for(SECRET2, r["webhook_id"], h["webhook-timestamp"],
                        raw)]
            body = json.loads(r["body"])
            if f == "json":
                check_json(body, r["webhook_id"], titles)
                ids_json.add(r["webhook_id"])
            elif f == "slack":
                check_slack(body)
            elif f == "mattermost":
                check_mattermost(body)
            elif f == "discord":
                check_discord(body)
            else:
                check_teams(r["body"], body)
    # the same alert ids (webhook-id) go to every target
    for f in FORMATS:
        assert {r["webhook_id"] for r in by_path[f"/{f}"]} == ids_json
    # pacing: 1/s for slack, discord and teams, none for json/mattermost
    gaps = {}
    for f in FORMATS:
        ts = sorted(r["t"] for r in by_path[f"/{f}"])
        gaps[f] = [b - a for a, b in zip(ts, ts[1:])]
    # (arrival times: the first request of a burst may reach the receiver
    # a little late, so a gap can look some tens of ms short of 1 s)
    for f in ("slack", "discord", "teams"):
        assert min(gaps[f]) >= 0.85 and sum(gaps[f]) >= 1.8, (f, gaps[f])
    assert max(gaps["json"]) < 0.9, gaps["json"]
    print(f"\nformats: 15 requests in {took:.2f} s; gaps {gaps}")
    # the store agrees: every delivery recorded as delivered
    rows = alerts_json(daemon_bin, conf)
    assert len(rows) == 3
    for a in rows:
        assert sorted((d["target"], d["state"], d["status"])
                      for d in a["deliveries"]) == sorted(
            (f, "delivered", 204) for f in FORMATS)
    # the item's summary is carried; the hostile 10,000 characters are cut
    # to 4,000 (UTF-16 units) with an ellipsis in the generic payload
    data = [json.loads(r["body"])["data"] for r in by_path["/json"]]
    for d in data:
        assert d["summary"] is not None, "payload without the summary"
        if "fmt-hostile" in d["link"]:
            assert d["summary"].endswith("…")
            assert units(d["summary"]) == 4000
        else:
            assert d["summary"] == " ".join(SEED.split())


# -- faults -------------------------------------------------------------------

def test_receiver_down_30s_then_back(nginx, workdir, spawn, daemon_bin):
    """Nothing listens for 30 s, then the receiver comes up on the same
    port: every alert arrives exactly once (by webhook-id)."""
    url = serve_feed(nginx, csdp_items(3, "down"))
    s1 = secret_file(workdir, "s1", SECRET)
    port = free_port()
    conf = config(workdir, url, webhook_target(
        "hook", f"http://127.0.0.1:{port}/hook", "json", (s1,),
        "give-up-after = 10m\n"))
    d = Daemon(spawn, daemon_bin, conf, workdir)
    down_at = time.monotonic()
    time.sleep(30)
    assert d.proc.poll() is None, d.text()
    retries = [e for e in alert_log(workdir)
               if e["type"] == "delivery" and e["outcome"] == "retry"]
    assert len({e["alert_id"] for e in retries}) == 3
    assert all(e["status"] == 0 for e in retries)
    assert "will retry" in d.text()
    rec = Receiver(spawn, workdir, secrets=(SECRET,), port=port)
    up_at = time.monotonic()
    assert wait_for(lambda: len(rec.delivered()) == 3, 20), rec.requests()
    back = time.monotonic() - up_at
    time.sleep(5)  # longer than retry-max: a duplicate would show now
    counts = rec.delivered()
    assert sorted(counts.values()) == [1, 1, 1], counts
    assert len(rec.requests()) == 3
    rows = alerts_json(daemon_bin, conf)
    assert {a["id"] for a in rows} == set(counts)
    for a in rows:
        (dv,) = a["deliveries"]
        assert dv["state"] == "delivered" and dv["status"] == 204
        assert dv["attempts"] >= 5  # 30 s of 1..4 s backoff
    print(f"\ndown {up_at - down_at:.1f} s; all 3 delivered {back:.2f} s "
          f"after the receiver came back; attempts "
          f"{[a['deliveries'][0]['attempts'] for a in rows]}")


def signed_hook_run(nginx, workdir, spawn, daemon_bin, items, fmt,
                    **mode):
    """A daemon polling items, delivering to one signed webhook target of
    format fmt whose receiver answers in mode.  Returns (receiver, daemon,
    config path)."""
    url = serve_feed(nginx, items)
    rec = Receiver(spawn, workdir, secrets=(SECRET,))
    rec.control(**mode)
    s1 = secret_file(workdir, "s1", SECRET)
    conf = config(workdir, url, webhook_target(
        "hook", rec.url(), fmt, (s1,)))
    return rec, Daemon(spawn, daemon_bin, conf, workdir), conf


def test_429_retry_after_honoured(nginx, workdir, spawn, daemon_bin):
    rec, _, _ = signed_hook_run(nginx, workdir, spawn, daemon_bin,
                                csdp_items(1, "slow"), "json", mode="429",
                                count=1, retry_after=3)
    assert wait_for(lambda: len(rec.delivered()) == 1, 20), rec.requests()
    reqs = rec.requests()
    assert [r["status"] for r in reqs] == [429, 204]
    assert reqs[0]["webhook_id"] == reqs[1]["webhook_id"]
    gap = reqs[1]["t"] - reqs[0]["t"]
    # retry-min is 1 s (first retry at 0.5..1 s); Retry-After: 3 wins
    assert 2.95 <= gap < 6, gap
    assert reqs[1]["headers"]["webhook-timestamp"] != \
        reqs[0]["headers"]["webhook-timestamp"] or gap < 1
    print(f"\n429 Retry-After 3: next attempt after {gap:.2f} s")


def test_empty_rate_limit_bucket_waited_for(nginx, workdir, spawn,
                                            daemon_bin):
    """Discord announces X-RateLimit-Remaining: 0 with Reset-After: the
    next request waits for the refill instead of taking a 429, though the
    target's own pace (1/s) would send it sooner."""
    rec, d, conf = signed_hook_run(nginx, workdir, spawn, daemon_bin,
                                   csdp_items(3, "bucket"), "discord",
                                   mode="bucket", reset_after=2.5)
    assert wait_for(lambda: len(rec.delivered()) == 3, 20), rec.requests()
    reqs = rec.requests()
    assert [r["status"] for r in reqs] == [204, 204, 204], reqs
    assert len({r["webhook_id"] for r in reqs}) == 3
    gaps = [b["t"] - a["t"] for a, b in zip(reqs, reqs[1:])]
    assert all(2.45 <= g < 5 for g in gaps), gaps
    assert "rate limit is reached" in d.text()
    rows = alerts_json(daemon_bin, conf)
    # Waiting for the bucket is not a failed attempt.
    assert sorted(a["deliveries"][0]["attempts"] for a in rows) == [1, 1, 1]
    print(f"\nempty bucket, Reset-After 2.5 s: gaps "
          f"{[round(g, 2) for g in gaps]} s (pace alone: 1 s)")


def test_500_retried_with_backoff(nginx, workdir, spawn, daemon_bin):
    rec, d, _ = signed_hook_run(nginx, workdir, spawn, daemon_bin,
                                csdp_items(1, "boom"), "json",
                                mode="500", count=3)
    assert wait_for(lambda: len(rec.delivered()) == 1, 30), rec.requests()
    reqs = rec.requests()
    assert [r["status"] for r in reqs] == [500, 500, 500, 204]
    assert len({r["webhook_id"] for r in reqs}) == 1
    t = [r["t"] for r in reqs]
    gaps = [b - a for a, b in zip(t, t[1:])]
    # jitter above 1 s, 2 s, then below the 4 s cap: [1,1.5], [2,3], [3,4]
    assert 0.95 <= gaps[0] <= 2.0, gaps
    assert 1.95 <= gaps[1] <= 3.5, gaps
    assert 2.95 <= gaps[2] <= 4.5, gaps
    time.sleep(0.5)
    log = [e for e in alert_log(workdir) if e["type"] == "delivery"]
    assert [(e["outcome"], e["attempt"], e["status"]) for e in log] == [
        ("retry", 1, 500), ("retry", 2, 500), ("retry", 3, 500),
        ("delivered", 4, 204)]
    assert log[0]["detail"] == "HTTP 500: boom"
    assert d.text().count("will retry") == 3
    print(f"\n500 x3: retry gaps {[round(g, 2) for g in gaps]} s")


def test_404_dead_lettered_at_once(nginx, workdir, daemon_bin):
    url = serve_feed(nginx, csdp_items(2, "nohook"), [
        'location = /hook404 { default_type text/plain; '
        'return 404 "no_service\\n"; }'])
    conf = config(workdir, url, webhook_target(
        "dead", nginx.url("/hook404"), "slack", (), "rate-limit = 0\n"))
    r = poll(daemon_bin, conf)
    posts = [e for e in nginx.access_log() if e["method"] == "POST"]
    assert [(e["uri"], e["status"]) for e in posts] == [
        ("/hook404", 404), ("/hook404", 404)]
    errors = [line for line in r.stderr.splitlines()
              if " error: target dead: alert " in line]
    assert len(errors) == 2, r.stderr
    assert all("rejected (HTTP 404: no_service )" in e for e in errors), errors
    failed = alerts_json(daemon_bin, conf, "--failed")
    assert len(failed) == 2
    for a in failed:
        (dv,) = a["deliveries"]
        assert (dv["target"], dv["state"], dv["status"], dv["attempts"]) == \
            ("dead", "dead", 404, 1)
        assert dv["error"] == "HTTP 404: no_service "
    table = run([daemon_bin, "alerts", "-c", conf, "--failed"])
    assert table.returncode == 0
    assert table.stdout.count("dead: HTTP 404: no_service") == 2, \
        table.stdout
    for a in failed:
        assert a["title"] in table.stdout
    # dead stays dead: a second poll sends nothing
    poll(daemon_bin, conf)
    posts = [e for e in nginx.access_log() if e["method"] == "POST"]
    assert len(posts) == 2


def test_dead_deliveries_queued_again_from_the_cli(nginx, workdir, spawn,
                                                  daemon_bin):
    """A target that answered 410 (dead at once) is fixed; `alerts --retry`
    queues the dead deliveries again, through its own connection, and the
    running daemon sends them without a reload."""
    rec, d, conf = signed_hook_run(nginx, workdir, spawn, daemon_bin,
                                   csdp_items(2, "again"), "json",
                                   mode="410", count=2)
    assert wait_for(lambda: "started:" in d.text(), 10), d.text()
    assert wait_for(lambda: len(alerts_json(daemon_bin, conf, "--failed"))
                    == 2 and all(a["deliveries"][0]["state"] == "dead"
                                 for a in alerts_json(daemon_bin, conf)),
                    20), rec.requests()
    ids = sorted(a["id"] for a in alerts_json(daemon_bin, conf))

    bad = run([daemon_bin, "alerts", "-c", conf, "--retry",
               "--target", "nosuch"])
    assert bad.returncode == 2 and '"nosuch"' in bad.stderr, bad.stderr
    r = run([daemon_bin, "alerts", "-c", conf, "--retry", "--target", "hook"])
    assert r.returncode == 0, r.stderr
    assert sorted(r.stdout.splitlines()) == sorted(
        [f"queued again: alert {i} for hook" for i in ids] +
        ["2 deliveries queued again; a running daemon sends them within ten "
         "seconds, else at its next start"]), r.stdout
    queued = time.monotonic()

    assert wait_for(lambda: len(rec.delivered()) == 2, 25), rec.requests()
    took = time.monotonic() - queued
    reqs = rec.requests()
    assert [r["status"] for r in reqs] == [410, 410, 204, 204], reqs
    assert sorted(r["webhook_id"] for r in reqs[2:]) == ids
    rows = alerts_json(daemon_bin, conf)
    assert [(a["deliveries"][0]["state"], a["deliveries"][0]["attempts"])
            for a in rows] == [("delivered", 1)] * 2, rows
    again = run([daemon_bin, "alerts", "-c", conf, "--retry", "--json"])
    assert again.returncode == 0 and again.stdout == "", again.stdout
    assert d.proc.poll() is None
    print(f"\n2 dead deliveries queued again by `alerts --retry`, "
          f"delivered {took:.1f} s later by the running daemon")


def test_sigkill_with_deliveries_in_flight(nginx, workdir, spawn,
                                           daemon_bin):
    """The receiver hangs on every request; the daemon is killed while all
    three are in flight.  After a restart each alert is delivered once."""
    url = serve_feed(nginx, csdp_items(3, "kill"))
    rec = Receiver(spawn, workdir, secrets=(SECRET,))
    rec.control(mode="hang", hang=40)
    s1 = secret_file(workdir, "s1", SECRET)
    # all three in flight at once (two per host by default), and none
    # timing out before the kill
    conf = config(workdir, url, webhook_target(
        "hook", rec.url(), "json", (s1,), "timeout = 10s\n"),
        "max-host-connections = 4")
    d = Daemon(spawn, daemon_bin, conf, workdir, "first")
    assert wait_for(lambda: len(rec.requests()) == 3, 15), rec.requests()
    d.proc.send_signal(signal.SIGKILL)
    d.proc.wait(timeout=10)
    killed = time.monotonic()
    rec.control(mode="ok")
    rows = alerts_json(daemon_bin, conf)
    assert len(rows) == 3
    assert all(a["deliveries"][0]["state"] in ("queued", "retrying")
               for a in rows)
    Daemon(spawn, daemon_bin, conf, workdir, "second")
    assert wait_for(lambda: len(rec.delivered()) == 3, 40), rec.requests()
    after = time.monotonic() - killed
    time.sleep(2)
    counts = rec.delivered()
    assert sorted(counts.values()) == [1, 1, 1], counts
    # each one twice: unanswered before the kill, answered after it
    reqs = rec.requests()
    assert sorted((r["webhook_id"], r["status"] or 0) for r in reqs) == \
        sorted([(i, 0) for i in counts] + [(i, 204) for i in counts])
    for a in alerts_json(daemon_bin, conf):
        assert a["deliveries"][0]["state"] == "delivered"
    print(f"\nSIGKILL with 3 in flight: all delivered {after:.1f} s later")


# -- mail ---------------------------------------------------------------------

class Smtp:
    """aiosmtpd in this process.  refuse = how many DATA commands get 451
    before mail is accepted."""

    def __init__(self, refuse=0):
        from aiosmtpd.controller import Controller

        self.messages = []  # (arrival time, envelope)
        self.attempts = 0
        self.refuse = refuse
        self.lock = threading.Lock()
        outer = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                with outer.lock:
                    outer.attempts += 1
                    if outer.refuse > 0:
                        outer.refuse -= 1
                        return "451 4.3.0 try again later"
                    outer.messages.append((time.time(), envelope))
                return "250 2.0.0 accepted"

        self.port = free_port()
        self.ctl = Controller(Handler(), hostname="127.0.0.1",
                              port=self.port)
        self.ctl.start()

    def parsed(self):
        return [m for _, m in self.parsed_at()]

    def parsed_at(self):
        """(arrival time, message) for each accepted message."""
        with self.lock:
            return [(t, email.message_from_bytes(
                        e.original_content, policy=email.policy.default))
                    for t, e in self.messages]

    def stop(self):
        self.ctl.stop()


@pytest.fixture
def smtp():
    servers = []

    def start(refuse=0):
        s = Smtp(refuse)
        servers.append(s)
        return s

    yield start
    for s in servers:
        s.stop()


def mail_target(name, port, extra=""):
    return (f'[target "{name}"]\ntype = mail\n'
            f"url = smtp://127.0.0.1:{port}\nstarttls = no\n"
            "from = ukeuwatch <alerts@watch.example>\n"
            "to = Ops <ops@example.org>, b@example.net\n"
            f"profiles = csdp\ntimeout = 5s\n{extra}\n")


def parts(msg):
    return {p.get_content_type(): p.get_content() for p in msg.walk()
            if not p.is_multipart()}


def test_mail_headers_and_parts(nginx, workdir, smtp, daemon_bin):
    title = "Sécurité: UK & EU <b>CSDP</b> mission – München"
    statement_html = "UK &amp; EU"
    url = serve_feed(nginx, [("mail-1", title, SEED)])
    srv = smtp()
    conf = config(workdir, url, mail_target("ops", srv.port))
    poll(daemon_bin, conf)
    assert len(srv.messages) == 1
    env = srv.messages[0][1]
    assert env.mail_from == "alerts@watch.example"
    assert env.rcpt_tos == ["ops@example.org", "b@example.net"]
    raw = env.original_content.decode("ascii")  # 7-bit clean
    subject_raw = re.search(r"^Subject: (.*(?:\r\n[ \t].*)*)", raw,
                            re.M).group(1)
    assert "=?UTF-8?" in subject_raw.upper()
    (msg,) = srv.parsed()
    (alert,) = alerts_json(daemon_bin, conf)
    # the feed parser strips markup from titles
    assert alert["title"] == "Sécurité: UK & EU CSDP mission – München"
    title = alert["title"]
    assert msg["Subject"] == f"[csdp] {title}"
    assert msg["From"] == "ukeuwatch <alerts@watch.example>"
    assert msg["To"] == "Ops <ops@example.org>, b@example.net"
    assert msg["MIME-Version"] == "1.0"
    assert msg["Auto-Submitted"] == "auto-generated"
    assert msg["List-Id"] == "<csdp.ukeuwatch.watch.example>"
    assert msg["Message-ID"] == f"<{alert['id']}.ops@watch.example>"
    date = email.utils.parsedate_to_datetime(msg["Date"])
    assert abs(date.timestamp() - time.time()) < 60
    assert msg.get_content_type() == "multipart/alternative"
    p = parts(msg)
    assert list(p) == ["text/plain", "text/html"]
    assert title in p["text/plain"]
    assert html.escape(title, quote=False) in p["text/html"]
    assert statement_html in p["text/html"]
    assert "UK & EU" not in p["text/html"]
    assert (alert["deliveries"][0]["state"],
            alert["deliveries"][0]["status"]) == ("delivered", 250)


def test_mail_digest_batches(nginx, workdir, smtp, spawn, daemon_bin):
    url = serve_feed(nginx, csdp_items(3, "digest"))
    srv = smtp()
    conf = config(workdir, url, mail_target("ops", srv.port,
                                            "digest = 2s\n"))
    start = time.time()
    Daemon(spawn, daemon_bin, conf, workdir)
    assert wait_for(lambda: len(srv.messages) >= 1, 15)
    waited = srv.messages[0][0] - start
    time.sleep(3)  # a second mail would have come by now
    assert len(srv.messages) == 1
    (msg,) = srv.parsed()
    p = parts(msg)
    assert list(p) == ["text/plain", "text/html"]
    for i in range(3):
        assert f"UK joins EU CSDP mission digest {i}" in p["text/plain"]
    assert waited >= 1.9, waited
    rows = alerts_json(daemon_bin, conf)
    assert [a["deliveries"][0]["state"] for a in rows] == ["delivered"] * 3
    print(f"\ndigest = 2s: 3 alerts in one mail {waited:.2f} s after start")


def test_mail_451_then_accepted_once(nginx, workdir, smtp, spawn,
                                     daemon_bin):
    url = serve_feed(nginx, csdp_items(1, "soft"))
    srv = smtp(refuse=1)
    conf = config(workdir, url, mail_target("ops", srv.port))
    Daemon(spawn, daemon_bin, conf, workdir)
    assert wait_for(lambda: len(srv.messages) == 1, 20)
    time.sleep(2)
    assert len(srv.messages) == 1 and srv.attempts == 2
    log = [e for e in alert_log(workdir) if e["type"] == "delivery"]
    assert [(e["outcome"], e["status"]) for e in log] == [
        ("retry", 451), ("delivered", 250)]
    (a,) = alerts_json(daemon_bin, conf)
    assert (a["deliveries"][0]["state"], a["deliveries"][0]["attempts"]) == \
        ("delivered", 2)


# -- test-alert ---------------------------------------------------------------

def test_test_alert_command(workdir, spawn, smtp, daemon_bin):
    rec = Receiver(spawn, workdir, secrets=(SECRET,))
    srv = smtp()
    s1 = secret_file(workdir, "s1", SECRET)
    conf = config(workdir, "http://127.0.0.1:9/unused.rss",
                  webhook_target("hook", rec.url(), "discord", (s1,))
                  + mail_target("ops", srv.port))
    r = run([daemon_bin, "test-alert", "-c", conf, "hook"])
    assert (r.returncode, r.stdout) == (0, "hook: HTTP 204 (delivered)\n")
    (req,) = rec.requests()
    assert req["sig_ok"] is True
    assert json.loads(req["body"])["allowed_mentions"] == {"parse": []}

    rec.control(mode="500", count=1)
    r = run([daemon_bin, "test-alert", "-c", conf, "hook"])
    assert (r.returncode, r.stdout) == (
        1, "hook: HTTP 500 (retry)\n  response: boom\n")

    r = run([daemon_bin, "test-alert", "-c", conf, "ops"])
    assert (r.returncode, r.stdout) == (0, "ops: SMTP 250 (delivered)\n")
    (msg,) = srv.parsed()
    assert "test alert" in msg["Subject"]

    r = run([daemon_bin, "test-alert", "-c", conf, "nope"])
    assert r.returncode == 2 and r.stdout == ""
    assert "no target 'nope'" in r.stderr

    # nothing listening: a transport failure, exit 1
    conf2 = config(workdir, "http://127.0.0.1:9/unused.rss", webhook_target(
        "hook", f"http://127.0.0.1:{free_port()}/hook", "json"))
    r = run([daemon_bin, "test-alert", "-c", conf2, "hook"])
    assert (r.returncode, r.stdout) == (
        1, "hook: connection refused (retry)\n")
