"""The nginx fixture itself: conditional GET, gzip, the canned error
endpoints, the parsed access log and a clean stop.  urllib only, so these
tests say nothing about ukeuwatch and everything about the test server."""

import gzip
import socket
import subprocess
import urllib.error
import urllib.request

import pytest

from conftest import Nginx, free_port, port_open, run, wait_for

FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
        + "".join(f"<item><title>item {i}</title><guid>g{i}</guid></item>"
                  for i in range(50))
        + "</channel></rss>\n")
MTIME = 1700000000  # Tue, 14 Nov 2023 22:13:20 GMT


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url, headers=None, timeout=5):
    """(status, headers, body) for url, without following redirects and
    without turning 3xx/4xx into exceptions."""
    opener = urllib.request.build_opener(NoRedirect)
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.headers, e.read()


def test_200_then_304(nginx):
    nginx.write("feed.rss", FEED, mtime=MTIME)
    nginx.start()
    status, headers, body = get(nginx.url("/feed.rss"))
    assert (status, body) == (200, FEED.encode())
    etag = headers["ETag"]
    assert etag == '"%x-%x"' % (MTIME, len(FEED))
    assert headers["Last-Modified"] == "Tue, 14 Nov 2023 22:13:20 GMT"
    assert headers["Content-Type"] == "application/rss+xml"

    status, _, body = get(nginx.url("/feed.rss"), {"If-None-Match": etag})
    assert (status, body) == (304, b"")
    status, _, _ = get(nginx.url("/feed.rss"),
                       {"If-Modified-Since": "Tue, 14 Nov 2023 22:13:20 GMT"})
    assert status == 304

    log = nginx.access_log()
    assert [(r["status"], r["request"], r["inm"], r["ims"]) for r in log] == [
        (200, "GET /feed.rss HTTP/1.1", "", ""),
        (304, "GET /feed.rss HTTP/1.1", etag, ""),
        (304, "GET /feed.rss HTTP/1.1", "", "Tue, 14 Nov 2023 22:13:20 GMT"),
    ]
    assert log[0]["body_bytes"] == len(FEED)
    assert log[1]["body_bytes"] == 0 and log[1]["bytes"] > 0


def test_gzip_for_feed_types(nginx):
    nginx.write("feed.rss", FEED, mtime=MTIME)
    nginx.write("plain.txt", FEED)
    nginx.start()
    status, headers, body = get(nginx.url("/feed.rss"),
                                {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert headers["ETag"] == 'W/"%x-%x"' % (MTIME, len(FEED))
    assert gzip.decompress(body) == FEED.encode()
    assert len(body) < len(FEED) // 2
    # text/plain is not a feed type: sent as is.
    status, headers, body = get(nginx.url("/plain.txt"),
                                {"Accept-Encoding": "gzip"})
    assert (status, headers["Content-Encoding"], body) == (
        200, None, FEED.encode())
    log = nginx.access_log()
    assert [(r["uri"], r["content_encoding"], r["accept_encoding"])
            for r in log] == [("/feed.rss", "gzip", "gzip"),
                              ("/plain.txt", "", "gzip")]


def test_canned_endpoints(nginx):
    nginx.write("feed.rss", FEED)
    nginx.gone("/gone.rss")
    nginx.redirect("/moved.rss", "/feed.rss")
    nginx.redirect("/temp.rss", "/feed.rss", code=302)
    nginx.status_with_retry_after("/limited.rss", 7)
    nginx.status_with_retry_after("/busy.rss", 120, code=503)
    nginx.start()
    assert get(nginx.url("/gone.rss"))[0] == 410
    status, headers, _ = get(nginx.url("/moved.rss"))
    assert status == 301
    assert headers["Location"] == nginx.url("/feed.rss")
    assert get(nginx.url("/temp.rss"))[0] == 302
    status, headers, _ = get(nginx.url("/limited.rss"))
    assert (status, headers["Retry-After"]) == (429, "7")
    status, headers, _ = get(nginx.url("/busy.rss"))
    assert (status, headers["Retry-After"]) == (503, "120")
    assert get(nginx.url("/missing.rss"))[0] == 404
    # nginx logs a request after answering it: wait for the last line.
    assert wait_for(lambda: len(nginx.access_log()) >= 6, 5)
    assert [(r["status"], r["uri"]) for r in nginx.access_log()] == [
        (410, "/gone.rss"), (301, "/moved.rss"), (302, "/temp.rss"),
        (429, "/limited.rss"), (503, "/busy.rss"), (404, "/missing.rss")]


def test_slow_endpoint_times_out(nginx):
    nginx.write("slow.rss", FEED)
    nginx.slow("/slow.rss", 64)
    nginx.start()
    with pytest.raises((socket.timeout, TimeoutError)):
        get(nginx.url("/slow.rss"), timeout=1)


def test_stop_frees_the_port(workdir):
    server = Nginx(workdir / "n2", port=free_port())
    server.write("a.rss", FEED)
    server.start()
    try:
        master = server.proc.pid
        assert int(server.pid_file().read_text()) == master
        assert port_open(server.port)
    finally:
        server.stop()  # even when an assertion fails: no server left
    assert server.proc.returncode == 0  # QUIT is a clean exit
    assert not port_open(server.port)
    ps = run(["ps", "-o", "pid=", "--ppid", str(master)], timeout=5)
    assert ps.stdout.strip() == ""  # no worker left behind


def test_run_helper_times_out():
    with pytest.raises(subprocess.TimeoutExpired):
        run(["sleep", "5"], timeout=0.2)
    assert run(["sh", "-c", "echo hi; exit 3"]).returncode == 3
