"""Fetching, as a server sees it: conditional GET, new-item detection,
Retry-After, backoff, timeouts, the body cap, redirects, gzip, error
classification and the exit status of `ukeuwatch poll`.

Each test serves fixtures from nginx (or a tiny python server where nginx
cannot misbehave the right way) on 127.0.0.1, runs `ukeuwatch poll -v` or
`ukeuwatch run` on a config in a temp dir, and checks nginx's access log,
the `poll -v` lines, the alert log and the state file (read-only)."""

import json
import re
import signal
import subprocess
import time

from conftest import run, stop_process, wait_for, write_config
from ukwhelp import (DULL, SANCTIONS, config, drip_server, endless_server,
                     feed_row, hanging_server, poll_lines, requests_to, rss,
                     state_rows)

MTIME = 1700000000
# ukeuwatch and its version, and no URL it does not own; [feed b]
# overrides it.
UA = re.compile(r"ukeuwatch/[0-9]+\.[0-9]+\.[0-9]+")
# The feed media types first, then generic XML, then anything.
ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
          "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8")


def poll(daemon_bin, conf, *extra, timeout=60):
    return run([daemon_bin, "poll", "-v", "-c", conf, *extra],
               timeout=timeout)


def alert_log(workdir):
    path = workdir / "alerts.jsonl"
    if not path.exists():
        return []
    lines = [json.loads(line) for line in path.read_text().splitlines()
             if line.strip()]
    # One line per item; one entry per (item, profile) alert, as before.
    return [dict(e["data"], profile=p["name"]) for e in lines
            if e["type"] == "alert.matched" for p in e["data"]["profiles"]]


def item_keys(workdir, feed):
    return sorted(k for (k,) in state_rows(
        workdir, "SELECT i.key FROM items i JOIN feeds f ON f.id = i.feed_id"
        " WHERE f.name = ?", (feed,)))


