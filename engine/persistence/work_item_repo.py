"""The inbox projection: one row per ready human task, indexed for the queries clerks make."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session, aliased

from engine.domain.views import WorkItem
from engine.persistence.inbox_repo import InboxFilter, InboxRepository
from engine.persistence.models import (
    OpdRow,
    RoleRow,
    UserRow,
    WorkItemCandidateRow,
    WorkItemRow,
)

OPEN = ("open", "claimed")
# The inbox statements are built once: building them per call costs more than running them.
_ASSIGNEE, _CLAIMANT, _COMPLETER = aliased(UserRow), aliased(UserRow), aliased(UserRow)
W = WorkItemRow
# Plain columns, not the mapped entity: a page of 50 views loads twice as fast without the ORM's
# identity map (the views are frozen records, never changed through the session).
_VIEW = (
    select(W.id, W.instance_id, W.task_id, W.process_id, W.element_id, W.name, W.kind, W.form_id, W.status,
           _ASSIGNEE.username.label("assignee"), _CLAIMANT.username.label("claimed_by"), W.claimed_at,
           OpdRow.code.label("opd_code"), W.due_at, W.created_at, W.completed_at,
           _COMPLETER.username.label("completed_by"), W.definition_key, W.business_key, W.bucket, W.opened_at)
    .outerjoin(_ASSIGNEE, _ASSIGNEE.id == WorkItemRow.assignee_id)
    .outerjoin(_CLAIMANT, _CLAIMANT.id == WorkItemRow.claimed_by)
    .outerjoin(_COMPLETER, _COMPLETER.id == WorkItemRow.completed_by)
    .outerjoin(OpdRow, OpdRow.id == WorkItemRow.opd_id)
    .where(WorkItemRow.id.in_(bindparam("ids", expanding=True)))
)
_CANDIDATES = (
    select(WorkItemCandidateRow.work_item_id, RoleRow.name, OpdRow.code)
    .join(RoleRow, RoleRow.id == WorkItemCandidateRow.role_id)
    .join(OpdRow, OpdRow.id == RoleRow.opd_id)
    .where(WorkItemCandidateRow.work_item_id.in_(bindparam("ids", expanding=True)))
)


@dataclass(frozen=True)
class ItemState:
    id: int
    instance_id: int
    tenant_id: int
    status: str
    assignee_id: int | None
    claimed_by: int | None
    task_id: str
    element_id: str
    form_id: str | None
    completed_by: int | None
    opd_id: int | None = None


class WorkItemRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def create(self, *, tenant_id: int, instance_id: int, definition_key: str, business_key: str | None,
               task_id: str, process_id: str, element_id: str, name: str, kind: str, form_id: str | None,
               assignee_id: int | None, opd_id: int | None, role_ids: list[int], now: datetime,
               bucket: str = "lainnya") -> int:
        row = WorkItemRow(
            tenant_id=tenant_id, instance_id=instance_id, definition_key=definition_key, business_key=business_key,
            task_id=task_id, process_id=process_id, element_id=element_id, name=name, kind=kind, form_id=form_id,
            bucket=bucket,
            status="open", assignee_id=assignee_id, opd_id=opd_id, created_at=now,
        )
        self.s.add(row)
        self.s.flush()
        for role_id in sorted(set(role_ids)):
            self.s.add(WorkItemCandidateRow(work_item_id=row.id, role_id=role_id, active=True))
        return row.id

    def open_task_ids(self, instance_id: int) -> dict[str, int]:
        rows = self.s.execute(select(WorkItemRow.task_id, WorkItemRow.id).where(
            WorkItemRow.instance_id == instance_id, WorkItemRow.status.in_(OPEN)))
        return {task_id: item_id for task_id, item_id in rows}

    def state(self, item_id: int) -> ItemState | None:
        """The columns authorisation and completion need, without the joins of a full view."""
        row = self.s.execute(select(
            WorkItemRow.id, WorkItemRow.instance_id, WorkItemRow.tenant_id, WorkItemRow.status,
            WorkItemRow.assignee_id, WorkItemRow.claimed_by, WorkItemRow.task_id, WorkItemRow.element_id,
            WorkItemRow.form_id, WorkItemRow.completed_by, WorkItemRow.opd_id,
        ).where(WorkItemRow.id == item_id)).first()
        return ItemState(*row) if row else None  # type: ignore[call-arg]

    def candidate_role_ids(self, item_id: int) -> set[int]:
        return set(self.s.scalars(select(WorkItemCandidateRow.role_id)
                                  .where(WorkItemCandidateRow.work_item_id == item_id)))

    def set_claim(self, item_id: int, user_id: int | None, now: datetime, *, expect: str) -> bool:
        result = self.s.execute(
            update(WorkItemRow)
            .where(WorkItemRow.id == item_id, WorkItemRow.status == expect)
            .values(status="claimed" if user_id else "open", claimed_by=user_id,
                    claimed_at=now if user_id else None)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]

    def hand_over(self, item_id: int, user_id: int, now: datetime, *, expect_claimant: int | None,
                  assignee: bool) -> bool:
        """Give an open item to one person (delegation, a supervisor's reassignment): claimed by them, and
        assigned to them when it was assigned to someone; unread again, since they have not opened it."""
        claimant = WorkItemRow.claimed_by
        values: dict[str, object] = {"status": "claimed", "claimed_by": user_id, "claimed_at": now, "opened_at": None}
        if assignee:
            values["assignee_id"] = user_id
        result = self.s.execute(
            update(WorkItemRow)
            .where(WorkItemRow.id == item_id, WorkItemRow.status.in_(OPEN),
                   claimant.is_(None) if expect_claimant is None else claimant == expect_claimant)
            .values(**values).execution_options(synchronize_session=False)
        )
        return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]

    def set_opened(self, item_id: int, now: datetime) -> bool:
        """Record the first opening; False when it was opened before (or is no longer open)."""
        result = self.s.execute(
            update(WorkItemRow)
            .where(WorkItemRow.id == item_id, WorkItemRow.opened_at.is_(None), WorkItemRow.status.in_(OPEN))
            .values(opened_at=now).execution_options(synchronize_session=False)
        )
        return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]

    def complete(self, item_id: int, user_id: int, now: datetime) -> bool:
        result = self.s.execute(
            update(WorkItemRow)
            .where(WorkItemRow.id == item_id, WorkItemRow.status.in_(OPEN))
            .values(status="completed", completed_by=user_id, completed_at=now)
            .execution_options(synchronize_session=False)
        )
        self._close_queue([item_id])
        return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]

    def cancel(self, item_ids: list[int], now: datetime) -> None:
        if item_ids:
            self.s.execute(
                update(WorkItemRow).where(WorkItemRow.id.in_(item_ids), WorkItemRow.status.in_(OPEN))
                .values(status="cancelled", completed_at=now).execution_options(synchronize_session=False)
            )
            self._close_queue(item_ids)

    def set_due(self, item_id: int, due_at: datetime | None) -> None:
        self.s.execute(update(WorkItemRow).where(WorkItemRow.id == item_id).values(due_at=due_at)
                       .execution_options(synchronize_session=False))

    def add_candidate(self, item_id: int, role_id: int) -> None:
        """Offer the item to one more role (an escalation); a no-op when it already is."""
        exists = self.s.scalar(select(WorkItemCandidateRow.role_id).where(
            WorkItemCandidateRow.work_item_id == item_id, WorkItemCandidateRow.role_id == role_id))
        if exists is None:
            self.s.execute(insert(WorkItemCandidateRow).values(work_item_id=item_id, role_id=role_id, active=True))
        else:
            self.s.execute(update(WorkItemCandidateRow).where(WorkItemCandidateRow.work_item_id == item_id,
                                                              WorkItemCandidateRow.role_id == role_id)
                           .values(active=True).execution_options(synchronize_session=False))

    def reassign(self, item_id: int, role_ids: list[int], opd_id: int | None) -> None:
        """Give the item to other roles: earlier candidates and any claim or named assignee are dropped
        (the audit trail keeps who they were)."""
        self.s.execute(delete(WorkItemCandidateRow).where(WorkItemCandidateRow.work_item_id == item_id)
                       .execution_options(synchronize_session=False))
        self.s.execute(update(WorkItemRow).where(WorkItemRow.id == item_id, WorkItemRow.status.in_(OPEN))
                       .values(status="open", claimed_by=None, claimed_at=None, assignee_id=None, opd_id=opd_id)
                       .execution_options(synchronize_session=False))
        for role_id in role_ids:
            self.add_candidate(item_id, role_id)

    def _close_queue(self, item_ids: list[int]) -> None:
        self.s.execute(
            update(WorkItemCandidateRow).where(WorkItemCandidateRow.work_item_id.in_(item_ids))
            .values(active=False).execution_options(synchronize_session=False)
        )

    # -- queries ----------------------------------------------------------------------------------------
    def get(self, item_id: int) -> WorkItem | None:
        items = self._views_of([item_id])
        return items[0] if items else None

    def for_instance(self, instance_id: int, open_only: bool = True) -> list[WorkItem]:
        query = select(WorkItemRow).where(WorkItemRow.instance_id == instance_id)
        if open_only:
            query = query.where(WorkItemRow.status.in_(OPEN))
        return self._views(query.order_by(WorkItemRow.id))

    def inbox(self, user_id: int, role_ids: set[int], *, mine: bool = True, queue: bool = True,
              limit: int = 200) -> list[WorkItem]:
        """Items claimed by or assigned to the user, and unclaimed items offered to one of their roles,
        by deadline (the inbox page's query, ``InboxRepository.page``, without its filters)."""
        if not (mine or queue):
            return []
        scope = "all" if mine and queue else "mine" if mine else "queue"
        found, _ = InboxRepository(self.s).page(user_id, role_ids, InboxFilter(scope), limit=limit, offset=0)
        return self._views_of([f.id for f in found])

    def views(self, ids: list[int]) -> list[WorkItem]:
        """Full views of the items, in the order given."""
        return self._views_of(ids)

    def _views(self, query) -> list[WorkItem]:  # type: ignore[no-untyped-def]
        """Full views for the selected items: one joined query, plus one for candidate roles."""
        return self._views_of(list(self.s.scalars(query.with_only_columns(WorkItemRow.id))))

    def _views_of(self, ids: list[int]) -> list[WorkItem]:
        if not ids:
            return []
        rows = list(self.s.execute(_VIEW, {"ids": ids}).all())
        roles: dict[int, list[str]] = {}
        for item_id, role_name, opd_code in self.s.execute(_CANDIDATES, {"ids": ids}):
            roles.setdefault(item_id, []).append(f"{opd_code}/{role_name}")
        order = {item_id: i for i, item_id in enumerate(ids)}
        rows.sort(key=lambda row: order[row[0]])
        return [WorkItem(**r._asdict(), candidate_roles=tuple(sorted(roles.get(r[0], [])))) for r in rows]
