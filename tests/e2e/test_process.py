"""Process faults: SIGKILL at random moments, a SIGHUP storm, a broken
config reload, and a reader holding the state file open, all in one
sequence of `ukeuwatch run`s against nginx, a webhook receiver and
aiosmtpd; then the state file's disk filling up (a small tmpfs).

The kill schedule comes from random.Random(seed); the seed is printed and
UKEUWATCH_E2E_SEED replays it.  Every feed item is titled to match the
csdp profile, so each is worth exactly one alert, and every alert must
reach both targets exactly once.  The only repeat allowed is one a SIGKILL
explains: it landed after a receiver accepted a delivery and before the
daemon read the answer and recorded it (see harness.check_exactly_once).
"""

import os
import random
import signal
import sqlite3
import subprocess
import time

import pytest

from conftest import stop_process, wait_for
import harness as h

KILLS = 8
FAST = dict(interval="1s", min_interval="1s", max_backoff="2s",
            retry_min="1s", retry_max="2s", shutdown_timeout="2s",
            timeout="5s")


class Grower:
    """Feeds served by nginx that gain items on the test's script."""

    def __init__(self, world, names):
        self.w = world
        self.items = {n: [] for n in names}
        self.serial = 0

    def add(self, feed, n=1):
        for _ in range(n):
            self.serial += 1
            tag = f"{feed} {self.serial}"
            self.items[feed].append({
                "guid": f"{feed}-{self.serial}", "title": h.csdp_title(tag),
                "link": f"https://news.example/{feed}/{self.serial}"})
        self.w.write_feed(f"{feed}.rss", h.rss_doc(self.items[feed]))

    def expected(self):
        return {(f, i["title"]) for f, its in self.items.items()
                for i in its}


def world_with_targets(tag):
    w = h.World(tag)
    w.hook = w.receiver()
    w.mail = w.smtp()
    w.webhooks, w.mails = {"hook": w.hook}, {"mail": w.mail}
    w.targets = w.webhook_target("hook", w.hook) + \
        w.mail_target("mail", w.mail)
    return w


def feed_list(w, names):
    return [(n, w.nginx.url(f"/{n}.rss"), {"profiles": "csdp"})
            for n in names]


def wait_delivered(w, expected, timeout):
    return wait_for(lambda: h.all_delivered(
        w, len(expected), w.webhooks, w.mails), timeout, 0.3)


def hold_read_transaction(state):
    """A reader with an open read transaction on the state file (what a
    `sqlite3 state.db` left open at a prompt does).  In WAL mode it pins
    a snapshot, so no checkpoint can complete while it lasts."""
    db = sqlite3.connect(f"file:{state}?mode=ro", uri=True,
                         isolation_level=None, timeout=5)
    db.execute("BEGIN")
    db.execute("SELECT count(*) FROM items").fetchall()
    return db


