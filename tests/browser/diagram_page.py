"""A test-only page for web/static/js/diagram.js, registered by the browser fixture and never by the
product: the complaint process's BPMN as deployed, with fixed states, until the instance page exists.

The page is sent with a strict Content-Security-Policy (self-hosted scripts and styles only) unless
the app already sets one, so a diagram module that needed inline code would fail its test.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template_string

from engine.bootstrap import Lintas

KEY = "pengaduan-jalan-rusak"
STRICT_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

# A complaint part-way through follow-up: verified and dispatched, field inspection overdue, one
# unrelated step failed, and an id the diagram does not have (a module must ignore it quietly).
STATES = {
    "completed": ["StartEvent_Laporan", "Script_Diterima", "SubProcess_Verifikasi", "Task_Verifikasi",
                  "Script_Didisposisikan", "Task_Disposisi", "Script_TindakLanjut"],
    "active": ["Task_PemeriksaanLapangan"],
    "failed": ["Service_BeritaAcara"],
    "sla": {
        "Task_Verifikasi": {"state": "met", "label": "Selesai tepat waktu"},
        "Task_Disposisi": {"state": "late", "label": "Selesai terlambat 1 hari kerja"},
        "Task_PemeriksaanLapangan": {"state": "breached", "label": "Lewat 2 hari kerja"},
        "Task_Tidak_Ada": {"state": "breached", "label": "tidak ada"},
    },
}

PAGE = """<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Uji diagram proses</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{{ url_for('static', filename='vendor/bpmn-js/diagram-js.css') }}">
<link rel="stylesheet" href="{{ url_for('static', filename='vendor/bpmn-js/bpmn-js.css') }}">
<link rel="stylesheet" href="{{ url_for('static', filename='css/diagram.css') }}">
<script defer src="{{ url_for('static', filename='vendor/bpmn-js/bpmn-viewer.production.min.js') }}"></script>
<script defer src="{{ url_for('static', filename='js/diagram.js') }}"></script>
</head>
<body>
<main>
<h1>Diagram proses pengaduan</h1>
{% if hidden %}<div id="panel" hidden>{% endif %}
<div id="diagram" data-bpmn-url="{{ url_for('browser_test.complaint_bpmn') }}"
     {% if states %}data-states-url="{{ url_for('browser_test.complaint_states') }}"{% endif %}
     data-label="Pengaduan Jalan Rusak"><p>Diagram memerlukan JavaScript.</p></div>
{% if hidden %}</div>{% endif %}
</main>
</body>
</html>"""

diagram_test_pages = Blueprint("browser_test", __name__, url_prefix="/_uji")


@diagram_test_pages.after_request
def strict_csp(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", STRICT_CSP)
    return response


@diagram_test_pages.get("/diagram")
def diagram() -> str:
    return render_template_string(PAGE, lang="id", states=True)


@diagram_test_pages.get("/diagram/tersembunyi")
def diagram_hidden() -> str:
    return render_template_string(PAGE, lang="id", states=True, hidden=True)


@diagram_test_pages.get("/diagram/en")
def diagram_english() -> str:
    return render_template_string(PAGE, lang="en", states=True)


@diagram_test_pages.get("/diagram/tanpa-status")
def diagram_without_states() -> str:
    return render_template_string(PAGE, lang="id", states=False)


@diagram_test_pages.get("/diagram/pengaduan.bpmn")
def complaint_bpmn() -> Response:
    lintas: Lintas = current_app.extensions["lintas"]
    version = max((v for v in lintas.deployments.list_versions() if v.key == KEY), key=lambda v: v.version)
    # Test code may read the stored definition directly; the product's instance page gets it from a service.
    with lintas.ctx.uow(write=False) as uow:
        xml = uow.definitions.payload(version.id).bpmn_xml
    return Response(xml, mimetype="application/xml")


@diagram_test_pages.get("/diagram/status.json")
def complaint_states() -> Response:
    return jsonify(STATES)
