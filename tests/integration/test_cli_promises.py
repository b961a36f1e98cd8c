"""What the command line promises (issue 16, section 7): each test is one
reporter's complaint, run against the real binary, the real daemon and
nginx, comparing whole messages."""

import json
import os
import re
import subprocess

from conftest import run, stop_process, wait_for, write_config
from ukwhelp import PROFILES, SANCTIONS, config, rss


def polled(nginx, workdir, daemon_bin, extra_feeds=(), targets=""):
    """A state file made by one `poll`: feed news alerts on sanctions,
    delivered to target hook."""
    nginx.write("news.rss", rss([("s1", "EU sanctions on Russia",
                                  SANCTIONS)]))
    nginx.location("location = /hook { return 204; }")
    nginx.start()
    text = config(workdir, [("news", nginx.url("/news.rss")),
                            *extra_feeds], interval="1h")
    text += ("\n[target hook]\ntype = webhook\n"
             f"url = {nginx.url('/hook')}\n" + targets)
    conf = write_config(workdir, text)
    r = run([daemon_bin, "poll", "-c", conf], timeout=60)
    assert r.returncode == 0, r.stderr
    return conf


def ukw(daemon_bin, conf, cmd, *args, code=0):
    # -c first: options after an operand are operands (no permutation).
    r = run([daemon_bin, cmd, "-c", conf, *args], timeout=30)
    assert r.returncode == code, (args, r.stdout, r.stderr)
    return r


# -- 1. alerts --feed/--profile/--target name what exists --------------------

ALERTS_USAGE = ("usage: ukeuwatch alerts [-c FILE] [--since DUR] "
                "[--profile P] [--feed F] [--target T] [--failed] [--near] "
                "[--json] [--retry | --mark relevant|noise [--note TEXT] "
                "ID... | --labels]\nTry 'ukeuwatch alerts --help'.\n")


def test_alerts_unknown_names_are_refused(nginx, workdir, daemon_bin):
    conf = polled(nginx, workdir, daemon_bin)
    profiles = "brexit-defence, csdp, sanctions"
    for args, msg in (
            (("--feed", "nwes"), '--feed: no feed "nwes" in the '
             "configuration or in the state file (configured: news)"),
            (("--target", "hok"), '--target: no target "hok" in the '
             "configuration or in the state file (configured: hook)"),
            (("--profile", "sanction"), '--profile: no profile "sanction" '
             f"in {PROFILES} or in the state file (profiles: "
             f"{profiles})")):
        r = ukw(daemon_bin, conf, "alerts", *args, code=2)
        assert r.stdout == ""
        # readdir order is the directory's: compare the profile list sorted.
        got = r.stderr
        m = re.search(r"\(profiles: ([^)]*)\)", got)
        if m:
            got = got.replace(m.group(1),
                              ", ".join(sorted(m.group(1).split(", "))))
        assert got == f"ukeuwatch alerts: {msg}\n{ALERTS_USAGE}", r.stderr
    # Known names still list; the table has the one alert.
    for args in (("--feed", "news"), ("--target", "hook"),
                 ("--profile", "sanctions"), ("--profile", "csdp")):
        out = ukw(daemon_bin, conf, "alerts", *args).stdout
        assert out.startswith("CREATED"), out
    # Dropped from the config but in the state file: still accepted.
    text = conf.read_text()
    text = text.replace("[feed news]", "[feed other]")
    text = re.sub(r"\[target hook\]", "[target other-hook]", text)
    conf.write_text(text)
    for args in (("--feed", "news"), ("--target", "hook")):
        out = ukw(daemon_bin, conf, "alerts", *args).stdout
        assert len(out.splitlines()) >= 3, (args, out)


# -- 2. status says when no daemon runs ---------------------------------------

def status(daemon_bin, conf):
    out = ukw(daemon_bin, conf, "status").stdout
    js = json.loads(ukw(daemon_bin, conf, "status", "--json").stdout)
    return out, js


