"""`ukeuwatch profile train` from the command line: a profile fitted on
labelled items is an ordinary .profile that `match` reads and explains, with
a header naming what it was trained on and its estimates, and it separates
the labelled items it learned from.  Bad input is refused with a message
that names the file."""

import json

from conftest import run

BASE = """# frigates -- a toy curated base
threshold 5
field title 1
field summary 1
term 5 frigate
"""

WANTED = ["Navy frigate escorts tanker convoy", "Frigate convoy crosses strait",
          "Second frigate joins convoy patrol", "Convoy escort frigate sails",
          "Frigate convoy reaches port", "Frigate leads convoy drill",
          "Convoy of ships with frigate escort", "Frigate and convoy return"]
NOT_WANTED = ["Frigate museum opens to visitors", "Model frigate wins prize",
              "Frigate bird spotted on coast", "Painting of a frigate sold",
              "Bakery opens new shop", "Train timetable changes",
              "Frigate-shaped cake wins contest", "Old frigate becomes hotel"]


def labels(path):
    rows = []
    for i, t in enumerate(WANTED):
        rows.append({"id": f"w{i}", "title": t, "summary": "", "date":
                     f"2025-01-{i + 1:02d}", "labels": ["frigates"]})
    for i, t in enumerate(NOT_WANTED):
        rows.append({"id": f"n{i}", "title": t, "summary": "", "date":
                     f"2025-02-{i + 1:02d}", "labels": []})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return rows


def rss(rows):
    items = "".join(f"<item><guid>{r['id']}</guid><title>{r['title']}"
                    "</title></item>" for r in rows)
    return f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>"


def test_train_writes_a_profile_match_reads(tmp_path, daemon_bin):
    base = tmp_path / "frigates.base"
    base.write_text(BASE)
    gold = tmp_path / "labels.jsonl"
    rows = labels(gold)
    out = tmp_path / "profiles" / "frigates.profile"
    out.parent.mkdir()
    r = run([daemon_bin, "profile", "train", "--from", base, "--name",
             "frigates", "--cv", "4", "-o", out, gold], timeout=60)
    assert r.returncode == 0, r.stderr
    text = out.read_text()
    head = text.splitlines()[0]
    assert head.startswith("# frigates -- trained by `ukeuwatch profile "
                           "train`"), head
    assert "from 16 labelled items" in head and "(8 wanted)" in text
    assert "# cv frigates: " in text
    doc = tmp_path / "items.xml"
    doc.write_text(rss(rows))
    r = run([daemon_bin, "match", "-p", out.parent, doc], timeout=60)
    assert r.returncode == 0, r.stderr
    hits = {json.loads(line)["key"]: json.loads(line)["matches"]
            for line in r.stdout.splitlines()}
    wanted = sum(1 for i in range(len(WANTED)) if hits[f"w{i}"])
    unwanted = sum(1 for i in range(len(NOT_WANTED)) if hits[f"n{i}"])
    # the base alone alerts on every "frigate"; trained, "convoy" must
    # carry the weight and the museum pieces must fall away
    assert wanted >= 7, r.stdout
    assert unwanted <= 1, r.stdout
    for m in (m for ms in hits.values() for m in ms):
        assert m["profile"] == "frigates" and m["terms"], m


def test_train_refuses_bad_labels(tmp_path, daemon_bin):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "title": "t"\n')
    r = run([daemon_bin, "profile", "train", "--name", "frigates", bad],
            timeout=30)
    assert r.returncode != 0
    assert str(bad) in r.stderr, r.stderr


def learned(text):
    """The learned term lines of a trained profile, as {term: line}."""
    part = text.split("# Learned from the labelled items", 1)
    out = {}
    for line in (part[1].splitlines()[1:] if len(part) == 2 else []):
        if line.startswith("term "):
            term = line.split(None, 2)[2].split("#")[0].strip()
            out[term] = line
    return out


