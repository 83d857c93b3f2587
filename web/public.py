"""Public pages and endpoints that need no login: document verification (the QR target), verification
of an uploaded PDF (``/v``: checked in memory, never stored) and the
development PKI's CRL/OCSP/TSA/CA-certificate endpoints under /pki (exempt from CSRF: OCSP and TSA
clients post DER bodies without a token)."""

from __future__ import annotations

from io import BytesIO
from typing import IO, Any

from flask import Blueprint, Flask, Request, Response, abort, render_template, request
from flask.blueprints import BlueprintSetupState
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import RequestEntityTooLarge

from engine.domain.attachments import PDF, sniff
from engine.domain.errors import NotFound
from web.context import lintas
from web.errors import handle_http_error
from web.verify_report import reasons, signature_rows

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
UPLOAD_PATH = "/v"


class _VerifyUploadInMemory(Request):
    """Form parsing that keeps a PDF sent to ``/v`` in memory: werkzeug would spool a file over 500 KB to
    a temporary file, and an uploaded document must not be written anywhere. The request size limit
    (``MAX_CONTENT_LENGTH``) bounds the memory it takes."""

    def _get_file_stream(self, total_content_length: int | None, content_type: str | None,
                         filename: str | None = None, content_length: int | None = None) -> IO[bytes]:
        if self.path == UPLOAD_PATH:
            return BytesIO()
        return super()._get_file_stream(total_content_length, content_type, filename, content_length)


@public.record_once
def _keep_uploads_in_memory(state: BlueprintSetupState) -> None:
    app = state.app
    assert isinstance(app, Flask)
    if not issubclass(app.request_class, _VerifyUploadInMemory):
        app.request_class = type("LintasRequest", (_VerifyUploadInMemory, app.request_class), {})


@public.get("/v/<public_id>")
def verification(public_id: str) -> str | tuple[str, int]:
    try:
        doc = lintas().documents.public(public_id)
    except NotFound:
        return render_template("public/not_found.html"), 404
    word, css, explanation = VERDICTS.get(doc.verification.verdict, VERDICTS["INDETERMINATE"])
    return render_template("public/verification.html", doc=doc, word=word, css=css, explanation=explanation)


@public.get(UPLOAD_PATH)
def verify_upload() -> str:
    return _upload_page()


@public.post(UPLOAD_PATH)
def verify_upload_check() -> str | tuple[str, int]:
    upload = request.files.get("berkas")
    content = upload.read(_limit() + 1) if upload is not None else b""
    if not content:
        return _upload_page(error=_("Pilih berkas PDF yang akan diperiksa.")), 400
    if len(content) > _limit():
        return _too_large()
    if sniff(content) != PDF:
        return _upload_page(error=_("Berkas ini bukan PDF. Hanya dokumen PDF yang dapat diverifikasi.")), 415
    verified = lintas().documents.verify_pdf(content)          # checked in memory; nothing is stored
    word, css, explanation = VERDICTS.get(verified.verdict, VERDICTS["INDETERMINATE"])
    return _upload_page(verified=verified, word=word, css=css, explanation=explanation,
                        signatures=signature_rows(verified), reasons=reasons(verified),
                        name=upload.filename if upload else None)


@public.errorhandler(RequestEntityTooLarge)
def too_large(exc: RequestEntityTooLarge) -> Any:
    if request.endpoint == "public.verify_upload_check":
        return _too_large()
    return handle_http_error(exc)


def _limit() -> int:
    return lintas().settings.max_verify_bytes


def _megabytes() -> str:
    return f"{_limit() / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def _too_large() -> tuple[str, int]:
    return _upload_page(error=_("Berkas terlalu besar. Ukuran paling besar %(mb)s MB.", mb=_megabytes())), 413


def _upload_page(error: str | None = None, **report: Any) -> str:
    return render_template("public/verify_upload.html", error=error, limit_mb=_megabytes(), **report)


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
