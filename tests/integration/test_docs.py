"""The README and the man page say only what is true (issue 16, item 7).

The man page's EXAMPLES are run, as written, against a scratch world: a
config with one feed and one webhook target named as in the examples
(served by a small HTTP server on 127.0.0.1), so a documented command that
fails is a failing test.  Commands of other programs (systemctl,
journalctl, curl) are not run; the feed curl would fetch is served
locally instead.  The other tests pin sentences the docs used to get
wrong."""

import os
import re
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import ROOT, run, write_config
from ukwhelp import PROFILES, SANCTIONS, rss, state_rows

MAN = ROOT / "daemon" / "ukeuwatch.8"
README = ROOT / "README.md"
FEED = rss([("g1", "EU and UK agree sanctions", SANCTIONS),
            ("g2", "CSDP mission extended", "The Council extended the "
             "mandate of the EU's common security and defence policy "
             "mission, with third-country participation")])


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = FEED.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


class Server:
    def __enter__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever,
                         daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def world(workdir, port):
    return write_config(workdir, (
        f"[daemon]\nstate = {workdir}/state.db\n"
        f"alert-log = {workdir}/alerts.jsonl\nprofiles = {PROFILES}\n\n"
        f"[feed council]\nurl = http://127.0.0.1:{port}/feed.xml\n\n"
        f"[target analysts]\ntype = webhook\n"
        f"url = http://127.0.0.1:{port}/hook\n"))


def man_examples():
    """Each command line of the man page's EXAMPLES, unescaped and with
    continuation lines joined."""
    text = MAN.read_text()
    part = text[text.index(".SH EXAMPLES"):text.index('.SH "SEE ALSO"')]
    cmds = []
    for block in re.findall(r"^\.EX\n(.*?)^\.EE", part, re.S | re.M):
        block = block.replace("\\-", "-").replace("\\e", "\\")
        cmds += [c.strip() for c in block.replace("\\\n", " ").splitlines()
                 if c.strip()]
    return cmds


def test_man_examples_run(workdir, daemon_bin):
    cmds = man_examples()
    assert len(cmds) >= 9, cmds
    bindir = workdir / "bin"
    bindir.mkdir()
    (bindir / "ukeuwatch").symlink_to(daemon_bin)
    for i, seed in enumerate(sorted((ROOT / "seeds").glob("00*.txt"))):
        (workdir / "abc"[i:i + 1]).with_suffix(".txt").write_text(
            seed.read_text())
    with Server() as srv:
        conf = world(workdir, srv.port)
        (workdir / "council.xml").write_text(FEED)
        r = run([daemon_bin, "poll", "-c", conf])
        assert r.returncode == 0, r.stderr
        # the UKEUWATCH_ variables stand in for an installed data dir
        env = dict(os.environ, UKEUWATCH_CONFIG=str(conf),
                   UKEUWATCH_PROFILES=str(PROFILES),
                   UKEUWATCH_BACKGROUND=str(PROFILES / "background.tsv"),
                   PATH=f"{bindir}:{os.environ['PATH']}")
        ran = 0
        for cmd in cmds:
            if not cmd.startswith("ukeuwatch "):
                continue  # systemctl, journalctl, curl: not ours
            cmd = cmd.replace("/etc/ukeuwatch/ukeuwatch.conf", str(conf))
            cmd = cmd.split(" && ")[0]
            r = subprocess.run(["/bin/sh", "-c", cmd], cwd=workdir, env=env,
                               capture_output=True, text=True, timeout=60)
            assert r.returncode == 0, (cmd, r.stdout, r.stderr)
            ran += 1
        assert ran >= 7


def test_missing_default_config_names_c_and_env(daemon_bin, workdir):
    env = dict(os.environ)
    env.pop("UKEUWATCH_CONFIG", None)
    if os.path.exists("/etc/ukeuwatch/ukeuwatch.conf"):
        import pytest
        pytest.skip("a real /etc/ukeuwatch/ukeuwatch.conf exists here")
    r = run([daemon_bin, "status"], env=env)
    assert r.returncode == 2
    assert r.stderr == (
        "ukeuwatch: no configuration file /etc/ukeuwatch/ukeuwatch.conf "
        "(the default); give one with -c FILE or $UKEUWATCH_CONFIG\n")
    env["UKEUWATCH_CONFIG"] = str(workdir / "none.conf")
    r = run([daemon_bin, "check"], env=env)
    assert r.stderr == (f"ukeuwatch: no configuration file "
                        f"{workdir}/none.conf (from $UKEUWATCH_CONFIG)\n")


def test_no_send_means_never_sent(workdir, daemon_bin):
    """rss2email's meaning: the man page must not promise a later run
    delivers what poll --no-send recorded, and it does not."""
    man = MAN.read_text()
    para = man[man.index(".B \\-\\-no\\-send\n"):]
    para = para[:para.index(".TP")]
    assert "later" not in para or "no later" in para, para
    assert "outbox" not in para, para
    with Server() as srv:
        conf = world(workdir, srv.port)
        r = run([daemon_bin, "poll", "--no-send", "-c", conf])
        assert r.returncode == 0, r.stderr
    assert state_rows(workdir, "SELECT count(*) FROM alerts")[0][0] >= 1
    assert state_rows(workdir, "SELECT count(*) FROM deliveries")[0][0] == 0


def test_background_is_news_everywhere():
    for doc in (MAN, README, ROOT / "seeds" / "README"):
        text = doc.read_text()
        assert "WordNet" not in text.split("Until 2026")[0], doc
        assert "general-English" not in text, doc
