"""The task page's actions besides completing: delegate to a colleague in the same role, return the
case to the previous step with a reason (where the process allows it), and the people pickers.

Delegation is for the person who holds the task: its claimant, or while nobody has claimed it, its
assignee or a holder of one of its candidate roles. The colleague must hold one of the task's
candidate roles today (an acting appointment counts), so a delegation never widens who may see a
case; a supervisor moves work across roles with ``SupervisionService.reassign`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from engine.domain.errors import FieldError, InvalidInput, PermissionDenied, ValidationFailed
from engine.domain.org import Actor
from engine.domain.process import TaskInfo
from engine.domain.views import WorkItem
from engine.persistence.org_repo import Holder
from engine.persistence.uow import ConcurrentWrite, UnitOfWork
from engine.persistence.work_item_repo import ItemState
from engine.services.context import ServiceContext, conflict_on_concurrent_write, local_day, resolve_actor
from engine.services.handover import (
    Handover,
    hand_over,
    item_state,
    locked_open_state,
    opd_ids_of,
    person,
    required_text,
)
from engine.services.supervision import supervisor, unit_item
from engine.services.validation import check_data
from engine.services.work_items import finish_task, may_act, open_for_completion


@dataclass(frozen=True)
class ReturnOption:
    """What the "Kembalikan" button does: sets ``field`` to ``value`` and asks for a reason, kept in
    ``reason_field`` (field errors on the reason come with that path)."""

    field: str
    value: Any
    reason_field: str
    reason_title: str
    reason_help: str | None = None


@dataclass(frozen=True)
class HeldRole:
    path: str           # "PUPR/Kepala Dinas"
    capacity: str       # definitif | plt | plh | pj


@dataclass(frozen=True)
class Colleague:
    username: str
    full_name: str
    nip: str | None
    roles: tuple[HeldRole, ...]
    via: str            # "role": holds one of the task's roles; "unit": works in the task's OPD


class TaskActionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def delegate(self, item_id: int, *, to_user: str, as_user: str, note: str | None = None) -> WorkItem:
        """Hand the task to a colleague holding one of its candidate roles today; it becomes theirs
        (claimed, unread) and they are notified. Audit entry ``task_delegated`` with the note."""
        text = required_text(note, "note", required=False)
        try:
            with self.ctx.uow() as uow:
                now = self.ctx.now()
                actor = resolve_actor(uow, as_user, now)
                state = locked_open_state(uow, actor, item_id)
                _holder(uow, actor, state)
                roles = uow.work_items.candidate_role_ids(item_id)
                if not roles:
                    raise InvalidInput(f"tugas {item_id} ditujukan langsung kepada seseorang; "
                                       "tidak dapat didelegasikan", f"task {item_id} names one person; "
                                       "it cannot be delegated")
                target = person(uow, to_user, actor.tenant_id, now)
                if target.user_id == actor.user_id:
                    raise InvalidInput("pilih rekan lain, bukan diri sendiri", "choose a colleague, not yourself")
                if not target.holds_any(roles):
                    raise InvalidInput(f"'{target.username}' tidak memegang peran tugas ini hari ini",
                                       f"'{target.username}' does not hold this task's role today")
                view = hand_over(self.ctx, uow, state, Handover("task_delegated", actor, target, "note", text), now)
                uow.commit()
                return view
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc

    def return_task(self, item_id: int, *, as_user: str, reason: str,
                    data: dict[str, Any] | None = None) -> WorkItem:
        """Complete the task with its ``lintas:return`` values and the reason (plus any other ``data``
        the form needs), validated like any completion; audit entry ``task_returned``."""
        try:
            with self.ctx.uow() as uow:
                now = self.ctx.now()
                actor = resolve_actor(uow, as_user, now)
                state, inst, info = open_for_completion(self.ctx, uow, actor, item_id)
                spec = info.returns if info is not None and info.signing is None else None
                if spec is None or state.form_id is None:
                    raise InvalidInput(f"tugas {item_id} tidak dapat dikembalikan",
                                       f"task {item_id} cannot be returned")
                text = (reason or "").strip()
                if not text:
                    raise ValidationFailed([FieldError(spec.reason_field, "required",
                                                       "Alasan pengembalian wajib diisi.",
                                                       "A reason for returning is required.")])
                values = {**(data or {}), **spec.values(inst.forms.get(state.form_id) or {}, text)}
                clean = check_data(self.ctx.forms, state.form_id, inst.forms, values,
                                   self.ctx.settings.max_task_data_bytes)
                finish_task(self.ctx, uow, inst, state, actor, clean, now, action="task_returned",
                            summary={"reason": text[:200]})
                view = uow.work_items.get(item_id)
                assert view is not None
                uow.commit()
                return view
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc

    def returnable(self, item_id: int, *, as_user: str) -> ReturnOption | None:
        """The return action when the page should offer it: the task allows it and the person may act now."""
        with self.ctx.uow(write=False) as uow:
            actor = resolve_actor(uow, as_user, self.ctx.now())
            state = item_state(uow, actor, item_id)
            if state.status not in ("open", "claimed") or not _acts_now(uow, actor, state):
                return None
            info, forms = self._task(uow, state)
            if info is None or info.returns is None or info.signing is not None or not info.form_id:
                return None
            schema = forms.get(info.form_id) or {}
            reason = (schema.get("properties") or {}).get(info.returns.reason_field) or {}
            return ReturnOption(info.returns.field, info.returns.values(schema, "")[info.returns.field],
                                info.returns.reason_field, str(reason.get("title") or info.returns.reason_field),
                                reason.get("description"))

    def colleagues(self, item_id: int, as_user: str, *, purpose: str = "delegate") -> list[Colleague]:
        """People who could take the task: for ``delegate``, today's holders of its candidate roles; for
        ``reassign`` (supervisors of its unit), those and everyone working in its OPD. The person asking
        and the task's current holder are left out."""
        if purpose not in ("delegate", "reassign"):
            raise InvalidInput(f"tujuan tidak dikenal: {purpose!r}", f"unknown purpose: {purpose!r}")
        with self.ctx.uow(write=False) as uow:
            now = self.ctx.now()
            if purpose == "reassign":
                actor = supervisor(uow, as_user, now)
                state = unit_item(uow, actor, item_id)
            else:
                actor = resolve_actor(uow, as_user, now)
                state = item_state(uow, actor, item_id)
                _holder(uow, actor, state)
            day = local_day(uow.org.tenant(actor.tenant_id), now)
            return _colleagues(uow, actor, state, day, purpose, {})

    def reassign_candidates(self, item_ids: list[int], as_user: str) -> dict[int, list[Colleague]]:
        """``colleagues(..., purpose="reassign")`` for a page of a supervisor's unit queue in one go: the
        people of each role set and unit are looked up once. Every item must be the supervisor's unit's."""
        with self.ctx.uow(write=False) as uow:
            now = self.ctx.now()
            actor = supervisor(uow, as_user, now)
            day = local_day(uow.org.tenant(actor.tenant_id), now)
            units = opd_ids_of(uow, actor)
            seen: dict[tuple[frozenset[int], int | None], list[tuple[Holder, str]]] = {}
            return {item_id: _colleagues(uow, actor, unit_item(uow, actor, item_id, units), day, "reassign", seen)
                    for item_id in item_ids}

    def _task(self, uow: UnitOfWork, state: ItemState) -> tuple[TaskInfo | None, dict[str, Any]]:
        record = uow.instances.get(state.instance_id)
        view = uow.work_items.get(state.id)
        assert record is not None and view is not None
        version_id = record.definition_version_id
        _, catalogue, forms = self.ctx.versions.get_or_make(version_id, lambda: uow.definitions.routing(version_id))
        return catalogue.task(view.process_id, view.element_id), forms


