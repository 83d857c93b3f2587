"""The inbox (``/kotak-masuk``): the tasks of the signed-in person and of their units' queues, by deadline.

Kept small on purpose; buckets, filters, working days left and claim/release build on it.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from web.auth import current_actor, login_required
from web.context import lintas

inbox = Blueprint("inbox", __name__, url_prefix="/kotak-masuk")


@inbox.get("")
@login_required
def index() -> str:
    actor = current_actor()
    assert actor is not None            # login_required
    items = lintas().work_items.inbox(actor.username)
    return render_template("inbox/index.html", items=items, me=actor.username)
