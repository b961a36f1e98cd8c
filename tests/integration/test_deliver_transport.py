"""Delivery transport against hostile or broken receivers (issues 15 and
20): an SMTP server that never answers the final `.`, server-chosen delays
that would hold a target for years, a 2xx with a huge body, payloads too
large for a format, feed credentials in what leaves the daemon, and
per-target concurrency.

The helpers (feed, config, receiver, daemon) are test_deliver.py's.  Every
server listens on 127.0.0.1 on a port the kernel picks and is stopped at
the end of its test; every wait is bounded.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import run, wait_for

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import test_deliver as td  # noqa: E402
from test_deliver import smtp  # noqa: E402,F401  (the fixture)
from ukwhelp import requests_to  # noqa: E402


class StallingSmtp:
    """Answers greeting, EHLO, MAIL, RCPT and DATA, each reply after delay
    seconds; then, with stall, never answers the final `.` (nor anything
    after it) until stopped; without, accepts the message."""

    def __init__(self, delay=0.0, stall=True):
        self.delay, self.stall = delay, stall
        self.accepted = 0
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.stop_ev = threading.Event()
        self.stalled = []  # time.monotonic() when each message's . came
        self.threads = [threading.Thread(target=self._accept, daemon=True)]
        self.threads[0].start()

    def _accept(self):
        while not self.stop_ev.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            t = threading.Thread(target=self._serve, args=(conn,),
                                 daemon=True)
            self.threads.append(t)
            t.start()

    def _serve(self, conn):
        with conn:
            conn.settimeout(0.2)
            buf, data = b"", False
            def say(text):
                if self.stop_ev.wait(self.delay):
                    raise OSError("stopped")
                conn.sendall(text)

            try:
                say(b"220 stall.example ESMTP\r\n")
                while not self.stop_ev.is_set():
                    try:
                        chunk = conn.recv(4096)
                    except socket.timeout:
                        continue
                    if not chunk:
                        return
                    buf += chunk
                    if data:
                        if b"\r\n.\r\n" in buf:
                            self.stalled.append(time.monotonic())
                            if self.stall:
                                self.stop_ev.wait(120)  # never answer
                                return
                            self.accepted += 1
                            say(b"250 accepted\r\n")
                            buf = buf.split(b"\r\n.\r\n", 1)[1]
                            data = False
                        continue
                    while b"\r\n" in buf and not data:
                        line, buf = buf.split(b"\r\n", 1)
                        cmd = line[:4].upper()
                        if cmd == b"DATA":
                            say(b"354 go ahead\r\n")
                            data = True
                        elif cmd in (b"EHLO", b"HELO"):
                            say(b"250 stall.example\r\n")
                        elif cmd == b"QUIT":
                            say(b"221 bye\r\n")
                            return
                        else:
                            say(b"250 ok\r\n")
            except OSError:
                return

    def stop(self):
        self.stop_ev.set()
        for t in self.threads:
            t.join(5)
        self.sock.close()


class NotifySocket:
    """A NOTIFY_SOCKET read by a thread, so ping times are arrival times."""

    def __init__(self, path):
        self.path = str(path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.1)
        self.messages = []
        self.stop_ev = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        while not self.stop_ev.is_set():
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                continue
            except OSError:
                return
            self.messages.append((time.monotonic(), data.decode()))

    def pings(self):
        return [t for t, m in list(self.messages) if m == "WATCHDOG=1"]

    def close(self):
        self.stop_ev.set()
        self.thread.join(5)
        self.sock.close()


def max_gap(times, start, end):
    """The longest stretch of [start, end] without an event in times."""
    pts = [start] + sorted(t for t in times if start < t < end) + [end]
    return max(b - a for a, b in zip(pts, pts[1:]))


def test_stalled_smtp_keeps_polling_and_watchdog(nginx, workdir, spawn,
                                                  daemon_bin):
    """Issue 20.1: with the SMTP server silent after DATA's `.`, the loop
    still polls a 1-second feed and pings the watchdog, and SIGTERM ends
    the daemon within shutdown-timeout; the row stays queued."""
    url = td.serve_feed(nginx, td.csdp_items(1, "stall"))
    srv = StallingSmtp()
    notify = NotifySocket(workdir / "notify.sock")
    try:
        conf = td.config(
            workdir, url,
            td.mail_target("ops", srv.port).replace("timeout = 5s",
                                                    "timeout = 90s"),
            daemon_extra="min-interval = 1s\n")
        text = conf.read_text().replace("interval = 1h", "interval = 1s", 1)
        conf.write_text(text)
        env = dict(os.environ, NOTIFY_SOCKET=notify.path,
                   WATCHDOG_USEC="2000000")
        env.pop("WATCHDOG_PID", None)
        log = workdir / "daemon-stall.log"
        proc = spawn([daemon_bin, "run", "-c", conf],
                     stdout=subprocess.DEVNULL, stderr=open(log, "w"),
                     env=env)
        assert wait_for(lambda: srv.stalled, 20), log.read_text()
        t0 = time.monotonic()
        time.sleep(8)
        t1 = time.monotonic()
        off = time.time() - time.monotonic()
        polls = [float(e["msec"]) - off
                 for e in requests_to(nginx, "/feed.rss")]
        poll_gap = max_gap(polls, t0, t1)
        ping_gap = max_gap(notify.pings(), t0, t1)
        print(f"\nSMTP stalled: longest gap without a poll {poll_gap:.1f} s,"
              f" without WATCHDOG=1 {ping_gap:.1f} s")
        assert ping_gap < 2.5, ping_gap
        assert poll_gap < 3.5, poll_gap
        ts = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=60)
        took = time.monotonic() - ts
        print(f"SIGTERM to exit with the SMTP exchange stalled: {took:.1f} s")
        assert rc == 0, log.read_text()
        assert took < 2 + 3, took  # shutdown-timeout = 2s
        (a,) = td.alerts_json(daemon_bin, conf)
        assert a["deliveries"][0]["state"] in ("queued", "retrying"), a
    finally:
        srv.stop()
        notify.close()


def test_slow_smtp_replies_within_target_timeout(nginx, workdir, daemon_bin):
    """Issue 20.9: each reply, the greeting and EHLO included, takes 1.5 s,
    longer than the daemon's connect-timeout (1 s); the target's timeout
    (30 s) governs the exchange, so the mail goes through."""
    url = td.serve_feed(nginx, td.csdp_items(1, "slowsmtp"))
    srv = StallingSmtp(delay=1.5, stall=False)
    try:
        conf = td.config(
            workdir, url,
            td.mail_target("ops", srv.port).replace("timeout = 5s",
                                                    "timeout = 30s"),
            daemon_extra="connect-timeout = 1s\n")
        r = run([daemon_bin, "test-alert", "-c", conf, "ops"], timeout=60)
        assert (r.returncode, r.stdout) == (
            0, "ops: SMTP 250 (delivered)\n"), (r.stdout, r.stderr)
        assert srv.accepted == 1
    finally:
        srv.stop()


# -- server-chosen delays (issue 15.1) -----------------------------------------

def test_huge_retry_after_capped_at_retry_max(nginx, workdir, spawn,
                                              daemon_bin):
    """Retry-After: 9223372036854776 (its milliseconds overflow an int64)
    neither makes the outbox re-POST at once nor hold the target for
    ages: the wait is retry-max (4 s) at most."""
    rec, _, _ = td.signed_hook_run(nginx, workdir, spawn, daemon_bin,
                                   td.csdp_items(1, "huge"), "json",
                                   mode="429", count=2,
                                   retry_after="9223372036854776")
    assert wait_for(lambda: len(rec.delivered()) == 1, 20), rec.requests()
    reqs = rec.requests()
    assert [r["status"] for r in reqs] == [429, 429, 204], reqs
    gaps = [b["t"] - a["t"] for a, b in zip(reqs, reqs[1:])]
    assert all(1.0 <= g <= 4.6 for g in gaps), gaps
    print(f"\nRetry-After 9223372036854776: gaps {gaps}")


def test_retry_after_for_years_still_gives_up(nginx, workdir, spawn,
                                              daemon_bin):
    """Retry-After: 999999999 (31 years) on every answer, give-up-after
    6 s: the alert is dead-lettered at its first attempt after 6 s (the
    target's hold is retry-max, 4 s, at most), not held for 31 years."""
    url = td.serve_feed(nginx, td.csdp_items(1, "years"))
    rec = td.Receiver(spawn, workdir)
    rec.control(mode="429", retry_after="999999999")
    conf = td.config(workdir, url, td.webhook_target(
        "hook", rec.url(), "json", extra="give-up-after = 6s"))
    td.Daemon(spawn, daemon_bin, conf, workdir)

    def dead():
        if not (workdir / "state.db").exists():
            return False
        rows = td.alerts_json(daemon_bin, conf, "--failed")
        return rows and rows[0]["deliveries"][0]["state"] == "dead"

    assert wait_for(dead, 20), td.alerts_json(daemon_bin, conf)
    reqs = rec.requests()
    span = reqs[-1]["t"] - reqs[0]["t"]
    assert 2 <= len(reqs) <= 5 and 4 <= span <= 6 + 4.5, \
        [(r["t"], r["status"]) for r in reqs]


def test_huge_rate_limit_reset_capped_at_retry_max(nginx, workdir, spawn,
                                                   daemon_bin):
    """X-RateLimit-Remaining: 0 with X-RateLimit-Reset-After: 100000 (28
    hours) holds the target for retry-max (4 s), not for hours."""
    rec, _, _ = td.signed_hook_run(nginx, workdir, spawn, daemon_bin,
                                   td.csdp_items(2, "reset"), "discord",
                                   mode="bucket", reset_after=100000)
    assert wait_for(lambda: len(rec.delivered()) == 2, 15), rec.requests()
    t = [r["t"] for r in rec.requests()]
    assert 3 <= t[1] - t[0] <= 4.6, t


# -- a 2xx with a huge body (issue 15.5) ---------------------------------------

@pytest.mark.parametrize("chunked", [False, True])
def test_2xx_with_huge_body_delivered_once(nginx, workdir, spawn, daemon_bin,
                                           chunked):
    """200 with a 200 MB body: the status decides (delivered, once); the
    body is read up to a small cap and dropped."""
    rec, _, conf = td.signed_hook_run(nginx, workdir, spawn, daemon_bin,
                                      td.csdp_items(1, "big"), "json",
                                      mode="big", chunked=chunked)
    assert wait_for(lambda: len(rec.requests()) >= 1, 15)
    time.sleep(4)  # retry-min 1 s: a retry would have come by now
    reqs = rec.requests()
    assert len(reqs) == 1, [(r["t"], r["status"]) for r in reqs]
    (a,) = td.alerts_json(daemon_bin, conf)
    assert (a["deliveries"][0]["state"], a["deliveries"][0]["status"]) == \
        ("delivered", 200), a


# -- oversized payloads (issue 15.6) -------------------------------------------

def long_link_feed(nginx, n):
    date = td.email.utils.formatdate(time.time() - 60, usegmt=True)
    link = "https://news.example/" + "a" * n
    doc = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
           "<channel><title>Test news</title>"
           "<link>https://news.example/</link><description>t</description>"
           f"<item><title>UK joins EU CSDP mission long link</title>"
           f"<link>{link}</link><guid>long-1</guid><pubDate>{date}</pubDate>"
           f"<description>{td.html.escape(td.SEED)}</description></item>"
           "</channel></rss>")
    nginx.write("feed.rss", doc)
    nginx.start()
    return nginx.url("/feed.rss")


