"""Accounts and roles: add, list, change and deactivate users; verify passwords with Argon2id."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from uppfolj.errors import UppfoljError
from uppfolj.masking import pnr_shaped
from uppfolj.web.db import WebDB

#: roles from least to most rights; each role may do everything the ones before it may
ROLES = ("lasare", "analytiker", "admin")
ROLE_TITLES = {"lasare": "Läsare", "analytiker": "Analytiker", "admin": "Administratör"}
MIN_PASSWORD = 10
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")

# argon2-cffi's defaults are Argon2id with RFC 9106's low-memory profile
_hasher = PasswordHasher()
#: verified against when the user does not exist, so that timing does not reveal which names exist
_DUMMY_HASH = _hasher.hash("ingen-anvandare-har-detta-losenord")


@dataclass(frozen=True)
class User:
    namn: str
    roll: str
    enhet: str | None = None
    aktiv: bool = True
    #: the name shown in the page header: the identity provider's name for a user signed on through it
    visningsnamn: str | None = None

    def may(self, role: str) -> bool:
        """True when this user's role is `role` or above it."""
        return ROLES.index(self.roll) >= ROLES.index(role)

    @property
    def sees_unprotected(self) -> bool:
        """Readers see only figures with small-number protection; analysts and admins see all."""
        return self.may("analytiker")


def check_name(namn: str) -> str:
    namn = namn.strip().lower()
    if pnr_shaped(namn):
        # the name is shown on every page, in the log and in links: it must never be a personnummer
        raise UppfoljError(
            "Användarnamnet ser ut som ett personnummer och går inte att använda. Välj ett namn utan "
            "personnummer, t.ex. förnamn.efternamn."
        )
    if not _NAME.match(namn):
        raise UppfoljError(
            f"Användarnamnet {namn!r} går inte att använda. Använd 2–40 tecken: a–z, siffror, punkt, "
            f"bindestreck eller understreck, och börja med en bokstav eller siffra."
        )
    return namn


def check_role(roll: str) -> str:
    if roll not in ROLES:
        raise UppfoljError(f"Rollen {roll!r} finns inte. Välj admin, analytiker eller lasare.")
    return roll


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UppfoljError(
            f"Lösenordet är för kort ({len(password)} tecken). Välj minst {MIN_PASSWORD} tecken."
        )
    return password


class Users:
    def __init__(self, db: WebDB) -> None:
        self.db = db

    def add(self, namn: str, roll: str, password: str, enhet: str | None = None) -> User:
        namn, roll = check_name(namn), check_role(roll)
        check_password(password)
        enhet = (enhet or "").strip() or None
        if enhet is not None and roll != "lasare":
            raise UppfoljError(
                "Bara läsare kan knytas till en enhet. Ta bort --enhet eller välj rollen lasare."
            )
        with self.db.connect() as con:
            if con.execute("SELECT 1 FROM anvandare WHERE namn = ?", (namn,)).fetchone():
                raise UppfoljError(f"Användaren {namn} finns redan. Välj ett annat namn.")
            con.execute(
                "INSERT INTO anvandare (namn, roll, enhet, losenord, aktiv, skapad) VALUES (?, ?, ?, ?, 1, ?)",
                (namn, roll, enhet, _hasher.hash(password), _now()),
            )
        return User(namn, roll, enhet)

    def get(self, namn: str) -> User | None:
        with self.db.connect() as con:
            row = con.execute(
                "SELECT namn, roll, enhet, aktiv FROM anvandare WHERE namn = ?", (namn,)
            ).fetchone()
        return User(row[0], row[1], row[2], bool(row[3])) if row else None

    def all(self) -> list[User]:
        with self.db.connect() as con:
            rows = con.execute("SELECT namn, roll, enhet, aktiv FROM anvandare ORDER BY namn").fetchall()
        return [User(r[0], r[1], r[2], bool(r[3])) for r in rows]

    def set_active(self, namn: str, aktiv: bool) -> None:
        with self.db.connect() as con:
            cur = con.execute("UPDATE anvandare SET aktiv = ? WHERE namn = ?", (int(aktiv), namn))
            if cur.rowcount == 0:
                raise UppfoljError(f"Användaren {namn} finns inte.")
            if not aktiv:
                con.execute("DELETE FROM sessioner WHERE namn = ?", (namn,))

    def set_password(self, namn: str, password: str) -> None:
        check_password(password)
        with self.db.connect() as con:
            cur = con.execute(
                "UPDATE anvandare SET losenord = ? WHERE namn = ?", (_hasher.hash(password), namn)
            )
            if cur.rowcount == 0:
                raise UppfoljError(f"Användaren {namn} finns inte.")
            con.execute("DELETE FROM sessioner WHERE namn = ?", (namn,))

    def authenticate(self, namn: str, password: str) -> User | None:
        """The user when name and password match an active account, else None (same work either way)."""
        with self.db.connect() as con:
            row = con.execute(
                "SELECT namn, roll, enhet, aktiv, losenord FROM anvandare WHERE namn = ?",
                (namn.strip().lower(),),
            ).fetchone()
        stored = row[4] if row else _DUMMY_HASH
        try:
            _hasher.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if row is None or not row[3]:
            return None
        if _hasher.check_needs_rehash(stored):
            with self.db.connect() as con:
                con.execute(
                    "UPDATE anvandare SET losenord = ? WHERE namn = ?", (_hasher.hash(password), row[0])
                )
        return User(row[0], row[1], row[2], True)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
