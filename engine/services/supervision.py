"""Supervisors (access ``supervisor``): the open work of their units, and moving a task to someone else.

A supervisor's units are the OPDs of the roles they hold today (an acting appointment counts). Work
belongs to the OPD its candidate roles were resolved in when it was created; tasks that name one
person (an assignee expression, the starter) have no unit and are not listed here.

Who may receive a reassigned task: a person who today holds one of the task's candidate roles, or
who works in the task's OPD (any role there). The second matters when the only holder of a role is
away: the head of a unit may give the case to another of its people, as a written *disposisi*
would. The task is then claimed by that person (and assigned to them when it named someone), so a
release puts it back in its role's queue rather than with whoever had it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from engine.domain.errors import InvalidInput, PermissionDenied
from engine.domain.org import Actor
from engine.domain.views import WorkItem
from engine.persistence.uow import ConcurrentWrite, UnitOfWork
from engine.persistence.work_item_repo import ItemState
from engine.services.context import ServiceContext, conflict_on_concurrent_write, resolve_actor
from engine.services.handover import (
    Handover,
    hand_over,
    item_state,
    locked_open_state,
    opd_ids_of,
    person,
    required_text,
)
from engine.services.inbox import InboxPage, ProcessOption, check_paging, page_rows


@dataclass(frozen=True)
class Unit:
    opd_id: int
    code: str
    name: str


def supervisor(uow: UnitOfWork, username: str, now: datetime) -> Actor:
    actor = resolve_actor(uow, username, now)
    if not actor.may("supervisor"):
        raise PermissionDenied(f"'{actor.username}' bukan pengawas unit", f"'{actor.username}' is not a supervisor")
    return actor


def unit_item(uow: UnitOfWork, actor: Actor, item_id: int, units: set[int] | None = None) -> ItemState:
    """The item, when it is open or closed work of one of the supervisor's units (``units``: their OPD
    ids, when the caller has them already)."""
    state = item_state(uow, actor, item_id)
    if state.opd_id is None or state.opd_id not in (opd_ids_of(uow, actor) if units is None else units):
        raise PermissionDenied(f"tugas {item_id} bukan pekerjaan unit Anda",
                               f"task {item_id} is not your unit's work")
    return state


def may_receive(uow: UnitOfWork, target: Actor, item_id: int, opd_id: int | None) -> bool:
    """Whether ``target`` may be given the item by a supervisor (see the module docstring)."""
    return target.holds_any(uow.work_items.candidate_role_ids(item_id)) or (
        opd_id is not None and opd_id in opd_ids_of(uow, target))


class SupervisionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def units(self, as_user: str) -> list[Unit]:
        """The OPDs whose open work the supervisor sees (for the unit filter)."""
        with self.ctx.uow(write=False) as uow:
            actor = supervisor(uow, as_user, self.ctx.now())
            mine = opd_ids_of(uow, actor)
            return [Unit(o.id, o.code, o.name) for o in uow.org.opds(actor.tenant_id) if o.id in mine]

    def unit_items(self, as_user: str, *, opd: str | None = None, process: str | None = None,
                   overdue_only: bool = False, limit: int = 50, offset: int = 0) -> InboxPage:
        """Open work of the supervisor's units (or of one of them, by OPD code), most urgent first."""
        check_paging(limit, offset)
        with self.ctx.uow(write=False) as uow:
            now = self.ctx.now()
            actor = supervisor(uow, as_user, now)
            opd_ids = self._units(uow, actor, opd)
            found, total = uow.inbox.unit(opd_ids, process=process or None, overdue_at=now if overdue_only else None,
                                          limit=limit, offset=offset)
            rows = page_rows(self.ctx, uow, uow.org.tenant(actor.tenant_id), actor, found, now)
            return InboxPage(rows, total, limit, offset)

    def processes(self, as_user: str, *, opd: str | None = None) -> list[ProcessOption]:
        with self.ctx.uow(write=False) as uow:
            actor = supervisor(uow, as_user, self.ctx.now())
            return [ProcessOption(*p) for p in uow.inbox.unit_processes(actor.tenant_id,
                                                                        self._units(uow, actor, opd))]

    def reassign(self, item_id: int, *, to_user: str, as_user: str, reason: str) -> WorkItem:
        """Give an open task of one of the supervisor's units to ``to_user``, with a reason (kept in the
        audit trail as ``task_reassigned`` and told to the new holder and to the one it was taken from)."""
        text = required_text(reason, "reason", required=True)
        try:
            with self.ctx.uow() as uow:
                now = self.ctx.now()
                actor = supervisor(uow, as_user, now)
                unit_item(uow, actor, item_id)
                state = locked_open_state(uow, actor, item_id)
                target = person(uow, to_user, actor.tenant_id, now)
                if not may_receive(uow, target, item_id, state.opd_id):
                    raise InvalidInput(f"'{target.username}' tidak memegang peran tugas ini dan tidak bekerja di "
                                       "unitnya", f"'{target.username}' holds none of the task's roles and does not "
                                       "work in its unit")
                view = hand_over(self.ctx, uow, state, Handover("task_reassigned", actor, target, "reason", text), now)
                uow.commit()
                return view
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc

    # -- rules --------------------------------------------------------------------------------------
    def _units(self, uow: UnitOfWork, actor: Actor, opd: str | None) -> set[int]:
        mine = opd_ids_of(uow, actor)
        if not opd:
            return mine
        wanted = {o.id for o in uow.org.opds(actor.tenant_id) if o.code.upper() == opd.strip().upper()}
        if not wanted & mine:
            raise PermissionDenied(f"'{actor.username}' tidak mengawasi unit {opd}",
                                   f"'{actor.username}' does not supervise unit {opd}")
        return wanted
