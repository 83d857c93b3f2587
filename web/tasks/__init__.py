"""Task pages (``/tugas/<id>``): the case's context, the server-rendered form and the task's actions."""

from __future__ import annotations

from flask import Blueprint

tasks = Blueprint("tasks", __name__, url_prefix="/tugas")

from web.tasks import actions, views  # noqa: E402,F401  (routes register themselves on the blueprint)
