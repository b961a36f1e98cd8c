"""bench/poll/measure.py -- run a command and measure its whole process tree.

  wall    monotonic seconds from spawn to exit
  cpu     user+sys of the process and every descendant it waited for
          (os.wait4 on Linux returns the child's usage including its
          reaped children, as getrusage(RUSAGE_CHILDREN) would)
  peak    the larger of (a) the largest single-process max RSS (ru_maxrss,
          exact) and (b) the peak, sampled every 50 ms, of the sum of PSS
          over the tree (every process in the command's session).  PSS
          shares a library's pages among the processes that map it, so a
          pipeline of many small processes (sfeed_update: sh, curl, sfeed,
          sort) is not charged for libc once per process.

The command gets its own session (setsid), so the tree is found by session
id and a timeout kills exactly that group.
"""

import os
import signal
import subprocess
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


def _session_pids(sid):
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # Fields after the parenthesised comm: state ppid pgrp session ...
        rest = stat[stat.rfind(b")") + 2:].split()
        if len(rest) > 3 and int(rest[3]) == sid:
            pids.append(name)
    return pids


def _pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def tree_pss_kib(sid):
    return sum(_pss_kib(p) for p in _session_pids(sid))


def run(cmd, cwd=None, env=None, timeout=600, stdout=None, stderr=None,
        interval=0.05):
    """Run cmd; return dict(wall, cpu, user, sys, peak_kib, max_rss_kib,
    tree_pss_kib, rc, timed_out)."""
    out = open(stdout or os.devnull, "wb")
    err = open(stderr or os.devnull, "wb")
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=out, stderr=err, start_new_session=True)
    sid = proc.pid
    peak_tree = 0
    timed_out = False
    try:
        while True:
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid == proc.pid:
                break
            if time.monotonic() - t0 > timeout:
                timed_out = True
                os.killpg(sid, signal.SIGKILL)
                pid, status, ru = os.wait4(proc.pid, 0)
                break
            peak_tree = max(peak_tree, tree_pss_kib(sid))
            time.sleep(interval)
    finally:
        out.close()
        err.close()
    wall = time.monotonic() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    # Anything the command left behind in its session goes too.
    try:
        os.killpg(sid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return {
        "wall": wall,
        "user": ru.ru_utime,
        "sys": ru.ru_stime,
        "cpu": ru.ru_utime + ru.ru_stime,
        "max_rss_kib": ru.ru_maxrss,
        "tree_pss_kib": peak_tree,
        "peak_kib": max(ru.ru_maxrss, peak_tree),
        "rc": proc.returncode,
        "timed_out": timed_out,
    }