def test_oversized_payload_shortened_and_delivered(nginx, workdir, spawn,
                                                   daemon_bin):
    """A 70,000-character <link>: teams and mattermost payloads drop what
    can be dropped and are delivered, valid, at the first attempt."""
    url = long_link_feed(nginx, 70000)
    rec = td.Receiver(spawn, workdir)
    conf = td.config(workdir, url,
                     td.webhook_target("teams", rec.url("/teams"), "teams",
                                       extra="give-up-after = 5s")
                     + td.webhook_target("mm", rec.url("/mm"), "mattermost",
                                         extra="give-up-after = 5s"))
    td.Daemon(spawn, daemon_bin, conf, workdir)
    assert wait_for(lambda: len(rec.delivered()) == 1 and
                    len(rec.requests()) == 2, 15), rec.requests()
    for r in rec.requests():
        body = json.loads(r["body"])
        assert len(r["body"].encode()) <= 65536
        assert "UK joins EU CSDP mission long link" in r["body"], body
    (a,) = td.alerts_json(daemon_bin, conf)
    assert sorted(d["state"] for d in a["deliveries"]) == ["delivered"] * 2


# -- per-target concurrency (issue 20.8) ---------------------------------------

def most_in_window(times, window):
    times = sorted(times)
    return max(sum(1 for u in times if t <= u < t + window) for t in times)


