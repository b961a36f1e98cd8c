"""`ukeuwatch check` means "it will run" (issue 16, item 1).

Each case is a config that `check` used to call ok while the daemon then
never alerted or never started.  Now `check` prints every problem, as
FILE:LINE where there is a line, one per line, and exits 2; `run` refuses
the same config with the same lines, because both go through the same
validation.  A config whose only fault was a comment after a value is
accepted, and the comment is not part of the value."""

import base64
import os

from conftest import run, write_config
from ukwhelp import PROFILES


def base(workdir, feed_extra="", targets="", profiles=PROFILES,
         state=None):
    state = state or f"{workdir}/state.db"
    return (f"[daemon]\nstate = {state}\nalert-log = {workdir}/alerts.jsonl\n"
            f"profiles = {profiles}\n\n"
            f"[feed mod]\nurl = https://example.org/mod.atom\n{feed_extra}\n"
            f"{targets}")


def key_file(workdir, text, name="key"):
    p = workdir / name
    p.write_text(text + "\n")
    p.chmod(0o600)
    return p


def hook(workdir, extra="", name="pipeline"):
    return (f"[target {name}]\ntype = webhook\n"
            f"url = https://example.org/hook\n{extra}")


def refused(daemon_bin, conf, *lines):
    """check and run both exit 2 and print exactly these lines (and the
    closing count)."""
    outs = []
    for sub in ("check", "run"):
        r = run([daemon_bin, sub, "-c", conf], timeout=20)
        assert r.returncode == 2, (sub, r.returncode, r.stdout, r.stderr)
        assert "ok" not in r.stdout, r.stdout
        outs.append(r.stderr)
    assert outs[0] == outs[1]
    got = [ln for ln in outs[0].splitlines() if "problem(s)" not in ln]
    assert got == [ln.format(conf=conf) for ln in lines], outs[0]


def test_feed_profile_typo(workdir, daemon_bin):
    conf = write_config(workdir, base(
        workdir, "profiles = brexit-defense, csdp\n"))
    names = ", ".join(sorted(p.stem for p in PROFILES.glob("*.profile")))
    r = run([daemon_bin, "check", "-c", conf])
    assert r.returncode == 2
    assert (f'{conf}:6: profiles in [feed mod]: no profile '
            f'"brexit-defense" in {PROFILES} (there: ') in r.stderr
    assert set(r.stderr.split("(there: ")[1].split(")")[0].split(", ")) \
        == set(names.split(", "))


def test_target_profile_and_feed_typos(workdir, daemon_bin):
    conf = write_config(workdir, base(workdir, targets=hook(
        workdir, "profiles = sanctions, csdp\nfeeds = modd, mod\n")))
    r = run([daemon_bin, "check", "-c", conf])
    assert r.returncode == 2, r.stdout
    assert r.stderr.splitlines()[-2:] == [
        f'{conf}:9: feeds in [target pipeline]: no feed "modd" is '
        f'configured',
        f"{conf}: 1 problem(s); nothing was started"]


def test_inline_comment_is_not_part_of_the_value(workdir, daemon_bin):
    conf = write_config(workdir, base(
        workdir, "profiles = csdp   # only CSDP\ninterval = 20m ; why\n"))
    r = run([daemon_bin, "check", "-c", conf])
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"{conf}: ok\n")


def test_inline_comment_on_a_misspelt_name(workdir, daemon_bin):
    conf = write_config(workdir, base(
        workdir, "profiles = csdpp   # only CSDP\n"))
    r = run([daemon_bin, "check", "-c", conf])
    assert r.returncode == 2
    assert 'no profile "csdpp" in' in r.stderr
    assert "#" not in r.stderr


def test_profiles_directory_missing(workdir, daemon_bin):
    conf = write_config(workdir, base(workdir,
                                      profiles="/nonexistent/profiles"))
    refused(daemon_bin, conf,
            "{conf}: profiles = /nonexistent/profiles (in [daemon]): "
            "No such file or directory")


def test_every_profile_error_one_per_line(workdir, daemon_bin):
    pdir = workdir / "profiles"
    pdir.mkdir()
    (pdir / "csdp.profile").write_text((PROFILES / "csdp.profile")
                                       .read_text())
    (pdir / "broken.profile").write_text(
        "threshold x\nterm 3 defence\nbogus line\nterm abc\n")
    conf = write_config(workdir, base(workdir, profiles=pdir))
    bad = pdir / "broken.profile"
    refused(daemon_bin, conf,
            f'{bad}:1: threshold: "x" is not a number from -1000 to 1000',
            f'{bad}:3: unknown keyword "bogus" (expected threshold, field, '
            f'term, require or exclude)',
            f'{bad}:4: term weight: "abc" is not a number from -1000 to '
            f'1000',
            f"{bad}:0: no threshold line")


def test_signing_key_not_whsec(workdir, daemon_bin):
    bad = key_file(workdir, "change-me")
    conf = write_config(workdir, base(workdir, targets=hook(
        workdir, f"secret-file = {bad}\n")))
    r = run([daemon_bin, "check", "-c", conf])
    assert r.returncode == 2
    assert r.stderr.startswith(
        f"{conf}:12: secret-file in [target pipeline]: signing secret: ")
    good = key_file(workdir, "whsec_" +
                    base64.b64encode(os.urandom(32)).decode(), "good")
    conf = write_config(workdir, base(workdir, targets=hook(
        workdir, f"secret-file = {good}\n")))
    r = run([daemon_bin, "check", "-c", conf])
    assert r.returncode == 0, r.stderr


def test_state_directory_missing(workdir, daemon_bin):
    conf = write_config(workdir, base(
        workdir, state=f"{workdir}/nodir/state.db"))
    refused(daemon_bin, conf,
            f"{{conf}}: state = {workdir}/nodir/state.db: cannot create it "
            f"in {workdir}/nodir: No such file or directory (create the "
            f"directory, or set state in [daemon])")


def test_keys_of_the_other_target_type(workdir, daemon_bin):
    mail = ("[target desk]\ntype = mail\nurl = smtp://127.0.0.1:25\n"
            "from = a@example.org\nto = b@example.org\nformat = slack\n")
    conf = write_config(workdir, base(workdir, targets=hook(
        workdir, "digest = 1h\nstarttls = no\n") + "\n" + mail))
    refused(daemon_bin, conf,
            "{conf}:12: digest in [target pipeline]: only for mail "
            "targets, and this one is type = webhook",
            "{conf}:13: starttls in [target pipeline]: only for mail "
            "targets, and this one is type = webhook",
            "{conf}:20: format in [target desk]: only for webhook "
            "targets, and this one is type = mail")


def test_test_alert_names_the_target_once(workdir, daemon_bin):
    mail = ("[target desk]\ntype = mail\nurl = smtp://127.0.0.1:9\n"
            "from = nobody\nto = b@example.org\n")
    conf = write_config(workdir, base(workdir, targets=mail))
    r = run([daemon_bin, "test-alert", "-c", conf, "desk"])
    assert r.returncode == 1
    assert r.stderr == ("ukeuwatch test-alert: target desk: from is not an "
                        "ASCII mailbox\n")
