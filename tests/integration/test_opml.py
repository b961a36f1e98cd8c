"""`ukeuwatch opml`: the feed list out as OPML 2.0, for any feed reader,
and back in through `opml =` unchanged."""

import re
import xml.etree.ElementTree as ET

from conftest import run, write_config
from ukwhelp import config

FEEDS = [("mod", "https://www.gov.uk/government/organisations/"
          "ministry-of-defence.atom"),
         ("eu-commission", "https://ec.europa.eu/commission/presscorner/"
          "api/rss?language=en&type=press<release>"),
         ("q.feed_2", "http://127.0.0.1:9/feed.rss?a=1&b=\"2\"")]


def opml(daemon_bin, conf):
    r = run([daemon_bin, "opml", "-c", conf])
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_opml_export_and_round_trip(workdir, daemon_bin):
    conf = write_config(workdir, config(workdir, FEEDS))
    out = opml(daemon_bin, conf)
    root = ET.fromstring(out.encode())
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.find("head/title").text == "ukeuwatch feeds"
    outlines = root.findall("body/outline")
    assert [(o.get("text"), o.get("title"), o.get("xmlUrl"), o.get("type"))
            for o in outlines] == [(n, n, u, "rss") for n, u in FEEDS], out
    assert "&amp;" in out and "&lt;release&gt;" in out

    (workdir / "feeds.opml").write_text(out)
    again = workdir / "again"
    again.mkdir()
    conf2 = write_config(again, config(again, [],
                                       opml=workdir / "feeds.opml"))
    assert opml(daemon_bin, conf2) == out
    r = run([daemon_bin, "check", "-c", conf2])
    assert r.returncode == 0, r.stderr
    assert re.search(r"^  feeds: +3$", r.stdout, re.M), r.stdout


def test_opml_of_a_broken_config_is_a_config_error(workdir, daemon_bin):
    conf = write_config(workdir, config(workdir, FEEDS) +
                        "\n[feed x]\nintervall = 5m\n")
    r = run([daemon_bin, "opml", "-c", conf])
    assert r.returncode == 2 and r.stdout == "", r.stdout
    assert "unknown key \"intervall\"" in r.stderr, r.stderr


def test_opml_import_skips_configured_urls_keeps_letters(workdir,
                                                         daemon_bin):
    """A reader's export lists feeds the config already has: each is
    polled once, with a warning naming it; the names made from the titles
    keep their letters in any script (issue 16, section 7)."""
    a, b, c = ("http://127.0.0.1:9/a.rss", "http://127.0.0.1:9/b.rss",
               "http://127.0.0.1:9/c.rss")
    (workdir / "in.opml").write_text(
        "<?xml version='1.0' encoding='utf-8'?>\n<opml version='2.0'>\n"
        "<head><title>t</title></head><body>\n"
        f"<outline text='Defence news' xmlUrl='{a}'/>\n"
        f"<outline text='Élysée – Actualités' xmlUrl='{b}'/>\n"
        f"<outline text='Καθημερινή' xmlUrl='{c}'/>\n"
        f"<outline text='Élysée again' xmlUrl='{b}'/>\n"
        "</body></opml>\n", encoding="utf-8")
    conf = write_config(workdir, config(workdir, [("mod", a)],
                                        opml=workdir / "in.opml"))
    r = run([daemon_bin, "opml", "-c", conf])
    assert r.returncode == 0, r.stderr
    root = ET.fromstring(r.stdout.encode())
    assert [(o.get("text"), o.get("xmlUrl"))
            for o in root.findall("body/outline")] == [
        ("mod", a), ("élysée-actualités", b), ("καθημερινή", c)], r.stdout
    opml_path = workdir / "in.opml"
    assert r.stderr == (
        f"{conf}: warning: {opml_path}:4: {a} is already configured as "
        'feed "mod"; skipped\n'
        f"{conf}: warning: {opml_path}:7: {b} is already configured as "
        'feed "élysée-actualités"; skipped\n'), r.stderr
