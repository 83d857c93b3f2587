"""Verify the signatures of a PDF and say, in a frozen report, whether an auditor can rely on them.

``verify`` never raises for what is in the file: an unsigned, damaged or unreadable PDF is a
report. A document is VALID only when every signature and document timestamp passes its ETSI
EN 319 102-1 validation (TOTAL-PASSED) *and* pyHanko's difference analysis accepts every
revision appended after each signature: the AdES result alone would pass a file with text drawn
over a signed page in a later incremental update. Other rules:

- no signature at all (or only document timestamps): INDETERMINATE;
- any signature or timestamp TOTAL-FAILED, damaged, or followed by a not-permitted change: INVALID;
- otherwise any INDETERMINATE signature (revocation unknown, revoked without proof of an earlier
  signing time, no path to a trust anchor, ...): INDETERMINATE;
- a file the strict parser refuses is read leniently and flagged (``lenient_parsing``). That alone
  does not condemn it (pdfsig, for one, writes files pyHanko's strict reader refuses), but the
  verdict is then at best INDETERMINATE when pyHanko had to interpret revisions no signature
  covers whole, or the file mixes cross-reference tables and streams (hybrid files, which readers
  may see differently): that is where shadow attacks hide.

Revocation is hard-fail for every certificate of the path. A signature that a trusted time stamp
proves older than its certificate's revocation stays TOTAL-PASSED (ETSI EN 319 102-1 §5.5); the
report then says the certificate was revoked later.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfStrictReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESStatus
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY
from pyhanko.sign.fields import SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.validation import EmbeddedPdfSignature

from signing import evidence, messages
from signing.report import (
    Chain,
    Coverage,
    DocumentInfo,
    Indication,
    RevisionInfo,
    SignatureKind,
    SignatureReport,
    Text,
    Verdict,
    VerificationReport,
)
from signing.revinfo import Embedded, embedded_in, revocation_of
from signing.trust import TrustSettings
from signing.validation import AdesOutcome, Validator

logger = logging.getLogger(__name__)
_SUBFILTERS = {f.value for f in SigSeedSubFilter}
_INDICATIONS = {AdESStatus.PASSED: Indication.TOTAL_PASSED, AdESStatus.FAILED: Indication.TOTAL_FAILED,
                AdESStatus.INDETERMINATE: Indication.INDETERMINATE}


def verify(pdf: bytes, trust: TrustSettings, *, moment: datetime | None = None) -> VerificationReport:
    """Verify ``pdf`` now, or as of ``moment``; safe to call from any thread, even one running a loop.

    With ``moment`` the validation is point-in-time: only validation data embedded in the document
    (DSS, revocation-info-archival) is used, nothing is fetched.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(averify(pdf, trust, moment=moment))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lintas-verify") as pool:
        return pool.submit(asyncio.run, averify(pdf, trust, moment=moment)).result()


async def averify(pdf: bytes, trust: TrustSettings, *, moment: datetime | None = None) -> VerificationReport:
    """``verify`` for callers already inside an event loop."""
    started = moment or datetime.now(UTC)
    try:
        return await _verify(bytes(pdf), trust, moment, started)
    except Exception as exc:  # the report is the error channel: nothing a file contains may escape as one
        logger.exception("verification failed unexpectedly")
        detail = Text(f"{messages.INTERNAL.id}: {type(exc).__name__}", f"{messages.INTERNAL.en}: {exc!r}")
        data = bytes(pdf) if isinstance(pdf, bytes | bytearray | memoryview) else b""
        return VerificationReport(Verdict.INDETERMINATE, (detail,), _document(data), (), started, moment is not None,
                                  trust.allow_fetching)


@dataclass
class _Opened:
    reader: PdfFileReader
    lenient: bool
    objection: str = ""
    signatures: list[EmbeddedPdfSignature] = field(default_factory=list)
    broken: list[SignatureReport] = field(default_factory=list)
    embedded: Embedded = field(default_factory=Embedded)
    revisions: tuple[RevisionInfo, ...] = ()


async def _verify(pdf: bytes, trust: TrustSettings, moment: datetime | None, started: datetime) -> VerificationReport:
    opened = _open(pdf)
    if isinstance(opened, Text):
        return VerificationReport(Verdict.INDETERMINATE, (opened,), _document(pdf), (), started,
                                  moment is not None, trust.allow_fetching)
    reader, signatures, embedded = opened.reader, opened.signatures, opened.embedded
    reports = list(opened.broken)
    async with trust.session() as session:
        validator = Validator(trust, session, embedded.knowledge(), moment)
        for sig in signatures:
            try:
                reports.append(await _check(sig, validator, trust, embedded, signatures, reader))
            except Exception as exc:  # one signature that cannot be validated must not hide the others
                logger.warning("signature %s could not be validated", sig.field_name, exc_info=True)
                reports.append(_unusable(sig.field_name, Indication.INDETERMINATE, "GENERIC", messages.NOT_VALIDATED,
                                         f"{type(exc).__name__}: {exc}", sig.signed_revision))
    reports.sort(key=lambda r: (r.signed_revision is None, r.signed_revision or 0))
    verdict, reasons = _overall(reports, opened)
    document = _document(pdf, opened.revisions, opened.lenient, opened.objection or None)
    return VerificationReport(verdict, reasons, document, tuple(reports), started, moment is not None,
                              trust.allow_fetching)