def test_status_says_daemon_not_running(nginx, workdir, daemon_bin, spawn):
    conf = polled(nginx, workdir, daemon_bin)
    out, js = status(daemon_bin, conf)
    assert out.splitlines()[:3] == [
        f"daemon not running: no process holds the lock on "
        f"{workdir}/state.db; nothing is polled or delivered until "
        "'ukeuwatch run' starts", "",
        "FEED                       LAST POLL  STATUS           ITEMS "
        "NEW 24H NEXT POLL  ERRORS"], out
    feed = out.splitlines()[3]
    assert re.fullmatch(r"news +\d+s ago +200 +1 +1 - +0", feed), out
    assert js["daemon_running"] is False, js

    proc = spawn([daemon_bin, "run", "-c", conf],
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_for(lambda: status(daemon_bin, conf)[1]["daemon_running"],
                    20), "the daemon never took the lock"
    out, js = status(daemon_bin, conf)
    assert out.startswith("FEED "), out
    assert re.fullmatch(r"news +\d+s ago +200 +1 +1 in \d+[smh] +0",
                        out.splitlines()[1]), out
    stop_process(proc)
    assert status(daemon_bin, conf)[1]["daemon_running"] is False


# -- 3. --mark takes at least 8 characters of an id ---------------------------

def test_mark_needs_eight_characters(nginx, workdir, daemon_bin):
    conf = polled(nginx, workdir, daemon_bin)
    aid, = [json.loads(x)["id"] for x in
               ukw(daemon_bin, conf, "alerts", "--json").stdout.splitlines()]
    for short in (aid[:1], aid[:7]):
        r = ukw(daemon_bin, conf, "alerts", "--mark", "noise", aid, short,
                code=2)
        assert r.stdout == ""
        assert r.stderr == (
            f'ukeuwatch alerts: --mark: "{short}" is too short: give at '
            "least 8 characters of the id, as `ukeuwatch alerts` shows "
            f"them\n{ALERTS_USAGE}"), r.stderr
    # Nothing was marked, not even the good id before the short one.
    assert json.loads(ukw(daemon_bin, conf, "alerts", "--json")
                      .stdout)["review"] is None
    r = ukw(daemon_bin, conf, "alerts", "--mark", "noise", aid[:8])
    assert r.stdout == f"alert {aid}: noise\n", r.stdout


# -- 4. one message per bad option ---------------------------------------------

def test_one_message_per_bad_option(daemon_bin, workdir):
    status_usage = ("usage: ukeuwatch status [-c FILE] [--json]\n"
                    "Try 'ukeuwatch status --help'.\n")
    parse_usage = ("usage: ukeuwatch parse [-u URL] FILE|-\n"
                   "Try 'ukeuwatch parse --help'.\n")
    for argv, msg, usage in (
            (["status", "--bogus"], "unknown option '--bogus'",
             status_usage),
            (["status", "--bogus=3"], "unknown option '--bogus'",
             status_usage),
            (["status", "-x"], "unknown option '-x'", status_usage),
            (["status", "--json=1"], "option '--json' takes no argument",
             status_usage),
            (["status", "--js=1"], "option '--json' takes no argument",
             status_usage),
            (["status", "-c"], "option '-c' needs an argument",
             status_usage),
            (["status", "--config"], "option '--config' needs an argument",
             status_usage),
            (["alerts", "--since"], "option '--since' needs an argument",
             ALERTS_USAGE),
            (["alerts", "--fe"], "option '--feed' needs an argument",
             ALERTS_USAGE),
            (["alerts", "--f"],
             "option '--f' is ambiguous: --feed, --failed", ALERTS_USAGE),
            (["parse", "-u"], "option '-u' needs an argument",
             parse_usage)):
        r = run([daemon_bin, *argv], timeout=30, cwd=workdir)
        assert (r.returncode, r.stdout) == (2, ""), (argv, r)
        assert r.stderr == f"ukeuwatch {argv[0]}: {msg}\n{usage}", \
            (argv, r.stderr)


# -- 5. --list-keys prints real paths -----------------------------------------

def test_list_keys_prints_the_paths_this_binary_uses(daemon_bin, workdir):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("UKEUWATCH_")
           and k not in ("STATE_DIRECTORY", "LOGS_DIRECTORY")}
    env["UKEUWATCH_PROFILES"] = str(workdir / "p")
    r = run([daemon_bin, "check", "--list-keys"], env=env)
    assert r.returncode == 0, r.stderr
    keys = dict(re.findall(r"^\[daemon\] (\S+) = (.*)$", r.stdout, re.M))
    assert (keys["state"], keys["alert-log"], keys["profiles"]) == (
        "/var/lib/ukeuwatch/state.db", "/var/log/ukeuwatch/alerts.jsonl",
        f"{workdir}/p"), r.stdout
    assert "PREFIX" not in r.stdout, r.stdout
    env.update(STATE_DIRECTORY="/srv/s", LOGS_DIRECTORY="/srv/l")
    del env["UKEUWATCH_PROFILES"]
    r = run([daemon_bin, "check", "--list-keys"], env=env)
    keys = dict(re.findall(r"^\[daemon\] (\S+) = (.*)$", r.stdout, re.M))
    assert (keys["state"], keys["alert-log"]) == (
        "/srv/s/state.db", "/srv/l/alerts.jsonl"), r.stdout
    # The build tree's binary reads the tree's seeds/ (lib/paths.h).
    assert keys["profiles"] == str(PROFILES), r.stdout


