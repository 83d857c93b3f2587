"""Inbox page queries: one person's open items (theirs and their roles' queues), filtered, sorted by
deadline and counted in SQL; and a unit's open work for its supervisor.

A person's items are found by the union of three covering index lookups (``ix_work_item_claimed``,
``ix_work_item_assignee``, ``ix_candidate_queue``) and then read by primary key, so the cost follows
the person's own open work, not the size of the table; filters narrow those rows, and the page and
its total come from one statement (a window count). A unit's open work is read from
``ix_work_item_unit`` (OPD, status, due, created), which also holds the sort columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    func,
    literal_column,
    or_,
    select,
    union,
)
from sqlalchemy.orm import Session

from engine.persistence.models import DefinitionRow, WorkItemCandidateRow, WorkItemRow

OPEN = ("open", "claimed")
W = WorkItemRow
_COLUMNS = (W.id, W.due_at, W.created_at, W.opd_id, W.bucket, W.opened_at, W.definition_key)


def _plain(column: Any, default: Any) -> Any:
    """The column wrapped so no index can serve a test on it.

    Once the person's ids are found, the rows must be fetched by primary key. A plain test on an
    indexed column in that outer query (``status = 'open'``, ``claimed_by = ?``) tempts SQLite's
    planner into that index instead: without statistics it guesses ten rows per value; with ANALYZE
    statistics it sees claimed_by and assignee_id as NULL almost everywhere and scans the table.
    Either way 100,000 rows are read (30-100 ms) for a person with 200. PostgreSQL plans it right
    anyway; the wrapper costs it nothing.
    """
    return func.coalesce(column, default)


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
        shape = _shape(wanted, role_ids)
        if shape is None:
            return [], 0
        params = {"user": user_id, "roles": sorted(role_ids), "bucket": wanted.bucket, "process": wanted.process,
                  "limit": limit, "offset": offset}
        rows = list(self.s.execute(_statement("page", shape), params))
        if rows:
            return [Found(r[0], r[1], bool(r[2])) for r in rows], int(rows[0][3])
        # Past the last page the window count has no row to ride on: count separately.
        return [], int(self.s.scalar(_statement("total", shape), params) or 0) if offset else 0

    def counts(self, user_id: int, role_ids: set[int], now: datetime) -> list[BucketCount]:
        shape = _shape(InboxFilter(), role_ids)
        assert shape is not None
        rows = self.s.execute(_statement("counts", shape), {"user": user_id, "roles": sorted(role_ids), "now": now})
        return [BucketCount(b, int(t), int(u or 0), int(o or 0), int(m or 0)) for b, t, u, o, m in rows]

    def processes(self, tenant_id: int, user_id: int, role_ids: set[int]) -> list[tuple[str, str, int]]:
        """(definition key, name, open items) of the processes the person's open items belong to."""
        shape = _shape(InboxFilter(), role_ids)
        assert shape is not None
        counted = {key: int(n) for key, n in self.s.execute(_statement("processes", shape),
                                                            {"user": user_id, "roles": sorted(role_ids)})}
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
            # As a CASE, so the planner keeps to ix_work_item_unit instead of ix_work_item_due (status, due)
            # across every OPD (see _plain).
            where.append(case((W.due_at < overdue_at, 1), else_=0) == 1)
        query = (select(W.id, W.opd_id, literal_column("0", Integer), func.count().over()).where(*where)
                 .order_by(W.due_at.is_(None), W.due_at, W.created_at, W.id).limit(limit).offset(offset))
        rows = list(self.s.execute(query))
        if rows:
            return [Found(r[0], r[1], False) for r in rows], int(rows[0][3])
        return [], int(self.s.scalar(select(func.count()).select_from(W).where(*where)) or 0) if offset else 0

    def unit_processes(self, tenant_id: int, opd_ids: set[int]) -> list[tuple[str, str, int]]:
        if not opd_ids:
            return []
        counted = {key: int(n) for key, n in self.s.execute(
            select(W.definition_key, func.count()).where(W.opd_id.in_(opd_ids), W.status.in_(OPEN))
            .group_by(W.definition_key))}
        return self._named(tenant_id, counted)

    def _named(self, tenant_id: int, counted: dict[str, int]) -> list[tuple[str, str, int]]:
        if not counted:
            return []
        names = {key: name for key, name in self.s.execute(select(DefinitionRow.key, DefinitionRow.name).where(
            DefinitionRow.tenant_id == tenant_id, DefinitionRow.key.in_(counted)))}
        return sorted(((key, names.get(key, key), n) for key, n in counted.items()), key=lambda t: t[1].casefold())


