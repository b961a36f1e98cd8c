"""`ukeuwatch status` and `ukeuwatch alerts` on a state file made by the
real daemon: `ukeuwatch poll` against nginx, with two healthy feeds and
three failing ones (404, 410 Gone, connection refused), and four webhook
targets whose outbox rows end delivered, dead (404), retrying (503) and
queued (the poll killed while that delivery hangs).

Both commands read the state file through a read-only connection; the
test compares their whole output, with only the relative and absolute
times masked, and checks those against the poll's own timing."""

import calendar
import email.utils
import fcntl
import json
import os
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from conftest import (ROOT, free_port, run, stop_process, wait_for,
                      write_config)
from ukwhelp import (DULL, PROFILES, SANCTIONS, hanging_server, state_rows)

CSDP_TITLE = "EU extends CSDP military training mission in Mali"
CSDP_TEXT = ("The Council extended the mandate of the EU's common security "
             "and defence policy mission, with third-country participation")
SANCTIONS_TITLE = "EU sanctions on Russia"
BREXIT_TITLE = "UK and EU agree defence and security partnership after Brexit"
BREXIT_TEXT = ("Britain and the European Union signed a security and defence "
               "pact covering military mobility and foreign policy "
               "cooperation")


def rss(items):
    """RSS 2.0; items are (guid, title, description), dated a minute ago."""
    now = email.utils.formatdate(time.time() - 60, usegmt=True)
    body = "".join(
        f"<item><title>{t}</title><guid isPermaLink='false'>{g}</guid>"
        f"<link>http://example.org/{g}</link><pubDate>{now}</pubDate>"
        f"<description>{d}</description></item>" for g, t, d in items)
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'>"
            "<channel><title>t</title><link>http://example.org/</link>"
            f"<description>d</description>{body}</channel></rss>\n")


def target(name, url, profiles):
    return (f'[target "{name}"]\ntype = webhook\nurl = {url}\n'
            f"profiles = {profiles}\ntimeout = 30s\n")


def build(nginx, workdir, daemon_bin):
    """Poll once; kill the poll while hook-hang's delivery hangs."""
    nginx.write("news.rss", rss([("s1", SANCTIONS_TITLE, SANCTIONS),
                                 ("d1", "Bakery opens", DULL)]))
    nginx.write("wire.rss", rss([("c1", CSDP_TITLE, CSDP_TEXT)]))
    nginx.write("brief.rss", rss([("b1", BREXIT_TITLE, BREXIT_TEXT)]))
    nginx.gone("/gone.rss")
    for path, code in (("ok", 204), ("dead", 404), ("busy", 503)):
        nginx.location(f"location = /hook/{path} {{ return {code}; }}")
    nginx.start()
    hang = hanging_server()
    closed = free_port()
    conf = write_config(workdir, "\n".join([
        "[daemon]", f"state = {workdir}/state.db",
        f"alert-log = {workdir}/alerts.jsonl", f"profiles = {PROFILES}",
        "interval = 1h", "retry-min = 1h", "retry-max = 2h", "",
        "[feed news]", f"url = {nginx.url('/news.rss')}",
        "profiles = sanctions", "",
        "[feed wire]", f"url = {nginx.url('/wire.rss')}", "profiles = csdp",
        "", "[feed brief]", f"url = {nginx.url('/brief.rss')}",
        "profiles = brexit-defence",
        "", "[feed missing]", f"url = {nginx.url('/missing.rss')}", "",
        "[feed gone]", f"url = {nginx.url('/gone.rss')}", "",
        "[feed refused]", f"url = http://127.0.0.1:{closed}/feed.rss", "",
        target("hook-ok", nginx.url("/hook/ok"),
               "sanctions, csdp, brexit-defence"),
        target("hook-dead", nginx.url("/hook/dead"), "sanctions"),
        target("hook-busy", nginx.url("/hook/busy"), "csdp"),
        target("hook-hang", hang.url("/hook"), "csdp"),
        target("hook-idle", nginx.url("/hook/ok"), "csdp")
        + "min-score = 1000\n"]))
    t0 = time.time()
    log = open(workdir / "poll.log", "w")
    proc = subprocess.Popen([str(daemon_bin), "poll", "-c", str(conf)],
                            stdout=subprocess.DEVNULL, stderr=log,
                            stdin=subprocess.DEVNULL)
    log.close()
    try:
        def settled():
            try:  # the file and its schema appear as the poll starts
                rows = state_rows(workdir, "SELECT target, state FROM"
                                  " deliveries WHERE target <> 'hook-hang'")
            except sqlite3.OperationalError:
                return False
            return hang.connected.is_set() and len(rows) == 5 and \
                all(s != 0 for _, s in rows)
        assert wait_for(settled, 20), (workdir / "poll.log").read_text()
        # Killed as a crash would: the hanging delivery stays queued.
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        stop_process(proc)
        hang.close()
    return conf, t0, time.time()