def _open(pdf: bytes) -> _Opened | Text:
    """Strict parsing first; lenient parsing (flagged, with the strict reader's objection) after.

    Everything that reads the file's structure (signature fields, difference analysis, DSS,
    revision summary) happens here, so a strict-mode objection met anywhere leads to the lenient pass.
    """
    failure: Exception | None = None
    objection = ""
    for strict in (True, False):
        try:
            reader = PdfFileReader(io.BytesIO(pdf), strict=strict)
            if strict and reader.xrefs.hybrid_xrefs_present:
                objection = "hybrid cross-reference sections"   # pyHanko's strict validation refuses these
                continue
            opened = _Opened(reader, lenient=not strict, objection=objection)
            for name, value, sig_field in enumerate_sig_fields(reader, filled_status=True):
                _collect(opened, name, value, sig_field)
            opened.signatures.sort(key=lambda s: s.signed_revision)
            opened.embedded = _embedded(reader, opened.signatures)
            opened.revisions = _revisions(reader, opened.signatures)
            return opened
        except Exception as exc:  # a parser meeting hostile input can fail in many ways
            failure = exc
            objection = objection or f"{type(exc).__name__}: {exc}"[:300]
    detail = f"{type(failure).__name__}: {failure}" if failure else "unreadable"
    return Text(messages.UNREADABLE.id, f"{messages.UNREADABLE.en} ({detail[:200]})")


def _collect(opened: _Opened, name: str, value: object, sig_field: object) -> None:
    sig_object = value.get_object() if isinstance(value, generic.IndirectObject) else value
    subfilter = str(sig_object.get("/SubFilter", "")) if isinstance(sig_object, generic.DictionaryObject) else ""
    revision = _revision_of(opened.reader, value)
    if subfilter not in _SUBFILTERS:
        opened.broken.append(_unusable(name, Indication.INDETERMINATE, "SIG_CONSTRAINTS_FAILURE",
                                       messages.UNSUPPORTED, f"SubFilter {subfilter or 'missing'}", revision))
        return
    try:
        sig = EmbeddedPdfSignature(opened.reader, sig_field, name)  # type: ignore[arg-type]
        sig.compute_integrity_info(DEFAULT_DIFF_POLICY)
    except PdfStrictReadError:
        raise
    except Exception as exc:  # damaged CMS, byte range or structure: this signature cannot stand
        opened.broken.append(_unusable(name, Indication.TOTAL_FAILED, "FORMAT_FAILURE",
                                       messages.SUB_INDICATIONS["FORMAT_FAILURE"], f"{type(exc).__name__}: {exc}",
                                       revision))
        return
    opened.signatures.append(sig)


def _revision_of(reader: PdfFileReader, value: object) -> int | None:
    try:
        return reader.xrefs.get_last_change(value.reference) if isinstance(value, generic.IndirectObject) else None
    except Exception:  # only used to order a damaged signature among the others
        return None


def _unusable(name: str, indication: Indication, sub: str, text: Text, detail: str,
              revision: int | None = None) -> SignatureReport:
    verdict = Verdict.INVALID if indication is Indication.TOTAL_FAILED else Verdict.INDETERMINATE
    return SignatureReport(name, SignatureKind.APPROVAL, verdict, indication, sub, (text,), detail[:300],
                           signed_revision=revision, chain=Chain(None, (), text))


