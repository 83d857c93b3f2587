"""Aggregates for the unit dashboard: open work and SLA outcomes grouped in the database.

Both queries group on the server (one row per OPD and process, one per week and outcome), so the
cost does not depend on pulling 100,000 work items into Python. Weeks are numbered with a CASE over
boundaries computed by the caller in the tenant's zone, which works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from engine.persistence.models import DefinitionRow, OpdRow, SlaClockRow, WorkItemRow

OPEN = ("open", "claimed")


@dataclass(frozen=True)
class LoadRow:
    opd_id: int
    definition_key: str
    open: int
    overdue: int
    due_soon: int
    oldest_open_at: datetime | None


@dataclass(frozen=True)
class OutcomeRow:
    week: int
    met: int
    breached: int


class DashboardRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def open_load(self, tenant_id: int, opd_ids: set[int], now: datetime, soon_until: datetime) -> list[LoadRow]:
        if not opd_ids:
            return []
        due = WorkItemRow.due_at
        query = (select(WorkItemRow.opd_id, WorkItemRow.definition_key, func.count(),
                        func.sum(case((due < now, 1), else_=0)),
                        func.sum(case(((due >= now) & (due <= soon_until), 1), else_=0)),
                        func.min(WorkItemRow.created_at))
                 .where(WorkItemRow.opd_id.in_(opd_ids), WorkItemRow.status.in_(OPEN),
                        WorkItemRow.tenant_id == tenant_id)
                 .group_by(WorkItemRow.opd_id, WorkItemRow.definition_key)
                 .order_by(WorkItemRow.opd_id, WorkItemRow.definition_key))
        return [LoadRow(int(opd), key, int(count), int(overdue or 0), int(soon or 0), _aware(oldest))
                for opd, key, count, overdue, soon, oldest in self.s.execute(query)]

    def outcomes(self, tenant_id: int, opd_ids: set[int], boundaries: list[datetime]) -> list[OutcomeRow]:
        """Clocks closed in [boundaries[i], boundaries[i+1]) per week index i, met and breached."""
        if not opd_ids or len(boundaries) < 2:
            return []
        finished = SlaClockRow.finished_at
        week = case(*[(finished < edge, i) for i, edge in enumerate(boundaries[1:])], else_=len(boundaries) - 1)
        query = (select(week.label("week"), func.sum(case((SlaClockRow.status == "met", 1), else_=0)),
                        func.sum(case((SlaClockRow.status == "breached", 1), else_=0)))
                 .where(SlaClockRow.tenant_id == tenant_id, SlaClockRow.opd_id.in_(opd_ids),
                        SlaClockRow.status != "running", finished >= boundaries[0], finished < boundaries[-1])
                 .group_by(week))
        return [OutcomeRow(int(w), int(met or 0), int(breached or 0)) for w, met, breached in self.s.execute(query)]

    def opds(self, tenant_id: int) -> dict[int, tuple[str, str]]:
        """opd id -> (code, name) of the tenant's OPDs."""
        rows = self.s.execute(select(OpdRow.id, OpdRow.code, OpdRow.name).where(OpdRow.tenant_id == tenant_id))
        return {opd_id: (code, name) for opd_id, code, name in rows}

    def process_names(self, tenant_id: int) -> dict[str, str]:
        rows = self.s.execute(select(DefinitionRow.key, DefinitionRow.name).where(DefinitionRow.tenant_id == tenant_id))
        return {key: name for key, name in rows}


def _aware(value: datetime | None) -> datetime | None:
    """Aggregates bypass the column type on SQLite: re-attach UTC to the naive value it returns."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
