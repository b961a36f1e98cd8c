#!/usr/bin/python3
"""A real-HTTP webhook receiver for delivery tests.

Listens on 127.0.0.1 (port 0 by default: the kernel picks one) and prints
the port on its first stdout line.  Every request is verified against the
Standard Webhooks signature (when --secret is given; repeat it for a key
rotation) and recorded as one JSON line in --record:

  {"n": 1, "t": 1700000000.12, "method": "POST", "path": "/hook",
   "headers": {...}, "body": "...", "webhook_id": "...",
   "sig_ok": true, "ts_ok": true, "status": 204, "mode": "ok"}

How it answers is set through the control endpoint:

  POST /_control  {"mode": "ok" | "500" | "429" | "410" | "hang" | "bucket"
                           | "big",
                   "count": N (how many requests get it, default: all),
                   "retry_after": SECONDS (for 429), "hang": SECONDS,
                   "reset_after": SECONDS (for bucket),
                   "size": BYTES, "chunked": BOOL (for big),
                   "delay": SECONDS (before any answer)}
  GET  /_requests the recorded requests as a JSON array

"ok" answers 204 (or --ok-status).  A request whose signature fails gets
401.  "hang" holds the connection open without answering for the hang
time (default 60 s) and then closes it.  "bucket" accepts like "ok" and
says, as Discord does, that the rate-limit bucket is now empty:
X-RateLimit-Remaining: 0 and X-RateLimit-Reset-After (default 1.5 s).
"big" answers 200 with a body of size bytes (default 200 MB), with a
Content-Length or chunked, written until the client goes away.
Control requests are not recorded.

Standard library only; run with Debian's /usr/bin/python3.
"""

import argparse
import base64
import hashlib
import hmac
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_S = 300  # the reference library's timestamp tolerance


def signature_ok(secrets, msg_id, timestamp, body, header):
    """Standard Webhooks check: any v1 signature under any secret."""
    if not (msg_id and timestamp and header):
        return False
    to_sign = f"{msg_id}.{timestamp}.".encode() + body
    for secret in secrets:
        key = secret[len("whsec_"):] if secret.startswith("whsec_") else secret
        key = base64.b64decode(key + "=" * (-len(key) % 4))
        want = base64.b64encode(
            hmac.new(key, to_sign, hashlib.sha256).digest()).decode()
        for sig in header.split(" "):
            version, _, value = sig.partition(",")
            if version == "v1" and hmac.compare_digest(value, want):
                return True
    return False


def timestamp_ok(timestamp, now=None):
    try:
        ts = int(timestamp)
    except (TypeError, ValueError):
        return False
    now = time.time() if now is None else now
    return abs(now - ts) <= TOLERANCE_S


class State:
    def __init__(self, args):
        self.lock = threading.Lock()
        self.secrets = args.secret or []
        self.ok_status = args.ok_status
        self.record_path = args.record
        self.requests = []
        self.mode = {"mode": "ok"}
        self.remaining = None  # None: the mode stays
        self.stop = threading.Event()

    def next_mode(self):
        with self.lock:
            mode = dict(self.mode)
            if self.remaining is not None:
                self.remaining -= 1
                if self.remaining <= 0:
                    self.mode, self.remaining = {"mode": "ok"}, None
            return mode

    def set_mode(self, spec):
        if spec.get("mode") not in ("ok", "500", "429", "410", "hang",
                                    "bucket", "big"):
            raise ValueError("unknown mode")
        with self.lock:
            self.mode = spec
            count = spec.get("count")
            self.remaining = int(count) if count is not None else None

    def record(self, entry):
        with self.lock:
            entry["n"] = len(self.requests) + 1
            self.requests.append(entry)
            if self.record_path:
                with open(self.record_path, "a", encoding="utf-8") as f:
                    f.write(json.dumps(entry, ensure_ascii=False) + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "receiver/1"

    def log_message(self, fmt, *args):  # keep test output quiet
        pass

    def _reply(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def do_GET(self):
        st = self.server.state
        if self.path == "/_requests":
            with st.lock:
                data = json.dumps(st.requests).encode()
            self._reply(200, data, {"Content-Type": "application/json"})
        else:
            self._reply(404)

    def do_POST(self):
        st = self.server.state
        body = self._read_body()
        if self.path == "/_control":
            try:
                st.set_mode(json.loads(body))
            except (ValueError, TypeError) as e:
                self._reply(400, str(e).encode())
                return
            self._reply(204)
            return
        self._deliver(st, body)

    def _deliver(self, st, body):
        h = self.headers
        mode = st.next_mode()
        sig_ok = ts_ok = None
        if st.secrets:
            sig_ok = signature_ok(st.secrets, h.get("webhook-id"),
                                  h.get("webhook-timestamp"), body,
                                  h.get("webhook-signature"))
            ts_ok = timestamp_ok(h.get("webhook-timestamp"))
        status, extra = self._answer(mode, sig_ok, ts_ok)
        st.record({
            "t": time.time(), "method": self.command, "path": self.path,
            "headers": {k.lower(): v for k, v in h.items()},
            "body": body.decode("utf-8", "replace"),
            "webhook_id": h.get("webhook-id"), "sig_ok": sig_ok,
            "ts_ok": ts_ok, "status": status, "mode": mode["mode"],
        })
        if mode.get("delay"):
            time.sleep(float(mode["delay"]))
        if mode["mode"] == "big":
            self._big(int(mode.get("size", 200 * 1000 * 1000)),
                      bool(mode.get("chunked")))
            return
        if status is None:  # hang: hold the socket, then drop it
            st.stop.wait(float(mode.get("hang", 60)))
            self.close_connection = True
            return
        self._reply(status, extra.pop("body", b""), extra)

    def _big(self, size, chunked):
        self.send_response(200)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(size))
        self.end_headers()
        block = b"x" * 65536
        try:
            while size > 0:
                n = min(size, len(block))
                if chunked:
                    self.wfile.write(b"%x\r\n%s\r\n" % (n, block[:n]))
                else:
                    self.wfile.write(block[:n])
                size -= n
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass  # the client stopped reading: what a test expects
        self.close_connection = True

    def _answer(self, mode, sig_ok, ts_ok):
        m = mode["mode"]
        if m in ("hang", "big"):
            return None, {}
        if m == "500":
            return 500, {"body": b"boom"}
        if m == "410":
            return 410, {"body": b"gone"}
        if m == "429":
            return 429, {"Retry-After": str(mode.get("retry_after", 1)),
                         "body": b"slow down"}
        if sig_ok is False or ts_ok is False:
            return 401, {"body": b"bad signature"}
        if m == "bucket":
            return self.server.state.ok_status, {
                "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset-After": str(mode.get("reset_after", 1.5))}
        return self.server.state.ok_status, {}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--secret", action="append",
                    help="whsec_ signing secret (repeat for rotation)")
    ap.add_argument("--record", help="append every request here as JSON")
    ap.add_argument("--ok-status", type=int, default=204)
    args = ap.parse_args(argv)
    # A listen backlog of 5 (socketserver's default) drops SYNs from a
    # client with dozens of requests at once: each retried after 1 s.
    ThreadingHTTPServer.request_queue_size = 256
    srv = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    srv.daemon_threads = True
    srv.state = State(args)
    print(srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.state.stop.set()
        srv.server_close()


if __name__ == "__main__":
    sys.exit(main())
