"""Packaging: the systemd unit, `make install`/`uninstall`, the man page,
the logrotate snippet, the sysusers/tmpfiles files, and how an installed
binary finds its data (lib/paths.h).

Everything runs offline: systemd-analyze, systemd-sysusers and
systemd-tmpfiles work on files and scratch roots without systemd as PID 1,
and logrotate runs against a copy of the snippet pointed at a temp dir.
"""
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "/usr"

# What `make install PREFIX=/usr` ships, relative to DESTDIR.  The profiles
# are the three shipped in seeds/ (README, "Profiles").
PROFILES = ("brexit-defence", "csdp", "sanctions")
EXPECTED = {
    "usr/bin/ukeuwatch": 0o755,
    "usr/lib/systemd/system/ukeuwatch.service": 0o644,
    "usr/share/man/man8/ukeuwatch.8": 0o644,
    "usr/share/ukeuwatch/examples/ukeuwatch.conf": 0o644,
    "usr/share/ukeuwatch/examples/ukeuwatch.service.conf": 0o644,
    "usr/share/ukeuwatch/background.tsv": 0o644,
    "usr/lib/sysusers.d/ukeuwatch.conf": 0o644,
    "usr/lib/tmpfiles.d/ukeuwatch.conf": 0o644,
    "etc/logrotate.d/ukeuwatch": 0o644,
    **{f"usr/share/ukeuwatch/profiles/{p}.profile": 0o644 for p in PROFILES},
}

EXEC_START = "ExecStart=/usr/bin/ukeuwatch run --config %E/ukeuwatch/ukeuwatch.conf"


def run(cmd, timeout=120, **kw):
    return subprocess.run(cmd, capture_output=True, text=True,
                          timeout=timeout, **kw)


def make(target, destdir):
    r = run(["make", "-s", target, f"DESTDIR={destdir}", f"PREFIX={PREFIX}"],
            timeout=900, cwd=ROOT)
    assert r.returncode == 0, f"make {target}:\n{r.stdout}\n{r.stderr}"
    return r


def files_under(top):
    """Regular files and symlinks under top, relative, as a set."""
    out = set()
    for dirpath, _dirs, names in os.walk(top):
        for n in names:
            out.add(os.path.relpath(os.path.join(dirpath, n), top))
    return out


# The places a `make install` that ignored DESTDIR would write to.
OUTSIDE = [Path("/") / rel for rel in EXPECTED] + [
    Path(PREFIX) / "share/ukeuwatch"]


