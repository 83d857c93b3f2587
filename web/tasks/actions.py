"""The task's other actions: claim and release, return with a reason, delegate, sign with a passphrase.

The passphrase is read from the form, handed to the document service and dropped: it is never put
in a page, a flash message, a log line or the session.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from engine.domain.errors import ValidationFailed
from web.auth import login_required, signed_in_username
from web.context import lintas
from web.errors import field_text
from web.inbox import claim_or_release
from web.public import VERDICTS
from web.tasks import form_io, page, tasks

PASSPHRASE_FIELD = "frasa_sandi"


@tasks.post("/<int:item_id>/ambil")
@login_required
def claim(item_id: int) -> Response:
    return claim_or_release(item_id, take=True, back=url_for("tasks.show", item_id=item_id))


@tasks.post("/<int:item_id>/lepas")
@login_required
def release(item_id: int) -> Response:
    return claim_or_release(item_id, take=False, back=url_for("inbox.index"))


@tasks.post("/<int:item_id>/kembalikan")
@login_required
def return_task(item_id: int) -> Any:
    me = signed_in_username()
    reason = request.form.get("alasan", "")
    option = lintas().task_actions.returnable(item_id, as_user=me)
    try:       # when the task cannot be returned the service says why (an error page)
        lintas().task_actions.return_task(item_id, as_user=me, reason=reason)
    except ValidationFailed as failed:
        problems = _return_problems(failed, option.reason_field if option else "")
        return page.render(page.build(item_id, me, problems=problems), problems, 422, reason=reason)
    flash(_("Tugas dikembalikan ke langkah sebelumnya."), "sukses")
    return redirect(url_for("inbox.index"), 303)


def _return_problems(failed: ValidationFailed, reason_field: str) -> page.Problems:
    problems = page.Problems()
    for error in failed.errors:
        text = field_text(error)
        if error.path == reason_field:
            problems.reason = text
        else:
            problems.general.append(f"{error.path}: {text}" if error.path else text)
    return problems


@tasks.post("/<int:item_id>/delegasi")
@login_required
def delegate(item_id: int) -> Response:
    me = signed_in_username()
    target = request.form.get("kepada", "")
    note = request.form.get("catatan", "").strip() or None
    done = lintas().task_actions.delegate(item_id, to_user=target, as_user=me, note=note)
    flash(_("Tugas didelegasikan kepada %(user)s.", user=done.claimed_by or target), "sukses")
    return redirect(url_for("inbox.index"), 303)


@tasks.post("/<int:item_id>/tandatangani")
@login_required
def sign(item_id: int) -> Any:
    me = signed_in_username()
    passphrase = request.form.get(PASSPHRASE_FIELD, "")
    task = lintas().work_items.form(item_id, as_user=me)
    data: dict[str, Any] | None = None
    sent = None
    if task.schema is not None and form_io.has_fields(task.schema):
        sent = form_io.read(task.schema, instance_id=task.item.instance_id, username=me, current=task.data,
                            attachments=page.attachment_names(task.item.instance_id, me))
        data = sent.data
    problems = page.Problems(form=list(sent.errors) if sent else [])
    if not passphrase:
        problems.passphrase = _("Frasa sandi wajib diisi.")
    if problems.passphrase is None and not problems.form:
        try:
            outcome = lintas().documents.sign(item_id, as_user=me, passphrase=passphrase, data=data)
        except ValidationFailed as failed:
            for error in failed.errors:
                if error.path == PASSPHRASE_FIELD:
                    problems.passphrase = field_text(error)
                else:
                    problems.form.append(error)
        else:
            return _signed(outcome.document.number, task.signing.kind if task.signing else "sign",
                           lintas().documents.verify(outcome.document.id, as_user=me).verdict)
    return page.render(page.build(item_id, me, data=data, problems=problems), problems, 422)


def _signed(number: str | None, kind: str, verdict: str) -> Response:
    verdict_word = str(VERDICTS.get(verdict, VERDICTS["INDETERMINATE"])[0])
    if kind == "paraf":
        message = _("Paraf dibubuhkan. Hasil verifikasi dokumen: %(verdict)s.", verdict=verdict_word)
    elif number:
        message = _("Dokumen ditandatangani dengan nomor %(number)s. Hasil verifikasi: %(verdict)s.",
                    number=number, verdict=verdict_word)
    else:
        message = _("Dokumen ditandatangani. Hasil verifikasi: %(verdict)s.", verdict=verdict_word)
    flash(message, "sukses")
    return redirect(url_for("inbox.index"), 303)
