"""Administration (``/admin``): acting officials (Plt/Plh/Pj) for a role and a period.

The admin appoints a person to a role for a period and may end an appointment early; the acting
service checks everything again (admin access, the period, the person, overlaps) and its field
errors are shown next to the inputs.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engine.domain.errors import FieldError, ValidationFailed
from web.auth import requires, signed_in_username
from web.context import lintas
from web.errors import field_text

admin = Blueprint("admin", __name__, url_prefix="/admin")

CAPACITIES = (("plt", _l("Plt (Pelaksana Tugas)")), ("plh", _l("Plh (Pelaksana Harian)")), ("pj", _l("Pj (Penjabat)")))
FORM_FIELDS = ("role", "username", "capacity", "valid_from", "valid_to", "decree")


@admin.get("")
@requires("admin")
def index() -> str:
    return _page()


@admin.post("/penunjukan")
@requires("admin")
def appoint() -> Any:
    form = {name: request.form.get(name, "").strip() for name in FORM_FIELDS}
    try:
        made = lintas().acting.appoint(form["role"], form["username"], form["capacity"], form["valid_from"],
                                       form["valid_to"], as_user=signed_in_username(), decree=form["decree"] or None)
    except ValidationFailed as exc:
        return _page(form=form, errors=_field_errors(exc.errors)), 422
    flash(_("%(name)s ditunjuk sebagai %(title)s.", name=made.full_name, title=made.title), "sukses")
    return redirect(url_for("admin.index"), 303)


@admin.post("/penunjukan/<int:appointment_id>/akhiri")
@requires("admin")
def end(appointment_id: int) -> Any:
    last_day = request.form.get("on", "").strip()
    try:
        ended = lintas().acting.end(appointment_id, signed_in_username(), last_day)
    except ValidationFailed as exc:
        return _page(end_errors={appointment_id: " ".join(_field_errors(exc.errors).values())},
                     end_values={appointment_id: last_day}), 422
    flash(_("Penunjukan %(title)s untuk %(name)s diakhiri.", title=ended.title, name=ended.full_name), "sukses")
    return redirect(url_for("admin.index"), 303)


def _page(*, form: dict[str, str] | None = None, errors: dict[str, str] | None = None,
          end_errors: dict[int, str] | None = None, end_values: dict[int, str] | None = None) -> str:
    username = signed_in_username()
    service = lintas().acting
    choices = service.choices(username)
    only_active = request.args.get("aktif") == "1"
    appointments = service.listing(username, active_on=choices.today if only_active else None)
    return render_template("admin/index.html", choices=choices, appointments=appointments, only_active=only_active,
                           today=choices.today, capacities=CAPACITIES, form=form or {}, errors=errors or {},
                           end_errors=end_errors or {}, end_values=end_values or {})


def _field_errors(errors: tuple[FieldError, ...] | list[FieldError]) -> dict[str, str]:
    """The service's field errors by field name, in the reader's language (several per field joined)."""
    out: dict[str, str] = {}
    for error in errors:
        text = field_text(error)
        text = text[:1].upper() + text[1:]
        name = error.path or "role"
        out[name] = f"{out[name]} {text}." if name in out else f"{text}."
    return out
