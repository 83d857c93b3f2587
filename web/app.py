"""Flask application factory. The clerk web app arrives in a later issue; this serves a status page."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template_string

from engine.bootstrap import Lintas
from engine.domain.errors import InvalidInput
from web.public import public

_PAGE = """<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><title>Lintas</title>
<style>body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ccc;text-align:left}</style></head>
<body>
<h1>Lintas</h1>
<p>Mesin alur kerja pemda sedang berjalan (basis data: {{ backend }}).
<br><small>Workflow engine running. The clerk web app (inbox, forms, signing) is built in a later issue;
use the <code>lintas</code> command meanwhile.</small></p>
<h2>Proses ter-deploy <small>(deployed processes)</small></h2>
{% if versions %}<table><tr><th>Kunci</th><th>Versi</th><th>Nama</th></tr>
{% for v in versions %}<tr><td>{{ v.key }}</td><td>{{ v.version }}</td><td>{{ v.name }}</td></tr>{% endfor %}
</table>{% else %}<p>Belum ada proses. <small>No processes deployed yet.</small></p>{% endif %}
</body></html>"""


def create_app(lintas: Lintas) -> Flask:
    app = Flask(__name__)
    app.extensions["lintas"] = lintas
    app.register_blueprint(public)

    @app.get("/")
    def index() -> str:
        try:
            versions = lintas.deployments.list_versions()
        except InvalidInput:   # no organisation loaded yet is a normal state for this page
            versions = []
        return render_template_string(_PAGE, versions=versions, backend=lintas.ctx.db.backend)

    @app.get("/healthz")
    def health() -> Response:
        return jsonify(status="ok", database=lintas.ctx.db.backend)

    return app
