"""The built-in web server, end to end: the review pages in a real browser
(Debian's chromium, headless, through chromium-driver and python3-selenium),
/metrics checked by promtool, /alerts.atom parsed back by `ukeuwatch parse`
and xml.etree, and the write guards.

One World for the module: nginx serves a feed whose items all match the
csdp profile, one of them with a hostile title and a javascript: link; a
webhook receiver rejects the first two deliveries (410, dead at once) and
accepts the rest.  The daemon listens on 127.0.0.1:0 and the log names the
port the kernel picked.
"""

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, run, stop_process, wait_for
import harness
import test_deliver as td

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_TITLE = ('UK joins EU CSDP mission <img src=x onerror=alert(1)> '
                 '"><script>alert(2)</script>')
BUILD = ROOT / "build"


def web_config(world, rec, web):
    world.write_feed("feed.rss", harness.rss_doc(
        [{"title": f"UK joins EU CSDP mission web {i}", "guid": f"web-{i}",
          "link": f"https://news.example/web-{i}"} for i in range(4)]
        # escaped once here and once by rss_doc: the parser turns the
        # markup into text, so the title holds it literally
        + [{"title": html.escape(HOSTILE_TITLE), "guid": "web-hostile",
            "link": "javascript:alert(3)"}]))
    feeds = [("news", world.nginx.url("/feed.rss"))]
    return world.write_config(feeds, world.webhook_target("hook", rec)
                              + "\n[web]\n" + web + "\n")


def web_address(world, timeout=15):
    pat = re.compile(r"web: review pages on http://(\S+)/")
    assert wait_for(lambda: pat.search(world.log()), timeout), world.log()
    return "http://" + pat.search(world.log()).group(1)


