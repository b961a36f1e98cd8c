"""bench/corpus.py -- a deterministic corpus of RSS 2.0 and Atom 1.0 feeds.

Feed i is a pure function of i (its own random.Random(i)), so the corpus for
1,000 feeds is the first 1,000 files of the corpus for 10,000, and a cached
corpus is extended rather than rebuilt.  Layout under DIR:

  base/f/NNNNN.rss|.atom     every feed as first served
  changed/f/...              hard links to base/, except every 20th feed
                             (i % 20 == 7, so exactly 5%) which gains 1-3
                             items at the top and has a later mtime
  manifest.json              {"version": V, "n": N, "t0": T0}

nginx derives ETag and Last-Modified from mtime and size, so the hard links
answer 304 to validators saved from base/, as an unchanged file would.

Shape (chosen to look like real publishers' feeds):
  - 60% RSS 2.0, 40% Atom 1.0; 20-100 items each;
  - a 150-700 byte HTML summary per item, with entities and markup;
  - every 10th feed (i % 10 == 3) carries full HTML content, 1-8 KB/item;
  - every 500th feed (i % 500 == 250) is large: 2-6 MB of content.

Usage: corpus.py DIR N   (prints the number of bytes in base/)
"""

import json
import os
import random
import sys
import time
from email.utils import formatdate

VERSION = 4

# Everyday news vocabulary; on-topic items (UK-EU security, sanctions,
# CSDP) are rare, as in real feeds: about 3% of items (see ONTOPIC).
WORDS = (
    "government minister council parliament committee report inquiry "
    "evidence hearing consultation guidance regulation market trade "
    "customs border energy climate transport health education housing "
    "pensions inflation growth economy election campaign vote court "
    "ruling appeal judge law amendment bill regional local authority city "
    "harbour railway airport weather storm flood festival museum "
    "exhibition theatre football cricket rugby tennis championship season "
    "transfer stadium science space satellite laboratory vaccine hospital "
    "university students teachers workers union budget funding programme "
    "research industry statement spokesperson official review talks"
).split()

ONTOPIC_WORDS = (
    "defence security cooperation sanctions asset freeze designation "
    "mission operation CSDP PESCO EU UK partnership framework "
    "participation agreement Council OFSI listing regime"
).split()

ONTOPIC = [
    "The council adopted new restrictive measures against individuals "
    "responsible for undermining the territorial integrity of Ukraine.",
    "The United Kingdom and the European Union agreed to deepen cooperation "
    "on defence and security, including participation in CSDP missions.",
    "OFSI added five entries to the consolidated list of asset freeze "
    "targets under the Russia sanctions regime.",
    "A spokesperson said the framework participation agreement would allow "
    "British personnel to join the EU mission.",
    "Ministers & officials met at Lancaster House to discuss the "
    "Permanent Structured Cooperation (PESCO) project on military mobility.",
]

SENTENCES = [
    "The minister said the agreement would be reviewed before the summer.",
    "Officials confirmed that talks with European partners would continue "
    "next week in Brussels.",
    "Local residents were asked to report flooding on minor roads.",
    "The committee will hear evidence from industry representatives on "
    "Tuesday afternoon.",
    "Ticket sales for the festival rose by a fifth compared with last year.",
    "The club confirmed the transfer after a medical on Friday morning.",
    "Researchers published the results of a three-year study on coastal "
    "erosion.",
    "Inflation fell to 3.2% in the year to March, the statistics office "
    "said.",
    "The railway operator apologised for delays caused by signal faults.",
    "The court dismissed the appeal and upheld the original ruling.",
    "Negotiators said a deal on fishing rights was \"within reach\".",
    "The museum's new wing opens to the public on Saturday.",
    "The bill passed its second reading by 312 votes to 241.",
    "Weather forecasters expect temperatures of up to 28\u00b0C in the "
    "south-east.",
]

AUTHORS = ["Press Office", "Jane Doe", "John Smith", "Newsdesk",
           "Foreign Affairs Desk", "A. Correspondent", "Comms Team"]
