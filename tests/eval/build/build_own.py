#!/usr/bin/python3
"""Write tests/eval/own-2026.jsonl from the shared corpus and hand labels.

    build_own.py CORPUS.jsonl.gz LABELS.txt... > own-2026.jsonl

A label line is "CORPUS_ID LABELS NOTE": LABELS is "-" (none) or letters
b (brexit-defence), c (csdp), s (sanctions); NOTE is free text, or a code
for a recurring kind of keyword trap, optionally followed by "|" and the
specific reason, which then replaces the code's text.  The labels were
decided by reading each item; this script only joins them to the corpus
text so the item as scored is exactly the item as read.
"""
import gzip
import json
import sys

PROFILE = {'b': 'brexit-defence', 'c': 'csdp', 's': 'sanctions'}
CODES = {
    'US': 'keyword trap: US sanctions or seizure, no UK or EU measure',
    'USUK': 'keyword trap: US seizure with UK military support; not sanctions unless a UK or EU measure is invoked',
    'OTH': 'keyword trap: sanctions by another state, no UK or EU part',
    'BG': 'keyword trap: sanctions only as background',
    'WORD': 'keyword trap: "sanction" in another sense',
    'AGAINST': 'keyword trap: sanctions threatened against the UK or EU by another state',
    'SF': 'keyword trap: shadow fleet without a UK or EU measure',
    'PASS': 'keyword trap: proscription mentioned in passing',
}


def read_labels(paths):
    labels = {}
    for path in paths:
        for n, line in enumerate(open(path, encoding='utf-8'), 1):
            if not line.strip():
                continue
            cid, lab, note = line.rstrip('\n').split(' ', 2)
            code, _, extra = note.partition('|')
            if code in CODES:
                note = extra or CODES[code]
            if cid in labels:
                sys.exit(f'{path}:{n}: {cid} labelled twice')
            labs = [] if lab == '-' else [PROFILE[ch] for ch in lab]
            labels[cid] = (labs, note)
    return labels


def main():
    labels = read_labels(sys.argv[2:])
    out = {}
    with gzip.open(sys.argv[1], 'rt', encoding='utf-8') as f:
        for line in f:
            o = json.loads(line)
            if o['id'] not in labels:
                continue
            labs, note = labels[o['id']]
            out[o['id']] = {
                'id': 'own26-' + o['id'], 'title': o['title'],
                'summary': o.get('summary') or '', 'date': (o.get('date') or '')[:10],
                'labels': labs, 'note': note,
                'source': 'news-2026-01 corpus ' + (o.get('feed') or ''),
                'link': o.get('link') or ''}
    missing = sorted(set(labels) - set(out))
    if missing:
        sys.exit(f'not in the corpus: {", ".join(missing)}')
    for cid in sorted(out):
        print(json.dumps(out[cid], ensure_ascii=False))


if __name__ == '__main__':
    main()
