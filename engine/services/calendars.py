"""The business calendar of a tenant (or of an OPD with its own week), built from stored policy.

Calendars are cached per tenant, OPD and calendar revision: a tenant's ``calendar_rev`` goes up with
every policy, override or SLA-class change, so a changed decree is used from the next request on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from engine.domain.calendar import BusinessCalendar, CalendarPolicy, DayOff, OfficeHours
from engine.domain.errors import InvalidInput
from engine.domain.org import Tenant
from engine.persistence.calendar_repo import OverrideRecord
from engine.persistence.uow import ConcurrentWrite, UnitOfWork
from engine.services.context import ServiceContext, conflict_on_concurrent_write, pick_tenant


def tenant_calendar(ctx: ServiceContext, uow: UnitOfWork, tenant: Tenant, opd_id: int | None = None,
                    *, joint_leave_is_day_off: bool | None = None) -> BusinessCalendar:
    key = (tenant.id, opd_id, tenant.calendar_rev, joint_leave_is_day_off)
    return ctx.calendars.get_or_make(key, lambda: _build(ctx, uow, tenant, opd_id, joint_leave_is_day_off))


def _build(ctx: ServiceContext, uow: UnitOfWork, tenant: Tenant, opd_id: int | None,
           joint_leave: bool | None) -> BusinessCalendar:
    policies = {p.opd_id: p for p in uow.calendars.policies(tenant.id)}
    chosen = policies.get(opd_id) or policies.get(None)
    overrides = uow.calendars.overrides(tenant.id)
    policy = CalendarPolicy(
        timezone=tenant.timezone,
        hours=OfficeHours(chosen.office_hours) if chosen else OfficeHours.standard(),
        joint_leave_is_day_off=joint_leave if joint_leave is not None else (
            chosen.joint_leave_is_day_off if chosen else True),
        extra_days_off={o.day: o.name for o in overrides if o.kind == "off"},
        revoked_days_off=frozenset(o.day for o in overrides if o.kind == "work"),
    )
    return BusinessCalendar(policy, ctx.holidays)


@dataclass(frozen=True)
class WorkingDayAnswer:
    start: date
    days: int
    result: date
    due: datetime
    joint_leave_is_day_off: bool
    skipped: tuple[DayOff, ...]

    def as_dict(self) -> dict[str, object]:
        return {"start": self.start.isoformat(), "days": self.days, "result": self.result.isoformat(),
                "due": self.due.isoformat(), "joint_leave_is_day_off": self.joint_leave_is_day_off,
                "days_off_skipped": [{"date": d.day.isoformat(), "name": d.name, "kind": d.kind} for d in self.skipped]}


class CalendarService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def add(self, start: date, days: int, *, tenant: str | None = None,
            joint_leave_is_day_off: bool | None = None) -> WorkingDayAnswer:
        with self.ctx.uow(write=False) as uow:
            target = pick_tenant(uow, tenant, self.ctx.settings.default_tenant)
            calendar = tenant_calendar(self.ctx, uow, target, joint_leave_is_day_off=joint_leave_is_day_off)
            result = calendar.add_working_days(start, days)
            due = calendar.due_after_working_days(
                datetime.combine(start, datetime.min.time(), tzinfo=ZoneInfo(target.timezone)), days)
            skipped = tuple(d for year in range(start.year, result.year + 1) for d in calendar.days_off(year)
                            if start < d.day < result)
            return WorkingDayAnswer(start, days, result, due, calendar.policy.joint_leave_is_day_off, skipped)

    def days_off(self, year: int, *, tenant: str | None = None) -> list[DayOff]:
        """Days off that stop the clock (on weekdays the office would otherwise open)."""
        return [d for d, closed_anyway in self.holidays(year, tenant=tenant) if not closed_anyway]

    def holidays(self, year: int, *, tenant: str | None = None) -> list[tuple[DayOff, bool]]:
        """Every day off of the year, each with whether the office is closed that weekday anyway."""
        if not 1900 <= year <= 2200:
            raise InvalidInput(f"tahun di luar jangkauan: {year}", f"year out of range: {year}")
        with self.ctx.uow(write=False) as uow:
            target = pick_tenant(uow, tenant, self.ctx.settings.default_tenant)
            return tenant_calendar(self.ctx, uow, target).listing(year)

    def set_day(self, day: date, *, off: str | None = None, work: bool = False, clear: bool = False,
                tenant: str | None = None) -> None:
        """Record a local day off (``off`` = its name), a revoked day off (``work``), or remove either."""
        if sum((off is not None, work, clear)) != 1:
            raise InvalidInput("pilih salah satu: --off NAMA, --work, atau --clear",
                               "choose exactly one of --off NAME, --work or --clear")
        try:
            with self.ctx.uow() as uow:
                target = pick_tenant(uow, tenant, self.ctx.settings.default_tenant)
                record = None if clear else OverrideRecord(day, "work" if work else "off",
                                                           off or "Hari kerja (pencabutan hari libur)")
                uow.calendars.set_override(target.id, record, day, self.ctx.now())
                uow.commit()
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc
