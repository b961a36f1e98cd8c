"""The end-to-end harness: one World per shared daemon run.

A World owns a scratch directory, an nginx (tests/integration/conftest.py's
Nginx), webhook receivers (receiver.py as processes), aiosmtpd servers (in
this process), small misbehaving HTTP servers (ukwhelp._Server) and the
`ukeuwatch run` under test.  close() stops every one of them, whatever
state the test left them in; every wait is bounded.

check_exactly_once() is the assertion every scenario ends with: the alerts
the state holds are exactly the expected ones, none twice, and each one
reached every target exactly once (webhooks by webhook-id, mail by
Message-ID).  The one exception is a SIGKILL landing after a receiver
accepted a delivery and before the sender recorded it: no sender can know
of that delivery, so it is sent again with the same id; the scenario that
kills passes the kill times and each such repeat must follow one.
"""

import collections
import email.utils
import html
import os
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time
import zlib
from pathlib import Path

from conftest import ROOT, Nginx, run, stop_process, wait_for, web_off
import test_deliver as td
from ukwhelp import _Server, config as base_config

SANITIZED = bool(os.environ.get("UKEUWATCH_SANITIZED"))
MAIL_DOMAIN = "watch.example"


def daemon_path():
    path = Path(os.environ.get("UKEUWATCH_BIN", ROOT / "build" / "ukeuwatch"))
    assert path.is_file() and os.access(path, os.X_OK), \
        f"{path} is not built (make, or set UKEUWATCH_BIN)"
    return path


# -- documents ---------------------------------------------------------------

def csdp_title(tag):
    """A title the shipped csdp profile matches (with td.SEED as text)."""
    return f"UK joins EU CSDP mission {tag}"


def rss_doc(items, encoding="utf-8", age_s=60):
    """RSS 2.0 text; items are dicts with title and optional guid, link,
    description (else the seed text).  Unlike td.rss, an item may lack a
    guid or a link."""
    date = email.utils.formatdate(time.time() - age_s, usegmt=True)
    parts = []
    for it in items:
        p = f"<item><title>{html.escape(it['title'])}</title>"
        if it.get("link"):
            p += f"<link>{html.escape(it['link'])}</link>"
        if it.get("guid"):
            p += f"<guid isPermaLink='false'>{html.escape(it['guid'])}</guid>"
        p += (f"<pubDate>{date}</pubDate>"
              f"<description>{html.escape(it.get('description', td.SEED))}"
              "</description></item>")
        parts.append(p)
    return (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0">'
            "<channel><title>e2e</title><link>https://news.example/</link>"
            "<description>t</description>" + "".join(parts)
            + "</channel></rss>\n")


