"""The parser's golden files, checked against what users run.

Every tests/fixtures/feeds/NAME.xml|.json has a NAME.expect.json, and
`ukeuwatch parse` on the fixture must print exactly that document (the unit
test test_feed_parse checks the same expectations with the parser pushed in
1-, 7- and 4096-byte chunks, through the same JSON writer).  An expectation
{"error": ..., "message": M} means exit 1 with "ukeuwatch parse: FILE: M"
on stderr; "_recovered": true means a warning (recover mode, replaced bytes) on stderr and
the rest of the document on stdout.
"""

import json
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "feeds"
DOC_URL = "https://example.org/feed.xml"  # as in test_feed_parse.c


def fixtures():
    return sorted(p for p in FIXTURES.iterdir()
                  if p.suffix in (".xml", ".json")
                  and not p.name.endswith(".expect.json"))


def test_every_fixture_has_an_expectation():
    missing = [p.name for p in fixtures()
               if not p.with_name(p.stem + ".expect.json").exists()]
    assert fixtures(), "no parser fixtures found"
    assert missing == []


@pytest.mark.parametrize("doc", fixtures(), ids=lambda p: p.name)
def test_parse_prints_the_expectation(daemon_bin, doc):
    want = json.loads(doc.with_name(doc.stem + ".expect.json").read_text())
    rel = doc.relative_to(ROOT)
    r = subprocess.run([daemon_bin, "parse", "-u", DOC_URL, str(rel)],
                       cwd=ROOT, capture_output=True, text=True, timeout=30)
    if "error" in want:
        assert r.returncode == 1
        assert r.stdout == ""
        assert r.stderr == f"ukeuwatch parse: {rel}: {want['message']}\n"
        return
    assert r.returncode == 0, r.stderr
    recovered = want.pop("_recovered", False)
    if recovered:
        assert f" warning: parse {rel}: " in r.stderr
    else:
        assert r.stderr == ""
    assert json.loads(r.stdout) == want
