"""Failure classes a person can act on, and the publisher's own polling
hint: a self-signed TLS certificate (class tls, verification stays on), a
host name that cannot resolve (dns), a CDN challenge page (cdn) beside a
plain 403 (http), and RSS <ttl> / sy:updatePeriod+updateFrequency as a
lower bound on the interval when honour-ttl is on.

Each failing feed is checked three ways: the `poll -v` line (message and
advice), the warning on stderr (error_class=...), and `status --json`.
Servers listen on 127.0.0.1 only; the DNS test uses the reserved .invalid
top-level domain (RFC 6761), which never resolves."""

import http.client
import json
import os
import re
import ssl
import subprocess
import time

from conftest import run, stop_process, wait_for, write_config
from ukwhelp import (DULL, _Server, config, feed_row, poll_lines,
                     requests_to, rss)

SY_NS = "http://purl.org/rss/1.0/modules/syndication/"
CF_CHALLENGE = """<!DOCTYPE html><html lang="en-US"><head>
<title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="robots" content="noindex,nofollow">
</head><body><div class="main-wrapper" role="main">
<h1>example.org</h1><h2>Checking if the site connection is secure</h2>
<div id="cf-chl-widget-x1y2z"></div>
<noscript>Enable JavaScript and cookies to continue</noscript>
<script>(function(){window._cf_chl_opt={cvId: '3',cType: 'managed'};
var a=document.createElement('script');
a.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=8a1';
document.getElementsByTagName('head')[0].appendChild(a);}());</script>
</div></body></html>
"""
# What a publisher's own server says when it forbids a path: no bot wall.
PLAIN_403 = """<!DOCTYPE html><html><head><title>403 Forbidden</title></head>
<body><h1>Forbidden</h1><p>You don't have permission to read this
resource on this server.</p><hr><address>Apache Server at example.org
</address></body></html>
"""


def poll(daemon_bin, conf, timeout=60, env=None):
    return run([daemon_bin, "poll", "-v", "-c", conf], timeout=timeout,
               env=env)


def status_feeds(daemon_bin, conf):
    r = run([daemon_bin, "status", "--json", "-c", conf])
    assert r.returncode == 0, r.stderr
    return {f["name"]: f for f in json.loads(r.stdout)["feeds"]}


def assert_failed(r, daemon_bin, conf, name, cls, status, error):
    """Feed name failed this poll with class cls, HTTP status and the whole
    message error (what happened; what to do), as `poll -v`, the warning
    log line and `status --json` all report it."""
    state, fields, msg = poll_lines(r.stderr)[name]
    assert (state, fields["status"], fields["items"], msg) == \
        ("failed", status, 0, error), r.stdout
    assert f"warning: feed {name}: {error} (error_class={cls} streak=1)" \
        in r.stderr, r.stderr
    f = status_feeds(daemon_bin, conf)[name]
    assert {k: f[k] for k in ("http_status", "error_class", "error",
                              "error_streak", "gone", "last_ok", "items")} \
        == {"http_status": status, "error_class": cls, "error": error,
            "error_streak": 1, "gone": False, "last_ok": None, "items": 0}


# -- TLS -------------------------------------------------------------------

class TlsServer(_Server):
    """ukwhelp's server behind a TLS handshake with ctx; handshakes that
    fail are counted with the reason the server saw."""

    def __init__(self, ctx, handler):
        self.ctx = ctx
        self.handshake_errors = []
        self.requests = 0
        super().__init__(handler)

    def _serve_one(self, conn):
        conn.settimeout(10)
        try:
            tls = self.ctx.wrap_socket(conn, server_side=True)
        except (ssl.SSLError, OSError) as e:
            self.handshake_errors.append(str(e))
            conn.close()
            return
        super()._serve_one(tls)


def self_signed(workdir):
    """A fresh key and a certificate for localhost and 127.0.0.1 that no CA
    signed: right name, untrusted issuer."""
    cert, key = workdir / "cert.pem", workdir / "key.pem"
    r = run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
             "-subj", "/CN=localhost", "-days", "1", "-keyout", key,
             "-out", cert, "-addext",
             "subjectAltName=DNS:localhost,IP:127.0.0.1"])
    assert r.returncode == 0, r.stderr
    return cert, key