@pytest.fixture(scope="module")
def site():
    world = harness.World("web")
    try:
        world.nginx.start()
        rec = world.receiver()
        rec.control(mode="410", count=2)
        web_config(world, rec, "listen = 127.0.0.1:0")
        world.start_daemon()
        base = web_address(world)
        assert wait_for(lambda: len(world.alerts()) >= 5 and len(
            [a for a in world.alerts() if a["deliveries"] and all(
                d["state"] in ("dead", "delivered")
                for d in a["deliveries"])]) == 5, 30), world.log()
        yield world, rec, base
        stop_process(world.daemon.proc)
        assert world.daemon.proc.returncode == 0, world.log()
        assert "handles left open" not in world.log()
        assert harness.sanitizer_report(world.log()) == [], world.log()
    finally:
        world.close()


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    if chromium is None or driver is None:
        pytest.skip("chromium or chromium-driver is not installed "
                    "(scripts/install-deps installs both)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    profile = tempfile.mkdtemp(prefix="ukw-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--hide-scrollbars",
              f"--user-data-dir={profile}"):
        opts.add_argument(a)
    try:
        drv = webdriver.Chrome(service=Service(driver), options=opts)
    except Exception as e:  # installed but will not start: a failure
        shutil.rmtree(profile, ignore_errors=True)
        pytest.fail(f"headless chromium is installed but cannot start: {e}")
    drv.set_page_load_timeout(20)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def get(url, data=None, headers=None, timeout=10):
    """(status, headers, body) without following redirects."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None
    req = urllib.request.Request(url, data=data, headers=headers or {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=timeout) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


def articles(drv):
    from selenium.webdriver.common.by import By
    return drv.find_elements(By.TAG_NAME, "article")


def test_filter_by_profile_and_mark_noise(site, browser):
    from selenium.webdriver.common.by import By
    world, _, base = site
    browser.set_window_size(1280, 1000)
    browser.get(base + "/")
    assert browser.title == "Alerts · ukeuwatch"
    profiles = {a.get_attribute("data-profile") for a in articles(browser)}
    assert "csdp" in profiles and len(profiles) > 1, profiles
    browser.save_screenshot(str(BUILD / "web-1280.png"))

    box = browser.find_element(By.NAME, "profile")
    box.send_keys("csdp")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    assert wait_for(lambda: "profile=csdp" in browser.current_url, 10)
    shown = articles(browser)
    assert len(shown) == 5 and {a.get_attribute("data-profile")
                                for a in shown} == {"csdp"}

    first = shown[0]
    alert_id = first.get_attribute("id")[2:]
    first.find_element(By.NAME, "note").send_keys("not ours")
    first.find_element(By.CSS_SELECTOR,
                       "button[name=verdict][value=noise]").click()
    assert wait_for(lambda: f"#a-{alert_id}" in browser.current_url, 10), \
        (browser.current_url, browser.page_source[:500])
    assert "profile=csdp" in browser.current_url
    marked = browser.find_element(By.ID, f"a-{alert_id}")
    assert "Marked noise: not ours" in marked.text
    rows = {a["id"]: a for a in world.alerts()}
    assert rows[alert_id]["review"] == {"verdict": "noise",
                                        "note": "not ours"} or (
        rows[alert_id]["review"]["verdict"] == "noise"
        and rows[alert_id]["review"]["note"] == "not ours"), rows[alert_id]


def test_retry_a_dead_delivery(site, browser):
    from selenium.webdriver.common.by import By
    world, rec, base = site
    dead = [a["id"] for a in world.alerts()
            if any(d["state"] == "dead" for d in a["deliveries"])]
    assert len(dead) == 2, world.alerts()
    browser.get(base + "/?state=failed")
    assert sorted(a.get_attribute("id")[2:]
                  for a in articles(browser)) == sorted(dead)
    target = browser.find_element(By.ID, f"a-{dead[0]}")
    target.find_element(By.CSS_SELECTOR,
                        "button[name=action][value=retry]").click()
    assert wait_for(lambda: rec.delivered().get(dead[0]) == 1, 25), \
        rec.requests()
    assert dead[1] not in rec.delivered()
    row = {a["id"]: a for a in world.alerts()}[dead[0]]
    assert row["deliveries"][0]["state"] == "delivered", row


def test_hostile_title_is_text_and_runs_nothing(site, browser):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    _, _, base = site
    browser.get(base + "/?profile=csdp")
    titles = [h.text for h in browser.find_elements(By.CSS_SELECTOR,
                                                    "article h2")]
    assert HOSTILE_TITLE in titles, titles
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert browser.find_elements(By.CSS_SELECTOR, "article img") == []
    assert browser.find_elements(By.CSS_SELECTOR, "main script") == []
    hrefs = [a.get_attribute("href") for a in
             browser.find_elements(By.CSS_SELECTOR, "article h2 a")]
    assert hrefs and all(h.startswith("https://") for h in hrefs), hrefs
    assert "javascript:" not in browser.page_source


def test_phone_width(site, browser):
    _, _, base = site
    browser.set_window_size(390, 844)
    browser.get(base + "/")
    width = browser.execute_script(
        "return document.documentElement.clientWidth")
    scroll = browser.execute_script(
        "return document.documentElement.scrollWidth")
    browser.save_screenshot(str(BUILD / "web-390.png"))
    assert scroll <= width + 1, (scroll, width)
    browser.set_window_size(1280, 1000)


def csrf_of(base):
    status, headers, body = get(base + "/")
    assert status == 200
    token = re.search(r'name="csrf" value="([0-9a-f]{32})"', body).group(1)
    cookie = headers["Set-Cookie"].split(";")[0]
    assert "SameSite=Strict" in headers["Set-Cookie"]
    alert_id = re.search(r'<article id="a-([0-9a-f]{32})"', body).group(1)
    return token, cookie, alert_id


def test_writes_need_the_token_cookie_and_origin(site):
    world, _, base = site
    token, cookie, alert_id = csrf_of(base)
    form = f"id={alert_id}&action=mark&verdict=relevant"
    origin = {"Origin": base}

    refused = [
        get(base + "/", form.encode(), {"Cookie": cookie, **origin}),
        get(base + "/", f"{form}&csrf={'0' * 32}".encode(),
            {"Cookie": cookie, **origin}),
        get(base + "/", f"{form}&csrf={token}".encode(), origin),
        get(base + "/", f"{form}&csrf={token}".encode(),
            {"Cookie": cookie, "Origin": "http://evil.example"}),
    ]
    assert [r[0] for r in refused] == [403] * 4, refused
    status, _, _ = get(base + "/", headers={"Host": "evil.example"})
    assert status == 421
    assert {a["id"]: a for a in world.alerts()}[alert_id]["review"] \
        in (None, {"verdict": "noise", "note": "not ours"}) or \
        {a["id"]: a for a in world.alerts()}[alert_id]["review"][
            "verdict"] != "relevant"
    status, headers, _ = get(base + "/", f"{form}&csrf={token}".encode(),
                             {"Cookie": cookie, **origin})
    assert status == 303 and headers["Location"].endswith(f"#a-{alert_id}")
    assert {a["id"]: a for a in world.alerts()}[alert_id]["review"][
        "verdict"] == "relevant"
    status, _, _ = get(base + "/", b"", {"Cookie": cookie})
    assert status == 403


def test_metrics_pass_promtool(site):
    _, _, base = site
    status, headers, body = get(base + "/metrics")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain; version=0.0.4")
    promtool = shutil.which("promtool")
    assert promtool, "promtool missing: scripts/install-deps installs " \
                     "prometheus"
    r = subprocess.run([promtool, "check", "metrics"], input=body,
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stdout + r.stderr
    want = [
        r'^ukeuwatch_polls_total\{result="ok"\} [1-9]',
        r'^ukeuwatch_items_new_total 5$',
        r'^ukeuwatch_alerts_total\{profile="csdp"\} 5$',
        r'^ukeuwatch_deliveries_total\{target="hook",outcome="rejected"\} 2$',
        r'^ukeuwatch_outbox_depth\{target="hook"\} \d',
        r'^ukeuwatch_dead_letters\{target="hook"\} [12]$',
        r'^ukeuwatch_feeds_failing 0$',
        r'^ukeuwatch_feed_last_success_timestamp_seconds\{feed="news"\} 1\d+',
        r'^ukeuwatch_delivery_from_detected_seconds_count [1-9]',
        r'^ukeuwatch_delivery_from_published_seconds_bucket\{le="\+Inf"\}',
    ]
    for pat in want:
        assert re.search(pat, body, re.M), (pat, body)


def test_atom_feed_parses_back(site, tmp_path):
    world, _, base = site
    status, headers, body = get(base + "/alerts.atom?profile=csdp")
    assert status == 200
    assert headers["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(body.encode())
    assert root.tag == ATOM + "feed"
    for el in ("id", "title", "updated"):
        assert root.find(ATOM + el) is not None, el
    entries = root.findall(ATOM + "entry")
    want = [a for a in world.alerts()
            if a["profiles"][0]["name"] == "csdp"]
    assert len(entries) == len(want) == 5
    ids = {e.find(ATOM + "id").text for e in entries}
    assert ids == {f"urn:ukeuwatch:alert:{a['id']}" for a in want}
    for e in entries:
        for el in ("title", "updated", "author"):
            assert e.find(ATOM + el) is not None, el
        for link in e.findall(ATOM + "link"):
            assert link.get("href").startswith("https://")
    assert HOSTILE_TITLE in {e.find(ATOM + "title").text for e in entries}
    doc = tmp_path / "alerts.atom"
    doc.write_text(body)
    r = run([world.bin, "parse", doc])
    assert r.returncode == 0, r.stderr
    parsed = json.loads(r.stdout)
    assert parsed["format"] == "atom1.0"
    assert sorted(i["id"] for i in parsed["items"]) == sorted(ids)
    assert HOSTILE_TITLE in [i["title"] for i in parsed["items"]]


def test_near_misses_page(site):
    """/near is the same list with the near flag: every item of this feed
    is a full csdp alert, so /near lists none of them while / does; it
    carries the same navigation, and writes to it need the token too."""
    world, _, base = site
    status, _, body = get(base + "/near")
    assert status == 200, body
    assert "<h1>Near misses</h1>" in body
    assert "No near misses match these filters." in body
    assert "<article" not in body
    status, _, body = get(base + "/")
    assert status == 200 and body.count("<article") >= 5
    assert 'href="/near"' in body
    status, _, _ = get(base + "/near", data=b"action=mark&id=00000000")
    assert status == 403


def test_profiles_page_shows_the_last_replay(site):
    """`profile replay` keeps its summary in the state file (best effort,
    beside the running daemon) and /profiles shows it: the same counts
    the command printed."""
    world, _, base = site
    r = run([world.bin, "profile", "replay", "-c", world.conf, "--json",
             ROOT / "seeds" / "csdp.profile"])
    assert r.returncode == 0, r.stderr
    assert "not kept" not in r.stderr, r.stderr
    summary = json.loads(r.stdout.splitlines()[-1])
    status, _, body = get(base + "/profiles")
    assert status == 200, body
    assert "<h1>Last replays</h1>" in body
    row = re.search(r"<tr><td>csdp</td><td>[^<]*csdp\.profile</td>"
                    r"(?:<td>[^<]*</td>){2}" + "".join(
                        rf"<td>{summary[k]}</td>" for k in (
                            "items", "would_alert", "alerted_before",
                            "added", "dropped", "backlog")), body)
    assert row, (summary, body)


def test_healthz_and_unknown_paths(site):
    _, _, base = site
    assert get(base + "/healthz")[:1] == (200,)
    assert get(base + "/healthz", headers={"Host": "evil.example"})[0] == 200
    assert get(base + "/nope")[0] == 404
    assert get(base + "/style.css")[1]["Content-Type"].startswith("text/css")


def test_public_address_without_token_refused(tmp_path):
    conf = tmp_path / "c.conf"
    conf.write_text(f"[daemon]\nstate = {tmp_path}/s.db\n"
                    f"alert-log = {tmp_path}/a.jsonl\n"
                    f"profiles = {ROOT}/seeds\n\n[web]\nlisten = 0.0.0.0:0\n")
    r = run([harness.daemon_path(), "run", "-c", conf], timeout=20)
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert f"{conf}:6: [web] listen = 0.0.0.0:0 is not a loopback " \
           "address and there is no token-file" in r.stderr, r.stderr


def test_token_login(tmp_path):
    world = harness.World("webtok")
    try:
        world.nginx.start()
        rec = world.receiver()
        token = world.dir / "web-token"
        token.write_text("s3cret-token\n")
        token.chmod(0o600)
        web_config(world, rec, f"listen = 127.0.0.1:0\n"
                               f"token-file = {token}")
        world.start_daemon()
        base = web_address(world)
        status, _, body = get(base + "/")
        assert status == 401 and 'action="/login"' in body
        assert get(base + "/metrics")[0] == 401
        assert get(base + "/healthz")[0] == 200
        ok = {"Authorization": "Bearer s3cret-token"}
        assert get(base + "/metrics", headers=ok)[0] == 200
        assert get(base + "/metrics",
                   headers={"Authorization": "Bearer nope"})[0] == 401
        status, headers, _ = get(base + "/login", b"token=s3cret-token",
                                 {"Origin": base})
        assert status == 303, status
        auth = [c for c in headers.get_all("Set-Cookie")
                if c.startswith("ukw_auth=")]
        assert len(auth) == 1 and "SameSite=Strict" in auth[0], auth
        assert "HttpOnly" in auth[0]
        cookie = auth[0].split(";")[0]
        assert get(base + "/", headers={"Cookie": cookie})[0] == 200
        assert get(base + "/login", b"token=wrong", {"Origin": base})[0] \
            == 401
        stop_process(world.daemon.proc)
        assert harness.sanitizer_report(world.log()) == [], world.log()
    finally:
        world.close()


REPORTED = ("The UK will take part in the EU's CSDP naval mission, Defence "
            "Secretary John Healey said on Monday, in the first such step "
            "since Brexit.")
QUOTED = ('"We will stand with our European partners in this CSDP mission," '
          "Defence Secretary John Healey said on Monday.")


def test_reported_speech_is_not_shown_as_a_quotation(browser):
    """Issue 16 \u00a74 on the review page: words the item quoted are a
    quotation with their speaker cited; reported speech reads "X said ..."
    in a paragraph, never in a blockquote or quotation marks."""
    from selenium.webdriver.common.by import By
    world = harness.World("websaid")
    try:
        world.nginx.start()
        rec = world.receiver()
        world.write_feed("feed.rss", harness.rss_doc([
            {"title": "UK joins EU CSDP mission in the Red Sea",
             "guid": "said-1", "link": "https://news.example/said-1",
             "description": REPORTED},
            {"title": "UK joins EU CSDP training mission", "guid": "said-2",
             "link": "https://news.example/said-2", "description": QUOTED}]))
        world.write_config([("news", world.nginx.url("/feed.rss"))],
                           world.webhook_target("hook", rec)
                           + "\n[web]\nlisten = 127.0.0.1:0\n")
        world.start_daemon()
        base = web_address(world)
        assert wait_for(lambda: len(world.alerts()) >= 2, 30), world.log()
        browser.get(base + "/")
        by_title = {}
        for art in articles(browser):
            for t in ("Red Sea", "training mission"):
                if t in art.text:
                    by_title[t] = art
        assert set(by_title) == {"Red Sea", "training mission"}, \
            [a.text for a in articles(browser)]
        said = by_title["Red Sea"]
        assert said.find_elements(By.TAG_NAME, "blockquote") == []
        (p,) = said.find_elements(By.CSS_SELECTOR, "p.said")
        assert p.text == ("Defence Secretary John Healey said the UK will "
                          "take part in the EU's CSDP naval mission"), p.text
        assert not any(q in p.text for q in '"\u201c\u201d'), p.text
        quoted = by_title["training mission"]
        assert quoted.find_elements(By.CSS_SELECTOR, "p.said") == []
        (bq,) = quoted.find_elements(By.TAG_NAME, "blockquote")
        assert bq.text.startswith("We will stand with our European partners "
                                  "in this CSDP mission"), bq.text
        assert bq.find_element(By.TAG_NAME, "cite").text == \
            "Defence Secretary John Healey"
        stop_process(world.daemon.proc)
        assert harness.sanitizer_report(world.log()) == [], world.log()
    finally:
        world.close()


def test_healthz_503_when_the_state_file_is_not_writable(tmp_path):
    """access(2) decides, so under root the daemon runs as nobody: root
    may write anything."""
    world = harness.World("webhealth")
    try:
        world.nginx.start()
        rec = world.receiver()
        web_config(world, rec, "listen = 127.0.0.1:0")
        state = world.dir / "state"
        state.mkdir()
        text = world.conf.read_text().replace(
            f"state = {world.dir}/state.db", f"state = {state}/state.db")
        world.conf.write_text(text)
        world.conf.chmod(0o644)
        as_nobody = None
        if os.geteuid() == 0:
            os.chown(state, 65534, 65534)
            os.chown(world.dir / "whsec", 65534, 65534)
            os.chmod(world.dir, 0o777)

            def as_nobody():
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
        log = world.dir / "daemon-health.log"
        proc = world.spawn([world.bin, "run", "-c", world.conf],
                           stdout=subprocess.DEVNULL, stderr=open(log, "w"),
                           preexec_fn=as_nobody)
        base = web_address(world)
        assert get(base + "/healthz")[0] == 200
        state.chmod(0o555)
        status, _, body = get(base + "/healthz")
        assert (status, body) == (503, "state file not writable\n")
        state.chmod(0o755)
        assert get(base + "/healthz")[0] == 200
        stop_process(proc)
        assert harness.sanitizer_report(world.log()) == [], world.log()
    finally:
        world.close()
