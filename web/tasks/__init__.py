"""Task pages (``/tugas/<id>``): the case's context, the server-rendered form and the task's actions."""

from __future__ import annotations

from flask import Blueprint

tasks = Blueprint("tasks", __name__, url_prefix="/tugas")