@pytest.mark.parametrize("conc", [None, 2])
def test_per_target_concurrency(nginx, workdir, spawn, daemon_bin, conc):
    """12 alerts to a receiver taking 0.4 s per request: `concurrency`
    (default 4) requests at once, never more, whatever the daemon's
    max-host-connections (2, for feeds)."""
    url = td.serve_feed(nginx, td.csdp_items(12, f"conc{conc}"))
    rec = td.Receiver(spawn, workdir)
    rec.control(mode="ok", delay=0.4)
    extra = f"concurrency = {conc}" if conc else ""
    conf = td.config(workdir, url, td.webhook_target(
        "hook", rec.url(), "json", extra=extra))
    td.Daemon(spawn, daemon_bin, conf, workdir)
    assert wait_for(lambda: len(rec.delivered()) == 12, 30), rec.requests()
    t = [r["t"] for r in rec.requests()]
    want = conc or 4
    assert most_in_window(t, 0.3) == want, sorted(b - t[0] for b in t)
    print(f"\nconcurrency {want}: 12 x 0.4 s in {max(t) - min(t) + 0.4:.1f} s")


# -- clock jumps (issue 20.3) --------------------------------------------------

def faketime_env(offset):
    env = dict(os.environ, FAKETIME=offset, FAKETIME_DONT_FAKE_MONOTONIC="1")
    # The sanitised binary must accept libfaketime preloaded before ASan.
    opts = env.get("ASAN_OPTIONS", "")
    env["ASAN_OPTIONS"] = (opts + ":" if opts else "") + \
        "verify_asan_link_order=0"
    return env


