"""The task page and its form: show (marking the task opened), complete, comment."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from engine.domain.errors import InvalidInput, ValidationFailed
from web.auth import login_required, signed_in_username
from web.context import lintas
from web.errors import error_text
from web.tasks import form_io, page, tasks


@tasks.get("/<int:item_id>")
@login_required
def show(item_id: int) -> tuple[str, int]:
    me = signed_in_username()
    shown = page.build(item_id, me)                       # the services decide who may see it
    lintas().inbox.mark_opened(item_id, me)
    return page.render(shown)


@tasks.post("/<int:item_id>/selesai")
@login_required
def complete(item_id: int) -> Any:
    me = signed_in_username()
    task = lintas().work_items.form(item_id, as_user=me)
    if task.schema is None or not form_io.has_fields(task.schema):
        lintas().work_items.complete(item_id, as_user=me, data={})
        return _done()
    names = page.attachment_names(task.item.instance_id, me)
    sent = form_io.read(task.schema, instance_id=task.item.instance_id, username=me, current=task.data,
                        attachments=names)
    problems = page.Problems(form=sent.errors)
    if sent.ready:
        try:
            lintas().work_items.complete(item_id, as_user=me, data=sent.data)
            return _done()
        except ValidationFailed as failed:
            problems.form = list(failed.errors)
    status = 200 if sent.action and not sent.errors else 422
    return page.render(page.build(item_id, me, data=sent.data, problems=problems, extra=sent.stored),
                       problems, status)


def _done() -> Response:
    flash(_("Tugas selesai."), "sukses")
    return redirect(url_for("inbox.index"), 303)


@tasks.post("/<int:item_id>/komentar")
@login_required
def comment(item_id: int) -> Any:
    me = signed_in_username()
    item = lintas().work_items.get(item_id, as_user=me)
    text = request.form.get("komentar", "")
    try:
        lintas().comments.add(item.instance_id, as_user=me, text=text)
    except InvalidInput as exc:
        problems = page.Problems(comment=error_text(exc))
        return page.render(page.build(item_id, me, problems=problems), problems, 422, comment=text)
    flash(_("Komentar ditambahkan."), "sukses")
    return redirect(url_for("tasks.show", item_id=item_id, _anchor="komentar"), 303)
