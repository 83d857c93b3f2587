"""The case page (``/kasus/<id>``): summary, timeline, diagram with progress, SLA per step, documents."""

from __future__ import annotations

from flask import Blueprint

instances = Blueprint("instances", __name__, url_prefix="/kasus")