def test_kill_hup_storm_broken_reload_with_a_reader():
    seed = int(os.environ.get("UKEUWATCH_E2E_SEED",
                              random.SystemRandom().randrange(2 ** 32)))
    why = f"(replay with UKEUWATCH_E2E_SEED={seed})"
    print(f"\nprocess faults: UKEUWATCH_E2E_SEED={seed}")
    rng = random.Random(seed)
    w = world_with_targets("process")
    reader = None
    try:
        names = ("alpha", "bravo", "charlie")
        g = Grower(w, names)
        for n in names:
            g.add(n, 2)
        w.nginx.start()
        w.write_config(feed_list(w, names), w.targets, **FAST)
        good = w.conf.read_text()
        t0 = time.monotonic()
        kills = []

        # SIGKILL at random moments, items arriving meanwhile.
        for i in range(KILLS):
            d = w.start_daemon(f"k{i:02d}")
            if reader is None:
                assert wait_for(lambda: (w.dir / "state.db").exists(), 10)
                assert wait_for(lambda: "started:" in d.text(), 10), w.log()
                reader = hold_read_transaction(w.dir / "state.db")
            time.sleep(rng.uniform(0.2, 1.2))
            for f in rng.sample(names, rng.randint(0, 2)):
                g.add(f)
            time.sleep(rng.uniform(0.0, 0.8))
            kills.append(time.time())
            d.proc.send_signal(signal.SIGKILL)
            assert d.proc.wait(10) == -signal.SIGKILL, \
                f"run {i} ended by itself {why}:\n{d.text()[-2000:]}"
        killed = time.monotonic() - t0

        # The last run: a SIGHUP storm, 50 reloads in 5 s.
        d = w.start_daemon("zz-last")
        # Signals are handled once it has started (as systemd waits for
        # READY=1 before it sends any).
        assert wait_for(lambda: "started:" in d.text(), 10)
        g.add("alpha")
        for i in range(50):
            d.proc.send_signal(signal.SIGHUP)
            if i == 25:
                g.add("bravo")
            time.sleep(0.1)
        assert d.proc.poll() is None, d.text()[-3000:]
        assert wait_for(lambda: "reloaded: 3 feeds" in d.text(), 10)
        reloads = d.text().count("reloaded: 3 feeds, 2 targets")
        assert wait_delivered(w, g.expected(), 30), why

        # A broken config: refused, the old one keeps running.
        w.conf.write_text(good.replace("interval = 1s", "interval = soon"))
        d.proc.send_signal(signal.SIGHUP)
        assert w.wait_log("still running the previous configuration", 10), \
            d.text()[-2000:]
        g.add("charlie")
        assert wait_delivered(w, g.expected(), 20), why
        w.conf.write_text(good)
        d.proc.send_signal(signal.SIGHUP)
        assert wait_for(lambda: d.text().count("reloaded: 3 feeds") >
                        reloads, 10)
        g.add("alpha")
        assert wait_delivered(w, g.expected(), 20), why

        assert d.proc.poll() is None
        assert stop_process(d.proc) == 0, d.text()[-3000:]
        reader.rollback()
        reader.close()
        reader = None
        log = w.log()
        assert h.sanitizer_report(log) == []
        assert "ukeuwatch.conf:" in log and "interval" in log
        resent = h.check_exactly_once(w, g.expected(), w.webhooks, w.mails,
                                      kills)
        print(f"process faults: {KILLS} kills in {killed:.1f} s, "
              f"{reloads} reloads logged of 50 SIGHUPs, "
              f"{len(g.expected())} alerts, each delivered once, "
              f"{resent} sent again after a kill cut off its answer {why}")
    finally:
        if reader is not None:
            reader.close()
        w.close()


def mount_tmpfs(path, size):
    path.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}",
                        "tmpfs", str(path)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs for the disk-full test "
                    f"(needs root): {r.stderr.strip()}")


def fill(path):
    """Write path until the file system is full; returns bytes written."""
    n = 0
    with open(path, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
                n += 65536
        except OSError:
            pass
    return n


def test_state_disk_full():
    """The state file's file system fills up: every write fails with
    SQLITE_FULL.  The daemon says so, stays up, and once space is freed
    records the items it could not and delivers their alerts once."""
    w = world_with_targets("diskfull")
    tmpfs = w.dir / "tmpfs"
    try:
        mount_tmpfs(tmpfs, "8m")
        w.cleanups.append(lambda: subprocess.run(
            ["umount", "-l", str(tmpfs)], capture_output=True))
        g = Grower(w, ("news",))
        g.add("news", 2)
        w.nginx.start()
        w.write_config(feed_list(w, ("news",)), w.targets, **FAST)
        w.conf.write_text(w.conf.read_text().replace(
            f"state = {w.dir}/state.db", f"state = {tmpfs}/state.db"))
        d = w.start_daemon()
        assert wait_delivered(w, g.expected(), 20), w.log()

        filled = fill(tmpfs / "filler")
        g.add("news", 2)
        assert wait_for(lambda: "feed news: cannot record the poll" in
                        d.text(), 15), d.text()[-2000:]
        time.sleep(3)  # polls keep failing; the daemon keeps going
        assert d.proc.poll() is None, d.text()[-3000:]
        lines = [l for l in d.text().splitlines() if "disk is full" in l]
        assert lines, d.text()[-2000:]

        (tmpfs / "filler").unlink()
        assert wait_delivered(w, g.expected(), 20), d.text()[-3000:]
        assert stop_process(d.proc) == 0
        assert h.sanitizer_report(d.text()) == []
        h.check_exactly_once(w, g.expected(), w.webhooks, w.mails)
        print(f"\ndisk full: filled {filled >> 10} KiB; {len(lines)} log "
              f"lines while full, first: {lines[0]}")
    finally:
        w.close()
