"""A remote signing service in the style of Indonesia's national one (BSrE): NIK + passphrase in,
signed PDF out.

The request is one ``multipart/form-data`` POST: ``file`` (the PDF), ``nik``, ``passphrase``,
``field`` (the signature field to fill), ``tampilan`` (``visible``), ``text`` (the stamp text),
``linkQR`` (the verification URL), ``jenis`` (sign/paraf/seal) and, when the service can certify,
``certify``. Success is ``200`` with ``application/pdf``; a refusal is a JSON body
``{"error": "<message>", "code": "<code>"}`` whose code ``ERROR_CODES`` maps to Lintas's errors
(adapt that one table to a real service's documented codes).

Nothing that comes back is trusted. The answer must be an incremental update of exactly the
bytes sent, the requested field must now hold the signature, the new revisions may change
nothing but that field (pyHanko's difference analysis), and the signature must be intact and
made with the certificate registered for the NIK (``SignatureJob.accept`` checks the last two).
Lintas then adds the validation data and time stamps itself (``signing.ltv``).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import aiohttp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import (
    CatalogModificationRule,
    DiffResult,
    DocInfoRule,
    DSSCompareRule,
    FormUpdatingRule,
    GenericFieldModificationRule,
    MetadataUpdateRule,
    ModificationLevel,
    ObjectStreamRule,
    SigFieldCreationRule,
    SigFieldModificationRule,
    StandardDiffPolicy,
    XrefStreamRule,
)
from pyhanko.sign.diff_analysis.constants import ACROFORM_EXEMPT_STRICT_COMPARISON, ROOT_EXEMPT_STRICT_COMPARISON
from pyhanko.sign.fields import MDPPerm

from signing.errors import (
    CertificateRefused,
    DocumentRefused,
    SignerUnavailable,
    SigningError,
    WrongPassphrase,
)
from signing.pdfdoc import embedded_signature, revision_count
from signing.signers.base import SignatureJob
from signing.trust import to_asn1

ERROR_CODES: dict[str, Callable[[str, str], SigningError]] = {
    "wrong_passphrase": WrongPassphrase,
    "unknown_nik": CertificateRefused,
    "certificate_inactive": CertificateRefused,
    "document_refused": DocumentRefused,
}
MAX_EXTRA_BYTES = 20 * 1024 * 1024
# pyHanko's DEFAULT_DIFF_POLICY judges what follows a signature; the revision that *makes* one also
# sets /SigFlags (and, when certifying, the catalog's /Perms). Otherwise the same rules.
SIGNING_REVISION_POLICY = StandardDiffPolicy(
    global_rules=[
        CatalogModificationRule(ignored_keys=ROOT_EXEMPT_STRICT_COMPARISON | {"/Perms"}),
        *(rule().as_qualified(ModificationLevel.LTA_UPDATES) for rule in (
            DocInfoRule, XrefStreamRule, ObjectStreamRule, DSSCompareRule, MetadataUpdateRule)),
    ],
    form_rule=FormUpdatingRule(
        field_rules=[SigFieldCreationRule(), SigFieldModificationRule(), GenericFieldModificationRule()],
        ignored_acroform_keys=ACROFORM_EXEMPT_STRICT_COMPARISON | {"/SigFlags"}),
)


class RemoteServiceSigner:
    """Sign through the service at ``url`` as the holder of ``nik``, whose certificate is ``certificate``."""

    def __init__(self, url: str, nik: str, certificate: x509.Certificate | asn1_x509.Certificate, *,
                 timeout: float = 60.0, auth: tuple[str, str] | None = None, can_certify: bool = False,
                 name: str = "BSrE") -> None:
        self.url, self.nik, self.timeout, self.name = url, nik, timeout, name
        self._certificate = to_asn1(certificate)
        self._auth = aiohttp.BasicAuth(*auth) if auth else None
        self._can_certify = can_certify

    @property
    def identity(self) -> str:
        return f"{self.name} NIK {self.nik[:6]}******{self.nik[-4:]}"

    @property
    def certificate(self) -> asn1_x509.Certificate:
        return self._certificate

    @property
    def can_certify(self) -> bool:
        return self._can_certify

    async def sign(self, job: SignatureJob, passphrase: str) -> bytes:
        await job.admit(self._certificate)
        sent = job.document()
        signed = await self._post(sent, job, passphrase)
        check_service_output(sent, signed, job.field_name)
        return signed

    async def _post(self, pdf: bytes, job: SignatureJob, passphrase: str) -> bytes:
        form = aiohttp.FormData()
        form.add_field("file", pdf, filename="dokumen.pdf", content_type="application/pdf")
        appearance = job.appearance
        for key, value in (("nik", self.nik), ("passphrase", passphrase), ("field", job.field_name),
                           ("tampilan", "visible"), ("text", appearance.text), ("linkQR", appearance.qr_url),
                           ("jenis", appearance.kind)):
            form.add_field(key, value)
        if self._can_certify:
            form.add_field("certify", "true" if job.certify else "false")
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        try:
            async with aiohttp.ClientSession(timeout=timeout) as session, \
                    session.post(self.url, data=form, auth=self._auth) as response:
                body = await _read(response, limit=len(pdf) + MAX_EXTRA_BYTES)
                if response.status != 200:
                    raise _refusal(self.name, response.status, body)
                if not body.startswith(b"%PDF-"):
                    raise SignerUnavailable(f"layanan {self.name} tidak mengembalikan PDF",
                                            f"the {self.name} service did not return a PDF")
                return body
        except TimeoutError:
            raise SignerUnavailable(f"layanan {self.name} tidak menjawab dalam {self.timeout:g} detik",
                                    f"the {self.name} service did not answer within {self.timeout:g} s") from None
        except aiohttp.ClientError as exc:
            raise SignerUnavailable(f"layanan {self.name} tidak dapat dihubungi ({type(exc).__name__})",
                                    f"cannot reach the {self.name} service ({type(exc).__name__})") from None


async def _read(response: aiohttp.ClientResponse, *, limit: int) -> bytes:
    body = bytearray()
    async for chunk in response.content.iter_chunked(1 << 16):
        body += chunk
        if len(body) > limit:
            raise SignerUnavailable("jawaban layanan terlalu besar", "the service's answer is too large")
    return bytes(body)


def _refusal(name: str, status: int, body: bytes) -> SigningError:
    try:
        answer = json.loads(body)
        message, code = str(answer.get("error", "")), str(answer.get("code", ""))
    except (ValueError, AttributeError):
        message, code = "", ""
    error = ERROR_CODES.get(code)
    if error is not None:
        return error(f"layanan {name} menolak: {message}", f"the {name} service refused: {message}")
    return SignerUnavailable(f"layanan {name} gagal (HTTP {status}) {message}".strip(),
                             f"the {name} service failed (HTTP {status}) {message}".strip())


def check_service_output(sent: bytes, signed: bytes, field_name: str) -> None:
    """Refuse (``SignerUnavailable``) an answer that is not ``sent`` plus the requested signature."""
    if len(signed) <= len(sent) or not signed.startswith(sent):
        raise SignerUnavailable("layanan mengembalikan dokumen yang bukan pembaruan inkremental dari dokumen "
                                "yang dikirim; ditolak",
                                "the service returned a document that is not an incremental update of the one "
                                "sent; refused")
    base = revision_count(PdfFileReader(io.BytesIO(sent), strict=False))
    reader = PdfFileReader(io.BytesIO(signed), strict=False)
    sig = embedded_signature(reader, field_name)
    if sig is None or sig.signed_revision != base:
        raise SignerUnavailable(f"layanan tidak mengisi kolom tanda tangan '{field_name}'; ditolak",
                                f"the service did not fill signature field '{field_name}'; refused")
    review = SIGNING_REVISION_POLICY.review_file(reader, base - 1, doc_mdp=MDPPerm.FILL_FORMS)
    if (not isinstance(review, DiffResult) or review.modification_level > ModificationLevel.FORM_FILLING
            or not review.changed_form_fields <= {field_name}):
        raise SignerUnavailable("layanan mengubah isi dokumen selain kolom tanda tangan; ditolak",
                                "the service changed the document beyond the signature field; refused")