def ukw(daemon_bin, conf, *args):
    r = run([daemon_bin, *args, "-c", conf], timeout=30)
    assert r.returncode == 0, r.stderr
    return r.stdout


def iso_ms(s):
    return calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ")) * 1000


STATUS = """\
FEED                       LAST POLL  STATUS           ITEMS NEW 24H NEXT POLL  ERRORS
gone                       Ns ago     HTTP 410             0       0 stopped         1
    HTTP 410 Gone; polling stopped, remove the feed from the config
missing                    Ns ago     HTTP 404             0       0 in T            1
    HTTP 404; retrying
refused                    Ns ago     connect              0       0 in T            1
    connection refused; the server is down or unreachable; retrying
brief                      Ns ago     200                  1       1 in T            0
news                       Ns ago     200                  2       2 in T            0
wire                       Ns ago     200                  1       1 in T            0

TARGET                       QUEUED RETRYING     DEAD DELIVERED
hook-busy                         0        1        0         0
hook-dead                         0        0        1         0
hook-hang                         1        0        0         0
hook-idle                         0        0        0         0
hook-ok                           0        0        0         3
"""


def mask(text):
    text = re.sub(r"\b\d+s ago ", "Ns ago ", text)
    # Width kept, so that the columns are checked too.
    return re.sub(r"\bin \d+[smh]\b",
                  lambda m: "in T".ljust(len(m.group())), text)


