"""The inbox page's data: a person's open tasks with their deadlines, SRIKANDI-style counters, the
process filter, and the "read" mark.

Everything is filtered, sorted (deadline first, items without one last, then oldest first) and paged
in SQL (``engine.persistence.inbox_repo``); only the rows of one page get a full view and a
deadline, counted in working days with the business calendar the item's OPD works by.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine.domain.deadlines import Deadline, deadline_of
from engine.domain.errors import InvalidInput
from engine.domain.org import Actor, Tenant
from engine.domain.views import WorkItem
from engine.persistence.inbox_repo import Found, InboxFilter
from engine.persistence.uow import ConcurrentWrite, UnitOfWork
from engine.services.calendars import tenant_calendar
from engine.services.context import ServiceContext, conflict_on_concurrent_write, resolve_actor
from engine.services.handover import item_state
from engine.services.work_items import may_act

BUCKETS = ("paraf", "tanda_tangan", "disposisi", "lainnya")
SCOPES = ("all", "mine", "queue")
STATUSES = ("open", "claimed")
MAX_PAGE = 200


@dataclass(frozen=True)
class InboxRow:
    item: WorkItem
    deadline: Deadline
    mine: bool          # claimed by or assigned to the person (else offered to one of their roles)
    unread: bool        # nobody who may act on it has opened it yet ("belum dibaca")

    def as_dict(self) -> dict[str, Any]:
        return {"item": self.item.as_dict(), "deadline": self.deadline.as_dict(), "mine": self.mine,
                "unread": self.unread}


@dataclass(frozen=True)
class InboxPage:
    items: tuple[InboxRow, ...]
    total: int          # rows matching the filters, over all pages
    limit: int
    offset: int

    def as_dict(self) -> dict[str, Any]:
        return {"items": [r.as_dict() for r in self.items], "total": self.total, "limit": self.limit,
                "offset": self.offset}


@dataclass(frozen=True)
class ProcessOption:
    """One entry of the process filter: a process the listed items belong to."""

    key: str
    name: str
    count: int


def check_paging(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE or offset < 0:
        raise InvalidInput(f"halaman tidak valid (batas 1-{MAX_PAGE}, mulai dari 0)",
                           f"invalid page (limit 1-{MAX_PAGE}, offset from 0)")


def page_rows(ctx: ServiceContext, uow: UnitOfWork, tenant: Tenant, actor: Actor, found: list[Found],
              now: datetime) -> tuple[InboxRow, ...]:
    """Full views with deadlines, in the order found."""
    views = uow.work_items.views([f.id for f in found])
    opd_of = {f.id: f.opd_id for f in found}
    rows = []
    for item in views:
        calendar = tenant_calendar(ctx, uow, tenant, opd_of[item.id])
        rows.append(InboxRow(item, deadline_of(item.due_at, now, calendar),
                             actor.username in (item.claimed_by, item.assignee), item.opened_at is None))
    return tuple(rows)


class InboxService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def page(self, as_user: str, *, scope: str = "all", bucket: str | None = None, process: str | None = None,
             status: str | None = None, limit: int = 50, offset: int = 0) -> InboxPage:
        """``scope``: all | mine (claimed by / assigned to me) | queue (my roles' unclaimed items);
        ``status``: open (unclaimed) | claimed; ``process``: a definition key (see ``processes``)."""
        wanted = InboxFilter(scope, bucket or None, process or None, status or None)
        _check(wanted)
        check_paging(limit, offset)
        with self.ctx.uow(write=False) as uow:
            now = self.ctx.now()
            actor = resolve_actor(uow, as_user, now)
            found, total = uow.inbox.page(actor.user_id, set(actor.role_ids), wanted, limit=limit, offset=offset)
            rows = page_rows(self.ctx, uow, uow.org.tenant(actor.tenant_id), actor, found, now)
            return InboxPage(rows, total, limit, offset)

    def counts(self, as_user: str) -> dict[str, Any]:
        """The counters over all the person's open items::

            {"total": 12, "mine": 3, "queue": 9, "belum_dibaca": 4, "lewat_tenggat": 1,
             "buckets": {"paraf": {"total": 2, "belum_dibaca": 1, "lewat_tenggat": 0}, "tanda_tangan": ...,
                         "disposisi": ..., "lainnya": ...}}
        """
        with self.ctx.uow(write=False) as uow:
            now = self.ctx.now()
            actor = resolve_actor(uow, as_user, now)
            counted = uow.inbox.counts(actor.user_id, set(actor.role_ids), now)
        buckets = {b: {"total": 0, "belum_dibaca": 0, "lewat_tenggat": 0} for b in BUCKETS}
        for c in counted:
            slot = buckets.setdefault(c.bucket, {"total": 0, "belum_dibaca": 0, "lewat_tenggat": 0})
            slot["total"], slot["belum_dibaca"], slot["lewat_tenggat"] = c.total, c.unread, c.overdue
        total = sum(c.total for c in counted)
        mine = sum(c.mine for c in counted)
        return {"total": total, "mine": mine, "queue": total - mine,
                "belum_dibaca": sum(c.unread for c in counted), "lewat_tenggat": sum(c.overdue for c in counted),
                "buckets": buckets}

    def processes(self, as_user: str) -> list[ProcessOption]:
        """The processes the person's open items belong to (the filter's options), by name."""
        with self.ctx.uow(write=False) as uow:
            actor = resolve_actor(uow, as_user, self.ctx.now())
            return [ProcessOption(*p) for p in uow.inbox.processes(actor.tenant_id, actor.user_id,
                                                                   set(actor.role_ids))]

    def mark_opened(self, item_id: int, as_user: str) -> bool:
        """Note that the task was opened, the first time someone who may act on it now opens it (its
        claimant, or when unclaimed its assignee or a holder of one of its roles); True when this call
        marked it. Others (a supervisor, an auditor) opening it leave it unread."""
        try:
            with self.ctx.uow() as uow:
                now = self.ctx.now()
                actor = resolve_actor(uow, as_user, now)
                state = item_state(uow, actor, item_id)
                acts = (state.claimed_by == actor.user_id if state.claimed_by is not None
                        else may_act(uow, actor, state))
                if not acts or not uow.work_items.set_opened(item_id, now):
                    return False
                uow.commit()
                return True
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc


def _check(wanted: InboxFilter) -> None:
    if wanted.scope not in SCOPES:
        raise InvalidInput(f"cakupan tidak dikenal: {wanted.scope!r} (all, mine, queue)",
                           f"unknown scope: {wanted.scope!r} (all, mine, queue)")
    if wanted.bucket is not None and wanted.bucket not in BUCKETS:
        raise InvalidInput(f"kelompok tidak dikenal: {wanted.bucket!r} ({', '.join(BUCKETS)})",
                           f"unknown bucket: {wanted.bucket!r} ({', '.join(BUCKETS)})")
    if wanted.status is not None and wanted.status not in STATUSES:
        raise InvalidInput(f"status tidak dikenal: {wanted.status!r} (open, claimed)",
                           f"unknown status: {wanted.status!r} (open, claimed)")