def snapshot_outside():
    snap = {}
    for p in OUTSIDE:
        try:
            st = p.lstat()
            snap[str(p)] = (st.st_ino, st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            snap[str(p)] = None
    return snap


@pytest.fixture(scope="module")
def destdir(tmp_path_factory):
    d = tmp_path_factory.mktemp("destdir")
    before = snapshot_outside()
    make("install", d)
    assert snapshot_outside() == before, "make install wrote outside DESTDIR"
    return d


def installed_unit(destdir):
    return destdir / "usr/lib/systemd/system/ukeuwatch.service"


# --- make install / uninstall ------------------------------------------------

def test_install_ships_exactly_the_listed_files(destdir):
    assert files_under(destdir) == set(EXPECTED)
    for rel, mode in EXPECTED.items():
        st = (destdir / rel).lstat()
        assert stat.S_ISREG(st.st_mode), rel
        assert stat.S_IMODE(st.st_mode) == mode, f"{rel}: {oct(st.st_mode)}"
    # The shipped profiles are exactly the seed-derived ones in the tree.
    assert sorted(p.name for p in (ROOT / "seeds").glob("*.profile")) == \
        sorted(f"{p}.profile" for p in PROFILES)
    same = {
        "usr/share/man/man8/ukeuwatch.8": "daemon/ukeuwatch.8",
        "etc/logrotate.d/ukeuwatch": "systemd/ukeuwatch.logrotate",
        "usr/share/ukeuwatch/examples/ukeuwatch.conf": "examples/ukeuwatch.conf",
        # Linked by `make install` with this PREFIX's DATADIR.
        "usr/bin/ukeuwatch": "build/inst/usr/ukeuwatch",
        "usr/lib/sysusers.d/ukeuwatch.conf": "systemd/ukeuwatch.sysusers",
        "usr/lib/tmpfiles.d/ukeuwatch.conf": "systemd/ukeuwatch.tmpfiles",
        **{f"usr/share/ukeuwatch/profiles/{p}.profile": f"seeds/{p}.profile"
           for p in PROFILES},
    }
    for rel, src in same.items():
        assert (destdir / rel).read_bytes() == (ROOT / src).read_bytes(), rel


def test_install_substitutes_bindir_in_the_unit(destdir):
    text = installed_unit(destdir).read_text()
    template = (ROOT / "systemd/ukeuwatch.service.in").read_text()
    assert "@BINDIR@" not in text
    assert text == template.replace("@BINDIR@", "/usr/bin")
    assert [l for l in text.splitlines() if l.startswith("ExecStart=")] == \
        [EXEC_START]


def test_install_dry_run_names_only_destdir_paths(tmp_path):
    """Every absolute path in the install recipe is under DESTDIR."""
    d = tmp_path / "dest"
    r = run(["make", "-n", "install", f"DESTDIR={d}", f"PREFIX={PREFIX}"],
            cwd=ROOT)
    assert r.returncode == 0, r.stderr
    recipe = r.stdout[r.stdout.index("install -d"):]
    paths = [t.strip("'\";") for t in recipe.split() if t.startswith("/")]
    assert paths, recipe
    assert [p for p in paths if not p.startswith(str(d) + "/")] == []


def test_uninstall_removes_every_installed_file(tmp_path):
    d = tmp_path / "dest"
    make("install", d)
    assert files_under(d) == set(EXPECTED)
    before = snapshot_outside()
    make("uninstall", d)
    assert snapshot_outside() == before
    assert files_under(d) == set()
    assert not (d / "usr/share/ukeuwatch").exists()


# --- the unit ------------------------------------------------------------------

def test_unit_exposure_at_most_1_5(destdir):
    unit = installed_unit(destdir)
    r = run(["systemd-analyze", "security", "--offline=true",
             "--threshold=15", str(unit)])
    m = re.search(r"Overall exposure level for ukeuwatch\.service: "
                  r"(\d+\.\d+) (\S+)", r.stdout)
    assert m, r.stdout + r.stderr
    score = float(m.group(1))
    print(f"\nsystemd-analyze security: exposure {score} {m.group(2)}")
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr
    assert score <= 1.5
    # --threshold is in tenths: the same command must reject a bare unit.
    bare = destdir.parent / "bare" / "ukeuwatch.service"
    bare.parent.mkdir(exist_ok=True)
    bare.write_text(f"[Service]\n{EXEC_START}\n")
    r = run(["systemd-analyze", "security", "--offline=true",
             "--threshold=15", str(bare)])
    assert r.returncode != 0


def test_unit_verify_prints_nothing(destdir, tmp_path):
    """verify exits 0 even on parse errors, so any output is a failure."""
    text = installed_unit(destdir).read_text()
    text = re.sub(r"^(Exec\w+)=/usr/bin/", rf"\1={destdir}/usr/bin/", text,
                  flags=re.M)
    assert f"ExecStart={destdir}/usr/bin/ukeuwatch run" in text
    assert f"ExecCondition={destdir}/usr/bin/ukeuwatch check" in text
    unit = tmp_path / "ukeuwatch.service"
    unit.write_text(text)
    env = dict(os.environ, MANPATH=str(destdir / "usr/share/man"))
    r = run(["systemd-analyze", "verify", str(unit)], env=env)
    assert (r.stdout + r.stderr) == ""
    assert r.returncode == 0


def test_unit_has_the_required_settings():
    """The settings issues 8, 16 and 19 name, as systemd 252 spells them."""
    text = (ROOT / "systemd/ukeuwatch.service.in").read_text()
    lines = {l for l in text.splitlines() if l and not l.startswith("#")}
    # One way to get a user: the static one of ukeuwatch.sysusers.
    assert not [l for l in lines if l.startswith("DynamicUser=")]
    for want in ["Type=notify", "ExecReload=kill -HUP $MAINPID",
                 "WatchdogSec=60s", "Restart=on-failure",
                 "RestartPreventExitStatus=2",
                 "User=ukeuwatch", "Group=ukeuwatch",
                 "StateDirectory=ukeuwatch", "LogsDirectory=ukeuwatch",
                 "StateDirectoryMode=0750", "LogsDirectoryMode=0750",
                 "ExecCondition=@BINDIR@/ukeuwatch check --if-feeds "
                 "--config %E/ukeuwatch/ukeuwatch.conf",
                 "ConfigurationDirectory=ukeuwatch", "UMask=0077",
                 "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                 "PrivateDevices=yes", "NoNewPrivileges=yes",
                 "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
                 "SystemCallFilter=@system-service", "CapabilityBoundingSet=",
                 "MemoryDenyWriteExecute=yes", "LockPersonality=yes",
                 "ProtectKernelTunables=yes", "ProtectKernelModules=yes",
                 "ProtectKernelLogs=yes", "ProtectClock=yes",
                 "RestrictNamespaces=yes", "RestrictRealtime=yes",
                 "ExecStart=@BINDIR@/ukeuwatch run --config "
                 "%E/ukeuwatch/ukeuwatch.conf"]:
        assert want in lines, want


# --- the man page ----------------------------------------------------------------

def test_man_page_renders_without_warnings():
    page = ROOT / "daemon/ukeuwatch.8"
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8")
    r = run(["man", "--warnings", "-l", str(page)], env=env)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert r.stdout.startswith("UKEUWATCH(8)")
    for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS",
                    "CONFIGURATION", "FILES", "SIGNALS", "EXIT STATUS",
                    "ENVIRONMENT", "EXAMPLES", "SEE ALSO"]:
        assert re.search(rf"^{heading}$", r.stdout, re.M), heading
    r = run(["groff", "-man", "-ww", "-z", str(page)])
    assert r.returncode == 0 and r.stderr == "", r.stderr


