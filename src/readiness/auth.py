"""Analyst access: salted password hashes, the delay after failed logins, and the idle timeout.

Viewers need no login. Analysts are listed with a hash of their password, never the password:

    # .streamlit/secrets.toml
    [analysts]
    aida = "scrypt$16384$8$1$…$…"

or, in the environment, ``READINESS_ANALYSTS="aida:scrypt$…,bakyt:scrypt$…"``.
Make a hash with ``python -m readiness.auth`` (it asks for the password twice).
"""

from __future__ import annotations

import base64
import datetime as dt
import getpass
import hashlib
import hmac
import os
import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.exc import SQLAlchemyError

ANALYSTS_VARIABLE = "READINESS_ANALYSTS"
SCRYPT = (2**14, 8, 1)  # n, r, p: about 16 MB and 50 ms per check
FREE_FAILURES = 5  # failed logins in a row before each further try must wait
FIRST_DELAY_S = 30  # then 30 s, 60 s, 120 s ... up to 15 minutes
LONGEST_DELAY_S = 15 * 60
IDLE_LIMIT = dt.timedelta(minutes=30)
MAX_NAME_CHARS = 100  # longer names and passwords are wrong logins, never looked up
MAX_PASSWORD_CHARS = 1_000


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$salt$hash``: a random salt of 16 bytes and a 32-byte scrypt hash."""
    salt = salt or secrets.token_bytes(16)
    n, r, p = SCRYPT
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    """True when ``password`` matches ``encoded`` (scrypt as above, or
    ``pbkdf2_sha256$iterations$salt$hash``); False for anything malformed."""
    try:
        scheme, *parts = encoded.split("$")
        if scheme == "scrypt":
            n, r, p, salt, expected = parts
            digest = hashlib.scrypt(
                password.encode(), salt=_unb64(salt), n=int(n), r=int(r), p=int(p), dklen=32
            )
        elif scheme == "pbkdf2_sha256":
            iterations, salt, expected = parts
            digest = hashlib.pbkdf2_hmac("sha256", password.encode(), _unb64(salt), int(iterations))
        else:
            return False
        return hmac.compare_digest(digest, _unb64(expected))
    except (ValueError, TypeError):
        return False


# A hash to check against when the name is unknown, so that a wrong name takes as long as a
# wrong password and does not tell which names exist.
_DUMMY = hash_password("", salt=b"\0" * 16)


def analysts_from(secrets_table: Mapping | None, environ: Mapping[str, str] | None = None) -> dict:
    """Analyst name -> password hash, from the secrets' ``[analysts]`` table and the environment."""
    environ = os.environ if environ is None else environ
    found = {str(k): str(v) for k, v in (secrets_table or {}).items()}
    for item in environ.get(ANALYSTS_VARIABLE, "").split(","):
        name, _, encoded = item.strip().partition(":")
        if name and encoded:
            found[name] = encoded
    return found


class Outcome(StrEnum):
    OK = "ok"
    WRONG = "wrong"  # wrong name or password (never says which)
    WAIT = "wait"  # too many failures: try again later
    NO_ANALYSTS = "no_analysts"  # nobody is set up as an analyst on this server
    UNAVAILABLE = "unavailable"  # the database could not count the try: try again later


@dataclass(frozen=True)
class Login:
    outcome: Outcome
    wait_s: int = 0


def delay_s(failures: int) -> int:
    """How long to wait after ``failures`` failed logins in a row before the next try."""
    if failures < FREE_FAILURES:
        return 0
    return min(FIRST_DELAY_S * 2 ** (failures - FREE_FAILURES), LONGEST_DELAY_S)


def name_key(name: str) -> str:
    """What failed logins are counted under: the SHA-256 of the stripped, case-folded name, so
    that the store keeps no names and every key has 64 characters, whatever was typed."""
    normalised = name.strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


def log_in(store, analysts: Mapping[str, str], name: str, password: str, now=None) -> Login:
    """Checks a login and never raises. The try is counted as a failure in ``store`` (shared by
    every app process) before the password is checked, so tries made at once are all counted;
    while a delay runs, tries are refused without looking at the password. An unknown name, a
    wrong password, and a name or password too long to be real all cost one password check and
    get the same answer."""
    if not analysts:
        return Login(Outcome.NO_ANALYSTS)
    name = name if isinstance(name, str) else ""
    key = name_key(name)
    try:
        counted = store.count_login_try(key, now or dt.datetime.now(dt.UTC), delay_s)
        if counted.wait_s:
            return Login(Outcome.WAIT, counted.wait_s)
        if not _matches(analysts, name, password):
            after = delay_s(counted.failures)
            return Login(Outcome.WAIT, after) if after else Login(Outcome.WRONG)
        store.forgive_logins(key)
    except SQLAlchemyError:
        return Login(Outcome.UNAVAILABLE)
    return Login(Outcome.OK)


def _matches(analysts: Mapping[str, str], name: str, password: object) -> bool:
    """One password check whatever was typed: against a dummy hash when the name is unknown or
    the name or password is too long to be real."""
    plausible = (
        len(name) <= MAX_NAME_CHARS
        and isinstance(password, str)
        and len(password) <= MAX_PASSWORD_CHARS
    )
    encoded = analysts.get(name.strip()) if plausible else None
    right = verify_password(password if plausible else "", _DUMMY if encoded is None else encoded)
    return right and encoded is not None


def idle_too_long(last_seen: dt.datetime, now: dt.datetime | None = None) -> bool:
    return (now or dt.datetime.now(dt.UTC)) - last_seen > IDLE_LIMIT


def main() -> None:
    """Prints the line to put under [analysts] in .streamlit/secrets.toml."""
    name = sys.argv[1] if len(sys.argv) > 1 else input("Analyst name: ").strip()
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Password again: "):
        sys.exit("The two passwords differ; nothing was made.")
    if len(password) < 10:
        sys.exit("Use a password of 10 characters or more.")
    encoded = hash_password(password)
    print(f'{name} = "{encoded}"')
    print(f"# or in the environment: {ANALYSTS_VARIABLE}='{name}:{encoded}'")


if __name__ == "__main__":
    main()
