"""WSGI entry point for production servers, e.g. ``gunicorn -w 4 'web.wsgi:app'``.

Settings come from ``LINTAS_*`` variables; give every process the same ``LINTAS_SECRET_KEY`` (or the
same instance folder) and run ``lintas init-db`` and ``lintas worker`` separately.
"""

from __future__ import annotations

from engine.bootstrap import bootstrap
from web.app import create_app

app = create_app(bootstrap())
