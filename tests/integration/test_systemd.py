"""Packaging: the systemd unit, `make install`/`uninstall`, the man page,
the logrotate snippet and the sysusers/tmpfiles files.

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
# are the three of SPEC.md.
PROFILES = ("brexit-defence", "csdp", "sanctions")
EXPECTED = {
    "usr/bin/ukeuwatch": 0o755,
    "usr/lib/systemd/system/ukeuwatch.service": 0o644,
    "usr/share/man/man8/ukeuwatch.8": 0o644,
    "usr/share/ukeuwatch/examples/ukeuwatch.conf": 0o644,
    "usr/share/ukeuwatch/examples/ukeuwatch.service.conf": 0o644,
    "usr/share/ukeuwatch/background.tsv": 0o644,
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
        "usr/bin/ukeuwatch": "build/ukeuwatch",
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
    text = text.replace("ExecStart=/usr/bin/",
                        f"ExecStart={destdir}/usr/bin/")
    assert f"ExecStart={destdir}/usr/bin/ukeuwatch run" in text
    unit = tmp_path / "ukeuwatch.service"
    unit.write_text(text)
    env = dict(os.environ, MANPATH=str(destdir / "usr/share/man"))
    r = run(["systemd-analyze", "verify", str(unit)], env=env)
    assert (r.stdout + r.stderr) == ""
    assert r.returncode == 0


def test_unit_has_the_required_settings():
    """The settings issue 8 names, as systemd 252 spells them."""
    text = (ROOT / "systemd/ukeuwatch.service.in").read_text()
    lines = {l for l in text.splitlines() if l and not l.startswith("#")}
    for want in ["Type=notify", "ExecReload=kill -HUP $MAINPID",
                 "WatchdogSec=60s", "Restart=on-failure", "DynamicUser=yes",
                 "StateDirectory=ukeuwatch", "LogsDirectory=ukeuwatch",
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
    # recreated (nocreate): the daemon reopens it on SIGHUP.
    assert len(names) == 1 and re.fullmatch(r"alerts\.jsonl-\d{8}",
                                            names[0]), names
    assert (logdir / names[0]).read_text() == body
    assert calls.read_text() == (
        "kill --kill-whom=main --signal=SIGHUP ukeuwatch.service\n")


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

def test_service_config_is_valid(destdir, tmp_path):
    """examples/ukeuwatch.service.conf passes `check` against the install."""
    conf = (ROOT / "examples/ukeuwatch.service.conf").read_text()
    want = {"state": "/var/lib/ukeuwatch/state.db",
            "alert-log": "/var/log/ukeuwatch/alerts.jsonl",
            "profiles": "/usr/share/ukeuwatch/profiles"}
    for key, value in want.items():
        assert re.search(rf"^{key} = {re.escape(value)}$", conf, re.M), key
    # Point the absolute paths at scratch copies: this machine has no
    # /usr/share/ukeuwatch and the test must not create /var/lib/ukeuwatch.
    conf = (conf.replace("/usr/share/ukeuwatch/",
                         f"{destdir}/usr/share/ukeuwatch/")
            .replace("/var/lib/ukeuwatch/", f"{tmp_path}/")
            .replace("/var/log/ukeuwatch/", f"{tmp_path}/"))
    check_config(conf, tmp_path / "plain")
    # The commented-out targets are valid too once uncommented, with their
    # credentials in place.
    keys = "|".join(["target ", "type", "format", "url", "secret-file",
                     "min-score", "starttls", "username", "password-file",
                     "from", "to ", "digest"])
    targets = re.sub(rf"^#((?:\[|)(?:{keys}))", r"\1", conf, flags=re.M)
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
    service = feed_sections((ROOT / "examples/ukeuwatch.service.conf")
                            .read_text())
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
        if default != "(none)":
            assert f"`{default}`" in row.group(0), \
                f"[{section}] {key}: README default differs from {default}"
