"""bench/poll/tools.py -- how each tool is set up to poll N feeds once.

Every tool gets a fresh directory per series (cold, then warm, then
changed), its own HOME there, and the same list of URLs.  Settings that
change what is measured are stated in `setup`, which the report prints:

  ukeuwatch   `poll --no-send`, 32 connections (32 per host: every feed is
              on 127.0.0.1), the three shipped profiles
  sfeed       sfeed_update with the README's fetch() recipe for conditional
              requests (curl --etag-save/--etag-compare, -z, --compressed);
              maxjobs 8 (its default)
  newsboat    `newsboat -x reload`, reload-threads 8 (default 1)
  rss2email   `r2e run --no-send` (one feed at a time: it has no option)
"""

import os
import re
import subprocess

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        text = (out.stdout or out.stderr).strip()
        return text.splitlines()[0] if text else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def _deb_version(pkg):
    return _first_line(["dpkg-query", "-W", "-f=${Version}", pkg])


class Tool:
    name = "?"
    setup = ""

    def version(self):
        return "?"

    def prepare(self, work, feeds):
        """Write the configuration for feeds [(name, url)] under work."""
        raise NotImplementedError

    def command(self, work):
        raise NotImplementedError

    def env(self, work):
        env = {k: v for k, v in os.environ.items()
               if k in ("PATH", "LANG", "LC_ALL", "TZ")}
        env["HOME"] = work
        env["XDG_CONFIG_HOME"] = os.path.join(work, ".config")
        env["XDG_DATA_HOME"] = os.path.join(work, ".local", "share")
        env["TMPDIR"] = os.path.join(work, "tmp")
        os.makedirs(env["TMPDIR"], exist_ok=True)
        return env


class Ukeuwatch(Tool):
    name = "ukeuwatch"
    setup = ("`ukeuwatch poll --no-send`; max-connections 32, "
             "max-host-connections 32, the 3 shipped profiles")

    def __init__(self, binary=None):
        self.binary = binary or os.path.join(ROOT, "build", "ukeuwatch")

    def version(self):
        return _first_line([self.binary, "--version"])

    def prepare(self, work, feeds):
        lines = [
            "[daemon]",
            f"state = {work}/state.db",
            f"alert-log = {work}/alerts.jsonl",
            f"profiles = {ROOT}/seeds",
            "max-connections = 32",
            "max-host-connections = 32",
            "max-items = 5000",
            "log-level = notice",
            "",
        ]
        for name, url in feeds:
            lines += [f"[feed {name}]", f"url = {url}", ""]
        with open(os.path.join(work, "ukeuwatch.conf"), "w") as f:
            f.write("\n".join(lines))

    def command(self, work):
        return [self.binary, "poll", "--no-send", "-c",
                os.path.join(work, "ukeuwatch.conf")]


class Sfeed(Tool):
    name = "sfeed"
    setup = ("`sfeed_update` with the README's conditional-request fetch() "
             "(curl --etag-save/--etag-compare, -z, --compressed); "
             "maxjobs 8 (default)")

    def version(self):
        return "sfeed " + _deb_version("sfeed")

    def prepare(self, work, feeds):
        os.makedirs(os.path.join(work, "etags"), exist_ok=True)
        lines = [
            f'sfeedpath="{work}/feeds"',
            "maxjobs=8",
            "# The README's recipe for ETag/If-Modified-Since caching.",
            "fetch() {",
            f'\tetag="{work}/etags/$(basename "$3")"',
            '\tcurl -L --max-redirs 0 -H "User-Agent:" -f -s -m 15 \\',
            "\t\t--compressed \\",
            '\t\t--etag-save "${etag}" --etag-compare "${etag}" \\',
            '\t\t-z "${etag}" \\',
            '\t\t"$2" 2>/dev/null',
            "}",
            "feeds() {",
        ]
        lines += [f'\tfeed "{name}" "{url}"' for name, url in feeds]
        lines.append("}")
        with open(os.path.join(work, "sfeedrc"), "w") as f:
            f.write("\n".join(lines) + "\n")

    def command(self, work):
        return ["sfeed_update", os.path.join(work, "sfeedrc")]


class Newsboat(Tool):
    name = "newsboat"
    setup = "`newsboat -x reload`; reload-threads 8 (default 1)"

    def version(self):
        v = _first_line(["newsboat", "-v"])
        m = re.match(r"(newsboat [0-9.]+)", v)
        return m.group(1) if m else v

    def prepare(self, work, feeds):
        with open(os.path.join(work, "urls"), "w") as f:
            f.write("".join(f"{url}\n" for _, url in feeds))
        with open(os.path.join(work, "config"), "w") as f:
            f.write("reload-threads 8\n")

    def command(self, work):
        return ["newsboat", "-x", "reload", "-u", f"{work}/urls",
                "-c", f"{work}/cache.db", "-C", f"{work}/config"]


class Rss2email(Tool):
    name = "rss2email"
    setup = "`r2e run --no-send` (sequential: no concurrency option)"

    def version(self):
        return _first_line(["r2e", "--version"])

    def prepare(self, work, feeds):
        lines = ["[DEFAULT]", "from = bench@example.org",
                 "to = bench@example.org", ""]
        for name, url in feeds:
            lines += [f"[feed.{name}]", f"url = {url}", ""]
        with open(os.path.join(work, "r2e.cfg"), "w") as f:
            f.write("\n".join(lines))

    def command(self, work):
        return ["r2e", "-c", f"{work}/r2e.cfg", "-d", f"{work}/r2e.json",
                "run", "--no-send"]


ALL = {t.name: t for t in (Ukeuwatch, Sfeed, Newsboat, Rss2email)}
