"""SLA clocks and the in-app notifications that reminders, breaches and escalations produce."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from engine.persistence.models import NotificationRow, OpdRow, SlaClockRow


@dataclass(frozen=True)
class Clock:
    id: int
    tenant_id: int
    instance_id: int
    task_id: str
    scope: str
    work_item_id: int | None
    opd_id: int | None
    element_id: str
    name: str
    duration: str
    reminder: str | None
    actions: str
    started_at: datetime
    due_at: datetime
    period_seconds: int
    paused_since: datetime | None
    paused_seconds: int
    breaches: int
    status: str


def _clock(r: SlaClockRow) -> Clock:
    return Clock(r.id, r.tenant_id, r.instance_id, r.task_id, r.scope, r.work_item_id, r.opd_id, r.element_id,
                 r.name, r.duration, r.reminder, r.actions, r.started_at, r.due_at, r.period_seconds,
                 r.paused_since, r.paused_seconds, r.breaches, r.status)


@dataclass(frozen=True)
class ReportRow:
    opd_code: str | None
    scope: str
    total: int
    met: int
    breached: int
    overdue_seconds: int


@dataclass(frozen=True)
class Notification:
    id: int
    kind: str
    title: str
    body: str
    instance_id: int | None
    work_item_id: int | None
    created_at: datetime
    read_at: datetime | None


class SlaRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def running(self, instance_id: int) -> dict[str, Clock]:
        rows = self.s.scalars(select(SlaClockRow).where(SlaClockRow.instance_id == instance_id,
                                                        SlaClockRow.status == "running"))
        return {r.task_id: _clock(r) for r in rows}

    def get(self, clock_id: int) -> Clock | None:
        row = self.s.get(SlaClockRow, clock_id, populate_existing=True)
        return _clock(row) if row else None

    def start(self, *, tenant_id: int, instance_id: int, task_id: str, scope: str, work_item_id: int | None,
              opd_id: int | None, definition_key: str, element_id: str, name: str, duration: str,
              reminder: str | None, actions: str, started_at: datetime, due_at: datetime, period_seconds: int) -> int:
        row = SlaClockRow(tenant_id=tenant_id, instance_id=instance_id, task_id=task_id, scope=scope,
                          work_item_id=work_item_id, opd_id=opd_id, definition_key=definition_key,
                          element_id=element_id, name=name, duration=duration, reminder=reminder, actions=actions,
                          started_at=started_at, due_at=due_at, period_seconds=period_seconds, paused_seconds=0,
                          breaches=0, status="running")
        self.s.add(row)
        self.s.flush()
        return row.id

    def update(self, clock_id: int, **values: object) -> None:
        self.s.execute(update(SlaClockRow).where(SlaClockRow.id == clock_id).values(**values)
                       .execution_options(synchronize_session=False))

    def report(self, tenant_id: int, start: datetime, end: datetime, opd_code: str | None) -> list[ReportRow]:
        """Clocks finished in [start, end), per OPD and scope."""
        query = (select(OpdRow.code, SlaClockRow.scope, func.count(),
                        func.sum(case((SlaClockRow.status == "met", 1), else_=0)),
                        func.coalesce(func.sum(SlaClockRow.overdue_seconds), 0))
                 .outerjoin(OpdRow, OpdRow.id == SlaClockRow.opd_id)
                 .where(SlaClockRow.tenant_id == tenant_id, SlaClockRow.finished_at >= start,
                        SlaClockRow.finished_at < end, SlaClockRow.status != "running")
                 .group_by(OpdRow.code, SlaClockRow.scope).order_by(OpdRow.code, SlaClockRow.scope))
        if opd_code:
            query = query.where(OpdRow.code == opd_code.upper())
        return [ReportRow(code, scope, total, int(met or 0), total - int(met or 0), int(overdue or 0))
                for code, scope, total, met, overdue in self.s.execute(query)]

    # -- notifications --------------------------------------------------------------------------------
    def notify(self, *, tenant_id: int, user_id: int, kind: str, title: str, body: str, instance_id: int | None,
               work_item_id: int | None, now: datetime) -> int:
        row = NotificationRow(tenant_id=tenant_id, user_id=user_id, kind=kind, title=title, body=body,
                              instance_id=instance_id, work_item_id=work_item_id, created_at=now)
        self.s.add(row)
        self.s.flush()
        return row.id

    def notifications(self, user_id: int, unread_only: bool, limit: int = 100) -> list[Notification]:
        query = select(NotificationRow).where(NotificationRow.user_id == user_id)
        if unread_only:
            query = query.where(NotificationRow.read_at.is_(None))
        rows = self.s.scalars(query.order_by(NotificationRow.id.desc()).limit(limit))
        return [Notification(r.id, r.kind, r.title, r.body, r.instance_id, r.work_item_id, r.created_at, r.read_at)
                for r in rows]

    def mark_read(self, user_id: int, now: datetime, ids: list[int] | None = None) -> int:
        query = update(NotificationRow).where(NotificationRow.user_id == user_id, NotificationRow.read_at.is_(None))
        if ids is not None:
            query = query.where(NotificationRow.id.in_(ids))
        result = self.s.execute(query.values(read_at=now).execution_options(synchronize_session=False))
        return int(result.rowcount)  # type: ignore[attr-defined]

    def mark_emailed(self, notification_id: int, now: datetime) -> None:
        self.s.execute(update(NotificationRow).where(NotificationRow.id == notification_id)
                       .values(emailed_at=now).execution_options(synchronize_session=False))

    def notification_target(self, notification_id: int) -> tuple[int, str, str] | None:
        """(user id, title, body) of one notification."""
        row = self.s.get(NotificationRow, notification_id)
        return (row.user_id, row.title, row.body) if row else None