CATS = ["Politics", "Defence", "Europe", "Economy", "Sport", "Culture",
        "Science", "World", "UK", "Local"]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def title(r, words=WORDS):
    n = r.randint(4, 11)
    t = " ".join(r.choice(words) for _ in range(n))
    return t[0].upper() + t[1:]


def summary_html(r, ontopic=False):
    parts = [r.choice(ONTOPIC)] if ontopic else []
    size = r.randint(150, 700)
    while sum(len(p) for p in parts) < size:
        parts.append(r.choice(SENTENCES))
    text = " ".join(parts)
    return (f"<p>{esc(text)}</p>"
            f"<p>Read more: <a href=\"https://example.org/{r.randrange(10**6)}"
            f"\">full story</a> &#8212; {esc(r.choice(AUTHORS))}</p>")


def content_html(r, size):
    out = []
    n = 0
    while n < size:
        k = r.randrange(6)
        if k == 0:
            s = (f"<h2>{esc(title(r))}</h2>")
        elif k == 1:
            s = ("<ul>" + "".join(f"<li>{esc(r.choice(SENTENCES))}</li>"
                                  for _ in range(r.randint(2, 5))) + "</ul>")
        elif k == 2:
            s = (f"<figure><img src=\"https://cdn.example.org/img/"
                 f"{r.randrange(10**8)}.jpg\" alt=\"{esc(title(r))}\" "
                 f"width=\"640\" height=\"360\"/><figcaption>"
                 f"{esc(r.choice(SENTENCES))}</figcaption></figure>")
        else:
            s = ("<p>" + " ".join(esc(r.choice(SENTENCES))
                                  for _ in range(r.randint(2, 6)))
                 + " <strong>" + esc(r.choice(WORDS)) + "</strong> &amp; "
                 "<a href=\"https://example.org/a\">link</a>.</p>")
        out.append(s)
        n += len(s)
    return "\n".join(out)


