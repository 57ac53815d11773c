"""Analyst access: password hashes, where analysts are listed, the delay after failed logins."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

import pytest

from readiness import auth
from readiness.store import Store


def test_a_hash_verifies_its_password_only_and_is_salted():
    encoded = auth.hash_password("correct horse")
    assert encoded.startswith("scrypt$16384$8$1$") and "correct" not in encoded
    assert auth.verify_password("correct horse", encoded)
    assert not auth.verify_password("correct hors", encoded)
    assert auth.hash_password("correct horse") != encoded  # a new salt each time


def test_pbkdf2_hashes_are_accepted_and_malformed_ones_never_match():
    salt = b"0123456789abcdef"
    digest = hashlib.pbkdf2_hmac("sha256", b"secret", salt, 200_000)
    b64 = lambda data: base64.urlsafe_b64encode(data).decode().rstrip("=")  # noqa: E731
    assert auth.verify_password("secret", f"pbkdf2_sha256$200000${b64(salt)}${b64(digest)}")
    for broken in ("", "secret", "scrypt$1$2", "md5$abc$def", "scrypt$x$8$1$AA$AA"):
        assert not auth.verify_password("secret", broken)


def test_analysts_come_from_the_secrets_and_the_environment():
    found = auth.analysts_from(
        {"aida": "scrypt$a"}, {auth.ANALYSTS_VARIABLE: "bakyt:scrypt$b, chynara:pbkdf2_sha256$c,"}
    )
    assert found == {"aida": "scrypt$a", "bakyt": "scrypt$b", "chynara": "pbkdf2_sha256$c"}
    assert auth.analysts_from(None, {}) == {}


def test_the_delay_starts_after_five_failures_and_doubles_up_to_15_minutes():
    assert [auth.delay_s(n) for n in range(4, 12)] == [0, 30, 60, 120, 240, 480, 900, 900]


@pytest.fixture
def store(tmp_path):
    opened = Store(f"sqlite:///{tmp_path / 'auth.sqlite'}")
    opened.setup(seed=None)
    yield opened
    opened.dispose()


def test_logins_are_refused_then_delayed_then_allowed_again_after_the_wait(store):
    analysts = {"aida": auth.hash_password("right")}
    start = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    outcomes = [auth.log_in(store, analysts, "aida", "wrong", start).outcome for _ in range(4)]
    assert outcomes == [auth.Outcome.WRONG] * 4
    fifth = auth.log_in(store, analysts, "aida", "wrong", start)
    assert (fifth.outcome, fifth.wait_s) == (auth.Outcome.WAIT, 30)
    _, last = store.login_failures("aida")
    during = auth.log_in(store, analysts, "aida", "right", last + dt.timedelta(seconds=10))
    assert during.outcome is auth.Outcome.WAIT and 19 <= during.wait_s <= 20
    after = auth.log_in(store, analysts, "aida", "right", last + dt.timedelta(seconds=31))
    assert after.outcome is auth.Outcome.OK
    assert store.login_failures("aida") == (0, None)


def test_an_unknown_name_fails_like_a_wrong_password_and_no_analysts_says_so(store):
    analysts = {"aida": auth.hash_password("right")}
    assert auth.log_in(store, analysts, "nobody", "right").outcome is auth.Outcome.WRONG
    assert auth.log_in(store, {}, "aida", "right").outcome is auth.Outcome.NO_ANALYSTS


def test_the_idle_limit_is_30_minutes():
    now = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    assert not auth.idle_too_long(now - dt.timedelta(minutes=29), now)
    assert auth.idle_too_long(now - dt.timedelta(minutes=31), now)


def test_the_hash_command_prints_a_line_for_secrets_toml(monkeypatch, capsys):
    answers = iter(["a long password", "a long password"])
    monkeypatch.setattr(auth.getpass, "getpass", lambda prompt="": next(answers))
    monkeypatch.setattr(auth.sys, "argv", ["readiness.auth", "aida"])
    auth.main()
    line = capsys.readouterr().out.splitlines()[0]
    name, _, quoted = line.partition(" = ")
    assert name == "aida" and auth.verify_password("a long password", quoted.strip('"'))


def test_the_hash_command_refuses_differing_or_short_passwords(monkeypatch):
    monkeypatch.setattr(auth.sys, "argv", ["readiness.auth", "aida"])
    for first, second in (("a long password", "another one"), ("short", "short")):
        answers = iter([first, second])
        monkeypatch.setattr(auth.getpass, "getpass", lambda prompt="", a=answers: next(a))
        with pytest.raises(SystemExit):
            auth.main()
