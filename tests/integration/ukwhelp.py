"""Helpers shared by test_fetch.py and test_daemon.py: feed documents, the
config file, the state file read-only, and tiny misbehaving HTTP servers
(nginx cannot hang, or stream an endless body).

Every server here listens on 127.0.0.1, runs in daemon threads, and stops
in close() (the tests use them as context managers)."""

import email.utils
import socket
import sqlite3
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROFILES = ROOT / "seeds"


def rss(items, title="t"):
    """An RSS 2.0 document; items are (guid, title, description) tuples,
    dated now so that a first poll alerts on them (backlog is 2 days)."""
    now = email.utils.formatdate(time.time(), usegmt=True)
    body = "".join(
        f"<item><title>{t}</title><guid isPermaLink='false'>{g}</guid>"
        f"<link>http://example.org/{g}</link><pubDate>{now}</pubDate>"
        f"<description>{d}</description></item>" for g, t, d in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'>"
            f"<channel><title>{title}</title><link>http://example.org/</link>"
            f"<description>test feed</description>{body}</channel></rss>\n")


SANCTIONS = "The UK and the EU agreed an asset freeze under the sanctions regime"
DULL = "A local bakery opened a new shop selling bread"


def config(workdir, feeds, **daemon):
    """Config text: [daemon] with state, alert-log and profiles in workdir
    plus daemon (key=value, '_' for '-'), then one [feed NAME] per
    (name, url) or (name, url, {key: value})."""
    lines = ["[daemon]", f"state = {workdir}/state.db",
             f"alert-log = {workdir}/alerts.jsonl",
             f"profiles = {PROFILES}"]
    lines += [f"{k.replace('_', '-')} = {v}" for k, v in daemon.items()]
    for f in feeds:
        name, url = f[0], f[1]
        lines += ["", f"[feed {name}]", f"url = {url}"]
        for k, v in (f[2] if len(f) > 2 else {}).items():
            lines.append(f"{k.replace('_', '-')} = {v}")
    return "\n".join(lines) + "\n"


def state_rows(workdir, sql, args=()):
    """Rows of sql on the state file, opened read-only."""
    db = sqlite3.connect(f"file:{workdir}/state.db?mode=ro", uri=True,
                         timeout=5)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def feed_row(workdir, name):
    rows = state_rows(
        workdir, "SELECT http_status, error_class, error_streak, last_poll,"
        " next_poll, redirect_streak, redirect_url FROM feeds WHERE name=?",
        (name,))
    assert len(rows) == 1, rows
    keys = ("http_status", "error_class", "error_streak", "last_poll",
            "next_poll", "redirect_streak", "redirect_url")
    return dict(zip(keys, rows[0]))


def poll_lines(stderr):
    """`poll -v` summary lines (on stderr) by feed name: {name: (state,
    fields, rest)}.  Log lines and alert JSON lines are skipped."""
    out = {}
    for line in stderr.splitlines():
        parts = line.split(None, 2)
        if len(parts) < 3 or not parts[2].startswith("status=") or \
                parts[1] not in ("ok", "unchanged", "failed", "gone"):
            continue
        name, state = parts[0], parts[1]
        fields, rest = {}, ""
        tail = parts[2] if len(parts) > 2 else ""
        head, _, rest = tail.partition("  ")
        for kv in head.split():
            k, _, v = kv.partition("=")
            fields[k] = int(v)
        out[name] = (state, fields, rest.strip())
    return out


def requests_to(nginx, uri):
    return [r for r in nginx.access_log() if r["uri"] == uri]


class _Server:
    """A listening socket on 127.0.0.1 whose connections a handler serves,
    each in its own daemon thread.  connections counts accepted ones;
    connected is set at the first."""

    def __init__(self, handler):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.handler = handler
        self.stop = threading.Event()
        self.connected = threading.Event()
        self.connections = 0
        self.active = 0      # connections being served now
        self.max_active = 0  # the most at any one time
        self.lock = threading.Lock()
        self.sent = 0
        self.threads = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def url(self, path="/feed.rss"):
        return f"http://127.0.0.1:{self.port}{path}"

    def _accept(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            self.connected.set()
            t = threading.Thread(target=self._serve, args=(conn,),
                                 daemon=True)
            self.threads.append(t)
            t.start()

    def _serve(self, conn):
        with self.lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            self._serve_one(conn)
        finally:
            with self.lock:
                self.active -= 1

    def _serve_one(self, conn):
        with conn:
            conn.settimeout(0.5)
            data = b""
            while b"\r\n\r\n" not in data and not self.stop.is_set():
                try:
                    chunk = conn.recv(4096)
                except socket.timeout:
                    continue
                except OSError:
                    return
                if not chunk:
                    return
                data += chunk
            try:
                self.handler(self, conn)
            except OSError:
                pass  # the client gave up: what the tests expect

    def close(self):
        self.stop.set()
        self.thread.join(5)
        for t in self.threads:
            t.join(5)
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def hanging_server():
    """Reads the request, then sends nothing until closed."""
    def handler(srv, conn):
        srv.stop.wait(60)
    return _Server(handler)


def endless_server(chunk=8192):
    """200, chunked, a feed whose items never end."""
    def handler(srv, conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml"
                     b"\r\nTransfer-Encoding: chunked\r\n\r\n")
        head = b"<?xml version='1.0'?><rss version='2.0'><channel><title>e"
        head += b"</title>"
        item = b"<item><title>x</title><description>" + b"y" * 200
        item += b"</description></item>"
        body = head + item * (chunk // len(item))
        while not srv.stop.is_set():
            conn.sendall(b"%x\r\n%s\r\n" % (len(body), body))
            srv.sent += len(body)
            body = item * (chunk // len(item))
    return _Server(handler)


def drip_server(doc, bytes_per_second=50):
    """200 with Content-Length, the body a few bytes at a time."""
    def handler(srv, conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml"
                     b"\r\nContent-Length: %d\r\n\r\n" % len(doc))
        step = max(1, bytes_per_second // 10)
        for i in range(0, len(doc), step):
            if srv.stop.wait(0.1):
                return
            conn.sendall(doc[i:i + step])
            srv.sent += step
    return _Server(handler)
