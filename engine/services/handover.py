"""Handing an open task to another person: a delegation by its holder, a reassignment by a supervisor.

Both end the same way: the item is claimed by (and, when it named a person, assigned to) the new
holder, marked unread again, written to the instance's audit trail with who, to whom and why, and
notified to the new holder (and, on a reassignment, to the person it was taken from).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from engine.domain.errors import Conflict, FieldError, InvalidInput, NotFound, PermissionDenied, ValidationFailed
from engine.domain.org import Actor, RolePath
from engine.domain.views import WorkItem
from engine.persistence.uow import UnitOfWork
from engine.persistence.work_item_repo import ItemState
from engine.services.context import ServiceContext, conflict_on_concurrent_write, resolve_actor
from engine.services.notify import Recipient, notify
from engine.services.trail import append_saved

MAX_NOTE = 1000


@dataclass(frozen=True)
class Handover:
    action: str                  # task_delegated | task_reassigned
    by: Actor
    to: Actor
    text_key: str                # "note" | "reason": how the free text is kept in the audit summary
    text: str | None


def item_state(uow: UnitOfWork, actor: Actor, item_id: int) -> ItemState:
    """The item, if it belongs to the actor's pemda (others learn nothing, not even that it exists)."""
    state = uow.work_items.state(item_id)
    if state is None or state.tenant_id != actor.tenant_id:
        raise NotFound(f"tugas {item_id} tidak ditemukan", f"task {item_id} not found")
    return state


def locked_open_state(uow: UnitOfWork, actor: Actor, item_id: int) -> ItemState:
    """Re-read under the instance's row lock (serialised with completions and claims); refuse closed items."""
    state = item_state(uow, actor, item_id)
    uow.instances.get(state.instance_id, for_update=True)
    state = item_state(uow, actor, item_id)
    if state.status not in ("open", "claimed"):
        raise Conflict(f"tugas {item_id} sudah selesai atau dibatalkan", f"task {item_id} is no longer open")
    return state


def person(uow: UnitOfWork, username: str, tenant_id: int, now: datetime) -> Actor:
    """An active person of the pemda, with the roles they hold today; anything else is a wrong choice."""
    refused = InvalidInput(f"'{username}' bukan pegawai aktif pemda ini",
                           f"'{username}' is not an active person of this tenant")
    try:
        target = resolve_actor(uow, (username or "").strip(), now)
    except (NotFound, PermissionDenied):
        raise refused from None
    if target.tenant_id != tenant_id:
        raise refused
    return target


def opd_ids_of(uow: UnitOfWork, actor: Actor) -> set[int]:
    """The OPDs of the roles the person holds today (acting appointments included)."""
    codes = {path.opd_code for path in (RolePath.parse(p) for p in actor.role_paths) if path}
    return {o.id for o in uow.org.opds(actor.tenant_id) if o.code.upper() in codes}


def required_text(value: str | None, path: str, *, required: bool) -> str | None:
    text = (value or "").strip()
    if not text:
        if required:
            raise ValidationFailed([FieldError(path, "required", "Alasan wajib diisi.", "A reason is required.")])
        return None
    if len(text) > MAX_NOTE:
        raise ValidationFailed([FieldError(path, "maxLength", f"Paling banyak {MAX_NOTE} karakter.",
                                           f"At most {MAX_NOTE} characters.")])
    return text


def hand_over(ctx: ServiceContext, uow: UnitOfWork, state: ItemState, handover: Handover, now: datetime) -> WorkItem:
    """Give the (locked, open) item to ``handover.to``; the caller has checked that both sides may."""
    if handover.to.user_id == (state.claimed_by or state.assignee_id):
        raise InvalidInput(f"tugas {state.id} sudah dipegang {handover.to.username}",
                           f"task {state.id} is already held by {handover.to.username}")
    previous = state.claimed_by or state.assignee_id
    if not uow.work_items.hand_over(state.id, handover.to.user_id, now, expect_claimant=state.claimed_by,
                                    assignee=state.assignee_id is not None):
        raise conflict_on_concurrent_write()
    before = uow.org.usernames({previous}).get(previous) if previous else None
    append_saved(uow, state.instance_id, now, handover.by.username, handover.action, task_id=state.task_id,
                 element_id=state.element_id,
                 summary={"work_item": state.id, "from": before, "to": handover.to.username,
                          **({handover.text_key: handover.text} if handover.text else {})})
    view = uow.work_items.get(state.id)
    assert view is not None
    _tell(ctx, uow, view, handover, previous, now)
    return view


def _tell(ctx: ServiceContext, uow: UnitOfWork, item: WorkItem, handover: Handover, previous: int | None,
          now: datetime) -> None:
    by, to = handover.by, handover.to
    what_id, what_en = f"'{item.name}' (instans #{item.instance_id})", f"'{item.name}' (instance #{item.instance_id})"
    extra_id = f" {'Alasan' if handover.text_key == 'reason' else 'Catatan'}: {handover.text}" if handover.text else ""
    extra_en = f" {'Reason' if handover.text_key == 'reason' else 'Note'}: {handover.text}" if handover.text else ""
    verb_id, verb_en = (("mendelegasikan", "delegated") if handover.action == "task_delegated"
                        else ("mengalihkan", "reassigned"))
    title = ("Tugas didelegasikan kepada Anda: " if handover.action == "task_delegated"
             else "Tugas dialihkan kepada Anda: ") + item.name
    notify(ctx, uow, tenant_id=to.tenant_id, recipients=[_recipient(uow, to.user_id)], kind=handover.action,
           title=title[:255], body=f"{by.full_name} {verb_id} tugas {what_id} kepada Anda.{extra_id} "
                                   f"{by.full_name} {verb_en} task {what_en} to you.{extra_en}",
           instance_id=item.instance_id, work_item_id=item.id, now=now)
    if handover.action == "task_reassigned" and previous not in (None, by.user_id, to.user_id):
        assert previous is not None
        notify(ctx, uow, tenant_id=to.tenant_id, recipients=[_recipient(uow, previous)], kind="task_taken",
               title=f"Tugas dialihkan: {item.name}"[:255],
               body=f"{by.full_name} mengalihkan tugas {what_id} kepada {to.full_name}.{extra_id} "
                    f"{by.full_name} reassigned task {what_en} to {to.full_name}.{extra_en}",
               instance_id=item.instance_id, work_item_id=item.id, now=now)


def _recipient(uow: UnitOfWork, user_id: int) -> Recipient:
    [(uid, name, email)] = uow.org.holders_by_id({user_id})
    return Recipient(uid, name, email)