def gzip_bomb(head, mib):
    """A gzip member that expands to head + mib MiB of spaces, built in
    well under a second: after a full flush the deflate state restarts, so
    one compressed MiB can be repeated (about 1 KiB per MiB)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    block = b" " * (1 << 20)
    one = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    end = c.flush()
    crc = zlib.crc32(head)
    for _ in range(mib):
        crc = zlib.crc32(block, crc)
    size = len(head) + (mib << 20)
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + first + one * mib
            + end + struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF))


# -- misbehaving servers (ukwhelp._Server handlers) ---------------------------

def _head(status, length, extra=b""):
    return (b"HTTP/1.1 %s\r\nContent-Type: application/rss+xml\r\n"
            b"Content-Length: %d\r\n%s\r\n" % (status, length, extra))


def reset_server(doc, resets):
    """The first `resets` connections get half the body and a TCP RST
    (SO_LINGER 0); later ones get the whole document."""
    doc = doc.encode()

    def handler(srv, conn):
        if srv.connections <= resets:
            conn.sendall(_head(b"200 OK", len(doc)) + doc[:len(doc) // 2])
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                            struct.pack("ii", 1, 0))
            return
        conn.sendall(_head(b"200 OK", len(doc)) + doc)
    return _Server(handler)


def huge_server(size=1 << 30):
    """Content-Length: 1 GiB of feed items, generated as it is sent (never
    held); srv.sent counts what the client took before it hung up."""
    def handler(srv, conn):
        conn.sendall(_head(b"200 OK", size))
        head = b"<?xml version='1.0'?><rss version='2.0'><channel><title>h"
        head += b"</title>"
        item = b"<item><title>x</title><description>" + b"y" * 400
        item += b"</description></item>"
        chunk = item * (65536 // len(item))
        conn.sendall(head)
        srv.sent += len(head)
        while srv.sent < size and not srv.stop.is_set():
            conn.sendall(chunk)
            srv.sent += len(chunk)
    return _Server(handler)


def bomb_server(body):
    """200 with Content-Encoding: gzip and the given (compressed) body."""
    def handler(srv, conn):
        conn.sendall(_head(b"200 OK", len(body),
                           b"Content-Encoding: gzip\r\n") + body)
        srv.sent += len(body)
    return _Server(handler)


# -- the world ---------------------------------------------------------------

class World:
    """Everything one shared daemon run needs; close() stops it all."""

    def __init__(self, tag):
        self.bin = daemon_path()
        self.dir = Path(tempfile.mkdtemp(prefix=f"ukw-e2e-{tag}-"))
        self.dir.chmod(0o755)
        self.nginx = Nginx(self.dir / "nginx")
        self.procs = []
        self.servers = []
        self.smtps = []
        self.daemon = None
        self.conf = self.dir / "ukeuwatch.conf"
        self.cleanups = []

    # processes and servers, all stopped in close()
    def spawn(self, cmd, **kw):
        kw.setdefault("stdin", subprocess.DEVNULL)
        proc = subprocess.Popen([str(c) for c in cmd], **kw)
        self.procs.append(proc)
        return proc

    def server(self, srv):
        self.servers.append(srv)
        return srv

    def receiver(self):
        return td.Receiver(self.spawn, self.dir, secrets=(td.SECRET,))

    def smtp(self, refuse=0):
        s = td.Smtp(refuse)
        self.smtps.append(s)
        return s

    def write_feed(self, name, text, mtime=None):
        """Replace html/name atomically, so nginx never serves half."""
        data = text.encode() if isinstance(text, str) else text
        tmp = self.nginx.html / f".{name}.tmp"
        tmp.write_bytes(data)
        tmp.chmod(0o644)
        if mtime is not None:
            os.utime(tmp, (mtime, mtime))
        os.replace(tmp, self.nginx.html / name)

    def write_config(self, feeds, targets, **daemon):
        text = base_config(self.dir, feeds, **daemon) + "\n" + targets
        self.conf.write_text(web_off(text))
        return self.conf

    def start_daemon(self, tag="run"):
        self.daemon = td.Daemon(self.spawn, self.bin, self.conf, self.dir,
                                tag)
        return self.daemon

    def log(self):
        """Every daemon log of this world, in start order."""
        return "".join(p.read_text(errors="replace")
                       for p in sorted(self.dir.glob("daemon-*.log"),
                                       key=os.path.getmtime))

    def wait_log(self, text, timeout):
        return wait_for(lambda: text in self.log(), timeout, 0.1)

    def webhook_target(self, name, rec, extra=""):
        """A signed json [target] posting to rec at /name."""
        secret = self.dir / "whsec"
        if not secret.exists():
            td.secret_file(self.dir, "whsec", td.SECRET)
        return td.webhook_target(name, rec.url(f"/{name}"), "json",
                                 (secret,), extra)

    def mail_target(self, name, srv, extra=""):
        return td.mail_target(name, srv.port, extra)

    def alerts(self):
        return td.alerts_json(self.bin, self.conf)

    def close(self):
        if self.daemon is not None:
            stop_process(self.daemon.proc)
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)  # receiver.py exits on it
            stop_process(proc, timeout=5)
        for s in self.smtps:
            s.stop()
        for s in self.servers:
            s.close()
        self.nginx.stop()
        for fn in reversed(self.cleanups):
            fn()
        if not os.environ.get("UKW_E2E_KEEP"):
            shutil.rmtree(self.dir, ignore_errors=True)


def sanitizer_report(text):
    """Lines of a sanitizer report in a daemon log, or []."""
    return [l for l in text.splitlines()
            if "runtime error" in l or "Sanitizer" in l]


# How long after a receiver accepted a delivery the sender may still be
# reading the answer and committing it.  A SIGKILL inside that window leaves
# the delivery unrecorded, so the next run sends it again with the same id:
# the one redelivery no sender can avoid (receivers drop it by webhook-id or
# Message-ID).  Anything else sent twice is a bug.
ACK_WINDOW_S = 2.0


def _sent_twice(times, kills):
    """times: arrival times of one id's accepted deliveries.  The repeats
    that no SIGKILL in kills (time.time() values) explains."""
    times = sorted(times)
    bad = []
    for first, again in zip(times, times[1:]):
        if not any(first - 0.05 <= k <= first + ACK_WINDOW_S and k < again
                   for k in kills):
            bad.append((first, again))
    return bad


def check_exactly_once(world, expected, webhooks, mails, kills=()):
    """expected: {(feed, title)}; webhooks: {target name: Receiver};
    mails: {target name: Smtp}; kills: when the test sent SIGKILL.
    Returns how many deliveries a SIGKILL forced to be sent again."""
    alerts = world.alerts()
    got = collections.Counter((a["feed"]["name"], a["title"])
                              for a in alerts)
    twice = {k: n for k, n in got.items() if n > 1}
    assert twice == {}, f"alerted more than once: {twice}"
    assert set(got) == set(expected), (
        f"missing: {sorted(set(expected) - set(got))}\n"
        f"unexpected: {sorted(set(got) - set(expected))}")
    ids = {a["id"] for a in alerts}
    resent = 0
    for name, rec in webhooks.items():
        seen = collections.defaultdict(list)
        for r in rec.requests():
            if r["path"] == f"/{name}" and r["status"] is not None \
                    and 200 <= r["status"] < 300:
                assert r["sig_ok"] and r["ts_ok"], r
                seen[r["webhook_id"]].append(r["t"])
        resent += _check_once(f"target {name}", seen, ids, kills)
    for name, srv in mails.items():
        seen = collections.defaultdict(list)
        for t, m in srv.parsed_at():
            seen[m["Message-ID"]].append(t)
        want = {f"<{i}.{name}@{MAIL_DOMAIN}>" for i in ids}
        resent += _check_once(f"target {name}", seen, want, kills)
    return resent


def _check_once(what, seen, want, kills):
    assert set(seen) == set(want), (
        f"{what}: delivered {sorted(seen)}, want each of {sorted(want)}")
    bad = {i: t for i, t in seen.items() if _sent_twice(t, kills)}
    assert bad == {}, (
        f"{what}: sent again with no SIGKILL inside {ACK_WINDOW_S} s of "
        f"the first delivery: {bad}")
    return sum(len(t) - 1 for t in seen.values())


def all_delivered(world, n_alerts, webhooks, mails):
    """True once every target holds n_alerts distinct successful
    deliveries (the wait before check_exactly_once)."""
    for name, rec in webhooks.items():
        ok = {r["webhook_id"] for r in rec.requests()
              if r["path"] == f"/{name}" and r["status"] is not None
              and 200 <= r["status"] < 300}
        if len(ok) < n_alerts:
            return False
    for srv in mails.values():
        if len({m["Message-ID"] for m in srv.parsed()}) < n_alerts:
            return False
    return True


def vm_kib(pid, key):
    """VmRSS / VmHWM of a live process in KiB, or None."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def poll_once(world, timeout=120):
    return run([world.bin, "poll", "-c", world.conf], timeout=timeout)
