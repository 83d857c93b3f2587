"""Sign a PDF: one field, one signer backend, one passphrase, up to the PAdES level asked for.

``sign_document`` checks the document first (the field exists and is empty, nothing locks the
document), then the certificate when the backend knows it (revoked, expired, not yet valid or
untrusted certificates are refused before the passphrase is used), lets the backend sign, checks
what it returned, and raises the signature to the requested level (default B-LTA). The first
signature of a document certifies it (DocMDP, form filling allowed) when the backend can; later
ones are approval signatures filling their pre-created fields, so earlier signatures stay valid.
All network traffic (OCSP, CRL, TSA) goes through ``trust.session()`` inside one event loop.

Example::

    backend = Pkcs12Signer(p12_bytes, certificate=cert)
    request = SigningRequest("ttd_kadis", StampContent("Ir. Budi Santoso, M.T.", role="Kepala Dinas PUPR",
                             nip="198001012005011001", verify_url="https://pemda.example/v/abc"))
    signed = sign_document(pdf, request, backend, passphrase, trust)
    signed.level, signed.signed_at, signed.sha256
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import x509 as asn1_x509

from signing.errors import DocumentRefused
from signing.ltv import SignatureLevel, TimeSource, extend
from signing.pades import JobSettings, NewField, PadesJob, Prepare
from signing.pdfdoc import SignatureFields, check_field, read_pdf
from signing.signers.base import SignerBackend
from signing.stamp import SignatureKind, StampContent, build_stamp
from signing.trust import TrustSettings
from signing.typeface import NOTO_SANS

__all__ = ["NewField", "SignatureKind", "SignatureLevel", "SignedDocument", "SignerCertificate", "SigningRequest",
           "StampContent", "TimeSource", "async_sign_document", "sign_document"]


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SigningRequest:
    """One signature to make.

    ``certify``: ``None`` certifies when the document has no signature yet (and the backend can),
    ``True`` insists (refused on a signed document), ``False`` never certifies. ``prepare`` runs on
    the incremental writer before signing, e.g. to fill the letter number into a text field in the
    signature's own revision. ``new_field`` creates the field, and only in a document with no
    planned signature fields. ``stamp_font`` is any OpenType/TrueType file (embedded, subset).
    """

    field_name: str
    stamp: StampContent
    kind: SignatureKind = SignatureKind.SIGN
    level: SignatureLevel = SignatureLevel.B_LTA
    certify: bool | None = None
    prepare: Prepare | None = field(default=None, compare=False)
    new_field: NewField | None = None
    reason: str | None = None
    location: str | None = None
    stamp_font: Path = NOTO_SANS


@dataclass(frozen=True)
class SignerCertificate:
    common_name: str
    subject: str
    serial_number: int
    issuer: str
    sha256: str

    @classmethod
    def of(cls, cert: asn1_x509.Certificate) -> SignerCertificate:
        return cls(str(cert.subject.native.get("common_name", "")), cert.subject.human_friendly,
                   int(cert.serial_number), cert.issuer.human_friendly, cert.sha256.hex())


@dataclass(frozen=True)
class SignedDocument:
    pdf: bytes = field(repr=False)
    field_name: str
    kind: SignatureKind
    level: SignatureLevel
    certified: bool
    signer: SignerCertificate
    signed_at: datetime
    time_source: TimeSource
    sha256: str
    backend: str


def sign_document(pdf: bytes, request: SigningRequest, backend: SignerBackend, passphrase: str,
                  trust: TrustSettings, *, clock: Callable[[], datetime] = _utcnow) -> SignedDocument:
    """Blocking form of ``async_sign_document`` (runs its own event loop)."""
    return asyncio.run(async_sign_document(pdf, request, backend, passphrase, trust, clock=clock))


async def async_sign_document(pdf: bytes, request: SigningRequest, backend: SignerBackend, passphrase: str,
                              trust: TrustSettings, *, clock: Callable[[], datetime] = _utcnow) -> SignedDocument:
    fields = check_field(read_pdf(pdf), request.field_name, may_create=request.new_field is not None)
    certify = _certify(request, fields, backend)
    moment = clock()
    stamp = build_stamp(request.kind, request.stamp, moment, font=request.stamp_font)
    settings = JobSettings(
        field_name=request.field_name, kind=request.kind, stamp=stamp, moment=moment, certify=certify,
        time_zone=request.stamp.time_zone, prepare=request.prepare, new_field=request.new_field,
        reason=request.reason, location=request.location)
    async with trust.session() as session:
        context = trust.validation_context(session)
        timestamper = trust.timestamper(session) if request.level.at_least(SignatureLevel.B_T) else None
        job = PadesJob(pdf, settings, context, timestamper)
        if backend.certificate is not None:
            await job.admit(backend.certificate)    # refuse before the passphrase is even used
        signature = await job.accept(await backend.sign(job, passphrase))
        signer = SignerCertificate.of(signature.signer_cert)
        certified = signature.docmdp_level is not None
        extended = await extend(signature, request.level, context, timestamper)
    return SignedDocument(pdf=extended.pdf, field_name=request.field_name, kind=request.kind, level=extended.level,
                          certified=certified, signer=signer, signed_at=extended.signed_at,
                          time_source=extended.time_source, sha256=hashlib.sha256(extended.pdf).hexdigest(),
                          backend=backend.identity)


def _certify(request: SigningRequest, fields: SignatureFields, backend: SignerBackend) -> bool:
    if request.certify is False:
        return False
    if request.certify and fields.signed:
        raise DocumentRefused("hanya tanda tangan pertama yang dapat mengesahkan (certify) dokumen",
                              "only the first signature of a document can certify it")
    if request.certify and not backend.can_certify:
        raise DocumentRefused("penanda tangan ini tidak dapat membuat tanda tangan pengesahan (certify)",
                              "this signer cannot make a certification signature")
    return not fields.signed and backend.can_certify