def test_status_table_and_json(nginx, workdir, daemon_bin):
    conf, t0, t1 = build(nginx, workdir, daemon_bin)
    # The daemon's flock, as if it still ran: next polls are then real.
    with open(workdir / "state.db", "rb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        check_status(conf, t0, t1, nginx, daemon_bin)


def check_status(conf, t0, t1, nginx, daemon_bin):
    out = ukw(daemon_bin, conf, "status")
    assert mask(out) == STATUS, out
    # A feed and a target the config no longer names are marked.
    text = conf.read_text()
    text = re.sub(r"\[feed refused\]\nurl = \S+\n", "", text)
    text = re.sub(r'\[target "hook-hang"\]\n(\S.*\n)*', "", text)
    conf.write_text(text)
    out = mask(ukw(daemon_bin, conf, "status"))
    assert out == STATUS.replace(
        "refused                    Ns ago     connect              0       0 "
        "in T            1\n",
        "refused                    Ns ago     connect              0       0 "
        "in T            1  (not in the config)\n").replace(
        "hook-hang                         1        0        0         0\n",
        "hook-hang                         1        0        0         0  "
        "(not in the config)\n"), out

    js = json.loads(ukw(daemon_bin, conf, "status", "--json"))
    assert js.pop("daemon_running") is True
    for f in js["feeds"]:
        assert t0 * 1000 - 1000 <= iso_ms(f.pop("last_poll")) <= t1 * 1000
        nxt = f.pop("next_poll")
        assert (nxt is None) == (f["name"] == "gone"), f
        assert nxt is None or iso_ms(nxt) > t1 * 1000, f
        last_ok = f.pop("last_ok")
        assert (last_ok is None) == (f["error_streak"] > 0), f
        assert f.pop("bytes") >= 0 and f.pop("duration_ms") >= 0
        new_at = f.pop("last_new_at")
        assert (new_at is None) == (f["items"] == 0), f
        assert new_at is None or \
            t0 * 1000 - 1000 <= iso_ms(new_at) <= t1 * 1000
        url = f.pop("url")
        assert url == nginx.url(f"/{f['name']}.rss") or \
            f["name"] == "refused" and url.endswith("/feed.rss"), url
    base = {"http_status": 200, "error_class": None, "error": None,
            "items": 0, "new_24h": 0, "last_new": 0, "error_streak": 0,
            "gone": False, "guid_rewrites": 0, "configured": True,
            "usual_new_gap_s": None, "quiet": False}
    assert js["feeds"] == [
        dict(base, name="gone", http_status=410, error_class="http",
             error="HTTP 410 Gone; polling stopped, remove the feed from "
             "the config", error_streak=1, gone=True),
        dict(base, name="missing", http_status=404, error_class="http",
             error="HTTP 404; retrying", error_streak=1),
        dict(base, name="refused", http_status=0, error_class="connect",
             error="connection refused; the server is down or "
             "unreachable; retrying", error_streak=1, configured=False),
        dict(base, name="brief", items=1, new_24h=1, last_new=1),
        dict(base, name="news", items=2, new_24h=2, last_new=2),
        dict(base, name="wire", items=1, new_24h=1, last_new=1)]
    zero = {"queued": 0, "retrying": 0, "delivered": 0, "dead": 0,
            "configured": True}
    assert js["outbox"] == [
        dict(zero, target="hook-busy", retrying=1),
        dict(zero, target="hook-dead", dead=1),
        dict(zero, target="hook-hang", queued=1, configured=False),
        dict(zero, target="hook-idle"),
        dict(zero, target="hook-ok", delivered=3)]



ERR404 = ("HTTP 404: <html>  <head><title>404 Not Found</title></head>  "
          "<body>  <center><h1>404 Not Found</h1></center>  <hr><center>"
          "nginx/")
ERR503 = ("HTTP 503: <html>  <head><title>503 Service Temporarily "
          "Unavailable</title></head>  <body>  <center><h1>503 Service "
          "Temporarily Unavailable</h1></center>  <hr><center>nginx/")


def expected_alerts(workdir):
    """The alerts in the state file, oldest first, as `alerts --json`
    shows them, less the times (checked apart)."""
    rows = state_rows(workdir, "SELECT id, profile, score, terms, title,"
                      " link, feed, summary FROM alerts WHERE near = 0"
                      " ORDER BY created, id")
    out = []
    for aid, profile, score, terms, title, link, feed, summary in rows:
        dv = state_rows(workdir, "SELECT target, state, attempts,"
                        " http_status FROM deliveries WHERE alert_id = ?"
                        " ORDER BY target", (aid,))
        out.append({
            "id": aid, "profile": profile, "score": score,
            "terms": json.loads(terms), "statement": None, "speaker": None,
            "statement_quoted": False,
            "title": title, "link": link, "summary": summary, "feed": feed,
            "review": None, "also_in": [], "near": False, "deliveries": [
                {"target": t, "state": ["queued", "retrying", "delivered",
                                        "dead"][st],
                 "attempts": n, "status": code} for t, st, n, code in dv]})
    return out


def alerts_json(daemon_bin, conf, *args):
    lines = [json.loads(x) for x in
             ukw(daemon_bin, conf, "alerts", "--json", *args).splitlines()]
    for a in lines:
        for k in ("published", "detected_at", "latency", "created"):
            a.pop(k)
        # One alert per (item, profile): its one profile, flattened as
        # expected_alerts reads the row; the feed by name.
        (p,) = a.pop("profiles")
        assert p["alert_id"] == a["id"], a
        a.update(profile=p["name"], score=p["score"], terms=p["terms"])
        a["feed"] = a["feed"]["name"]
        for d in a["deliveries"]:
            assert d.pop("message") == a["id"], d  # one profile per item
            err = d.pop("error")
            assert err is None or err.startswith(
                ERR404 if d["status"] == 404 else ERR503), err
            assert (d.pop("delivered") is None) == (d["state"] != "delivered")
            assert (d.pop("next_attempt") is None) == \
                (d["state"] in ("delivered", "dead")), d
    return lines


def test_alerts_filters(nginx, workdir, daemon_bin):
    conf, t0, t1 = build(nginx, workdir, daemon_bin)
    every = expected_alerts(workdir)
    by = {a["profile"]: a for a in every}
    assert sorted(by) == ["brexit-defence", "csdp", "sanctions"]
    assert by["sanctions"]["summary"] == SANCTIONS
    assert by["csdp"]["summary"] == CSDP_TEXT
    assert [d["state"] for d in by["csdp"]["deliveries"]] == \
        ["retrying", "queued", "delivered"]

    assert alerts_json(daemon_bin, conf) == every
    assert alerts_json(daemon_bin, conf, "--since", "1h") == every
    assert alerts_json(daemon_bin, conf, "--profile", "csdp") == \
        [by["csdp"]]
    assert alerts_json(daemon_bin, conf, "--feed", "news") == \
        [by["sanctions"]]
    assert alerts_json(daemon_bin, conf, "--target", "hook-dead") == \
        [by["sanctions"]]
    assert alerts_json(daemon_bin, conf, "--target", "hook-ok") == every
    assert alerts_json(daemon_bin, conf, "--failed") == \
        [a for a in every if a["profile"] != "brexit-defence"]
    assert alerts_json(daemon_bin, conf, "--failed", "--feed", "brief") == []
    assert alerts_json(daemon_bin, conf, "--profile", "csdp", "--feed",
                       "news") == []

    # The table: one entry per alert, its deliveries, errors cut short.
    out = ukw(daemon_bin, conf, "alerts", "--failed")
    out = re.sub(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "CREATED", out,
                 flags=re.M)
    out = re.sub(r"(?<=  )\d+m(\d+s)? +(?=hook)",
                 lambda m: "LAT".ljust(len(m.group())), out)
    want = ["CREATED               PROFILE          SCORE  FEED"
            "               LATENCY  DELIVERIES"]
    for a in every:
        if a["profile"] == "brexit-defence":
            continue
        dv = " ".join(f"{d['target']}:{d['state']}" for d in a["deliveries"])
        want.append(f"CREATED  {a['profile']:<15} {a['score']:6.1f}  "
                    f"{a['feed']:<18} LAT      {dv}")
        want.append(f"    {a['id'][:8]}  {a['title']}")
        for d in a["deliveries"]:
            if d["state"] in ("dead", "retrying"):
                (err,), = state_rows(
                    workdir, "SELECT last_error FROM deliveries WHERE"
                    " alert_id = ? AND target = ?", (a["id"], d["target"]))
                assert len(err) > 160, err
                want.append(f"    {d['target']}: {err[:160]}...")
    assert out.splitlines() == want, out

    # --since counts back from now; a bad duration is a usage error.
    time.sleep(1.5)
    assert alerts_json(daemon_bin, conf, "--since", "1s") == []
    r = run([daemon_bin, "alerts", "--since", "soon", "-c", conf])
    assert r.returncode == 2 and "--since" in r.stderr, r.stderr


def test_quiet_feed(nginx, workdir, daemon_bin):
    """A feed that polls fine but has brought nothing new for far longer
    than it usually does is flagged; its rhythm is the median gap between
    the polls that brought new items.  Six polls each bring one item; their
    first sightings are then moved to 5 h apart, the last 3 days ago."""
    conf = write_config(workdir, "\n".join([
        "[daemon]", f"state = {workdir}/state.db",
        f"alert-log = {workdir}/alerts.jsonl", f"profiles = {PROFILES}",
        "interval = 1h", "", "[feed steady]",
        f"url = {nginx.url('/steady.rss')}", "",
        "[feed fresh]", f"url = {nginx.url('/fresh.rss')}", ""]))
    nginx.write("fresh.rss", rss([("f1", "Fresh", DULL)]))
    nginx.start()
    items = []
    for i in range(6):
        items.append((f"s{i}", f"Item {i}", DULL))
        nginx.write("steady.rss", rss(items))
        ukw(daemon_bin, conf, "poll")
    (fid,), = state_rows(workdir, "SELECT id FROM feeds WHERE name = ?",
                         ("steady",))
    seen = [t for t, in state_rows(
        workdir, "SELECT DISTINCT first_seen FROM items WHERE feed_id = ?"
        " ORDER BY first_seen", (fid,))]
    # Every poll brought one new item (dated a minute ago: not backlog).
    assert len(seen) == 6, seen
    now = int(time.time() * 1000)
    hour = 3600 * 1000
    db = sqlite3.connect(f"{workdir}/state.db")
    with db:
        for k, t in enumerate(seen):
            db.execute("UPDATE items SET first_seen = ? WHERE feed_id = ?"
                       " AND first_seen = ?",
                       (now - 72 * hour - (5 - k) * 5 * hour, fid, t))
    db.close()

    out = ukw(daemon_bin, conf, "status")
    line = next(l for l in out.splitlines() if l.startswith("steady "))
    assert line.endswith("  (nothing new for 3d; usually every 5h)"), out
    assert "usually" not in next(l for l in out.splitlines()
                                 if l.startswith("fresh "))
    js = {f["name"]: f for f in
          json.loads(ukw(daemon_bin, conf, "status", "--json"))["feeds"]}
    assert (js["steady"]["quiet"], js["steady"]["usual_new_gap_s"]) == \
        (True, 5 * 3600), js["steady"]
    assert abs(iso_ms(js["steady"]["last_new_at"]) - (now - 72 * hour)) \
        <= 1000
    assert (js["fresh"]["quiet"], js["fresh"]["usual_new_gap_s"]) == \
        (False, None), js["fresh"]


def test_review_marks_and_labels(nginx, workdir, daemon_bin, tmp_path):
    """An analyst marks alerts relevant or noise (by an id prefix as the
    table shows it, or whole); the verdicts show in `alerts` and come out
    of --labels as a labelled set that score.py reads."""
    conf, t0, t1 = build(nginx, workdir, daemon_bin)
    by = {a["profile"]: a for a in expected_alerts(workdir)}
    sanc, csdp = by["sanctions"]["id"], by["csdp"]["id"]

    def alerts(*args, code=0):
        r = run([daemon_bin, "alerts", "-c", conf, *args], timeout=30)
        assert r.returncode == code, (args, r.stdout, r.stderr)
        return r

    out = alerts("--mark", "noise", sanc[:8]).stdout
    assert out == f"alert {sanc}: noise\n"
    # A second verdict replaces the first.
    out = alerts("--mark", "relevant", sanc[:8], csdp[:10]).stdout
    assert out == f"alert {sanc}: relevant\nalert {csdp}: relevant\n"
    out = alerts("--mark", "noise", "--note", "a training mission update",
                 csdp).stdout
    assert out == f"alert {csdp}: noise: a training mission update\n"

    table = alerts("--profile", "csdp").stdout
    assert f"    {csdp[:8]}  {CSDP_TITLE}  [noise: a training mission " \
        "update]\n" in table, table
    assert f"    {sanc[:8]}  {SANCTIONS_TITLE}  [relevant]\n" in \
        alerts("--feed", "news").stdout
    reviews = {a["profile"]: a["review"] for a in alerts_json(
        daemon_bin, conf)}
    assert reviews == {
        "sanctions": {"verdict": "relevant", "note": None},
        "csdp": {"verdict": "noise", "note": "a training mission update"},
        "brexit-defence": None}

    labels = [json.loads(line) for line in
              alerts("--labels").stdout.splitlines()]
    today = time.strftime("%Y-%m-%d", time.gmtime(t0 - 60))
    assert labels == [
        {"id": "news/s1", "title": SANCTIONS_TITLE, "summary": SANCTIONS,
         "date": today, "labels": ["sanctions"],
         "reviewed": {"sanctions": "relevant"}, "notes": {}},
        {"id": "wire/c1", "title": CSDP_TITLE, "summary": CSDP_TEXT,
         "date": today, "labels": [], "reviewed": {"csdp": "noise"},
         "notes": {"csdp": "a training mission update"}}], labels

    # Mistakes are usage errors that name what is wrong.
    r = alerts("--mark", "maybe", sanc, code=2)
    assert "relevant or noise" in r.stderr
    r = alerts("--mark", "noise", "zzzzzzzz", code=2)
    assert '"zzzzzzzz" is not an alert id' in r.stderr
    r = alerts("--mark", "noise", "0" * 32, code=1)
    assert "no alert with id " + "0" * 32 in r.stderr
    r = alerts("--mark", "noise", code=2)
    assert "give their ids" in r.stderr
    r = alerts("--labels", "--retry", code=2)
    assert "give one" in r.stderr

    # The labelled set is what the evaluation scorer reads.
    score = ROOT / "tests" / "eval" / "score.py"
    gold = tmp_path / "labels.jsonl"
    gold.write_text(alerts("--labels").stdout)
    r = run(["/usr/bin/python3", score, "--cmd",
             f"{daemon_bin} match -p {PROFILES}", "--gold", gold],
            timeout=60)
    assert r.returncode == 0, r.stderr
    assert f"gold: {gold} (2 items)" in r.stdout, r.stdout
    # the sanctions item is labelled and matched, the csdp one is labelled
    # noise and matched: one true positive, one false alarm
    rows = {}
    for line in r.stdout.splitlines():
        w = line.split()
        if len(w) == 9 and w[1].isdigit():  # the table, not the examples
            rows.setdefault(w[0], w[1:6])
    assert rows["sanctions"] == ["1", "1", "1", "0", "0"], r.stdout
    assert rows["csdp"] == ["0", "1", "0", "1", "0"], r.stdout
