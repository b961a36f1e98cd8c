"""`ukeuwatch profile suggest --corpus`: the terms that set a profile's
matching and near-miss items apart from the rest of a JSON lines corpus,
ranked, with example titles, for a person to accept.  The corpus carries
titles and summaries as the feeds did (HTML), and suggest must read them as
`match` does: a word only in a link's address is nothing match would ever
see.  A corpus that cannot be read is refused with its name."""

import json

from conftest import run

PROFILE = """# frigates -- a toy profile
threshold 5
field title 1
field summary 1
term 5 frigate
"""

BACKGROUND = "market bakery train weather football election music film".split()


def corpus(path):
    rows = []
    for i in range(12):
        rows.append({"title": f"Frigate escorts convoy {i}",
                     "summary": "<p>The <b>convoy</b> sailed</p><a href="
                                '"https://news.example/pelican-story">More</a>'})
    for i in range(200):
        rows.append({"title": f"{BACKGROUND[i % len(BACKGROUND)]} news {i}",
                     "summary": "<p>Daily story</p>"})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_suggest_ranks_the_matching_items_words(tmp_path, daemon_bin):
    prof = tmp_path / "frigates.profile"
    prof.write_text(PROFILE)
    items = tmp_path / "corpus.jsonl"
    corpus(items)
    r = run([daemon_bin, "profile", "suggest", "--corpus", items, prof],
            timeout=60)
    assert r.returncode == 0, r.stderr
    assert "212 items" in r.stdout, r.stdout
    terms = [line for line in r.stdout.splitlines()
             if line.startswith("term ")]
    assert terms, r.stdout
    assert any("convoy" in t and "12 of 12" in t and
               '"Frigate escorts convoy' in t for t in terms), r.stdout
    # Markup and link addresses are not text: no "b", no "pelican"
    words = {w for t in terms for w in t.split("#")[0].split()[2:]}
    assert not words & {"pelican", "b", "href", "https"}, terms
    assert not any("market" in t or "bakery" in t for t in terms), terms


def test_suggest_names_an_unreadable_corpus(tmp_path, daemon_bin):
    prof = tmp_path / "frigates.profile"
    prof.write_text(PROFILE)
    missing = tmp_path / "no-such-corpus.jsonl"
    r = run([daemon_bin, "profile", "suggest", "--corpus", missing, prof],
            timeout=60)
    assert r.returncode != 0
    assert "no-such-corpus.jsonl" in r.stderr, r.stderr
