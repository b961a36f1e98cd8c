"""Crash safety (issue 5): `ukeuwatch run` polls feeds served by nginx that
grow while it runs, and is killed with SIGKILL at random moments, again
and again.  After the last restart, a clean stop and a final `ukeuwatch
poll`, the alerts in the state file must be exactly one per item the
feeds ever carried: none missing, none twice.

Every item's title is built to match the shipped brexit-defence profile
(checked with `ukeuwatch match` first), and each feed wants only that
profile, so each item is worth exactly one alert.  A webhook target (nginx
answering 204) makes the outbox write during the crashes too.

The schedule of kills and of new items comes from random.Random(seed).
The seed is printed and can be set with UKEUWATCH_CRASH_SEED to replay a
failure; UKEUWATCH_CRASH_KILLS sets the number of kills (default 52)."""

import collections
import email.utils
import json
import os
import random
import signal
import subprocess
import time

from conftest import ROOT, run, stop_process, wait_for, write_config
from ukwhelp import state_rows

PROFILES = ROOT / "seeds"
FEEDS = ("alpha", "bravo", "charlie", "delta")
TITLE = "UK and EU agree defence and security partnership after Brexit ({})"
TEXT = ("Britain and the European Union signed a security and defence pact "
        "covering military mobility and foreign policy cooperation.")
PROFILE = "brexit-defence"


class Feeds:
    """The feeds' items, written to nginx's root atomically (rename), so
    that nginx never serves half a document."""

    def __init__(self, root):
        self.root = root
        self.items = {f: [] for f in FEEDS}
        self.serial = 0

    def add(self, feed, n=1):
        for _ in range(n):
            self.serial += 1
            self.items[feed].append((f"{feed}-{self.serial}", time.time()))
        self.write(feed)

    def doc(self, feed):
        body = "".join(
            f"<item><title>{TITLE.format(guid)}</title>"
            f"<guid isPermaLink='false'>{guid}</guid>"
            f"<link>http://example.org/{guid}</link>"
            f"<pubDate>{email.utils.formatdate(ts, usegmt=True)}</pubDate>"
            f"<description>{TEXT}</description></item>"
            for guid, ts in reversed(self.items[feed]))
        return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'>"
                f"<channel><title>{feed}</title>"
                "<link>http://example.org/</link>"
                f"<description>crash test</description>{body}"
                "</channel></rss>\n")

    def write(self, feed):
        tmp = self.root / f".{feed}.rss.tmp"
        tmp.write_text(self.doc(feed))
        tmp.chmod(0o644)
        os.replace(tmp, self.root / f"{feed}.rss")

    def expected(self):
        return {(f, guid, PROFILE) for f in FEEDS for guid, _ in
                self.items[f]}


def check_titles_match(daemon_bin, workdir, feeds):
    """The premise: every item matches the profile, whatever its number."""
    path = workdir / "sample.rss"
    path.write_text(feeds.doc(FEEDS[0]))
    r = run([daemon_bin, "match", "-p", PROFILES, path])
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(lines) == len(feeds.items[FEEDS[0]])
    for line in lines:
        assert PROFILE in [m["profile"] for m in line["matches"]], line


def config_text(workdir, nginx):
    lines = ["[daemon]", f"state = {workdir}/state.db",
             f"alert-log = {workdir}/alerts.jsonl", f"profiles = {PROFILES}",
             "interval = 1s", "min-interval = 1s", "max-backoff = 2s",
             "retry-min = 1s", "retry-max = 2s", "shutdown-timeout = 2s",
             "log-level = info"]
    for f in FEEDS:
        lines += ["", f"[feed {f}]", f"url = {nginx.url(f'/{f}.rss')}",
                  f"profiles = {PROFILE}"]
    lines += ["", '[target "hook"]', "type = webhook",
              f"url = {nginx.url('/hook')}", "timeout = 5s"]
    return "\n".join(lines) + "\n"


