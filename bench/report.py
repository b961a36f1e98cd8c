"""bench/report.py -- bench/RESULTS.md and bench/results.png from the JSON
that bench/run writes (build/bench/results.json).

Usage: bench/report.py [RESULTS.json]   (re-renders without re-measuring)
"""

import json
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "poll"))

from poll import PHASES, median_runs  # noqa: E402

TOOLS = ("ukeuwatch", "sfeed", "newsboat", "rss2email")
PEERS = TOOLS[1:]

# Issue 4's targets for ukeuwatch, at 2,000 feeds (CPU seconds).
TARGET_N = 2000
TARGETS = {"cold": 10.0, "warm": 1.0, "changed": 2.0}
TARGET_PEAK_MIB = 64


def mib(kib):
    return kib / 1024


def fmt(v, digits=2):
    if v is None:
        return "–"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:.{digits}f}"


def ratio(peer, ours):
    if peer is None or ours is None or ours <= 0:
        return "–"
    r = peer / ours
    return f"{r:,.0f}×" if r >= 10 else f"{r:.1f}×"


def machine_md(m):
    return (f"- CPU: {m['cpu']} ({m['nproc']} CPUs online)\n"
            f"- memory: {m['mem_gib']:.1f} GiB; kernel {m['kernel']}; "
            f"{m['os']}\n")


def versions_md(v):
    return "".join(f"- {k}: {val}\n" for k, val in v.items())


def poll_table(med, sizes):
    """One table: every tool, size and phase, with the peers' ratios."""
    head = ("| feeds | cycle | tool | wall s | CPU s | peak MiB | requests "
            "| conditional | 304 (share) | MB sent | CPU × ours "
            "| peak × ours |\n"
            "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: "
            "| ---: | ---: | ---: |\n")
    rows = []
    for n in sizes:
        for phase in PHASES:
            ours = med.get(("ukeuwatch", n, phase))
            for tool in TOOLS:
                m = med.get((tool, n, phase))
                if m is None:
                    continue
                share = (f"{m['s304']:,.0f} ({100 * m['s304'] / m['requests']:.0f}%)"
                         if m["requests"] else "0")
                cpu_r = ratio(m["cpu"], ours["cpu"]) if ours and \
                    tool != "ukeuwatch" else ""
                peak_r = ratio(m["peak_kib"], ours["peak_kib"]) if ours and \
                    tool != "ukeuwatch" else ""
                name = f"**{tool}**" if tool == "ukeuwatch" else tool
                to = " (timed out)" if m.get("timed_out") else ""
                rows.append(
                    f"| {n:,} | {phase} | {name}{to} | {fmt(m['wall'])} | "
                    f"{fmt(m['cpu'])} | {fmt(mib(m['peak_kib']), 1)} | "
                    f"{m['requests']:,.0f} | {m['conditional']:,.0f} | "
                    f"{share} | "
                    f"{m['bytes'] / 1e6:,.{1 if m['bytes'] >= 1e6 else 3}f} | "
                    f"{cpu_r} | {peak_r} |")
    return head + "\n".join(rows) + "\n"


def ratio_summary(med, sizes):
    """Per peer, the CPU ratio at the largest size both ran."""
    out = []
    for peer in PEERS:
        common = [n for n in sizes if (peer, n, "cold") in med
                  and ("ukeuwatch", n, "cold") in med]
        if not common:
            continue
        n = max(common)
        parts = []
        for phase in PHASES:
            p, o = med.get((peer, n, phase)), med.get(("ukeuwatch", n, phase))
            if p and o:
                parts.append(f"{phase} {ratio(p['cpu'], o['cpu'])}")
        pk = [med[(peer, n, ph)]["peak_kib"] / med[("ukeuwatch", n, ph)]
              ["peak_kib"] for ph in PHASES if (peer, n, ph) in med]
        out.append(f"- **{peer}** at {n:,} feeds uses "
                   + ", ".join(parts) + " the CPU time of ukeuwatch"
                   + (f"; peak memory {min(pk):.1f}–{max(pk):.1f}× ours"
                      if pk else "") + ".")
    return "\n".join(out) + "\n"


