"""For supervisors (``/dasbor``): the unit's open and overdue work, reassignment, SLA compliance over time."""

from __future__ import annotations

from flask import Blueprint

dashboard = Blueprint("dashboard", __name__, url_prefix="/dasbor")
