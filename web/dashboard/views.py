"""The dashboard blueprint's views: overview with the compliance chart, the unit queue, reassignment."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from engine.domain.errors import Conflict, InvalidInput, ValidationFailed
from web.auth import requires, safe_target, signed_in_username
from web.context import lintas
from web.dashboard.chart import compliance_chart
from web.errors import error_text, field_text
from web.inbox.listing import page_count, page_number

dashboard = Blueprint("dashboard", __name__, url_prefix="/dasbor")
WEEK_CHOICES = (4, 12, 26, 52)
DEFAULT_WEEKS = 12
QUEUE_PAGE = 20


def _weeks(value: str | None) -> int:
    try:
        weeks = int(value or DEFAULT_WEEKS)
    except ValueError:
        return DEFAULT_WEEKS
    return weeks if weeks in WEEK_CHOICES else DEFAULT_WEEKS


def _week_label(day: date) -> str:
    return format_date(day, "d MMM")


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


@dashboard.get("")
@requires("supervisor")
def index() -> str:
    me = signed_in_username()
    opd, weeks = _text(request.args.get("opd")), _weeks(request.args.get("minggu"))
    overview = lintas().dashboard.overview(me, opd=opd)
    series = lintas().dashboard.compliance_series(me, opd=opd, weeks=weeks)
    return render_template("dashboard/index.html", overview=overview, series=series,
                           chart=compliance_chart(series, _week_label), units=lintas().supervision.units(me),
                           opd=opd, weeks=weeks, week_choices=WEEK_CHOICES)


@dashboard.get("/antrean")
@requires("supervisor")
def queue() -> str:
    me = signed_in_username()
    opd, process = _text(request.args.get("opd")), _text(request.args.get("process"))
    overdue = request.args.get("lewat") == "1"
    page = page_number(request.args.get("page"))
    found = lintas().supervision.unit_items(me, opd=opd, process=process, overdue_only=overdue, limit=QUEUE_PAGE,
                                            offset=(page - 1) * QUEUE_PAGE)
    # Who may receive each task depends on its roles and unit: asked for the rows of this page only.
    receivers = lintas().task_actions.reassign_candidates([row.item.id for row in found.items], me)
    query: dict[str, Any] = {k: v for k, v in (("opd", opd), ("process", process), ("lewat", "1" if overdue else None))
                             if v}
    processes = lintas().supervision.processes(me, opd=opd)
    return render_template("dashboard/queue.html", rows=found.items, total=found.total, page=page,
                           size=QUEUE_PAGE, pages=page_count(found.total, QUEUE_PAGE), query=query,
                           units=lintas().supervision.units(me), processes=processes,
                           process_names={p.key: p.name for p in processes}, receivers=receivers, opd=opd,
                           process=process, overdue=overdue)


@dashboard.post("/antrean/<int:item_id>/alihkan")
@requires("supervisor")
def reassign(item_id: int) -> Response:
    me = signed_in_username()
    back = safe_target(request.form.get("next"), url_for("dashboard.queue"))
    to_user = (request.form.get("to_user") or "").strip()
    try:
        if not to_user:
            raise InvalidInput("pilih pegawai penerima tugas", "choose who receives the task")
        item = lintas().supervision.reassign(item_id, to_user=to_user, as_user=me,
                                             reason=request.form.get("reason") or "")
        flash(_("Tugas \"%(name)s\" (#%(id)s) dialihkan kepada %(user)s.", name=item.name, id=item.id,
                user=to_user), "sukses")
    except ValidationFailed as exc:
        problems = "; ".join(field_text(e) for e in exc.errors)
        flash(_("Tugas #%(id)s tidak dialihkan: %(problems)s", id=item_id, problems=problems), "galat")
    except (InvalidInput, Conflict) as exc:
        flash(_("Tugas #%(id)s tidak dialihkan: %(problems)s", id=item_id, problems=error_text(exc)), "galat")
    return redirect(back, 303)   # type: ignore[return-value]
