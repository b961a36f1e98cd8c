"""The webhook receiver itself works: signatures verify (and tampering
fails), requests are recorded, and each answer mode does what it says.
The other delivery tests rely on it, so it is tested on its own first."""

import base64
import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SECRET2 = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

sys.path.insert(0, HERE)
import receiver  # noqa: E402


def sign(secret, msg_id, ts, body):
    key = base64.b64decode(secret[len("whsec_"):])
    mac = hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256)
    return "v1," + base64.b64encode(mac.digest()).decode()


@pytest.fixture
def server(tmp_path):
    record = tmp_path / "requests.jsonl"
    proc = subprocess.Popen(
        ["/usr/bin/python3", os.path.join(HERE, "receiver.py"),
         "--secret", SECRET, "--record", str(record)],
        stdout=subprocess.PIPE, text=True)
    try:
        port = int(proc.stdout.readline())
        yield f"http://127.0.0.1:{port}", record
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def post(url, body, headers=None, timeout=5):
    req = urllib.request.Request(url, data=body, method="POST",
                                 headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers)


def signed(msg_id, body, ts=None, secret=SECRET):
    ts = int(time.time()) if ts is None else ts
    return {"webhook-id": msg_id, "webhook-timestamp": str(ts),
            "webhook-signature": sign(secret, msg_id, ts, body),
            "Content-Type": "application/json"}


def control(base, **spec):
    status, _ = post(base + "/_control", json.dumps(spec).encode())
    assert status == 204


def records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_published_vector():
    # The same vector as tests/unit/test_sign.c, through the receiver's code.
    body = b'{"test": 2432232314}'
    sig = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    assert sign(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                body) == sig
    assert receiver.signature_ok([SECRET], "msg_p5jXN8AQM9LWM0D4loKWxJek",
                                 "1614265330", body, sig)
    assert receiver.signature_ok([SECRET2, SECRET],
                                 "msg_p5jXN8AQM9LWM0D4loKWxJek",
                                 "1614265330", body, "v1,AAAA " + sig)
    assert not receiver.signature_ok([SECRET2],
                                     "msg_p5jXN8AQM9LWM0D4loKWxJek",
                                     "1614265330", body, sig)


def test_signed_and_tampered(server):
    base, record = server
    body = b'{"type":"alert.matched"}'
    assert post(base + "/hook", body, signed("a1", body))[0] == 204
    tampered = signed("a2", body)
    assert post(base + "/hook", body + b" ", tampered)[0] == 401
    stale = signed("a3", body, ts=int(time.time()) - 3600)
    assert post(base + "/hook", body, stale)[0] == 401
    assert post(base + "/hook", body)[0] == 401  # unsigned
    got = [(r["webhook_id"], r["sig_ok"], r["ts_ok"], r["status"])
           for r in records(record)]
    assert got == [("a1", True, True, 204), ("a2", False, True, 401),
                   ("a3", True, False, 401), (None, False, False, 401)]
    first = records(record)[0]
    assert first["body"] == body.decode()
    assert first["headers"]["content-type"] == "application/json"
    assert first["n"] == 1


def test_modes(server):
    base, record = server
    body = b"{}"
    control(base, mode="500", count=2)
    assert post(base + "/h", body, signed("m1", body))[0] == 500
    assert post(base + "/h", body, signed("m1", body))[0] == 500
    assert post(base + "/h", body, signed("m1", body))[0] == 204
    control(base, mode="429", count=1, retry_after=7)
    status, headers = post(base + "/h", body, signed("m2", body))
    assert (status, headers.get("Retry-After")) == (429, "7")
    control(base, mode="410")
    assert post(base + "/h", body, signed("m3", body))[0] == 410
    assert post(base + "/h", body, signed("m3", body))[0] == 410
    control(base, mode="hang", count=1, hang=3)
    start = time.monotonic()
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        post(base + "/h", body, signed("m4", body), timeout=1)
    assert 0.9 <= time.monotonic() - start < 3
    control(base, mode="ok")
    assert post(base + "/h", body, signed("m5", body))[0] == 204
    got = [(r["webhook_id"], r["mode"], r["status"]) for r in records(record)]
    assert got == [("m1", "500", 500), ("m1", "500", 500), ("m1", "ok", 204),
                   ("m2", "429", 429), ("m3", "410", 410),
                   ("m3", "410", 410), ("m4", "hang", None),
                   ("m5", "ok", 204)]
    with urllib.request.urlopen(base + "/_requests", timeout=5) as r:
        assert len(json.load(r)) == 8
    assert post(base + "/_control", b'{"mode":"teapot"}')[0] == 400
