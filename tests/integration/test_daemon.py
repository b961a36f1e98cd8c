"""`ukeuwatch run` as a service manager sees it: SIGHUP reloads (feeds
added and removed, a broken config rejected), SIGUSR1 only reopens the
alert log (logrotate) and does not read the configuration, SIGTERM during a slow
transfer stops within shutdown-timeout, and sd_notify messages arrive on a
test NOTIFY_SOCKET in order, with watchdog pings when WATCHDOG_USEC is set.

Intervals are a second so that each test takes a few seconds; every wait
is bounded and every process is stopped by the spawn fixture."""

import os
import signal
import socket
import subprocess
import time

import pytest

from conftest import stop_process, wait_for, write_config
from ukwhelp import (DULL, SANCTIONS, config, drip_server, requests_to,
                     rss)

FAST = {"interval": "1s", "min_interval": "1s"}


def start_daemon(spawn, daemon_bin, conf, workdir, env=None):
    log = open(workdir / "run.log", "w")
    full_env = dict(os.environ)
    full_env.pop("NOTIFY_SOCKET", None)
    full_env.pop("WATCHDOG_USEC", None)
    full_env.pop("WATCHDOG_PID", None)
    full_env.update(env or {})
    proc = spawn([daemon_bin, "run", "-c", conf], stdout=subprocess.DEVNULL,
                 stderr=log, env=full_env)
    log.close()  # the child holds its own descriptor
    return proc


def run_log(workdir):
    return (workdir / "run.log").read_text(errors="replace")


def test_sighup_adds_and_removes_feeds(nginx, workdir, daemon_bin, spawn):
    nginx.write("a.rss", rss([("a1", "A", DULL)]))
    nginx.write("b.rss", rss([("b1", "B", DULL)]))
    nginx.start()
    conf = write_config(workdir, config(
        workdir, [("a", nginx.url("/a.rss"))], **FAST))
    proc = start_daemon(spawn, daemon_bin, conf, workdir)
    assert wait_for(lambda: len(requests_to(nginx, "/a.rss")) >= 2, 10)
    assert requests_to(nginx, "/b.rss") == []

    write_config(workdir, config(
        workdir, [("b", nginx.url("/b.rss"))], **FAST))
    proc.send_signal(signal.SIGHUP)
    assert wait_for(lambda: "reloaded: 1 feeds" in run_log(workdir), 10), \
        run_log(workdir)
    reloaded = time.time()
    assert wait_for(lambda: len(requests_to(nginx, "/b.rss")) >= 3, 10)
    # 'a' stopped at the reload (a poll in flight may just end then).
    late = [e for e in requests_to(nginx, "/a.rss")
            if float(e["msec"]) > reloaded + 0.5]
    assert late == [], late
    assert stop_process(proc) == 0
    log = run_log(workdir)
    assert "feed a: removed from the config; polling stopped" in log
    assert "feed b: added" in log


def test_sigusr1_reopens_the_alert_log_and_does_not_reload(
        nginx, workdir, daemon_bin, spawn):
    """logrotate renames alerts.jsonl and sends SIGUSR1: the daemon
    recreates the file and writes new alerts there, and a configuration
    edited meanwhile is not picked up until SIGHUP."""
    nginx.write("a.rss", rss([("a1", "Sanctions one", SANCTIONS)]))
    nginx.write("b.rss", rss([("b1", "B", DULL)]))
    nginx.start()
    conf = write_config(workdir, config(
        workdir, [("a", nginx.url("/a.rss"))], **FAST))
    proc = start_daemon(spawn, daemon_bin, conf, workdir)
    log, rotated = workdir / "alerts.jsonl", workdir / "alerts.jsonl-1"
    # Alert lines are buffered (flushed every 30 s, at a reopen and at
    # exit), so the run log says when an alert has happened.
    assert wait_for(lambda: 'title="Sanctions one"' in run_log(workdir),
                    10), run_log(workdir)
    log.rename(rotated)
    # The edit that SIGUSR1 must not apply.
    write_config(workdir, config(
        workdir, [("a", nginx.url("/a.rss")), ("b", nginx.url("/b.rss"))],
        **FAST))
    proc.send_signal(signal.SIGUSR1)
    assert wait_for(log.exists, 10), run_log(workdir)
    # What was buffered went to the old file before the reopen.
    assert "example.org/a1" in rotated.read_text()
    nginx.write("a.rss", rss([("a1", "Sanctions one", SANCTIONS),
                              ("a2", "Sanctions two", SANCTIONS)]))
    assert wait_for(lambda: 'title="Sanctions two"' in run_log(workdir),
                    10), run_log(workdir)
    time.sleep(1)  # a few more polls under the old configuration
    assert requests_to(nginx, "/b.rss") == []
    assert "reload" not in run_log(workdir)
    # SIGHUP does read it.
    proc.send_signal(signal.SIGHUP)
    assert wait_for(lambda: "reloaded: 2 feeds" in run_log(workdir), 10), \
        run_log(workdir)
    assert wait_for(lambda: requests_to(nginx, "/b.rss") != [], 10)
    assert stop_process(proc) == 0
    assert "example.org/a2" in log.read_text()
    assert "example.org/a1" not in log.read_text()
    assert "example.org/a2" not in rotated.read_text()


