#!/usr/bin/python3
"""Score a `match` command against labelled news items.

    tests/eval/score.py --cmd 'build/ukeuwatch match' --gold tests/eval/dev2.jsonl
    tests/eval/score.py --cmd 'build/ukeuwatch match' --gold FILE --show 5 --json

The gold items (JSON lines: id, title, summary, date, labels, note, link) are
written into one RSS 2.0 document in a temporary directory, with the item id
as <guid>.  The command is run once with that file's path appended (or put in
place of a '{}' argument); it must print one JSON object a line whose "key"
is the item's guid and whose "matches" lists {"profile", "score", "terms"},
as `ukeuwatch match` does.  The profile directory is whatever the command
picks (`-p DIR` in --cmd, or $UKEUWATCH_PROFILES, which is passed through).

Output: a table with one row per profile and a "micro" row, nine columns

    profile  gold  pred  tp  fp  fn  precision  recall  f1

(tests/eval-gate parses exactly these rows), a line with the 95% bootstrap
interval of micro-F1 (resampling the items), then the N worst false alarms
and misses.  With --json, one JSON object instead.

Exit status: 0 when the items were scored, whatever the scores; 2 when they
could not be (bad arguments, unreadable gold file, the command failed or
printed output that does not account for every item).  A scorer that quietly
scored a crashed matcher as "matched nothing" would turn a bug into a low
recall, so every such case is an error.  Python standard library only.
"""
import argparse
import email.utils
import json
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from xml.sax.saxutils import escape

PROFILES = ('brexit-defence', 'csdp', 'sanctions')
RESAMPLES = 1000

# XML 1.0 forbids most C0 controls even as character references; feeds in
# the wild carry them, and one would make the whole document unparsable.
XML_BAD = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')


class ScoreError(Exception):
    """Why the items could not be scored; main() prints it and exits 2."""


def read_gold(path):
    """The gold items of a JSON-lines file, checked enough to score."""
    try:
        with open(path, encoding='utf-8') as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise ScoreError(f'cannot read gold file {path}: {e}') from None
    items, seen = [], set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise ScoreError(f'{path}:{n}: not JSON: {e}') from None
        if not isinstance(obj, dict) or not isinstance(obj.get('id'), str) \
                or not isinstance(obj.get('labels'), list):
            raise ScoreError(f'{path}:{n}: needs a string "id" and a list "labels"')
        # The id is the join key: two items with one id could not be told apart.
        if obj['id'] in seen:
            raise ScoreError(f'{path}:{n}: duplicate id {obj["id"]}')
        seen.add(obj['id'])
        items.append(obj)
    if not items:
        raise ScoreError(f'{path}: no items')
    return items


def rfc822(date):
    """An RFC 822 date for <pubDate> from 'YYYY-MM-DD' or ISO 8601, or None."""
    if not isinstance(date, str) or not date:
        return None
    try:
        d = datetime.fromisoformat(date.replace('Z', '+00:00'))
    except ValueError:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return email.utils.format_datetime(d)


def xml_text(s):
    return escape(XML_BAD.sub(' ', str(s)))


