#!/usr/bin/python3
"""gen.py OUTDIR -- a deterministic corpus of realistic feeds for bench/parse/run.

  small/NNNN.xml   2,000 feeds of 20-100 items: RSS 2.0 (with content:encoded,
                   dc:creator, categories), Atom 1.0 (html and xhtml content)
                   and RSS 1.0, a fifth with long HTML bodies
  big/big-N.xml    a few feeds of several MB
  huge.xml         one RSS feed of about 100 MB (the memory test)
"""
import os
import random
import sys

WORDS = ("defence security union cooperation minister council sanctions "
         "mission european kingdom agreement partnership statement policy "
         "foreign crisis operation troops member state brussels london "
         "talks summit framework participation joint strategic the of and "
         "to in a for on with by").split()


def words(r, n):
    return " ".join(r.choice(WORDS) for _ in range(n))


def html_body(r, paras):
    out = []
    for _ in range(paras):
        out.append("<p>%s <a href=\"/x/%d\">%s</a> &amp; %s.</p>" % (
            words(r, 25), r.randrange(1000), words(r, 3), words(r, 20)))
        if r.random() < 0.3:
            out.append("<ul><li>%s</li><li>%s</li></ul>" % (words(r, 6), words(r, 6)))
    return "".join(out)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def date(r):
    return "%s, %02d %s 2024 %02d:%02d:%02d +0000" % (
        r.choice(("Mon", "Tue", "Wed")), r.randrange(1, 28),
        r.choice(("Jan", "Feb", "Mar", "Apr")), r.randrange(24),
        r.randrange(60), r.randrange(60))


def rss2(r, n, paras, f):
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n'
            '<title>%s</title><link>https://example.org/</link>'
            '<description>%s</description><language>en-gb</language>\n'
            % (words(r, 4), words(r, 12)))
    for i in range(n):
        f.write('<item><title>%s</title><link>https://example.org/n/%d</link>'
                '<description>%s</description><content:encoded><![CDATA[%s]]>'
                '</content:encoded><guid isPermaLink="false">id-%d</guid>'
                '<pubDate>%s</pubDate><dc:creator>%s</dc:creator>'
                '<category>%s</category><category>%s</category></item>\n'
                % (words(r, 8), i, esc(html_body(r, 1)), html_body(r, paras),
                   r.randrange(1 << 30), date(r), words(r, 2), words(r, 1),
                   words(r, 1)))
    f.write("</channel></rss>\n")


def atom(r, n, paras, f):
    f.write('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
            'xml:base="https://example.net/">\n<title>%s</title><link href="/"/>'
            '<updated>2024-03-01T10:00:00Z</updated><id>urn:x:%d</id>\n'
            % (words(r, 4), r.randrange(1 << 30)))
    for i in range(n):
        kind = r.random() < 0.5
        body = (esc(html_body(r, paras)) if kind else
                '<div xmlns="http://www.w3.org/1999/xhtml">%s</div>' % html_body(r, paras))
        f.write('<entry><title type="text">%s</title><link href="e/%d"/>'
                '<id>tag:example.net,2024:%d</id><updated>2024-03-%02dT10:%02d:00+01:00</updated>'
                '<author><name>%s</name></author><category term="%s"/>'
                '<summary>%s</summary><content type="%s">%s</content></entry>\n'
                % (words(r, 8), i, r.randrange(1 << 30), r.randrange(1, 28),
                   r.randrange(60), words(r, 2), words(r, 1), words(r, 30),
                   "html" if kind else "xhtml", body))
    f.write("</feed>\n")


def rdf(r, n, paras, f):
    f.write('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
            '<channel rdf:about="https://example.com/"><title>%s</title>'
            '<link>https://example.com/</link><description>%s</description></channel>\n'
            % (words(r, 4), words(r, 10)))
    for i in range(n):
        f.write('<item rdf:about="https://example.com/%d"><title>%s</title>'
                '<link>https://example.com/%d</link><description>%s</description>'
                '<dc:date>2024-02-%02dT08:00:00Z</dc:date></item>\n'
                % (i, words(r, 8), i, esc(html_body(r, paras)), r.randrange(1, 28)))
    f.write("</rdf:RDF>\n")


def main():
    out = sys.argv[1]
    r = random.Random(42)
    os.makedirs(os.path.join(out, "small"), exist_ok=True)
    os.makedirs(os.path.join(out, "big"), exist_ok=True)
    gens = (rss2, rss2, atom, rdf)
    for k in range(2000):
        with open(os.path.join(out, "small", "%04d.xml" % k), "w") as f:
            paras = 8 if r.random() < 0.2 else 1
            r.choice(gens)(r, r.randrange(20, 101), paras, f)
    for k, g in enumerate((rss2, atom, rdf)):
        with open(os.path.join(out, "big", "big-%d.xml" % k), "w") as f:
            g(r, 3000, 3, f)
    with open(os.path.join(out, "huge.xml"), "w") as f:
        rss2(r, 48000, 3, f)


if __name__ == "__main__":
    main()