# -- 9. every lookup failing is the resolver, said once ----------------------

def test_every_lookup_failing_blames_the_resolver_once(workdir, daemon_bin):
    """Five feeds whose host names cannot resolve (.invalid never does,
    RFC 6761), as with no network: one line says the resolver or the
    network is unreachable, and no feed's line blames its own url."""
    feeds = [(f"f{i}", f"http://feed-{i}.example.invalid/rss.xml")
             for i in range(5)]
    conf = write_config(workdir, config(workdir, feeds, interval="1h",
                                        connect_timeout="3s"))
    r = run([daemon_bin, "poll", "-c", conf], timeout=60)
    assert r.returncode == 1, r.stderr  # every feed failed
    lines = r.stderr.splitlines()
    blamed = [ln for ln in lines
              if " warning: " in ln and "check the host name" in ln]
    resolver = [ln for ln in lines if "the resolver or the network is "
                "unreachable" in ln]
    assert blamed == [], r.stderr
    assert len(resolver) == 1, r.stderr
    assert " warning: feeds: " in resolver[0], resolver


def test_one_bad_host_name_is_still_the_feeds(nginx, workdir, daemon_bin):
    """Feeds that do not resolve while another works are those feeds' host
    names: each one's line says so, and nothing blames the resolver."""
    nginx.write("ok.rss", rss([("a", "Title", "text")]))
    nginx.start()
    feeds = [("ok", nginx.url("/ok.rss")),
             ("bad", "http://no-such-feed.example.invalid/rss.xml"),
             ("bad2", "http://other-feed.example.invalid/rss.xml")]
    conf = write_config(workdir, config(workdir, feeds, interval="1h",
                                        connect_timeout="3s"))
    r = run([daemon_bin, "poll", "-c", conf], timeout=60)
    blamed = [ln for ln in r.stderr.splitlines()
              if " warning: " in ln and "check the host name" in ln]
    assert sorted(ln.split("feed ")[1].split(":")[0] for ln in blamed) == \
        ["bad", "bad2"], r.stderr
    assert "resolver or the network" not in r.stderr, r.stderr


def test_the_daemon_blames_the_resolver_once_too(workdir, daemon_bin, spawn):
    """The same with the daemon running: the feeds' failed lookups wait
    until every feed has failed, then one line blames the resolver; no
    feed's line blames its own url at warning level."""
    feeds = [(f"f{i}", f"http://feed-{i}.example.invalid/rss.xml")
             for i in range(4)]
    conf = write_config(workdir, config(workdir, feeds, interval="1h",
                                        connect_timeout="3s"))
    log = workdir / "run.log"
    with open(log, "w") as err:
        proc = spawn([daemon_bin, "run", "-c", conf],
                     stdout=subprocess.DEVNULL, stderr=err)
        assert wait_for(lambda: "resolver or the network is unreachable"
                        in log.read_text(), 30), log.read_text()
        stop_process(proc)
    lines = log.read_text().splitlines()
    assert [ln for ln in lines if " warning: " in ln
            and "check the host name" in ln] == [], lines
    assert len([ln for ln in lines if "resolver or the network" in ln]) \
        == 1, lines