def targets_md(med, sizes):
    lines = []
    have = sorted(s for s in sizes if ("ukeuwatch", s, "cold") in med)
    if not have:
        return "No ukeuwatch runs.\n"

    def at_target(phase, field="cpu"):
        """The value at TARGET_N: measured, else a straight line through
        the two nearest sizes (fixed start-up cost plus a cost per feed),
        else proportional to the one size there is."""
        if TARGET_N in have:
            return med[("ukeuwatch", TARGET_N, phase)][field]
        pts = sorted(have, key=lambda s: abs(s - TARGET_N))[:2]
        if len(pts) == 1:
            return med[("ukeuwatch", pts[0], phase)][field] * TARGET_N / pts[0]
        (a, b) = sorted(pts)
        va = med[("ukeuwatch", a, phase)][field]
        vb = med[("ukeuwatch", b, phase)][field]
        return va + (vb - va) * (TARGET_N - a) / (b - a)

    n = TARGET_N if TARGET_N in have else max(have)
    if TARGET_N not in have:
        lines.append(f"(No run at {TARGET_N:,} feeds: values extrapolated "
                     "along the line through the two nearest sizes.)\n")
    lines.append("| target at 2,000 feeds | measured | met |\n"
                 "| --- | ---: | --- |")
    for phase, limit in TARGETS.items():
        m = med[("ukeuwatch", n, phase)]
        v = at_target(phase)
        extra = ""
        if phase == "warm":
            share = m["s304"] / m["requests"] if m["requests"] else 0
            extra = f", {100 * share:.0f}% 304s"
            ok = v <= limit and share == 1
        else:
            ok = v <= limit
        lines.append(f"| {phase} cycle ≤ {limit:g} s CPU"
                     f"{' with 100% 304s' if phase == 'warm' else ''} | "
                     f"{v:.2f} s{extra} | {'yes' if ok else '**no**'} |")
    big = max(s for s in sizes if ("ukeuwatch", s, "cold") in med)
    peak = max(mib(med[("ukeuwatch", big, ph)]["peak_kib"]) for ph in PHASES)
    lines.append(f"| peak memory at {big:,} feeds < {TARGET_PEAK_MIB} MB | "
                 f"{peak:.1f} MiB | {'yes' if peak < TARGET_PEAK_MIB else '**no**'}"
                 f"{'' if big >= 10000 else ' (largest size run)'} |")
    # Linear growth: CPU per feed at the largest size against the smallest.
    small = min(s for s in sizes if ("ukeuwatch", s, "cold") in med)
    if big > small:
        for phase in PHASES:
            a = med[("ukeuwatch", small, phase)]["cpu"] / small * 1000
            b = med[("ukeuwatch", big, phase)]["cpu"] / big * 1000
            lines.append(f"| linear growth, {phase} (CPU ms per feed, "
                         f"{small:,} → {big:,}) | {a:.2f} → {b:.2f} | "
                         f"{'yes' if b <= a * 1.25 else '**no**'} |")
    return "\n".join(lines) + "\n"


