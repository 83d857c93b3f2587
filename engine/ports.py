"""Interfaces the engine needs from the outside world; bootstrap plugs in the implementations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from engine.domain.documents import Slot
from engine.domain.errors import FieldError


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FormEngine(Protocol):
    """JSON Schema forms (implemented by the ``forms`` package)."""

    def check(self, form_id: str, source: bytes | Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """Parse and check a form schema: (schema, problems); problems empty when usable."""
        ...

    def validate(self, form_id: str, schema: Mapping[str, Any], data: Any) -> list[FieldError]:
        """Field-level errors of ``data`` against the schema; empty when valid."""
        ...

    def clean(self, form_id: str, schema: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
        """Only the declared fields of already-validated data."""
        ...


class Mailer(Protocol):
    """Sends one e-mail (implemented over SMTP by ``engine.adapters.mail``)."""

    def send(self, to: str, subject: str, body: str) -> None: ...


# -- documents (implemented over the ``signing`` package by ``engine.adapters.documents``) ------------

@dataclass(frozen=True)
class Letterhead:
    """The kop surat: the pemda, the OPD and its address lines."""

    pemda: str
    opd: str
    address: str = ""
    contact: str = ""


@dataclass(frozen=True)
class RenderInput:
    templates: Mapping[str, bytes]       # the bundle's templates/ folder: path -> content
    template: str
    data: Mapping[str, Any]
    letterhead: Letterhead
    slots: tuple[Slot, ...]
    verify_url: str
    title: str
    timezone: str
    number: str | None = None            # None: a field filled when the letter is signed


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    template_sha256: str
    pages: int


@dataclass(frozen=True)
class SignInput:
    field: str
    kind: str                            # paraf | sign | seal
    signer_name: str
    role: str                            # the office held, e.g. "Kepala Dinas"
    capacity: str | None                 # definitif | plt | plh | pj (printed as "Plt. Kepala Dinas")
    on_behalf_of: str | None             # "a.n." office, when signing for a higher office
    nip: str | None
    timezone: str
    verify_url: str
    certify: bool                        # the first signature certifies (form filling allowed)
    number: str | None = None            # filled into the number field in the same revision


@dataclass(frozen=True)
class Credential:
    """How a holder signs: ``pkcs12`` (bytes), ``pkcs11`` or ``remote`` (settings in ``config``)."""

    kind: str
    certificate: bytes                   # DER
    pkcs12: bytes | None = None
    config: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Signed:
    pdf: bytes
    level: str
    serial: str
    subject: str
    signing_time: datetime


@dataclass(frozen=True)
class Verified:
    verdict: str                         # VALID | INVALID | INDETERMINATE
    summary_id: str
    summary_en: str
    signatures: tuple[Mapping[str, Any], ...]
    report: Mapping[str, Any]            # the full report, JSON-ready


class DocumentEngine(Protocol):
    """Renders, signs and verifies output documents (implemented over the ``signing`` package)."""

    @property
    def issuer_name(self) -> str:
        """The CA named in the documents' footer ("... sertifikat elektronik yang diterbitkan oleh ...")."""
        ...

    def template_problems(self, templates: Mapping[str, bytes], template: str,
                          slots: tuple[Slot, ...]) -> list[tuple[str, str]]:
        """Deploy-time checks of one template: (Indonesian, English) problems, empty when usable."""
        ...

    def render(self, request: RenderInput) -> Rendered: ...

    def sign(self, pdf: bytes, request: SignInput, credential: Credential, passphrase: str) -> Signed:
        """Sign ``pdf``; raises ``SigningRefused``/``WrongPassphrase``/``Unavailable``, never half-signs."""
        ...

    def verify(self, pdf: bytes) -> Verified:
        """A verification report; never raises for a bad or unsigned PDF."""
        ...

    def pki_reply(self, method: str, path: str, body: bytes) -> tuple[int, str, bytes] | None:
        """The development PKI's answer (CRL, OCSP, TSA, CA certificates) to an HTTP request under /pki;
        None when no development PKI serves here."""
        ...

    def certificate_summary(self, certificate: bytes) -> tuple[bytes, str, str, datetime]:
        """(DER, subject, serial in hex, not_after) of a PEM or DER certificate."""
        ...


@dataclass(frozen=True)
class CertificateSubject:
    name: str
    organization: str
    unit: str = ""
    title: str = ""
    nip: str = ""
    nik: str = ""
    email: str = ""
    username: str = ""


@dataclass(frozen=True)
class IssuedCertificate:
    certificate: bytes                   # DER
    pkcs12: bytes                        # encrypted under the holder's passphrase
    serial: str
    subject: str
    not_after: datetime


class CertificateAuthority(Protocol):
    """The development PKI (``lintas pki init``); production certificates come from a real CA."""

    def exists(self) -> bool: ...

    def create(self, base_url: str, organization: str) -> str:
        """Create the DEV root, issuing CA, OCSP responder and TSA; returns the root's name."""
        ...

    def issue(self, subject: CertificateSubject, passphrase: str, purpose: str) -> IssuedCertificate: ...

    def revoke(self, serial: str, reason: str) -> None: ...

    def open_pkcs12(self, data: bytes, passphrase: str) -> tuple[bytes, str, str, datetime]:
        """(certificate DER, serial, subject, not_after) of a PKCS#12 the passphrase opens."""
        ...