def roff_text(lines):
    """The text of man(7) source lines, fonts dropped (enough to search)."""
    out = []
    for line in lines:
        if line.startswith(".\\\""):
            continue
        if line.startswith("."):
            macro, _, rest = line.partition(" ")
            args = re.findall(r'"[^"]*"|\S+', rest)
            args = [a.strip('"') for a in args]
            sep = "" if macro in (".BR", ".RB", ".BI", ".IB", ".IR",
                                  ".RI") else " "
            line = sep.join(args)
        out.append(line)
    text = " ".join(out)
    text = re.sub(r"\\f[BIRP]", "", text)
    return text.replace("\\-", "-").replace("\\e", "\\")


def man_sections(level):
    """{title: [source lines]} of the man page's .SH or .SS sections."""
    secs, cur = {}, None
    for line in (ROOT / "daemon/ukeuwatch.8").read_text().splitlines():
        if line.startswith((".SH ", ".SS ")):
            if line.startswith(level + " "):
                cur = line[4:].strip('"').replace("\\-", "-")
                secs[cur] = []
                continue
            if level == ".SS" and line.startswith(".SH "):
                cur = None
                continue
        if cur is not None:
            secs[cur].append(line)
    return secs


def config_keys():
    """[(section letter D/F/T/W, name, default or None)] from
    config_keys.c."""
    src = (ROOT / "daemon/config_keys.c").read_text()
    keys = re.findall(r'\b([DFTW])\(\s*"([a-z0-9-]+)",\s*CONFIG_T_\w+,\s*'
                      r'\w+,\s*(NULL|"[^"]*")', src)
    assert len(keys) > 20, "the key table's layout changed; update this test"
    return [(s, n, None if d == "NULL" else d.strip('"')) for s, n, d in keys]


