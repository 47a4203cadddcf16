"""Teacher accounts, as plain rules (no views): the password policy, who may register, server-side
sessions, and single-use invite and reset links.

- The first account is the admin. After it, registration is closed unless the instance opens it
  (`OPEN_REGISTRATION`); the admin invites teachers with a link, or the server's operator runs
  `flask --app app create-teacher NAME`.
- A password has at least 10 characters, is not built on the username, and is not among the
  passwords and patterns that attackers try first: zxcvbn (Dropbox's estimator, kept on PyPI,
  with a list of the 30,000 most common passwords, words, names and keyboard patterns) must rate
  it 3 of 4 or better, about 10^8 guesses.
- A logged-in browser holds a random token; the database holds its SHA-256 and ends it on log-out,
  on a password change or reset (every session of that teacher), and after `lifetime` seconds.
- Invite and reset links carry a random token whose SHA-256 is stored; each works once, until
  it expires.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from . import storage

PASSWORD_MIN = 10
PASSWORD_MAX = 128
MIN_SCORE = 3               # zxcvbn: 3 = "safely unguessable", about 10^8 guesses or more
_ZXCVBN_MAX = 72            # zxcvbn refuses longer input (its run time grows with the length)


def password_problem(password: str, username: str = "") -> str | None:
    """What is wrong with this password, in a sentence for the form; None when it will do."""
    password = password or ""
    if len(password) < PASSWORD_MIN:
        return f"Use at least {PASSWORD_MIN} characters."
    if len(password) > PASSWORD_MAX:
        return f"Use at most {PASSWORD_MAX} characters."
    name = (username or "").strip().casefold()
    if len(name) >= 3 and name in password.casefold():
        return "Leave your username out of your password."
    from zxcvbn import zxcvbn
    if password.casefold() in _common():
        return "This is one of the most common passwords: choose another."
    if zxcvbn(password[:_ZXCVBN_MAX])["score"] < MIN_SCORE:
        return ("This password is too easy to guess. Try three or four words that do not belong "
                "together, or make it longer.")
    return None


_COMMON: set[str] = set()


def _common() -> set[str]:
    if not _COMMON:
        from zxcvbn.frequency_lists import FREQUENCY_LISTS
        _COMMON.update(FREQUENCY_LISTS["passwords"] if isinstance(FREQUENCY_LISTS["passwords"], list)
                       else FREQUENCY_LISTS["passwords"].split(","))
    return _COMMON


def generate_password() -> str:
    """A password for the command line to print: three groups of eight random letters and digits."""
    return "-".join(secrets.token_urlsafe(6).replace("-", "x").replace("_", "y") for _ in range(3))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


# ------------------------------------------------------------------ registration

def registration_open(db, open_registration: bool) -> bool:
    """Anyone may register while there is no account yet (the first is the admin), or when the
    instance says registration is open."""
    return open_registration or next(db.query("SELECT COUNT(*) AS n FROM teachers"))["n"] == 0


# ------------------------------------------------------------------ sessions

def stamp(seconds_ago: float = 0) -> str:
    """Now (or `seconds_ago` before), in the ISO form the database stores."""
    return (datetime.now() - timedelta(seconds=seconds_ago)).isoformat(timespec="seconds")


def start_session(db, teacher_id: int, lifetime: float) -> str:
    """A new server-side session; the token goes into the signed cookie, its hash into the database."""
    token = secrets.token_urlsafe(32)
    storage.prune_teacher_sessions(db, stamp(lifetime))
    storage.create_teacher_session(db, teacher_id, hash_token(token))
    return token


def session_teacher(db, token: str, lifetime: float) -> dict | None:
    try:
        return storage.teacher_for_session(db, hash_token(token), stamp(lifetime))
    except storage.NotFoundError:
        return None


def end_session(db, token: str) -> None:
    storage.end_teacher_session(db, hash_token(token))


# ------------------------------------------------------------------ invite and reset links

def create_link(db, admin_id: int, purpose: str, hours: float, teacher_id: int | None = None) -> str:
    """A single-use token for an invite (a new account) or a reset (a new password)."""
    token = secrets.token_urlsafe(32)
    storage.create_invite(db, hash_token(token), purpose, admin_id, stamp(-hours * 3600), teacher_id)
    return token


def link_for(db, token: str, purpose: str) -> dict | None:
    try:
        return storage.get_invite(db, hash_token(token), purpose, stamp())
    except storage.NotFoundError:
        return None


def redeem_invite(db, invite: dict, username: str, password: str) -> int:
    """The new teacher's id. ConflictError: the name is taken (the invite stays usable);
    NotFoundError: the invite was used meanwhile."""
    with db.atomic():
        storage.use_invite(db, invite["id"], stamp())
        return storage.create_teacher(db, username, password, is_admin=False)


def redeem_reset(db, reset: dict, password: str) -> None:
    """Set the new password; every session of that teacher ends. NotFoundError: used meanwhile."""
    with db.atomic():
        storage.use_invite(db, reset["id"], stamp())
        storage.change_password(db, reset["teacher_id"], password)
