"""What every service needs, wired once by ``engine.bootstrap``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from engine.bpmn.compiler import Compiler
from engine.bpmn.state import SpecCache
from engine.domain.calendar import BusinessCalendar, HolidaySource
from engine.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from engine.domain.lru import Lru
from engine.domain.org import Actor, Tenant
from engine.domain.process import Catalogue
from engine.domain.views import DefinitionVersion
from engine.persistence.db import Database
from engine.persistence.uow import UnitOfWork
from engine.ports import Clock, DocumentEngine, FormEngine, Mailer
from engine.sandbox import ScriptSandbox
from engine.settings import Settings


@dataclass
class ServiceContext:
    settings: Settings
    db: Database
    clock: Clock
    sandbox: ScriptSandbox
    forms: FormEngine
    specs: SpecCache
    compiler: Compiler
    holidays: HolidaySource
    mailer: Mailer | None = None
    documents: DocumentEngine | None = None
    versions: Lru[int, tuple[DefinitionVersion, Catalogue, dict[str, Any]]] = field(default_factory=lambda: Lru(256))
    calendars: Lru[tuple[Any, ...], BusinessCalendar] = field(default_factory=lambda: Lru(128))

    def uow(self, *, write: bool = True) -> UnitOfWork:
        return UnitOfWork(self.db, write=write)

    def now(self) -> datetime:
        return self.clock.now()


def local_day(tenant: Tenant, moment: datetime) -> date:
    """The calendar day in the tenant's time zone (WIB/WITA/WIT): validity dates are local dates."""
    return moment.astimezone(ZoneInfo(tenant.timezone)).date()


def resolve_actor(uow: UnitOfWork, username: str, now: datetime) -> Actor:
    """The user and the roles they hold today (membership or acting appointment, role, OPD and account all
    valid)."""
    found = uow.org.identity(username)
    if found is None:
        raise NotFound(f"pengguna '{username}' tidak ditemukan", f"user '{username}' not found")
    user, tenant, role_validity = found
    day = local_day(tenant, now)
    if not user.active or not user.validity.covers(day) or not tenant.validity.covers(day):
        raise PermissionDenied(f"akun '{username}' tidak aktif", f"account '{username}' is not active")
    held = [m for m in user.memberships
            if m.validity.covers(day) and all(v.covers(day) for v in role_validity.get(m.role_id, ()))]
    # Acting appointments (Plt/Plh/Pj) give the role for their period, in the acting capacity.
    held += [m for m, validity in uow.acting.held(user.id, day) if all(v.covers(day) for v in validity)]
    return Actor(user.id, user.username, user.full_name, user.tenant_id, frozenset(m.role_id for m in held),
                 tuple(dict.fromkeys(m.role_path for m in held)), user.nip, tuple(held), user.access)


def pick_tenant(uow: UnitOfWork, code: str | None, default: str | None) -> Tenant:
    wanted = code or default
    if wanted:
        tenant = uow.org.tenant_by_code(wanted)
        if tenant is None:
            raise NotFound(f"pemda '{wanted}' tidak ditemukan", f"tenant '{wanted}' not found")
        return tenant
    tenants = uow.org.tenants()
    if not tenants:
        raise InvalidInput("belum ada organisasi; jalankan 'lintas org load FILE' dahulu",
                           "no organisation loaded yet; run 'lintas org load FILE' first")
    if len(tenants) > 1:
        codes = ", ".join(t.code for t in tenants)
        raise InvalidInput(f"ada beberapa pemda ({codes}); pilih dengan --tenant",
                           f"several tenants ({codes}); choose one with --tenant")
    return tenants[0]


def conflict_on_concurrent_write() -> Conflict:
    return Conflict("data sedang diubah oleh pengguna lain; muat ulang dan coba lagi",
                    "the data was changed by someone else at the same time; reload and try again")