def plot(med, sizes, png, datdir):
    """CPU time and peak memory against feeds, one line per tool (cold and
    warm cycles; log-log, since the peers are 1-2 orders of magnitude
    apart)."""
    os.makedirs(datdir, exist_ok=True)
    series = []
    for tool in TOOLS:
        for phase in ("cold", "warm"):
            pts = [(n, med[(tool, n, phase)]) for n in sizes
                   if (tool, n, phase) in med]
            if not pts:
                continue
            path = os.path.join(datdir, f"{tool}-{phase}.dat")
            with open(path, "w") as f:
                for n, m in pts:
                    f.write(f"{n} {m['cpu']:.4f} {mib(m['peak_kib']):.2f}\n")
            series.append((tool, phase, path))
    if not series:
        return False
    colours = {"ukeuwatch": "#d62728", "sfeed": "#1f77b4",
               "newsboat": "#2ca02c", "rss2email": "#9467bd"}

    def plots(col):
        return ", \\\n  ".join(
            f"'{p}' using 1:{col} with linespoints lw 2 pt 7 "
            f"dt {1 if ph == 'cold' else 2} lc rgb '{colours[t]}' "
            f"title '{t} {ph}'" for t, ph, p in series)
    gp = f"""set terminal pngcairo size 1200,520 font 'DejaVu Sans,10'
set output '{png}'
set multiplot layout 1,2 title 'Poll cycle cost against number of feeds (median of runs)'
set logscale xy
set grid
set key top left
set xlabel 'feeds'
set ylabel 'CPU time, s (user+sys, process tree)'
set title 'CPU time per cycle'
plot {plots(2)}
unset logscale y
set logscale y
set ylabel 'peak memory, MiB'
set title 'Peak memory per cycle'
plot {plots(3)}
unset multiplot
"""
    gpfile = os.path.join(datdir, "results.gp")
    with open(gpfile, "w") as f:
        f.write(gp)
    term = subprocess.run(["gnuplot", gpfile], capture_output=True,
                          text=True)
    if term.returncode != 0 and "pngcairo" in term.stderr:
        with open(gpfile, "w") as f:
            f.write(gp.replace("pngcairo", "png"))
        term = subprocess.run(["gnuplot", gpfile], capture_output=True,
                              text=True)
    return term.returncode == 0


def sub_md(subs):
    out = []
    match = subs.get("match")
    if match and match.get("stdout"):
        out.append("### Match throughput (`bench/match/run`)\n")
        for line in match["stdout"].splitlines():
            m = re.search(r"items_per_s=([0-9.]+)", line)
            if m:
                out.append(f"- {float(m.group(1)):,.0f} items/s "
                           f"(`{line.strip()}`)")
        out.append("")
    parse = subs.get("parse")
    if parse and parse.get("stdout"):
        out.append("### Parse-only throughput (`bench/parse/run`)\n")
        if parse.get("reused"):
            out.append("Not re-measured in a quick run: these are the "
                       "numbers in `bench/parse/RESULTS.md` from its last "
                       "run.\n")
        rates = {}
        for line in parse["stdout"].splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) == 5 and re.match(r"^[0-9.]+$", cells[4]):
                rates.setdefault(cells[2], []).append(float(cells[4]))
        if rates:
            out.append("| tool | median MB/s over the big feeds |\n"
                       "| --- | ---: |")
            for tool, r in rates.items():
                out.append(f"| {tool} | {statistics.median(r):,.0f} |")
            out.append("")
        out.append("<details><summary>full output</summary>\n\n"
                   + parse["stdout"].strip() + "\n\n</details>\n")
    store = subs.get("store")
    if store and store.get("stdout"):
        out.append("### State store (`bench/store/run`)\n")
        out.append("```\n" + store["stdout"].strip() + "\n```\n")
    train = subs.get("train")
    if train and train.get("stdout"):
        out.append("### Profile training (`bench/train/run`)\n")
        for line in train["stdout"].splitlines():
            m = re.search(r"profile=(\S+) items=(\d+).* seconds=([0-9.]+)",
                          line)
            if m:
                out.append(f"- {m.group(1)}: {float(m.group(3)):.2f} s for "
                           f"{int(m.group(2)):,} items, 5-fold "
                           "cross-validation included (bound: 2 s)")
        out.append("")
    for name, s in subs.items():
        if s.get("rc") not in (0, None):
            out.append(f"- `{name}` failed (exit {s['rc']}): "
                       f"{s.get('stderr', '').strip()[-300:]}")
    return "\n".join(out) + "\n"


