"""One PAdES signature in the making: what a signer backend is handed and how its output is judged.

``PadesJob`` implements ``SignatureJob``. A local backend calls ``sign_with`` and gets a PAdES
signature (SubFilter ETSI.CAdES.detached, SHA-256) in the requested field, with the signature
time stamp when the level asks for one, the visible stamp, and - for the first signature of a
document - a certification (DocMDP) allowing form filling. The ``prepare`` hook runs on the same
incremental writer, so what it fills lands in the revision the signature covers. A remote
backend sends ``document()`` instead. ``accept`` then checks whatever came back the same way:
an incremental update of the input, the field now signed, the signature intact and made with a
certificate this job admitted.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm, SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, Signer
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.validation import EmbeddedPdfSignature, async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from signing.admission import admit_certificate
from signing.errors import DocumentRefused, SignerUnavailable
from signing.pdfdoc import embedded_signature
from signing.signers.base import RemoteAppearance
from signing.stamp import SignatureKind, Stamp

Prepare = Callable[[IncrementalPdfFileWriter], None]
DIGEST = "sha256"
_REASONS = {SignatureKind.SIGN: "Tanda tangan elektronik", SignatureKind.PARAF: "Paraf",
            SignatureKind.SEAL: "Segel elektronik"}


@dataclass(frozen=True)
class NewField:
    """Where to create the signature field of a document that has none planned (page from 0)."""

    page: int
    box: tuple[int, int, int, int]


@dataclass(frozen=True)
class JobSettings:
    field_name: str
    kind: SignatureKind
    stamp: Stamp
    moment: datetime
    certify: bool
    time_zone: str
    prepare: Prepare | None = None
    new_field: NewField | None = None
    reason: str | None = None
    location: str | None = None


class PadesJob:
    def __init__(self, pdf: bytes, settings: JobSettings, context: ValidationContext,
                 timestamper: TimeStamper | None) -> None:
        self._pdf, self.settings, self.context, self.timestamper = pdf, settings, context, timestamper
        self._admitted: set[bytes] = set()
        self._document: bytes | None = None

    # -- SignatureJob -----------------------------------------------------------------------------
    @property
    def field_name(self) -> str:
        return self.settings.field_name

    @property
    def certify(self) -> bool:
        return self.settings.certify

    @property
    def appearance(self) -> RemoteAppearance:
        return RemoteAppearance(self.settings.stamp.text, self.settings.stamp.text_params.get("url", ""),
                                self.settings.kind.value)

    def document(self) -> bytes:
        if self._document is None:
            if self.settings.prepare is None:
                self._document = self._pdf
            else:
                writer = self._writer()
                self.settings.prepare(writer)
                out = io.BytesIO()
                writer.write(out)
                self._document = out.getvalue()
        return self._document

    async def admit(self, certificate: asn1_x509.Certificate, others: tuple[asn1_x509.Certificate, ...] = ()) -> None:
        if certificate.sha256 in self._admitted:
            return
        await admit_certificate(certificate, others, self.context, time_zone=self.settings.time_zone)
        self._admitted.add(certificate.sha256)

    async def sign_with(self, signer: Signer) -> bytes:
        if signer.signing_cert is None:
            raise SignerUnavailable("penanda tangan tidak memiliki sertifikat", "the signer has no certificate")
        await self.admit(signer.signing_cert, tuple(signer.cert_registry))
        writer = self._writer()
        if self.settings.prepare is not None:
            self.settings.prepare(writer)
        try:
            return await self._sign(writer, signer)
        except PyHankoSigningError as exc:
            raise DocumentRefused(f"dokumen tidak dapat ditandatangani: {exc}",
                                  f"the document cannot be signed: {exc}") from exc

    # -- judging a backend's output ---------------------------------------------------------------
    async def accept(self, signed: bytes) -> EmbeddedPdfSignature:
        """The new signature in ``signed``, or ``SignerUnavailable`` if the output cannot be used."""
        if len(signed) <= len(self._pdf) or not signed.startswith(self._pdf):
            raise SignerUnavailable("hasil penandatanganan bukan pembaruan inkremental dari dokumen masukan",
                                    "the signed output is not an incremental update of the input document")
        sig = embedded_signature(PdfFileReader(io.BytesIO(signed), strict=False), self.field_name)
        if sig is None:
            raise SignerUnavailable(f"kolom '{self.field_name}' tidak terisi tanda tangan pada hasil",
                                    f"field '{self.field_name}' holds no signature in the output")
        status = await async_validate_pdf_signature(sig, self.context, skip_diff=True)
        if not (status.intact and status.valid):
            raise SignerUnavailable("tanda tangan pada hasil tidak sah (isi atau kriptografi tidak cocok)",
                                    "the signature in the output is invalid (digest or cryptography)")
        if status.signing_cert.sha256 not in self._admitted:
            raise SignerUnavailable("tanda tangan dibuat dengan sertifikat yang tidak diperiksa/terdaftar",
                                    "the signature was made with a certificate that was not checked/registered")
        return sig

    # -- internals --------------------------------------------------------------------------------
    def _writer(self) -> IncrementalPdfFileWriter:
        return IncrementalPdfFileWriter(io.BytesIO(self._pdf))

    async def _sign(self, writer: IncrementalPdfFileWriter, signer: Signer) -> bytes:
        s = self.settings
        meta = PdfSignatureMetadata(
            field_name=s.field_name, md_algorithm=DIGEST, subfilter=SigSeedSubFilter.PADES, certify=s.certify,
            docmdp_permissions=MDPPerm.FILL_FORMS, reason=s.reason or _REASONS[s.kind], location=s.location)
        new_field = (SigFieldSpec(s.field_name, on_page=s.new_field.page, box=s.new_field.box)
                     if s.new_field is not None else None)
        pdf_signer = PdfSigner(meta, signer=signer, timestamper=self.timestamper, stamp_style=s.stamp.style,
                               new_field_spec=new_field)
        # The steps of PdfSigner.async_sign_pdf, so that the stamp, /M and the CMS signing-time
        # attribute all carry this job's moment rather than pyHanko's own clock reading.
        session = pdf_signer.init_signing_session(writer, existing_fields_only=new_field is None)
        session.system_time = s.moment
        reserved = await session.estimate_signature_container_size(None)
        tbs = session.prepare_tbs_document(validation_info=None, bytes_reserved=reserved,
                                           appearance_text_params=dict(s.stamp.text_params))
        digest, output = tbs.digest_tbs_document(output=io.BytesIO())
        post = await tbs.perform_signature(digest.document_digest, PdfCMSSignedAttributes(signing_time=s.moment))
        await post.post_signature_processing(output)
        output.seek(0)
        return bytes(output.read())
