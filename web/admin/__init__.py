"""Administration (``/admin``): acting officials (Plt/Plh) for a role and a period."""

from __future__ import annotations

from flask import Blueprint

admin = Blueprint("admin", __name__, url_prefix="/admin")
