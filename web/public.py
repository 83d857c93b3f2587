"""Public pages and endpoints that need no login: document verification (the QR target) and the
development PKI's CRL/OCSP/TSA/CA-certificate endpoints under /pki (exempt from CSRF: OCSP and TSA
clients post DER bodies without a token)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import lazy_gettext as _l

from engine.domain.errors import NotFound
from web.context import lintas

public = Blueprint("public", __name__)

VERDICTS = {
    "VALID": (_l("SAH"), "valid",
              _l("Tanda tangan elektronik pada dokumen ini sah dan dokumen tidak berubah sejak ditandatangani.")),
    "INVALID": (_l("TIDAK SAH"), "invalid",
                _l("Dokumen ini telah berubah atau tanda tangannya tidak sah. Jangan gunakan dokumen ini.")),
    "INDETERMINATE": (_l("BELUM DAPAT DIPASTIKAN"), "indeterminate",
                      _l("Keabsahan tanda tangan belum dapat dipastikan (mis. status sertifikat tidak dapat "
                         "diperiksa).")),
}
MAX_PKI_BODY = 64 * 1024


@public.get("/v/<public_id>")
def verification(public_id: str) -> str | tuple[str, int]:
    try:
        doc = lintas().documents.public(public_id)
    except NotFound:
        return render_template("public/not_found.html"), 404
    word, css, explanation = VERDICTS.get(doc.verification.verdict, VERDICTS["INDETERMINATE"])
    return render_template("public/verification.html", doc=doc, word=word, css=css, explanation=explanation)


@public.get("/v/<public_id>/pdf")
def verification_pdf(public_id: str) -> Response:
    try:
        name, content = lintas().documents.public_pdf(public_id)
    except NotFound:
        abort(404)
    return Response(content, mimetype="application/pdf", headers={"Content-Disposition": f'inline; filename="{name}"'})


@public.route("/pki/<path:path>", methods=["GET", "POST"])
def pki(path: str) -> Response:
    body = request.get_data(cache=False)[: MAX_PKI_BODY + 1]
    try:
        status, content_type, payload = lintas().documents.pki_reply(request.method, "/" + path, body)
    except NotFound:
        abort(404)
    return Response(payload, status=status, mimetype=content_type.split(";")[0])
