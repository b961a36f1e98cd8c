#!/usr/bin/python3
"""Soak: many feeds polled every few seconds for minutes; memory must not
grow after warm-up.

    tests/e2e/soak.py --minutes 5 --feeds 2000

`ukeuwatch run` polls --feeds feeds served by nginx every --interval
seconds; every 10 s a few feeds gain an item (one in five titled to match
the csdp profile, so alerts are made and delivered to a webhook that nginx
answers 204).  Each feed keeps its last 20 items, so the documents stay
the same size.  The daemon's VmRSS is sampled every second.

Pass/fail:
  - the daemon is up to the end and exits 0 on SIGTERM;
  - it polled at least half the feed-polls the schedule asks for;
  - the least-squares slope of VmRSS over the samples after warm-up (the
    first --warmup-fraction of the run) is below the bound.

The bound: a per-poll leak costs at least one malloc chunk (32 bytes on
glibc x86-64), so a leak in the poll path grows RSS by at least 32 B x
polls per minute.  The bound is a quarter of that (8 B per poll), with a
floor of 64 KiB/min for allocator and page-cache noise at low poll rates.
At 2000 feeds every 5 s (24,000 polls/min) that is 188 KiB/min.

Then a reload loop (--reloads, default 100; 0 skips it): a second daemon
with --reload-feeds feeds (1000) is sent SIGHUP --reloads times, the config
alternating between two disjoint feed sets of that size (each reload adds
and removes every feed), then as many times with the config unchanged.  VmRSS is sampled after each reload; the
least-squares slope over the second half of each series must stay under
--reload-bound KiB per reload (64: a slot per feed per reload, the old
leak, was about 420).

Writes --log (a summary) and --csv (t_s, rss_kib); prints the slope in
KiB/min; exits 0 on pass, 1 on fail, 2 on a harness error.

    tests/e2e/soak.py --minutes 0 --reloads 100   # the reload loop alone
"""

import argparse
import os
import random
import signal
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "integration")]

import harness as h  # noqa: E402
from conftest import ROOT, stop_process  # noqa: E402
from ukwhelp import DULL  # noqa: E402

KEEP_ITEMS = 20
MALLOC_CHUNK_B = 32


def slope_kib_per_min(samples):
    """Least-squares slope of (t_s, kib) in KiB/min."""
    n = len(samples)
    if n < 2:
        return 0.0
    mt = sum(t for t, _ in samples) / n
    mv = sum(v for _, v in samples) / n
    sxx = sum((t - mt) ** 2 for t, _ in samples)
    sxy = sum((t - mt) * (v - mv) for t, v in samples)
    return sxy / sxx * 60 if sxx else 0.0


