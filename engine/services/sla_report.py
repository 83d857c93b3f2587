"""SLA compliance per OPD over a period, from the clocks closed in it (``lintas sla report``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from engine.domain.errors import InvalidInput
from engine.services.context import ServiceContext, pick_tenant

SCOPES = {"task": "tugas", "phase": "fase", "process": "kasus"}


@dataclass(frozen=True)
class ComplianceRow:
    opd: str
    scope: str
    total: int
    met: int
    breached: int
    compliance: float           # share met, 0..1
    overdue_hours: float        # office hours past the deadlines, summed

    def as_dict(self) -> dict[str, object]:
        return self.__dict__.copy()


class SlaReportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def report(self, *, start: date, end: date, opd: str | None = None,
               tenant: str | None = None) -> list[ComplianceRow]:
        """Clocks closed from ``start`` to ``end`` (inclusive, tenant-local days)."""
        if end < start:
            raise InvalidInput("--to sebelum --from", "--to is before --from")
        with self.ctx.uow(write=False) as uow:
            target = pick_tenant(uow, tenant, self.ctx.settings.default_tenant)
            zone = ZoneInfo(target.timezone)
            since = datetime.combine(start, time.min, tzinfo=zone)
            until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
            rows = uow.sla.report(target.id, since, until, opd)
        return [ComplianceRow(r.opd_code or "(lintas OPD)", r.scope, r.total, r.met, r.breached,
                              round(r.met / r.total, 4) if r.total else 1.0, round(r.overdue_seconds / 3600, 2))
                for r in rows]
