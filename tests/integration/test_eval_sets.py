"""The labelled sets of tests/eval: well-formed, disjoint, and each given
exactly one role.

A score only estimates something if the set it comes from was kept apart:
an item in two sets, or a held-out set that `scripts/train-profiles`
trains on, would make the gate's "held out" line a tuning-set score
without anyone noticing.  So every set must be named in exactly one of the
gate's roles, the held-out ones must stay out of training, and no id or
link may be in two sets.
"""
import json
import os
import re
import subprocess

from conftest import ROOT

EVAL = ROOT / "tests/eval"
PROFILES = {"brexit-defence", "csdp", "sanctions"}
ROLES = ("TUNED", "TRAINED", "READ", "NOT_TUNED")


def gate_roles():
    text = (ROOT / "tests/eval-gate").read_text(encoding="utf-8")
    roles = {}
    for role in ROLES:
        m = re.search(r'^%s="([^"]*)"' % role, text, re.M)
        assert m, "tests/eval-gate lost its %s= line" % role
        roles[role] = m.group(1).split()
    return roles


def load_sets():
    sets = {}
    for path in sorted(EVAL.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            sets[path.stem] = [json.loads(line) for line in f if line.strip()]
    return sets


def test_every_set_has_exactly_one_role_in_the_gate():
    roles = gate_roles()
    named = [s for sets in roles.values() for s in sets]
    assert len(named) == len(set(named)), "a set has two roles: %s" % roles
    assert sorted(named) == sorted(load_sets()), (
        "tests/eval/*.jsonl and the roles of tests/eval-gate differ")


def test_training_reads_no_held_out_or_read_set():
    roles = gate_roles()
    script = (ROOT / "scripts/train-profiles").read_text(encoding="utf-8")
    m = re.search(r'^sets="([^"]*)"', script, re.M)
    assert m, "scripts/train-profiles lost its sets= line"
    trained = {p.rsplit("/", 1)[-1][: -len(".jsonl")] for p in m.group(1).split()}
    assert trained == set(roles["TUNED"]) | set(roles["TRAINED"])


def test_items_are_well_formed():
    for name, items in load_sets().items():
        assert items, "%s is empty" % name
        for it in items:
            where = "%s: %s" % (name, it.get("id"))
            assert isinstance(it.get("id"), str) and it["id"], where
            assert isinstance(it.get("title"), str) and it["title"].strip(), where
            assert it.get("summary") is None or isinstance(it["summary"], str), where
            assert isinstance(it.get("labels"), list), where
            assert set(it["labels"]) <= PROFILES, where
            assert len(it["labels"]) == len(set(it["labels"])), where
            date = it.get("date")
            assert date is None or re.fullmatch(r"\d{4}-\d\d-\d\d", date), where


def test_no_item_is_in_two_sets():
    # An id or a link twice, in one set or in two, is one item counted twice.
    ids, links = {}, {}
    for name, items in load_sets().items():
        for it in items:
            assert it["id"] not in ids, "id %s in %s and %s" % (
                it["id"], ids.get(it["id"]), name)
            ids[it["id"]] = name
            link = (it.get("link") or "").rstrip("/")
            if link:
                assert link not in links, "%s in %s and %s" % (
                    link, links.get(link), name)
                links[link] = name


def test_generalise_never_trains_on_scored_sets(tmp_path, daemon_bin):
    """`generalise --scored` (the gate passes its read sets) must score those
    sets' later items without training on any of them, or its general-feed
    estimate would be in-sample.  A wrapper around the binary records the
    labels file of every `profile train` run."""
    seen = tmp_path / "trained"
    seen.mkdir()
    wrapper = tmp_path / "ukeuwatch"
    wrapper.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = profile ] && [ "$2" = train ]; then\n'
        '  for a; do last=$a; done\n'
        '  cat "$last" >>"%s/labels.jsonl"\n'
        "fi\n"
        'exec "%s" "$@"\n' % (seen, daemon_bin))
    wrapper.chmod(0o755)
    out = subprocess.run(
        ["/usr/bin/python3", str(EVAL / "generalise"), "--sets", "dev3",
         "--scored", "own-2024-25b"],
        env=dict(os.environ, UKEUWATCH=str(wrapper)), capture_output=True,
        text=True, timeout=300, check=True).stdout
    assert re.search(r"^generalise split2025 own-2024-25b micro .* f1=", out, re.M)
    assert re.search(r"^generalise split2025 scored +micro .* f1=", out, re.M)
    assert not re.search(r"^generalise kfold +own-2024-25b", out, re.M)
    trained = {json.loads(line)["id"]
               for line in (seen / "labels.jsonl").read_text().splitlines()}
    scored = {it["id"] for it in load_sets()["own-2024-25b"]}
    assert trained, "generalise trained nothing"
    assert not trained & scored, "generalise trained on a --scored set"