def rfc3339(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def feed_shape(i):
    """(kind, items, content bytes per item or 0) for feed i."""
    r = random.Random(i * 7919 + 1)
    kind = "atom" if r.random() < 0.4 else "rss"
    items = r.randint(20, 100)
    content = 0
    if i % 500 == 250:
        items = r.randint(60, 100)
        content = r.randint(2, 6) * 1024 * 1024 // items
    elif i % 10 == 3:
        content = r.randint(1024, 8192)
    return kind, items, content


def make_items(i, count, content, t0, prefix="", start=0):
    r = random.Random(i * 104729 + start * 31 + len(prefix))
    period = r.choice([1800, 3600, 3 * 3600, 12 * 3600, 86400])
    items = []
    for k in range(count):
        n = start + k
        ontopic = r.random() < 0.03
        items.append({
            "title": title(r, ONTOPIC_WORDS if ontopic else WORDS),
            "id": f"{prefix}item-{i}-{n}",
            "link": f"https://news{i}.example.org/{2024 + n % 2}/story-{n}",
            "time": t0 - (k + 1) * period + r.randrange(600),
            "author": r.choice(AUTHORS),
            "cats": r.sample(CATS, r.randint(0, 3)),
            "summary": summary_html(r, ontopic),
            "content": content_html(r, r.randint(content // 2,
                                                 content * 3 // 2))
            if content else None,
        })
    return items


def render_rss(i, items, t0):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
           '<rss version="2.0" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
           f'<title>Publisher {i} news</title>\n'
           f'<link>https://news{i}.example.org/</link>\n'
           f'<description>Latest stories from publisher {i}</description>\n'
           '<language>en-gb</language>\n'
           f'<lastBuildDate>{formatdate(t0, usegmt=True)}</lastBuildDate>\n'
           '<ttl>60</ttl>\n']
    for it in items:
        cats = "".join(f"<category>{c}</category>" for c in it["cats"])
        body = (f"<content:encoded><![CDATA[{it['content']}]]>"
                "</content:encoded>\n" if it["content"] else "")
        out.append(
            f"<item>\n<title>{esc(it['title'])}</title>\n"
            f"<link>{it['link']}</link>\n"
            f"<guid isPermaLink=\"false\">{it['id']}</guid>\n"
            f"<pubDate>{formatdate(it['time'], usegmt=True)}</pubDate>\n"
            f"<dc:creator>{esc(it['author'])}</dc:creator>{cats}\n"
            f"<description>{esc(it['summary'])}</description>\n{body}"
            "</item>\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def render_atom(i, items, t0):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n'
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
           f'<title>Publisher {i} updates</title>\n'
           f'<id>tag:news{i}.example.org,2024:feed</id>\n'
           f'<updated>{rfc3339(t0)}</updated>\n'
           f'<link rel="alternate" href="https://news{i}.example.org/"/>\n'
           f'<author><name>Publisher {i}</name></author>\n']
    for it in items:
        cats = "".join(f'<category term="{c}"/>' for c in it["cats"])
        body = (f"<content type=\"html\">{esc(it['content'])}</content>\n"
                if it["content"] else "")
        out.append(
            f"<entry>\n<title>{esc(it['title'])}</title>\n"
            f"<id>tag:news{i}.example.org,2024:{it['id']}</id>\n"
            f"<link rel=\"alternate\" type=\"text/html\" "
            f"href=\"{it['link']}\"/>\n"
            f"<published>{rfc3339(it['time'])}</published>\n"
            f"<updated>{rfc3339(it['time'])}</updated>\n"
            f"<author><name>{esc(it['author'])}</name></author>{cats}\n"
            f"<summary type=\"html\">{esc(it['summary'])}</summary>\n{body}"
            "</entry>\n")
    out.append("</feed>\n")
    return "".join(out)


def feed_path(i):
    return f"f/{i:05d}.{feed_shape(i)[0]}"


def is_changed(i):
    return i % 20 == 7


def write_feed(root, i, t0):
    kind, count, content = feed_shape(i)
    render = render_atom if kind == "atom" else render_rss
    items = make_items(i, count, content, t0)
    rel = feed_path(i)
    base = os.path.join(root, "base", rel)
    with open(base, "w", encoding="utf-8") as f:
        f.write(render(i, items, t0))
    os.utime(base, (t0, t0))
    changed = os.path.join(root, "changed", rel)
    if os.path.lexists(changed):
        os.unlink(changed)
    if not is_changed(i):
        os.link(base, changed)
        return os.path.getsize(base)
    extra = 1 + i % 3
    new = make_items(i, extra, content, t0 + 3600 * (extra + 1), "new-",
                     start=count)
    t1 = t0 + 3600
    with open(changed, "w", encoding="utf-8") as f:
        f.write(render(i, new + items, t1))
    os.utime(changed, (t1, t1))
    return os.path.getsize(base)


def ensure(root, n):
    """Make sure root holds feeds 0..n-1; return the manifest."""
    mpath = os.path.join(root, "manifest.json")
    man = {"version": VERSION, "n": 0, "t0": 0}
    try:
        with open(mpath) as f:
            old = json.load(f)
        if old.get("version") == VERSION:
            man = old
    except (OSError, ValueError):
        pass
    if man["n"] >= n:
        return man
    if man["n"] == 0:
        # Validators are second-granular; a round t0 well in the past keeps
        # every mtime distinct from "now" whenever the bench runs.
        man["t0"] = int(time.time()) // 3600 * 3600 - 6 * 3600
    for sub in ("base/f", "changed/f"):
        os.makedirs(os.path.join(root, sub), exist_ok=True)
    for d in (root, *(os.path.join(root, s) for s in
                      ("base", "base/f", "changed", "changed/f"))):
        os.chmod(d, 0o755)
    for i in range(man["n"], n):
        write_feed(root, i, man["t0"])
    man["n"] = n
    with open(mpath + ".tmp", "w") as f:
        json.dump(man, f)
    os.replace(mpath + ".tmp", mpath)
    return man


def corpus_bytes(root, n, variant="base"):
    return sum(os.path.getsize(os.path.join(root, variant, feed_path(i)))
               for i in range(n))


if __name__ == "__main__":
    ensure(sys.argv[1], int(sys.argv[2]))
    print(corpus_bytes(sys.argv[1], int(sys.argv[2])))