def start(daemon_bin, conf, workdir):
    log = open(workdir / "run.log", "a")
    try:
        return subprocess.Popen([str(daemon_bin), "run", "-c", str(conf)],
                                stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=log)
    finally:
        log.close()


def alerts_in_state(workdir):
    return state_rows(workdir, "SELECT feed, item_key, profile FROM alerts"
                      " WHERE near = 0")


def test_sigkill_never_loses_or_repeats_an_alert(nginx, workdir, daemon_bin):
    seed = int(os.environ.get("UKEUWATCH_CRASH_SEED",
                              random.SystemRandom().randrange(2 ** 32)))
    kills = int(os.environ.get("UKEUWATCH_CRASH_KILLS", "52"))
    print(f"crash test: UKEUWATCH_CRASH_SEED={seed} kills={kills}")
    rng = random.Random(seed)
    feeds = Feeds(nginx.html)
    for f in FEEDS:
        feeds.add(f, rng.randint(1, 3))
    check_titles_match(daemon_bin, workdir, feeds)
    nginx.location("location = /hook { return 204; }")
    nginx.start()
    conf = write_config(workdir, config_text(workdir, nginx))
    why = f"(replay with UKEUWATCH_CRASH_SEED={seed})"

    t0 = time.monotonic()
    for i in range(kills):
        proc = start(daemon_bin, conf, workdir)
        try:
            time.sleep(rng.uniform(0.0, 1.0))
            # New items while it runs, so kills land inside documents.
            for f in rng.sample(FEEDS, rng.randint(0, 2)):
                feeds.add(f, rng.randint(1, 2))
            time.sleep(rng.uniform(0.0, 0.6))
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        assert proc.returncode == -signal.SIGKILL, \
            f"run {i} ended by itself ({proc.returncode}) {why}:\n" + \
            (workdir / "run.log").read_text()[-3000:]
        # ... and between the runs.
        for f in rng.sample(FEEDS, rng.randint(0, 1)):
            feeds.add(f)
    killed = time.monotonic() - t0
    # The runs did work: feeds fetched, alerts committed (else the kills
    # proved nothing).
    polls = sum(1 for e in nginx.access_log() if e["uri"].endswith(".rss"))
    before = len(alerts_in_state(workdir))
    assert polls >= kills and before > 0, (polls, before)

    # The last restart: runs until every item has an alert, stops cleanly.
    for f in FEEDS:
        feeds.add(f)
    expected = feeds.expected()
    proc = start(daemon_bin, conf, workdir)
    try:
        wait_for(lambda: len(alerts_in_state(workdir)) >= len(expected), 15)
    finally:
        rc = stop_process(proc)
    assert rc == 0, f"run ended {rc} {why}"
    r = run([daemon_bin, "poll", "-c", conf], timeout=60)
    assert r.returncode == 0, r.stderr

    rows = alerts_in_state(workdir)
    counts = collections.Counter(rows)
    twice = sorted(k for k, n in counts.items() if n > 1)
    missing = sorted(expected - set(counts))
    extra = sorted(set(counts) - expected)
    assert (missing, twice, extra) == ([], [], []), \
        f"missing {missing}, twice {twice}, unexpected {extra} {why}"
    assert len(rows) == len(expected)
    # Every stored item once, and every alert queued once for the target.
    items = state_rows(workdir, "SELECT f.name, i.key FROM items i"
                       " JOIN feeds f ON f.id = i.feed_id")
    assert sorted(items) == sorted((f, k) for f, k, _ in expected), why
    (n_dv,), = state_rows(workdir, "SELECT count(*) FROM deliveries"
                          " WHERE target = 'hook'")
    assert n_dv == len(expected), why
    print(f"crash test: {kills} kills in {killed:.1f} s, {polls} feed "
          f"fetches, {before} alerts before the last restart; "
          f"{len(expected)} items, {len(rows)} alerts, seed {seed}")
