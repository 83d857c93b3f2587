"""Public pages and endpoints that need no login: document verification (the QR target) and the
development PKI's CRL/OCSP/TSA/CA-certificate endpoints under /pki."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, current_app, render_template, request

from engine.bootstrap import Lintas
from engine.domain.errors import NotFound

public = Blueprint("public", __name__)

VERDICTS = {
    "VALID": ("SAH", "valid",
              "Tanda tangan elektronik pada dokumen ini sah dan dokumen tidak berubah sejak ditandatangani."),
    "INVALID": ("TIDAK SAH", "invalid",
                "Dokumen ini telah berubah atau tanda tangannya tidak sah. Jangan gunakan dokumen ini."),
    "INDETERMINATE": ("BELUM DAPAT DIPASTIKAN", "indeterminate",
                      "Keabsahan tanda tangan belum dapat dipastikan (mis. status sertifikat tidak dapat diperiksa)."),
}
MAX_PKI_BODY = 64 * 1024


def _lintas() -> Lintas:
    return current_app.extensions["lintas"]  # type: ignore[no-any-return]


@public.get("/v/<public_id>")
def verification(public_id: str) -> str | tuple[str, int]:
    try:
        doc = _lintas().documents.public(public_id)
    except NotFound:
        return render_template("verifikasi_tidak_ada.html"), 404
    zone = ZoneInfo(doc.timezone)
    word, css, explanation = VERDICTS.get(doc.verification.verdict, VERDICTS["INDETERMINATE"])
    return render_template("verifikasi.html", doc=doc, word=word, css=css, explanation=explanation,
                           when=lambda moment: _when(moment, zone))


@public.get("/v/<public_id>/pdf")
def verification_pdf(public_id: str) -> Response:
    try:
        name, content = _lintas().documents.public_pdf(public_id)
    except NotFound:
        abort(404)
    return Response(content, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}"', "X-Content-Type-Options": "nosniff"})


@public.route("/pki/<path:path>", methods=["GET", "POST"])
def pki(path: str) -> Response:
    body = request.get_data(cache=False)[: MAX_PKI_BODY + 1]
    try:
        status, content_type, payload = _lintas().documents.pki_reply(request.method, "/" + path, body)
    except NotFound:
        abort(404)
    return Response(payload, status=status, mimetype=content_type.split(";")[0])


def _when(moment: datetime | None, zone: ZoneInfo) -> str:
    if moment is None:
        return "-"
    local = moment.astimezone(zone)
    names = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
    months = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
              "November", "Desember")
    return f"{local.day} {months[local.month - 1]} {local.year} {local:%H.%M} {names.get(zone.key, zone.key)}"
