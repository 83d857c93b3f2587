"""Running pyHanko's ETSI EN 319 102-1 validation processes for one embedded signature.

The process follows what the signature carries: Basic (§5.3) for a signature without a time
stamp, validation with time (§5.5, "LTVM") for one with a signature time stamp, and long-term
validation (§5.6.3, "LTA") once a document time stamp follows it. pyHanko's LTA process alone
would mark a B-T or B-LT signature INDETERMINATE/NO_POE even when it validates now (it insists
on a past validation that needs a later document time stamp), hence the choice.

Revocation is required for every certificate in the path (no soft-fail). Validation data
embedded in the document (DSS, revocation-info-archival) is used as local knowledge; fetching
from the PKI's responders happens only when ``TrustSettings.allow_fetching`` says so, through
the trust settings' session (so the development PKI answers in process).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from pyhanko.sign.ades.report import AdESIndeterminate, AdESSubIndic
from pyhanko.sign.validation import EmbeddedPdfSignature
from pyhanko.sign.validation.ades import (
    AdESBasicValidationResult,
    AdESWithTimeValidationResult,
    ades_basic_validation,
    ades_lta_validation,
    ades_timestamp_validation,
    ades_with_time_validation,
)
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.policy_decl import (
    LocalKnowledge,
    PdfSignatureValidationSpec,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko.sign.validation.status import SignatureStatus, StandardCMSSignatureStatus
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend
from pyhanko_certvalidator.ltv.poe import ValidationObject
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
from pyhanko_certvalidator.registry import SimpleTrustManager

from signing.trust import Session, TrustSettings


@dataclass(frozen=True)
class AdesOutcome:
    process: str
    sub_indication: AdESSubIndic
    status: SignatureStatus | None
    failure: str | None = None
    best_time: datetime | None = None
    objects: tuple[ValidationObject, ...] = ()
    timestamp_verified: bool | None = None


class Validator:
    """Validates the signatures of one document inside one event loop and one PKI session."""

    def __init__(self, trust: TrustSettings, session: Session, knowledge: LocalKnowledge,
                 moment: datetime | None) -> None:
        self.backend = AIOHttpFetcherBackend(session, per_request_timeout=trust.timeout)  # type: ignore[arg-type]
        policy = CertValidationPolicySpec(
            trust_manager=SimpleTrustManager.build(trust_roots=[a.certificate for a in trust.anchors]),
            revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO))
        rule = (RevinfoOnlineFetchingRule.NO_HISTORICAL_FETCH if trust.allow_fetching
                else RevinfoOnlineFetchingRule.LOCAL_ONLY)
        self.base_knowledge = replace(knowledge, known_certs=[*trust.intermediates, *knowledge.known_certs])
        self.spec = SignatureValidationSpec(
            cert_validation_policy=policy, local_knowledge=self.base_knowledge,
            revinfo_gathering_policy=RevocationInfoGatheringSpec(online_fetching_rule=rule,
                                                                 fetcher_backend=self.backend))
        self.timing = (ValidationTimingInfo(moment, moment, point_in_time_validation=True) if moment
                       else ValidationTimingInfo.now())

    async def signature(self, sig: EmbeddedPdfSignature, *, timestamped: bool, archived: bool) -> AdesOutcome:
        process = "LTA" if archived else "LTVM" if timestamped else "Basic"
        try:
            if archived:
                return await self._lta(sig)
            if timestamped:
                return await self._with_time(sig)
            return await self._basic(sig)
        except SignatureValidationError as exc:
            return AdesOutcome(process, exc.ades_subindication or AdESIndeterminate.GENERIC, None,
                               exc.failure_message)

    async def document_timestamp(self, sig: EmbeddedPdfSignature) -> AdesOutcome:
        result = await ades_timestamp_validation(sig.signed_data, self.spec, sig.compute_digest,
                                                 timing_info=self.timing)
        return _outcome("Timestamp", result)

    async def _basic(self, sig: EmbeddedPdfSignature) -> AdesOutcome:
        # pyHanko builds the final status of this process as a plain CMS status whatever
        # status class is asked for, so the PDF integrity facts are read from ``sig`` instead.
        result = await ades_basic_validation(sig.signed_data, self.spec, timing_info=self.timing,
                                             raw_digest=sig.compute_digest())
        return _outcome("Basic", result)

    async def _with_time(self, sig: EmbeddedPdfSignature) -> AdesOutcome:
        result = await ades_with_time_validation(sig.signed_data, self.spec, timing_info=self.timing,
                                                 raw_digest=sig.compute_digest())
        return _outcome("LTVM", result)

    async def _lta(self, sig: EmbeddedPdfSignature) -> AdesOutcome:
        # pyHanko adds the DSS and the archival attribute itself here; the difference analysis
        # already ran (diff_policy=None skips repeating it for every signature of the file).
        spec = replace(self.spec, local_knowledge=LocalKnowledge(known_certs=list(self.base_knowledge.known_certs)))
        result = await ades_lta_validation(sig, PdfSignatureValidationSpec(spec, diff_policy=None),
                                           timing_info=self.timing)
        return _outcome("LTA", result)


def _outcome(process: str, result: AdESBasicValidationResult) -> AdesOutcome:
    status = result.api_status
    verified = None
    if isinstance(status, StandardCMSSignatureStatus) and status.timestamp_validity is not None:
        ts = status.timestamp_validity
        verified = bool(ts.intact and ts.valid and ts.trusted)
    best = result.best_signature_time if isinstance(result, AdESWithTimeValidationResult) else None
    return AdesOutcome(process, result.ades_subindic, status, result.failure_msg, best,
                       tuple(result.validation_objects), verified)
