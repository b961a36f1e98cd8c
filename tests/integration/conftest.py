"""Shared fixtures for the integration suites.

Everything listens on 127.0.0.1 on ports the kernel picked, every wait has a
time bound, and every process a fixture starts is stopped when the test ends,
whether it passed or not.

Fixtures
  workdir     a fresh directory (mode 0755, so nginx workers running as
              nobody can traverse it), removed afterwards
  nginx       an unstarted Nginx: write files, add locations, then start()
  daemon_bin  path of the ukeuwatch binary ($UKEUWATCH_BIN, default
              build/ukeuwatch)
  spawn       spawn(cmd, **popen_kw) -> Popen, stopped at teardown

Helpers
  free_port()                  a TCP port free on 127.0.0.1 right now
  write_config(dir, text)      write ukeuwatch.conf into dir, return its path
  run(cmd, timeout=30, ...)    subprocess.run with output captured as text
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

# One JSON object per request.  $sent_http_content_encoding shows whether
# gzip was applied; the validators show what a client sent back.
LOG_FORMAT = (
    "log_format ukw escape=json '{"
    '"status":$status,"request":"$request","method":"$request_method",'
    '"uri":"$request_uri","bytes":$bytes_sent,'
    '"body_bytes":$body_bytes_sent,"inm":"$http_if_none_match",'
    '"ims":"$http_if_modified_since","accept_encoding":"$http_accept_encoding",'
    '"content_encoding":"$sent_http_content_encoding",'
    '"user_agent":"$http_user_agent","accept":"$http_accept",'
    '"msec":"$msec"'
    "}';"
)


def free_port():
    """A port nothing listens on at 127.0.0.1 (racy by nature, as always)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


def wait_for(pred, timeout, interval=0.05):
    """Poll pred() until it is true or timeout seconds pass; its last value."""
    end = time.monotonic() + timeout
    while True:
        v = pred()
        if v or time.monotonic() >= end:
            return v
        time.sleep(interval)


def run(cmd, timeout=30, **kw):
    """Run cmd to completion (killed after timeout seconds, which raises
    subprocess.TimeoutExpired); stdout and stderr captured as text."""
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    return subprocess.run([str(c) for c in cmd], timeout=timeout, **kw)


def stop_process(proc, sig=signal.SIGTERM, timeout=10):
    """Send sig, wait up to timeout, then SIGKILL.  Returns the exit code."""
    if proc.poll() is None:
        try:
            proc.send_signal(sig)
            return proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
    return proc.wait(timeout=10)


def web_off(text):
    """The web pages on a port the kernel picks unless a test says where:
    a daemon's default listen address is a fixed port, tests choose their
    own ports, and every suite (the hostile-input ones too) runs with the
    web server on."""
    return text if "[web]" in text else text + "\n[web]\nlisten = 127.0.0.1:0\n"


def write_config(directory, text, name="ukeuwatch.conf"):
    path = Path(directory) / name
    path.write_text(web_off(text))
    return path


def _write_file(root, path, content, mode=0o644):
    path.parent.mkdir(parents=True, exist_ok=True)
    # nginx workers run as nobody: every directory must be traversable.
    for d in [path.parent, *path.parent.parents]:
        if d == root or root not in d.parents:
            break
        d.chmod(0o755)
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    path.chmod(mode)
    return path