def test_man_page_documents_every_config_key_and_default():
    subsecs = man_sections(".SS")
    want = {"D": "[daemon]", "F": "[feed NAME]", "T": "[target NAME]",
            "W": "[web]"}
    keys = config_keys()
    for letter, title in want.items():
        lines = subsecs[title]
        entries, cur = {}, None
        for i, line in enumerate(lines):
            if line == ".TP":
                m = re.match(r'\.BI "(\S+) = " ', lines[i + 1])
                assert m, f"{title}: entry without a key: {lines[i + 1]}"
                cur = m.group(1).replace("\\-", "-")
                assert cur not in entries, f"{title}: {cur} twice"
                entries[cur] = []
            elif cur is not None:
                entries[cur].append(line)
        table = {n: d for s, n, d in keys if s == letter}
        assert sorted(entries) == sorted(table), title
        for name, default in table.items():
            if default is not None:
                text = roff_text(entries[name])
                assert f"Default: {default}" in text, f"{title} {name}"


def cmd_strings():
    """{name: synopsis + help} of every daemon/cmd_*.c."""
    cmds = {}
    for f in sorted((ROOT / "daemon").glob("cmd_*.c")):
        src = f.read_text()
        fields = {}
        for key in ("name", "synopsis", "help"):
            m = re.search(rf'\.{key}\s*=\s*((?:"(?:[^"\\]|\\.)*"\s*)+),', src)
            assert m, f"{f.name}: no .{key}"
            fields[key] = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"',
                                             m.group(1)))
        cmds[fields["name"]] = fields["synopsis"] + " " + fields["help"]
    return cmds


COMMON_OPTS = {"-c", "--config", "-h", "--help"}


def test_man_page_documents_every_subcommand_and_option():
    common = man_sections(".SH")["OPTIONS"]
    tags = roff_text([common[i + 1] for i, l in enumerate(common)
                      if l == ".TP"])
    for opt in COMMON_OPTS:
        assert re.search(rf"(?<![\w-]){opt}(?![\w-])", tags), opt
    subsecs = man_sections(".SS")
    cmds = cmd_strings()
    assert {"run", "poll", "check", "parse", "match", "alerts", "status",
            "test-alert", "profile"} <= set(cmds)
    for name, text in cmds.items():
        mine = [t for t in subsecs if t.split(" ")[0] == name]
        assert mine, f"no COMMANDS subsection for {name}"
        # Each option has its own tagged paragraph (.TP), not just a
        # mention in the synopsis.
        tags = []
        for t in mine:
            body = subsecs[t]
            tags += [roff_text([body[i + 1]]) for i, l in enumerate(body)
                     if l == ".TP" and i + 1 < len(body)]
        doc = " ".join(tags)
        opts = re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", text)
        for opt in set(opts) - COMMON_OPTS:
            assert re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", doc), \
                f"{name}: {opt} not documented"


# --- logrotate ---------------------------------------------------------------------

