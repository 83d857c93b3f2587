"""Rendering official documents: a designer's Jinja2 template to an unsigned PDF/A-3b with fields.

    from signing.render import Letterhead, RenderRequest, SignatureSlot, render_document

    doc = render_document(RenderRequest(
        template_dir=Path("processes/pengaduan-jalan-rusak/templates"),
        template="ba-hasil-tindak-lanjut.html",
        data=instance_data,
        letterhead=Letterhead("Pemerintah Kabupaten Contoh", "Dinas PUPR", "Jl. Veteran No. 1, Contoh"),
        signatures=(SignatureSlot("paraf_kabid", "paraf", "Kepala Bidang Bina Marga"),
                    SignatureSlot("ttd_kadis", "sign", "Kepala Dinas PUPR")),
        verify_url="https://lintas.contoh.go.id/verifikasi/7f3a",
        issuer_name="Balai Besar Sertifikasi Elektronik (BSrE), BSSN",
    ))
    doc.pdf, doc.fields, doc.number_field   # unsigned PDF/A-3b; where each field is

At signing, ``fill_number(writer, "600/15/PUPR/2026")`` puts the number into its field within the
same incremental update as the signature. Templates: see ``signing/render/templates/lintas/``.
"""

from __future__ import annotations

from signing.render.fields import fill_number
from signing.render.model import (
    MAX_HTML_CHARS,
    MAX_PAGES,
    MAX_TEMPLATE_BYTES,
    NUMBER_FIELD,
    FieldBox,
    Letterhead,
    RenderedDocument,
    RenderRequest,
    SignatureSlot,
)
from signing.render.pipeline import render_document

__all__ = [
    "MAX_HTML_CHARS",
    "MAX_PAGES",
    "MAX_TEMPLATE_BYTES",
    "NUMBER_FIELD",
    "FieldBox",
    "Letterhead",
    "RenderRequest",
    "RenderedDocument",
    "SignatureSlot",
    "fill_number",
    "render_document",
]
