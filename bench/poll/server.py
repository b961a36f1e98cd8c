"""bench/poll/server.py -- Debian's nginx serving the corpus on 127.0.0.1.

The document root is a symlink (html -> corpus/base or corpus/changed);
switching it is one rename, and nginx resolves it per request.  Every
request is one JSON line in logs/access.log; counts() reads the lines
added since mark().
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import time

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

LOG_FORMAT = (
    "log_format bench escape=json '{"
    '"status":$status,"uri":"$request_uri","bytes":$bytes_sent,'
    '"body_bytes":$body_bytes_sent,"inm":"$http_if_none_match",'
    '"ims":"$http_if_modified_since",'
    '"enc":"$sent_http_content_encoding","ua":"$http_user_agent"'
    "}';"
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


class Nginx:
    def __init__(self, prefix, corpus):
        self.prefix = os.path.abspath(prefix)
        self.corpus = os.path.abspath(corpus)
        self.port = free_port()
        self.proc = None
        self.log = os.path.join(self.prefix, "logs", "access.log")
        for sub in ("conf", "logs", "tmp"):
            os.makedirs(os.path.join(self.prefix, sub), exist_ok=True)
            os.chmod(os.path.join(self.prefix, sub), 0o755)
        os.chmod(self.prefix, 0o755)
        self.serve("base")

    def serve(self, variant):
        link = os.path.join(self.prefix, "html")
        tmp = link + ".new"
        if os.path.lexists(tmp):
            os.unlink(tmp)
        os.symlink(os.path.join(self.corpus, variant), tmp)
        os.replace(tmp, link)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}/{path}"

    def config(self):
        # One worker: the clients get the other core.  gzip at nginx's
        # default level, as most publishers serve feeds.
        return f"""worker_processes 1;
error_log logs/error.log warn;
pid logs/nginx.pid;
events {{ worker_connections 4096; }}
http {{
    types {{ application/rss+xml rss; application/atom+xml atom; }}
    default_type application/octet-stream;
    {LOG_FORMAT}
    access_log logs/access.log bench;
    client_body_temp_path tmp/body; proxy_temp_path tmp/proxy;
    fastcgi_temp_path tmp/fastcgi; uwsgi_temp_path tmp/uwsgi;
    scgi_temp_path tmp/scgi;
    sendfile on;
    keepalive_requests 100000;
    gzip on;
    gzip_types application/rss+xml application/atom+xml;
    gzip_min_length 256;
    gzip_vary on;
    server {{
        listen 127.0.0.1:{self.port} backlog=4096;
        root html;
        etag on;
        # RFC 9110 semantics (304 when not modified since the date), as
        # Apache answers; nginx's default "exact" ignores sfeed's -z date.
        if_modified_since before;
    }}
}}
"""

    def start(self):
        conf = os.path.join(self.prefix, "conf", "nginx.conf")
        with open(conf, "w") as f:
            f.write(self.config())
        base = [NGINX, "-p", self.prefix, "-c", "conf/nginx.conf",
                "-e", "stderr"]
        subprocess.run(base + ["-t"], check=True, capture_output=True)
        self.proc = subprocess.Popen(
            base + ["-g", "daemon off;"], stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(self.prefix, "logs", "stderr.log"),
                        "wb"))
        end = time.monotonic() + 10
        while not port_open(self.port):
            if self.proc.poll() is not None or time.monotonic() > end:
                raise RuntimeError("nginx did not start; see "
                                   f"{self.prefix}/logs/")
            time.sleep(0.05)

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        pid = self.proc.pid
        try:
            with open(os.path.join(self.prefix, "logs", "nginx.pid")) as f:
                pid = int(f.read().strip())
        except (OSError, ValueError):
            pass
        try:
            os.kill(pid, signal.SIGQUIT)
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait(timeout=10)

    def mark(self):
        try:
            return os.path.getsize(self.log)
        except OSError:
            return 0

    def counts(self, since):
        """Requests, bytes and statuses logged after mark() returned
        since."""
        c = {"requests": 0, "bytes": 0, "body_bytes": 0, "s200": 0,
             "s304": 0, "other": 0, "conditional": 0, "gzip": 0}
        with open(self.log, "rb") as f:
            f.seek(since)
            for line in f:
                r = json.loads(line)
                c["requests"] += 1
                c["bytes"] += r["bytes"]
                c["body_bytes"] += r["body_bytes"]
                if r["status"] == 200:
                    c["s200"] += 1
                elif r["status"] == 304:
                    c["s304"] += 1
                else:
                    c["other"] += 1
                if r["inm"] or r["ims"]:
                    c["conditional"] += 1
                if r["enc"] == "gzip":
                    c["gzip"] += 1
        return c
