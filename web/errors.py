"""Errors as HTTP, in one place: domain errors (``LintasError``) and HTTP errors become one error page.

A service's error carries its message in Indonesian and English; the page shows the one of the
current language first and the other beneath it. Requests that ask for JSON get the error as JSON.
Field errors of ``ValidationFailed`` and problems of ``Rejected`` are listed.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, g, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from engine.domain.errors import FieldError, LintasError, Rejected, Unavailable, ValidationFailed
from web.language import either

log = logging.getLogger(__name__)

TITLES = {
    400: _l("Permintaan tidak dapat diproses"),
    401: _l("Perlu masuk"),
    403: _l("Akses ditolak"),
    404: _l("Tidak ditemukan"),
    405: _l("Cara akses tidak diizinkan"),
    409: _l("Data sudah berubah"),
    413: _l("Berkas terlalu besar"),
    422: _l("Data tidak dapat diterima"),
    429: _l("Terlalu banyak percobaan"),
    500: _l("Terjadi kesalahan pada sistem"),
    503: _l("Layanan sedang tidak tersedia"),
}
EXPLANATIONS = {
    400: _l("Permintaan ini tidak dapat diproses. Periksa isian Anda lalu coba lagi."),
    401: _l("Silakan masuk terlebih dahulu."),
    403: _l("Anda tidak berhak membuka halaman ini."),
    404: _l("Halaman yang Anda cari tidak ada atau sudah dipindahkan."),
    405: _l("Halaman ini tidak dapat dibuka dengan cara tersebut."),
    413: _l("Berkas atau isian yang dikirim melebihi batas ukuran."),
    429: _l("Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi."),
    500: _l("Maaf, terjadi kesalahan yang tidak terduga. Kejadian ini telah dicatat; silakan coba lagi nanti."),
    503: _l("Layanan sedang tidak tersedia. Silakan coba lagi beberapa saat lagi."),
}
CSRF_EXPLANATION = _l("Formulir ini sudah kedaluwarsa atau tidak sah. Muat ulang halaman lalu kirim lagi.")
DOMAIN_STATUSES = {400, 401, 403, 404, 409, 422, 429, 503}


def _sentence(text: str) -> str:
    # Services write messages the way the CLI prints them ("lintas: tugas sudah diambil ..."); on a
    # page they stand alone, so they start with a capital.
    return text[:1].upper() + text[1:]


def error_text(exc: LintasError) -> str:
    """The error's message in the current language, as a sentence."""
    return _sentence(either(exc.message_id, exc.message_en))


def field_text(error: FieldError) -> str:
    """A service's field error in the reader's language, as the service wrote it."""
    return either(error.message_id, error.message_en)


def _other_text(exc: LintasError) -> str:
    return _sentence(either(exc.message_en, exc.message_id))


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and not request.accept_mimetypes.accept_html


def render_error(status: int, message: str, detail: str | None = None, items: list[str] | None = None,
                 payload: dict[str, Any] | None = None) -> tuple[Any, int]:
    if _wants_json():
        return jsonify(payload or {"error": status, "message": message}), status
    page = render_template("errors/error.html", status=status, title=TITLES.get(status, TITLES[400]),
                           message=message, detail=detail, items=items or [])
    return page, status


def handle_domain_error(exc: LintasError) -> tuple[Any, int]:
    status = exc.status if exc.status in DOMAIN_STATUSES else 400
    if isinstance(exc, Unavailable):
        g.lintas_user = None           # the layout must not ask the database that just failed
        g.lintas_public_tenant = None
    items: list[str] = []
    if isinstance(exc, ValidationFailed):
        items = [f"{e.path or '-'}: {field_text(e)}" for e in exc.errors]
    elif isinstance(exc, Rejected):
        items = [f"{p.where + ': ' if p.where else ''}{either(p.message_id, p.message_en)}" for p in exc.problems]
    return render_error(status, error_text(exc), _other_text(exc), items, exc.as_dict())


def handle_http_error(exc: HTTPException) -> tuple[Any, int]:
    status = exc.code or 500
    if isinstance(exc, CSRFError):
        return render_error(400, str(CSRF_EXPLANATION))
    message = EXPLANATIONS.get(status) or exc.description or ""
    return render_error(status, str(message))


def handle_internal_error(exc: InternalServerError) -> tuple[Any, int]:
    log.error("internal error on %s %s", request.method, request.path, exc_info=exc.original_exception or exc)
    g.lintas_user = None
    g.lintas_public_tenant = None
    return render_error(500, str(EXPLANATIONS[500]))


def init_app(app: Flask) -> None:
    app.register_error_handler(LintasError, handle_domain_error)
    app.register_error_handler(InternalServerError, handle_internal_error)
    app.register_error_handler(HTTPException, handle_http_error)