def test_conditional_get_and_new_items(nginx, workdir, daemon_bin):
    a_items = [("a1", "EU sanctions on a bank", SANCTIONS),
               ("a2", "Bakery news", DULL),
               ("a3", "UK asset freeze list grows", SANCTIONS)]
    b_items = [("b1", "More bread", DULL), ("b2", "Cakes", DULL)]
    doc_a, doc_b = rss(a_items), rss(b_items)
    nginx.write("a.rss", doc_a, mtime=MTIME)
    nginx.write("b.rss", doc_b, mtime=MTIME)
    nginx.start()
    conf = write_config(workdir, config(workdir, [
        ("a", nginx.url("/a.rss")),
        ("b", nginx.url("/b.rss"), {"user_agent": "Mozilla/5.0 (test)"})]))

    # First poll: everything is new, both 200, gzip on the wire.
    r = poll(daemon_bin, conf)
    assert r.returncode == 0, r.stderr
    lines = poll_lines(r.stderr)
    assert lines["a"][0] == "ok" and lines["b"][0] == "ok", r.stdout
    assert {k: lines["a"][1][k] for k in ("status", "items", "new")} == \
        {"status": 200, "items": 3, "new": 3}
    assert {k: lines["b"][1][k] for k in ("status", "items", "new")} == \
        {"status": 200, "items": 2, "new": 2}
    log = nginx.access_log()
    assert sorted((e["uri"], e["status"], e["inm"], e["ims"])
                  for e in log) == [("/a.rss", 200, "", ""),
                                    ("/b.rss", 200, "", "")]
    for e in log:
        assert "gzip" in e["accept_encoding"].split(", ")
        assert e["accept"] == ACCEPT, e
        assert e["content_encoding"] == "gzip"
        if e["uri"] == "/a.rss":
            assert UA.fullmatch(e["user_agent"]), e["user_agent"]
        else:
            assert e["user_agent"] == "Mozilla/5.0 (test)"
        assert e["body_bytes"] < len(doc_a)  # compressed on the wire
    assert lines["a"][1]["bytes"] == len(doc_a)  # decoded size parsed
    first_alerts = alert_log(workdir)
    assert sorted(a["title"] for a in first_alerts) == [
        "EU sanctions on a bank", "UK asset freeze list grows"]
    assert {a["profile"] for a in first_alerts} == {"sanctions"}
    assert item_keys(workdir, "a") == ["a1", "a2", "a3"]

    # Second poll: nothing changed, only 304s, validators echoed back.
    r = poll(daemon_bin, conf)
    assert r.returncode == 0, r.stderr
    lines = poll_lines(r.stderr)
    assert {n: (s, f["status"], f["new"]) for n, (s, f, _) in lines.items()} \
        == {"a": ("unchanged", 304, 0), "b": ("unchanged", 304, 0)}
    second = nginx.access_log()[2:]
    etag_a = 'W/"%x-%x"' % (MTIME, len(doc_a))
    etag_b = 'W/"%x-%x"' % (MTIME, len(doc_b))
    assert sorted((e["uri"], e["status"], e["inm"], e["ims"])
                  for e in second) == [
        ("/a.rss", 304, etag_a, "Tue, 14 Nov 2023 22:13:20 GMT"),
        ("/b.rss", 304, etag_b, "Tue, 14 Nov 2023 22:13:20 GMT")]
    assert all(e["body_bytes"] == 0 for e in second)

    # Feed a gains two items (one alerting): exactly those are new.
    a_items2 = [("a5", "EU sanctions widened to shipping", SANCTIONS),
                ("a4", "Bread prices", DULL)] + a_items
    nginx.write("a.rss", rss(a_items2), mtime=MTIME + 60)
    r = poll(daemon_bin, conf)
    assert r.returncode == 0, r.stderr
    lines = poll_lines(r.stderr)
    assert (lines["a"][0], lines["a"][1]["status"], lines["a"][1]["items"],
            lines["a"][1]["new"], lines["a"][1]["alerts"]) == \
        ("ok", 200, 5, 2, 1)
    assert (lines["b"][0], lines["b"][1]["status"]) == ("unchanged", 304)
    third = nginx.access_log()[4:]
    assert sorted((e["uri"], e["status"]) for e in third) == [
        ("/a.rss", 200), ("/b.rss", 304)]
    new_alerts = alert_log(workdir)[len(first_alerts):]
    assert [(a["title"], a["feed"]["name"]) for a in new_alerts] == [
        ("EU sanctions widened to shipping", "a")]
    assert item_keys(workdir, "a") == ["a1", "a2", "a3", "a4", "a5"]
    # The JSON alert on stdout is the one in the alert log.
    stdout_alerts = [json.loads(line) for line in r.stdout.splitlines()
                     if line.startswith("{")]
    assert [a["data"]["id"] for a in stdout_alerts] == \
        [new_alerts[0]["id"]]


def test_same_second_change_is_not_hidden_by_last_modified(
        nginx, workdir, daemon_bin):
    # A change within the same second keeps Last-Modified; the ETag (size)
    # changes, and If-Modified-Since must not turn the 200 into a 304.
    items = [("s1", "One", DULL)]
    nginx.write("s.rss", rss(items), mtime=MTIME)
    nginx.start()
    conf = write_config(workdir, config(workdir, [("s", nginx.url("/s.rss"))]))
    assert poll(daemon_bin, conf).returncode == 0
    nginx.write("s.rss", rss([("s2", "Two, longer title", DULL)] + items),
                mtime=MTIME)
    r = poll(daemon_bin, conf)
    line = poll_lines(r.stderr)["s"]
    assert (line[0], line[1]["status"], line[1]["new"]) == ("ok", 200, 1)


