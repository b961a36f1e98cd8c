"""bench/poll/poll.py -- full poll cycles, every tool on the same corpus.

For each size, each repetition runs every tool in turn (the order rotates
by one per repetition: A B C D, B C D A, ...), so drift in the machine hits
every tool alike.  One series per tool is three cycles on a fresh state:

  cold     the corpus as first served (every item new)
  warm     the same files again (a polite client gets only 304s)
  changed  5% of the feeds gained 1-3 items; the rest unchanged

Per cycle: wall, CPU (user+sys of the process tree), peak memory, and from
nginx's log the requests, bytes sent, 200s, 304s and conditional requests.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))

import corpus  # noqa: E402
import measure  # noqa: E402
from server import Nginx  # noqa: E402

PHASES = ("cold", "warm", "changed")


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def du_bytes(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(d, f)).st_size
            except OSError:
                pass
    return total


def ukeuwatch_items(tool, work):
    """Items recorded, from `ukeuwatch status --json` (a sanity check that
    the cycle really parsed and stored what was served); None if the
    status output has no such count."""
    import json
    try:
        out = subprocess.run(
            [tool.binary, "status", "--json", "-c",
             os.path.join(work, "ukeuwatch.conf")],
            capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    total = 0
    found = False
    try:
        obj = json.loads(out.stdout)
    except ValueError:
        return None
    for row in obj.get("feeds", []) if isinstance(obj, dict) else []:
        if isinstance(row, dict) and isinstance(row.get("items"), int):
            total += row["items"]
            found = True
    return total if found else None


def run_series(tool, n, server, workroot, timeout):
    work = os.path.join(workroot, f"{tool.name}-{n}")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    feeds = [(f"f{i:05d}", server.url(corpus.feed_path(i)))
             for i in range(n)]
    tool.prepare(work, feeds)
    out = {}
    for phase in PHASES:
        server.serve("changed" if phase == "changed" else "base")
        # Dirty pages left by the previous run (or the corpus generator)
        # would be written back during this one and charged to it.
        os.sync()
        mark = server.mark()
        m = measure.run(tool.command(work), cwd=work, env=tool.env(work),
                        timeout=timeout,
                        stdout=os.path.join(work, f"{phase}.out"),
                        stderr=os.path.join(work, f"{phase}.err"))
        time.sleep(0.2)  # let nginx write the last log lines
        m.update(server.counts(mark))
        m["state_bytes"] = du_bytes(work)
        if tool.name == "ukeuwatch":
            m["items_recorded"] = ukeuwatch_items(tool, work)
        out[phase] = m
        log(f"  {tool.name:<10} n={n:<6} {phase:<8} wall {m['wall']:7.2f} s"
            f"  cpu {m['cpu']:7.2f} s  peak {m['peak_kib'] / 1024:7.1f} MiB"
            f"  req {m['requests']:6}  304 {m['s304']:6}"
            f"  MB {m['bytes'] / 1e6:8.1f}  rc {m['rc']}"
            + (" TIMEOUT" if m["timed_out"] else ""))
        if m["timed_out"]:
            break
    server.serve("base")
    if os.environ.get("BENCH_KEEP") != "1":
        shutil.rmtree(work, ignore_errors=True)
    return out


def median_runs(runs):
    """{(tool, n, phase): median of each numeric field over repetitions}"""
    groups = {}
    for r in runs:
        groups.setdefault((r["tool"], r["n"], r["phase"]), []).append(r)
    med = {}
    for key, rs in groups.items():
        m = {}
        for field, v in rs[0].items():
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                m[field] = v
                continue
            vals = [r[field] for r in rs if isinstance(r.get(field),
                                                        (int, float))]
            m[field] = statistics.median(vals)
        m["reps"] = len(rs)
        m["timed_out"] = any(r["timed_out"] for r in rs)
        med[key] = m
    return med


def run_poll(tools, sizes, reps, workroot, corpus_dir, timeout=900,
             series_budget=None, peer_reps=None):
    """Run every tool at every size reps times.  A tool whose series at
    the previous size, scaled linearly, would exceed series_budget seconds
    of wall time is skipped at the larger size (and reported as capped).
    peer_reps, when set, caps the repetitions of every tool but ukeuwatch
    (the peers are slow; their single series is still interleaved).
    Returns {"runs": [...], "skipped": [...], "corpus": {...}}."""
    nmax = max(sizes)
    log(f"corpus: {nmax} feeds in {corpus_dir}")
    man = corpus.ensure(corpus_dir, nmax)
    info = {"t0": man["t0"], "sizes": {}}
    for n in sizes:
        info["sizes"][n] = {
            "bytes": corpus.corpus_bytes(corpus_dir, n),
            "changed_feeds": sum(1 for i in range(n) if corpus.is_changed(i)),
            "new_items": sum(1 + i % 3 for i in range(n)
                             if corpus.is_changed(i)),
            "items": sum(corpus.feed_shape(i)[1] for i in range(n)),
        }
    server = Nginx(os.path.join(workroot, "nginx"), corpus_dir)
    server.start()
    runs, skipped = [], []
    last_wall = {}
    try:
        for n in sizes:
            active = []
            for t in tools:
                prev = last_wall.get(t.name)
                if prev and series_budget:
                    est = prev[1] * n / prev[0]
                    if est > series_budget:
                        skipped.append({"tool": t.name, "n": n,
                                        "estimate_s": est,
                                        "from_n": prev[0]})
                        log(f"  {t.name}: skipped at n={n} (a series would "
                            f"take ~{est:.0f} s, budget {series_budget} s)")
                        continue
                active.append(t)
            for rep in range(reps):
                order = active[rep % len(active):] + \
                    active[:rep % len(active)] if active else []
                for t in order:
                    if (peer_reps is not None and t.name != "ukeuwatch"
                            and rep >= peer_reps):
                        continue
                    res = run_series(t, n, server, workroot, timeout)
                    for phase, m in res.items():
                        runs.append(dict(m, tool=t.name, n=n, rep=rep,
                                         phase=phase))
                    wall = sum(m["wall"] for m in res.values())
                    if last_wall.get(t.name, (0, 0))[0] == n:
                        wall = max(wall, last_wall[t.name][1])
                    last_wall[t.name] = (n, wall)
    finally:
        server.stop()
    return {"runs": runs, "skipped": skipped, "corpus": info}