def test_sighup_applies_changed_interval_and_url(
        nginx, workdir, daemon_bin, spawn):
    nginx.write("slow.rss", rss([("s1", "S", DULL)]))
    nginx.gone("/gone.rss")
    nginx.write("new.rss", rss([("n1", "N", DULL)]))
    nginx.start()
    conf = write_config(workdir, config(workdir, [
        ("s", nginx.url("/slow.rss"), {"interval": "1h"}),
        ("g", nginx.url("/gone.rss"))], **FAST))
    proc = start_daemon(spawn, daemon_bin, conf, workdir)
    assert wait_for(lambda: len(requests_to(nginx, "/slow.rss")) == 1 and
                    len(requests_to(nginx, "/gone.rss")) == 1, 10)
    assert wait_for(lambda: "feed g: HTTP 410 Gone" in run_log(workdir), 5)

    # 's' now every second, 'g' moved to a live URL: both apply at once,
    # not after the hour planned before, and the 410 no longer holds.
    write_config(workdir, config(workdir, [
        ("s", nginx.url("/slow.rss")), ("g", nginx.url("/new.rss"))],
        **FAST))
    proc.send_signal(signal.SIGHUP)
    assert wait_for(lambda: len(requests_to(nginx, "/slow.rss")) >= 3 and
                    len(requests_to(nginx, "/new.rss")) >= 2, 10), \
        nginx.access_log()
    assert len(requests_to(nginx, "/gone.rss")) == 1
    assert stop_process(proc) == 0
    assert f"feed g: url changed to {nginx.url('/new.rss')}" in \
        run_log(workdir)


def test_all_new_document_shortens_the_interval(
        nginx, workdir, daemon_bin, spawn):
    nginx.write("w.rss", rss([(f"w{i}", f"W {i}", DULL) for i in range(3)]),
                mtime=1700000000)
    nginx.start()
    conf = write_config(workdir, config(workdir, [
        ("w", nginx.url("/w.rss"), {"interval": "2s"})], **FAST))
    proc = start_daemon(spawn, daemon_bin, conf, workdir)
    assert wait_for(lambda: len(requests_to(nginx, "/w.rss")) == 1, 10)
    # Its window moved past us: every item of the next document is new.
    nginx.write("w.rss", rss([(f"x{i}", f"X {i}", DULL) for i in range(3)]),
                mtime=1700000100)
    assert wait_for(lambda: len(requests_to(nginx, "/w.rss")) >= 4, 10)
    assert stop_process(proc) == 0
    reqs = requests_to(nginx, "/w.rss")
    assert [e["status"] for e in reqs[:4]] == [200, 200, 304, 304]
    t = [float(e["msec"]) for e in reqs]
    gaps = [b - a for a, b in zip(t, t[1:])]
    assert 1.7 <= gaps[0] <= 2.4, gaps  # the configured 2 s
    assert 0.8 <= gaps[1] <= 1.3 and 0.8 <= gaps[2] <= 1.3, gaps  # halved
    assert "warning: feed w: every one of its 3 items was new, so items " \
        "may have been missed; polling it more often (every 1 s)" in \
        run_log(workdir)


def test_broken_config_is_rejected_and_old_one_keeps_running(
        nginx, workdir, daemon_bin, spawn):
    nginx.write("a.rss", rss([("a1", "A", DULL)]))
    nginx.start()
    good = config(workdir, [("a", nginx.url("/a.rss"))], **FAST)
    conf = write_config(workdir, good)
    proc = start_daemon(spawn, daemon_bin, conf, workdir)
    assert wait_for(lambda: len(requests_to(nginx, "/a.rss")) >= 2, 10)

    broken = good + "\n[feed b]\nurl = ftp://example.org/feed\nintervall = 5m\n"
    write_config(workdir, broken)
    proc.send_signal(signal.SIGHUP)
    assert wait_for(lambda: "still running the previous configuration"
                    in run_log(workdir), 10), run_log(workdir)
    log = run_log(workdir)
    errors = [line.split(" error: ", 1)[1] for line in log.splitlines()
              if " error: config " in line]
    # Both faults, each with FILE:LINE (the config module may add that
    # [feed b] lacks a usable url).
    assert f'config {conf}:12: url in [feed b]: URL scheme "ftp" is not ' \
        'http or https' in errors, errors
    assert f'config {conf}:13: unknown key "intervall" in [feed b]' \
        in errors, errors
    assert "reloaded:" not in log
    n = len(requests_to(nginx, "/a.rss"))
    assert wait_for(lambda: len(requests_to(nginx, "/a.rss")) >= n + 2, 10)
    assert proc.poll() is None
    assert stop_process(proc) == 0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT],
                         ids=["SIGTERM", "SIGINT"])
