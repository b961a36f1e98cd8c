#!/usr/bin/python3
"""How far two readers of the guideline agree: a set's labels against a
second, blind reading of some of its items.

    agreement.py SET.jsonl REREAD.tsv

REREAD.tsv has one line per re-read item, "id<TAB>labels<TAB>note", labels
comma-separated or "-".  The second reader saw GUIDELINE.md and the items'
title, summary and date, never the set's labels or any profile's score.
Prints, per profile, how many items each reading labels, how many both do,
the F1 of one reading against the other and Cohen's kappa, then the
micro-averaged F1: the most a matcher can expect to reach against either
reading, since the readings differ by that much from each other.
"""
import json
import sys

PROFILES = ("brexit-defence", "csdp", "sanctions")


def read_set(path):
    with open(path, encoding="utf-8") as f:
        return {o["id"]: set(o["labels"]) for o in map(json.loads, f)}


def read_reread(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 3:
                sys.exit("%s:%d: want id, labels and note, tab-separated"
                         % (path, n))
            out[fields[0]] = set() if fields[1] == "-" else \
                set(fields[1].split(","))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: agreement.py SET.jsonl REREAD.tsv")
    gold, second = read_set(sys.argv[1]), read_reread(sys.argv[2])
    missing = sorted(set(second) - set(gold))
    if missing:
        sys.exit("%s: %d ids are not in %s (first: %s)"
                 % (sys.argv[2], len(missing), sys.argv[1], missing[0]))
    n, total = len(second), [0, 0, 0]
    for p in PROFILES:
        tp = sum(p in second[i] and p in gold[i] for i in second)
        fp = sum(p in second[i] and p not in gold[i] for i in second)
        fn = sum(p not in second[i] and p in gold[i] for i in second)
        tn = n - tp - fp - fn
        observed = (tp + tn) / n
        chance = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / n / n
        kappa = (observed - chance) / (1 - chance) if chance < 1 else 1.0
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        print("%-15s set %3d  second reading %3d  both %3d  F1 %.3f  "
              "kappa %.3f" % (p, tp + fn, tp + fp, tp, f1, kappa))
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
    tp, fp, fn = total
    print("micro           F1 %.3f over %d items re-read"
          % (2 * tp / (2 * tp + fp + fn), n))


if __name__ == "__main__":
    main()