def test_429_retry_after_is_respected(nginx, workdir, daemon_bin, spawn):
    nginx.status_with_retry_after("/limited.rss", 120, code=429)
    nginx.status_with_retry_after("/busy.rss", 90, code=503)
    nginx.write("ok.rss", rss([("o1", "Fine", DULL)]))
    nginx.start()
    conf = write_config(workdir, config(workdir, [
        ("limited", nginx.url("/limited.rss")),
        ("busy", nginx.url("/busy.rss")), ("ok", nginx.url("/ok.rss"))],
        interval="1s", min_interval="1s"))
    r = poll(daemon_bin, conf)
    assert r.returncode == 0, r.stderr  # one feed was fetched
    lines = poll_lines(r.stderr)
    assert (lines["limited"][0], lines["limited"][1]["status"]) == \
        ("failed", 429)
    assert (lines["busy"][0], lines["busy"][1]["status"]) == ("failed", 503)
    for name, seconds in (("limited", 120), ("busy", 90)):
        row = feed_row(workdir, name)
        assert row["error_class"] == "http"
        # The next poll is no sooner than Retry-After, although the
        # interval (and any backoff from it) is a second or two.
        assert row["next_poll"] - row["last_poll"] >= seconds * 1000, row
        assert row["next_poll"] - row["last_poll"] <= seconds * 1000 + 5000

    # The daemon honours the stored time: 'ok' is polled every second,
    # the limited feeds not at all.
    before = len(nginx.access_log())
    proc = spawn([daemon_bin, "run", "-c", conf],
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_for(lambda: len(requests_to(nginx, "/ok.rss")) >= 4, 15)
    assert stop_process(proc) == 0
    later = [e["uri"] for e in nginx.access_log()[before:]]
    assert "/limited.rss" not in later and "/busy.rss" not in later, later


def test_500_backs_off(nginx, workdir, daemon_bin, spawn):
    nginx.location("location = /broken.rss { return 500; }")
    nginx.write("ok.rss", rss([("o1", "Fine", DULL)]))
    nginx.start()
    conf = write_config(workdir, config(workdir, [
        ("broken", nginx.url("/broken.rss")), ("ok", nginx.url("/ok.rss"))],
        interval="1s", min_interval="1s", max_backoff="1h"))
    with open(workdir / "run.log", "w") as err:
        proc = spawn([daemon_bin, "run", "-c", conf], stderr=err,
                     stdout=subprocess.DEVNULL)
    # Backoff from a 1 s interval: gaps of about 1, 1-2, 2-4, 4-8 s.
    got = wait_for(lambda: len(requests_to(nginx, "/broken.rss")) >= 4, 15)
    assert got, nginx.access_log()
    time.sleep(0.5)
    assert stop_process(proc) == 0
    broken = [float(e["msec"]) for e in requests_to(nginx, "/broken.rss")]
    ok = [float(e["msec"]) for e in requests_to(nginx, "/ok.rss")]
    gaps = [b - a for a, b in zip(broken, broken[1:])]
    assert all(e["status"] == 500 for e in requests_to(nginx, "/broken.rss"))
    assert 0.8 <= gaps[0] <= 1.6, gaps
    assert 1.8 <= gaps[2] <= 4.6, gaps
    assert gaps[2] > gaps[0] * 1.5, gaps
    # Meanwhile the healthy feed kept its 1 s interval (+-10%).
    span = broken[3] - broken[0]
    assert len([t for t in ok if broken[0] <= t <= broken[3]]) >= \
        span / 1.2 - 1, (ok, broken)
    row = feed_row(workdir, "broken")
    assert row["error_class"] == "http" and row["error_streak"] >= 4, row
    log = (workdir / "run.log").read_text()
    # Logged on the first failure, not on every retry.
    assert log.count("feed broken: HTTP 500") == 1, log


def test_hanging_server_hits_the_timeout(workdir, daemon_bin):
    with hanging_server() as srv:
        conf = write_config(workdir, config(
            workdir, [("hang", srv.url())], timeout="2s"))
        t0 = time.monotonic()
        r = poll(daemon_bin, conf, timeout=30)
        took = time.monotonic() - t0
    assert r.returncode == 1, r.stdout + r.stderr  # every feed failed
    state, fields, msg = poll_lines(r.stderr)["hang"]
    assert (state, fields["status"], fields["items"]) == ("failed", 0, 0)
    assert 1900 <= fields["ms"] <= 4000, fields
    assert "timed out" in msg, msg
    assert 1.9 <= took <= 15, took
    assert feed_row(workdir, "hang")["error_class"] == "timeout"
    assert srv.connections == 1


def test_endless_body_hits_the_size_cap(workdir, daemon_bin):
    with endless_server() as srv:
        conf = write_config(workdir, config(
            workdir, [("endless", srv.url())], max_body="256KiB",
            timeout="20s"))
        t0 = time.monotonic()
        r = poll(daemon_bin, conf, timeout=30)
        took = time.monotonic() - t0
    assert r.returncode == 1, r.stdout + r.stderr
    state, fields, msg = poll_lines(r.stderr)["endless"]
    assert (state, fields["status"]) == ("failed", 200), r.stdout
    # Stopped at the cap (bytes: what was read before the chunk that
    # crossed it), although the server sent far more.
    assert 240 * 1024 <= fields["bytes"] <= 256 * 1024, fields
    assert msg.startswith("body larger than 256 KiB cap") and \
        "max-body" in msg, msg
    assert took < 10, took  # aborted, not timed out
    assert feed_row(workdir, "endless")["error_class"] == "too-large"


def test_redirect_loop_stops_at_5(nginx, workdir, daemon_bin):
    nginx.redirect("/loop1.rss", "/loop2.rss", code=302)
    nginx.redirect("/loop2.rss", "/loop1.rss", code=302)
    nginx.start()
    conf = write_config(workdir, config(workdir, [
        ("loop", nginx.url("/loop1.rss"))]))
    r = poll(daemon_bin, conf)
    assert r.returncode == 1
    state, fields, msg = poll_lines(r.stderr)["loop"]
    assert state == "failed" and "redirect" in msg.lower(), r.stdout
    # The request and five redirects followed, no more.
    assert [e["uri"] for e in nginx.access_log()] == [
        "/loop1.rss", "/loop2.rss"] * 3
    assert feed_row(workdir, "loop")["error_class"] == "http"


def test_permanent_redirect_three_times_moves_the_feed(
        nginx, workdir, daemon_bin):
    nginx.write("new.rss", rss([("n1", "New home", DULL)]), mtime=MTIME)
    nginx.redirect("/old.rss", nginx.url("/new.rss"), code=301)
    nginx.start()
    conf = write_config(workdir, config(workdir, [
        ("moved", nginx.url("/old.rss"))]))
    uris, logs = [], []
    for _ in range(5):
        before = len(nginx.access_log())
        r = poll(daemon_bin, conf)
        assert r.returncode == 0, r.stdout + r.stderr
        uris.append([(e["uri"], e["status"])
                     for e in nginx.access_log()[before:]])
        logs.append(r.stderr)
    assert uris == [
        [("/old.rss", 301), ("/new.rss", 200)],
        [("/old.rss", 301), ("/new.rss", 304)],
        [("/old.rss", 301), ("/new.rss", 304)],
        [("/new.rss", 304)],
        [("/new.rss", 304)],  # stays moved: no bouncing back
    ]
    moved = [i for i, log in enumerate(logs) if "moved permanently" in log]
    assert moved == [2], logs
    assert nginx.url("/new.rss") in logs[2] and \
        nginx.url("/old.rss") in logs[2]
    row = feed_row(workdir, "moved")
    assert row["redirect_url"] == nginx.url("/new.rss")
    assert row["redirect_streak"] >= 3


def test_html_page_is_not_a_feed_and_names_its_feed(
        nginx, workdir, daemon_bin):
    nginx.write("index.html", "<!DOCTYPE html><html><head><title>News"
                "</title><link rel='alternate' type='application/rss+xml'"
                " href='/news/feed.rss'></head><body><p>Hello</p></body>"
                "</html>\n")
    nginx.write("ok.rss", rss([("o1", "Fine", DULL)]))
    nginx.start()
    only_html = write_config(workdir, config(workdir, [
        ("page", nginx.url("/index.html"))]), name="html.conf")
    r = poll(daemon_bin, only_html)
    assert r.returncode == 1, r.stdout + r.stderr  # every feed failed
    state, fields, msg = poll_lines(r.stderr)["page"]
    assert (state, fields["status"]) == ("failed", 200)
    assert "not a feed" in msg and nginx.url("/news/feed.rss") in msg, msg
    assert feed_row(workdir, "page")["error_class"] == "not-a-feed"
    assert "error_class=not-a-feed" in r.stderr

    both = write_config(workdir, config(workdir, [
        ("page", nginx.url("/index.html")), ("ok", nginx.url("/ok.rss"))]),
        name="both.conf")
    r = poll(daemon_bin, both)
    assert r.returncode == 0, r.stdout + r.stderr  # one feed was fetched
    lines = poll_lines(r.stderr)
    assert (lines["page"][0], lines["ok"][0]) == ("failed", "ok")


def test_poll_exit_status(nginx, workdir, daemon_bin):
    nginx.write("ok.rss", rss([("o1", "Fine", DULL)]))
    nginx.start()
    dead = f"http://127.0.0.1:{nginx.port}/missing.rss"
    all_bad = write_config(workdir, config(workdir, [
        ("m1", dead), ("m2", nginx.url("/missing2.rss"))]), name="bad.conf")
    r = poll(daemon_bin, all_bad)
    assert r.returncode == 1, r.stdout
    assert {n: (s, f["status"]) for n, (s, f, _) in
            poll_lines(r.stderr).items()} == {
        "m1": ("failed", 404), "m2": ("failed", 404)}
    mixed = write_config(workdir, config(workdir, [
        ("m1", dead), ("ok", nginx.url("/ok.rss"))]), name="mixed.conf")
    assert poll(daemon_bin, mixed).returncode == 0
    # Unchanged counts as success too.
    r = poll(daemon_bin, mixed)
    assert r.returncode == 0
    assert poll_lines(r.stderr)["ok"][0] == "unchanged"


def test_gone_feed_is_not_polled_again(nginx, workdir, daemon_bin, spawn):
    nginx.gone("/gone.rss")
    nginx.write("ok.rss", rss([("o1", "Fine", DULL)]))
    nginx.start()
    conf = write_config(workdir, config(workdir, [
        ("gone", nginx.url("/gone.rss")), ("ok", nginx.url("/ok.rss"))],
        interval="1s", min_interval="1s"))
    r = poll(daemon_bin, conf)
    assert r.returncode == 0
    state, fields, msg = poll_lines(r.stderr)["gone"]
    assert (state, fields["status"]) == ("gone", 410)
    assert "error: feed gone: HTTP 410 Gone" in r.stderr, r.stderr
    assert len(requests_to(nginx, "/gone.rss")) == 1

    r = poll(daemon_bin, conf)
    assert r.returncode == 0
    assert "gone" not in poll_lines(r.stderr)
    assert "error: feed gone: its server said 410 Gone" in r.stderr
    # The daemon does not poll it either, while the other feed goes on.
    proc = spawn([daemon_bin, "run", "-c", conf],
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_for(lambda: len(requests_to(nginx, "/ok.rss")) >= 5, 15)
    assert stop_process(proc, signal.SIGTERM) == 0
    assert len(requests_to(nginx, "/gone.rss")) == 1


def test_per_host_and_global_connection_caps(workdir, daemon_bin):
    doc = rss([("c1", "Capped", DULL)]).encode()
    for caps, want in (({"max_host_connections": 1}, 1),
                       ({"max_host_connections": 2}, 2),
                       ({"max_host_connections": 8,
                         "max_connections": 3}, 3)):
        with drip_server(doc, bytes_per_second=len(doc) * 2) as srv:
            feeds = [(f"f{i}", srv.url(f"/f{i}.rss")) for i in range(6)]
            sub = workdir / f"caps{want}"  # a fresh state file each time
            sub.mkdir()
            conf = write_config(sub, config(sub, feeds, **caps))
            r = poll(daemon_bin, conf)
            assert r.returncode == 0, r.stdout + r.stderr
            assert sorted(s for s, _, _ in poll_lines(r.stderr).values()) \
                == ["ok"] * 6, r.stdout
            # Each transfer takes half a second: the caps alone decide
            # how many overlap.
            assert (srv.connections, srv.max_active) == (6, want), caps
