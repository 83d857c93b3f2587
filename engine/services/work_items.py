"""Work item service: the inbox, claiming, releasing and completing human tasks.

Authorisation lives here, not in views: a claimed item belongs to its claimant; an item assigned
to a person belongs to that person; otherwise any current holder of a candidate role may act.
People of another pemda learn nothing about an item, not even that it exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine.bpmn.instance import TaskMissing, TaskNotReady
from engine.domain.audit import summarize_changes
from engine.domain.documents import DocumentInfo, SigningSpec
from engine.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from engine.domain.org import Actor
from engine.domain.process import TaskInfo
from engine.domain.views import WorkItem
from engine.persistence.uow import ConcurrentWrite, UnitOfWork
from engine.persistence.work_item_repo import ItemState
from engine.services import loading
from engine.services.attachment_tokens import check_attachment_tokens
from engine.services.context import ServiceContext, conflict_on_concurrent_write, resolve_actor
from engine.services.loading import Loaded
from engine.services.progress import settle
from engine.services.trail import append, append_saved
from engine.services.validation import check_data


@dataclass(frozen=True)
class TaskForm:
    """What the task page needs beyond the work item: its form and, for a signing task, the document.

    ``data`` is the task's data now, narrowed to the form's own fields (empty for a closed task), so
    a form sent back to this step shows what was entered before. ``capacity`` is how the person holds
    the task's role today (``definitif``, ``plt``, ``plh``, ``pj``); ``role`` is that role's path."""

    item: WorkItem
    schema: dict[str, Any] | None
    data: dict[str, Any]
    documentation: str | None = None
    signing: SigningSpec | None = None
    document: DocumentInfo | None = None         # signing tasks: the document to sign, once rendered
    role: str | None = None
    capacity: str | None = None


class WorkItemService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- reading ------------------------------------------------------------------------------------
    def inbox(self, as_user: str, *, mine: bool = True, queue: bool = True) -> list[WorkItem]:
        with self.ctx.uow(write=False) as uow:
            actor = resolve_actor(uow, as_user, self.ctx.now())
            return uow.work_items.inbox(actor.user_id, set(actor.role_ids), mine=mine, queue=queue)

    def _visible_state(self, uow: UnitOfWork, as_user: str, item_id: int) -> tuple[Actor, ItemState]:
        """The item's state, for a candidate of the task or whoever completed it; others are refused."""
        actor = resolve_actor(uow, as_user, self.ctx.now())
        state = self._state(uow, actor, item_id)
        if not self._is_candidate(uow, actor, state) and actor.user_id != state.completed_by:
            raise PermissionDenied(f"'{actor.username}' tidak berhak melihat tugas {item_id}",
                                   f"'{actor.username}' may not see task {item_id}")
        return actor, state

    def get(self, item_id: int, *, as_user: str) -> WorkItem:
        with self.ctx.uow(write=False) as uow:
            actor, state = self._visible_state(uow, as_user, item_id)
            return self._view(uow, item_id)

    def form(self, item_id: int, *, as_user: str) -> TaskForm:
        """The item with its form schema, current values and signing facts, for whoever may see it."""
        with self.ctx.uow(write=False) as uow:
            actor, state = self._visible_state(uow, as_user, item_id)
            item = self._view(uow, item_id)
            inst = loading.load(self.ctx, uow, state.instance_id, for_update=False)
            info = inst.catalogue.task(item.process_id, item.element_id)
            schema = inst.forms.get(state.form_id) if state.form_id else None
            data: dict[str, Any] = {}
            if state.status in ("open", "claimed") and isinstance(schema, dict):
                fields = set((schema.get("properties") or {}).keys())
                try:
                    data = {k: v for k, v in inst.live.task_data(state.task_id).items() if k in fields}
                except TaskMissing:             # the engine moved on meanwhile: show an empty form
                    data = {}
            signing = info.signing if info is not None else None
            document = uow.documents.by_key(inst.id, signing.document_key) if signing is not None else None
            held = actor.capacity_in(set(uow.work_items.candidate_role_ids(item_id)))
            return TaskForm(item, schema if isinstance(schema, dict) else None, data,
                            info.documentation if info is not None else None, signing, document,
                            held[0] if held else None, held[1] if held else None)

    # -- commands -----------------------------------------------------------------------------------
    def claim(self, item_id: int, *, as_user: str) -> WorkItem:
        return self._set_claim(item_id, as_user, claim=True)

    def unclaim(self, item_id: int, *, as_user: str) -> WorkItem:
        return self._set_claim(item_id, as_user, claim=False)

    def _set_claim(self, item_id: int, as_user: str, *, claim: bool) -> WorkItem:
        try:
            with self.ctx.uow() as uow:
                now = self.ctx.now()
                actor = resolve_actor(uow, as_user, now)
                state = self._state(uow, actor, item_id)
                uow.instances.get(state.instance_id, for_update=True)   # serialise with completions
                state = self._state(uow, actor, item_id)
                self._open(uow, state)
                if claim:
                    if state.claimed_by == actor.user_id:
                        return self._view(uow, item_id)
                    if state.claimed_by is not None:
                        who = uow.org.usernames({state.claimed_by}).get(state.claimed_by)
                        raise Conflict(f"tugas {item_id} sudah diambil oleh {who}",
                                       f"task {item_id} is already claimed by {who}")
                    self._may_complete(uow, actor, state)
                    ok = uow.work_items.set_claim(item_id, actor.user_id, now, expect="open")
                else:
                    if state.claimed_by != actor.user_id:
                        raise PermissionDenied(f"tugas {item_id} tidak sedang Anda ambil",
                                               f"task {item_id} is not claimed by you")
                    ok = uow.work_items.set_claim(item_id, None, now, expect="claimed")
                if not ok:
                    raise conflict_on_concurrent_write()
                append_saved(uow, state.instance_id, now, actor.username,
                             "task_claimed" if claim else "task_released", task_id=state.task_id,
                             element_id=state.element_id, summary={"work_item": item_id})
                view = self._view(uow, item_id)
                uow.commit()
                return view
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc

    def complete(self, item_id: int, *, as_user: str, data: dict[str, Any] | None = None) -> WorkItem:
        try:
            with self.ctx.uow() as uow:
                now = self.ctx.now()
                actor = resolve_actor(uow, as_user, now)
                state, inst, info = open_for_completion(self.ctx, uow, actor, item_id)
                if info is not None and info.signing is not None:
                    raise InvalidInput(f"tugas {item_id} adalah tugas {_SIGN_WORD[info.signing.kind]}: selesaikan "
                                       "dengan frasa sandi ('lintas sign')",
                                       f"task {item_id} must be signed with a passphrase ('lintas sign')")
                clean = check_data(self.ctx.forms, state.form_id, inst.forms, data,
                                   self.ctx.settings.max_task_data_bytes)
                finish_task(self.ctx, uow, inst, state, actor, clean, now)
                view = _view(uow, item_id)
                uow.commit()
                return view
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc

    # -- rules --------------------------------------------------------------------------------------
    def _state(self, uow: UnitOfWork, actor: Actor, item_id: int) -> ItemState:
        state = uow.work_items.state(item_id)
        if state is None or state.tenant_id != actor.tenant_id:
            raise NotFound(f"tugas {item_id} tidak ditemukan", f"task {item_id} not found")
        return state

    def _view(self, uow: UnitOfWork, item_id: int) -> WorkItem:
        return _view(uow, item_id)

    def _is_candidate(self, uow: UnitOfWork, actor: Actor, state: ItemState) -> bool:
        return may_act(uow, actor, state)

    def _open(self, uow: UnitOfWork, state: ItemState) -> None:
        if state.status == "completed":
            who = uow.org.usernames({state.completed_by}).get(state.completed_by) if state.completed_by else None
            by_id, by_en = (f" oleh {who}", f" by {who}") if who else ("", "")
            raise Conflict(f"tugas {state.id} sudah diselesaikan{by_id}",
                           f"task {state.id} was already completed{by_en}")
        if state.status == "cancelled":
            raise Conflict(f"tugas {state.id} sudah dibatalkan oleh proses",
                           f"task {state.id} was cancelled by the process")

    def _may_complete(self, uow: UnitOfWork, actor: Actor, state: ItemState) -> None:
        if state.claimed_by is not None and state.claimed_by != actor.user_id:
            who = uow.org.usernames({state.claimed_by}).get(state.claimed_by)
            raise PermissionDenied(f"tugas {state.id} sedang diambil oleh {who}",
                                   f"task {state.id} is claimed by {who}")
        if state.claimed_by is None and not self._is_candidate(uow, actor, state):
            if state.assignee_id is not None:
                raise PermissionDenied(f"tugas {state.id} ditujukan kepada orang lain",
                                       f"task {state.id} is assigned to someone else")
            raise PermissionDenied(f"'{actor.username}' bukan calon pelaksana tugas {state.id}",
                                   f"'{actor.username}' is not a candidate for task {state.id}")


