"""Reads an organisation YAML file into plain specs, collecting every problem with its location.

Format (see processes/../org/demo.yaml)::

    tenants:
      - code: kab-contoh
        name: Pemerintah Kabupaten Contoh
        timezone: Asia/Jakarta            # WIB; Asia/Makassar = WITA, Asia/Jayapura = WIT
        valid_from: 2008-01-01            # optional on tenants, OPDs, roles, users and memberships
        opds:
          - code: PUPR
            name: Dinas Pekerjaan Umum dan Penataan Ruang
            roles: [Kepala Dinas, {name: Kepala Bidang, valid_from: 2025-01-01}]
        users:
          - username: siti
            name: Siti Rahmawati
            roles: [PUPR/Kepala Bidang, {role: PUPR/Kepala Dinas, capacity: plt, valid_to: 2026-12-31}]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from engine.domain.documents import NumberFormat
from engine.domain.errors import InvalidInput, Problem
from engine.domain.org import ACCESS_LEVELS, CAPACITIES, RolePath, Validity
from engine.services.org_calendar import CalendarSpec, read_calendar, read_office_hours


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates stay text so a bad one gets our clear message."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,63}$")
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class RoleSpec:
    name: str
    validity: Validity


@dataclass
class OpdSpec:
    code: str
    name: str
    validity: Validity
    roles: list[RoleSpec] = field(default_factory=list)
    office_hours: dict[int, tuple[time, time]] | None = None
    address: str | None = None          # letterhead (kop surat) lines
    contact: str | None = None


@dataclass
class MembershipSpec:
    path: RolePath
    capacity: str
    validity: Validity


@dataclass
class UserSpec:
    username: str
    full_name: str
    nip: str | None
    email: str | None
    active: bool
    validity: Validity
    memberships: list[MembershipSpec] = field(default_factory=list)
    access: frozenset[str] = frozenset()


@dataclass
class TenantSpec:
    code: str
    name: str
    timezone: str
    validity: Validity = field(default_factory=Validity)
    opds: list[OpdSpec] = field(default_factory=list)
    users: list[UserSpec] = field(default_factory=list)
    calendar: CalendarSpec = field(default_factory=CalendarSpec)
    letter_number_format: str | None = None


class Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, where: str, message_id: str, message_en: str) -> None:
        self.problems.append(Problem(where, message_id, message_en))

    def text(self, raw: dict[str, Any], key: str, where: str, required: bool = True) -> str | None:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(where, f"'{key}' wajib diisi", f"'{key}' is required")
            return None
        if not isinstance(value, str | int):
            self.fail(where, f"'{key}' harus berupa teks", f"'{key}' must be text")
            return None
        return str(value).strip()

    def day(self, raw: dict[str, Any], key: str, where: str) -> date | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(where, f"'{key}' bukan tanggal (TTTT-BB-HH): {value!r}",
                      f"'{key}' is not a date (YYYY-MM-DD): {value!r}")
            return None

    def validity(self, raw: dict[str, Any], where: str) -> Validity:
        validity = Validity(self.day(raw, "valid_from", where), self.day(raw, "valid_to", where))
        if not validity.is_well_formed():
            self.fail(where, "valid_from sesudah valid_to", "valid_from is after valid_to")
        return validity

    def items(self, raw: dict[str, Any], key: str, where: str) -> list[Any]:
        value = raw.get(key) or []
        if not isinstance(value, list):
            self.fail(where, f"'{key}' harus berupa daftar", f"'{key}' must be a list")
            return []
        return value


def parse_org(data: bytes, source: str = "org") -> tuple[list[TenantSpec], list[Problem]]:
    reader = Reader()
    if len(data) > MAX_BYTES:
        reader.fail(source, "berkas terlalu besar", "file too large")
        return [], reader.problems
    try:
        raw = yaml.load(data, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        reader.fail(where, f"YAML tidak valid: {getattr(exc, 'problem', exc)}", f"invalid YAML: {exc}")
        return [], reader.problems
    if not isinstance(raw, dict) or not isinstance(raw.get("tenants"), list) or not raw["tenants"]:
        reader.fail(source, "berkas harus berisi daftar 'tenants'", "the file must contain a 'tenants' list")
        return [], reader.problems
    tenants = [_tenant(reader, t, f"tenants[{i}]") for i, t in enumerate(raw["tenants"])]
    return [t for t in tenants if t is not None], reader.problems


def _tenant(r: Reader, raw: Any, where: str) -> TenantSpec | None:
    if not isinstance(raw, dict):
        r.fail(where, "harus berupa objek", "must be a mapping")
        return None
    code = r.text(raw, "code", where)
    name = r.text(raw, "name", where)
    timezone = r.text(raw, "timezone", where, required=False) or "Asia/Jakarta"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        r.fail(where, f"zona waktu tidak dikenal: {timezone}", f"unknown time zone: {timezone}")
    if code and not _CODE.match(code):
        r.fail(where, f"kode tidak valid: {code}", f"invalid code: {code}")
    tenant = TenantSpec(code or "", name or "", timezone, r.validity(raw, where),
                        calendar=read_calendar(r, raw.get("calendar"), f"{where}.calendar"),
                        letter_number_format=_number_format(r, raw.get("documents"), f"{where}.documents"))
    seen_opds: set[str] = set()
    for i, opd_raw in enumerate(r.items(raw, "opds", where)):
        opd = _opd(r, opd_raw, f"{where}.opds[{i}]")
        if opd is None:
            continue
        if opd.code in seen_opds:
            r.fail(f"{where}.opds[{i}]", f"kode OPD ganda: {opd.code}", f"duplicate OPD code: {opd.code}")
        seen_opds.add(opd.code)
        tenant.opds.append(opd)
    known = {RolePath(o.code, role.name).key() for o in tenant.opds for role in o.roles}
    seen_users: set[str] = set()
    for i, user_raw in enumerate(r.items(raw, "users", where)):
        user = _user(r, user_raw, f"{where}.users[{i}]", known)
        if user is None:
            continue
        if user.username in seen_users:
            r.fail(f"{where}.users[{i}]", f"username ganda: {user.username}", f"duplicate username: {user.username}")
        seen_users.add(user.username)
        tenant.users.append(user)
    return tenant


def _opd(r: Reader, raw: Any, where: str) -> OpdSpec | None:
    if not isinstance(raw, dict):
        r.fail(where, "harus berupa objek", "must be a mapping")
        return None
    code = (r.text(raw, "code", where) or "").upper()
    if code and not _CODE.match(code):
        r.fail(where, f"kode OPD tidak valid: {code}", f"invalid OPD code: {code}")
    opd = OpdSpec(code, r.text(raw, "name", where) or "", r.validity(raw, where),
                  office_hours=read_office_hours(r, raw.get("office_hours"), f"{where}.office_hours"),
                  address=r.text(raw, "address", where, required=False),
                  contact=r.text(raw, "contact", where, required=False))
    names: set[str] = set()
    for i, role_raw in enumerate(r.items(raw, "roles", where)):
        spot = f"{where}.roles[{i}]"
        role_raw = {"name": role_raw} if isinstance(role_raw, str) else role_raw
        if not isinstance(role_raw, dict):
            r.fail(spot, "harus berupa nama peran atau objek", "must be a role name or a mapping")
            continue
        name = " ".join((r.text(role_raw, "name", spot) or "").split())
        if "/" in name:
            r.fail(spot, "nama peran tidak boleh memuat '/'", "a role name must not contain '/'")
        if name.casefold() in names:
            r.fail(spot, f"peran ganda: {name}", f"duplicate role: {name}")
        names.add(name.casefold())
        if name:
            opd.roles.append(RoleSpec(name, r.validity(role_raw, spot)))
    return opd


def _user(r: Reader, raw: Any, where: str, known: set[tuple[str, str]]) -> UserSpec | None:
    if not isinstance(raw, dict):
        r.fail(where, "harus berupa objek", "must be a mapping")
        return None
    username = r.text(raw, "username", where) or ""
    if username and not _USERNAME.match(username):
        r.fail(where, f"username tidak valid: {username} (huruf kecil, angka, . _ -)",
               f"invalid username: {username} (lower case letters, digits, . _ -)")
    active = raw.get("active", True)
    user = UserSpec(username, r.text(raw, "name", where) or "", r.text(raw, "nip", where, required=False),
                    r.text(raw, "email", where, required=False), bool(active), r.validity(raw, where),
                    access=_access(r, raw, where))
    for i, m_raw in enumerate(r.items(raw, "roles", where)):
        spot = f"{where}.roles[{i}]"
        m_raw = {"role": m_raw} if isinstance(m_raw, str) else m_raw
        if not isinstance(m_raw, dict):
            r.fail(spot, "harus berupa OPD/Peran atau objek", "must be OPD/Role or a mapping")
            continue
        path = RolePath.parse(r.text(m_raw, "role", spot) or "")
        capacity = str(m_raw.get("capacity") or "definitif").lower()
        if path is None or path.key() not in known:
            r.fail(spot, f"peran tidak dikenal: {m_raw.get('role')}", f"unknown role: {m_raw.get('role')}")
            continue
        if capacity not in CAPACITIES:
            r.fail(spot, f"kapasitas tidak dikenal: {capacity} ({', '.join(CAPACITIES)})",
                   f"unknown capacity: {capacity} ({', '.join(CAPACITIES)})")
            continue
        user.memberships.append(MembershipSpec(path, capacity, r.validity(m_raw, spot)))
    return user


def _access(r: Reader, raw: dict[str, Any], where: str) -> frozenset[str]:
    """``access: [supervisor, auditor]``: what a person may do beyond their own inbox."""
    wanted = r.items(raw, "access", where)
    unknown = [str(a) for a in wanted if a not in ACCESS_LEVELS]
    if unknown:
        r.fail(f"{where}.access", f"hak akses tidak dikenal: {', '.join(unknown)} ({', '.join(ACCESS_LEVELS)})",
               f"unknown access: {', '.join(unknown)} ({', '.join(ACCESS_LEVELS)})")
    return frozenset(str(a) for a in wanted if a in ACCESS_LEVELS)


def _number_format(r: Reader, raw: Any, where: str) -> str | None:
    """``documents: {number_format: "{kode}/{urut}/{unit}/{tahun}"}``, checked now rather than at signing."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        r.fail(where, "harus berupa objek", "must be a mapping")
        return None
    text = r.text(raw, "number_format", where, required=False)
    if text is None:
        return None
    try:
        NumberFormat.parse(text)
    except InvalidInput as exc:
        r.fail(f"{where}.number_format", exc.message_id, exc.message_en)
        return None
    return text