def write_rss(items, path):
    """The gold items as one RSS 2.0 document; empty fields are left out,
    as a feed that lacks them would."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0"><channel>',
           '<title>ukeuwatch evaluation items</title>',
           '<link>https://example.org/ukeuwatch/eval</link>',
           '<description>labelled items (tests/eval)</description>']
    for it in items:
        out.append('<item>')
        out.append(f'<title>{xml_text(it.get("title") or "")}</title>')
        if it.get('summary'):
            out.append(f'<description>{xml_text(it["summary"])}</description>')
        if it.get('link'):
            out.append(f'<link>{xml_text(it["link"])}</link>')
        out.append(f'<guid isPermaLink="false">{xml_text(it["id"])}</guid>')
        pub = rfc822(it.get('date'))
        if pub:
            out.append(f'<pubDate>{pub}</pubDate>')
        out.append('</item>')
    out.append('</channel></rss>')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out) + '\n')


def run_match(cmd, feed, timeout):
    """Run the command on feed; its stdout, or ScoreError."""
    argv = shlex.split(cmd)
    if not argv:
        raise ScoreError('empty --cmd')
    argv = [feed if a == '{}' else a for a in argv] if '{}' in argv else argv + [feed]
    try:
        p = subprocess.run(argv, capture_output=True, timeout=timeout)
    except OSError as e:
        raise ScoreError(f'cannot run {argv[0]}: {e.strerror}') from None
    except subprocess.TimeoutExpired:
        raise ScoreError(f'{argv[0]} did not finish within {timeout:g}s') from None
    err = p.stderr.decode('utf-8', 'replace').strip()
    if p.returncode != 0:
        tail = '\n  '.join(err.splitlines()[-5:]) or '(no stderr)'
        raise ScoreError(f'match command failed (exit status {p.returncode}): '
                         f'{shlex.join(argv)}\n  {tail}')
    return p.stdout.decode('utf-8', 'replace')


def predictions(out, gold):
    """Map gold id -> {profile: (score, terms)} from the command's output."""
    ids = {g['id'] for g in gold}
    preds = {}
    for n, line in enumerate(out.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            raise ScoreError(f'match output line {n} is not JSON: {line[:120]!r}') from None
        key = obj.get('key') if isinstance(obj, dict) else None
        if key not in ids:
            raise ScoreError(f'match output line {n}: key {key!r} is no gold item id')
        got = {}
        for m in obj.get('matches') or []:
            if isinstance(m, dict) and isinstance(m.get('profile'), str):
                got[m['profile']] = (m.get('score'), m.get('terms') or [])
        preds[key] = got
    missing = [g['id'] for g in gold if g['id'] not in preds]
    if missing:
        raise ScoreError(f'match printed nothing for {len(missing)} of {len(gold)} items '
                         f'(first: {missing[0]}); was the feed parsed whole?')
    return preds


def ratio(num, den):
    return num / den if den else None


def counts_row(tp, fp, fn):
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return {'gold': tp + fn, 'pred': tp + fp, 'tp': tp, 'fp': fp, 'fn': fn,
            'precision': p, 'recall': r, 'f1': ratio(2 * tp, 2 * tp + fp + fn)}


def judge(g, got, profiles):
    """(profile, 0 for tp / 1 for fp / 2 for fn) for each error or hit of
    one item.  An exported review (`alerts --labels`) judges only the
    profiles in "reviewed": the others were not looked at, so neither right
    nor wrong.  The sets made by hand judge every profile."""
    want = set(g['labels'])
    judged = g.get('reviewed')
    for p in profiles:
        if isinstance(judged, dict) and p not in judged:
            continue
        if p in got or p in want:
            yield p, 0 if p in got and p in want else 1 if p in got else 2


def item_counts(gold, preds, profiles):
    """Per item, its [tp, fp, fn] summed over the profiles."""
    out = []
    for g in gold:
        c = [0, 0, 0]
        for _, kind in judge(g, preds[g['id']], profiles):
            c[kind] += 1
        out.append(c)
    return out


def f1_interval(counts, resamples=RESAMPLES, seed=17):
    """95% bootstrap interval of micro-F1 over items, from item_counts():
    how far the score could move on another draw of as many items of the
    same kind.  Sets of a few hundred items with a few dozen labels move a
    lot, and an estimate is only as close to a measurement as this allows.
    Fixed seed, so the same items give the same interval."""
    rng = random.Random(seed)
    n = len(counts)
    if n == 0:
        return None
    f1s = []
    for _ in range(resamples):
        tp = fp = fn = 0
        for _ in range(n):
            c = counts[rng.randrange(n)]
            tp, fp, fn = tp + c[0], fp + c[1], fn + c[2]
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    f1s.sort()
    return f1s[int(0.025 * resamples)], f1s[int(0.975 * resamples) - 1]


def score(gold, preds, profiles):
    """Per-profile and micro counts, and the individual errors."""
    tally = {p: [0, 0, 0] for p in profiles}   # tp, fp, fn
    false_pos, false_neg = [], []
    for g in gold:
        got = preds[g['id']]
        notes = g.get('notes') if isinstance(g.get('notes'), dict) else {}
        for p, kind in judge(g, got, profiles):
            note = notes.get(p) or g.get('note') or ''
            tally[p][kind] += 1
            if kind == 1:
                sc, terms = got[p]
                false_pos.append({'profile': p, 'id': g['id'], 'title': g.get('title') or '',
                                  'score': sc if isinstance(sc, (int, float)) else 0,
                                  'terms': terms, 'note': note})
            elif kind == 2:
                false_neg.append({'profile': p, 'id': g['id'], 'title': g.get('title') or '',
                                  'note': note})
    rows = {p: counts_row(*tally[p]) for p in profiles}
    rows['micro'] = counts_row(*(sum(t[i] for t in tally.values()) for i in range(3)))
    # A false alarm with a high score is furthest from the threshold, so the
    # most telling; misses carry no score (match prints only alerts), so
    # items missing several labels come first.
    false_pos.sort(key=lambda e: (-e['score'], e['id'], e['profile']))
    nmiss = {}
    for e in false_neg:
        nmiss[e['id']] = nmiss.get(e['id'], 0) + 1
    false_neg.sort(key=lambda e: (-nmiss[e['id']], e['id'], e['profile']))
    return rows, false_pos, false_neg


def fmt(x):
    return 'n/a' if x is None else f'{x:.3f}'


def short(s, n=90):
    s = ' '.join(str(s).split())
    return s if len(s) <= n else s[:n - 1] + '…'


def interval_text(iv, n_items):
    if iv is None:
        return 'no items'
    return f'{iv[0]:.3f}-{iv[1]:.3f} (bootstrap: {RESAMPLES} resamples of the {n_items} items)'


def print_table(gold_path, n_items, rows, false_pos, false_neg, show, iv=None):
    print(f'gold: {gold_path} ({n_items} items)')
    print(f'{"profile":<16}{"gold":>6}{"pred":>6}{"tp":>6}{"fp":>6}{"fn":>6}'
          f'{"precision":>11}{"recall":>8}{"f1":>8}')
    for name, r in rows.items():
        print(f'{name:<16}{r["gold"]:>6}{r["pred"]:>6}{r["tp"]:>6}{r["fp"]:>6}{r["fn"]:>6}'
              f'{fmt(r["precision"]):>11}{fmt(r["recall"]):>8}{fmt(r["f1"]):>8}')
    print(f'micro-F1 95% interval {interval_text(iv, n_items)}')
    if show <= 0:
        return
    print(f'\nworst false alarms ({len(false_pos)} in all, highest score first):')
    for e in false_pos[:show]:
        print(f'  {e["profile"]:<15} {e["score"]:<6g} {e["id"]}: {short(e["title"])}')
        if e['terms']:
            print(f'  {"":<15} terms: {short(", ".join(map(str, e["terms"])), 100)}')
    print(f'worst misses ({len(false_neg)} in all, items missing most labels first):')
    for e in false_neg[:show]:
        note = f'  [{short(e["note"], 70)}]' if e['note'] else ''
        print(f'  {e["profile"]:<15} {e["id"]}: {short(e["title"])}{note}')


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0], epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cmd', default='build/ukeuwatch match',
                    help="match command (default 'build/ukeuwatch match')")
    ap.add_argument('--gold', required=True, help='labelled items, JSON lines')
    ap.add_argument('--show', type=int, default=10, metavar='N',
                    help='list the N worst false alarms and misses (default 10)')
    ap.add_argument('--json', action='store_true', help='print a JSON summary instead')
    ap.add_argument('--profiles', default=','.join(PROFILES),
                    help='comma-separated profiles to score (default: the shipped three)')
    ap.add_argument('--timeout', type=float, default=300, help='seconds (default 300)')
    args = ap.parse_args(argv)
    profiles = [p for p in args.profiles.split(',') if p]
    try:
        gold = read_gold(args.gold)
        with tempfile.TemporaryDirectory(prefix='ukeuwatch-score-') as tmp:
            feed = os.path.join(tmp, 'items.xml')
            write_rss(gold, feed)
            out = run_match(args.cmd, feed, args.timeout)
        preds = predictions(out, gold)
    except ScoreError as e:
        print(f'score.py: {e}', file=sys.stderr)
        return 2
    rows, false_pos, false_neg = score(gold, preds, profiles)
    iv = f1_interval(item_counts(gold, preds, profiles))
    if args.json:
        json.dump({'gold': args.gold, 'items': len(gold), 'cmd': args.cmd,
                   'profiles': {p: rows[p] for p in profiles}, 'micro': rows['micro'],
                   'micro_f1_interval': list(iv) if iv else None,
                   'false_alarms': false_pos[:max(args.show, 0)],
                   'misses': false_neg[:max(args.show, 0)]},
                  sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_table(args.gold, len(gold), rows, false_pos, false_neg, args.show, iv)
    return 0


if __name__ == '__main__':
    sys.exit(main())
