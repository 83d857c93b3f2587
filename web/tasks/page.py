"""Everything the task page shows, gathered from the services in one place (views only add errors)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import render_template, url_for
from markupsafe import Markup

from engine.domain.attachments import AttachmentRef
from engine.domain.cases import CaseSummary, Comment, TimelineEntry
from engine.domain.documents import CAPACITY_PREFIX, acting_label
from engine.domain.errors import PermissionDenied
from engine.services.task_actions import Colleague, ReturnOption
from engine.services.work_items import TaskForm
from web.context import lintas
from web.documents import DocumentRow, document_rows
from web.tasks import form_io

OPEN = ("open", "claimed")
TIMELINE_SHOWN = 30


@dataclass
class Problems:
    """Errors to show again: the form's fields, the passphrase, the return reason, the comment."""

    form: list[Any] = field(default_factory=list)
    passphrase: str | None = None
    reason: str | None = None
    comment: str | None = None
    general: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TaskPage:
    task: TaskForm
    me: str
    summary: CaseSummary
    timeline: list[TimelineEntry]
    earlier: int
    documents: list[DocumentRow]
    comments: list[Comment]
    attachments: list[AttachmentRef]
    form_html: Markup | None
    multipart: bool
    returnable: ReturnOption | None
    colleagues: list[Colleague]

    @property
    def item(self) -> Any:
        return self.task.item

    @property
    def is_open(self) -> bool:
        return bool(self.item.status in OPEN)

    @property
    def mine(self) -> bool:
        return bool(self.item.claimed_by == self.me)

    @property
    def can_claim(self) -> bool:
        return self.item.status == "open" and self.item.claimed_by is None and self.item.assignee is None

    @property
    def can_act(self) -> bool:
        return self.is_open and self.item.claimed_by in (None, self.me)

    @property
    def signing(self) -> bool:
        return self.task.signing is not None

    @property
    def acting_as(self) -> str | None:
        """How the person signs: "Plt. Kepala Dinas", "a.n. Bupati / ..." (None when nothing to say)."""
        spec = self.task.signing
        capacity = self.task.capacity or "definitif"
        if self.task.role is None or (capacity == "definitif" and (spec is None or not spec.on_behalf_of)):
            return None
        role = self.task.role.rsplit("/", 1)[-1]
        return acting_label(role, capacity, spec.on_behalf_of if spec else None).replace("\n", " / ")

    @property
    def capacity_word(self) -> str | None:
        """"Plt", "Plh" or "Pj" when the person holds the task's role in an acting capacity."""
        prefix = CAPACITY_PREFIX.get(self.task.capacity or "definitif", "")
        return prefix.strip(" .") or None


def attachment_names(instance_id: int, username: str) -> dict[str, str]:
    return {ref.token: ref.name for ref in lintas().attachments.listing(instance_id, as_user=username)}


def build(item_id: int, username: str, *, data: dict[str, Any] | None = None,
          problems: Problems | None = None, extra: dict[str, str] | None = None) -> TaskPage:
    services = lintas()
    task = services.work_items.form(item_id, as_user=username)
    item = task.item
    summary = services.cases.summary(item.instance_id, as_user=username)
    timeline = services.cases.timeline(item.instance_id, as_user=username)
    attachments = services.attachments.listing(item.instance_id, as_user=username)
    names = {ref.token: ref.name for ref in attachments} | (extra or {})
    form_html = None
    if task.schema is not None and form_io.has_fields(task.schema) and item.status in OPEN:
        shown = data if data is not None else (task.data or None)
        form_html = form_io.draw(task.schema, shown, (problems or Problems()).form, names)
    open_now = item.status in OPEN
    return TaskPage(
        task=task, me=username, summary=summary, timeline=timeline[-TIMELINE_SHOWN:],
        earlier=max(0, len(timeline) - TIMELINE_SHOWN),
        documents=document_rows(item.instance_id, username),
        comments=services.comments.listing(item.instance_id, as_user=username), attachments=attachments,
        form_html=form_html, multipart=form_io.multipart(task.schema),
        returnable=services.task_actions.returnable(item_id, as_user=username) if open_now else None,
        colleagues=_colleagues(item_id, username) if open_now else [])


def _colleagues(item_id: int, username: str) -> list[Colleague]:
    try:
        return lintas().task_actions.colleagues(item_id, username, purpose="delegate")
    except PermissionDenied:            # someone else holds it: nothing to hand on
        return []


def render(page: TaskPage, problems: Problems | None = None, status: int = 200,
           reason: str = "", comment: str = "") -> tuple[str, int]:
    # A page redrawn after a POST switches language back to the task page itself, not to the home page.
    here = url_for("tasks.show", item_id=page.item.id)
    return render_template("tasks/show.html", page=page, item=page.item, problems=problems or Problems(),
                           reason=reason, comment=comment, current_page=lambda: here), status
