"""Flask application factory: settings, security, language, error pages and one blueprint per area.

``create_app(lintas)`` takes a bootstrapped engine (``engine.bootstrap.Lintas``); views reach the
engine only through its services (``web.context.lintas()``). ``config`` overrides Flask settings
last (tests pass ``{"TESTING": True}``, ``{"WTF_CSRF_ENABLED": False}`` etc.).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, current_app, jsonify, redirect, url_for

from engine.bootstrap import Lintas
from web import errors, i18n, nav, security
from web.admin import admin
from web.auth import auth, current_actor, signed_in_context
from web.dashboard import dashboard
from web.documents import documents
from web.inbox import inbox
from web.instances import instances
from web.public import pki, public
from web.start import start
from web.tasks import tasks


def create_app(lintas: Lintas, config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.extensions["lintas"] = lintas
    security.configure(app, lintas.settings)
    # Largest request body: a PDF to verify (or a form with attachments), plus room for the form itself.
    app.config["MAX_CONTENT_LENGTH"] = lintas.settings.max_verify_bytes + 1024 * 1024
    app.config.update(config or {})

    security.init_csrf(app)
    security.csrf.exempt(pki)      # OCSP and time-stamp clients post DER bodies without a token
    i18n.init_app(app)
    errors.init_app(app)
    nav.init_app(app)
    app.context_processor(signed_in_context)
    app.context_processor(lambda: {"nav_items": lambda: nav.visible_items(current_actor()),
                                   "has_endpoint": lambda name: name in current_app.view_functions})

    app.register_blueprint(public)
    app.register_blueprint(auth)
    for blueprint in (inbox, tasks, start, instances, documents, dashboard, admin):
        app.register_blueprint(blueprint)

    @app.get("/")
    def home() -> Any:
        if current_actor() is None:
            return redirect(url_for("auth.login"), 303)
        return redirect(url_for("inbox.index"), 303)

    @app.get("/favicon.ico")
    def favicon() -> Any:
        # Browsers ask for it on pages without a layout (a PDF, an error from a proxy).
        return redirect(url_for("static", filename="img/favicon.svg"), 301)

    @app.get("/healthz")
    def health() -> Response:
        return jsonify(status="ok", database=lintas.ctx.db.backend)

    return app
