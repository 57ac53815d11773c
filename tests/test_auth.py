"""Analyst access: password hashes, where analysts are listed, the delay after failed logins."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from readiness import auth
from readiness.paths import REPO_ROOT
from readiness.store import Store
from readiness.store.tables import login_failures

LOGIN_WORKER = Path(__file__).parent / "fixtures" / "login_worker.py"


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
def store(store_url):
    """An empty store, on SQLite and on PostgreSQL."""
    opened = Store(store_url)
    opened.setup(seed=None)
    yield opened
    opened.dispose()


def stored_keys(store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(login_failures.c.name_key)).scalars())


def test_logins_are_refused_then_delayed_then_allowed_again_after_the_wait(store):
    analysts = {"aida": auth.hash_password("right")}
    start = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    outcomes = [auth.log_in(store, analysts, "aida", "wrong", start).outcome for _ in range(4)]
    assert outcomes == [auth.Outcome.WRONG] * 4
    fifth = auth.log_in(store, analysts, "aida", "wrong", start)
    assert (fifth.outcome, fifth.wait_s) == (auth.Outcome.WAIT, 30)
    _, last = store.login_failures(auth.name_key("aida"))
    during = auth.log_in(store, analysts, "aida", "right", last + dt.timedelta(seconds=10))
    assert during.outcome is auth.Outcome.WAIT and 19 <= during.wait_s <= 20
    after = auth.log_in(store, analysts, "aida", "right", last + dt.timedelta(seconds=31))
    assert after.outcome is auth.Outcome.OK
    assert store.login_failures(auth.name_key("aida")) == (0, None)


def test_an_unknown_name_fails_like_a_wrong_password_and_no_analysts_says_so(store):
    analysts = {"aida": auth.hash_password("right")}
    assert auth.log_in(store, analysts, "nobody", "right").outcome is auth.Outcome.WRONG
    assert auth.log_in(store, {}, "aida", "right").outcome is auth.Outcome.NO_ANALYSTS


def test_a_name_is_counted_under_a_fixed_size_hash_of_its_normalised_form():
    assert auth.name_key(" Aida ") == auth.name_key("aida") == auth.name_key("AIDA")
    assert auth.name_key("aida") != auth.name_key("bakyt")
    for name in ("aida", "", "x" * 1_000_000, "ai\x00da", "\ud800"):
        key = auth.name_key(name)
        assert len(key) == 64 and set(key) <= set("0123456789abcdef")


def test_analyst_and_unknown_names_are_stored_only_as_hashes(store):
    analysts = {"aida": auth.hash_password("right")}
    for name in ("aida", "nobody", "Aida "):
        assert auth.log_in(store, analysts, name, "wrong").outcome is auth.Outcome.WRONG
    keys = stored_keys(store)
    assert sorted(keys) == sorted({auth.name_key("aida"), auth.name_key("nobody")})
    assert not [k for k in keys if "aida" in k or "nobody" in k]
    assert store.login_failures(auth.name_key("aida"))[0] == 2


HOSTILE_NAMES = {
    "1 MB": "x" * 1_000_000,
    "over 200 characters": "a" * 201,
    "NUL": "ai\x00da",
    "only NUL": "\x00",
    "control characters": "aida\x01\x1b[31m\x7f",
    "lone surrogate": "ai\ud800da",
}


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_a_hostile_name_is_a_wrong_login_counted_under_a_small_key(store, name):
    analysts = {"aida": auth.hash_password("right")}
    assert auth.log_in(store, analysts, name, "right").outcome is auth.Outcome.WRONG
    assert [len(key) for key in stored_keys(store)] == [64]
    assert store.login_failures(auth.name_key(name))[0] == 1


@pytest.mark.parametrize(
    "password",
    ["p" * 1_000_000, "ri\x00ght", "\ud800", None],
    ids=["1 MB", "NUL", "surrogate", "none"],
)
def test_a_hostile_password_is_a_wrong_login(store, password):
    analysts = {"aida": auth.hash_password("right")}
    assert auth.log_in(store, analysts, "aida", password).outcome is auth.Outcome.WRONG


def test_a_name_that_is_not_text_is_a_wrong_login_counted_as_the_empty_name(store):
    analysts = {"aida": auth.hash_password("right")}
    assert auth.log_in(store, analysts, None, "right").outcome is auth.Outcome.WRONG
    assert stored_keys(store) == [auth.name_key("")]


def test_names_and_passwords_beyond_the_caps_never_match(store):
    long_name, long_password = "a" * (auth.MAX_NAME_CHARS + 1), "p" * (auth.MAX_PASSWORD_CHARS + 1)
    analysts = {long_name: auth.hash_password("right"), "aida": auth.hash_password(long_password)}
    assert auth.log_in(store, analysts, long_name, "right").outcome is auth.Outcome.WRONG
    assert auth.log_in(store, analysts, "aida", long_password).outcome is auth.Outcome.WRONG
    fits = {"b" * auth.MAX_NAME_CHARS: auth.hash_password("p" * auth.MAX_PASSWORD_CHARS)}
    login = auth.log_in(store, fits, "b" * auth.MAX_NAME_CHARS, "p" * auth.MAX_PASSWORD_CHARS)
    assert login.outcome is auth.Outcome.OK


def test_a_database_error_is_an_answer_not_a_crash(tmp_path, monkeypatch):
    analysts = {"aida": auth.hash_password("right")}
    no_tables = Store(f"sqlite:///{tmp_path / 'empty.sqlite'}")  # never set up
    assert auth.log_in(no_tables, analysts, "aida", "right").outcome is auth.Outcome.UNAVAILABLE
    no_tables.setup(seed=None)

    def broken(key):
        raise OperationalError("DELETE", {}, Exception("the server went away"))

    monkeypatch.setattr(no_tables, "forgive_logins", broken)
    assert auth.log_in(no_tables, analysts, "aida", "right").outcome is auth.Outcome.UNAVAILABLE
    no_tables.dispose()


def _login_worker(url: str, tries: int, encoded: str, now: dt.datetime) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            str(LOGIN_WORKER),
            url,
            str(tries),
            "aida",
            "wrong",
            encoded,
            now.isoformat(),
        ],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )


def test_thirty_tries_at_once_check_five_passwords_and_count_every_try_let_through(
    store, monkeypatch
):
    """3 processes of 10 threads, each with a Store of its own, all let go at once."""
    analysts = {"aida": auth.hash_password("right")}
    now = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    workers = [_login_worker(store.url, 10, analysts["aida"], now) for _ in range(3)]
    for worker in workers:
        assert worker.stdout.readline() == "ready\n", worker.communicate(timeout=60)[1]
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    outputs = [worker.communicate(timeout=120) for worker in workers]
    assert [w.returncode for w in workers] == [0] * 3, [err for _, err in outputs]
    lines = [line for out, _ in outputs for line in out.splitlines()]
    answers = Counter(line for line in lines if line.startswith("answer"))
    assert lines.count("checked") == auth.FREE_FAILURES
    # four wrong answers, then the fifth failure and every try refused meanwhile wait 30 s
    assert answers == {"answer wrong 0": 4, "answer wait 30": 26}
    assert store.login_failures(auth.name_key("aida")) == (lines.count("checked"), now)

    checks = []
    verify = auth.verify_password
    monkeypatch.setattr(auth, "verify_password", lambda *a: checks.append(a) or verify(*a))
    during = auth.log_in(store, analysts, "aida", "right", now + dt.timedelta(seconds=10))
    assert (during.outcome, during.wait_s, checks) == (auth.Outcome.WAIT, 20, [])


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