def write(res, md_path, png_path):
    sizes = sorted({r["n"] for r in res["poll"]["runs"]})
    med = median_runs(res["poll"]["runs"])
    plotted = plot(med, sizes, png_path,
                   os.path.join(ROOT, "build", "bench", "plot"))
    c = res["poll"]["corpus"]
    corpus_lines = "".join(
        f"- {int(n):,} feeds: {v['bytes'] / 1e6:,.1f} MB, {v['items']:,} "
        f"items; changed variant: {v['changed_feeds']} feeds gain "
        f"{v['new_items']} items\n" for n, v in sorted(
            c["sizes"].items(), key=lambda kv: int(kv[0])))
    skipped = "".join(
        f"- {s['tool']} not run at {s['n']:,} feeds: scaled from its "
        f"{s['from_n']:,}-feed series, it would take ~{s['estimate_s']:,.0f} s"
        f" of wall time (budget {res['budget_s']:.0f} s per series).\n"
        for s in res["poll"]["skipped"])
    checks = []
    for (tool, n, phase), m in sorted(med.items()):
        if tool == "ukeuwatch" and m.get("items_recorded") is not None:
            checks.append(f"{n:,}/{phase}: {m['items_recorded']:,.0f}")
    reps = res["reps"]
    text = f"""# Benchmarks: ukeuwatch against the tools users would pick instead

Written by `bench/run{' --quick' if res['quick'] else ''}` (`make bench{' QUICK=1' if res['quick'] else ''}`) on {res['started']},
in {res['elapsed_s'] / 60:.1f} minutes.  Raw data: `build/bench/results.json`;
re-render with `bench/report.py`.

## Machine

{machine_md(res['machine'])}
## Tool versions

{versions_md(res['versions'])}
## How the poll cycles were measured

- Corpus (`bench/corpus.py`, deterministic): 60% RSS 2.0 and 40% Atom 1.0
  feeds, 20–100 items each with 150–700-byte HTML summaries; every 10th
  feed carries full HTML content (1–8 KB per item); every 500th is 2–6 MB.
  About 3% of items are on the profiles' topics.  The "changed" variant:
  every 20th feed (5%) gains 1–3 items at the top.
{corpus_lines}- Served by nginx 1.22 on 127.0.0.1 (1 worker, gzip on, ETag and
  Last-Modified from the file; `if_modified_since before`, the RFC 9110
  rule, so date validators count as well as ETags); requests, bytes and
  304s are counted from its JSON access log.
- Each tool gets a fresh state directory and runs three cycles: **cold**
  (all new), **warm** (nothing changed), **changed**.  Tools are
  interleaved (the order rotates each repetition) and every cycle starts
  after `sync`.  ukeuwatch ran {reps} repetition(s) per size,
  the peers {res['peer_reps']} (they take minutes per cycle); tables show
  medians.
- **CPU** = user + sys of the whole process tree (`wait4` rusage, which
  includes every reaped descendant: curl, sfeed, sort… for sfeed_update).
  **Peak** = the larger of the biggest single process's max RSS and the
  sampled (50 ms) peak of the tree's summed PSS.  **Wall** includes
  waiting for the network and fsync.
- Settings per tool:
{"".join(f"  - {t}: {s}" + chr(10) for t, s in res['tool_setup'].items())}
{skipped}
## Results

![CPU time and peak memory against feeds](results.png)

{'Solid lines: cold cycle; dashed: warm cycle; both axes logarithmic.  A peer with one point was run at one size only (see above).' if plotted else '(gnuplot failed: no plot)'}

{ratio_summary(med, sizes)}
{poll_table(med, sizes)}
Sanity check: items ukeuwatch recorded (`status --json`, sum of `items`),
by size/cycle: {'; '.join(checks) if checks else 'not available'}.

### ukeuwatch against issue 4's targets

{targets_md(med, sizes)}
## Sub-benchmarks

{sub_md(res.get('subs', {}))}"""
    notes = os.path.join(HERE, "poll", "NOTES.md")
    if os.path.exists(notes):
        with open(notes) as f:
            text += "\n" + f.read()
    with open(md_path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        ROOT, "build", "bench", "results.json")
    with open(path) as f:
        data = json.load(f)
    write(data, os.path.join(HERE, "RESULTS.md"),
          os.path.join(HERE, "results.png"))
