"""The inbox (``/kotak-masuk``): the signed-in person's tasks and their units' queues, most urgent first.

SRIKANDI-style buckets with counters (perlu diparaf, perlu ditandatangani, disposisi, lainnya), the
scope (mine, my units' queue, all), filters by process and status as a plain GET form, paging, and
claim / release for queue items. The counters are also served as a fragment (``/kotak-masuk/jumlah``)
that the page polls with htmx, so new work shows up without a reload.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engine.domain.errors import Conflict, PermissionDenied
from web.auth import current_actor, login_required, safe_target, signed_in_username
from web.context import lintas
from web.errors import error_text
from web.inbox.listing import Listing

inbox = Blueprint("inbox", __name__, url_prefix="/kotak-masuk")
STOP_POLLING = 286          # htmx stops polling an element answered with this status


@inbox.get("")
@login_required
def index() -> str:
    me = signed_in_username()
    listing = Listing.from_args(request.args)
    found = lintas().inbox.page(me, scope=listing.scope, bucket=listing.bucket, process=listing.process,
                                status=listing.status, limit=listing.size, offset=listing.offset)
    processes = lintas().inbox.processes(me)
    counts = lintas().inbox.counts(me)
    names = {p.key: p.name for p in processes}
    return render_template("inbox/index.html", rows=found.items, total=found.total, listing=listing,
                           pages=listing.pages(found.total), processes=processes, process_names=names,
                           counts=counts, me=me)


@inbox.get("/jumlah")
def counts() -> Any:
    """The counters (scope and bucket tabs) as an htmx fragment for the page to swap in."""
    actor = current_actor()
    if actor is None:
        # Signed out meanwhile: stop polling rather than swap a sign-in page into the tabs.
        return Response(status=STOP_POLLING)
    listing = Listing.from_args(request.args)
    return render_template("inbox/_counts.html", counts=lintas().inbox.counts(actor.username), listing=listing)


@inbox.post("/<int:item_id>/ambil")
@login_required
def claim(item_id: int) -> Response:
    return claim_or_release(item_id, take=True, back=safe_target(request.form.get("next"), url_for("inbox.index")))


@inbox.post("/<int:item_id>/lepaskan")
@login_required
def release(item_id: int) -> Response:
    return claim_or_release(item_id, take=False,
                            back=safe_target(request.form.get("next"), url_for("inbox.index")))


def claim_or_release(item_id: int, *, take: bool, back: str) -> Response:
    """Take a queue task or give it back, then go to ``back`` with the outcome (also the task page's)."""
    me = signed_in_username()
    try:
        if take:
            item = lintas().work_items.claim(item_id, as_user=me)
            flash(_("Tugas \"%(name)s\" sudah Anda ambil.", name=item.name), "sukses")
        else:
            item = lintas().work_items.unclaim(item_id, as_user=me)
            flash(_("Tugas \"%(name)s\" dikembalikan ke antrean unit.", name=item.name), "sukses")
    except (Conflict, PermissionDenied) as exc:
        # Someone else was quicker, or the task is no longer the person's: say so on the inbox itself.
        flash(error_text(exc), "galat")
    return redirect(back, 303)   # type: ignore[return-value]
