"""Accounts for the web app: the password rules, sign-in rate limiting and what a session resolves to.

Rate limiting is per (username, address): five failures within fifteen minutes lock that pair for
fifteen minutes. Counting per pair (not per username alone) means nobody can lock a colleague out
from another computer, and counting per username (not per address alone) means an office behind
one NAT address is not locked as a whole by one person's typos.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from engine.domain.errors import InvalidInput
from engine.domain.org import Actor, Tenant

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256          # argon2 takes any length; this only bounds the work a request can ask for
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)


@dataclass(frozen=True)
class SignedIn:
    """A person signed in: who they are today, their pemda, and the marker their session must carry.

    The marker is derived from the stored password hash, so setting a new password ends every
    session made with the old one.
    """

    actor: Actor
    tenant: Tenant
    marker: str


@dataclass(frozen=True)
class Account:
    """One row of ``lintas user list``."""

    username: str
    full_name: str
    tenant_code: str
    roles: tuple[str, ...]          # today's roles, "OPD/Peran" with " (PLT)" etc. for acting capacities
    access: tuple[str, ...]
    active: bool
    has_password: bool

    def as_dict(self) -> dict[str, object]:
        return {"username": self.username, "name": self.full_name, "tenant": self.tenant_code,
                "roles": list(self.roles), "access": list(self.access), "active": self.active,
                "has_password": self.has_password}


def check_password(username: str, password: str) -> None:
    """Refuse passwords that are too short, too long or the username itself."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"kata sandi terlalu pendek: minimal {MIN_PASSWORD_LENGTH} karakter",
                           f"password too short: at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(f"kata sandi terlalu panjang: maksimal {MAX_PASSWORD_LENGTH} karakter",
                           f"password too long: at most {MAX_PASSWORD_LENGTH} characters")
    if password.strip().casefold() == username.strip().casefold():
        raise InvalidInput("kata sandi tidak boleh sama dengan nama pengguna",
                           "the password must not be the username")


def locked_until(failures: Sequence[datetime]) -> datetime | None:
    """When the lock caused by ``failures`` (oldest first, after the last success) ends; None if none.

    Any ``MAX_FAILURES`` consecutive failures closer together than ``FAILURE_WINDOW`` lock the pair
    until ``LOCK_DURATION`` after the last of them. Attempts refused during a lock are not counted,
    so a lock ends on time and the next failures start a new count.
    """
    until: datetime | None = None
    for first in range(len(failures) - MAX_FAILURES + 1):
        last = failures[first + MAX_FAILURES - 1]
        if last - failures[first] < FAILURE_WINDOW:
            until = last + LOCK_DURATION
    return until


def lookback() -> timedelta:
    """How far back failures can still matter for a lock."""
    return FAILURE_WINDOW + LOCK_DURATION