def test_stop_during_slow_transfer_exits_within_deadline(
        workdir, daemon_bin, spawn, sig):
    doc = rss([(f"s{i}", f"Slow {i}", DULL) for i in range(40)]).encode()
    with drip_server(doc, bytes_per_second=100) as srv:
        conf = write_config(workdir, config(
            workdir, [("slow", srv.url())], shutdown_timeout="2s",
            timeout="60s", **FAST))
        proc = start_daemon(spawn, daemon_bin, conf, workdir)
        assert srv.connected.wait(10)
        assert wait_for(lambda: srv.sent > 0, 5)
        t0 = time.monotonic()
        proc.send_signal(sig)
        rc = proc.wait(timeout=15)
        took = time.monotonic() - t0
        assert srv.sent < len(doc)  # it really was in flight
    assert rc == 0, run_log(workdir)
    # It waited for the transfer, up to the deadline, then cancelled it.
    assert 1.8 <= took <= 4.5, took
    log = run_log(workdir)
    assert f"notice: {signal.strsignal(sig)} received; stopping" in log, log
    assert "shutdown: 1 polls and 0 deliveries still running after " \
        "2000 ms" in log, log
    assert log.rstrip().endswith("notice: stopped"), log


class NotifySocket:
    def __init__(self, path):
        self.path = str(path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.2)
        self.messages = []  # (monotonic time received, text)

    def drain(self):
        while True:
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                return
            self.messages.append((time.monotonic(), data.decode()))

    def wait(self, pred, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.drain()
            if pred([m for _, m in self.messages]):
                return True
        return False

    def close(self):
        self.sock.close()


@pytest.fixture
def notify_sock(workdir):
    s = NotifySocket(workdir / "notify.sock")
    try:
        yield s
    finally:
        s.close()


def test_sd_notify_sequence(nginx, workdir, daemon_bin, spawn, notify_sock):
    nginx.write("a.rss", rss([("a1", "A", DULL)]))
    nginx.start()
    conf = write_config(workdir, config(
        workdir, [("a", nginx.url("/a.rss")), ("b", nginx.url("/a.rss"))],
        **FAST))
    proc = start_daemon(spawn, daemon_bin, conf, workdir,
                        env={"NOTIFY_SOCKET": notify_sock.path})
    assert notify_sock.wait(lambda ms: len(ms) >= 1, 10)
    assert wait_for(lambda: len(requests_to(nginx, "/a.rss")) >= 2, 10)
    proc.send_signal(signal.SIGHUP)
    assert notify_sock.wait(lambda ms: len(ms) >= 3, 10)
    mono_at_hup = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=15) == 0
    notify_sock.drain()
    msgs = [m for _, m in notify_sock.messages]
    assert [m.split("\n")[0] for m in msgs] == [
        "READY=1", "RELOADING=1", "READY=1", "STOPPING=1"], msgs
    assert msgs[0] == "READY=1\nSTATUS=polling 2 feeds"
    reloading = dict(kv.split("=", 1) for kv in msgs[1].split("\n"))
    assert set(reloading) == {"RELOADING", "MONOTONIC_USEC"}
    usec = int(reloading["MONOTONIC_USEC"])
    # CLOCK_MONOTONIC, as systemd wants: close to ours at the SIGHUP.
    assert abs(usec / 1e6 - mono_at_hup) < 5, (usec, mono_at_hup)
    ready = msgs[2].split("\n")
    assert ready[0] == "READY=1" and len(ready) == 2
    assert ready[1].startswith("STATUS=") and "feeds ok" in ready[1], ready
    assert msgs[3] == "STOPPING=1"


def test_sd_notify_watchdog(nginx, workdir, daemon_bin, spawn, notify_sock):
    nginx.write("a.rss", rss([("a1", "A", DULL)]))
    nginx.start()
    conf = write_config(workdir, config(
        workdir, [("a", nginx.url("/a.rss"))], **FAST))
    proc = start_daemon(spawn, daemon_bin, conf, workdir,
                        env={"NOTIFY_SOCKET": notify_sock.path,
                             "WATCHDOG_USEC": "600000"})
    assert notify_sock.wait(lambda ms: ms.count("WATCHDOG=1") >= 5, 10), \
        notify_sock.messages
    # Received while we were reading continuously, so the times are real.
    pings = [t for t, m in notify_sock.messages if m == "WATCHDOG=1"]
    gaps = [b - a for a, b in zip(pings, pings[1:])]
    # Half of WatchdogSec: every 0.3 s.
    assert all(0.2 <= g <= 0.6 for g in gaps), gaps
    assert stop_process(proc) == 0
    notify_sock.drain()
    msgs = [m for _, m in notify_sock.messages]
    assert msgs[0].startswith("READY=1\n"), msgs
    assert msgs[-1] == "STOPPING=1", msgs