class Feeds:
    def __init__(self, world, n, rng):
        self.w, self.rng = world, rng
        self.items = {i: [] for i in range(n)}
        self.serial = 0

    def add(self, i):
        self.serial += 1
        s = self.serial
        title = h.csdp_title(f"soak {s}") if s % 5 == 0 else f"Bakery {s}"
        its = self.items[i]
        its.append({"guid": f"f{i}-{s}", "title": title,
                    "link": f"https://news.example/{i}/{s}"})
        del its[:-KEEP_ITEMS]
        self.w.write_feed(f"f{i}.rss", h.rss_doc(its))


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=5)
    ap.add_argument("--feeds", type=int, default=2000)
    ap.add_argument("--interval", type=int, default=5, help="seconds")
    ap.add_argument("--warmup-fraction", type=float, default=0.3)
    ap.add_argument("--bin", default=os.environ.get(
        "UKEUWATCH_BIN", str(ROOT / "build" / "ukeuwatch")))
    ap.add_argument("--log", default=str(ROOT / "build/test-logs/soak.log"))
    ap.add_argument("--csv", default=str(ROOT / "build/test-logs/soak.csv"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reloads", type=int, default=100)
    ap.add_argument("--reload-feeds", type=int, default=1000)
    ap.add_argument("--reload-bound", type=float, default=64.0,
                    help="KiB per reload")
    return ap.parse_args(argv)


def reload_series(w, d, confs, n):
    """SIGHUP n times, writing confs[i % len(confs)] before each; VmRSS in
    KiB after each reload, as (reload number, kib)."""
    samples = []
    for i in range(n):
        w.conf.write_text(confs[i % len(confs)])
        before = d.text().count("notice: reloaded:")
        d.proc.send_signal(signal.SIGHUP)
        if not h.wait_for(lambda: d.text().count("notice: reloaded:") >
                          before, 30, 0.02):
            raise RuntimeError(f"reload {i + 1} not done in 30 s")
        rss = h.vm_kib(d.proc.pid, "VmRSS")
        if rss is not None:
            samples.append((i, rss))
    return samples


def per_reload(samples):
    """Least-squares slope over the second half, in KiB per reload."""
    half = samples[len(samples) // 2:]
    return slope_kib_per_min(half) / 60


def reload_soak(args):
    """The reload loop; returns (summary lines, errors)."""
    os.environ["UKEUWATCH_BIN"] = str(Path(args.bin).resolve())
    w = h.World("soak-reload")
    try:
        n = args.reload_feeds
        w.nginx.start()
        confs = []
        for base in (0, n):
            fl = [(f"r{i}", w.nginx.url(f"/r{i}.rss"))
                  for i in range(base, base + n)]
            confs.append(h.base_config(w.dir, fl, interval="1h",
                                       log_level="notice"))
        w.conf.write_text(confs[0])
        d = w.start_daemon("reload")
        if not w.wait_log("notice: started", 30):
            raise RuntimeError("the daemon did not start")
        swap = reload_series(w, d, confs, args.reloads)
        same = reload_series(w, d, confs[:1], args.reloads)
        rc = stop_process(d.proc, signal.SIGTERM, 30)
        text = d.text()
    finally:
        w.close()
    lines, errs = [], []
    for name, series in (("alternating", swap), ("unchanged", same)):
        k = per_reload(series)
        lines.append(f"soak: {args.reloads} reloads {name} ({n} feeds): "
                     f"RSS {series[0][1]} -> {series[-1][1]} KiB, "
                     f"{k:.1f} KiB/reload over the second half "
                     f"(bound {args.reload_bound:g})")
        if k >= args.reload_bound:
            errs.append(f"RSS grows {k:.1f} KiB per {name} reload")
    if rc != 0:
        errs.append(f"reload daemon: exit status {rc} on SIGTERM")
    if h.sanitizer_report(text):
        errs.append("sanitizer report in the reload daemon's log")
    return lines, errs


def setup(args):
    os.environ["UKEUWATCH_BIN"] = str(Path(args.bin).resolve())
    w = h.World("soak")
    rng = random.Random(args.seed)
    feeds = Feeds(w, args.feeds, rng)
    for i in range(args.feeds):
        feeds.add(i)
    w.nginx.location("location = /hook { return 204; }")
    # The soak logs a line per request; keep nginx from slowing on it.
    w.nginx.start()
    fl = [(f"f{i}", w.nginx.url(f"/f{i}.rss"), {"profiles": "csdp"})
          for i in range(args.feeds)]
    target = ('[target "hook"]\ntype = webhook\n'
              f"url = {w.nginx.url('/hook')}\ntimeout = 5s\n")
    w.write_config(fl, target, interval=f"{args.interval}s",
                   min_interval="1s", max_connections=32,
                   max_host_connections=32, log_level="notice",
                   timeout="10s")
    return w, feeds, rng


def soak(args, w, feeds, rng, csv):
    d = w.start_daemon()
    t0 = time.monotonic()
    end = t0 + args.minutes * 60
    next_change = t0 + 10
    samples = []
    csv.write("t_s,rss_kib\n")
    while time.monotonic() < end:
        time.sleep(1 - (time.monotonic() - t0) % 1)
        if d.proc.poll() is not None:
            return d, samples, f"the daemon exited ({d.proc.returncode})"
        t = time.monotonic() - t0
        rss = h.vm_kib(d.proc.pid, "VmRSS")
        if rss is not None:
            samples.append((t, rss))
            csv.write(f"{t:.1f},{rss}\n")
            csv.flush()
        if time.monotonic() >= next_change:
            for i in rng.sample(range(args.feeds), max(1, args.feeds // 100)):
                feeds.add(i)
            next_change += 10
    return d, samples, None


def main(argv=None):
    args = parse_args(argv)
    Path(args.log).parent.mkdir(parents=True, exist_ok=True)
    if args.minutes <= 0:
        return reload_main(args)
    started = time.time()
    w = None
    try:
        w, feeds, rng = setup(args)
        with open(args.csv, "w") as csv:
            d, samples, err = soak(args, w, feeds, rng, csv)
        rc = stop_process(d.proc, signal.SIGTERM, 30) if err is None else None
        text = d.text()
        polls = sum(1 for e in w.nginx.access_log()
                    if e["uri"].startswith("/f"))
    except Exception as e:  # a harness failure is not the daemon's
        print(f"soak: harness error: {e!r}")
        if w is not None:
            w.close()
        return 2
    w.close()

    dur = args.minutes * 60
    want = args.feeds * dur / args.interval
    warm = [(t, v) for t, v in samples if t >= dur * args.warmup_fraction]
    slope = slope_kib_per_min(warm)
    polls_per_min = polls / (dur / 60)
    bound = max(64.0, polls_per_min * MALLOC_CHUNK_B / 4 / 1024)
    errs = [err] if err else []
    if rc != 0 and err is None:
        errs.append(f"exit status {rc} on SIGTERM")
    if polls < want / 2:
        errs.append(f"only {polls} polls of {want:.0f} scheduled")
    if slope >= bound:
        errs.append(f"RSS grows {slope:.1f} KiB/min after warm-up "
                    f"(bound {bound:.1f})")
    if h.sanitizer_report(text):
        errs.append("sanitizer report in the daemon log")
    if args.reloads > 0:
        try:
            rlines, rerrs = reload_soak(args)
        except Exception as e:  # a harness failure is not the daemon's
            print(f"soak: harness error in the reload loop: {e!r}")
            return 2
        errs += rerrs
    else:
        rlines = []
    rss = [v for _, v in samples]
    lines = [
        f"soak: {args.feeds} feeds every {args.interval} s for "
        f"{args.minutes:g} min; {polls} polls ({polls_per_min:.0f}/min, "
        f"{polls / max(want, 1) * 100:.0f}% of schedule)",
        f"soak: RSS KiB first {rss[0] if rss else '-'} min "
        f"{min(rss, default=0)} max {max(rss, default=0)} last "
        f"{rss[-1] if rss else '-'}; {len(samples)} samples",
        f"soak: slope after warm-up ({args.warmup_fraction:.0%} = "
        f"{dur * args.warmup_fraction:.0f} s): {slope:.1f} KiB/min "
        f"(bound {bound:.1f} KiB/min)",
        *rlines,
        f"soak: took {time.time() - started:.0f} s; "
        + ("PASS" if not errs else "FAIL: " + "; ".join(errs)),
    ]
    out = "\n".join(lines) + "\n"
    print(out, end="")
    with open(args.log, "w") as f:
        f.write(out + "\n--- daemon log (last 50 lines) ---\n")
        f.write("\n".join(text.splitlines()[-50:]) + "\n")
    return 0 if not errs else 1


def reload_main(args):
    """--minutes 0: the reload loop alone."""
    try:
        lines, errs = reload_soak(args)
    except Exception as e:
        print(f"soak: harness error in the reload loop: {e!r}")
        return 2
    lines.append("soak: " + ("PASS" if not errs else
                             "FAIL: " + "; ".join(errs)))
    print("\n".join(lines))
    return 0 if not errs else 1


if __name__ == "__main__":
    sys.exit(main())