def stranded(nginx, workdir, spawn, daemon_bin, tag):
    """A delivery that failed while the clock was 100 days ahead: retrying,
    due in 100 days.  Returns (receiver, config)."""
    faketime = "/usr/bin/faketime"
    if not os.access(faketime, os.X_OK):
        pytest.skip("faketime is not installed (scripts/install-deps --test)")
    # Published a minute before the fake now, inside its backlog window.
    doc = td.rss(td.csdp_items(1, tag)).replace(
        td.email.utils.formatdate(time.time() - 60, usegmt=True),
        td.email.utils.formatdate(time.time() + 100 * 86400 - 60,
                                  usegmt=True))
    nginx.write("feed.rss", doc)
    nginx.start()
    url = nginx.url("/feed.rss")
    rec = td.Receiver(spawn, workdir)
    rec.control(mode="500")
    conf = td.config(workdir, url, td.webhook_target("hook", rec.url()))
    r = run([faketime, "-f", "+100d", daemon_bin, "poll", "-c", conf],
            timeout=60, env=faketime_env("+100d"))
    assert r.returncode == 0, r.stderr
    (a,) = td.alerts_json(daemon_bin, conf)
    dv = a["deliveries"][0]
    assert dv["state"] == "retrying" and dv["next_attempt"] > "2027", dv
    rec.control(mode="ok")
    return rec, conf


def test_clock_jump_back_unstrands_deliveries(nginx, workdir, spawn,
                                              daemon_bin):
    """Back at the real time, the daemon treats a due time beyond
    retry-max as a clock jump: logged, and sent within retry-max."""
    rec, conf = stranded(nginx, workdir, spawn, daemon_bin, "jump")
    d = td.Daemon(spawn, daemon_bin, conf, workdir)
    assert wait_for(lambda: len(rec.delivered()) == 1, 15), d.text()
    assert "the clock jumped back" in d.text(), d.text()


def test_retry_requeues_stranded_deliveries(nginx, workdir, spawn,
                                            daemon_bin):
    """`alerts --retry` queues a stranded row again, not only dead ones."""
    rec, conf = stranded(nginx, workdir, spawn, daemon_bin, "requeue")
    r = run([daemon_bin, "alerts", "-c", conf, "--retry"])
    assert r.returncode == 0 and "hook" in r.stdout, (r.stdout, r.stderr)
    (a,) = td.alerts_json(daemon_bin, conf)
    assert a["deliveries"][0]["next_attempt"] < "2027", a


# -- feed credentials (issue 15.8) ---------------------------------------------