class Nginx:
    """Debian's nginx in the foreground under a private prefix.

    Configure before start(): write(), location() and the shortcuts gone(),
    redirect(), status_with_retry_after(), slow().  After start(): url(),
    access_log(), error_log().  stop() sends QUIT to the master named in
    the pid file and waits for it.
    """

    def __init__(self, prefix, port=None):
        self.prefix = Path(prefix)
        self.port = port or free_port()
        self.html = self.prefix / "html"
        self.proc = None
        self._locations = []
        for sub in ("conf", "html", "logs", "tmp"):
            (self.prefix / sub).mkdir(parents=True, exist_ok=True)
            (self.prefix / sub).chmod(0o755)

    # -- configuration -----------------------------------------------------
    def write(self, relpath, content, mtime=None):
        """Write html/relpath (world-readable); mtime sets Last-Modified."""
        path = _write_file(self.html, self.html / relpath.lstrip("/"),
                           content)
        if mtime is not None:
            os.utime(path, (mtime, mtime))
        return path

    def location(self, block):
        """Add a raw location block, e.g. 'location = /x { return 410; }'."""
        assert self.proc is None, "locations must be added before start()"
        self._locations.append(block)

    def gone(self, path):
        self.location(f"location = {path} {{ return 410; }}")

    def redirect(self, path, target, code=301):
        self.location(f"location = {path} {{ return {code} {target}; }}")

    def status_with_retry_after(self, path, seconds, code=429):
        self.location(
            f"location = {path} {{ add_header Retry-After {seconds} always; "
            f"return {code}; }}"
        )

    def slow(self, path, bytes_per_second=64):
        self.location(f"location = {path} {{ limit_rate {bytes_per_second}; }}")

    def config_text(self):
        locations = "\n        ".join(self._locations)
        return f"""worker_processes 1;
error_log logs/error.log warn;
pid logs/nginx.pid;
events {{ worker_connections 256; }}
http {{
    types {{ application/rss+xml rss; application/atom+xml atom;
             application/feed+json json; text/x-opml opml; text/html html;
             application/xml xml; text/plain txt; }}
    default_type application/octet-stream;
    {LOG_FORMAT}
    access_log logs/access.log ukw;
    client_body_temp_path tmp/body; proxy_temp_path tmp/proxy;
    fastcgi_temp_path tmp/fastcgi; uwsgi_temp_path tmp/uwsgi;
    scgi_temp_path tmp/scgi;
    gzip on;
    gzip_types application/rss+xml application/atom+xml
               application/feed+json application/xml;
    gzip_min_length 64;
    gzip_vary on;
    server {{
        listen 127.0.0.1:{self.port};
        root html;
        etag on;
        {locations}
    }}
}}
"""

    # -- life cycle --------------------------------------------------------
    def start(self, timeout=10):
        conf = self.prefix / "conf" / "nginx.conf"
        conf.write_text(self.config_text())
        base = [NGINX, "-p", str(self.prefix), "-c", "conf/nginx.conf",
                "-e", "stderr"]
        check = run(base + ["-t"], timeout=timeout)
        assert check.returncode == 0, f"nginx -t failed:\n{check.stderr}"
        self._stderr = open(self.prefix / "logs" / "stderr.log", "wb")
        # No "cd ... &&" and no shell: Popen's pid is the master itself.
        self.proc = subprocess.Popen(
            base + ["-g", "daemon off;"], stdout=subprocess.DEVNULL,
            stderr=self._stderr, stdin=subprocess.DEVNULL)
        # nginx creates the pid file before it writes the pid into it:
        # wait for the content, not just the file.
        ready = wait_for(lambda: self.proc.poll() is not None
                         or (self._pid_written() and port_open(self.port)),
                         timeout)
        if not ready or self.proc.poll() is not None:
            self.stop()
            raise RuntimeError(f"nginx did not start:\n{self.error_log()}")
        return self

    def pid_file(self):
        return self.prefix / "logs" / "nginx.pid"

    def _pid_written(self):
        try:
            return self.pid_file().read_text().strip().isdigit()
        except OSError:
            return False

    def stop(self, timeout=10):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            pid = self.proc.pid
            try:
                pid = int(self.pid_file().read_text().strip())
            except (OSError, ValueError):
                pass
            try:
                os.kill(pid, signal.SIGQUIT)  # graceful: finish requests
                self.proc.wait(timeout=timeout)
            except (OSError, subprocess.TimeoutExpired):
                pass
            stop_process(self.proc, signal.SIGKILL)
        self._stderr.close()
        wait_for(lambda: not port_open(self.port), 5)

    # -- after start -------------------------------------------------------
    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def access_log(self, settle=0.1):
        """Every request so far as a dict (status and bytes are ints).

        nginx writes a request's line after it has answered, so a client
        can finish before its line is there: wait until the file has not
        grown for `settle` seconds (at most 2 s)."""
        path = self.prefix / "logs" / "access.log"
        end = time.monotonic() + 2
        size, since = -1, time.monotonic()
        while time.monotonic() < end:
            now = path.stat().st_size if path.exists() else 0
            if now != size:
                size, since = now, time.monotonic()
            elif time.monotonic() - since >= settle:
                break
            time.sleep(0.02)
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines()
                if line.strip()]

    def error_log(self):
        parts = []
        for name in ("error.log", "stderr.log"):
            p = self.prefix / "logs" / name
            if p.exists():
                parts.append(p.read_text(errors="replace"))
        return "".join(parts)


@pytest.fixture
def workdir():
    d = Path(tempfile.mkdtemp(prefix="ukw-test-"))
    d.chmod(0o755)
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def nginx(workdir):
    server = Nginx(workdir / "nginx")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def daemon_bin():
    path = Path(os.environ.get("UKEUWATCH_BIN", ROOT / "build" / "ukeuwatch"))
    assert path.is_file() and os.access(path, os.X_OK), \
        f"{path} is not built (make, or set UKEUWATCH_BIN)"
    return path


@pytest.fixture
def spawn():
    """spawn(cmd, **popen_kw) starts a process that is stopped (SIGTERM, then
    SIGKILL after 10 s) at the end of the test."""
    procs = []

    def start(cmd, **kw):
        kw.setdefault("stdin", subprocess.DEVNULL)
        proc = subprocess.Popen([str(c) for c in cmd], **kw)
        procs.append(proc)
        return proc

    try:
        yield start
    finally:
        for proc in reversed(procs):
            stop_process(proc)