_SIGN_WORD = {"paraf": "paraf", "sign": "tanda tangan"}


def _view(uow: UnitOfWork, item_id: int) -> WorkItem:
    item = uow.work_items.get(item_id)
    assert item is not None
    return item


def may_act(uow: UnitOfWork, actor: Actor, state: ItemState) -> bool:
    """Whether ``actor`` is among the item's people: its claimant, its named assignee, or (when it names
    nobody) a holder today of one of its candidate roles, acting officials included."""
    if actor.user_id in (state.assignee_id, state.claimed_by):
        return True
    return state.assignee_id is None and actor.holds_any(uow.work_items.candidate_role_ids(state.id))


def open_for_completion(ctx: ServiceContext, uow: UnitOfWork, actor: Actor,
                        item_id: int) -> tuple[ItemState, Loaded, TaskInfo | None]:
    """The item, its instance (locked) and its task's catalogue entry, once the item is open and
    ``actor`` may complete it."""
    rules = WorkItemService(ctx)
    state = rules._state(uow, actor, item_id)
    inst = loading.load(ctx, uow, state.instance_id, for_update=True)
    # Re-read under the instance lock: a concurrent completion may have landed meanwhile.
    state = rules._state(uow, actor, item_id)
    rules._open(uow, state)
    rules._may_complete(uow, actor, state)
    return state, inst, inst.catalogue.task(inst.live.process_of(state.task_id), state.element_id)


def finish_task(ctx: ServiceContext, uow: UnitOfWork, inst: Loaded, state: ItemState, actor: Actor,
                values: dict[str, Any], now: datetime, *, summary: dict[str, Any] | None = None,
                action: str = "task_completed") -> None:
    """Complete the engine task behind an open work item with ``values`` and settle what follows;
    ``action`` names the audit entry (``task_returned`` when the person sent the case back)."""
    check_attachment_tokens(uow, inst.id, values, inst.forms.get(state.form_id) if state.form_id else None)
    before = inst.live.task_data(state.task_id)
    try:
        report = inst.live.complete(state.task_id, values)
    except (TaskMissing, TaskNotReady) as exc:
        raise Conflict(f"tugas {state.id} tidak lagi menunggu penyelesaian",
                       f"task {state.id} is no longer waiting to be completed") from exc
    if not uow.work_items.complete(state.id, actor.user_id, now):
        raise conflict_on_concurrent_write()
    append(uow, inst.chain, now, actor.username, action, task_id=state.task_id,
           element_id=state.element_id,
           summary={"work_item": state.id, **summarize_changes(before, {**before, **values}), **(summary or {})})
    settle(ctx, uow, inst, report, actor.username)