def test_feed_credentials_never_leave_the_config(nginx, workdir, spawn,
                                                 smtp, daemon_bin):
    """A feed URL with user info (and one from url-file with a query
    token): neither the password nor the token is in the webhook payload,
    the mail, the alert log, `status --json` or `check`; the feeds are
    still polled with them."""
    nginx.write("feed.rss", td.rss(td.csdp_items(1, "cred")))
    nginx.write("other.rss", td.rss(td.csdp_items(1, "tok")))
    nginx.start()
    port = nginx.url("/").split(":")[2].split("/")[0]
    url = f"http://alice:S3CRETPASS@127.0.0.1:{port}/feed.rss?token=QTOKEN"
    url_file = td.secret_file(
        workdir, "feed-url",
        f"http://bob:S3CRETPASS@127.0.0.1:{port}/other.rss?token=FTOKEN")
    rec = td.Receiver(spawn, workdir)
    srv = smtp()
    conf = td.config(workdir, url, td.webhook_target("hook", rec.url())
                     + td.mail_target("ops", srv.port))
    conf.write_text(conf.read_text().replace(
        "[target", f"[feed other]\nurl-file = {url_file}\n"
        "profiles = csdp\n\n[target", 1))
    td.poll(daemon_bin, conf)
    assert len(rec.delivered()) == 2 and len(srv.messages) == 2
    shown = [r["body"] for r in rec.requests()]
    shown += [e.original_content.decode() for _, e in srv.messages]
    shown.append((workdir / "alerts.jsonl").read_text())
    for args in (["status", "--json"], ["check"]):
        r = run([daemon_bin, *args, "-c", conf])
        assert r.returncode == 0, r.stderr
        shown.append(r.stdout + r.stderr)
    text = "\n".join(shown)
    for secret in ("S3CRETPASS", "alice", "bob", "FTOKEN"):
        assert secret not in text, secret
    assert f"http://127.0.0.1:{port}/feed.rss?token=QTOKEN" in text
    assert f"http://127.0.0.1:{port}/other.rss" in text
    uris = {e["uri"] for e in nginx.access_log()}
    assert {"/feed.rss?token=QTOKEN", "/other.rss?token=FTOKEN"} <= uris


# -- SMTP diagnostics (issue 20.10) --------------------------------------------

class Smtp552:
    """aiosmtpd answering every DATA with 552, optionally behind STARTTLS
    with a self-signed certificate."""

    def __init__(self, workdir, tls=False):
        import ssl
        from aiosmtpd.controller import Controller

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                return "552 5.3.4 message size exceeds fixed limit"

        kw = {}
        if tls:
            cert, key = workdir / "smtp-cert.pem", workdir / "smtp-key.pem"
            r = run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                     "-nodes", "-subj", "/CN=localhost", "-days", "1",
                     "-keyout", key, "-out", cert, "-addext",
                     "subjectAltName=DNS:localhost,IP:127.0.0.1"])
            assert r.returncode == 0, r.stderr
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(cert, key)
            kw = {"tls_context": ctx, "require_starttls": True}
        from conftest import free_port
        self.port = free_port()
        self.ctl = Controller(Handler(), hostname="127.0.0.1",
                              port=self.port, **kw)
        self.ctl.start()

    def stop(self):
        self.ctl.stop()


def test_test_alert_starttls_self_signed_names_the_certificate(workdir,
                                                                daemon_bin):
    srv = Smtp552(workdir, tls=True)
    try:
        conf = td.config(workdir, "http://127.0.0.1:9/unused.rss",
                         td.mail_target("ops", srv.port).replace(
                             "starttls = no", "starttls = yes"))
        r = run([daemon_bin, "test-alert", "-c", conf, "ops"])
        assert (r.returncode, r.stdout) == (
            1, "ops: TLS: certificate refused: self-signed certificate "
               "(retry)\n"), (r.stdout, r.stderr)
    finally:
        srv.stop()


def test_smtp_552_stored_with_its_meaning(nginx, workdir, daemon_bin):
    url = td.serve_feed(nginx, td.csdp_items(1, "big-mail"))
    srv = Smtp552(workdir)
    try:
        conf = td.config(workdir, url, td.mail_target("ops", srv.port))
        r = td.poll(daemon_bin, conf)
        (a,) = td.alerts_json(daemon_bin, conf)
        dv = a["deliveries"][0]
        assert (dv["state"], dv["status"], dv["error"]) == (
            "dead", 552, "SMTP 552: message too large, or mailbox full"), dv
        assert "ask its postmaster" in r.stderr, r.stderr
        assert "URL and credentials" not in r.stderr, r.stderr
    finally:
        srv.stop()


def test_check_warns_of_a_password_in_clear(workdir, daemon_bin):
    pw = td.secret_file(workdir, "smtp-pw", "hunter2")
    conf = td.config(workdir, "http://127.0.0.1:9/f.rss",
                     td.mail_target("ops", 2525, "username = u\n"
                                    f"password-file = {pw}\n"))
    r = run([daemon_bin, "check", "-c", conf])
    assert r.returncode == 0, r.stderr
    assert "[target ops]: starttls = no with username or password-file " \
        "sends the password in clear" in r.stderr, r.stderr