async def _check(sig: EmbeddedPdfSignature, validator: Validator, trust: TrustSettings, embedded: Embedded,
                 signatures: list[EmbeddedPdfSignature], reader: PdfFileReader) -> SignatureReport:
    kind, docmdp = evidence.kind_of(sig)
    doc_timestamps = [s for s in signatures if s.sig_object_type == "/DocTimeStamp"]
    if kind is SignatureKind.DOCUMENT_TIMESTAMP:
        tst = sig.signed_data
        outcome = await validator.document_timestamp(sig)
    else:
        tst = evidence.signature_timestamp(sig.signer_info)
        archived = any(ts.signed_revision > sig.signed_revision for ts in doc_timestamps)
        outcome = await validator.signature(sig, timestamped=tst is not None, archived=tst is not None and archived)
    indication = _INDICATIONS[outcome.sub_indication.status]
    sub = None if indication is Indication.TOTAL_PASSED else outcome.sub_indication.standard_name
    mods = evidence.modifications_of(sig, docmdp, reader.xrefs.total_revisions)
    cert = sig.signer_cert
    status = outcome.status
    problem = None if status and status.validation_path else messages.sub_indication_text(sub)
    verified = outcome.timestamp_verified
    if kind is SignatureKind.DOCUMENT_TIMESTAMP:
        verified = indication is Indication.TOTAL_PASSED
    verdict, reasons = _judge(indication, sub, mods.accepted, mods.problems)
    revocation = revocation_of(cert, outcome.objects, embedded, _revoked(outcome))
    if verdict is Verdict.VALID and revocation.status == "revoked":
        reasons += (messages.revoked_later(revocation.revoked_at),)
    elif verdict is Verdict.INDETERMINATE and revocation.status == "unknown":
        reasons += (messages.NO_REVOCATION_DATA if trust.allow_fetching else messages.NO_REVOCATION_DATA_OFFLINE,)
    return SignatureReport(
        sig.field_name, kind, verdict, indication, sub, reasons, outcome.failure, docmdp,
        evidence.signature_format(sig), evidence.level_of(sig, tst, doc_timestamps, embedded, reader),
        outcome.process, sig.signed_revision, evidence.signer_identity(cert), evidence.certificate_info(cert),
        evidence.chain_of(status.validation_path if status else None, trust, problem),
        evidence.timing_of(sig, tst, verified, outcome.best_time),
        status.intact if status else _intact_from(sub), status.valid if status else None,
        evidence.coverage_of(sig), mods, revocation)


def _judge(indication: Indication, sub: str | None, accepted: bool,
           problems: tuple[Text, ...]) -> tuple[Verdict, tuple[Text, ...]]:
    reasons: list[Text] = []
    if indication is not Indication.TOTAL_PASSED:
        reasons.append(messages.sub_indication_text(sub))
    if not accepted:
        reasons += problems
    if indication is Indication.TOTAL_FAILED or not accepted:
        return Verdict.INVALID, tuple(reasons)
    if indication is Indication.INDETERMINATE:
        return Verdict.INDETERMINATE, tuple(reasons)
    return Verdict.VALID, ()


def _overall(reports: list[SignatureReport], opened: _Opened) -> tuple[Verdict, tuple[Text, ...]]:
    reasons = [messages.about(r.field_name, text) for r in reports for text in r.reasons]
    # Leniency matters where pyHanko had to interpret unsigned revisions (or hybrid files, which
    # readers may see differently); bytes covered whole by a signature are what was signed.
    doubtful = opened.lenient and (opened.objection.startswith("hybrid") or any(
        r.coverage is not Coverage.ENTIRE_FILE for r in reports))
    if opened.lenient:
        reasons.insert(0, messages.LENIENT if doubtful else messages.LENIENT_COVERED)
    verdicts = {r.verdict for r in reports}
    if Verdict.INVALID in verdicts:
        return Verdict.INVALID, tuple(reasons)
    if not any(r.kind is not SignatureKind.DOCUMENT_TIMESTAMP for r in reports):
        return Verdict.INDETERMINATE, (messages.ONLY_TIMESTAMPS if reports else messages.NO_SIGNATURE, *reasons)
    if Verdict.INDETERMINATE in verdicts or doubtful:
        return Verdict.INDETERMINATE, tuple(reasons)
    return Verdict.VALID, (messages.ALL_VALID, *reasons)


def _revoked(outcome: AdesOutcome) -> tuple[datetime, str | None] | None:
    details = outcome.status.revocation_details if outcome.status else None
    if details is None or details.ca_revoked:
        return None
    return details.revocation_date, details.revocation_reason.native if details.revocation_reason else None


def _intact_from(sub: str | None) -> bool | None:
    return False if sub == "HASH_FAILURE" else None


def _embedded(reader: PdfFileReader, signatures: list[EmbeddedPdfSignature]) -> Embedded:
    try:
        return embedded_in(reader, [s.signer_info for s in signatures if s.sig_object_type == "/Sig"])
    except PdfStrictReadError:
        raise
    except Exception:  # a damaged DSS only means no offline validation data
        logger.warning("validation data in the document could not be read", exc_info=True)
        return Embedded()


def _revisions(reader: PdfFileReader, signatures: list[EmbeddedPdfSignature]) -> tuple[RevisionInfo, ...]:
    try:
        return evidence.revisions_of(reader, signatures)
    except PdfStrictReadError:
        raise
    except Exception:  # the revision summary is descriptive; the verdict never depends on it
        logger.warning("revision summary failed", exc_info=True)
        return ()


def _document(pdf: bytes, revisions: tuple[RevisionInfo, ...] = (), lenient: bool = False,
              objection: str | None = None) -> DocumentInfo:
    return DocumentInfo(hashlib.sha256(pdf).hexdigest(), len(pdf), revisions, lenient, objection)