def _colleagues(uow: UnitOfWork, actor: Actor, state: ItemState, day: date, purpose: str,
                seen: dict[tuple[frozenset[int], int | None], list[tuple[Holder, str]]]) -> list[Colleague]:
    """The people who could take the item (see ``TaskActionService.colleagues``); ``seen`` keeps the
    holders found per (roles, unit) across calls."""
    roles = uow.work_items.candidate_role_ids(state.id)
    unit = state.opd_id if purpose == "reassign" else None
    key = (frozenset(roles), unit)
    found = seen.get(key)
    if found is None:
        found = [(h, "role") for h in uow.org.people(day, role_ids=roles)]
        if unit is not None:
            found += [(h, "unit") for h in uow.org.people(day, opd_ids={unit})]
        seen[key] = found
    skip = {actor.user_id, state.claimed_by or state.assignee_id}
    out: dict[str, Colleague] = {}
    for holder, via in found:
        if holder.user_id in skip or holder.username in out:
            continue
        out[holder.username] = Colleague(holder.username, holder.full_name, holder.nip,
                                         tuple(HeldRole(path, cap) for _, path, cap in holder.roles), via)
    return sorted(out.values(), key=lambda c: (c.via != "role", c.full_name.casefold()))


def _acts_now(uow: UnitOfWork, actor: Actor, state: ItemState) -> bool:
    if state.claimed_by is not None:
        return state.claimed_by == actor.user_id
    return may_act(uow, actor, state)


def _holder(uow: UnitOfWork, actor: Actor, state: ItemState) -> None:
    """Only the task's holder may hand it on: its claimant, or while unclaimed one of its people."""
    if _acts_now(uow, actor, state):
        return
    if state.claimed_by is not None:
        who = uow.org.usernames({state.claimed_by}).get(state.claimed_by)
        raise PermissionDenied(f"tugas {state.id} sedang diambil oleh {who}", f"task {state.id} is claimed by {who}")
    raise PermissionDenied(f"'{actor.username}' bukan pelaksana tugas {state.id}",
                           f"'{actor.username}' is not a holder of task {state.id}")