def test_self_signed_certificate_is_class_tls(workdir, daemon_bin):
    cert, key = self_signed(workdir)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    doc = rss([("t1", "Secret feed", DULL)]).encode()

    def handler(srv, conn):
        srv.requests += 1
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml"
                     b"\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s"
                     % (len(doc), doc))

    with TlsServer(ctx, handler) as srv:
        # The server works for a client that trusts the certificate...
        trusting = ssl.create_default_context(cafile=str(cert))
        c = http.client.HTTPSConnection("127.0.0.1", srv.port, timeout=10,
                                        context=trusting)
        c.request("GET", "/feed.rss")
        assert c.getresponse().read() == doc
        c.close()
        # ...and ukeuwatch, which trusts only the system's CAs, refuses it.
        url = f"https://127.0.0.1:{srv.port}/feed.rss"
        conf = write_config(workdir, config(workdir, [("selfsigned", url)],
                                            timeout="10s"))
        r = poll(daemon_bin, conf)
        assert wait_for(lambda: len(srv.handshake_errors) >= 1, 5)
        requests, errors = srv.requests, list(srv.handshake_errors)
    assert r.returncode == 1, r.stdout + r.stderr  # every feed failed
    assert_failed(r, daemon_bin, conf, "selfsigned", "tls", 0,
                  "TLS: certificate refused: self-signed certificate; "
                  "ask the server's owner to fix its certificate")
    # The handshake was refused by the client: not one request was sent.
    assert requests == 1, requests  # the trusting client's
    assert len(errors) == 1 and "UNKNOWN_CA" in errors[0], errors
    row = feed_row(workdir, "selfsigned")
    assert (row["http_status"], row["error_class"]) == (0, "tls")


# -- DNS -------------------------------------------------------------------

def test_unresolvable_host_is_class_dns(workdir, daemon_bin):
    # .invalid never resolves (RFC 6761): a resolver answers NXDOMAIN, a
    # machine without one fails at once.  Should the name server not answer
    # at all, the lookup ends at connect-timeout, still as class dns (see
    # the next test for that case on purpose).
    conf = write_config(workdir, config(workdir, [
        ("nowhere", "http://does-not-exist.invalid/feed.xml")],
        connect_timeout="5s", timeout="8s"))
    t0 = time.monotonic()
    r = poll(daemon_bin, conf, timeout=30)
    took = time.monotonic() - t0
    assert r.returncode == 1, r.stdout + r.stderr
    msg = poll_lines(r.stderr)["nowhere"][2]
    assert msg == "DNS: could not resolve host does-not-exist.invalid; " \
        "check the host name in the feed's url" or re.fullmatch(
            r"DNS: looking up does-not-exist\.invalid timed out after "
            r"5(\.[0-9])? s; the name server did not answer, check the "
            r"resolver \(/etc/resolv\.conf\); retrying", msg), msg
    assert_failed(r, daemon_bin, conf, "nowhere", "dns", 0, msg)
    # Within the configured limits, as the poll and the clock measure it.
    assert poll_lines(r.stderr)["nowhere"][1]["ms"] <= 5000, r.stdout
    assert took < 20, took


# getaddrinfo() that never answers for one name, as behind a name server
# that drops queries: preloaded into ukeuwatch, it hangs libcurl's resolver
# thread there and nowhere else.
SILENT_RESOLVER = r'''
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netdb.h>
#include <string.h>
#include <unistd.h>

int
getaddrinfo(const char *node, const char *service,
    const struct addrinfo *hints, struct addrinfo **res)
{
	int (*real)(const char *, const char *, const struct addrinfo *,
	    struct addrinfo **) = dlsym(RTLD_NEXT, "getaddrinfo");

	if (node != NULL && strcmp(node, "silent.invalid") == 0) {
		sleep(30);
		return EAI_AGAIN;
	}
	return real(node, service, hints, res);
}
'''


def test_resolver_that_never_answers_is_class_dns(workdir, daemon_bin):
    src, lib = workdir / "silent.c", workdir / "silent.so"
    src.write_text(SILENT_RESOLVER)
    cc = run(["gcc", "-shared", "-fPIC", "-o", lib, src, "-ldl"])
    assert cc.returncode == 0, cc.stderr
    conf = write_config(workdir, config(workdir, [
        ("silent", "http://silent.invalid/feed.xml")],
        connect_timeout="2s", timeout="8s"))
    # The sanitizer build wants its runtime first; the shim goes before it.
    asan = os.environ.get("ASAN_OPTIONS", "")
    env = dict(os.environ, LD_PRELOAD=str(lib), ASAN_OPTIONS=(
        asan + ":" if asan else "") + "verify_asan_link_order=0")
    t0 = time.monotonic()
    r = poll(daemon_bin, conf, timeout=30, env=env)
    took = time.monotonic() - t0
    assert r.returncode == 1, r.stdout + r.stderr
    msg = poll_lines(r.stderr)["silent"][2]
    assert re.fullmatch(
        r"DNS: looking up silent\.invalid timed out after 2(\.[0-9])? s; "
        r"the name server did not answer, check the resolver "
        r"\(/etc/resolv\.conf\); retrying", msg), msg
    assert_failed(r, daemon_bin, conf, "silent", "dns", 0, msg)
    assert 1900 <= poll_lines(r.stderr)["silent"][1]["ms"] <= 4000, r.stdout
    assert 1.9 <= took < 15, took  # the connect timeout, not the shim's 30 s


