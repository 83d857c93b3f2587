"""Inbox page queries: one person's open items (theirs and their roles' queues), filtered, sorted by
deadline and counted in SQL; and a unit's open work for its supervisor.

A person's items are the union of three index lookups (``ix_work_item_claimed``,
``ix_work_item_assignee``, and ``ix_candidate_queue`` then the primary key), so the cost follows
the person's own open work, not the size of the table; filters narrow those rows, and the page and
its total come from one statement (a window count). A unit's open work is found through
``ix_work_item_opd`` (OPD, status).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Label, Select, case, func, literal_column, select, union
from sqlalchemy.orm import Session

from engine.persistence.models import DefinitionRow, WorkItemCandidateRow, WorkItemRow

OPEN = ("open", "claimed")
W = WorkItemRow
_COLUMNS = (W.id, W.due_at, W.created_at, W.opd_id, W.bucket, W.opened_at, W.definition_key)


@dataclass(frozen=True)
class InboxFilter:
    scope: str = "all"              # all | mine (claimed by / assigned to me) | queue (my roles, unclaimed)
    bucket: str | None = None       # paraf | tanda_tangan | disposisi | lainnya
    process: str | None = None      # definition key
    status: str | None = None       # open (unclaimed) | claimed


@dataclass(frozen=True)
class Found:
    id: int
    opd_id: int | None
    mine: bool                      # claimed by or assigned to the person (not only offered to their roles)


@dataclass(frozen=True)
class BucketCount:
    bucket: str
    total: int
    unread: int
    overdue: int
    mine: int


class InboxRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def page(self, user_id: int, role_ids: set[int], wanted: InboxFilter, *, limit: int,
             offset: int) -> tuple[list[Found], int]:
        sub = self._union(user_id, role_ids, wanted)
        if sub is None:
            return [], 0
        query = (select(sub.c.id, sub.c.opd_id, sub.c.mine, func.count().over())
                 .order_by(sub.c.due_at.is_(None), sub.c.due_at, sub.c.created_at, sub.c.id)
                 .limit(limit).offset(offset))
        return self._found(query, select(func.count()).select_from(sub), offset)

    def counts(self, user_id: int, role_ids: set[int], now: datetime) -> list[BucketCount]:
        sub = self._union(user_id, role_ids, InboxFilter())
        if sub is None:
            return []
        rows = self.s.execute(
            select(sub.c.bucket, func.count(), func.sum(case((sub.c.opened_at.is_(None), 1), else_=0)),
                   func.sum(case((sub.c.due_at < now, 1), else_=0)), func.sum(sub.c.mine))
            .group_by(sub.c.bucket))
        return [BucketCount(b, int(t), int(u or 0), int(o or 0), int(m or 0)) for b, t, u, o, m in rows]

    def processes(self, tenant_id: int, user_id: int, role_ids: set[int]) -> list[tuple[str, str, int]]:
        """(definition key, name, open items) of the processes the person's open items belong to."""
        sub = self._union(user_id, role_ids, InboxFilter())
        if sub is None:
            return []
        counted = {key: int(n) for key, n in self.s.execute(
            select(sub.c.definition_key, func.count()).group_by(sub.c.definition_key))}
        return self._named(tenant_id, counted)

    def unit(self, opd_ids: set[int], *, process: str | None, overdue_at: datetime | None, limit: int,
             offset: int) -> tuple[list[Found], int]:
        """Open items of the OPDs, most urgent first; with ``overdue_at``, only those due before it."""
        if not opd_ids:
            return [], 0
        where: list[ColumnElement[bool]] = [W.opd_id.in_(opd_ids), W.status.in_(OPEN)]
        if process:
            where.append(W.definition_key == process)
        if overdue_at is not None:
            where.append(W.due_at < overdue_at)
        query = (select(W.id, W.opd_id, literal_column("0", Integer), func.count().over()).where(*where)
                 .order_by(W.due_at.is_(None), W.due_at, W.created_at, W.id).limit(limit).offset(offset))
        return self._found(query, select(func.count()).select_from(W).where(*where), offset)

    def unit_processes(self, tenant_id: int, opd_ids: set[int]) -> list[tuple[str, str, int]]:
        if not opd_ids:
            return []
        counted = {key: int(n) for key, n in self.s.execute(
            select(W.definition_key, func.count()).where(W.opd_id.in_(opd_ids), W.status.in_(OPEN))
            .group_by(W.definition_key))}
        return self._named(tenant_id, counted)

    # -- building blocks ----------------------------------------------------------------------------
    def _union(self, user_id: int, role_ids: set[int], wanted: InboxFilter) -> Any:
        narrow: list[ColumnElement[bool]] = []
        if wanted.bucket:
            narrow.append(W.bucket == wanted.bucket)
        if wanted.process:
            narrow.append(W.definition_key == wanted.process)
        parts: list[Select] = []  # type: ignore[type-arg]
        mine: Label[Any] = literal_column("1", Integer).label("mine")
        queue: Label[Any] = literal_column("0", Integer).label("mine")
        if wanted.scope in ("all", "mine"):
            if wanted.status in (None, "claimed"):
                parts.append(select(*_COLUMNS, mine).where(W.claimed_by == user_id, W.status.in_(OPEN), *narrow))
            if wanted.status in (None, "open"):
                parts.append(select(*_COLUMNS, mine).where(W.assignee_id == user_id, W.claimed_by.is_(None),
                                                           W.status.in_(OPEN), *narrow))
        if wanted.scope in ("all", "queue") and role_ids and wanted.status in (None, "open"):
            parts.append(
                select(*_COLUMNS, queue)
                .join(WorkItemCandidateRow, WorkItemCandidateRow.work_item_id == W.id)
                .where(WorkItemCandidateRow.role_id.in_(role_ids), WorkItemCandidateRow.active.is_(True),
                       W.status == "open", W.assignee_id.is_(None), *narrow))
        if not parts:
            return None
        # UNION (not UNION ALL): an item offered to two of the person's roles is listed once.
        return union(*parts).subquery() if len(parts) > 1 else parts[0].distinct().subquery()

    def _found(self, query: Select, count: Select, offset: int) -> tuple[list[Found], int]:  # type: ignore[type-arg]
        rows = list(self.s.execute(query))
        if rows:
            return [Found(r[0], r[1], bool(r[2])) for r in rows], int(rows[0][3])
        # Past the last page the window count has no row to ride on: count separately.
        return [], int(self.s.scalar(count) or 0) if offset else 0

    def _named(self, tenant_id: int, counted: dict[str, int]) -> list[tuple[str, str, int]]:
        if not counted:
            return []
        names = {key: name for key, name in self.s.execute(select(DefinitionRow.key, DefinitionRow.name).where(
            DefinitionRow.tenant_id == tenant_id, DefinitionRow.key.in_(counted)))}
        return sorted(((key, names.get(key, key), n) for key, n in counted.items()), key=lambda t: t[1].casefold())
