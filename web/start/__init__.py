"""Starting work (``/mulai``): the processes this person may start, each with its start form."""

from __future__ import annotations

from flask import Blueprint

start = Blueprint("start", __name__, url_prefix="/mulai")
