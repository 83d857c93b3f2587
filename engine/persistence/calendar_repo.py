"""Calendar policy, local overrides and SLA classes of a tenant, as plain data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from engine.persistence.models import CalendarOverrideRow, CalendarPolicyRow, SlaClassRow, TenantRow


@dataclass(frozen=True)
class PolicyRecord:
    opd_id: int | None
    joint_leave_is_day_off: bool
    office_hours: dict[int, tuple[time, time]]


@dataclass(frozen=True)
class OverrideRecord:
    day: date
    kind: str          # "off" | "work"
    name: str


def _hours_to_json(hours: dict[int, tuple[time, time]]) -> str:
    return json.dumps({str(d): [a.isoformat("minutes"), b.isoformat("minutes")] for d, (a, b) in sorted(hours.items())})


def _hours_from_json(text: str) -> dict[int, tuple[time, time]]:
    raw: dict[str, Any] = json.loads(text)
    return {int(d): (time.fromisoformat(a), time.fromisoformat(b)) for d, (a, b) in raw.items()}


class CalendarRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def policies(self, tenant_id: int) -> list[PolicyRecord]:
        rows = self.s.scalars(select(CalendarPolicyRow).where(CalendarPolicyRow.tenant_id == tenant_id))
        return [PolicyRecord(r.opd_id, r.joint_leave_is_day_off, _hours_from_json(r.office_hours_json)) for r in rows]

    def overrides(self, tenant_id: int) -> list[OverrideRecord]:
        rows = self.s.scalars(select(CalendarOverrideRow).where(CalendarOverrideRow.tenant_id == tenant_id)
                              .order_by(CalendarOverrideRow.day))
        return [OverrideRecord(r.day, r.kind, r.name) for r in rows]

    def sla_classes(self, tenant_id: int) -> dict[str, tuple[str, str]]:
        """code -> (name, duration)."""
        rows = self.s.scalars(select(SlaClassRow).where(SlaClassRow.tenant_id == tenant_id).order_by(SlaClassRow.code))
        return {r.code: (r.name, r.duration) for r in rows}

    def replace_policies(self, tenant_id: int, policies: list[PolicyRecord]) -> None:
        self.s.execute(delete(CalendarPolicyRow).where(CalendarPolicyRow.tenant_id == tenant_id))
        for p in policies:
            self.s.add(CalendarPolicyRow(tenant_id=tenant_id, opd_id=p.opd_id,
                                         joint_leave_is_day_off=p.joint_leave_is_day_off,
                                         office_hours_json=_hours_to_json(p.office_hours)))
        self.bump(tenant_id)

    def replace_overrides(self, tenant_id: int, overrides: list[OverrideRecord], now: datetime) -> None:
        self.s.execute(delete(CalendarOverrideRow).where(CalendarOverrideRow.tenant_id == tenant_id))
        for o in overrides:
            self.s.add(CalendarOverrideRow(tenant_id=tenant_id, day=o.day, kind=o.kind, name=o.name, created_at=now))
        self.bump(tenant_id)

    def set_override(self, tenant_id: int, override: OverrideRecord | None, day: date, now: datetime) -> None:
        """Add, change or (with ``override`` None) remove the override of one day."""
        self.s.execute(delete(CalendarOverrideRow).where(CalendarOverrideRow.tenant_id == tenant_id,
                                                          CalendarOverrideRow.day == day))
        if override is not None:
            self.s.add(CalendarOverrideRow(tenant_id=tenant_id, day=override.day, kind=override.kind,
                                           name=override.name, created_at=now))
        self.bump(tenant_id)

    def replace_sla_classes(self, tenant_id: int, classes: dict[str, tuple[str, str]]) -> None:
        self.s.execute(delete(SlaClassRow).where(SlaClassRow.tenant_id == tenant_id))
        for code, (name, duration) in classes.items():
            self.s.add(SlaClassRow(tenant_id=tenant_id, code=code, name=name, duration=duration))
        self.bump(tenant_id)

    def bump(self, tenant_id: int) -> None:
        self.s.flush()
        self.s.execute(update(TenantRow).where(TenantRow.id == tenant_id)
                       .values(calendar_rev=TenantRow.calendar_rev + 1).execution_options(synchronize_session=False))
