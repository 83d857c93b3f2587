"""Organisation service: load the org YAML (all or nothing) and show what is loaded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from engine.domain.calendar import OfficeHours
from engine.domain.errors import InvalidInput, OrgFileRejected
from engine.domain.org import RolePath, Tenant
from engine.persistence.calendar_repo import OverrideRecord, PolicyRecord
from engine.services.context import ServiceContext, local_day
from engine.services.org_file import TenantSpec, parse_org


@dataclass(frozen=True)
class OrgLoadResult:
    tenants: int
    opds: int
    roles: int
    users: int
    memberships: int
    ended: int

    def as_dict(self) -> dict[str, int]:
        return self.__dict__.copy()


class OrgService:
    """The file describes the whole organisation of each tenant it lists: OPDs, roles, users and
    memberships it no longer lists are end-dated the day before the load, never deleted, because
    the audit trail and old work items still refer to them."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def load_file(self, path: str | Path) -> OrgLoadResult:
        file = Path(path)
        if not file.is_file():
            raise InvalidInput(f"berkas tidak ditemukan: {file}", f"file not found: {file}")
        return self.load_bytes(file.read_bytes(), source=file.name)

    def load_bytes(self, data: bytes, source: str = "org") -> OrgLoadResult:
        tenants, problems = parse_org(data, source)
        if problems:
            raise OrgFileRejected("Berkas organisasi ditolak", "organisation file refused", problems)
        counts = {"opds": 0, "roles": 0, "users": 0, "memberships": 0, "ended": 0}
        with self.ctx.uow() as uow:
            now = self.ctx.now()
            for spec in tenants:
                self._load_tenant(uow, spec, now, counts)
            uow.commit()
        return OrgLoadResult(len(tenants), **counts)

    def _load_tenant(self, uow: Any, spec: TenantSpec, now: Any, counts: dict[str, int]) -> None:
        tenant_id = uow.org.upsert_tenant(spec.code, spec.name, spec.timezone, spec.validity, now,
                                          spec.letter_number_format)
        tenant = Tenant(tenant_id, spec.code, spec.name, spec.timezone, spec.validity)
        yesterday = local_day(tenant, now) - timedelta(days=1)
        role_ids: dict[tuple[str, str], int] = {}
        opd_ids: set[int] = set()
        opd_list: list[int] = []
        for opd in spec.opds:
            opd_id = uow.org.upsert_opd(tenant_id, opd.code, opd.name, opd.validity, opd.address, opd.contact)
            opd_ids.add(opd_id)
            opd_list.append(opd_id)
            counts["opds"] += 1
            for role in opd.roles:
                role_ids[RolePath(opd.code, role.name).key()] = uow.org.upsert_role(opd_id, role.name, role.validity)
                counts["roles"] += 1
        counts["ended"] += uow.org.end_opds_except(tenant_id, opd_ids, yesterday)
        self._load_calendar(uow, tenant_id, spec, {o.code: i for o, i in zip(spec.opds, opd_list, strict=True)}, now)
        counts["ended"] += uow.org.end_roles_except(tenant_id, set(role_ids.values()), yesterday)
        user_ids: set[int] = set()
        for user in spec.users:
            existing = uow.org.user_by_username(user.username)
            if existing is not None and existing.tenant_id != tenant_id:
                raise InvalidInput(f"username '{user.username}' sudah dipakai pemda lain",
                                   f"username '{user.username}' already belongs to another tenant")
            user_id = uow.org.upsert_user(tenant_id, user.username, user.full_name, user.nip, user.email,
                                          user.active, user.validity, user.access)
            wanted = [(role_ids[m.path.key()], m.capacity, m.validity) for m in user.memberships]
            counts["ended"] += uow.org.set_memberships(user_id, wanted, yesterday)
            counts["users"] += 1
            counts["memberships"] += len(wanted)
            user_ids.add(user_id)
        counts["ended"] += uow.org.end_users_except(tenant_id, user_ids, yesterday)

    def _load_calendar(self, uow: Any, tenant_id: int, spec: TenantSpec, opd_ids: dict[str, int], now: Any) -> None:
        calendar = spec.calendar
        standard = dict(OfficeHours.standard().days)
        policies = [PolicyRecord(None, calendar.joint_leave_is_day_off, calendar.office_hours or standard)]
        policies += [PolicyRecord(opd_ids[o.code], calendar.joint_leave_is_day_off, o.office_hours)
                     for o in spec.opds if o.office_hours]
        uow.calendars.replace_policies(tenant_id, policies)
        overrides = [OverrideRecord(d, "off", name) for d, name in calendar.days_off]
        overrides += [OverrideRecord(d, "work", "Hari kerja (pencabutan hari libur)") for d in calendar.working_days]
        uow.calendars.replace_overrides(tenant_id, overrides, now)
        uow.calendars.replace_sla_classes(tenant_id, calendar.sla_classes)

    def show(self, tenant_code: str | None = None) -> list[dict[str, Any]]:
        """Tenants with their OPDs, roles and users, as plain data."""
        with self.ctx.uow(write=False) as uow:
            tenants = [uow.org.tenant_by_code(tenant_code)] if tenant_code else uow.org.tenants()
            if tenant_code and tenants[0] is None:
                raise InvalidInput(f"pemda '{tenant_code}' tidak ditemukan", f"tenant '{tenant_code}' not found")
            out = []
            for tenant in tenants:
                assert tenant is not None
                day = local_day(tenant, self.ctx.now())
                roles = uow.org.roles(tenant.id)
                out.append({
                    "code": tenant.code, "name": tenant.name, "timezone": tenant.timezone,
                    "active": tenant.validity.covers(day),
                    "opds": [
                        {"code": o.code, "name": o.name, "active": o.validity.covers(day),
                         "roles": [{"name": r.name, "active": r.validity.covers(day)}
                                   for r in roles if r.opd_id == o.id]}
                        for o in uow.org.opds(tenant.id)
                    ],
                    "users": [
                        {"username": u.username, "name": u.full_name, "nip": u.nip,
                         "active": u.active and u.validity.covers(day), "access": sorted(u.access),
                         "roles": [{"role": m.role_path, "capacity": m.capacity,
                                    "active": m.validity.covers(day),
                                    "valid_from": m.validity.valid_from.isoformat() if m.validity.valid_from else None,
                                    "valid_to": m.validity.valid_to.isoformat() if m.validity.valid_to else None}
                                   for m in u.memberships]}
                        for u in uow.org.users(tenant.id)
                    ],
                })
            return out