def test_unresolvable_proxy_names_the_proxy_not_the_feed(
        nginx, workdir, daemon_bin):
    nginx.write("ok.rss", rss([("p1", "Behind a proxy", DULL)]))
    nginx.start()
    conf = write_config(workdir, config(workdir, [
        ("proxied", nginx.url("/ok.rss"))],
        connect_timeout="5s", timeout="8s"))
    env = {k: v for k, v in os.environ.items()
           if not k.lower().endswith("_proxy")}
    env["http_proxy"] = "http://proxy.invalid:3128"
    r = poll(daemon_bin, conf, env=env)
    assert r.returncode == 1, r.stdout + r.stderr
    assert_failed(r, daemon_bin, conf, "proxied", "dns", 0,
                  "DNS: could not resolve the proxy proxy.invalid; check "
                  "the proxy in http_proxy, https_proxy or all_proxy (or "
                  "exempt the host with no_proxy)")
    assert nginx.access_log() == []
    # Following the advice works.
    env["no_proxy"] = "127.0.0.1"
    r = poll(daemon_bin, conf, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert poll_lines(r.stderr)["proxied"][0] == "ok"
    assert [e["status"] for e in nginx.access_log()] == [200]


# -- CDN challenge pages -----------------------------------------------------

def test_cdn_challenge_page_is_not_a_plain_403(nginx, workdir, daemon_bin):
    nginx.write("challenge.html", CF_CHALLENGE)
    nginx.write("forbidden.html", PLAIN_403)
    # The status stays 403 (or 503) through error_page.  nginx gzips the
    # 403 pages (text/html) but not the 503 one: the sniffing must work on
    # decoded bytes as well as on plain ones.
    for path, code, page in (("/wall.rss", 403, "/challenge.html"),
                             ("/wall503.rss", 503, "/challenge.html"),
                             ("/forbidden.rss", 403, "/forbidden.html")):
        nginx.location(f"location = {path} {{ add_header Server-Timing "
                       f"cfEdge always; error_page {code} {page}; "
                       f"return {code}; }}")
    nginx.start()
    conf = write_config(workdir, config(workdir, [
        ("wall", nginx.url("/wall.rss")),
        ("wall503", nginx.url("/wall503.rss")),
        ("forbidden", nginx.url("/forbidden.rss"))]))
    r = poll(daemon_bin, conf)
    assert r.returncode == 1, r.stdout + r.stderr
    advice = ("set a browser-like user-agent for this feed, or ask the "
              "publisher to allow feed readers")
    assert_failed(r, daemon_bin, conf, "wall", "cdn", 403,
                  f"blocked by a CDN challenge page (HTTP 403); {advice}")
    assert_failed(r, daemon_bin, conf, "wall503", "cdn", 503,
                  f"blocked by a CDN challenge page (HTTP 503); {advice}")
    assert_failed(r, daemon_bin, conf, "forbidden", "http", 403,
                  "HTTP 403; retrying")
    # The pages really were served with those statuses and encodings.
    log = sorted((e["uri"], e["status"], e["content_encoding"])
                 for e in nginx.access_log())
    assert log == [("/forbidden.rss", 403, "gzip"),
                   ("/wall.rss", 403, "gzip"),
                   ("/wall503.rss", 503, "")], log


# -- honour-ttl ------------------------------------------------------------

def with_hint(doc, hint, sy=False):
    """doc with hint (RSS elements) at the top of its channel."""
    if sy:
        doc = doc.replace("<rss version='2.0'>",
                          f"<rss version='2.0' xmlns:sy='{SY_NS}'>")
    return doc.replace("<description>test feed</description>",
                       "<description>test feed</description>" + hint, 1)


def sy_hint(period, frequency):
    return (f"<sy:updatePeriod>{period}</sy:updatePeriod>"
            f"<sy:updateFrequency>{frequency}</sy:updateFrequency>")


def planned_gaps(sub, names):
    """next_poll - last_poll in seconds, per feed, from the state file."""
    out = {}
    for name in names:
        row = feed_row(sub, name)
        assert row["error_class"] is None, row
        out[name] = (row["next_poll"] - row["last_poll"]) / 1000
    return out


def test_honour_ttl_is_a_lower_bound_on_the_interval(
        nginx, workdir, daemon_bin):
    items = [("h1", "Hint", DULL), ("h2", "Hint two", DULL)]
    nginx.write("ttl60.rss", with_hint(rss(items), "<ttl>60</ttl>"))
    nginx.write("sy30.rss", with_hint(rss(items), sy_hint("hourly", 2),
                                      sy=True))
    nginx.write("ttl1.rss", with_hint(rss(items), "<ttl>1</ttl>"))
    nginx.write("plain.rss", rss(items))
    nginx.start()
    feeds = [("ttl60", nginx.url("/ttl60.rss")),
             ("sy30", nginx.url("/sy30.rss")),
             # A hint shorter than the interval does not shorten it.
             ("ttl1", nginx.url("/ttl1.rss"), {"interval": "5m"}),
             ("plain", nginx.url("/plain.rss"))]
    names = [f[0] for f in feeds]
    # interval (s) each feed must be planned at, per configuration.
    cases = {
        "yes": ({"honour_ttl": "yes"},
                {"ttl60": 3600, "sy30": 1800, "ttl1": 300, "plain": 60}),
        "no": ({"honour_ttl": "no"},
               {"ttl60": 60, "sy30": 60, "ttl1": 300, "plain": 60}),
        # A per-feed switch beats the [daemon] one.
        "feed": ({"honour_ttl": "no"},
                 {"ttl60": 3600, "sy30": 60, "ttl1": 300, "plain": 60}),
    }
    got = {}
    for case, (daemon, want) in cases.items():
        sub = workdir / case  # a state file of its own
        sub.mkdir()
        fs = feeds if case != "feed" else \
            [(feeds[0][0], feeds[0][1], {"honour_ttl": "yes"})] + feeds[1:]
        conf = write_config(sub, config(sub, fs, interval="1m",
                                        min_interval="1m", **daemon))
        r = poll(daemon_bin, conf)
        assert r.returncode == 0, r.stdout + r.stderr
        assert sorted(s for s, _, _ in poll_lines(r.stderr).values()) == \
            ["ok"] * 4, r.stdout
        got[case] = planned_gaps(sub, names)
        # +-10% jitter, and the poll's own duration on top (slack for a
        # busy machine).
        for name, seconds in want.items():
            assert seconds * 0.9 - 1 <= got[case][name] <= \
                seconds * 1.1 + 10, (case, name, got[case])


def test_ttl_survives_a_restart(nginx, workdir, daemon_bin):
    # Each `poll` is a new process.  The second gets a 304, which carries
    # no document and so no hint: the one stored with the validators must
    # still plan the next poll an hour out, not at the 1 min interval.
    items = [("r1", "Restart", DULL), ("r2", "Restart two", DULL)]
    nginx.write("ttl60.rss", with_hint(rss(items), "<ttl>60</ttl>"))
    nginx.start()
    conf = write_config(workdir, config(
        workdir, [("ttl60", nginx.url("/ttl60.rss"))], interval="1m",
        min_interval="1m", honour_ttl="yes"))
    gaps = []
    for _ in range(2):
        r = poll(daemon_bin, conf)
        assert r.returncode == 0, r.stdout + r.stderr
        gaps.append(planned_gaps(workdir, ["ttl60"])["ttl60"])
    assert [e["status"] for e in requests_to(nginx, "/ttl60.rss")] == \
        [200, 304]
    assert all(3600 * 0.9 - 1 <= g <= 3600 * 1.1 + 10 for g in gaps), gaps


def test_ttl_still_applies_after_304(nginx, workdir, daemon_bin, spawn):
    # hourly / 1200 = a 3 s hint, so the daemon can be watched polling it;
    # the interval is 1 s.  A 304 carries no document, and so no hint: the
    # one from the last document still holds.
    items = [("n1", "Not modified", DULL), ("n2", "Still", DULL)]
    nginx.write("hinted.rss", with_hint(rss(items), sy_hint("hourly", 1200),
                                        sy=True))
    nginx.write("plain.rss", rss(items))
    nginx.start()
    conf = write_config(workdir, config(workdir, [
        ("hinted", nginx.url("/hinted.rss")),
        ("plain", nginx.url("/plain.rss"))],
        interval="1s", min_interval="1s", honour_ttl="yes"))
    proc = spawn([daemon_bin, "run", "-c", conf],
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_for(lambda: len(requests_to(nginx, "/hinted.rss")) >= 4, 30)
    assert stop_process(proc) == 0
    hinted = requests_to(nginx, "/hinted.rss")
    plain = requests_to(nginx, "/plain.rss")
    assert [e["status"] for e in hinted[:4]] == [200, 304, 304, 304], hinted
    times = [float(e["msec"]) for e in hinted]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert all(2.6 <= g <= 5 for g in gaps), gaps
    # Meanwhile the feed without a hint kept its 1 s interval.
    span = times[3] - times[0]
    inside = [e for e in plain if times[0] <= float(e["msec"]) <= times[3]]
    assert len(inside) >= span / 1.3 - 1, (times, plain)
