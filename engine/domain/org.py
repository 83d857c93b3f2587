"""The organisation of a pemda: tenants, OPDs, roles inside an OPD, users and their memberships.

Everything carries validity dates because officials rotate, OPDs merge and acting appointments end;
who may do what is always decided for a given day, never from a flag that someone forgot to clear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_ROLE_PATH = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9_.-]*)\s*/\s*(\S(?:.*\S)?)\s*$")

CAPACITIES = ("definitif", "plt", "plh", "pj")


@dataclass(frozen=True)
class Validity:
    """An inclusive range of days; an open end means "no limit"."""

    valid_from: date | None = None
    valid_to: date | None = None

    def covers(self, day: date) -> bool:
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_to is not None and day > self.valid_to)

    def is_well_formed(self) -> bool:
        return self.valid_from is None or self.valid_to is None or self.valid_from <= self.valid_to


@dataclass(frozen=True)
class RolePath:
    """A role named by its OPD code and role name, as lanes write it: ``PUPR/Kepala Bidang``."""

    opd_code: str
    role_name: str

    @classmethod
    def parse(cls, text: str) -> RolePath | None:
        match = _ROLE_PATH.match(text or "")
        if match is None:
            return None
        return cls(match.group(1).upper(), " ".join(match.group(2).split()))

    def __str__(self) -> str:
        return f"{self.opd_code}/{self.role_name}"

    def key(self) -> tuple[str, str]:
        """Comparison key: OPD codes are upper case, role names compare without case."""
        return (self.opd_code.upper(), self.role_name.casefold())


@dataclass(frozen=True)
class Tenant:
    """A pemda. Validity dates cover regencies that are formed or merged (pemekaran, penggabungan)."""

    id: int
    code: str
    name: str
    timezone: str
    validity: Validity = Validity()
    calendar_rev: int = 0
    letter_number_format: str | None = None


@dataclass(frozen=True)
class Opd:
    id: int
    tenant_id: int
    code: str
    name: str
    validity: Validity = Validity()
    address: str | None = None
    contact: str | None = None


@dataclass(frozen=True)
class Role:
    id: int
    opd_id: int
    opd_code: str
    name: str
    validity: Validity = Validity()

    @property
    def path(self) -> RolePath:
        return RolePath(self.opd_code, self.name)


# What a person may do beyond their own inbox, granted per user in the org file (``access:``).
ACCESS_LEVELS = ("supervisor", "designer", "auditor", "admin")


@dataclass(frozen=True)
class Membership:
    role_id: int
    role_path: str
    capacity: str = "definitif"
    validity: Validity = Validity()


@dataclass(frozen=True)
class User:
    id: int
    tenant_id: int
    username: str
    full_name: str
    nip: str | None = None
    email: str | None = None
    active: bool = True
    validity: Validity = Validity()
    memberships: tuple[Membership, ...] = field(default_factory=tuple)
    access: frozenset[str] = frozenset()       # supervisor | designer | auditor | admin (org file)


@dataclass(frozen=True)
class Actor:
    """The person a service call acts for, with the roles they hold on the day of the call."""

    user_id: int
    username: str
    full_name: str
    tenant_id: int
    role_ids: frozenset[int]
    role_paths: tuple[str, ...]
    nip: str | None = None
    held: tuple[Membership, ...] = ()       # today's memberships, with their capacity (definitif, Plt, ...)
    access: frozenset[str] = frozenset()    # extra access from the org file: supervisor, designer, auditor, admin

    def may(self, access: str) -> bool:
        return access in self.access

    def capacity_in(self, role_ids: frozenset[int] | set[int]) -> tuple[str, str] | None:
        """(role path, capacity) of the first role of ``role_ids`` held today; definitif preferred."""
        matching = [m for m in self.held if m.role_id in role_ids]
        matching.sort(key=lambda m: m.capacity != "definitif")
        return (matching[0].role_path, matching[0].capacity) if matching else None

    def holds_any(self, role_ids: frozenset[int] | set[int]) -> bool:
        return not self.role_ids.isdisjoint(role_ids)