def test_logrotate_snippet_rotates_and_signals(tmp_path):
    logdir = tmp_path / "log"
    logdir.mkdir(mode=0o750)
    snippet = (ROOT / "systemd/ukeuwatch.logrotate").read_text()
    assert "/var/log/ukeuwatch/*.jsonl {" in snippet
    conf = tmp_path / "ukeuwatch"
    conf.write_text(snippet.replace("/var/log/ukeuwatch/", f"{logdir}/"))
    # A stand-in systemctl records the postrotate call: the test must not
    # signal a real ukeuwatch.service on the machine running it.
    bindir = tmp_path / "bin"
    bindir.mkdir()
    calls = tmp_path / "systemctl.calls"
    fake = bindir / "systemctl"
    fake.write_text(f'#!/bin/sh\necho "$*" >> {calls}\n')
    fake.chmod(0o755)
    env = dict(os.environ, PATH=f"{bindir}:{os.environ['PATH']}")
    state = tmp_path / "state"

    r = run(["logrotate", "-d", "-s", str(state), str(conf)], env=env)
    assert r.returncode == 0, r.stderr
    assert not re.search(r"^error", r.stdout + r.stderr, re.M), r.stderr

    body = '{"alert":"a1"}\n{"alert":"a2"}\n'
    (logdir / "alerts.jsonl").write_text(body)
    r = run(["logrotate", "-f", "-s", str(state), str(conf)], env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    names = sorted(p.name for p in logdir.iterdir())
    # Renamed with the date, not compressed yet (delaycompress), and not
    # recreated (nocreate): the daemon reopens it on SIGUSR1, which does
    # not reload the configuration (test_daemon.py).
    assert len(names) == 1 and re.fullmatch(r"alerts\.jsonl-\d{8}",
                                            names[0]), names
    assert (logdir / names[0]).read_text() == body
    assert calls.read_text() == (
        "kill --kill-whom=main --signal=SIGUSR1 ukeuwatch.service\n")


# --- sysusers.d / tmpfiles.d (the static-user variant) -----------------------------

@pytest.mark.skipif(os.geteuid() != 0, reason="tmpfiles chowns: needs root")
def test_sysusers_and_tmpfiles_create_user_and_dirs(tmp_path):
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    r = run(["systemd-sysusers", f"--root={root}",
             str(ROOT / "systemd/ukeuwatch.sysusers")])
    assert r.returncode == 0, r.stderr
    users = [l.split(":") for l in (root / "etc/passwd").read_text()
             .splitlines() if l.startswith("ukeuwatch:")]
    assert len(users) == 1, users
    name, _x, uid, gid, _gecos, home, shell = users[0]
    assert (home, shell) == ("/var/lib/ukeuwatch", "/usr/sbin/nologin")
    r = run(["systemd-tmpfiles", f"--root={root}", "--create",
             str(ROOT / "systemd/ukeuwatch.tmpfiles")])
    assert r.returncode == 0, r.stderr
    for d in ("var/lib/ukeuwatch", "var/log/ukeuwatch"):
        st = (root / d).stat()
        assert stat.S_ISDIR(st.st_mode)
        assert stat.S_IMODE(st.st_mode) == 0o750, d
        assert (str(st.st_uid), str(st.st_gid)) == (uid, gid), d


# --- the service's configuration -----------------------------------------------------

def uncomment_feeds(text):
    """The service config with its commented-out [feed] sections active
    (those before the targets' paragraph)."""
    cut = text.index("# With no [target]")
    return re.sub(r"^#((?:\[feed |url = |profiles = |interval = ))", r"\1",
                  text[:cut], flags=re.M) + text[cut:]


def test_service_config_is_valid(destdir, tmp_path):
    """examples/ukeuwatch.service.conf passes `check` against the install."""
    conf = (ROOT / "examples/ukeuwatch.service.conf").read_text()
    want = {"state": "/var/lib/ukeuwatch/state.db",
            "alert-log": "/var/log/ukeuwatch/alerts.jsonl"}
    for key, value in want.items():
        assert re.search(rf"^{key} = {re.escape(value)}$", conf, re.M), key
    # The profiles are wherever the installation put them (issue 16).
    assert not re.search(r"^profiles\s*=", conf, re.M)
    # As packaged it lists no feed, so the unit does not start (issue 19).
    assert feed_sections(conf) == []
    # Point the absolute paths at scratch copies: the test must not create
    # /var/lib/ukeuwatch.
    conf = (conf.replace("/var/lib/ukeuwatch/", f"{tmp_path}/")
            .replace("/var/log/ukeuwatch/", f"{tmp_path}/"))
    check_config(conf, tmp_path / "plain")
    # The commented-out feeds and targets are valid too once uncommented,
    # with their credentials in place.
    keys = "|".join(["target ", "type", "format", "url", "secret-file",
                     "min-score", "starttls", "username", "password-file",
                     "from", "to ", "digest"])
    targets = re.sub(rf"^#((?:\[|)(?:{keys}))", r"\1", uncomment_feeds(conf),
                     flags=re.M)
    assert targets.count("[target ") == 3, targets
    check_config(targets, tmp_path / "targets", want_targets=3)


def feed_sections(text):
    """[(section, key, value)] of the [feed NAME] sections of an INI text."""
    out, sec = [], None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            sec = line if line.startswith("[feed ") else None
        elif sec:
            key, _, value = line.partition("=")
            out.append((sec, key.strip(), value.strip()))
    return out


def test_service_config_watches_the_example_feeds():
    """One list of sources: the service's is the example's."""
    service = feed_sections(uncomment_feeds(
        (ROOT / "examples/ukeuwatch.service.conf").read_text()))
    example = feed_sections((ROOT / "examples/ukeuwatch.conf").read_text())
    assert example and service == example


def check_config(text, tmp, want_targets=None):
    """`ukeuwatch check` accepts text with its credentials in tmp."""
    tmp.mkdir()
    creds = {"slack-url": "https://hooks.slack.com/services/T0/B0/x\n",
             "webhook-secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n",
             "smtp-password": "correct horse\n"}
    for name, value in creds.items():
        (tmp / name).write_text(value)
        (tmp / name).chmod(0o600)
    text = text.replace("/run/credentials/ukeuwatch.service/", f"{tmp}/")
    daemon = text.split("[daemon]", 1)[1].split("\n[", 1)[0]
    if not re.search(r"^profiles\s*=", daemon, re.M):
        # check looks for the installed profiles; stand in for them
        text = text.replace("[daemon]", f"[daemon]\nprofiles = {ROOT}/seeds",
                            1)
    path = tmp / "ukeuwatch.conf"
    path.write_text(text)
    binary = os.environ.get("UKEUWATCH_BIN", str(ROOT / "build/ukeuwatch"))
    r = run([binary, "check", "-c", str(path)])
    assert r.returncode == 0, r.stdout + r.stderr
    assert "warning" not in r.stderr.lower(), r.stderr
    if want_targets is not None:
        assert re.search(rf"^\s*targets:\s+{want_targets}$", r.stdout,
                         re.M), r.stdout


def test_man_page_config_example_is_valid(tmp_path):
    """The example under CONFIGURATION passes `check`."""
    lines = man_sections(".SS")["Example"]
    block = lines[lines.index(".EX") + 1:lines.index(".EE")]
    text = "\n".join(block).replace("\\-", "-").replace("\\e", "\\") + "\n"
    assert "[target " in text
    text = (text.replace("/var/lib/ukeuwatch/", f"{tmp_path}/")
            .replace("/var/log/ukeuwatch/", f"{tmp_path}/"))
    check_config(text, tmp_path / "man", want_targets=2)


def test_readme_documents_every_config_key_with_its_default():
    """Every key `check --list-keys` prints has a row in the README's
    configuration reference, in its section, with the same default."""
    binary = os.environ.get("UKEUWATCH_BIN", str(ROOT / "build/ukeuwatch"))
    out = run([binary, "check", "--list-keys"]).stdout
    keys = re.findall(r"^\[(daemon|feed NAME|target NAME|web)\] (\S+) = (.*)$",
                      out, re.M)
    assert len(keys) > 40, out
    readme = (ROOT / "README.md").read_text()
    for section, key, default in keys:
        head = readme.index(f"**[{section}]**")
        table = readme[head:readme.find("\n\n**", head + 1)]
        row = re.search(rf"^\| `{re.escape(key)}` \|[^\n]*$", table, re.M)
        assert row, f"[{section}] {key} missing from the README"
        # A path default is this machine's: the README gives the rule.
        if default != "(none)" and not default.startswith("/"):
            assert f"`{default}`" in row.group(0), \
                f"[{section}] {key}: README default differs from {default}"


# --- finding the shipped data (lib/paths.h) --------------------------------------

def scratch_config(tmp_path, feeds=True):
    text = (f"[daemon]\nstate = {tmp_path}/state.db\n"
            f"alert-log = {tmp_path}/alerts.jsonl\n")
    if feeds:
        text += "\n[feed a]\nurl = http://127.0.0.1:9/a.rss\n"
    path = tmp_path / "ukeuwatch.conf"
    path.write_text(text)
    return path


def summary_profiles(stdout):
    m = re.search(r"^\s*profiles:\s+(\S+)$", stdout, re.M)
    assert m, stdout
    return m.group(1)


def test_installed_binary_finds_data_by_the_one_rule(destdir, tmp_path):
    """After a plain `make`, `make install PREFIX=/usr` installs a binary
    that looks in /usr/share/ukeuwatch (not /usr/local, not the source
    tree), for every subcommand; UKEUWATCH_DATADIR points it at the tree
    under DESTDIR.  Run from / so nothing is found relative to the
    working directory."""
    binary = destdir / "usr/bin/ukeuwatch"
    data = destdir / "usr/share/ukeuwatch"
    conf = scratch_config(tmp_path)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("UKEUWATCH_")}
    r = run([binary, "check", "-c", conf], env=env, cwd="/")
    if Path("/usr/share/ukeuwatch/profiles").is_dir():
        assert r.returncode == 0, r.stderr
        assert summary_profiles(r.stdout) == "/usr/share/ukeuwatch/profiles"
    else:
        # check validates what run would use: the missing directory it
        # would read is named
        assert r.returncode == 2, r.stderr
        assert "profiles = /usr/share/ukeuwatch/profiles" in r.stderr

    env["UKEUWATCH_DATADIR"] = str(data)
    r = run([binary, "check", "-c", conf], env=env, cwd="/")
    assert r.returncode == 0, r.stderr
    assert summary_profiles(r.stdout) == f"{data}/profiles"
    doc = tmp_path / "feed.rss"
    doc.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
        "<item><title>UK and EU align sanctions</title>"
        "<guid>g1</guid><description>The UK and the EU agreed an asset "
        "freeze under the sanctions regime</description></item>"
        "</channel></rss>\n")
    r = run([binary, "match", doc], env=env, cwd="/")
    assert r.returncode == 0, r.stderr
    assert '"profile":"sanctions"' in r.stdout, r.stdout
    r = run([binary, "profile", "derive", "-n", "5",
             *sorted((ROOT / "seeds").glob("*.txt"))], env=env, cwd="/")
    assert r.returncode == 0, r.stderr
    assert re.search(r"^term ", r.stdout, re.M), r.stdout

    # Without the override, `match` looks in /usr/share/ukeuwatch only.
    if not Path("/usr/share/ukeuwatch").exists():
        del env["UKEUWATCH_DATADIR"]
        r = run([binary, "match", doc], env=env, cwd="/")
        assert r.returncode != 0
        assert "/usr/share/ukeuwatch/profiles" in r.stderr, r.stderr


