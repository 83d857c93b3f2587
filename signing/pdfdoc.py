"""Reading a PDF for signing: its signature fields, its revisions, the signatures it carries.

Everything a refusal needs is checked here before a key is touched: the bytes are a readable,
unencrypted PDF; the requested field exists and is empty; the document does not forbid changes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import cms, tsp
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm, enumerate_sig_fields
from pyhanko.sign.validation import EmbeddedPdfSignature, read_certification_data

from signing.errors import DocumentRefused


@dataclass(frozen=True)
class SignatureFields:
    empty: frozenset[str]
    filled: frozenset[str]

    @property
    def signed(self) -> bool:
        return bool(self.filled)


def read_pdf(data: bytes) -> PdfFileReader:
    if not data.startswith(b"%PDF-"):
        raise DocumentRefused("berkas bukan PDF", "the file is not a PDF")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        reader.root  # noqa: B018 - fails here on a broken trailer
    except (PdfReadError, ValueError, KeyError) as exc:
        raise DocumentRefused("PDF rusak dan tidak dapat dibaca", "the PDF is damaged and cannot be read") from exc
    if reader.encrypted:
        raise DocumentRefused("PDF terenkripsi tidak dapat ditandatangani", "an encrypted PDF cannot be signed")
    return reader


def signature_fields(reader: PdfFileReader) -> SignatureFields:
    empty: set[str] = set()
    filled: set[str] = set()
    for name, value, _ in enumerate_sig_fields(reader):
        (filled if value is not None else empty).add(name)
    return SignatureFields(frozenset(empty), frozenset(filled))


def check_field(reader: PdfFileReader, field_name: str, *, may_create: bool) -> SignatureFields:
    """Refuse a missing or already signed field, or a document that allows no further change."""
    fields = signature_fields(reader)
    if field_name in fields.filled:
        raise DocumentRefused(f"kolom tanda tangan '{field_name}' sudah ditandatangani",
                              f"signature field '{field_name}' is already signed")
    if field_name not in fields.empty:
        if not may_create:
            raise DocumentRefused(f"kolom tanda tangan '{field_name}' tidak ada pada dokumen",
                                  f"the document has no signature field '{field_name}'")
        if fields.empty or fields.filled:
            raise DocumentRefused("dokumen sudah memiliki kolom tanda tangan; kolom baru tidak dibuat",
                                  "the document has planned signature fields; no new field is created")
    certification = read_certification_data(reader)
    if certification is not None and certification.permission == MDPPerm.NO_CHANGES:
        raise DocumentRefused("dokumen dikunci oleh tanda tangan sebelumnya", "an earlier signature locks the document")
    return fields


def embedded_signature(reader: PdfFileReader, field_name: str) -> EmbeddedPdfSignature | None:
    for sig in reader.embedded_regular_signatures:
        if sig.field_name == field_name:
            return sig
    return None


def revision_count(reader: PdfFileReader) -> int:
    return int(reader.xrefs.total_revisions)


def signature_timestamp_time(sig: EmbeddedPdfSignature) -> datetime | None:
    """genTime of the signature time-stamp token in the signature's unsigned attributes, if any."""
    attrs = sig.signer_info["unsigned_attrs"]
    if not attrs:
        return None
    for attr in attrs:
        if attr["type"].native == "signature_time_stamp_token":
            return token_time(attr["values"][0])
    return None


def token_time(token: cms.ContentInfo | cms.SignedData) -> datetime:
    """genTime of an RFC 3161 token (a ContentInfo, or the SignedData inside one)."""
    signed_data = token["content"] if isinstance(token, cms.ContentInfo) else token
    content = signed_data["encap_content_info"]["content"]
    info = content.parsed if isinstance(content.parsed, tsp.TSTInfo) else tsp.TSTInfo.load(content.native)
    return info["gen_time"].native  # type: ignore[no-any-return]


def claimed_signing_time(sig: EmbeddedPdfSignature) -> datetime | None:
    for attr in sig.signer_info["signed_attrs"]:
        if attr["type"].native == "signing_time":
            return attr["values"][0].native  # type: ignore[no-any-return]
    return sig.self_reported_timestamp