def train_rows(tmp_path, daemon_bin, rows):
    gold = tmp_path / "labels.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows))
    base = tmp_path / "frigates.base"
    base.write_text(BASE)
    out = tmp_path / "frigates.profile"
    r = run([daemon_bin, "profile", "train", "--from", base, "--name",
             "frigates", "--cv", "0", "-o", out, gold], timeout=60)
    assert r.returncode == 0, r.stderr
    return learned(out.read_text())


def test_train_learns_no_word_of_a_single_month(tmp_path, daemon_bin):
    # Wanted items over three months all say "convoy"; only January's say
    # "Kushner" (one week's story).  Both are in enough wanted items to be
    # learned by count alone.
    rows = []
    said = {1: "Frigate escorts convoy", 2: "Convoy sails behind frigate",
            3: "Frigate joins convoy"}
    for m in (1, 2, 3):
        for d in range(1, 5):
            extra = " with Kushner" if m == 1 else ""
            rows.append({"id": f"w{m}{d}", "title": f"{said[m]}{extra}",
                         "summary": "", "labels": ["frigates"],
                         "date": f"2025-{m:02d}-{d:02d}"})
    for i, t in enumerate(NOT_WANTED):
        rows.append({"id": f"n{i}", "title": t, "summary": "", "labels": [],
                     "date": f"2025-0{1 + i % 3}-2{i}"})
    january = ("kushner", "escorts")   # the words of January's items only
    terms = train_rows(tmp_path, daemon_bin, rows)
    assert "convoy" in terms, terms
    assert not any(w in t for t in terms for w in january), terms
    # The same items over a few weeks only: the rule waits, and January's
    # wording is learned too.
    for r in rows:
        r["date"] = "2025-01-" + r["date"][-2:]
    terms = train_rows(tmp_path, daemon_bin, rows)
    assert any(w in t for t in terms for w in january), terms


def test_train_writes_words_of_one_item_set_once(tmp_path, daemon_bin):
    # "Steve" and "Witkoff" are always together: one line, the pair.  (A
    # word of other items, such as "convoy", keeps its own line.)
    rows = []
    for i in range(6):
        who = " met by Steve Witkoff" if i < 4 else ""
        rows.append({"id": f"w{i}", "title": f"Frigate convoy{who}",
                     "summary": "", "labels": ["frigates"],
                     "date": f"2025-{1 + i % 3:02d}-10"})
    for i, t in enumerate(NOT_WANTED):
        rows.append({"id": f"n{i}", "title": t, "summary": "", "labels": [],
                     "date": "2025-02-11"})
    terms = train_rows(tmp_path, daemon_bin, rows)
    found = [t for t in terms if "steve" in t or "witkoff" in t]
    assert found == ["steve witkoff"], terms


def test_train_reads_summaries_as_match_does(tmp_path, daemon_bin):
    # Label files carry the summary as the feed did: HTML.  match reads it
    # through the feed parser's HTML-to-text, so the trainer must too: a
    # word only inside a link's address ("zanzibar") or an entity's name
    # ("amp") is nothing match will ever see, and the words of the text
    # ("convoy", split by markup here) are what it does see.
    rows = []
    for i in range(8):
        rows.append({"id": f"w{i}", "title": "Frigate sails",
                     "summary": f'<p>Con<b>voy</b> escort &amp; frigate #{i}'
                                '</p><a href="https://news.example/'
                                'zanzibar-story">More</a>',
                     "labels": ["frigates"],
                     "date": f"2025-{1 + i % 3:02d}-1{i}"})
    for i, t in enumerate(NOT_WANTED):
        rows.append({"id": f"n{i}", "title": t, "summary": "<p>More</p>",
                     "labels": [], "date": f"2025-0{1 + i % 3}-2{i}"})
    terms = train_rows(tmp_path, daemon_bin, rows)
    words = {w for t in terms for w in t.split()}
    assert "convoy" in words, terms
    assert not words & {"zanzibar", "href", "amp", "https"}, terms
