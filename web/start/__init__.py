"""Starting work (``/mulai``): the processes this person may start, each with its start form."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from engine.domain.cases import StartableProcess
from engine.domain.errors import NotFound, ValidationFailed
from engine.domain.views import InstanceView
from web.auth import login_required, signed_in_username
from web.context import lintas
from web.tasks import form_io

start = Blueprint("start", __name__, url_prefix="/mulai")


@start.get("")
@login_required
def index() -> str:
    return render_template("start/index.html", processes=lintas().catalog.startable(signed_in_username()))


def _process(key: str, username: str) -> StartableProcess:
    """The process if this person may start it now; the same 404 whether it is missing or not theirs."""
    for process in lintas().catalog.startable(username):
        if process.key == key:
            return process
    raise NotFound(f"layanan '{key}' tidak ditemukan atau tidak dapat Anda mulai",
                   f"service '{key}' not found or not startable by you")


def _pending(username: str) -> dict[str, str]:
    """The person's uploads not yet sent with a start form (kept when the form comes back with errors)."""
    return {ref.token: ref.name for ref in lintas().attachments.pending(as_user=username)}


def _render(process: StartableProcess, data: dict[str, Any] | None, errors: list[Any],
            names: dict[str, str], status: int = 200) -> tuple[str, int]:
    schema = process.start_form_schema
    form_html = form_io.draw(schema, data, errors, names) if schema and form_io.has_fields(schema) else None
    here = url_for("start.form", key=process.key)      # the language switch after a POST comes back here
    return render_template("start/form.html", process=process, form_html=form_html,
                           multipart=form_io.multipart(schema), current_page=lambda: here), status


@start.get("/<key>")
@login_required
def form(key: str) -> tuple[str, int]:
    me = signed_in_username()
    return _render(_process(key, me), None, [], _pending(me))


@start.post("/<key>")
@login_required
def submit(key: str) -> Any:
    me = signed_in_username()
    process = _process(key, me)
    schema = process.start_form_schema
    if not form_io.has_fields(schema):
        return _started(lintas().instances.start(key, as_user=me, data={}))
    assert schema is not None
    names = _pending(me)
    sent = form_io.read(schema, instance_id=None, username=me, current={}, attachments=names)
    errors = list(sent.errors)
    if sent.ready:
        try:
            return _started(lintas().instances.start(key, as_user=me, data=sent.data))
        except ValidationFailed as failed:
            errors = list(failed.errors)
    status = 200 if sent.action and not errors else 422
    return _render(process, sent.data, errors, names | sent.stored, status)


def _started(view: InstanceView) -> Response:
    if view.business_key:
        flash(_("Layanan dimulai: kasus #%(id)s, nomor pelacakan %(key)s.", id=view.id, key=view.business_key),
              "sukses")
    else:
        flash(_("Layanan dimulai: kasus #%(id)s.", id=view.id), "sukses")
    return redirect(url_for("instances.show", instance_id=view.id), 303)
