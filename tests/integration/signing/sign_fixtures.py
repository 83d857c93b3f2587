"""Helpers for the signing tests: requests for the test officials, pyHanko and poppler cross-checks."""

from __future__ import annotations

import asyncio
import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyhanko.pdf_utils.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_fields_in
from pyhanko.sign.validation import async_validate_pdf_signature, async_validate_pdf_timestamp
from pyhanko.sign.validation.status import DocumentTimestampStatus, PdfSignatureStatus

from signing.sign import SignatureKind, SignatureLevel, SigningRequest, StampContent
from signing.signers import Pkcs12Signer
from signing.trust import TrustSettings
from tests.integration.signing.pki_helpers import Official

VERIFY_URL = "https://lintas.kab-uji.go.id/verifikasi/9f2c1e"
LETTER_NUMBER = "600.1/15/PUPR/2026"


def stamp_for(official: Official, **extra: str) -> StampContent:
    subject = official.subject
    return StampContent(subject.common_name, role=f"{subject.title} {subject.unit}".strip(), nip=subject.nip,
                        verify_url=VERIFY_URL, **extra)


def request_for(official: Official, field: str, *, kind: SignatureKind = SignatureKind.SIGN,
                level: SignatureLevel = SignatureLevel.B_LTA, **extra: object) -> SigningRequest:
    return SigningRequest(field, stamp_for(official), kind=kind, level=level, **extra)  # type: ignore[arg-type]


def pkcs12_of(official: Official, *, with_certificate: bool = True) -> Pkcs12Signer:
    cert = official.credential.certificate if with_certificate else None
    return Pkcs12Signer(official.credential.pkcs12, certificate=cert)


@dataclass(frozen=True)
class Validated:
    signatures: dict[str, PdfSignatureStatus]
    timestamps: list[DocumentTimestampStatus]


def validate(pdf: bytes, trust: TrustSettings) -> Validated:
    """pyHanko's full validation of every signature and document time stamp, against ``trust``."""

    async def run() -> Validated:
        async with trust.session() as session:
            context = trust.validation_context(session)
            reader = PdfFileReader(io.BytesIO(pdf))
            signatures = {sig.field_name: await async_validate_pdf_signature(sig, context)
                          for sig in reader.embedded_regular_signatures}
            timestamps = [await async_validate_pdf_timestamp(ts, context)
                          for ts in reader.embedded_timestamp_signatures]
            return Validated(signatures, timestamps)

    return asyncio.run(run())


def require_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"'{name}' is missing: install the Debian package {package} (CI installs it)")
    return path


@dataclass(frozen=True)
class PopplerSignature:
    field: str
    signer: str
    validation: str


def pdfsig(pdf: bytes) -> list[PopplerSignature]:
    """What poppler's ``pdfsig`` says about each signature of ``pdf``."""
    tool = require_tool("pdfsig", "poppler-utils")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "signed.pdf"
        path.write_bytes(pdf)
        out = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False).stdout
    found = []
    for block in re.split(r"^Signature #\d+:\s*$", out, flags=re.M)[1:]:
        values = dict(re.findall(r"^[ \t]+- ([^:\n]+): (.*)$", block, flags=re.M))
        found.append(PopplerSignature(values.get("Signature Field Name", ""),
                                      values.get("Signer Certificate Common Name", ""),
                                      values.get("Signature Validation", "")))
    return found


def assert_poppler_valid(pdf: bytes, fields: set[str]) -> None:
    """pdfsig reports "Signature is Valid." for each of ``fields`` (document time stamps it cannot check)."""
    report = {sig.field: sig.validation for sig in pdfsig(pdf)}
    assert fields <= set(report), report
    for name in fields:
        assert report[name] == "Signature is Valid.", (name, report)


def with_text_field(pdf: bytes, name: str) -> bytes:
    """``pdf`` with an empty text field ``name`` on page 1 (where a letter number goes)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page_ref = writer.find_page_for_modification(0)[0]
    field = DictionaryObject({
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): pdf_string(name),
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/Rect"): ArrayObject([FloatObject(x) for x in (60, 700, 300, 720)]),
        NameObject("/F"): NumberObject(4), NameObject("/P"): page_ref,
    })
    ref = writer.add_object(field)
    writer.root["/AcroForm"]["/Fields"].append(ref)
    writer.update_container(writer.root["/AcroForm"]["/Fields"])
    writer.register_annotation(page_ref, ref)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def fill_letter_number(writer: IncrementalPdfFileWriter) -> None:
    """A ``prepare`` hook: put ``LETTER_NUMBER`` into the text field ``nomor_surat``."""
    for _name, _value, ref in enumerate_fields_in(writer.root["/AcroForm"]["/Fields"], target_field_type="/Tx",
                                                  with_name="nomor_surat", refs_seen=set()):
        ref.get_object()["/V"] = pdf_string(LETTER_NUMBER)
        writer.mark_update(ref)


def text_field_value(pdf: bytes, revision: int, name: str) -> str | None:
    """The value of text field ``name`` as of ``revision`` (0-based)."""
    resolver = PdfFileReader(io.BytesIO(pdf)).get_historical_resolver(revision)
    for field in resolver.root["/AcroForm"]["/Fields"]:
        field = field.get_object()
        if str(field.get("/T")) == name:
            value = field.get("/V")
            return None if value is None else str(value)
    raise KeyError(name)