# -- statements, built once per shape ---------------------------------------------------------------
# Building a statement and its cache key costs more than running it on a person's few hundred rows,
# so each shape of query (scope, status, which filters are set) is built once, with bound parameters.
_Shape = tuple[str, str | None, bool, bool, bool]       # scope, status, bucket?, process?, roles?
_BUILT: dict[tuple[str, _Shape], Any] = {}


def _shape(wanted: InboxFilter, role_ids: set[int]) -> _Shape | None:
    """The query's shape, or None when it can find nothing (only a queue, and no roles)."""
    if wanted.scope == "queue" and (not role_ids or wanted.status == "claimed"):
        return None
    return wanted.scope, wanted.status, wanted.bucket is not None, wanted.process is not None, bool(role_ids)


def _statement(kind: str, shape: _Shape) -> Any:
    found = _BUILT.get((kind, shape))
    if found is None:
        found = _BUILT[(kind, shape)] = _build(kind, shape)
    return found


def _build(kind: str, shape: _Shape) -> Any:
    sub = _items(shape)
    if kind == "page":
        return (select(sub.c.id, sub.c.opd_id, sub.c.mine, func.count().over())
                .order_by(sub.c.due_at.is_(None), sub.c.due_at, sub.c.created_at, sub.c.id)
                .limit(bindparam("limit", type_=Integer)).offset(bindparam("offset", type_=Integer)))
    if kind == "total":
        return select(func.count()).select_from(sub)
    if kind == "counts":
        return (select(sub.c.bucket, func.count(), func.sum(case((sub.c.opened_at.is_(None), 1), else_=0)),
                       func.sum(case((sub.c.due_at < bindparam("now"), 1), else_=0)), func.sum(sub.c.mine))
                .group_by(sub.c.bucket))
    assert kind == "processes"
    return select(sub.c.definition_key, func.count()).group_by(sub.c.definition_key)


def _parts(shape: _Shape) -> list[Select[Any]]:
    """Id lookups, each inside one covering index: claimed by the person, assigned to them, their roles' queues."""
    scope, status, _, _, has_roles = shape
    user = bindparam("user", type_=Integer)
    parts: list[Select[Any]] = []
    if scope in ("all", "mine"):
        if status in (None, "claimed"):
            parts.append(select(W.id).where(W.claimed_by == user, W.status.in_(OPEN)))
        # An item naming a person can only be claimed by that person: no claimant test needed here,
        # which keeps this lookup inside ix_work_item_assignee.
        parts.append(select(W.id).where(W.assignee_id == user, W.status.in_((status,) if status else OPEN)))
    if scope in ("all", "queue") and has_roles and status in (None, "open"):
        parts.append(select(WorkItemCandidateRow.work_item_id.label("id")).where(
            WorkItemCandidateRow.role_id.in_(bindparam("roles", expanding=True)),
            WorkItemCandidateRow.active.is_(True)))
    return parts


def _items(shape: _Shape) -> Any:
    """The person's open items as a subquery: ids from ``_parts``, then the rows by primary key,
    narrowed by the filters (see ``_plain``)."""
    scope, status, bucket, process, _ = shape
    parts = _parts(shape)
    user = bindparam("user", type_=Integer)
    ids = union(*parts) if len(parts) > 1 else parts[0]
    mine = or_(_plain(W.claimed_by, 0) == user, _plain(W.assignee_id, 0) == user)
    queue = and_(_plain(W.status, "") == "open", _plain(W.assignee_id, 0) == 0)
    where = [W.id.in_(ids), {"mine": mine, "queue": queue}.get(scope, or_(mine, queue))]
    if status:
        where.append(_plain(W.status, "") == status)
    if bucket:
        where.append(W.bucket == bindparam("bucket"))
    if process:
        where.append(W.definition_key == bindparam("process"))
    return select(*_COLUMNS, case((mine, 1), else_=0).label("mine")).where(*where).subquery()
