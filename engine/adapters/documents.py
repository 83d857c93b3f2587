"""The engine's ``DocumentEngine`` over the ``signing`` package: render, sign and verify documents.

Trust comes from configuration: ``LINTAS_TRUST_ANCHORS`` (production roots) with ``LINTAS_TSA_URL``,
or else the development PKI in ``LINTAS_PKI_DIR`` (``lintas pki init``), whose CRL, OCSP and TSA
are answered in process. Bundle templates are written once into a content-addressed folder under
the instance folder, so WeasyPrint reads them from disk like any bundle. Signing errors become the
engine's errors: a wrong passphrase is a field error on ``frasa_sandi``; a refused certificate or
field is ``SigningRefused``; an unreachable token or service is ``Unavailable``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from engine.domain.documents import Slot
from engine.domain.errors import FieldError, InvalidInput, SigningRefused, Unavailable, ValidationFailed
from engine.ports import Credential, Rendered, RenderInput, Signed, SignInput, Verified
from engine.settings import Settings
from signing.errors import (
    CertificateRefused,
    DocumentRefused,
    PkiError,
    RenderError,
    SignerUnavailable,
    SigningError,
    WrongPassphrase,
)
from signing.pki import DevPki, PkiService
from signing.render import Letterhead, RenderRequest, SignatureSlot, fill_number, render_document
from signing.sign import SignatureKind, SignatureLevel, SigningRequest, StampContent, sign_document
from signing.signers.base import SignerBackend
from signing.signers.pkcs11 import Pkcs11Signer
from signing.signers.pkcs12 import Pkcs12Signer
from signing.signers.remote import RemoteServiceSigner
from signing.trust import TrustSettings
from signing.verify import verify as verify_pdf

_ACTING = {"plt": "Plt.", "plh": "Plh.", "pj": "Pj."}
# pyHanko logs each failed check with a traceback; the report already says what failed and why.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.ERROR)


class SigningDocuments:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._trust: TrustSettings | None = None

    # -- trust ------------------------------------------------------------------------------------
    def dev_pki(self) -> DevPki | None:
        path = self.settings.pki_path
        return DevPki.load(path) if DevPki.exists(path) else None

    def pki_reply(self, method: str, path: str, body: bytes) -> tuple[int, str, bytes] | None:
        trust = self._load_trust(required=False)
        if trust is None or trust.local is None:
            return None
        reply = trust.local.handle(method, path, body)
        return reply.status, reply.content_type, reply.body

    def trust(self) -> TrustSettings:
        trust = self._load_trust(required=True)
        assert trust is not None
        return trust

    def _load_trust(self, *, required: bool) -> TrustSettings | None:
        if self._trust is None:
            if self.settings.trust_anchors:
                self._trust = TrustSettings.from_pem_files(self.settings.trust_anchors, tsa_url=self.settings.tsa_url)
            elif (pki := self.dev_pki()) is not None:
                self._trust = TrustSettings.from_dev_pki(PkiService(pki))
            elif required:
                raise InvalidInput("PKI belum dikonfigurasi: jalankan 'lintas pki init' (pengembangan) atau atur "
                                   "LINTAS_TRUST_ANCHORS", "no PKI configured: run 'lintas pki init' (development) "
                                   "or set LINTAS_TRUST_ANCHORS")
        return self._trust

    @property
    def issuer_name(self) -> str:
        if self.settings.ca_name:
            return self.settings.ca_name
        if self.settings.trust_anchors:
            return "penyelenggara sertifikasi elektronik yang diakui / a recognised certification authority"
        return "Lintas DEV Issuing CA (PKI pengembangan, tidak sah / development PKI, not legally valid)"

    # -- templates --------------------------------------------------------------------------------
    def template_problems(self, templates: Mapping[str, bytes], template: str,
                          slots: tuple[Slot, ...]) -> list[tuple[str, str]]:
        source = templates[template].decode("utf-8", errors="replace")
        problems: list[tuple[str, str]] = []
        try:
            SandboxedEnvironment(autoescape=True).parse(source)
        except TemplateSyntaxError as exc:
            problems.append((f"templat tidak dapat dibaca di baris {exc.lineno}: {exc.message}",
                             f"template syntax error at line {exc.lineno}: {exc.message}"))
        for slot in slots:
            if f"'{slot.field}'" not in source and f'"{slot.field}"' not in source:
                problems.append((f"kolom tanda tangan '{slot.field}' ({slot.kind}) tidak ditempatkan di templat",
                                 f"signature field '{slot.field}' ({slot.kind}) is not placed in the template"))
        return problems

    def _template_dir(self, templates: Mapping[str, bytes]) -> Path:
        manifest = hashlib.sha256(json.dumps(
            {name: hashlib.sha256(data).hexdigest() for name, data in sorted(templates.items())}).encode()).hexdigest()
        target = self.settings.instance_dir / "templates" / manifest
        if not target.is_dir():
            target.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=target.parent))
            for name, data in templates.items():
                path = (staging / name).resolve()
                if staging.resolve() not in path.parents:
                    raise InvalidInput(f"nama berkas templat tidak aman: {name}", f"unsafe template file name: {name}")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            try:
                os.rename(staging, target)
            except OSError:      # another process wrote the same content first
                pass
        return target

    # -- render -----------------------------------------------------------------------------------
    def render(self, request: RenderInput) -> Rendered:
        head = request.letterhead
        try:
            rendered = render_document(RenderRequest(
                template_dir=self._template_dir(request.templates), template=request.template, data=request.data,
                letterhead=Letterhead(head.pemda, head.opd, head.address or "-", head.contact),
                signatures=tuple(SignatureSlot(s.field, s.kind, s.label) for s in request.slots),  # type: ignore[arg-type]
                verify_url=request.verify_url, issuer_name=self.issuer_name, number=request.number,
                title=request.title, timezone=request.timezone))
        except RenderError as exc:
            raise InvalidInput(exc.message_id, exc.message_en) from exc
        return Rendered(rendered.pdf, rendered.template_sha256, rendered.page_count)

    # -- sign -------------------------------------------------------------------------------------
    def sign(self, pdf: bytes, request: SignInput, credential: Credential, passphrase: str) -> Signed:
        number = request.number
        stamp = StampContent(request.signer_name, role=request.role, verify_url=request.verify_url,
                             time_zone=request.timezone, nip=request.nip or "",
                             acting=_ACTING.get(request.capacity or "", ""), on_behalf_of=request.on_behalf_of or "")
        signing = SigningRequest(request.field, stamp, kind=SignatureKind(request.kind),
                                 level=SignatureLevel(self.settings.signature_level),
                                 certify=None if request.certify else False,
                                 prepare=(lambda writer: fill_number(writer, number)) if number else None)
        try:
            done = sign_document(pdf, signing, self._backend(credential), passphrase, self.trust())
        except WrongPassphrase as exc:
            raise ValidationFailed([FieldError("frasa_sandi", "passphrase", exc.message_id, exc.message_en)]) from exc
        except (CertificateRefused, DocumentRefused, PkiError) as exc:
            raise SigningRefused(exc.message_id, exc.message_en) from exc
        except SignerUnavailable as exc:
            raise Unavailable(exc.message_id, exc.message_en) from exc
        except SigningError as exc:
            raise SigningRefused(exc.message_id, exc.message_en) from exc
        return Signed(done.pdf, str(done.level), format(done.signer.serial_number, "x"), done.signer.subject,
                      done.signed_at)

    def _backend(self, credential: Credential) -> SignerBackend:
        certificate = x509.load_der_x509_certificate(credential.certificate)
        if credential.kind == "pkcs12" and credential.pkcs12 is not None:
            return Pkcs12Signer(credential.pkcs12, certificate=certificate)
        if credential.kind == "pkcs11":
            config = credential.config
            return Pkcs11Signer(str(config["library"]), str(config["token"]), str(config["key"]),
                                certificate=certificate)
        if credential.kind == "remote":
            if not self.settings.remote_signer_url:
                raise SigningRefused("layanan tanda tangan jarak jauh belum dikonfigurasi (LINTAS_REMOTE_SIGNER_URL)",
                                     "no remote signing service is configured (LINTAS_REMOTE_SIGNER_URL)")
            return RemoteServiceSigner(self.settings.remote_signer_url, str(credential.config["nik"]), certificate)
        raise SigningRefused(f"jenis kredensial tidak dikenal: {credential.kind}",
                             f"unknown credential kind: {credential.kind}")

    # -- verify -----------------------------------------------------------------------------------
    def verify(self, pdf: bytes) -> Verified:
        report = verify_pdf(pdf, self.trust())
        head = report.reasons[0] if report.reasons else None
        data: dict[str, Any] = {**report.to_dict(), "text": report.to_text()}
        return Verified(str(report.verdict), head.id if head else "", head.en if head else "",
                        tuple(data.get("signatures") or ()), data)

    def certificate_summary(self, certificate: bytes) -> tuple[bytes, str, str, datetime]:
        try:
            cert = x509.load_der_x509_certificate(certificate)
        except ValueError:
            try:
                cert = x509.load_pem_x509_certificate(certificate)
            except ValueError as exc:
                raise InvalidInput("sertifikat tidak dapat dibaca (PEM atau DER)",
                                   "the certificate cannot be read (PEM or DER)") from exc
        return (cert.public_bytes(serialization.Encoding.DER), cert.subject.rfc4514_string(),
                format(cert.serial_number, "x"), cert.not_valid_after_utc.astimezone(UTC))
