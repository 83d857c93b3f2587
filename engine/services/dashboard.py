"""Dashboard service: a unit's open and overdue work, and its SLA compliance week by week.

For supervisors (access ``supervisor``): the OPDs of the roles they hold today. Auditors (access
``auditor``) see every OPD of their pemda. "Due soon" means due before the close of the next
working day in the tenant's calendar — the same rule the instance page uses.

Everything is counted by the database (``engine.persistence.dashboard_repo``): one grouped query
for the open work, one for the closed deadlines, whatever the number of work items.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from engine.domain.cases import CompliancePoint, DashboardOverview, UnitLoad, due_soon_limit
from engine.domain.errors import InvalidInput, NotFound, PermissionDenied
from engine.domain.org import Actor
from engine.persistence.uow import UnitOfWork
from engine.services.access import supervised_opds
from engine.services.calendars import tenant_calendar
from engine.services.context import ServiceContext, resolve_actor

MAX_WEEKS = 104


class DashboardService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def overview(self, as_user: str, *, opd: str | None = None) -> DashboardOverview:
        with self.ctx.uow(write=False) as uow:
            now = self.ctx.now()
            actor = resolve_actor(uow, as_user, now)
            units = self._units(uow, actor, opd)
            calendar = tenant_calendar(self.ctx, uow, uow.org.tenant(actor.tenant_id))
            soon = due_soon_limit(calendar, now)
            loads = uow.dashboard.open_load(actor.tenant_id, set(units), now, soon)
            processes = uow.dashboard.process_names(actor.tenant_id)
        rows = tuple(UnitLoad(units[r.opd_id][0], units[r.opd_id][1], r.definition_key,
                              processes.get(r.definition_key, r.definition_key), r.open, r.overdue, r.due_soon,
                              r.oldest_open_at) for r in loads)
        totals = []
        for opd_id, (code, name) in sorted(units.items(), key=lambda u: u[1][0]):
            mine = [r for r in loads if r.opd_id == opd_id]
            oldest = [r.oldest_open_at for r in mine if r.oldest_open_at]
            totals.append(UnitLoad(code, name, None, None, sum(r.open for r in mine), sum(r.overdue for r in mine),
                                   sum(r.due_soon for r in mine), min(oldest) if oldest else None))
        return DashboardOverview(now, soon, tuple(totals), tuple(sorted(rows, key=lambda r: (r.opd_code,
                                                                                              r.process_name or ""))))

    def compliance_series(self, as_user: str, *, opd: str | None = None, weeks: int = 12) -> list[CompliancePoint]:
        """Deadlines closed per week (Monday to Sunday, tenant-local), oldest week first, the current one last."""
        if not 1 <= weeks <= MAX_WEEKS:
            raise InvalidInput(f"jumlah minggu harus 1..{MAX_WEEKS}", f"weeks must be 1..{MAX_WEEKS}")
        with self.ctx.uow(write=False) as uow:
            now = self.ctx.now()
            actor = resolve_actor(uow, as_user, now)
            units = self._units(uow, actor, opd)
            zone = ZoneInfo(uow.org.tenant(actor.tenant_id).timezone)
            today = now.astimezone(zone).date()
            monday = today - timedelta(days=today.weekday())
            starts = [monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
            edges = [_midnight(d, zone) for d in [*starts, monday + timedelta(weeks=1)]]
            found = {r.week: r for r in uow.dashboard.outcomes(actor.tenant_id, set(units), edges)}
        out = []
        for i, start in enumerate(starts):
            row = found.get(i)
            met, breached = (row.met, row.breached) if row else (0, 0)
            total = met + breached
            out.append(CompliancePoint(start, met, breached, round(met / total, 4) if total else None))
        return out

    def _units(self, uow: UnitOfWork, actor: Actor, opd: str | None) -> dict[int, tuple[str, str]]:
        """opd id -> (code, name) of the OPDs the caller may look at (narrowed to ``opd`` if given)."""
        everything = uow.dashboard.opds(actor.tenant_id)
        if actor.may("auditor"):
            allowed = everything
        elif actor.may("supervisor"):
            codes = supervised_opds(actor)
            allowed = {i: u for i, u in everything.items() if u[0] in codes}
        else:
            raise PermissionDenied(f"'{actor.username}' tidak punya akses dasbor (perlu hak supervisor)",
                                   f"'{actor.username}' has no dashboard access (needs supervisor access)")
        if opd is None:
            return allowed
        wanted = {i: u for i, u in allowed.items() if u[0] == opd.strip().upper()}
        if not wanted:
            if any(u[0] == opd.strip().upper() for u in everything.values()):
                raise PermissionDenied(f"'{actor.username}' tidak mengawasi OPD {opd}",
                                       f"'{actor.username}' does not supervise OPD {opd}")
            raise NotFound(f"OPD '{opd}' tidak ditemukan", f"OPD '{opd}' not found")
        return wanted


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)
