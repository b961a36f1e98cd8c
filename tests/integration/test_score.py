"""tests/eval/score.py, the matching-quality scorer, against a stub matcher.

tests/fixtures/eval/stub-match stands in for `ukeuwatch match` with fixed
word rules, so the counts for tests/fixtures/eval/tiny.jsonl are known by
hand (see the comments there); the real binary is scored on the same items
only to show the RSS document score.py writes is one it parses whole.
"""
import importlib.util
import json
import os
import subprocess
import sys

from conftest import ROOT

SCORE = ROOT / "tests/eval/score.py"
STUB = ROOT / "tests/fixtures/eval/stub-match"
TINY = ROOT / "tests/fixtures/eval/tiny.jsonl"

# tp/fp/fn per profile for tiny.jsonl under the stub's rules:
# t1 sanctions tp; t2 (US sanctions) sanctions fp; t3 csdp tp with no
# summary; t4 csdp tp from the summary only, brexit-defence fn; t5 brexit
# fp from a summary with unicode and a control character; t6 nothing.
EXPECTED_TABLE = """\
profile           gold  pred    tp    fp    fn  precision  recall      f1
brexit-defence       1     1     0     1     1      0.000   0.000   0.000
csdp                 2     2     2     0     0      1.000   1.000   1.000
sanctions            1     2     1     1     0      0.500   1.000   0.667
micro                4     5     3     2     1      0.600   0.750   0.667
micro-F1 95% interval 0.286-0.909 (bootstrap: 1000 resamples of the 6 items)
"""


def score(*args, cmd=str(STUB)):
    return subprocess.run([sys.executable, str(SCORE), "--cmd", cmd, "--gold", str(TINY), *args],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)


def test_table_counts_exact():
    p = score("--show", "0")
    assert p.returncode == 0, p.stderr
    assert p.stdout == f"gold: {TINY} (6 items)\n" + EXPECTED_TABLE


def test_rows_have_the_nine_columns_eval_gate_parses():
    rows = [l.split() for l in score("--show", "0").stdout.splitlines()[2:6]]
    assert [r[0] for r in rows] == ["brexit-defence", "csdp", "sanctions", "micro"]
    assert all(len(r) == 9 and r[1].isdigit() for r in rows)


def test_worst_errors_listed():
    out = score("--show", "5").stdout
    assert "worst false alarms (2 in all" in out
    assert "sanctions       10     t2: US sanctions a Venezuelan tanker" in out
    assert "brexit-defence  10     t5: Zürich café — “quotes” & <tags>" in out
    assert "worst misses (1 in all" in out
    assert "brexit-defence  t4: Kallas and Healey on European security" in out


def test_json_summary():
    p = score("--json", "--show", "3")
    assert p.returncode == 0, p.stderr
    j = json.loads(p.stdout)
    assert j["items"] == 6
    assert j["micro"] == {"gold": 4, "pred": 5, "tp": 3, "fp": 2, "fn": 1,
                          "precision": 0.6, "recall": 0.75, "f1": 2 / 3}
    assert j["profiles"]["csdp"]["f1"] == 1.0
    assert [(e["profile"], e["id"]) for e in j["false_alarms"]] == [("sanctions", "t2"),
                                                                    ("brexit-defence", "t5")]
    assert [(e["profile"], e["id"]) for e in j["misses"]] == [("brexit-defence", "t4")]
    lo, hi = j["micro_f1_interval"]
    assert lo < 2 / 3 < hi


def load_score():
    spec = importlib.util.spec_from_file_location("score", SCORE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_bootstrap_interval():
    """The interval holds the point estimate, is the same on every run,
    narrows as the same mix of items grows, and collapses where every item
    is right; item_counts judges items as the table does (reviewed
    profiles only)."""
    sc = load_score()
    # 6 items: 3 hits, 1 false alarm, 1 miss, 1 right rejection.
    mix = [[1, 0, 0]] * 3 + [[0, 1, 0], [0, 0, 1], [0, 0, 0]]
    lo, hi = sc.f1_interval(mix)
    assert lo < 0.75 < hi and hi - lo > 0.3
    assert sc.f1_interval(mix) == (lo, hi)
    lo100, hi100 = sc.f1_interval(mix * 100)
    assert lo < lo100 < 0.75 < hi100 < hi and hi100 - lo100 < 0.1
    assert sc.f1_interval([[1, 0, 0], [0, 0, 0]] * 20) == (1.0, 1.0)
    assert sc.f1_interval([]) is None
    gold = [{"id": "a", "labels": ["csdp"]},
            {"id": "b", "labels": [], "reviewed": {"sanctions": "noise"}}]
    preds = {"a": {"csdp": (9, [])}, "b": {"csdp": (9, []), "sanctions": (9, [])}}
    assert sc.item_counts(gold, preds, ["csdp", "sanctions"]) == [[1, 0, 0], [0, 1, 0]]


def test_failing_command_is_an_error():
    p = score(cmd=f"{STUB} --fail")
    assert p.returncode == 2
    assert p.stdout == ""
    assert "match command failed (exit status 1)" in p.stderr
    assert "stub-match: cannot load profiles" in p.stderr


def test_missing_or_garbled_output_is_an_error():
    p = score(cmd=f"{STUB} --drop-last")
    assert p.returncode == 2
    assert "match printed nothing for 1 of 6 items (first: t6)" in p.stderr
    p = score(cmd=f"{STUB} --garbage")
    assert p.returncode == 2
    assert "match output line 2 is not JSON: 'Segmentation fault'" in p.stderr


def test_missing_command_and_gold_are_errors(tmp_path):
    p = score(cmd=str(tmp_path / "nothing"))
    assert p.returncode == 2 and "cannot run" in p.stderr
    bad = tmp_path / "dup.jsonl"
    bad.write_text('{"id": "a", "labels": []}\n{"id": "a", "labels": []}\n')
    p = subprocess.run([sys.executable, str(SCORE), "--cmd", str(STUB), "--gold", str(bad)],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and "duplicate id a" in p.stderr


def test_real_binary_parses_every_item(daemon_bin):
    p = score("--show", "0", cmd=f"{daemon_bin} match -p {ROOT / 'seeds'}")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith(f"gold: {TINY} (6 items)\nprofile")
