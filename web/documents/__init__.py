"""Documents and attachments of a case, for the people involved in it: the PDF of a document
(``/dokumen/<id>/pdf``, framable by the app's own pages) and an attachment's file
(``/lampiran/<id>``, always downloaded, never rendered inline). Access is decided by the services.

``document_rows(instance_id, username)`` gives the task and case pages their documents list, each
with its verification verdict (``_documents.html`` renders it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, url_for

from engine.domain.documents import DocumentInfo
from web.auth import login_required, signed_in_username
from web.context import lintas
from web.security import csp

documents = Blueprint("documents", __name__)


@dataclass(frozen=True)
class DocumentRow:
    document: DocumentInfo
    verdict: str          # VALID | INVALID | INDETERMINATE | NONE (not signed yet)
    summary_id: str
    verify_url: str       # the document's public verification page (what its QR code opens)


def document_rows(instance_id: int, username: str) -> list[DocumentRow]:
    services = lintas().documents
    rows = []
    for doc in services.for_instance(instance_id, as_user=username):
        link = url_for("public.verification", public_id=doc.public_id)
        if doc.status == "draft":
            rows.append(DocumentRow(doc, "NONE", "", link))
            continue
        verified = services.verify(doc.id, as_user=username)
        rows.append(DocumentRow(doc, verified.verdict, verified.summary_id, link))
    return rows


@documents.get("/dokumen/<int:document_id>/pdf")
@login_required
@csp(frame_ancestors="'self'")
def pdf(document_id: int) -> Response:
    name, content = lintas().documents.content(document_id, as_user=signed_in_username())
    return Response(content, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{_safe(name)}"',
                             "Cache-Control": "private, no-store"})


@documents.get("/lampiran/<int:attachment_id>")
@login_required
def attachment(attachment_id: int) -> Response:
    name, media_type, content = lintas().attachments.content(attachment_id, as_user=signed_in_username())
    return Response(content, mimetype=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{_safe(name)}"',
                             "Cache-Control": "private, no-store"})


def _safe(name: Any) -> str:
    """A file name fit for a Content-Disposition header (no quotes, no control characters)."""
    return "".join(c for c in str(name) if c.isprintable() and c not in '"\\') or "berkas"
