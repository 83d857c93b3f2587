"""The verification report: what an auditor reads about a signed PDF, frozen once it is made.

``signing.verify`` fills it in; this module only holds it and renders it. Vocabulary follows
ETSI EN 319 102-1 (indications TOTAL-PASSED / TOTAL-FAILED / INDETERMINATE with sub-indications)
and PAdES (levels B-B, B-T, B-LT, B-LTA). Keys of ``to_dict`` are stable English identifiers;
every text a person reads is a ``Text`` in Bahasa Indonesia and English.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

from signing.report_text import render


class Verdict(enum.StrEnum):
    VALID = "VALID"
    INVALID = "INVALID"
    INDETERMINATE = "INDETERMINATE"


class Indication(enum.StrEnum):
    TOTAL_PASSED = "TOTAL-PASSED"
    TOTAL_FAILED = "TOTAL-FAILED"
    INDETERMINATE = "INDETERMINATE"


class SignatureKind(enum.StrEnum):
    APPROVAL = "approval"
    CERTIFICATION = "certification"
    DOCUMENT_TIMESTAMP = "document_timestamp"


class Coverage(enum.StrEnum):
    ENTIRE_FILE = "entire_file"
    ENTIRE_REVISION = "entire_revision"
    UNCLEAR = "unclear"


class ChangeLevel(enum.StrEnum):
    """What the revisions after a signature did, in pyHanko's difference-analysis levels."""

    NONE = "none"
    LTA_UPDATES = "lta_updates"
    FORM_FILLING = "form_filling"
    ANNOTATIONS = "annotations"
    OTHER = "other"


EXIT_CODES = {Verdict.VALID: 0, Verdict.INVALID: 1, Verdict.INDETERMINATE: 2}


@dataclass(frozen=True)
class Text:
    """A sentence for a person: Bahasa Indonesia first, English second."""

    id: str
    en: str

    def __str__(self) -> str:
        return f"{self.id} ({self.en})"


@dataclass(frozen=True)
class SignerIdentity:
    common_name: str
    organization: str | None = None
    unit: str | None = None
    title: str | None = None
    nik: str | None = None
    nip: str | None = None
    email: str | None = None
    subject: str = ""


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    issuer: str
    serial: str                 # hexadecimal, as certificate viewers show it
    not_before: datetime
    not_after: datetime
    sha256: str


@dataclass(frozen=True)
class Chain:
    """The certification path from the signer to a configured, named trust anchor."""

    anchor: str | None                     # ``TrustAnchor.name``; None when no path to an anchor was found
    certificates: tuple[str, ...] = ()     # common names, signer first
    problem: Text | None = None


@dataclass(frozen=True)
class Timing:
    claimed: datetime | None = None        # what the signer says (not proof)
    claimed_source: str | None = None      # "signed_attribute" | "signature_dictionary"
    proven: datetime | None = None         # genTime of the signature (or document) timestamp
    tsa: str | None = None
    timestamp_verified: bool | None = None
    best_signature_time: datetime | None = None   # earliest proof of existence found by the AdES validation


@dataclass(frozen=True)
class RevocationSource:
    kind: str                  # "ocsp" | "crl"
    origin: str                # "signature" | "dss" | "fetched"
    issuer: str                # OCSP responder or CRL issuer
    produced_at: datetime | None
    this_update: datetime | None
    next_update: datetime | None
    status: str                # "good" | "revoked" | "unknown" for the signer's certificate
    revoked_at: datetime | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Revocation:
    status: str                # "good" | "revoked" | "unknown"
    revoked_at: datetime | None = None
    reason: str | None = None
    sources: tuple[RevocationSource, ...] = ()


@dataclass(frozen=True)
class Modifications:
    """What the revisions after the signed one changed, and whether that is permitted."""

    level: ChangeLevel | None
    accepted: bool
    later_revisions: tuple[int, ...] = ()
    changed_fields: tuple[str, ...] = ()
    problems: tuple[Text, ...] = ()


@dataclass(frozen=True)
class RevisionInfo:
    """One incremental update of the file (revision 0 is the original document)."""

    revision: int
    signatures: tuple[str, ...] = ()        # fields signed (or time-stamped) in this revision
    dss_updated: bool = False
    pages_changed: tuple[int, ...] = ()      # 1-based page numbers whose page object was rewritten
    objects_updated: int = 0


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    kind: SignatureKind
    verdict: Verdict
    indication: Indication
    sub_indication: str | None
    reasons: tuple[Text, ...] = ()
    detail: str | None = None                # the validator's technical message (English), if any
    docmdp: str | None = None                # certification permission: no_changes | fill_forms | annotate
    signature_format: str | None = None     # PAdES | PKCS#7 | RFC 3161
    level: str | None = None                 # B-B | B-T | B-LT | B-LTA as detected in the file
    validation_process: str | None = None    # Basic | LTVM | LTA | Timestamp (ETSI EN 319 102-1)
    signed_revision: int | None = None
    signer: SignerIdentity | None = None
    certificate: CertificateInfo | None = None
    chain: Chain = Chain(None)
    timing: Timing = Timing()
    intact: bool | None = None
    crypto_valid: bool | None = None
    coverage: Coverage | None = None
    modifications: Modifications | None = None
    revocation: Revocation | None = None


@dataclass(frozen=True)
class DocumentInfo:
    sha256: str
    size: int
    revisions: tuple[RevisionInfo, ...] = ()
    lenient_parsing: bool = False
    parsing_problem: str | None = None      # why the strict parser refused the file (English, technical)


@dataclass(frozen=True)
class VerificationReport:
    verdict: Verdict
    reasons: tuple[Text, ...]
    document: DocumentInfo
    signatures: tuple[SignatureReport, ...] = ()
    validation_time: datetime = field(default_factory=lambda: datetime.now(UTC))
    point_in_time: bool = False             # validated as of a given moment instead of now
    fetching_allowed: bool = True

    @property
    def exit_code(self) -> int:
        """0 VALID, 1 INVALID, 2 INDETERMINATE (for the CLI)."""
        return EXIT_CODES[self.verdict]

    @property
    def lenient_parsing(self) -> bool:
        return self.document.lenient_parsing

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: enums as their values, times as ISO 8601 UTC, texts as {"id", "en"}."""
        result = _plain(self)
        result["exit_code"] = self.exit_code
        return result  # type: ignore[no-any-return]

    def to_text(self, tz: tzinfo = UTC) -> str:
        """A short plain-text rendering for the CLI, Bahasa Indonesia first."""
        return render(self, tz)


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value