def test_uninstalled_build_finds_the_source_tree(tmp_path):
    binary = os.environ.get("UKEUWATCH_BIN", str(ROOT / "build/ukeuwatch"))
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("UKEUWATCH_")}
    r = run([binary, "check", "-c", scratch_config(tmp_path)], env=env,
            cwd="/")
    assert r.returncode == 0, r.stderr
    assert summary_profiles(r.stdout) == f"{ROOT}/seeds"


def test_check_if_feeds_is_the_start_condition(tmp_path):
    """The unit's ExecCondition=: 1 (skip) without a feed, 0 with one, and
    0 for a broken file, which `run` then reports with exit 2."""
    binary = os.environ.get("UKEUWATCH_BIN", str(ROOT / "build/ukeuwatch"))
    none = tmp_path / "none"
    none.mkdir()
    none = scratch_config(none, feeds=False)
    r = run([binary, "check", "--if-feeds", "-c", none])
    assert r.returncode == 1, r.stderr
    assert "lists no feed" in r.stderr
    some = tmp_path / "some"
    some.mkdir()
    r = run([binary, "check", "--if-feeds", "-c", scratch_config(some)])
    assert (r.returncode, r.stderr) == (0, "")
    broken = tmp_path / "broken.conf"
    broken.write_text("[daemon]\nno-such-key = 1\n")
    r = run([binary, "check", "--if-feeds", "-c", broken])
    assert r.returncode == 0, r.stderr
    r = run([binary, "run", "-c", broken])
    assert r.returncode == 2, r.stderr
