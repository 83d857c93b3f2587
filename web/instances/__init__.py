"""The case page (``/kasus/<id>``): summary, timeline, diagram with progress, SLA per step, documents,
comments and attachments. Who may read a case is decided by the case view service (people involved,
supervisors of its units, the pemda's auditors); a refusal becomes the 403/404 error page.

The diagram is drawn by static/js/diagram.js from ``/kasus/<id>/bpmn`` (the version's XML) and
``/kasus/<id>/status.json`` (elements completed, active, failed, and step deadlines); everything
else is in the HTML, so the page works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import Blueprint, Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engine.domain.cases import TimelineEntry
from engine.domain.errors import InvalidInput
from web.auth import login_required, signed_in_username
from web.context import lintas
from web.documents import document_rows
from web.errors import error_text
from web.i18n import either
from web.instances.deadlines import deadline_view

instances = Blueprint("instances", __name__, url_prefix="/kasus")


@instances.get("/<int:instance_id>")
@login_required
def show(instance_id: int) -> str:
    return _page(instance_id)


def _page(instance_id: int, *, comment_text: str = "", comment_error: str | None = None) -> str:
    username = signed_in_username()
    page = lintas().cases.page(instance_id, as_user=username)
    timeline = _told(page.timeline)
    steps = [(sla, deadline_view(sla)) for sla in page.diagram.step_sla.values()]
    case_deadline = page.summary.case_deadline
    return render_template(
        "instances/show.html", page=page, summary=page.summary, timeline=timeline, steps=steps,
        case_deadline=(case_deadline, deadline_view(case_deadline)) if case_deadline else None,
        opds=sorted({s.opd_code for s in page.summary.current_steps if s.opd_code}),
        documents=document_rows(instance_id, username), comment_text=comment_text, comment_error=comment_error)


# Entries per page of the full history (/kasus/<id>/riwayat).
HISTORY_PAGE = 500


@instances.get("/<int:instance_id>/riwayat")
@login_required
def history(instance_id: int) -> str:
    """The whole audit trail of a case, a page at a time: ``?dari=SEQ`` starts after entry SEQ."""
    after = request.args.get("dari", default=0, type=int)
    after = max(after, 0)
    username = signed_in_username()
    summary = lintas().cases.summary(instance_id, as_user=username)
    entries = lintas().cases.timeline(instance_id, as_user=username, after_seq=after, limit=HISTORY_PAGE + 1)
    more = len(entries) > HISTORY_PAGE
    entries = entries[:HISTORY_PAGE]
    return render_template("instances/history.html", summary=summary, after=after, timeline=_told(entries),
                           next_after=entries[-1].seq if more else None)


def _told(entries: Sequence[TimelineEntry]) -> list[tuple[TimelineEntry, str]]:
    """Each entry with its sentence in the reader's language."""
    return [(entry, either(entry.text_id, entry.text_en)) for entry in entries]


@instances.post("/<int:instance_id>/komentar")
@login_required
def comment(instance_id: int) -> Any:
    text = request.form.get("komentar", "")
    try:
        lintas().comments.add(instance_id, as_user=signed_in_username(), text=text)
    except InvalidInput as exc:
        return _page(instance_id, comment_text=text, comment_error=error_text(exc)), 400
    flash(_("Komentar ditambahkan."), "sukses")
    return redirect(url_for("instances.show", instance_id=instance_id, _anchor="komentar"), 303)


@instances.get("/<int:instance_id>/bpmn")
@login_required
def bpmn(instance_id: int) -> Response:
    diagram = lintas().cases.diagram(instance_id, as_user=signed_in_username())
    return Response(diagram.bpmn_xml, mimetype="application/xml")


@instances.get("/<int:instance_id>/status.json")
@login_required
def status(instance_id: int) -> Response:
    diagram = lintas().cases.diagram(instance_id, as_user=signed_in_username())
    sla = {}
    for element_id, clock in diagram.step_sla.items():
        view = deadline_view(clock)
        sla[element_id] = {"state": view.diagram, "label": view.label, "due_at": clock.due_at.isoformat()}
    return jsonify(completed=list(diagram.completed), active=list(diagram.active), failed=list(diagram.failed),
                   sla=sla)
